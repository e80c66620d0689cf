/**
 * The numerics of validating a whole modelling procedure by the bootstrap (the replicates themselves are run by
 * ../pipeline/procedure-validation.ts, which re-runs the procedure in each resample): everything here works on
 * per-replicate numbers and is pure.
 *
 * - Monte-Carlo standard error of a corrected index: corrected = apparent − mean_b(optimism_b) with the apparent
 *   fixed, so its MCSE is sd_b(optimism_b)/√B (sd with divisor B − 1), over the replicates where it is finite.
 * - Location-shifted bootstrap interval (Noma, Shinozaki, Iba, Teramukai & Furukawa, Stat Med 2021;40:5691–5701,
 *   as pminternal's confint(method = "shifted", ci_type = "perc")): the percentile interval of the apparent index
 *   over the bootstrap samples — the procedure re-run in sample b and scored on sample b, an estimate of the
 *   apparent index's sampling distribution — shifted by the estimated optimism: [q_{α/2} − Λ̂, q_{1−α/2} − Λ̂].
 *   Percentiles are R's quantile type 7. For an index whose apparent value does not vary between samples (the
 *   calibration slope of a maximum-likelihood refit is 1 and its intercepts 0 in every sample) the interval has
 *   no width (under 1e-6, the slope fit's glm convergence) and is marked `degenerate`: it says nothing about uncertainty.
 * - rms::calibrate(method = "boot")'s overfitting-corrected calibration curve: on a grid of 50 predicted risks from
 *   the 5th smallest to the 5th largest apparent risk, the smooth lowess(p, y, iter = 0) read at the grid by
 *   approx(ties = first, no extrapolation) for the bootstrap model on its sample (training) and on the original data
 *   (test); optimism per grid point = mean(training − test) over the replicates where both exist (predab.resample);
 *   corrected = apparent − optimism; and the absolute errors |p_i − corrected(p_i)| at the patients' own risks
 *   (approx(ties = mean)), whose mean, 0.9 quantile (type 7) and maximum print.calibrate reports.
 * - Instability of individual predictions (Riley & Collins 2023; pminternal's prediction_stability and mape):
 *   for each patient, the risks the bootstrap models predict against the original model's; the mean absolute
 *   prediction error is the mean over patients of mean_b |p_bi − p_i|.
 *
 * Throws RangeError for mismatched lengths. @example shiftedInterval([0.9, 0.95, 0.97], 0.03).lower
 */
import {lowess} from "./lowess.js";
import {logisticProbability} from "./logistic.js";
import {finiteMean, performanceIndices, type PerformanceIndices} from "./optimism-bootstrap.js";

/** R's quantile(x, p, type = 7) of the finite values of xs (NaN when none). */
export function quantile7(xs: ArrayLike<number>, p: number): number {
  const v: number[] = [];
  for (let i = 0; i < xs.length; i++) if (Number.isFinite(xs[i]!)) v.push(xs[i]!);
  if (v.length === 0) return NaN;
  v.sort((a, b) => a - b);
  const h = (v.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, v.length - 1);
  return v[lo]! + (h - lo) * (v[hi]! - v[lo]!);
}

/** Mean, sample sd (divisor count − 1), MCSE = sd/√count and count of the finite values. */
export function finiteSummary(xs: ArrayLike<number>): {mean: number; sd: number; mcse: number; count: number} {
  const {mean, count} = finiteMean(xs);
  let ss = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    if (Number.isFinite(x)) ss += (x - mean) ** 2;
  }
  const sd = count > 1 ? Math.sqrt(ss / (count - 1)) : NaN;
  return {mean, sd, mcse: sd / Math.sqrt(count), count};
}

export interface ShiftedInterval {
  level: number;
  lower: number;
  upper: number;
  /** Percentiles of the apparent index over the bootstrap samples, before the shift. */
  apparentLower: number;
  apparentUpper: number;
  /** True when the apparent index does not vary between samples, so the interval has (almost) no width. */
  degenerate: boolean;
}

/** Noma et al.'s location-shifted bootstrap interval (see the module comment). */
export function shiftedInterval(apparentByReplicate: ArrayLike<number>, optimism: number, level = 0.95): ShiftedInterval {
  const a = (1 - level) / 2;
  const apparentLower = quantile7(apparentByReplicate, a);
  const apparentUpper = quantile7(apparentByReplicate, 1 - a);
  return {level, lower: apparentLower - optimism, upper: apparentUpper - optimism, apparentLower, apparentUpper, degenerate: !(apparentUpper - apparentLower > 1e-6)};
}

/**
 * R's approx(x, y, xout, ties) with x ascending: tied x collapsed to one point (its first y, or the mean of its
 * y's), linear interpolation, NaN outside [min x, max x] (rule = 1) and when fewer than two distinct x remain.
 */
export function approxAt(x: ArrayLike<number>, y: ArrayLike<number>, xout: ArrayLike<number>, ties: "first" | "mean" = "first"): Float64Array {
  if (x.length !== y.length) throw new RangeError(`approxAt: x has ${x.length} values, y ${y.length}`);
  const ux: number[] = [];
  const uy: number[] = [];
  for (let i = 0; i < x.length; ) {
    let j = i;
    let s = 0;
    while (j < x.length && x[j] === x[i]) s += y[j++]!;
    ux.push(x[i]!);
    uy.push(ties === "first" ? y[i]! : s / (j - i));
    i = j;
  }
  const out = new Float64Array(xout.length).fill(NaN);
  if (ux.length < 2) return out;
  const m = ux.length;
  for (let k = 0; k < xout.length; k++) {
    const v = xout[k]!;
    if (!(v >= ux[0]! && v <= ux[m - 1]!)) continue;
    // binary search for the interval [ux[lo], ux[lo + 1]] containing v
    let lo = 0;
    let hi = m - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (ux[mid]! > v) hi = mid;
      else lo = mid;
    }
    if (v === ux[hi]!) out[k] = uy[hi]!;
    else out[k] = uy[lo]! + ((v - ux[lo]!) / (ux[hi]! - ux[lo]!)) * (uy[hi]! - uy[lo]!);
  }
  return out;
}

/** rms::calibrate's grid: 50 points from the 5th smallest to the 5th largest predicted risk. */
export function calibrateGrid(risks: ArrayLike<number>, points = 50): Float64Array {
  const n = risks.length;
  if (n < 11) throw new RangeError(`calibrateGrid: needs more than 10 patients, got ${n}`);
  const p = Float64Array.from(risks).sort();
  const from = p[4]!;
  const to = p[n - 5]!;
  return Float64Array.from({length: points}, (_, i) => (i === points - 1 ? to : from + (i * (to - from)) / (points - 1)));
}

/** lowess(p, y, iter = 0) read at the grid (approx, ties = first); NaN where the smooth does not reach. */
export function smoothAt(p: ArrayLike<number>, y: ArrayLike<number>, grid: ArrayLike<number>): Float64Array {
  const s = lowess(p, y, {iter: 0});
  return approxAt(s.x, s.y, grid, "first");
}

export interface CorrectedCalibration {
  grid: number[];
  apparent: number[];
  /** Apparent minus the mean optimism at each grid point. */
  corrected: number[];
  optimism: number[];
  /** Replicates behind each grid point's optimism. */
  used: number[];
  /** |p_i − corrected(p_i)| over the patients within the grid (print.calibrate). */
  meanAbsoluteError: number;
  meanSquaredError: number;
  quantile90AbsoluteError: number;
  maxAbsoluteError: number;
  /** Patients whose risk lies within the grid (the errors' denominator). */
  patients: number;
}

/**
 * The overfitting-corrected calibration curve from the apparent smooth at the grid and each replicate's
 * training − test difference at the grid (NaN where either is missing), with the error summary at the patients'
 * risks `predicted`.
 */
export function correctedCalibration(grid: ArrayLike<number>, apparent: ArrayLike<number>, differences: readonly ArrayLike<number>[], predicted: ArrayLike<number>): CorrectedCalibration {
  const g = grid.length;
  const sum = new Float64Array(g);
  const used = new Array<number>(g).fill(0);
  for (const d of differences) {
    if (d.length !== g) throw new RangeError(`correctedCalibration: a replicate has ${d.length} grid values, expected ${g}`);
    for (let k = 0; k < g; k++) {
      if (Number.isFinite(d[k]!)) {
        sum[k]! += d[k]!;
        used[k]!++;
      }
    }
  }
  const optimism = Array.from(sum, (s, k) => (used[k]! ? s / used[k]! : NaN));
  const corrected = optimism.map((o, k) => apparent[k]! - o);
  const keepX: number[] = [];
  const keepY: number[] = [];
  for (let k = 0; k < g; k++) {
    if (Number.isFinite(grid[k]! + corrected[k]!)) {
      keepX.push(grid[k]!);
      keepY.push(corrected[k]!);
    }
  }
  const at = approxAt(keepX, keepY, predicted, "mean");
  const errors: number[] = [];
  // the largest by a loop: spreading one argument per patient overflows the stack at registry size (in a Web
  // Worker from about 10⁵ patients)
  let maxError = NaN; // NaN while no patient lies within the grid, as Math.max() of none would not be
  let sq = 0;
  for (let i = 0; i < at.length; i++) {
    if (Number.isFinite(at[i]!)) {
      const e = predicted[i]! - at[i]!;
      const absolute = Math.abs(e);
      errors.push(absolute);
      if (!(absolute <= maxError)) maxError = absolute;
      sq += e * e;
    }
  }
  const mean = errors.length ? errors.reduce((s, e) => s + e, 0) / errors.length : NaN;
  return {
    grid: Array.from(grid), apparent: Array.from(apparent), corrected, optimism, used,
    meanAbsoluteError: mean, meanSquaredError: errors.length ? sq / errors.length : NaN,
    quantile90AbsoluteError: quantile7(errors, 0.9), maxAbsoluteError: maxError,
    patients: errors.length
  };
}

export interface PredictionInstability {
  /** Mean over patients of each patient's mean absolute difference between bootstrap and original risk. */
  meanAbsolutePredictionError: number;
  /** Per patient (cohort order): the original risk, the mean |p_b − p|, and the 2.5% and 97.5% bootstrap risks. */
  original: Float64Array;
  mape: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
}

/** Instability of individual predictions from the bootstrap models' risks on the original patients. */
export function predictionInstability(original: ArrayLike<number>, risksByReplicate: readonly ArrayLike<number>[]): PredictionInstability {
  const n = original.length;
  const mape = new Float64Array(n);
  const lower = new Float64Array(n).fill(NaN);
  const upper = new Float64Array(n).fill(NaN);
  const B = risksByReplicate.length;
  const column = new Float64Array(B);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let b = 0; b < B; b++) {
      const r = risksByReplicate[b]!;
      if (r.length !== n) throw new RangeError(`predictionInstability: a replicate has ${r.length} risks, expected ${n}`);
      column[b] = r[i]!;
      s += Math.abs(r[i]! - original[i]!);
    }
    mape[i] = B ? s / B : NaN;
    if (B) {
      lower[i] = quantile7(column, 0.025);
      upper[i] = quantile7(column, 0.975);
    }
  }
  let total = 0;
  for (let i = 0; i < n; i++) total += mape[i]!;
  return {meanAbsolutePredictionError: n ? total / n : NaN, original: Float64Array.from(original), mape, lower, upper};
}

/**
 * Decimals a Monte-Carlo estimate supports: the most (up to `max`) for which its MCSE is below half a unit of the
 * last digit — 2 decimals need MCSE < 0.005, 3 need < 0.0005. A non-finite MCSE (one replicate) gives `max`.
 */
export function supportedDecimals(mcse: number, max = 3): number {
  if (!Number.isFinite(mcse)) return max;
  for (let d = max; d > 0; d--) if (mcse < 0.5 * 10 ** -d) return d;
  return 0;
}

/**
 * The indices of stats/optimism-bootstrap.ts's performanceIndices, also for a constant linear predictor (the
 * intercept-only model a procedure that keeps nothing ends with): AUC 0.5 (every pair tied), Brier and scaled
 * Brier as usual, calibration-in-the-large logit(ȳ) − lp in closed form, and the slope and its intercept NaN (glm
 * reports the slope of a constant as NA: not estimable), so they leave those replicates out of their means.
 * `ownFit`: lp is a fit's own on y, whose slope and intercepts are then the known 1 and 0 (performanceIndices'
 * ownFit; knownOwnCalibration says when).
 */
export function scoreIndices(lp: ArrayLike<number>, y: ArrayLike<number>, {ownFit = false}: {ownFit?: boolean} = {}): PerformanceIndices {
  const n = lp.length;
  let constant = true;
  for (let i = 1; i < n && constant; i++) if (lp[i] !== lp[0]) constant = false;
  if (!constant) return performanceIndices(lp, y, {ownFit});
  let events = 0;
  for (let i = 0; i < n; i++) events += y[i]!;
  if (events === 0 || events === n) throw new RangeError("scoreIndices: the outcome has one class");
  const prevalence = events / n;
  const p = logisticProbability(lp[0]!);
  let brier = 0;
  for (let i = 0; i < n; i++) brier += (y[i]! - p) ** 2;
  brier /= n;
  return {
    auc: 0.5, brier, slope: NaN, slopeIntercept: NaN,
    intercept: Math.log(prevalence / (1 - prevalence)) - lp[0]!,
    brierScaled: 1 - brier / (prevalence * (1 - prevalence))
  };
}
