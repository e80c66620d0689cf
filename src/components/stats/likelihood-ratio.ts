/**
 * Likelihood-ratio tests for logistic models fitted by maximum likelihood.
 *
 * Nested models (likelihoodRatioTest): with deviances D = −2 ln L of a reduced model and of a full model that
 * contains every term of the reduced one, χ² = D_reduced − D_full on (k_full − k_reduced) df, p = P(χ²_df > χ²)
 * — R's anova(reduced, full, test = "LRT") for glm fits, lmtest::lrtest, rms::lrtest. Both fits' AIC = D + 2k
 * are reported beside it.
 *
 * Per-factor table (anovaLogistic), laid out as rms's anova(lrm(…)): for each factor a row testing all its terms
 * and, for a spline, a " Nonlinear" row testing its nonlinear terms; "TOTAL NONLINEAR" (every nonlinear term
 * jointly, shown as rms shows it: when more than one factor has nonlinear terms); "TOTAL" (every term but the
 * intercept). test "LR" (the default; rms ≥ 6.6 anova(fit, test = "LR")) refits the model without the row's
 * terms and takes χ² = D_without − D_full; test "Wald" is rms 6.5's default, χ² = b_Sᵀ V_SS⁻¹ b_S for the row's
 * coefficients b_S and their covariance V_SS, V the inverse information at β̂ as lrm computes it (informationCovariance). LR rows are preferred for small samples and near separation
 * (Hauck–Donner: a Wald χ² can shrink as an effect grows).
 *
 * Firth fits are refused: their deviance is not maximised, so a difference of deviances is not a likelihood-ratio
 * statistic (use the penalised likelihood ratio in firth-profile.ts).
 *
 * Throws RangeError (naming the argument) when a fit is not ML, the two fits differ in n or events, the reduced
 * model has a term the full one lacks or is not smaller, or a row names a term that is not in the design.
 *
 * @example likelihoodRatioTest(fitLogistic(full, y), fitLogistic(reduced, y)).p
 */
import type {DesignMatrix} from "./design.js";
import {chiSquareSf} from "./distributions.js";
import {choleskyInPlace, choleskySolveInPlace} from "./linear-algebra.js";
import {informationCovariance} from "./information.js";
import {fitLogistic, type LogisticFit, type LogisticOptions} from "./logistic.js";
import type {FactorTerms} from "./spline.js";

export interface FitSummary {
  terms: string[];
  /** Number of coefficients k. */
  parameters: number;
  deviance: number;
  logLik: number;
  /** D + 2k. */
  aic: number;
  converged: boolean;
  separated: boolean;
}

export interface NestedLrTest {
  /** D_reduced − D_full (as computed; p treats a rounding-level negative value as 0). */
  statistic: number;
  df: number;
  p: number;
  /** Terms in the full model and not in the reduced one. */
  added: string[];
  full: FitSummary;
  reduced: FitSummary;
  /** Non-convergence or separation in either fit (the statistic is then not reliable). */
  warnings: string[];
}

function summarise(fit: LogisticFit): FitSummary {
  return {
    terms: fit.names.slice(),
    parameters: fit.coefficients.length,
    deviance: fit.deviance,
    logLik: fit.logLik,
    aic: fit.aic,
    converged: fit.converged,
    separated: fit.separation.detected
  };
}

function fitWarnings(fit: LogisticFit, which: string): string[] {
  const out: string[] = [];
  if (!fit.converged) out.push(`the ${which} model did not converge in ${fit.iterations} iterations`);
  if (fit.separation.detected) out.push(`the ${which} model is separated (${fit.separation.kind}); its maximum-likelihood deviance is a limit, not a maximum`);
  return out;
}

/**
 * Likelihood-ratio test of a reduced model against a full model that contains it (both ML fits on the same rows).
 * @example likelihoodRatioTest(fitLogistic(buildDesign(d, ["a", "b"]), y), fitLogistic(buildDesign(d, ["a"]), y)).df // 1
 */
export function likelihoodRatioTest(full: LogisticFit, reduced: LogisticFit): NestedLrTest {
  const caller = "likelihoodRatioTest";
  if (full.method !== "ml") throw new RangeError(`${caller}: full is a ${full.method} fit; a likelihood-ratio test needs maximum-likelihood fits`);
  if (reduced.method !== "ml") throw new RangeError(`${caller}: reduced is a ${reduced.method} fit; a likelihood-ratio test needs maximum-likelihood fits`);
  if (full.n !== reduced.n || full.events !== reduced.events) {
    throw new RangeError(`${caller}: full has ${full.n} rows and ${full.events} events but reduced has ${reduced.n} and ${reduced.events}; fit both models to the same rows`);
  }
  const fullTerms = new Set(full.names);
  const missing = reduced.names.filter((t) => !fullTerms.has(t));
  if (missing.length > 0) throw new RangeError(`${caller}: reduced has terms that full lacks (${missing.map((t) => `"${t}"`).join(", ")}); the models are not nested`);
  const reducedTerms = new Set(reduced.names);
  const added = full.names.filter((t) => !reducedTerms.has(t));
  const df = added.length;
  if (df === 0) throw new RangeError(`${caller}: full and reduced have the same terms; nothing is tested`);
  const statistic = reduced.deviance - full.deviance;
  return {
    statistic,
    df,
    p: chiSquareSf(Math.max(0, statistic), df),
    added,
    full: summarise(full),
    reduced: summarise(reduced),
    warnings: [...fitWarnings(full, "full"), ...fitWarnings(reduced, "reduced")]
  };
}

export type AnovaRowKind = "factor" | "nonlinear" | "total nonlinear" | "total";

export interface AnovaRow {
  /** rms's label: the factor, " Nonlinear", "TOTAL NONLINEAR" or "TOTAL". */
  label: string;
  kind: AnovaRowKind;
  /** The factor the row belongs to (null for the totals). */
  factor: string | null;
  /** The design terms tested (set to 0). */
  terms: string[];
  /** NaN for a Wald row whose covariance block is not positive definite (then p is NaN too). */
  statistic: number;
  df: number;
  p: number;
  /** LR only: deviance and AIC of the model without these terms, and how that refit went. */
  reduced?: FitSummary;
  warnings?: string[];
}

export interface ModelAnova {
  test: "LR" | "Wald";
  rows: AnovaRow[];
  /** The full model. */
  model: FitSummary;
}

export interface AnovaOptions extends LogisticOptions {
  test?: "LR" | "Wald";
  /** The ML fit of the full design, if already computed (saves one fit). */
  fit?: LogisticFit;
  /**
   * Reduced models already fitted to the same y (by an earlier anova of a related design): a reduced design whose
   * terms and columns equal one here is not refitted, and each new one is added. Not used with an offset.
   */
  reducedFits?: ReducedFits;
}

/** Reduced fits by their term names, with the design each was fitted to (compared column by column before reuse). */
export type ReducedFits = Map<string, {design: DesignMatrix; fit: LogisticFit}>;

function sameColumns(a: DesignMatrix, b: DesignMatrix): boolean {
  if (a.n !== b.n || a.columns.length !== b.columns.length) return false;
  for (let j = 0; j < a.columns.length; j++) {
    const x = a.columns[j]!;
    const z = b.columns[j]!;
    if (x === z) continue;
    for (let i = 0; i < a.n; i++) if (!Object.is(x[i], z[i])) return false;
  }
  return true;
}

/** The design without the named terms (same rows, columns shared). */
export function dropTerms(design: DesignMatrix, drop: ReadonlySet<string>): DesignMatrix {
  const keep = design.names.map((_, j) => j).filter((j) => !drop.has(design.names[j]!));
  const out: DesignMatrix = {names: keep.map((j) => design.names[j]!), columns: keep.map((j) => design.columns[j]!), n: design.n};
  if (design.sources) out.sources = keep.map((j) => design.sources![j]!);
  if (design.levels) out.levels = design.levels;
  return out;
}

function waldStatistic(fit: LogisticFit, covariance: Float64Array, indices: number[]): number {
  const k = fit.coefficients.length;
  const m = indices.length;
  const v = new Float64Array(m * m);
  const b = new Float64Array(m);
  indices.forEach((a, i) => {
    b[i] = fit.coefficients[a]!;
    indices.forEach((c, j) => (v[i * m + j] = covariance[a * k + c]!));
  });
  const rhs = Float64Array.from(b);
  if (!choleskyInPlace(v, m)) return NaN;
  choleskySolveInPlace(v, m, rhs);
  let s = 0;
  for (let i = 0; i < m; i++) s += b[i]! * rhs[i]!;
  return s;
}

/** Deviance of the model with no terms at all: η = 0, μ = ½ for every row. */
function emptyModelDeviance(n: number): number {
  return 2 * n * Math.LN2;
}

/**
 * rms-style anova of a logistic model by factor: LR (refits) or Wald rows; see the module comment.
 * `factors` comes from modelFactors(design, expansion) (spline.ts).
 * @example anovaLogistic(design, y, modelFactors(design, e)).rows.find((r) => r.kind === "nonlinear")?.p
 */
export function anovaLogistic(design: DesignMatrix, y: ArrayLike<number>, factors: FactorTerms[], options: AnovaOptions = {}): ModelAnova {
  const caller = "anovaLogistic";
  const test = options.test ?? "LR";
  if (test !== "LR" && test !== "Wald") throw new RangeError(`${caller}: test is ${String(test)}, expected "LR" or "Wald"`);
  const {test: _t, fit: given, reducedFits, ...fitOptions} = options;
  const cache = fitOptions.offset ? undefined : reducedFits;
  const fit = given ?? fitLogistic(design, y, fitOptions);
  if (fit.method !== "ml") throw new RangeError(`${caller}: the fit is ${fit.method}; this anova needs a maximum-likelihood fit`);
  if (fit.names.length !== design.names.length || fit.names.some((t, j) => t !== design.names[j])) {
    throw new RangeError(`${caller}: the fit's terms (${fit.names.join(", ")}) are not the design's (${design.names.join(", ")})`);
  }
  const index = new Map(design.names.map((t, j) => [t, j]));
  for (const f of factors) {
    for (const t of [...f.terms, ...f.nonlinear]) {
      if (!index.has(t)) throw new RangeError(`${caller}: factor "${f.factor}" names the term "${t}", which is not in the design (${design.names.join(", ")})`);
    }
  }
  // rms's V: the inverse information at β̂ (see information.ts), not glm's from the last iteration's weights
  const covariance = test === "Wald" ? informationCovariance(design, fit.coefficients) : fit.covariance;
  const rowFor = (label: string, kind: AnovaRowKind, factor: string | null, terms: string[]): AnovaRow => {
    const df = terms.length;
    if (test === "Wald") {
      const statistic = waldStatistic(fit, covariance, terms.map((t) => index.get(t)!));
      return {label, kind, factor, terms, statistic, df, p: Number.isNaN(statistic) ? NaN : chiSquareSf(Math.max(0, statistic), df)};
    }
    const reducedDesign = dropTerms(design, new Set(terms));
    let reduced: FitSummary;
    let warnings: string[] = [];
    if (reducedDesign.columns.length === 0) {
      const d = emptyModelDeviance(design.n);
      reduced = {terms: [], parameters: 0, deviance: d, logLik: -d / 2, aic: d, converged: true, separated: false};
    } else if (isNullModel(reducedDesign, kind, fitOptions.offset)) {
      // the intercept-only model is the null model the fit already has
      reduced = {terms: ["(Intercept)"], parameters: 1, deviance: fit.nullDeviance, logLik: -fit.nullDeviance / 2, aic: fit.nullDeviance + 2, converged: true, separated: false};
    } else {
      const key = reducedFitKey(reducedDesign);
      const known = cache ? knownFit(cache, reducedDesign) : null;
      const r = known ?? fitLogistic(reducedDesign, y, fitOptions);
      if (cache && !known) cache.set(key, {design: reducedDesign, fit: r});
      reduced = summarise(r);
      warnings = fitWarnings(r, "reduced");
    }
    const statistic = reduced.deviance - fit.deviance;
    return {label, kind, factor, terms, statistic, df, p: chiSquareSf(Math.max(0, statistic), df), reduced, warnings: [...fitWarnings(fit, "full"), ...warnings]};
  };
  const rows = anovaRows(design, factors).map((r) => rowFor(r.label, r.kind, r.factor, r.terms));
  return {test, rows, model: summarise(fit)};
}

/** The rows of anovaLogistic, in its order: each factor, its nonlinear terms, the total nonlinear, the total. */
function anovaRows(design: DesignMatrix, factors: FactorTerms[]): {label: string; kind: AnovaRowKind; factor: string | null; terms: string[]}[] {
  const rows: {label: string; kind: AnovaRowKind; factor: string | null; terms: string[]}[] = [];
  for (const f of factors) {
    if (f.terms.length === 0) continue;
    rows.push({label: f.factor, kind: "factor", factor: f.factor, terms: f.terms.slice()});
    if (f.nonlinear.length > 0) rows.push({label: " Nonlinear", kind: "nonlinear", factor: f.factor, terms: f.nonlinear.slice()});
  }
  const nonlinearFactors = factors.filter((f) => f.nonlinear.length > 0);
  if (nonlinearFactors.length > 1) rows.push({label: "TOTAL NONLINEAR", kind: "total nonlinear", factor: null, terms: nonlinearFactors.flatMap((f) => f.nonlinear)});
  const all = design.names.filter((t) => t !== "(Intercept)");
  if (all.length > 0) rows.push({label: "TOTAL", kind: "total", factor: null, terms: all});
  return rows;
}

/** The total row's intercept-only model without an offset: the null model the full fit already has. */
function isNullModel(reduced: DesignMatrix, kind: AnovaRowKind, offset: unknown): boolean {
  return kind === "total" && reduced.names.length === 1 && reduced.names[0] === "(Intercept)" && !offset;
}

/**
 * The terms each reduced model of an LR anovaLogistic (no offset) drops, for the reduced models it fits (not the
 * empty model, nor the null model it has), each once: a caller fits them ahead (on a worker pool) and passes them
 * in as `reducedFits` (keyed by reducedFitKey), and the anova refits none of them.
 */
export function anovaReducedTerms(design: DesignMatrix, factors: FactorTerms[]): string[][] {
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const r of anovaRows(design, factors)) {
    const reduced = dropTerms(design, new Set(r.terms));
    const key = reducedFitKey(reduced);
    if (reduced.columns.length === 0 || isNullModel(reduced, r.kind, null) || seen.has(key)) continue;
    seen.add(key);
    out.push(r.terms);
  }
  return out;
}

/** The fit of `design` in `fits`, if there is one of the same terms and columns. */
export function knownFit(fits: ReducedFits, design: DesignMatrix): LogisticFit | null {
  const known = fits.get(reducedFitKey(design));
  return known && sameColumns(known.design, design) ? known.fit : null;
}

/** The key of a reduced design in ReducedFits: its term names. */
export function reducedFitKey(design: DesignMatrix): string {
  return JSON.stringify(design.names);
}
