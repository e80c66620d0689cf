/**
 * DeLong, DeLong & Clarke-Pearson (1988, Biometrics 44:837) variance of the empirical AUC, and their paired test
 * of two correlated AUCs, computed with mid-ranks in O(n log n) (Sun & Xu 2014, IEEE Signal Process. Lett. 21:1389).
 *
 * Placement values (direction "<"): V₁₀(Xᵢ) = (#controls < Xᵢ + ½ #controls = Xᵢ)/n₀ for each case Xᵢ,
 * V₀₁(Yⱼ) = (#cases > Yⱼ + ½ #cases = Yⱼ)/n₁ for each control Yⱼ; for ">" each is 1 minus that.
 * AUC = mean V₁₀; Var = s²(V₁₀)/n₁ + s²(V₀₁)/n₀ (sample variances, n − 1); 95% CI = AUC ± z₀.₉₇₅·SE clipped to
 * [0, 1], as pROC ci.auc(method = "delong").
 * Paired test: z = (A − B)/√(Var A + Var B − 2 Cov(A, B)), Cov from the covariances of the placements of the same
 * patients; two-sided normal p — pROC roc.test(r1, r2, method = "delong", paired = TRUE), each curve with its
 * own direction. Var A + Var B − 2 Cov(A, B) is computed as s²(V₁₀ᴬ − V₁₀ᴮ)/n₁ + s²(V₀₁ᴬ − V₀₁ᴮ)/n₀, the same
 * quantity without the cancellation.
 *
 * Each placement is kept as an exact integer, twice the count (2·#below + #tied, out of 2n₀ or 2n₁; for ">" the
 * complement 2n₀ − that), so a placement, an AUC (Σ/(2n₀n₁)) and a difference of AUCs carry no rounding of their
 * own, and the same ranking gives the same bits whichever direction it is read in. Whether two curves are
 * identical — every case's and every control's placement equal under both markers, as for a model whose ranking
 * is the predictor's — is decided on those integers, not on a floating difference of AUCs: then z = 0 and p = 1,
 * as pROC's delong.paired.test sets them (its d and σ are both exactly 0 there), even where the two AUCs, computed
 * in floating point from opposite directions, would differ in the last bit. A difference of a single pair is
 * tested as any other.
 *
 * Throws RangeError (naming the argument) for mismatched lengths, non-finite markers, outcomes other than 0/1,
 * a missing class, or an invalid direction.
 *
 * Example: delongAuc([1, 2, 3, 4], [0, 1, 0, 1], "<").auc // 0.75
 */
import {normalQuantile, normalSf} from "./distributions.js";
import {countBelow, splitByOutcome, type Direction} from "./roc.js";

export interface DelongAuc {
  auc: number;
  variance: number;
  se: number;
  ciLower: number;
  ciUpper: number;
  nCases: number;
  nControls: number;
}

function checkDirection(direction: unknown, name: string, caller: string): asserts direction is Direction {
  if (direction !== "<" && direction !== ">") throw new RangeError(`${caller}: ${name} is ${String(direction)}, expected "<" or ">"`);
}

/**
 * Sums and sums of squares of the "<" placements from sorted groups, in one merge pass per group. Variance does
 * not depend on the order of the placements, so sorted groups suffice; flipping to ">" (1 − V) leaves it alone.
 */
function placementMoments(cases: Float64Array, controls: Float64Array): {halfCounts10: number; mean10: number; var10: number; mean01: number; var01: number} {
  const n1 = cases.length;
  const n0 = controls.length;
  let s = 0;
  let ss = 0;
  let halfCounts10 = 0; // Σ (2·#below + #tied), an exact integer: the AUC without rounding
  let below = 0;
  let tiedEnd = 0;
  for (let i = 0; i < n1; i++) {
    const x = cases[i]!;
    while (below < n0 && controls[below]! < x) below++;
    if (tiedEnd < below) tiedEnd = below;
    while (tiedEnd < n0 && controls[tiedEnd]! === x) tiedEnd++;
    halfCounts10 += 2 * below + (tiedEnd - below);
    const v = (below + (tiedEnd - below) / 2) / n0;
    s += v;
    ss += v * v;
  }
  const mean10 = s / n1;
  const var10 = n1 > 1 ? Math.max(0, (ss - n1 * mean10 * mean10) / (n1 - 1)) : 0;
  s = 0;
  ss = 0;
  below = 0;
  tiedEnd = 0;
  for (let j = 0; j < n0; j++) {
    const y = controls[j]!;
    while (below < n1 && cases[below]! < y) below++;
    if (tiedEnd < below) tiedEnd = below;
    while (tiedEnd < n1 && cases[tiedEnd]! === y) tiedEnd++;
    const v = (n1 - tiedEnd + (tiedEnd - below) / 2) / n1;
    s += v;
    ss += v * v;
  }
  const mean01 = s / n0;
  const var01 = n0 > 1 ? Math.max(0, (ss - n0 * mean01 * mean01) / (n0 - 1)) : 0;
  return {halfCounts10, mean10, var10, mean01, var01};
}

export function delongAuc(marker: ArrayLike<number>, outcome: ArrayLike<number>, direction: Direction, {level = 0.95}: {level?: number} = {}): DelongAuc {
  checkDirection(direction, "direction", "delongAuc");
  if (!(level > 0 && level < 1)) throw new RangeError(`delongAuc: level is ${level}, expected a number in (0, 1)`);
  const {cases, controls} = splitByOutcome(marker, outcome, "delongAuc");
  return delongFromSorted(cases, controls, direction, level);
}

/** DeLong AUC, variance and CI from cases and controls already sorted ascending (e.g. a PreparedRoc). */
export function delongFromSorted(cases: Float64Array, controls: Float64Array, direction: Direction, level = 0.95): DelongAuc {
  // The sums of squares above lose digits when the variance is tiny relative to mean²; for the AUCs met in
  // practice (variance ≥ 1e-10 at n ≤ 10⁷) this is far below the 1e-9 agreement with pROC the tests hold.
  const m = placementMoments(cases, controls);
  // from the exact integer sum, so that the same ranking read in either direction gives the same bits
  const pairs = 2 * cases.length * controls.length;
  const auc = (direction === "<" ? m.halfCounts10 : pairs - m.halfCounts10) / pairs;
  const variance = m.var10 / cases.length + m.var01 / controls.length;
  const se = Math.sqrt(variance);
  const z = normalQuantile(1 - (1 - level) / 2);
  return {auc, variance, se, ciLower: Math.max(0, auc - z * se), ciUpper: Math.min(1, auc + z * se), nCases: cases.length, nControls: controls.length};
}

/**
 * "<" placements of the sorted cases and controls, aligned with the sorted arrays (one merge pass each), as exact
 * integers: 2·#controls below + #controls tied for a case (out of 2n₀), 2·#cases above + #cases tied for a control
 * (out of 2n₁).
 */
function sortedHalfCounts(cases: Float64Array, controls: Float64Array): {v10: Float64Array; v01: Float64Array} {
  const n1 = cases.length;
  const n0 = controls.length;
  const v10 = new Float64Array(n1);
  const v01 = new Float64Array(n0);
  let below = 0;
  let tiedEnd = 0;
  for (let i = 0; i < n1; i++) {
    const x = cases[i]!;
    while (below < n0 && controls[below]! < x) below++;
    if (tiedEnd < below) tiedEnd = below;
    while (tiedEnd < n0 && controls[tiedEnd]! === x) tiedEnd++;
    v10[i] = 2 * below + (tiedEnd - below);
  }
  below = 0;
  tiedEnd = 0;
  for (let j = 0; j < n0; j++) {
    const y = controls[j]!;
    while (below < n1 && cases[below]! < y) below++;
    if (tiedEnd < below) tiedEnd = below;
    while (tiedEnd < n1 && cases[tiedEnd]! === y) tiedEnd++;
    v01[j] = 2 * (n1 - tiedEnd) + (tiedEnd - below);
  }
  return {v10, v01};
}

/**
 * Placements of each case and each control in patient order (cases in input order, then controls), as the exact
 * integers of sortedHalfCounts, flipped for ">" (2n₀ − v, 2n₁ − v); needed to pair two markers. A placement depends
 * only on the value, so each patient finds its value in its own sorted group by one binary search (the first equal
 * element carries the placement).
 */
function patientHalfCounts(marker: ArrayLike<number>, outcome: ArrayLike<number>, direction: Direction, caller: string): {v10: Float64Array; v01: Float64Array} {
  const {cases, controls} = splitByOutcome(marker, outcome, caller);
  const sorted = sortedHalfCounts(cases, controls);
  const full10 = 2 * controls.length;
  const full01 = 2 * cases.length;
  const v10 = new Float64Array(cases.length);
  const v01 = new Float64Array(controls.length);
  let a = 0;
  let b = 0;
  for (let i = 0; i < marker.length; i++) {
    const x = marker[i]!;
    if (outcome[i] === 1) {
      const v = sorted.v10[countBelow(cases, x, false)]!;
      v10[a++] = direction === "<" ? v : full10 - v;
    } else {
      const v = sorted.v01[countBelow(controls, x, false)]!;
      v01[b++] = direction === "<" ? v : full01 - v;
    }
  }
  return {v10, v01};
}

/** Sample variance (n − 1) of a − b, a and b exact integers (their differences are exact too). */
function varianceOfDifference(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  if (n < 2) return 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += a[i]! - b[i]!;
  mean /= n;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]! - mean;
    s += d * d;
  }
  return s / (n - 1);
}

function sum(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}

export interface DelongTest {
  aucA: number;
  aucB: number;
  difference: number;
  variance: number;
  z: number;
  p: number;
}

export function delongTest(
  markerA: ArrayLike<number>,
  markerB: ArrayLike<number>,
  outcome: ArrayLike<number>,
  {directionA, directionB}: {directionA: Direction; directionB: Direction}
): DelongTest {
  checkDirection(directionA, "directionA", "delongTest");
  checkDirection(directionB, "directionB", "delongTest");
  if (markerA.length !== markerB.length) throw new RangeError(`delongTest: markerA has ${markerA.length} values but markerB has ${markerB.length}`);
  const a = patientHalfCounts(markerA, outcome, directionA, "delongTest (markerA)");
  const b = patientHalfCounts(markerB, outcome, directionB, "delongTest (markerB)");
  const n1 = a.v10.length;
  const n0 = a.v01.length;
  // integer sums: exact while 2·n₀·n₁ < 2⁵³ (n₀ + n₁ up to ~1.3e8)
  const pairs = 2 * n0 * n1;
  const sumA = sum(a.v10);
  const sumB = sum(b.v10);
  const aucA = sumA / pairs;
  const aucB = sumB / pairs;
  let identical = true;
  for (let i = 0; i < n1 && identical; i++) if (a.v10[i] !== b.v10[i]) identical = false;
  for (let j = 0; j < n0 && identical; j++) if (a.v01[j] !== b.v01[j]) identical = false;
  if (identical) {
    // every case–control pair ordered alike by both markers: pROC's d = σ = 0, and it sets z = 0 (p = 1)
    return {aucA, aucB, difference: 0, variance: 0, z: 0, p: 1};
  }
  const difference = (sumA - sumB) / pairs;
  const variance = varianceOfDifference(a.v10, b.v10) / (4 * n0 * n0 * n1) + varianceOfDifference(a.v01, b.v01) / (4 * n1 * n1 * n0);
  const z = difference / Math.sqrt(variance);
  return {aucA, aucB, difference, variance, z, p: 2 * normalSf(Math.abs(z))};
}
