/**
 * A partial-effect plot, as rms's plot(Predict(fit, x)) draws it: the log-odds of the outcome (or the odds ratio
 * against the factor's reference value, on a log scale) over the factor's range, every other factor held at its
 * median, with the pointwise 95% confidence band; the knots of a spline as dashed vertical lines, and the reference
 * value as a dot on the odds-ratio scale (OR 1 there by definition). Every mark stays inside the frame: the y
 * domain covers the band.
 *
 * Example: partialEffectChart(curve, {width: 640, scale: "or", label: "BMD (T-score)"})
 */
import * as Plot from "@observablehq/plot";
import {OKABE_ITO, FOREGROUND} from "./palette.js";
import {flattenChartAria} from "./accessibility.js";
import type {PartialEffectCurve} from "../pipeline/model-checks.js";

export interface PartialEffectChartOptions {
  width: number;
  /** "logOdds" (the linear predictor) or "or" (odds ratio against the reference, log scale). */
  scale?: "logOdds" | "or";
  /** x-axis label (the factor with its unit). */
  label?: string;
  /** The spline's knots, drawn as ticks on the x axis. */
  knots?: readonly number[];
}

export function partialEffectChart(curve: PartialEffectCurve, {width, scale = "logOdds", label, knots = []}: PartialEffectChartOptions): SVGSVGElement | HTMLElement {
  const or = scale === "or";
  const data = curve.points.map((p) => ({x: p.value as number, y: or ? p.oddsRatio : p.logOdds, lo: or ? p.orLower : p.lower, hi: or ? p.orUpper : p.upper}));
  const finite = data.filter((d) => Number.isFinite(d.lo) && Number.isFinite(d.hi) && (!or || (d.lo > 0 && d.hi > 0)));
  let y0 = Math.min(...finite.map((d) => d.lo));
  let y1 = Math.max(...finite.map((d) => d.hi));
  if (!(y1 > y0)) {
    y0 = or ? 0.5 : -1;
    y1 = or ? 2 : 1;
  }
  const height = Math.round(Math.min(360, Math.max(240, width * 0.55)));
  return flattenChartAria(Plot.plot({
    width: Math.max(280, width),
    height,
    marginLeft: 56,
    marginBottom: 44,
    style: {fontSize: "12px"},
    x: {label: label ?? curve.factor, labelAnchor: "center", labelArrow: "none", nice: false},
    y: or
      ? {type: "log", domain: [y0, y1], label: `Odds ratio vs ${String(curve.reference)} (log scale, 95% CI)`, labelArrow: "none", grid: true}
      : {domain: [y0, y1], label: "Log-odds of ASD (95% CI)", labelArrow: "none", grid: true, nice: true},
    marks: [
      Plot.areaY(finite, {x: "x", y1: "lo", y2: "hi", fill: OKABE_ITO.blue, fillOpacity: 0.18}),
      Plot.lineY(data, {x: "x", y: "y", stroke: OKABE_ITO.blue, strokeWidth: 2.5}),
      or ? Plot.ruleY([1], {stroke: FOREGROUND, strokeOpacity: 0.5}) : null,
      or && typeof curve.reference === "number" ? Plot.dot([{x: curve.reference, y: 1}], {x: "x", y: "y", r: 4, fill: FOREGROUND}) : null,
      knots.length ? Plot.ruleX(knots, {x: (d: number) => d, stroke: OKABE_ITO.vermillion, strokeDasharray: "4,3", strokeOpacity: 0.8}) : null
    ]
  }) as SVGSVGElement);
}
