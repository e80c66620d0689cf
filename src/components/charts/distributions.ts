/**
 * The Cohort page's dot plots, one per measured variable: every patient's value by outcome group with the
 * reproduced mean ± SD beside the published one, in an accessible figure (./figure.ts) whose description states
 * the figures. Needs the cohort's rows (open mode).
 *
 * Example: variableDistribution(row, study.data, {width})
 */
import {distributionPlot} from "./distributionPlot.js";
import {chartFigure} from "./figure.js";
import {formatMeanSd, formatNumber, formatP} from "../format.js";
import type {PreparedData} from "../cohort/prepare.js";
import type {StudyTable1Row, ContinuousGroup} from "../study/table1.js";

export function variableDistribution(row: StudyTable1Row, data: PreparedData, {width}: {width: number}): HTMLElement {
  const values = data.variables.get(row.key)!.values!;
  const points = Array.from(values, (value, i) => ({group: data.y[i] === 1 ? ("asd" as const) : ("nonAsd" as const), value}));
  const asd = row.reproduced.asd as ContinuousGroup;
  const nonAsd = row.reproduced.nonAsd as ContinuousGroup;
  const pub = row.published && "mean" in row.published.asd ? (row.published as {asd: {mean: number; sd: number}; nonAsd: {mean: number; sd: number}}) : null;
  return chartFigure(
    distributionPlot(points, {
      width, label: row.label, unit: row.unit,
      reproduced: {asd: {mean: asd.mean, sd: asd.sd}, nonAsd: {mean: nonAsd.mean, sd: nonAsd.sd}},
      published: pub ? {asd: pub.asd, nonAsd: pub.nonAsd} : null,
      groupLabels: {asd: "ASD", nonAsd: "Non-ASD"}
    }),
    {
      title: `${row.label} by outcome`,
      description: `Dot plot of ${row.label} (${row.unit}) for ${asd.n} patients with ASD and ${nonAsd.n} without. Reproduced mean ± SD: ASD ${formatMeanSd(asd.mean, asd.sd, 2)}, non-ASD ${formatMeanSd(nonAsd.mean, nonAsd.sd, 2)}; medians ${formatNumber(asd.median, 1)} and ${formatNumber(nonAsd.median, 1)}.${pub ? ` Published: ASD ${formatMeanSd(pub.asd.mean, pub.asd.sd, row.decimals)}, non-ASD ${formatMeanSd(pub.nonAsd.mean, pub.nonAsd.sd, row.decimals)}.` : ""} Student's t-test p ${formatP(row.reproduced.p)}.`,
      caption: `Each dot is one patient. Dark bar and circle: reproduced mean ± SD. Orange bar and diamond: published mean ± SD. Student's t p ${formatP(row.reproduced.p)}.`,
      filename: `distribution-${row.key}`
    }
  );
}
