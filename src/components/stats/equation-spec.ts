/**
 * A published logistic prediction equation as a value: logit P(event) = β₀ + Σⱼ βⱼ xⱼ, with linear terms for
 * continuous predictors and 0/1 terms for binary ones (no splines or transformations), each with its unit and,
 * optionally, the range of values the equation was made for. Plain JSON both ways (parseEquation,
 * serializeEquation), so a reader can paste one and the CLI can read one from a file.
 *
 * JSON form (the fields of PredictionEquation; `oddsRatio` may stand in for `coefficient`, as published tables
 * give odds ratios — the coefficient is then ln OR):
 *   {"name": "…", "intercept": -20.1, "terms": [
 *     {"name": "age", "coefficient": 0.18, "unit": "years", "kind": "continuous", "range": [50, 95]},
 *     {"name": "smoking", "oddsRatio": 2.1, "unit": "0 = no, 1 = yes", "kind": "binary"}]}
 *
 * equationFromNomogram reads a points nomogram (Harrell, rms::nomogram; Iasonos et al. 2008, J Clin Oncol
 * 26:1364): for a linear logistic model each predictor's points are a line in its value, pointsⱼ(x) = aⱼ + bⱼx,
 * and the total-points axis T maps to the linear predictor by a line, lp = c + d·T (read off the probability
 * axis as logit p, or off a linear-predictor axis). Then lp = (c + d·Σⱼaⱼ) + Σⱼ (d·bⱼ) xⱼ: the intercept is
 * c + d·Σaⱼ and βⱼ = d·bⱼ. Each line is fitted by least squares to the pairs read off the nomogram, and the
 * largest deviation from it is reported (readings are rounded; a curved axis means a term this reader cannot
 * represent).
 *
 * linearPredictor applies an equation to a reader's columns (mapped by term name): lp per row, NaN (null in JSON)
 * where a term's value is missing, with per-term counts of missing values, values outside the stated range (a
 * BMD given in g/cm² where the equation wants a T-score shows up there) and, for binary terms, values other than
 * 0 and 1. Values outside the range are used as they are — the equation is applied as published — and reported.
 *
 * Throws EquationSpecError (a TypeError, message naming the field, e.g. `terms[2].coefficient`) for an invalid
 * specification or nomogram table; RangeError from linearPredictor for a term without a column (naming it and
 * the columns given), columns of unequal length, or an infinite value (naming term and row).
 *
 * Example: linearPredictor(parseEquation('{"intercept": -1, "terms": [{"name": "x", "coefficient": 2,
 *   "unit": "mg"}]}'), new Map([["x", [0, 1]]])).lp // [-1, 1]
 */

export type EquationTermKind = "continuous" | "binary";

export interface EquationTerm {
  /** The predictor's name in the equation; matched to a column by the caller's mapping. */
  name: string;
  /** How the publication writes it, for display. */
  label?: string;
  /** Change in log-odds per unit of the predictor. */
  coefficient: number;
  /** The unit the coefficient is per ("years", "T-score", "0 = no, 1 = yes"). */
  unit: string;
  kind: EquationTermKind;
  /** Values the equation was made for, inclusive; null for an open end. Values outside are reported, not refused. */
  range?: [number | null, number | null];
}

/** What the development cohort looked like for one predictor (from the publication's Table 1), for case-mix. */
export interface DevelopmentSummary {
  /** Number of patients the summary is over. */
  n?: number;
  mean?: number;
  sd?: number;
  /** Proportion with the value 1 (binary terms), in [0, 1]. */
  proportion?: number;
  median?: number;
  q1?: number;
  q3?: number;
}

export interface PredictionEquation {
  name?: string;
  /** Citation or URL. */
  source?: string;
  /** What the equation predicts. */
  outcome?: string;
  /** β₀ (log-odds when every predictor is 0). */
  intercept: number;
  terms: EquationTerm[];
  /** Development cohort: its size and events, and per-term summaries keyed by term name. */
  development?: {n?: number; events?: number; summaries?: Map<string, DevelopmentSummary>};
}

/** An invalid equation or nomogram table; `path` names the offending field (`terms[2].coefficient`). */
export class EquationSpecError extends TypeError {
  override name = "EquationSpecError";
  constructor(readonly path: string, message: string) {
    super(path ? `${path}: ${message}` : message);
  }
}

const TOP_FIELDS = ["name", "source", "outcome", "intercept", "terms", "development"];
const TERM_FIELDS = ["name", "label", "coefficient", "oddsRatio", "unit", "kind", "range"];
const SUMMARY_FIELDS = ["n", "mean", "sd", "proportion", "median", "q1", "q3"];

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function describeValue(v: unknown): string {
  if (v === undefined) return "missing";
  if (v === null) return "null";
  if (typeof v === "string") return `the string ${JSON.stringify(v)}`;
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return "an object";
  return String(v);
}

function checkFields(obj: Json, allowed: string[], path: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) throw new EquationSpecError(path ? `${path}.${key}` : key, `unknown field; expected one of ${allowed.join(", ")}`);
  }
}

function finiteNumber(v: unknown, path: string): number {
  if (typeof v !== "number" || !Number.isFinite(v)) throw new EquationSpecError(path, `must be a finite number, got ${describeValue(v)}`);
  return v;
}

function optionalString(obj: Json, key: string, path: string): string | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== "string") throw new EquationSpecError(path ? `${path}.${key}` : key, `must be a string, got ${describeValue(v)}`);
  return v;
}

function parseRange(v: unknown, path: string): [number | null, number | null] {
  if (!Array.isArray(v) || v.length !== 2) throw new EquationSpecError(path, `must be [lowest, highest] (null for an open end), got ${describeValue(v)}`);
  const [lo, hi] = v.map((e, i) => (e === null ? null : finiteNumber(e, `${path}[${i}]`))) as [number | null, number | null];
  if (lo !== null && hi !== null && !(lo < hi)) throw new EquationSpecError(path, `lowest (${lo}) must be below highest (${hi})`);
  return [lo, hi];
}

function parseTerm(v: unknown, path: string): EquationTerm {
  if (!isObject(v)) throw new EquationSpecError(path, `must be an object with name, coefficient (or oddsRatio) and unit, got ${describeValue(v)}`);
  checkFields(v, TERM_FIELDS, path);
  const name = v.name;
  if (typeof name !== "string" || name.trim() === "") throw new EquationSpecError(`${path}.name`, `must be a non-empty string, got ${describeValue(name)}`);
  const kindRaw = v.kind ?? "continuous";
  if (kindRaw !== "continuous" && kindRaw !== "binary") throw new EquationSpecError(`${path}.kind`, `must be "continuous" or "binary", got ${describeValue(kindRaw)}`);
  const kind: EquationTermKind = kindRaw;
  let coefficient: number;
  if (v.coefficient !== undefined && v.oddsRatio !== undefined) {
    throw new EquationSpecError(path, `give coefficient or oddsRatio, not both`);
  } else if (v.coefficient !== undefined) {
    coefficient = finiteNumber(v.coefficient, `${path}.coefficient`);
  } else if (v.oddsRatio !== undefined) {
    const or = finiteNumber(v.oddsRatio, `${path}.oddsRatio`);
    if (!(or > 0)) throw new EquationSpecError(`${path}.oddsRatio`, `must be positive, got ${or}`);
    coefficient = Math.log(or);
  } else {
    throw new EquationSpecError(`${path}.coefficient`, `missing: give the coefficient (log-odds per unit) or oddsRatio`);
  }
  let unit = v.unit;
  if (unit === undefined && kind === "binary") unit = "0 = no, 1 = yes";
  if (typeof unit !== "string" || (kind === "continuous" && unit.trim() === "")) {
    throw new EquationSpecError(`${path}.unit`, `must name the unit the coefficient is per (e.g. "years"), got ${describeValue(unit)}`);
  }
  const term: EquationTerm = {name, coefficient, unit, kind};
  const label = optionalString(v, "label", path);
  if (label !== undefined) term.label = label;
  if (v.range !== undefined) term.range = parseRange(v.range, `${path}.range`);
  else if (kind === "binary") term.range = [0, 1];
  return term;
}

function parseSummary(v: unknown, path: string): DevelopmentSummary {
  if (!isObject(v)) throw new EquationSpecError(path, `must be an object with n, mean and sd (or proportion), got ${describeValue(v)}`);
  checkFields(v, SUMMARY_FIELDS, path);
  const out: DevelopmentSummary = {};
  for (const key of SUMMARY_FIELDS) {
    if (v[key] === undefined) continue;
    const x = finiteNumber(v[key], `${path}.${key}`);
    if (key === "n" && !(Number.isInteger(x) && x > 0)) throw new EquationSpecError(`${path}.n`, `must be a positive integer, got ${x}`);
    if (key === "sd" && !(x >= 0)) throw new EquationSpecError(`${path}.sd`, `must not be negative, got ${x}`);
    if (key === "proportion" && !(x >= 0 && x <= 1)) throw new EquationSpecError(`${path}.proportion`, `must lie in [0, 1] (a proportion, not a percentage), got ${x}`);
    (out as Record<string, number>)[key] = x;
  }
  return out;
}

/**
 * Parses and validates an equation from JSON text or an already-parsed value (see the module comment).
 * @example parseEquation({intercept: -2, terms: [{name: "age", coefficient: 0.05, unit: "years"}]}).terms[0].kind
 *   // "continuous"
 */
export function parseEquation(input: unknown): PredictionEquation {
  let value = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch (e) {
      throw new EquationSpecError("", `the equation is not valid JSON (${(e as Error).message})`);
    }
  }
  if (!isObject(value)) throw new EquationSpecError("", `the equation must be a JSON object with intercept and terms, got ${describeValue(value)}`);
  checkFields(value, TOP_FIELDS, "");
  const intercept = finiteNumber(value.intercept, "intercept");
  const rawTerms = value.terms;
  if (!Array.isArray(rawTerms) || rawTerms.length === 0) throw new EquationSpecError("terms", `must be a non-empty array of terms, got ${describeValue(rawTerms)}`);
  const terms = rawTerms.map((t, i) => parseTerm(t, `terms[${i}]`));
  const seen = new Map<string, number>();
  terms.forEach((t, i) => {
    const before = seen.get(t.name);
    if (before !== undefined) throw new EquationSpecError(`terms[${i}].name`, `"${t.name}" is already the name of terms[${before}]; each predictor appears once`);
    seen.set(t.name, i);
  });
  const eq: PredictionEquation = {intercept, terms};
  for (const key of ["name", "source", "outcome"] as const) {
    const s = optionalString(value, key, "");
    if (s !== undefined) eq[key] = s;
  }
  if (value.development !== undefined) {
    const dev = value.development;
    if (!isObject(dev)) throw new EquationSpecError("development", `must be an object with n, events and summaries, got ${describeValue(dev)}`);
    checkFields(dev, ["n", "events", "summaries"], "development");
    const out: NonNullable<PredictionEquation["development"]> = {};
    if (dev.n !== undefined) {
      const n = finiteNumber(dev.n, "development.n");
      if (!(Number.isInteger(n) && n > 0)) throw new EquationSpecError("development.n", `must be a positive integer, got ${n}`);
      out.n = n;
    }
    if (dev.events !== undefined) {
      const e = finiteNumber(dev.events, "development.events");
      if (!(Number.isInteger(e) && e >= 0 && (out.n === undefined || e <= out.n))) throw new EquationSpecError("development.events", `must be an integer between 0 and development.n, got ${e}`);
      out.events = e;
    }
    if (dev.summaries !== undefined) {
      if (!isObject(dev.summaries)) throw new EquationSpecError("development.summaries", `must be an object keyed by term name, got ${describeValue(dev.summaries)}`);
      const summaries = new Map<string, DevelopmentSummary>();
      for (const key of Object.keys(dev.summaries)) {
        const path = `development.summaries[${JSON.stringify(key)}]`;
        if (!seen.has(key)) throw new EquationSpecError(path, `no term is named ${JSON.stringify(key)} (terms: ${terms.map((t) => t.name).join(", ")})`);
        summaries.set(key, parseSummary(dev.summaries[key], path));
      }
      out.summaries = summaries;
    }
    eq.development = out;
  }
  return eq;
}

/**
 * The equation as a plain object for JSON.stringify (the inverse of parseEquation; summaries become an object
 * with null prototype semantics preserved by JSON, so a term may be called "__proto__").
 * @example JSON.stringify(serializeEquation(eq))
 */
export function serializeEquation(eq: PredictionEquation): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (eq.name !== undefined) out.name = eq.name;
  if (eq.source !== undefined) out.source = eq.source;
  if (eq.outcome !== undefined) out.outcome = eq.outcome;
  out.intercept = eq.intercept;
  out.terms = eq.terms.map((t) => {
    const o: Record<string, unknown> = {name: t.name};
    if (t.label !== undefined) o.label = t.label;
    o.coefficient = t.coefficient;
    o.unit = t.unit;
    o.kind = t.kind;
    if (t.range) o.range = [t.range[0], t.range[1]];
    return o;
  });
  if (eq.development) {
    const d: Record<string, unknown> = {};
    if (eq.development.n !== undefined) d.n = eq.development.n;
    if (eq.development.events !== undefined) d.events = eq.development.events;
    if (eq.development.summaries) {
      const s: Record<string, unknown> = Object.create(null);
      for (const [k, v] of eq.development.summaries) s[k] = {...v};
      d.summaries = s;
    }
    out.development = d;
  }
  return out;
}

/**
 * The equation with every coefficient multiplied by `scale` and the intercept replaced by shift + scale·β₀:
 * lp′ = shift + scale·lp. shift = c, scale = 1 is an intercept update; shift = a, scale = b with (a, b) from
 * glm(y ~ lp) is a logistic recalibration (Steyerberg, Clinical Prediction Models, 2nd ed., §20.4).
 * Throws RangeError for a non-finite shift or scale.
 * @example rescaleEquation(eq, {shift: 0.4, scale: 1}).intercept // eq.intercept + 0.4
 */
export function rescaleEquation(eq: PredictionEquation, {shift, scale}: {shift: number; scale: number}): PredictionEquation {
  if (!Number.isFinite(shift)) throw new RangeError(`rescaleEquation: shift is ${shift}, expected a finite number`);
  if (!Number.isFinite(scale)) throw new RangeError(`rescaleEquation: scale is ${scale}, expected a finite number`);
  const out: PredictionEquation = {...eq, intercept: shift + scale * eq.intercept, terms: eq.terms.map((t) => ({...t, coefficient: scale * t.coefficient}))};
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Nomogram tables

export interface NomogramPredictorTable {
  name: string;
  label?: string;
  unit: string;
  kind?: EquationTermKind;
  range?: [number | null, number | null];
  /** Pairs read off the predictor's axis: a value and the points above it (at least two distinct values). */
  points: {value: number; points: number}[];
}

export interface NomogramTable {
  predictors: NomogramPredictorTable[];
  /** Pairs read off the total-points axis against the probability axis (probabilities in (0, 1)). */
  totalPointsToProbability?: {points: number; probability: number}[];
  /** Or against a linear-predictor (log-odds) axis. */
  totalPointsToLinearPredictor?: {points: number; lp: number}[];
}

export interface NomogramReading {
  equation: PredictionEquation;
  /** Per predictor: the fitted line points = intercept + slope·value and its largest deviation (in points). */
  predictorLines: {name: string; intercept: number; slope: number; maxDeviation: number}[];
  /** The total-points line lp = intercept + slope·T and its largest deviation (in log-odds). */
  totalLine: {intercept: number; slope: number; maxDeviation: number};
  /** Deviations larger than 1% of an axis's span, each as a sentence. */
  warnings: string[];
}

function leastSquaresLine(xs: number[], ys: number[], path: string, what: string): {intercept: number; slope: number; maxDeviation: number} {
  const n = xs.length;
  if (new Set(xs).size < 2) throw new EquationSpecError(path, `needs pairs at two or more different ${what}`);
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (ys[i]! - my);
  }
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let maxDeviation = 0;
  for (let i = 0; i < n; i++) maxDeviation = Math.max(maxDeviation, Math.abs(ys[i]! - (intercept + slope * xs[i]!)));
  return {intercept, slope, maxDeviation};
}

/**
 * Recovers the equation behind a points nomogram from pairs read off its axes (see the module comment).
 * @example equationFromNomogram({
 *   predictors: [{name: "age", unit: "years", points: [{value: 50, points: 0}, {value: 90, points: 100}]}],
 *   totalPointsToLinearPredictor: [{points: 0, lp: -4}, {points: 100, lp: 0}]}).equation // intercept −9, age 0.1
 */
export function equationFromNomogram(table: NomogramTable): NomogramReading {
  if (!isObject(table)) throw new EquationSpecError("", `the nomogram table must be an object with predictors and a total-points axis`);
  const preds = table.predictors;
  if (!Array.isArray(preds) || preds.length === 0) throw new EquationSpecError("predictors", "must be a non-empty array");
  const warnings: string[] = [];
  const toLp = table.totalPointsToLinearPredictor;
  const toP = table.totalPointsToProbability;
  if ((toLp === undefined) === (toP === undefined)) {
    throw new EquationSpecError("", "give exactly one of totalPointsToProbability and totalPointsToLinearPredictor");
  }
  const axisPath = toLp ? "totalPointsToLinearPredictor" : "totalPointsToProbability";
  const axis = (toLp ?? toP)!;
  if (!Array.isArray(axis) || axis.length < 2) throw new EquationSpecError(axisPath, "needs at least two pairs");
  const tPoints = axis.map((a, i) => finiteNumber((a as {points: unknown}).points, `${axisPath}[${i}].points`));
  const tLp = toLp
    ? toLp.map((a, i) => finiteNumber(a.lp, `${axisPath}[${i}].lp`))
    : toP!.map((a, i) => {
        const p = finiteNumber(a.probability, `${axisPath}[${i}].probability`);
        if (!(p > 0 && p < 1)) throw new EquationSpecError(`${axisPath}[${i}].probability`, `must lie strictly between 0 and 1 (a proportion, not a percentage), got ${p}`);
        return Math.log(p / (1 - p));
      });
  const totalLine = leastSquaresLine(tPoints, tLp, axisPath, "total points");
  if (!(totalLine.slope > 0)) throw new EquationSpecError(axisPath, "risk must rise with total points");
  const lpSpan = Math.max(...tLp) - Math.min(...tLp);
  if (totalLine.maxDeviation > 0.01 * lpSpan) {
    warnings.push(`The total-points axis is not a straight line in log-odds (largest deviation ${totalLine.maxDeviation.toPrecision(3)} on the log-odds scale): check the readings, or the nomogram is not of a logistic model.`);
  }
  const predictorLines: NomogramReading["predictorLines"] = [];
  const terms: EquationTerm[] = [];
  let sumA = 0;
  preds.forEach((pr, j) => {
    const path = `predictors[${j}]`;
    if (!isObject(pr)) throw new EquationSpecError(path, "must be an object with name, unit and points");
    const spec = parseTerm({name: pr.name, unit: pr.unit, kind: pr.kind, range: pr.range, label: pr.label, coefficient: 0}, path);
    if (!Array.isArray(pr.points) || pr.points.length < 2) throw new EquationSpecError(`${path}.points`, "needs at least two {value, points} pairs");
    const xs = pr.points.map((q, i) => finiteNumber((q as {value: unknown}).value, `${path}.points[${i}].value`));
    const ys = pr.points.map((q, i) => finiteNumber((q as {points: unknown}).points, `${path}.points[${i}].points`));
    if (spec.kind === "binary" && !xs.every((x) => x === 0 || x === 1)) throw new EquationSpecError(`${path}.points`, "a binary predictor's values are 0 and 1");
    const line = leastSquaresLine(xs, ys, `${path}.points`, "values");
    const span = Math.max(...ys) - Math.min(...ys);
    if (line.maxDeviation > 0.01 * Math.max(span, 1e-12)) {
      warnings.push(`The points of "${spec.name}" are not a straight line in its value (largest deviation ${line.maxDeviation.toPrecision(3)} points): check the readings; a curved axis (spline or transformation) cannot be represented here.`);
    }
    predictorLines.push({name: spec.name, ...line});
    sumA += line.intercept;
    terms.push({...spec, coefficient: totalLine.slope * line.slope});
  });
  const equation = parseEquation(serializeEquation({intercept: totalLine.intercept + totalLine.slope * sumA, terms}));
  return {equation, predictorLines, totalLine, warnings};
}

// ---------------------------------------------------------------------------------------------------------------
// Applying an equation

export interface TermCheck {
  term: string;
  unit: string;
  /** Rows with a value (not missing). */
  present: number;
  missing: number;
  /** Values outside the term's range (present values only). */
  outOfRange: number;
  /** Binary terms: values other than 0 and 1. */
  notBinary: number;
  /** Smallest and largest present values (NaN when none is present). */
  min: number;
  max: number;
  /** Up to five 1-based row numbers of values outside the range (or not 0/1). */
  exampleRows: number[];
  /** A sentence for the reader when something is off; absent when all is well. */
  message?: string;
}

export interface LinearPredictorResult {
  /** β₀ + Σ βⱼxⱼ per row; NaN (null in JSON) where a term's value is missing. */
  lp: number[];
  /** logistic(lp); NaN where lp is. */
  probability: number[];
  /** Rows where every term has a value. */
  complete: boolean[];
  n: number;
  nComplete: number;
  checks: TermCheck[];
  /** The checks' messages, and unit disagreements. */
  warnings: string[];
}

export interface LinearPredictorOptions {
  /** The unit each column is in, where known (e.g. from a data dictionary), keyed by term name. */
  columnUnits?: ReadonlyMap<string, string>;
}

const UNIT_SYNONYMS: string[][] = [
  ["years", "year", "yrs", "yr", "y"],
  ["ml", "millilitre", "milliliter", "millilitres", "milliliters", "cc", "cm3"],
  ["%", "percent", "pct", "per cent"],
  ["°", "deg", "degree", "degrees"],
  ["t-score", "t score", "t", "tscore"],
  ["0 = no, 1 = yes", "0/1", "binary", "yes/no", "1 = yes, 0 = no"]
];

function canonicalUnit(u: string): string {
  const s = u.trim().toLowerCase().replace(/\s+/g, " ");
  for (const group of UNIT_SYNONYMS) if (group.includes(s)) return group[0]!;
  return s;
}

/**
 * Computes the equation's linear predictor for each row of the mapped columns (see the module comment).
 * @example linearPredictor(eq, new Map([["age", ages], ["bmd", tScores]])).lp
 */
export function linearPredictor(eq: PredictionEquation, columns: ReadonlyMap<string, ArrayLike<number>>, options: LinearPredictorOptions = {}): LinearPredictorResult {
  const absent = eq.terms.filter((t) => !columns.has(t.name)).map((t) => `"${t.name}"`);
  if (absent.length) {
    throw new RangeError(`linearPredictor: no column for term${absent.length > 1 ? "s" : ""} ${absent.join(", ")}; map each of the equation's predictors to a column (given: ${[...columns.keys()].map((k) => `"${k}"`).join(", ") || "none"})`);
  }
  let n = -1;
  for (const t of eq.terms) {
    const len = columns.get(t.name)!.length;
    if (n < 0) n = len;
    else if (len !== n) throw new RangeError(`linearPredictor: the column for "${t.name}" has ${len} rows, the others ${n}`);
  }
  const lp = new Array<number>(n).fill(eq.intercept);
  const complete = new Array<boolean>(n).fill(true);
  const checks: TermCheck[] = [];
  const warnings: string[] = [];
  for (const t of eq.terms) {
    const values = columns.get(t.name)!;
    const [lo, hi] = t.range ?? [null, null];
    let missing = 0;
    let outOfRange = 0;
    let notBinary = 0;
    let min = Infinity;
    let max = -Infinity;
    const exampleRows: number[] = [];
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      if (Number.isNaN(v)) {
        missing++;
        complete[i] = false;
        lp[i] = NaN;
        continue;
      }
      if (!Number.isFinite(v)) throw new RangeError(`linearPredictor: term "${t.name}" row ${i + 1} is ${v}; a measurement must be finite (use NaN for a missing value)`);
      if (v < min) min = v;
      if (v > max) max = v;
      const outside = (lo !== null && v < lo) || (hi !== null && v > hi);
      const bad01 = t.kind === "binary" && v !== 0 && v !== 1;
      if (outside) outOfRange++;
      if (bad01) notBinary++;
      if ((outside || bad01) && exampleRows.length < 5) exampleRows.push(i + 1);
      if (complete[i]) lp[i] = lp[i]! + t.coefficient * v;
    }
    const present = n - missing;
    const check: TermCheck = {term: t.name, unit: t.unit, present, missing, outOfRange, notBinary, min: present ? min : NaN, max: present ? max : NaN, exampleRows};
    const label = t.label ? `"${t.name}" (${t.label})` : `"${t.name}"`;
    const parts: string[] = [];
    if (notBinary > 0) parts.push(`${notBinary} of ${present} values of ${label} are not 0 or 1 (rows ${exampleRows.join(", ")}${notBinary > exampleRows.length ? ", …" : ""}); the equation wants ${t.unit}: recode the column`);
    else if (outOfRange > 0) {
      const range = `${lo ?? "−∞"} to ${hi ?? "∞"}`;
      parts.push(`${outOfRange} of ${present} values of ${label} lie outside the equation's range ${range} ${t.unit} (smallest ${min}, largest ${max}; rows ${exampleRows.join(", ")}${outOfRange > exampleRows.length ? ", …" : ""}): check that the column is in ${t.unit}; the equation is applied to them as they are`);
    }
    if (present === 0) parts.push(`every value of ${label} is missing`);
    if (parts.length) {
      check.message = parts.join("; ") + ".";
      warnings.push(check.message);
    }
    const columnUnit = options.columnUnits?.get(t.name);
    if (columnUnit !== undefined && canonicalUnit(columnUnit) !== canonicalUnit(t.unit)) {
      warnings.push(`The column for ${label} is in ${columnUnit}, but the equation's coefficient is per ${t.unit}: convert the column, or map another one.`);
    }
    checks.push(check);
  }
  const probability = lp.map((v) => (Number.isNaN(v) ? NaN : 1 / (1 + Math.exp(-v))));
  const nComplete = complete.filter(Boolean).length;
  if (nComplete < n) warnings.push(`${n - nComplete} of ${n} rows lack a value for at least one predictor; they get no prediction.`);
  return {lp, probability, complete, n, nComplete, checks, warnings};
}

/**
 * An equation from fitted coefficients (e.g. the site's model), with each term's unit, kind and range from the
 * caller's data dictionary. `coefficients` lists "(Intercept)" first, as LogisticFit.names does.
 * Throws EquationSpecError when "(Intercept)" is not first or a term is undescribed.
 * @example equationFromCoefficients(fit.names, fit.coefficients, (name) => ({unit: columnSpec(name).unit,
 *   kind: columnSpec(name).kind === "binary" ? "binary" : "continuous"}))
 */
export function equationFromCoefficients(
  names: readonly string[],
  coefficients: ArrayLike<number>,
  describeTerm: (name: string) => {unit: string; kind: EquationTermKind; range?: [number | null, number | null]; label?: string} | undefined,
  meta: {name?: string; source?: string; outcome?: string} = {}
): PredictionEquation {
  if (names[0] !== "(Intercept)") throw new EquationSpecError("names[0]", `must be "(Intercept)", got ${describeValue(names[0])}`);
  if (coefficients.length !== names.length) throw new EquationSpecError("coefficients", `has ${coefficients.length} values for ${names.length} names`);
  const terms = names.slice(1).map((name, j) => {
    const d = describeTerm(name);
    if (!d) throw new EquationSpecError(`names[${j + 1}]`, `no description (unit and kind) for term "${name}"`);
    const t: Record<string, unknown> = {name, coefficient: coefficients[j + 1], unit: d.unit, kind: d.kind};
    if (d.range) t.range = d.range;
    if (d.label !== undefined) t.label = d.label;
    return t;
  });
  return parseEquation({...meta, intercept: coefficients[0], terms});
}
