/**
 * Uniform shrinkage of a logistic model by the heuristic factor of van Houwelingen & le Cessie (Stat Med 1990;
 * 9:1303–25), the remedy for overfitting that needs no resampling:
 *
 *   s = (χ²_model − df) / χ²_model,
 *
 * χ²_model the likelihood-ratio statistic of the fitted model against the intercept-only one (null deviance −
 * deviance) and df its number of coefficients besides the intercept. Every slope is multiplied by s; the intercept
 * is then re-estimated so that the mean predicted risk equals the observed prevalence (the maximum-likelihood
 * intercept with the shrunken linear predictor as offset: R's coef(glm(y ~ 1, offset = s * lp0, binomial)), lp0 the
 * linear predictor without its intercept) — Steyerberg, Clinical Prediction Models (2nd ed. 2019), §13.2.
 * A model whose χ² does not exceed its df would be shrunk to s ≤ 0: the factor is clamped at 0 (the
 * intercept-only model, which predicts the prevalence for everyone), and `clamped` says so.
 *
 * Shrinkage changes neither the ranking of patients (the AUC) nor which coefficients are significant; it pulls the
 * predicted risks towards the prevalence, so that in new patients the calibration slope is nearer 1.
 *
 * Throws RangeError (heuristicShrinkage) for a χ² that is not a positive finite number or a df that is not a
 * positive integer; (shrinkFit) from interceptForMean when y has one class.
 *
 * @example heuristicShrinkage(40, 8) // 0.8
 */
import type {DesignMatrix} from "./design.js";
import type {LogisticFit} from "./logistic.js";
import {interceptForMean} from "./offset-intercept.js";

/** s = (χ² − df)/χ², unclamped (see the module comment). */
export function heuristicShrinkage(lrStatistic: number, df: number): number {
  if (!(Number.isFinite(lrStatistic) && lrStatistic > 0)) throw new RangeError(`heuristicShrinkage: lrStatistic = ${lrStatistic} must be a positive finite number`);
  if (!(Number.isInteger(df) && df > 0)) throw new RangeError(`heuristicShrinkage: df = ${df} must be a positive integer`);
  return (lrStatistic - df) / lrStatistic;
}

export interface ShrunkenModel {
  /** The factor used, in [0, 1]. */
  factor: number;
  /** The heuristic factor before clamping at 0. */
  heuristic: number;
  clamped: boolean;
  /** Intercept first, then each slope × factor, in the design's term order. */
  coefficients: Float64Array;
  /** Linear predictor and risk of each row of the design the model was fitted on. */
  lp: Float64Array;
  fitted: Float64Array;
}

/**
 * Shrinks a fitted model (see the module comment): the fit's χ² = nullDeviance − deviance on k − 1 df.
 * A model with no slopes (intercept only) is returned as it is, with factor 1.
 */
export function shrinkFit(fit: Pick<LogisticFit, "coefficients" | "deviance" | "nullDeviance">, design: DesignMatrix, y: ArrayLike<number>): ShrunkenModel {
  const k = fit.coefficients.length;
  let heuristic = 1;
  if (k > 1) heuristic = heuristicShrinkage(fit.nullDeviance - fit.deviance, k - 1);
  return {...shrinkByFactor(fit, design, y, Math.max(0, heuristic)), heuristic, clamped: heuristic < 0};
}

/**
 * Shrinks a fitted model by a given uniform factor s in [0, 1] — the bootstrap's optimism-corrected calibration
 * slope (Harrell, RMS 2nd ed. §5.5.1; Steyerberg 2019 §13.2.2) or the heuristic one: slopes × s, intercept
 * re-estimated as the maximum-likelihood intercept with the shrunken linear predictor as offset. `heuristic` is
 * the factor as given and `clamped` false (the caller clamps and says so). Throws RangeError for a factor outside
 * [0, 1] or not finite; TypeError when y and the design disagree.
 *
 * @example shrinkByFactor(fit, design, y, 0.87).coefficients // [re-estimated α, 0.87 β₁, …]
 */
export function shrinkByFactor(fit: Pick<LogisticFit, "coefficients">, design: DesignMatrix, y: ArrayLike<number>, factor: number): ShrunkenModel {
  if (!(factor >= 0 && factor <= 1)) throw new RangeError(`shrinkByFactor: factor = ${factor} must lie in [0, 1]`);
  const k = fit.coefficients.length;
  const n = design.n;
  if (y.length !== n) throw new TypeError(`shrinkFit: y has ${y.length} values for a design of ${n} rows`);
  if (design.columns.length !== k) throw new TypeError(`shrinkFit: the design has ${design.columns.length} columns for ${k} coefficients`);
  const lp0 = new Float64Array(n);
  for (let j = 1; j < k; j++) {
    const column = design.columns[j]!;
    const beta = fit.coefficients[j]!;
    for (let i = 0; i < n; i++) lp0[i] += beta * column[i]!;
  }
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i]!;
  mean /= n;
  const offset = lp0.map((v) => factor * v);
  const intercept = k > 1 ? interceptForMean(offset, mean) : fit.coefficients[0]!;
  const coefficients = new Float64Array(k);
  coefficients[0] = intercept;
  // + 0: a factor of 0 gives slopes of 0, not −0 for a negative β
  for (let j = 1; j < k; j++) coefficients[j] = factor * fit.coefficients[j]! + 0;
  const lp = offset.map((v) => intercept + v);
  const fitted = lp.map((v) => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v))));
  return {factor, heuristic: factor, clamped: false, coefficients, lp, fitted};
}
