/**
 * What the page shows about a loaded table beyond each column's type: every value with its count for columns with
 * few values (so the reader confirms the outcome's event value seeing how many rows each value has), and the
 * columns that hold a different value in every row (identifiers, flagged and left out of "Select all"). Pure; runs
 * in the worker and in Node.
 *
 * @example valueSummaries(parseCsvTable("id,y\n1,0\n2,1\n")).valueCounts[1] // {column: "y", counts: [{value: "0", n: 1}, {value: "1", n: 1}]}
 */
import {isMissing} from "../cohort/columns.js";
import type {CsvTable} from "../cohort/table.js";
import {MAX_COUNTED_VALUES, type LoadedTable} from "./protocol.js";

/** An identifier needs at least this many rows (two or three distinct values say nothing). */
export const MIN_ID_ROWS = 10;

/** Each column's values with their counts (columns with few values), and the columns unique per row. */
export function valueSummaries(table: CsvTable): {valueCounts: NonNullable<LoadedTable["valueCounts"]>; idLike: string[]} {
  const valueCounts: NonNullable<LoadedTable["valueCounts"]> = [];
  const idLike: string[] = [];
  table.columns.forEach((column, j) => {
    const counts = new Map<string, number>();
    let present = 0;
    let capped = false;
    const seen = new Set<string>();
    for (const row of table.rows) {
      const cell = row[j] ?? "";
      if (isMissing(cell)) continue;
      present++;
      const value = cell.trim();
      seen.add(value);
      if (!capped) {
        counts.set(value, (counts.get(value) ?? 0) + 1);
        if (counts.size > MAX_COUNTED_VALUES) capped = true;
      }
    }
    if (!capped && counts.size > 0) {
      const list = [...counts].map(([value, n]) => ({value, n}));
      const numeric = list.every((c) => Number.isFinite(Number(c.value)));
      list.sort((a, b) => (numeric ? Number(a.value) - Number(b.value) : a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
      valueCounts.push({column, counts: list});
    }
    // an identifier: every row has a value and no two rows share one (more than a handful of rows)
    if (table.rows.length >= MIN_ID_ROWS && present === table.rows.length && seen.size === present) idLike.push(column);
  });
  return {valueCounts, idLike};
}

