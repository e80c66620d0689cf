/**
 * One redrawn study: draw it from the population (./population.ts), run each chosen procedure (./procedures.ts) on
 * it, and set what the study would have published beside the truth.
 *
 * What it publishes (from the study's own data): the model's factors and, for each, the OR with its 95% Wald CI and
 * p (the shrunken model's ORs are the full model's to the power s, without a CI); which factors it reports as risk
 * factors; the apparent AUC — the Mann–Whitney AUC of the model's risks in the study's own patients.
 *
 * The truth (from the population): the AUC of the study's equation in new patients, the exact population AUC of its
 * linear predictor (../stats/population-auc.ts, a limit no sample of new patients has to estimate), and its
 * calibration slope and calibration-in-the-large in new patients (../stats/population-calibration.ts).
 *
 * A procedure that cannot be run on a study (a 0/1 candidate that is constant in it, so the full model is not
 * identifiable; a fit that fails) is recorded as failed with the reason, never dropped silently; a fit under
 * separation is kept and flagged (its ML estimates do not exist: its ORs run towards 0 or ∞).
 *
 * Pure, no DOM. @example redrawStudy(pop, {n: 162, seed: 1, index: 0}).outcomes.paper.reported // e.g. ["age", "bmd_t", "height_recovery_pct"]
 */
import {runProcedure, designFor, type ProcedureRun} from "../procedure/run.js";
import type {Procedure} from "../procedure/procedure.js";
import type {PreparedData} from "../cohort/prepare.js";
import {aucLess, splitByOutcome} from "../stats/roc.js";
import {populationAuc} from "../stats/population-auc.js";
import {populationCalibration} from "../stats/population-calibration.js";
import {shrinkFit} from "../stats/shrinkage.js";
import {drawStudy, drawnData, type Population, type StudyDraw} from "./population.js";
import {PROCEDURE_KEYS, teachingProcedure, type TeachingProcedureKey} from "./procedures.js";

export interface FactorResult {
  variable: string;
  /** In the procedure's model. */
  inModel: boolean;
  /** Reported as a risk factor (see ./procedures.ts). */
  reported: boolean;
  /** OR per unit (NaN when not in the model). */
  oddsRatio: number;
  /** 95% Wald CI of the OR (NaN when not in the model, under separation, and for the shrunken model). */
  ciLower: number;
  ciUpper: number;
  /** Wald p in the model (the full model's for the shrunken one; NaN when not in the model). */
  p: number;
}

export interface ProcedureOutcome {
  key: TeachingProcedureKey;
  /** Why the procedure could not be run on this study, or null. */
  failed: string | null;
  predictors: string[];
  /** The candidates that passed the univariable screen (the paper's procedure), else null. */
  screened: string[] | null;
  /** One per candidate, in candidate order. */
  factors: FactorResult[];
  reported: string[];
  /** Intercept first, then the model's terms (design order). */
  terms: {term: string; estimate: number}[];
  apparentAuc: number;
  /** AUC of the equation in new patients (the population's exact AUC of its linear predictor). */
  newAuc: number;
  /** Calibration slope and calibration-in-the-large in new patients. */
  slope: number;
  inTheLarge: number;
  /** The shrinkage factor used (shrunken model), else null. */
  shrinkage: number | null;
  separated: boolean;
  converged: boolean;
  /** The equation's linear predictor for every profile of the population. */
  populationLp: Float64Array | null;
}

export interface RedrawnStudy {
  draw: StudyDraw;
  outcomes: Partial<Record<TeachingProcedureKey, ProcedureOutcome>>;
}

/** Mann–Whitney AUC of a score against 0/1 outcomes, cases above controls ("<"), ties ½. */
export function apparentAuc(score: ArrayLike<number>, y: ArrayLike<number>): number {
  const {cases, controls} = splitByOutcome(score, y, "apparentAuc");
  cases.sort();
  controls.sort();
  return aucLess(cases, controls);
}

function failedOutcome(key: TeachingProcedureKey, candidates: readonly string[], reason: string): ProcedureOutcome {
  return {
    key, failed: reason, predictors: [], screened: null, reported: [], terms: [],
    factors: candidates.map((variable) => ({variable, inModel: false, reported: false, oddsRatio: NaN, ciLower: NaN, ciUpper: NaN, p: NaN})),
    apparentAuc: NaN, newAuc: NaN, slope: NaN, inTheLarge: NaN, shrinkage: null, separated: false, converged: false, populationLp: null
  };
}

/** A 0/1 (or any) candidate that takes one value only in the study, or null. */
function constantCandidate(data: PreparedData): string | null {
  for (const name of data.candidates) {
    const v = data.variables.get(name)!;
    const values = v.values;
    if (!values) {
      const codes = v.codes!;
      if (codes.every((c) => c === codes[0])) return name;
      continue;
    }
    let constant = true;
    for (let i = 1; i < values.length && constant; i++) if (values[i] !== values[0]) constant = false;
    if (constant) return name;
  }
  return null;
}

function linearPredictor(design: {columns: Float64Array[]; n: number}, coefficients: ArrayLike<number>): Float64Array {
  const lp = new Float64Array(design.n);
  design.columns.forEach((column, j) => {
    const b = coefficients[j]!;
    for (let i = 0; i < design.n; i++) lp[i] += b * column[i]!;
  });
  return lp;
}

/** Runs of procedures on one study, shared by the procedures that run the same one (full and shrunk). */
export type RunCache = Map<Procedure, ProcedureRun | RangeError>;

/**
 * Runs one procedure on one drawn study's data and compares it with the population's truth. `runs` lets the
 * procedures that fit the same model (the full and the shrunken one) share one fit.
 */
export function analyseStudy(pop: Population, data: PreparedData, key: TeachingProcedureKey, runs: RunCache = new Map()): ProcedureOutcome {
  const spec = teachingProcedure(key);
  const candidates = pop.candidates;
  if (data.events === 0 || data.nonEvents === 0) return failedOutcome(key, candidates, `no ${data.events === 0 ? "patient with" : "patient without"} ASD in the study`);
  const constant = constantCandidate(data);
  if (constant !== null) return failedOutcome(key, candidates, `${constant} takes one value only in the study`);
  let run = runs.get(spec.procedure);
  if (run === undefined) {
    try {
      run = runProcedure(spec.procedure, data);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      run = e;
    }
    runs.set(spec.procedure, run);
  }
  if (run instanceof RangeError) return failedOutcome(key, candidates, run.message.replace(/^\w+: /, ""));
  const {fit, design, predictors} = run.model;
  let coefficients: ArrayLike<number> = fit.coefficients;
  let studyScore: ArrayLike<number> = fit.linearPredictor;
  let shrinkage: number | null = null;
  if (spec.shrink) {
    const shrunk = shrinkFit(fit, design, data.y);
    coefficients = shrunk.coefficients;
    studyScore = shrunk.lp;
    shrinkage = shrunk.factor;
  }
  // the study's candidates are all numeric columns: one term each, named as the column
  const termIndex = new Map(design.names.map((name, j) => [name, j]));
  const reportedSet = new Set(key === "paper" ? predictors : predictors.filter((name) => fit.terms[termIndex.get(name)!]!.p < spec.alpha));
  const factors: FactorResult[] = candidates.map((variable) => {
    const j = termIndex.get(variable);
    if (j === undefined) return {variable, inModel: false, reported: false, oddsRatio: NaN, ciLower: NaN, ciUpper: NaN, p: NaN};
    const term = fit.terms[j]!;
    return {
      variable, inModel: true, reported: reportedSet.has(variable),
      oddsRatio: Math.exp(coefficients[j]!),
      ciLower: spec.shrink ? NaN : term.ciLower,
      ciUpper: spec.shrink ? NaN : term.ciUpper,
      p: term.p
    };
  });
  const populationDesign = designFor(pop.profiles, predictors);
  const populationLp = linearPredictor(populationDesign, coefficients);
  const finite = populationLp.every(Number.isFinite);
  const calibration = finite ? populationCalibration(populationLp, pop.risk) : null;
  return {
    key, failed: null, predictors: predictors.slice(), screened: run.screen ? run.screen.kept.slice() : null, factors,
    reported: candidates.filter((c) => reportedSet.has(c)),
    terms: design.names.map((term, j) => ({term, estimate: coefficients[j]!})),
    apparentAuc: apparentAuc(studyScore, data.y),
    newAuc: finite ? populationAuc(populationLp, pop.risk) : NaN,
    slope: calibration ? calibration.slope : NaN,
    inTheLarge: calibration ? calibration.inTheLarge : NaN,
    shrinkage,
    separated: fit.separation.detected,
    converged: fit.converged,
    populationLp
  };
}

export interface RedrawOptions {
  n: number;
  seed: number;
  index: number;
  procedures?: readonly TeachingProcedureKey[];
}

/** Draws study `index` under `seed` and runs each procedure on it (default: all three). */
export function redrawStudy(pop: Population, {n, seed, index, procedures = PROCEDURE_KEYS}: RedrawOptions): RedrawnStudy {
  const draw = drawStudy(pop, {n, seed, index});
  const data = drawnData(pop, draw);
  const outcomes: Partial<Record<TeachingProcedureKey, ProcedureOutcome>> = {};
  const runs: RunCache = new Map();
  for (const key of procedures) outcomes[key] = analyseStudy(pop, data, key, runs);
  return {draw, outcomes};
}
