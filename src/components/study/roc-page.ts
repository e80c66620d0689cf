/**
 * The ROC explorer's parts, so the page holds prose, inputs and layout: the marker and threshold controls (bound to
 * the URL; the threshold starts exactly at the engine's Youden cut-off, never rounded to the slider's step), the
 * sentence on whether the equation's AUC is higher than each factor's — resting on a valid test: a likelihood-ratio
 * test where the equation contains the factor (nested models fitted to the same patients, for which DeLong's test
 * is not valid: Demler, Pencina & D'Agostino 2012), DeLong's test only for a marker that was not fitted here — the
 * joint DeLong test that the single markers' AUCs are equal, the Youden cut-point's apparent and
 * bootstrap-corrected accuracy, and the flagged patients as a natural-frequency icon array.
 * Everything is read from the analysis document; no statistic is computed here.
 *
 * Example: validComparisonSentence(analysis, markerName)
 */
import * as Inputs from "@observablehq/inputs";
import {html} from "htl";
import {bindToUrl} from "../url-state.js";
import {numberInput} from "../number-input.js";
import {formatNumber, formatP, formatPercent} from "../format.js";
import {flaggedFrequency} from "../natural-frequency.js";
import {iconArray} from "../charts/iconArray.js";
import {chartFigure} from "../charts/figure.js";
import {rocChart, aucLabel} from "../charts/rocChart.js";
import {precisionRecallChart} from "../charts/precisionRecallChart.js";
import {precisionRecallFromRoc} from "../stats/precision-recall.js";
import type {AnalysisResult} from "../pipeline/pipeline.js";
import type {ConfusionAt} from "../stats/roc.js";
import type {MarkerSummary} from "./view.js";
export {confusionFor} from "./roc-confusion.js";
import {axisLabel, columnInfo} from "./study.js";

const pPhrase = (p: number | null | undefined) => {
  const t = formatP(p);
  return t.startsWith("<") || t.startsWith(">") ? `p ${t}` : `p = ${t}`;
};

/** The marker menu, bound to ?marker=. */
export function markerInput(markers: readonly MarkerSummary[]) {
  const input = Inputs.select(markers.map((r) => r.key), {label: "Marker", format: (key: string) => markers.find((m) => m.key === key)!.label, value: "model"});
  input.querySelector("select")?.setAttribute("data-testid", "roc-marker");
  // Inputs.select's option values are indices; the marker key is kept on each option for tests and tools.
  input.querySelectorAll("option").forEach((option: Element, i: number) => option.setAttribute("data-key", markers[i]!.key));
  return bindToUrl(input, "marker");
}

/**
 * The threshold control for a marker: a box and a slider that start at the engine's Youden threshold exactly (the
 * box shows it in full, the slider its nearest step), bound to ?t_<marker>= so that a link keeps each marker's choice.
 * Without the rows (private mode) the thresholds are the published curve's only: any other entry moves to the
 * nearest of them with a message, and the start is the best of them (the document's Youden point in that mode).
 */
export function thresholdControl(marker: MarkerSummary, values: ArrayLike<number> | null) {
  const isModel = marker.key === "model";
  let lo = Infinity;
  let hi = -Infinity;
  if (values) {
    for (let i = 0; i < values.length; i++) {
      lo = Math.min(lo, values[i]!);
      hi = Math.max(hi, values[i]!);
    }
  } else {
    // a curve of its two ends only (a group smaller than the minimum cell) has no threshold to offer
    const finite = marker.thresholds.filter(Number.isFinite);
    lo = finite.length ? Math.min(...finite) : 0;
    hi = finite.length ? Math.max(...finite) : 1;
  }
  const decimals = isModel ? 3 : columnInfo(marker.key).decimals;
  const step = isModel ? 0.001 : decimals === 0 ? 0.5 : 0.05;
  const [min, max] = isModel ? [0, 1] : [lo - step, hi + step];
  const allowed = values ? null : marker.thresholds.filter(Number.isFinite).sort((a, b) => a - b);
  const start = Number.isFinite(marker.youden.threshold) ? marker.youden.threshold : allowed?.length ? allowed[allowed.length >> 1]! : (lo + hi) / 2;
  const input = numberInput({
    label: isModel ? "Risk threshold (predicted probability)" : `Threshold for ${axisLabel(marker.key)}`,
    min, max, step, value: start, testId: "roc-threshold",
    ...(allowed?.length ? {allowed, allowedLabel: "the thresholds this private build publishes"} : {}),
    ...(isModel ? {} : {unit: columnInfo(marker.key).unit, dataRange: [lo, hi] as [number, number]}),
    format: (v: number) => formatNumber(v, isModel ? 5 : decimals + 2)
  });
  return {input: bindToUrl(input, `t_${marker.key}`), decimals: isModel ? 3 : Math.max(1, decimals + 1), start};
}

/**
 * Whether the equation's AUC is higher than each single factor's, on a valid test (see the module comment), in
 * words with the reason.
 */
export function validComparisonSentence(analysis: AnalysisResult, shown: ReadonlySet<string>, name: (key: string) => string): HTMLElement {
  const lr = analysis.checks.addedValue.filter((a) => a.inModel && shown.has(a.marker));
  const delong = analysis.comparisons.filter((c) => shown.has(c.b) && !lr.some((a) => a.marker === c.b));
  const parts: string[] = [];
  if (lr.length) {
    const sig = lr.filter((a) => a.p < 0.05);
    const not = lr.filter((a) => a.p >= 0.05);
    parts.push(
      `${sig.length ? `The equation predicts significantly better than ${sig.map((a) => `${name(a.marker)} alone (likelihood-ratio χ² = ${formatNumber(a.statistic, 1)} on ${a.df} df, ${pPhrase(a.p)})`).join("; ")}` : "The equation does not predict significantly better than any of its factors alone"}` +
        `${not.length ? `${sig.length ? ", but not better than " : ": "}${not.map((a) => `${name(a.marker)} (${pPhrase(a.p)})`).join(", ")}` : ""}.`
    );
  }
  if (delong.length) {
    const sig = delong.filter((c) => (c.p ?? 1) < 0.05);
    parts.push(`For ${delong.map((c) => name(c.b)).join(", ")}, which ${delong.length === 1 ? "is" : "are"} not in the equation, DeLong's paired test of the AUCs applies: ${delong.map((c) => `${name(c.b)} ${pPhrase(c.p)}`).join(", ")}${sig.length ? ` (the equation's AUC is significantly higher than ${sig.map((c) => name(c.b)).join(", ")}'s, though it is apparent, measured on the patients it was fitted to)` : ""}.`);
  }
  const delongInvalid = analysis.comparisons.filter((c) => lr.some((a) => a.marker === c.b));
  return html`<p data-testid="roc-valid-sentence">${parts.join(" ")}${delongInvalid.length ? html` <strong>Why not DeLong's test here?</strong> The equation contains ${delongInvalid.map((c) => name(c.b)).join(", ")} and was fitted to these same patients, so its AUC against each of them compares two nested models estimated on one sample; DeLong's test assumes the two markers were fixed in advance, and in this situation it is badly conservative (Demler, Pencina &amp; D'Agostino, Stat Med 2012). The likelihood-ratio test asks the same question — do the equation's other terms add anything? — the valid way. For the record, DeLong's p-values were ${delongInvalid.map((c) => `${name(c.b)} ${formatP(c.p)}`).join(", ")}.` : ""}</p>`;
}

/** The joint DeLong test that the single markers' AUCs are equal. */
export function jointDelongSentence(analysis: AnalysisResult, name: (key: string) => string): HTMLElement {
  const j = analysis.checks.jointDelong;
  if (!j) return html`<p data-testid="roc-joint-delong">Fewer than three single markers: no joint test.</p>`;
  return html`<p data-testid="roc-joint-delong">Are the ${j.markers.length} single measurements equally good markers? DeLong, DeLong &amp; Clarke-Pearson's (1988) joint test that their AUCs (${j.markers.map((k, i) => `${name(k)} ${formatNumber(j.aucs[i], 3)}`).join(", ")}) are all equal — the χ² of the contrasts between them with their DeLong covariance, which R's pROC does not implement — gives <span data-value=${j.p}>χ² = ${formatNumber(j.statistic, 2)} on ${j.df} df, ${pPhrase(j.p)}</span>${j.p < 0.05 ? ": they differ." : ": with this few events they cannot be told apart."} None of them was fitted to these data, so this test is valid.</p>`;
}

/** The Youden cut-point's accuracy: apparent (chosen on these patients) and bootstrap-corrected. */
export function youdenSentence(analysis: AnalysisResult, key: string, unit: string, decimals: number): HTMLElement {
  const c = analysis.checks.cutpoints.find((x) => x.marker === key);
  if (!c) return html`<p data-testid="roc-youden-corrected">No bootstrap of the cut-point for this marker.</p>`;
  // NaN: a private build does not publish the exact cut-off, which lies between two patients' values
  const cutoff = Number.isNaN(c.threshold) ? "computed from every patient's value (not published here: it lies between two patients' values)" : `${formatNumber(c.threshold, decimals + 1)}${unit ? ` ${unit}` : ""}`;
  return html`<p data-testid="roc-youden-corrected">The Youden cut-off ${cutoff} was chosen on these same patients, so its sensitivity <strong>${formatPercent(c.apparent.sensitivity)}</strong> and specificity <strong>${formatPercent(c.apparent.specificity)}</strong> are <em>apparent</em>: the best of many cut-offs tried on one sample.
  Choosing the cut-off again in each of ${c.used} bootstrap resamples (seed ${c.seed}) and scoring it on the original patients gives the bootstrap-corrected values: sensitivity <strong data-testid="roc-youden-corrected-sens" data-value=${c.corrected.sensitivity}>${formatPercent(c.corrected.sensitivity)}</strong>, specificity <strong data-testid="roc-youden-corrected-spec" data-value=${c.corrected.specificity}>${formatPercent(c.corrected.specificity)}</strong> (Youden's J ${formatNumber(c.apparent.youdenJ, 3)} apparent, ${formatNumber(c.corrected.youdenJ, 3)} corrected).${key === "model" ? " For the equation this corrects the choice of cut-off only; the equation's own optimism is on the validation page." : ""}</p>`;
}

/** Of 100 flagged patients, how many go on to ASD: the icon array and its sentence. */
export function flaggedFigure(cm: ConfusionAt, label: string, width: number): HTMLElement {
  const f = flaggedFrequency({truePositives: cm.tp, falsePositives: cm.fp, falseNegatives: cm.fn, trueNegatives: cm.tn}, {flaggedBy: label.toLowerCase().startsWith("prediction") ? "the equation" : "this rule"});
  if (!f.flagged) return html`<p data-testid="roc-flagged-frequency">Nobody is flagged at this threshold.</p>`;
  return chartFigure(iconArray(f.flagged, {width: Math.min(width, 360), filledLabel: "go on to ASD", emptyLabel: "do not"}), {
    title: "Of 100 flagged patients",
    description: f.flagged.sentence,
    caption: `${f.flagged.sentence}${f.notFlagged ? ` ${f.notFlagged.sentence}` : ""}`,
    filename: "flagged-patients"
  });
}

/** The two charts' shared state: each chart's handle, so the threshold moves their dots in place. */
export interface RocChartsState {
  chart: {setPoint(p: unknown): void} | null;
  prChart: {setPoint(p: unknown): void} | null;
  point: {sensitivity: number; specificity: number} | null;
  prPoint: {recall: number; precision: number} | null;
}

/** The ROC chart of every marker at `width`, the selected one highlighted with its Youden point. */
/**
 * What a private build's caption adds: the curves are coarsened (private.ts, coarsenedRoc) to the minimum cell size,
 * and the AUCs are not read from them. "" in open mode (minCell null).
 */
export function coarsenedNote(minCell: number | null | undefined): string {
  return minCell ? ` In this private build each curve is drawn through thresholds that each move at least ${minCell} patients (or none) with ASD and at least ${minCell} (or none) without; the AUC is computed from every patient.` : "";
}

export function rocFigure(markers: readonly MarkerSummary[], key: string, state: RocChartsState, width: number, {minCell = null}: {minCell?: number | null} = {}): HTMLElement {
  const m = markers.find((r) => r.key === key)!;
  const chart = rocChart(markers as MarkerSummary[], {width, highlight: key, optimal: {sensitivity: m.youden.sensitivity, specificity: m.youden.specificity}, point: state.point});
  state.chart = chart as unknown as RocChartsState["chart"];
  return chartFigure(chart, {
    title: "ROC curves of the prediction equation and each single factor",
    description: `Sensitivity against 1 − specificity for ${markers.length} markers. ${markers.map((s) => `${s.label}: ${aucLabel(s)}`).join("; ")}. The highlighted curve is ${m.label}; its Youden-optimal point (open diamond) is at sensitivity ${formatPercent(m.youden.sensitivity)} and specificity ${formatPercent(m.youden.specificity)}; the filled dot is the threshold chosen below.`,
    caption: `AUC with 95% DeLong CI. Dashed diagonal: a marker with no information.${coarsenedNote(minCell)}`,
    filename: "roc-curves"
  });
}

/** Each marker's precision–recall curve, from its full ROC curve in the document (the same in both modes). */
export function prSeriesOf(markers: readonly MarkerSummary[]) {
  return markers.map((r) => {
    const pr = precisionRecallFromRoc(r);
    return {key: r.key, label: r.label, recall: pr.recall, precision: pr.precision, area: pr.averagePrecision};
  });
}


export function prFigure(series: ReturnType<typeof prSeriesOf>, {key, prevalence, state, minCell = null}: {key: string; prevalence: number; state: RocChartsState; minCell?: number | null}, width: number): HTMLElement {
  const chart = precisionRecallChart(series, {width, prevalence, highlight: key, point: state.prPoint});
  state.prChart = chart as unknown as RocChartsState["prChart"];
  return chartFigure(chart, {
    title: "Precision–recall: how many flagged patients go on to ASD",
    description: `Positive predictive value against sensitivity for the same markers; the no-skill line is the prevalence, ${formatPercent(prevalence)}. ${series.map((s) => `${s.label}: average precision ${formatNumber(s.area, 3)}`).join("; ")}.`,
    caption: `Area = average precision. Same colours and line styles as the ROC chart.${minCell ? ` In this private build the curves and their average precision are read from the coarsened ROC curves (at least ${minCell} patients, or none, of each group per step).` : ""}`,
    filename: "precision-recall"
  });
}
