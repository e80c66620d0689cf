/**
 * The CLI's --data file → a typed table, by the readers the page uses (src/components/cohort/readers/): the bytes
 * sniffed (.xlsx, refused workbooks and PDFs, or text), text decoded (UTF-8 with or without BOM, UTF-16 LE/BE) and
 * its delimiter and decimal mark detected unless --delimiter/--decimal give them, a workbook's first worksheet or
 * --sheet NAME. A text file larger than STREAM_ABOVE_BYTES (or any, with --stream) is read in chunks straight into
 * typed columns (readers/stream.ts), which reads what the whole-file reader reads; only the procedure's columns
 * are kept. Throws AnalysisError for the file's content (exit 1) and InputUsageError for flags that do not fit
 * the file (exit 2).
 */
import {closeSync, openSync, readFileSync, readSync, statSync} from "node:fs";
import {AnalysisError} from "../src/components/cohort/table.js";
import {typedTable, type TypedTable} from "../src/components/cohort/typed-table.js";
import {readTableFile, sniffFormat, type Dialect, type InputDescription} from "../src/components/cohort/readers/index.js";
import {readDelimitedStream, type ByteSource} from "../src/components/cohort/readers/stream.js";

/** Text files above this size are streamed (the whole-file reader holds the text and every cell as strings). */
export const STREAM_ABOVE_BYTES = 64 * 2 ** 20;

export class InputUsageError extends Error {}

export interface InputOptions {
  dialect: Partial<Dialect>;
  sheet?: string;
  /** Stream whatever the size. */
  stream: boolean;
  /** Columns the analysis reads (the streaming reader keeps only these). */
  keep: readonly string[];
}

const DELIMITER_WORDS: Record<string, Dialect["delimiter"]> = {",": ",", comma: ",", ";": ";", semicolon: ";", "\t": "\t", "\\t": "\t", tab: "\t", "|": "|", pipe: "|", bar: "|"};
const DECIMAL_WORDS: Record<string, Dialect["decimal"]> = {".": ".", point: ".", dot: ".", ",": ",", comma: ","};

/** --delimiter's value: , ; tab | (or comma, semicolon, tab, pipe). */
export function delimiterFlag(text: string): Dialect["delimiter"] {
  const d = Object.hasOwn(DELIMITER_WORDS, text.toLowerCase()) ? DELIMITER_WORDS[text.toLowerCase()] : undefined;
  if (!d) throw new InputUsageError(`--delimiter ${JSON.stringify(text)} must be one of , ; tab | (or comma, semicolon, tab, pipe)`);
  return d;
}

/** --decimal's value: . or , (or point, comma). */
export function decimalFlag(text: string): Dialect["decimal"] {
  const d = Object.hasOwn(DECIMAL_WORDS, text.toLowerCase()) ? DECIMAL_WORDS[text.toLowerCase()] : undefined;
  if (!d) throw new InputUsageError(`--decimal ${JSON.stringify(text)} must be . or , (or point, comma)`);
  return d;
}

function fileSource(fd: number, size: number): ByteSource {
  return {size, read: (position, into) => readSync(fd, into, 0, into.length, position)};
}

function cannotRead(path: string, e: unknown): AnalysisError {
  return new AnalysisError(`--data ${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`, "empty");
}

/** Reads --data (see the module comment). */
export function readInput(path: string, {dialect, sheet, stream, keep}: InputOptions): {table: TypedTable; input: InputDescription} {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new AnalysisError(`--data ${path}: is a directory, not a CSV file.`, "empty");
    size = stat.size;
  } catch (e) {
    if (e instanceof AnalysisError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new AnalysisError(`--data ${path}: no such file. Check the path (relative paths are from ${process.cwd()}).`, "empty");
    throw cannotRead(path, e);
  }
  if (size === 0) throw new AnalysisError(`${path}: the file is empty (0 bytes): it has no header and no rows. Give a CSV file with a header row of column names and one row per patient.`, "empty");
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    throw cannotRead(path, e);
  }
  try {
    const head = new Uint8Array(Math.min(size, 64));
    readSync(fd, head, 0, head.length, 0);
    const kind = sniffFormat(head);
    const given = [dialect.delimiter === undefined ? "" : "--delimiter", dialect.decimal === undefined ? "" : "--decimal"].filter(Boolean);
    if (kind === "xlsx" && given.length) throw new InputUsageError(`${given.join(" and ")} ${given.length === 1 ? "applies" : "apply"} to delimited text, but ${path} is an .xlsx workbook; use --sheet NAME to choose its sheet`);
    if (kind === "text" && sheet !== undefined) throw new InputUsageError(`--sheet applies to an .xlsx workbook, but ${path} is text; use --delimiter and --decimal to say how it is written`);
    if (kind === "text" && (stream || size > STREAM_ABOVE_BYTES)) {
      const read = readDelimitedStream(fileSource(fd, size), {fileName: path, dialect, keep});
      return {table: read.table, input: {file: path, bytes: size, reader: "streaming", format: read.format, description: read.description}};
    }
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(fd);
    } catch (e) {
      throw cannotRead(path, e);
    }
    const read = readTableFile(bytes, {fileName: path, dialect, ...(sheet === undefined ? {} : {sheet})});
    return {table: typedTable(read.table), input: {file: path, bytes: size, reader: "whole-file", format: read.format, description: read.description}};
  } finally {
    closeSync(fd);
  }
}
