/**
 * The empirical ROC curve, as pROC 1.18 builds it (Robin et al. 2011, BMC Bioinformatics 12:77).
 *
 * Direction "<" (controls lower than cases): a patient is positive iff marker ≥ threshold; ">": iff marker ≤
 * threshold. "auto" chooses "<" when median(controls) ≤ median(cases), else ">" (pROC's rule).
 * Thresholds: −∞, the midpoints (a + b)/2 of adjacent distinct marker values, +∞ — ascending for "<",
 * descending for ">", as roc()$thresholds; sensitivities and specificities at each, so the curve runs from
 * (sens 1, spec 0) to (sens 0, spec 1).
 * AUC = P(case more extreme than control) + ½ P(tie) (Hanley & McNeil 1982), by one merge of the sorted groups.
 *
 * prepareRoc sorts once (O(n log n)); confusionAt on a prepared object is O(log n), for slider input.
 *
 * Throws RangeError naming the argument when marker and outcome differ in length, a marker value is NaN or not
 * finite, an outcome is not 0/1, or cases or controls are missing.
 *
 * Example: rocCurve([1, 2, 3, 4], [0, 1, 0, 1]).auc // 0.75
 */
import {wilsonInterval} from "./binomial-ci.js";

export type Direction = "<" | ">";

export interface RocCurve {
  direction: Direction;
  auc: number;
  nCases: number;
  nControls: number;
  thresholds: Float64Array;
  sensitivities: Float64Array;
  specificities: Float64Array;
}

/** Cases and controls, each sorted ascending, with the chosen direction. */
export interface PreparedRoc {
  direction: Direction;
  cases: Float64Array;
  controls: Float64Array;
}

/** Split into sorted cases and controls; validates every argument. */
export function splitByOutcome(marker: ArrayLike<number>, outcome: ArrayLike<number>, caller = "rocCurve"): {cases: Float64Array; controls: Float64Array} {
  const n = marker.length;
  if (outcome.length !== n) throw new RangeError(`${caller}: marker has ${n} values but outcome has ${outcome.length}`);
  let nCases = 0;
  for (let i = 0; i < n; i++) {
    const y = outcome[i];
    if (y === 1) nCases++;
    else if (y !== 0) throw new RangeError(`${caller}: outcome[${i}] is ${y}, expected 0 or 1`);
    const m = marker[i]!;
    if (!Number.isFinite(m)) throw new RangeError(`${caller}: marker[${i}] is ${m}; drop missing values first`);
  }
  const nControls = n - nCases;
  if (nCases === 0 || nControls === 0) {
    throw new RangeError(`${caller}: outcome has ${nCases} cases (1) and ${nControls} controls (0); ${nCases === 0 ? "cases" : "controls"} are missing, both are needed`);
  }
  const cases = new Float64Array(nCases);
  const controls = new Float64Array(nControls);
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    if (outcome[i] === 1) cases[a++] = marker[i]!;
    else controls[b++] = marker[i]!;
  }
  cases.sort();
  controls.sort();
  return {cases, controls};
}

function sortedMedian(sorted: Float64Array): number {
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

/** pROC's direction = "auto": "<" when median(controls) ≤ median(cases). */
export function autoDirection(cases: Float64Array, controls: Float64Array): Direction {
  return sortedMedian(controls) <= sortedMedian(cases) ? "<" : ">";
}

export function prepareRoc(marker: ArrayLike<number>, outcome: ArrayLike<number>, {direction = "auto"}: {direction?: Direction | "auto"} = {}): PreparedRoc {
  if (direction !== "auto" && direction !== "<" && direction !== ">") throw new RangeError(`prepareRoc: direction is ${String(direction)}, expected "<", ">" or "auto"`);
  const {cases, controls} = splitByOutcome(marker, outcome, "prepareRoc");
  return {direction: direction === "auto" ? autoDirection(cases, controls) : direction, cases, controls};
}

/** Number of values in ascending `sorted` that are < x (inclusive = false) or ≤ x (inclusive = true). */
export function countBelow(sorted: Float64Array, x: number, inclusive: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (inclusive ? sorted[mid]! <= x : sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Mann–Whitney AUC for "<" from sorted groups: Σ over cases of (#controls below + ½ #controls tied) / (n₁n₀).
 * One merge pass, O(n₁ + n₀).
 */
export function aucLess(cases: Float64Array, controls: Float64Array): number {
  const n1 = cases.length;
  const n0 = controls.length;
  let below = 0;
  let tiedEnd = 0;
  let sum = 0;
  for (let i = 0; i < n1; i++) {
    const x = cases[i]!;
    while (below < n0 && controls[below]! < x) below++;
    if (tiedEnd < below) tiedEnd = below;
    while (tiedEnd < n0 && controls[tiedEnd]! === x) tiedEnd++;
    sum += below + (tiedEnd - below) / 2;
  }
  return sum / n1 / n0;
}

export function rocFromPrepared(prepared: PreparedRoc): RocCurve {
  const {cases, controls, direction} = prepared;
  const n1 = cases.length;
  const n0 = controls.length;
  // Distinct values ascending, with how many cases and controls lie strictly below each.
  let k = 0;
  const distinct = new Float64Array(n1 + n0);
  const casesBelow = new Uint32Array(n1 + n0 + 1);
  const controlsBelow = new Uint32Array(n1 + n0 + 1);
  let i = 0;
  let j = 0;
  while (i < n1 || j < n0) {
    const v = j >= n0 || (i < n1 && cases[i]! <= controls[j]!) ? cases[i]! : controls[j]!;
    distinct[k] = v;
    casesBelow[k] = i;
    controlsBelow[k] = j;
    k++;
    while (i < n1 && cases[i]! === v) i++;
    while (j < n0 && controls[j]! === v) j++;
  }
  casesBelow[k] = n1;
  controlsBelow[k] = n0;
  // Threshold t (0..k): −∞, midpoints between distinct[t−1] and distinct[t], +∞; below threshold t lie casesBelow[t].
  const m = k + 1;
  const thresholds = new Float64Array(m);
  const sensitivities = new Float64Array(m);
  const specificities = new Float64Array(m);
  for (let t = 0; t <= k; t++) {
    const th = t === 0 ? -Infinity : t === k ? Infinity : (distinct[t - 1]! + distinct[t]!) / 2;
    // "<": positive iff marker ≥ th, i.e. above the cut; ">": positive iff marker ≤ th, i.e. below it.
    const sens = direction === "<" ? (n1 - casesBelow[t]!) / n1 : casesBelow[t]! / n1;
    const spec = direction === "<" ? controlsBelow[t]! / n0 : (n0 - controlsBelow[t]!) / n0;
    const at = direction === "<" ? t : k - t;
    thresholds[at] = th;
    sensitivities[at] = sens;
    specificities[at] = spec;
  }
  const less = aucLess(cases, controls);
  return {direction, auc: direction === "<" ? less : 1 - less, nCases: n1, nControls: n0, thresholds, sensitivities, specificities};
}

export function rocCurve(marker: ArrayLike<number>, outcome: ArrayLike<number>, {direction = "auto"}: {direction?: Direction | "auto"} = {}): RocCurve {
  return rocFromPrepared(prepareRoc(marker, outcome, {direction}));
}

export interface YoudenPoint {
  threshold: number;
  sensitivity: number;
  specificity: number;
  youdenJ: number;
  /** Every threshold whose J ties the best (pROC returns them all), in pROC's order. */
  tiedThresholds: number[];
}

/**
 * The threshold maximising J = sensitivity + specificity − 1 (Youden 1950), as pROC coords(roc, "best",
 * best.method = "youden"). pROC returns every tied threshold, in its threshold order; `threshold` is the first
 * of them (ascending thresholds for "<", descending for ">"), and all ties are in `tiedThresholds`.
 * Ties are judged to 1e-12 in J (pROC compares exactly; the tolerance only absorbs rounding in sens + spec).
 */
export function youdenOptimal(roc: RocCurve): YoudenPoint {
  const k = roc.thresholds.length;
  let bestJ = -Infinity;
  for (let t = 0; t < k; t++) bestJ = Math.max(bestJ, roc.sensitivities[t]! + roc.specificities[t]! - 1);
  const tiedThresholds: number[] = [];
  let first = -1;
  for (let t = 0; t < k; t++) {
    if (roc.sensitivities[t]! + roc.specificities[t]! - 1 >= bestJ - 1e-12) {
      if (first < 0) first = t;
      tiedThresholds.push(roc.thresholds[t]!);
    }
  }
  return {
    threshold: roc.thresholds[first]!,
    sensitivity: roc.sensitivities[first]!,
    specificity: roc.specificities[first]!,
    youdenJ: roc.sensitivities[first]! + roc.specificities[first]! - 1,
    tiedThresholds
  };
}

/**
 * A prepared ROC's groups as their merged distinct values, ascending, with how many cases and how many controls
 * hold each (−0 and +0 are one value, as in every comparison here). A resample of the same rows has the same
 * values with other counts (some 0), so a bootstrap builds this once and recounts.
 */
export interface RocLevels {
  direction: Direction;
  values: Float64Array;
  caseCounts: Int32Array;
  controlCounts: Int32Array;
}

/** The levels of sorted groups (RocLevels), in one merge pass. */
export function rocLevels(prepared: PreparedRoc): RocLevels {
  const {cases, controls, direction} = prepared;
  const n1 = cases.length;
  const n0 = controls.length;
  const values = new Float64Array(n1 + n0);
  const caseCounts = new Int32Array(n1 + n0);
  const controlCounts = new Int32Array(n1 + n0);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < n1 || j < n0) {
    const v = j >= n0 || (i < n1 && cases[i]! <= controls[j]!) ? cases[i]! : controls[j]!;
    const i0 = i;
    const j0 = j;
    while (i < n1 && cases[i]! === v) i++;
    while (j < n0 && controls[j]! === v) j++;
    values[k] = v;
    caseCounts[k] = i - i0;
    controlCounts[k] = j - j0;
    k++;
  }
  return {direction, values: values.slice(0, k), caseCounts: caseCounts.slice(0, k), controlCounts: controlCounts.slice(0, k)};
}

/**
 * youdenOptimal(rocFromPrepared(prepared)).threshold, to the bit, without building the curve (youdenFromLevels on
 * the groups' levels). A bootstrap of the cut-point calls this for every resample and marker, where the curve's
 * arrays were most of the time.
 */
export function youdenThreshold(prepared: PreparedRoc): number {
  return youdenFromLevels(rocLevels(prepared));
}

/**
 * Youden's cut-point from levels (RocLevels; a level whose two counts are both 0 is absent): the same threshold,
 * to the bit, as youdenOptimal(rocFromPrepared(·)) on the groups the counts describe. Two passes over the levels
 * with the same arithmetic as the curve: the best J, then the first threshold in pROC's order within 1e-12 of it.
 */
export function youdenFromLevels({values, caseCounts, controlCounts, direction}: RocLevels): number {
  const levels = values.length;
  let n1 = 0;
  let n0 = 0;
  for (let l = 0; l < levels; l++) {
    n1 += caseCounts[l]!;
    n0 += controlCounts[l]!;
  }
  const less = direction === "<";
  // pROC's order of thresholds is t ascending for "<", descending for ">": the first or the last here. Threshold
  // t = 0..k in ascending order, with casesBelow = i and controlsBelow = j below it, J as rocFromPrepared computes
  // it; the walk is written out, not passed a callback, which measured slower than building the curve.
  let best = -Infinity;
  let chosen = NaN;
  for (let pass = 0; pass < 2; pass++) {
    let i = 0;
    let j = 0;
    let previous = NaN;
    let t = 0;
    for (let l = 0; ; l++) {
      while (l < levels && caseCounts[l] === 0 && controlCounts[l] === 0) l++;
      const end = l >= levels;
      const v = end ? NaN : values[l]!;
      const youdenJ = (less ? (n1 - i) / n1 : i / n1) + (less ? j / n0 : (n0 - j) / n0) - 1;
      if (pass === 0) best = Math.max(best, youdenJ);
      else if (youdenJ >= best - 1e-12 && (!less || Number.isNaN(chosen))) chosen = end ? Infinity : t === 0 ? -Infinity : (previous + v) / 2;
      if (end) break;
      previous = v;
      t++;
      i += caseCounts[l]!;
      j += controlCounts[l]!;
    }
  }
  return chosen;
}

/**
 * The 2×2 counts at `threshold` from levels, as confusionFromPrepared takes them from the sorted groups ("<":
 * positive iff marker ≥ threshold, ">" iff ≤).
 */
export function positivesFromLevels({values, caseCounts, controlCounts, direction}: RocLevels, threshold: number): {tp: number; fp: number; fn: number; tn: number} {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let l = 0; l < values.length; l++) {
    const positive = direction === "<" ? !(values[l]! < threshold) : values[l]! <= threshold;
    if (positive) {
      tp += caseCounts[l]!;
      fp += controlCounts[l]!;
    } else {
      fn += caseCounts[l]!;
      tn += controlCounts[l]!;
    }
  }
  return {tp, fp, fn, tn};
}

export interface ConfusionAt {
  threshold: number;
  direction: Direction;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  sensitivity: number;
  specificity: number;
  /** NaN when nobody is called positive. */
  ppv: number;
  /** NaN when nobody is called negative. */
  npv: number;
  /** sensitivity / (1 − specificity); Infinity when specificity is 1 and sensitivity > 0. */
  lrPositive: number;
  /** (1 − sensitivity) / specificity. */
  lrNegative: number;
  youdenJ: number;
  /** Wilson 95% intervals (R prop.test(correct = FALSE)$conf.int). */
  sensitivityCi: [number, number];
  specificityCi: [number, number];
  ppvCi: [number, number];
  npvCi: [number, number];
}

/** The 2×2 table at `threshold` from a prepared object, O(log n): "<" positive iff marker ≥ threshold, ">" iff ≤. */
export function confusionFromPrepared(prepared: PreparedRoc, threshold: number): ConfusionAt {
  if (Number.isNaN(threshold)) throw new RangeError("confusionAt: threshold is NaN");
  const {cases, controls, direction} = prepared;
  const n1 = cases.length;
  const n0 = controls.length;
  let tp: number;
  let fp: number;
  if (direction === "<") {
    tp = n1 - countBelow(cases, threshold, false);
    fp = n0 - countBelow(controls, threshold, false);
  } else {
    tp = countBelow(cases, threshold, true);
    fp = countBelow(controls, threshold, true);
  }
  return confusionFromCounts(threshold, direction, {tp, fp, fn: n1 - tp, tn: n0 - fp});
}

/** The 2×2 table's rates, likelihood ratios and Wilson intervals from its four counts (NaN where a margin is empty). */
export function confusionFromCounts(threshold: number, direction: Direction, counts: {tp: number; fp: number; fn: number; tn: number}): ConfusionAt {
  const {tp, fp, fn, tn} = counts;
  const n1 = tp + fn;
  const n0 = tn + fp;
  const sensitivity = tp / n1;
  const specificity = tn / n0;
  const nan: [number, number] = [NaN, NaN];
  return {
    threshold, direction, tp, fp, fn, tn, sensitivity, specificity,
    ppv: tp + fp > 0 ? tp / (tp + fp) : NaN,
    npv: tn + fn > 0 ? tn / (tn + fn) : NaN,
    lrPositive: sensitivity / (1 - specificity),
    lrNegative: (1 - sensitivity) / specificity,
    youdenJ: sensitivity + specificity - 1,
    sensitivityCi: wilsonInterval(tp, n1),
    specificityCi: wilsonInterval(tn, n0),
    ppvCi: tp + fp > 0 ? wilsonInterval(tp, tp + fp) : nan,
    npvCi: tn + fn > 0 ? wilsonInterval(tn, tn + fn) : nan
  };
}

/** The 2×2 table at `threshold` (O(n log n); for repeated calls use prepareRoc + confusionFromPrepared). */
export function confusionAt(marker: ArrayLike<number>, outcome: ArrayLike<number>, threshold: number, direction: Direction): ConfusionAt {
  return confusionFromPrepared(prepareRoc(marker, outcome, {direction}), threshold);
}
