/**
 * Odds-ratio forest plot: one row per model term, the OR as a dot with its 95% CI as a line on a log scale,
 * the line of no effect at OR = 1, and, where the abstract published an OR for the term, that value as an
 * open diamond, so the reader sees at a glance whether the reproduced estimate lands on the published one.
 * CIs that run off the chart are clipped at the domain with an arrow-like cap and their numbers stay in the
 * text column.
 *
 * Example: forestPlot([{term: "age", label: "Age (per year)", oddsRatio: 1.2, ciLower: 1.03, ciUpper: 1.39, published: 1.199}], {width: 640})
 */
import * as Plot from "@observablehq/plot";
import {OKABE_ITO} from "./palette.js";
import {formatEstimateCi, formatP} from "../format.js";
import {flattenChartAria} from "./accessibility.js";

export interface ForestRow {
  term: string;
  label: string;
  oddsRatio: number;
  ciLower: number;
  ciUpper: number;
  p?: number;
  /** The published OR for this term, if the abstract gives one. */
  published?: number | null;
}

export interface ForestPlotOptions {
  width: number;
  /** x-domain on the OR scale; default covers the CIs within [0.05, 20]. */
  domain?: [number, number];
}

/** Tick label on the OR axis: two significant digits at or above 1, one below. */
function orTickText(d: number): string {
  return d >= 1 ? String(+d.toPrecision(2)) : String(+d.toPrecision(1));
}

/**
 * Ticks for a log OR axis whose labels never run together ("0.20.3"): candidates 1, 2, 5 × 10ᵏ inside the domain
 * (1 always kept), then, left to right, a label is kept only when it clears the previous kept one by a gap of
 * `gapPx`, measured at ~0.6 em per character; the rest become unlabelled ticks (the grid still shows them).
 * @example forestTicks([0.1, 10], 300).labelled // [0.1, 0.2, 0.5, 1, 2, 5, 10]
 */
export function forestTicks([d0, d1]: readonly [number, number], innerWidth: number, {fontPx = 12, gapPx = 6}: {fontPx?: number; gapPx?: number} = {}): {all: number[]; labelled: number[]} {
  const all: number[] = [];
  for (let k = Math.floor(Math.log10(d0)) - 1; k <= Math.ceil(Math.log10(d1)) + 1; k++) {
    for (const m of [1, 2, 5]) {
      const v = +(m * 10 ** k).toPrecision(2);
      if (v >= d0 * (1 - 1e-12) && v <= d1 * (1 + 1e-12)) all.push(v);
    }
  }
  const px = (v: number) => ((Math.log(v) - Math.log(d0)) / (Math.log(d1) - Math.log(d0))) * innerWidth;
  const halfWidth = (v: number) => (orTickText(v).length * fontPx * 0.6) / 2;
  // Keep 1 first (the line of no effect), then fill in around it.
  const labelled: number[] = all.includes(1) ? [1] : [];
  const clears = (v: number) => labelled.every((u) => Math.abs(px(u) - px(v)) >= halfWidth(u) + halfWidth(v) + gapPx);
  // Powers of ten first (nearest 1 first), then the 5s, then the 2s.
  const rank = (v: number) => {
    const k = Math.floor(Math.log10(v) + 1e-9);
    const m = Math.round(v / 10 ** k);
    return (m === 1 ? 0 : m === 5 ? 1000 : 2000) + Math.abs(k);
  };
  const order = [...all].sort((a, b) => rank(a) - rank(b));
  for (const v of order) if (!labelled.includes(v) && clears(v)) labelled.push(v);
  return {all, labelled: labelled.sort((a, b) => a - b)};
}

export function forestPlot(rows: ForestRow[], {width, domain}: ForestPlotOptions): SVGSVGElement {
  const narrow = width < 560;
  const lo = Math.min(...rows.flatMap((r) => [r.ciLower, r.published ?? Infinity, r.oddsRatio]));
  const hi = Math.max(...rows.flatMap((r) => [r.ciUpper, r.published ?? -Infinity, r.oddsRatio]));
  const [d0, d1] = domain ?? [Math.max(0.05, Math.min(0.5, lo * 0.8)), Math.min(20, Math.max(2, hi * 1.25))];
  const clip = (x: number) => Math.min(d1, Math.max(d0, x));
  const data = rows.map((r) => ({
    ...r,
    lowerShown: clip(r.ciLower),
    upperShown: clip(r.ciUpper),
    text: `${formatEstimateCi(r.oddsRatio, r.ciLower, r.ciUpper, r.oddsRatio < 10 ? 3 : 2)}${r.p != null ? `  p ${formatP(r.p).startsWith("<") ? formatP(r.p) : `= ${formatP(r.p)}`}` : ""}`
  }));
  // On a phone the term labels go above each row (no room for a label column), the numbers below it.
  // Beside the rows, the label column is as wide as the longest label (about 7 px a character at 12 px), so a label
  // is not cut at the page's edge when printed; at most 280 px.
  const labelWidth = narrow ? 12 : Math.min(280, Math.max(190, 12 + 7 * Math.max(...rows.map((r) => r.label.length))));
  const textWidth = narrow ? 0 : 230;
  const height = 48 + rows.length * (narrow ? 58 : 34);
  const plotWidth = Math.max(300, width);
  const ticks = forestTicks([d0, d1], plotWidth - labelWidth - (textWidth + 16));
  return flattenChartAria(Plot.plot({
    width: plotWidth,
    height,
    marginLeft: labelWidth,
    marginRight: textWidth + 16,
    marginBottom: 40,
    style: {fontSize: "12px", overflow: "visible"},
    x: {type: "log", domain: [d0, d1], label: "Odds ratio (log scale, 95% CI) →", labelAnchor: "center", labelArrow: "none", grid: true, ticks: ticks.all, tickFormat: (d: number) => (ticks.labelled.includes(d) ? orTickText(d) : "")},
    y: {domain: rows.map((r) => r.label), label: null, tickSize: 0, axis: narrow ? null : "left",
      // A label longer than the column (a very narrow desktop chart) is shortened; the full text is in the table.
      tickFormat: (d: string) => (d.length * 6.8 + 16 > labelWidth ? `${d.slice(0, Math.max(4, Math.floor((labelWidth - 24) / 6.8)))}…` : d)},
    marks: [
      Plot.ruleX([1], {stroke: "currentColor", strokeOpacity: 0.6}),
      Plot.ruleY(data, {y: "label", x1: "lowerShown", x2: "upperShown", stroke: OKABE_ITO.blue, strokeWidth: 2.5}),
      Plot.dot(data, {y: "label", x: "oddsRatio", r: 5, fill: OKABE_ITO.blue, symbol: "circle"}),
      Plot.dot(data.filter((d) => d.published != null), {
        y: "label", x: "published", r: 7, stroke: OKABE_ITO.vermillion, strokeWidth: 2, fill: "none", symbol: "diamond"
      }),
      narrow
        ? Plot.text(data, {y: "label", x: d0, text: "text", dy: 14, textAnchor: "start", fontSize: 10, fill: "currentColor"})
        : Plot.text(data, {y: "label", x: d1, text: "text", dx: 16, textAnchor: "start", fontSize: 11, fill: "currentColor"}),
      narrow ? Plot.text(data, {y: "label", x: d0, text: "label", dy: -14, textAnchor: "start", fontSize: 11, fontWeight: 600, fill: "currentColor"}) : null,
      // Key for the two symbols, above the first row.
      Plot.dot([0], {x: d0, y: () => rows[0]?.label, dy: narrow ? -62 : -22, dx: 6, r: 4, fill: OKABE_ITO.blue}),
      Plot.text([0], {x: d0, y: () => rows[0]?.label, dy: narrow ? -62 : -22, dx: 14, textAnchor: "start", fontSize: 10, text: () => "reproduced OR with 95% CI"}),
      Plot.dot([0], {x: d0, y: () => rows[0]?.label, dy: narrow ? -48 : -22, dx: narrow ? 6 : 170, r: 5, stroke: OKABE_ITO.vermillion, strokeWidth: 2, fill: "none", symbol: "diamond"}),
      Plot.text([0], {x: d0, y: () => rows[0]?.label, dy: narrow ? -48 : -22, dx: narrow ? 14 : 178, textAnchor: "start", fontSize: 10, text: () => "published OR"})
    ],
    marginTop: narrow ? 70 : 34
  }) as SVGSVGElement);
}
