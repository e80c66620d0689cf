/**
 * Confidence intervals for a binomial proportion x/n.
 *
 * - wilsonInterval: Wilson (1927) score interval, (p̂ + z²/2n ± z√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n),
 *   as R's prop.test(x, n, correct = FALSE)$conf.int.
 * - clopperPearsonInterval: the exact interval of Clopper & Pearson (1934), lower = Beta⁻¹(α/2; x, n−x+1),
 *   upper = Beta⁻¹(1−α/2; x+1, n−x), as R's binom.test(x, n)$conf.int.
 *
 * Throws RangeError when n is not a non-negative integer, x is not an integer in [0, n], or level is not in (0, 1).
 * Returns [NaN, NaN] when n = 0.
 *
 * Example: wilsonInterval(7, 10) // [0.3967781..., 0.8922087...]
 */
import {normalQuantile, regularizedBeta} from "./distributions.js";

function check(x: number, n: number, level: number, caller: string): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${caller}: n is ${n}, expected a non-negative integer`);
  if (!Number.isInteger(x) || x < 0 || x > n) throw new RangeError(`${caller}: x is ${x}, expected an integer in [0, ${n}]`);
  if (!(level > 0 && level < 1)) throw new RangeError(`${caller}: level is ${level}, expected a number in (0, 1)`);
}

export function wilsonInterval(x: number, n: number, {level = 0.95}: {level?: number} = {}): [number, number] {
  check(x, n, level, "wilsonInterval");
  if (n === 0) return [NaN, NaN];
  const z = normalQuantile(1 - (1 - level) / 2);
  const p = x / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  // prop.test sets the bound to exactly 0 when x = 0 and to exactly 1 when x = n (centre − half is 0 only up to rounding).
  return [x === 0 ? 0 : Math.max(0, centre - half), x === n ? 1 : Math.min(1, centre + half)];
}

/** The q-quantile of Beta(a, b) by bisection on the regularized incomplete beta (monotone, 200 halvings). */
function betaQuantile(q: number, a: number, b: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 200 && hi - lo > 1e-17; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (regularizedBeta(mid, a, b) < q) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export function clopperPearsonInterval(x: number, n: number, {level = 0.95}: {level?: number} = {}): [number, number] {
  check(x, n, level, "clopperPearsonInterval");
  if (n === 0) return [NaN, NaN];
  const alpha = 1 - level;
  const lower = x === 0 ? 0 : betaQuantile(alpha / 2, x, n - x + 1);
  const upper = x === n ? 1 : betaQuantile(1 - alpha / 2, x + 1, n - x);
  return [lower, upper];
}
