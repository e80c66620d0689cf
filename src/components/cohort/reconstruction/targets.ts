/**
 * The reconstruction's targets, derived from the published summary (src/data/published.json): for each figure,
 * the interval of values that print as the published figure at its published precision, moved to the scale the
 * optimiser works on (sums of grid values for means, |t| for a t-test p-value, log odds ratios for ORs, |z| for
 * Wald p-values).
 *
 * A figure printed as v with d decimals and relation "=" is met by any x with round(x, d) = v, i.e. x in
 * [v − h, v + h] with h = 0.5·10^−d; "P<0.001" by any p < 0.001. The optimiser aims inside the interval shrunk
 * by `margin`·h at each end, so that the engine's final computation (a different, independently converged fit)
 * cannot land on the other side of a rounding boundary.
 *
 * The small special functions here (normal and Student-t tails, used once per run to turn p-value intervals into
 * z and t intervals) are private to the generator, which must not depend on other modules' numerics for its
 * bytes; the fidelity report recomputes every figure with the project's engine.
 *
 * Throws RangeError when a published figure the reconstruction needs is missing.
 *
 * @example roundingInterval(0.044, 3, "=", 0).lo // 0.0435
 */

/** Minimal view of src/data/published.json that the generator needs (a subset of PublishedSummary). */
export interface PublishedP {
  value: number;
  relation: "=" | "<";
  decimals?: number;
}
export interface PublishedForReconstruction {
  groups: {asd: {n: number}; nonAsd: {n: number}};
  continuous: {name: string; column?: string; asd: {mean: number; sd: number}; nonAsd: {mean: number; sd: number}; decimals?: number; p?: PublishedP}[];
  binary: {name: string; column?: string; asd: {yes: number; no: number}; nonAsd: {yes: number; no: number}; p?: PublishedP}[];
  multivariable: {name: string; or: number; orDecimals?: number; p: PublishedP}[];
  auc: {marker: string; value: number; decimals?: number}[];
}

/** A closed interval with the scale that turns a distance outside it into "how many half-widths off". */
export interface Interval {
  lo: number;
  hi: number;
  scale: number;
}

/** Distance of x outside the interval, in units of its scale (0 inside). */
export function intervalDistance(x: number, iv: Interval): number {
  if (Number.isNaN(x)) return 1e6;
  if (x < iv.lo) return (iv.lo - x) / iv.scale;
  if (x > iv.hi) return (x - iv.hi) / iv.scale;
  return 0;
}

/** Values that print as `value` at `decimals` ("=") or lie below it ("<"), shrunk by margin·half-width. */
export function roundingInterval(value: number, decimals: number, relation: "=" | "<" | ">", margin: number): Interval {
  const unit = Math.pow(10, -decimals);
  const h = unit / 2;
  if (relation === "=") return {lo: value - h + margin * h, hi: value + h - margin * h, scale: h};
  if (relation === "<") return {lo: -Infinity, hi: value - margin * h, scale: h};
  return {lo: value + margin * h, hi: Infinity, scale: h};
}

/** Decimals of a number as printed (0.044 -> 3, 73 -> 0), for figures without an explicit `decimals`. */
export function printedDecimals(x: number): number {
  const s = String(x);
  const i = s.indexOf(".");
  return i < 0 ? 0 : s.length - i - 1;
}

// ---- private special functions --------------------------------------------------------------------------

/** log Γ(x), Lanczos (g = 7, n = 9), relative error < 1e-15 for x > 0. */
function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the regularized incomplete beta (Numerical Recipes betacf, modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b). */
function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** Two-sided p of Student's t: P(|T_df| > |t|) = I_{df/(df+t²)}(df/2, 1/2). */
export function tTwoSidedP(t: number, df: number): number {
  return incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/** Two-sided p of a standard normal z: erfc(|z|/√2), via the regularized upper incomplete gamma Q(1/2, z²/2). */
export function zTwoSidedP(z: number): number {
  const x = (z * z) / 2;
  if (x === 0) return 1;
  const a = 0.5;
  const gln = logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let del = sum;
    let ap = a;
    for (let n = 0; n < 1000; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-17) break;
    }
    return 1 - sum * Math.exp(-x + a * Math.log(x) - gln);
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return Math.exp(-x + a * Math.log(x) - gln) * h;
}

/** The |statistic| at which a decreasing two-sided p function equals p (bisection to full precision). */
function invertP(pOf: (s: number) => number, p: number): number {
  if (p >= 1) return 0;
  if (p <= 0) return Infinity;
  let lo = 0;
  let hi = 1;
  while (pOf(hi) > p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (pOf(mid) > p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * A p-value interval (p in [pLo, pHi]) as an interval of |statistic| (p decreases in |statistic|), with scale
 * the statistic's half-width (or `openScale` for one-sided intervals such as p < 0.001 or p > 0.05).
 */
export function pToStatisticInterval(p: Interval, pOf: (s: number) => number, openScale: number): Interval {
  const lo = p.hi >= 1 ? 0 : invertP(pOf, p.hi);
  const hi = p.lo <= 0 ? Infinity : invertP(pOf, p.lo);
  const scale = Number.isFinite(hi) && lo > 0 ? (hi - lo) / 2 : openScale;
  return {lo, hi, scale};
}

// ---- the generator's targets ----------------------------------------------------------------------------

import type {ContinuousTarget} from "./marginals.js";

/** Grid and plausible range of each measured column (issue 3), in grid units. */
export const GRID: Record<string, {decimals: number; min: number; max: number}> = {
  age: {decimals: 0, min: 50, max: 95},
  bmd_t: {decimals: 1, min: -5, max: -1},
  cement_ml: {decimals: 1, min: 1, max: 8},
  cobb_post_deg: {decimals: 1, min: 0, max: 30},
  height_recovery_pct: {decimals: 1, min: 0, max: 30}
};

/** published.json `name` -> CSV column. */
export const COLUMN_OF: Record<string, string> = {
  age: "age",
  bmd: "bmd_t",
  cementVolume: "cement_ml",
  cobbPost: "cobb_post_deg",
  heightRecovery: "height_recovery_pct",
  smoking: "smoking",
  previousAsd: "prior_asd",
  cementLeakage: "cement_leakage"
};

export function columnOf(entry: {name: string; column?: string}): string {
  const c = entry.column ?? COLUMN_OF[entry.name];
  if (!c) throw new RangeError(`published: no cohort column for "${entry.name}"; add a "column" field`);
  return c;
}

/** The five measured variables' marginal targets, intervals shrunk by `margin` half-widths at each end. */
export function continuousTargets(published: PublishedForReconstruction, margin: number): ContinuousTarget[] {
  const n: [number, number] = [published.groups.asd.n, published.groups.nonAsd.n];
  return published.continuous.map((c) => {
    const column = columnOf(c);
    const grid = GRID[column];
    if (!grid) throw new RangeError(`published: "${c.name}" maps to column "${column}", which is not a measured column`);
    const d = c.decimals ?? Math.max(printedDecimals(c.asd.mean), printedDecimals(c.asd.sd), printedDecimals(c.nonAsd.mean), printedDecimals(c.nonAsd.sd));
    const scale = Math.pow(10, grid.decimals);
    const auc = published.auc.find((a) => a.marker === c.name);
    const target: ContinuousTarget = {
      column,
      name: c.name,
      decimals: grid.decimals,
      kMin: Math.round(grid.min * scale),
      kMax: Math.round(grid.max * scale),
      n,
      publishedMean: [c.asd.mean, c.nonAsd.mean],
      publishedSd: [c.asd.sd, c.nonAsd.sd],
      mean: [roundingInterval(c.asd.mean, d, "=", margin), roundingInterval(c.nonAsd.mean, d, "=", margin)],
      sd: [roundingInterval(c.asd.sd, d, "=", margin), roundingInterval(c.nonAsd.sd, d, "=", margin)],
      direction: c.asd.mean >= c.nonAsd.mean ? "<" : ">"
    };
    if (c.p) {
      const pIv = roundingInterval(c.p.value, c.p.decimals ?? printedDecimals(c.p.value), c.p.relation, margin);
      const df = n[0] + n[1] - 2;
      target.absT = pToStatisticInterval({lo: Math.max(0, pIv.lo), hi: pIv.hi, scale: pIv.scale}, (t) => tTwoSidedP(t, df), 0.1);
    }
    if (auc) target.auc = roundingInterval(auc.value, auc.decimals ?? printedDecimals(auc.value), "=", margin);
    return target;
  });
}

/** Standard normal quantile, Acklam's rational approximation (relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - 0.02425) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}
