/**
 * The cohort's data dictionary: one row per patient, the columns, their types, units, precision and ranges, and
 * the parser that reads a cohort CSV (real or reconstructed) and checks it against the dictionary.
 *
 * Columns (src/data/cohort.csv, in this order):
 *   id, asd, age, smoking, prior_asd, bmd_t, cement_ml, cement_leakage, cobb_post_deg, height_recovery_pct
 *
 * Two kinds of range are kept apart on purpose:
 * - `plausible`: the range the reconstruction stays inside (issue 3: age 50–95, T-score −5.0 to −1.0, cement
 *   1.0–8.0 ml, Cobb 0–30°, recovery 0–30 %); real data outside it is accepted with a warning, because a real
 *   patient may be 48 years old;
 * - `valid`: the range outside which a value cannot be a measurement of this kind (a T-score of 12, a negative
 *   volume); real data outside it is rejected with an error naming the column and the row.
 *
 * Real data need only carry the schema's columns, in any order, with extra columns ignored; `id` is optional
 * (rows are then numbered 1, 2, …). An empty cell or "NA" is a missing value (NaN) except in `asd`, which must be
 * present: the analysis drops incomplete rows and says how many.
 *
 * Throws CohortSchemaError (a TypeError subclass, so callers can tell it from bugs) with a message that says what
 * was wrong, where (file, column, row — rows counted as in a spreadsheet, header = row 1) and what to do.
 *
 * @example parseCohortCsv("asd,age,smoking,prior_asd,bmd_t,cement_ml,cement_leakage,cobb_post_deg,height_recovery_pct\n1,70,0,0,-2.5,3.1,0,10.2,8.4").rows[0].age // 70
 */
import {csvParseRows} from "d3";

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
/** The eight candidate predictors, in the order the multivariable model lists them. */
export const PREDICTOR_COLUMNS = [
  "age",
  "smoking",
  "prior_asd",
  "bmd_t",
  "cement_ml",
  "cement_leakage",
  "cobb_post_deg",
  "height_recovery_pct"
] as const;
export type PredictorColumn = (typeof PREDICTOR_COLUMNS)[number];
export const CONTINUOUS_COLUMNS = ["age", "bmd_t", "cement_ml", "cobb_post_deg", "height_recovery_pct"] as const;
export type ContinuousColumn = (typeof CONTINUOUS_COLUMNS)[number];
export const BINARY_COLUMNS = ["smoking", "prior_asd", "cement_leakage"] as const;
export type BinaryColumn = (typeof BINARY_COLUMNS)[number];

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
  /** Range the reconstruction stays in (issue 3), inclusive; real data outside it gives a warning. */
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

/** The spec of one column; throws RangeError for an unknown name. */
export function columnSpec(name: string): ColumnSpec {
  const spec = COHORT_SCHEMA.find((c) => c.name === name);
  if (!spec) throw new RangeError(`column: unknown cohort column "${name}" (known: ${COHORT_COLUMNS.join(", ")})`);
  return spec;
}

/** A cohort CSV that does not fit the schema; the message names the file, column and row. */
export class CohortSchemaError extends TypeError {
  override name = "CohortSchemaError";
}

export interface ParsedCohort {
  rows: CohortRow[];
  /** Non-fatal findings: values outside the plausible range, missing cells, ignored extra columns. */
  warnings: string[];
  /** Columns present in the file (header order). */
  columns: string[];
}

const MISSING = new Set(["", "NA", "na", "NaN", "null", "."]);

/**
 * Parses and validates a cohort CSV. Accepts a header line with the schema's columns in any order (`id`
 * optional; extra columns ignored with a warning) and one row per patient.
 */
export function parseCohortCsv(text: string, {source = "cohort CSV"}: {source?: string} = {}): ParsedCohort {
  if (typeof text !== "string") throw new TypeError("text must be the CSV file's contents as a string");
  const body = text.replace(/^\uFEFF/, "");
  const lines = csvParseRows(body).filter((r) => !(r.length === 1 && r[0].trim() === ""));
  if (lines.length === 0) throw new CohortSchemaError(`${source}: the file is empty; expected a header line with the columns ${COHORT_COLUMNS.join(", ")}`);
  const header = lines[0].map((h) => h.trim());
  if (lines.length === 1) throw new CohortSchemaError(`${source}: the header has no rows below it; add one row per patient`);
  const warnings: string[] = [];
  const index = new Map<string, number>();
  header.forEach((h, j) => {
    if (index.has(h)) throw new CohortSchemaError(`${source}: column "${h}" appears twice in the header (columns ${index.get(h)! + 1} and ${j + 1}); keep one`);
    index.set(h, j);
  });
  const required = COHORT_COLUMNS.filter((c) => c !== "id");
  const absent = required.filter((c) => !index.has(c));
  if (absent.length > 0) {
    throw new CohortSchemaError(
      `${source}: missing column${absent.length > 1 ? "s" : ""} ${absent.map((c) => `"${c}"`).join(", ")}; ` +
        `the header must name ${required.join(", ")} (id optional). Found: ${header.join(", ")}`
    );
  }
  const extra = header.filter((h) => !(COHORT_COLUMNS as readonly string[]).includes(h));
  if (extra.length > 0) warnings.push(`${source}: ignored column${extra.length > 1 ? "s" : ""} not in the schema: ${extra.join(", ")}`);

  const rows: CohortRow[] = [];
  const missingCounts = new Map<string, number>();
  const implausible = new Map<string, {count: number; first: string}>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    const rowNumber = i + 1; // spreadsheet numbering: the header is row 1
    if (line.length !== header.length) {
      throw new CohortSchemaError(`${source}: row ${rowNumber} has ${line.length} cells but the header has ${header.length}; check for a stray or missing comma`);
    }
    const row = {} as CohortRow;
    for (const spec of COHORT_SCHEMA) {
      const j = index.get(spec.name);
      if (j === undefined) {
        row.id = i; // id absent: number the rows
        continue;
      }
      const cell = line[j].trim();
      const where = `${source}: column "${spec.name}", row ${rowNumber}`;
      if (MISSING.has(cell)) {
        if (spec.kind === "outcome" || spec.kind === "id") throw new CohortSchemaError(`${where}: the value is missing; every patient needs ${spec.kind === "id" ? "an id" : "an outcome (0 or 1)"}`);
        missingCounts.set(spec.name, (missingCounts.get(spec.name) ?? 0) + 1);
        row[spec.name] = NaN;
        continue;
      }
      const value = Number(cell);
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cell) || !Number.isFinite(value)) {
        throw new CohortSchemaError(`${where}: "${cell}" is not a number; ${describeExpected(spec)}`);
      }
      if (spec.kind === "binary" || spec.kind === "outcome") {
        if (value !== 0 && value !== 1) throw new CohortSchemaError(`${where}: "${cell}" is not 0 or 1; ${describeExpected(spec)}`);
      } else if (spec.kind === "id") {
        if (!Number.isInteger(value)) throw new CohortSchemaError(`${where}: id "${cell}" is not a whole number`);
      } else {
        if (value < spec.valid[0] || value > spec.valid[1]) {
          throw new CohortSchemaError(`${where}: ${cell} is outside the possible range ${spec.valid[0]} to ${spec.valid[1]} (${spec.unit}); ${describeExpected(spec)}`);
        }
        if (value < spec.plausible[0] || value > spec.plausible[1]) {
          const prev = implausible.get(spec.name);
          if (prev) prev.count++;
          else implausible.set(spec.name, {count: 1, first: `row ${rowNumber} (${cell})`});
        }
      }
      row[spec.name] = value;
    }
    rows.push(row);
  }
  const ids = new Map<number, number>();
  rows.forEach((r, k) => {
    if (ids.has(r.id)) throw new CohortSchemaError(`${source}: column "id", row ${k + 2}: id ${r.id} repeats row ${ids.get(r.id)! + 2}; ids must be unique`);
    ids.set(r.id, k);
  });
  const outcomes = new Set(rows.map((r) => r.asd));
  if (outcomes.size < 2) throw new CohortSchemaError(`${source}: column "asd" has only the value ${[...outcomes][0]}; both outcomes (0 and 1) are needed`);
  for (const [name, count] of missingCounts) warnings.push(`${source}: column "${name}" has ${count} missing value${count > 1 ? "s" : ""}`);
  for (const [name, {count, first}] of implausible) {
    const spec = columnSpec(name);
    warnings.push(`${source}: column "${name}" has ${count} value${count > 1 ? "s" : ""} outside the usual range ${spec.plausible[0]} to ${spec.plausible[1]} ${spec.unit}, first at ${first}; kept`);
  }
  return {rows, warnings, columns: header};
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
