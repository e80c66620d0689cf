/**
 * Decision curve (Vickers & Elkin 2006): net benefit against the threshold probability at which a surgeon would
 * act, for the model (treat patients whose predicted risk is at least the threshold), treat-all and treat-none
 * (net benefit 0). Lines differ by dash pattern as well as colour; labels sit at the right end of each line inside
 * the plot, so downloads carry them. The y axis stops at a small negative net benefit, as decision curves usually
 * do (treat-all falls steeply and would flatten everything else); a line ends where it leaves the plot.
 *
 * Example: decisionCurveChart([{threshold: 0.1, netBenefitModel: 0.12, netBenefitAll: 0.06, netBenefitNone: 0}], {width: 640})
 */
import * as Plot from "@observablehq/plot";
import {OKABE_ITO} from "./palette.js";
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
}

export function decisionCurveChart(rows: readonly DecisionCurveRow[], {width, modelLabel = "Model", prevalence, yMin = -0.05, comparison = null}: DecisionCurveChartOptions): SVGSVGElement {
  const narrow = width < 480;
  const w = Math.max(300, Math.min(width, 720));
  const top = Math.max(prevalence ?? 0, ...rows.map((r) => r.netBenefitModel), ...(comparison?.rows.map((r) => r.netBenefitModel) ?? [])) * 1.08 + 0.005;
  const series = [
    ...rows.map((r) => ({threshold: r.threshold, nb: r.netBenefitModel, line: modelLabel})),
    ...(comparison ? comparison.rows.map((r) => ({threshold: r.threshold, nb: r.netBenefitModel, line: comparison.label})) : []),
    ...rows.map((r) => ({threshold: r.threshold, nb: r.netBenefitAll, line: "Treat all"})),
    ...rows.map((r) => ({threshold: r.threshold, nb: r.netBenefitNone, line: "Treat none"}))
  ];
  const lines = [modelLabel, ...(comparison ? [comparison.label] : []), "Treat all", "Treat none"];
  const colors = [OKABE_ITO.black, ...(comparison ? [OKABE_ITO.skyBlue] : []), OKABE_ITO.vermillion, "#777777"];
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
  return flattenChartAria(Plot.plot({
    width: w,
    height: narrow ? 300 : 360,
    marginLeft: 56,
    marginRight: narrow ? 16 : 90,
    marginBottom: 44,
    style: {fontSize: narrow ? "11px" : "12px", overflow: "visible"},
    x: {domain: [x0, x1], label: "Threshold probability for acting (%) →", labelAnchor: "center", labelArrow: "none", grid: true, tickFormat: (d: number) => `${Math.round(d * 100)}`},
    y: {domain: [yMin, top], label: "↑ Net benefit (true positives per patient)", labelAnchor: "top", labelArrow: "none", grid: true},
    color: {domain: lines, range: colors},
    marks: [
      Plot.frame({strokeOpacity: 0.2}),
      Plot.ruleY([0], {stroke: "#bbbbbb"}),
      ...lines.map((line) => Plot.line(visible.filter((d) => d.line === line), {
        x: "threshold", y: "nb", stroke: "line", strokeWidth: line === modelLabel ? 2.5 : 1.8, strokeDasharray: dashes[line] ?? undefined,
        clip: true
      })),
      ...[-8, 12].map((dy) => Plot.text(ends.filter((d) => (d.line === "Treat none") === (dy > 0)), {
        x: "threshold", y: "nb", text: "line", fill: "line", textAnchor: narrow ? "end" : "start", dx: narrow ? -2 : 6, dy, fontWeight: 600,
        stroke: "white", strokeWidth: 3, paintOrder: "stroke"
      }))
    ]
  }) as SVGSVGElement);
}
