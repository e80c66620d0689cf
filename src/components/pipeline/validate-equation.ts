/**
 * External validation of a given equation on a reader's table: the pipeline entry that `analyze
 * --validate-equation` prints and "Your own cohort"'s "validate an equation" mode shows and exports. Nothing is
 * refitted; the equation is applied as published to the reader's patients.
 *
 *   table → map each term to a column (default: the column of the term's name) → the outcome coded 0/1 with the
 *   reader's event value → complete cases of the outcome and the mapped columns → the equation's linear predictor
 *   with range, 0/1 and unit checks (../stats/equation-spec.ts; a column named as a data-dictionary column,
 *   ../cohort/schema.ts, carries the dictionary's unit) → external validation (../stats/external-validation.ts:
 *   CITL and slope with Wald and profile CIs, E/O, ICI/E50/E90, the spline calibration curve with bands, AUC with
 *   DeLong's CI, Brier and scaled Brier, val.prob's indices, the decision curve, both re-calibrated equations) →
 *   case-mix beside the development cohort (../stats/case-mix.ts, from the equation's development summaries or raw
 *   development columns) → what each figure means for using the equation on these patients, in words.
 *
 * Every failure is an AnalysisError naming what and where (term, column, spreadsheet row); everything else that
 * is off (values outside the equation's range, a unit that disagrees, dropped rows) is a warning. Numbers are the
 * engine's; the JSON writer (toJsonDocument) turns non-finite ones into null and lists them in `nonFinite`.
 * The report's shape is schema/external-validation.schema.json; fields are only ever added.
 *
 * Pure, no DOM; runs in Node, the browser and a Web Worker.
 *
 * @example validateEquationOnTable(typedTable(parseCsvTable(text)), {equation, outcome: "asd"}).validation.auc.auc
 */
import {AnalysisError, describeRow, quote} from "../cohort/table.js";
import {codeUnitOrder, parseNumber} from "../cohort/columns.js";
import {mixedColumnError} from "../cohort/prepare.js";
import {COHORT_SCHEMA} from "../cohort/schema.js";
import type {NumericColumn, TypedTable} from "../cohort/typed-table.js";
import {caseMixComparison, type CaseMixComparison} from "../stats/case-mix.js";
import {linearPredictor, rescaleEquation, serializeEquation, type PredictionEquation, type TermCheck} from "../stats/equation-spec.js";
import {externalValidation, type PerformanceAssessment, type Recalibration} from "../stats/external-validation.js";

/** Version of the report's shape: raised when fields are added (never renamed or removed). */
export const VALIDATION_REPORT_VERSION = 1;

/** An equation as JSON (equation-spec.ts's serializeEquation: the form parseEquation reads back). */
export interface EquationJson {
  name?: string;
  source?: string;
  outcome?: string;
  intercept: number;
  terms: {name: string; label?: string; coefficient: number; unit: string; kind: "continuous" | "binary"; range?: (number | null)[]}[];
  development?: {
    n?: number;
    events?: number;
    summaries?: {[term: string]: {n?: number; mean?: number; sd?: number; proportion?: number; median?: number; q1?: number; q3?: number}};
  };
}

export interface EquationValidationChoices {
  equation: PredictionEquation;
  /** The outcome column. */
  outcome: string;
  /** The outcome value that marks an event (compared as text, or as numbers when both are numbers); default "1". */
  event?: string;
  /** Term name → column; a term not mapped uses the column of its own name. */
  mapping?: ReadonlyMap<string, string>;
  /** Raw development data keyed by term name (e.g. the site's cohort), for case-mix and the membership model. */
  development?: ReadonlyMap<string, ArrayLike<number>>;
  level?: number;
  onProgress?: (stage: string, fraction: number) => void;
}

export interface MappedTerm {
  term: string;
  column: string;
  /** The unit the equation's coefficient is per. */
  unit: string;
  /** The column's unit, when the data dictionary knows the column (its name is a dictionary column); else null. */
  columnUnit: string | null;
  kind: "continuous" | "binary";
  coefficient: number;
}

export type RecalibrationReport = Omit<Recalibration, "equation"> & {
  /** The updated equation, in the form parseEquation reads (save it as equation.json). */
  equation: EquationJson;
};

/** One figure of the report in words: what it is here and what it means for using the equation. */
export interface ValidationFinding {
  key: "calibration-in-the-large" | "calibration-slope" | "expected-observed" | "calibration-curve" | "ici" | "auc" | "brier" | "decision-curve" | "recalibration" | "case-mix" | "ranges";
  heading: string;
  text: string;
  /** "ok": no reason for concern here; "caution": worth a look; "problem": the equation does not work as given. */
  verdict: "ok" | "caution" | "problem";
}

export interface ExternalValidationReport {
  version: number;
  kind: "external-validation";
  /** Data rows read. */
  rows: number;
  /** Complete cases validated on. */
  n: number;
  events: number;
  /** Rows dropped for a missing outcome or a missing value in a mapped column. */
  excluded: number;
  outcome: {column: string; positive: string; negative: string; nonEvents: number};
  equation: EquationJson;
  mapping: MappedTerm[];
  /** Per term: missing values (before complete cases are taken), values outside the range, non-0/1 values. */
  termChecks: TermCheck[];
  /** The equation's performance on these patients. */
  validation: PerformanceAssessment;
  recalibration: {intercept: RecalibrationReport; interceptAndSlope: RecalibrationReport};
  caseMix: CaseMixComparison;
  findings: ValidationFinding[];
  warnings: string[];
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

const r3 = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : String(x));
const r2 = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : String(x));
const pct = (x: number, d = 1): string => `${(100 * x).toFixed(d)}%`;

/** The equation as the report's JSON. */
export function equationJson(eq: PredictionEquation): EquationJson {
  return serializeEquation(eq) as unknown as EquationJson;
}

/** The column each term reads: the caller's mapping, else the column of the term's own name. Throws AnalysisError. */
export function mapTerms(eq: PredictionEquation, columns: readonly string[], mapping: ReadonlyMap<string, string> = new Map()): MappedTerm[] {
  const terms = new Set(eq.terms.map((t) => t.name));
  for (const key of mapping.keys()) {
    if (!terms.has(key)) {
      throw new AnalysisError(`The mapping names ${quote(key)}, which is not a term of the equation; its terms are ${eq.terms.map((t) => quote(t.name)).join(", ")}.`, "choices");
    }
  }
  const list = columns.map(quote).join(", ");
  const used = new Map<string, string>();
  return eq.terms.map((t) => {
    const column = mapping.get(t.name) ?? t.name;
    if (!columns.includes(column)) {
      throw new AnalysisError(
        mapping.has(t.name)
          ? `The column ${quote(column)} mapped to the equation's term ${quote(t.name)} is not in the file. Columns in the file: ${list}.`
          : `The equation's term ${quote(t.name)} (${t.unit}) has no column: the file has no column ${quote(t.name)}. Map it to one of the file's columns (--map ${t.name}=COLUMN). Columns in the file: ${list}.`,
        "choices",
        {column}
      );
    }
    const before = used.get(column);
    if (before !== undefined) {
      throw new AnalysisError(`The column ${quote(column)} is mapped to two terms, ${quote(before)} and ${quote(t.name)}: each term needs its own column.`, "choices", {column});
    }
    used.set(column, t.name);
    const spec = COHORT_SCHEMA.find((c) => c.name === column && (c.kind === "continuous" || c.kind === "binary"));
    return {term: t.name, column, unit: t.unit, columnUnit: spec ? spec.unit : null, kind: t.kind, coefficient: t.coefficient};
  });
}

function numericColumn(table: TypedTable, m: MappedTerm): NumericColumn {
  const column = table.column(m.column);
  if (column.kind === "mixed") throw mixedColumnError(table, column);
  if (column.kind === "empty") {
    throw new AnalysisError(`The column ${quote(m.column)} (for the term ${quote(m.term)}) has no values: every one of its ${plural(table.rows, "cell")} is missing. Map the term to another column.`, "column", {column: m.column});
  }
  if (column.kind === "text") {
    const shown = column.dictionary.slice(0, 5).map(quote).join(", ");
    throw new AnalysisError(
      `The column ${quote(m.column)} (for the term ${quote(m.term)}, ${m.unit}) holds text (${shown}${column.dictionary.length > 5 ? ", …" : ""}), but the equation multiplies a number: ` +
        (m.kind === "binary" ? `recode it as 0 and 1 (${m.unit}).` : `give it as numbers in ${m.unit}, without units in the cells.`),
      "column",
      {column: m.column}
    );
  }
  return column;
}

/** The outcome coded 1 = event, with NaN where missing. */
function codeOutcome(table: TypedTable, name: string, positive: string): {y: Float64Array; positive: string; negative: string} {
  if (!table.columns.includes(name)) {
    throw new AnalysisError(`The outcome column ${quote(name)} is not in the file. Columns in the file: ${table.columns.map(quote).join(", ")}.`, "choices", {column: name});
  }
  const column = table.column(name);
  if (column.kind === "mixed") throw mixedColumnError(table, column);
  if (column.kind === "empty") throw new AnalysisError(`The outcome ${quote(name)} has no values: every cell is missing. Choose another outcome column.`, "outcome", {column: name});
  const counts = new Map<string, number>();
  const label = (i: number): string | null => {
    if (column.kind === "numeric") {
      const v = column.values[i]!;
      return Number.isNaN(v) ? null : String(v);
    }
    const c = column.codes[i]!;
    return c < 0 ? null : column.dictionary[c]!;
  };
  for (let i = 0; i < table.rows; i++) {
    const l = label(i);
    if (l !== null) counts.set(l, (counts.get(l) ?? 0) + 1);
  }
  const values = [...counts].map(([l, n]) => ({l, n})).sort((a, b) => b.n - a.n || codeUnitOrder(a.l, b.l));
  const listed = values.slice(0, 10).map((v) => `${quote(v.l)} (${plural(v.n, "row")})`).join(", ");
  if (values.length !== 2) {
    throw new AnalysisError(`The outcome column ${quote(name)} must have exactly two values (event and non-event); found ${values.length === 1 ? "only one value" : `${values.length} values`}: ${listed}${values.length > 10 ? ", …" : ""}. Choose a binary outcome column, or recode it.`, "outcome", {column: name});
  }
  const wanted = column.kind === "numeric" ? String(parseNumber(positive)) : positive.trim();
  const event = values.find((v) => v.l === wanted);
  if (!event) {
    throw new AnalysisError(`The event value ${quote(positive)} does not occur in the outcome column ${quote(name)}; its values are ${listed}. Choose one of them as the event value (--positive in the CLI).`, "outcome", {column: name});
  }
  const y = new Float64Array(table.rows);
  for (let i = 0; i < table.rows; i++) {
    const l = label(i);
    y[i] = l === null ? NaN : l === event.l ? 1 : 0;
  }
  return {y, positive: event.l, negative: values.find((v) => v !== event)!.l};
}

function findings(report: Omit<ExternalValidationReport, "findings">): ValidationFinding[] {
  const v = report.validation;
  const out: ValidationFinding[] = [];
  const level = `${Math.round(v.level * 100)}%`;
  const citl = v.calibrationInTheLarge;
  const citlCovers = citl.profileLower <= 0 && citl.profileUpper >= 0;
  out.push({
    key: "calibration-in-the-large",
    heading: "Calibration-in-the-large",
    text:
      `The equation predicts an average risk of ${pct(v.meanPredictedRisk)}; ${pct(v.observedRisk)} of these ${plural(v.n, "patient")} had the event. ` +
      `On the log-odds scale the shift needed is ${r3(citl.estimate)} (${level} CI ${r3(citl.profileLower)} to ${r3(citl.profileUpper)}; 0 is ideal). ` +
      (citlCovers
        ? "The interval includes 0: on average, the equation's risks fit these patients."
        : citl.estimate > 0
          ? "The equation under-predicts here: its risks are on average too low for this hospital, so patients would be reassured too often."
          : "The equation over-predicts here: its risks are on average too high for this hospital, so patients would be alarmed and treated too often."),
    verdict: citlCovers ? "ok" : Math.abs(citl.estimate) > 0.5 ? "problem" : "caution"
  });
  const s = v.calibrationSlope;
  const slopeCovers = s.profileLower <= 1 && s.profileUpper >= 1;
  out.push({
    key: "calibration-slope",
    heading: "Calibration slope",
    text:
      `${r3(s.estimate)} (${level} CI ${r3(s.profileLower)} to ${r3(s.profileUpper)}; 1 is ideal). ` +
      (!(s.estimate > 0)
        ? "At or below 0: on these patients a higher predicted risk does not go with more events — the equation does not carry over."
        : slopeCovers
          ? "The interval includes 1: the spread of the predicted risks fits these patients."
          : s.estimate < 1
            ? "Below 1: the predictions are too extreme here — high risks too high and low risks too low, as happens when an equation was overfitted to its development cohort or the patients here are more alike."
            : "Above 1: the predictions are too modest here — the equation separates these patients better than its risks say."),
    verdict: !(s.estimate > 0) ? "problem" : slopeCovers ? "ok" : Math.abs(s.estimate - 1) > 0.3 ? "problem" : "caution"
  });
  const eo = v.expectedObserved;
  out.push({
    key: "expected-observed",
    heading: "Expected / observed events (E/O)",
    text: `The equation expects ${eo.expected.toFixed(1)} events; ${eo.observed} occurred: E/O = ${r2(eo.ratio)} (${level} CI ${r2(eo.poisson.ciLower)} to ${r2(eo.poisson.ciUpper)}). Above 1 the equation over-predicts, below 1 it under-predicts.`,
    verdict: eo.poisson.ciLower <= 1 && eo.poisson.ciUpper >= 1 ? "ok" : "caution"
  });
  const curve = v.calibrationCurve;
  out.push({
    key: "calibration-curve",
    heading: "Calibration curve",
    text:
      `The smoothed curve (${curve.method === "rcs" ? `a restricted cubic spline in the log-odds with ${curve.knots.length} knots` : "a logistic recalibration line"}) shows, for each predicted risk, the observed risk of patients given that prediction, with a ${level} band. ` +
      "Where the curve lies below the diagonal the equation's risks are too high; above it, too low. Read it where most patients are (the rug of predicted risks), not at the sparse ends.",
    verdict: "ok"
  });
  const lo = v.loessCalibration;
  out.push({
    key: "ici",
    heading: "Size of the calibration error (ICI, E50, E90)",
    text: `Between a patient's predicted risk and the smoothed observed risk the average gap is ${pct(lo.mean)} (ICI); half the patients have a gap below ${pct(lo.median)} (E50), 90% below ${pct(lo.q90)} (E90), the largest is ${pct(lo.max)}. Judge these against the risks that would change a decision.`,
    verdict: lo.q90 > 0.1 ? "caution" : "ok"
  });
  const auc = v.auc;
  out.push({
    key: "auc",
    heading: "Discrimination (AUC)",
    text:
      `${r3(auc.auc)} (${level} CI ${r3(auc.ciLower)} to ${r3(auc.ciUpper)}, DeLong): the probability that a patient with the event gets a higher predicted risk than one without. ` +
      (auc.ciLower > 0.5 ? "Above 0.5, so the equation ranks these patients better than chance; " : "The interval includes 0.5 (or lies below it): the equation does not rank these patients better than chance; ") +
      "recalibration changes the risks but never this ranking.",
    verdict: auc.ciLower > 0.5 ? (auc.auc >= 0.7 ? "ok" : "caution") : "problem"
  });
  out.push({
    key: "brier",
    heading: "Brier score",
    text: `${r3(v.brier)} (0 is perfect; giving everyone the observed rate scores ${r3(v.brierNull)}). Scaled Brier ${r3(v.scaledBrier)}: the share of that benchmark's error the equation removes; at or below 0 it does no better than quoting the hospital's overall rate.`,
    verdict: v.scaledBrier > 0 ? "ok" : "problem"
  });
  const dc = v.decisionCurve;
  const useful = dc.filter((d) => d.netBenefitModel > Math.max(d.netBenefitAll, d.netBenefitNone) + 1e-12).map((d) => d.threshold);
  out.push({
    key: "decision-curve",
    heading: "Decision curve",
    text:
      useful.length === 0
        ? "At no threshold does acting on the equation give more net benefit than treating everyone or no one: on these patients it would not improve decisions."
        : `Acting on the equation gives more net benefit than treating everyone or no one for thresholds from ${pct(useful[0]!, 0)} to ${pct(useful[useful.length - 1]!, 0)}${useful.length < Math.round((useful[useful.length - 1]! - useful[0]!) * 100) + 1 ? " (not at every threshold in between)" : ""}. A threshold is the risk at which you would act; read the curve at yours.`,
    verdict: useful.length ? "ok" : "problem"
  });
  const ri = report.recalibration.intercept;
  const rs = report.recalibration.interceptAndSlope;
  out.push({
    key: "recalibration",
    heading: "Re-calibrated equations",
    text:
      `Intercept only: the intercept becomes ${r3(ri.equation.intercept)} (from ${r3(report.equation.intercept)}); ${ri.changes} ` +
      `Intercept and slope: every coefficient is multiplied by ${r3(rs.scale)} and the intercept becomes ${r3(rs.equation.intercept)}; ${rs.changes} ` +
      "Both are fitted on these patients, so their figures here are optimistic; check an update on later patients before relying on it.",
    verdict: "ok"
  });
  const big = report.caseMix.rows.filter((r) => Math.abs(r.standardizedDifference) > 0.1);
  const compared = report.caseMix.rows.filter((r) => Number.isFinite(r.standardizedDifference));
  out.push({
    key: "case-mix",
    heading: "Case-mix",
    text:
      compared.length === 0
        ? "The equation carries no summary of its development cohort, so these patients cannot be compared with it; the table lists this cohort's predictors."
        : big.length === 0
          ? `Every compared predictor (${compared.length}) is within 0.1 standardised difference of the development cohort: the patients are alike, so differences in performance are about the equation, not the patients.`
          : `${big.map((r) => `${r.term} (d = ${r2(r.standardizedDifference)})`).join(", ")} ${big.length === 1 ? "differs" : "differ"} from the development cohort by more than 0.1 standardised difference: these patients are not like the development patients, which can explain a lower AUC (more alike patients are harder to rank) or a miscalibration.`,
    verdict: big.some((r) => Math.abs(r.standardizedDifference) > 0.5) ? "caution" : "ok"
  });
  const outside = report.termChecks.filter((c) => c.outOfRange > 0 || c.notBinary > 0);
  if (outside.length) {
    out.push({
      key: "ranges",
      heading: "Values outside the equation's range",
      text: outside.map((c) => c.message ?? `${c.term}: ${c.outOfRange} values outside the range`).join(" ") + " An equation applied outside the values it was made for is an extrapolation.",
      verdict: outside.some((c) => c.notBinary > 0) ? "problem" : "caution"
    });
  }
  return out;
}

/**
 * Validates the equation on the table (see the module comment).
 * Throws AnalysisError for a missing or unusable column, a bad outcome or event value, or too few patients.
 */
export function validateEquationOnTable(table: TypedTable, choices: EquationValidationChoices): ExternalValidationReport {
  const progress = choices.onProgress ?? (() => {});
  const eq = choices.equation;
  const warnings: string[] = [];
  progress("mapping", 0);
  const mapping = mapTerms(eq, table.columns, choices.mapping);
  if (mapping.some((m) => m.column === choices.outcome)) {
    const m = mapping.find((x) => x.column === choices.outcome)!;
    throw new AnalysisError(`The outcome ${quote(choices.outcome)} is also mapped to the term ${quote(m.term)}. Map that term to another column.`, "choices", {column: choices.outcome});
  }
  const outcome = codeOutcome(table, choices.outcome, choices.event ?? "1");
  if (outcome.positive === "1" && outcome.negative === "2") {
    warnings.push(`The event is ${quote(choices.outcome)} = 1 of an outcome coded 1 and 2. If 2 means the event (SPSS codes 1 = no, 2 = yes), every figure here is for the wrong outcome: choose 2 as the event value (--positive 2 in the CLI).`);
  }
  const columns = mapping.map((m) => numericColumn(table, m));
  const keep: number[] = [];
  const missingPer = new Array<number>(columns.length + 1).fill(0);
  for (let i = 0; i < table.rows; i++) {
    let complete = true;
    if (Number.isNaN(outcome.y[i]!)) {
      missingPer[0]!++;
      complete = false;
    }
    columns.forEach((c, k) => {
      if (Number.isNaN(c.values[i]!)) {
        missingPer[k + 1]!++;
        complete = false;
      }
    });
    if (complete) keep.push(i);
  }
  const n = keep.length;
  const excluded = table.rows - n;
  const missingList = [choices.outcome, ...mapping.map((m) => m.column)].map((name, k) => [name, missingPer[k]!] as const).filter(([, m]) => m > 0).map(([name, m]) => `${quote(name)} ${m}`).join(", ");
  if (excluded > 0) {
    warnings.push(`Complete cases: ${plural(excluded, "row")} of ${table.rows.toLocaleString("en-US")} dropped for a missing outcome or predictor (missing cells: ${missingList}); ${plural(n, "row")} validated on.`);
  }
  const y = Float64Array.from(keep, (i) => outcome.y[i]!);
  let events = 0;
  for (const v of y) events += v;
  if (n < 10) throw new AnalysisError(`Only ${plural(n, "complete row")} (rows with the outcome and every mapped predictor): at least 10 are needed to validate an equation${missingList ? ` (missing cells: ${missingList})` : ""}.`, "analysis");
  if (events === 0 || events === n) {
    throw new AnalysisError(`Every one of the ${plural(n, "complete row")} has the outcome ${quote(events === 0 ? outcome.negative : outcome.positive)}: validating an equation needs patients with and without the event (${quote(choices.outcome)} = ${quote(outcome.positive)}).`, "outcome", {column: choices.outcome});
  }
  const termColumns = new Map<string, Float64Array>(mapping.map((m, k) => [m.term, Float64Array.from(keep, (i) => columns[k]!.values[i]!)]));
  const columnUnits = new Map<string, string>(mapping.filter((m) => m.columnUnit !== null).map((m) => [m.term, m.columnUnit!]));
  progress("predicting", 0.1);
  let lp;
  try {
    lp = linearPredictor(eq, termColumns, {columnUnits});
  } catch (e) {
    if (e instanceof RangeError) throw new AnalysisError(e.message.replace(/^\w+: /, ""), "analysis");
    throw e;
  }
  // the checks as the reader's file has them: rows in spreadsheet numbers, columns by their names
  const termChecks = lp.checks.map((c) => ({...c, exampleRows: c.exampleRows.map((r) => table.rowNumber(keep[r - 1]!))}));
  lp.checks.forEach((c, k) => {
    if (!c.message) return;
    const m = mapping[k]!;
    if (c.notBinary > 0) {
      const dataRow = keep[c.exampleRows[0]! - 1]!;
      throw new AnalysisError(
        `The column ${quote(m.column)} (for the binary term ${quote(c.term)}, ${m.unit}) has ${plural(c.notBinary, "value")} other than 0 and 1, the first at ${describeRow(dataRow + 1, table.rowNumber(dataRow))}: recode it as 0 and 1.`,
        "column",
        {column: m.column, rows: [dataRow + 1]}
      );
    }
    const shown = termChecks[k]!.exampleRows;
    const rows = shown.length ? `; spreadsheet rows ${shown.join(", ")}${c.outOfRange > shown.length ? ", …" : ""}` : "";
    termChecks[k]!.message = c.message.replace(/ \(smallest[^)]*\)/, ` (column ${quote(m.column)}: smallest ${c.min}, largest ${c.max}${rows})`);
  });
  warnings.push(...lp.warnings.filter((w) => !/^\d+ of \d+ rows lack a value/.test(w) && !lp.checks.some((c) => c.message === w)));
  warnings.push(...termChecks.filter((c) => c.message).map((c) => c.message!));
  progress("validating", 0.2);
  let ev;
  try {
    ev = externalValidation({lp: lp.lp, y}, {...(choices.level === undefined ? {} : {level: choices.level})});
  } catch (e) {
    if (e instanceof RangeError) throw new AnalysisError(e.message.replace(/^\w+: /, ""), "analysis");
    throw e;
  }
  progress("case-mix", 0.9);
  const {recalibration, ...validation} = ev;
  const recal = (r: Recalibration): RecalibrationReport => {
    const {equation: _dropped, ...rest} = r;
    return {...rest, equation: equationJson(rescaleEquation(eq, {shift: r.shift, scale: r.scale}))};
  };
  const caseMix = caseMixComparison(eq, termColumns, {
    ...(choices.development ? {development: choices.development} : {}),
    ...(choices.level === undefined ? {} : {level: choices.level})
  });
  if (caseMix.membership?.warning) warnings.push(caseMix.membership.warning);
  warnings.push(...validation.warnings);
  const partial: Omit<ExternalValidationReport, "findings"> = {
    version: VALIDATION_REPORT_VERSION,
    kind: "external-validation",
    rows: table.rows,
    n,
    events,
    excluded,
    outcome: {column: choices.outcome, positive: outcome.positive, negative: outcome.negative, nonEvents: n - events},
    equation: equationJson(eq),
    mapping,
    termChecks,
    validation,
    recalibration: {intercept: recal(recalibration.intercept), interceptAndSlope: recal(recalibration.interceptAndSlope)},
    caseMix,
    warnings
  };
  const report: ExternalValidationReport = {...partial, findings: findings(partial)};
  progress("done", 1);
  return report;
}
