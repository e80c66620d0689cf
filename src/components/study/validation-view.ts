/**
 * What the Validation page's apparent calibration and decision curve show for the reader's choices, in either
 * publication mode: with the cohort's rows (open mode) recomputed by the engine for any span, number of risk groups
 * and threshold range; without them (private mode) read from what the build computed — the aggregates
 * (./private.ts) for the spans of SPAN_CHOICES and the groups of HL_GROUP_CHOICES, each model's validation for the
 * decision curve at every whole percent — so the two modes give the same numbers wherever both exist. A choice the
 * document does not hold is refused with a RangeError naming it, never approximated. Pure, no DOM.
 *
 * @example apparentCalibration(doc, data?.y ?? null, "equation", {span: 2 / 3, hlGroups: 10}).hosmerLemeshow?.df // 8
 */
import {calibrationSummary, DECISION_THRESHOLDS, type CalibrationSummary} from "../pipeline/validation.js";
import {decisionCurve, type DecisionCurvePoint} from "../stats/decision-curve.js";
import type {CalibrationPlotData} from "../charts/calibrationPlot.js";
import type {StudyDocument, StudyModelKey} from "./document.js";
import {HL_GROUP_CHOICES, SPAN_CHOICES, type BinnedDistribution, type PrivateModelAggregates} from "./private.js";

/** The distribution strip under the calibration plot: every patient's risk, or the build's binned counts. */
export type RiskStrip = {kind: "patients"; predictions: readonly number[]; outcome: ArrayLike<number>} | {kind: "binned"; binned: BinnedDistribution};

export interface ApparentCalibration {
  span: number;
  hlGroups: number;
  curve: CalibrationSummary["curve"];
  hosmerLemeshow: CalibrationSummary["hosmerLemeshow"];
  /** The engine's notes (why the test or the curve could not be computed, a poor χ² approximation). */
  notes: string[];
  strip: RiskStrip;
}

/** Whether the page has the cohort's rows for this model (open mode with predictions and outcomes of equal length). */
export function hasRows(doc: StudyDocument, outcome: ArrayLike<number> | null, key: StudyModelKey): outcome is ArrayLike<number> {
  return doc.mode === "open" && outcome !== null && outcome.length > 0 && doc.models[key].predictions.length === outcome.length;
}

function aggregatesOf(doc: StudyDocument, key: StudyModelKey): PrivateModelAggregates {
  const agg = doc.aggregates?.models[key];
  if (!agg) throw new RangeError(`The study document has neither the cohort's rows nor the aggregates of the ${key} model: rebuild the site`);
  return agg;
}

const sameSpan = (a: number, b: number) => Math.abs(a - b) < 1e-9;

/** The precomputed span nearest to `span` (the private control offers these only). */
export function nearestSpanChoice(span: number): number {
  return SPAN_CHOICES.reduce((best, s) => (Math.abs(s - span) < Math.abs(best - span) ? s : best), SPAN_CHOICES[0]!);
}

/** Apparent calibration of a model at the reader's span and number of Hosmer–Lemeshow groups (see the module comment). */
export function apparentCalibration(doc: StudyDocument, outcome: ArrayLike<number> | null, key: StudyModelKey, {span, hlGroups}: {span: number; hlGroups: number}): ApparentCalibration {
  if (hasRows(doc, outcome, key)) {
    const predictions = doc.models[key].predictions;
    const notes: string[] = [];
    const summary = calibrationSummary(Float64Array.from(predictions), Float64Array.from(outcome), {hlGroups, span}, notes);
    return {span, hlGroups, curve: summary?.curve ?? null, hosmerLemeshow: summary?.hosmerLemeshow ?? null, notes, strip: {kind: "patients", predictions, outcome}};
  }
  const agg = aggregatesOf(doc, key);
  // The curve does not depend on the groups, nor the test on the span: each is read from the entry that varies it.
  const byGroups = agg.calibration.find((c) => c.hlGroups === hlGroups);
  const bySpan = agg.calibration.find((c) => sameSpan(c.span, span));
  if (!byGroups) throw new RangeError(`Risk groups ${hlGroups}: this private build holds the Hosmer–Lemeshow test for ${HL_GROUP_CHOICES[0]}–${HL_GROUP_CHOICES.at(-1)} groups only`);
  if (!bySpan) throw new RangeError(`Span ${span}: this private build holds the calibration curve for the spans ${SPAN_CHOICES.map((s) => s.toFixed(2)).join(", ")} only`);
  const notes = [
    ...(byGroups.notes ?? []).filter((n) => n.startsWith("Hosmer")),
    ...(bySpan.notes ?? []).filter((n) => !n.startsWith("Hosmer"))
  ];
  return {span, hlGroups, curve: bySpan.summary?.curve ?? null, hosmerLemeshow: byGroups.summary?.hosmerLemeshow ?? null, notes, strip: {kind: "binned", binned: agg.risks}};
}

/** The thresholds from `low` to `high` (in (0, 1)): both bounds exactly, and every whole percent between them. */
export function thresholdsBetween(low: number, high: number): number[] {
  if (!(low > 0 && high < 1 && low <= high)) throw new RangeError(`Decision-curve thresholds: need 0 < low ≤ high < 1 (got ${low} and ${high})`);
  const inner = DECISION_THRESHOLDS.filter((t) => t > low + 1e-12 && t < high - 1e-12);
  return [...new Set([low, ...inner, high])];
}

/**
 * The decision curve of a model at `thresholds`: computed from the rows, or read from the model's validation in
 * the document (where each threshold must be a whole percent). Throws RangeError naming a threshold it does not hold.
 */
export function decisionCurveAt(doc: StudyDocument, outcome: ArrayLike<number> | null, key: StudyModelKey, thresholds: readonly number[]): DecisionCurvePoint[] {
  if (hasRows(doc, outcome, key)) return decisionCurve(doc.models[key].predictions, outcome, thresholds);
  const points = doc.models[key].validation.decisionCurve;
  if (!points) throw new RangeError(`The ${key} model has no decision curve in this build: ${doc.models[key].validation.notes.find((n) => n.startsWith("The decision curve")) ?? "see the build's notes"}`);
  return thresholds.map((t) => {
    const point = points.find((p) => Math.abs(p.threshold - t) < 1e-9);
    if (!point) throw new RangeError(`Threshold ${t}: this private build holds the decision curve at whole percents (1%–99%) only`);
    return point;
  });
}

/** The share of the cohort whose predicted risk is below `threshold` (from the decision curve's counts there). */
export function shareBelow(point: DecisionCurvePoint, n: number): number {
  return 1 - (point.truePositives + point.falsePositives) / n;
}

/** The calibration plot's data for an apparent calibration (an empty curve when none could be computed). */
export function calibrationPlotData(c: ApparentCalibration): CalibrationPlotData {
  const curve = c.curve ?? {predicted: [], observed: []};
  const groups = c.hosmerLemeshow?.groups ?? [];
  return c.strip.kind === "patients" ? {curve, predictions: c.strip.predictions, outcome: c.strip.outcome, groups} : {curve, binned: c.strip.binned, groups};
}

/** What the calibration plot's strip shows, for its caption. */
export function stripCaption(c: ApparentCalibration): string {
  return c.strip.kind === "patients"
    ? "Strip: histogram of predicted risks by outcome."
    : `Strip: predicted risks by outcome, in bins merged until every non-empty cell holds at least ${c.strip.binned.minCell} patients (this build publishes no patient's own risk).`;
}
