/**
 * What the "Your own cohort" page draws beyond the analysis document, from the same prepared data and the same
 * procedure run (../pipeline/pipeline.ts): each ROC curve thinned for drawing (the statistics use every point), and
 * each marker's sorted cases and controls for the live threshold (O(log n) per slider step). Nothing is fitted
 * here. Pure (no DOM); runs in the worker and in Node.
 *
 * Example: drawingExtras(data, run, result)
 */
import {prepareRoc, rocFromPrepared, type Direction} from "../stats/roc.js";
import type {PreparedData} from "../cohort/prepare.js";
import type {ProcedureRun} from "../procedure/run.js";
import type {AnalysisResult} from "../pipeline/pipeline.js";
import {thinCurve as thinXY} from "../pipeline/validation.js";
import type {CurveForDrawing, MarkerValues} from "./protocol.js";

/** Most points a drawn ROC curve keeps (the statistics use every point; a screen cannot show more). */
export const MAX_DRAWN_POINTS = 800;

/** Keeps at most `max` points of a curve, evenly spaced, always the two ends. */
export function thinCurve(sensitivities: ArrayLike<number>, specificities: ArrayLike<number>, max = MAX_DRAWN_POINTS): {sensitivities: number[]; specificities: number[]} {
  const {x, y} = thinXY(sensitivities, specificities, max);
  return {sensitivities: x, specificities: y};
}

export interface DrawingExtras {
  outcome: Float64Array;
  fitted: Float64Array;
  markers: MarkerValues[];
  curves: CurveForDrawing[];
  separation: boolean;
}

export function drawingExtras(data: PreparedData, run: ProcedureRun, result: AnalysisResult): DrawingExtras {
  const y = data.y;
  const fitted = Float64Array.from(run.model.fit.fitted);
  const markers: MarkerValues[] = [];
  const curves: CurveForDrawing[] = [];
  // The model first: the threshold explorer starts on it.
  const entries = [...result.roc].sort((a, b) => Number(b.marker === "model") - Number(a.marker === "model"));
  for (const entry of entries) {
    const values = entry.marker === "model" ? fitted : data.variables.get(entry.marker)?.values;
    if (!values) continue;
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
  }
  return {outcome: Float64Array.from(y), fitted, markers, curves, separation: run.model.fit.separation.detected};
}
