/**
 * The checks a methodologist asks of a fitted prediction model, as the analysis document reports them:
 *
 * - nonlinearity: the model refitted with every continuous predictor as a restricted cubic spline (the procedure's
 *   knots, or DEFAULT_TEST_KNOTS) and rms's anova of it by likelihood ratio — each factor, its nonlinear terms,
 *   every nonlinear term together — with the AIC of the linear and the spline fits (rms: anova(lrm(y ~ rcs(x, 3) +
 *   …), test = "LR"));
 * - the model's own anova (each factor's LR test in the model as fitted: what each factor adds to the others);
 * - added value: for each numeric candidate the page compares with the model, the likelihood-ratio test of the
 *   model against that factor alone when the factor is in the model (nested models fitted to the same patients:
 *   DeLong's test of their AUCs is not valid there — Demler, Pencina & D'Agostino, Stat Med 2012), otherwise the
 *   LR test of the factor added to the model; the DeLong test stays for markers that were not fitted;
 * - a joint DeLong test that the AUCs of three or more single markers are equal (DeLong 1988's χ² on the contrast
 *   matrix of successive differences);
 * - with Firth's estimate: profile penalised-likelihood CIs and penalised LR p-values, as logistf reports them;
 * - Riley et al.'s minimum sample size with P = the candidate parameters (dummies and spline terms counted);
 * - each marker's Youden cut-point with its apparent sensitivity and specificity and their bootstrap-corrected
 *   values (the cut-point chosen again in every resample and scored on the original data);
 * - the partial effect of each continuous predictor of the model (log-odds and OR against its median, others at
 *   their medians, 95% pointwise CIs; rms::Predict).
 *
 * A check that cannot be computed (a fit that fails or separates, a Firth fit where LR needs ML) is null and says
 * why in the document's warnings; it never stops the analysis. Randomness only from replicateRng(seed, b): resample
 * b of the cut-point bootstrap is its n draws (so, for one seed, the fixed bootstrap's resample b), and ranges of
 * resamples run on workers (cutpointRange) give the same numbers to the last bit. Pure, no DOM.
 *
 * @example modelChecks(run, data, {}).nonlinearity?.rows.find((r) => r.label === "TOTAL NONLINEAR")?.p
 */
import type {PreparedData} from "../cohort/prepare.js";
import type {DesignColumns, DesignMatrix} from "../stats/design.js";
import {anovaLogistic, anovaReducedTerms, knownFit, likelihoodRatioTest, type AnovaRow, type ReducedFits} from "../stats/likelihood-ratio.js";
import {modelFactors} from "../stats/spline.js";
import {fitLogistic, type LogisticFit} from "../stats/logistic.js";
import {delongJointTest} from "../stats/delong.js";
import {firthProfile, type FirthProfileTerm} from "../stats/firth-profile.js";
import {candidatesFromColumns, rileyByCandidates, type CandidateCount} from "../stats/candidate-parameters.js";
import {coxSnellR2, maxCoxSnellR2} from "../stats/sample-size.js";
import {cutpointCollector, cutpointSetup, mergeCutpointParts, resampleCounts, type CutpointAccuracy, type CutpointPart, type CutpointSetup} from "../stats/cutpoint-bootstrap.js";
import {partialEffectEvaluator, type PartialEffectPoint} from "../stats/partial-effect.js";
import {replicateRng} from "../stats/random.js";
import {designFor, type ModelStage, type ProcedureDesign, type ProcedureRun} from "../procedure/run.js";
import {splineKnots, type Procedure} from "../procedure/procedure.js";
import {RILEY_CONSERVATIVE_FRACTION} from "./validation.js";
import {DEFAULT_BOOTSTRAP_SEED} from "./defaults.js";

/** Knots of the spline a linear predictor is tested against (Harrell's default for small samples). */
export const DEFAULT_TEST_KNOTS = 3;
/** Resamples of the cut-point bootstrap unless asked otherwise. */
export const DEFAULT_CUTPOINT_REPLICATES = 200;
/** Points of each partial-effect curve in the document. */
export const PARTIAL_EFFECT_POINTS = 60;

/** One row of an rms-style anova, as the document keeps it. */
export interface AnovaEntry {
  /** rms's label: the factor, " Nonlinear", "TOTAL NONLINEAR" or "TOTAL". */
  label: string;
  kind: AnovaRow["kind"];
  factor: string | null;
  terms: string[];
  statistic: number;
  df: number;
  p: number;
  /** AIC of the model without these terms. */
  reducedAic: number | null;
}

export interface NonlinearityCheck {
  /** The spline of each continuous predictor: its knots (Harrell's placement, rms::rcs). */
  splines: {factor: string; knots: number[]}[];
  /** rms anova(…, test = "LR") of the spline model. */
  rows: AnovaEntry[];
  /** AIC of the model with every continuous predictor linear, and with each as its spline. */
  aicLinear: number;
  aicSpline: number;
  devianceLinear: number;
  devianceSpline: number;
}

export interface AddedValueTest {
  /** The marker the model's AUC is compared with. */
  marker: string;
  /** Whether the marker is one of the model's predictors (then the model contains it: nested). */
  inModel: boolean;
  /** "model vs marker alone" (nested: what the model's other terms add) or "marker added to model". */
  comparison: "model vs marker alone" | "marker added to model";
  statistic: number;
  df: number;
  p: number;
  /** AIC of the larger and of the smaller model. */
  aicLarger: number;
  aicSmaller: number;
  /** Terms the larger model adds. */
  added: string[];
  /** Whether DeLong's test of the two AUCs is valid here (false for nested models fitted to these data). */
  delongValid: boolean;
}

export interface JointDelong {
  markers: string[];
  aucs: number[];
  statistic: number;
  df: number;
  p: number;
}

export interface CutpointCheck {
  marker: string;
  threshold: number;
  apparent: CutpointAccuracy;
  corrected: CutpointAccuracy;
  optimism: CutpointAccuracy;
  replicates: number;
  used: number;
  seed: number;
}

export interface CandidateSampleSize {
  /** P: every candidate parameter considered (dummies and spline terms counted). */
  parameters: number;
  candidates: CandidateCount[];
  prevalence: number;
  /** Riley's criteria with P, at 15% of the largest Cox–Snell R² (no earlier model), and at this model's apparent R². */
  conservative: {rSquaredCS: number; minimum: number; criteria: {criterion: string; n: number; events: number}[]} | null;
  fromModel: {rSquaredCS: number; minimum: number; criteria: {criterion: string; n: number; events: number}[]} | null;
}

export interface PartialEffectCurve {
  factor: string;
  kind: "spline" | "linear" | "categorical";
  reference: number | string;
  adjustedTo: {factor: string; value: number | string}[];
  points: Pick<PartialEffectPoint, "value" | "logOdds" | "lower" | "upper" | "oddsRatio" | "orLower" | "orUpper">[];
}

export interface ModelChecks {
  nonlinearity: NonlinearityCheck | null;
  anova: AnovaEntry[] | null;
  addedValue: AddedValueTest[];
  jointDelong: JointDelong | null;
  firthProfile: {level: number; penalizedLogLik: number; terms: FirthProfileTerm[]} | null;
  candidateSampleSize: CandidateSampleSize | null;
  cutpoints: CutpointCheck[];
  partialEffects: PartialEffectCurve[];
  /** The model's spline terms (knots) when the procedure asked for splines. */
  splines: {factor: string; knots: number[]}[];
}

export interface ModelCheckOptions {
  cutpointReplicates?: number;
  seed?: number;
  /** The cut-point bootstrap's ranges already run (on a worker pool), in replicate order, for these options. */
  cutpointParts?: CutpointRangePart[];
  /** The likelihood-ratio tests' fits already made (modelCheckFits, on a worker pool). */
  reducedFits?: ReducedFits;
}

/**
 * The fits the model checks' likelihood-ratio tests make, named so that a caller can make them ahead on a worker
 * pool: for each design (the model's, for its anova; the spline model's, for the test of nonlinearity), the terms
 * each of its reduced models drops ([] for the spline model itself). Fitted (fitLogistic, no offset) and passed in
 * as `reducedFits` keyed by reducedFitKey, they are the fits the checks would make, so the document is the same to
 * the last bit. Empty for Firth's estimator (no LR anova) or an empty model.
 */
export function modelCheckFits(run: ProcedureRun, data: PreparedData): {design: DesignMatrix; drops: string[][]}[] {
  const {procedure, model: stage} = run;
  if (procedure.estimate !== "ml" || stage.predictors.length === 0) return [];
  const out = [{design: stage.design as DesignMatrix, drops: anovaReducedTerms(stage.design, modelFactors(stage.design, stage.design))}];
  const splines = nonlinearitySplines(stage, data, procedure);
  if (splines) {
    try {
      const design = designFor(data, stage.predictors, {splines});
      out.push({design, drops: [[], ...anovaReducedTerms(design, modelFactors(design, design))]});
    } catch {
      // the check reports why it cannot be made
    }
  }
  return out;
}

/** One range of the cut-point bootstrap: per marker (cutpointMarkers' order) its part, or why it could not be run. */
export type CutpointRangePart = ({part: CutpointPart} | {error: string})[];

const message = (e: unknown): string => (e instanceof Error ? e.message.replace(/^\w+: /, "") : String(e));

function anovaEntries(rows: AnovaRow[]): AnovaEntry[] {
  return rows.map((r) => ({label: r.label, kind: r.kind, factor: r.factor, terms: r.terms, statistic: r.statistic, df: r.df, p: r.p, reducedAic: r.reduced?.aic ?? null}));
}

/** The prepared variables as raw columns (numbers, or level labels), for partial effects and candidate counts. */
export function rawColumns(data: PreparedData, names: readonly string[]): DesignColumns {
  const out: DesignColumns = Object.create(null);
  for (const name of names) {
    const v = data.variables.get(name)!;
    out[name] = v.numeric ? v.values! : Array.from(v.codes!, (c) => v.levels[c]!);
  }
  return out;
}

function fitted(design: ProcedureDesign, y: Float64Array): LogisticFit {
  return fitLogistic(design, y);
}

/** The test of nonlinearity's splines: each continuous predictor of the model with its knots; null when there is none. */
function nonlinearitySplines(stage: ModelStage, data: PreparedData, procedure: Procedure): Record<string, number> | null {
  const continuous = stage.predictors.filter((p) => data.variables.get(p)!.kind === "continuous");
  if (continuous.length === 0) return null;
  const splines: Record<string, number> = Object.create(null);
  for (const p of continuous) splines[p] = splineKnots(procedure, p) || DEFAULT_TEST_KNOTS;
  return splines;
}

function nonlinearity(stage: ModelStage, data: PreparedData, procedure: Procedure, warnings: string[], reducedFits?: ReducedFits): NonlinearityCheck | null {
  const splines = nonlinearitySplines(stage, data, procedure);
  if (!splines) return null;
  try {
    const design = designFor(data, stage.predictors, {splines});
    const linearDesign = designFor(data, stage.predictors);
    const fit = (reducedFits && knownFit(reducedFits, design)) ?? fitted(design, data.y);
    const linear = procedure.estimate === "ml" && !procedure.splines ? stage.fit : fitted(linearDesign, data.y);
    if (fit.separation.detected) warnings.push("The test of nonlinearity refits the model with each measurement as a restricted cubic spline; that fit separates, so its likelihood-ratio tests are not reliable.");
    const anova = anovaLogistic(design, data.y, modelFactors(design, design), {fit, ...(reducedFits ? {reducedFits} : {})});
    return {
      splines: design.splines.map((s) => ({factor: s.factor, knots: s.knots})),
      rows: anovaEntries(anova.rows),
      aicLinear: linear.aic,
      aicSpline: fit.aic,
      devianceLinear: linear.deviance,
      devianceSpline: fit.deviance
    };
  } catch (e) {
    warnings.push(`The test of nonlinearity (each measurement as a restricted cubic spline) could not be computed: ${message(e)}.`);
    return null;
  }
}

function addedValue(stage: ModelStage, data: PreparedData, procedure: Procedure, markers: readonly string[], warnings: string[]): AddedValueTest[] {
  if (procedure.estimate !== "ml" || stage.predictors.length === 0) return [];
  const out: AddedValueTest[] = [];
  for (const marker of markers) {
    const inModel = stage.predictors.includes(marker);
    try {
      if (inModel) {
        if (stage.predictors.length === 1) continue;
        const alone = fitted(designFor(data, [marker], procedure), data.y);
        const t = likelihoodRatioTest(stage.fit, alone);
        out.push({marker, inModel, comparison: "model vs marker alone", statistic: t.statistic, df: t.df, p: t.p, aicLarger: t.full.aic, aicSmaller: t.reduced.aic, added: t.added, delongValid: false});
      } else {
        const larger = fitted(designFor(data, [...stage.predictors, marker], procedure), data.y);
        const t = likelihoodRatioTest(larger, stage.fit);
        out.push({marker, inModel, comparison: "marker added to model", statistic: t.statistic, df: t.df, p: t.p, aicLarger: t.full.aic, aicSmaller: t.reduced.aic, added: t.added, delongValid: true});
      }
    } catch (e) {
      warnings.push(`The likelihood-ratio test of the model against ${JSON.stringify(marker)} could not be computed: ${message(e)}.`);
    }
  }
  return out;
}

function candidateSampleSize(stage: ModelStage, data: PreparedData, procedure: Procedure): CandidateSampleSize | null {
  const splines = new Map<string, number>();
  for (const c of procedure.candidates) if (splineKnots(procedure, c) > 0) splines.set(c, splineKnots(procedure, c));
  const specs = candidatesFromColumns(rawColumns(data, procedure.candidates), procedure.candidates, {splines});
  const n = data.y.length;
  const prevalence = data.events / n;
  const maxR2 = maxCoxSnellR2(prevalence);
  const summarise = (r: ReturnType<typeof rileyByCandidates>, rSquaredCS: number) => ({rSquaredCS, minimum: r.minimum, criteria: r.criteria.map((c) => ({criterion: c.criterion, n: c.n, events: c.events}))});
  let conservative: CandidateSampleSize["conservative"] = null;
  let fromModel: CandidateSampleSize["fromModel"] = null;
  let parameters = 0;
  let counted: CandidateCount[] = [];
  try {
    const r2 = RILEY_CONSERVATIVE_FRACTION * maxR2;
    const r = rileyByCandidates(specs, {prevalence, rSquaredCS: r2});
    conservative = summarise(r, r2);
    parameters = r.parameters.total;
    counted = r.parameters.candidates;
    const apparent = coxSnellR2(stage.fit.lrStatistic, n);
    if (apparent > 0 && apparent < maxR2) fromModel = summarise(rileyByCandidates(specs, {prevalence, rSquaredCS: apparent}), apparent);
  } catch {
    return null;
  }
  return {parameters, candidates: counted, prevalence, conservative, fromModel};
}

/** The markers whose Youden cut-point is bootstrapped: every numeric candidate, then the model's predicted risk. */
export function cutpointMarkers(run: ProcedureRun, data: PreparedData): {name: string; values: Float64Array}[] {
  const markers = run.procedure.candidates.filter((c) => data.variables.get(c)!.numeric);
  return [...markers.map((name) => ({name, values: data.variables.get(name)!.values!})), {name: "model", values: run.model.fit.fitted}];
}

/** Each marker's setup on the original data, or null where it throws (the merge reports that error). */
export function cutpointSetups(markers: readonly {values: ArrayLike<number>}[], y: Float64Array): (CutpointSetup | null)[] {
  return markers.map((m) => {
    try {
      return cutpointSetup(m.values, y);
    } catch {
      return null;
    }
  });
}

/** Resamples start..start + count − 1 of the cut-point bootstrap, for every marker: resample b from replicateRng(seed, b). */
export function cutpointRange(markers: readonly {values: ArrayLike<number>}[], y: Float64Array, seed: number, setups: readonly (CutpointSetup | null)[], start: number, count: number): CutpointRangePart {
  const n = y.length;
  const collectors = markers.map((m, j) => (setups[j] ? cutpointCollector(m.values, y, setups[j]!) : null));
  const errors: (string | null)[] = markers.map((_, j) => (setups[j] ? null : "the marker could not be set up"));
  const rows = new Int32Array(n);
  const drawn = new Int32Array(n);
  for (let b = start; b < start + count; b++) {
    const rng = replicateRng(seed, b);
    for (let i = 0; i < n; i++) rows[i] = rng.int(n);
    // one resample for every marker: its counts once
    const counts = resampleCounts(rows, y, b, drawn);
    collectors.forEach((c, j) => {
      if (!c || errors[j] !== null) return;
      try {
        c.observeCounts(counts);
      } catch (e) {
        errors[j] = e instanceof Error ? e.message : String(e);
      }
    });
  }
  return collectors.map((c, j) => (errors[j] !== null || !c ? {error: errors[j]!} : {part: c.part()}));
}

function cutpoints(markers: {name: string; values: ArrayLike<number>}[], y: Float64Array, replicates: number, seed: number, warnings: string[], given?: CutpointRangePart[]): CutpointCheck[] {
  if (replicates < 1) return [];
  const ranges = given ?? [cutpointRange(markers, y, seed, cutpointSetups(markers, y), 0, replicates)];
  const out: CutpointCheck[] = [];
  markers.forEach((m, j) => {
    try {
      // the original data's errors first, then the first resample's that threw, as one loop over them reports it
      const setup = cutpointSetup(m.values, y);
      const parts = ranges.map((r) => {
        const p = r[j]!;
        if ("error" in p) throw new Error(p.error);
        return p.part;
      });
      const r = mergeCutpointParts(setup, parts);
      out.push({marker: m.name, threshold: r.threshold, apparent: r.apparent, corrected: r.corrected, optimism: r.optimism, replicates: r.replicates, used: r.used, seed});
    } catch (e) {
      warnings.push(`The bootstrap of the Youden cut-point of ${JSON.stringify(m.name)} could not be computed: ${message(e)}.`);
    }
  });
  return out;
}

function partialEffects(stage: ModelStage, data: PreparedData, warnings: string[]): PartialEffectCurve[] {
  const continuous = stage.predictors.filter((p) => data.variables.get(p)!.kind === "continuous");
  if (continuous.length === 0 || !stage.fit.converged) return [];
  const model = {fit: stage.fit, design: stage.design, splines: stage.design.splines, data: rawColumns(data, stage.predictors)};
  // one evaluator for all the factors: each column's adjust-to value and the covariance once, not once per factor
  const effectOf = partialEffectEvaluator(model);
  const out: PartialEffectCurve[] = [];
  for (const factor of continuous) {
    try {
      const values = data.variables.get(factor)!.values!;
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of values) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      const grid = Array.from({length: PARTIAL_EFFECT_POINTS}, (_, i) => lo + ((hi - lo) * i) / (PARTIAL_EFFECT_POINTS - 1));
      const pe = effectOf({factor, values: grid});
      out.push({
        factor, kind: pe.kind, reference: pe.reference, adjustedTo: pe.adjustedTo,
        points: pe.points.map((p) => ({value: p.value, logOdds: p.logOdds, lower: p.lower, upper: p.upper, oddsRatio: p.oddsRatio, orLower: p.orLower, orUpper: p.orUpper}))
      });
    } catch (e) {
      warnings.push(`The partial effect of ${JSON.stringify(factor)} could not be computed: ${message(e)}.`);
    }
  }
  return out;
}

/** Every check of the module comment for a procedure's run on prepared data. */
export function modelChecks(run: ProcedureRun, data: PreparedData, warnings: string[], {cutpointReplicates = DEFAULT_CUTPOINT_REPLICATES, seed = DEFAULT_BOOTSTRAP_SEED, cutpointParts, reducedFits: given}: ModelCheckOptions = {}): ModelChecks {
  const {procedure, model: stage} = run;
  const markers = procedure.candidates.filter((c) => data.variables.get(c)!.numeric);
  const ml = procedure.estimate === "ml";
  // the model's anova and the spline model's share reduced models (the model without a factor is both's)
  const reducedFits: ReducedFits = new Map(given ?? []);
  let anova: AnovaEntry[] | null = null;
  if (ml && stage.predictors.length > 0) {
    try {
      anova = anovaEntries(anovaLogistic(stage.design, data.y, modelFactors(stage.design, stage.design), {fit: stage.fit, reducedFits}).rows);
    } catch (e) {
      warnings.push(`The likelihood-ratio tests of the model's factors could not be computed: ${message(e)}.`);
    }
  }
  let jointDelong: JointDelong | null = null;
  const single = markers.filter((c) => data.variables.get(c)!.kind === "continuous");
  if (single.length >= 3) {
    try {
      const t = delongJointTest(single.map((c) => data.variables.get(c)!.values!), data.y);
      jointDelong = {markers: single, aucs: t.aucs, statistic: t.statistic, df: t.df, p: t.p};
    } catch (e) {
      warnings.push(`The joint DeLong test of the single markers' AUCs could not be computed: ${message(e)}.`);
    }
  }
  let profile: ModelChecks["firthProfile"] = null;
  if (!ml) {
    try {
      const p = firthProfile(stage.design, data.y, {start: stage.fit.coefficients});
      profile = {level: p.level, penalizedLogLik: p.penalizedLogLik, terms: p.terms};
    } catch (e) {
      warnings.push(`The profile penalised-likelihood intervals of the Firth fit could not be computed: ${message(e)}; the Wald intervals are shown instead.`);
    }
  }
  return {
    nonlinearity: ml ? nonlinearity(stage, data, procedure, warnings, reducedFits) : null,
    anova,
    addedValue: addedValue(stage, data, procedure, markers, warnings),
    jointDelong,
    firthProfile: profile,
    candidateSampleSize: candidateSampleSize(stage, data, procedure),
    cutpoints: cutpoints(cutpointMarkers(run, data), data.y, cutpointReplicates, seed, warnings, cutpointParts),
    partialEffects: partialEffects(stage, data, warnings),
    splines: stage.design.splines.map((s) => ({factor: s.factor, knots: s.knots}))
  };
}
