/**
 * CSV text → a table of strings (header + data rows), checked so that every later message can say what is wrong
 * and where. Parsing is RFC 4180 by d3-dsv's csvParseRows (comma-separated, double-quoted fields, "" inside
 * quotes for a quote, CRLF or LF line ends); this module adds the checks a reader's file needs:
 *
 * - a leading byte-order mark is dropped; completely blank lines are skipped (as R's read.csv blank.lines.skip);
 * - header names and cells are trimmed of surrounding whitespace (so " M" and "M" are one level, never two);
 * - errors (AnalysisError, code in parentheses) for: text that is not CSV — binary content such as an Excel
 *   workbook or a PDF, HTML/JSON, or a semicolon/tab-separated file read as one column ("not-csv"); no text at all
 *   ("empty"); a header without data rows ("header-only"); a blank or duplicate column name ("header"); a row
 *   whose number of fields differs from the header's ("parse").
 *
 * Row numbers in messages: "data row r" counts data rows from 1 (the first row under the header is data row 1);
 * messages also give the spreadsheet row (r + 1, the header being spreadsheet row 1), which is what a reader sees
 * in Excel or LibreOffice. Line numbers of the file can differ when a quoted cell spans lines.
 *
 * Pure: no DOM, no node: imports (runs in Node, the browser and a Web Worker).
 *
 * @example parseCsvTable("age,asd\n61,0\n70,1\n").rows // [["61", "0"], ["70", "1"]]
 */
import {csvParseRows} from "d3";

/** A parsed table: column names and data rows (every row has exactly columns.length cells), all text. */
export interface CsvTable {
  columns: string[];
  rows: string[][];
  /** Where the text came from (a file name), for messages. */
  source?: string;
  /**
   * The spreadsheet row of each data row (header = row 1): what a reader sees in Excel or LibreOffice. Blank lines
   * count as rows there, so after one this is more than the data row's position + 1. Absent: position + 2.
   */
  rowNumbers?: number[];
}

export type AnalysisErrorCode = "empty" | "not-csv" | "header-only" | "header" | "parse" | "choices" | "column" | "outcome" | "analysis";

/** Where in the data an error is, for a page to highlight: a column and/or 1-based data row numbers. */
export interface AnalysisErrorLocation {
  column?: string;
  /** 1-based data rows (the first row under the header is 1). */
  rows?: number[];
}

/**
 * A problem with the reader's data or choices: the message says what is wrong, where (column, row) and what to
 * do. Thrown by parseCsvTable, the column checks (./columns.ts) and analyzeTable (./analysis.ts).
 */
export class AnalysisError extends Error {
  readonly code: AnalysisErrorCode;
  readonly where: AnalysisErrorLocation;
  constructor(message: string, code: AnalysisErrorCode = "analysis", where: AnalysisErrorLocation = {}) {
    super(message);
    this.name = "AnalysisError";
    this.code = code;
    this.where = where;
  }
}

/**
 * "data row 3 (spreadsheet row 4)": the row convention every message uses. `dataRow` counts data rows from 1 (the
 * first row under the header is data row 1); `spreadsheetRow` is the row a spreadsheet shows (header = row 1, blank
 * lines counted), by default dataRow + 1.
 */
export function describeRow(dataRow: number, spreadsheetRow = dataRow + 1): string {
  return `data row ${dataRow} (spreadsheet row ${spreadsheetRow})`;
}

/** Quotes a column name or a cell for a message, showing invisible differences (JSON string syntax). */
export function quote(text: string): string {
  return JSON.stringify(text);
}

function sourceLabel(source: string | undefined): string {
  return source ? `${source}: ` : "";
}

/** Recognises common non-CSV contents from their first characters, with advice. */
function notCsvReason(text: string): string | null {
  const head = text.slice(0, 2048);
  if (head.startsWith("PK\u0003\u0004")) return "it is a ZIP archive (an Excel .xlsx or OpenDocument .ods workbook?); save the sheet as CSV (comma-separated) and choose that file";
  if (head.startsWith("\u00d0\u00cf\u0011\u00e0") || head.startsWith("\ufffd\ufffd\u0011\ufffd")) return "it is an old Excel .xls workbook; save the sheet as CSV (comma-separated) and choose that file";
  if (head.startsWith("%PDF")) return "it is a PDF document; export the data as CSV";
  if (/\u0000/.test(head)) return "it contains binary data (NUL bytes), not text; export the data as CSV";
  let replacement = 0;
  for (const ch of head) if (ch === "\ufffd") replacement++;
  if (replacement > 8 && replacement > head.length / 20) return "it is not readable text (many undecodable bytes); save it as CSV in UTF-8";
  const trimmed = head.trimStart();
  if (/^<(!doctype|html|\?xml|svg|table)/i.test(trimmed)) return "it is an HTML/XML document, not comma-separated values";
  if (/^[[{]/.test(trimmed) && /^[[{]\s*["{[\]}]/.test(trimmed)) return "it looks like JSON, not comma-separated values";
  return null;
}

/**
 * Parses CSV text into a checked table.
 * Throws AnalysisError (see the module comment for each case and its code).
 * @example parseCsvTable("a,b\n1,2", {source: "x.csv"}).columns // ["a", "b"]
 */
export function parseCsvTable(text: string, {source}: {source?: string} = {}): CsvTable {
  const where = sourceLabel(source);
  if (typeof text !== "string") throw new TypeError("parseCsvTable: text must be a string");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") {
    throw new AnalysisError(`${where}the file is empty: it has no header and no rows. Choose a CSV file with a header row of column names and one row per patient.`, "empty");
  }
  const reason = notCsvReason(text);
  if (reason) throw new AnalysisError(`${where}this is not a CSV file: ${reason}.`, "not-csv");

  const parsed = csvParseRows(text);
  // blank records are skipped but keep their place in the spreadsheet's row numbering (record r is row r + 1)
  const lines: string[][] = [];
  const recordRows: number[] = [];
  parsed.forEach((row, r) => {
    if (row.length === 1 && row[0]!.trim() === "") return;
    lines.push(row);
    recordRows.push(r + 1);
  });
  const header = lines[0]!.map((name) => name.trim());
  const body = lines.slice(1);
  const rowNumbers = recordRows.slice(1);

  if (header.length === 1) {
    const name = header[0]!;
    const separator = name.includes(";") ? "semicolons" : name.includes("\t") ? "tabs" : null;
    if (separator) {
      throw new AnalysisError(
        `${where}this is not a comma-separated file: the header ${quote(name)} is one column whose name contains ${separator}. ` +
          `Save the file as CSV with commas between fields (in a spreadsheet: Save as → CSV, comma-separated).`,
        "not-csv"
      );
    }
  }

  const seen = new Map<string, number>();
  header.forEach((name, j) => {
    if (name === "") {
      throw new AnalysisError(
        `${where}column ${j + 1} of the header has no name (blank). Give every column a name in the first row.`,
        "header",
        {}
      );
    }
    const first = seen.get(name);
    if (first !== undefined) {
      throw new AnalysisError(
        `${where}the column name ${quote(name)} appears twice in the header (columns ${first + 1} and ${j + 1}). Rename one so that every column name is unique.`,
        "header",
        {column: name}
      );
    }
    seen.set(name, j);
  });

  if (body.length === 0) {
    throw new AnalysisError(`${where}the file has a header (${header.length} column${header.length === 1 ? "" : "s"}: ${header.map(quote).join(", ")}) but no data rows. Add one row per patient under the header.`, "header-only");
  }

  const rows: string[][] = new Array(body.length);
  for (let i = 0; i < body.length; i++) {
    const row = body[i]!;
    if (row.length !== header.length) {
      throw new AnalysisError(
        `${where}${describeRow(i + 1, rowNumbers[i])} has ${row.length} field${row.length === 1 ? "" : "s"} but the header has ${header.length}. ` +
          `Check that row for an extra or missing comma, or a quote (") that is not closed.`,
        "parse",
        {rows: [i + 1]}
      );
    }
    for (let j = 0; j < row.length; j++) row[j] = row[j]!.trim();
    rows[i] = row;
  }
  return source === undefined ? {columns: header, rows, rowNumbers} : {columns: header, rows, source, rowNumbers};
}
