/**
 * Validation of the whole modelling procedure by Harrell's bootstrap (Harrell, Lee & Mark 1996; Steyerberg,
 * "Clinical Prediction Models", 2nd ed., §5.3 and ch. 17; as rms::validate(bw = TRUE) does for backward
 * elimination): in each resample the procedure value (../procedure/run.ts: screen, fit of the survivors, Wald or
 * fastbw selection, refit) is run again from the candidates, and the model it ends with is scored on the resample
 * (apparent_b) and on the original data (test_b); optimism = mean_b(apparent_b − test_b) for every index of
 * ../stats/optimism-bootstrap.ts (AUC, calibration slope, both intercepts, Brier, scaled Brier), corrected =
 * apparent of the original procedure − optimism. Unlike the fixed-predictor bootstrap (./validation.ts), this
 * charges the model for its variable selection.
 *
 * The rule for resamples that do not give a usable model, stated once (`PROCEDURE_RULE`):
 * - the procedure keeps no candidate: its model is the intercept-only model (the prevalence of the resample for
 *   everyone); that IS the procedure's output, so it is scored as such and used — AUC 0.5, Brier as usual, the
 *   slope and its intercept not estimable (left out of those two indices' means) — and counted in `emptyModels`;
 * - the resample has one outcome class (`oneClass`), a fit of the procedure throws (a singular design, as when a
 *   category is absent from the resample: `errors`), the fit of all survivors or the final model separates
 *   (`separated`; `fullSeparated` counts the first kind), or the final model does not converge (`nonConverged`):
 *   the resample is left out and counted by reason, as rms::validate does ("divergence or singularity": lrm does
 *   not converge under separation). A separated fit's Wald p-values are not valid — they would mostly drop every
 *   candidate and score an intercept-only model with no optimism at all — so such a resample says nothing about
 *   the procedure's optimism. These are the resamples where the model overfits most, so the correction is then a
 *   little too small; the page says how many. Selection stability and prediction instability are over the used
 *   resamples too.
 *
 * Resample b's rows are drawn from its own stream (../teaching/stream.ts: the generator seeded by (seed, b)), so
 * any split of the replicates over chunks or workers gives bit-identical results; `procedureReplicate` runs one
 * resample from given row indices (for R pins and for a worker pool) and `aggregateProcedureValidation` pools the
 * records in replicate order.
 *
 * Also computed from the same resamples (../stats/procedure-bootstrap.ts): the Monte-Carlo SE of every corrected
 * index and the decimals it supports; Noma et al.'s location-shifted 95% interval of each corrected index; the
 * stability of the selection (each candidate's selection frequency, how often exactly the original model's
 * predictors, the distribution of model size); the instability of individual predictions with the mean absolute
 * prediction error; and rms::calibrate(method = "boot")'s overfitting-corrected calibration curve.
 *
 * Pure, no DOM. @example procedureValidation(data, STUDY_PROCEDURE, {replicates: 200, seed: 1}).indices[0].corrected
 */
import {subsetData, type PreparedData} from "../cohort/prepare.js";
import type {Procedure} from "../procedure/procedure.js";
import {describeProcedure} from "../procedure/procedure.js";
import {designFor, runProcedure, type ProcedureRun} from "../procedure/run.js";
import type {IndexRow} from "./validation.js";
import {bootstrapLinearPredictor, INDEX_INFO, INDEX_NAMES, knownOwnCalibration, summarizeOptimism, type FailedRefits, type IndexName, type PerformanceIndices, type RefitOutcome} from "../stats/optimism-bootstrap.js";
import type {DesignMatrix} from "../stats/design.js";
import {logisticProbability, type LogisticFit} from "../stats/logistic.js";
import {
  calibrateGrid, correctedCalibration, finiteSummary, predictionInstability, scoreIndices, shiftedInterval, smoothAt, supportedDecimals,
  type CorrectedCalibration, type ShiftedInterval
} from "../stats/procedure-bootstrap.js";
import {studyRng} from "../teaching/stream.js";

/** The rule for resamples without a usable model, in words (see the module comment). */
export const PROCEDURE_RULE =
  "A resample whose procedure keeps no candidate is scored as the intercept-only model it ends with (AUC 0.5; slope not estimable, left out of the slope's mean). " +
  "A resample with one outcome class, a singular fit, a fit (of all survivors, or the final one) that separates, or a final model that does not converge is left out and counted by reason.";

/** At most this many patients in the published per-patient instability, and points in its scatter. */
export const MAX_INSTABILITY_PATIENTS = 500;
export const MAX_INSTABILITY_POINTS = 4000;

export type ReplicateStatus = "used" | "oneClass" | "separated" | "nonConverged" | "errors";

/** One resample's outcome: what the procedure selected and how its model scored. */
export interface ProcedureReplicate {
  status: ReplicateStatus;
  /** The predictors of the resample's model, in candidate order; null when the procedure did not complete. */
  selected: string[] | null;
  /** The resample's fit of all survivors separated (its final model may still be usable). */
  fullSeparated: boolean;
  /** The indices on the resample (apparent_b) and on the original data (test_b); null unless used. */
  apparent: PerformanceIndices | null;
  test: PerformanceIndices | null;
  /** The resample's model's risks for the original patients; null unless used. */
  risks: Float64Array | null;
  /** rms::calibrate: training − test smooth at the grid (NaN where either is missing); null unless used. */
  calibration: Float64Array | null;
}

/** What every replicate is compared with: the procedure run on the original data. */
export interface ProcedureOriginal {
  data: PreparedData;
  procedure: Procedure;
  run: ProcedureRun;
  apparent: PerformanceIndices;
  risks: Float64Array;
  /** rms::calibrate's grid and the apparent smooth there; null for fewer than 11 patients. */
  grid: Float64Array | null;
  apparentCalibration: Float64Array | null;
}

/** A row of the fixed-predictor bootstrap's table, averaged over replicates of the whole procedure, with its Monte-Carlo error. */
export interface ProcedureIndexRow extends Omit<IndexRow, "used"> {
  /** Replicates this index is averaged over. */
  used: number;
  /** Monte-Carlo standard error of the corrected index: sd(optimism_b)/√used. */
  mcse: number;
  /** Decimals the MCSE supports (at most 3). */
  decimals: number;
  /** Noma et al.'s location-shifted bootstrap interval of the corrected index. */
  interval: ShiftedInterval;
}

export interface SelectionStability {
  /** Used replicates (the denominator of the frequencies). */
  replicates: number;
  candidates: {name: string; count: number; frequency: number}[];
  /** The original procedure's predictors, and how often a resample selected exactly them. */
  originalSet: string[];
  originalSetCount: number;
  originalSetFrequency: number;
  modelSize: {size: number; count: number; frequency: number}[];
  /** The most frequent selected sets (up to 10), most frequent first. */
  sets: {predictors: string[]; count: number; frequency: number}[];
}

export interface InstabilityBin {
  /** Round-number bounds of the original risk. */
  lower: number;
  upper: number;
  patients: number;
  meanRisk: number;
  /** Means over the bin's patients of their mean |p_b − p| and of their 2.5% and 97.5% bootstrap risks. */
  mape: number;
  lower95: number;
  upper95: number;
}

export interface PredictionInstabilitySummary {
  /** Mean over patients of mean_b |p_b − p| (pminternal's MAPE), over the used replicates. */
  meanAbsolutePredictionError: number;
  /** Largest patient's mean |p_b − p|. */
  maxPatientMape: number;
  /** Per patient, ordered by original risk and thinned to MAX_INSTABILITY_PATIENTS; null in private mode. */
  patients: {risk: number[]; mape: number[]; lower: number[]; upper: number[]} | null;
  /** (original, bootstrap) risk pairs of the first replicates for the instability plot; null in private mode. */
  points: {original: number[]; bootstrap: number[]; replicates: number} | null;
  /** Patients binned by original risk (every bin ≥ minCell patients): what private mode publishes. */
  bins: InstabilityBin[];
  minCell: number;
}

/** validation.procedure of the analysis document. */
export interface ProcedureBootstrapValidation {
  /** "procedure": the whole procedure is re-run in every resample. */
  kind: "procedure";
  procedure: Procedure;
  procedureDescription: string;
  method: "ml" | "firth";
  seed: number | null;
  replicates: number;
  used: number;
  failed: FailedRefits;
  /** Used replicates whose procedure kept no candidate (scored as the intercept-only model). */
  emptyModels: number;
  /** Replicates whose fit of all survivors separated (among `failed.separated`). */
  fullSeparated: number;
  rule: string;
  /** In INDEX_INFO's order; `corrected` of the "slope" row is the uniform shrinkage factor of the procedure. */
  indices: ProcedureIndexRow[];
  /** Per used replicate, in replicate order (NaN where not finite). */
  optimismByReplicate: Record<IndexName, number[]>;
  apparentByReplicate: Record<IndexName, number[]>;
  stability: SelectionStability;
  instability: PredictionInstabilitySummary;
  calibration: CorrectedCalibration | null;
}

export interface ProcedureValidationOptions {
  replicates: number;
  seed: number;
  /** Resampled row indices (0-based) instead of the seeded draws; replicates is then samples.length. */
  samples?: readonly ArrayLike<number>[];
  /** The procedure already run on the data. */
  run?: ProcedureRun;
  minCell?: number;
  onProgress?: (fraction: number) => void;
}

/** Row indices of resample b under `seed`: n draws of its own stream (see the module comment). */
export function replicateRows(n: number, seed: number, b: number): Int32Array {
  const rng = studyRng(seed, b);
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = rng.int(n);
  return rows;
}

/** The linear predictor of a run's model on the original data. */
function originalLinearPredictor(data: PreparedData, run: ProcedureRun): Float64Array {
  return bootstrapLinearPredictor(designFor(data, run.model.predictors), run.model.fit.coefficients, null);
}

/** The procedure on the original data: what every replicate is compared with. */
export function procedureOriginal(data: PreparedData, procedure: Procedure, run: ProcedureRun = runProcedure(procedure, data)): ProcedureOriginal {
  const lp = run.model.fit.linearPredictor;
  // a converged ML fit's own slope and intercepts are 1 and 0, not refitted (as the fixed bootstrap takes them)
  const apparent = scoreIndices(lp, data.y, {ownFit: knownOwnCalibration(run.model.fit)});
  const risks = Float64Array.from(lp, logisticProbability);
  let grid: Float64Array | null = null;
  let apparentCalibration: Float64Array | null = null;
  if (data.y.length > 10) {
    grid = calibrateGrid(risks);
    apparentCalibration = smoothAt(risks, data.y, grid);
  }
  return {data, procedure, run, apparent, risks, grid, apparentCalibration};
}

const empty = (status: ReplicateStatus, selected: string[] | null = null, fullSeparated = false): ProcedureReplicate => ({
  status, selected, fullSeparated, apparent: null, test: null, risks: null, calibration: null
});

/** One resample: the procedure re-run on the rows `rows` and scored (see the module comment for the rule). */
export function procedureReplicate(original: ProcedureOriginal, rows: ArrayLike<number>): ProcedureReplicate {
  const {data, procedure} = original;
  const n = data.y.length;
  if (rows.length !== n) throw new RangeError(`procedureReplicate: ${rows.length} row indices for ${n} patients`);
  const sample = subsetData(data, rows);
  if (sample.events === 0 || sample.events === n) return empty("oneClass");
  let run: ProcedureRun;
  try {
    run = runProcedure(procedure, sample);
  } catch {
    return empty("errors");
  }
  const selected = run.model.predictors.slice();
  const fullSeparated = run.full !== null && run.full.fit.separation.detected;
  const fit = run.model.fit;
  if (fullSeparated || fit.separation.detected) return empty("separated", selected, fullSeparated);
  if (!fit.converged) return empty("nonConverged", selected, fullSeparated);
  return scoredReplicate({grid: original.grid, y: data.y}, fit, sample.y, selected, fullSeparated, () => {
    const lp = originalLinearPredictor(data, run);
    return {lp, test: scoreIndices(lp, data.y)};
  });
}

/** A usable resample model scored on the resample and on the original data (`test`, computed on demand). */
function scoredReplicate(
  original: {grid: Float64Array | null; y: Float64Array},
  fit: LogisticFit,
  sampleY: Float64Array,
  selected: string[],
  fullSeparated: boolean,
  test: () => {lp: Float64Array; test: PerformanceIndices}
): ProcedureReplicate {
  let apparent: PerformanceIndices, scored: {lp: Float64Array; test: PerformanceIndices};
  try {
    apparent = scoreIndices(fit.linearPredictor, sampleY, {ownFit: knownOwnCalibration(fit)});
    scored = test();
  } catch {
    return empty("errors", selected, fullSeparated);
  }
  const risks = Float64Array.from(scored.lp, logisticProbability);
  let calibration: Float64Array | null = null;
  if (original.grid) {
    const g = original.grid.length;
    calibration = new Float64Array(g).fill(NaN);
    try {
      const training = smoothAt(Float64Array.from(fit.linearPredictor, logisticProbability), sampleY, original.grid);
      const testing = smoothAt(risks, original.y, original.grid);
      for (let k = 0; k < g; k++) calibration[k] = training[k]! - testing[k]!;
    } catch {
      // a smooth that cannot be formed (constant risks) leaves this replicate out of the curve only
    }
  }
  return {status: "used", selected, fullSeparated, apparent, test: scored.test, risks, calibration};
}

/**
 * Whether the procedure's model on every resample is the fixed-predictor bootstrap's refit: no screen, no
 * selection and no spline (whose knots are placed on each resample), so it fits every candidate on the resample
 * by one estimator, and its design on the resample is the original design's rows (designFor codes a categorical
 * candidate by the original data's levels). Resample b of both bootstraps is n draws of replicateRng(seed, b), so
 * with one seed and one B the whole-procedure bootstrap's records can be read off the fixed bootstrap's refits
 * (procedureRefitCollector) instead of fitting every resample a second time — the same records to the last bit.
 */
export function refitsAreFixed(procedure: Procedure): boolean {
  return procedure.screen.method === "none" && procedure.select.method === "none" && Object.keys(procedure.splines ?? {}).length === 0 && procedure.candidates.length > 0;
}

/** What procedureRefitCollector needs of the original data: its outcome, rms::calibrate's grid and the model's predictors. */
export interface RefitRecordRequest {
  y: Float64Array;
  grid: Float64Array | null;
  predictors: string[];
}

/** The request for a procedure whose refits are fixed (refitsAreFixed), from its original run. */
export function refitRecordRequest(original: ProcedureOriginal): RefitRecordRequest {
  return {y: original.data.y, grid: original.grid, predictors: original.run.model.predictors.slice()};
}

/**
 * The whole-procedure bootstrap's records from the fixed bootstrap's resamples and refits, for a procedure whose
 * refits are fixed (refitsAreFixed): `observe` and `observeTest` are optimismBootstrap's hooks of the same names
 * (the test side comes from the fixed bootstrap's own scoring when it has it), `records()` the records in
 * replicate order, each what procedureReplicate gives for that resample.
 */
export function procedureRefitCollector(design: DesignMatrix, request: RefitRecordRequest): {
  observe: (rows: Int32Array, yb: Float64Array, outcome: RefitOutcome) => void;
  observeTest: (testLp: Float64Array, test: PerformanceIndices) => void;
  records: () => ProcedureReplicate[];
} {
  const records: ProcedureReplicate[] = [];
  // the usable refit waiting for its test side, with its resample's outcomes (copied: the array is reused)
  let pending: {fit: LogisticFit; yb: Float64Array} | null = null;
  const finish = (given: {lp: Float64Array; test: PerformanceIndices} | null) => {
    if (!pending) return;
    const {fit, yb} = pending;
    pending = null;
    records.push(scoredReplicate(request, fit, yb, request.predictors.slice(), false, () => {
      if (given) return given; // read here, before the next resample reuses its array
      const lp = bootstrapLinearPredictor(design, fit.coefficients, null);
      return {lp, test: scoreIndices(lp, request.y)};
    }));
  };
  return {
    observe(_rows, yb, outcome) {
      finish(null);
      if (outcome === "oneClass" || outcome === "errors") records.push(empty(outcome));
      else if (outcome === "separated") records.push(empty("separated", request.predictors.slice(), true));
      else if (outcome === "nonConverged") records.push(empty("nonConverged", request.predictors.slice(), false));
      else pending = {fit: outcome, yb: Float64Array.from(yb)};
    },
    observeTest: (lp, test) => finish({lp, test}),
    records() {
      finish(null);
      return records;
    }
  };
}

const setKey = (predictors: readonly string[]) => predictors.join("\u0000");

function stabilityOf(original: ProcedureOriginal, records: readonly ProcedureReplicate[]): SelectionStability {
  const candidates = original.procedure.candidates;
  const originalSet = original.run.model.predictors.slice();
  const ran = records.filter((r) => r.status === "used");
  const total = ran.length;
  const freq = (count: number) => (total ? count / total : NaN);
  const counts = new Map<string, number>(candidates.map((c) => [c, 0]));
  const sizes = new Map<number, number>();
  const sets = new Map<string, {predictors: string[]; count: number}>();
  let originalSetCount = 0;
  const originalKey = setKey(originalSet);
  for (const r of ran) {
    const s = r.selected!;
    for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
    sizes.set(s.length, (sizes.get(s.length) ?? 0) + 1);
    const key = setKey(s);
    const entry = sets.get(key) ?? {predictors: s, count: 0};
    entry.count++;
    sets.set(key, entry);
    if (key === originalKey) originalSetCount++;
  }
  const sizeRows = Array.from({length: candidates.length + 1}, (_, size) => ({size, count: sizes.get(size) ?? 0, frequency: freq(sizes.get(size) ?? 0)}));
  const topSets = [...sets.values()].sort((a, b) => b.count - a.count || a.predictors.length - b.predictors.length).slice(0, 10);
  return {
    replicates: total,
    candidates: candidates.map((name) => ({name, count: counts.get(name)!, frequency: freq(counts.get(name)!)})),
    originalSet, originalSetCount, originalSetFrequency: freq(originalSetCount),
    modelSize: sizeRows,
    sets: topSets.map((s) => ({predictors: s.predictors, count: s.count, frequency: freq(s.count)}))
  };
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** Bins of the original risk on multiples of 0.05, adjacent bins merged until each holds ≥ minCell patients. */
function instabilityBins(risk: Float64Array, mape: Float64Array, lower: Float64Array, upper: Float64Array, minCell: number): InstabilityBin[] {
  const step = 0.05;
  type Acc = {lower: number; upper: number; idx: number[]};
  let bins: Acc[] = Array.from({length: 20}, (_, k) => ({lower: round4(k * step), upper: round4((k + 1) * step), idx: [] as number[]}));
  for (let i = 0; i < risk.length; i++) bins[Math.min(19, Math.floor(risk[i]! / step))]!.idx.push(i);
  bins = bins.filter((b) => b.idx.length > 0);
  for (let guard = 0; bins.length > 1 && guard < 100; guard++) {
    const k = bins.findIndex((b) => b.idx.length < minCell);
    if (k < 0) break;
    const j = k === 0 ? 1 : k === bins.length - 1 ? k - 1 : bins[k - 1]!.idx.length <= bins[k + 1]!.idx.length ? k - 1 : k + 1;
    const [a, b] = j < k ? [j, k] : [k, j];
    bins.splice(a, 2, {lower: bins[a]!.lower, upper: bins[b]!.upper, idx: [...bins[a]!.idx, ...bins[b]!.idx]});
  }
  const mean = (idx: number[], xs: Float64Array) => idx.reduce((s, i) => s + xs[i]!, 0) / idx.length;
  return bins.map((b) => ({
    lower: b.lower, upper: b.upper, patients: b.idx.length,
    meanRisk: mean(b.idx, risk), mape: mean(b.idx, mape), lower95: mean(b.idx, lower), upper95: mean(b.idx, upper)
  }));
}

function instabilityOf(original: ProcedureOriginal, used: readonly ProcedureReplicate[], minCell: number): PredictionInstabilitySummary {
  const risksByReplicate = used.map((r) => r.risks!);
  const inst = predictionInstability(original.risks, risksByReplicate);
  const n = original.risks.length;
  const order = Array.from({length: n}, (_, i) => i).sort((a, b) => original.risks[a]! - original.risks[b]! || a - b);
  const shown = n <= MAX_INSTABILITY_PATIENTS ? order : Array.from({length: MAX_INSTABILITY_PATIENTS}, (_, k) => order[Math.round((k * (n - 1)) / (MAX_INSTABILITY_PATIENTS - 1))]!);
  const reps = Math.min(used.length, Math.max(1, Math.floor(MAX_INSTABILITY_POINTS / shown.length)));
  const points = {original: [] as number[], bootstrap: [] as number[], replicates: reps};
  for (let b = 0; b < reps; b++) {
    for (const i of shown) {
      points.original.push(round4(original.risks[i]!));
      points.bootstrap.push(round4(risksByReplicate[b]![i]!));
    }
  }
  let maxPatientMape = 0;
  for (let i = 0; i < n; i++) maxPatientMape = Math.max(maxPatientMape, inst.mape[i]!);
  return {
    meanAbsolutePredictionError: inst.meanAbsolutePredictionError,
    maxPatientMape: used.length ? maxPatientMape : NaN,
    patients: used.length
      ? {risk: shown.map((i) => inst.original[i]!), mape: shown.map((i) => inst.mape[i]!), lower: shown.map((i) => inst.lower[i]!), upper: shown.map((i) => inst.upper[i]!)}
      : null,
    points: used.length ? points : null,
    bins: used.length ? instabilityBins(inst.original, inst.mape, inst.lower, inst.upper, minCell) : [],
    minCell
  };
}

/** Pools replicate records (in replicate order) into the document's validation.procedure. */
export function aggregateProcedureValidation(original: ProcedureOriginal, records: readonly ProcedureReplicate[], {seed, minCell = 5}: {seed: number | null; minCell?: number}): ProcedureBootstrapValidation {
  const failed: FailedRefits = {nonConverged: 0, separated: 0, oneClass: 0, errors: 0, total: 0};
  for (const r of records) if (r.status !== "used") failed[r.status]++;
  failed.total = failed.nonConverged + failed.separated + failed.oneClass + failed.errors;
  const used = records.filter((r) => r.status === "used");
  const lists = (pick: (r: ProcedureReplicate, k: IndexName) => number) =>
    Object.fromEntries(INDEX_NAMES.map((k) => [k, used.map((r) => pick(r, k))])) as Record<IndexName, number[]>;
  const optimismByReplicate = lists((r, k) => r.apparent![k] - r.test![k]);
  const apparentByReplicate = lists((r, k) => r.apparent![k]);
  const {optimism, corrected, usedByIndex} = summarizeOptimism(original.apparent, optimismByReplicate);
  const indices: ProcedureIndexRow[] = INDEX_NAMES.map((index) => {
    const mcse = finiteSummary(optimismByReplicate[index]).mcse;
    return {
      index, label: INDEX_INFO[index].label, apparent: original.apparent[index], optimism: optimism[index], corrected: corrected[index],
      used: usedByIndex[index], mcse, decimals: supportedDecimals(mcse), interval: shiftedInterval(apparentByReplicate[index], optimism[index])
    };
  });
  const calibration = original.grid && original.apparentCalibration
    ? correctedCalibration(original.grid, original.apparentCalibration, used.map((r) => r.calibration!).filter((c) => c !== null), original.risks)
    : null;
  return {
    kind: "procedure",
    procedure: original.procedure,
    procedureDescription: describeProcedure(original.procedure),
    method: original.procedure.estimate,
    seed,
    replicates: records.length,
    used: used.length,
    failed,
    emptyModels: used.filter((r) => r.selected!.length === 0).length,
    fullSeparated: records.filter((r) => r.fullSeparated).length,
    rule: PROCEDURE_RULE,
    indices,
    optimismByReplicate,
    apparentByReplicate,
    stability: stabilityOf(original, records),
    instability: instabilityOf(original, used, minCell),
    calibration
  };
}

/** The whole-procedure bootstrap (see the module comment). Throws what runProcedure throws on the original data. */
export function procedureValidation(data: PreparedData, procedure: Procedure, {replicates, seed, samples, run, minCell, onProgress}: ProcedureValidationOptions): ProcedureBootstrapValidation {
  const B = samples ? samples.length : replicates;
  if (!Number.isInteger(B) || B < 1) throw new RangeError(`procedureValidation: replicates must be an integer >= 1, got ${B}`);
  const original = procedureOriginal(data, procedure, run);
  const n = data.y.length;
  const records: ProcedureReplicate[] = [];
  const every = Math.max(1, Math.ceil(B / 25));
  for (let b = 0; b < B; b++) {
    records.push(procedureReplicate(original, samples ? samples[b]! : replicateRows(n, seed, b)));
    if (onProgress && ((b + 1) % every === 0 || b === B - 1)) onProgress((b + 1) / B);
  }
  return aggregateProcedureValidation(original, records, {seed: samples ? null : seed, ...(minCell === undefined ? {} : {minCell})});
}

/** A corrected index's row by name. */
export function procedureIndex(v: ProcedureBootstrapValidation, index: IndexName): ProcedureIndexRow {
  return v.indices.find((r) => r.index === index)!;
}
