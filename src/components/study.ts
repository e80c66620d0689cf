/**
 * The study's analyses over a cohort (one CohortRow per patient), wired from the shared engine: Table 1 with
 * its tests, univariate screening, the multivariable model and the four-factor prediction equation (the ROC
 * part is in ./study-analysis.ts). The data loader (src/data/analysis.json.ts) calls them at build time; the
 * pages call the same functions in the browser when a reader changes a selection, so a number means the same
 * thing in both places.
 *
 * No statistics are implemented here: descriptives, tests, the logistic fit, ROC and DeLong come from
 * src/components/stats/. Pure, no DOM; runs in Node and the browser.
 *
 * Throws what the engine throws (RangeError naming the argument), and RangeError for an unknown column.
 *
 * @example screenCandidates(univariateTable(rows, published), CANDIDATES, 0.05) // the candidates with p < 0.05
 */
import type {CohortRow} from "./cohort/schema.js";
import {COHORT_SCHEMA} from "./cohort/schema.js";
import {describe} from "./stats/descriptives.js";
import {studentT, welchT} from "./stats/t-test.js";
import {mannWhitney} from "./stats/mann-whitney.js";
import {chiSquare} from "./stats/chi-square.js";
import {fisherExact} from "./stats/fisher-exact.js";
import {buildDesign} from "./stats/design.js";
import {fitLogistic, type LogisticFit} from "./stats/logistic.js";

/** The eight candidate predictors, in the order the model lists them. */
export const CANDIDATES = ["age", "smoking", "prior_asd", "bmd_t", "cement_ml", "cement_leakage", "cobb_post_deg", "height_recovery_pct"] as const;
/** The prediction equation's four factors (the abstract's independent risk factors). */
export const EQUATION = ["age", "bmd_t", "cement_ml", "height_recovery_pct"] as const;
/** Markers whose single-factor ROC the abstract reports, plus the Cobb angle. */
export const ROC_MARKERS = ["age", "bmd_t", "cement_ml", "height_recovery_pct"] as const;

export type Column = (typeof CANDIDATES)[number];

export interface ColumnInfo {
  key: string;
  label: string;
  unit: string;
  kind: "continuous" | "binary";
  publishedName: string | null;
  decimals: number;
}

export function columnInfo(key: string): ColumnInfo {
  const spec = COHORT_SCHEMA.find((c) => c.name === key);
  if (!spec || (spec.kind !== "continuous" && spec.kind !== "binary")) throw new RangeError(`columnInfo: unknown predictor column "${key}"`);
  return {key, label: spec.label, unit: spec.kind === "binary" ? "" : spec.unit, kind: spec.kind, publishedName: spec.publishedName, decimals: spec.decimals};
}

/** A short label with its unit for a model term: "Age (per year)", "Smoking (yes vs no)". */
export function termLabel(key: string): string {
  if (key === "(Intercept)") return "Intercept";
  const info = columnInfo(key);
  if (info.kind === "binary") return `${info.label} (yes vs no)`;
  const per: Record<string, string> = {years: "per year", ml: "per ml", "%": "per % point", "°": "per degree", "T-score": "per T-score unit"};
  // "BMD (T-score)" already names its unit: drop it before adding "per T-score unit".
  const name = info.label.replace(` (${info.unit})`, "");
  return `${name} (${per[info.unit] ?? `per ${info.unit}`})`;
}

export interface PublishedPValue {
  value: number;
  relation: "=" | "<";
  decimals?: number;
}

/** The parts of src/data/published.json this module reads. */
export interface PublishedStudy {
  groups: {asd: {n: number; pct?: number}; nonAsd: {n: number}; total?: number};
  continuous: {name: string; column?: string; label: string; unit: string; asd: {mean: number; sd: number}; nonAsd: {mean: number; sd: number}; decimals?: number; p?: PublishedPValue}[];
  binary: {name: string; column?: string; label: string; asd: {yes: number; no: number}; nonAsd: {yes: number; no: number}; p?: PublishedPValue}[];
  multivariable: {name: string; label?: string; or: number; orDecimals?: number; p: PublishedPValue}[];
  auc: {marker: string; label?: string; value: number; decimals?: number}[];
}

/** Column of a published entry (published.json names such as "cementVolume" → "cement_ml"). */
export function publishedColumn(name: string): string {
  if (name === "model") return "model";
  const spec = COHORT_SCHEMA.find((c) => c.publishedName === name || c.name === name);
  if (!spec) throw new RangeError(`publishedColumn: no cohort column for published name "${name}"`);
  return spec.name;
}

export interface CohortArrays {
  n: number;
  outcome: Float64Array;
  columns: Record<string, Float64Array>;
}

/** Complete cases for the given columns (the outcome always), as typed arrays. */
export function cohortArrays(rows: readonly CohortRow[], keys: readonly string[] = CANDIDATES): CohortArrays {
  const complete = rows.filter((r) => Number.isFinite(r.asd) && keys.every((k) => Number.isFinite((r as unknown as Record<string, number>)[k])));
  const columns: Record<string, Float64Array> = {};
  for (const k of keys) columns[k] = Float64Array.from(complete, (r) => (r as unknown as Record<string, number>)[k]!);
  return {n: complete.length, outcome: Float64Array.from(complete, (r) => r.asd), columns};
}

function split(values: Float64Array, outcome: Float64Array): {asd: number[]; nonAsd: number[]} {
  const asd: number[] = [];
  const nonAsd: number[] = [];
  values.forEach((v, i) => (outcome[i] === 1 ? asd : nonAsd).push(v));
  return {asd, nonAsd};
}

export interface UnivariateRow {
  key: string;
  label: string;
  unit: string;
  kind: "continuous" | "binary";
  decimals: number;
  reproduced: {
    asd: {mean: number; sd: number; median: number; q1: number; q3: number; n: number} | {yes: number; no: number};
    nonAsd: {mean: number; sd: number; median: number; q1: number; q3: number; n: number} | {yes: number; no: number};
    test: string;
    statistic: number;
    df?: number;
    p: number;
  };
  /** Other tests a reviewer might ask for (Welch, Mann–Whitney; Yates, Fisher). */
  alternatives: {test: string; p: number}[];
  published: {asd: {mean: number; sd: number} | {yes: number; no: number}; nonAsd: {mean: number; sd: number} | {yes: number; no: number}; p?: PublishedPValue} | null;
}

/**
 * Table 1: continuous variables by Student's t (pooled variance), binary by Pearson's chi-square without
 * continuity correction — the tests that reproduce the abstract's p-values from its own summary figures.
 */
export function univariateTable(rows: readonly CohortRow[], published?: PublishedStudy | null): UnivariateRow[] {
  return CANDIDATES.map((key) => {
    const info = columnInfo(key);
    const data = cohortArrays(rows, [key]);
    const {asd, nonAsd} = split(data.columns[key]!, data.outcome);
    const pubDecimals = (d?: number) => d ?? 1;
    if (info.kind === "continuous") {
      const a = describe(asd);
      const b = describe(nonAsd);
      const t = studentT(asd, nonAsd);
      const pub = published?.continuous.find((c) => publishedColumn(c.column ?? c.name) === key || c.column === key);
      return {
        key, label: info.label, unit: info.unit, kind: "continuous", decimals: pubDecimals(pub?.decimals),
        reproduced: {
          asd: {mean: a.mean, sd: a.sd, median: a.median, q1: a.q1, q3: a.q3, n: a.n},
          nonAsd: {mean: b.mean, sd: b.sd, median: b.median, q1: b.q1, q3: b.q3, n: b.n},
          test: "Student's t", statistic: t.statistic, df: t.df, p: t.p
        },
        alternatives: [{test: "Welch's t", p: welchT(asd, nonAsd).p}, {test: "Mann–Whitney U", p: mannWhitney(asd, nonAsd).p}],
        published: pub ? {asd: pub.asd, nonAsd: pub.nonAsd, ...(pub.p ? {p: pub.p} : {})} : null
      };
    }
    const yesA = asd.filter((v) => v === 1).length;
    const yesB = nonAsd.filter((v) => v === 1).length;
    const table = [[yesA, asd.length - yesA], [yesB, nonAsd.length - yesB]];
    const chi = chiSquare(table, {correct: false});
    const pub = published?.binary.find((c) => publishedColumn(c.column ?? c.name) === key || c.column === key);
    return {
      key, label: info.label, unit: "", kind: "binary", decimals: 1,
      reproduced: {asd: {yes: yesA, no: asd.length - yesA}, nonAsd: {yes: yesB, no: nonAsd.length - yesB}, test: "Pearson's χ²", statistic: chi.statistic, df: chi.df, p: chi.p},
      alternatives: [{test: "χ² with Yates' correction", p: chiSquare(table, {correct: true}).p}, {test: "Fisher's exact", p: fisherExact(table).p}],
      published: pub ? {asd: pub.asd, nonAsd: pub.nonAsd, ...(pub.p ? {p: pub.p} : {})} : null
    };
  });
}

/** Candidates whose univariate p is below the threshold (the usual screening step before a multivariable model). */
export function screenCandidates(univariate: readonly {key: string; reproduced: {p: number}}[], candidates: readonly string[], pThreshold: number): string[] {
  if (!(pThreshold > 0 && pThreshold <= 1)) throw new RangeError(`screenCandidates: pThreshold must be in (0, 1], got ${pThreshold}`);
  return candidates.filter((key) => {
    const row = univariate.find((u) => u.key === key);
    if (!row) throw new RangeError(`screenCandidates: no univariate result for "${key}"`);
    return row.reproduced.p < pThreshold;
  });
}

export interface ModelSummary {
  predictors: string[];
  n: number;
  events: number;
  converged: boolean;
  iterations: number;
  logLik: number;
  aic: number;
  deviance: number;
  nullDeviance: number;
  lrStatistic: number;
  lrDf: number;
  lrP: number;
  separation: {detected: boolean; message?: string};
  terms: {term: string; estimate: number; se: number; z: number; p: number; oddsRatio: number; ciLower: number; ciUpper: number}[];
  /** Row-major k×k covariance of the coefficients (for the delta method). */
  covariance: number[];
}

/** Fits the logistic model of ASD on the given predictors (complete cases), by the engine's Newton/IRLS. */
export function fitStudyModel(rows: readonly CohortRow[], predictors: readonly string[]): {fit: LogisticFit; data: CohortArrays} {
  if (!predictors.length) throw new RangeError("fitStudyModel: choose at least one predictor");
  for (const p of predictors) columnInfo(p);
  const data = cohortArrays(rows, predictors);
  const design = buildDesign(data.columns, [...predictors], {intercept: true});
  return {fit: fitLogistic(design, data.outcome), data};
}

export function summarizeModel(fit: LogisticFit, predictors: readonly string[]): ModelSummary {
  return {
    predictors: [...predictors],
    n: fit.n, events: fit.events, converged: fit.converged, iterations: fit.iterations,
    logLik: fit.logLik, aic: fit.aic, deviance: fit.deviance, nullDeviance: fit.nullDeviance,
    lrStatistic: fit.lrStatistic, lrDf: fit.lrDf, lrP: fit.lrP,
    separation: fit.separation,
    terms: fit.terms.map((t) => ({term: t.term, estimate: t.estimate, se: t.se, z: t.z, p: t.p, oddsRatio: t.oddsRatio, ciLower: t.ciLower, ciUpper: t.ciUpper})),
    covariance: Array.from(fit.covariance)
  };
}

