/**
 * Calibration plot: observed proportion of ASD against predicted risk. The diagonal is perfect calibration; the
 * smoothed curve (the engine's calibrationCurve) shows where the model over- or under-predicts; grouped points
 * (one per risk group of the Hosmer–Lemeshow table, observed ÷ n against mean predicted, with Wilson 95% CIs if
 * given) show the same with less smoothing; and a histogram strip at the bottom shows how the predictions are
 * distributed (as % of each group), separately for patients with and without ASD (as rms::val.prob draws its rug), so a reader sees that
 * most patients sit at low risk where the curve is well supported and few at high risk where it is not. Without the
 * patients' risks (a private build), the strip draws the build's binned counts instead (`binned`, ../study/private.ts),
 * each bar as wide as its bin.
 *
 * Example: calibrationPlot({curve: {predicted: [0.1, 0.5], observed: [0.08, 0.55]}, predictions: [...], outcome: [...]}, {width: 640})
 */
import * as Plot from "@observablehq/plot";
import {BACKGROUND, FOREGROUND, GROUP_COLORS, OKABE_ITO} from "./palette.js";
import {flattenChartAria} from "./accessibility.js";
import {binnedBars} from "./binnedDistribution.js";
import type {BinnedDistribution} from "../study/private.js";

export interface CalibrationGroupPoint {
  predicted: number;
  observed: number;
  n: number;
  ciLower?: number;
  ciUpper?: number;
}

export interface CalibrationPlotData {
  /** Smoothed observed-vs-predicted curve, predicted ascending. */
  curve: {predicted: ArrayLike<number>; observed: ArrayLike<number>};
  /** Every patient's predicted risk, for the distribution strip. */
  predictions?: ArrayLike<number>;
  /** 0/1 outcome, same order as predictions. */
  outcome?: ArrayLike<number>;
  /** The predicted risks binned by outcome, for the strip when the patients' risks are not published. */
  binned?: BinnedDistribution;
  /** Risk groups (e.g. Hosmer–Lemeshow deciles). */
  groups?: CalibrationGroupPoint[];
}

export interface CalibrationPlotOptions {
  width: number;
  /** Label of the smoothed curve in the legend. */
  curveLabel?: string;
}

export function calibrationPlot({curve, predictions = [], outcome = [], binned, groups = []}: CalibrationPlotData, {width, curveLabel = "Smoothed (loess)"}: CalibrationPlotOptions): SVGSVGElement {
  const narrow = width < 480;
  const size = Math.max(280, Math.min(width, 620));
  const stripHeight = 70;
  const plotHeight = size;
  const line = Array.from(curve.predicted, (p, i) => ({predicted: p, observed: Math.min(1, Math.max(0, curve.observed[i]!))}));
  const patients = Array.from(predictions, (p, i) => ({predicted: p, group: outcome[i] === 1 ? "ASD" : "Non-ASD"}));
  const bars = binned ? binnedBars(binned).map((b) => ({...b, group: b.group === "asd" ? "ASD" : "Non-ASD"})) : null;
  const legend = [
    {label: "Ideal (observed = predicted)", color: "#777777", dash: "4,3"},
    {label: curveLabel, color: FOREGROUND, dash: undefined},
    ...(groups.length ? [{label: `Risk groups (${groups.length}), 95% CI`, color: OKABE_ITO.vermillion, dash: undefined}] : [])
  ];
  const legendRows = legend.map((d, i) => ({...d, y: 0.97 - i * (narrow ? 0.065 : 0.055)}));
  const main = Plot.plot({
    width: size,
    height: plotHeight,
    marginLeft: 52,
    marginBottom: 44,
    marginTop: 28,
    marginRight: 16,
    style: {fontSize: narrow ? "11px" : "12px", overflow: "visible"},
    x: {domain: [0, 1], label: "Predicted risk of ASD (%) →", labelAnchor: "center", labelArrow: "none", grid: true, tickFormat: (d: number) => `${Math.round(d * 100)}`},
    y: {domain: [0, 1], label: "↑ Observed proportion with ASD (%)", labelAnchor: "top", labelArrow: "none", grid: true, tickFormat: (d: number) => `${Math.round(d * 100)}`},
    marks: [
      Plot.frame({strokeOpacity: 0.2}),
      Plot.line([{x: 0, y: 0}, {x: 1, y: 1}], {x: "x", y: "y", stroke: "#777777", strokeDasharray: "4,3"}),
      groups.length && groups.some((g) => g.ciLower !== undefined)
        ? Plot.ruleX(groups, {x: "predicted", y1: "ciLower", y2: "ciUpper", stroke: OKABE_ITO.vermillion, strokeOpacity: 0.7})
        : null,
      groups.length ? Plot.dot(groups, {x: "predicted", y: "observed", r: 4, fill: OKABE_ITO.vermillion, stroke: BACKGROUND, symbol: "square"}) : null,
      Plot.line(line, {x: "predicted", y: "observed", stroke: FOREGROUND, strokeWidth: 2.5, curve: "linear", className: "chart-curve"}),
      // Legend inside the plot, so the downloaded SVG/PNG carries it.
      Plot.text(legendRows, {x: 0.085, y: "y", text: "label", textAnchor: "start", fill: "currentColor", fontSize: narrow ? 10.5 : 11.5}),
      ...legendRows.map((d) => Plot.ruleY([d.y], {x1: 0.02, x2: 0.07, stroke: d.color, strokeDasharray: d.dash, strokeWidth: 2.5}))
    ]
  });
  const strip = Plot.plot({
    width: size,
    height: stripHeight * 2,
    marginLeft: 52,
    marginRight: 16,
    marginTop: 4,
    marginBottom: 38,
    style: {fontSize: narrow ? "11px" : "12px", overflow: "visible"},
    x: {domain: [0, 1], label: narrow ? "Predicted risk (%) →" : "Predicted risk (%) → how the cohort's predictions are spread", labelAnchor: "center", labelArrow: "none", tickFormat: (d: number) => `${Math.round(d * 100)}`},
    fy: {domain: ["ASD", "Non-ASD"], label: null, axis: null, padding: 0.3},
    // The y unit goes in each facet's label ("ASD, % of group"): an axis label here sat on the top tick.
    y: {label: null, percent: true, ticks: 2},
    color: {domain: ["ASD", "Non-ASD"], range: [GROUP_COLORS.asd, GROUP_COLORS.nonAsd]},
    marks: [
      bars
        ? Plot.rectY(bars, {x1: "lower", x2: "upper", y: "share", fill: "group", fy: "group", inset: 0.3})
        : Plot.rectY(patients, {
          ...Plot.binX({y: "proportion-facet"}, {x: {value: "predicted", thresholds: Array.from({length: 41}, (_, i) => i / 40)}, fill: "group", inset: 0.3} as Parameters<typeof Plot.binX>[1]),
          fy: "group"
        }),
      Plot.ruleY([0]),
      Plot.text(["ASD", "Non-ASD"], {fy: (d: string) => d, text: (d: string) => `${d}, % of group`, frameAnchor: "top-right", dx: -4, dy: 2, fontWeight: 600, fill: "currentColor"})
    ]
  });
  // One <svg> holding both panels, so the figure wrapper, the text alternative and the downloads see one chart.
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("width", String(size));
  svg.setAttribute("height", String(plotHeight + stripHeight * 2));
  svg.setAttribute("viewBox", `0 0 ${size} ${plotHeight + stripHeight * 2}`);
  svg.setAttribute("class", "calibration-plot");
  svg.style.maxWidth = "100%";
  svg.style.height = "auto";
  svg.style.overflow = "visible";
  for (const [panel, dy] of [[main, 0], [strip, plotHeight]] as const) {
    const g = document.createElementNS("http://www.w3.org/2000/svg", "g");
    g.setAttribute("transform", `translate(0, ${dy})`);
    // Plot's own stylesheet is scoped by the panel's class; keep it on the group.
    const className = panel.getAttribute("class");
    if (className) g.setAttribute("class", className);
    g.setAttribute("font-family", "system-ui, sans-serif");
    g.setAttribute("font-size", narrow ? "11" : "12");
    g.setAttribute("fill", "currentColor");
    g.setAttribute("text-anchor", "middle");
    while (panel.firstChild) g.append(panel.firstChild);
    svg.append(g);
  }
  return flattenChartAria(svg);
}
