/**
 * Charts of the page "Redraw the study", on axes that stay fixed from one study to the next, so that a hypothetical
 * outcome plot (Hullman, Resnick & Adar, PLOS ONE 2015) — one study after another, as an animation — shows the
 * studies moving, not the axes:
 *
 *   studyOddsChart     one study's ORs (dot, 95% CI) beside the true ORs (open diamonds), log scale 0.05–20
 *   selectionChart     how often each factor was reported, true factors and factors with no effect told apart
 *   oddsSpreadChart    every study's OR of each factor as a dot, the truth as a rule; the current study ringed
 *   aucScatterChart    apparent AUC against the AUC in new patients, per study, with y = x and the true AUC
 *   slopeChart         the calibration slope in new patients over the studies, 1 marked
 *   comparisonChart    one figure (AUC in new patients, calibration slope) per procedure and size: median and
 *                      middle 95% of studies
 *
 * Values beyond an axis are drawn at its edge as a triangle pointing off the chart, and counted in the text
 * alternative the page writes, never dropped silently. Colours: Okabe–Ito (./palette.ts), true factors green,
 * factors with no effect grey, the truth vermillion; shapes differ too, for print and colour-blind readers.
 *
 * Example: studyOddsChart(redrawStudy(pop, {n: 162, seed: 1, index: 0}).outcomes.paper, pop, {width: 640})
 */
import * as Plot from "@observablehq/plot";
import {OKABE_ITO, FOREGROUND, SQUARE_MARGINS} from "./palette.js";
import {flattenChartAria} from "./accessibility.js";
import {forestTicks} from "./forestPlot.js";
import {termLabel} from "../study/study.js";
import type {Population} from "../teaching/population.js";
import type {ProcedureOutcome} from "../teaching/redraw.js";
import type {StudyRecord, ProcedureSummary} from "../teaching/simulate.js";
import {teachingProcedure, type TeachingProcedureKey} from "../teaching/procedures.js";
import {formatValue} from "../teaching/monte-carlo.js";

/** The OR axis every teaching chart shares. */
export const OR_DOMAIN: [number, number] = [0.05, 20];
const TRUE_COLOR = OKABE_ITO.green;
const NULL_COLOR = "#8a8a8a";
const TRUTH_COLOR = OKABE_ITO.vermillion;

const shortLabel = (variable: string) => termLabel(variable).replace(/ \((per|yes vs no).*\)$/, "");
/** A label that fits a narrow chart's margin (about 6.5 px a character at 12 px): cut at a word, with "…". */
function fitLabel(label: string, px: number): string {
  const chars = Math.floor((px - 12) / 6.5);
  if (label.length <= chars) return label;
  const cut = label.slice(0, chars - 1);
  return `${cut.includes(" ") ? cut.slice(0, cut.lastIndexOf(" ")) : cut}…`;
}
const clip = (x: number, [lo, hi]: readonly [number, number]) => Math.min(hi, Math.max(lo, x));

function orAxis(width: number, label: string, left: number, right: number): Plot.ScaleOptions {
  const ticks = forestTicks(OR_DOMAIN, width - left - right);
  return {type: "log", domain: OR_DOMAIN, label, labelAnchor: "center", labelArrow: "none", grid: true, ticks: ticks.all,
    tickFormat: (d: number) => (ticks.labelled.includes(d) ? String(+d.toPrecision(2)) : "")};
}

/** Values clipped to the axis: their place on it and whether they ran off (−1 left, 1 right, 0 inside). */
function clipped(x: number): {x: number; off: -1 | 0 | 1} {
  if (x < OR_DOMAIN[0]) return {x: OR_DOMAIN[0], off: -1};
  if (x > OR_DOMAIN[1]) return {x: OR_DOMAIN[1], off: 1};
  return {x, off: 0};
}

export interface WidthOption {
  width: number;
}

/** One study's ORs beside the truth (see the module comment). */
export function studyOddsChart(outcome: ProcedureOutcome, pop: Population, {width}: WidthOption): SVGSVGElement {
  const narrow = width < 560;
  const left = narrow ? 110 : 170;
  const right = narrow ? 12 : 110;
  const rows = outcome.factors.map((f, j) => {
    const truth = pop.effects[j]!;
    const at = clipped(f.oddsRatio);
    return {
      label: fitLabel(shortLabel(f.variable), left), truth: truth.oddsRatio, trueFactor: truth.beta !== 0,
      inModel: f.inModel, reported: f.reported, or: at.x, off: at.off,
      lower: Number.isFinite(f.ciLower) ? clip(f.ciLower, OR_DOMAIN) : NaN, upper: Number.isFinite(f.ciUpper) ? clip(f.ciUpper, OR_DOMAIN) : NaN,
      status: !f.inModel ? "not in the model" : f.reported ? (outcome.key === "paper" ? "reported" : "p < 0.05") : "not significant"
    };
  });
  const inModel = rows.filter((r) => r.inModel);
  return flattenChartAria(Plot.plot({
    width: Math.max(300, width),
    height: 40 + rows.length * 30 + 36,
    marginLeft: left,
    marginRight: right,
    marginTop: 30,
    marginBottom: 40,
    style: {fontSize: "12px", overflow: "visible"},
    x: orAxis(Math.max(300, width), "Odds ratio per unit (log scale) →", left, right),
    y: {domain: rows.map((r) => r.label), label: null, tickSize: 0},
    marks: [
      Plot.ruleX([1], {stroke: "currentColor", strokeOpacity: 0.5}),
      Plot.ruleY(inModel.filter((r) => Number.isFinite(r.lower)), {y: "label", x1: "lower", x2: "upper", stroke: OKABE_ITO.blue, strokeWidth: 2}),
      Plot.dot(rows, {y: "label", x: "truth", r: 7, symbol: "diamond", stroke: TRUTH_COLOR, strokeWidth: 2, fill: "none"}),
      Plot.dot(inModel.filter((r) => r.off === 0), {y: "label", x: "or", r: 5, fill: (r: (typeof rows)[number]) => (r.reported ? OKABE_ITO.blue : "var(--theme-background, white)"), stroke: OKABE_ITO.blue, strokeWidth: 2}),
      Plot.dot(inModel.filter((r) => r.off !== 0), {y: "label", x: "or", r: 6, symbol: "triangle", rotate: (r: (typeof rows)[number]) => (r.off < 0 ? -90 : 90), fill: OKABE_ITO.blue}),
      narrow ? null : Plot.text(rows, {y: "label", x: OR_DOMAIN[1], dx: 10, textAnchor: "start", text: "status", fontSize: 11, fill: "currentColor"}),
      narrow ? Plot.text(rows.filter((r) => !r.inModel), {y: "label", x: OR_DOMAIN[0], dx: 4, textAnchor: "start", text: () => "not in the model", fontSize: 10, fill: "currentColor"}) : null,
      Plot.text([0], {x: OR_DOMAIN[0], y: () => rows[0]!.label, dy: -22, textAnchor: "start", fontSize: 10, fill: "currentColor",
        text: () => (narrow ? `● ${outcome.key === "paper" ? "reported" : "p < 0.05"}  ○ not significant  ◇ truth` : `● ${outcome.key === "paper" ? "reported" : "p < 0.05"}   ○ in the model, not significant   ◇ true OR`)})
    ]
  }) as SVGSVGElement);
}

/** How often each factor was reported (and, on top, how often exactly the true set was). */
export function selectionChart(summary: ProcedureSummary, pop: Population, {width, guess = null}: WidthOption & {guess?: number | null}): SVGSVGElement {
  const narrow = width < 560;
  const total = Math.max(1, summary.used);
  const exactLabel = narrow ? `Exactly the ${pop.trueFactors.length} true` : `Exactly the ${pop.trueFactors.length} true factors`;
  const rows = [
    {label: exactLabel, share: summary.exactlyTrue / total, kind: "set"},
    ...summary.factors.map((f, j) => ({label: fitLabel(shortLabel(f.variable), narrow ? 130 : 200), share: f.reported / total, kind: pop.effects[j]!.beta !== 0 ? "true factor" : "no effect"}))
  ];
  const color = (kind: string) => (kind === "set" ? FOREGROUND : kind === "true factor" ? TRUE_COLOR : NULL_COLOR);
  return flattenChartAria(Plot.plot({
    width: Math.max(300, width),
    height: 40 + rows.length * 26 + 30,
    marginLeft: narrow ? 130 : 200,
    marginRight: 48,
    marginTop: 24,
    marginBottom: 40,
    style: {fontSize: "12px", overflow: "visible"},
    x: {domain: [0, 100], label: `Share of the ${summary.used.toLocaleString("en-US")} studies (%) →`, labelAnchor: "center", labelArrow: "none", grid: true},
    y: {domain: rows.map((r) => r.label), label: null, tickSize: 0},
    marks: [
      Plot.barX(rows, {y: "label", x: (r: (typeof rows)[number]) => 100 * r.share, fill: (r: (typeof rows)[number]) => color(r.kind), fillOpacity: (r: (typeof rows)[number]) => (r.kind === "no effect" ? 0.55 : 0.9), inset: 0.5}),
      Plot.text(rows, {y: "label", x: (r: (typeof rows)[number]) => 100 * r.share, text: (r: (typeof rows)[number]) => `${Math.round(100 * r.share)}%`, dx: 4, textAnchor: "start", fontSize: 11, fill: "currentColor"}),
      guess === null ? null : Plot.dot([guess], {x: (g: number) => 100 * g, y: () => exactLabel, symbol: "times", r: 7, stroke: OKABE_ITO.orange, strokeWidth: 3}),
      guess === null ? null : Plot.text([guess], {x: (g: number) => 100 * g, y: () => exactLabel, dx: 10, textAnchor: "start", text: () => "your guess", fontSize: 10, fill: OKABE_ITO.orange, fontWeight: 600, stroke: "var(--theme-background, white)", strokeWidth: 3, paintOrder: "stroke"}),
      Plot.text([0], {x: 0, y: () => rows[0]!.label, dy: -18, textAnchor: "start", fontSize: 10, fill: "currentColor", text: () => (narrow ? "■ green: true factor  ■ grey: no effect" : "■ green: a true factor   ■ grey: no effect (OR 1)")}),
      Plot.ruleX([0])
    ]
  }) as SVGSVGElement);
}

/** Deterministic vertical jitter in (−0.5, 0.5) for study b (golden-ratio sequence). */
function jitter(b: number): number {
  return ((b * 0.6180339887498949) % 1) - 0.5;
}

/** Every study's OR per factor, the truth as a rule, the current study ringed. */
export function oddsSpreadChart(records: readonly StudyRecord[], key: TeachingProcedureKey, pop: Population, {width, current = null}: WidthOption & {current?: number | null}): SVGSVGElement {
  const narrow = width < 560;
  const left = narrow ? 110 : 170;
  const right = narrow ? 12 : 24;
  const labels = pop.candidates.map((c) => fitLabel(shortLabel(c), left));
  const points: {label: string; y: number; or: number; off: number; reported: boolean; index: number}[] = [];
  for (const r of records) {
    const o = r.outcomes[key];
    if (!o || o.failed !== null) continue;
    o.logOr.forEach((l, j) => {
      if (Number.isNaN(l)) return;
      const at = clipped(Math.exp(l));
      points.push({label: labels[j]!, y: j + 0.7 * jitter(r.index), or: at.x, off: at.off, reported: (o.reported & (1 << j)) !== 0, index: r.index});
    });
  }
  const currentPoints = current === null ? [] : points.filter((p) => p.index === current);
  const opacity = Math.max(0.12, Math.min(0.7, 30 / Math.max(1, records.length)));
  return flattenChartAria(Plot.plot({
    width: Math.max(300, width),
    height: 40 + labels.length * 34 + 30,
    marginLeft: left,
    marginRight: right,
    marginTop: 24,
    marginBottom: 40,
    style: {fontSize: "12px", overflow: "visible"},
    x: orAxis(Math.max(300, width), "Each study's OR per unit (log scale) →", left, right),
    y: {domain: [-0.5, labels.length - 0.5], ticks: labels.map((_, j) => j), tickFormat: (j: number) => labels[j] ?? "", label: null, tickSize: 0, reverse: true},
    marks: [
      Plot.ruleX([1], {stroke: "currentColor", strokeOpacity: 0.5}),
      Plot.dot(points.filter((p) => p.off === 0), {x: "or", y: "y", r: 2.2, fill: (p: (typeof points)[number]) => (p.reported ? OKABE_ITO.blue : NULL_COLOR), fillOpacity: opacity}),
      Plot.dot(points.filter((p) => p.off !== 0), {x: "or", y: "y", r: 3, symbol: "triangle", rotate: (p: (typeof points)[number]) => (p.off < 0 ? -90 : 90), fill: OKABE_ITO.blue, fillOpacity: Math.min(1, 2 * opacity)}),
      Plot.ruleX(pop.effects, {x: "oddsRatio", y1: (_: unknown, j: number) => j - 0.45, y2: (_: unknown, j: number) => j + 0.45, stroke: TRUTH_COLOR, strokeWidth: 3}),
      Plot.dot(currentPoints, {x: "or", y: "y", r: 6, stroke: "currentColor", strokeWidth: 2, fill: "none"}),
      Plot.text([0], {x: OR_DOMAIN[0], y: -0.5, dy: -12, textAnchor: "start", fontSize: 10, fill: "currentColor", text: () => (narrow ? `● reported  ● not reported  | truth${current === null ? "" : "  ○ this study"}` : `● blue: reported   ● grey: in the model, not reported   | vermillion: true OR${current === null ? "" : "   ○ this study"}`)})
    ]
  }) as SVGSVGElement);
}

/** Apparent AUC against the AUC in new patients, one dot per study. */
export function aucScatterChart(records: readonly StudyRecord[], key: TeachingProcedureKey, pop: Population, {width, current = null, guess = null}: WidthOption & {current?: number | null; guess?: number | null}): SVGSVGElement {
  const points = records.flatMap((r) => {
    const o = r.outcomes[key];
    return o && o.failed === null && Number.isFinite(o.newAuc) ? [{x: o.apparentAuc, y: o.newAuc, index: r.index}] : [];
  });
  // the axis covers 97.5% of the studies (and the truth); the rest are drawn at its edge as triangles
  const lows = points.map((p) => Math.min(p.x, p.y)).sort((a, b) => a - b);
  const lo = Math.min(0.85, pop.trueAuc, guess ?? 1, lows.length ? lows[Math.floor(0.025 * (lows.length - 1))]! : 0.85);
  const domain: [number, number] = [Math.max(0.5, Math.floor(lo * 20) / 20), 1];
  const inside = points.filter((p) => p.x >= domain[0] && p.y >= domain[0]);
  const outside = points.filter((p) => p.x < domain[0] || p.y < domain[0]).map((p) => ({...p, x: Math.max(domain[0], p.x), y: Math.max(domain[0], p.y)}));
  const size = Math.max(300, Math.min(width, 520));
  const narrow = width < 480;
  const cur = current === null ? [] : points.filter((p) => p.index === current);
  return flattenChartAria(Plot.plot({
    width: size,
    height: size,
    ...SQUARE_MARGINS,
    style: {fontSize: "12px", overflow: "visible"},
    x: {domain, label: narrow ? "Apparent AUC →" : "Apparent AUC, in the study's own patients →", labelAnchor: "center", labelArrow: "none", grid: true},
    y: {domain, label: "↑ AUC in new patients", labelAnchor: "top", labelArrow: "none", grid: true},
    marks: [
      Plot.line([[domain[0], domain[0]], [1, 1]], {stroke: "currentColor", strokeOpacity: 0.5, strokeDasharray: "4,3"}),
      Plot.ruleY([pop.trueAuc], {stroke: TRUTH_COLOR, strokeWidth: 2}),
      Plot.text([pop.trueAuc], {x: domain[0], y: (d: number) => d, dy: -7, dx: 4, textAnchor: "start", fontSize: 10, fill: TRUTH_COLOR, text: () => `true AUC ${formatValue(pop.trueAuc, 3)} (the best possible)`}),
      guess === null ? null : Plot.ruleY([guess], {stroke: OKABE_ITO.orange, strokeWidth: 2, strokeDasharray: "6,3"}),
      guess === null ? null : Plot.text([guess], {x: 1, y: (d: number) => d, dy: -7, dx: -4, textAnchor: "end", fontSize: 10, fill: OKABE_ITO.orange, fontWeight: 600, text: () => "your guess"}),
      Plot.dot(inside, {x: "x", y: "y", r: 2.5, fill: OKABE_ITO.blue, fillOpacity: Math.max(0.15, Math.min(0.8, 40 / Math.max(1, points.length)))}),
      Plot.dot(outside, {x: "x", y: "y", r: 4, symbol: "triangle", rotate: 180, fill: OKABE_ITO.blue}),
      Plot.dot(cur.map((p) => ({x: Math.max(domain[0], p.x), y: Math.max(domain[0], p.y)})), {x: "x", y: "y", r: 7, stroke: "currentColor", strokeWidth: 2, fill: "none"}),
      narrow ? null : Plot.text([0], {frameAnchor: "bottom-right", dx: -6, dy: -6, text: () => "below the dashed line: worse in new patients than it looked", fontSize: 10, fill: "currentColor", textAnchor: "end"})
    ]
  }) as SVGSVGElement);
}

/** The calibration slope in new patients over the studies. */
export function slopeChart(records: readonly StudyRecord[], key: TeachingProcedureKey, {width, current = null}: WidthOption & {current?: number | null}): SVGSVGElement {
  const values = records.flatMap((r) => {
    const o = r.outcomes[key];
    return o && o.failed === null && Number.isFinite(o.slope) ? [{v: clip(o.slope, [0, 2]), index: r.index}] : [];
  });
  const cur = current === null ? [] : values.filter((p) => p.index === current);
  return flattenChartAria(Plot.plot({
    width: Math.max(300, Math.min(width, 720)),
    height: 220,
    marginLeft: 48,
    marginBottom: 44,
    marginTop: 20,
    style: {fontSize: "12px", overflow: "visible"},
    x: {domain: [0, 2], label: width < 480 ? "Calibration slope in new patients →" : "Calibration slope in new patients (below 1: risks too extreme) →", labelAnchor: "center", labelArrow: "none", grid: true},
    y: {label: "↑ Studies", labelAnchor: "top", labelArrow: "none", grid: true},
    marks: [
      Plot.rectY(values, Plot.binX({y: "count"}, {x: "v", thresholds: Array.from({length: 41}, (_, i) => i * 0.05), fill: OKABE_ITO.skyBlue, inset: 0.5} as Parameters<typeof Plot.binX>[1])),
      Plot.ruleY([0]),
      Plot.ruleX([1], {stroke: TRUTH_COLOR, strokeWidth: 2.5}),
      Plot.ruleX(cur, {x: "v", stroke: "currentColor", strokeWidth: 2, strokeDasharray: "3,2"})
    ]
  }) as SVGSVGElement);
}

export interface ComparisonPoint {
  n: number;
  key: TeachingProcedureKey;
  summary: ProcedureSummary;
}

/** Median and middle 95% of studies per procedure and size, for the AUC in new patients and the calibration slope. */
export function comparisonChart(points: readonly ComparisonPoint[], pop: Population, {width, metric}: WidthOption & {metric: "newAuc" | "slope"}): SVGSVGElement {
  const rows = points.map((p) => {
    const s = p.summary[metric];
    const spec = teachingProcedure(p.key);
    return {label: `${width < 560 ? spec.short : spec.label}, n = ${p.n.toLocaleString("en-US")}`, key: p.key, median: s.median, lo: s.q025, hi: s.q975};
  });
  const truth = metric === "newAuc" ? pop.trueAuc : 1;
  const lo = Math.min(truth, ...rows.map((r) => r.lo).filter(Number.isFinite));
  const hi = Math.max(truth, ...rows.map((r) => r.hi).filter(Number.isFinite));
  const pad = (hi - lo) * 0.08 || 0.05;
  const color: Record<TeachingProcedureKey, string> = {paper: OKABE_ITO.vermillion, full: OKABE_ITO.blue, shrunk: OKABE_ITO.green};
  const symbol: Record<TeachingProcedureKey, string> = {paper: "circle", full: "square", shrunk: "triangle"};
  const narrow = width < 560;
  return flattenChartAria(Plot.plot({
    width: Math.max(300, Math.min(width, 760)),
    height: 40 + rows.length * 28 + 30,
    marginLeft: narrow ? 130 : 250,
    marginRight: 20,
    marginBottom: 40,
    style: {fontSize: "12px", overflow: "visible"},
    x: {domain: [lo - pad, hi + pad], label: width < 560 ? (metric === "newAuc" ? "AUC in new patients →" : "Calibration slope →") : metric === "newAuc" ? "AUC in new patients: median, middle 95% of studies →" : "Calibration slope in new patients: median, middle 95% →", labelAnchor: "center", labelArrow: "none", grid: true},
    y: {domain: rows.map((r) => r.label), label: null, tickSize: 0},
    marks: [
      Plot.ruleX([truth], {stroke: TRUTH_COLOR, strokeWidth: 2}),
      Plot.ruleY(rows, {y: "label", x1: "lo", x2: "hi", stroke: (r: (typeof rows)[number]) => color[r.key], strokeWidth: 2.5}),
      Plot.dot(rows, {y: "label", x: "median", r: 5, fill: (r: (typeof rows)[number]) => color[r.key], symbol: (r: (typeof rows)[number]) => symbol[r.key]})
    ]
  }) as SVGSVGElement);
}
