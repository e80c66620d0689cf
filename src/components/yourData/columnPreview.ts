/**
 * What the page found in the reader's file, before any analysis: one row per column with its detected type,
 * missing cells, distinct values and range (and, for a mostly numeric column with stray text, which rows), then
 * the first rows of the file. Every name and cell is set with textContent — a column called "<img onerror=…>"
 * is shown as those characters, never parsed as HTML.
 *
 * Example: columnPreview(loadedTable)
 */
import type {ColumnSummary, LoadedTable} from "../worker/protocol.js";
import {ensureTableStyle} from "../tables/style.js";

/** The detected kind in words: numeric, two values, categories, mostly numeric with text, empty. */
export function kindText(c: ColumnSummary): string {
  if (c.kind === "numeric") return c.distinct === 2 ? "numeric, two values" : c.distinct === 1 ? "numeric, constant" : "numeric";
  if (c.kind === "text") return c.distinct === 2 ? "two values" : c.distinct === 1 ? "one value" : "categories";
  if (c.kind === "mixed") return "mostly numeric, with text cells";
  return "empty";
}

function cell(tag: "td" | "th", text: string, attrs: Record<string, string> = {}): HTMLTableCellElement {
  const el = document.createElement(tag);
  el.textContent = text;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

function scroller(label: string, table: HTMLTableElement): HTMLElement {
  const wrapper = document.createElement("div");
  wrapper.className = "table-scroll";
  wrapper.setAttribute("role", "region");
  wrapper.setAttribute("aria-label", label);
  wrapper.tabIndex = 0;
  wrapper.append(table);
  return wrapper;
}

export function describeColumn(c: ColumnSummary): string {
  if (c.kind === "numeric" || c.kind === "mixed") {
    const range = c.min != null && c.max != null ? `${c.min} to ${c.max}` : "";
    return c.nonNumeric?.count
      ? `${range ? `${range}; ` : ""}${c.nonNumeric.count} non-numeric cell${c.nonNumeric.count === 1 ? "" : "s"} (row${c.nonNumeric.rows.length === 1 ? "" : "s"} ${c.nonNumeric.rows.join(", ")}${c.nonNumeric.count > c.nonNumeric.rows.length ? ", …" : ""}: ${c.nonNumeric.values.map((v) => `“${v}”`).join(", ")})`
      : range;
  }
  const shown = c.levels.slice(0, 6).map((v) => `“${v}”`).join(", ");
  // distinct is the exact count, however many levels are listed
  return `${c.distinct} value${c.distinct === 1 ? "" : "s"}${shown ? `: ${shown}${c.levels.length > 6 || c.levelsCapped ? ", …" : ""}` : ""}`;
}

export function columnPreview(table: LoadedTable): HTMLElement {
  ensureTableStyle();
  const root = document.createElement("div");
  root.className = "your-data-preview";

  const columns = document.createElement("table");
  columns.className = "stats your-data-columns";
  columns.setAttribute("data-testid", "your-data-columns");
  const cap = document.createElement("caption");
  cap.textContent = `${table.columns.length} columns and ${table.rows.toLocaleString("en")} rows in “${table.fileName}”: the type detected for each column.`;
  columns.append(cap);
  const head = columns.createTHead().insertRow();
  for (const h of ["Column", "Detected type", "Missing", "Values"]) head.append(cell("th", h, {scope: "col"}));
  const body = columns.createTBody();
  for (const c of table.columns) {
    const tr = body.insertRow();
    tr.setAttribute("data-column", c.name);
    tr.append(
      cell("th", c.name, {scope: "row"}),
      cell("td", kindText(c), {"data-testid": "column-kind"}),
      cell("td", String(c.missing), {"data-testid": "column-missing"}),
      cell("td", describeColumn(c))
    );
    if (c.nonNumeric?.count) tr.classList.add("your-data-warning-row");
    if (table.idLike?.includes(c.name)) {
      tr.setAttribute("data-id-like", "true");
      tr.lastElementChild!.append(" — a different value in every row: an identifier, not a predictor");
    }
  }
  root.append(scroller("Detected columns, scrollable", columns));

  const preview = document.createElement("table");
  preview.className = "stats your-data-rows";
  preview.setAttribute("data-testid", "your-data-preview");
  const pcap = document.createElement("caption");
  pcap.textContent = `First ${table.preview.length} rows, as written in the file.`;
  preview.append(pcap);
  const phead = preview.createTHead().insertRow();
  phead.append(cell("th", "Row", {scope: "col"}));
  for (const c of table.columns) phead.append(cell("th", c.name, {scope: "col"}));
  const pbody = preview.createTBody();
  table.preview.forEach((row, i) => {
    const tr = pbody.insertRow();
    tr.append(cell("th", String(i + 1), {scope: "row"}));
    for (let j = 0; j < table.columns.length; j++) tr.append(cell("td", row[j] ?? ""));
  });
  root.append(scroller("First rows of the file, scrollable", preview));
  return root;
}
