/**
 * Calibration of predicted probabilities against 0/1 outcomes, as rms::val.prob (Harrell, rms 6.5) reports them.
 * - brierScore: mean((p − y)^2).
 * - calibrationSlopeIntercept: with L = logit(p), "Slope" is b in glm(y ~ L) (its intercept a is returned too as
 *   slopeModelIntercept); "Intercept" is a in glm(y ~ 1, offset = L) (calibration-in-the-large).
 *   Note: rms 6.5 val.prob labels the intercept of glm(y ~ L) "Intercept"; ours, `intercept`, is the offset model
 *   (the one a reader of "calibration-in-the-large" expects); val.prob's number is `slopeModelIntercept`. Both
 *   are fitted by the engine's fitLogistic, the same IRLS as R's glm (so also the bootstrap's recalibration fits).
 * Throws: TypeError for unequal/empty inputs; RangeError for p outside (0, 1) (logit undefined) or y not 0/1.
 * Example: brierScore([0.2, 0.8], [0, 1]) // 0.04
 */
import {chiSquareSf} from "./distributions.js";
import {fitLogistic} from "./logistic.js";

function check(p: ArrayLike<number>, y: ArrayLike<number>, name: string, open: boolean): void {
  if (p.length === 0 || p.length !== y.length) throw new TypeError(`${name}: p and y must be non-empty and of equal length (got ${p.length} and ${y.length})`);
  for (let i = 0; i < p.length; i++) {
    const ok = open ? p[i] > 0 && p[i] < 1 : p[i] >= 0 && p[i] <= 1;
    if (!ok) throw new RangeError(`${name}: p[${i}] = ${p[i]} must lie in ${open ? "(0, 1)" : "[0, 1]"}`);
    if (y[i] !== 0 && y[i] !== 1) throw new RangeError(`${name}: y[${i}] = ${y[i]} is not 0 or 1`);
  }
}

export function brierScore(p: ArrayLike<number>, y: ArrayLike<number>): number {
  check(p, y, "brierScore", false);
  let s = 0;
  for (let i = 0; i < p.length; i++) s += (p[i] - y[i]) ** 2;
  return s / p.length;
}

export interface CalibrationSlopeIntercept {
  /** b in glm(y ~ a + b·L); NaN where it has no finite value (L separates the outcomes, or the fit did not converge). */
  slope: number;
  /** a in glm(y ~ a + b·L) (rms val.prob's "Intercept"); NaN with the slope. */
  slopeModelIntercept: number;
  /** a in glm(y ~ 1, offset = L): calibration-in-the-large. */
  intercept: number;
  /** Both fits converged (the slope model is not fitted, and counts as not converged, when L separates y). */
  converged: boolean;
}

/**
 * The two recalibration models of a linear predictor L, fitted by the engine's fitLogistic (IRLS as glm, with
 * step-halving): glm(y ~ L) and glm(y ~ 1, offset = L). When L separates the outcomes (its AUC is 0 or 1) the slope
 * model has no finite maximum and is not fitted: slope and its intercept are NaN. `tolerance` is glm's epsilon (the
 * bootstrap keeps glm's 1e-8, as a hand R loop with glm computes it; the apparent calibration asks for 1e-12, the
 * maximum itself, as rms::val.prob's lrm reports it).
 */
export function recalibrate(lp: ArrayLike<number>, y: ArrayLike<number>, {separates, tolerance = 1e-8}: {separates: boolean; tolerance?: number}): CalibrationSlopeIntercept {
  const n = lp.length;
  const buffer = new Float64Array(2 * n);
  const lpColumn = buffer.subarray(0, n);
  const ones = buffer.subarray(n).fill(1);
  for (let i = 0; i < n; i++) lpColumn[i] = lp[i]!;
  const slopeFit = separates ? null : fitLogistic({names: ["(Intercept)", "lp"], columns: [ones, lpColumn], n}, y, {skipSeparationCheck: true, tolerance});
  const slopeFinite = slopeFit !== null && slopeFit.converged;
  const offsetFit = fitLogistic({names: ["(Intercept)"], columns: [ones], n}, y, {offset: lpColumn, skipSeparationCheck: true, tolerance});
  return {
    slope: slopeFinite ? slopeFit.coefficients[1]! : NaN,
    slopeModelIntercept: slopeFinite ? slopeFit.coefficients[0]! : NaN,
    intercept: offsetFit.coefficients[0]!,
    converged: slopeFinite && offsetFit.converged
  };
}

/** The recalibration models of probabilities p (L = logit p), as rms::val.prob's "Slope" and glm with an offset. */
export function calibrationSlopeIntercept(p: ArrayLike<number>, y: ArrayLike<number>): CalibrationSlopeIntercept {
  check(p, y, "calibrationSlopeIntercept", true);
  const n = p.length;
  const lp = new Float64Array(n);
  let maxControl = -Infinity;
  let minCase = Infinity;
  let maxCase = -Infinity;
  let minControl = Infinity;
  for (let i = 0; i < n; i++) {
    const l = Math.log(p[i]! / (1 - p[i]!));
    lp[i] = l;
    if (y[i] === 1) {
      if (l < minCase) minCase = l;
      if (l > maxCase) maxCase = l;
    } else {
      if (l > maxControl) maxControl = l;
      if (l < minControl) minControl = l;
    }
  }
  // complete separation by L in either direction: every case above every control, or below
  return recalibrate(lp, y, {separates: minCase > maxControl || maxCase < minControl, tolerance: 1e-12});
}

export interface HosmerLemeshowGroup { lower: number; upper: number; n: number; observed: number; expected: number }
export interface HosmerLemeshow { statistic: number; df: number; p: number; table: HosmerLemeshowGroup[] }

/**
 * Hosmer–Lemeshow goodness of fit over deciles of risk, as ResourceSelection::hoslem.test(y, p, g):
 * breaks = quantile(p, seq(0, 1, 1/g)) (type 7), groups (a, b] with the lowest included (cut(include.lowest = TRUE)),
 * X² = Σ over groups and both outcome classes of (O − E)² / E, df = g − 2, p from the chi-square upper tail.
 * Throws RangeError if the quantile breaks are not distinct (R's cut() stops there too).
 */
export function hosmerLemeshow(p: ArrayLike<number>, y: ArrayLike<number>, {groups = 10}: {groups?: number} = {}): HosmerLemeshow {
  check(p, y, "hosmerLemeshow", false);
  if (!Number.isInteger(groups) || groups < 3) throw new RangeError(`hosmerLemeshow: groups must be an integer >= 3, got ${groups}`);
  const n = p.length, sorted = Float64Array.from(p).sort();
  const breaks: number[] = [];
  for (let k = 0; k <= groups; k++) {
    const h = (n - 1) * (k / groups), lo = Math.floor(h);
    breaks.push(lo + 1 < n ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo]);
  }
  for (let k = 1; k <= groups; k++) if (!(breaks[k] > breaks[k - 1])) throw new RangeError(`hosmerLemeshow: quantile breaks are not distinct (${groups} groups); use fewer groups`);
  const table: HosmerLemeshowGroup[] = breaks.slice(1).map((u, k) => ({lower: breaks[k], upper: u, n: 0, observed: 0, expected: 0}));
  for (let i = 0; i < n; i++) {
    let k = 0;
    while (k < groups - 1 && p[i] > breaks[k + 1]) k++;
    const g = table[k]; g.n++; g.observed += y[i]; g.expected += p[i];
  }
  let x2 = 0;
  for (const g of table) {
    if (g.n === 0) continue;
    x2 += (g.observed - g.expected) ** 2 / g.expected + (g.observed - g.expected) ** 2 / (g.n - g.expected);
  }
  const df = groups - 2;
  return {statistic: x2, df, p: chiSquareSf(x2, df), table};
}
