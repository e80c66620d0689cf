/**
 * A points nomogram of a logistic model, laid out as rms's plot.nomogram draws one: a 0–100 "Points" ruler on
 * top; one axis per predictor whose ticks sit at the points that value earns; a "Total points" ruler (its own
 * scale, 0 to the axis maximum, drawn across the same width); and the linear predictor and the predicted risk
 * read off under it. Given a patient's values, it marks the points of each, their sum and the risk.
 * The scales come from stats/nomogram-scale.ts (pinned to rms::nomogram); this module only draws.
 *
 * Example: nomogramChart(nomogramScale({intercept, predictors, linearPredictors}), {width: 720, patient: {age: 70, …}})
 */
import * as Plot from "@observablehq/plot";
import type {NomogramScale} from "../stats/nomogram-scale.js";
import {OKABE_ITO} from "./palette.js";
import {flattenChartAria} from "./accessibility.js";

export interface NomogramChartOptions {
  width: number;
  /** Labels (with units) per predictor name, for the row titles. */
  labels?: Record<string, string>;
  /** A patient's points per predictor and total, from nomogram-scale's pointsFor/totalPoints. */
  patient?: {points: Record<string, number>; total: number} | null;
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

export function nomogramChart(scale: NomogramScale, {width, labels = {}, patient = null, riskLabel = "Risk of ASD"}: NomogramChartOptions): SVGSVGElement {
  const narrow = width < 560;
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
  if (lpTicks.length) lines.push({row: rowLp, x1: lpTicks[0]!.x, x2: lpTicks[lpTicks.length - 1]!.x});
  lpTicks.forEach((d, i) => ticks.push({row: rowLp, x: d.x, label: narrow && i % 2 ? "" : tickText(d.lp)}));
  const riskTicks = scale.probabilityAxis.probability
    .map((p, i) => ({p, x: toRuler(scale.probabilityAxis.points[i]!)}))
    .filter((d) => d.x >= -1e-9 && d.x <= 100 + 1e-9);
  if (riskTicks.length) lines.push({row: riskLabel, x1: riskTicks[0]!.x, x2: riskTicks[riskTicks.length - 1]!.x});
  riskTicks.forEach((d) => ticks.push({row: riskLabel, x: d.x, label: tickText(d.p)}));

  // Drop tick labels that would collide with the previous kept label on the same row (greedy, left to right),
  // always keeping each row's first and last; ~7 px per character at this font size.
  const plotWidth = Math.max(320, width) - (narrow ? 96 : 170) - 24;
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
  // Ticks stand 7 px above each ruler (the ruler is at the band's centre); labels sit under it.
  const marks: Plot.Markish[] = [
    Plot.ruleY(lines, {y: "row", x1: "x1", x2: "x2", stroke: "currentColor"}),
    Plot.tickX(ticks, {y: "row", x: "x", stroke: "currentColor", insetTop: rowHeight / 2 - 7, insetBottom: rowHeight / 2, strokeWidth: 1}),
    Plot.text(ticks.filter((t) => t.label), {y: "row", x: "x", text: "label", dy: 10, fontSize: narrow ? 9 : 10, fill: "currentColor"})
  ];
  if (patient) {
    const marks2: {row: string; x: number}[] = scale.predictors.map((p, k) => ({row: predictorRows[k]!, x: patient.points[p.name]!}));
    const totalX = toRuler(patient.total);
    marks.push(
      // Constant strings would be read as field names by Plot: pass them as functions.
      Plot.ruleX(marks2, {x: "x", y1: () => rowPoints, y2: "row", stroke: OKABE_ITO.orange, strokeDasharray: "3,3", strokeOpacity: 0.8}),
      Plot.ruleX([totalX], {x: (d: number) => d, y1: () => rowTotal, y2: () => riskLabel, stroke: OKABE_ITO.orange, strokeWidth: 2}),
      Plot.dot(marks2, {x: "x", y: "row", r: 5, fill: OKABE_ITO.orange, stroke: "white"}),
      Plot.dot(marks2, {x: "x", y: () => rowPoints, r: 3.5, fill: OKABE_ITO.orange}),
      Plot.dot([rowTotal, rowLp, riskLabel], {x: totalX, y: (d: string) => d, r: 5, fill: OKABE_ITO.orange, stroke: "white"})
    );
  }
  return flattenChartAria(Plot.plot({
    width: Math.max(320, width),
    height,
    marginLeft: narrow ? 96 : 170,
    marginRight: 24,
    marginTop: 8,
    marginBottom: 16,
    style: {fontSize: narrow ? "10px" : "12px", overflow: "visible"},
    x: {domain: [0, 100], axis: null},
    y: {domain: rows, label: null, tickSize: 0, tickFormat: (d: string) => (narrow && d.length > 15 ? `${d.slice(0, 14)}…` : d), padding: 0},
    marks
  }) as SVGSVGElement);
}
