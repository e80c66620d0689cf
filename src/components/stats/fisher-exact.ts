/**
 * Fisher's exact test for a 2 × 2 table, two-sided, with the conditional maximum-likelihood odds ratio and its
 * exact confidence interval: R's `fisher.test(table)`.
 *
 * Given the margins, the count a = table[0][0] follows the (Fisher) non-central hypergeometric distribution
 * P(a = s) ∝ C(m, s)·C(n, k − s)·ψˢ on s = max(0, k − n) … min(k, m), where m and n are the column sums and k
 * the first row sum (Fisher 1935). Under H₀ (ψ = 1) the two-sided p is the total probability of the tables no
 * more likely than the observed one, R's rule P(s) ≤ P(a)·(1 + 10⁻⁷) that keeps tables tied in exact
 * arithmetic from being lost to rounding. The estimate is the conditional MLE of ψ, the ψ at which E[a] = a;
 * the 100(1 − α)% interval is [ψ_L, ψ_U] with P(s ≥ a; ψ_L) = α/2 and P(s ≤ a; ψ_U) = α/2 (Cornfield 1956).
 * R finds those roots with `uniroot` at its default tolerance (about 1e-4 relative); here they are solved by
 * bisection on log ψ to double precision, so they agree with R's printed values to R's own tolerance and with a
 * tight-tolerance `uniroot` to ~1e-12. `statistic` is the observed count a, the test's sufficient statistic.
 *
 * Throws TypeError when `table` is not an array of two rows of two counts; RangeError when a count is negative,
 * not an integer, or the table is not 2 × 2 (r × c tables are not implemented).
 *
 * @example fisherExact([[3, 1], [1, 3]]).p // 0.48571428571428565 (R: fisher.test(matrix(c(3,1,1,3), 2))$p.value)
 */
import {checkCountTable} from "./chi-square.js";
import type {TestResult} from "./t-test.js";

export interface FisherExactResult extends TestResult {
  method: "Fisher's Exact Test for Count Data";
  /** Observed count table[0][0]. */
  statistic: number;
  /** Conditional MLE of the odds ratio (0 or Infinity at the edges of the support). */
  estimate: number;
  ciLower: number;
  ciUpper: number;
  confLevel: number;
}

export interface FisherExactOptions {
  /** Confidence level of the odds-ratio interval, in (0, 1); default 0.95. */
  confLevel?: number;
}

/** The conditional distribution of table[0][0] given the margins, with unnormalised log probabilities at ψ = 1. */
function hypergeometricSupport(table: number[][]): {lo: number; hi: number; x: number; logDensity: Float64Array} {
  const x = table[0][0];
  const m = table[0][0] + table[1][0];
  const n = table[0][1] + table[1][1];
  const k = table[0][0] + table[0][1];
  const lo = Math.max(0, k - n);
  const hi = Math.min(k, m);
  const logDensity = new Float64Array(hi - lo + 1);
  // log C(m, s) + log C(n, k − s) by the ratio P(s + 1)/P(s) = (m − s)(k − s)/((s + 1)(n − k + s + 1)), up to a constant.
  for (let s = lo; s < hi; s++) {
    logDensity[s - lo + 1] = logDensity[s - lo] + Math.log(((m - s) * (k - s)) / ((s + 1) * (n - k + s + 1)));
  }
  return {lo, hi, x, logDensity};
}

/** Probabilities of the support at log odds ratio θ, normalised (R's dnhyper). */
function densityAt(logDensity: Float64Array, lo: number, theta: number): Float64Array {
  const d = new Float64Array(logDensity.length);
  let max = -Infinity;
  for (let i = 0; i < d.length; i++) {
    d[i] = logDensity[i] + theta * (lo + i);
    if (d[i] > max) max = d[i];
  }
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    d[i] = Math.exp(d[i] - max);
    sum += d[i];
  }
  for (let i = 0; i < d.length; i++) d[i] /= sum;
  return d;
}

/**
 * Root in θ of an increasing function f: expands a bracket from θ = 0, then bisects to adjacent doubles.
 * Returns ±Infinity when no sign change is found within |θ| ≤ 745 (ψ beyond the double range).
 */
function increasingRoot(f: (theta: number) => number): number {
  let lo = -1;
  let hi = 1;
  while (f(lo) > 0) {
    hi = lo;
    lo *= 2;
    if (lo < -745) return -Infinity;
  }
  while (f(hi) < 0) {
    lo = hi;
    hi *= 2;
    if (hi > 745) return Infinity;
  }
  for (let iter = 0; iter < 200; iter++) {
    const mid = (lo + hi) / 2;
    if (mid <= lo || mid >= hi) break;
    const v = f(mid);
    if (v === 0) return mid;
    if (v < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export function fisherExact(table: number[][], {confLevel = 0.95}: FisherExactOptions = {}): FisherExactResult {
  const {rows, cols} = checkCountTable(table);
  if (rows !== 2 || cols !== 2) {
    throw new RangeError(`table is ${rows} × ${cols}: fisherExact implements 2 × 2 tables only (use chiSquare for r × c)`);
  }
  table.forEach((row, i) => row.forEach((v, j) => {
    if (!Number.isInteger(v)) throw new RangeError(`table[${i}][${j}] is ${v}: counts must be whole numbers`);
  }));
  if (!(confLevel > 0 && confLevel < 1)) throw new RangeError(`confLevel must be in (0, 1), got ${confLevel}`);

  const {lo, hi, x, logDensity} = hypergeometricSupport(table);
  const support = logDensity.length;

  const null0 = densityAt(logDensity, lo, 0);
  const relErr = 1 + 1e-7;
  const cutoff = null0[x - lo] * relErr;
  let p = 0;
  for (let i = 0; i < support; i++) if (null0[i] <= cutoff) p += null0[i];
  p = Math.min(1, p);

  const mean = (theta: number): number => {
    const d = densityAt(logDensity, lo, theta);
    let s = 0;
    for (let i = 0; i < support; i++) s += (lo + i) * d[i];
    return s;
  };
  const lowerTail = (theta: number): number => {
    const d = densityAt(logDensity, lo, theta);
    let s = 0;
    for (let i = 0; i <= x - lo; i++) s += d[i];
    return s;
  };
  const upperTail = (theta: number): number => {
    const d = densityAt(logDensity, lo, theta);
    let s = 0;
    for (let i = x - lo; i < support; i++) s += d[i];
    return s;
  };

  const estimate = x === lo ? 0 : x === hi ? Infinity : Math.exp(increasingRoot((t) => mean(t) - x));
  const alpha = (1 - confLevel) / 2;
  // P(s ≥ x; ψ) rises with ψ; P(s ≤ x; ψ) falls with ψ.
  const ciLower = x === lo ? 0 : Math.exp(increasingRoot((t) => upperTail(t) - alpha));
  const ciUpper = x === hi ? Infinity : Math.exp(increasingRoot((t) => alpha - lowerTail(t)));

  return {method: "Fisher's Exact Test for Count Data", statistic: x, p, estimate, ciLower, ciUpper, confLevel};
}
