/**
 * Table 1 of the study, published and reproduced side by side: per variable the ASD and non-ASD summaries
 * (mean ± SD, or yes n (%)), the test used, and the p-value — the abstract's figure beside the engine's, with
 * a mark saying whether the reproduced figure rounds to the published one at the precision it was printed to.
 *
 * Example: table1([{key: "age", label: "Age", unit: "years", kind: "continuous", decimals: 1, reproduced, published}])
 */
import {formatMeanSd, formatNumber, formatP} from "../format.js";
import {formatPrinted, printsAs} from "../stats/printed.js";
import type {PublishedP} from "../stats/abstract-check.js";
import type {BinaryGroup, StudyTable1Row} from "../study/table1.js";
import {verdictMark} from "./verdict.js";
import {cell, tableFrame} from "./frame.js";

export type Table1Row = StudyTable1Row;

export interface Table1Options {
  groupLabels?: {asd: string; nonAsd: string};
}

type Summary = {mean: number; sd: number} | BinaryGroup;

function summary(s: Summary, decimals: number): string {
  if ("mean" in s) return formatMeanSd(s.mean, s.sd, decimals);
  const n = s.yes + s.no;
  return `${s.yes}/${s.no} (${n ? ((100 * s.yes) / n).toFixed(1) : "—"}% yes)`;
}

/** Does a reproduced summary print as the published one (../stats/printed.ts)? Counts must be equal. */
export function summaryMatches(reproduced: Summary, published: Summary, decimals: number): boolean {
  if ("mean" in reproduced && "mean" in published) {
    return printsAs(reproduced.mean, {value: published.mean, decimals}).matches && printsAs(reproduced.sd, {value: published.sd, decimals}).matches;
  }
  if ("yes" in reproduced && "yes" in published) return reproduced.yes === published.yes && reproduced.no === published.no;
  return false;
}

/** "P=0.003" matches p if p prints as 0.003; "P<0.001" matches any p below 0.001. */
export function pMatches(p: number | null, published: PublishedP): boolean {
  return p !== null && printsAs(p, published).matches;
}

export function formatPublishedP(p: PublishedP | undefined): string {
  return p ? formatPrinted(p) : "not given";
}


export function table1(rows: readonly Table1Row[], {groupLabels = {asd: "ASD", nonAsd: "Non-ASD"}}: Table1Options = {}): HTMLElement {
  const {wrapper, head, body} = tableFrame({
    caption: `Table 1. Patients with and without ASD two years after PKP: published (abstract) and reproduced (this cohort). Continuous: mean ± SD; binary: yes/no (% yes). ✓ = the reproduced figure rounds to the published one.`,
    testId: "table1",
    className: "table1",
    regionLabel: "Table 1"
  });
  const h1 = head.insertRow();
  h1.append(
    cell("th", "Variable", {rowspan: "2", scope: "col"}),
    cell("th", groupLabels.asd, {colspan: "2", scope: "colgroup"}),
    cell("th", groupLabels.nonAsd, {colspan: "2", scope: "colgroup"}),
    cell("th", "Test (reproduced)", {rowspan: "2", scope: "col"}),
    cell("th", "p", {colspan: "2", scope: "colgroup"})
  );
  const h2 = head.insertRow();
  for (let i = 0; i < 3; i++) h2.append(cell("th", "published", {scope: "col"}), cell("th", "reproduced", {scope: "col"}));
  for (const r of rows) {
    const tr = body.insertRow();
    tr.setAttribute("data-variable", r.key);
    tr.append(cell("th", r.unit && r.kind === "continuous" ? `${r.label} (${r.unit})` : r.label, {scope: "row"}));
    for (const g of ["asd", "nonAsd"] as const) {
      tr.append(cell("td", r.published ? summary(r.published[g], r.decimals) : "—"));
      const td = cell("td", summary(r.reproduced[g], r.decimals), {"data-testid": `table1-${r.key}-${g}`});
      if (r.published) td.append(verdictMark(summaryMatches(r.reproduced[g], r.published[g], r.decimals)));
      tr.append(td);
    }
    const stat = r.reproduced.df != null && r.kind === "continuous"
      ? `${r.reproduced.test}, t = ${formatNumber(r.reproduced.statistic, 2)}, df = ${formatNumber(r.reproduced.df, 0)}`
      : `${r.reproduced.test}, χ² = ${formatNumber(r.reproduced.statistic, 2)}${r.reproduced.df != null ? `, df = ${r.reproduced.df}` : ""}`;
    tr.append(cell("td", stat));
    tr.append(cell("td", formatPublishedP(r.published?.p)));
    const pCell = cell("td", formatP(r.reproduced.p), {"data-testid": `table1-${r.key}-p`});
    if (r.published?.p) pCell.append(verdictMark(pMatches(r.reproduced.p, r.published.p)));
    tr.append(pCell);
  }
  return wrapper;
}
