/**
 * The file a reader would upload, generated with a fixed seed for the browser cases of the benchmark and the
 * main-thread test: an outcome column `y` (0/1, ~15% events) and p − 1 numeric predictors x1 … x(p−1) from the
 * benchmark's known logistic model (./simulate.ts), written as CSV with three decimals, as an export from a
 * registry would hold them. The same seed gives the same bytes on every machine.
 *
 * @example cohortCsv({rows: 1e4, columns: 20, seed: 1}) // "y,x1,…,x19\n0,67.512,…"
 */
import {simulateLogisticCohort} from "./simulate.js";

export interface CsvSpec {
  rows: number;
  /** Columns in all: the outcome and columns − 1 predictors. */
  columns: number;
  seed: number;
}

export function cohortCsv({rows, columns, seed}: CsvSpec): {csv: string; predictors: string[]; events: number} {
  if (!(Number.isInteger(columns) && columns >= 2)) throw new RangeError(`cohortCsv: columns must be an integer >= 2, got ${columns}`);
  const cohort = simulateLogisticCohort({n: rows, p: columns - 1, seed});
  const values = cohort.predictors.map((name) => cohort.columns[name]!);
  const lines: string[] = [["y", ...cohort.predictors].join(",")];
  for (let i = 0; i < rows; i++) {
    let line = String(cohort.y[i]);
    for (const column of values) line += `,${column[i]!.toFixed(3)}`;
    lines.push(line);
  }
  return {csv: `${lines.join("\n")}\n`, predictors: cohort.predictors, events: cohort.events};
}
