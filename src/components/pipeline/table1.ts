/**
 * Table 1: per candidate, descriptives by outcome group and one two-group test of events against non-events,
 * chosen by one policy everywhere (the CLI, "Your own cohort", the study pages and the univariable screen):
 *
 * - continuous (numeric, > 2 values): Student's t with pooled variance (the study's choice; R t.test(var.equal =
 *   TRUE)); Welch's t and the Wilcoxon rank-sum test (wilcox.test(exact = FALSE, correct = TRUE)) beside it;
 *   statistics are events minus non-events (t.test(x[y == 1], x[y == 0]); W counts event-group wins);
 * - binary (two values): Pearson's χ² without continuity correction, or Fisher's exact test when any expected count
 *   is below 5 (`test` names which, `testReason` says why); the other one and Yates' χ² beside it;
 * - categorical (text, > 2 levels): Pearson's χ² on the r × 2 table, with a warning when an expected count is
 *   below 5.
 *
 * A test the data cannot support (a group with fewer than 2 values, every value tied, a level with no rows) gives
 * null statistics and a warning naming the column, never an exception: the rest of the table stands.
 *
 * Pure, no DOM. @example table1(prepareData(table, choices)).univariate[0].p
 */
import {describe} from "../stats/descriptives.js";
import {studentT, welchT} from "../stats/t-test.js";
import {mannWhitney} from "../stats/mann-whitney.js";
import {chiSquare} from "../stats/chi-square.js";
import {fisherExact} from "../stats/fisher-exact.js";
import {quote} from "../cohort/table.js";
import type {PreparedData, Variable, VariableKind} from "../cohort/prepare.js";

export interface TestSummary {
  test: string;
  statistic: number | null;
  df?: number | null;
  p: number | null;
}

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
  /** The other tests a reviewer may ask for (continuous: Welch, Wilcoxon; binary: the other of Pearson/Fisher, Yates). */
  alternatives: TestSummary[];
  /** Why a test could not be computed, when it could not. */
  note?: string;
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

export interface Table1 {
  univariate: UnivariateResult[];
  descriptives: VariableDescriptives[];
  warnings: string[];
}

const finite = (x: number | undefined | null): number | null => (x != null && Number.isFinite(x) ? x : null);

function fmt(x: number, digits = 3): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(digits);
}

const message = (e: unknown): string => (e instanceof Error ? e.message.replace(/^\w+: /, "") : String(e));

/** The values of a numeric variable split by outcome: events first. */
export function splitValues(values: Float64Array, y: Float64Array): {events: Float64Array; nonEvents: Float64Array} {
  let m = 0;
  for (let i = 0; i < y.length; i++) m += y[i]!;
  const events = new Float64Array(m);
  const nonEvents = new Float64Array(y.length - m);
  let a = 0;
  let b = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] === 1) events[a++] = values[i]!;
    else nonEvents[b++] = values[i]!;
  }
  return {events, nonEvents};
}

/** Level × outcome counts: rows = levels (the variable's order), columns = [non-event, event]. */
export function levelTable(codes: Int32Array, levels: number, y: Float64Array): number[][] {
  const table = Array.from({length: levels}, () => [0, 0]);
  for (let i = 0; i < codes.length; i++) table[codes[i]!]![y[i]!]!++;
  return table;
}

function numericSummary(values: Float64Array): NumericSummary {
  if (values.length === 0) return {n: 0, mean: null, sd: null, median: null, q1: null, q3: null, iqr: null, min: null, max: null};
  const d = describe(values);
  return {n: d.n, mean: finite(d.mean), sd: finite(d.sd), median: finite(d.median), q1: finite(d.q1), q3: finite(d.q3), iqr: finite(d.iqr), min: finite(d.min), max: finite(d.max)};
}

function levelSummary(counts: number[], levels: string[]): LevelSummary[] {
  const total = counts.reduce((s, c) => s + c, 0);
  return levels.map((level, k) => ({level, n: counts[k]!, pct: total ? (100 * counts[k]!) / total : 0}));
}

/** Table 1 descriptives of one variable. */
export function describeVariable(v: Variable, y: Float64Array): VariableDescriptives {
  const n = y.length;
  let events = 0;
  for (let i = 0; i < n; i++) events += y[i]!;
  const groups: {all: GroupDescriptives; events: GroupDescriptives; nonEvents: GroupDescriptives} = {all: {n}, events: {n: events}, nonEvents: {n: n - events}};
  if (v.values) {
    const split = splitValues(v.values, y);
    groups.all.numeric = numericSummary(v.values);
    groups.events.numeric = numericSummary(split.events);
    groups.nonEvents.numeric = numericSummary(split.nonEvents);
  }
  if (v.codes) {
    const table = levelTable(v.codes, v.levels.length, y);
    groups.all.levels = levelSummary(table.map((r) => r[0]! + r[1]!), v.levels);
    groups.events.levels = levelSummary(table.map((r) => r[1]!), v.levels);
    groups.nonEvents.levels = levelSummary(table.map((r) => r[0]!), v.levels);
  }
  return {variable: v.name, kind: v.kind, numeric: v.numeric, ...groups};
}

function tryTest<T>(f: () => T): T | Error {
  try {
    return f();
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

/**
 * The Table 1 test of one variable (the policy in the module comment). `warnings` collects what a reader should know
 * (a test that could not be computed, a small expected count); pass null to skip them (the bootstrap's screen).
 */
export function univariateTest(v: Variable, y: Float64Array, warnings: string[] | null = null): UnivariateResult {
  if (v.kind === "continuous") {
    const {events: a, nonEvents: b} = splitValues(v.values!, y);
    const student = tryTest(() => studentT(a, b));
    const welch = tryTest(() => welchT(a, b));
    const mw = tryTest(() => mannWhitney(a, b));
    const base: UnivariateResult = {variable: v.name, kind: v.kind, test: "Two Sample t-test", statistic: null, p: null, df: null, alternatives: []};
    if (student instanceof Error) {
      const note = `Table 1: Student's t-test of ${quote(v.name)} is not computed: ${message(student)}.`;
      warnings?.push(note);
      base.note = note;
    } else {
      Object.assign(base, {
        test: student.method, statistic: finite(student.statistic), p: finite(student.p), df: finite(student.df),
        meanDifference: finite(student.estimate), ciLower: finite(student.ciLower), ciUpper: finite(student.ciUpper)
      });
    }
    // a test R answers with NaN (say, every value 0) comes back with NaN fields and the reason, which the reader gets
    const reasons = [student, welch, mw].flatMap((r) => (r instanceof Error || !("reason" in r) || !r.reason ? [] : [r.reason]));
    if (reasons.length && !base.note) {
      const note = `Table 1: the tests of ${quote(v.name)} are not defined here: ${[...new Set(reasons)].join("; ")}.`;
      warnings?.push(note);
      base.note = note;
    }
    base.welch = welch instanceof Error ? {statistic: null, df: null, p: null} : {statistic: finite(welch.statistic), df: finite(welch.df), p: finite(welch.p)};
    base.mannWhitney = mw instanceof Error ? {statistic: null, p: null} : {statistic: finite(mw.statistic), p: finite(mw.p)};
    base.alternatives = [
      {test: "Welch Two Sample t-test", statistic: base.welch.statistic, df: base.welch.df, p: base.welch.p},
      {test: "Wilcoxon rank sum test with continuity correction", statistic: base.mannWhitney.statistic, p: base.mannWhitney.p}
    ];
    return base;
  }
  const table = levelTable(v.codes!, v.levels.length, y);
  const pearson = tryTest(() => chiSquare(table, {correct: false}));
  if (pearson instanceof Error) {
    const note = `Table 1: the chi-square test of ${quote(v.name)} is not computed: ${message(pearson)}.`;
    warnings?.push(note);
    return {variable: v.name, kind: v.kind, test: "Pearson's Chi-squared test", statistic: null, p: null, df: null, alternatives: [], note};
  }
  let expectedMin = Infinity;
  for (const row of pearson.expected) for (const e of row) expectedMin = Math.min(expectedMin, e);
  if (v.kind === "binary") {
    const fisher = tryTest(() => fisherExact(table));
    const yates = tryTest(() => chiSquare(table, {correct: true}));
    const pearsonSummary: TestSummary = {test: pearson.method, statistic: finite(pearson.statistic), df: pearson.df, p: finite(pearson.p)};
    const yatesSummary: TestSummary = yates instanceof Error ? {test: "Pearson's Chi-squared test with Yates' continuity correction", statistic: null, df: 1, p: null} : {test: yates.method, statistic: finite(yates.statistic), df: yates.df, p: finite(yates.p)};
    const fisherSummary: TestSummary = fisher instanceof Error ? {test: "Fisher's Exact Test for Count Data", statistic: null, p: null} : {test: fisher.method, statistic: null, p: finite(fisher.p)};
    if (expectedMin < 5 && !(fisher instanceof Error)) {
      return {
        variable: v.name, kind: v.kind, test: fisher.method, statistic: null, p: finite(fisher.p), df: null,
        testReason: `Fisher's exact test because an expected count is below 5 (smallest ${fmt(expectedMin, 3)})`,
        expectedMin: finite(expectedMin), oddsRatio: finite(fisher.estimate), ciLower: finite(fisher.ciLower), ciUpper: finite(fisher.ciUpper),
        chiSquare: {statistic: finite(pearson.statistic), df: pearson.df, p: finite(pearson.p)},
        alternatives: [pearsonSummary, yatesSummary]
      };
    }
    return {
      variable: v.name, kind: v.kind, test: pearson.method, statistic: finite(pearson.statistic), p: finite(pearson.p), df: pearson.df,
      testReason: `Pearson's chi-square without continuity correction (smallest expected count ${fmt(expectedMin, 3)} ≥ 5)`,
      expectedMin: finite(expectedMin), alternatives: [yatesSummary, fisherSummary]
    };
  }
  if (expectedMin < 5) {
    warnings?.push(
      `Table 1: ${quote(v.name)} has an expected count below 5 (smallest ${fmt(expectedMin, 3)}) in its ${v.levels.length} × 2 table, so the chi-square p-value may be inaccurate (R: "Chi-squared approximation may be incorrect"); consider merging rare categories.`
    );
  }
  return {
    variable: v.name, kind: v.kind, test: pearson.method, statistic: finite(pearson.statistic), p: finite(pearson.p), df: pearson.df,
    testReason: `Pearson's chi-square without continuity correction (smallest expected count ${fmt(expectedMin, 3)})`,
    expectedMin: finite(expectedMin), alternatives: []
  };
}

/** Table 1 of every candidate, in candidate order. */
export function table1(data: PreparedData): Table1 {
  const warnings: string[] = [];
  const univariate: UnivariateResult[] = [];
  const descriptives: VariableDescriptives[] = [];
  for (const name of data.candidates) {
    const v = data.variables.get(name)!;
    descriptives.push(describeVariable(v, data.y));
    univariate.push(univariateTest(v, data.y, warnings));
  }
  return {univariate, descriptives, warnings};
}
