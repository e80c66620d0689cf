/**
 * The ensemble of reconstructions as tables (src/components/study/ensemble.ts's report, the build's ensemble.json):
 * - ensembleTable: figure by figure, the conclusion, its value on the site's cohort, the ensemble's median and
 *   range, and the verdict ("holds in all 24", "holds in most (19 of 24)", "depends on the reconstruction …");
 * - shapeTable: per measured variable, the published AUC beside the binormal AUC its published means and SDs imply,
 *   and each group's shape (share within a window, skewness) on the site's cohort and across the ensemble;
 * - forcedScanTable: the search for the least concentrated distribution.
 * Rows carry data-id / data-column, verdict cells data-verdict; numbers data-value at full precision.
 *
 * Example: ensembleTable(report, {testId: "ensemble-table"})
 */
import {formatNumber, formatPercent} from "../format.js";
import {formatSignificant} from "./fidelityTable.js";
import {cell, tableFrame} from "./frame.js";
import type {EnsembleReport} from "../study/ensemble.js";

type FigureRow = EnsembleReport["figures"][number];

/** A figure's value as its kind reads: P-values in significant figures, flags yes/no, others at their decimals. */
export function formatFigure(kind: FigureRow["kind"], decimals: number, x: number | null): string {
  if (x === null || !Number.isFinite(x)) return "—";
  if (kind === "p") return formatSignificant(x, 2);
  if (kind === "flag") return x === 1 ? "yes" : "no";
  return formatNumber(x, decimals);
}

/** Lets a text cell wrap (through the CSSOM: the site's CSP allows no style attributes). */
function wrap(td: HTMLTableCellElement, minWidth: string): HTMLTableCellElement {
  td.style.whiteSpace = "normal";
  td.style.minWidth = minWidth;
  return td;
}

function valueCell(text: string, value: number | null, field: string): HTMLTableCellElement {
  const td = cell("td", text, {"data-field": field});
  if (value !== null && Number.isFinite(value)) td.setAttribute("data-value", String(value));
  td.style.textAlign = "right";
  return td;
}

export function ensembleTable(report: EnsembleReport, {testId = "ensemble-table", caption}: {testId?: string; caption?: string} = {}): HTMLElement {
  const {wrapper, body} = tableFrame({
    caption: caption ?? `Each derived figure on the site's cohort and across the ${report.k} reconstructions`,
    headers: ["Figure", "Conclusion", "Site's cohort", "Ensemble median", "Ensemble range", "Across the ensemble"],
    testId,
    regionLabel: "Derived figures across the ensemble of reconstructions"
  });
  for (const f of report.figures) {
    const tr = body.insertRow();
    tr.setAttribute("data-id", f.id);
    tr.append(wrap(cell("th", f.label, {scope: "row"}), "14rem"));
    tr.append(wrap(cell("td", f.conclusion), "10rem"));
    const site = valueCell(`${formatFigure(f.kind, f.decimals, f.site)}${f.siteHolds === null ? "" : f.siteHolds ? " ✓" : " ✗"}`, f.site, "site");
    tr.append(site);
    tr.append(valueCell(formatFigure(f.kind, f.decimals, f.median), f.median, "median"));
    tr.append(valueCell(`${formatFigure(f.kind, f.decimals, f.min)} to ${formatFigure(f.kind, f.decimals, f.max)}`, null, "range"));
    const verdict = wrap(cell("td", "", {"data-field": "verdict", "data-verdict": f.verdict, "data-holds": String(f.holds)}), "8rem");
    const mark = document.createElement("span");
    mark.className = f.verdict === "holds in all" || f.verdict === "fails in all" ? "match" : "mismatch";
    mark.textContent = f.text;
    verdict.append(mark);
    tr.append(verdict);
  }
  return wrapper;
}

const range = (r: {min: number; max: number}, f: (x: number) => string) => (Number.isFinite(r.min) ? `${f(r.min)} to ${f(r.max)}` : "—");

export function shapeTable(report: EnsembleReport, {testId = "ensemble-shapes"}: {testId?: string} = {}): HTMLElement {
  const {wrapper, body} = tableFrame({
    caption: `What the published figures force: each measured variable's published AUC beside the binormal AUC of its published means and SDs, and the shape of each group on the site's cohort and across the ${report.k} reconstructions`,
    headers: ["Variable", "Published AUC", "Binormal AUC", "Group", "Window", "Share in densest window: site", "ensemble", "Skewness: site", "ensemble"],
    testId,
    regionLabel: "Shapes of the reconstructed distributions"
  });
  const pct = (x: number) => formatPercent(x, 0);
  const skew = (x: number) => formatNumber(x, 2);
  for (const r of report.shapeRows) {
    for (const group of ["asd", "nonAsd"] as const) {
      const tr = body.insertRow();
      tr.setAttribute("data-column", r.column);
      tr.setAttribute("data-group", group);
      if (group === "asd") {
        tr.append(cell("th", r.label, {scope: "row", rowspan: "2"}));
        const pub = valueCell(r.publishedAuc === null ? "—" : formatNumber(r.publishedAuc, 3), r.publishedAuc, "published-auc");
        pub.rowSpan = 2;
        const bin = valueCell(formatNumber(r.binormalAuc, 3), r.binormalAuc, "binormal-auc");
        bin.rowSpan = 2;
        tr.append(pub, bin);
      }
      const site = r.site?.[group] ?? null;
      const e = r.ensemble[group];
      tr.append(cell("td", group === "asd" ? "ASD" : "no ASD"));
      tr.append(valueCell(`${formatNumber(r.width, r.width < 1 ? 1 : 0)} ${r.unit}`, r.width, "width"));
      tr.append(valueCell(site ? `${pct(site.windowShare)} (from ${formatNumber(site.windowFrom, r.width < 1 ? 1 : 0)})` : "—", site?.windowShare ?? null, "site-share"));
      tr.append(valueCell(range(e.windowShare, pct), null, "ensemble-share"));
      tr.append(valueCell(site ? skew(site.skewness) : "—", site?.skewness ?? null, "site-skewness"));
      tr.append(valueCell(range(e.skewness, skew), null, "ensemble-skewness"));
    }
  }
  return wrapper;
}

export function forcedScanTable(report: EnsembleReport, {testId = "ensemble-forced-scan"}: {testId?: string} = {}): HTMLElement {
  const forced = report.forced[0]!;
  const {wrapper, body} = tableFrame({
    caption: `The generator's search: at most how many of the ${forced.n} ASD patients may lie within a ${forced.width}-year window of age, with every published figure of age still met`,
    headers: ["At most (patients)", "Share", "Seeds tried", "Seeds that meet every figure"],
    testId,
    regionLabel: "Search for the least concentrated age distribution"
  });
  for (const s of forced.scan) {
    const tr = body.insertRow();
    tr.setAttribute("data-max-count", String(s.maxCount));
    tr.append(cell("th", String(s.maxCount), {scope: "row"}));
    tr.append(valueCell(formatPercent(s.maxCount / forced.n, 0), s.maxCount / forced.n, "share"));
    tr.append(valueCell(String(s.tried.length), s.tried.length, "tried"));
    tr.append(valueCell(s.found.length ? `${s.found.length} (${s.found.join(", ")})` : "none", s.found.length, "found"));
  }
  return wrapper;
}
