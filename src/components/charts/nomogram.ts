/**
 * A points nomogram of a logistic model, laid out as rms's plot.nomogram draws one: a 0–100 "Points" ruler on
 * top; one axis per predictor whose ticks sit at the points that value earns; a "Total points" ruler (its own
 * scale, 0 to the axis maximum, drawn across the same width); and the linear predictor and the predicted risk
 * read off under it. Given a patient's values, it marks the points of each, their sum and the risk.
 * The scales come from stats/nomogram-scale.ts (pinned to rms::nomogram); this module only draws.
 *
 * Honest at the extremes: every marker sits on its ruler; a value beyond a ruler's end (a patient outside the
 * cohort's range, or a total beyond the axes) is drawn as a triangle at that end pointing outwards, labelled with
 * the value, so no marker floats off its ruler or vanishes. The marker lines stay inside the plot (never across
 * the row labels). A column at the right lists the patient's points per factor, the total, the log-odds and the
 * risk, so the visible points always add up. The SVG carries `data-off-scale` (the rows drawn off scale, comma-
 * separated) for tests.
 *
 * Example: nomogramChart(nomogramScale({intercept, predictors, linearPredictors}), {width: 720, patient: {age: 70, …}})
 */
import * as Plot from "@observablehq/plot";
import {linearPredictorFromPoints, probabilityFromPoints, type NomogramScale} from "../stats/nomogram-scale.js";
import {OKABE_ITO} from "./palette.js";
import {flattenChartAria} from "./accessibility.js";

export interface NomogramChartOptions {
  width: number;
  /** Labels (with units) per predictor name, for the row titles. */
  labels?: Record<string, string>;
  /**
   * A patient's points per predictor and total, from nomogram-scale's pointsFor/totalPoints, and (optionally) the
   * values themselves for the off-scale labels (else recovered from the points).
   */
  patient?: {points: Record<string, number>; total: number; values?: Record<string, number>} | null;
  riskLabel?: string;
}

interface Tick {
  row: string;
  x: number;
  label: string;
}

function tickText(v: number): string {
  return String(+v.toPrecision(6));
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** Where a value falls against a ruler [lo, hi]: the x drawn, and the side it is off the ruler (or null). */
function onRuler(x: number, lo: number, hi: number): {x: number; off: "left" | "right" | null} {
  const eps = 1e-9 * Math.max(1, Math.abs(hi - lo));
  return {x: clamp(x, lo, hi), off: x < lo - eps ? "left" : x > hi + eps ? "right" : null};
}

/** A risk as a percentage with 3 significant digits, "<0.1%" and ">99.9%" at the ends. */
function percentText(p: number): string {
  if (!Number.isFinite(p)) return valueText(p);
  if (p < 0.001) return "<0.1%";
  if (p > 0.999) return ">99.9%";
  return `${valueText(p * 100, 3)}%`;
}

function valueText(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? "NaN" : v > 0 ? "+∞" : "−∞";
  return String(+v.toPrecision(digits)).replace("-", "−");
}

export function nomogramChart(scale: NomogramScale, {width, labels = {}, patient = null, riskLabel = "Risk of ASD"}: NomogramChartOptions): SVGSVGElement {
  const narrow = width < 560;
  // Narrow: room for a 15-character row label at 10 px (longer ones are shortened below).
  const marginLeft = narrow ? 104 : 170;
  // The right-hand column: the patient's points, total, log-odds and risk.
  const marginRight = patient ? (narrow ? 62 : 78) : 24;
  const maxTotal = scale.totalPointsAxis[scale.totalPointsAxis.length - 1]!;
  const toRuler = (total: number) => (total * 100) / maxTotal;
  const rowPoints = "Points";
  const rowTotal = "Total points";
  const rowLp = "Log-odds";
  const predictorRows = scale.predictors.map((p) => labels[p.name] ?? p.label);
  const rows = [rowPoints, ...predictorRows, rowTotal, rowLp, riskLabel];
  const ticks: Tick[] = [];
  const lines: {row: string; x1: number; x2: number}[] = [];
  const pointsTicks = Array.from({length: 11}, (_, i) => i * 10);
  lines.push({row: rowPoints, x1: 0, x2: 100});
  for (const t of pointsTicks) ticks.push({row: rowPoints, x: t, label: String(t)});
  scale.predictors.forEach((p, k) => {
    const row = predictorRows[k]!;
    lines.push({row, x1: Math.min(...p.points), x2: Math.max(...p.points)});
    // On a narrow screen, label every other tick (always the ends) so numbers do not collide.
    const step = narrow && p.axis.length > 6 ? 2 : 1;
    p.axis.forEach((a, i) => {
      const labelled = i % step === 0 || i === p.axis.length - 1;
      ticks.push({row, x: p.points[i]!, label: labelled ? tickText(a) : ""});
    });
  });
  lines.push({row: rowTotal, x1: 0, x2: 100});
  const totalStep = narrow && scale.totalPointsAxis.length > 6 ? 2 : 1;
  scale.totalPointsAxis.forEach((t, i) => ticks.push({row: rowTotal, x: toRuler(t), label: i % totalStep === 0 ? tickText(t) : ""}));
  const lpTicks = scale.lpAxis.lp
    .map((lp, i) => ({lp, x: toRuler(scale.lpAxis.points[i]!)}))
    .filter((d) => d.x >= -1e-9 && d.x <= 100 + 1e-9);
  const lpRuler = lpTicks.length ? [lpTicks[0]!.x, lpTicks[lpTicks.length - 1]!.x] as const : ([0, 100] as const);
  if (lpTicks.length) lines.push({row: rowLp, x1: lpRuler[0], x2: lpRuler[1]});
  lpTicks.forEach((d, i) => ticks.push({row: rowLp, x: d.x, label: narrow && i % 2 ? "" : tickText(d.lp)}));
  const riskTicks = scale.probabilityAxis.probability
    .map((p, i) => ({p, x: toRuler(scale.probabilityAxis.points[i]!)}))
    .filter((d) => d.x >= -1e-9 && d.x <= 100 + 1e-9);
  const riskRuler = riskTicks.length ? [riskTicks[0]!.x, riskTicks[riskTicks.length - 1]!.x] as const : ([0, 100] as const);
  if (riskTicks.length) lines.push({row: riskLabel, x1: riskRuler[0], x2: riskRuler[1]});
  riskTicks.forEach((d) => ticks.push({row: riskLabel, x: d.x, label: tickText(d.p)}));

  // Drop tick labels that would collide with the previous kept label on the same row (greedy, left to right),
  // always keeping each row's first and last; ~7 px per character at this font size.
  const plotWidth = Math.max(320, width) - marginLeft - marginRight;
  const pxPerPoint = plotWidth / 100;
  const charPx = narrow ? 5.5 : 6.5;
  for (const row of rows) {
    const rowTicks = ticks.filter((t) => t.row === row && t.label).sort((a, b) => a.x - b.x);
    let lastRight = -Infinity;
    rowTicks.forEach((t, i) => {
      const half = (t.label.length * charPx) / 2 + 3;
      const left = t.x * pxPerPoint - half;
      const isLast = i === rowTicks.length - 1;
      if (left < lastRight && !(isLast && rowTicks.length > 1)) t.label = "";
      else if (left < lastRight && isLast) {
        // keep the last label; drop the previous kept one instead
        const prev = [...rowTicks.slice(0, i)].reverse().find((q) => q.label);
        if (prev && i > 1) prev.label = "";
        lastRight = t.x * pxPerPoint + half;
      } else lastRight = t.x * pxPerPoint + half;
    });
  }
  const rowHeight = narrow ? 40 : 44;
  const height = 24 + rows.length * rowHeight;
  const fontSize = narrow ? 9 : 10;
  const background = "var(--theme-background, white)";
  // Ticks stand 7 px above each ruler (the ruler is at the band's centre); labels sit under it.
  const marks: Plot.Markish[] = [
    Plot.ruleY(lines, {y: "row", x1: "x1", x2: "x2", stroke: "currentColor"}),
    Plot.tickX(ticks, {y: "row", x: "x", stroke: "currentColor", insetTop: rowHeight / 2 - 7, insetBottom: rowHeight / 2, strokeWidth: 1}),
    Plot.text(ticks.filter((t) => t.label), {y: "row", x: "x", text: "label", dy: 10, fontSize, fill: "currentColor"})
  ];
  const offScale: string[] = [];
  if (patient) {
    const color = OKABE_ITO.orange;
    const values = patient.values ?? {};
    interface Marker {row: string; x: number; off: "left" | "right" | null; label: string; key: string}
    const markers: Marker[] = [];
    const column: {row: string; text: string}[] = [];
    // Points ruler: each factor's points, one marker per factor (inside 0–100, or off scale at an end).
    const pointsMarkers = scale.predictors.map((p) => {
      const points = patient.points[p.name]!;
      return {...onRuler(points, 0, 100), points, name: p.name};
    });
    scale.predictors.forEach((p, k) => {
      const row = predictorRows[k]!;
      const points = patient.points[p.name]!;
      const lo = Math.min(...p.points);
      const hi = Math.max(...p.points);
      const at = onRuler(points, lo, hi);
      const value = values[p.name] ?? (points / scale.pointsPerUnit + p.minContribution) / p.coefficient;
      markers.push({row, ...at, label: valueText(value, 4), key: p.name});
      column.push({row, text: valueText(points, 3)});
    });
    // The Points ruler's off-scale factors: one triangle per end, labelled with the points (or how many factors).
    for (const side of ["left", "right"] as const) {
      const beyond = pointsMarkers.filter((m) => m.off === side);
      if (!beyond.length) continue;
      for (const m of beyond) offScale.push(`points:${m.name}`);
      markers.push({row: rowPoints, x: side === "left" ? 0 : 100, off: side, label: beyond.length === 1 ? valueText(beyond[0]!.points, 3) : `${beyond.length} factors`, key: ""});
    }
    const totalX = toRuler(patient.total);
    const lp = linearPredictorFromPoints(scale, patient.total);
    const risk = probabilityFromPoints(scale, patient.total);
    markers.push({row: rowTotal, ...onRuler(totalX, 0, 100), label: valueText(patient.total, 4), key: "total"});
    markers.push({row: rowLp, ...onRuler(totalX, lpRuler[0], lpRuler[1]), label: valueText(lp, 3), key: "log-odds"});
    markers.push({row: riskLabel, ...onRuler(totalX, riskRuler[0], riskRuler[1]), label: percentText(risk), key: "risk"});
    column.push({row: rowTotal, text: `= ${valueText(patient.total, 4)}`}, {row: rowLp, text: valueText(lp, 3)}, {row: riskLabel, text: percentText(risk)});
    for (const m of markers) if (m.off && m.key) offScale.push(m.key);
    const onScale = markers.filter((m) => !m.off);
    const off = markers.filter((m) => m.off);
    const lineX = clamp(totalX, 0, 100);
    marks.push(
      // Constant strings would be read as field names by Plot: pass them as functions.
      Plot.ruleX(pointsMarkers.map((m, k) => ({x: m.x, row: predictorRows[k]!})), {x: "x", y1: () => rowPoints, y2: "row", stroke: color, strokeDasharray: "3,3", strokeOpacity: 0.8}),
      Plot.ruleX([lineX], {x: (d: number) => d, y1: () => rowTotal, y2: () => riskLabel, stroke: color, strokeWidth: 2}),
      Plot.dot(pointsMarkers.filter((m) => !m.off), {x: "x", y: () => rowPoints, r: 3.5, fill: color}),
      Plot.dot(onScale, {x: "x", y: "row", r: 5, fill: color, stroke: background, className: "nomogram-marker"}),
      // Off scale: a triangle at the ruler's end pointing outwards, with the value above it.
      Plot.dot(off, {x: "x", y: "row", r: 6.5, symbol: "triangle", rotate: (m: Marker) => (m.off === "right" ? 90 : -90), fill: color, stroke: background, className: "nomogram-off-scale"}),
      ...(["left", "right"] as const).map((side) => Plot.text(off.filter((m) => m.off === side), {
        x: "x", y: "row", text: (m: Marker) => (side === "right" ? `${m.label} ▸` : `◂ ${m.label}`), dy: -13, textAnchor: side === "right" ? "end" : "start",
        fontSize, fontWeight: 600, fill: "currentColor", stroke: background, strokeWidth: 3, paintOrder: "stroke"
      })),
      // The patient's column: points per factor, total, log-odds, risk.
      Plot.text([0], {x: 100, y: () => rowPoints, text: () => "patient", dx: narrow ? 12 : 18, dy: -2, textAnchor: "start", fontSize, fontStyle: "italic", fill: "currentColor"}),
      Plot.text(column, {x: 100, y: "row", text: "text", dx: narrow ? 12 : 18, dy: -2, textAnchor: "start", fontSize, fontWeight: 600, fill: "currentColor", className: "nomogram-patient-column"})
    );
  }
  const svg = flattenChartAria(Plot.plot({
    width: Math.max(320, width),
    height,
    marginLeft,
    marginRight,
    marginTop: 8,
    marginBottom: 16,
    style: {fontSize: narrow ? "10px" : "12px", overflow: "visible"},
    x: {domain: [0, 100], axis: null},
    y: {domain: rows, label: null, tickSize: 0, tickPadding: 10, tickFormat: (d: string) => (narrow && d.length > 15 ? `${d.slice(0, 14)}…` : d), padding: 0},
    marks
  }) as SVGSVGElement);
  svg.setAttribute("data-off-scale", offScale.join(","));
  return svg;
}
