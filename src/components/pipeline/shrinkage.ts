/**
 * The shrunken equation, as the analysis document reports it: the procedure's model with every slope multiplied by
 * a uniform shrinkage factor and the intercept re-estimated so that the mean predicted risk is the observed
 * prevalence (Steyerberg, Clinical Prediction Models, 2nd ed. 2019, §13.2; Harrell, RMS 2nd ed., §5.5.1).
 *
 * Where the factor comes from (`source`), best first:
 * - "procedure-bootstrap": the optimism-corrected calibration slope of the bootstrap that repeats the whole
 *   procedure (screen, selection, refit) in every resample — the shrinkage the procedure needs;
 * - "fixed-bootstrap": the corrected slope of Harrell's bootstrap with the model's predictors fixed, which ignores
 *   the selection and so shrinks too little when predictors were chosen from more candidates;
 * - "heuristic": van Houwelingen & le Cessie's (χ² − df)/χ² when no bootstrap was run.
 * A factor above 1 (no overfitting detected) is used as 1 and one below 0 as 0, with `clamped` set and a note.
 *
 * Also: the heuristic factor beside the chosen one, the shrunken equation's apparent Brier and scaled Brier in the
 * data (its AUC is the fitted equation's: a uniform factor does not reorder patients; its calibration-in-the-large
 * is 0 by construction), and its decision curve. Pure, no DOM.
 *
 * @example shrinkageResult(fit, design, y, {fixed: bootstrap}).terms[1].estimate // β₁ × corrected slope
 */
import type {LogisticFit} from "../stats/logistic.js";
import type {DesignMatrix} from "../stats/design.js";
import {heuristicShrinkage, shrinkByFactor} from "../stats/shrinkage.js";
import {brierScore} from "../stats/calibration.js";
import {decisionCurve, type DecisionCurvePoint} from "../stats/decision-curve.js";
import {bootstrapNetBenefit, mergeNetBenefitParts, netBenefitRisks, type BootstrapNetBenefit, type NetBenefitPart} from "../stats/decision-curve-bootstrap.js";
import {replicateRng} from "../stats/random.js";

export type ShrinkageSource = "procedure-bootstrap" | "fixed-bootstrap" | "heuristic";

export interface ShrunkenTerm {
  term: string;
  /** The shrunken coefficient. */
  estimate: number;
  /** The fitted (unshrunken) coefficient. */
  fitted: number;
}

export interface ShrinkageResult {
  source: ShrinkageSource;
  /** Where the factor came from, in words. */
  basis: string;
  /** The factor as estimated (the corrected slope, or the heuristic), before clamping to [0, 1]. */
  estimate: number;
  /** The factor used, in [0, 1]. */
  factor: number;
  clamped: boolean;
  /** The bootstrap's replicates and seed (null for the heuristic). */
  replicates: number | null;
  seed: number | null;
  /** van Houwelingen & le Cessie's factor (χ² − df)/χ² of the same model, unclamped, for comparison. */
  heuristic: number | null;
  terms: ShrunkenTerm[];
  /** Apparent performance of the shrunken equation in these data. */
  performance: {brier: number; brierScaled: number; meanRisk: number};
  /** Net benefit of the shrunken equation (thresholds as the document's decision curve); null if not computable. */
  decisionCurve: DecisionCurvePoint[] | null;
}

/** The bootstrap results the factor can come from: any object with the slope's corrected value. */
export interface SlopeSource {
  indices: readonly {index: string; corrected: number}[];
  replicates: number;
  seed: number | null;
}

export interface ShrinkageInputs {
  fixed?: SlopeSource | null;
  procedure?: SlopeSource | null;
}

function correctedSlope(b: SlopeSource | null | undefined): number | null {
  const row = b?.indices.find((r) => r.index === "slope");
  return row && Number.isFinite(row.corrected) ? row.corrected : null;
}

/**
 * The shrunken equation (see the module comment); null for an intercept-only model (nothing to shrink) or when
 * no factor can be estimated (notes say why).
 */
export function shrinkageResult(fit: LogisticFit, design: DesignMatrix, y: Float64Array, validation: ShrinkageInputs | null, {thresholds, notes = []}: {thresholds: readonly number[]; notes?: string[]}): ShrinkageResult | null {
  const k = fit.coefficients.length;
  if (k < 2) return null;
  if (fit.coefficients.some((b) => !Number.isFinite(b))) {
    notes.push("Shrinkage: no shrunken equation, because the model has coefficients that are not finite numbers (see the warning on non-finite coefficients): slopes times a factor, and an intercept re-estimated for them, would not be numbers either.");
    return null;
  }
  const chi2 = fit.nullDeviance - fit.deviance;
  const heuristic = chi2 > 0 && Number.isFinite(chi2) ? heuristicShrinkage(chi2, k - 1) : null;
  let source: ShrinkageSource;
  let estimate: number | null;
  let boot: SlopeSource | null = null;
  const procedureSlope = correctedSlope(validation?.procedure);
  const fixedSlope = correctedSlope(validation?.fixed);
  if (procedureSlope !== null) {
    source = "procedure-bootstrap";
    estimate = procedureSlope;
    boot = validation!.procedure!;
  } else if (fixedSlope !== null) {
    source = "fixed-bootstrap";
    estimate = fixedSlope;
    boot = validation!.fixed!;
  } else {
    source = "heuristic";
    estimate = heuristic;
  }
  if (estimate === null) {
    notes.push("Shrinkage: no factor could be estimated (the model's likelihood-ratio χ² is not positive and no bootstrap slope is available), so no shrunken equation is given.");
    return null;
  }
  const factor = Math.min(1, Math.max(0, estimate));
  const clamped = factor !== estimate;
  const basis =
    source === "procedure-bootstrap"
      ? `the optimism-corrected calibration slope of the bootstrap that repeats the whole procedure (B = ${boot!.replicates}, seed ${boot!.seed})`
      : source === "fixed-bootstrap"
        ? `the optimism-corrected calibration slope of Harrell's bootstrap with the model's predictors fixed (B = ${boot!.replicates}, seed ${boot!.seed}); it does not repeat the selection, so it shrinks too little when the predictors were chosen from more candidates`
        : "van Houwelingen & le Cessie's heuristic (χ² − df)/χ² (no bootstrap was run)";
  if (clamped) {
    notes.push(
      estimate > 1
        ? `Shrinkage: the estimated factor ${estimate.toPrecision(3)} is above 1 (no overfitting detected), so the equation is not shrunk (factor 1).`
        : `Shrinkage: the estimated factor ${estimate.toPrecision(3)} is below 0 (the model predicts worse than the prevalence after correction), so the shrunken equation is the intercept-only model (factor 0).`
    );
  }
  let shrunk: ReturnType<typeof shrinkByFactor>;
  try {
    shrunk = shrinkByFactor(fit, design, y, factor);
  } catch (e) {
    // a linear predictor that overflows (coefficients of a column at an extreme scale): no shrunken equation, said why
    if (!(e instanceof RangeError)) throw e;
    notes.push(`Shrinkage: the shrunken equation could not be computed (${e.message.replace(/^\w+: /, "")}), so none is given.`);
    return null;
  }
  let events = 0;
  for (let i = 0; i < y.length; i++) events += y[i]!;
  const prevalence = events / y.length;
  const brier = brierScore(shrunk.fitted, y);
  let curve: DecisionCurvePoint[] | null = null;
  try {
    curve = decisionCurve(shrunk.fitted, y, thresholds);
  } catch (e) {
    notes.push(`The shrunken equation's decision curve could not be computed: ${e instanceof Error ? e.message : String(e)}.`);
  }
  return {
    source, basis, estimate, factor, clamped,
    replicates: boot ? boot.replicates : null,
    seed: boot ? boot.seed : null,
    heuristic,
    terms: fit.terms.map((t, j) => ({term: t.term, estimate: shrunk.coefficients[j]!, fitted: fit.coefficients[j]!})),
    performance: {brier, brierScaled: 1 - brier / (prevalence * (1 - prevalence)), meanRisk: shrunk.fitted.reduce((a, b) => a + b, 0) / y.length},
    decisionCurve: curve
  };
}

export interface DecisionCurveBootstrap extends BootstrapNetBenefit {
  /** "fixed": the model's predictors are kept in every resample. */
  kind: "fixed";
  seed: number;
}

/**
 * The bootstrap-corrected decision curve and its band (../stats/decision-curve-bootstrap.ts) over the resamples
 * the fixed-predictor bootstrap draws with this seed: resample b's n rows from replicateRng(seed, b), so resample b
 * is the fixed bootstrap's resample b. `parts`: the curve's parts that bootstrap collected from its own refits of
 * these resamples (./validation.ts chunkedBootstrap, worker/parallel.ts), in replicate order — the same numbers
 * without a second refit of each resample.
 */
export function decisionCurveBootstrap(
  fit: LogisticFit,
  design: DesignMatrix,
  y: Float64Array,
  {replicates, seed, thresholds, parts}: {replicates: number; seed: number; thresholds: readonly number[]; parts?: readonly NetBenefitPart[] | undefined}
): DecisionCurveBootstrap {
  if (parts) return {kind: "fixed", seed, ...mergeNetBenefitParts(y, {parts, thresholds, fitted: netBenefitRisks(design, fit)})};
  const n = design.n;
  const samples: Int32Array[] = [];
  for (let b = 0; b < replicates; b++) {
    const rng = replicateRng(seed, b);
    const rows = new Int32Array(n);
    for (let i = 0; i < n; i++) rows[i] = rng.int(n);
    samples.push(rows);
  }
  return {kind: "fixed", seed, ...bootstrapNetBenefit(design, y, {samples, thresholds, original: fit})};
}
