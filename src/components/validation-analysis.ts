/**
 * The Validation page's analysis, wired from the shared engine: for the four-factor prediction equation (age, BMD,
 * cement, recovery) and for the eight-variable multivariable model — events per variable; Riley et al.'s (2020)
 * minimum sample size; Harrell's bootstrap optimism correction of the AUC, calibration slope and intercepts and the
 * Brier score, with the failed refits counted; the Brier score against that of a constant prediction; Hosmer–
 * Lemeshow; the smoothed calibration curve of rms::val.prob with grouped observed proportions and Wilson CIs; and a
 * decision curve. The loader (src/data/validation.json.ts) runs it at build time; the page reruns parts of it in the
 * browser (groups, thresholds, the bootstrap on demand) with the same functions.
 *
 * No statistics here: fitLogistic, optimismBootstrap, calibrationCurve (lowess), hosmerLemeshow, brierScore,
 * decisionCurve, rileySampleSize, wilsonInterval come from src/components/stats/. Pure, no DOM.
 *
 * Throws what the engine throws (RangeError naming the argument); RangeError for an unknown model key.
 *
 * @example validateModel(rows, "equation", {replicates: 200, seed: 1}).bootstrap.corrected.auc
 */
import type {CohortRow} from "./cohort/schema.js";
import {CANDIDATES, EQUATION, cohortArrays, fitStudyModel} from "./study.js";
import {buildDesign} from "./stats/design.js";
import {optimismBootstrap, type FailedRefits, type IndexName, type PerformanceIndices} from "./stats/optimism-bootstrap.js";
import {calibrationCurve} from "./stats/lowess.js";
import {brierScore, hosmerLemeshow, type HosmerLemeshow} from "./stats/calibration.js";
import {decisionCurve, type DecisionCurvePoint} from "./stats/decision-curve.js";
import {coxSnellR2, maxCoxSnellR2, nagelkerkeR2, rileySampleSize, type RileySampleSize} from "./stats/sample-size.js";
import {wilsonInterval} from "./stats/binomial-ci.js";

export type ValidatedModel = "equation" | "multivariable";

export const VALIDATED_MODELS: Record<ValidatedModel, {label: string; predictors: readonly string[]}> = {
  equation: {label: "Prediction equation (age, BMD, cement volume, height recovery)", predictors: EQUATION},
  multivariable: {label: "Eight-variable multivariable model", predictors: CANDIDATES}
};

/** Riley et al.'s fallback when no earlier model gives an anticipated R²cs: 15% of its maximum (BMJ 2020, §"Anticipated R²"). */
export const RILEY_CONSERVATIVE_FRACTION = 0.15;

/** Default thresholds of the decision curve: 1% to 99% in steps of 1%. */
export const DEFAULT_THRESHOLDS: readonly number[] = Array.from({length: 99}, (_, i) => (i + 1) / 100);

export interface ValidationOptions {
  replicates?: number;
  seed?: number;
  method?: "ml" | "firth";
  hlGroups?: number;
  /** lowess span of the calibration curve (rms::val.prob: 2/3). */
  span?: number;
  thresholds?: readonly number[];
  /** Skip the bootstrap (for quick recomputation of the other parts). */
  bootstrap?: boolean;
}

export interface CalibrationGroup {
  group: number;
  lower: number;
  upper: number;
  n: number;
  events: number;
  /** Mean predicted risk in the group. */
  predicted: number;
  /** Observed proportion with ASD. */
  observed: number;
  ciLower: number;
  ciUpper: number;
}

export interface BootstrapSummary {
  method: "ml" | "firth";
  seed: number | null;
  replicates: number;
  used: number;
  failed: FailedRefits;
  apparent: PerformanceIndices;
  optimism: PerformanceIndices;
  corrected: PerformanceIndices;
  /** Refits behind each index (fewer for the slope where it has no finite value; see optimismBootstrap). */
  usedByIndex: Record<IndexName, number>;
  /** Per usable refit: optimism of the AUC and of the calibration slope (NaN where the slope is not finite). */
  optimismAuc: number[];
  optimismSlope: number[];
}

export interface RileySummary extends RileySampleSize {
  parameters: number;
  prevalence: number;
  rSquaredCS: number;
  /** Where rSquaredCS came from, in words. */
  basis: string;
}

export interface ModelValidation {
  key: ValidatedModel;
  label: string;
  predictors: string[];
  n: number;
  events: number;
  nonEvents: number;
  prevalence: number;
  /** Coefficients besides the intercept. */
  parameters: number;
  eventsPerParameter: number;
  /** Candidate predictors considered before selection (eight), and events per candidate. */
  candidateParameters: number;
  eventsPerCandidate: number;
  converged: boolean;
  separation: {detected: boolean; message?: string};
  lrStatistic: number;
  coxSnellR2: number;
  nagelkerkeR2: number;
  maxCoxSnellR2: number;
  riley: {fromModel: RileySummary | null; conservative: RileySummary};
  brier: number;
  /** Brier score of predicting the prevalence for everyone. */
  brierNull: number;
  /** 1 − Brier/Brier_null. */
  brierScaled: number;
  /** 1 − (bootstrap-corrected Brier)/Brier_null; null without the bootstrap. */
  brierScaledCorrected: number | null;
  hosmerLemeshow: HosmerLemeshow;
  groups: CalibrationGroup[];
  calibrationCurve: {predicted: number[]; observed: number[]; span: number};
  decisionCurve: DecisionCurvePoint[];
  bootstrap: BootstrapSummary | null;
  /** Every patient's predicted risk (complete cases, cohort order) and outcome, for recomputation in the page. */
  predictions: number[];
  outcome: number[];
}

/** Observed vs predicted per Hosmer–Lemeshow risk group, with Wilson 95% CIs of the observed proportion. */
export function calibrationGroups(p: ArrayLike<number>, y: ArrayLike<number>, groups = 10): {hosmerLemeshow: HosmerLemeshow; groups: CalibrationGroup[]} {
  const hl = hosmerLemeshow(p, y, {groups});
  return {
    hosmerLemeshow: hl,
    groups: hl.table.filter((g) => g.n > 0).map((g, i) => {
      const [ciLower, ciUpper] = wilsonInterval(g.observed, g.n);
      return {group: i + 1, lower: g.lower, upper: g.upper, n: g.n, events: g.observed, predicted: g.expected / g.n, observed: g.observed / g.n, ciLower, ciUpper};
    })
  };
}

function riley(parameters: number, prevalence: number, rSquaredCS: number, basis: string): RileySummary {
  return {...rileySampleSize({parameters, prevalence, rSquaredCS}), parameters, prevalence, rSquaredCS, basis};
}

/** The bootstrap of one model on the cohort (the browser's "rerun" button calls this alone). */
export function bootstrapModel(rows: readonly CohortRow[], key: ValidatedModel, {replicates = 200, seed = 20240601, method = "ml"}: Pick<ValidationOptions, "replicates" | "seed" | "method"> = {}): BootstrapSummary {
  const spec = VALIDATED_MODELS[key];
  if (!spec) throw new RangeError(`bootstrapModel: unknown model "${key}" (known: ${Object.keys(VALIDATED_MODELS).join(", ")})`);
  const data = cohortArrays(rows, spec.predictors);
  const design = buildDesign(data.columns, [...spec.predictors], {intercept: true});
  const b = optimismBootstrap(design, data.outcome, {replicates, seed, method});
  return {
    method: b.method, seed: b.seed, replicates: b.replicates, used: b.used, failed: b.failed,
    apparent: b.apparent, optimism: b.optimism, corrected: b.corrected, usedByIndex: b.usedByIndex,
    optimismAuc: Array.from(b.optimismByReplicate.auc), optimismSlope: Array.from(b.optimismByReplicate.slope)
  };
}

export function validateModel(rows: readonly CohortRow[], key: ValidatedModel, options: ValidationOptions = {}): ModelValidation {
  const spec = VALIDATED_MODELS[key];
  if (!spec) throw new RangeError(`validateModel: unknown model "${key}" (known: ${Object.keys(VALIDATED_MODELS).join(", ")})`);
  const {hlGroups = 10, span = 2 / 3, thresholds = DEFAULT_THRESHOLDS, bootstrap = true} = options;
  const {fit, data} = fitStudyModel(rows, spec.predictors);
  const p = fit.fitted;
  const y = data.outcome;
  const n = fit.n;
  const events = fit.events;
  const prevalence = events / n;
  const parameters = fit.coefficients.length - 1;
  const r2cs = coxSnellR2(fit.lrStatistic, n);
  const maxR2 = maxCoxSnellR2(prevalence);
  const brier = brierScore(p, y);
  const brierNull = brierScore(new Float64Array(n).fill(prevalence), y);
  const cal = calibrationGroups(p, y, hlGroups);
  const curve = calibrationCurve(p, y, {span});
  const boot = bootstrap ? bootstrapModel(rows, key, options) : null;
  let fromModel: RileySummary | null = null;
  if (r2cs > 0 && r2cs < maxR2) fromModel = riley(parameters, prevalence, r2cs, "the apparent Cox–Snell R² of this model (optimistic)");
  return {
    key, label: spec.label, predictors: [...spec.predictors],
    n, events, nonEvents: n - events, prevalence,
    parameters, eventsPerParameter: events / parameters,
    candidateParameters: CANDIDATES.length, eventsPerCandidate: events / CANDIDATES.length,
    converged: fit.converged, separation: {detected: fit.separation.detected, ...(fit.separation.message ? {message: fit.separation.message} : {})},
    lrStatistic: fit.lrStatistic, coxSnellR2: r2cs, nagelkerkeR2: nagelkerkeR2(fit.lrStatistic, n, -fit.nullDeviance / 2), maxCoxSnellR2: maxR2,
    riley: {
      fromModel,
      conservative: riley(parameters, prevalence, RILEY_CONSERVATIVE_FRACTION * maxR2, `${RILEY_CONSERVATIVE_FRACTION * 100}% of the largest R² possible at this prevalence (Riley et al.'s default without an earlier model)`)
    },
    brier, brierNull, brierScaled: 1 - brier / brierNull, brierScaledCorrected: boot ? 1 - boot.corrected.brier / brierNull : null,
    hosmerLemeshow: cal.hosmerLemeshow, groups: cal.groups,
    calibrationCurve: {predicted: Array.from(curve.predicted), observed: Array.from(curve.observed), span},
    decisionCurve: decisionCurve(p, y, thresholds),
    bootstrap: boot,
    predictions: Array.from(p),
    outcome: Array.from(y)
  };
}

export interface ValidationAnalysis {
  models: ModelValidation[];
  settings: {replicates: number; seed: number; method: "ml" | "firth"; hlGroups: number; span: number};
}

export function validationAnalysis(rows: readonly CohortRow[], {replicates = 200, seed = 20240601, method = "ml", hlGroups = 10, span = 2 / 3}: ValidationOptions = {}): ValidationAnalysis {
  const opts = {replicates, seed, method, hlGroups, span};
  return {models: (["equation", "multivariable"] as const).map((k) => validateModel(rows, k, opts)), settings: opts};
}
