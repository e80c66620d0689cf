/**
 * Messages between the "Your own cohort" page and its analysis Web Worker (./analysis-worker.ts).
 *
 * The page sends the reader's File itself (structured-cloned, never uploaded anywhere); the worker reads, parses
 * and keeps the table, so a reader who changes a choice re-runs the analysis without re-reading the file.
 *
 *   page → worker   {type: "load", id, file, dialect?, sheet?}  read (../cohort/readers) + detect column types
 *                   {type: "analyze", id, choices}        analyse the loaded table (model, ROC, bootstrap, …)
 *                   {type: "validate", id, validation}    validate a given equation on the loaded table
 *   worker → page   {type: "progress", id, stage, fraction}  any number of times, fraction in [0, 1]
 *                   {type: "loaded", id, table}           answer to "load"
 *                   {type: "result", id, result}          answer to "analyze"
 *                   {type: "validation", id, result}      answer to "validate"
 *                   {type: "error", id, message, where?}  answer to either; the message is for the reader
 *
 * Every answer carries the id of the request it answers, so a stale answer (the reader chose a new file while
 * the old one was still parsing) is recognised and dropped.
 *
 * No DOM here: imported by the worker and the page alike.
 */
import type {AnalysisResult} from "../pipeline/pipeline.js";
import type {ColumnInfo} from "../cohort/columns.js";
import {DEFAULT_BOOTSTRAP_SEED, DEFAULT_REPLICATES as PIPELINE_REPLICATES} from "../pipeline/defaults.js";
import {fitAllProcedure, type Procedure} from "../procedure/procedure.js";
import type {AnalysisErrorCode} from "../cohort/table.js";
import type {ExternalValidationReport} from "../pipeline/validate-equation.js";
import type {Dialect} from "../cohort/readers/dialect.js";

/** Largest file the page accepts (checked from file.size before anything is read). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** Bootstrap replicates: default and the range the page offers. */
export const DEFAULT_REPLICATES = PIPELINE_REPLICATES;
export const MIN_REPLICATES = 10;
export const MAX_REPLICATES = 2000;
/** Fixed seed for the bootstrap, so the page, the JSON export and a re-run give the same numbers. */
export const DEFAULT_SEED = DEFAULT_BOOTSTRAP_SEED;

/** What the reader chose; the analysis is a pure function of the table and these. */
export interface AnalysisChoices {
  outcome: string;
  /** Outcome value that counts as the event (compared as text, as the CLI's --positive). */
  positive: string;
  predictors: string[];
  firth: boolean;
  replicates: number;
  seed: number;
  /** Univariable screen: keep candidates with Table 1 p below this; null for none. */
  screenP?: number | null;
  /** Selection after the fit of the survivors. */
  select?: "none" | "wald" | "backward";
  /** Threshold of the Wald selection. */
  selectP?: number;
}

/** The modelling procedure the reader's choices describe (the CLI's flags of the same name build the same one). */
export function choicesProcedure(c: AnalysisChoices): Procedure {
  const procedure = fitAllProcedure(c.outcome, c.predictors, {event: c.positive, estimate: c.firth ? "firth" : "ml"});
  if (c.screenP != null) procedure.screen = {method: "univariable", p: c.screenP};
  if (c.select === "wald") procedure.select = {method: "wald", p: c.selectP ?? 0.05};
  else if (c.select === "backward") procedure.select = {method: "backward", rule: "aic", type: "residual"};
  return procedure;
}

/** One column as the page shows it before analysis: the shared detection of ../cohort/columns.ts. */
export type ColumnSummary = ColumnInfo;

export interface LoadedTable {
  fileName: string;
  bytes: number;
  rows: number;
  columns: ColumnSummary[];
  /** First rows of the file, as text, for the preview. */
  preview: string[][];
  /** Parse time in ms (worker clock). */
  parseMs: number;
  /** How the file was read (../cohort/readers), for the reader to confirm or change. */
  format?: FileFormatSummary;
  /** Each value and its count, for columns with at most MAX_COUNTED_VALUES distinct values (the event choice). */
  valueCounts?: {column: string; counts: {value: string; n: number}[]}[];
  /** Columns whose every row holds a different value (an identifier, not a predictor). */
  idLike?: string[];
}

/** Columns with at most this many values get their counts (the outcome's event is confirmed with them). */
export const MAX_COUNTED_VALUES = 20;

export interface FileFormatSummary {
  kind: "delimited" | "xlsx";
  /** One sentence: how the file was read. */
  description: string;
  delimiter?: Dialect["delimiter"];
  decimal?: Dialect["decimal"];
  /** What detection found, and why, for a delimited file. */
  detected?: {delimiter: Dialect["delimiter"]; decimal: Dialect["decimal"]; confident: boolean; evidence: string};
  encoding?: string;
  sheet?: string;
  sheets?: string[];
}

/** What the reader chose for validating an equation. */
export interface ValidationChoices {
  /** The equation as JSON text (equation-spec.ts's form), parsed in the worker. */
  equation: string;
  outcome: string;
  positive: string;
  /** Term → column pairs. */
  mapping: [string, string][];
}

/** The report and what the page draws beyond it: each complete case's predicted risk and outcome. */
export interface ValidationPageResult {
  report: ExternalValidationReport;
  choices: ValidationChoices;
  fileName: string;
  probability: Float64Array;
  outcome: Float64Array;
}

/** A curve thinned for drawing (statistics always use every point; only the drawing is thinned). */
export interface CurveForDrawing {
  key: string;
  label: string;
  auc: number;
  ciLower: number;
  ciUpper: number;
  direction: "<" | ">";
  sensitivities: number[];
  specificities: number[];
}

/**
 * One marker's cases and controls, each sorted ascending (the engine's PreparedRoc), for the live threshold: the
 * page calls the engine's confusionFromPrepared on it in O(log n) per slider step.
 */
export interface MarkerValues {
  key: string;
  label: string;
  direction: "<" | ">";
  cases: Float64Array;
  controls: Float64Array;
  min: number;
  max: number;
  /** Youden-optimal point (pROC coords "best"). */
  youden: {threshold: number; sensitivity: number; specificity: number};
}

/**
 * Everything the page shows. `cli` is the analysis document `npm run analyze` prints for the same file and choices
 * (with --bootstrap and --seed): Table 1, the procedure's steps, the model, ROC, DeLong, calibration, the decision
 * curve and the bootstrap validation; the other fields are for drawing and the live threshold only.
 */
export interface PageResult {
  cli: AnalysisResult;
  choices: AnalysisChoices;
  fileName: string;
  rowsRead: number;
  /** Outcome coded 0/1 over the complete cases. */
  outcome: Float64Array;
  /** The model's fitted probabilities, same order as `outcome`. */
  fitted: Float64Array;
  markers: MarkerValues[];
  curves: CurveForDrawing[];
  /** The fit showed complete or quasi-complete separation (the page offers Firth). */
  separation: boolean;
  /** Messages about parts that could not be computed (the rest stands); the document's warnings say the rest. */
  notes: string[];
  timings: Record<string, number>;
}

export type {AnalysisErrorLocation as ErrorLocation} from "../cohort/table.js";
import type {AnalysisErrorLocation as ErrorLocation} from "../cohort/table.js";

export type WorkerRequest =
  | {type: "load"; id: number; file: Blob; fileName: string; dialect?: Partial<Dialect>; sheet?: string}
  | {type: "analyze"; id: number; choices: AnalysisChoices}
  | {type: "validate"; id: number; validation: ValidationChoices};

export type WorkerResponse =
  | {type: "progress"; id: number; stage: string; fraction: number}
  | {type: "loaded"; id: number; table: LoadedTable}
  | {type: "result"; id: number; result: PageResult}
  | {type: "validation"; id: number; result: ValidationPageResult}
  | {type: "error"; id: number; message: string; where?: ErrorLocation; code?: ErrorCode};

/** Lets the page attach the right remedy (e.g. offer Firth on separation). */
export type ErrorCode = AnalysisErrorCode | "too-large" | "separation" | "internal";

export function isWorkerResponse(value: unknown): value is WorkerResponse {
  if (typeof value !== "object" || value === null) return false;
  const v = value as {type?: unknown; id?: unknown};
  return typeof v.id === "number" && (v.type === "progress" || v.type === "loaded" || v.type === "result" || v.type === "validation" || v.type === "error");
}

/** Checks the reader's choices before anything is sent; returns the first problem as a message, or null. */
export function validateChoices(choices: AnalysisChoices, columns: readonly string[]): string | null {
  if (!choices.outcome) return "Choose the outcome column.";
  if (!columns.includes(choices.outcome)) return `The outcome column “${choices.outcome}” is not in this file.`;
  if (choices.positive === "") return "Choose which outcome value is the event.";
  if (!choices.predictors.length) return "Choose at least one candidate predictor.";
  const missing = choices.predictors.filter((p) => !columns.includes(p));
  if (missing.length) return `These predictors are not in this file: ${missing.join(", ")}.`;
  if (choices.predictors.includes(choices.outcome)) return `The outcome “${choices.outcome}” cannot also be a predictor.`;
  if (!Number.isInteger(choices.replicates) || choices.replicates < MIN_REPLICATES || choices.replicates > MAX_REPLICATES) {
    return `Bootstrap replicates must be a whole number from ${MIN_REPLICATES} to ${MAX_REPLICATES}.`;
  }
  return null;
}
