/**
 * ROC curves of several markers on one chart: 1 − specificity (false-positive rate) across, sensitivity up,
 * the chance diagonal, each curve labelled with its AUC and 95% DeLong CI inside the plot (so the SVG and PNG
 * downloads carry the legend), the Youden-optimal point of the highlighted curve as an open circle, and a
 * movable operating point that a threshold slider drives cheaply through `chart.setPoint`.
 *
 * Example: rocChart([{key: "model", label: "Model", sensitivities, specificities, auc: 0.96, ciLower: 0.93, ciUpper: 0.99}], {width: 640})
 */
import * as Plot from "@observablehq/plot";
import {attachMovablePoint} from "./operating-point.js";
import {MARKER_DASHES, markerColor} from "./palette.js";
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
  const h = height ?? size;
  const legendRows = series.map((s, i) => ({
    ...s,
    text: `${s.label}: ${aucLabel(s)}`,
    y: 0.03 + (series.length - 1 - i) * (narrow ? 0.075 : 0.06)
  }));
  const highlightColor = highlight ? markerColor(highlight) : "currentColor";
  const chart = Plot.plot({
    width: size,
    height: h,
    marginLeft: 48,
    marginBottom: 42,
    style: {fontSize: narrow ? "11px" : "12px", overflow: "visible"},
    x: {domain: [0, 1], label: "1 − specificity (false-positive rate) →", labelAnchor: "center", labelArrow: "none", grid: true, ticks: 5},
    y: {domain: [0, 1], label: "↑ Sensitivity (true-positive rate)", labelArrow: "none", grid: true, ticks: 5},
    marks: [
      Plot.frame({strokeOpacity: 0.3}),
      Plot.line([[0, 0], [1, 1]], {stroke: "currentColor", strokeOpacity: 0.35, strokeDasharray: "4,4"}),
      ...series.map((s) =>
        Plot.line(rocPoints(s), {
          x: "fpr",
          y: "tpr",
          stroke: markerColor(s.key),
          strokeWidth: !highlight || s.key === highlight ? 2.5 : 1.5,
          strokeOpacity: !highlight || s.key === highlight ? 1 : 0.55,
          strokeDasharray: MARKER_DASHES[s.key],
          curve: "linear"
        })
      ),
      optimal
        ? Plot.dot([{fpr: 1 - optimal.specificity, tpr: optimal.sensitivity}], {
            x: "fpr", y: "tpr", r: 7, stroke: highlightColor, strokeWidth: 2, fill: "var(--theme-background, white)", symbol: "diamond"
          })
        : null,
      optimal
        ? Plot.text([{fpr: 1 - optimal.specificity, tpr: optimal.sensitivity}], {
            x: "fpr", y: "tpr", text: () => "Youden optimum", dx: 12, dy: 18, textAnchor: "start", fontSize: 10
          })
        : null,
      // Legend inside the plot's empty lower-right corner.
      ...legendRows.map((row) =>
        Plot.ruleY([row], {x1: 0.9, x2: 0.99, y: "y", stroke: markerColor(row.key), strokeWidth: 2.5, strokeDasharray: MARKER_DASHES[row.key]})
      ),
      Plot.text(legendRows, {x: 0.88, y: "y", text: "text", textAnchor: "end", fontSize: narrow ? 9.5 : 11, fill: "currentColor", stroke: "var(--theme-background, white)", strokeWidth: 3, paintOrder: "stroke"})
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
