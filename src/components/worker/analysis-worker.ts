/**
 * The Web Worker of the "Your own cohort" page: reads the reader's file as clinicians have it (cohort/readers:
 * delimiter and decimal mark detected or chosen, UTF-16, .xlsx) and detects column types (cohort/columns.ts), then
 * runs the one analysis pipeline (pipeline/pipeline.ts: Table 1, the
 * reader's procedure, ROC and DeLong, calibration, the decision curve, Harrell's bootstrap validation) — the document
 * `analyze` prints for the same choices — or validates a given equation on the table
 * (pipeline/validate-equation.ts, what `analyze --validate-equation` prints) — posting progress as it goes, so the
 * page never freezes.
 * Messages: ./protocol.ts. Bundled into one script by src/data/analysis-worker.js.ts.
 *
 * No statistics here: every number is the engine's. Errors the reader can act on (AnalysisError) are posted with
 * their message and location; anything else is posted as an internal error with its message.
 */
import {AnalysisError, type CsvTable} from "../cohort/table.js";
import {readTableFile} from "../cohort/readers/index.js";
import type {Dialect} from "../cohort/readers/dialect.js";
import {isMissing} from "../cohort/columns.js";
import {validateEquationOnTable} from "../pipeline/validate-equation.js";
import {EquationSpecError, linearPredictor, parseEquation} from "../stats/equation-spec.js";
import {detectColumns} from "../cohort/columns.js";
import {typedTable, type TypedTable} from "../cohort/typed-table.js";
import {prepareData} from "../cohort/prepare.js";
import {runPipelineOnData} from "../pipeline/pipeline.js";
import {choicesProcedure, MAX_COUNTED_VALUES, MAX_FILE_BYTES, validateChoices, type AnalysisChoices, type FileFormatSummary, type LoadedTable, type PageResult, type ValidationChoices, type ValidationPageResult, type WorkerRequest, type WorkerResponse} from "./protocol.js";
import {drawingExtras} from "./extras.js";

interface WorkerScope {
  postMessage(message: WorkerResponse, transfer?: Transferable[]): void;
  addEventListener(type: "message", listener: (event: MessageEvent<WorkerRequest>) => void): void;
}
const scope = self as unknown as WorkerScope;

const PREVIEW_ROWS = 10;
let loaded: {table: CsvTable; typed: TypedTable; fileName: string; summary: LoadedTable} | null = null;

const now = () => performance.now();

function post(message: WorkerResponse, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

function progress(id: number, stage: string, fraction: number): void {
  post({type: "progress", id, stage, fraction});
}

function fail(id: number, error: unknown): void {
  if (error instanceof AnalysisError) {
    post({type: "error", id, message: error.message, where: error.where, code: error.code});
  } else if (error instanceof RangeError || error instanceof TypeError) {
    // The engine's own checks (a constant predictor, collinear terms, …): their messages name the column.
    post({type: "error", id, message: error.message.replace(/^\w+: /, ""), code: "analysis"});
  } else {
    const message = error instanceof Error ? error.message : String(error);
    post({type: "error", id, message: `The analysis failed unexpectedly: ${message}`, code: "internal"});
  }
}

/** Each column's values with their counts (columns with few values), and the columns unique per row. */
function valueSummaries(table: CsvTable): {valueCounts: NonNullable<LoadedTable["valueCounts"]>; idLike: string[]} {
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
    if (table.rows.length >= 10 && present === table.rows.length && seen.size === present) idLike.push(column);
  });
  return {valueCounts, idLike};
}

async function load(id: number, file: Blob, fileName: string, dialect?: Partial<Dialect>, sheet?: string): Promise<void> {
  const started = now();
  loaded = null;
  if (file.size > MAX_FILE_BYTES) throw new AnalysisError(`“${fileName}” is larger than this page can handle.`, "analysis");
  progress(id, "reading", 0);
  const bytes = new Uint8Array(await file.arrayBuffer());
  progress(id, "parsing", 0.3);
  const read = readTableFile(bytes, {fileName, ...(dialect ? {dialect} : {}), ...(sheet !== undefined ? {sheet} : {})});
  const table = read.table;
  const f = read.format;
  const format: FileFormatSummary =
    f.kind === "delimited"
      ? {
          kind: "delimited", description: read.description, delimiter: f.dialect.delimiter, decimal: f.dialect.decimal, encoding: f.encoding,
          detected: {delimiter: f.detected.delimiter, decimal: f.detected.decimal, confident: f.detected.confident, evidence: `${f.detected.evidence.delimiter} ${f.detected.evidence.decimal}`}
        }
      : {kind: "xlsx", description: read.description, sheet: f.sheet, sheets: f.sheets.map((s) => s.name)};
  progress(id, "columns", 0.7);
  const columns = detectColumns(table);
  const summary: LoadedTable = {
    fileName,
    bytes: file.size,
    rows: table.rows.length,
    columns,
    preview: table.rows.slice(0, PREVIEW_ROWS),
    parseMs: now() - started,
    format,
    ...valueSummaries(table)
  };
  loaded = {table, typed: typedTable(table), fileName, summary};
  progress(id, "columns", 1);
  post({type: "loaded", id, table: summary});
}

function validate(id: number, choices: ValidationChoices): void {
  if (!loaded) throw new AnalysisError("Choose a CSV file first.", "choices");
  progress(id, "validating", 0);
  let equation;
  try {
    equation = parseEquation(choices.equation);
  } catch (e) {
    if (e instanceof EquationSpecError) throw new AnalysisError(`The equation: ${e.message}`, "choices");
    throw e;
  }
  const report = validateEquationOnTable(loaded.typed, {
    equation,
    outcome: choices.outcome,
    event: choices.positive,
    mapping: new Map(choices.mapping),
    onProgress: (stage, fraction) => progress(id, stage, fraction)
  });
  // each complete case's predicted risk and outcome, for the calibration plot's strip (the same rows as the report)
  const t = loaded.typed;
  const y = t.column(choices.outcome);
  const keep: number[] = [];
  const columns = report.mapping.map((m) => t.column(m.column));
  for (let i = 0; i < t.rows; i++) {
    const present = [y, ...columns].every((c) => (c.kind === "numeric" ? !Number.isNaN(c.values[i]!) : c.kind === "text" ? c.codes[i]! >= 0 : false));
    if (present) keep.push(i);
  }
  const values = new Map(report.mapping.map((m, k) => {
    const c = columns[k]!;
    return [m.term, Float64Array.from(keep, (i) => (c.kind === "numeric" ? c.values[i]! : NaN))] as const;
  }));
  const probability = Float64Array.from(linearPredictor(equation, values).probability);
  const outcome = Float64Array.from(keep, (i) => {
    const text = y.kind === "numeric" ? String(y.values[i]) : y.kind === "text" ? y.dictionary[y.codes[i]!]! : "";
    return text === report.outcome.positive ? 1 : 0;
  });
  const result: ValidationPageResult = {report, choices, fileName: loaded.fileName, probability, outcome};
  progress(id, "done", 1);
  post({type: "validation", id, result}, [probability.buffer, outcome.buffer]);
}

function analyze(id: number, choices: AnalysisChoices): void {
  if (!loaded) throw new AnalysisError("Choose a CSV file first.", "choices");
  const problem = validateChoices(choices, loaded.table.columns);
  if (problem) throw new AnalysisError(problem, "choices");
  const timings: Record<string, number> = {};
  let t = now();
  progress(id, "fitting", 0);
  const procedure = choicesProcedure(choices);
  const data = prepareData(loaded.typed, {outcome: procedure.outcome, event: procedure.event, candidates: procedure.candidates});
  const {result: cli, run} = runPipelineOnData(data, procedure, {
    bootstrap: {replicates: choices.replicates, seed: choices.seed},
    onProgress: (stage, fraction) => progress(id, stage, fraction)
  });
  timings.analysis = now() - t;
  t = now();
  const extras = drawingExtras(data, run, cli);
  timings.drawing = now() - t;
  const result: PageResult = {cli, choices, fileName: loaded.fileName, rowsRead: loaded.table.rows.length, ...extras, notes: [], timings};
  progress(id, "done", 1);
  const transfer: Transferable[] = [result.outcome.buffer, result.fitted.buffer];
  for (const m of result.markers) transfer.push(m.cases.buffer, m.controls.buffer);
  post({type: "result", id, result}, transfer);
}

scope.addEventListener("message", (event) => {
  const request = event.data;
  if (request.type === "load") {
    load(request.id, request.file, request.fileName, request.dialect, request.sheet).catch((error) => fail(request.id, error));
  } else if (request.type === "analyze") {
    try {
      analyze(request.id, request.choices);
    } catch (error) {
      fail(request.id, error);
    }
  } else if (request.type === "validate") {
    try {
      validate(request.id, request.validation);
    } catch (error) {
      fail(request.id, error);
    }
  }
});
