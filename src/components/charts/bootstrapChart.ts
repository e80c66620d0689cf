/**
 * Distribution of the bootstrap optimism of one performance index (e.g. the AUC): a histogram of apparent_b − test_b
 * over the usable refits, with the mean optimism (what Harrell's correction subtracts) as a solid rule and zero as a
 * dashed one. Shows a reader that the correction is an average over refits that vary, not a single number.
 *
 * Example: bootstrapChart([0.01, 0.02, 0.015], {width: 640, label: "AUC"})
 */
import * as Plot from "@observablehq/plot";
import {OKABE_ITO} from "./palette.js";
import {flattenChartAria} from "./accessibility.js";
import {formatNumber} from "../format.js";

export interface BootstrapChartOptions {
  width: number;
  /** Name of the index, for the axis: "AUC", "calibration slope". */
  label: string;
  /** Mean optimism (default: the mean of the values). */
  mean?: number;
  decimals?: number;
}

export function bootstrapChart(values: ArrayLike<number>, {width, label, mean, decimals = 3}: BootstrapChartOptions): SVGSVGElement {
  const narrow = width < 480;
  const data = Array.from(values, (v) => ({v}));
  const m = mean ?? data.reduce((s, d) => s + d.v, 0) / Math.max(1, data.length);
  return flattenChartAria(Plot.plot({
    width: Math.max(300, Math.min(width, 720)),
    height: narrow ? 240 : 260,
    marginLeft: 48,
    marginBottom: 44,
    marginTop: 28,
    style: {fontSize: narrow ? "11px" : "12px", overflow: "visible"},
    x: {label: narrow ? `Optimism in the ${label} →` : `Optimism in the ${label} (apparent in resample − on original data) →`, labelAnchor: "center", labelArrow: "none", grid: true},
    y: {label: "↑ Bootstrap refits", grid: true, labelAnchor: "top", labelArrow: "none"},
    marks: [
      Plot.rectY(data, Plot.binX({y: "count"}, {x: "v", thresholds: 30, fill: OKABE_ITO.skyBlue, inset: 0.5} as Parameters<typeof Plot.binX>[1])),
      Plot.ruleY([0]),
      Plot.ruleX([0], {stroke: "currentColor", strokeOpacity: 0.55, strokeDasharray: "4,3"}),
      Plot.ruleX([m], {stroke: OKABE_ITO.vermillion, strokeWidth: 2.5}),
      Plot.text([m], {x: (d: number) => d, frameAnchor: "top", dy: -16, text: (d: number) => `mean ${formatNumber(d, decimals)}`, fill: OKABE_ITO.vermillion, fontWeight: 600, textAnchor: "start", dx: 4})
    ]
  }) as SVGSVGElement);
}
