/**
 * ROC curves of several markers on one chart: 1 − specificity (false-positive rate) across, sensitivity up,
 * the chance diagonal, each curve labelled with its AUC and 95% DeLong CI in a legend under the plot (inside the SVG,
 * so the downloads carry it, and off the curves, however many there are and however narrow the chart), the Youden-optimal point of the highlighted curve as an open circle, and a
 * movable operating point that a threshold slider drives cheaply through `chart.setPoint`.
 *
 * Example: rocChart([{key: "model", label: "Model", sensitivities, specificities, auc: 0.96, ciLower: 0.93, ciUpper: 0.99}], {width: 640})
 */
import * as Plot from "@observablehq/plot";
import {attachMovablePoint} from "./operating-point.js";
import {BACKGROUND, curveStyle, markerColor, markerDash} from "./palette.js";
import {formatNumber} from "../format.js";
import {flattenChartAria} from "./accessibility.js";

export interface RocSeries {
  key: string;
  label: string;
  sensitivities: ArrayLike<number>;
  specificities: ArrayLike<number>;
  auc: number;
  ciLower: number;
  ciUpper: number;
}

export interface RocPoint {
  sensitivity: number;
  specificity: number;
}

export interface RocChartOptions {
  width: number;
  height?: number;
  /** Key of the curve drawn strongest (the one the threshold slider moves along). */
  highlight?: string;
  /** Operating point at the reader's threshold. */
  point?: RocPoint | null;
  /** Youden-optimal point of the highlighted curve. */
  optimal?: RocPoint | null;
}

export type RocChartElement = SVGSVGElement & {setPoint(point: RocPoint | null): void};

export function rocPoints(series: RocSeries): {fpr: number; tpr: number}[] {
  const points: {fpr: number; tpr: number}[] = [];
  for (let i = 0; i < series.sensitivities.length; i++) {
    points.push({fpr: 1 - series.specificities[i]!, tpr: series.sensitivities[i]!});
  }
  return points.sort((a, b) => a.fpr - b.fpr || a.tpr - b.tpr);
}

export function aucLabel(s: RocSeries, decimals = 3): string {
  return `AUC ${formatNumber(s.auc, decimals)} (${formatNumber(s.ciLower, decimals)}–${formatNumber(s.ciUpper, decimals)})`;
}

export function rocChart(series: RocSeries[], {width, height, highlight, point = null, optimal = null}: RocChartOptions): RocChartElement {
  const narrow = width < 480;
  const size = Math.max(260, Math.min(width, 600));
  const plotHeight = height ?? size;
  const marginTop = 30;
  const axisBottom = 42;
  const marginLeft = 48;
  const marginRight = 20;
  // The legend: one row per curve (and one for the Youden optimum's symbol) under the x axis's label, drawn in data
  // units below y = 0 (Plot does not clip). A row too long for the chart breaks after the marker's name.
  const fontPx = narrow ? 10 : 11;
  const innerWidth = size - marginLeft - marginRight;
  const textRoom = innerWidth - 28 - 6;
  const entries = [
    ...series.map((s, i) => ({key: s.key, index: i, lines: [`${s.label}: ${aucLabel(s)}`], optimum: false})),
    ...(optimal ? [{key: highlight ?? "", index: -1, lines: ["Youden-optimal cut-off"], optimum: true}] : [])
  ].map((e) => {
    const [text] = e.lines as [string];
    const split = text.indexOf(": AUC");
    const lines = text.length * fontPx * 0.6 > textRoom && split > 0 ? [text.slice(0, split + 1), `  ${text.slice(split + 2)}`] : [text];
    return {...e, lines};
  });
  const rowPx = narrow ? 15 : 17;
  const legendPx = entries.length ? 8 + entries.reduce((n, e) => n + e.lines.length, 0) * rowPx : 0;
  const innerHeight = plotHeight - marginTop - axisBottom;
  let rowAt = 0;
  const legendRows = entries.map((e) => {
    const top = rowAt;
    rowAt += e.lines.length;
    // y: the middle of the row's text block; swatchY: its first line, where the swatch goes.
    return {...e, text: e.lines.join("\n"), y: -(axisBottom + 6 + (top + e.lines.length / 2) * rowPx) / innerHeight, swatchY: -(axisBottom + 6 + (top + 0.5) * rowPx) / innerHeight};
  });
  const curveRows = legendRows.filter((r) => !r.optimum);
  const swatch = 28 / innerWidth;
  const highlightColor = highlight ? markerColor(highlight, Math.max(0, series.findIndex((s) => s.key === highlight))) : "currentColor";
  const chart = Plot.plot({
    width: size,
    height: plotHeight + legendPx,
    marginTop,
    marginLeft,
    marginRight,
    marginBottom: axisBottom + legendPx,
    style: {fontSize: narrow ? "11px" : "12px", overflow: "visible"},
    // The x label is a text mark just under the ticks (Plot would put it at the bottom, under the legend).
    x: {domain: [0, 1], label: null, grid: true, ticks: 5},
    y: {domain: [0, 1], label: "↑ Sensitivity (true-positive rate)", labelAnchor: "top", labelArrow: "none", grid: true, ticks: 5},
    marks: [
      Plot.frame({strokeOpacity: 0.3}),
      Plot.text(["1 − specificity (false-positive rate) →"], {x: 0.5, y: -32 / innerHeight, text: (d: string) => d, fill: "currentColor"}),
      Plot.line([[0, 0], [1, 1]], {stroke: "currentColor", strokeOpacity: 0.35, strokeDasharray: "4,4"}),
      ...series.map((s, i) =>
        Plot.line(rocPoints(s), {
          x: "fpr",
          y: "tpr",
          ...curveStyle(s.key, i, highlight),
          curve: "linear",
          className: "chart-curve"
        })
      ),
      optimal
        ? Plot.dot([{fpr: 1 - optimal.specificity, tpr: optimal.sensitivity}], {
            x: "fpr", y: "tpr", r: 7, stroke: highlightColor, strokeWidth: 2, fill: BACKGROUND, symbol: "diamond"
          })
        : null,
      ...curveRows.map((row) =>
        Plot.ruleY([row], {x1: 0, x2: swatch, y: "swatchY", stroke: markerColor(row.key, row.index), strokeWidth: 2.5, strokeDasharray: markerDash(row.key, row.index)})
      ),
      // The optimum's key: its symbol in the legend (a label beside the point sat on the other curves).
      Plot.dot(legendRows.filter((r) => r.optimum), {x: swatch / 2, y: "swatchY", r: 5, stroke: highlightColor, strokeWidth: 2, fill: BACKGROUND, symbol: "diamond"}),
      ...[true, false].map((strong) => Plot.text(legendRows.filter((d) => !d.optimum && (d.key === highlight) === strong).concat(strong ? [] : legendRows.filter((d) => d.optimum)), {
        x: swatch, y: "y", dx: 6, text: "text", textAnchor: "start", lineAnchor: "middle", lineHeight: rowPx / fontPx, fontSize: fontPx, fill: "currentColor", fontWeight: strong ? 600 : 400
      }))
    ]
  }) as SVGSVGElement & Plot.Plot;
  flattenChartAria(chart);
  const movable = attachMovablePoint(chart, {color: highlightColor});
  const element = chart as unknown as RocChartElement;
  element.setPoint = (p) => movable.move(p ? 1 - p.specificity : null, p?.sensitivity);
  element.setPoint(point);
  element.classList.add("roc-chart");
  return element;
}
