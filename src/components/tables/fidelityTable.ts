/**
 * The reconstruction's fidelity report as a table: every figure the abstract publishes, as printed, beside the
 * value the engine computes on the cohort the site shows, the difference, and whether it prints as published
 * (✓/✗ and a class, so a match does not depend on colour alone). Rows carry data-id (the report's stable id) and
 * data-matches; number cells carry data-value with the full-precision figure.
 *
 * Example: fidelityTable(reconstruction.figures, {caption: "Every published figure, recomputed"})
 */
import {formatNumber} from "../format.js";
import type {FidelityRow} from "../cohort/fidelity.js";
import {rowHeader, tableFrame, verdictMark} from "./frame.js";

/** One row of reconstruction.json's `figures`: the fidelity report's own record. */
export type FidelityFigure = FidelityRow;

export interface FidelityTableOptions {
  caption?: string;
  /** Label of the reproduced column: "Reconstructed" for the synthetic cohort, "Reproduced" for real data. */
  valueLabel?: string;
  /** Show only the rows that do not match. */
  mismatchesOnly?: boolean;
  testId?: string;
}

/** The reproduced value with two more decimals than printed, or in significant figures when it is tiny. */
export function formatReproduced(x: number, decimals: number): string {
  if (!Number.isFinite(x)) return "—";
  if (decimals === 0 && Number.isInteger(x)) return String(x);
  if (x !== 0 && Math.abs(x) < 10 ** -(decimals + 1)) return formatSignificant(x, 3);
  return formatNumber(x, decimals + 2);
}

/** "1.73 × 10⁻⁶", "0.0364": three significant figures, scientific below 0.001. */
export function formatSignificant(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return "—";
  if (x === 0) return "0";
  if (Math.abs(x) >= 1e-3 && Math.abs(x) < 1e6) return formatNumber(x, Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(x)))));
  const exponent = Math.floor(Math.log10(Math.abs(x)));
  const mantissa = x / 10 ** exponent;
  const superscript = String(exponent).replace(/-/g, "⁻").replace(/\d/g, (d) => "⁰¹²³⁴⁵⁶⁷⁸⁹"[Number(d)]!);
  return `${formatNumber(mantissa, digits - 1)} × 10${superscript}`;
}

/** Shades rows whose figure does not follow/match (the ✗ mark carries the meaning; the shade only helps scanning). */
export function ensureMismatchStyle(): void {
  if (typeof document === "undefined" || document.getElementById("mismatch-row-style")) return;
  const style = document.createElement("style");
  style.id = "mismatch-row-style";
  style.textContent = `tr.row-mismatch > th, tr.row-mismatch > td { background: color-mix(in srgb, #D55E00 9%, transparent); }
tr.check-arithmetic-row > td { border-top: none; }`;
  document.head.append(style);
}

export function fidelityTable(rows: readonly FidelityFigure[], {caption, valueLabel = "Reproduced", mismatchesOnly = false, testId = "fidelity-table"}: FidelityTableOptions = {}): HTMLElement {
  ensureMismatchStyle();
  const shown = mismatchesOnly ? rows.filter((r) => !r.matches) : rows;
  const matched = rows.filter((r) => r.matches).length;
  const {wrapper, body} = tableFrame({
    caption: caption ?? `${matched} of ${rows.length} published figures reproduced at their printed precision`,
    headers: ["Published figure", "Prints as published?", "As printed", valueLabel, "Difference", "Note"],
    testId,
    className: "fidelity-table",
    regionLabel: "Fidelity of the cohort to the published figures"
  });
  for (const r of shown) {
    const tr = body.insertRow();
    tr.setAttribute("data-id", r.id);
    tr.setAttribute("data-matches", String(r.matches));
    if (!r.matches) tr.className = "row-mismatch";
    const th = rowHeader(r.figure);
    th.style.whiteSpace = "normal";
    tr.append(th);
    const cell = (field: string, text: string, value?: number): HTMLTableCellElement => {
      const td = tr.insertCell();
      td.textContent = text;
      td.setAttribute("data-field", field);
      if (value !== undefined && Number.isFinite(value)) td.setAttribute("data-value", String(value));
      return td;
    };
    cell("matches", "").append(verdictMark(r.matches));
    cell("published", r.published, r.publishedValue);
    cell("reproduced", formatReproduced(r.reconstructed, r.decimals), r.reconstructed);
    cell("difference", r.relation === "=" ? formatReproduced(r.difference, r.decimals) : "", r.difference);
    const note = cell("note", r.note ?? "");
    note.style.whiteSpace = "normal";
    note.style.minWidth = "12rem";
  }
  if (shown.length === 0) {
    const td = body.insertRow().insertCell();
    td.colSpan = 6;
    td.textContent = "No figure differs from the published one.";
  }
  return wrapper;
}
