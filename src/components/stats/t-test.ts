/**
 * Two-sample t-tests of a difference in means, two-sided, as R's `t.test(x, y, var.equal = TRUE | FALSE)`.
 *
 * Student (pooled variance): s²ₚ = ((n₁ − 1)s₁² + (n₂ − 1)s₂²)/(n₁ + n₂ − 2), SE = sₚ√(1/n₁ + 1/n₂),
 * df = n₁ + n₂ − 2 (Student 1908). Welch: SE = √(s₁²/n₁ + s₂²/n₂) with the Welch–Satterthwaite
 * df = SE⁴ / ((s₁²/n₁)²/(n₁ − 1) + (s₂²/n₂)²/(n₂ − 1)) (Welch 1947; Satterthwaite 1946).
 * t = (x̄₁ − x̄₂)/SE, p = 2·P(T_df > |t|), and the 100(1 − α)% CI of the difference is (t ± t_{df,1−α/2})·SE,
 * computed in that order as R does. The `*FromSummary` forms take published means, SDs and group sizes.
 *
 * Every one of these is scale-equivariant (t, df and p are invariant, the means, SE and CI scale with the data),
 * so they are computed on the data times 2^−e, e the binary exponent of the largest |value| (exact: a power of two
 * changes no rounding), and the means, SE and CI are scaled back: |x| anywhere from 1e-320 to 1e308 gives the
 * t, df and p that R gives for the same data at unit scale, where R's own sums of squares overflow (|x| ≳ 1e154:
 * Welch df NaN) or underflow (|x| ≲ 1e-154). Only a mean, SE or CI limit whose true value exceeds the range of
 * doubles is ±Infinity.
 *
 * Throws RangeError, as R stops, when a group is too small (Student needs n₁, n₂ ≥ 1 and n₁ + n₂ ≥ 3; Welch
 * needs n₁, n₂ ≥ 2), when an SD is negative or a value not finite, or when the data are essentially constant
 * (SE < 10·ε·max(|x̄₁|, |x̄₂|), R's relative rule, at any scale). Where R returns NaN instead — every value in
 * both groups 0, so that the difference and its SE are both 0 (R's rule cannot fire) — the result has NaN
 * statistic, p and CI (and Welch's df) and a `reason`.
 *
 * @example studentT([1, 2, 3], [4, 5, 6]) // {method: "Two Sample t-test", statistic: -3.674234614174767, df: 4, p: 0.021311641128756727, estimate: -3, ...}
 */
import {binaryExponent, ldexp} from "./binary-scale.js";
import {finiteValues} from "./descriptives.js";
import {logGamma, studentTSf} from "./distributions.js";

/** Result of a two-group test; `method` names the test as R prints it. */
export interface TestResult {
  method: string;
  statistic: number;
  df?: number;
  p: number;
  estimate?: number;
  ciLower?: number;
  ciUpper?: number;
  /** Why the statistic, p or CI is NaN, where R also returns NaN rather than stopping; absent otherwise. */
  reason?: string;
}

export interface TTestResult extends TestResult {
  method: "Two Sample t-test" | "Welch Two Sample t-test";
  df: number;
  /** x̄₁ − x̄₂. */
  estimate: number;
  ciLower: number;
  ciUpper: number;
  /** Confidence level of [ciLower, ciUpper]. */
  confLevel: number;
  mean1: number;
  mean2: number;
  /** Standard error of the difference. */
  se: number;
}

/** Published summary figures of two groups. */
export interface TwoGroupSummary {
  mean1: number;
  sd1: number;
  n1: number;
  mean2: number;
  sd2: number;
  n2: number;
}

export interface TTestOptions {
  /** Confidence level of the interval, in (0, 1); default 0.95. */
  confLevel?: number;
}

/** Group moments on a common binary scale: the data are (mean, variance)·2^exponent, (·4^exponent). */
interface Moments {
  mean1: number;
  var1: number;
  n1: number;
  mean2: number;
  var2: number;
  n2: number;
  exponent: number;
}

/** n, mean and variance of x·2^−e, e the binary exponent of max |x| (so the sums cannot overflow or underflow). */
function sampleMoments(values: ArrayLike<number>, name: string): {n: number; mean: number; variance: number; exponent: number} {
  const x = finiteValues(values, name);
  const n = x.length;
  let big = 0;
  for (const v of x) big = Math.max(big, Math.abs(v));
  const exponent = binaryExponent(big);
  const u = exponent === 0 ? x : x.map((v) => ldexp(v, -exponent));
  let sum = 0;
  for (const v of u) sum += v;
  let mean = sum / n;
  // One refinement pass (as R's mean.default does in long double) keeps the mean exact to rounding.
  let residual = 0;
  for (const v of u) residual += v - mean;
  mean += residual / n;
  let ss = 0;
  for (const v of u) ss += (v - mean) * (v - mean);
  return {n, mean, variance: n > 1 ? ss / (n - 1) : NaN, exponent};
}

/** Both groups on the scale of the larger exponent (the other group's values shrink exactly, or vanish beside it). */
function commonScale(
  a: {n: number; mean: number; variance: number; exponent: number},
  b: {n: number; mean: number; variance: number; exponent: number}
): Moments {
  const e = Math.max(a.exponent, b.exponent);
  const da = a.exponent - e;
  const db = b.exponent - e;
  return {
    mean1: ldexp(a.mean, da),
    var1: ldexp(a.variance, 2 * da),
    n1: a.n,
    mean2: ldexp(b.mean, db),
    var2: ldexp(b.variance, 2 * db),
    n2: b.n,
    exponent: e
  };
}

function checkConfLevel(confLevel: number): void {
  if (!(confLevel > 0 && confLevel < 1)) throw new RangeError(`confLevel must be in (0, 1), got ${confLevel}`);
}

function tTest(m: Moments, pooled: boolean, confLevel: number): TTestResult {
  checkConfLevel(confLevel);
  const {mean1, var1, n1, mean2, var2, n2, exponent} = m;
  const method = pooled ? "Two Sample t-test" : "Welch Two Sample t-test";
  let df: number;
  let se: number;
  if (pooled) {
    if (n1 < 1) throw new RangeError("not enough observations in the first group (a): at least 1 is needed");
    if (n2 < 1) throw new RangeError("not enough observations in the second group (b): at least 1 is needed");
    df = n1 + n2 - 2;
    if (df < 1) throw new RangeError(`not enough observations: n1 + n2 = ${n1 + n2}, at least 3 are needed`);
    let v = 0;
    if (n1 > 1) v += (n1 - 1) * var1;
    if (n2 > 1) v += (n2 - 1) * var2;
    v /= df;
    se = Math.sqrt(v * (1 / n1 + 1 / n2));
  } else {
    if (n1 < 2) throw new RangeError(`not enough observations in the first group (a): n = ${n1}, at least 2 are needed`);
    if (n2 < 2) throw new RangeError(`not enough observations in the second group (b): n = ${n2}, at least 2 are needed`);
    const se1 = var1 / n1;
    const se2 = var2 / n2;
    se = Math.sqrt(se1 + se2);
    df = (se1 + se2) ** 2 / (se1 ** 2 / (n1 - 1) + se2 ** 2 / (n2 - 1));
  }
  const back = (v: number) => ldexp(v, exponent);
  if (se < 10 * Number.EPSILON * Math.max(Math.abs(mean1), Math.abs(mean2))) {
    throw new RangeError("data are essentially constant: the standard error of the difference is below 10ε times the larger group mean (R's t.test stops here too)");
  }
  if (se === 0) {
    // both groups all zeros: R's relative rule cannot fire (its bound is 0 too), and t.test returns NaN
    return {
      method,
      statistic: NaN,
      df: pooled ? df : NaN,
      p: NaN,
      estimate: 0,
      ciLower: NaN,
      ciUpper: NaN,
      confLevel,
      mean1: 0,
      mean2: 0,
      se: 0,
      reason: "every value in both groups is 0, so the difference in means and its standard error are both 0 and t is 0/0 (R's t.test returns NaN too)"
    };
  }
  const statistic = (mean1 - mean2) / se;
  const p = Math.min(1, 2 * studentTSf(Math.abs(statistic), df));
  const q = studentTQuantileUpper((1 - confLevel) / 2, df);
  return {
    method,
    statistic,
    df,
    p,
    estimate: back(mean1 - mean2),
    ciLower: back((statistic - q) * se),
    ciUpper: back((statistic + q) * se),
    confLevel,
    mean1: back(mean1),
    mean2: back(mean2),
    se: back(se)
  };
}

function fromData(a: ArrayLike<number>, b: ArrayLike<number>): Moments {
  return commonScale(sampleMoments(a, "a"), sampleMoments(b, "b"));
}

function fromSummary(s: TwoGroupSummary): Moments {
  if (s == null || typeof s !== "object") throw new TypeError("summary must be an object {mean1, sd1, n1, mean2, sd2, n2}");
  for (const key of ["mean1", "sd1", "n1", "mean2", "sd2", "n2"] as const) {
    const v = s[key];
    if (typeof v !== "number" || !Number.isFinite(v)) throw new RangeError(`summary.${key} must be a finite number, got ${String(v)}`);
  }
  for (const key of ["n1", "n2"] as const) {
    if (!Number.isInteger(s[key]) || s[key] < 1) throw new RangeError(`summary.${key} must be a positive integer, got ${s[key]}`);
  }
  for (const key of ["sd1", "sd2"] as const) {
    if (s[key] < 0) throw new RangeError(`summary.${key} must not be negative, got ${s[key]}`);
  }
  const group = (mean: number, sd: number, n: number) => {
    const exponent = binaryExponent(Math.max(Math.abs(mean), sd));
    const scaledSd = ldexp(sd, -exponent);
    return {n, mean: ldexp(mean, -exponent), variance: scaledSd * scaledSd, exponent};
  };
  return commonScale(group(s.mean1, s.sd1, s.n1), group(s.mean2, s.sd2, s.n2));
}

/** Student's two-sample t-test with pooled variance: R `t.test(a, b, var.equal = TRUE)`. */
export function studentT(a: ArrayLike<number>, b: ArrayLike<number>, {confLevel = 0.95}: TTestOptions = {}): TTestResult {
  return tTest(fromData(a, b), true, confLevel);
}

/** Welch's two-sample t-test: R `t.test(a, b)` (var.equal = FALSE, the default). */
export function welchT(a: ArrayLike<number>, b: ArrayLike<number>, {confLevel = 0.95}: TTestOptions = {}): TTestResult {
  return tTest(fromData(a, b), false, confLevel);
}

/** Student's pooled t-test from means, SDs and sizes (the SDs are sample SDs, divisor n − 1). */
export function studentTFromSummary(summary: TwoGroupSummary, {confLevel = 0.95}: TTestOptions = {}): TTestResult {
  return tTest(fromSummary(summary), true, confLevel);
}

/** Welch's t-test from means, SDs and sizes. */
export function welchTFromSummary(summary: TwoGroupSummary, {confLevel = 0.95}: TTestOptions = {}): TTestResult {
  return tTest(fromSummary(summary), false, confLevel);
}

/** log of Student's t density at t. */
function logTDensity(t: number, df: number): number {
  return logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((t * t) / df);
}

/**
 * The t with P(T_df > t) = q, for 0 < q < 0.5: safeguarded Newton iteration on the survival function, kept
 * inside a bisection bracket, to full double precision (R's `qt(1 - q, df)`).
 */
export function studentTQuantileUpper(q: number, df: number): number {
  if (!(q > 0 && q < 0.5)) throw new RangeError(`q must be in (0, 0.5), got ${q}`);
  if (!(df > 0)) throw new RangeError(`df must be positive, got ${df}`);
  let lo = 0;
  let hi = 1;
  while (studentTSf(hi, df) > q) {
    lo = hi;
    hi *= 2;
    if (hi > 1e300) return Infinity;
  }
  let t = (lo + hi) / 2;
  for (let iter = 0; iter < 200; iter++) {
    const f = studentTSf(t, df) - q;
    if (f === 0) return t;
    if (f > 0) lo = t;
    else hi = t;
    const step = f / Math.exp(logTDensity(t, df));
    let next = t + step;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - t) <= 4 * Number.EPSILON * Math.abs(next) || hi - lo <= 4 * Number.EPSILON * hi) return next;
    t = next;
  }
  return t;
}
