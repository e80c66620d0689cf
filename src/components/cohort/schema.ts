/**
 * The cohort's data dictionary: one row per patient, the columns, their types, units, precision and ranges, and
 * the parser that reads a cohort CSV (real or reconstructed) and checks it against the dictionary.
 *
 * Columns (src/data/cohort.csv, in this order):
 *   id, asd, age, smoking, prior_asd, bmd_t, cement_ml, cement_leakage, cobb_post_deg, height_recovery_pct
 *
 * Two kinds of range are kept apart on purpose:
 * - `plausible`: the range the reconstruction stays inside (the reconstruction's specification: age 50–95, T-score −5.0 to −1.0, cement
 *   1.0–8.0 ml, Cobb 0–30°, recovery 0–30 %); real data outside it is accepted with a warning, because a real
 *   patient may be 48 years old;
 * - `valid`: the range outside which a value cannot be a measurement of this kind (a T-score of 12, a negative
 *   volume); real data outside it is rejected with an error naming the column and the row.
 *
 * Real data need only carry the schema's columns, in any order, with extra columns ignored; `id` is optional
 * (rows are then numbered 1, 2, …). Missing cells are the table layer's (blank, NA, NaN, ".", null, any case):
 * a missing value (NaN) except in `asd`, which must be present; the analysis drops incomplete rows and says how many.
 *
 * Throws CohortSchemaError (an AnalysisError, so callers can tell it from bugs) with a message that says what was
 * wrong, where (file, column, "data row r (spreadsheet row s)" as every message in the project) and what to do.
 *
 * @example parseCohortCsv("asd,age,smoking,prior_asd,bmd_t,cement_ml,cement_leakage,cobb_post_deg,height_recovery_pct\n1,70,0,0,-2.5,3.1,0,10.2,8.4").rows[0].age // 70
 */
import {AnalysisError, describeRow, parseCsvTable} from "./table.js";
import {parseNumber} from "./columns.js";
import {typedTable} from "./typed-table.js";

/** The CSV column names, in file order. */
export const COHORT_COLUMNS = [
  "id",
  "asd",
  "age",
  "smoking",
  "prior_asd",
  "bmd_t",
  "cement_ml",
  "cement_leakage",
  "cobb_post_deg",
  "height_recovery_pct"
] as const;

export type CohortColumn = (typeof COHORT_COLUMNS)[number];
export type PredictorColumn = Exclude<CohortColumn, "id" | "asd">;

export interface CohortRow {
  /** Patient number, 1-based. */
  id: number;
  /** Adjacent segment degeneration 2 years after PKP: 1 yes, 0 no (the outcome). */
  asd: number;
  age: number;
  smoking: number;
  prior_asd: number;
  bmd_t: number;
  cement_ml: number;
  cement_leakage: number;
  cobb_post_deg: number;
  height_recovery_pct: number;
}

export interface ColumnSpec {
  name: CohortColumn;
  /** Key used by published.json (`continuous[].name`, `binary[].name`), or null for id and the outcome. */
  publishedName: string | null;
  label: string;
  description: string;
  kind: "id" | "outcome" | "binary" | "continuous";
  unit: string;
  /** Decimals written to the CSV (the reconstruction's grid is 10^-decimals). */
  decimals: number;
  /** Range the reconstruction stays in, inclusive; real data outside it gives a warning. */
  plausible: [number, number];
  /** Range outside which a value is rejected as not a measurement of this kind, inclusive. */
  valid: [number, number];
}

const binary = (name: CohortColumn, publishedName: string, label: string, description: string): ColumnSpec => ({
  name,
  publishedName,
  label,
  description,
  kind: "binary",
  unit: "0 = no, 1 = yes",
  decimals: 0,
  plausible: [0, 1],
  valid: [0, 1]
});

/** The data dictionary, in file order. */
export const COHORT_SCHEMA: readonly ColumnSpec[] = [
  {
    name: "id", publishedName: null, label: "Patient", description: "Row number of the patient (optional in real data).",
    kind: "id", unit: "", decimals: 0, plausible: [1, Number.MAX_SAFE_INTEGER], valid: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]
  },
  {
    name: "asd", publishedName: null, label: "ASD at 2 years",
    description: "Adjacent segment degeneration 2 years after the primary PKP (the outcome).",
    kind: "outcome", unit: "0 = no, 1 = yes", decimals: 0, plausible: [0, 1], valid: [0, 1]
  },
  {
    name: "age", publishedName: "age", label: "Age", description: "Age at surgery, whole years.",
    kind: "continuous", unit: "years", decimals: 0, plausible: [50, 95], valid: [18, 110]
  },
  binary("smoking", "smoking", "Smoking history", "History of smoking."),
  binary("prior_asd", "previousAsd", "Prior ASD", "Degeneration of an adjacent segment already present before surgery."),
  {
    name: "bmd_t", publishedName: "bmd", label: "BMD (T-score)", description: "Preoperative bone mineral density, DXA T-score.",
    kind: "continuous", unit: "T-score", decimals: 1, plausible: [-5, -1], valid: [-8, 4]
  },
  {
    name: "cement_ml", publishedName: "cementVolume", label: "Cement volume", description: "Volume of bone cement injected.",
    kind: "continuous", unit: "ml", decimals: 1, plausible: [1, 8], valid: [0, 30]
  },
  binary("cement_leakage", "cementLeakage", "Cement leakage", "Leakage of bone cement outside the vertebral body."),
  {
    name: "cobb_post_deg", publishedName: "cobbPost", label: "Cobb angle after surgery",
    description: "Local kyphotic Cobb angle immediately after surgery.",
    kind: "continuous", unit: "°", decimals: 1, plausible: [0, 30], valid: [-30, 90]
  },
  {
    name: "height_recovery_pct", publishedName: "heightRecovery", label: "Height recovery",
    description: "Vertebral height recovery rate after surgery.",
    kind: "continuous", unit: "%", decimals: 1, plausible: [0, 30], valid: [-50, 200]
  }
];

/** The candidate predictors (every measured and yes/no column), in the dictionary's order. */
export const PREDICTOR_COLUMNS: readonly PredictorColumn[] = COHORT_SCHEMA.filter((c) => c.kind === "continuous" || c.kind === "binary").map((c) => c.name as PredictorColumn);
/** The measured (continuous) columns, in the dictionary's order. */
export const CONTINUOUS_COLUMNS: readonly PredictorColumn[] = COHORT_SCHEMA.filter((c) => c.kind === "continuous").map((c) => c.name as PredictorColumn);

/** Column of a published entry (published.json names such as "cementVolume" → "cement_ml"); "model" stays. */
export function publishedColumn(name: string): string {
  if (name === "model") return "model";
  const spec = COHORT_SCHEMA.find((c) => c.publishedName === name || c.name === name);
  if (!spec) throw new RangeError(`publishedColumn: no cohort column for published name "${name}"`);
  return spec.name;
}

/** The factors the abstract reports as independent (its multivariable ORs), as cohort columns, in dictionary order. */
export function publishedFactors(published: {multivariable: readonly {name: string}[]}): PredictorColumn[] {
  const named = new Set(published.multivariable.map((m) => publishedColumn(m.name)));
  return PREDICTOR_COLUMNS.filter((c) => named.has(c));
}

/** The spec of one column; throws RangeError for an unknown name. */
export function columnSpec(name: string): ColumnSpec {
  const spec = COHORT_SCHEMA.find((c) => c.name === name);
  if (!spec) throw new RangeError(`column: unknown cohort column "${name}" (known: ${COHORT_COLUMNS.join(", ")})`);
  return spec;
}

/** A cohort CSV that does not fit the schema; the message names the file, column and row (an AnalysisError). */
export class CohortSchemaError extends AnalysisError {
  override name = "CohortSchemaError";
}

export interface ParsedCohort {
  rows: CohortRow[];
  /** Non-fatal findings: values outside the plausible range, missing cells, ignored extra columns, duplicate patients. */
  warnings: string[];
  /** Columns present in the file (header order). */
  columns: string[];
}

/**
 * Parses and validates a cohort CSV: the project's table layer (./table.ts, ./typed-table.ts: the same parsing,
 * missing-value tokens and row numbering as the CLI) with the schema's checks on top. Accepts a header line with
 * the schema's columns in any order (`id` optional; extra columns ignored with a warning) and one row per patient.
 * Rows are named as every message names them: "data row r (spreadsheet row s)".
 */
export function parseCohortCsv(text: string, {source = "cohort CSV"}: {source?: string} = {}): ParsedCohort {
  if (typeof text !== "string") throw new TypeError("text must be the CSV file's contents as a string");
  let csv;
  try {
    csv = parseCsvTable(text, {source});
  } catch (e) {
    if (e instanceof AnalysisError) throw new CohortSchemaError(e.message, e.code, e.where);
    throw e;
  }
  const table = typedTable(csv);
  const warnings: string[] = [];
  const required = COHORT_COLUMNS.filter((c) => c !== "id");
  const present = new Set(table.columns);
  const absent = required.filter((c) => !present.has(c));
  if (absent.length > 0) {
    throw new CohortSchemaError(
      `${source}: missing column${absent.length > 1 ? "s" : ""} ${absent.map((c) => `"${c}"`).join(", ")}; ` +
        `the header must name ${required.join(", ")} (id optional). Found: ${table.columns.join(", ")}`,
      "header"
    );
  }
  const extra = table.columns.filter((h) => !(COHORT_COLUMNS as readonly string[]).includes(h));
  if (extra.length > 0) warnings.push(`${source}: ignored column${extra.length > 1 ? "s" : ""} not in the schema: ${extra.join(", ")}`);

  const n = table.rows;
  const where = (spec: ColumnSpec, i: number) => `${source}: column "${spec.name}", ${describeRow(i + 1, table.rowNumber(i))}`;
  const values = new Map<CohortColumn, Float64Array>();
  for (const spec of COHORT_SCHEMA) {
    if (!present.has(spec.name)) continue;
    const column = table.column(spec.name);
    const out = new Float64Array(n);
    if (column.kind === "text" || column.kind === "mixed") {
      // the first cell that is not a number
      const i = column.kind === "mixed" ? column.nonNumeric.rows[0]! : column.codes.findIndex((c) => c >= 0 && Number.isNaN(parseNumber(column.dictionary[c]!)));
      const cell = column.kind === "mixed" ? column.nonNumeric.values[0]! : column.dictionary[column.codes[i]!]!;
      throw new CohortSchemaError(`${where(spec, i)}: "${cell}" is not a number; ${describeExpected(spec)}`, "column", {column: spec.name, rows: [i + 1]});
    }
    if (column.kind === "numeric") out.set(column.values);
    else out.fill(NaN);
    let missing = 0;
    let implausible = 0;
    let firstImplausible = "";
    for (let i = 0; i < n; i++) {
      const value = out[i]!;
      if (Number.isNaN(value)) {
        if (spec.kind === "outcome" || spec.kind === "id") {
          throw new CohortSchemaError(`${where(spec, i)}: the value is missing; every patient needs ${spec.kind === "id" ? "an id" : "an outcome (0 or 1)"}`, "column", {column: spec.name, rows: [i + 1]});
        }
        missing++;
        continue;
      }
      if (spec.kind === "binary" || spec.kind === "outcome") {
        if (value !== 0 && value !== 1) throw new CohortSchemaError(`${where(spec, i)}: "${value}" is not 0 or 1; ${describeExpected(spec)}`, "column", {column: spec.name, rows: [i + 1]});
      } else if (spec.kind === "id") {
        if (!Number.isInteger(value)) throw new CohortSchemaError(`${where(spec, i)}: id "${value}" is not a whole number`, "column", {column: spec.name, rows: [i + 1]});
      } else {
        if (value < spec.valid[0] || value > spec.valid[1]) {
          throw new CohortSchemaError(
            `${where(spec, i)}: ${value} is outside the possible range ${spec.valid[0]} to ${spec.valid[1]} (${spec.unit}); ${describeExpected(spec)}`,
            "column",
            {column: spec.name, rows: [i + 1]}
          );
        }
        if (value < spec.plausible[0] || value > spec.plausible[1]) {
          if (implausible++ === 0) firstImplausible = `${describeRow(i + 1, table.rowNumber(i))} (${value})`;
        }
      }
    }
    if (missing > 0) warnings.push(`${source}: column "${spec.name}" has ${missing} missing value${missing > 1 ? "s" : ""}`);
    if (implausible > 0) {
      warnings.push(`${source}: column "${spec.name}" has ${implausible} value${implausible > 1 ? "s" : ""} outside the usual range ${spec.plausible[0]} to ${spec.plausible[1]} ${spec.unit}, first at ${firstImplausible}; kept`);
    }
    values.set(spec.name, out);
  }
  const rows: CohortRow[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const row = {} as CohortRow;
    for (const spec of COHORT_SCHEMA) row[spec.name] = values.get(spec.name)?.[i] ?? (spec.name === "id" ? i + 1 : NaN);
    rows[i] = row;
  }
  const ids = new Map<number, number>();
  rows.forEach((r, k) => {
    const first = ids.get(r.id);
    if (first !== undefined) {
      throw new CohortSchemaError(
        `${source}: column "id", ${describeRow(k + 1, table.rowNumber(k))}: id ${r.id} repeats ${describeRow(first + 1, table.rowNumber(first))}; ids must be unique`,
        "column",
        {column: "id", rows: [first + 1, k + 1]}
      );
    }
    ids.set(r.id, k);
  });
  const outcomes = new Set(rows.map((r) => r.asd));
  if (outcomes.size < 2) throw new CohortSchemaError(`${source}: column "asd" has only the value ${[...outcomes][0]}; both outcomes (0 and 1) are needed`, "outcome", {column: "asd"});
  const duplicates = duplicatePatients(rows);
  if (duplicates.length) {
    const shown = duplicates.slice(0, 5).map(([a, b]) => `${describeRow(b + 1, table.rowNumber(b))} repeats ${describeRow(a + 1, table.rowNumber(a))}`).join("; ");
    warnings.push(
      `${source}: ${duplicates.length} patient${duplicates.length > 1 ? "s are" : " is"} identical to an earlier one in every column but id (${shown}${duplicates.length > 5 ? `; and ${duplicates.length - 5} more` : ""}): check for rows entered twice; they are kept`
    );
  }
  return {rows, warnings, columns: table.columns};
}

/** Pairs [first, later] of 0-based rows identical in every schema column except id. */
function duplicatePatients(rows: readonly CohortRow[]): [number, number][] {
  const seen = new Map<string, number>();
  const pairs: [number, number][] = [];
  rows.forEach((r, k) => {
    const key = COHORT_SCHEMA.filter((c) => c.kind !== "id").map((c) => String(r[c.name])).join(",");
    const first = seen.get(key);
    if (first === undefined) seen.set(key, k);
    else pairs.push([first, k]);
  });
  return pairs;
}

function describeExpected(spec: ColumnSpec): string {
  if (spec.kind === "binary" || spec.kind === "outcome") return `code ${spec.label.toLowerCase()} as 1 = yes, 0 = no`;
  if (spec.kind === "id") return "expected a whole number";
  const mid = ((spec.plausible[0] + spec.plausible[1]) / 2).toFixed(spec.decimals);
  return `expected ${spec.label} in ${spec.unit}, usually ${spec.plausible[0]} to ${spec.plausible[1]} (e.g. ${mid})`;
}

/** Writes rows as the cohort CSV: schema column order, each value at its column's decimals, "\n" line ends. */
export function formatCohortCsv(rows: readonly CohortRow[]): string {
  const out = [COHORT_COLUMNS.join(",")];
  for (const row of rows) {
    out.push(COHORT_SCHEMA.map((spec) => (Number.isNaN(row[spec.name]) ? "" : fixed(row[spec.name], spec.decimals))).join(","));
  }
  return out.join("\n") + "\n";
}

/** toFixed without "-0.0". */
function fixed(value: number, decimals: number): string {
  const s = value.toFixed(decimals);
  return /^-0(\.0+)?$/.test(s) ? s.slice(1) : s;
}

/** The cohort as columns of numbers, keyed by column name (for buildDesign and the tests). */
export function cohortColumns(rows: readonly CohortRow[]): Record<CohortColumn, Float64Array> {
  const out = {} as Record<CohortColumn, Float64Array>;
  for (const name of COHORT_COLUMNS) out[name] = Float64Array.from(rows, (r) => r[name]);
  return out;
}
