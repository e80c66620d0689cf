/**
 * A delimited text file read in chunks straight into typed columns (./../typed-table.ts's TypedTable), for files
 * too large to hold as one string or as per-row string arrays: memory is about 8 bytes per numeric cell kept (a
 * Float64Array per column), 4 per text cell (an Int32Array of codes into the column's dictionary), 4 per data row
 * for its spreadsheet row number only where blank lines shift them, plus one chunk of text.
 *
 * It reads what readTableFile (./index.ts) reads from the same bytes, by the same rules and with the same messages:
 * the encoding from the first bytes (./encoding.ts's detectEncoding), then strictly decoded chunk by chunk; the
 * dialect detected on the same 64 KiB sample (./dialect.ts); records split by d3-dsv's parseRows, run on slices cut
 * after a complete record (the cut is found by a scanner that follows parseRows' quoting rules), so the fields are
 * those of one parse of the whole text; the header and row checks of table.ts and the decimal conversion of
 * dialect.ts; and each column typed by typed-table.ts's rules (numeric, text, mixed or empty). Errors come in the
 * order the whole-file reader raises them: an encoding error anywhere first, then the first header or row error,
 * then the refused numbers.
 *
 * A column that ends up text but had numbers before its first text cell needs those cells' exact text (its
 * dictionary is of the cells as written): the file is read a second time for such columns only.
 *
 * Pure: no DOM, no node: imports; the bytes come from a ByteSource (a file through fs.readSync in the CLI).
 * Throws AnalysisError as readTableFile does.
 *
 * @example readDelimitedStream(bytesSource(new TextEncoder().encode("a;b\n1;2,5\n"))).table.column("b") // {kind: "numeric", values: Float64Array [2.5], …}
 */
import {dsvFormat} from "d3";
import {isMissing, parseNumber, MAX_LISTED_ROWS} from "../columns.js";
import {AnalysisError, checkedHeader, fieldCountError, headerOnlyError, notCsvReason, quote} from "../table.js";
import type {TypedColumn, TypedTable} from "../typed-table.js";
import {detectEncoding, firstInvalidUtf8, invalidUtf16Message, invalidUtf8Message} from "./encoding.js";
import {convertCell, delimiterName, describeDialect, detectDialect, MAX_LISTED_REFUSED, numberFormatError, SAMPLE_CHARS, splitSepLine, type Dialect, type RefusedCell} from "./dialect.js";
import type {TableFormat} from "./index.js";

/** Random access to a file's bytes: `read` fills `into` from `position` and returns how many bytes it read. */
export interface ByteSource {
  size: number;
  read(position: number, into: Uint8Array): number;
}

/** A ByteSource over bytes in memory (tests, and the page if it ever streams). */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read(position, into) {
      const part = bytes.subarray(position, position + into.length);
      into.set(part);
      return part.length;
    }
  };
}

export interface StreamReadOptions {
  /** The file's name, for messages and the table's `source`. */
  fileName?: string;
  /** Overrides of the detected dialect. */
  dialect?: Partial<Dialect>;
  /** Columns to keep (default all); the others are still checked and converted, but column() refuses them. */
  keep?: readonly string[];
  /** Bytes read at a time (default 4 MiB). */
  chunkBytes?: number;
}

export interface StreamRead {
  table: TypedTable;
  format: Extract<TableFormat, {kind: "delimited"}>;
  description: string;
}

const QUOTE = 34;
const NEWLINE = 10;
const RETURN = 13;
/** Values per block of a growing column. */
const BLOCK = 1 << 16;

/**
 * Where the last record of text[start, end) that is complete ends (after its line end), by parseRows' rules: a
 * field opening with a quote runs to a quote not followed by another, and the character after that closing quote
 * is taken as the field's end whatever it is; a lone CR ends a record, and CRLF is one line end. A record whose end
 * cannot yet be told (the text stops inside it, or right after a CR or a closing quote) is not complete.
 */
export function completeRecordsEnd(text: string, start: number, end: number, delimiter: number): number {
  let pos = start;
  let cut = start;
  fields: while (pos < end) {
    if (text.charCodeAt(pos) === QUOTE) {
      let i = pos;
      for (;;) {
        i++;
        if (i >= end) return cut;
        if (text.charCodeAt(i) === QUOTE) {
          if (i + 1 >= end) return cut;
          if (text.charCodeAt(i + 1) === QUOTE) i++;
          else break;
        }
      }
      const c = text.charCodeAt(i + 1);
      pos = i + 2;
      if (c === NEWLINE) cut = pos;
      else if (c === RETURN) {
        if (pos >= end) return cut;
        if (text.charCodeAt(pos) === NEWLINE) pos++;
        cut = pos;
      }
      continue;
    }
    while (pos < end) {
      const c = text.charCodeAt(pos++);
      if (c === NEWLINE) {
        cut = pos;
        continue fields;
      }
      if (c === RETURN) {
        if (pos >= end) return cut;
        if (text.charCodeAt(pos) === NEWLINE) pos++;
        cut = pos;
        continue fields;
      }
      if (c === delimiter) continue fields;
    }
  }
  return cut;
}

/** A growing column of float64 (or int32) values in fixed blocks, joined once at the end. */
class Blocks<T extends Float64Array | Int32Array> {
  private blocks: T[] = [];
  private current: T;
  private used = 0;
  length = 0;
  constructor(private readonly make: (n: number) => T) {
    this.current = make(BLOCK);
  }
  push(v: number): void {
    if (this.used === BLOCK) {
      this.blocks.push(this.current);
      this.current = this.make(BLOCK);
      this.used = 0;
    }
    this.current[this.used++] = v;
    this.length++;
  }
  /** The values as one array; the blocks are released. */
  join(): T {
    const out = this.make(this.length);
    let at = 0;
    for (const block of this.blocks) {
      out.set(block, at);
      at += block.length;
    }
    out.set(this.current.subarray(0, this.used), at);
    this.blocks = [];
    this.current = this.make(0);
    return out;
  }
}

/** One kept column while the file is read: typed-table.ts's counts, its values, and codes once text appears. */
class ColumnBuilder {
  missing = 0;
  numbers = 0;
  textCount = 0;
  badRows: number[] = [];
  badValues: string[] = [];
  values = new Blocks((n) => new Float64Array(n));
  /** Codes of every cell from the first text cell on (−1 missing, and before it; see numbersBeforeText). */
  codes: Blocks<Int32Array> | null = null;
  dictionary: string[] = [];
  codeOf = new Map<string, number>();
  /** Numbers before the first text cell (their text is not kept). */
  numbersBeforeText = 0;

  add(cell: string, row: number): void {
    if (isMissing(cell)) {
      this.missing++;
      this.values.push(NaN);
      this.codes?.push(-1);
      return;
    }
    const v = parseNumber(cell);
    this.values.push(v);
    if (Number.isNaN(v)) {
      this.textCount++;
      if (this.badRows.length < MAX_LISTED_ROWS) {
        this.badRows.push(row);
        this.badValues.push(cell);
      }
      if (this.codes === null) {
        this.codes = new Blocks((n) => new Int32Array(n));
        for (let i = 0; i < row; i++) this.codes.push(-1);
        this.numbersBeforeText = this.numbers;
      }
    } else this.numbers++;
    if (this.codes !== null) this.codes.push(this.code(cell));
  }

  code(cell: string): number {
    let code = this.codeOf.get(cell);
    if (code === undefined) {
      code = this.dictionary.length;
      this.dictionary.push(cell);
      this.codeOf.set(cell, code);
    }
    return code;
  }
}

/** Where blank lines shift spreadsheet rows: from data row `from` (0-based) on, the row is from + offset. */
interface RowShift {
  from: number;
  offset: number;
}

/** Decodes a ByteSource chunk by chunk; an invalid sequence is reported with its byte offset and line, as decodeText does. */
class ChunkDecoder {
  private position: number;
  private readonly decoder: TextDecoder;
  private readonly buffer: Uint8Array;
  done = false;
  constructor(private readonly source: ByteSource, private readonly encoding: string, start: number, chunkBytes: number, private readonly sourceName: string | undefined, private readonly detectedBy: string) {
    this.position = start;
    this.decoder = new TextDecoder(encoding, {fatal: true, ignoreBOM: true});
    this.buffer = new Uint8Array(chunkBytes);
  }
  /** The next chunk of text ("" once done). */
  next(): string {
    if (this.done) return "";
    const chunkStart = this.position;
    const got = this.position < this.source.size ? this.source.read(this.position, this.buffer) : 0;
    this.position += got;
    const last = got === 0 || this.position >= this.source.size;
    try {
      const text = this.decoder.decode(this.buffer.subarray(0, got), {stream: !last});
      if (last) this.done = true;
      return text;
    } catch {
      this.done = true;
      throw this.failure(chunkStart, got);
    }
  }
  private failure(chunkStart: number, got: number): AnalysisError {
    if (this.encoding !== "utf-8") return new AnalysisError(invalidUtf16Message(this.sourceName, this.detectedBy), "encoding");
    // Back up to a byte that starts a sequence, so that the scan is in step; count line ends before it.
    let from = Math.max(0, chunkStart - 3);
    const head = new Uint8Array(chunkStart - from);
    this.source.read(from, head);
    let k = 0;
    while (k < head.length && (head[k]! & 0xc0) === 0x80) k++;
    from += k;
    const window = new Uint8Array(chunkStart + got - from);
    this.source.read(from, window);
    const offset = from + firstInvalidUtf8(window);
    let line = 1;
    const scan = new Uint8Array(1 << 20);
    for (let p = 0; p < offset; ) {
      const n = this.source.read(p, scan.subarray(0, Math.min(scan.length, offset - p)));
      for (let i = 0; i < n; i++) if (scan[i] === NEWLINE) line++;
      p += n;
    }
    const byte = new Uint8Array(1);
    this.source.read(offset, byte);
    return new AnalysisError(invalidUtf8Message(this.sourceName, byte[0]!, line, offset), "encoding");
  }
}

/**
 * Reads a delimited text file into typed columns (see the module comment).
 * @example readDelimitedStream(source, {fileName: "big.csv", keep: ["age", "asd"]}).table.rows
 */
export function readDelimitedStream(source: ByteSource, {fileName, dialect: chosen, keep, chunkBytes = 4 << 20}: StreamReadOptions = {}): StreamRead {
  const where = fileName ? `${fileName}: ` : "";
  if (source.size === 0) {
    throw new AnalysisError(`${where}the file is empty (0 bytes). Choose a CSV or .xlsx file with a header row of column names and one row per patient.`, "empty");
  }
  const head = new Uint8Array(Math.min(source.size, 4096));
  source.read(0, head);
  const {encoding, bom, detectedBy} = detectEncoding(head, {source: fileName, totalBytes: source.size});
  const start = bom ? (encoding === "utf-8" ? 3 : 2) : 0;
  const open = () => new ChunkDecoder(source, encoding, start, Math.max(16, chunkBytes), fileName, detectedBy);

  // The sample detectDialect sees: all of the text, or enough that its 64 KiB cut falls where it would in all of it.
  let decoder = open();
  let text = "";
  while (!decoder.done && text.length <= SAMPLE_CHARS + 1024) text += decoder.next();
  const detected = detectDialect(text);
  const dialect: Dialect = {delimiter: chosen?.delimiter ?? detected.delimiter, decimal: chosen?.decimal ?? detected.decimal};
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const reason = notCsvReason(text);
  if (reason) throw new AnalysisError(`${where}this is not a table of delimited text: ${reason}.`, "not-csv");
  text = splitSepLine(text).body;

  const format = dsvFormat(dialect.delimiter);
  const delimiterCode = dialect.delimiter.charCodeAt(0);
  const fieldSeparator = delimiterName(dialect.delimiter);

  /** Splits the text into records, chunk by chunk, calling onRecord(fields, recordIndex) for each. */
  const eachRecord = (first: string, dec: ChunkDecoder, onRecord: (fields: string[], k: number) => void): void => {
    let buffer = first;
    let k = 0;
    const emit = (slice: string) => {
      format.parseRows(slice, (fields: string[]) => {
        onRecord(fields, k++);
        return null;
      });
    };
    for (;;) {
      if (dec.done) {
        emit(buffer);
        return;
      }
      const cut = completeRecordsEnd(buffer, 0, buffer.length, delimiterCode);
      if (cut > 0) emit(buffer.slice(0, cut));
      buffer = buffer.slice(cut) + dec.next();
    }
  };

  let header: string[] | null = null;
  let keepIndex: number[] = [];
  let builders: ColumnBuilder[] = [];
  let rows = 0;
  let lastRecordRow = 0;
  const shifts: RowShift[] = [];
  const refused: RefusedCell[] = [];
  let refusedCount = 0;
  try {
    eachRecord(text, decoder, (fields, k) => {
      const blank = fields.every((cell) => cell.trim() === "");
      if (blank) return;
      const recordRow = k + 1;
      if (header === null) {
        header = checkedHeader(fields, {source: fileName});
        const wanted = keep ? new Set(keep) : null;
        keepIndex = header.flatMap((name, j) => (wanted === null || wanted.has(name) ? [j] : []));
        builders = keepIndex.map(() => new ColumnBuilder());
        lastRecordRow = recordRow;
        return;
      }
      const dataRow = rows + 1;
      // spreadsheet row = data row (0-based) + offset; a new offset wherever a blank line came before this row
      if (recordRow !== lastRecordRow + 1 || shifts.length === 0) {
        const offset = recordRow - rows;
        if (shifts.length === 0 || shifts[shifts.length - 1]!.offset !== offset) shifts.push({from: rows, offset});
      }
      lastRecordRow = recordRow;
      if (fields.length !== header.length) {
        throw fieldCountError({source: fileName, dataRow, spreadsheetRow: recordRow, fields: fields.length, headerFields: header.length, fieldSeparator});
      }
      let kept = 0;
      for (let j = 0; j < fields.length; j++) {
        let cell = fields[j]!.trim();
        const change = convertCell(cell, dialect.decimal);
        if (change !== null) {
          if ("value" in change) cell = change.value;
          else {
            refusedCount++;
            if (refused.length < MAX_LISTED_REFUSED) refused.push({column: j, dataRow, cell, reason: change.refuse});
          }
        }
        if (keepIndex[kept] === j) builders[kept++]!.add(cell, rows);
      }
      rows++;
    });
  } catch (e) {
    // The whole-file reader decodes all of the file first: an encoding error later in the file wins.
    if (e instanceof AnalysisError && e.code !== "encoding") {
      while (!decoder.done) decoder.next();
    }
    throw e;
  }
  if (header === null) {
    throw new AnalysisError(`${where}the file is empty: it has no header and no rows. Choose a CSV file with a header row of column names and one row per patient.`, "empty");
  }
  const columns: string[] = header;
  if (rows === 0) throw headerOnlyError(columns, fileName);

  const rowNumber = (i: number): number => {
    let lo = 0;
    let hi = shifts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (shifts[mid]!.from <= i) lo = mid;
      else hi = mid - 1;
    }
    return i + (shifts[lo]?.offset ?? 2);
  };
  if (refusedCount) throw numberFormatError({source: fileName, dialect, columns, rowNumbers: (dataRow) => rowNumber(dataRow - 1), refused, refusedCount});

  // Text columns whose first cells were numbers: their text, from a second read of those columns only.
  const second = builders.flatMap((b, k) => (b.codes !== null && b.numbersBeforeText > 0 && b.numbers < b.textCount ? [k] : []));
  if (second.length) {
    const codes = second.map(() => new Blocks((n) => new Int32Array(n)));
    const fresh = second.map(() => new ColumnBuilder());
    let seen = -1;
    let firstText = "";
    decoder = open();
    while (!decoder.done && firstText.length <= SAMPLE_CHARS + 1024) firstText += decoder.next();
    if (firstText.charCodeAt(0) === 0xfeff) firstText = firstText.slice(1);
    eachRecord(splitSepLine(firstText).body, decoder, (fields) => {
      if (fields.every((cell) => cell.trim() === "")) return;
      if (seen++ < 0) return;
      second.forEach((k, s) => {
        let cell = fields[keepIndex[k]!]!.trim();
        const change = convertCell(cell, dialect.decimal);
        if (change !== null && "value" in change) cell = change.value;
        codes[s]!.push(isMissing(cell) ? -1 : fresh[s]!.code(cell));
      });
    });
    second.forEach((k, s) => {
      const b = builders[k]!;
      b.codes = codes[s]!;
      b.dictionary = fresh[s]!.dictionary;
      b.numbersBeforeText = 0;
    });
  }

  const typed = new Map<string, TypedColumn>();
  keepIndex.forEach((j, k) => {
    const b = builders[k]!;
    const name = columns[j]!;
    let column: TypedColumn;
    if (b.numbers + b.textCount === 0) column = {kind: "empty", name, index: j, missing: b.missing};
    else if (b.textCount === 0) column = {kind: "numeric", name, index: j, missing: b.missing, values: b.values.join()};
    else if (b.numbers >= b.textCount) column = {kind: "mixed", name, index: j, missing: b.missing, numbers: b.numbers, nonNumeric: {count: b.textCount, rows: b.badRows, values: b.badValues}};
    else column = {kind: "text", name, index: j, missing: b.missing, codes: b.codes!.join(), dictionary: b.dictionary};
    builders[k] = new ColumnBuilder();
    typed.set(name, column);
  });
  const table: TypedTable = {
    ...(fileName === undefined ? {} : {source: fileName}),
    columns: columns.slice(),
    rows,
    column(name: string): TypedColumn {
      const column = typed.get(name);
      if (column) return column;
      if (!columns.includes(name)) {
        throw new AnalysisError(`There is no column ${quote(name)}. Columns in the file: ${columns.map(quote).join(", ")}.`, "column", {column: name});
      }
      throw new Error(`readDelimitedStream: column ${quote(name)} was not kept (keep: ${(keep ?? []).map(quote).join(", ")})`);
    },
    rowNumber
  };
  const overridden = dialect.delimiter !== detected.delimiter || dialect.decimal !== detected.decimal;
  const ENCODING_NAMES = {"utf-8": "UTF-8", "utf-16le": "UTF-16 little-endian", "utf-16be": "UTF-16 big-endian"} as const;
  const k = columns.length;
  return {
    table,
    format: {kind: "delimited", encoding, bom, encodingDetectedBy: detectedBy, detected, dialect},
    description:
      `Read as ${describeDialect(dialect)} text (${ENCODING_NAMES[encoding]}${bom ? " with byte-order mark" : ""})${overridden ? ", as chosen" : ""}: ` +
      `${rows} data row${rows === 1 ? "" : "s"} under a header of ${k} column${k === 1 ? "" : "s"}.`
  };
}
