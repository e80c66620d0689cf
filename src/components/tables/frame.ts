/**
 * The one table system every table of the site is built on (the study pages and "Your own cohort" alike): a
 * keyboard-focusable scrolling region, named for screen readers, around a `table.stats` with its caption and one
 * header row; helpers for cells, so a table component writes only what is particular to it. Text goes in with
 * textContent only (a reader's column names and cells are never parsed as HTML).
 *
 * Example: const {wrapper, body} = tableFrame({caption: "…", headers: ["Term", "β"], testId: "model-terms"})
 */
import {ensureTableStyle} from "./style.js";

export interface TableFrameOptions {
  /** Caption text (or a node, for captions with live parts). */
  caption: string | Node;
  /** Column headers of the one header row; omit to build the head yourself. */
  headers?: readonly string[];
  /** data-testid of the table. */
  testId: string;
  /** Extra class names of the table (besides "stats"). */
  className?: string;
  /** Accessible name of the scrolling region; default: the caption's first sentence. */
  regionLabel?: string;
}

export interface TableFrame {
  /** The scrolling region to put on the page. */
  wrapper: HTMLDivElement;
  table: HTMLTableElement;
  head: HTMLTableSectionElement;
  body: HTMLTableSectionElement;
}

export function tableFrame({caption, headers, testId, className, regionLabel}: TableFrameOptions): TableFrame {
  ensureTableStyle();
  const wrapper = document.createElement("div");
  wrapper.className = "table-scroll";
  wrapper.setAttribute("role", "region");
  const captionText = typeof caption === "string" ? caption : (caption.textContent ?? "");
  wrapper.setAttribute("aria-label", `${regionLabel ?? (captionText.split(/\.\s/)[0]!.replace(/\.$/, "") || testId)}, scrollable`);
  wrapper.tabIndex = 0;
  const table = document.createElement("table");
  table.className = className ? `stats ${className}` : "stats";
  table.setAttribute("data-testid", testId);
  const cap = document.createElement("caption");
  cap.append(caption);
  table.append(cap);
  const head = table.createTHead();
  if (headers) {
    const row = head.insertRow();
    for (const h of headers) row.append(cell("th", h, {scope: "col"}));
  }
  const body = table.createTBody();
  wrapper.append(table);
  return {wrapper, table, head, body};
}

/** A cell with text and attributes (a `th` with scope "row" for a row header). */
export function cell(tag: "td" | "th", text: string | Node, attributes: Record<string, string> = {}): HTMLTableCellElement {
  const el = document.createElement(tag);
  el.append(text);
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
  return el;
}

/** A row header cell. */
export function rowHeader(text: string | Node, attributes: Record<string, string> = {}): HTMLTableCellElement {
  return cell("th", text, {scope: "row", ...attributes});
}

/** The yes/no mark of a verdict column: "✓ yes" (class match) or "✗ no" (class mismatch). */
export function verdictMark(ok: boolean): HTMLSpanElement {
  const mark = document.createElement("span");
  mark.className = ok ? "match" : "mismatch";
  mark.textContent = ok ? "✓ yes" : "✗ no";
  return mark;
}
