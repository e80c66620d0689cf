/**
 * The live threshold of "Your own cohort": a marker menu and a threshold control (numberInput: box and slider) over
 * the ROC curves, with the engine's 2×2 table at the threshold (confusionFromPrepared, O(log n) per step). The
 * threshold starts at the marker's Youden point exactly; the model's risk threshold is allowed from 0 to 1, a
 * predictor's from one step below its smallest value to one step above its largest (beyond the data a note says so),
 * and anything typed outside is clamped with a message, so the rule the page states is the rule it computes.
 *
 * Example: thresholdExplorer(result, {width: 720, onChange: (marker, threshold, settled) => …}).set("age", 75)
 */
import {chartFigure} from "../charts/figure.js";
import {rocChart, aucLabel, type RocChartElement} from "../charts/rocChart.js";
import {confusionMatrix} from "../tables/confusionMatrix.js";
import {confusionFromPrepared} from "../stats/roc.js";
import {formatNumber, formatPercent} from "../format.js";
import {formatEntry, numberInput, type NumberInputElement} from "../number-input.js";
import type {MarkerValues, PageResult} from "../worker/protocol.js";
import {el, onNumberEdit} from "./dom.js";
import {selectOf} from "./choicesForm.js";

export interface ExplorerOptions {
  width: number;
  /** The marker to start at (its key; default the first, the model). */
  marker?: string;
  /** The threshold to start at (default the marker's Youden threshold). */
  threshold?: number | null;
  /** Each change: the marker's key, the threshold (null at the Youden point), and whether it is settled. */
  onChange?: (marker: string, threshold: number | null, settled: boolean) => void;
}

export type ExplorerElement = HTMLElement & {
  /** Shows a marker at a threshold (null: its Youden point), as a reader would choose them; returns what is shown. */
  set(marker: string, threshold: number | null): void;
  /** The marker shown and its threshold (null at the Youden point). */
  state(): {marker: string; threshold: number | null};
};

/**
 * The threshold's start and allowed range for a marker (see the module comment). The step is a round number (1, 2
 * or 5 times a power of ten, about a thousandth of the data's span) and the range a whole number of steps on that
 * grid, so the slider reaches both ends.
 */
export function thresholdRange(marker: MarkerValues): {min: number; max: number; step: number; start: number; dataRange: [number, number] | null} {
  const isModel = marker.key === "model";
  const span = marker.max - marker.min;
  let step = 0.001;
  if (!isModel) {
    const rough = span > 0 ? span / 1000 : 1;
    const power = 10 ** Math.floor(Math.log10(rough));
    step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough * 0.999)!;
  }
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const onGrid = (v: number) => Number(v.toFixed(Math.min(20, decimals)));
  const [min, max] = isModel ? [0, 1] : [onGrid((Math.floor(marker.min / step) - 1) * step), onGrid((Math.ceil(marker.max / step) + 1) * step)];
  const start = Number.isFinite(marker.youden.threshold) ? Math.min(max, Math.max(min, marker.youden.threshold)) : (marker.min + marker.max) / 2;
  return {min, max, step: onGrid(step), start, dataRange: isModel ? null : [marker.min, marker.max]};
}

export function thresholdExplorer(result: PageResult, {width, marker: startMarker, threshold: startThreshold = null, onChange}: ExplorerOptions): ExplorerElement {
  const root = el("div", undefined, {"data-testid": "your-threshold-explorer"}) as unknown as ExplorerElement;
  root.className = "your-data-explorer";
  const markers = result.markers;
  root.set = () => undefined;
  root.state = () => ({marker: "", threshold: null});
  if (!markers.length) return root;
  let marker: MarkerValues = markers.find((m) => m.key === startMarker) ?? markers[0]!;
  let start = 0;

  const controls = el("div");
  controls.className = "your-data-explorer-controls";
  const markerSelect = selectOf(markers.map((m) => [m.key, m.label] as const), marker.key, "your-roc-marker");
  markerSelect.id = "your-roc-marker";
  const markerField = el("div");
  markerField.className = "your-data-field";
  markerField.append(el("label", "Marker", {for: markerSelect.id}), markerSelect);
  const thresholdSlot = el("div");
  controls.append(markerField, thresholdSlot);

  const chartSlot = el("div");
  const readout = el("p", undefined, {"data-testid": "your-roc-readout", "aria-live": "polite"});
  const tableSlot = el("div");
  let chart: RocChartElement | null = null;
  let input: NumberInputElement | null = null;

  const drawChart = () => {
    const series = result.curves.map((c) => ({key: c.key, label: c.label, sensitivities: c.sensitivities, specificities: c.specificities, auc: c.auc, ciLower: c.ciLower, ciUpper: c.ciUpper}));
    chart = rocChart(series, {width, highlight: marker.key, optimal: {sensitivity: marker.youden.sensitivity, specificity: marker.youden.specificity}});
    chartSlot.replaceChildren(chartFigure(chart, {
      title: "ROC curves",
      description: `Sensitivity against 1 − specificity. ${series.map((s) => `${s.label}: ${aucLabel(s)}`).join("; ")}. The highlighted curve is ${marker.label}; the filled dot is the chosen threshold.`,
      caption: "AUC with 95% DeLong CI. Dashed diagonal: no information. Open diamond: Youden optimum.",
      filename: "roc-curves"
    }));
  };

  const update = (threshold: number) => {
    const at = confusionFromPrepared({direction: marker.direction, cases: marker.cases, controls: marker.controls}, threshold);
    chart?.setPoint({sensitivity: at.sensitivity, specificity: at.specificity});
    // The rule states the threshold as the box holds it (every digit), never a rounding of it.
    const rule = `${marker.label} ${marker.direction === "<" ? "≥" : "≤"} ${formatEntry(threshold)}`;
    readout.replaceChildren(
      `Calling “${rule}” positive: sensitivity `, el("strong", formatPercent(at.sensitivity), {"data-testid": "your-roc-sensitivity", "data-value": String(at.sensitivity)}),
      `, specificity `, el("strong", formatPercent(at.specificity), {"data-testid": "your-roc-specificity", "data-value": String(at.specificity)}),
      `, PPV ${formatPercent(at.ppv)}, NPV ${formatPercent(at.npv)}.`
    );
    readout.setAttribute("data-threshold", String(threshold));
    const table = confusionMatrix(at, {positiveLabel: "Called positive", negativeLabel: "Called negative", caption: `2×2 table at ${rule}`});
    // The shared table names its columns for the study (ASD / No ASD); here they are the reader's outcome.
    const heads = table.querySelectorAll("thead th");
    if (heads[1]) heads[1].textContent = `${result.choices.outcome} = ${result.choices.positive}`;
    if (heads[2]) heads[2].textContent = "Other";
    // On a phone the table, with the reader's outcome in its header, may be wider than the column: it scrolls.
    const scroll = el("div", undefined, {role: "region", "aria-label": `2×2 table at ${rule}, scrollable`, tabindex: "0"});
    scroll.className = "table-scroll";
    scroll.append(table);
    tableSlot.replaceChildren(scroll);
  };

  root.state = () => ({marker: marker.key, threshold: !input || Object.is(input.value, start) ? null : input.value});
  const report = (settled: boolean) => {
    const {marker: key, threshold} = root.state();
    onChange?.(key, threshold, settled);
  };

  const setMarker = (threshold: number | null) => {
    const range = thresholdRange(marker);
    start = range.start;
    const decimals = Math.max(0, -Math.floor(Math.log10(range.step)));
    input = numberInput({
      label: marker.key === "model" ? "Risk threshold (predicted probability)" : `Threshold for ${marker.label}`,
      min: range.min, max: range.max, step: range.step, value: threshold ?? start, dataRange: range.dataRange, dataLabel: "these patients",
      format: (v: number) => formatNumber(v, Math.min(12, decimals + 2)),
      testId: "your-roc-threshold"
    });
    const control = input;
    onNumberEdit(control, (settled) => {
      if (!settled) update(control.value);
      report(settled);
    });
    thresholdSlot.replaceChildren(control);
    drawChart();
    update(control.value);
  };
  markerSelect.addEventListener("change", () => {
    marker = markers.find((m) => m.key === markerSelect.value) ?? markers[0]!;
    setMarker(null);
    report(true);
  });
  root.set = (key, threshold) => {
    const next = markers.find((m) => m.key === key) ?? markers[0]!;
    if (next !== marker || !input) {
      marker = next;
      markerSelect.value = marker.key;
      setMarker(threshold);
    } else {
      input.value = threshold ?? start;
      update(input.value);
    }
  };
  root.append(controls, chartSlot, readout, tableSlot);
  setMarker(startThreshold);
  return root;
}
