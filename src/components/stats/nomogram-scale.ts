/**
 * Points scales of a logistic model's nomogram, computed as rms::nomogram (Harrell, rms 6.5) computes them.
 *
 * For a linear predictor lp = β₀ + Σⱼ βⱼ xⱼ, each predictor j gets an axis of values a (by default the R
 * `pretty(range(xⱼ), n = 10)` ticks over the data), and its contribution βⱼ a ranges over [Rⱼ⁻, Rⱼ⁺].
 * The predictor with the widest contribution range spans 0–`maxScale` points:
 *
 *   sc = maxScale / maxⱼ (Rⱼ⁺ − Rⱼ⁻),   pointsⱼ(x) = (βⱼ x − Rⱼ⁻) · sc,
 *   total points T = Σⱼ pointsⱼ(xⱼ)  ⇔  lp = β₀′ + T / sc,  with β₀′ = β₀ + Σⱼ Rⱼ⁻,
 *   probability = 1 / (1 + exp(−lp)).
 *
 * The lp axis has ticks pretty(range(fitted lp), 10); the total-points axis pretty(c(0, max(maxScale,
 * sc·(max lp tick − β₀′))), 10); the risk axis ticks pretty(plogis(range(lp ticks)), 10), keeping those inside
 * the curve's range (so 0 and 1 fall away), placed at their exact logit (rms interpolates over 1,000 points;
 * the two agree to ~1e-9 relative).
 *
 * Source: rms::nomogram (R, rms 6.5.0), lines computing `R`, `sc`, `Intercept` and `lp.at`; base::pretty
 * (R_pretty in src/appl/pretty.c, with high.u.bias = 1.5, u5.bias = 0.5 + 1.5·1.5, min.n = n %/% 3).
 * Throws RangeError when a coefficient or axis value is not finite, when an axis has fewer than two values,
 * or when every predictor's contribution range is zero.
 *
 * Example: nomogramScale({intercept: -13.35, predictors: [{name: "age", coefficient: 0.0714, range: [52, 89]}, …]})
 *   → predictors[0].axis = [50, 55, …, 90]; pointsFor(scale, "age", 70) = 10.83 (with the fixture's fit).
 */

export interface NomogramPredictorInput {
  /** Name used to look the predictor up (e.g. "age"). */
  name: string;
  /** Coefficient βⱼ on the linear-predictor (log-odds) scale. */
  coefficient: number;
  /** Axis values; if omitted, R's pretty(range, n = nint) is used. */
  axis?: number[];
  /** Data range [min, max] for the default axis (rms uses datadist's full range, Low/High). */
  range?: [number, number];
  /** Optional label for drawing. */
  label?: string;
}

export interface NomogramScaleOptions {
  intercept: number;
  predictors: NomogramPredictorInput[];
  /** Fitted linear predictors (or their [min, max]); sets the lp and probability axes. */
  linearPredictors?: ArrayLike<number>;
  /** Points of the widest predictor (rms `maxscale`), default 100. */
  maxScale?: number;
  /** Approximate number of axis intervals (rms `nint`), default 10. */
  nint?: number;
  /** Probabilities at which to place the risk axis's ticks (rms `fun.at`); default pretty ticks as rms. */
  probabilityTicks?: number[];
}

export interface NomogramPredictorScale {
  name: string;
  label: string;
  coefficient: number;
  axis: number[];
  /** βⱼ·a for each axis value (rms `Xbeta`, uncentred). */
  contributions: number[];
  /** Points for each axis value. */
  points: number[];
  minContribution: number;
  maxContribution: number;
}

export interface NomogramScale {
  predictors: NomogramPredictorScale[];
  /** Points per unit of linear predictor (rms `sc`). */
  pointsPerUnit: number;
  /** β₀ + Σ Rⱼ⁻ (rms's adjusted `Intercept`): the linear predictor at zero total points. */
  baseLinearPredictor: number;
  maxScale: number;
  totalPointsAxis: number[];
  lpAxis: {lp: number[]; points: number[]};
  probabilityAxis: {probability: number[]; points: number[]};
}

const DBL_EPSILON = 2.220446049250313e-16;

/**
 * R's base::pretty(c(lo, hi), n): about n+1 equally spaced "round" values (1, 2 or 5 × 10ᵏ steps) covering
 * [lo, hi]. Mirrors R_pretty with R's defaults.
 */
export function prettyTicks(lo: number, hi: number, n = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new RangeError("prettyTicks: lo and hi must be finite");
  if (lo > hi) [lo, hi] = [hi, lo];
  const h = 1.5;
  const h5 = 0.5 + 1.5 * h;
  const minN = Math.floor(n / 3);
  const shrinkSml = 0.75;
  const roundingEps = 1e-10;
  const dx = hi - lo;
  let cell: number;
  let iSmall: boolean;
  if (dx === 0 && hi === 0) {
    cell = 1;
    iSmall = true;
  } else {
    cell = Math.max(Math.abs(lo), Math.abs(hi));
    let U = 1 + (h5 >= 1.5 * h + 0.5 ? 1 / (1 + h) : 1.5 / (1 + h5));
    U *= Math.max(1, n) * DBL_EPSILON;
    iSmall = dx < cell * U * 3;
  }
  if (iSmall) {
    if (cell > 10) cell = 9 + cell / 10;
    cell *= shrinkSml;
    if (minN > 1) cell /= minN;
  } else {
    cell = dx;
    if (n > 1) cell /= n;
  }
  const subsmall = 2 ** -20 * 2.2250738585072014e-308 || 2.2250738585072014e-308;
  if (cell < subsmall) cell = subsmall;
  const base = 10 ** Math.floor(Math.log10(cell));
  let unit = base;
  let ns: number;
  if ((ns = 2 * base) - cell < h * (cell - unit)) {
    unit = ns;
    if ((ns = 5 * base) - cell < h5 * (cell - unit)) {
      unit = ns;
      if ((ns = 10 * base) - cell < h * (cell - unit)) unit = ns;
    }
  }
  let low = Math.floor(lo / unit + roundingEps);
  let up = Math.ceil(hi / unit - roundingEps);
  while (low * unit > lo + roundingEps * unit) low--;
  while (up * unit < hi - roundingEps * unit) up++;
  let k = Math.floor(0.5 + up - low);
  if (k < minN) {
    k = minN - k;
    if (low >= 0) {
      up += Math.floor(k / 2);
      low -= Math.floor(k / 2) + (k % 2);
    } else {
      low -= Math.floor(k / 2);
      up += Math.floor(k / 2) + (k % 2);
    }
    k = minN;
  }
  // R: seq.int(ns*unit, nu*unit, length.out = k + 1), then values within 1e-14·step of zero set to 0.
  const from = low * unit;
  const to = up * unit;
  const ticks: number[] = [];
  if (k === 0) return [from];
  const by = (to - from) / k;
  for (let i = 0; i <= k; i++) {
    let value = i === k ? to : from + i * by;
    if (Math.abs(value) < 1e-14 * by) value = 0;
    ticks.push(value);
  }
  return ticks;
}

function extent(values: ArrayLike<number>, what: string): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) throw new RangeError(`nomogramScale: ${what} contains a non-finite value at index ${i}`);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) throw new RangeError(`nomogramScale: ${what} is empty`);
  return [min, max];
}

/** The nomogram's scales (see the module comment). */
export function nomogramScale({intercept, predictors, linearPredictors, maxScale = 100, nint = 10, probabilityTicks}: NomogramScaleOptions): NomogramScale {
  if (!Number.isFinite(intercept)) throw new RangeError("nomogramScale: intercept must be finite");
  if (!predictors.length) throw new RangeError("nomogramScale: predictors is empty");
  if (!(maxScale > 0)) throw new RangeError("nomogramScale: maxScale must be positive");
  const partial = predictors.map((p) => {
    if (!Number.isFinite(p.coefficient)) throw new RangeError(`nomogramScale: coefficient of "${p.name}" must be finite`);
    let axis: number[];
    if (p.axis) axis = p.axis.slice();
    else if (p.range) axis = prettyTicks(p.range[0], p.range[1], nint);
    else throw new RangeError(`nomogramScale: predictor "${p.name}" needs an axis or a range`);
    if (axis.length < 2) throw new RangeError(`nomogramScale: axis of "${p.name}" needs at least two values`);
    const contributions = axis.map((a) => p.coefficient * a);
    const [minContribution, maxContribution] = extent(contributions, `axis of "${p.name}"`);
    return {name: p.name, label: p.label ?? p.name, coefficient: p.coefficient, axis, contributions, minContribution, maxContribution};
  });
  const widest = Math.max(...partial.map((p) => p.maxContribution - p.minContribution));
  if (!(widest > 0)) throw new RangeError("nomogramScale: every predictor's contribution range is zero");
  const sc = maxScale / widest;
  const base = intercept + partial.reduce((s, p) => s + p.minContribution, 0);
  const scaled: NomogramPredictorScale[] = partial.map((p) => ({
    ...p,
    points: p.contributions.map((c) => (c - p.minContribution) * sc)
  }));

  // Axes for total points, lp and probability, as rms lays them out.
  const maxTotal = scaled.reduce((s, p) => s + (p.maxContribution - p.minContribution) * sc, 0);
  const lpRange: [number, number] = linearPredictors && linearPredictors.length
    ? extent(linearPredictors, "linearPredictors")
    : [base, base + maxTotal / sc];
  const lpTicks = prettyTicks(lpRange[0], lpRange[1], nint);
  const sumMax = Math.max(maxScale, sc * (Math.max(...lpTicks) - base));
  const totalPointsAxis = prettyTicks(0, sumMax, nint);
  const logistic = (x: number) => 1 / (1 + Math.exp(-x));
  const pLo = logistic(lpTicks[0]!);
  const pHi = logistic(lpTicks[lpTicks.length - 1]!);
  const probability = (probabilityTicks ?? prettyTicks(pLo, pHi, nint)).filter((p) => p >= pLo && p <= pHi && p > 0 && p < 1);
  return {
    predictors: scaled,
    pointsPerUnit: sc,
    baseLinearPredictor: base,
    maxScale,
    totalPointsAxis,
    lpAxis: {lp: lpTicks, points: lpTicks.map((lp) => (lp - base) * sc)},
    probabilityAxis: {probability, points: probability.map((p) => (Math.log(p / (1 - p)) - base) * sc)}
  };
}

/** Points for one predictor at value x (linear in x, also outside the drawn axis). */
export function pointsFor(scale: NomogramScale, name: string, x: number): number {
  const p = scale.predictors.find((q) => q.name === name);
  if (!p) throw new RangeError(`pointsFor: no predictor named "${name}"`);
  if (!Number.isFinite(x)) throw new RangeError(`pointsFor: value of "${name}" must be finite`);
  return (p.coefficient * x - p.minContribution) * scale.pointsPerUnit;
}

/**
 * Total points of a patient: the sum over predictors. `values` is a Map, or an object of which only own properties
 * are read (a predictor may be called "__proto__" or "constructor"). Throws if a predictor's value is missing.
 */
export function totalPoints(scale: NomogramScale, values: Record<string, number> | ReadonlyMap<string, number>): number {
  let total = 0;
  for (const p of scale.predictors) {
    const x =
      values instanceof Map
        ? (values as ReadonlyMap<string, number>).get(p.name)
        : Object.prototype.hasOwnProperty.call(values, p.name)
          ? (values as Record<string, number>)[p.name]
          : undefined;
    if (x === undefined) throw new RangeError(`totalPoints: values lacks "${p.name}"`);
    total += pointsFor(scale, p.name, x);
  }
  return total;
}

/** Linear predictor (log-odds) for a number of total points: lp = β₀′ + T / sc. */
export function linearPredictorFromPoints(scale: NomogramScale, total: number): number {
  return scale.baseLinearPredictor + total / scale.pointsPerUnit;
}

/** Probability for a number of total points. */
export function probabilityFromPoints(scale: NomogramScale, total: number): number {
  return 1 / (1 + Math.exp(-linearPredictorFromPoints(scale, total)));
}
