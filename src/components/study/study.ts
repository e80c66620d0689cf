/**
 * The study as a layer over the pipeline: its columns' labels and units (from the data dictionary,
 * ../cohort/schema.ts), its candidates and its modelling procedure — each written once — and the link from the
 * abstract's published figures (src/data/published.json) to the cohort's columns.
 *
 * The study's procedure, as the abstract most likely ran it: the eight variables compared in Table 1 are the
 * candidates, each screened by its Table 1 test at p < 0.05, the survivors entered together, the factors with Wald
 * p < 0.05 kept and refitted as the "prediction equation". The four-factor equation is the output of running it,
 * not a list written anywhere.
 *
 * Pure, no DOM. @example runProcedure(STUDY_PROCEDURE, studyData(rows)).model.predictors
 */
import {COHORT_SCHEMA, PREDICTOR_COLUMNS, publishedColumn, publishedFactors, type CohortRow} from "../cohort/schema.js";

export {publishedColumn, publishedFactors};
import type {TypedColumn, TypedTable} from "../cohort/typed-table.js";
import {AnalysisError, quote} from "../cohort/table.js";
import {prepareData, type PreparedData} from "../cohort/prepare.js";
import type {Procedure} from "../procedure/procedure.js";
import type {PublishedSummary} from "../stats/abstract-check.js";

/** The published figures (src/data/published.json): the one interface, the abstract checker's. */
export type Published = PublishedSummary;

/** The study's outcome column and its event value. */
export const STUDY_OUTCOME = "asd";

/** The study's candidate predictors: the data dictionary's eight, in its order. */
export const STUDY_CANDIDATES: readonly string[] = PREDICTOR_COLUMNS;

/** The study's modelling procedure (see the module comment). */
export const STUDY_PROCEDURE: Procedure = Object.freeze({
  outcome: STUDY_OUTCOME,
  event: "1",
  candidates: [...STUDY_CANDIDATES],
  screen: {method: "univariable", p: 0.05},
  select: {method: "wald", p: 0.05},
  estimate: "ml"
}) as Procedure;

export interface ColumnInfo {
  key: string;
  label: string;
  unit: string;
  kind: "continuous" | "binary";
  publishedName: string | null;
  decimals: number;
}

export function columnInfo(key: string): ColumnInfo {
  const spec = COHORT_SCHEMA.find((c) => c.name === key);
  if (!spec || (spec.kind !== "continuous" && spec.kind !== "binary")) throw new RangeError(`columnInfo: unknown predictor column "${key}"`);
  return {key, label: spec.label, unit: spec.kind === "binary" ? "" : spec.unit, kind: spec.kind, publishedName: spec.publishedName, decimals: spec.decimals};
}

const PER_UNIT: Record<string, string> = {years: "per year", ml: "per ml", "%": "per % point", "°": "per degree", "T-score": "per T-score unit"};

/** A short label with its unit for a model term: "Age (per year)", "Smoking (yes vs no)". */
export function termLabel(key: string): string {
  if (key === "(Intercept)") return "Intercept";
  // a restricted cubic spline's nonlinear terms (rms names them x', x'', …): no per-unit meaning of their own
  const primes = /'+$/.exec(key);
  if (primes) return `${columnInfo(key.slice(0, primes.index)).label.replace(/ \(.*\)$/, "")}: spline term ${primes[0].length}`;
  const info = columnInfo(key);
  if (info.kind === "binary") return `${info.label} (yes vs no)`;
  // "BMD (T-score)" already names its unit: drop it before adding "per T-score unit".
  const name = info.label.replace(` (${info.unit})`, "");
  return `${name} (${PER_UNIT[info.unit] ?? `per ${info.unit}`})`;
}

/** A label with its unit for an axis or a slider: "Age (years)", "BMD (T-score)", "Smoking (0/1)". */
export function axisLabel(key: string): string {
  const info = columnInfo(key);
  if (info.kind === "binary") return `${info.label} (0/1)`;
  return info.label.includes(info.unit) ? info.label : `${info.label} (${info.unit})`;
}


/** The cohort's rows as a typed table (every schema column numeric, NaN = missing), for the pipeline. */
export function studyTable(rows: readonly CohortRow[], source = "cohort"): TypedTable {
  const columns = COHORT_SCHEMA.map((c) => c.name as string);
  const typed = new Map<string, TypedColumn>();
  COHORT_SCHEMA.forEach((spec, index) => {
    const values = Float64Array.from(rows, (r) => r[spec.name]);
    let missing = 0;
    for (const v of values) if (Number.isNaN(v)) missing++;
    typed.set(spec.name, missing === values.length ? {kind: "empty", name: spec.name, index, missing} : {kind: "numeric", name: spec.name, index, missing, values});
  });
  return {
    source,
    columns,
    rows: rows.length,
    column(name: string) {
      const column = typed.get(name);
      if (!column) throw new AnalysisError(`There is no column ${quote(name)} in the cohort.`, "column", {column: name});
      return column;
    },
    rowNumber: (i: number) => i + 2
  };
}

/** The study's complete cases, prepared for its procedure. Throws AnalysisError naming the column. */
export function studyData(rows: readonly CohortRow[], source?: string): PreparedData {
  return prepareData(studyTable(rows, source), {outcome: STUDY_OUTCOME, event: "1", candidates: STUDY_CANDIDATES});
}
