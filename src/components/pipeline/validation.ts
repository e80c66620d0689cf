/**
 * How well a fitted model predicts, as the analysis document reports it — every part computed by the engine:
 *
 * - sampleSize: events per parameter (events = the less frequent outcome class), per candidate parameter, and Riley
 *   et al.'s (BMJ 2020) minimum sample size from the model's apparent Cox–Snell R² and from Riley's default (15% of
 *   its maximum at this prevalence);
 * - calibration (apparent): slope and intercepts of the recalibration models (rms::val.prob; glm with an offset),
 *   Brier and scaled Brier, Hosmer–Lemeshow with observed, expected and Wilson 95% CIs per risk group (a warning
 *   when an expected count is below 1), and the lowess calibration curve of val.prob (span 2/3), thinned for the
 *   document;
 * - decisionCurve: net benefit of the model, treat-all and treat-none at thresholds 1%–99% (Vickers & Elkin 2006);
 * - bootstrap: Harrell's optimism bootstrap of the model with its predictors fixed (stats/optimism-bootstrap.ts),
 *   run in chunks so a page can show progress — the same draws as one call with that seed, so a chunked run
 *   equals one call to the last bit; the original model is not fitted again.
 *
 * A part that cannot be computed (fitted risks of exactly 0 or 1 under separation; too few distinct risks for the
 * Hosmer–Lemeshow groups) is null with a note saying why; the rest stands. Pure, no DOM.
 *
 * @example validateFit(fit, y, {bootstrap: {replicates: 200, seed: 1}, design}).bootstrap?.indices[0].corrected
 */
import type {LogisticFit} from "../stats/logistic.js";
import type {DesignMatrix} from "../stats/design.js";
import {brierScore, calibrationSlopeIntercept, hosmerLemeshow} from "../stats/calibration.js";
import {calibrationCurve} from "../stats/lowess.js";
import {decisionCurve, type DecisionCurvePoint} from "../stats/decision-curve.js";
import {coxSnellR2, maxCoxSnellR2, nagelkerkeR2, rileySampleSize, type RileySampleSize} from "../stats/sample-size.js";
import {wilsonInterval} from "../stats/binomial-ci.js";
import {netBenefitCollector, type NetBenefitPart} from "../stats/decision-curve-bootstrap.js";
import {INDEX_INFO, INDEX_NAMES, knownOwnCalibration, optimismBootstrap, performanceIndices, summarizeOptimism, type FailedRefits, type IndexName, type OptimismBootstrap, type PerformanceIndices, type RefitOutcome} from "../stats/optimism-bootstrap.js";
import {procedureRefitCollector, type ProcedureReplicate, type RefitRecordRequest} from "./procedure-validation.js";

/** The usual minimum of events per model parameter (Peduzzi et al. 1996). */
export const MIN_EVENTS_PER_PARAMETER = 10;
/** Riley's fallback when no earlier model gives an anticipated R²cs: 15% of its maximum (BMJ 2020, §"Anticipated R²"). */
export const RILEY_CONSERVATIVE_FRACTION = 0.15;
/** Decision-curve thresholds: 1% to 99% in steps of 1%. */
export const DECISION_THRESHOLDS: readonly number[] = Array.from({length: 99}, (_, i) => (i + 1) / 100);
/** Most points a curve in the document keeps (statistics use every point). */
export const MAX_CURVE_POINTS = 800;

export interface RileySummary extends RileySampleSize {
  parameters: number;
  prevalence: number;
  rSquaredCS: number;
  /** Where rSquaredCS came from, in words. */
  basis: string;
}

export interface SampleSizeSummary {
  /** Model coefficients besides the intercept. */
  parameters: number;
  /** Parameters of every candidate considered (a categorical candidate with L levels counts L − 1). */
  candidateParameters: number;
  /** The less frequent outcome class. */
  limitingEvents: number;
  eventsPerParameter: number | null;
  eventsPerCandidateParameter: number;
  coxSnellR2: number;
  nagelkerkeR2: number;
  maxCoxSnellR2: number;
  riley: {fromModel: RileySummary | null; conservative: RileySummary | null};
}

export interface CalibrationGroup {
  group: number;
  lower: number;
  upper: number;
  n: number;
  events: number;
  /** Sum of the predicted risks in the group (expected events). */
  expected: number;
  /** Mean predicted risk. */
  predicted: number;
  /** Observed proportion. */
  observed: number;
  /** Wilson 95% CI of the observed proportion. */
  ciLower: number;
  ciUpper: number;
}

export interface CalibrationSummary {
  /** glm(y ~ logit p): slope and its intercept (rms val.prob's "Slope" and "Intercept"). */
  slope: number;
  slopeModelIntercept: number;
  /** glm(y ~ 1, offset = logit p): calibration-in-the-large. */
  intercept: number;
  brier: number;
  /** Brier score of predicting the prevalence for everyone. */
  brierNull: number;
  /** 1 − Brier/Brier_null. */
  brierScaled: number;
  hosmerLemeshow: {statistic: number; df: number; p: number; groups: CalibrationGroup[]; smallestExpected: number} | null;
  /** val.prob's lowess of y on p (span 2/3, 3 robustness iterations), thinned. */
  curve: {predicted: number[]; observed: number[]; span: number} | null;
}

export interface IndexRow {
  index: IndexName;
  label: string;
  apparent: number;
  optimism: number;
  corrected: number;
  /** Refits this index is averaged over. */
  used: number;
}

export interface BootstrapValidation {
  /** "fixed": the model's predictors are kept in every resample (selection not repeated). */
  kind: "fixed";
  method: "ml" | "firth";
  seed: number;
  replicates: number;
  used: number;
  failed: FailedRefits;
  indices: IndexRow[];
  /** Per usable refit, in draw order: apparent − test of each index (NaN where not finite). */
  optimismByReplicate: Record<IndexName, number[]>;
}

export interface ValidationSummary {
  sampleSize: SampleSizeSummary;
  calibration: CalibrationSummary | null;
  decisionCurve: DecisionCurvePoint[] | null;
  bootstrap: BootstrapValidation | null;
  /** Why a part is missing, or what a reader should know about it. */
  notes: string[];
}

export interface ValidateOptions {
  /** Parameters of all candidates considered (default: the model's). */
  candidateParameters?: number;
  /** Fixed-predictor bootstrap: replicates and seed; null to skip. */
  bootstrap?: {replicates: number; seed: number} | null;
  /** The model's design (needed for the bootstrap). */
  design?: DesignMatrix;
  hlGroups?: number;
  span?: number;
  thresholds?: readonly number[];
  onProgress?: (stage: string, fraction: number) => void;
  /** The bootstrap already run for these options (on a worker pool, worker/parallel.ts), or the error it threw. */
  bootstrapResult?: OptimismBootstrap | {error: unknown};
}

const message = (e: unknown): string => (e instanceof Error ? e.message.replace(/^\w+: /, "") : String(e));

/** Evenly spaced points of a curve, always both ends. */
export function thinCurve(x: ArrayLike<number>, y: ArrayLike<number>, max = MAX_CURVE_POINTS): {x: number[]; y: number[]} {
  const n = x.length;
  if (n <= max) return {x: Array.from(x), y: Array.from(y)};
  const px: number[] = [];
  const py: number[] = [];
  for (let k = 0; k < max; k++) {
    const i = Math.round((k * (n - 1)) / (max - 1));
    px.push(x[i]!);
    py.push(y[i]!);
  }
  return {x: px, y: py};
}

function riley(parameters: number, prevalence: number, rSquaredCS: number, basis: string): RileySummary {
  return {...rileySampleSize({parameters, prevalence, rSquaredCS}), parameters, prevalence, rSquaredCS, basis};
}

export function sampleSize(fit: LogisticFit, candidateParameters: number): SampleSizeSummary {
  const n = fit.n;
  const parameters = fit.coefficients.length - 1;
  const limitingEvents = Math.min(fit.events, n - fit.events);
  const prevalence = fit.events / n;
  const r2 = coxSnellR2(fit.lrStatistic, n);
  const maxR2 = maxCoxSnellR2(prevalence);
  const fromModel = parameters > 0 && r2 > 0 && r2 < maxR2 ? riley(parameters, prevalence, r2, "the apparent Cox–Snell R² of this model (optimistic)") : null;
  const conservative =
    parameters > 0
      ? riley(parameters, prevalence, RILEY_CONSERVATIVE_FRACTION * maxR2, `${RILEY_CONSERVATIVE_FRACTION * 100}% of the largest R² possible at this prevalence (Riley et al.'s default without an earlier model)`)
      : null;
  return {
    parameters,
    candidateParameters,
    limitingEvents,
    eventsPerParameter: parameters > 0 ? limitingEvents / parameters : null,
    eventsPerCandidateParameter: limitingEvents / Math.max(1, candidateParameters),
    coxSnellR2: r2,
    nagelkerkeR2: nagelkerkeR2(fit.lrStatistic, n, -fit.nullDeviance / 2),
    maxCoxSnellR2: maxR2,
    riley: {fromModel, conservative}
  };
}

export function calibrationSummary(p: Float64Array, y: Float64Array, {hlGroups = 10, span = 2 / 3}: {hlGroups?: number; span?: number}, notes: string[]): CalibrationSummary | null {
  const n = p.length;
  let events = 0;
  for (let i = 0; i < n; i++) events += y[i]!;
  const prevalence = events / n;
  let cal;
  try {
    cal = calibrationSlopeIntercept(p, y);
  } catch (e) {
    notes.push(`Calibration could not be computed: ${message(e)} (fitted risks of exactly 0 or 1, as under separation).`);
    return null;
  }
  if (!Number.isFinite(cal.slope)) {
    notes.push("Calibration slope not defined: the model's predicted risks separate the outcomes completely, so glm(y ~ logit p) has no finite slope.");
  }
  const brier = brierScore(p, y);
  const brierNull = prevalence * (1 - prevalence);
  let hl: CalibrationSummary["hosmerLemeshow"] = null;
  try {
    const h = hosmerLemeshow(p, y, {groups: hlGroups});
    const groups = h.table.filter((g) => g.n > 0).map((g, k) => {
      const [ciLower, ciUpper] = wilsonInterval(g.observed, g.n);
      return {group: k + 1, lower: g.lower, upper: g.upper, n: g.n, events: g.observed, expected: g.expected, predicted: g.expected / g.n, observed: g.observed / g.n, ciLower, ciUpper};
    });
    const smallestExpected = Math.min(...groups.map((g) => g.expected));
    hl = {statistic: h.statistic, df: h.df, p: h.p, groups, smallestExpected};
    if (smallestExpected < 1) {
      const few = groups.filter((g) => g.expected < 1).length;
      notes.push(
        `Hosmer–Lemeshow: ${few} of its ${groups.length} risk groups expect fewer than 1 event (smallest ${smallestExpected.toPrecision(2)}), so its χ² approximation is poor; read the calibration curve instead.`
      );
    }
  } catch (e) {
    notes.push(`Hosmer–Lemeshow test not computed: ${message(e)}.`);
  }
  let curve: CalibrationSummary["curve"] = null;
  try {
    const c = calibrationCurve(p, y, {span});
    const thin = thinCurve(c.predicted, c.observed);
    curve = {predicted: thin.x, observed: thin.y, span};
  } catch (e) {
    notes.push(`The calibration curve could not be computed: ${message(e)}.`);
  }
  return {slope: cal.slope, slopeModelIntercept: cal.slopeModelIntercept, intercept: cal.intercept, brier, brierNull, brierScaled: 1 - brier / brierNull, hosmerLemeshow: hl, curve};
}

/** Bootstrap replicates per chunk: about 25 progress messages. */
const chunkSize = (replicates: number) => Math.max(5, Math.ceil(replicates / 25));

/** The decision curve to collect from the bootstrap's refits: its thresholds and the fitted model's risks. */
export interface NetBenefitRequest {
  thresholds: readonly number[];
  fitted: Float64Array;
}

/** The fixed-predictor bootstrap with, when asked for, the decision curve's parts collected from its refits. */
export type FixedBootstrapRun = OptimismBootstrap & {netBenefitParts?: NetBenefitPart[]};

/**
 * Harrell's bootstrap in chunks: replicate b of every chunk draws from replicateRng(seed, b) (stats/random.ts), so
 * the chunks are optimismBootstrap(design, y, {replicates, seed}) split into replicate ranges, and the chunks'
 * per-replicate optimism pooled in replicate order as one call pools them — the same numbers to the last bit.
 * With `netBenefit`, each chunk's refits also give their part of the bootstrap-corrected decision curve
 * (stats/decision-curve-bootstrap.ts), so its resamples are not refitted a second time.
 */
export function chunkedBootstrap(
  design: DesignMatrix,
  y: Float64Array,
  {replicates, seed, method, original, netBenefit}: {replicates: number; seed: number; method: "ml" | "firth"; original: LogisticFit; netBenefit?: NetBenefitRequest | null},
  onChunk: (done: number) => void = () => {}
): FixedBootstrapRun {
  const chunks: BootstrapPart[] = [];
  const chunk = chunkSize(replicates);
  // the original model's indices once, not once per chunk
  const apparent = performanceIndices(original.linearPredictor, y, {ownFit: knownOwnCalibration(original)});
  for (let start = 0; start < replicates; start += chunk) {
    const size = Math.min(chunk, replicates - start);
    chunks.push(bootstrapRange(design, y, {count: size, start, seed, method, apparent, netBenefit}));
    onChunk(start + size);
  }
  return mergeBootstrapParts(apparent, chunks, {method, seed, replicates});
}

/** Replicates start..start + count − 1 of the fixed-predictor bootstrap as a part (a chunk here, a range on a worker). */
export function bootstrapRange(
  design: DesignMatrix,
  y: ArrayLike<number>,
  {count, start, seed, method, apparent, netBenefit, procedure}: {
    count: number; start: number; seed: number; method: "ml" | "firth"; apparent: PerformanceIndices; netBenefit?: NetBenefitRequest | null | undefined;
    /** The whole-procedure bootstrap's records to read off the same refits, for a procedure whose refits are fixed. */
    procedure?: RefitRecordRequest | null | undefined;
  }
): BootstrapPart {
  const collector = netBenefit ? netBenefitCollector(design, y, netBenefit) : null;
  const records = procedure ? procedureRefitCollector(design, procedure) : null;
  const observe = collector && records
    ? (rows: Int32Array, yb: Float64Array, outcome: RefitOutcome) => {
        collector.observe(rows, yb, outcome);
        records.observe(rows, yb, outcome);
      }
    : (collector ?? records)?.observe;
  const b = optimismBootstrap(design, y, {replicates: count, firstReplicate: start, seed, method, apparent, ...(observe ? {observe} : {}), ...(records ? {observeTest: records.observeTest} : {})});
  return {
    optimismByReplicate: b.optimismByReplicate, testByReplicate: b.testByReplicate, failed: b.failed,
    ...(collector ? {netBenefit: collector.part()} : {}), ...(records ? {procedure: records.records()} : {})
  };
}

/** What one range of replicates contributes to a bootstrap: its per-replicate values and its failures. */
export interface BootstrapPart {
  optimismByReplicate: Record<IndexName, Float64Array>;
  testByReplicate: Record<IndexName, Float64Array>;
  failed: FailedRefits;
  /** The decision curve's part from the same refits, when it was asked for. */
  netBenefit?: NetBenefitPart;
  /** The whole-procedure bootstrap's records from the same refits, when they were asked for. */
  procedure?: ProcedureReplicate[];
}

/**
 * The bootstrap of consecutive replicate ranges (`parts`, in replicate order): their per-replicate values
 * concatenated and pooled as one optimismBootstrap call pools them, their failures added.
 */
export function mergeBootstrapParts(
  apparent: PerformanceIndices,
  parts: readonly BootstrapPart[],
  {method, seed, replicates}: {method: "ml" | "firth"; seed: number; replicates: number}
): FixedBootstrapRun {
  const concat = (pick: (c: BootstrapPart) => Record<IndexName, Float64Array>, k: IndexName) => {
    const pieces = parts.map((c) => pick(c)[k]);
    const out = new Float64Array(pieces.reduce((s, p) => s + p.length, 0));
    let at = 0;
    for (const p of pieces) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  const optimismByReplicate = Object.fromEntries(INDEX_NAMES.map((k) => [k, concat((c) => c.optimismByReplicate, k)])) as Record<IndexName, Float64Array>;
  const testByReplicate = Object.fromEntries(INDEX_NAMES.map((k) => [k, concat((c) => c.testByReplicate, k)])) as Record<IndexName, Float64Array>;
  const {optimism, corrected, usedByIndex} = summarizeOptimism(apparent, optimismByReplicate);
  const failed: FailedRefits = {nonConverged: 0, separated: 0, oneClass: 0, errors: 0, total: 0};
  for (const c of parts) for (const key of Object.keys(failed) as (keyof FailedRefits)[]) failed[key] += c.failed[key];
  const netBenefitParts = parts.length > 0 && parts.every((c) => c.netBenefit) ? parts.map((c) => c.netBenefit!) : undefined;
  return {method, seed, replicates, used: replicates - failed.total, failed, apparent, optimism, corrected, usedByIndex, optimismByReplicate, testByReplicate, ...(netBenefitParts ? {netBenefitParts} : {})};
}

/** The bootstrap as the document reports it: one row per index (INDEX_INFO's order and labels). */
export function bootstrapValidation(b: OptimismBootstrap, seed: number): BootstrapValidation {
  return {
    kind: "fixed",
    method: b.method,
    seed,
    replicates: b.replicates,
    used: b.used,
    failed: b.failed,
    indices: INDEX_NAMES.map((index) => ({
      index, label: INDEX_INFO[index].label, apparent: b.apparent[index], optimism: b.optimism[index], corrected: b.corrected[index], used: b.usedByIndex[index]
    })),
    optimismByReplicate: Object.fromEntries(INDEX_NAMES.map((k) => [k, Array.from(b.optimismByReplicate[k])])) as Record<IndexName, number[]>
  };
}

/** The note for a bootstrap that could not be computed at all. */
export function bootstrapFailureNote(e: unknown): string {
  return `Bootstrap validation could not be computed: ${message(e)}.`;
}

/**
 * The bootstrap as the document reports it (null when no refit could be used), with the notes a reader needs about
 * unusable refits and about the slope's count pushed to `notes`.
 */
export function bootstrapSection(b: OptimismBootstrap, seed: number, notes: string[]): BootstrapValidation | null {
  if (b.used === 0) {
    notes.push("Bootstrap validation: no refit could be used, so no optimism-corrected figures are given.");
    return null;
  }
  const replicates = b.replicates;
  if (b.failed.total > 0) {
    notes.push(
      `Bootstrap: ${b.failed.total} of ${replicates} refits could not be used (${b.failed.separated} separated, ${b.failed.nonConverged} did not converge, ${b.failed.oneClass} had one outcome class, ${b.failed.errors} could not be fitted); the figures are over the other ${b.used}, as rms::validate reports "divergence or singularity".`
    );
  }
  const slopeUsed = b.usedByIndex.slope;
  if (slopeUsed < b.used) {
    notes.push(
      `Bootstrap: the calibration slope and the intercept of the slope model are averaged over ${slopeUsed} of the ${b.used} usable refits; in the other ${b.used - slopeUsed} the refitted model's linear predictor separates the outcomes perfectly (in its sample or in the data), so the recalibration fit glm(y ~ lp) has no finite slope there.`
    );
  }
  return bootstrapValidation(b, seed);
}

/** Sample size, apparent calibration, decision curve and (optionally) the bootstrap of one fitted model. */
export function validateFit(fit: LogisticFit, y: Float64Array, options: ValidateOptions = {}): ValidationSummary {
  const notes: string[] = [];
  const progress = options.onProgress ?? (() => {});
  const size = sampleSize(fit, options.candidateParameters ?? fit.coefficients.length - 1);
  progress("calibration", 0);
  const calibration = calibrationSummary(fit.fitted, y, options, notes);
  progress("decision-curve", 0);
  let curve: DecisionCurvePoint[] | null = null;
  try {
    curve = decisionCurve(fit.fitted, y, options.thresholds ?? DECISION_THRESHOLDS);
  } catch (e) {
    notes.push(`The decision curve could not be computed: ${message(e)}.`);
  }
  let bootstrap: BootstrapValidation | null = null;
  if (options.bootstrap) {
    if (!options.design) throw new TypeError("validateFit: the bootstrap needs the model's design");
    const {replicates, seed} = options.bootstrap;
    progress("bootstrap", 0);
    let b: OptimismBootstrap | null = null;
    const given = options.bootstrapResult;
    if (given && "error" in given) notes.push(bootstrapFailureNote(given.error));
    else if (given) b = given;
    else try {
      b = chunkedBootstrap(options.design, y, {replicates, seed, method: fit.method, original: fit}, (done) => progress("bootstrap", done / replicates));
    } catch (e) {
      notes.push(bootstrapFailureNote(e));
    }
    if (b) bootstrap = bootstrapSection(b, seed, notes);
  }
  return {sampleSize: size, calibration, decisionCurve: curve, bootstrap, notes};
}
