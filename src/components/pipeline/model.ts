/**
 * A fitted logistic model as the analysis document reports it (the `model` of the CLI's JSON): method,
 * convergence, likelihood statistics, separation, and one row per term with β, SE, Wald z and p, and the OR with
 * its Wald 95% CI. Under separation the Wald CIs are withheld (null, `ciValid` false): they have no meaning there.
 * Also the coefficient covariance (row-major), so a reader can compute CIs of predictions by the delta method.
 *
 * Numbers are the engine's as they are, non-finite ones included (an OR that overflows is +∞); the JSON writer
 * turns them into null and lists each in the document's `nonFinite` (../json-safe.ts). Pure, no DOM.
 *
 * @example modelResult(fitLogistic(design, y)).terms[1].oddsRatio
 */
import type {LogisticFit} from "../stats/logistic.js";

export interface ModelTerm {
  term: string;
  estimate: number | null;
  se: number | null;
  z: number | null;
  p: number | null;
  oddsRatio: number | null;
  /** Wald 95% CI of the odds ratio; null under separation (not valid). */
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
  /** The model's predictors (input columns), in order. */
  predictors: string[];
  /** Complete cases and events the model was fitted to. */
  n: number;
  events: number;
  /** Var(β̂), k×k row-major, in the order of `terms`. */
  covariance: number[];
}

export function modelResult(fit: LogisticFit, predictors: readonly string[]): ModelResult {
  const model: ModelResult = {
    method: fit.method,
    converged: fit.converged,
    iterations: fit.iterations,
    logLik: fit.logLik,
    aic: fit.aic,
    deviance: fit.deviance,
    nullDeviance: fit.nullDeviance,
    lrStatistic: fit.lrStatistic,
    lrDf: fit.lrDf,
    lrP: fit.lrP,
    ciValid: fit.ciValid,
    separation: {detected: fit.separation.detected},
    terms: fit.terms.map((t) => ({
      term: t.term,
      estimate: t.estimate,
      se: t.se,
      z: t.z,
      p: t.p,
      oddsRatio: t.oddsRatio,
      ciLower: fit.ciValid ? t.ciLower : null,
      ciUpper: fit.ciValid ? t.ciUpper : null
    })),
    predictors: predictors.slice(),
    n: fit.n,
    events: fit.events,
    covariance: Array.from(fit.covariance)
  };
  if (fit.penalizedLogLik !== undefined) model.penalizedLogLik = fit.penalizedLogLik;
  if (fit.separation.kind) model.separation.kind = fit.separation.kind;
  if (fit.separation.terms) model.separation.terms = fit.separation.terms.slice();
  if (fit.separation.message) model.separation.message = fit.separation.message;
  return model;
}
