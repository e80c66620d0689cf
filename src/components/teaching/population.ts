/**
 * The population the teaching page redraws the study from: a world in which the truth is known exactly.
 *
 * - Patients. Every patient of the population has the eight measurements of one of the cohort's complete cases
 *   (its "profile"), each profile equally common: an unlimited population in which each of the N = 162 reconstructed
 *   patients' profiles makes up 1/N. A study of n draws n profiles independently and uniformly (with replacement,
 *   so two patients of a study can share a profile — as in a bootstrap sample; unlike a bootstrap, each patient's
 *   outcome is drawn afresh from the true model below, not copied).
 * - The true model. logit P(ASD | x) = β₀ + Σⱼ βⱼ xⱼ, with βⱼ = ln(published OR) for the four factors the
 *   abstract reports (published.json's multivariable ORs, per unit of each factor) and βⱼ = 0 (OR 1) for the other
 *   candidates. β₀ is solved so that the population's prevalence, the mean true risk over the profiles, is the
 *   published one (25 of 162): Σ expit(β₀ + xᵢᵀβ) = N · 25/162 (../stats/offset-intercept.ts).
 * - Known exactly, then: every profile's true risk rᵢ = expit(β₀ + xᵢᵀβ), the true ORs, and the true AUC, the
 *   AUC of the true risk itself in the population (../stats/population-auc.ts) — the best any model can do.
 *
 * A study's outcome draw: patient k of study b under seed S takes the profile rng.int(N) and then the event
 * u < r_profile with u = rng.next(), from the study's own stream (./stream.ts); a larger study with the same seed and
 * index begins with the smaller one's patients.
 *
 * Pure, no DOM. Throws AnalysisError (from the cohort's schema) for a cohort that does not parse, RangeError for a
 * study size that is not a whole number from MIN_STUDY_SIZE to MAX_STUDY_SIZE.
 *
 * @example const pop = populationFromCsv(cohortCsv, published); pop.trueAuc // 0.95…; drawStudy(pop, {n: 162, seed: 1, index: 0}).events
 */
import {parseCohortCsv, COHORT_COLUMNS, type CohortRow} from "../cohort/schema.js";
import {subsetData, type PreparedData} from "../cohort/prepare.js";
import {STUDY_CANDIDATES, STUDY_OUTCOME, publishedColumn, studyData, type Published} from "../study/study.js";
import {interceptForMean} from "../stats/offset-intercept.js";
import {populationAuc} from "../stats/population-auc.js";
import {studyRng} from "./stream.js";

/** Smallest and largest study the page draws (below 40 patients, ~6 events, most fits fail). */
export const MIN_STUDY_SIZE = 40;
export const MAX_STUDY_SIZE = 20000;

export interface TrueEffect {
  variable: string;
  /** ln OR per unit of the variable; 0 for a candidate with no effect. */
  beta: number;
  oddsRatio: number;
  /** True when the abstract reports the factor (its OR is the published one). */
  published: boolean;
}

export interface Population {
  /** The profiles as prepared data (the cohort's complete cases; `y` holds the cohort's own outcomes, unused). */
  profiles: PreparedData;
  /** The cohort rows behind the profiles, in the same order. */
  rows: CohortRow[];
  size: number;
  candidates: string[];
  /** One per candidate, in candidate order. */
  effects: TrueEffect[];
  /** The factors with an effect (βⱼ ≠ 0), in candidate order. */
  trueFactors: string[];
  intercept: number;
  /** The published prevalence the intercept was solved for, and its events / total. */
  prevalence: number;
  publishedEvents: number;
  publishedTotal: number;
  /** True linear predictor and risk per profile. */
  lp: Float64Array;
  risk: Float64Array;
  /** AUC of the true risk in the population. */
  trueAuc: number;
}

/** The population from a cohort CSV in the schema's columns (the build's cohort.csv) and the published figures. */
export function populationFromCsv(cohortCsv: string, published: Published, {source = "cohort.csv"}: {source?: string} = {}): Population {
  return buildPopulation(parseCohortCsv(cohortCsv, {source}).rows, published, {source});
}

/** The population from cohort rows (see the module comment). */
export function buildPopulation(rows: readonly CohortRow[], published: Published, {source = "cohort"}: {source?: string} = {}): Population {
  const profiles = studyData(rows, source);
  const size = profiles.y.length;
  const candidates = [...STUDY_CANDIDATES];
  const orByColumn = new Map(published.multivariable.map((m) => [publishedColumn(m.name), m.or]));
  const effects: TrueEffect[] = candidates.map((variable) => {
    const or = orByColumn.get(variable);
    return or === undefined ? {variable, beta: 0, oddsRatio: 1, published: false} : {variable, beta: Math.log(or), oddsRatio: or, published: true};
  });
  const offset = new Float64Array(size);
  for (const e of effects) {
    if (e.beta === 0) continue;
    const values = profiles.variables.get(e.variable)!.values!;
    for (let i = 0; i < size; i++) offset[i] += e.beta * values[i]!;
  }
  const publishedEvents = published.groups.asd.n;
  const publishedTotal = published.groups.total ?? published.groups.asd.n + published.groups.nonAsd.n;
  const prevalence = publishedEvents / publishedTotal;
  const intercept = interceptForMean(offset, prevalence);
  const lp = offset.map((o) => intercept + o);
  const risk = lp.map(expit);
  const keptRows = Array.from(profiles.keep, (r) => rows[r]!);
  return {
    profiles, rows: keptRows, size, candidates, effects, trueFactors: effects.filter((e) => e.beta !== 0).map((e) => e.variable),
    intercept, prevalence, publishedEvents, publishedTotal, lp, risk, trueAuc: populationAuc(risk, risk)
  };
}

function expit(eta: number): number {
  return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
}

export interface StudyDraw {
  seed: number;
  index: number;
  n: number;
  /** Profile (0-based, into the population) of each patient, in the study's order. */
  profile: Int32Array;
  /** Outcome of each patient: 1 = ASD. */
  y: Float64Array;
  events: number;
}

/** Checks a study size. Throws RangeError naming `n`. */
export function checkStudySize(n: number): void {
  if (!(Number.isInteger(n) && n >= MIN_STUDY_SIZE && n <= MAX_STUDY_SIZE)) {
    throw new RangeError(`n (the study size) must be a whole number from ${MIN_STUDY_SIZE} to ${MAX_STUDY_SIZE}, got ${n}`);
  }
}

/** Draws study `index` of size n under `seed` (see the module comment). */
export function drawStudy(pop: Population, {n, seed, index}: {n: number; seed: number; index: number}): StudyDraw {
  checkStudySize(n);
  const rng = studyRng(seed, index);
  const profile = new Int32Array(n);
  const y = new Float64Array(n);
  let events = 0;
  for (let k = 0; k < n; k++) {
    const p = rng.int(pop.size);
    profile[k] = p;
    if (rng.next() < pop.risk[p]!) {
      y[k] = 1;
      events++;
    }
  }
  return {seed, index, n, profile, y, events};
}

/** The drawn study as prepared data for a procedure: the profiles' variables, the drawn outcomes. */
export function drawnData(pop: Pick<Population, "profiles">, draw: StudyDraw): PreparedData {
  const data = subsetData(pop.profiles, draw.profile);
  data.y = Float64Array.from(draw.y);
  data.events = draw.events;
  data.nonEvents = draw.n - draw.events;
  data.keep = Int32Array.from({length: draw.n}, (_, i) => i);
  data.rows = draw.n;
  return data;
}

/**
 * The drawn study as a cohort CSV (the schema's columns; id 1..n in the study's order, asd the drawn outcome), every
 * number in its shortest exact form, so that `npm run analyze` on the file reads back exactly these values.
 */
export function drawnStudyCsv(pop: Pick<Population, "rows">, draw: StudyDraw): string {
  const out = [COHORT_COLUMNS.join(",")];
  for (let k = 0; k < draw.n; k++) {
    const row = pop.rows[draw.profile[k]!]!;
    out.push(COHORT_COLUMNS.map((c) => (c === "id" ? String(k + 1) : c === STUDY_OUTCOME ? String(draw.y[k]) : exact(row[c]))).join(","));
  }
  return out.join("\n") + "\n";
}

function exact(v: number): string {
  if (Number.isNaN(v)) return "";
  return Object.is(v, -0) ? "0" : String(v);
}

/** The 0-based profile whose true risk is nearest the prevalence (the first such), a "typical" patient. */
export function typicalProfile(pop: Pick<Population, "risk" | "prevalence">): number {
  let best = 0;
  for (let i = 1; i < pop.risk.length; i++) if (Math.abs(pop.risk[i]! - pop.prevalence) < Math.abs(pop.risk[best]! - pop.prevalence)) best = i;
  return best;
}

/** Expected events of a study of n patients, and the n for an expected number of events (rounded to a whole patient). */
export function expectedEvents(pop: Pick<Population, "prevalence">, n: number): number {
  return n * pop.prevalence;
}

export function sizeForEvents(pop: Pick<Population, "prevalence">, events: number): number {
  return Math.round(events / pop.prevalence);
}
