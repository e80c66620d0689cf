/**
 * The plausibility rules (./reconstruction/plausibility.ts) applied to every measured column of a cohort, per
 * outcome group: the table the fidelity report and the tests show. Missing values are skipped.
 *
 * @example plausibilitySummary(rows).every((r) => r.ok) // true for the reconstruction
 */
import {CONTINUOUS_COLUMNS, columnSpec, type CohortRow} from "./schema.js";
import {checkPlausibility, type PlausibilityReport} from "./reconstruction/plausibility.js";

export interface PlausibilityRow extends PlausibilityReport {
  column: string;
  group: "asd" | "nonAsd";
  n: number;
}

export function plausibilitySummary(rows: readonly CohortRow[]): PlausibilityRow[] {
  const out: PlausibilityRow[] = [];
  for (const column of CONTINUOUS_COLUMNS) {
    const spec = columnSpec(column);
    for (const [group, flag] of [["asd", 1], ["nonAsd", 0]] as const) {
      const values = rows.filter((r) => r.asd === flag && !Number.isNaN(r[column])).map((r) => r[column]);
      if (values.length === 0) continue;
      const report = checkPlausibility(values, {step: Math.pow(10, -spec.decimals), min: spec.plausible[0], max: spec.plausible[1]});
      out.push({column, group, n: values.length, ...report});
    }
  }
  return out;
}
