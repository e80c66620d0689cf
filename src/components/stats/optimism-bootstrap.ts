/**
 * Harrell's bootstrap estimate of optimism (Efron 1983; Harrell, Lee & Mark 1996, Stat Med 15:361–387; Harrell,
 * "Regression Modeling Strategies", 2nd ed., §5.3.5; as rms::validate.lrm computes it):
 *
 *   for b = 1..B: draw n patients with replacement; refit the model on the sample; compute each index
 *     θ on the sample itself (apparent_b) and on the original data with the sample's coefficients (test_b);
 *     optimism_b = apparent_b − test_b
 *   optimism = mean over the usable refits of optimism_b;  corrected θ = apparent θ (original fit) − optimism.
 *
 * Indices: AUC (c statistic, = (Dxy + 1)/2), Brier score and scaled Brier score 1 − Brier/(ȳ(1 − ȳ)) (each sample
 * scaled by its own prevalence, as the Brier skill score), calibration slope b and the intercept a of the slope
 * model glm(y ~ a + b·lp) (rms's "Slope" and "Intercept"), and calibration-in-the-large (glm(y ~ 1, offset = lp)),
 * the last three fitted by the engine's fitLogistic (IRLS with step-halving, as glm).
 * On the data it was fitted to, an ML model has slope 1 and both intercepts 0, so their optimism is the shrinkage
 * and the shift a new sample would need.
 *
 * A refit that does not converge, that separates (the engine's separation check), that has no events or no
 * non-events, or whose design is singular is not used — and is counted, by reason, in `failed`; nothing is dropped
 * silently; rms::validate does the same ("Divergence or singularity in N samples"). Within a used refit, the
 * calibration slope (and its intercept) can have no finite value — a Firth refit whose linear predictor separates
 * its sample — and is then left out of that index's mean alone (`usedByIndex`). method "firth" refits by Firth's
 * penalised likelihood, which has finite estimates under separation.
 *
 * The model's predictors are fixed: a variable selection done before the fit is not repeated inside the bootstrap,
 * so when the predictors were chosen from more candidates, the optimism here is a lower bound.
 *
 * Randomness only from seeded streams (stats/random.ts): replicate b draws its n rows from replicateRng(seed, b)
 * alone, so replicates firstReplicate..firstReplicate + B − 1 of one call are the same resamples as in any other
 * split of the range, and pooled in replicate order give the same numbers to the last bit. `samples` replaces the
 * random draws with given index vectors (0-based), for tests against another implementation.
 *
 * Throws: TypeError when design and y disagree; RangeError for replicates < 1 or a non-integer, a non-finite seed,
 * or when the original model cannot be fitted (what the fit throws).
 *
 * Example: optimismBootstrap(design, y, {replicates: 200, seed: 20240101}).corrected.auc // ≈ apparent AUC − optimism
 */
import {fitLogistic, logisticProbability, type LogisticFit} from "./logistic.js";
import {fitFirth} from "./firth.js";
import type {DesignMatrix} from "./design.js";
import {replicateRng} from "./random.js";
import {aucLess, splitByOutcome} from "./roc.js";
import {recalibrate} from "./calibration.js";

export interface PerformanceIndices {
  /** c statistic (ROC AUC) of the linear predictor. */
  auc: number;
  brier: number;
  /** Calibration slope: b in glm(y ~ a + b·lp). */
  slope: number;
  /** a in glm(y ~ a + b·lp) (rms "Intercept"). */
  slopeIntercept: number;
  /** Calibration-in-the-large: a in glm(y ~ 1, offset = lp). */
  intercept: number;
  /** Scaled Brier score (Brier skill): 1 − Brier / (ȳ(1 − ȳ)), the Brier score relative to predicting the prevalence. */
  brierScaled: number;
}

export type IndexName = keyof PerformanceIndices;

/**
 * Every index the bootstrap computes, in the order pages, tables, CSVs and the CLI list them, with its label and
 * what a perfect model scores (so a page can say which way is better). Callers iterate over this; a new index is
 * added here and in performanceIndices, nowhere else.
 */
export const INDEX_INFO: Readonly<Record<IndexName, {label: string; ideal: number | "higher" | "lower"}>> = {
  auc: {label: "AUC (c statistic)", ideal: "higher"},
  slope: {label: "Calibration slope", ideal: 1},
  intercept: {label: "Calibration-in-the-large (intercept, offset model)", ideal: 0},
  slopeIntercept: {label: "Intercept of the slope model", ideal: 0},
  brier: {label: "Brier score", ideal: "lower"},
  brierScaled: {label: "Scaled Brier score (1 − Brier / Brier of the prevalence)", ideal: "higher"}
};
export const INDEX_NAMES: readonly IndexName[] = Object.keys(INDEX_INFO) as IndexName[];

export interface OptimismBootstrapOptions {
  replicates?: number;
  seed?: number;
  method?: "ml" | "firth";
  /** Resampled row indices (0-based) to use instead of random draws; `replicates` is then samples.length. */
  samples?: ArrayLike<number>[];
  /** Index of the first replicate drawn (default 0): a call over part of a run draws that part's streams. */
  firstReplicate?: number;
  /** The model already fitted to all of the data (by the same method), so it is not fitted again. */
  original?: LogisticFit;
  /** performanceIndices of the original model on all of the data, when a caller running chunks has them already (then `original` is not needed). */
  apparent?: PerformanceIndices;
  /**
   * Called for every resample, in replicate order, with its rows, its outcomes and its refit (or why it has none),
   * before the indices are computed: another statistic of the same refits (the decision curve's) collects itself
   * here instead of refitting. The arrays are reused by the next resample.
   */
  observe?: (rows: Int32Array, yb: Float64Array, outcome: RefitOutcome) => void;
  /**
   * Called after `observe` for a usable refit once its test indices are computed: its linear predictor on the
   * original rows and performanceIndices there (reused by the next resample), so a statistic that scores the same
   * refit on the original data takes them instead of computing them again. Not called when the scoring threw.
   */
  observeTest?: (testLp: Float64Array, test: PerformanceIndices) => void;
}

/** A resample's refit, or the reason it is not used. */
export type RefitOutcome = LogisticFit | "oneClass" | "errors" | "separated" | "nonConverged";

export interface FailedRefits {
  nonConverged: number;
  separated: number;
  /** Samples with no events or no non-events. */
  oneClass: number;
  /** Singular design or another error of the fit. */
  errors: number;
  total: number;
}

export interface OptimismBootstrap {
  method: "ml" | "firth";
  seed: number | null;
  replicates: number;
  used: number;
  failed: FailedRefits;
  apparent: PerformanceIndices;
  optimism: PerformanceIndices;
  corrected: PerformanceIndices;
  /**
   * Of the `used` refits, how many each index is averaged over: all of them, except the calibration slope and its
   * intercept in refits where it has no finite value (see performanceIndices); their entries below are NaN.
   */
  usedByIndex: Record<IndexName, number>;
  /** Per usable refit: apparent_b − test_b for each index (for the distribution of optimism). */
  optimismByReplicate: Record<IndexName, Float64Array>;
  /** Per usable refit: the index on the original data with the refit's coefficients. */
  testByReplicate: Record<IndexName, Float64Array>;
}

/** η = Xβ into `out`, column by column (the summation order of the fits' own linear predictor). */
function linearPredictorInto(design: DesignMatrix, beta: ArrayLike<number>, out: Float64Array): void {
  const n = design.n;
  out.fill(0);
  for (let j = 0; j < design.columns.length; j++) {
    const col = design.columns[j]!;
    const b = beta[j]!;
    for (let i = 0; i < n; i++) out[i]! += b * col[i]!;
  }
}

/** η = Xβ of the design's rows (all of them when `rows` is null), in the same summation order; a new array. */
export function bootstrapLinearPredictor(design: DesignMatrix, beta: ArrayLike<number>, rows: ArrayLike<number> | null): Float64Array {
  if (!rows) {
    const out = new Float64Array(design.n);
    linearPredictorInto(design, beta, out);
    return out;
  }
  const out = new Float64Array(rows.length);
  for (let j = 0; j < design.columns.length; j++) {
    const col = design.columns[j]!;
    const b = beta[j]!;
    for (let i = 0; i < rows.length; i++) out[i]! += b * col[rows[i]!]!;
  }
  return out;
}

/**
 * The five indices of predictions with linear predictor lp against outcome y. Throws when y has one class.
 * The calibration slope and its intercept are NaN where they have no finite maximum-likelihood value: when lp
 * separates the outcomes (AUC 1 or 0, so glm(y ~ lp) runs off to ±∞) or that fit does not converge. This happens
 * in bootstrap samples of a Firth refit, whose own estimates stay finite under separation.
 *
 * `ownFit`: lp is a converged maximum-likelihood fit with an intercept on these very y. Then the recalibration fits
 * are not run, because their answers are known: the fit's score equations Σ(yᵢ − μᵢ)xᵢⱼ = 0 hold for the intercept
 * column and so for every linear combination of the columns, lp among them, which are the score equations of
 * glm(y ~ a + b·lp) at (a, b) = (0, 1) and of glm(y ~ 1, offset = lp) at a = 0 — slope 1 and both intercepts 0,
 * as rms::validate.lrm sets them on the training sample. (Computing them by IRLS gives the same to ~1e-9, the
 * convergence tolerance.)
 */
export function performanceIndices(lp: ArrayLike<number>, y: ArrayLike<number>, {ownFit = false}: {ownFit?: boolean} = {}): PerformanceIndices {
  const {cases, controls} = splitByOutcome(lp, y, "performanceIndices");
  const n = lp.length;
  let brierSum = 0;
  for (let i = 0; i < n; i++) brierSum += (logisticProbability(lp[i]!) - y[i]!) ** 2;
  const brier = brierSum / n;
  const auc = aucLess(cases, controls);
  const separates = !(auc > 0 && auc < 1);
  const cal = ownFit && !separates ? {slope: 1, slopeModelIntercept: 0, intercept: 0} : recalibrate(lp, y, {separates});
  const prevalence = cases.length / n;
  return {auc, brier, slope: cal.slope, slopeIntercept: cal.slopeModelIntercept, intercept: cal.intercept, brierScaled: 1 - brier / (prevalence * (1 - prevalence))};
}

/**
 * The refit of a resample, or null — counted in `failed` (unless the caller counts them itself: null) as an error
 * (it threw), separated or not converged, and that kind passed to `onFailure` (an observer that must see every
 * resample).
 */
export function usableRefit(refit: () => LogisticFit, failed: FailedRefits | null, onFailure?: (kind: "errors" | "separated" | "nonConverged") => void): LogisticFit | null {
  const fail = (kind: "errors" | "separated" | "nonConverged"): null => {
    if (failed) failed[kind]++;
    onFailure?.(kind);
    return null;
  };
  let result: LogisticFit;
  try {
    result = refit();
  } catch {
    return fail("errors");
  }
  if (result.separation.detected) return fail("separated");
  if (!result.converged) return fail("nonConverged");
  return result;
}

/** Whether performanceIndices may take a fit's own recalibration as known (see there). */
export function knownOwnCalibration(fit: LogisticFit): boolean {
  return fit.method === "ml" && fit.converged && !fit.separation.detected && fit.names[0] === "(Intercept)";
}

/** Mean of the finite values, summed left to right, and how many there were (NaN when none). */
export function finiteMean(xs: ArrayLike<number>): {mean: number; count: number} {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    if (Number.isFinite(x)) {
      sum += x;
      count++;
    }
  }
  return {mean: count ? sum / count : NaN, count};
}

/**
 * Optimism (the mean over replicates of apparent_b − test_b, each index over the replicates where it is finite),
 * corrected indices and the number of replicates behind each index. Shared by optimismBootstrap and by callers
 * that run the replicates in chunks, so both give the same numbers to the last bit.
 */
export function summarizeOptimism(apparent: PerformanceIndices, optimismByReplicate: Record<IndexName, ArrayLike<number>>): {
  optimism: PerformanceIndices;
  corrected: PerformanceIndices;
  usedByIndex: Record<IndexName, number>;
} {
  const means = Object.fromEntries(INDEX_NAMES.map((k) => [k, finiteMean(optimismByReplicate[k])]));
  const optimism = Object.fromEntries(INDEX_NAMES.map((k) => [k, means[k]!.mean])) as unknown as PerformanceIndices;
  const corrected = Object.fromEntries(INDEX_NAMES.map((k) => [k, apparent[k] - optimism[k]])) as unknown as PerformanceIndices;
  const usedByIndex = Object.fromEntries(INDEX_NAMES.map((k) => [k, means[k]!.count])) as Record<IndexName, number>;
  return {optimism, corrected, usedByIndex};
}

/** The design's rows `rows` (with repeats) into `into`'s columns, by plain loops (Float64Array.from with a map callback is several times slower). */
export function subsetDesignInto(design: DesignMatrix, rows: ArrayLike<number>, into: DesignMatrix): void {
  const m = rows.length;
  for (let j = 0; j < design.columns.length; j++) {
    const c = design.columns[j]!;
    const out = into.columns[j]!;
    for (let i = 0; i < m; i++) out[i] = c[rows[i]!]!;
  }
}

export function optimismBootstrap(design: DesignMatrix, y: ArrayLike<number>, {replicates = 200, seed = 1, method = "ml", samples, original: given, apparent: givenApparent, firstReplicate = 0, observe, observeTest}: OptimismBootstrapOptions = {}): OptimismBootstrap {
  const n = design.n;
  if (y.length !== n) throw new TypeError(`optimismBootstrap: y has ${y.length} values but the design has ${n} rows`);
  const B = samples ? samples.length : replicates;
  if (!Number.isInteger(B) || B < 1) throw new RangeError(`optimismBootstrap: replicates must be an integer >= 1, got ${B}`);
  if (!samples && !Number.isFinite(seed)) throw new RangeError(`optimismBootstrap: seed must be a finite number, got ${seed}`);
  if (!(Number.isInteger(firstReplicate) && firstReplicate >= 0)) throw new RangeError(`optimismBootstrap: firstReplicate must be an integer >= 0, got ${firstReplicate}`);
  const fit = (d: DesignMatrix, yy: ArrayLike<number>): LogisticFit => (method === "firth" ? fitFirth(d, yy) : fitLogistic(d, yy));
  // a refit is read for its estimates, η, μ, convergence and separation only: its inference is not computed
  const refitOf = (d: DesignMatrix, yy: ArrayLike<number>): LogisticFit => (method === "firth" ? fitFirth(d, yy) : fitLogistic(d, yy, {estimatesOnly: true}));
  let apparent = givenApparent;
  if (!apparent) {
    const original = given ?? fit(design, y);
    apparent = performanceIndices(original.linearPredictor, y, {ownFit: knownOwnCalibration(original)});
  }
  const failed: FailedRefits = {nonConverged: 0, separated: 0, oneClass: 0, errors: 0, total: 0};
  const emptyLists = () => Object.fromEntries(INDEX_NAMES.map((k) => [k, [] as number[]])) as Record<IndexName, number[]>;
  const optimismLists = emptyLists();
  const testLists = emptyLists();
  // buffers of every replicate: the fits keep none of them (they copy what they return)
  const rows = new Int32Array(n);
  const yb = new Float64Array(n);
  const resample: DesignMatrix = {names: design.names, n, columns: design.columns.map(() => new Float64Array(n))};
  const testLp = new Float64Array(n);
  for (let b = 0; b < B; b++) {
    if (samples) {
      const s = samples[b]!;
      if (s.length !== n) throw new RangeError(`optimismBootstrap: samples[${b}] has ${s.length} indices, expected ${n}`);
      for (let i = 0; i < n; i++) rows[i] = s[i]!;
    } else {
      const rng = replicateRng(seed, firstReplicate + b);
      for (let i = 0; i < n; i++) rows[i] = rng.int(n);
    }
    let events = 0;
    for (let i = 0; i < n; i++) {
      yb[i] = y[rows[i]!]!;
      events += yb[i]!;
    }
    if (events === 0 || events === n) {
      failed.oneClass++;
      observe?.(rows, yb, "oneClass");
      continue;
    }
    const refit = usableRefit(() => {
      subsetDesignInto(design, rows, resample);
      return refitOf(resample, yb);
    }, failed, (kind) => observe?.(rows, yb, kind));
    if (!refit) continue;
    observe?.(rows, yb, refit);
    let app: PerformanceIndices, test: PerformanceIndices;
    try {
      app = performanceIndices(refit.linearPredictor, yb, {ownFit: knownOwnCalibration(refit)});
      linearPredictorInto(design, refit.coefficients, testLp);
      test = performanceIndices(testLp, y);
    } catch {
      failed.errors++;
      continue;
    }
    observeTest?.(testLp, test);
    for (const k of INDEX_NAMES) {
      optimismLists[k].push(app[k] - test[k]);
      testLists[k].push(test[k]);
    }
  }
  failed.total = failed.nonConverged + failed.separated + failed.oneClass + failed.errors;
  const used = B - failed.total;
  const {optimism, corrected, usedByIndex} = summarizeOptimism(apparent, optimismLists);
  const toArrays = (lists: Record<IndexName, number[]>) => Object.fromEntries(INDEX_NAMES.map((k) => [k, Float64Array.from(lists[k])])) as Record<IndexName, Float64Array>;
  return {
    method, seed: samples ? null : seed, replicates: B, used, failed, apparent, optimism, corrected, usedByIndex,
    optimismByReplicate: toArrays(optimismLists), testByReplicate: toArrays(testLists)
  };
}

