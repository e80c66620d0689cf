/**
 * Column types of a parsed CSV table (./table.ts), the rules the CLI and the "your own cohort" page share.
 *
 * Missing cells: "" (blank), "NA", "NaN", "." and "null", compared case-insensitively after trimming (so "na",
 * "Null", "NAN" too) — R's read.csv na.strings "NA" plus the blanks, SAS/Stata dots and JSON nulls that exports
 * produce. Nothing else is missing: "?", "-", "unknown" are values, and a numeric column holding them is an error.
 *
 * Numbers: a cell is numeric when it is a decimal number in plain or scientific notation with a "." decimal point
 * (-1, 2.5, .5, 1e-3, +4); "1,5", "12 mg", "<5", "Inf", hexadecimal and thousands separators are not numbers.
 *
 * Kinds over the non-missing cells:
 * - "numeric": every cell is a number (detail: `distinct` says whether it is binary, i.e. 2 values);
 * - "text": no cell, or fewer than half of them, is a number — a categorical column (a few numeric-looking labels
 *   such as "1" among words are just labels);
 * - "mixed": half or more of the cells are numbers but some are not — a "mostly numeric" column with stray
 *   text. requireNumeric/columnValues throw an error naming the column, how many cells and the first offending
 *   rows (1-based data rows, the first row under the header being data row 1; the spreadsheet row, counting the
 *   header as row 1, is one more and is given too). Never silently treated as categorical;
 * - "empty": every cell is missing.
 *
 * Pure, no DOM, no node: imports.
 *
 * @example detectColumn({columns: ["age"], rows: [["61"], ["NA"], ["70"]]}, "age").kind // "numeric"
 */
import {AnalysisError, describeRow, quote, type CsvTable} from "./table.js";

/** Lower-cased tokens that mean "missing" (after trimming). */
export const MISSING_TOKENS: readonly string[] = ["", "na", "nan", ".", "null"];

const MISSING = new Set(MISSING_TOKENS);
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** True when the cell is missing (see the module comment). */
export function isMissing(cell: string): boolean {
  if (cell.length === 0) return true;
  const s = cell.trim();
  return s.length <= 4 && MISSING.has(s.toLowerCase());
}

/** The cell as a finite number, or NaN when it is not a number by the module's rule. */
export function parseNumber(cell: string): number {
  const s = cell.trim();
  if (!NUMBER.test(s)) return NaN;
  const v = Number(s);
  return Number.isFinite(v) ? v : NaN;
}

export type ColumnKind = "numeric" | "text" | "mixed" | "empty";

/** How many offending rows an error lists. */
export const MAX_LISTED_ROWS = 5;
/** How many distinct levels a ColumnInfo keeps. */
export const MAX_LEVELS = 20;

export interface ColumnInfo {
  name: string;
  /** 0-based position in the header. */
  index: number;
  kind: ColumnKind;
  /** Cells that are missing. */
  missing: number;
  /** Non-missing cells. */
  present: number;
  /** Distinct non-missing values (text after trimming; numbers compared as numbers for numeric columns). */
  distinct: number;
  /** Up to MAX_LEVELS distinct values, sorted (numerically for numeric columns), as text. */
  levels: string[];
  /** True when there were more distinct values than `levels` holds. */
  levelsCapped: boolean;
  /** Numeric columns: smallest and largest value. */
  min?: number;
  max?: number;
  /** "mixed" columns: the number of non-numeric cells, the first MAX_LISTED_ROWS of them (1-based data rows) and their text. */
  nonNumeric?: {count: number; rows: number[]; values: string[]};
}

function columnIndex(table: CsvTable, name: string): number {
  const j = table.columns.indexOf(name);
  if (j < 0) {
    throw new AnalysisError(`There is no column ${quote(name)}. Columns in the file: ${table.columns.map(quote).join(", ")}.`, "column", {column: name});
  }
  return j;
}

/**
 * Detects the kind of one column (by name) over all rows.
 * Throws AnalysisError when there is no such column.
 */
export function detectColumn(table: CsvTable, name: string): ColumnInfo {
  const j = columnIndex(table, name);
  let missing = 0;
  let numbers = 0;
  let min = Infinity;
  let max = -Infinity;
  const badRows: number[] = [];
  const badValues: string[] = [];
  let badCount = 0;
  const textLevels = new Set<string>();
  const numberLevels = new Set<number>();
  const rows = table.rows;
  for (let i = 0; i < rows.length; i++) {
    const cell = rows[i]![j]!;
    if (isMissing(cell)) {
      missing++;
      continue;
    }
    const v = parseNumber(cell);
    if (Number.isNaN(v)) {
      badCount++;
      if (badRows.length < MAX_LISTED_ROWS) {
        badRows.push(i + 1);
        badValues.push(cell);
      }
      textLevels.add(cell);
    } else {
      numbers++;
      if (v < min) min = v;
      if (v > max) max = v;
      numberLevels.add(v);
    }
  }
  const present = rows.length - missing;
  let kind: ColumnKind;
  if (present === 0) kind = "empty";
  else if (badCount === 0) kind = "numeric";
  else if (numbers >= badCount) kind = "mixed";
  else kind = "text";

  let levels: string[];
  let distinct: number;
  if (kind === "numeric") {
    const sorted = [...numberLevels].sort((a, b) => a - b);
    distinct = sorted.length;
    levels = sorted.slice(0, MAX_LEVELS).map(String);
  } else {
    // text (and mixed) columns: levels are the cells as written
    const all = new Set<string>(textLevels);
    if (kind !== "empty") for (let i = 0; i < rows.length; i++) {
      const cell = rows[i]![j]!;
      if (!isMissing(cell) && !Number.isNaN(parseNumber(cell))) all.add(cell);
    }
    const sorted = [...all].sort(codeUnitOrder);
    distinct = sorted.length;
    levels = sorted.slice(0, MAX_LEVELS);
  }
  const info: ColumnInfo = {name, index: j, kind, missing, present, distinct, levels, levelsCapped: distinct > levels.length};
  if (numbers > 0 && kind === "numeric") {
    info.min = min;
    info.max = max;
  }
  if (kind === "mixed") info.nonNumeric = {count: badCount, rows: badRows, values: badValues};
  return info;
}

/** Detects every column's kind. */
export function detectColumns(table: CsvTable): ColumnInfo[] {
  return table.columns.map((name) => detectColumn(table, name));
}

/** Sort order of text levels: JavaScript code-unit order, the order buildDesign uses to pick the reference level. */
export function codeUnitOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The error for a "mixed" column: which column, how many cells, the first rows and their text, what to do. */
export function mixedColumnError(info: ColumnInfo): AnalysisError {
  const bad = info.nonNumeric!;
  const listed = bad.rows.map((r, k) => `${describeRow(r)}: ${quote(bad.values[k]!)}`).join("; ");
  const more = bad.count > bad.rows.length ? `, and ${bad.count - bad.rows.length} more` : "";
  return new AnalysisError(
    `Column ${quote(info.name)} is mostly numeric (${info.present - bad.count} numbers) but ${bad.count} cell${bad.count === 1 ? " is" : "s are"} not a number — ${listed}${more}. ` +
      `Rows are counted from the first row under the header (data row 1 = spreadsheet row 2). ` +
      `Correct ${bad.count === 1 ? "that cell" : "those cells"}, or leave ${bad.count === 1 ? "it" : "them"} blank or NA to mark a missing value; numbers use "." as the decimal point, without units.`,
    "column",
    {column: info.name, rows: bad.rows.slice()}
  );
}

/** Throws the mixed-column error when the column is "mixed". Returns the info otherwise. */
export function requireNotMixed(info: ColumnInfo): ColumnInfo {
  if (info.kind === "mixed") throw mixedColumnError(info);
  return info;
}
