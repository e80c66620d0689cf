/**
 * Descriptive statistics of one group: n, mean, standard deviation (divisor n − 1), median, first and third
 * quartiles, interquartile range, minimum and maximum; and counts with percentages of a categorical variable.
 *
 * Quartiles are Hyndman & Fan (1996) type 7, R's default `quantile(x, type = 7)`: with the values sorted,
 * Q(p) = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋ + 1] − x[⌊h⌋]) where h = (n − 1)p (0-based). The mean uses simple-statistics'
 * compensated (Kahan–Babuška) sum, the SD its two-pass sum of squared deviations, the quantiles its type-7
 * `quantileSorted`.
 *
 * Every statistic here is scale-equivariant, so they are computed on the values times 2^−e (e the binary exponent
 * of the largest |value|; exact) and scaled back: values anywhere from 1e-320 to 1e308 neither overflow (R's
 * sd(c(1e200, 2e200)) is Inf) nor underflow (R's var(c(1e-200, 2e-200)) is 0); at ordinary magnitudes the results
 * are the same bits as unscaled.
 *
 * Throws RangeError when `values` is empty or holds a value that is not a finite number (remove missing
 * values first). The SD of a single value is NaN, as R's `sd(5)` is NA.
 *
 * @example describe([1, 2, 3, 4]) // {n: 4, mean: 2.5, sd: 1.2909944487358056, median: 2.5, q1: 1.75, q3: 3.25, iqr: 1.5, min: 1, max: 4}
 */
import {mean as ssMean, quantileSorted, sampleStandardDeviation} from "simple-statistics";
import {binaryExponent, ldexp} from "./binary-scale.js";

export interface Descriptives {
  n: number;
  mean: number;
  /** Sample standard deviation, divisor n − 1; NaN when n = 1. */
  sd: number;
  median: number;
  /** First quartile, R type 7. */
  q1: number;
  /** Third quartile, R type 7. */
  q3: number;
  /** q3 − q1. */
  iqr: number;
  min: number;
  max: number;
}

/** Copies `values` to a plain array, checking that it is non-empty and finite; `name` is used in messages. */
export function finiteValues(values: ArrayLike<number>, name = "values"): number[] {
  if (values == null || typeof values.length !== "number") throw new TypeError(`${name} must be an array of numbers`);
  if (values.length === 0) throw new RangeError(`${name} is empty: at least one value is needed`);
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new RangeError(`${name}[${i}] is ${String(v)}, not a finite number: remove missing values first`);
    }
    out[i] = v;
  }
  return out;
}

export function describe(values: ArrayLike<number>): Descriptives {
  const original = finiteValues(values, "values");
  let min = Infinity;
  let max = -Infinity;
  for (const v of original) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const e = binaryExponent(Math.max(-min, max));
  // a scale in [1, 2): no sum, square or difference below can overflow, and none underflows unless negligible
  const x = e === 0 ? original : original.map((v) => ldexp(v, -e));
  const back = (v: number) => (e === 0 ? v : ldexp(v, e));
  // a typed array's sort is numeric without a comparator call per pair: 3–5× faster at 10⁵–10⁶ values (bench:arquero)
  const sorted = Array.from(Float64Array.from(x).sort());
  const n = x.length;
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  return {
    n,
    mean: back(ssMean(x)),
    sd: n > 1 ? back(sampleStandardDeviation(x)) : NaN,
    median: back(quantileSorted(sorted, 0.5)),
    q1: back(q1),
    q3: back(q3),
    iqr: back(q3 - q1),
    min,
    max
  };
}

export interface LevelCount {
  level: string;
  n: number;
  /** Percentage of all values, 0–100. */
  pct: number;
}

/**
 * Counts of each distinct value, with its percentage of all values (0–100). Levels are in sorted order:
 * numerically when every value is a number, otherwise by their string form (code-unit order, the order
 * `buildDesign` uses to pick the reference level).
 *
 * Throws RangeError when `values` is empty or holds null, undefined or NaN (remove missing values first).
 *
 * @example countLevels(["no", "yes", "no"]) // [{level: "no", n: 2, pct: 66.666…}, {level: "yes", n: 1, pct: 33.333…}]
 */
export function countLevels(values: ArrayLike<string | number>): LevelCount[] {
  if (values == null || typeof values.length !== "number") throw new TypeError("values must be an array");
  if (values.length === 0) throw new RangeError("values is empty: at least one value is needed");
  const counts = new Map<string, {n: number; key: number | string}>();
  let allNumbers = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v == null || (typeof v === "number" && Number.isNaN(v))) {
      throw new RangeError(`values[${i}] is ${String(v)}: remove missing values first`);
    }
    if (typeof v !== "number") allNumbers = false;
    const level = String(v);
    const entry = counts.get(level);
    if (entry) entry.n++;
    else counts.set(level, {n: 1, key: v});
  }
  const total = values.length;
  const levels = [...counts.entries()].map(([level, {n, key}]) => ({level, n, key}));
  levels.sort(allNumbers
    ? (a, b) => (a.key as number) - (b.key as number)
    : (a, b) => (a.level < b.level ? -1 : a.level > b.level ? 1 : 0));
  return levels.map(({level, n}) => ({level, n, pct: (100 * n) / total}));
}
