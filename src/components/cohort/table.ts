/**
 * CSV text → a table of strings (header + data rows), checked so that every later message can say what is wrong
 * and where. Parsing is RFC 4180 by d3-dsv's csvParseRows (comma-separated, double-quoted fields, "" inside
 * quotes for a quote, CRLF or LF line ends); this module adds the checks a reader's file needs:
 *
 * - a leading byte-order mark is dropped; blank lines, and rows whose every field is empty (",,," as Excel writes for
 *   a formatted but empty row), are skipped but still counted in spreadsheet row numbers;
 * - header names and cells are trimmed of surrounding whitespace (so " M" and "M" are one level, never two);
 * - errors (AnalysisError, code in parentheses) for: text that is not CSV — binary content such as an Excel
 *   workbook or a PDF, HTML/JSON, or a semicolon/tab-separated file read as one column ("not-csv"); no text at all
 *   ("empty"); a header without data rows ("header-only"); a blank or duplicate column name ("header"); a row
 *   whose number of fields differs from the header's ("parse").
 *
 * Row numbers in messages: "data row r" counts data rows from 1 (the first row under the header is data row 1);
 * messages also give the spreadsheet row, which is what a reader sees in Excel or LibreOffice: the table's
 * `rowNumbers` (blank lines count, as a spreadsheet shows them; a quoted cell spanning lines is one row, as in a
 * spreadsheet). Line numbers of the file can differ when a quoted cell spans lines.
 *
 * Other delimiters, decimal commas, UTF-16 and .xlsx are read by ./readers/ (readTableFile), which ends in the
 * same checks through tableFromRecords.
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
  /**
   * For each data row, the row number a spreadsheet shows for it (the header is row 1 unless blank lines come
   * before it; blank lines and rows count). Set by parseCsvTable and the readers; optional so that tables built by
   * hand need not carry it (spreadsheetRow then assumes no blank lines).
   */
  rowNumbers?: number[];
  /** Where the text came from (a file name), for messages. */
  source?: string;
}

export type AnalysisErrorCode =
  | "empty" | "not-csv" | "header-only" | "header" | "parse" | "choices" | "column" | "outcome" | "analysis"
  /** The bytes are not text in an encoding the readers decode (./readers/encoding.ts). */
  | "encoding"
  /** A number written with a thousands separator or the other decimal mark (./readers/dialect.ts). */
  | "number-format"
  /** An .xlsx workbook that cannot be read, or a cell holding an error such as #DIV/0! (./readers/xlsx.ts). */
  | "spreadsheet";

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
 * "data row 3 (spreadsheet row 4)": the row convention every message uses. The spreadsheet row defaults to
 * dataRow + 1 (a header on row 1 and no blank lines); pass spreadsheetRow(table, dataRow) where a table is at hand.
 */
export function describeRow(dataRow: number, spreadsheetRowNumber: number = dataRow + 1): string {
  return `data row ${dataRow} (spreadsheet row ${spreadsheetRowNumber})`;
}

/** The spreadsheet row of a 1-based data row: table.rowNumbers when the table has them, else dataRow + 1. */
export function spreadsheetRow(table: Pick<CsvTable, "rowNumbers">, dataRow: number): number {
  return table.rowNumbers?.[dataRow - 1] ?? dataRow + 1;
}

/** describeRow with the table's own spreadsheet row numbers. */
export function describeTableRow(table: Pick<CsvTable, "rowNumbers">, dataRow: number): string {
  return describeRow(dataRow, spreadsheetRow(table, dataRow));
}

/** Quotes a column name or a cell for a message, showing invisible differences (JSON string syntax). */
export function quote(text: string): string {
  return JSON.stringify(text);
}

function sourceLabel(source: string | undefined): string {
  return source ? `${source}: ` : "";
}

/** Recognises common non-CSV contents from their first characters, with advice; null when it may be CSV. */
export function notCsvReason(text: string): string | null {
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

  const records = csvParseRows(text);
  if (records.length && records[0]!.length === 1) {
    const name = records.find((row) => !isBlankRecord(row))?.[0]?.trim() ?? "";
    const separator = name.includes(";") ? "semicolons" : name.includes("\t") ? "tabs" : null;
    if (separator) {
      throw new AnalysisError(
        `${where}this is not a comma-separated file: the header ${quote(name)} is one column whose name contains ${separator}. ` +
          `Save the file as CSV with commas between fields (in a spreadsheet: Save as → CSV, comma-separated).`,
        "not-csv"
      );
    }
  }
  return tableFromRecords(records, {source, fieldSeparator: "comma"});
}

/** A record of one empty field: what a blank line parses to. */
function isBlankRecord(record: readonly string[]): boolean {
  return record.every((cell) => cell.trim() === "");
}

export interface TableFromRecordsOptions {
  source?: string | undefined;
  /**
   * Spreadsheet row number of each record (default: its 1-based position, as when every record is one line or
   * one spreadsheet row). A reader of a sheet with gaps passes the sheet's own row numbers.
   */
  recordRowNumbers?: readonly number[];
  /** The separator's name for the message about a row with too many or too few fields ("comma", "semicolon", …). */
  fieldSeparator?: string;
  /**
   * Records of a spreadsheet sheet: rows may be shorter than the header (a spreadsheet stores no trailing empty
   * cells) and are padded with "". A cell beyond the header's last column is still an error.
   */
  padShortRows?: boolean;
  /** "sheet" words the empty-table message for a spreadsheet's sheet (default "file"). */
  container?: "file" | "sheet";
}

/**
 * The checks every reader shares, on records already split into fields: blank records (every field empty) are
 * skipped but keep their row numbers; the first non-blank record is the header; names and cells are trimmed;
 * blank or duplicate names and rows whose field count differs from the header's are errors (AnalysisError,
 * codes "empty", "header", "header-only", "parse"). Records are modified in place (trimmed).
 *
 * @example tableFromRecords([["a", "b"], [""], ["1", "2"]]).rowNumbers // [3]
 */
export function tableFromRecords(records: string[][], {source, recordRowNumbers, fieldSeparator = "comma", padShortRows = false, container = "file"}: TableFromRecordsOptions = {}): CsvTable {
  const where = sourceLabel(source);
  const rowNumberOf = (k: number) => recordRowNumbers?.[k] ?? k + 1;
  let headerIndex = -1;
  for (let k = 0; k < records.length; k++) {
    if (!isBlankRecord(records[k]!)) {
      headerIndex = k;
      break;
    }
  }
  if (headerIndex < 0 && container === "sheet") {
    throw new AnalysisError(`${where}the sheet is empty: it has no header and no rows. Choose the sheet that holds the table, with a header row of column names and one row per patient.`, "empty");
  }
  if (headerIndex < 0) {
    throw new AnalysisError(`${where}the file is empty: it has no header and no rows. Choose a CSV file with a header row of column names and one row per patient.`, "empty");
  }
  const header = checkedHeader(records[headerIndex]!, {source, trimTrailingBlanks: padShortRows});

  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  for (let k = headerIndex + 1; k < records.length; k++) {
    const row = records[k]!;
    if (isBlankRecord(row)) continue;
    const dataRow = rows.length + 1;
    if (padShortRows && row.length > header.length) {
      const extra = row.findIndex((cell, j) => j >= header.length && cell.trim() !== "");
      if (extra < 0) row.length = header.length;
      else {
        throw new AnalysisError(
          `${where}${describeRow(dataRow, rowNumberOf(k))} has a value (${quote(row[extra]!.trim())}) in column ${extra + 1}, beyond the header's ${header.length} column${header.length === 1 ? "" : "s"}. ` +
            `Give that column a name in the header row, or delete the value.`,
          "parse",
          {rows: [dataRow]}
        );
      }
    }
    if (padShortRows) while (row.length < header.length) row.push("");
    if (row.length !== header.length) {
      throw fieldCountError({source, dataRow, spreadsheetRow: rowNumberOf(k), fields: row.length, headerFields: header.length, fieldSeparator});
    }
    for (let j = 0; j < row.length; j++) row[j] = row[j]!.trim();
    rows.push(row);
    rowNumbers.push(rowNumberOf(k));
  }
  if (rows.length === 0) throw headerOnlyError(header, source);
  return source === undefined ? {columns: header, rows, rowNumbers} : {columns: header, rows, rowNumbers, source};
}

/**
 * The header record's names, trimmed and checked: a blank or duplicate name is an AnalysisError ("header").
 * `trimTrailingBlanks` drops empty names at the end first (a spreadsheet's formatted but empty columns).
 */
export function checkedHeader(record: readonly string[], {source, trimTrailingBlanks = false}: {source?: string | undefined; trimTrailingBlanks?: boolean} = {}): string[] {
  const where = sourceLabel(source);
  const header = record.map((name) => name.trim());
  if (trimTrailingBlanks) while (header.length && header[header.length - 1] === "") header.pop();
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
  return header;
}

/** A data row whose number of fields differs from the header's (AnalysisError "parse"). */
export function fieldCountError({source, dataRow, spreadsheetRow, fields, headerFields, fieldSeparator}: {source?: string | undefined; dataRow: number; spreadsheetRow: number; fields: number; headerFields: number; fieldSeparator: string}): AnalysisError {
  return new AnalysisError(
    `${sourceLabel(source)}${describeRow(dataRow, spreadsheetRow)} has ${fields} field${fields === 1 ? "" : "s"} but the header has ${headerFields}. ` +
      `Check that row for an extra or missing ${fieldSeparator}, or a quote (") that is not closed.`,
    "parse",
    {rows: [dataRow]}
  );
}

/** A header with no data rows under it (AnalysisError "header-only"). */
export function headerOnlyError(header: readonly string[], source?: string): AnalysisError {
  return new AnalysisError(`${sourceLabel(source)}the file has a header (${header.length} column${header.length === 1 ? "" : "s"}: ${header.map(quote).join(", ")}) but no data rows. Add one row per patient under the header.`, "header-only");
}
