/**
 * One continuous variable, both outcome groups: every patient as a dot (dodged so none hide another), the
 * group's mean ± SD as a bar under the dots, and the abstract's published mean ± SD as an open bar beside it,
 * so reproduced and published summaries can be compared against the raw data behind them.
 *
 * Example: distributionPlot([{group: "asd", value: 73}, …], {width: 640, label: "Age", unit: "years", summaries})
 */
import * as Plot from "@observablehq/plot";
import {GROUP_COLORS, OKABE_ITO} from "./palette.js";
import {flattenChartAria} from "./accessibility.js";

export type OutcomeGroup = "asd" | "nonAsd";

export interface GroupValue {
  group: OutcomeGroup;
  value: number;
}

export interface MeanSd {
  mean: number;
  sd: number;
}

export interface DistributionPlotOptions {
  width: number;
  label: string;
  unit: string;
  /** Reproduced mean ± SD per group (from the engine). */
  reproduced: Record<OutcomeGroup, MeanSd>;
  /** Published mean ± SD per group, if the abstract gives them. */
  published?: Record<OutcomeGroup, MeanSd> | null;
  groupLabels?: Record<OutcomeGroup, string>;
}

export function distributionPlot(values: GroupValue[], {width, label, unit, reproduced, published, groupLabels}: DistributionPlotOptions): SVGSVGElement {
  const names = groupLabels ?? {asd: "ASD", nonAsd: "Non-ASD"};
  const narrow = width < 480;
  const rows = values.map((d) => ({...d, groupLabel: names[d.group]}));
  const order = [names.asd, names.nonAsd];
  const summaries = (["asd", "nonAsd"] as const).flatMap((g) => [
    {groupLabel: names[g], kind: "reproduced", mean: reproduced[g].mean, lo: reproduced[g].mean - reproduced[g].sd, hi: reproduced[g].mean + reproduced[g].sd},
    ...(published ? [{groupLabel: names[g], kind: "published", mean: published[g].mean, lo: published[g].mean - published[g].sd, hi: published[g].mean + published[g].sd}] : [])
  ]);
  const all = values.map((d) => d.value).concat(summaries.flatMap((s) => [s.lo, s.hi]));
  const extent: [number, number] = [Math.min(...all), Math.max(...all)];
  const pad = (extent[1] - extent[0]) * 0.04 || 1;
  const height = narrow ? 300 : 260;
  const marginTop = 10;
  const marginBottom = 40;
  const facetPadding = 0.12;
  const step = (height - marginTop - marginBottom) / (2 - facetPadding);
  const bandwidth = step * (1 - facetPadding);
  return flattenChartAria(Plot.plot({
    width: Math.max(300, width),
    height,
    marginLeft: narrow ? 64 : 72,
    marginBottom,
    marginTop,
    style: {fontSize: "12px"},
    x: {domain: [extent[0] - pad, extent[1] + pad], label: `${label.includes(unit) ? label : `${label} (${unit})`} →`, labelAnchor: "center", labelArrow: "none", grid: true, nice: true},
    fy: {domain: order, label: null, paddingInner: facetPadding, paddingOuter: 0, round: false, axis: "left"},
    color: {domain: order, range: [GROUP_COLORS.asd, GROUP_COLORS.nonAsd]},
    marks: [
      Plot.frame({strokeOpacity: 0.15}),
      Plot.dot(rows, Plot.dodgeY("middle", {fy: "groupLabel", x: "value", r: narrow ? 2 : 2.6, fill: "groupLabel", fillOpacity: 0.75, padding: 0.4})),
      // Summaries as thin bars through the middle of each facet. Dodged dots have no y scale to hang a rule on, so
      // the bars are rects spanning the facet, inset to a few pixels at its centre (band height computed as Plot does).
      Plot.rect(summaries.filter((s) => s.kind === "reproduced"), {fy: "groupLabel", x1: "lo", x2: "hi", insetTop: bandwidth / 2 - 3.5, insetBottom: bandwidth / 2 - 3.5, fill: "var(--theme-background, white)"}),
      Plot.rect(summaries.filter((s) => s.kind === "reproduced"), {fy: "groupLabel", x1: "lo", x2: "hi", insetTop: bandwidth / 2 - 1.5, insetBottom: bandwidth / 2 - 1.5, fill: "currentColor"}),
      Plot.dot(summaries.filter((s) => s.kind === "reproduced"), {fy: "groupLabel", x: "mean", r: 5, fill: "var(--theme-background, white)", stroke: "currentColor", strokeWidth: 2.5}),
      Plot.rect(summaries.filter((s) => s.kind === "published"), {fy: "groupLabel", x1: "lo", x2: "hi", insetTop: bandwidth / 2 - 13, insetBottom: bandwidth / 2 + 11, fill: OKABE_ITO.vermillion}),
      Plot.dot(summaries.filter((s) => s.kind === "published"), {fy: "groupLabel", x: "mean", dy: -12, r: 5, stroke: OKABE_ITO.vermillion, strokeWidth: 2, fill: "var(--theme-background, white)", symbol: "diamond"})
    ]
  }) as SVGSVGElement);
}
