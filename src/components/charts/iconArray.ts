/**
 * An icon array for a natural frequency (../natural-frequency.ts): `count` of `of` squares filled, ten to a row for
 * 100 (25 to a row up to 1,000), the filled ones first, with a key that says both counts in words. For the
 * calculator ("of 100 patients like this one, about N would develop ASD"), the ROC explorer ("of 100 flagged
 * patients, N go on to ASD") and the teaching page. Wrap it in chartFigure with the sentence as its description.
 *
 * Throws RangeError for `of` that is not a whole number from 1 to 1,000.
 * Example: iconArray(riskFrequency(0.23), {width: 320})
 */
import * as Plot from "@observablehq/plot";
import {OKABE_ITO} from "./palette.js";
import {flattenChartAria} from "./accessibility.js";

/** An icon array: `count` of `of` squares filled (of ≤ 1,000; 10 per row for 100). */
export function iconArray({count, of}: {count: number; of: number}, {width, filledLabel = "would develop ASD", emptyLabel = "would not"}: {width: number; filledLabel?: string; emptyLabel?: string}): SVGSVGElement {
  if (!(Number.isInteger(of) && of >= 1 && of <= 1000)) throw new RangeError(`iconArray: of must be a whole number from 1 to 1,000, got ${of}`);
  const perRow = of <= 100 ? 10 : 25;
  const cells = Array.from({length: of}, (_, i) => ({col: i % perRow, row: Math.floor(i / perRow), filled: i < count}));
  const rows = Math.ceil(of / perRow);
  const side = Math.max(8, Math.min(22, Math.floor((Math.min(width, 360) - 20) / perRow)));
  return flattenChartAria(Plot.plot({
    width: perRow * side + 20,
    // The key, two lines under the last row (one line would be wider than ten squares on a phone).
    height: rows * side + 60,
    marginLeft: 10,
    marginRight: 10,
    marginTop: 10,
    marginBottom: 50,
    x: {domain: Array.from({length: perRow}, (_, i) => i), axis: null, padding: 0.15},
    y: {domain: Array.from({length: rows}, (_, i) => i), axis: null, padding: 0.15},
    style: {fontSize: "11px", overflow: "visible"},
    marks: [
      Plot.cell(cells, {x: "col", y: "row", fill: (c: (typeof cells)[number]) => (c.filled ? OKABE_ITO.vermillion : "var(--theme-background-alt, #ddd)"), stroke: "currentColor", strokeOpacity: 0.25}),
      Plot.text([0], {frameAnchor: "bottom-left", dy: 18, textAnchor: "start", fill: "currentColor", text: () => `■ ${count.toLocaleString("en-US")} ${filledLabel},`}),
      Plot.text([0], {frameAnchor: "bottom-left", dy: 34, textAnchor: "start", fill: "currentColor", text: () => `□ ${(of - count).toLocaleString("en-US")} ${emptyLabel}`})
    ]
  }) as SVGSVGElement);
}
