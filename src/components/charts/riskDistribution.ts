/**
 * Where one patient sits among the cohort: the distribution of every patient's predicted risk from the model, one
 * histogram per outcome group (5-point bins, as % of the group, so 25 and 137 patients compare), and the patient's
 * predicted risk as a vertical line with its 95% CI as a band. (Dots would pile up: most patients without ASD
 * have predicted risks below 5%.)
 *
 * Example: riskDistribution([{group: "asd", probability: 0.71}, …], {width: 640, patient: {probability: 0.2, ciLower: 0.1, ciUpper: 0.35}})
 */
import * as Plot from "@observablehq/plot";
import {GROUP_COLORS, OKABE_ITO} from "./palette.js";
import type {OutcomeGroup} from "./distributionPlot.js";
import {formatPercent} from "../format.js";
import {flattenChartAria} from "./accessibility.js";

export interface CohortRisk {
  group: OutcomeGroup;
  probability: number;
}

export interface PatientRisk {
  probability: number;
  /** 95% CI; null for an equation without one (the shrunken equation): no band, no interval in the label. */
  ciLower: number | null;
  ciUpper: number | null;
}

export interface RiskDistributionOptions {
  width: number;
  patient?: PatientRisk | null;
  groupLabels?: Record<OutcomeGroup, string>;
}

export function riskDistribution(cohort: CohortRisk[], {width, patient, groupLabels}: RiskDistributionOptions): SVGSVGElement {
  const names = groupLabels ?? {asd: "ASD", nonAsd: "Non-ASD"};
  const narrow = width < 480;
  const rows = cohort.map((d) => ({...d, groupLabel: names[d.group]}));
  const order = [names.asd, names.nonAsd];
  const chartWidth = Math.max(300, width);
  // The patient's label goes on whichever side of the line has room for it (~6.6 px a character at 12 px, bold),
  // on two lines when neither side has room for one.
  const innerWidth = chartWidth - 80 - 20;
  const hasCi = patient !== null && patient !== undefined && patient.ciLower !== null && patient.ciUpper !== null;
  const oneLine = patient ? `This patient: ${formatPercent(patient.probability)}${hasCi ? ` (95% CI ${formatPercent(patient.ciLower)}–${formatPercent(patient.ciUpper)})` : ""}` : "";
  const twoLines = patient ? `This patient: ${formatPercent(patient.probability)}${hasCi ? `\n95% CI ${formatPercent(patient.ciLower)}–${formatPercent(patient.ciUpper)}` : ""}` : "";
  const fits = (text: string, px: number) => Math.max(...text.split("\n").map((line) => line.length)) * 6.6 + 8 <= px;
  const room = patient ? {right: (1 - patient.probability) * innerWidth + 20, left: patient.probability * innerWidth + 80} : {right: 0, left: 0};
  const label = fits(oneLine, room.right) || fits(oneLine, room.left) ? oneLine : twoLines;
  const anchor: "start" | "end" = fits(label, room.right) ? "start" : fits(label, room.left) ? "end" : room.right >= room.left ? "start" : "end";
  return flattenChartAria(Plot.plot({
    width: chartWidth,
    height: narrow ? 320 : 300,
    marginLeft: 80,
    marginTop: 34,
    marginBottom: 40,
    style: {fontSize: "12px", overflow: "visible"},
    x: {domain: [0, 1], label: "Predicted risk of ASD (%) →", labelAnchor: "center", labelArrow: "none", grid: true, tickFormat: (d: number) => `${Math.round(d * 100)}`},
    fy: {domain: order, label: null, padding: 0.15, axis: null},
    y: {label: "↑ % of group", percent: true, grid: true, ticks: 3},
    color: {domain: order, range: [GROUP_COLORS.asd, GROUP_COLORS.nonAsd]},
    marks: [
      Plot.frame({strokeOpacity: 0.15}),
      patient && hasCi ? Plot.rectX([patient], {x1: "ciLower", x2: "ciUpper", fill: OKABE_ITO.orange, fillOpacity: 0.2}) : null,
      Plot.rectY(rows, {
        ...Plot.binX({y: "proportion-facet"}, {
          x: {value: "probability", thresholds: Array.from({length: 21}, (_, i) => i / 20)},
          fill: "groupLabel", fillOpacity: 0.8, inset: 0.5
        } as Parameters<typeof Plot.binX>[1]),
        fy: "groupLabel"
      }),
      Plot.ruleY([0]),
      Plot.text(order, {fy: (d: string) => d, text: (d: string) => d, frameAnchor: "top-right", dx: -6, dy: 6, fontWeight: 600, fill: "currentColor"}),
      patient ? Plot.ruleX([patient.probability], {stroke: OKABE_ITO.orange, strokeWidth: 3}) : null,
      patient
        ? Plot.text([patient], {
            x: "probability", fy: () => order[0], frameAnchor: "top", dy: label === twoLines ? -28 : -14, lineAnchor: "top", lineHeight: 1.3, textAnchor: anchor,
            dx: anchor === "end" ? -6 : 6, fontWeight: 600,
            text: () => label
          })
        : null
    ]
  }) as SVGSVGElement);
}
