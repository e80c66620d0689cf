/**
 * The cohort's data dictionary (src/components/cohort/schema.ts, COHORT_SCHEMA) as a table: column name as it
 * must appear in the CSV header, what it records, type, unit, decimals written, the range the reconstruction stays
 * inside (real data outside it is accepted with a warning) and the range outside which a value is rejected — and,
 * when given, what the cohort the site shows actually holds (observed range, missing values). Rows carry
 * data-column.
 *
 * Example: dataDictionary(COHORT_SCHEMA, {observed: {age: {min: 52, max: 91, missing: 0}}})
 */
import {formatNumber} from "../format.js";
import {rowHeader, tableFrame} from "./frame.js";

/** The fields of ColumnSpec (src/components/cohort/schema.ts) this table shows. */
export interface DictionaryColumn {
  name: string;
  label: string;
  description: string;
  kind: string;
  unit: string;
  decimals: number;
  plausible: readonly [number, number] | number[];
  valid: readonly [number, number] | number[];
}

export interface ObservedColumn {
  min: number;
  max: number;
  missing: number;
}

export interface DataDictionaryOptions {
  observed?: Record<string, ObservedColumn>;
  caption?: string;
  testId?: string;
}

const KIND_TEXT: Record<string, string> = {id: "identifier", outcome: "outcome, 0/1", binary: "yes/no, 0/1", continuous: "measured"};

function range([lo, hi]: readonly number[], decimals: number): string {
  const big = (x: number) => Math.abs(x) >= 1e9;
  if (big(lo!) && big(hi!)) return "any";
  if (big(hi!)) return `≥ ${formatNumber(lo, decimals)}`;
  return `${formatNumber(lo, decimals)} to ${formatNumber(hi, decimals)}`;
}

export function dataDictionary(columns: readonly DictionaryColumn[], {observed, caption, testId = "data-dictionary"}: DataDictionaryOptions = {}): HTMLElement {
  const headers = ["Column", "Meaning", "Type", "Unit", "Decimals", "Plausible range", "Accepted range"];
  if (observed) headers.push("In this cohort", "Missing");
  const {wrapper, body} = tableFrame({caption: caption ?? "Columns of the cohort CSV, in file order", headers, testId, className: "data-dictionary", regionLabel: "Data dictionary"});
  for (const c of columns) {
    const tr = body.insertRow();
    tr.setAttribute("data-column", c.name);
    const code = document.createElement("code");
    code.textContent = c.name;
    tr.append(rowHeader(code));
    const cell = (text: string, wrap = false) => {
      const td = tr.insertCell();
      td.textContent = text;
      if (wrap) {
        td.style.whiteSpace = "normal";
        td.style.minWidth = "14rem";
      }
      return td;
    };
    cell(`${c.label}: ${c.description}`, true);
    cell(KIND_TEXT[c.kind] ?? c.kind);
    cell(c.unit || "—");
    cell(String(c.decimals));
    cell(c.kind === "id" ? "—" : range(c.plausible, c.decimals));
    cell(c.kind === "id" ? "—" : range(c.valid, c.decimals));
    if (observed) {
      const o = observed[c.name];
      cell(o ? `${formatNumber(o.min, c.decimals)} to ${formatNumber(o.max, c.decimals)}` : "—");
      cell(o ? String(o.missing) : "—");
    }
  }
  return wrapper;
}
