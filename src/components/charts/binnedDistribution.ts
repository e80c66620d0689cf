/**
 * The Cohort page's distributions in private mode, when no patient's value is published: each measured variable's
 * histogram by outcome group from the build's binned aggregates (../study/private.ts, every non-empty cell holding at
 * least the minimum cell size), drawn as the share of each group in each bin so that groups of different sizes
 * compare, with the reproduced group mean as a rule. The bins' counts are in the figure's description.
 *
 * binnedBars is the pure part (tested in Node): one bar per bin and group, with its count and share of the group.
 *
 * Example: binnedVariableDistribution(row, doc.aggregates.distributions[row.key], {width})
 */
import * as Plot from "@observablehq/plot";
import {GROUP_COLORS} from "./palette.js";
import {flattenChartAria} from "./accessibility.js";
import {chartFigure} from "./figure.js";
import {formatMeanSd, formatPercent} from "../format.js";
import type {BinnedDistribution} from "../study/private.js";
import type {ContinuousGroup, StudyTable1Row} from "../study/table1.js";

export interface BinnedBar {
  group: "asd" | "nonAsd";
  lower: number;
  upper: number;
  count: number;
  /** count / the group's patients in all bins (0 for a group with none). */
  share: number;
}

/** One bar per bin and group (empty cells included, at 0). */
export function binnedBars(binned: BinnedDistribution): BinnedBar[] {
  const totals = {asd: 0, nonAsd: 0};
  for (const b of binned.bins) {
    totals.asd += b.events;
    totals.nonAsd += b.nonEvents;
  }
  return binned.bins.flatMap((b) => (["asd", "nonAsd"] as const).map((group) => {
    const count = group === "asd" ? b.events : b.nonEvents;
    return {group, lower: b.lower, upper: b.upper, count, share: totals[group] > 0 ? count / totals[group] : 0};
  }));
}

export function binnedVariableDistribution(row: StudyTable1Row, binned: BinnedDistribution, {width}: {width: number}): HTMLElement {
  const names = {asd: "ASD", nonAsd: "Non-ASD"} as const;
  const bars = binnedBars(binned).map((b) => ({...b, groupLabel: names[b.group]}));
  const asd = row.reproduced.asd as ContinuousGroup;
  const nonAsd = row.reproduced.nonAsd as ContinuousGroup;
  const means = [{groupLabel: names.asd, mean: asd.mean}, {groupLabel: names.nonAsd, mean: nonAsd.mean}];
  const narrow = width < 480;
  const svg = flattenChartAria(Plot.plot({
    width: Math.max(300, width),
    height: narrow ? 300 : 260,
    marginLeft: 48,
    marginBottom: 40,
    marginTop: 10,
    style: {fontSize: "12px"},
    x: {label: `${row.label.includes(row.unit) ? row.label : `${row.label} (${row.unit})`} →`, labelAnchor: "center", labelArrow: "none", grid: true},
    y: {label: null, tickFormat: (d: number) => formatPercent(d, 0), ticks: 3, grid: true},
    // The group's name inside its panel, top right: on the left it would collide with the share ticks.
    fy: {domain: [names.asd, names.nonAsd], label: null, axis: null, paddingInner: 0.15},
    marks: [
      Plot.frame({strokeOpacity: 0.15}),
      Plot.rectY(bars, {fy: "groupLabel", x1: "lower", x2: "upper", y: "share", insetLeft: 0.5, insetRight: 0.5, fill: (d: BinnedBar) => GROUP_COLORS[d.group], fillOpacity: 0.8}),
      Plot.ruleX(means, {fy: "groupLabel", x: "mean", stroke: "currentColor", strokeWidth: 2}),
      Plot.text([names.asd, names.nonAsd], {fy: (d: string) => d, frameAnchor: "top-right", dx: -6, dy: 6, text: (d: string) => d, fontWeight: 600, fill: "currentColor", stroke: "var(--theme-background, white)", strokeWidth: 3, paintOrder: "stroke"})
    ]
  }) as SVGSVGElement);
  svg.classList.add("binned-distribution");
  const counts = (group: "asd" | "nonAsd") => bars.filter((b) => b.group === group).map((b) => `${b.lower}–${b.upper}: ${b.count}`).join(", ");
  return chartFigure(svg, {
    title: `${row.label} by outcome (binned)`,
    description: `Histogram of ${row.label} (${row.unit}) by outcome, in bins of at least ${binned.minCell} patients. ASD (${asd.n}): ${counts("asd")}. Non-ASD (${nonAsd.n}): ${counts("nonAsd")}. Reproduced mean ± SD: ASD ${formatMeanSd(asd.mean, asd.sd, 2)}, non-ASD ${formatMeanSd(nonAsd.mean, nonAsd.sd, 2)}.`,
    caption: `Share of each group in each bin; bins merged until every non-empty cell holds at least ${binned.minCell} patients, so that no patient's value can be read off. Line: the group's mean.`,
    filename: `distribution-binned-${row.key}`
  });
}
