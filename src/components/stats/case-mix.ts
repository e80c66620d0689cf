/**
 * Case-mix: how the validation cohort's patients differ from the development cohort's, predictor by predictor
 * and as a whole — read beside an external validation, it tells reproducibility (similar patients) from
 * transportability (different patients) (Debray et al. 2015, J Clin Epidemiol 68:279; Vergouwe, Moons &
 * Steyerberg 2010, Am J Epidemiol 172:971).
 *
 * - Per predictor: n, missing, mean, SD (n − 1), median and quartiles (R's quantile type 7) for a continuous term;
 *   the proportion of 1s for a binary one; in each cohort, from raw values or, for the development cohort, from
 *   the published summary the equation carries (equation-spec.ts `development.summaries`).
 * - Standardised difference (Austin 2009, Stat Med 28:3083, eqs 1–2): continuous
 *   d = (x̄_v − x̄_d)/√((s_v² + s_d²)/2); binary d = (p_v − p_d)/√((p_v(1 − p_v) + p_d(1 − p_d))/2). |d| > 0.1 is
 *   the customary mark of a difference worth a look. When both spreads are 0, d is 0 for equal values and ±Infinity for different ones.
 * - The equation's linear predictor in both cohorts (mean and SD): a wider spread in the validation cohort means
 *   more heterogeneous patients, and so, for the same equation, a higher AUC (Debray 2015, step 1).
 * - Membership model (Debray 2015): a logistic regression of cohort membership (1 = validation) on the
 *   predictors (and, if given, the outcome), fitted to both cohorts stacked; its c-statistic with DeLong's CI
 *   says how well the cohorts can be told apart: ≈ 0.5 alike, near 1 different. Needs raw development data.
 * - poolSummaries: the mean and SD of a cohort from the means and SDs of its groups (a publication's Table 1 by
 *   outcome): x̄ = Σnᵢx̄ᵢ/N, s² = [Σ(nᵢ − 1)sᵢ² + Σnᵢ(x̄ᵢ − x̄)²]/(N − 1) — exact, the SD of the union of the groups.
 *
 * Throws RangeError when a term has no validation column (naming it), the columns differ in length, a value is
 * infinite, a binary term holds values other than 0/1 (naming term and row), or poolSummaries gets an empty list,
 * a group with n < 1 or a negative SD.
 *
 * Example: standardizedDifference({kind: "continuous", mean: 70, sd: 8}, {kind: "continuous", mean: 66, sd: 6})
 *   // 0.5657 (= 4/√50)
 */
import {delongAuc} from "./delong.js";
import type {DesignMatrix} from "./design.js";
import type {DevelopmentSummary, PredictionEquation} from "./equation-spec.js";
import {linearPredictor} from "./equation-spec.js";
import {fitLogistic} from "./logistic.js";
import {quantileType7} from "./spline.js";

export interface PredictorSummary {
  kind: "continuous" | "binary";
  /** Patients with a value. */
  n: number;
  /** Patients without one (raw data only; 0 for a published summary). */
  missing: number;
  mean: number;
  /** SD with divisor n − 1 (NaN for n = 1 or when the publication gave none). */
  sd: number;
  /** Binary terms: proportion of 1s (equals the mean). NaN for continuous terms. */
  proportion: number;
  /** Type-7 quartiles, min and max (NaN when not available, e.g. a published summary without them). */
  median: number;
  q1: number;
  q3: number;
  min: number;
  max: number;
  /** "data" for raw values, "published" for the equation's development summary. */
  source: "data" | "published";
}

export interface CaseMixRow {
  term: string;
  unit: string;
  kind: "continuous" | "binary";
  development: PredictorSummary | null;
  validation: PredictorSummary;
  /** (validation − development) / pooled SD; NaN when there is no development summary or it lacks the SD. */
  standardizedDifference: number;
}

export interface MembershipModel {
  /** Terms of the membership model, "(Intercept)" first, and their coefficients (log-odds of being in the
   * validation cohort). */
  terms: string[];
  coefficients: number[];
  nDevelopment: number;
  nValidation: number;
  auc: {auc: number; se: number; ciLower: number; ciUpper: number};
  /** Separation or non-convergence of the membership fit, in words. */
  warning?: string;
}

export interface CaseMixComparison {
  rows: CaseMixRow[];
  /** The equation's lp in each cohort (complete rows); null for development without raw data. */
  linearPredictor: {development: {n: number; mean: number; sd: number} | null; validation: {n: number; mean: number; sd: number}};
  membership: MembershipModel | null;
}

export interface CaseMixOptions {
  /** Raw development data, keyed by term name (e.g. the site's cohort); without it the equation's published
   * summaries are used. */
  development?: ReadonlyMap<string, ArrayLike<number>>;
  /** Outcomes (0/1) to include in the membership model, as Debray et al. do; both or neither. */
  outcome?: {development: ArrayLike<number>; validation: ArrayLike<number>};
  /** Confidence level of the membership c-statistic's CI (default 0.95). */
  level?: number;
}

function meanSd(values: number[]): {mean: number; sd: number} {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return {mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN};
}

/**
 * Summary of one predictor's values (NaN = missing), as R's mean, sd and quantile(type = 7) give it.
 * Throws RangeError for an infinite value, or a binary term with a value other than 0/1 (naming the row).
 * @example summarizePredictor([1, 0, 1, NaN], "binary").proportion // 0.6666…
 */
export function summarizePredictor(values: ArrayLike<number>, kind: "continuous" | "binary", name = "values"): PredictorSummary {
  const present: number[] = [];
  let missing = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) {
      missing++;
      continue;
    }
    if (!Number.isFinite(v)) throw new RangeError(`summarizePredictor: ${name} row ${i + 1} is ${v}, expected a finite number or NaN for missing`);
    if (kind === "binary" && v !== 0 && v !== 1) throw new RangeError(`summarizePredictor: ${name} is binary but row ${i + 1} is ${v}; recode it as 0/1`);
    present.push(v);
  }
  const n = present.length;
  if (n === 0) {
    return {kind, n: 0, missing, mean: NaN, sd: NaN, proportion: NaN, median: NaN, q1: NaN, q3: NaN, min: NaN, max: NaN, source: "data"};
  }
  const {mean, sd} = meanSd(present);
  const sorted = Float64Array.from(present).sort();
  return {
    kind,
    n,
    missing,
    mean,
    sd,
    proportion: kind === "binary" ? mean : NaN,
    median: quantileType7(sorted, 0.5),
    q1: quantileType7(sorted, 0.25),
    q3: quantileType7(sorted, 0.75),
    min: sorted[0]!,
    max: sorted[n - 1]!,
    source: "data"
  };
}

function fromPublished(s: DevelopmentSummary, kind: "continuous" | "binary"): PredictorSummary {
  const nan = NaN;
  const n = s.n ?? nan;
  if (kind === "binary") {
    const p = s.proportion ?? s.mean ?? nan;
    // the SD the 0/1 values would have (divisor n − 1), when n is known
    const sd = n > 1 ? Math.sqrt((p * (1 - p) * n) / (n - 1)) : nan;
    return {kind, n, missing: 0, mean: p, sd, proportion: p, median: nan, q1: nan, q3: nan, min: nan, max: nan, source: "published"};
  }
  return {kind, n, missing: 0, mean: s.mean ?? nan, sd: s.sd ?? nan, proportion: nan, median: s.median ?? nan, q1: s.q1 ?? nan, q3: s.q3 ?? nan, min: nan, max: nan, source: "published"};
}

/**
 * Austin's standardised difference of `validation` from `development` (see the module comment).
 * @example standardizedDifference({kind: "binary", proportion: 0.5}, {kind: "binary", proportion: 0.3}) // 0.4166…
 */
export function standardizedDifference(
  validation: {kind: "continuous" | "binary"; mean?: number; sd?: number; proportion?: number},
  development: {kind: "continuous" | "binary"; mean?: number; sd?: number; proportion?: number}
): number {
  let num: number;
  let den: number;
  if (validation.kind === "binary") {
    const pv = validation.proportion ?? validation.mean ?? NaN;
    const pd = development.proportion ?? development.mean ?? NaN;
    num = pv - pd;
    den = Math.sqrt((pv * (1 - pv) + pd * (1 - pd)) / 2);
  } else {
    num = (validation.mean ?? NaN) - (development.mean ?? NaN);
    den = Math.sqrt(((validation.sd ?? NaN) ** 2 + (development.sd ?? NaN) ** 2) / 2);
  }
  if (Number.isNaN(num) || Number.isNaN(den)) return NaN;
  if (den === 0) return num === 0 ? 0 : num > 0 ? Infinity : -Infinity;
  return num / den;
}

export interface GroupSummary {
  n: number;
  mean: number;
  sd: number;
}

/**
 * The mean and SD (n − 1) of the union of groups given by their n, mean and SD (see the module comment).
 * @example poolSummaries([{n: 25, mean: 73.0, sd: 6.6}, {n: 137, mean: 67.9, sd: 7.9}])
 *   // {n: 162, mean: 68.687…, sd: 7.93…}
 */
export function poolSummaries(groups: readonly GroupSummary[]): GroupSummary {
  if (groups.length === 0) throw new RangeError("poolSummaries: groups is empty");
  groups.forEach((g, i) => {
    if (!(Number.isInteger(g.n) && g.n >= 1)) throw new RangeError(`poolSummaries: groups[${i}].n is ${g.n}, expected a positive integer`);
    if (!Number.isFinite(g.mean)) throw new RangeError(`poolSummaries: groups[${i}].mean is ${g.mean}`);
    if (!(g.sd >= 0) && !(g.n === 1 && Number.isNaN(g.sd))) throw new RangeError(`poolSummaries: groups[${i}].sd is ${g.sd}, expected a non-negative number`);
  });
  const n = groups.reduce((s, g) => s + g.n, 0);
  const mean = groups.reduce((s, g) => s + g.n * g.mean, 0) / n;
  const ss = groups.reduce((s, g) => s + (g.n > 1 ? (g.n - 1) * g.sd ** 2 : 0) + g.n * (g.mean - mean) ** 2, 0);
  return {n, mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN};
}

function lpSummary(eq: PredictionEquation, columns: ReadonlyMap<string, ArrayLike<number>>): {n: number; mean: number; sd: number} {
  const r = linearPredictor(eq, columns);
  const values = r.lp.filter((_, i) => r.complete[i]);
  const {mean, sd} = values.length ? meanSd(values) : {mean: NaN, sd: NaN};
  return {n: values.length, mean, sd};
}

function columnLength(columns: ReadonlyMap<string, ArrayLike<number>>, terms: string[], which: string): number {
  let n = -1;
  for (const t of terms) {
    const c = columns.get(t);
    if (!c) throw new RangeError(`caseMixComparison: the ${which} data have no column for term "${t}"`);
    if (n < 0) n = c.length;
    else if (c.length !== n) throw new RangeError(`caseMixComparison: the ${which} column for "${t}" has ${c.length} rows, the others ${n}`);
  }
  return n;
}

function membershipModel(
  terms: string[],
  development: ReadonlyMap<string, ArrayLike<number>>,
  validation: ReadonlyMap<string, ArrayLike<number>>,
  outcome: CaseMixOptions["outcome"],
  level: number
): MembershipModel {
  const nd = columnLength(development, terms, "development");
  const nv = columnLength(validation, terms, "validation");
  if (outcome && (outcome.development.length !== nd || outcome.validation.length !== nv)) {
    throw new RangeError(`caseMixComparison: outcome.development has ${outcome.development.length} rows for ${nd} patients, outcome.validation ${outcome.validation.length} for ${nv}`);
  }
  const rows: number[][] = [];
  const member: number[] = [];
  const names = ["(Intercept)", ...terms, ...(outcome ? ["outcome"] : [])];
  const add = (cols: ReadonlyMap<string, ArrayLike<number>>, n: number, y: ArrayLike<number> | undefined, m: number): void => {
    for (let i = 0; i < n; i++) {
      const row = [1, ...terms.map((t) => cols.get(t)![i]!), ...(y ? [y[i]!] : [])];
      if (row.some((v) => Number.isNaN(v))) continue;
      rows.push(row);
      member.push(m);
    }
  };
  add(development, nd, outcome?.development, 0);
  const nDev = rows.length;
  add(validation, nv, outcome?.validation, 1);
  const n = rows.length;
  const design: DesignMatrix = {names, columns: names.map((_, j) => Float64Array.from(rows, (r) => r[j]!)), n};
  const fit = fitLogistic(design, member);
  const roc = delongAuc(fit.linearPredictor, member, "<", {level});
  const out: MembershipModel = {
    terms: names,
    coefficients: Array.from(fit.coefficients),
    nDevelopment: nDev,
    nValidation: n - nDev,
    auc: {auc: roc.auc, se: roc.se, ciLower: roc.ciLower, ciUpper: roc.ciUpper}
  };
  if (fit.separation.detected) out.warning = `The cohorts are perfectly told apart: ${fit.separation.message}`;
  else if (!fit.converged) out.warning = `The membership model did not converge in ${fit.iterations} iterations.`;
  return out;
}

/**
 * Compares the validation cohort's predictors with the development cohort's (see the module comment).
 * @example caseMixComparison(eq, validationColumns, {development: siteColumns}).rows
 *   .map((r) => r.standardizedDifference)
 */
export function caseMixComparison(eq: PredictionEquation, validation: ReadonlyMap<string, ArrayLike<number>>, options: CaseMixOptions = {}): CaseMixComparison {
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new RangeError(`caseMixComparison: level is ${level}, expected a number in (0, 1)`);
  const terms = eq.terms.map((t) => t.name);
  columnLength(validation, terms, "validation");
  if (options.development) columnLength(options.development, terms, "development");
  const rows: CaseMixRow[] = eq.terms.map((t) => {
    const v = summarizePredictor(validation.get(t.name)!, t.kind, `the validation column for "${t.name}"`);
    let d: PredictorSummary | null = null;
    if (options.development) d = summarizePredictor(options.development.get(t.name)!, t.kind, `the development column for "${t.name}"`);
    else {
      const s = eq.development?.summaries?.get(t.name);
      if (s) d = fromPublished(s, t.kind);
    }
    return {term: t.name, unit: t.unit, kind: t.kind, development: d, validation: v, standardizedDifference: d ? standardizedDifference(v, d) : NaN};
  });
  return {
    rows,
    linearPredictor: {development: options.development ? lpSummary(eq, options.development) : null, validation: lpSummary(eq, validation)},
    membership: options.development ? membershipModel(terms, options.development, validation, options.outcome, level) : null
  };
}
