/**
 * A reader's file, as clinicians have it, → a checked table: the one entry point for the "Your own cohort" page's
 * Web Worker and the `analyze` CLI. The bytes are sniffed (an .xlsx zip, an old .xls or password-protected
 * workbook, an OpenDocument .ods, a PDF, or text); text is decoded (./encoding.ts: UTF-8 with or without BOM,
 * UTF-16 LE/BE), its dialect detected (./dialect.ts: delimiter `,` `;` tab `|`, decimal mark `.` or `,`) unless the
 * caller gives it, and parsed; a workbook's first worksheet, or the one chosen, is read (./xlsx.ts). Every path
 * ends in table.ts's checks, and every table carries `rowNumbers`, the row a spreadsheet shows for each data row.
 *
 * The result says how the file was read (`format`, and `description` in one sentence) so that the page can show it
 * for confirmation and offer the choices back (`dialect` overrides, `sheet`).
 *
 * Pure: no DOM, no node: imports. Throws AnalysisError (codes "encoding", "not-csv", "number-format",
 * "spreadsheet", and those of the table checks).
 *
 * @example readTableFile(bytes, {fileName: "cohort.csv"}).format // {kind: "delimited", dialect: {delimiter: ";", decimal: ",", …}, …}
 */
import {AnalysisError, type CsvTable} from "../table.js";
import {decodeText, type TextEncodingName} from "./encoding.js";
import {describeDialect, detectDialect, parseDelimited, type Dialect, type DialectGuess} from "./dialect.js";
import {readXlsx, type SheetInfo} from "./xlsx.js";

export {decodeText, firstInvalidUtf8, type DecodedText, type TextEncodingName} from "./encoding.js";
export {classifyNumber, delimiterName, describeDialect, detectDialect, parseDelimited, DECIMAL_MARKS, DELIMITERS, type DecimalMark, type Delimiter, type Dialect, type DialectGuess, type ReadCsvTable} from "./dialect.js";
export {columnLetters, excelSerialToIso, isDateFormatCode, listSheets, readXlsx, type SheetInfo, type XlsxRead} from "./xlsx.js";

export type FileKind = "xlsx" | "xls-or-encrypted" | "ods" | "zip" | "pdf" | "png" | "jpeg" | "gif" | "text";

/** What the bytes are, from their first bytes (and, for a zip, its first entry's name). */
export function sniffFormat(bytes: Uint8Array): FileKind {
  const at = (i: number) => bytes[i];
  if (at(0) === 0x50 && at(1) === 0x4b && at(2) === 0x03 && at(3) === 0x04) {
    // Local file header: name length at 26, name at 30. ODF packages store "mimetype" first, uncompressed.
    const nameLength = (at(26) ?? 0) | ((at(27) ?? 0) << 8);
    const extraLength = (at(28) ?? 0) | ((at(29) ?? 0) << 8);
    const name = String.fromCharCode(...bytes.subarray(30, 30 + Math.min(nameLength, 64)));
    if (name === "mimetype") {
      const start = 30 + nameLength + extraLength;
      const mime = String.fromCharCode(...bytes.subarray(start, start + 64));
      if (mime.startsWith("application/vnd.oasis.opendocument")) return "ods";
    }
    return "xlsx";
  }
  if (at(0) === 0xd0 && at(1) === 0xcf && at(2) === 0x11 && at(3) === 0xe0) return "xls-or-encrypted";
  if (at(0) === 0x25 && at(1) === 0x50 && at(2) === 0x44 && at(3) === 0x46) return "pdf";
  // a picture chosen by mistake (a screenshot of the table) is named as such, not as text in an unknown encoding
  if (at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47) return "png";
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return "jpeg";
  if (at(0) === 0x47 && at(1) === 0x49 && at(2) === 0x46 && at(3) === 0x38) return "gif";
  return "text";
}

export interface ReadTableOptions {
  /** The file's name, for messages (and the table's `source`). */
  fileName?: string;
  /** Overrides of the detected dialect (a delimited file); what is not given is detected. */
  dialect?: Partial<Dialect>;
  /** A workbook's sheet, by name or 0-based index (default the first worksheet). */
  sheet?: string | number;
}

export type TableFormat =
  | {
      kind: "delimited";
      encoding: TextEncodingName;
      bom: boolean;
      /** How the encoding was recognised, in words. */
      encodingDetectedBy: string;
      /** What detectDialect found (with its evidence), whether or not it was overridden. */
      detected: DialectGuess;
      /** The dialect the table was parsed with: the detected one with the caller's overrides. */
      dialect: Dialect;
    }
  | {kind: "xlsx"; sheet: string; sheets: SheetInfo[]; date1904: boolean};

export interface TableRead {
  table: CsvTable & {rowNumbers: number[]};
  format: TableFormat;
  /** One sentence for the page: how the file was read. */
  description: string;
}

function shape(table: CsvTable): string {
  const n = table.rows.length;
  const k = table.columns.length;
  return `${n} data row${n === 1 ? "" : "s"} under a header of ${k} column${k === 1 ? "" : "s"}`;
}

const ENCODING_NAMES: Record<TextEncodingName, string> = {"utf-8": "UTF-8", "utf-16le": "UTF-16 little-endian", "utf-16be": "UTF-16 big-endian"};

/**
 * Reads a file's bytes into a checked table (see the module comment).
 * @example readTableFile(new TextEncoder().encode("age;bmd\n61;-2,5\n")).table.rows // [["61", "-2.5"]]
 */
export function readTableFile(bytes: Uint8Array, {fileName, dialect, sheet}: ReadTableOptions = {}): TableRead {
  if (!(bytes instanceof Uint8Array)) throw new TypeError("readTableFile: bytes must be a Uint8Array");
  const where = fileName ? `${fileName}: ` : "";
  const source = fileName === undefined ? {} : {source: fileName};
  if (bytes.length === 0) {
    throw new AnalysisError(`${where}the file is empty (0 bytes). Choose a CSV or .xlsx file with a header row of column names and one row per patient.`, "empty");
  }
  switch (sniffFormat(bytes)) {
    case "xlsx": {
      const read = readXlsx(bytes, {...source, ...(sheet === undefined ? {} : {sheet})});
      const visible = read.sheets.length > 1 ? ` (of ${read.sheets.length} sheets: ${read.sheets.map((s) => `“${s.name}”`).join(", ")})` : "";
      return {
        table: read.table,
        format: {kind: "xlsx", sheet: read.sheet, sheets: read.sheets, date1904: read.date1904},
        description: `Read as an Excel workbook, sheet “${read.sheet}”${visible}: ${shape(read.table)}.`
      };
    }
    case "ods":
      throw new AnalysisError(`${where}this is an OpenDocument spreadsheet (.ods), which is not read here. In LibreOffice, save it as Excel 2007–365 (.xlsx) or as Text CSV (UTF-8), and choose that file.`, "not-csv");
    case "xls-or-encrypted":
      throw new AnalysisError(
        `${where}this is an old Excel 97–2003 workbook (.xls), or a password-protected workbook, neither of which is read here. ` +
          `Open it in Excel or LibreOffice (removing the password if it has one) and save it as .xlsx or as "CSV UTF-8", then choose that file.`,
        "not-csv"
      );
    case "pdf":
      throw new AnalysisError(`${where}this is a PDF document, not a table. Export the data from its source as CSV or .xlsx.`, "not-csv");
    case "png":
    case "jpeg":
    case "gif":
      throw new AnalysisError(`${where}this is a ${sniffFormat(bytes).toUpperCase()} image, not a CSV or spreadsheet: a picture of a table cannot be read as data. Choose the CSV or .xlsx file exported from the records.`, "not-csv");
    default: {
      const decoded = decodeText(bytes, source);
      const detected = detectDialect(decoded.text);
      const used: Dialect = {delimiter: dialect?.delimiter ?? detected.delimiter, decimal: dialect?.decimal ?? detected.decimal};
      const table = parseDelimited(decoded.text, used, source);
      const overridden = used.delimiter !== detected.delimiter || used.decimal !== detected.decimal;
      return {
        table,
        format: {kind: "delimited", encoding: decoded.encoding, bom: decoded.bom, encodingDetectedBy: decoded.detectedBy, detected, dialect: used},
        description:
          `Read as ${describeDialect(used)} text (${ENCODING_NAMES[decoded.encoding]}${decoded.bom ? " with byte-order mark" : ""})${overridden ? ", as chosen" : ""}: ` +
          `${shape(table)}.`
      };
    }
  }
}

/** How the CLI read its --data file, as its document reports it (`input`). */
export interface InputDescription {
  /** The path as given. */
  file: string;
  /** The file's size in bytes. */
  bytes: number;
  /** "whole-file": decoded and parsed as one text (as the page reads a file); "streaming": in chunks into typed columns (readers/stream.ts). */
  reader: "whole-file" | "streaming";
  format: TableFormat;
  /** One sentence: how the file was read. */
  description: string;
}
