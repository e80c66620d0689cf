/**
 * One result table of the "Your own cohort" page, drawn and exported from the same rows: the page shows each
 * number formatted (3 decimals, p as "<0.001"), the CSV download carries the full-precision number, written by the
 * shared CSV writer (../csv-export.ts), which neutralises cells a spreadsheet would run as a formula (=, +, −, @,
 * tab, CR) while numbers stay numbers. Cells are set with textContent only.
 *
 * Example: resultTable({id: "model", caption: "…", columns: [{key: "term", label: "Term"}], rows: [{term: "age"}]})
 */
import {tableFrame} from "../tables/frame.js";
import {saveBlob} from "../download.js";
import {csvFromRows, downloadCsv, type CsvValue} from "../csv-export.js";

export type CellValue = string | number | boolean | null | undefined;

export interface ResultColumn {
  key: string;
  label: string;
  /** Shown text for a value; default: the value as text. */
  format?: (value: CellValue, row: Record<string, CellValue>) => string;
  /** The first column is a row header. */
  rowHeader?: boolean;
  /** Left out of the display (still exported). */
  exportOnly?: boolean;
}

export interface ResultTableSpec {
  /** Stable id: the table's data-testid is `your-${id}`, the CSV file `${id}.csv`. */
  id: string;
  caption: string;
  columns: ResultColumn[];
  rows: Record<string, CellValue>[];
  /** Rows shown on the page (all rows are exported); default all. */
  showRow?: (row: Record<string, CellValue>) => boolean;
}

export function downloadText(text: string, fileName: string, type: string): void {
  saveBlob(new Blob([text], {type}), fileName);
}

/** The table as CSV text: header of column labels, full-precision values. */
export function tableCsv(spec: ResultTableSpec): string {
  return csvFromRows(
    spec.columns.map((c) => c.label),
    spec.rows.map((row) => spec.columns.map((c) => (row[c.key] ?? null) as CsvValue))
  );
}

export function csvButton(spec: ResultTableSpec, label = "Download CSV"): HTMLButtonElement {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "your-data-download";
  button.textContent = label;
  // The accessible name starts with the visible text (WCAG 2.5.3, label in name), then says which table.
  button.setAttribute("aria-label", `${label}: ${spec.caption.split(". ")[0]!.replace(/\.$/, "")}`);
  button.setAttribute("data-testid", `download-${spec.id}-csv`);
  button.addEventListener("click", () => downloadCsv(tableCsv(spec), `${spec.id}.csv`));
  return button;
}

export function resultTable(spec: ResultTableSpec): HTMLElement {
  const wrapper = document.createElement("div");
  wrapper.className = "your-data-table";
  const shown = spec.columns.filter((c) => !c.exportOnly);
  const {wrapper: scroll, body} = tableFrame({caption: spec.caption, headers: shown.map((c) => c.label), testId: `your-${spec.id}`, regionLabel: spec.caption.split(".")[0]!});
  for (const row of spec.rows) {
    if (spec.showRow && !spec.showRow(row)) continue;
    const tr = body.insertRow();
    for (const c of shown) {
      const value = row[c.key];
      const td = document.createElement(c.rowHeader ? "th" : "td");
      if (c.rowHeader) (td as HTMLTableCellElement).scope = "row";
      td.textContent = c.format ? c.format(value, row) : value == null ? "" : String(value);
      td.setAttribute("data-field", c.key);
      if (typeof value === "number") td.setAttribute("data-value", String(value));
      tr.append(td);
    }
  }
  const footer = document.createElement("div");
  footer.className = "your-data-table-footer";
  footer.append(csvButton(spec));
  wrapper.append(scroll, footer);
  return wrapper;
}
