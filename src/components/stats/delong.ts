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
 * Joint test of k ≥ 2 AUCs (delongJointTest, DeLong 1988's χ² on successive differences) and the full k×k
 * covariance (delongCovariance): see their comments below.
 *
 * Throws RangeError (naming the argument) for mismatched lengths, non-finite markers, outcomes other than 0/1,
 * a missing class, or an invalid direction.
 *
 * Example: delongAuc([1, 2, 3, 4], [0, 1, 0, 1], "<").auc // 0.75
 */
import {chiSquareSf, normalQuantile, normalSf} from "./distributions.js";
import {choleskyInPlace, choleskySolveInPlace, rankRevealingCholesky} from "./linear-algebra.js";
import {autoDirection, countBelow, splitByOutcome, type Direction} from "./roc.js";

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
  const {v10, v01} = sortedHalfCounts(cases, controls);
  let halfCounts10 = 0; // Σ (2·#below + #tied), an exact integer: the AUC without rounding
  let s = 0;
  let ss = 0;
  for (let i = 0; i < n1; i++) {
    halfCounts10 += v10[i]!;
    const v = v10[i]! / 2 / n0; // the half count halved is exact: #below + #tied/2
    s += v;
    ss += v * v;
  }
  const mean10 = s / n1;
  const var10 = n1 > 1 ? Math.max(0, (ss - n1 * mean10 * mean10) / (n1 - 1)) : 0;
  s = 0;
  ss = 0;
  for (let j = 0; j < n0; j++) {
    const v = v01[j]! / 2 / n1;
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
  // DeLong's variance has the sample variance of each group's placements: with one case or one control it is
  // undefined (0/0), and pROC's ci.auc gives NA; so NaN here, never a CI from the other group alone
  const variance = cases.length < 2 || controls.length < 2 ? NaN : m.var10 / cases.length + m.var01 / controls.length;
  const se = Math.sqrt(variance);
  const z = normalQuantile(1 - (1 - level) / 2);
  const ciLower = Number.isNaN(se) ? NaN : Math.max(0, auc - z * se);
  const ciUpper = Number.isNaN(se) ? NaN : Math.min(1, auc + z * se);
  return {auc, variance, se, ciLower, ciUpper, nCases: cases.length, nControls: controls.length};
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

/** Sample covariance (n − 1) of two placement vectors. */
function covariance(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  if (n < 2) return 0;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (a[i]! - ma) * (b[i]! - mb);
  return s / (n - 1);
}

function mean(a: Float64Array): number {
  return sum(a) / a.length;
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

export interface DelongCovariance {
  /** The AUC of each marker, in the order given. */
  aucs: number[];
  /** Each marker's direction (as given, or pROC's "auto" choice). */
  directions: Direction[];
  /** k×k DeLong covariance of the AUCs, S = S₁₀/n₁ + S₀₁/n₀ (row a, column b); its diagonal is each AUC's variance. */
  covariance: number[][];
  nCases: number;
  nControls: number;
}

/**
 * DeLong's covariance matrix of k correlated AUCs measured on the same patients (DeLong, DeLong & Clarke-Pearson 1988,
 * Biometrics 44:837, eq. 4–5): S = S₁₀/n₁ + S₀₁/n₀, S₁₀[a][b] the sample covariance (n₁ − 1) of markers a and b's
 * case placements V₁₀, S₀₁ that of their control placements V₀₁ — pROC's var(roc, method = "delong") on the diagonal
 * and cov(roc_a, roc_b, method = "delong") off it. Each marker keeps its own direction; "auto" (the default) chooses
 * it as pROC's roc(direction = "auto") does, from the medians.
 *
 * Throws RangeError (naming the argument) for fewer than 2 markers, markers of different lengths, a direction that is
 * not "<", ">" or "auto", or what delongAuc throws for a marker (non-finite values, outcome not 0/1, a missing class).
 *
 * Example: delongCovariance([s100b, wfns], outcome).covariance[0][1] // pROC: cov(roc(outcome, s100b), roc(outcome, wfns))
 */
export function delongCovariance(
  markers: ReadonlyArray<ArrayLike<number>>,
  outcome: ArrayLike<number>,
  {directions}: {directions?: ReadonlyArray<Direction | "auto">} = {}
): DelongCovariance {
  const caller = "delongCovariance";
  const k = markers.length;
  if (k < 2) throw new RangeError(`${caller}: markers has ${k} marker${k === 1 ? "" : "s"}; at least 2 are needed`);
  if (directions && directions.length !== k) throw new RangeError(`${caller}: directions has ${directions.length} entries for ${k} markers`);
  const n = markers[0]!.length;
  const chosen: Direction[] = [];
  const placements = markers.map((m, a) => {
    if (m.length !== n) throw new RangeError(`${caller}: markers[${a}] has ${m.length} values but markers[0] has ${n}`);
    let d = directions?.[a] ?? "auto";
    if (d !== "<" && d !== ">" && d !== "auto") throw new RangeError(`${caller}: directions[${a}] is ${String(d)}, expected "<", ">" or "auto"`);
    if (d === "auto") {
      const {cases, controls} = splitByOutcome(m, outcome, `${caller} (markers[${a}])`);
      d = autoDirection(cases, controls);
    }
    chosen.push(d);
    // placements from the exact half-counts: v10 out of 2n₀, v01 out of 2n₁
    const half = patientHalfCounts(m, outcome, d, `${caller} (markers[${a}])`);
    const to10 = 1 / (2 * half.v01.length);
    const to01 = 1 / (2 * half.v10.length);
    return {v10: half.v10.map((v) => v * to10), v01: half.v01.map((v) => v * to01)};
  });
  const n1 = placements[0]!.v10.length;
  const n0 = placements[0]!.v01.length;
  const covarianceMatrix: number[][] = [];
  for (let a = 0; a < k; a++) {
    const row: number[] = [];
    for (let b = 0; b < k; b++) {
      row.push(b < a ? covarianceMatrix[b]![a]! : covariance(placements[a]!.v10, placements[b]!.v10) / n1 + covariance(placements[a]!.v01, placements[b]!.v01) / n0);
    }
    covarianceMatrix.push(row);
  }
  return {aucs: placements.map((p) => mean(p.v10)), directions: chosen, covariance: covarianceMatrix, nCases: n1, nControls: n0};
}

export interface DelongJointTest extends DelongCovariance {
  /** The (k − 1)×k contrast matrix L of successive differences (row i: AUC_i − AUC_{i+1}). */
  contrast: number[][];
  /** (Lθ̂)ᵀ (L S Lᵀ)⁻¹ (Lθ̂). */
  statistic: number;
  /** k − 1, less any contrast with no variance of its own (see `dropped`). */
  df: number;
  p: number;
  /**
   * Rows of L (0-based) whose variance is (numerically, to 1e-12) explained by the earlier rows — markers that order
   * every case–control pair alike, so their AUCs are identical with no sampling variance between them; they are left
   * out of the statistic (a generalised inverse) and of df. Empty for ordinary data.
   */
  dropped: number[];
}

/**
 * DeLong, DeLong & Clarke-Pearson's (1988) test that k ≥ 2 correlated AUCs are all equal: with θ̂ the AUCs, S their
 * DeLong covariance (delongCovariance) and L the (k − 1)×k contrast matrix of successive differences,
 *   χ² = (Lθ̂)ᵀ (L S Lᵀ)⁻¹ (Lθ̂)  on k − 1 df,
 * which does not depend on which full-rank set of contrasts is used; for k = 2 it is the square of the paired z of
 * delongTest (pROC roc.test(method = "delong", paired = TRUE)). pROC does not implement k > 2 (xrobin/pROC#12).
 * When every contrast has zero variance (all markers order every pair alike) the AUCs are identical: statistic 0,
 * df 0 and p = 1, as pROC's paired test reports z = 0, p = 1 for two such curves. A contrast with zero variance but a
 * non-zero difference (possible with a single case or control) gives statistic +∞ and p = 0 (pROC: z = d/0).
 *
 * The test is valid for markers that were not fitted to these data; a model's fitted probabilities compared with its
 * own components need a likelihood-ratio test instead (Demler, Pencina & D'Agostino 2012, Stat Med 31:2577).
 *
 * Throws what delongCovariance throws.
 *
 * Example: delongJointTest([s100b, wfns, ndka], outcome).p // R: from pROC:::delongPlacements, test/fixtures/delong-joint.R
 */
export function delongJointTest(
  markers: ReadonlyArray<ArrayLike<number>>,
  outcome: ArrayLike<number>,
  options: {directions?: ReadonlyArray<Direction | "auto">} = {}
): DelongJointTest {
  const cov = delongCovariance(markers, outcome, options);
  const k = cov.aucs.length;
  const m = k - 1;
  const contrast: number[][] = [];
  for (let i = 0; i < m; i++) contrast.push(Array.from({length: k}, (_, j) => (j === i ? 1 : j === i + 1 ? -1 : 0)));
  const s = cov.covariance;
  // L S Lᵀ and Lθ̂ for successive differences: (LSLᵀ)[i][j] = S[i][j] − S[i][j+1] − S[i+1][j] + S[i+1][j+1]
  const lsl = new Float64Array(m * m);
  const d = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    d[i] = cov.aucs[i]! - cov.aucs[i + 1]!;
    for (let j = 0; j < m; j++) lsl[i * m + j] = s[i]![j]! - s[i]![j + 1]! - s[i + 1]![j]! + s[i + 1]![j + 1]!;
  }
  const rank = rankRevealingCholesky(lsl, m, 1e-12);
  const dropped = rank.aliased;
  const keep = Array.from({length: m}, (_, i) => i).filter((i) => !dropped.includes(i));
  const r = keep.length;
  const sub = new Float64Array(r * r);
  keep.forEach((i, a) => keep.forEach((j, b) => (sub[a * r + b] = lsl[i * m + j]!)));
  if (r > 0 && !choleskyInPlace(sub, r)) throw new RangeError("delongJointTest: the contrasts' covariance is not positive definite after dropping the degenerate ones");
  // A dropped contrast must be its regression on the kept ones exactly (no variance of its own): if its difference
  // is not, the AUCs differ with no sampling variance at all — an infinite statistic, as pROC's z = d/0 for two curves.
  const scale = Math.max(1e-300, ...cov.aucs.map(Math.abs));
  for (const i of dropped) {
    const c = Float64Array.from(keep, (j) => lsl[j * m + i]!);
    if (r > 0) choleskySolveInPlace(sub, r, c);
    let predicted = 0;
    keep.forEach((j, a) => (predicted += c[a]! * d[j]!));
    if (Math.abs(d[i]! - predicted) > 1e-12 * scale) return {...cov, contrast, statistic: Infinity, df: m, p: 0, dropped};
  }
  if (r === 0) return {...cov, contrast, statistic: 0, df: 0, p: 1, dropped};
  const rhs = Float64Array.from(keep, (i) => d[i]!);
  choleskySolveInPlace(sub, r, rhs);
  let statistic = 0;
  keep.forEach((i, a) => (statistic += d[i]! * rhs[a]!));
  return {...cov, contrast, statistic, df: r, p: chiSquareSf(Math.max(0, statistic), r), dropped};
}
