/**
 * The study's analysis on any table: the pipeline behind `npm run analyze` (bin/analyze.ts) and the "your own
 * cohort" page's Web Worker, so that both give the same numbers. analyzeTable returns the CLI's JSON document
 * (issue 2), already JSON-safe: every statistic that is not a finite number is null.
 *
 * Steps, in order, each failing with an AnalysisError that says what, where and what to do:
 * 1. choices: at least one predictor, every named column exists, none twice, the outcome not a predictor;
 * 2. columns (./columns.ts rules, over all rows): a "mostly numeric" predictor with stray text is an error naming
 *    the first rows; an all-missing predictor is an error; a text predictor with more than MAX_CATEGORY_LEVELS
 *    levels is an error (an identifier or free text, not a category);
 * 3. outcome: exactly two distinct non-missing values (error naming the values found, with counts), one of which
 *    is the event value `positive` (compared as text, or as numbers when both are numbers: "1.0" = "1");
 * 4. complete cases: rows with a missing outcome or predictor are dropped, with `excluded` and a warning giving
 *    the count, the percentage and the missing cells per column;
 * 5. predictors constant over the complete cases: error naming them;
 * 6. Table 1: per predictor, descriptives by outcome group and a two-group test of events against non-events —
 *    continuous (numeric, > 2 values): Student's t with pooled variance (the study's choice; R t.test(var.equal =
 *    TRUE)), with Welch's t and the Mann–Whitney/Wilcoxon test (wilcox.test(exact = FALSE, correct = TRUE)) as
 *    extra fields; statistics are events minus non-events (t.test(x[y == 1], x[y == 0]); W counts event-group
 *    wins); binary (two values): Pearson's chi-square without continuity correction, or Fisher's exact test when
 *    any expected count is below 5 (the field `test` names which, `testReason` says why); categorical (text, > 2
 *    levels): Pearson's chi-square on the r × c table (with a warning when an expected count is below 5);
 * 7. the multivariable logistic model (glm, or Firth's penalised likelihood with `firth`): numeric columns enter
 *    as one term, text columns as dummies "column=level" against the first level in sorted order; perfectly
 *    collinear terms are an error naming them; events per parameter below 10, or more parameters than events,
 *    give a warning with the numbers (events = the less frequent outcome class); separation gives a warning that
 *    names it and suggests --firth, and the Wald CIs are null;
 * 8. ROC (pROC's direction "auto", DeLong 95% CI, Youden-optimal threshold) for each numeric predictor and the
 *    model's fitted probabilities; DeLong's paired test of the model against each numeric predictor.
 *
 * Pure (no DOM, no node: imports): runs in Node, the browser and a Web Worker.
 *
 * @example analyzeTable(parseCsvTable(text), {outcome: "asd", predictors: ["age", "bmd"]}).model.terms[1].oddsRatio
 */
import {buildDesign, detectCollinearity, type DesignColumns} from "../stats/design.js";
import {fitLogistic, type LogisticFit} from "../stats/logistic.js";
import {fitFirth} from "../stats/firth.js";
import {rocCurve, youdenOptimal} from "../stats/roc.js";
import {delongAuc, delongTest} from "../stats/delong.js";
import {studentT, welchT} from "../stats/t-test.js";
import {mannWhitney} from "../stats/mann-whitney.js";
import {chiSquare} from "../stats/chi-square.js";
import {fisherExact} from "../stats/fisher-exact.js";
import {countLevels, describe} from "../stats/descriptives.js";
import {AnalysisError, quote, type CsvTable} from "./table.js";
import {codeUnitOrder, detectColumn, isMissing, mixedColumnError, parseNumber} from "./columns.js";

export {AnalysisError} from "./table.js";

/** A text predictor with more distinct values than this is refused (an identifier or free text, not a category). */
export const MAX_CATEGORY_LEVELS = 50;
/** The usual minimum of events per model parameter (Peduzzi et al. 1996). */
export const MIN_EVENTS_PER_PARAMETER = 10;

export interface AnalyzeOptions {
  /** Outcome column. */
  outcome: string;
  /** Outcome value that marks an event; default "1". */
  positive?: string;
  /** Predictor columns, in model order. */
  predictors: string[];
  /** Fit Firth's penalised likelihood instead of maximum likelihood. */
  firth?: boolean;
}

export type VariableKind = "continuous" | "binary" | "categorical";

/** One row of Table 1's tests. `statistic`/`p` are the primary test's (named in `test`, R's method name). */
export interface UnivariateResult {
  variable: string;
  kind: VariableKind;
  /** R's method name: "Two Sample t-test", "Pearson's Chi-squared test" or "Fisher's Exact Test for Count Data". */
  test: string;
  /** t, X², or null for Fisher's exact test (which has no test statistic; see `oddsRatio`). */
  statistic: number | null;
  p: number | null;
  /** Degrees of freedom of t or X²; null for Fisher. */
  df: number | null;
  /** Why this test (binary and categorical variables): the smallest expected count. */
  testReason?: string;
  /** Smallest expected cell count under independence (binary and categorical). */
  expectedMin?: number | null;
  /** Continuous: mean of events − mean of non-events (Student's t estimate). */
  meanDifference?: number | null;
  /** 95% CI of meanDifference (continuous) or of oddsRatio (binary by Fisher's exact test). */
  ciLower?: number | null;
  ciUpper?: number | null;
  /** Continuous: Welch's t-test (R t.test default). */
  welch?: {statistic: number | null; df: number | null; p: number | null};
  /** Continuous: Wilcoxon rank-sum / Mann–Whitney (wilcox.test exact = FALSE, correct = TRUE); W of the event group. */
  mannWhitney?: {statistic: number | null; p: number | null};
  /** Binary analysed by Fisher's exact test: conditional MLE of the odds ratio and its 95% CI (fisher.test). */
  oddsRatio?: number | null;
  /** Binary analysed by Fisher's exact test: Pearson's X² (no correction) for reference. */
  chiSquare?: {statistic: number | null; df: number; p: number | null};
}

export interface NumericSummary {
  n: number;
  mean: number | null;
  /** Sample SD (n − 1); null when n = 1. */
  sd: number | null;
  median: number | null;
  /** Quartiles, R type 7. */
  q1: number | null;
  q3: number | null;
  iqr: number | null;
  min: number | null;
  max: number | null;
}

export interface LevelSummary {
  level: string;
  n: number;
  /** Percentage of the group's rows, 0–100. */
  pct: number;
}

/** One group's summary of one variable: numeric summaries for numeric variables, level counts for binary/categorical. */
export interface GroupDescriptives {
  n: number;
  numeric?: NumericSummary;
  levels?: LevelSummary[];
}

/** Table 1 descriptives of one predictor, over the complete cases, overall and by outcome group. */
export interface VariableDescriptives {
  variable: string;
  kind: VariableKind;
  /** True when the column is numeric (binary numeric columns have both `numeric` and `levels`). */
  numeric: boolean;
  all: GroupDescriptives;
  events: GroupDescriptives;
  nonEvents: GroupDescriptives;
}

export interface ModelTerm {
  term: string;
  estimate: number | null;
  se: number | null;
  z: number | null;
  p: number | null;
  oddsRatio: number | null;
  /** Wald 95% CI of the odds ratio; null under separation (not valid) or when not finite. */
  ciLower: number | null;
  ciUpper: number | null;
}

export interface ModelResult {
  method: "ml" | "firth";
  converged: boolean;
  iterations: number;
  /** ML: log-likelihood. Firth: the unpenalised log-likelihood at the Firth estimates (penalizedLogLik beside it). */
  logLik: number | null;
  aic: number | null;
  deviance: number | null;
  nullDeviance: number | null;
  /** Likelihood-ratio test against the intercept-only model (Firth: penalised LR, as logistf). */
  lrStatistic: number | null;
  lrDf: number;
  lrP: number | null;
  penalizedLogLik?: number | null;
  /** False when the Wald CIs are withheld (separation). */
  ciValid: boolean;
  separation: {detected: boolean; kind?: "complete" | "quasi-complete"; terms?: string[]; message?: string};
  terms: ModelTerm[];
}

export interface RocResult {
  /** Predictor name, or "model" for the fitted probabilities. */
  marker: string;
  /** pROC's direction: "<" when events have higher values (positive iff value ≥ threshold), ">" otherwise. */
  direction: "<" | ">";
  auc: number | null;
  /** DeLong 95% CI, clipped to [0, 1]. */
  ciLower: number | null;
  ciUpper: number | null;
  se: number | null;
  /** Youden-optimal threshold (pROC coords "best"), with its sensitivity and specificity. */
  threshold: number | null;
  sensitivity: number | null;
  specificity: number | null;
  youdenJ: number | null;
  /** Every threshold whose Youden J ties the best, in pROC's order (`threshold` is the first). */
  youdenTies: (number | null)[];
  nCases: number;
  nControls: number;
}

export interface ComparisonResult {
  a: "model";
  b: string;
  /** DeLong's paired test (pROC roc.test(method = "delong", paired = TRUE)). */
  z: number | null;
  p: number | null;
  aucA: number | null;
  aucB: number | null;
  /** aucA − aucB. */
  difference: number | null;
}

/** The CLI's JSON document (issue 2); fields beyond the fixed ones are extras for Table 1 and the page. */
export interface AnalysisResult {
  /** Complete cases used. */
  n: number;
  /** Complete cases whose outcome is the event value. */
  events: number;
  /** Rows dropped for a missing value in the outcome or a predictor. */
  excluded: number;
  warnings: string[];
  univariate: UnivariateResult[];
  model: ModelResult;
  roc: RocResult[];
  comparisons: ComparisonResult[];
  /** Extras. */
  rows: number;
  outcome: {column: string; positive: string; negative: string; nonEvents: number};
  predictors: string[];
  /** Model parameters excluding the intercept, and the less frequent outcome class per parameter. */
  parameters: number;
  eventsPerParameter: number | null;
  descriptives: VariableDescriptives[];
}

/** Advice on how many parameters the events support (10 per parameter). */
function fewerParameters(limiting: number): string {
  const most = Math.floor(limiting / MIN_EVENTS_PER_PARAMETER);
  return most === 0 ? `, and with fewer than ${MIN_EVENTS_PER_PARAMETER} even one parameter is more than the data support` : `, or use at most ${plural(most, "parameter")}`;
}

/** Finite number or null (JSON has no NaN/Infinity). */
function finite(x: number | undefined): number | null {
  return x !== undefined && Number.isFinite(x) ? x : null;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

function fmt(x: number, digits = 3): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(digits);
}

interface PredictorColumn {
  name: string;
  numeric: boolean;
}

function checkChoices(table: CsvTable, options: AnalyzeOptions): {outcome: string; positive: string; predictors: string[]} {
  if (options == null || typeof options !== "object") throw new TypeError("analyzeTable: options must be an object");
  const outcome = String(options.outcome ?? "").trim();
  const positive = String(options.positive ?? "1").trim();
  const predictors = (options.predictors ?? []).map((p) => String(p).trim());
  const list = table.columns.map(quote).join(", ");
  if (outcome === "") throw new AnalysisError(`No outcome column was given. Name one of the columns: ${list}.`, "choices");
  if (!table.columns.includes(outcome)) {
    throw new AnalysisError(`The outcome column ${quote(outcome)} is not in the file. Columns in the file: ${list}.`, "choices", {column: outcome});
  }
  if (positive === "") throw new AnalysisError(`The event value is blank. Give the outcome value that marks an event (e.g. 1 or yes).`, "choices");
  if (predictors.length === 0 || predictors.some((p) => p === "")) {
    throw new AnalysisError(`No predictors were given${predictors.length ? " (or a blank name in the list)" : ""}. Name one or more columns: ${list}.`, "choices");
  }
  const absent = predictors.filter((p) => !table.columns.includes(p));
  if (absent.length) {
    throw new AnalysisError(
      `${absent.length === 1 ? "The predictor" : "The predictors"} ${absent.map(quote).join(", ")} ${absent.length === 1 ? "is" : "are"} not in the file. Columns in the file: ${list}.`,
      "choices",
      {column: absent[0]}
    );
  }
  const seen = new Set<string>();
  for (const p of predictors) {
    if (seen.has(p)) throw new AnalysisError(`The predictor ${quote(p)} is listed twice. List each predictor once.`, "choices", {column: p});
    seen.add(p);
  }
  if (seen.has(outcome)) {
    throw new AnalysisError(`The outcome ${quote(outcome)} is also listed as a predictor. Remove it from the predictors.`, "choices", {column: outcome});
  }
  return {outcome, positive, predictors};
}

/** Outcome values over all rows: key → {label, count}; numeric columns are keyed by value ("1.0" = "1"). */
function outcomeValues(table: CsvTable, j: number, numeric: boolean): Map<string, {label: string; n: number}> {
  const values = new Map<string, {label: string; n: number}>();
  for (const row of table.rows) {
    const cell = row[j]!;
    if (isMissing(cell)) continue;
    const key = numeric ? String(parseNumber(cell)) : cell;
    const entry = values.get(key);
    if (entry) entry.n++;
    else values.set(key, {label: cell, n: 1});
  }
  return values;
}

function listValues(values: {label: string; n: number}[]): string {
  const shown = values.slice(0, 10).map((v) => `${quote(v.label)} (${plural(v.n, "row")})`);
  return shown.join(", ") + (values.length > 10 ? `, and ${values.length - 10} more` : "");
}

function numericSummary(values: Float64Array): NumericSummary {
  if (values.length === 0) return {n: 0, mean: null, sd: null, median: null, q1: null, q3: null, iqr: null, min: null, max: null};
  const d = describe(values);
  return {n: d.n, mean: finite(d.mean), sd: finite(d.sd), median: finite(d.median), q1: finite(d.q1), q3: finite(d.q3), iqr: finite(d.iqr), min: finite(d.min), max: finite(d.max)};
}

function levelSummary(values: (string | number)[], levels: string[]): LevelSummary[] {
  const counts = new Map<string, number>();
  if (values.length) for (const c of countLevels(values)) counts.set(c.level, c.n);
  return levels.map((level) => {
    const n = counts.get(level) ?? 0;
    return {level, n, pct: values.length ? (100 * n) / values.length : 0};
  });
}

function pick<T>(values: ArrayLike<T>, y: Uint8Array, want: number): T[] {
  const out: T[] = [];
  for (let i = 0; i < y.length; i++) if (y[i] === want) out.push(values[i]!);
  return out;
}

/**
 * The data the model sees: the complete cases of the outcome and predictors, checked (steps 1–5 of the module
 * comment). Shared by analyzeTable and the page's worker (bootstrap, calibration), so both use the same rows.
 */
export interface PreparedData {
  outcome: string;
  /** The event value as written in the file, and the other outcome value. */
  positive: string;
  negative: string;
  predictors: string[];
  /** Data rows read. */
  rows: number;
  /** 0-based indices into table.rows of the complete cases, in file order. */
  keep: number[];
  /** Outcome of each complete case: 1 = event. */
  y: Uint8Array;
  events: number;
  nonEvents: number;
  excluded: number;
  /** Predictor values of the complete cases: Float64Array for numeric columns, string[] for text columns (buildDesign's input). */
  columns: DesignColumns;
  /** Per predictor: numeric column or not, Table 1 kind, and distinct values over the complete cases (sorted, as text). */
  numeric: Record<string, boolean>;
  kinds: Record<string, VariableKind>;
  levels: Record<string, string[]>;
  /** The complete-case warning, when rows were dropped. */
  warnings: string[];
}

/**
 * Checks the choices and columns, and extracts the complete cases (steps 1–5 of the module comment).
 * Throws AnalysisError for bad data or choices.
 * @example completeCases(table, {outcome: "asd", predictors: ["age"]}).y // Uint8Array of 0/1
 */
export function completeCases(table: CsvTable, options: AnalyzeOptions): PreparedData {
  const {outcome, positive, predictors} = checkChoices(table, options);
  const warnings: string[] = [];
  const rows = table.rows;
  // 2. column kinds over all rows
  const outcomeInfo = detectColumn(table, outcome);
  const predictorColumns: (PredictorColumn & {index: number})[] = predictors.map((name) => {
    const info = detectColumn(table, name);
    if (info.kind === "mixed") throw mixedColumnError(info);
    if (info.kind === "empty") {
      throw new AnalysisError(`The predictor ${quote(name)} has no values: every one of its ${plural(rows.length, "cell")} is missing. Remove it from the predictors.`, "column", {column: name});
    }
    if (info.kind === "text" && info.distinct > MAX_CATEGORY_LEVELS) {
      throw new AnalysisError(
        `The predictor ${quote(name)} is text with ${info.distinct} different values (more than ${MAX_CATEGORY_LEVELS}), so it cannot be a categorical predictor — is it an identifier or free text? ` +
          `Remove it, or group its values into fewer categories.`,
        "column",
        {column: name}
      );
    }
    return {name, index: info.index, numeric: info.kind === "numeric"};
  });

  // 3. outcome values
  const oj = outcomeInfo.index;
  const outcomeNumeric = outcomeInfo.kind === "numeric";
  const values = [...outcomeValues(table, oj, outcomeNumeric).values()].sort((a, b) => b.n - a.n || codeUnitOrder(a.label, b.label));
  if (values.length !== 2) {
    const found = values.length === 0 ? `every one of its ${plural(rows.length, "cell")} is missing` : `found ${values.length === 1 ? "only one value" : `${values.length} values`}: ${listValues(values)}`;
    throw new AnalysisError(
      `The outcome column ${quote(outcome)} must have exactly two values (event and non-event); ${found}. ` +
        `Choose a binary outcome column, or recode it to two values.`,
      "outcome",
      {column: outcome}
    );
  }
  const positiveNumber = parseNumber(positive);
  const isEvent = (cell: string): boolean => cell === positive || (outcomeNumeric && !Number.isNaN(positiveNumber) && parseNumber(cell) === positiveNumber);
  const eventValue = values.find((v) => isEvent(v.label));
  if (!eventValue) {
    throw new AnalysisError(
      `The event value ${quote(positive)} does not occur in the outcome column ${quote(outcome)}; its values are ${listValues(values)}. ` +
        `Choose one of them as the event value (--positive in the CLI).`,
      "outcome",
      {column: outcome}
    );
  }
  const negative = values.find((v) => v !== eventValue)!.label;

  // 4. complete cases
  const used = [oj, ...predictorColumns.map((p) => p.index)];
  const usedNames = [outcome, ...predictors];
  const missingPerColumn = new Array<number>(used.length).fill(0);
  const keep: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    let complete = true;
    for (let c = 0; c < used.length; c++) {
      if (isMissing(row[used[c]!]!)) {
        missingPerColumn[c]!++;
        complete = false;
      }
    }
    if (complete) keep.push(i);
  }
  const n = keep.length;
  const excluded = rows.length - n;
  const missingList = usedNames.map((name, c) => [name, missingPerColumn[c]!] as const).filter(([, m]) => m > 0).map(([name, m]) => `${quote(name)} ${m}`).join(", ");
  if (n === 0) {
    throw new AnalysisError(
      `No complete rows: every one of the ${plural(rows.length, "row")} has a missing value in the outcome or a predictor (missing cells: ${missingList}). ` +
        `Choose predictors with fewer missing values.`,
      "analysis"
    );
  }
  if (excluded > 0) {
    warnings.push(
      `Complete-case analysis: ${plural(excluded, "row")} of ${rows.length.toLocaleString("en-US")} (${fmt((100 * excluded) / rows.length, 3)}%) dropped for a missing value in the outcome or a predictor (missing cells: ${missingList}); ${plural(n, "row")} analysed.`
    );
  }

  const y = new Uint8Array(n);
  let events = 0;
  for (let r = 0; r < n; r++) {
    if (isEvent(rows[keep[r]!]![oj]!)) {
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

  // 5. predictor values over the complete cases; constant predictors
  const designColumns: DesignColumns = {};
  const numericFlags: Record<string, boolean> = {};
  const kinds: Record<string, VariableKind> = {};
  const levelsOf: Record<string, string[]> = {};
  const constant: string[] = [];
  for (const p of predictorColumns) {
    numericFlags[p.name] = p.numeric;
    if (p.numeric) {
      const v = new Float64Array(n);
      for (let r = 0; r < n; r++) v[r] = parseNumber(rows[keep[r]!]![p.index]!);
      const distinct = [...new Set(v)].sort((a, b) => a - b);
      designColumns[p.name] = v;
      levelsOf[p.name] = distinct.map(String);
      if (distinct.length < 2) constant.push(`${quote(p.name)} (every analysed row is ${distinct[0]})`);
      kinds[p.name] = distinct.length > 2 ? "continuous" : "binary";
    } else {
      const v = new Array<string>(n);
      for (let r = 0; r < n; r++) v[r] = rows[keep[r]!]![p.index]!;
      const distinct = [...new Set(v)].sort(codeUnitOrder);
      designColumns[p.name] = v;
      levelsOf[p.name] = distinct;
      if (distinct.length < 2) constant.push(`${quote(p.name)} (every analysed row is ${quote(distinct[0]!)})`);
      kinds[p.name] = distinct.length > 2 ? "categorical" : "binary";
    }
  }
  if (constant.length) {
    throw new AnalysisError(
      `${constant.length === 1 ? "The predictor" : "The predictors"} ${constant.join(", ")} ${constant.length === 1 ? "is" : "are"} constant over the ${plural(n, "complete row")}, so ${constant.length === 1 ? "it" : "they"} cannot predict anything. ` +
        `Remove ${constant.length === 1 ? "it" : "them"} from the predictors.`,
      "column",
      {column: predictorColumns.find((p) => constant.some((c) => c.startsWith(quote(p.name))))?.name}
    );
  }

  return {
    outcome,
    positive: eventValue.label,
    negative,
    predictors,
    rows: rows.length,
    keep,
    y,
    events,
    nonEvents,
    excluded,
    columns: designColumns,
    numeric: numericFlags,
    kinds,
    levels: levelsOf,
    warnings
  };
}

/**
 * Runs the whole analysis (see the module comment) and returns the CLI's JSON document.
 * Throws AnalysisError for bad data or choices; TypeError for a malformed `options` object.
 */
export function analyzeTable(table: CsvTable, options: AnalyzeOptions): AnalysisResult {
  const data = completeCases(table, options);
  const {outcome, predictors, y, events, nonEvents, excluded, n} = {...data, n: data.y.length};
  const eventValue = {label: data.positive};
  const negative = data.negative;
  const firth = options.firth === true;
  const warnings = data.warnings.slice();
  const predictorColumns = predictors.map((name) => ({name, numeric: data.numeric[name]!}));
  const numericValues = new Map<string, Float64Array>();
  const textValues = new Map<string, string[]>();
  for (const p of predictorColumns) {
    if (p.numeric) numericValues.set(p.name, data.columns[p.name] as Float64Array);
    else textValues.set(p.name, data.columns[p.name] as string[]);
  }
  const designColumns = data.columns;

  // 6. Table 1
  const univariate: UnivariateResult[] = [];
  const descriptives: VariableDescriptives[] = [];
  for (const p of predictorColumns) {
    const kind = data.kinds[p.name]!;
    const levels = data.levels[p.name]!;
    const group = (want: number | null): GroupDescriptives => {
      const count = want === null ? n : want === 1 ? events : nonEvents;
      const out: GroupDescriptives = {n: count};
      if (p.numeric) {
        const all = numericValues.get(p.name)!;
        const v = want === null ? all : Float64Array.from(pick(all, y, want));
        out.numeric = numericSummary(v);
        if (kind !== "continuous") out.levels = levelSummary(Array.from(v), levels);
      } else {
        const all = textValues.get(p.name)!;
        out.levels = levelSummary(want === null ? all : pick(all, y, want), levels);
      }
      return out;
    };
    descriptives.push({variable: p.name, kind, numeric: p.numeric, all: group(null), events: group(1), nonEvents: group(0)});
    univariate.push(testVariable(p, kind, levels, numericValues, textValues, y, warnings));
  }

  // 7. model
  let design;
  try {
    design = buildDesign(designColumns, predictors);
  } catch (e) {
    throw new AnalysisError(`Cannot build the model: ${(e as Error).message}`, "analysis");
  }
  const collinearity = detectCollinearity(design);
  if (collinearity.collinear) {
    const sources = design.sources ?? design.names;
    const involved = [...new Set(collinearity.terms.map((t) => sources[design.names.indexOf(t)] ?? t))];
    throw new AnalysisError(
      `Perfectly collinear predictors: the term${collinearity.terms.length === 1 ? "" : "s"} ${collinearity.terms.map(quote).join(", ")} ${collinearity.terms.length === 1 ? "is an exact linear combination" : "are exact linear combinations"} of the terms before ${collinearity.terms.length === 1 ? "it" : "them"} ` +
        `(${design.names.slice(0, design.names.indexOf(collinearity.terms[0]!)).map(quote).join(", ")}) over the ${plural(n, "complete row")}, so their coefficients are not identifiable. ` +
        `Remove ${involved.map(quote).join(" or ")}, or the predictor it duplicates.`,
      "analysis",
      {column: involved[0]}
    );
  }
  const parameters = design.names.length - 1;
  const limiting = Math.min(events, nonEvents);
  const limitingLabel = events <= nonEvents ? `events (${quote(outcome)} = ${quote(eventValue.label)})` : `non-events (${quote(outcome)} = ${quote(negative)}, the less frequent outcome)`;
  const eventsPerParameter = parameters > 0 ? limiting / parameters : null;
  if (parameters > limiting) {
    warnings.push(
      `More parameters than events: the model has ${plural(parameters, "parameter")} (excluding the intercept) but only ${limiting} ${limitingLabel}. ` +
        `The estimates are unreliable or may not exist; at least ${MIN_EVENTS_PER_PARAMETER * parameters} ${events <= nonEvents ? "events" : "non-events"} would be needed for ${parameters} parameters (${MIN_EVENTS_PER_PARAMETER} per parameter)${fewerParameters(limiting)}.`
    );
  } else if (eventsPerParameter !== null && eventsPerParameter < MIN_EVENTS_PER_PARAMETER) {
    warnings.push(
      `Few events per parameter: ${limiting} ${limitingLabel} for ${plural(parameters, "parameter")} (excluding the intercept) = ${fmt(eventsPerParameter, 3)} per parameter, below the usual minimum of ${MIN_EVENTS_PER_PARAMETER}. ` +
        `Expect overfitting; ${MIN_EVENTS_PER_PARAMETER * parameters} ${events <= nonEvents ? "events" : "non-events"} would be needed for ${parameters} parameters${fewerParameters(limiting)}.`
    );
  }
  const yModel = Float64Array.from(y);
  let fit: LogisticFit;
  try {
    fit = firth ? fitFirth(design, yModel) : fitLogistic(design, yModel);
  } catch (e) {
    throw new AnalysisError(`The logistic model could not be fitted: ${(e as Error).message}`, "analysis");
  }
  if (fit.separation.detected) {
    warnings.push(`${fit.separation.message ?? "Separation detected: maximum-likelihood estimates do not exist; refit with --firth."} The Wald confidence intervals are reported as null.`);
  } else if (!fit.converged) {
    warnings.push(fit.separation.message ?? `The model did not converge in ${fit.iterations} iterations; the estimates are unreliable.`);
  }
  const model: ModelResult = {
    method: fit.method,
    converged: fit.converged,
    iterations: fit.iterations,
    logLik: finite(fit.logLik),
    aic: finite(fit.aic),
    deviance: finite(fit.deviance),
    nullDeviance: finite(fit.nullDeviance),
    lrStatistic: finite(fit.lrStatistic),
    lrDf: fit.lrDf,
    lrP: finite(fit.lrP),
    ciValid: fit.ciValid,
    separation: {detected: fit.separation.detected},
    terms: fit.terms.map((t) => ({
      term: t.term,
      estimate: finite(t.estimate),
      se: finite(t.se),
      z: finite(t.z),
      p: finite(t.p),
      oddsRatio: finite(t.oddsRatio),
      ciLower: fit.ciValid ? finite(t.ciLower) : null,
      ciUpper: fit.ciValid ? finite(t.ciUpper) : null
    }))
  };
  if (fit.penalizedLogLik !== undefined) model.penalizedLogLik = finite(fit.penalizedLogLik);
  if (fit.separation.kind) model.separation.kind = fit.separation.kind;
  if (fit.separation.terms) model.separation.terms = fit.separation.terms.slice();
  if (fit.separation.message) model.separation.message = fit.separation.message;

  // 8. ROC and DeLong comparisons
  const roc: RocResult[] = [];
  const comparisons: ComparisonResult[] = [];
  const rocOf = (marker: string, values: Float64Array): RocResult => {
    const curve = rocCurve(values, y);
    const ci = delongAuc(values, y, curve.direction);
    const best = youdenOptimal(curve);
    return {
      marker,
      direction: curve.direction,
      auc: finite(curve.auc),
      ciLower: finite(ci.ciLower),
      ciUpper: finite(ci.ciUpper),
      se: finite(ci.se),
      threshold: finite(best.threshold),
      sensitivity: finite(best.sensitivity),
      specificity: finite(best.specificity),
      youdenJ: finite(best.youdenJ),
      // pROC's coords(roc, "best") returns every threshold whose J ties the best; `threshold` is the first.
      youdenTies: best.tiedThresholds.map((t) => finite(t)),
      nCases: curve.nCases,
      nControls: curve.nControls
    };
  };
  const modelRoc = rocOf("model", fit.fitted);
  for (const p of predictorColumns) {
    if (!p.numeric) continue;
    const values = numericValues.get(p.name)!;
    const markerRoc = rocOf(p.name, values);
    roc.push(markerRoc);
    const test = delongTest(fit.fitted, values, y, {directionA: modelRoc.direction, directionB: markerRoc.direction});
    const identical = test.difference === 0 && !(test.variance > 0);
    if (identical) {
      warnings.push(
        `The model's ROC curve and that of ${quote(p.name)} cannot be told apart (AUC difference 0 with DeLong variance 0: the two rank every case–control pair alike, or both separate them perfectly), so DeLong's test of the model against ${quote(p.name)} has no information; as pROC's roc.test does, z is reported as 0 and p as 1.`
      );
    }
    if (!identical && markerRoc.direction !== modelRoc.direction) {
      warnings.push(
        `DeLong's test of the model against ${quote(p.name)} compares ROC curves of different directions (model "${modelRoc.direction}", ${quote(p.name)} "${markerRoc.direction}"${markerRoc.direction === ">" ? `: lower ${quote(p.name)} goes with events` : ""}), each AUC taken in its own direction, as pROC's roc.test does (pROC warns that DeLong's test should not be applied to curves of different directions).`
      );
    }
    comparisons.push({
      a: "model",
      b: p.name,
      z: finite(test.z),
      p: finite(test.p),
      aucA: finite(test.aucA),
      aucB: finite(test.aucB),
      difference: finite(test.difference)
    });
  }
  roc.push(modelRoc);

  return {
    n,
    events,
    excluded,
    warnings,
    univariate,
    model,
    roc,
    comparisons,
    rows: data.rows,
    outcome: {column: outcome, positive: eventValue.label, negative, nonEvents},
    predictors: predictors.slice(),
    parameters,
    eventsPerParameter: finite(eventsPerParameter ?? NaN),
    descriptives
  };
}

/** Table 1 test of one predictor between events (y = 1) and non-events (y = 0). */
function testVariable(
  p: PredictorColumn,
  kind: VariableKind,
  levels: string[],
  numericValues: Map<string, Float64Array>,
  textValues: Map<string, string[]>,
  y: Uint8Array,
  warnings: string[]
): UnivariateResult {
  if (kind === "continuous") {
    const v = numericValues.get(p.name)!;
    const a = pick(v, y, 1);
    const b = pick(v, y, 0);
    if (a.length < 2 || b.length < 2) {
      warnings.push(`Table 1: ${quote(p.name)} has fewer than 2 complete rows in an outcome group, so its t-tests are not computed.`);
      return {variable: p.name, kind, test: "Two Sample t-test", statistic: null, p: null, df: null};
    }
    const student = studentT(a, b);
    const welch = welchT(a, b);
    const mw = mannWhitney(a, b);
    return {
      variable: p.name,
      kind,
      test: student.method,
      statistic: finite(student.statistic),
      p: finite(student.p),
      df: finite(student.df),
      meanDifference: finite(student.estimate),
      ciLower: finite(student.ciLower),
      ciUpper: finite(student.ciUpper),
      welch: {statistic: finite(welch.statistic), df: finite(welch.df), p: finite(welch.p)},
      mannWhitney: {statistic: finite(mw.statistic), p: finite(mw.p)}
    };
  }
  // contingency table: rows = predictor levels (sorted), columns = [non-event, event]
  const index = new Map(levels.map((level, i) => [level, i]));
  const table = levels.map(() => [0, 0]);
  const numeric = numericValues.get(p.name);
  const text = textValues.get(p.name);
  for (let i = 0; i < y.length; i++) {
    const level = numeric ? String(numeric[i]) : text![i]!;
    table[index.get(level)!]![y[i]!]!++;
  }
  const pearson = chiSquare(table, {correct: false});
  let expectedMin = Infinity;
  for (const row of pearson.expected) for (const e of row) expectedMin = Math.min(expectedMin, e);
  if (kind === "binary" && expectedMin < 5) {
    const fisher = fisherExact(table);
    return {
      variable: p.name,
      kind,
      test: fisher.method,
      statistic: null,
      p: finite(fisher.p),
      df: null,
      testReason: `Fisher's exact test because an expected count is below 5 (smallest ${fmt(expectedMin, 3)})`,
      expectedMin: finite(expectedMin),
      oddsRatio: finite(fisher.estimate),
      ciLower: finite(fisher.ciLower),
      ciUpper: finite(fisher.ciUpper),
      chiSquare: {statistic: finite(pearson.statistic), df: pearson.df, p: finite(pearson.p)}
    };
  }
  if (kind === "categorical" && expectedMin < 5) {
    warnings.push(
      `Table 1: ${quote(p.name)} has an expected count below 5 (smallest ${fmt(expectedMin, 3)}) in its ${levels.length} × 2 table, so the chi-square p-value may be inaccurate (R: "Chi-squared approximation may be incorrect"); consider merging rare categories.`
    );
  }
  return {
    variable: p.name,
    kind,
    test: pearson.method,
    statistic: finite(pearson.statistic),
    p: finite(pearson.p),
    df: pearson.df,
    testReason: `Pearson's chi-square without continuity correction (smallest expected count ${fmt(expectedMin, 3)}${kind === "binary" ? " ≥ 5" : ""})`,
    expectedMin: finite(expectedMin)
  };
}
