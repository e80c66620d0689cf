/**
 * The DOM pieces "Your own cohort" builds its forms and results from: an element with text and attributes (never
 * parsed as HTML), a results section with its heading, a number cell's formatter, and the shell quoting of the CLI
 * command lines the results print.
 */
import {formatNumber} from "../format.js";
import type {CellValue} from "./resultTable.js";

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text != null) node.textContent = text;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

/** A results section titled `title`; tests find it by `your-section-{id}`. */
export function section(title: string, id: string): HTMLElement {
  const s = el("section", undefined, {"data-testid": `your-section-${id}`, "aria-labelledby": `your-heading-${id}`});
  s.className = "your-data-section";
  s.append(el("h2", title, {id: `your-heading-${id}`}));
  return s;
}

/** A cell's number to `d` decimals; text as it is; "—" when absent. */
export const num = (d: number) => (v: CellValue) => (typeof v === "number" ? formatNumber(v, d) : v == null ? "—" : String(v));

/** One shell word: as it is when it holds no special character, else in single quotes. */
export const shellQuote = (s: string) => (/^[\w.,@%+=:/-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);
