/**
 * What the page shows beyond the CLI's JSON, computed in the worker by the engine over the same complete cases and
 * the same fitted model: ROC curves (thinned for drawing only), each marker's sorted cases and controls for the live
 * threshold, Harrell's bootstrap validation (stats/optimism-bootstrap.ts, run in chunks so progress can be shown —
 * the draws are the seeded generator's, exactly as one call with that seed makes them), calibration (slope,
 * intercept, Brier, Hosmer–Lemeshow, the lowess curve of rms::val.prob) and the decision curve.
 *
 * A part that cannot be computed (e.g. calibration when fitted probabilities are exactly 0 or 1 under separation)
 * is left out with a note saying why; the other parts stand. Pure (no DOM); runs in the worker and in Node.
 *
 * Example: computeExtras(table, choices, analyzeTable(table, choices), () => {})
 */
import {buildDesign, type DesignMatrix} from "../stats/design.js";
import {fitLogistic, type LogisticFit} from "../stats/logistic.js";
import {fitFirth} from "../stats/firth.js";
import {prepareRoc, rocFromPrepared, type Direction} from "../stats/roc.js";
import {optimismBootstrap, summarizeOptimism, INDEX_NAMES, type IndexName, type OptimismBootstrap} from "../stats/optimism-bootstrap.js";
import {createRng} from "../stats/random.js";
import {brierScore, calibrationSlopeIntercept, hosmerLemeshow} from "../stats/calibration.js";
import {calibrationCurve} from "../stats/lowess.js";
import {decisionCurve} from "../stats/decision-curve.js";
import type {CsvTable} from "../cohort/table.js";
import {completeCases, type AnalysisResult} from "../cohort/analysis.js";
import type {AnalysisChoices, BootstrapSummary, CalibrationSummary, CurveForDrawing, DecisionCurveSummary, MarkerValues} from "./protocol.js";

export type ProgressCallback = (stage: string, fraction: number) => void;

export interface Extras {
  outcome: Float64Array;
  fitted: Float64Array;
  markers: MarkerValues[];
  curves: CurveForDrawing[];
  bootstrap: BootstrapSummary | null;
  calibration: CalibrationSummary | null;
  decisionCurve: DecisionCurveSummary | null;
  separation: boolean;
  notes: string[];
  timings: Record<string, number>;
}

/** Most points a drawn ROC curve keeps (the statistics use every point; a screen cannot show more). */
export const MAX_DRAWN_POINTS = 800;
/** Decision-curve thresholds: 1% to 99% for the chart; the table shows every 5%. */
export const DECISION_THRESHOLDS = Array.from({length: 99}, (_, i) => (i + 1) / 100);
/** Bootstrap replicates per chunk: about 25 progress messages; each chunk also refits the original model once. */
const chunkSize = (replicates: number) => Math.max(5, Math.ceil(replicates / 25));

/** Keeps at most `max` points of a curve, evenly spaced, always the two ends. */
export function thinCurve(sensitivities: ArrayLike<number>, specificities: ArrayLike<number>, max = MAX_DRAWN_POINTS): {sensitivities: number[]; specificities: number[]} {
  const n = sensitivities.length;
  if (n <= max) return {sensitivities: Array.from(sensitivities), specificities: Array.from(specificities)};
  const sens: number[] = [];
  const spec: number[] = [];
  for (let k = 0; k < max; k++) {
    const i = Math.round((k * (n - 1)) / (max - 1));
    sens.push(sensitivities[i]!);
    spec.push(specificities[i]!);
  }
  return {sensitivities: sens, specificities: spec};
}

/**
 * Harrell's bootstrap in chunks: the same index draws as optimismBootstrap(design, y, {replicates, seed}) makes
 * (createRng(seed).int(n), n per replicate, in order), handed to it chunk by chunk as `samples`, and the chunks'
 * per-replicate optimism pooled as one call pools them (mean over the usable refits).
 */
export function chunkedBootstrap(design: DesignMatrix, y: Float64Array, {replicates, seed, method}: {replicates: number; seed: number; method: "ml" | "firth"}, onChunk: (done: number) => void): OptimismBootstrap {
  const n = design.n;
  const rng = createRng(seed);
  const chunks: OptimismBootstrap[] = [];
  const chunk = chunkSize(replicates);
  for (let start = 0; start < replicates; start += chunk) {
    const size = Math.min(chunk, replicates - start);
    const samples: Int32Array[] = [];
    for (let b = 0; b < size; b++) {
      const rows = new Int32Array(n);
      for (let i = 0; i < n; i++) rows[i] = rng.int(n);
      samples.push(rows);
    }
    chunks.push(optimismBootstrap(design, y, {samples, method}));
    onChunk(start + size);
  }
  const first = chunks[0]!;
  const concat = (pick: (c: OptimismBootstrap) => Record<IndexName, Float64Array>, k: IndexName) => {
    const parts = chunks.map((c) => pick(c)[k]);
    const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  const optimismByReplicate = Object.fromEntries(INDEX_NAMES.map((k) => [k, concat((c) => c.optimismByReplicate, k)])) as Record<IndexName, Float64Array>;
  const testByReplicate = Object.fromEntries(INDEX_NAMES.map((k) => [k, concat((c) => c.testByReplicate, k)])) as Record<IndexName, Float64Array>;
  // optimismBootstrap's own summary over the concatenated replicates, so a chunked run equals one call to the last bit
  const {optimism, corrected, usedByIndex} = summarizeOptimism(first.apparent, optimismByReplicate);
  const failed = {nonConverged: 0, separated: 0, oneClass: 0, errors: 0, total: 0};
  for (const c of chunks) for (const key of Object.keys(failed) as (keyof typeof failed)[]) failed[key] += c.failed[key];
  return {
    method, seed, replicates, used: replicates - failed.total, failed,
    apparent: first.apparent, optimism, corrected, usedByIndex, optimismByReplicate, testByReplicate
  };
}

const MEASURES: {key: IndexName; label: string}[] = [
  {key: "auc", label: "AUC (c statistic)"},
  {key: "slope", label: "Calibration slope"},
  {key: "intercept", label: "Calibration-in-the-large (intercept, offset model)"},
  {key: "slopeIntercept", label: "Intercept of the slope model"},
  {key: "brier", label: "Brier score"}
];

export function computeExtras(table: CsvTable, choices: AnalysisChoices, cli: AnalysisResult, onProgress: ProgressCallback): Extras {
  const notes: string[] = [];
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = now - t;
    t = now;
  };

  // The same complete cases, design and fit as the CLI's analysis.
  const data = completeCases(table, {outcome: choices.outcome, positive: choices.positive, predictors: choices.predictors});
  const y = Float64Array.from(data.y);
  const design = buildDesign(data.columns, choices.predictors, {intercept: true});
  const fit: LogisticFit = choices.firth ? fitFirth(design, y) : fitLogistic(design, y);
  const separation = fit.separation.detected;
  const fitted = Float64Array.from(fit.fitted);
  lap("refit");

  // ROC: one entry per marker the CLI reports, with its direction.
  onProgress("roc", 0);
  const markers: MarkerValues[] = [];
  const curves: CurveForDrawing[] = [];
  // The model first: the threshold explorer starts on it.
  const entries = [...cli.roc].sort((a, b) => Number(b.marker === "model") - Number(a.marker === "model"));
  entries.forEach((entry, i) => {
    const values = entry.marker === "model" ? fitted : (data.columns[entry.marker] as ArrayLike<number> | undefined);
    if (!values) return;
    const prepared = prepareRoc(values, y, {direction: entry.direction as Direction});
    const curve = rocFromPrepared(prepared);
    const label = entry.marker === "model" ? "Model (fitted risk)" : entry.marker;
    let min = Infinity;
    let max = -Infinity;
    for (let k = 0; k < values.length; k++) {
      const v = values[k]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    markers.push({
      key: entry.marker, label, direction: prepared.direction,
      cases: Float64Array.from(prepared.cases), controls: Float64Array.from(prepared.controls), min, max,
      youden: {threshold: entry.threshold ?? NaN, sensitivity: entry.sensitivity ?? NaN, specificity: entry.specificity ?? NaN}
    });
    curves.push({key: entry.marker, label, auc: entry.auc ?? NaN, ciLower: entry.ciLower ?? NaN, ciUpper: entry.ciUpper ?? NaN, direction: prepared.direction, ...thinCurve(curve.sensitivities, curve.specificities)});
    onProgress("roc", (i + 1) / cli.roc.length);
  });
  lap("roc");

  // Bootstrap validation.
  let bootstrap: BootstrapSummary | null = null;
  onProgress("bootstrap", 0);
  try {
    const method = choices.firth ? "firth" : "ml";
    const b = chunkedBootstrap(design, y, {replicates: choices.replicates, seed: choices.seed, method}, (done) => onProgress("bootstrap", done / choices.replicates));
    bootstrap = {
      replicates: b.replicates, used: b.used, seed: choices.seed, method,
      failed: {nonConverged: b.failed.nonConverged, separated: b.failed.separated + b.failed.oneClass + b.failed.errors},
      rows: MEASURES.map(({key, label}) => ({measure: label, apparent: b.apparent[key], optimism: b.optimism[key], corrected: b.corrected[key]}))
    };
    if (b.used < b.replicates) {
      notes.push(`Bootstrap: ${b.replicates - b.used} of ${b.replicates} refits could not be used (${b.failed.nonConverged} did not converge, ${b.failed.separated} separated, ${b.failed.oneClass} had one outcome class, ${b.failed.errors} failed); the optimism is the mean over the ${b.used} usable refits.`);
    }
    const slopeUsed = b.usedByIndex.slope;
    if (b.used > 0 && slopeUsed < b.used) {
      notes.push(`Bootstrap: the calibration slope and the intercept of the slope model are averaged over ${slopeUsed} of the ${b.used} usable refits; in the other ${b.used - slopeUsed} the refitted model's linear predictor separates the outcomes perfectly (in its sample or in the data), so the recalibration fit glm(y ~ lp) has no finite slope there.`);
    }
    if (b.used === 0) {
      bootstrap = null;
      notes.push("Bootstrap validation: no refit could be used, so no optimism-corrected figures are given.");
    }
  } catch (error) {
    notes.push(`Bootstrap validation could not be computed: ${error instanceof Error ? error.message : String(error)}`);
  }
  lap("bootstrap");

  // Calibration.
  onProgress("calibration", 0);
  let calibration: CalibrationSummary | null = null;
  try {
    const cal = calibrationSlopeIntercept(fitted, y);
    let hl: CalibrationSummary["hosmerLemeshow"] = null;
    let groups: CalibrationSummary["groups"] = [];
    try {
      const h = hosmerLemeshow(fitted, y, {groups: 10});
      hl = {statistic: h.statistic, df: h.df, p: h.p};
      groups = h.table.filter((g) => g.n > 0).map((g) => ({predicted: g.expected / g.n, observed: g.observed / g.n, n: g.n}));
    } catch (error) {
      notes.push(`Hosmer–Lemeshow test not computed: ${error instanceof Error ? error.message.replace(/^\w+: /, "") : String(error)}.`);
    }
    const smooth = calibrationCurve(fitted, y);
    calibration = {
      slope: cal.slope, intercept: cal.intercept, brier: brierScore(fitted, y), hosmerLemeshow: hl,
      curve: thinXY(smooth.predicted, smooth.observed), groups
    };
  } catch (error) {
    notes.push(`Calibration could not be computed: ${error instanceof Error ? error.message.replace(/^\w+: /, "") : String(error)}${separation ? " (fitted probabilities of exactly 0 or 1 under separation)" : ""}.`);
  }
  onProgress("calibration", 1);
  lap("calibration");

  // Decision curve.
  onProgress("decision-curve", 0);
  let decision: DecisionCurveSummary | null = null;
  try {
    decision = {points: decisionCurve(fitted, y, DECISION_THRESHOLDS).map((p) => ({threshold: p.threshold, netBenefitModel: p.netBenefitModel, netBenefitAll: p.netBenefitAll, netBenefitNone: p.netBenefitNone}))};
  } catch (error) {
    notes.push(`The decision curve could not be computed: ${error instanceof Error ? error.message : String(error)}`);
  }
  onProgress("decision-curve", 1);
  lap("decisionCurve");

  return {outcome: y, fitted, markers, curves, bootstrap, calibration, decisionCurve: decision, separation, notes, timings};
}

/** A smooth curve thinned for drawing. */
function thinXY(x: ArrayLike<number>, y: ArrayLike<number>, max = MAX_DRAWN_POINTS): {predicted: number[]; observed: number[]} {
  const n = x.length;
  if (n <= max) return {predicted: Array.from(x), observed: Array.from(y)};
  const px: number[] = [];
  const py: number[] = [];
  for (let k = 0; k < max; k++) {
    const i = Math.round((k * (n - 1)) / (max - 1));
    px.push(x[i]!);
    py.push(y[i]!);
  }
  return {predicted: px, observed: py};
}
