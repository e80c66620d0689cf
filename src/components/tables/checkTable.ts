/**
 * The abstract's figures checked against each other (src/components/stats/abstract-check.ts): one row per check —
 * the published figure, how it was recomputed, the recomputed value (with its range over the rounding of the
 * inputs), whether the figure follows, and below it the arithmetic written out in a disclosure a reviewer can open. A
 * figure that does not follow is marked ✗ and in the mismatch colour, so the verdict never rests on colour alone.
 * Rows carry data-id (the check's id), data-figure (its figureId) and data-consistent; the arithmetic row that follows
 * each carries data-arithmetic-for (the check's id).
 *
 * Example: checkTable(checks.filter((c) => c.section === "binary"), {caption: "Yes/no variables"})
 */
import {formatNumber} from "../format.js";
import type {AbstractCheck} from "../stats/abstract-check.js";
import {ensureMismatchStyle, formatSignificant} from "./fidelityTable.js";
import {rowHeader, tableFrame, verdictMark} from "./frame.js";

/** One element of checking.json's `checks`: the abstract checker's own record. */
export type CheckRow = AbstractCheck;

export interface CheckTableOptions {
  caption?: string;
  testId?: string;
  /** Open every arithmetic disclosure (for print). */
  open?: boolean;
}

/** A recomputed value in the way the section reads it: P-values and SEs in significant figures, AUCs to 3 decimals. */
export function formatRecomputed(c: Pick<CheckRow, "section" | "id" | "recomputed">, x = c.recomputed): string {
  if (c.section === "auc") return formatNumber(x, 3);
  if (c.section === "multivariable") return `SE ${formatSignificant(x, 3)}`;
  if (c.section === "cohort") return c.id.endsWith("Pct") ? `${formatNumber(x, 2)}%` : String(x);
  if (c.id.endsWith(".total")) return String(x);
  return `P = ${formatSignificant(x, 3)}`;
}

export function checkTable(checks: readonly CheckRow[], {caption, testId = "check-table", open = false}: CheckTableOptions = {}): HTMLElement {
  ensureMismatchStyle();
  const failing = checks.filter((c) => !c.consistent).length;
  const {wrapper, body} = tableFrame({
    caption: caption ? `${caption}: ${failing} of ${checks.length} checks do not follow` : `${failing} of ${checks.length} checks do not follow`,
    headers: ["Published figure", "Follows?", "As printed", "Recomputed", "Recomputed by"],
    testId,
    className: "check-table",
    regionLabel: caption ?? "Checks of the abstract"
  });
  for (const c of checks) {
    const tr = body.insertRow();
    tr.setAttribute("data-id", c.id);
    tr.setAttribute("data-figure", c.figureId);
    tr.setAttribute("data-consistent", String(c.consistent));
    if (!c.consistent) tr.className = "row-mismatch";
    const th = rowHeader(c.figure);
    th.style.whiteSpace = "normal";
    th.style.minWidth = "10rem";
    tr.append(th);
    const cell = (field: string, text: string, wrap = false): HTMLTableCellElement => {
      const td = tr.insertCell();
      td.textContent = text;
      td.setAttribute("data-field", field);
      if (wrap) td.style.whiteSpace = "normal";
      return td;
    };
    // The verdict first after the figure, so a phone shows it without scrolling sideways.
    cell("consistent", "").append(verdictMark(c.consistent));
    cell("published", c.published);
    const value = cell("recomputed", formatRecomputed(c));
    value.setAttribute("data-value", String(c.recomputed));
    if (c.range) {
      const range = document.createElement("div");
      range.className = "check-range";
      range.textContent = `range ${formatRecomputed(c, c.range[0]).replace(/^(P = |SE )/, "")} to ${formatRecomputed(c, c.range[1]).replace(/^(P = |SE )/, "")}`;
      range.style.fontSize = "0.8rem";
      value.append(range);
    }
    cell("method", c.method, true).style.minWidth = "10rem";
    // The arithmetic in a second row spanning the table, so the table stays narrow enough for a phone.
    const detailRow = body.insertRow();
    detailRow.className = "check-arithmetic-row";
    detailRow.setAttribute("data-arithmetic-for", c.id);
    const arithmetic = detailRow.insertCell();
    arithmetic.colSpan = 5;
    arithmetic.setAttribute("data-field", "arithmetic");
    arithmetic.style.whiteSpace = "normal";
    arithmetic.style.maxWidth = "44rem";
    arithmetic.style.paddingBottom = "0.6rem";
    const details = document.createElement("details");
    if (open) details.open = true;
    const summary = document.createElement("summary");
    summary.textContent = "Show the arithmetic";
    summary.style.fontSize = "0.85rem";
    const text = document.createElement("p");
    text.textContent = c.arithmetic;
    text.style.margin = "0.25rem 0";
    text.style.fontSize = "0.85rem";
    details.append(summary, text);
    arithmetic.append(details);
  }
  return wrapper;
}
