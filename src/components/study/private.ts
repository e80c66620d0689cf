/**
 * Private mode: what the study pages need when the cohort is real and its rows must not be published — aggregates
 * computed at build time, with no patient-level record among them:
 *
 * - the fit of every subset of the candidates (2^k − 1 fits), so the Model page's choices (candidates, screening
 *   threshold, selection) are answered without the rows: the screen reads the univariable p-values, the selection
 *   the survivors' fit (coefficients and covariance), the refit the kept subset's fit;
 * - each measured variable's distribution by outcome as a histogram whose every non-empty cell (bin × group)
 *   holds at least `minCell` patients — adjacent bins are merged until it does, and bin edges are round numbers
 *   (d3's ticks), never a patient's value;
 * - each model's predicted risks as such a histogram (the calculator's and the calibration plot's strip), the
 *   Hosmer–Lemeshow table for every number of groups the page offers, and the calibration curve for every span (on
 *   a round grid of predicted risks). The decision curve needs nothing more: each model's validation in the document
 *   holds it at every whole-percent threshold.
 *
 * - each ROC curve coarsened to the same rule (coarsenedRoc): its published points are the thresholds between groups
 *   of consecutive distinct values that each hold 0 or ≥ minCell patients with ASD and 0 or ≥ minCell without, so
 *   every step of the drawn curve, and every cell of the 2×2 table at a published threshold, is 0 or ≥ minCell; the
 *   thresholds are round numbers between two patients' values, never one. The ROC explorer offers these thresholds
 *   only. The AUC, its DeLong CI and the tests stay those computed from every patient at build time.
 *
 * The minimum cell size is `minCell` (default 5; PKP_MIN_CELL in the build's environment). Pure, no DOM.
 *
 * @example binnedByOutcome(ages, y, {minCell: 5}).bins // [{lower: 50, upper: 60, events: 5, nonEvents: 31}, …]
 */
import {ticks} from "d3";
import {splitByOutcome, type Direction} from "../stats/roc.js";
import type {PreparedData} from "../cohort/prepare.js";
import {designFor, fitBy} from "../procedure/run.js";
import {modelResult, type ModelResult} from "../pipeline/model.js";
import {calibrationSummary, type CalibrationSummary} from "../pipeline/validation.js";

/** The smallest number of patients a published cell may hold, unless the author sets PKP_MIN_CELL. */
export const DEFAULT_MIN_CELL = 5;

export interface Bin {
  lower: number;
  upper: number;
  events: number;
  nonEvents: number;
}

export interface BinnedDistribution {
  bins: Bin[];
  minCell: number;
  /** Patients in no bin (none: bins cover everyone; kept for the record). */
  outside: number;
}

/**
 * A histogram of `values` by outcome whose every non-empty cell holds at least `minCell` patients: d3's round-number
 * bins over the range, adjacent bins merged (the smaller neighbour first) until every cell is 0 or ≥ minCell.
 * A group with fewer than minCell patients in all can have no publishable cell: its counts are then merged into
 * one bin covering the whole range, and the caller should say the distribution is suppressed.
 */
export function binnedByOutcome(values: ArrayLike<number>, y: ArrayLike<number>, {minCell = DEFAULT_MIN_CELL, target = 20}: {minCell?: number; target?: number} = {}): BinnedDistribution {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const edges = ticks(lo, hi, target);
  const step = edges.length > 1 ? edges[1]! - edges[0]! : 1;
  if (edges.length === 0 || edges[0]! > lo) edges.unshift((edges[0] ?? lo) - step);
  while (edges[edges.length - 1]! <= hi) edges.push(edges[edges.length - 1]! + step);
  let bins: Bin[] = edges.slice(0, -1).map((lower, k) => ({lower, upper: edges[k + 1]!, events: 0, nonEvents: 0}));
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let k = Math.floor((v - edges[0]!) / step);
    if (k >= bins.length) k = bins.length - 1;
    if (k < 0) k = 0;
    if (y[i] === 1) bins[k]!.events++;
    else bins[k]!.nonEvents++;
  }
  const small = (b: Bin) => (b.events > 0 && b.events < minCell) || (b.nonEvents > 0 && b.nonEvents < minCell);
  // drop empty bins at the ends, then merge until no cell is small
  while (bins.length > 1 && bins[0]!.events + bins[0]!.nonEvents === 0) bins = bins.slice(1);
  while (bins.length > 1 && bins[bins.length - 1]!.events + bins[bins.length - 1]!.nonEvents === 0) bins = bins.slice(0, -1);
  for (let guard = 0; bins.length > 1 && bins.some(small) && guard < 10_000; guard++) {
    const k = bins.findIndex(small);
    const left = k > 0 ? bins[k - 1]! : null;
    const right = k < bins.length - 1 ? bins[k + 1]! : null;
    const size = (b: Bin | null) => (b ? b.events + b.nonEvents : Infinity);
    const j = size(left) <= size(right) ? k - 1 : k + 1;
    const [a, b] = j < k ? [j, k] : [k, j];
    const merged: Bin = {lower: bins[a]!.lower, upper: bins[b]!.upper, events: bins[a]!.events + bins[b]!.events, nonEvents: bins[a]!.nonEvents + bins[b]!.nonEvents};
    bins = [...bins.slice(0, a), merged, ...bins.slice(b + 1)];
  }
  return {bins, minCell, outside: 0};
}

/** Whether a binned distribution still has a cell below the minimum (a group too small to publish at all). */
export function suppressed(d: BinnedDistribution): boolean {
  return d.bins.some((b) => (b.events > 0 && b.events < d.minCell) || (b.nonEvents > 0 && b.nonEvents < d.minCell));
}

export interface SubsetFit {
  /** The candidates fitted, in candidate order. */
  predictors: string[];
  model: ModelResult | null;
  /** Why there is no fit (collinear, too few rows), when there is none. */
  error?: string;
}

/** Every non-empty subset of the candidates, fitted by `estimate` (ML by default). 2^k − 1 fits; k ≤ 12. */
export function subsetFits(data: PreparedData, candidates: readonly string[], estimate: "ml" | "firth" = "ml"): SubsetFit[] {
  const k = candidates.length;
  if (k > 12) throw new RangeError(`subsetFits: ${k} candidates make ${2 ** k - 1} fits; at most 12 candidates`);
  const out: SubsetFit[] = [];
  for (let mask = 1; mask < 2 ** k; mask++) {
    const predictors = candidates.filter((_, j) => mask & (1 << j));
    try {
      const fit = fitBy(estimate, designFor(data, predictors), data.y);
      out.push({predictors, model: modelResult(fit, predictors)});
    } catch (e) {
      out.push({predictors, model: null, error: e instanceof Error ? e.message : String(e)});
    }
  }
  return out;
}

export interface PrivateModelAggregates {
  /** Predicted risks by outcome, binned. */
  risks: BinnedDistribution;
  /**
   * Calibration (apparent) for each number of Hosmer–Lemeshow groups (at the default span) and each lowess span (at
   * 10 groups) the page offers — the test does not depend on the span nor the curve on the groups — with the
   * engine's notes on each (why a test or a curve could not be computed).
   */
  calibration: {hlGroups: number; span: number; summary: CalibrationSummary | null; notes?: string[]}[];
}

/** The Validation page's choices: Hosmer–Lemeshow groups 4–15 and lowess spans 0.3–1 in steps of 1/30. */
export const HL_GROUP_CHOICES: readonly number[] = Array.from({length: 12}, (_, i) => i + 4);
export const SPAN_CHOICES: readonly number[] = Array.from({length: 22}, (_, i) => 0.3 + i / 30);

/** Step of the grid a private calibration curve is published on (never at a patient's own predicted risk). */
export const CURVE_GRID_STEP = 0.005;

/** A curve through (x, y) points, x ascending, read at the round grid points within its range (linear interpolation). */
export function onGrid(x: readonly number[], y: readonly number[], step = CURVE_GRID_STEP): {x: number[]; y: number[]} {
  const gx: number[] = [];
  const gy: number[] = [];
  if (x.length === 0) return {x: gx, y: gy};
  let j = 0;
  for (let g = Math.ceil(x[0]! / step) * step; g <= x[x.length - 1]! + 1e-12; g += step) {
    while (j < x.length - 2 && x[j + 1]! < g) j++;
    const x0 = x[j]!;
    const x1 = x[Math.min(j + 1, x.length - 1)]!;
    const t = x1 > x0 ? (g - x0) / (x1 - x0) : 0;
    gx.push(Number(g.toFixed(6)));
    gy.push(y[j]! + t * (y[Math.min(j + 1, y.length - 1)]! - y[j]!));
  }
  return {x: gx, y: gy};
}

export function privateModelAggregates(fitted: Float64Array, y: Float64Array, minCell: number): PrivateModelAggregates {
  const calibration: PrivateModelAggregates["calibration"] = [];
  const privately = (summary: CalibrationSummary | null): CalibrationSummary | null => {
    if (!summary?.curve) return summary;
    const grid = onGrid(summary.curve.predicted, summary.curve.observed);
    return {...summary, curve: {predicted: grid.x, observed: grid.y, span: summary.curve.span}};
  };
  const entry = (hlGroups: number, span: number) => {
    const notes: string[] = [];
    const summary = privately(calibrationSummary(fitted, y, {hlGroups, span}, notes));
    calibration.push({hlGroups, span, summary, notes});
  };
  for (const hlGroups of HL_GROUP_CHOICES) entry(hlGroups, 2 / 3);
  for (const span of SPAN_CHOICES) entry(10, span);
  return {risks: binnedByOutcome(fitted, y, {minCell}), calibration};
}

/**
 * The roundest number strictly between `lo` and `hi` (lo < hi): the first multiple, in the order 10^p, 5·10^(p−1),
 * 2·10^(p−1), 10^(p−1), … (d3's nice steps, from coarse to fine), that lies inside the open interval — so never
 * either end. Falls back to the midpoint only when the two are too close for 15 significant digits.
 *
 * @example roundBetween(87, 88) // 87.5;  roundBetween(0.1234, 0.2871) // 0.2
 */
export function roundBetween(lo: number, hi: number): number {
  if (!(lo < hi)) throw new RangeError(`roundBetween: lo (${lo}) must be below hi (${hi})`);
  if (lo < 0 && hi > 0) return 0;
  let p = Math.ceil(Math.log10(Math.max(Math.abs(lo), Math.abs(hi)))) + 1;
  for (let guard = 0; guard < 60; guard++, p--) {
    for (const m of [1, 0.5, 0.2]) {
      const step = m * 10 ** p;
      const c = Number(((Math.floor(lo / step) + 1) * step).toPrecision(15));
      if (c > lo && c < hi) return c;
    }
  }
  return (lo + hi) / 2;
}

/** A ROC curve as the document holds it: thresholds in pROC's order, sensitivity and specificity at each. */
export interface RocPoints {
  direction: Direction;
  thresholds: number[];
  sensitivities: number[];
  specificities: number[];
}

/**
 * A ROC curve coarsened so that it obeys the histograms' minimum cell size — what a private build publishes.
 *
 * Rule: the marker's distinct values are taken in the curve's order (ascending for direction "<", descending for
 * ">") and grouped, consecutive values only; the published curve has one point per boundary between groups (plus
 * the two ends, (1 − spec, sens) = (1, 1) at threshold −∞ for "<" / +∞ for ">", and (0, 0) at the other). Each
 * group holds a number of cases that is 0 or at least `minCell`, and a number of controls that is 0 or at least
 * `minCell`: so every step between adjacent published points moves 0 or ≥ minCell patients with ASD and 0 or ≥
 * minCell without, and every cell of the 2×2 table at a published threshold (a sum of groups) is 0 or ≥ minCell.
 * Groups are formed greedily (a group closes at the first distinct value at which both its counts are allowed);
 * a last group that falls short is merged into the one before it, and so on back. When cases or controls number
 * fewer than minCell in all, no allowed group exists and the curve is its two ends only.
 *
 * The threshold between two groups is the roundest number strictly between the last value of the one and the
 * first of the next (roundBetween: never a patient's value, and it classifies every patient as the exact
 * threshold there would). The AUC and its CI are not computed from this polygon; the exact ones are published.
 *
 * @example coarsenedRoc([1, 2, 3, 4, 5, 6], [0, 0, 0, 1, 1, 1], {minCell: 3}).thresholds // [−∞, 3.5, +∞]
 */
export function coarsenedRoc(values: ArrayLike<number>, y: ArrayLike<number>, {direction, minCell = DEFAULT_MIN_CELL}: {direction: Direction; minCell?: number}): RocPoints {
  const {cases, controls} = splitByOutcome(values, y, "coarsenedRoc");
  const n1 = cases.length;
  const n0 = controls.length;
  // distinct values ascending, with the cases and controls at each (one merge of the sorted groups)
  const distinct: {value: number; cases: number; controls: number}[] = [];
  for (let i = 0, j = 0; i < n1 || j < n0; ) {
    const v = j >= n0 || (i < n1 && cases[i]! <= controls[j]!) ? cases[i]! : controls[j]!;
    let c = 0;
    let d = 0;
    while (i < n1 && cases[i] === v) (i++, c++);
    while (j < n0 && controls[j] === v) (j++, d++);
    distinct.push({value: v, cases: c, controls: d});
  }
  if (direction === ">") distinct.reverse();
  const allowed = (count: number) => count === 0 || count >= minCell;
  // greedy groups: [first index, last index, cases, controls]
  const groups: {first: number; last: number; cases: number; controls: number}[] = [];
  let open = {first: 0, last: -1, cases: 0, controls: 0};
  distinct.forEach((d, k) => {
    open = {first: open.first, last: k, cases: open.cases + d.cases, controls: open.controls + d.controls};
    if (allowed(open.cases) && allowed(open.controls)) {
      groups.push(open);
      open = {first: k + 1, last: k, cases: 0, controls: 0};
    }
  });
  while (open.last >= open.first && !(allowed(open.cases) && allowed(open.controls)) && groups.length > 0) {
    const before = groups.pop()!;
    open = {first: before.first, last: open.last, cases: before.cases + open.cases, controls: before.controls + open.controls};
  }
  if (open.last >= open.first) groups.push(open);
  const thresholds = [direction === "<" ? -Infinity : Infinity];
  const sensitivities = [1];
  const specificities = [0];
  let tp = n1;
  let tn = 0;
  groups.forEach((g, k) => {
    tp -= g.cases;
    tn += g.controls;
    if (k < groups.length - 1) {
      const a = distinct[g.last]!.value;
      const b = distinct[g.last + 1]!.value;
      thresholds.push(roundBetween(Math.min(a, b), Math.max(a, b)));
    } else thresholds.push(direction === "<" ? Infinity : -Infinity);
    sensitivities.push(tp / n1);
    specificities.push(tn / n0);
  });
  return {direction, thresholds, sensitivities, specificities};
}

/** The published point of a curve that maximises Youden's J = sensitivity + specificity − 1 (the first of ties). */
export function bestPublishedPoint(curve: RocPoints): {threshold: number; sensitivity: number; specificity: number; youdenJ: number; ties: number[]} {
  let best = 0;
  const j = curve.sensitivities.map((s, i) => s + curve.specificities[i]! - 1);
  j.forEach((v, i) => {
    if (v > j[best]! + 1e-12) best = i;
  });
  const ties = curve.thresholds.filter((_, i) => Math.abs(j[i]! - j[best]!) <= 1e-12);
  return {threshold: curve.thresholds[best]!, sensitivity: curve.sensitivities[best]!, specificity: curve.specificities[best]!, youdenJ: j[best]!, ties};
}
