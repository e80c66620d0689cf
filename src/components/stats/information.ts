/**
 * The inverse Fisher information of a logistic model at given coefficients: V(β) = (XᵀW(β)X)⁻¹,
 * W = diag(πᵢ(1 − πᵢ)), πᵢ = logistic(xᵢᵀβ) (the observed and expected information coincide for the logit link).
 *
 * Why a separate function: R's glm (and fitLogistic, which reproduces it) reports the covariance from the weights of
 * its last IRLS iteration, i.e. at the coefficients one step before the final ones; rms::lrm reports it at the
 * final coefficients. The two agree to about the size of the last step (1e-4 relative at glm's default tolerance).
 * rms's Wald anova and Predict use lrm's; computing V at β̂ reproduces them at any convergence tolerance.
 *
 * Throws RangeError when β has the wrong length or the information is not positive definite (fitted probabilities of
 * exactly 0 or 1, or a singular design).
 *
 * @example informationCovariance(design, fit.coefficients) // k×k row-major Float64Array
 */
import type {DesignMatrix} from "./design.js";
import {choleskyInPlace, choleskyInverse, linearPredictorInto, weightedCrossProducts} from "./linear-algebra.js";

export function informationCovariance(design: DesignMatrix, coefficients: ArrayLike<number>): Float64Array {
  const k = design.columns.length;
  if (coefficients.length !== k) throw new RangeError(`informationCovariance: coefficients has length ${coefficients.length}, the design has ${k} terms (${design.names.join(", ")})`);
  const n = design.n;
  const eta = new Float64Array(n);
  linearPredictorInto(design.columns, n, coefficients, null, eta);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // π(1 − π) = e^{−|η|}/(1 + e^{−|η|})², without overflow
    const e = Math.exp(-Math.abs(eta[i]!));
    w[i] = e / ((1 + e) * (1 + e));
  }
  const gram = new Float64Array(k * k);
  weightedCrossProducts(design.columns, n, w, new Float64Array(n), gram, new Float64Array(k));
  if (!choleskyInPlace(gram, k)) throw new RangeError("informationCovariance: the information matrix XᵀWX is not positive definite (fitted probabilities of 0 or 1, or collinear terms)");
  return choleskyInverse(gram, k);
}
