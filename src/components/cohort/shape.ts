/**
 * Shape statistics of one group's values of a measured variable — how concentrated it is and how lopsided — and
 * the binormal AUC that a variable's published means and SDs imply, for the Checking page's comparison of what the
 * abstract forces with what the reconstruction happened to choose.
 *
 * - window share: the largest share of the group within any closed window of `width` units (a 5-year window
 *   72–77 holds ages 72 to 77), with the window where it is first reached;
 * - skewness: the moment coefficient g₁ = m₃ / m₂^{3/2} with mᵣ = Σ(x − x̄)ʳ / n (R: mean((x - mean(x))^3) /
 *   mean((x - mean(x))^2)^1.5);
 * - binormal AUC: Φ(|μ₁ − μ₀| / √(σ₁² + σ₀²)), the AUC of a marker that is normal in each group (Pepe 2003, §4.4).
 *
 * Throws RangeError for an empty group or a width that is not positive.
 *
 * @example windowShare([70, 72, 75, 80], 5) // {share: 0.75, from: 70, to: 75}
 */
import {normalCdf} from "../stats/distributions.js";

/** The largest share of `values` within a closed window [a, a + width], and the first such window. */
export function windowShare(values: ArrayLike<number>, width: number): {share: number; from: number; to: number} {
  if (values.length === 0) throw new RangeError("windowShare: values is empty");
  if (!(width > 0)) throw new RangeError(`windowShare: width must be positive, got ${width}`);
  const sorted = Float64Array.from(values).sort();
  const eps = width * 1e-9;
  let best = 0;
  let from = sorted[0]!;
  let j = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (j < i) j = i;
    while (j + 1 < sorted.length && sorted[j + 1]! - sorted[i]! <= width + eps) j++;
    if (j - i + 1 > best) {
      best = j - i + 1;
      from = sorted[i]!;
    }
  }
  return {share: best / sorted.length, from, to: from + width};
}

/** Moment skewness g₁ (see the module comment); NaN for fewer than two distinct values. */
export function skewness(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) throw new RangeError("skewness: values is empty");
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i]!;
  mean /= n;
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= n;
  m3 /= n;
  return m2 > 0 ? m3 / Math.pow(m2, 1.5) : NaN;
}

/** Φ(|μ₁ − μ₀| / √(σ₁² + σ₀²)). */
export function binormalAuc(mean1: number, sd1: number, mean0: number, sd0: number): number {
  return normalCdf(Math.abs(mean1 - mean0) / Math.sqrt(sd1 * sd1 + sd0 * sd0));
}

/**
 * The window the shape statistics use for a column: 5 years for age (the window in which the question was first
 * asked), otherwise the same fraction of the column's ASD-group SD as 5 years is of age's (published SDs), on the
 * column's grid.
 */
export function shapeWindow(column: string, published: {continuous: {name: string; column?: string; asd: {sd: number}}[]}, columnOf: (e: {name: string; column?: string}) => string, decimals: number): number {
  const AGE_WINDOW = 5;
  if (column === "age") return AGE_WINDOW;
  const age = published.continuous.find((c) => columnOf(c) === "age");
  const entry = published.continuous.find((c) => columnOf(c) === column);
  if (!age || !entry) throw new RangeError(`shapeWindow: no published figures for "${column}"`);
  const scale = Math.pow(10, decimals);
  return Math.max(1, Math.round((AGE_WINDOW / age.asd.sd) * entry.asd.sd * scale)) / scale;
}

export interface GroupShape {
  windowShare: number;
  windowFrom: number;
  skewness: number;
}

/** Both groups' shape statistics of one column (cases = outcome 1 first). */
export function groupShapes(values: ArrayLike<number>, outcome: ArrayLike<number>, width: number): {asd: GroupShape; nonAsd: GroupShape} {
  const cases: number[] = [];
  const controls: number[] = [];
  for (let i = 0; i < values.length; i++) (outcome[i] === 1 ? cases : controls).push(values[i]!);
  const shape = (v: number[]): GroupShape => {
    const w = windowShare(v, width);
    return {windowShare: w.share, windowFrom: w.from, skewness: skewness(v)};
  };
  return {asd: shape(cases), nonAsd: shape(controls)};
}
