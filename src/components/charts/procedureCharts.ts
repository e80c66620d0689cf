/**
 * Charts of the whole-procedure bootstrap (../pipeline/procedure-validation.ts): how often each candidate was
 * selected, the instability of individual predictions (each patient's risk from the bootstrap models against the
 * original model's, as pminternal's prediction_stability plot; binned means and 95% ranges when only aggregates
 * are published), and rms::calibrate's apparent and overfitting-corrected calibration curves.
 *
 * Example: selectionChart(v.stability, {width: 640, label: (k) => k})
 */
import * as Plot from "@observablehq/plot";
import {FOREGROUND, OKABE_ITO} from "./palette.js";
import {flattenChartAria} from "./accessibility.js";
import type {PredictionInstabilitySummary, SelectionStability} from "../pipeline/procedure-validation.js";
import type {CorrectedCalibration} from "../stats/procedure-bootstrap.js";

const font = (narrow: boolean) => ({fontSize: narrow ? "11px" : "12px", overflow: "visible"});

export function selectionChart(s: SelectionStability, {width, label}: {width: number; label: (name: string) => string}): SVGSVGElement {
  const narrow = width < 480;
  const inOriginal = new Set(s.originalSet);
  const chartWidth = Math.max(300, Math.min(width, 720));
  // the candidates' names sit left of the bars: a margin as wide as the longest (at about 0.6 em a character),
  // at most 45% of the chart; a longer name is shortened with an ellipsis (the bar's title keeps it whole)
  const charPx = narrow ? 6.6 : 7.2;
  const maxChars = Math.floor((0.45 * chartWidth - 12) / charPx);
  const shorten = (text: string) => (text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text);
  const data = s.candidates.map((c) => ({full: label(c.name), name: shorten(label(c.name)), frequency: c.frequency, kept: inOriginal.has(c.name) ? "in the original model" : "not in the original model"}));
  const longest = Math.max(...data.map((d) => d.name.length), 1);
  return flattenChartAria(Plot.plot({
    width: chartWidth,
    height: 50 + 28 * data.length,
    // room for the axis label below the tick labels (at the default 30 px they overlap)
    marginBottom: 40,
    marginLeft: Math.ceil(12 + charPx * longest),
    marginRight: 40,
    style: font(narrow),
    x: {domain: [0, 1], label: narrow ? "Share of resamples →" : "Selected in this share of the resamples →", tickFormat: "%", grid: true, labelAnchor: "center", labelArrow: "none"},
    y: {label: null, domain: data.map((d) => d.name)},
    color: {domain: ["in the original model", "not in the original model"], range: [OKABE_ITO.blue, OKABE_ITO.skyBlue]},
    marks: [
      Plot.barX(data, {y: "name", x: "frequency", fill: "kept", title: (d) => `${d.full}: ${Math.round(d.frequency * 100)}%`}),
      Plot.text(data, {y: "name", x: "frequency", text: (d) => `${Math.round(d.frequency * 100)}%`, dx: 4, textAnchor: "start", fill: FOREGROUND}),
      Plot.ruleX([0])
    ]
  }) as SVGSVGElement);
}

export function instabilityChart(inst: PredictionInstabilitySummary, {width}: {width: number}): SVGSVGElement {
  const narrow = width < 480;
  const size = Math.max(280, Math.min(width, 560));
  const axis = {domain: [0, 1], grid: true, labelAnchor: "center" as const, labelArrow: "none" as const};
  const marks: Plot.Markish[] = [Plot.line([[0, 0], [1, 1]], {stroke: "#777777", strokeDasharray: "4,3"})];
  if (inst.points) {
    const pts = inst.points.original.map((o, i) => ({o, b: inst.points!.bootstrap[i]!}));
    marks.push(Plot.dot(pts, {x: "o", y: "b", r: 1.5, fill: OKABE_ITO.blue, fillOpacity: 0.25, stroke: null}));
  } else {
    marks.push(
      Plot.ruleX(inst.bins, {x: "meanRisk", y1: "lower95", y2: "upper95", stroke: OKABE_ITO.blue, strokeWidth: 3}),
      Plot.dot(inst.bins, {x: "meanRisk", y: "meanRisk", r: 4, fill: OKABE_ITO.vermillion})
    );
  }
  return flattenChartAria(Plot.plot({
    // marginTop: room for the y label above the top tick ("1.00"), which it overlapped at the default
    width: size, height: size, marginTop: 32, marginLeft: 52, marginBottom: 44, style: font(narrow),
    x: {...axis, label: "Risk from the original model →"},
    y: {...axis, label: "↑ Risk from the bootstrap models"},
    marks
  }) as SVGSVGElement);
}

export function correctedCalibrationChart(c: CorrectedCalibration, {width}: {width: number}): SVGSVGElement {
  const narrow = width < 480;
  const size = Math.max(280, Math.min(width, 560));
  const rows = c.grid.flatMap((g, k) => [
    {p: g, o: c.apparent[k]!, curve: "Apparent"},
    {p: g, o: c.corrected[k]!, curve: "Bias-corrected (whole procedure)"}
  ]).filter((d) => Number.isFinite(d.o));
  const hi = Math.min(1, Math.max(0.2, ...c.grid) * 1.05);
  return flattenChartAria(Plot.plot({
    // marginTop: room for the y label above the top tick ("1.00"), which it overlapped at the default
    width: size, height: size, marginTop: 32, marginLeft: 52, marginBottom: 44, style: font(narrow),
    x: {domain: [0, hi], grid: true, label: "Predicted risk →", labelAnchor: "center", labelArrow: "none"},
    y: {domain: [0, 1], grid: true, label: "↑ Observed proportion (lowess)", labelArrow: "none"},
    color: {domain: ["Apparent", "Bias-corrected (whole procedure)"], range: [OKABE_ITO.skyBlue, FOREGROUND]},
    marks: [
      Plot.line([[0, 0], [1, 1]], {stroke: "#777777", strokeDasharray: "4,3", clip: true}),
      Plot.line(rows, {x: "p", y: "o", stroke: "curve", strokeWidth: 2})
    ]
  }) as SVGSVGElement);
}
