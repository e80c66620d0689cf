/**
 * The data a modelling procedure sees: the complete cases of the outcome and the candidate predictors, as typed
 * columns, checked so that every later message can say what is wrong, where and what to do. One function for the
 * CLI, the "Your own cohort" worker and the study's build, so the three use the same rows.
 *
 * Steps, each failing with an AnalysisError (what, where, what to do):
 * 1. choices: an outcome, at least one candidate, every named column present, none twice, the outcome not a
 *    candidate;
 * 2. columns (over all rows): a "mostly numeric" candidate with stray text is an error naming the first rows (data
 *    row and spreadsheet row); an all-missing candidate is an error; a text candidate with more than
 *    MAX_CATEGORY_LEVELS levels is an error (an identifier or free text, not a category);
 * 3. outcome: exactly two distinct non-missing values, one of them the event value (compared as text, or as
 *    numbers when both are numbers: "1.0" = "1");
 * 4. complete cases: rows missing the outcome or a candidate are dropped, with a warning giving the count, the
 *    percentage and the missing cells per column;
 * 5. a candidate constant over the complete cases is an error naming it.
 *
 * Variables: a numeric column with more than two values is "continuous"; with two, "binary" (it still enters a
 * model as one numeric term, as R's glm does with a 0/1 column); a text column with two levels is "binary", more
 * "categorical" (dummies against the first level in code-unit order, R's sort in the C locale). Every variable also
 * carries level codes (numeric binary: 0 for the lower value), so Table 1 and the bootstrap count without strings.
 *
 * Pure, no DOM; runs in Node, the browser and a Web Worker.
 *
 * @example prepareData(typedTable(table), {outcome: "asd", event: "1", candidates: ["age", "bmd_t"]}).events // 25
 */
import {AnalysisError, describeRow, quote} from "./table.js";
import {codeUnitOrder, parseNumber} from "./columns.js";
import {cellText, type NumericColumn, type TextColumn, type TypedColumn, type TypedTable} from "./typed-table.js";

/** A text predictor with more distinct values than this is refused (an identifier or free text, not a category). */
export const MAX_CATEGORY_LEVELS = 50;

export type VariableKind = "continuous" | "binary" | "categorical";

/** One candidate over the complete cases. */
export interface Variable {
  name: string;
  kind: VariableKind;
  /** True for a numeric column (it enters a model as one term). */
  numeric: boolean;
  /** Numeric columns: the values. */
  values: Float64Array | null;
  /** Binary and categorical: level index per row into `levels`. Null for continuous. */
  codes: Int32Array | null;
  /** Distinct values, sorted (numbers ascending, as text; text in code-unit order). The first is the reference. */
  levels: string[];
}

export interface DataChoices {
  outcome: string;
  /** Outcome value that marks an event; default "1". */
  event?: string;
  candidates: readonly string[];
}

export interface PreparedData {
  outcome: string;
  /** The event value as written in the file, and the other outcome value. */
  positive: string;
  negative: string;
  candidates: string[];
  /** Data rows read. */
  rows: number;
  /** 0-based data rows of the complete cases, in file order. */
  keep: Int32Array;
  /** Outcome per complete case: 1 = event. */
  y: Float64Array;
  events: number;
  nonEvents: number;
  excluded: number;
  /** Candidates by name (a Map: a column may be called `__proto__`). */
  variables: Map<string, Variable>;
  /** The complete-case warning, when rows were dropped. */
  warnings: string[];
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

function fmt(x: number, digits = 3): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(digits);
}

function listValues(values: {label: string; n: number}[]): string {
  const shown = values.slice(0, 10).map((v) => `${quote(v.label)} (${plural(v.n, "row")})`);
  return shown.join(", ") + (values.length > 10 ? `, and ${values.length - 10} more` : "");
}

function checkChoices(table: TypedTable, choices: DataChoices): {outcome: string; positive: string; candidates: string[]} {
  if (choices == null || typeof choices !== "object") throw new TypeError("prepareData: choices must be an object");
  const outcome = String(choices.outcome ?? "").trim();
  const positive = String(choices.event ?? "1").trim();
  const candidates = (choices.candidates ?? []).map((p) => String(p).trim());
  const list = table.columns.map(quote).join(", ");
  if (outcome === "") throw new AnalysisError(`No outcome column was given. Name one of the columns: ${list}.`, "choices");
  if (!table.columns.includes(outcome)) {
    throw new AnalysisError(`The outcome column ${quote(outcome)} is not in the file. Columns in the file: ${list}.`, "choices", {column: outcome});
  }
  if (positive === "") throw new AnalysisError(`The event value is blank. Give the outcome value that marks an event (e.g. 1 or yes).`, "choices");
  if (candidates.length === 0 || candidates.some((p) => p === "")) {
    throw new AnalysisError(`No predictors were given${candidates.length ? " (or a blank name in the list)" : ""}. Name one or more columns: ${list}.`, "choices");
  }
  const absent = candidates.filter((p) => !table.columns.includes(p));
  if (absent.length) {
    throw new AnalysisError(
      `${absent.length === 1 ? "The predictor" : "The predictors"} ${absent.map(quote).join(", ")} ${absent.length === 1 ? "is" : "are"} not in the file. Columns in the file: ${list}.`,
      "choices",
      {column: absent[0]!}
    );
  }
  const seen = new Set<string>();
  for (const p of candidates) {
    if (seen.has(p)) throw new AnalysisError(`The predictor ${quote(p)} is listed twice. List each predictor once.`, "choices", {column: p});
    seen.add(p);
  }
  if (seen.has(outcome)) {
    throw new AnalysisError(`The outcome ${quote(outcome)} is also listed as a predictor. Remove it from the predictors.`, "choices", {column: outcome});
  }
  return {outcome, positive, candidates};
}

/** The error for a column that is mostly numbers with some text: which column, how many cells, the first rows. */
export function mixedColumnError(table: TypedTable, column: TypedColumn & {kind: "mixed"}): AnalysisError {
  const bad = column.nonNumeric;
  const listed = bad.rows.map((r, k) => `${describeRow(r + 1, table.rowNumber(r))}: ${quote(bad.values[k]!)}`).join("; ");
  const more = bad.count > bad.rows.length ? `, and ${bad.count - bad.rows.length} more` : "";
  return new AnalysisError(
    `Column ${quote(column.name)} is mostly numeric (${column.numbers} numbers) but ${bad.count} cell${bad.count === 1 ? " is" : "s are"} not a number — ${listed}${more}. ` +
      `Correct ${bad.count === 1 ? "that cell" : "those cells"}, or leave ${bad.count === 1 ? "it" : "them"} blank or NA to mark a missing value; numbers use "." as the decimal point, without units.`,
    "column",
    {column: column.name, rows: bad.rows.map((r) => r + 1)}
  );
}

function usableColumn(table: TypedTable, name: string, role: "predictor" | "outcome"): NumericColumn | TextColumn {
  const column = table.column(name);
  if (column.kind === "mixed") throw mixedColumnError(table, column);
  if (column.kind === "empty") {
    throw new AnalysisError(
      `The ${role} ${quote(name)} has no values: every one of its ${plural(table.rows, "cell")} is missing. ${role === "predictor" ? "Remove it from the predictors." : "Choose another outcome column."}`,
      role === "predictor" ? "column" : "outcome",
      {column: name}
    );
  }
  if (role === "predictor" && column.kind === "text" && column.dictionary.length > MAX_CATEGORY_LEVELS) {
    throw new AnalysisError(
      `The predictor ${quote(name)} is text with ${column.dictionary.length} different values (more than ${MAX_CATEGORY_LEVELS}), so it cannot be a categorical predictor — is it an identifier or free text? ` +
        `Remove it, or group its values into fewer categories.`,
      "column",
      {column: name}
    );
  }
  return column;
}

const isPresent = (column: NumericColumn | TextColumn, i: number): boolean =>
  column.kind === "numeric" ? !Number.isNaN(column.values[i]!) : column.codes[i]! >= 0;

/**
 * Checks the choices and columns and extracts the complete cases (see the module comment).
 * Throws AnalysisError for bad data or choices, TypeError for a malformed `choices` object.
 */
export function prepareData(table: TypedTable, choices: DataChoices): PreparedData {
  const {outcome, positive, candidates} = checkChoices(table, choices);
  const warnings: string[] = [];
  const rows = table.rows;
  const outcomeColumn = usableColumn(table, outcome, "outcome");
  const columns = candidates.map((name) => usableColumn(table, name, "predictor"));

  // outcome values over all rows, keyed by value (numbers: "1.0" = "1")
  const counts = new Map<string, number>();
  for (let i = 0; i < rows; i++) {
    const text = cellText(outcomeColumn, i);
    if (text !== null) counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  const values = [...counts].map(([label, n]) => ({label, n})).sort((a, b) => b.n - a.n || codeUnitOrder(a.label, b.label));
  if (values.length !== 2) {
    const found = values.length === 1 ? "only one value" : `${values.length} values`;
    throw new AnalysisError(
      `The outcome column ${quote(outcome)} must have exactly two values (event and non-event); found ${found}: ${listValues(values)}. Choose a binary outcome column, or recode it to two values.`,
      "outcome",
      {column: outcome}
    );
  }
  const positiveNumber = parseNumber(positive);
  const eventValue =
    outcomeColumn.kind === "numeric"
      ? values.find((v) => Number(v.label) === positiveNumber)
      : values.find((v) => v.label === positive);
  if (!eventValue) {
    throw new AnalysisError(
      `The event value ${quote(positive)} does not occur in the outcome column ${quote(outcome)}; its values are ${listValues(values)}. ` +
        `Choose one of them as the event value (--positive in the CLI).`,
      "outcome",
      {column: outcome}
    );
  }
  const negative = values.find((v) => v !== eventValue)!.label;
  const eventCode = outcomeColumn.kind === "text" ? outcomeColumn.dictionary.indexOf(eventValue.label) : -1;
  const eventNumber = Number(eventValue.label);
  const isEvent = (i: number): boolean =>
    outcomeColumn.kind === "numeric" ? outcomeColumn.values[i] === eventNumber : outcomeColumn.codes[i] === eventCode;

  // complete cases
  const used = [outcomeColumn, ...columns];
  const missingPerColumn = new Array<number>(used.length).fill(0);
  const keepList: number[] = [];
  for (let i = 0; i < rows; i++) {
    let complete = true;
    for (let c = 0; c < used.length; c++) {
      if (!isPresent(used[c]!, i)) {
        missingPerColumn[c]!++;
        complete = false;
      }
    }
    if (complete) keepList.push(i);
  }
  const keep = Int32Array.from(keepList);
  const n = keep.length;
  const excluded = rows - n;
  const missingList = used.map((c, k) => [c.name, missingPerColumn[k]!] as const).filter(([, m]) => m > 0).map(([name, m]) => `${quote(name)} ${m}`).join(", ");
  if (n === 0) {
    throw new AnalysisError(
      `No complete rows: every one of the ${plural(rows, "row")} has a missing value in the outcome or a predictor (missing cells: ${missingList}). Choose predictors with fewer missing values.`,
      "analysis"
    );
  }
  if (excluded > 0) {
    warnings.push(
      `Complete-case analysis: ${plural(excluded, "row")} of ${rows.toLocaleString("en-US")} (${fmt((100 * excluded) / rows, 3)}%) dropped for a missing value in the outcome or a predictor (missing cells: ${missingList}); ${plural(n, "row")} analysed.`
    );
  }
  const y = new Float64Array(n);
  let events = 0;
  for (let r = 0; r < n; r++) {
    if (isEvent(keep[r]!)) {
      y[r] = 1;
      events++;
    }
  }
  const nonEvents = n - events;
  if (events === 0 || nonEvents === 0) {
    throw new AnalysisError(
      `After dropping rows with missing values, all ${plural(n, "complete row")} have ${quote(outcome)} = ${quote(events === 0 ? negative : eventValue.label)}: ` +
        `there are no ${events === 0 ? "events" : "non-events"} left to compare. Choose predictors with fewer missing values.`,
      "outcome",
      {column: outcome}
    );
  }

  // candidates over the complete cases
  const variables = new Map<string, Variable>();
  const constant: string[] = [];
  for (const column of columns) {
    const variable = column.kind === "numeric" ? numericVariable(column, keep) : textVariable(column, keep);
    if (variable.levels.length < 2) {
      constant.push(`${quote(column.name)} (every analysed row is ${column.kind === "numeric" ? variable.levels[0] : quote(variable.levels[0]!)})`);
    }
    variables.set(column.name, variable);
  }
  if (constant.length) {
    throw new AnalysisError(
      `${constant.length === 1 ? "The predictor" : "The predictors"} ${constant.join(", ")} ${constant.length === 1 ? "is" : "are"} constant over the ${plural(n, "complete row")}, so ${constant.length === 1 ? "it" : "they"} cannot predict anything. ` +
        `Remove ${constant.length === 1 ? "it" : "them"} from the predictors.`,
      "column",
      {column: columns.find((c) => variables.get(c.name)!.levels.length < 2)!.name}
    );
  }
  return {outcome, positive: eventValue.label, negative, candidates, rows, keep, y, events, nonEvents, excluded, variables, warnings};
}

function numericVariable(column: NumericColumn, keep: Int32Array): Variable {
  const n = keep.length;
  const values = new Float64Array(n);
  for (let r = 0; r < n; r++) values[r] = column.values[keep[r]!]!;
  const sorted = Float64Array.from(values).sort();
  const distinct: number[] = [];
  for (let i = 0; i < n && distinct.length <= 2; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]!);
  if (distinct.length > 2) return {name: column.name, kind: "continuous", numeric: true, values, codes: null, levels: distinctText(sorted)};
  const codes = new Int32Array(n);
  if (distinct.length === 2) for (let r = 0; r < n; r++) codes[r] = values[r] === distinct[0] ? 0 : 1;
  return {name: column.name, kind: "binary", numeric: true, values, codes, levels: distinct.map(String)};
}

function distinctText(sorted: Float64Array): string[] {
  const out: string[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) out.push(String(sorted[i]));
  return out;
}

function textVariable(column: TextColumn, keep: Int32Array): Variable {
  const n = keep.length;
  const present = new Uint8Array(column.dictionary.length);
  for (let r = 0; r < n; r++) present[column.codes[keep[r]!]!] = 1;
  const levels = column.dictionary.filter((_, c) => present[c]).sort(codeUnitOrder);
  const position = new Map(levels.map((level, k) => [level, k]));
  const rank = Int32Array.from(column.dictionary, (level) => position.get(level) ?? -1);
  const codes = new Int32Array(n);
  for (let r = 0; r < n; r++) codes[r] = rank[column.codes[keep[r]!]!]!;
  return {name: column.name, kind: levels.length > 2 ? "categorical" : "binary", numeric: false, values: null, codes, levels};
}

/** The data restricted to (or resampled by) `rows`, 0-based indices into the complete cases; levels are kept. */
export function subsetData(data: PreparedData, rows: ArrayLike<number>): PreparedData {
  const m = rows.length;
  const y = new Float64Array(m);
  let events = 0;
  for (let i = 0; i < m; i++) {
    y[i] = data.y[rows[i]!]!;
    events += y[i]!;
  }
  const keep = new Int32Array(m);
  for (let i = 0; i < m; i++) keep[i] = data.keep[rows[i]!]!;
  const variables = new Map<string, Variable>();
  for (const [name, v] of data.variables) {
    let values: Float64Array | null = null;
    let codes: Int32Array | null = null;
    if (v.values) {
      values = new Float64Array(m);
      for (let i = 0; i < m; i++) values[i] = v.values[rows[i]!]!;
    }
    if (v.codes) {
      codes = new Int32Array(m);
      for (let i = 0; i < m; i++) codes[i] = v.codes[rows[i]!]!;
    }
    variables.set(name, {...v, values, codes});
  }
  return {...data, rows: m, keep, y, events, nonEvents: m - events, excluded: 0, variables, warnings: []};
}
