/**
 * Partial effects of one factor in a logistic model, as rms::Predict shows them: the log-odds (linear predictor)
 * against the factor over a grid of values, every other factor held at an adjust-to value, with a pointwise
 * confidence interval by the delta method; and the log odds ratio (odds ratio) against a reference value of the
 * factor (Predict(fit, x, ref.zero = TRUE), = rms::contrast(fit, list(x = v), list(x = ref))).
 *
 *   η(v) = x(v)ᵀβ̂,  SE = √(x(v)ᵀ V x(v));  log OR(v) = (x(v) − x(ref))ᵀβ̂,  SE = √(dᵀ V d), d = x(v) − x(ref);
 *   CI = estimate ± z·SE with z = Φ⁻¹((1 + level)/2), and OR = e^{log OR} with e^{limits},
 * x(v) being the design row (spline basis, dummies) at the factor's value v and the others' adjust-to values, and
 * V = (XᵀW(β̂)X)⁻¹ the inverse information at β̂, as rms::lrm reports it (informationCovariance).
 *
 * Defaults follow rms's datadist and Predict (rms 6.5): a numeric factor is adjusted to its median — or, with
 * fewer than 3 distinct values, to the smallest (a 0/1 factor to 0), with exactly 3 to the middle one; a
 * categorical factor to its reference level (datadist(adjto.cat = "first"); rms's own default is the most frequent
 * level, so pass adjustTo for that). The grid is every distinct value when a numeric factor has at most 10, else
 * 200 equally spaced points between the quantiles 10/max(n, 200) and 1 − 10/max(n, 200) (the range when those
 * coincide or there are fewer than 4 distinct values); a categorical factor's grid is its levels. The reference
 * value of the odds ratio is the factor's adjust-to value.
 *
 * Throws RangeError when the factor is not in the model, a value is not finite (or not a level), the fit and the
 * design disagree, or adjustTo names a factor the model lacks.
 *
 * @example partialEffect(model, {factor: "bmd_t"}).points[0] // {value: −4.1, logOdds: …, lower: …, upper: …, oddsRatio: …}
 */
import type {DesignColumns, DesignMatrix} from "./design.js";
import {normalQuantile} from "./distributions.js";
import {informationCovariance} from "./information.js";
import type {LogisticFit} from "./logistic.js";
import {modelFactors, quantileType7, rcsRow, type SplineTerm} from "./spline.js";

export interface PartialEffectModel {
  /** An ML fit of `design` (its coefficients; the covariance is recomputed at them, as rms's lrm reports it). */
  fit: Pick<LogisticFit, "names" | "coefficients">;
  /** The design the model was fitted on (buildDesign's output: its sources and levels are used). */
  design: DesignMatrix;
  /** The spline terms, from expandSplines (omit when there are none). */
  splines?: SplineTerm[];
  /** The raw columns of the rows fitted (for the adjust-to values and the default grid). */
  data: DesignColumns;
}

export type FactorValue = number | string;

export interface PartialEffectOptions {
  factor: string;
  /** Values of the factor (numbers, or levels of a categorical); default as rms::Predict (module comment). */
  values?: ReadonlyArray<FactorValue>;
  /** Reference value for the odds ratio; default the factor's adjust-to value. */
  reference?: FactorValue;
  /** Values at which to hold other factors (default as datadist). */
  adjustTo?: ReadonlyMap<string, FactorValue>;
  /** Confidence level, default 0.95. */
  level?: number;
}

export interface PartialEffectPoint {
  value: FactorValue;
  logOdds: number;
  se: number;
  lower: number;
  upper: number;
  /** (x(v) − x(ref))ᵀβ̂ and its delta-method SE; 0 and 0 at the reference. */
  logOddsRatio: number;
  logOddsRatioSe: number;
  oddsRatio: number;
  orLower: number;
  orUpper: number;
}

export interface PartialEffect {
  factor: string;
  kind: "spline" | "linear" | "categorical";
  reference: FactorValue;
  /** The other factors' values, in model order. */
  adjustedTo: {factor: string; value: FactorValue}[];
  level: number;
  points: PartialEffectPoint[];
}

interface FactorInfo {
  factor: string;
  kind: "spline" | "linear" | "categorical";
  /** Design column index of each of the factor's terms. */
  indices: number[];
  knots?: number[];
  /** Categorical: all levels (reference first) and each dummy's level. */
  levels?: string[];
  dummyLevels?: string[];
}

function describeFactors(model: PartialEffectModel, caller: string): FactorInfo[] {
  const {design, fit} = model;
  if (fit.names.length !== design.names.length || fit.names.some((t, j) => t !== design.names[j])) {
    throw new RangeError(`${caller}: the fit's terms (${fit.names.join(", ")}) are not the design's (${design.names.join(", ")})`);
  }
  const index = new Map(design.names.map((t, j) => [t, j]));
  const splineOf = new Map((model.splines ?? []).map((s) => [s.factor, s]));
  return modelFactors(design, {splines: model.splines ?? []}).map((f) => {
    const indices = f.terms.map((t) => index.get(t)!);
    const spline = splineOf.get(f.factor);
    if (spline) return {factor: f.factor, kind: "spline", indices, knots: spline.knots};
    // design.levels is a plain object: read only its own keys (a numeric column may be called "constructor")
    const levels = design.levels && Object.prototype.hasOwnProperty.call(design.levels, f.factor) ? design.levels[f.factor] : undefined;
    if (levels) {
      const prefix = `${f.factor}=`;
      return {factor: f.factor, kind: "categorical", indices, levels, dummyLevels: f.terms.map((t) => t.slice(prefix.length))};
    }
    return {factor: f.factor, kind: "linear", indices};
  });
}

function numericColumn(model: PartialEffectModel, factor: string, caller: string): Float64Array {
  if (!Object.prototype.hasOwnProperty.call(model.data, factor)) throw new RangeError(`${caller}: data has no column "${factor}"`);
  const col = model.data[factor]!;
  const out = new Float64Array(col.length);
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (typeof v !== "number" || !Number.isFinite(v)) throw new RangeError(`${caller}: column "${factor}" row ${i + 1} is ${String(v)}, expected a finite number`);
    out[i] = v;
  }
  return out.sort();
}

function distinctSorted(sorted: Float64Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) out.push(sorted[i]!);
  return out;
}

/** adjustToValue of an ascending column, given its distinct values. */
function adjustToSorted(sorted: Float64Array, distinct: number[]): number {
  if (distinct.length < 3) return distinct[0]!;
  if (distinct.length === 3) return distinct[1]!;
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

/** rms datadist's "Adjust to" for a numeric column: median, or the smallest / middle of < 3 / 3 distinct values. */
export function adjustToValue(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  return adjustToSorted(sorted, distinctSorted(sorted));
}

/** rms::Predict's default values for a numeric column (np = 200): see the module comment. */
export function defaultGrid(values: ArrayLike<number>, points = 200): number[] {
  const sorted = Float64Array.from(values).sort();
  return defaultGridSorted(sorted, distinctSorted(sorted), points);
}

/** defaultGrid of an ascending column, given its distinct values (returned as is when there are at most 10). */
function defaultGridSorted(sorted: Float64Array, distinct: number[], points: number): number[] {
  if (distinct.length <= 10) return distinct;
  const n = sorted.length;
  const q = 10 / Math.max(n, 200);
  let lo = quantileType7(sorted, q);
  let hi = quantileType7(sorted, 1 - q);
  if (lo === hi) {
    lo = distinct[0]!;
    hi = distinct[distinct.length - 1]!;
  }
  // R's seq(lo, hi, length = points)
  const by = (hi - lo) / (points - 1);
  const out = [lo];
  for (let i = 1; i <= points - 2; i++) out.push(lo + i * by);
  out.push(hi);
  return out;
}

function setTerms(row: Float64Array, info: FactorInfo, value: FactorValue, caller: string): void {
  if (info.kind === "categorical") {
    if (typeof value !== "string" || !info.levels!.includes(value)) {
      throw new RangeError(`${caller}: ${JSON.stringify(value)} is not a level of "${info.factor}" (levels: ${info.levels!.join(", ")})`);
    }
    info.indices.forEach((j, m) => (row[j] = info.dummyLevels![m] === value ? 1 : 0));
    return;
  }
  if (typeof value !== "number" || !Number.isFinite(value)) throw new RangeError(`${caller}: the value of "${info.factor}" is ${String(value)}, expected a finite number`);
  if (info.kind === "spline") {
    const basis = rcsRow(value, info.knots!);
    info.indices.forEach((j, m) => (row[j] = basis[m]!));
  } else {
    row[info.indices[0]!] = value;
  }
}

/**
 * The design row at the given factor values (every factor must be given; see partialEffect for defaults).
 * @example designRow(model, new Map([["age", 70], ["bmd_t", -2.5]])) // Float64Array [1, 70, -2.5, …]
 */
export function designRow(model: PartialEffectModel, values: ReadonlyMap<string, FactorValue>): Float64Array {
  const caller = "designRow";
  const infos = describeFactors(model, caller);
  const row = new Float64Array(model.design.names.length);
  const intercept = model.design.names.indexOf("(Intercept)");
  if (intercept >= 0) row[intercept] = 1;
  for (const info of infos) {
    if (!values.has(info.factor)) throw new RangeError(`${caller}: no value given for "${info.factor}"`);
    setTerms(row, info, values.get(info.factor)!, caller);
  }
  return row;
}

function quadratic(v: ArrayLike<number>, x: Float64Array, k: number): number {
  let s = 0;
  for (let a = 0; a < k; a++) {
    let t = 0;
    for (let b = 0; b < k; b++) t += v[a * k + b]! * x[b]!;
    s += x[a]! * t;
  }
  return s;
}

/**
 * Memoizes fn's outcome: its value, or the error it threw, rethrown (the same object) on every later call — the
 * inputs are fixed, so a retry would only throw the same error again at the same cost.
 */
function once<T>(fn: () => T): () => T {
  let outcome: {ok: true; value: T} | {ok: false; error: unknown} | undefined;
  return () => {
    if (!outcome) {
      try {
        outcome = {ok: true, value: fn()};
      } catch (error) {
        outcome = {ok: false, error};
      }
    }
    if (outcome.ok) return outcome.value;
    throw outcome.error;
  };
}

/** What the defaults need of a numeric factor's column, from one sort of it. */
interface NumericSummary {
  adjustTo: number;
  grid: number[];
}

/**
 * partialEffect for one model and many options: the per-model work — describing the factors, each numeric factor's
 * sorted column (its adjust-to value and default grid; sorted at most once, when first needed) and the covariance V
 * (once, when first needed) — is done once, not per call. Each call returns what partialEffect(model, options) returns
 * and throws what it throws, at the same point: the work is lazy, so a bad column fails only the calls that need it
 * (a failure is remembered and its error rethrown). The model must not change while the evaluator is in use.
 * @example const effectOf = partialEffectEvaluator(model); const curves = ["age", "bmd_t"].map((factor) => effectOf({factor}));
 */
export function partialEffectEvaluator(model: PartialEffectModel): (options: PartialEffectOptions) => PartialEffect {
  const caller = "partialEffect";
  const factors = once(() => describeFactors(model, caller));
  const summaries = new Map<string, () => NumericSummary>();
  const summaryOf = (factor: string): NumericSummary => {
    let summary = summaries.get(factor);
    if (!summary) {
      summary = once(() => {
        const sorted = numericColumn(model, factor, caller);
        const distinct = distinctSorted(sorted);
        return {adjustTo: adjustToSorted(sorted, distinct), grid: defaultGridSorted(sorted, distinct, 200)};
      });
      summaries.set(factor, summary);
    }
    return summary();
  };
  // rms's V (lrm's): the inverse information at β̂, not glm's from the last iteration's weights (information.ts)
  const covarianceOf = once(() => informationCovariance(model.design, model.fit.coefficients));
  return (options) => {
    const level = options.level ?? 0.95;
    if (!(level > 0 && level < 1)) throw new RangeError(`${caller}: level is ${level}, expected a number in (0, 1)`);
    const infos = factors();
    const target = infos.find((f) => f.factor === options.factor);
    if (!target) throw new RangeError(`${caller}: factor "${options.factor}" is not in the model (factors: ${infos.map((f) => f.factor).join(", ")})`);
    const known = new Set(infos.map((f) => f.factor));
    for (const name of options.adjustTo?.keys() ?? []) {
      if (!known.has(name)) throw new RangeError(`${caller}: adjustTo names "${name}", which is not a factor of the model`);
    }
    const adjustOf = (info: FactorInfo): FactorValue => {
      const given = options.adjustTo?.get(info.factor);
      if (given !== undefined) return given;
      return info.kind === "categorical" ? info.levels![0]! : summaryOf(info.factor).adjustTo;
    };
    const k = model.design.names.length;
    const base = new Float64Array(k);
    const intercept = model.design.names.indexOf("(Intercept)");
    if (intercept >= 0) base[intercept] = 1;
    const adjustedTo: {factor: string; value: FactorValue}[] = [];
    for (const info of infos) {
      if (info === target) continue;
      const value = adjustOf(info);
      setTerms(base, info, value, caller);
      adjustedTo.push({factor: info.factor, value});
    }
    const values: FactorValue[] = options.values
      ? [...options.values]
      : target.kind === "categorical"
        ? target.levels!.slice()
        : summaryOf(target.factor).grid.slice();
    const reference = options.reference ?? adjustOf(target);
    const refRow = Float64Array.from(base);
    setTerms(refRow, target, reference, caller);
    const z = normalQuantile((1 + level) / 2);
    const beta = model.fit.coefficients;
    const covariance = covarianceOf();
    const row = new Float64Array(k);
    const diff = new Float64Array(k);
    const points = values.map((value): PartialEffectPoint => {
      row.set(base);
      setTerms(row, target, value, caller);
      let eta = 0;
      let lor = 0;
      for (let j = 0; j < k; j++) {
        diff[j] = row[j]! - refRow[j]!;
        eta += row[j]! * beta[j]!;
        lor += diff[j]! * beta[j]!;
      }
      const se = Math.sqrt(Math.max(0, quadratic(covariance, row, k)));
      const lorSe = Math.sqrt(Math.max(0, quadratic(covariance, diff, k)));
      return {
        value,
        logOdds: eta,
        se,
        lower: eta - z * se,
        upper: eta + z * se,
        logOddsRatio: lor,
        logOddsRatioSe: lorSe,
        oddsRatio: Math.exp(lor),
        orLower: Math.exp(lor - z * lorSe),
        orUpper: Math.exp(lor + z * lorSe)
      };
    });
    return {factor: target.factor, kind: target.kind, reference, adjustedTo, level, points};
  };
}

/**
 * The partial effect of `factor` (log-odds and odds ratio with pointwise CIs over a grid); see the module comment.
 * For several factors of one model, partialEffectEvaluator does the per-model work once.
 * @example partialEffect(model, {factor: "age", values: [50, 60, 70]}).points.map((p) => p.oddsRatio)
 */
export function partialEffect(model: PartialEffectModel, options: PartialEffectOptions): PartialEffect {
  return partialEffectEvaluator(model)(options);
}
