/**
 * Decision curve (Vickers & Elkin 2006): net benefit against the threshold probability at which a surgeon would
 * act, for the model (treat patients whose predicted risk is at least the threshold), treat-all and treat-none
 * (net benefit 0). Lines differ by dash pattern as well as colour; labels sit at the right end of each line (on a
 * phone, in a legend under the chart, off the lines), inside the SVG, so downloads carry them. The y axis stops at a small negative net benefit, as decision curves usually
 * do (treat-all falls steeply and would flatten everything else); a line ends where it leaves the plot.
 *
 * Example: decisionCurveChart([{threshold: 0.1, netBenefitModel: 0.12, netBenefitAll: 0.06, netBenefitNone: 0}], {width: 640})
 */
import * as Plot from "@observablehq/plot";
import {BACKGROUND, FOREGROUND, OKABE_ITO} from "./palette.js";
import {flattenChartAria} from "./accessibility.js";

export interface DecisionCurveRow {
  threshold: number;
  netBenefitModel: number;
  netBenefitAll: number;
  netBenefitNone: number;
}

export interface DecisionCurveChartOptions {
  width: number;
  /** Label of the model's line. */
  modelLabel?: string;
  /** Prevalence (the treat-all net benefit at threshold 0); sets the top of the y axis. */
  prevalence?: number;
  /** Lower limit of the y axis (net benefit), default −0.05. */
  yMin?: number;
  /** Second model drawn for comparison (dashed). */
  comparison?: {label: string; rows: {threshold: number; netBenefitModel: number}[]} | null;
  /** A band around the model's line (a bootstrap percentile band), drawn shaded and clipped to the plot. */
  band?: {threshold: number; lower: number; upper: number}[] | null;
}

export function decisionCurveChart(rows: readonly DecisionCurveRow[], {width, modelLabel = "Model", prevalence, yMin = -0.05, comparison = null, band = null}: DecisionCurveChartOptions): SVGSVGElement {
  const narrow = width < 480;
  const w = Math.max(300, Math.min(width, 720));
  const top = Math.max(prevalence ?? 0, ...rows.map((r) => r.netBenefitModel), ...(comparison?.rows.map((r) => r.netBenefitModel) ?? []), ...(band?.map((d) => d.upper).filter(Number.isFinite) ?? [])) * 1.08 + 0.005;
  const series = [
    ...rows.map((r) => ({threshold: r.threshold, nb: r.netBenefitModel, line: modelLabel})),
    ...(comparison ? comparison.rows.map((r) => ({threshold: r.threshold, nb: r.netBenefitModel, line: comparison.label})) : []),
    ...rows.map((r) => ({threshold: r.threshold, nb: r.netBenefitAll, line: "Treat all"})),
    ...rows.map((r) => ({threshold: r.threshold, nb: r.netBenefitNone, line: "Treat none"}))
  ];
  const lines = [modelLabel, ...(comparison ? [comparison.label] : []), "Treat all", "Treat none"];
  const colors = [FOREGROUND, ...(comparison ? [OKABE_ITO.skyBlue] : []), OKABE_ITO.vermillion, "#777777"];
  const dashes: Record<string, string | null> = {[modelLabel]: null, "Treat all": "6,3", "Treat none": "2,3"};
  if (comparison) dashes[comparison.label] = "10,3,2,3";
  const visible = series.filter((d) => d.nb >= yMin);
  // Label each line where it ends inside the plot (treat-all leaves through the bottom early).
  const ends = lines.map((line) => {
    const pts = visible.filter((d) => d.line === line);
    return pts.length ? pts[pts.length - 1]! : null;
  }).filter((d): d is {threshold: number; nb: number; line: string} => d !== null);
  const x0 = rows.length ? rows[0]!.threshold : 0;
  const x1 = rows.length ? rows[rows.length - 1]!.threshold : 1;
  const height = narrow ? 300 : 360;
  const marginTop = 20;
  const axisBottom = 44;
  // On a phone the line labels go in a legend under the chart (at a line's end they sat on the lines); on wider
  // charts at each line's end, to the right of it.
  const rowPx = 16;
  const legendPx = narrow ? 8 + lines.length * rowPx : 0;
  const innerHeight = height - marginTop - axisBottom;
  const marginLeft = 56;
  // wide: the line labels sit right of the lines' ends, so the margin is as wide as the longest (about 0.6 em a character)
  const marginRight = narrow ? 16 : Math.max(90, Math.ceil(12 + 7.2 * Math.max(...lines.map((l) => l.length))));
  const innerWidth = w - marginLeft - marginRight;
  const yPerPx = (top - yMin) / innerHeight;
  const legend = lines.map((line, i) => ({line, y: yMin - (axisBottom + 6 + (i + 0.5) * rowPx) * yPerPx}));
  const swatch = (28 / innerWidth) * (x1 - x0);
  return flattenChartAria(Plot.plot({
    width: w,
    height: height + legendPx,
    marginTop,
    marginLeft,
    marginRight,
    marginBottom: axisBottom + legendPx,
    style: {fontSize: narrow ? "11px" : "12px", overflow: "visible"},
    // The x label is a text mark under the ticks (Plot would put it at the bottom, under the legend).
    x: {domain: [x0, x1], label: null, grid: true, tickFormat: (d: number) => `${Math.round(d * 100)}`},
    y: {domain: [yMin, top], label: "↑ Net benefit (true positives per patient)", labelAnchor: "top", labelArrow: "none", grid: true},
    color: {domain: lines, range: colors},
    marks: [
      Plot.frame({strokeOpacity: 0.2}),
      Plot.text(["Threshold probability for acting (%) →"], {x: (x0 + x1) / 2, y: yMin - 34 * yPerPx, text: (d: string) => d, fill: "currentColor"}),
      Plot.ruleY([0], {stroke: FOREGROUND, strokeOpacity: 0.35}),
      ...(band ? [Plot.areaY(band.filter((d) => Number.isFinite(d.lower) && Number.isFinite(d.upper)), {x: "threshold", y1: (d: {lower: number}) => Math.max(yMin, d.lower), y2: (d: {upper: number}) => Math.max(yMin, d.upper), fill: FOREGROUND, fillOpacity: 0.12, clip: true})] : []),
      ...lines.map((line) => Plot.line(visible.filter((d) => d.line === line), {
        x: "threshold", y: "nb", stroke: "line", strokeWidth: line === modelLabel ? 2.5 : 1.8, strokeDasharray: dashes[line] ?? undefined,
        clip: true, className: "chart-curve"
      })),
      ...(narrow
        ? [
            ...legend.map((d) => Plot.ruleY([d], {x1: x0, x2: x0 + swatch, y: "y", stroke: "line", strokeWidth: d.line === modelLabel ? 2.5 : 1.8, strokeDasharray: dashes[d.line] ?? undefined})),
            Plot.text(legend, {x: x0 + swatch, y: "y", dx: 6, text: "line", textAnchor: "start", fill: "currentColor", fontWeight: 600})
          ]
        : [-8, 12].map((dy) => Plot.text(ends.filter((d) => (d.line === "Treat none") === (dy > 0)), {
            x: "threshold", y: "nb", text: "line", fill: "line", textAnchor: "start", dx: 6, dy, fontWeight: 600,
            stroke: BACKGROUND, strokeWidth: 3, paintOrder: "stroke"
          })))
    ]
  }) as SVGSVGElement);
}
