/**
 * CSV writing for downloads: RFC 4180 text that a spreadsheet opens safely.
 *
 * - Quoting (RFC 4180 §2): a field that contains a comma, a double quote, CR or LF is enclosed in double quotes,
 *   and each double quote inside it is doubled. Records end with CRLF (the RFC's line break) unless told otherwise.
 * - Formula injection (OWASP, "CSV Injection"): a spreadsheet runs a cell that begins with =, +, −, @, a tab or a
 *   carriage return as a formula, so such a text cell is prefixed with a single quote ('), which spreadsheets show
 *   as text. Numbers are not altered: a value of type number that is finite is written as a number ("-3.2" stays
 *   -3.2), and so is a text cell that is a plain decimal literal ("-3.2", "+1e-5"), because a spreadsheet reads it
 *   as that number and nothing else. Anything else beginning with a trigger ("-1+2", "=SUM(A1)", "@cmd") is
 *   neutralised.
 * - Missing values: null, undefined and NaN are written as an empty field. ±Infinity is written as "Inf" and
 *   "'-Inf" (text, neutralised like any other text beginning with "-"). Booleans as "true"/"false"; Dates as ISO 8601.
 *
 * Pure: no DOM at import or in the writers (the study loader calls them in Node); `downloadCsv` alone needs a document.
 *
 * Throws TypeError when `rows` is not an array, when a row of `csvFromRecords` is not an object, or when a row of
 * `csvFromRows` has more cells than the header.
 *
 * Example: csvFromRows(["a", "b"], [[1, "=2+3"], [-3.2, "x,y"]]) // 'a,b\r\n1,\'=2+3\r\n-3.2,"x,y"\r\n'
 */

import {saveBlob} from "./download.js";

export type CsvValue = string | number | boolean | Date | null | undefined;

export interface CsvOptions {
  /** Record separator; RFC 4180 says CRLF (default). */
  lineEnding?: "\r\n" | "\n";
}

/** Characters that make a spreadsheet treat a cell as a formula (OWASP). */
const FORMULA_TRIGGERS = new Set(["=", "+", "-", "@", "\t", "\r"]);
/** A plain decimal literal, which a spreadsheet reads as a number, never as a formula. */
const NUMERIC_LITERAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Prefixes a text cell with ' when a spreadsheet would run it as a formula; plain numeric literals pass. */
export function neutralizeFormula(text: string): string {
  if (text.length === 0 || !FORMULA_TRIGGERS.has(text[0]!)) return text;
  if (NUMERIC_LITERAL.test(text)) return text;
  return `'${text}`;
}

/** RFC 4180 quoting of one field that is already text. */
export function quoteField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One cell, formatted, neutralised and quoted. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "";
    if (value === Infinity) return "Inf";
    if (value === -Infinity) return neutralizeFormula("-Inf");
    // String(x) is the shortest round-trip form: full precision, never locale-dependent.
    return String(value);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return quoteField(value.toISOString());
  return quoteField(neutralizeFormula(String(value)));
}

/** A CSV document from a header and rows of cells (the header goes through the same neutralisation). */
export function csvFromRows(header: readonly string[], rows: readonly (readonly CsvValue[])[], {lineEnding = "\r\n"}: CsvOptions = {}): string {
  if (!Array.isArray(header)) throw new TypeError("csvFromRows: header must be an array of column names");
  if (!Array.isArray(rows)) throw new TypeError("csvFromRows: rows must be an array of arrays");
  const lines = [header.map(csvCell).join(",")];
  rows.forEach((row, i) => {
    if (!Array.isArray(row)) throw new TypeError(`csvFromRows: rows[${i}] is not an array`);
    if (row.length > header.length) throw new TypeError(`csvFromRows: rows[${i}] has ${row.length} cells but the header has ${header.length} columns`);
    const cells = header.map((_, j) => csvCell(row[j]));
    lines.push(cells.join(","));
  });
  return lines.join(lineEnding) + lineEnding;
}

/**
 * A CSV document from objects; columns default to the keys of the first record, in order, then any key that
 * later records add. A key a record lacks is an empty field.
 */
export function csvFromRecords(
  records: readonly Readonly<Record<string, CsvValue>>[],
  {columns, lineEnding = "\r\n"}: CsvOptions & {columns?: readonly string[]} = {}
): string {
  if (!Array.isArray(records)) throw new TypeError("csvFromRecords: records must be an array of objects");
  records.forEach((r, i) => {
    if (r === null || typeof r !== "object" || Array.isArray(r)) throw new TypeError(`csvFromRecords: records[${i}] is not an object`);
  });
  let header: string[];
  if (columns) header = [...columns];
  else {
    const seen = new Set<string>();
    for (const r of records) for (const k of Object.keys(r)) seen.add(k);
    header = [...seen];
  }
  return csvFromRows(header, records.map((r) => header.map((k) => r[k])), {lineEnding});
}

/** Offers CSV text to the reader as a file download (browser only). */
export function downloadCsv(text: string, filename: string): void {
  // A byte-order mark makes Excel read UTF-8 (en dashes, ±, °) correctly.
  saveBlob(new Blob(["\ufeff", text], {type: "text/csv;charset=utf-8"}), filename.endsWith(".csv") ? filename : `${filename}.csv`);
}
