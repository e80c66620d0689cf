/**
 * A table of typed columns: the form every later step reads (complete cases, Table 1, the model), so that no step
 * after the parse handles per-cell strings. Built from a parsed CSV (./table.ts) by the rules of ./columns.ts:
 *
 * - a "numeric" column is a Float64Array with NaN for a missing cell (8 bytes a cell);
 * - a "text" column is an Int32Array of codes into `dictionary` (the distinct cells in first-seen order), −1 for a
 *   missing cell;
 * - a "mixed" column (mostly numbers, some text) and an "empty" one (every cell missing) keep what an error
 *   message needs: the first offending rows and their text.
 *
 * Missing cells are those of ./columns.ts (blank, NA, NaN, ".", null, any case). Row numbers: data row i (0-based
 * here) is spreadsheet row `rowNumber(i)`, the row a reader sees in Excel or LibreOffice (header = row 1, and blank
 * lines count), which every message quotes.
 *
 * Pure, no DOM; runs in Node, the browser and a Web Worker.
 *
 * @example typedTable(parseCsvTable("age,sex\n61,F\n70,M\n")).column("age") // {kind: "numeric", values: [61, 70], …}
 */
import {AnalysisError, quote, type CsvTable} from "./table.js";
import {isMissing, parseNumber, MAX_LISTED_ROWS} from "./columns.js";

export interface ColumnBase {
  name: string;
  /** 0-based position in the header. */
  index: number;
  /** Missing cells. */
  missing: number;
}

export interface NumericColumn extends ColumnBase {
  kind: "numeric";
  /** One value per data row; NaN where the cell is missing. */
  values: Float64Array;
}

export interface TextColumn extends ColumnBase {
  kind: "text";
  /** One code per data row into `dictionary`; −1 where the cell is missing. */
  codes: Int32Array;
  /** Distinct non-missing cells (trimmed), in the order first seen. */
  dictionary: string[];
}

export interface MixedColumn extends ColumnBase {
  kind: "mixed";
  /** Cells that are numbers. */
  numbers: number;
  /** Cells that are not numbers: how many, the first rows (0-based data rows) and their text. */
  nonNumeric: {count: number; rows: number[]; values: string[]};
}

export interface EmptyColumn extends ColumnBase {
  kind: "empty";
}

export type TypedColumn = NumericColumn | TextColumn | MixedColumn | EmptyColumn;

export interface TypedTable {
  /** Where the data came from (a file name), for messages. */
  source?: string;
  /** Column names in header order. */
  columns: string[];
  /** Data rows. */
  rows: number;
  /** The column called `name`; throws AnalysisError (code "column") when there is none. */
  column(name: string): TypedColumn;
  /** The spreadsheet row of 0-based data row i (header = row 1; blank lines count). */
  rowNumber(i: number): number;
}

/** Types one column of a parsed CSV (see the module comment). */
export function typeColumn(table: CsvTable, j: number): TypedColumn {
  const rows = table.rows;
  const n = rows.length;
  const name = table.columns[j]!;
  let missing = 0;
  let numbers = 0;
  let textCount = 0;
  const badRows: number[] = [];
  const badValues: string[] = [];
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const cell = rows[i]![j]!;
    if (isMissing(cell)) {
      missing++;
      values[i] = NaN;
      continue;
    }
    const v = parseNumber(cell);
    values[i] = v;
    if (Number.isNaN(v)) {
      textCount++;
      if (badRows.length < MAX_LISTED_ROWS) {
        badRows.push(i);
        badValues.push(cell);
      }
    } else numbers++;
  }
  if (numbers + textCount === 0) return {kind: "empty", name, index: j, missing};
  if (textCount === 0) return {kind: "numeric", name, index: j, missing, values};
  if (numbers >= textCount) return {kind: "mixed", name, index: j, missing, numbers, nonNumeric: {count: textCount, rows: badRows, values: badValues}};
  // a text column: a few numeric-looking labels ("1" among words) are labels like the others
  const codes = new Int32Array(n);
  const dictionary: string[] = [];
  const codeOf = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const cell = rows[i]![j]!;
    if (isMissing(cell)) {
      codes[i] = -1;
      continue;
    }
    let code = codeOf.get(cell);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(cell);
      codeOf.set(cell, code);
    }
    codes[i] = code;
  }
  return {kind: "text", name, index: j, missing, codes, dictionary};
}

/**
 * Types every column of a parsed CSV lazily (a column is typed the first time it is asked for, then kept), so a
 * wide file with few columns in the model costs only those columns.
 */
export function typedTable(table: CsvTable): TypedTable {
  const typed = new Map<string, TypedColumn>();
  const index = new Map(table.columns.map((name, j) => [name, j]));
  const rowNumbers = table.rowNumbers;
  return {
    ...(table.source === undefined ? {} : {source: table.source}),
    columns: table.columns.slice(),
    rows: table.rows.length,
    column(name: string): TypedColumn {
      let column = typed.get(name);
      if (column) return column;
      const j = index.get(name);
      if (j === undefined) {
        throw new AnalysisError(`There is no column ${quote(name)}. Columns in the file: ${table.columns.map(quote).join(", ")}.`, "column", {column: name});
      }
      column = typeColumn(table, j);
      typed.set(name, column);
      return column;
    },
    rowNumber: (i: number) => rowNumbers?.[i] ?? i + 2
  };
}

/** The cell of data row i as text (numbers in shortest round-trip form), or null when missing; for messages and outcome values. */
export function cellText(column: NumericColumn | TextColumn, i: number): string | null {
  if (column.kind === "numeric") {
    const v = column.values[i]!;
    return Number.isNaN(v) ? null : String(v);
  }
  const c = column.codes[i]!;
  return c < 0 ? null : column.dictionary[c]!;
}
