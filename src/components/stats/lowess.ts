/**
 * LOWESS scatterplot smoother (Cleveland 1979, JASA 74:829–836, "Robust locally weighted regression and smoothing
 * scatterplots"), computed as R's stats::lowess(x, y, f, iter, delta) computes it (the clowess algorithm of
 * Cleveland's lowess.f): at each point x_i, a weighted least-squares line through its ns = max(2, min(n, ⌊f·n⌋))
 * nearest neighbours with tricube weights w_j = (1 − (|x_j − x_i|/h)³)³, h the distance to the farthest of them;
 * points within `delta` of the last fitted point are linearly interpolated instead of fitted; `iter` robustness
 * passes reweight by the bisquare of the residuals over six median absolute residuals.
 *
 * calibrationCurve(p, y) is the smooth that rms::val.prob draws: lowess(p, y, iter = 0) (f = 2/3).
 *
 * Throws: TypeError when x and y differ in length or are empty; RangeError for a non-finite value, f outside
 * (0, 1], a negative delta or a negative or non-integer iter.
 *
 * Example: lowess([1, 2, 3, 4], [2, 4, 6, 8], {iter: 0}).y // [2, 4, 6, 8] (a line is its own smooth)
 */

import {stableOrder} from "./stable-order.js";

export interface LowessOptions {
  /** Smoother span: the fraction of points in each local fit (R default 2/3). */
  f?: number;
  /** Robustness iterations (R default 3; rms::val.prob uses 0). */
  iter?: number;
  /** Points closer than delta to the last fitted x are interpolated; default 0.01 · range(x), as R. */
  delta?: number;
}

export interface LowessResult {
  /** x sorted ascending. */
  x: Float64Array;
  /** Smoothed values at each x. */
  y: Float64Array;
}

/**
 * Local weighted linear fit at xs over points nleft..nright (0-based, inclusive); null when all weights vanish.
 * The arithmetic of clowess's lowest, operation for operation, in four passes instead of six: the tricube weights
 * and their sum; the normalised weights w_j/Σw and x̄ = Σ w_j·x_j; c = Σ w_j·(x_j − x̄)²; and the fitted value
 * Σ w_j·(b·(x_j − x̄) + 1)·y_j, b = (xs − x̄)/c, without first writing the slope into the weights. The passes after
 * the first start at the first point within 0.999·h: a point before it has weight 0 and adds an exact 0 to each sum.
 */
function lowest(x: Float64Array, y: Float64Array, n: number, xs: number, nleft: number, nright: number, w: Float64Array, rw: Float64Array | null): number | null {
  const range = x[n - 1]! - x[0]!;
  const h = Math.max(xs - x[nleft]!, x[nright]! - xs);
  const h9 = 0.999 * h;
  const h1 = 0.001 * h;
  let j = nleft;
  // The points left of xs beyond 0.999·h (sorted x: they come first).
  while (j < n && xs - x[j]! > h9) j++;
  const first = j;
  let a = 0;
  // tricube as R's clowess computes it, fcube(x) = x·x·x: `** 3` rounds differently and costs ~50 times more
  if (rw) {
    for (; j < n; j++) {
      const r = Math.abs(x[j]! - xs);
      if (r > h9) break;
      const q = r / h;
      const t = 1 - q * q * q;
      const wj = (r <= h1 ? 1 : t * t * t) * rw[j]!;
      w[j] = wj;
      a += wj;
    }
  } else {
    for (; j < n; j++) {
      const r = Math.abs(x[j]! - xs);
      if (r > h9) break;
      const q = r / h;
      const t = 1 - q * q * q;
      const wj = r <= h1 ? 1 : t * t * t;
      w[j] = wj;
      a += wj;
    }
  }
  const nrt = j - 1;
  if (a <= 0) return null;
  if (h > 0) {
    let mean = 0;
    for (j = first; j <= nrt; j++) {
      const wj = w[j]! / a;
      w[j] = wj;
      mean += wj * x[j]!;
    }
    let c = 0;
    for (j = first; j <= nrt; j++) {
      const dx = x[j]! - mean;
      c += w[j]! * dx * dx;
    }
    if (Math.sqrt(c) > 0.001 * range) {
      const b = (xs - mean) / c;
      let ys = 0;
      for (j = first; j <= nrt; j++) ys += w[j]! * (b * (x[j]! - mean) + 1) * y[j]!;
      return ys;
    }
    let ys = 0;
    for (j = first; j <= nrt; j++) ys += w[j]! * y[j]!;
    return ys;
  }
  let ys = 0;
  for (j = first; j <= nrt; j++) ys += (w[j]! / a) * y[j]!;
  return ys;
}

/**
 * The k-th smallest (0-based) of a, rearranging a so that no value before index k exceeds a[k] and none after is
 * below it: Hoare's FIND (Wirth's formulation, "Algorithms + Data Structures = Programs", 1976, §2.3.4) with the
 * median of three as pivot, O(n) expected. The value is the one a sort would put at k; a holds no NaN.
 */
function selectInPlace(a: Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  while (left < right) {
    const first = a[left]!;
    const middle = a[(left + right) >>> 1]!;
    const last = a[right]!;
    const pivot = first < middle ? (middle < last ? middle : first < last ? last : first) : first < last ? first : middle < last ? last : middle;
    let i = left;
    let j = right;
    do {
      while (a[i]! < pivot) i++;
      while (pivot < a[j]!) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < k) left = i;
    if (k < i) right = j;
  }
  return a[k]!;
}

/** R's lowess on data already sorted by x (x ascending). */
function clowess(x: Float64Array, y: Float64Array, f: number, nsteps: number, delta: number): Float64Array {
  const n = x.length;
  const ys = new Float64Array(n);
  if (n < 2) {
    ys[0] = y[0]!;
    return ys;
  }
  const ns = Math.max(2, Math.min(n, Math.floor(f * n + 1e-7)));
  const w = new Float64Array(n);
  const res = new Float64Array(n);
  const abs = new Float64Array(n);
  let rw: Float64Array | null = null;
  for (let iteration = 1; iteration <= nsteps + 1; iteration++) {
    let nleft = 0;
    let nright = ns - 1;
    let last = -1;
    let i = 0;
    for (;;) {
      if (nright < n - 1) {
        const d1 = x[i]! - x[nleft]!;
        const d2 = x[nright + 1]! - x[i]!;
        if (d1 > d2) {
          nleft++;
          nright++;
          continue;
        }
      }
      const fitted = lowest(x, y, n, x[i]!, nleft, nright, w, rw);
      ys[i] = fitted === null ? y[i]! : fitted;
      if (last < i - 1) {
        const denom = x[i]! - x[last]!;
        for (let j = last + 1; j < i; j++) {
          const alpha = (x[j]! - x[last]!) / denom;
          ys[j] = alpha * ys[i]! + (1 - alpha) * ys[last]!;
        }
      }
      last = i;
      const cut = x[last]! + delta;
      for (i = last + 1; i < n; i++) {
        if (x[i]! > cut) break;
        if (x[i] === x[last]) {
          ys[i] = ys[last]!;
          last = i;
        }
      }
      i = Math.max(last + 1, i - 1);
      if (last >= n - 1) break;
    }
    for (let k = 0; k < n; k++) res[k] = y[k]! - ys[k]!;
    if (iteration > nsteps) break;
    // Robustness weights: bisquare of residual / (6 · median |residual|), as clowess.
    let sum = 0;
    for (let k = 0; k < n; k++) {
      const r = Math.abs(res[k]!);
      abs[k] = r;
      sum += r;
    }
    const sc = sum / n;
    const m1 = Math.floor(n / 2);
    const upper = selectInPlace(abs, m1);
    let lower = 0;
    if (n % 2 === 0) {
      // After selectInPlace every value left of m1 is at most abs[m1]: the (m1 − 1)-th smallest is their largest.
      lower = abs[0]!;
      for (let k = 1; k < m1; k++) if (abs[k]! > lower) lower = abs[k]!;
    }
    const cmad = n % 2 === 0 ? 3 * (lower + upper) : 6 * upper;
    if (cmad < 1e-7 * sc) break;
    const c9 = 0.999 * cmad;
    const c1 = 0.001 * cmad;
    rw ??= new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const r = Math.abs(res[k]!);
      rw[k] = r <= c1 ? 1 : r <= c9 ? (1 - (r / cmad) ** 2) ** 2 : 0;
    }
  }
  return ys;
}

export function lowess(x: ArrayLike<number>, y: ArrayLike<number>, {f = 2 / 3, iter = 3, delta}: LowessOptions = {}): LowessResult {
  const n = x.length;
  if (n === 0 || y.length !== n) throw new TypeError(`lowess: x and y must be non-empty and of equal length (got ${n} and ${y.length})`);
  if (!(f > 0 && f <= 1)) throw new RangeError(`lowess: f must lie in (0, 1], got ${f}`);
  if (!Number.isInteger(iter) || iter < 0) throw new RangeError(`lowess: iter must be a non-negative integer, got ${iter}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) throw new RangeError(`lowess: x[${i}] = ${x[i]}, y[${i}] = ${y[i]} must be finite`);
  }
  const order = stableOrder(x);
  const xs = new Float64Array(n);
  const ysIn = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    xs[k] = x[i]!;
    ysIn[k] = y[i]!;
  }
  const d = delta ?? 0.01 * (xs[n - 1]! - xs[0]!);
  if (!(d >= 0)) throw new RangeError(`lowess: delta must be >= 0, got ${delta}`);
  return {x: xs, y: clowess(xs, ysIn, f, iter, d)};
}

export interface CalibrationCurveResult {
  /** Predicted probabilities, ascending. */
  predicted: Float64Array;
  /** Smoothed observed proportion at each predicted value (may stray slightly outside [0, 1], as lowess does). */
  observed: Float64Array;
}

/**
 * The smoothed calibration curve of rms::val.prob: lowess(p, y, iter = 0) with span f (default 2/3).
 * Throws as lowess, and RangeError when a p is outside [0, 1] or a y is not 0/1.
 */
export function calibrationCurve(p: ArrayLike<number>, y: ArrayLike<number>, {span = 2 / 3}: {span?: number} = {}): CalibrationCurveResult {
  for (let i = 0; i < p.length; i++) {
    if (!(p[i]! >= 0 && p[i]! <= 1)) throw new RangeError(`calibrationCurve: p[${i}] = ${p[i]} is not a probability`);
    if (y[i] !== 0 && y[i] !== 1) throw new RangeError(`calibrationCurve: y[${i}] = ${y[i]} is not 0 or 1`);
  }
  const s = lowess(p, y, {f: span, iter: 0});
  return {predicted: s.x, observed: s.y};
}
