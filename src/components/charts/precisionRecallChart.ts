/**
 * Precision–recall curves: sensitivity (recall) across, positive predictive value (precision) up, with the
 * prevalence as the no-skill baseline. With 15% of patients developing ASD, PPV is what a surgeon feels: of the
 * patients a rule flags, how many go on to degenerate. The operating point moves with `chart.setPoint`.
 *
 * Example: precisionRecallChart([{key: "model", label: "Model", recall, precision}], {width: 480, prevalence: 0.154})
 */
import * as Plot from "@observablehq/plot";
import {attachMovablePoint} from "./operating-point.js";
import {curveStyle, markerColor, markerDash} from "./palette.js";
import {formatNumber, formatPercent} from "../format.js";
import {flattenChartAria} from "./accessibility.js";

export interface PrecisionRecallSeries {
  key: string;
  label: string;
  recall: ArrayLike<number>;
  precision: ArrayLike<number>;
  /** Area under the PR curve (average precision), shown in the legend when given. */
  area?: number;
}

export interface PrecisionRecallPoint {
  recall: number;
  precision: number;
}

export interface PrecisionRecallChartOptions {
  width: number;
  height?: number;
  prevalence: number;
  highlight?: string;
  point?: PrecisionRecallPoint | null;
}

export type PrecisionRecallChartElement = SVGSVGElement & {setPoint(point: PrecisionRecallPoint | null): void};

export function precisionRecallChart(
  series: PrecisionRecallSeries[],
  {width, height, prevalence, highlight, point = null}: PrecisionRecallChartOptions
): PrecisionRecallChartElement {
  const narrow = width < 480;
  const size = Math.max(260, Math.min(width, 600));
  // The legend sits under the x axis (PR curves leave no reliably empty corner); Plot does not clip, so rows
  // are placed at y values below the domain, computed from pixel offsets.
  const plotHeight = height ?? size;
  // One legend row per series, and a last one for the no-skill line (a label on the line itself would sit on the
  // curves that run near the prevalence).
  const rows = series.length + 1;
  const marginBottom = 50 + rows * 17;
  const innerHeight = plotHeight + rows * 17 - 20 - marginBottom;
  const legendRows = series.map((s, i) => ({
    ...s,
    index: i,
    text: s.area != null ? `${s.label}: area ${formatNumber(s.area, 3)}` : s.label,
    y: -(52 + i * 17) / innerHeight
  }));
  const highlightColor = highlight ? markerColor(highlight, Math.max(0, series.findIndex((s) => s.key === highlight))) : "currentColor";
  const chart = Plot.plot({
    width: size,
    height: plotHeight + rows * 17,
    marginTop: 20,
    marginLeft: 48,
    marginBottom,
    style: {fontSize: narrow ? "11px" : "12px", overflow: "visible"},
    // The x label is drawn as a text mark just under the ticks, so the legend can sit below it.
    x: {domain: [0, 1], label: null, grid: true, ticks: 5},
    y: {domain: [0, 1], label: "↑ Positive predictive value (precision)", labelArrow: "none", grid: true, ticks: 5},
    marks: [
      Plot.frame({strokeOpacity: 0.3}),
      Plot.ruleY([prevalence], {stroke: "currentColor", strokeOpacity: 0.45, strokeDasharray: "4,4"}),

      ...series.map((s, index) => {
        const points = Array.from({length: s.recall.length}, (_, i) => ({recall: s.recall[i]!, precision: s.precision[i]!}))
          .filter((d) => Number.isFinite(d.precision))
          .sort((a, b) => a.recall - b.recall || b.precision - a.precision);
        return Plot.line(points, {
          x: "recall",
          y: "precision",
          ...curveStyle(s.key, index, highlight),
          className: "chart-curve"
        });
      }),
      Plot.text(["Sensitivity (recall) →"], {x: 0.5, y: -30 / innerHeight, text: (d: string) => d, fill: "currentColor"}),
      ...legendRows.map((row) =>
        Plot.ruleY([row], {x1: 0.02, x2: 0.11, y: "y", stroke: markerColor(row.key, row.index), strokeWidth: 2.5, strokeDasharray: markerDash(row.key, row.index)})
      ),
      Plot.ruleY([-(52 + series.length * 17) / innerHeight], {x1: 0.02, x2: 0.11, stroke: "currentColor", strokeOpacity: 0.6, strokeDasharray: "4,4"}),
      Plot.text([-(52 + series.length * 17) / innerHeight], {x: 0.13, y: (d: number) => d, textAnchor: "start", fontSize: narrow ? 9.5 : 11, fill: "currentColor", text: () => `No skill: prevalence ${formatPercent(prevalence)}`}),
      Plot.text(legendRows, {x: 0.13, y: "y", text: "text", textAnchor: "start", fontSize: narrow ? 9.5 : 11, fill: "currentColor", stroke: "var(--theme-background, white)", strokeWidth: 3, paintOrder: "stroke"})
    ]
  }) as SVGSVGElement & Plot.Plot;
  flattenChartAria(chart);
  const movable = attachMovablePoint(chart, {color: highlightColor});
  const element = chart as unknown as PrecisionRecallChartElement;
  element.setPoint = (p) => movable.move(p && Number.isFinite(p.precision) ? p.recall : null, p?.precision);
  element.setPoint(point);
  element.classList.add("precision-recall-chart");
  return element;
}
