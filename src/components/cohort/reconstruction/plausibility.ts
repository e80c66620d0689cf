/**
 * Plausibility rules a clinician's eye applies to one group's values of one measured variable:
 * 1. every value inside the variable's plausible range and on its grid (whole years; 0.1 for the others);
 * 2. no value shared by more than max(4, ⌊10% of the group⌋) patients (pile-ups);
 * 3. at most one patient at a range limit (either end), so the range does not look truncated;
 * 4. no odd gaps: no empty stretch between consecutive observed values wider than max(2 grid steps, 5·SD/√n).
 *    5·SD/√n is one SD in a group of 25 and 0.43 SD in a group of 137 — no wider than the largest spacing
 *    a random normal sample often shows in its tails, so a reconstruction that passes has no visible holes.
 *
 * Used as hard constraints by the generator and as checks by the tests and the fidelity report.
 *
 * Throws RangeError when `values` is empty or `step` is not positive.
 *
 * @example checkPlausibility([70, 71, 71, 72], {step: 1, min: 50, max: 95}).ok // true
 */
export interface PlausibilityRule {
  /** Grid step (1 for age, 0.1 otherwise). */
  step: number;
  /** Plausible range, inclusive. */
  min: number;
  max: number;
  /** SD used by the gap rule; default the sample SD of `values`. */
  sd?: number;
}

export interface PlausibilityReport {
  ok: boolean;
  /** Values off the grid or outside [min, max]. */
  outOfRange: number[];
  offGrid: number[];
  /** Values shared by more patients than `tieCap`. */
  ties: {value: number; count: number}[];
  tieCap: number;
  /** Patients at min or max. */
  atLimits: number;
  /** Empty stretches wider than `maxGap`. */
  gaps: {from: number; to: number}[];
  maxGap: number;
  /** Largest count of patients sharing one value, and the widest gap, whether or not they break a rule. */
  largestTie: number;
  widestGap: number;
}

/** max(4, ⌊10% of n⌋): the most patients of a group of n that may share one value. */
export function tieCap(n: number): number {
  return Math.max(4, Math.floor(0.1 * n + 1e-9));
}

/** max(2 grid steps, 5·sd/√n): the widest allowed empty stretch between consecutive observed values. */
export function maxGap(n: number, sd: number, step: number): number {
  return Math.max(2 * step, (5 * sd) / Math.sqrt(n));
}

export function checkPlausibility(values: ArrayLike<number>, rule: PlausibilityRule): PlausibilityReport {
  const n = values.length;
  if (n === 0) throw new RangeError("values is empty: a group needs at least one patient");
  if (!(rule.step > 0)) throw new RangeError(`step must be positive, got ${rule.step}`);
  const sorted = Array.from(values).sort((a, b) => a - b);
  let sd = rule.sd;
  if (sd === undefined) {
    const m = sorted.reduce((s, v) => s + v, 0) / n;
    sd = n > 1 ? Math.sqrt(sorted.reduce((s, v) => s + (v - m) ** 2, 0) / (n - 1)) : 0;
  }
  const eps = rule.step * 1e-6;
  const outOfRange = sorted.filter((v) => v < rule.min - eps || v > rule.max + eps);
  const offGrid = sorted.filter((v) => Math.abs(v / rule.step - Math.round(v / rule.step)) > 1e-6);
  const cap = tieCap(n);
  const ties: {value: number; count: number}[] = [];
  let largestTie = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j < n && Math.abs(sorted[j] - sorted[i]) < eps) j++;
    largestTie = Math.max(largestTie, j - i);
    if (j - i > cap) ties.push({value: sorted[i], count: j - i});
    i = j;
  }
  const atLimits = sorted.filter((v) => Math.abs(v - rule.min) < eps || Math.abs(v - rule.max) < eps).length;
  const gapLimit = maxGap(n, sd, rule.step);
  const gaps: {from: number; to: number}[] = [];
  let widestGap = 0;
  for (let i = 1; i < n; i++) {
    const g = sorted[i] - sorted[i - 1];
    widestGap = Math.max(widestGap, g);
    if (g > gapLimit + eps) gaps.push({from: sorted[i - 1], to: sorted[i]});
  }
  const ok = outOfRange.length === 0 && offGrid.length === 0 && ties.length === 0 && atLimits <= 1 && gaps.length === 0;
  return {ok, outOfRange, offGrid, ties, tieCap: cap, atLimits, gaps, maxGap: gapLimit, largestTie, widestGap};
}
