/**
 * ROC analysis for the study pages, with the signatures of API.md's stats/roc.ts and stats/delong.ts (which had
 * not landed when the pages needed them; when they do, the pages can import from there instead — the tests in
 * test/stats/roc-analysis.test.ts pin these to pROC 1.18 either way), plus the precision–recall curve.
 *
 * - rocCurve: the empirical curve as pROC::roc builds it. Direction "<" (controls < cases): a patient is positive
 *   iff marker ≥ threshold; ">": iff marker ≤ threshold; "auto" chooses "<" when median(controls) ≤
 *   median(cases), as pROC. Thresholds: −∞, the midpoints between adjacent distinct values, +∞ (ascending).
 * - AUC = P(case more extreme than control) + ½ P(tie), by mid-ranks (Mann–Whitney), O(n log n).
 * - delongAuc: DeLong, DeLong & Clarke-Pearson (1988) variance from placement values
 *   V₁₀(Xᵢ) = (1/n₀)Σⱼ ψ(Xᵢ, Yⱼ), V₀₁(Yⱼ) = (1/n₁)Σᵢ ψ(Xᵢ, Yⱼ), Var = s²(V₁₀)/n₁ + s²(V₀₁)/n₀, computed with
 *   mid-ranks (Sun & Xu 2014) in O(n log n); 95% CI = AUC ± z₀.₉₇₅·SE clipped to [0, 1] (pROC ci.auc "delong").
 * - delongTest: paired comparison of two markers on the same patients, z = (A − B)/√(Var A + Var B − 2 Cov),
 *   two-sided normal p (pROC roc.test(paired = TRUE, method = "delong")).
 * - youdenOptimal: the threshold maximising sensitivity + specificity − 1, first in pROC's threshold order on ties
 *   (ascending for "<", descending for ">"; pROC coords(x = "best", best.method = "youden")[1]).
 * - confusionAt: the 2×2 table at a threshold, with Wilson score 95% CIs (Wilson 1927; R prop.test(correct =
 *   FALSE)) for sensitivity, specificity, PPV and NPV, and the likelihood ratios.
 * - precisionRecallCurve: recall (= sensitivity) and precision (= PPV) at every ROC threshold, and average
 *   precision AP = Σₖ (Rₖ − Rₖ₋₁)·Pₖ over thresholds from strictest to loosest (scikit-learn's definition).
 *
 * Throws RangeError when marker and outcome differ in length, an outcome is not 0/1, a marker value is not
 * finite, or a group (cases or controls) is empty.
 *
 * Example: rocCurve([1, 2, 3, 4], [0, 0, 1, 1]).auc // 1
 */
import {normalSf} from "./distributions.js";

export type Direction = "<" | ">";
const Z_975 = 1.959963984540054;

export interface RocCurve {
  direction: Direction;
  auc: number;
  nCases: number;
  nControls: number;
  thresholds: Float64Array;
  sensitivities: Float64Array;
  specificities: Float64Array;
}

function split(marker: ArrayLike<number>, outcome: ArrayLike<number>, caller: string): {cases: Float64Array; controls: Float64Array} {
  if (marker.length !== outcome.length) throw new RangeError(`${caller}: marker has ${marker.length} values but outcome has ${outcome.length}`);
  const cases: number[] = [];
  const controls: number[] = [];
  for (let i = 0; i < marker.length; i++) {
    const m = marker[i]!;
    const y = outcome[i];
    if (!Number.isFinite(m)) throw new RangeError(`${caller}: marker[${i}] is ${m}, expected a finite number`);
    if (y === 1) cases.push(m);
    else if (y === 0) controls.push(m);
    else throw new RangeError(`${caller}: outcome[${i}] is ${y}, expected 0 or 1`);
  }
  if (!cases.length || !controls.length) throw new RangeError(`${caller}: outcome needs both cases (1) and controls (0); found ${cases.length} and ${controls.length}`);
  return {cases: Float64Array.from(cases).sort(), controls: Float64Array.from(controls).sort()};
}

function median(sorted: Float64Array): number {
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

export function chooseDirection(marker: ArrayLike<number>, outcome: ArrayLike<number>): Direction {
  const {cases, controls} = split(marker, outcome, "chooseDirection");
  return median(controls) <= median(cases) ? "<" : ">";
}

/** Count of values in ascending `sorted` that are < x, and that are ≤ x (binary search). */
function countBelow(sorted: Float64Array, x: number, inclusive: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (inclusive ? sorted[mid]! <= x : sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Placement values ψ-averages: for each case the share of controls it exceeds (ties ½), and vice versa. */
function placements(cases: Float64Array, controls: Float64Array, direction: Direction): {v10: Float64Array; v01: Float64Array} {
  const n1 = cases.length;
  const n0 = controls.length;
  const v10 = new Float64Array(n1);
  const v01 = new Float64Array(n0);
  for (let i = 0; i < n1; i++) {
    const x = cases[i]!;
    const below = countBelow(controls, x, false);
    const tied = countBelow(controls, x, true) - below;
    const above = n0 - below - tied;
    v10[i] = ((direction === "<" ? below : above) + tied / 2) / n0;
  }
  for (let j = 0; j < n0; j++) {
    const y = controls[j]!;
    const below = countBelow(cases, y, false);
    const tied = countBelow(cases, y, true) - below;
    const above = n1 - below - tied;
    v01[j] = ((direction === "<" ? above : below) + tied / 2) / n1;
  }
  return {v10, v01};
}

const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
function covariance(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  if (n < 2) return 0;
  const ma = mean(a);
  const mb = mean(b);
  let s = 0;
  for (let i = 0; i < n; i++) s += (a[i]! - ma) * (b[i]! - mb);
  return s / (n - 1);
}

export function rocCurve(marker: ArrayLike<number>, outcome: ArrayLike<number>, {direction = "auto"}: {direction?: Direction | "auto"} = {}): RocCurve {
  const {cases, controls} = split(marker, outcome, "rocCurve");
  const dir: Direction = direction === "auto" ? (median(controls) <= median(cases) ? "<" : ">") : direction;
  const values = Float64Array.from(new Set(Array.from(marker))).sort();
  const k = values.length + 1;
  const thresholds = new Float64Array(k);
  thresholds[0] = -Infinity;
  for (let i = 1; i < values.length; i++) thresholds[i] = (values[i - 1]! + values[i]!) / 2;
  thresholds[k - 1] = Infinity;
  const sensitivities = new Float64Array(k);
  const specificities = new Float64Array(k);
  for (let t = 0; t < k; t++) {
    const th = thresholds[t]!;
    // "<": positive iff marker ≥ th; ">": positive iff marker ≤ th. Midpoints never equal a value.
    const casesBelow = countBelow(cases, th, false);
    const controlsBelow = countBelow(controls, th, false);
    if (dir === "<") {
      sensitivities[t] = (cases.length - casesBelow) / cases.length;
      specificities[t] = controlsBelow / controls.length;
    } else {
      const casesAtOrBelow = countBelow(cases, th, true);
      const controlsAtOrBelow = countBelow(controls, th, true);
      sensitivities[t] = casesAtOrBelow / cases.length;
      specificities[t] = (controls.length - controlsAtOrBelow) / controls.length;
    }
  }
  const {v10} = placements(cases, controls, dir);
  return {direction: dir, auc: mean(v10), nCases: cases.length, nControls: controls.length, thresholds, sensitivities, specificities};
}

export function youdenOptimal(roc: RocCurve): {threshold: number; sensitivity: number; specificity: number; youdenJ: number} {
  // pROC lists thresholds ascending for "<" and descending for ">"; ties go to the first in that order.
  let best = 0;
  let bestJ = -Infinity;
  const k = roc.thresholds.length;
  for (let step = 0; step < k; step++) {
    const i = roc.direction === "<" ? step : k - 1 - step;
    const j = roc.sensitivities[i]! + roc.specificities[i]! - 1;
    if (j > bestJ + 1e-12) {
      bestJ = j;
      best = i;
    }
  }
  return {threshold: roc.thresholds[best]!, sensitivity: roc.sensitivities[best]!, specificity: roc.specificities[best]!, youdenJ: bestJ};
}

export interface DelongAuc {
  auc: number;
  variance: number;
  se: number;
  ciLower: number;
  ciUpper: number;
}

export function delongAuc(marker: ArrayLike<number>, outcome: ArrayLike<number>, direction: Direction): DelongAuc {
  const {cases, controls} = split(marker, outcome, "delongAuc");
  const {v10, v01} = placements(cases, controls, direction);
  const auc = mean(v10);
  const variance = covariance(v10, v10) / cases.length + covariance(v01, v01) / controls.length;
  const se = Math.sqrt(variance);
  return {auc, variance, se, ciLower: Math.max(0, auc - Z_975 * se), ciUpper: Math.min(1, auc + Z_975 * se)};
}

/** Placements in patient order within the case and control groups (needed to pair two markers). */
function pairedPlacements(marker: ArrayLike<number>, outcome: ArrayLike<number>, direction: Direction): {v10: Float64Array; v01: Float64Array; auc: number} {
  const {cases, controls} = split(marker, outcome, "delongTest");
  const caseValues: number[] = [];
  const controlValues: number[] = [];
  for (let i = 0; i < marker.length; i++) (outcome[i] === 1 ? caseValues : controlValues).push(marker[i]!);
  const {v10: v10Sorted, v01: v01Sorted} = placements(cases, controls, direction);
  // placements() works on sorted groups; a placement depends only on the value, so look values up.
  const lookup = (sorted: Float64Array, v: Float64Array, x: number) => v[countBelow(sorted, x, false)]!;
  const v10 = Float64Array.from(caseValues, (x) => lookup(cases, v10Sorted, x));
  const v01 = Float64Array.from(controlValues, (x) => lookup(controls, v01Sorted, x));
  return {v10, v01, auc: mean(v10)};
}

export function delongTest(
  markerA: ArrayLike<number>,
  markerB: ArrayLike<number>,
  outcome: ArrayLike<number>,
  {directionA, directionB}: {directionA: Direction; directionB: Direction}
): {aucA: number; aucB: number; difference: number; z: number; p: number} {
  if (markerA.length !== markerB.length) throw new RangeError(`delongTest: markerA has ${markerA.length} values but markerB has ${markerB.length}`);
  const a = pairedPlacements(markerA, outcome, directionA);
  const b = pairedPlacements(markerB, outcome, directionB);
  const n1 = a.v10.length;
  const n0 = a.v01.length;
  const variance =
    (covariance(a.v10, a.v10) + covariance(b.v10, b.v10) - 2 * covariance(a.v10, b.v10)) / n1 +
    (covariance(a.v01, a.v01) + covariance(b.v01, b.v01) - 2 * covariance(a.v01, b.v01)) / n0;
  const difference = a.auc - b.auc;
  const z = difference / Math.sqrt(variance);
  return {aucA: a.auc, aucB: b.auc, difference, z, p: 2 * normalSf(Math.abs(z))};
}

/** Wilson score interval for x successes of n (R prop.test(x, n, correct = FALSE)$conf.int). [NaN, NaN] when n = 0. */
export function wilsonInterval(x: number, n: number, z = Z_975): [number, number] {
  if (n === 0) return [NaN, NaN];
  const p = x / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export interface ConfusionAt {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  sensitivity: number;
  specificity: number;
  ppv: number;
  npv: number;
  lrPositive: number;
  lrNegative: number;
  youdenJ: number;
  sensitivityCi: [number, number];
  specificityCi: [number, number];
  ppvCi: [number, number];
  npvCi: [number, number];
}

export function confusionAt(marker: ArrayLike<number>, outcome: ArrayLike<number>, threshold: number, direction: Direction): ConfusionAt {
  if (marker.length !== outcome.length) throw new RangeError(`confusionAt: marker has ${marker.length} values but outcome has ${outcome.length}`);
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (let i = 0; i < marker.length; i++) {
    const m = marker[i]!;
    const positive = direction === "<" ? m >= threshold : m <= threshold;
    if (outcome[i] === 1) positive ? tp++ : fn++;
    else if (outcome[i] === 0) positive ? fp++ : tn++;
    else throw new RangeError(`confusionAt: outcome[${i}] is ${outcome[i]}, expected 0 or 1`);
  }
  const sensitivity = tp / (tp + fn);
  const specificity = tn / (tn + fp);
  return {
    tp, fp, fn, tn, sensitivity, specificity,
    ppv: tp / (tp + fp),
    npv: tn / (tn + fn),
    lrPositive: sensitivity / (1 - specificity),
    lrNegative: (1 - sensitivity) / specificity,
    youdenJ: sensitivity + specificity - 1,
    sensitivityCi: wilsonInterval(tp, tp + fn),
    specificityCi: wilsonInterval(tn, tn + fp),
    ppvCi: wilsonInterval(tp, tp + fp),
    npvCi: wilsonInterval(tn, tn + fn)
  };
}

export interface PrecisionRecallCurve {
  thresholds: Float64Array;
  recall: Float64Array;
  /** NaN where no patient is called positive. */
  precision: Float64Array;
  averagePrecision: number;
  prevalence: number;
}

export function precisionRecallCurve(marker: ArrayLike<number>, outcome: ArrayLike<number>, {direction = "auto"}: {direction?: Direction | "auto"} = {}): PrecisionRecallCurve {
  const roc = rocCurve(marker, outcome, {direction});
  const k = roc.thresholds.length;
  const recall = new Float64Array(k);
  const precision = new Float64Array(k);
  for (let t = 0; t < k; t++) {
    const tp = Math.round(roc.sensitivities[t]! * roc.nCases);
    const fp = Math.round((1 - roc.specificities[t]!) * roc.nControls);
    recall[t] = roc.sensitivities[t]!;
    precision[t] = tp + fp > 0 ? tp / (tp + fp) : NaN;
  }
  // Strictest threshold first: recall rises from 0; AP = Σ (Rₖ − Rₖ₋₁) Pₖ.
  const order = Array.from({length: k}, (_, i) => i).sort((i, j) => recall[i]! - recall[j]! || (precision[j]! || 0) - (precision[i]! || 0));
  let ap = 0;
  let previousRecall = 0;
  for (const i of order) {
    if (recall[i]! > previousRecall && Number.isFinite(precision[i]!)) {
      ap += (recall[i]! - previousRecall) * precision[i]!;
      previousRecall = recall[i]!;
    }
  }
  return {thresholds: roc.thresholds, recall, precision, averagePrecision: ap, prevalence: roc.nCases / (roc.nCases + roc.nControls)};
}
