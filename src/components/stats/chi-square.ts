/**
 * Pearson's chi-square test of independence for an r × c table of counts, as R's `chisq.test(table, correct)`.
 *
 * Expected counts Eᵢⱼ = (row sumᵢ)(column sumⱼ)/N; X² = Σ (|Oᵢⱼ − Eᵢⱼ| − Y)²/Eᵢⱼ on (r − 1)(c − 1) df (Pearson 1900),
 * p = P(χ²_df ≥ X²). Yates' continuity correction (Yates 1934) applies only to a 2 × 2 table with
 * `correct: true` (the default, as in R), with R's Y = min(0.5, |Oᵢⱼ − Eᵢⱼ|) so that the correction never
 * overshoots; otherwise Y = 0. `warning` is set, as R warns "Chi-squared approximation may be incorrect",
 * when any expected count is below 5.
 *
 * Throws TypeError when `table` is not a rectangular array of arrays; RangeError when it has fewer than two rows
 * or columns, a count is negative or not finite, or a row or column sums to zero (expected counts of 0).
 *
 * @example chiSquare([[17, 8], [62, 75]], {correct: false}).p // 0.03641680024614... (smoking in the abstract; R chisq.test(correct = FALSE))
 */
import {chiSquareSf} from "./distributions.js";
import type {TestResult} from "./t-test.js";

export interface ChiSquareResult extends TestResult {
  method: "Pearson's Chi-squared test" | "Pearson's Chi-squared test with Yates' continuity correction";
  df: number;
  expected: number[][];
  /** True when any expected count is below 5 (R's warning "Chi-squared approximation may be incorrect"). */
  warning: boolean;
  /** The warning text, when `warning`. */
  message?: string;
}

export interface ChiSquareOptions {
  /** Yates' continuity correction for 2 × 2 tables; default true, as R. Ignored for larger tables. */
  correct?: boolean;
}

/** Validates a table of counts (non-negative, finite, rectangular, at least 2 × 2); `name` is used in messages. */
export function checkCountTable(table: number[][], name = "table"): {rows: number; cols: number} {
  if (!Array.isArray(table) || table.some((row) => !Array.isArray(row))) {
    throw new TypeError(`${name} must be an array of rows, each an array of counts`);
  }
  const rows = table.length;
  const cols = rows > 0 ? table[0].length : 0;
  if (rows < 2 || cols < 2) throw new RangeError(`${name} must have at least 2 rows and 2 columns, got ${rows} × ${cols}`);
  table.forEach((row, i) => {
    if (row.length !== cols) throw new TypeError(`${name} row ${i} has ${row.length} cells; row 0 has ${cols}`);
    row.forEach((v, j) => {
      if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
        throw new RangeError(`${name}[${i}][${j}] is ${String(v)}: counts must be finite and non-negative`);
      }
    });
  });
  return {rows, cols};
}

export function chiSquare(table: number[][], {correct = true}: ChiSquareOptions = {}): ChiSquareResult {
  const {rows, cols} = checkCountTable(table);
  const rowSums = table.map((row) => row.reduce((s, v) => s + v, 0));
  const colSums = Array.from({length: cols}, (_, j) => table.reduce((s, row) => s + row[j], 0));
  const total = rowSums.reduce((s, v) => s + v, 0);
  rowSums.forEach((s, i) => {
    if (s === 0) throw new RangeError(`table row ${i} sums to zero: its expected counts are 0 and the test is undefined`);
  });
  colSums.forEach((s, j) => {
    if (s === 0) throw new RangeError(`table column ${j} sums to zero: its expected counts are 0 and the test is undefined`);
  });
  // R: E <- outer(sr, sc) / n
  const expected = rowSums.map((r) => colSums.map((c) => (r * c) / total));
  const yatesApplies = correct && rows === 2 && cols === 2;
  let yates = 0;
  if (yatesApplies) {
    yates = 0.5;
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) yates = Math.min(yates, Math.abs(table[i][j] - expected[i][j]));
  }
  let statistic = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const d = Math.abs(table[i][j] - expected[i][j]) - yates;
      statistic += (d * d) / expected[i][j];
    }
  }
  const df = (rows - 1) * (cols - 1);
  const warning = expected.some((row) => row.some((e) => e < 5));
  const result: ChiSquareResult = {
    method: yatesApplies ? "Pearson's Chi-squared test with Yates' continuity correction" : "Pearson's Chi-squared test",
    statistic,
    df,
    p: chiSquareSf(statistic, df),
    expected,
    warning
  };
  if (warning) result.message = "Chi-squared approximation may be incorrect: an expected count is below 5";
  return result;
}
