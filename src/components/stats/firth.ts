/**
 * Firth's penalised-likelihood logistic regression (Firth 1993, Biometrika 80:27–38; Heinze & Schemper 2002,
 * Stat Med 21:2409–2419): maximise ℓ*(β) = ℓ(β) + ½ ln det I(β), I(β) = XᵀW X, W = diag(πᵢ(1 − πᵢ)).
 * The estimates are finite even under complete or quasi-complete separation, and their O(1/n) bias is removed.
 *
 * Modified score: U*(β)ⱼ = Σᵢ xᵢⱼ [yᵢ − πᵢ + hᵢ(½ − πᵢ)], hᵢ = the diagonal of the hat matrix
 * W^½ X (XᵀWX)⁻¹ Xᵀ W^½. Newton (Fisher scoring) step δ = I(β)⁻¹ U*(β) by Cholesky, halved (up to 25 times)
 * while it lowers ℓ*, as logistf does; stop when max|δⱼ| < 1e-10·(1 + |βⱼ|) and max|U*ⱼ| < 1e-8, at most
 * `maxIterations` (default 100) steps, starting from β = 0 with intercept logit((events + ½)/(n + 1)).
 *
 * Reported, as brglm2 (type = "AS_mean", which for the logit link is exactly Firth) and logistf report them:
 * SEs from I(β̂)⁻¹ (the unpenalised information at the Firth estimate); Wald z, p and 95% CIs on the OR scale
 * (logistf's default profile-penalised-likelihood CIs are not computed here); `logLik` and `deviance` are the
 * UNPENALISED ℓ(β̂) and −2ℓ(β̂) (brglm2's deviance), `aic` = deviance + 2k (brglm2's aic), `penalizedLogLik`
 * = ℓ*(β̂); `nullDeviance` is −2ℓ at the Firth intercept-only fit, π = (events + ½)/(n + 1) (brglm2's
 * null.deviance, slightly above the ML null deviance); the LR test is logistf's penalised likelihood
 * ratio 2[ℓ*(β̂) − ℓ*(β̂₀)] against the Firth intercept-only model, on k − 1 df.
 *
 * Throws RangeError for the same bad inputs as fitLogistic (non-0/1 y, one outcome value, collinear design
 * naming the aliased terms, too few rows).
 *
 * @example fitFirth(buildDesign(endometrial, ["NV", "PI", "EH"]), endometrial.HG).terms[1].estimate
 *   // 2.929273 (brglm2; Heinze & Schemper 2002 report 2.929)
 */
import type {DesignMatrix} from "./design.js";
import {choleskyInPlace, choleskyInverse, choleskyLogDeterminant, linearPredictorInto, rankRevealingCholesky, weightedCrossProducts} from "./linear-algebra.js";
import {assembleFit, checkDesign, validateBinaryOutcome, type LogisticFit} from "./logistic.js";

export interface FirthOptions {
  /** Maximum Newton iterations, default 100. */
  maxIterations?: number;
  /** Convergence tolerance on the relative step, default 1e-10 (the score must also be below 1e-8). */
  tolerance?: number;
}

/** ln π and ln(1 − π) from η without overflow or cancellation. */
function logProbabilities(eta: number): [number, number] {
  if (eta >= 0) {
    const l = Math.log1p(Math.exp(-eta));
    return [-l, -eta - l];
  }
  const l = Math.log1p(Math.exp(eta));
  return [eta - l, -l];
}

interface FirthState {
  beta: Float64Array;
  eta: Float64Array;
  mu: Float64Array;
  logLik: number;
  penalizedLogLik: number;
  factor: Float64Array;
  iterations: number;
  converged: boolean;
}

interface Workspace {
  eta: Float64Array;
  mu: Float64Array;
  w: Float64Array;
  zeros: Float64Array;
  gram: Float64Array;
  unused: Float64Array;
  scratch: Float64Array;
}

/** Evaluates π, W, the Cholesky factor of XᵀWX and ℓ*(β) at β (into the workspace). Returns ℓ and ℓ*. */
function evaluate(columns: Float64Array[], n: number, y: Float64Array, beta: Float64Array, ws: Workspace, caller: string, names: string[], checkRank: boolean): {logLik: number; penalized: number} {
  const k = columns.length;
  linearPredictorInto(columns, n, beta, null, ws.eta);
  let logLik = 0;
  for (let i = 0; i < n; i++) {
    const e = ws.eta[i];
    const [lp, lq] = logProbabilities(e);
    logLik += y[i] === 1 ? lp : lq;
    const p = Math.exp(lp);
    ws.mu[i] = p;
    ws.w[i] = p * Math.exp(lq);
  }
  weightedCrossProducts(columns, n, ws.w, ws.zeros, ws.gram, ws.unused, ws.scratch);
  if (checkRank) {
    const rank = rankRevealingCholesky(ws.gram, k);
    if (rank.aliased.length > 0) {
      const list = rank.aliased.map((j) => `"${names[j]}"`).join(", ");
      throw new RangeError(`${caller}: the design is collinear: ${list} ${rank.aliased.length === 1 ? "is a linear combination" : "are linear combinations"} of the other terms; remove ${rank.aliased.length === 1 ? "it" : "them"} from the model`);
    }
  }
  if (!choleskyInPlace(ws.gram, k)) {
    throw new RangeError(`${caller}: the information matrix XᵀWX is not positive definite (collinear terms or fitted probabilities of exactly 0 or 1)`);
  }
  return {logLik, penalized: logLik + 0.5 * choleskyLogDeterminant(ws.gram, k)};
}

function firthNewton(columns: Float64Array[], names: string[], n: number, y: Float64Array, events: number, maxIterations: number, tolerance: number, caller: string): FirthState {
  const k = columns.length;
  const ws: Workspace = {
    eta: new Float64Array(n),
    mu: new Float64Array(n),
    w: new Float64Array(n),
    zeros: new Float64Array(n),
    gram: new Float64Array(k * k),
    unused: new Float64Array(k),
    scratch: new Float64Array(k * 512)
  };
  const beta = new Float64Array(k);
  const interceptIndex = names.indexOf("(Intercept)");
  if (interceptIndex >= 0) beta[interceptIndex] = Math.log((events + 0.5) / (n - events + 0.5));
  let current = evaluate(columns, n, y, beta, ws, caller, names, true);
  const score = new Float64Array(k);
  const step = new Float64Array(k);
  const v = new Float64Array(k);
  const trial = new Float64Array(k);
  let converged = false;
  let iterations = 0;
  for (let iter = 1; iter <= maxIterations; iter++) {
    iterations = iter;
    // Modified score U* = Xᵀ[y − π + h(½ − π)], hᵢ = wᵢ ‖L⁻¹xᵢ‖² with L the Cholesky factor of XᵀWX.
    score.fill(0);
    const l = ws.gram;
    for (let i = 0; i < n; i++) {
      let h = 0;
      for (let a = 0; a < k; a++) {
        let s = columns[a][i];
        const row = a * k;
        for (let m = 0; m < a; m++) s -= l[row + m] * v[m];
        s /= l[row + a];
        v[a] = s;
        h += s * s;
      }
      h *= ws.w[i];
      const p = ws.mu[i];
      const r = y[i] - p + h * (0.5 - p);
      for (let a = 0; a < k; a++) score[a] += columns[a][i] * r;
    }
    step.set(score);
    // δ = (LLᵀ)⁻¹ U*
    for (let a = 0; a < k; a++) {
      let s = step[a];
      for (let m = 0; m < a; m++) s -= l[a * k + m] * step[m];
      step[a] = s / l[a * k + a];
    }
    for (let a = k - 1; a >= 0; a--) {
      let s = step[a];
      for (let m = a + 1; m < k; m++) s -= l[m * k + a] * step[m];
      step[a] = s / l[a * k + a];
    }
    let maxScore = 0;
    let maxStep = 0;
    for (let a = 0; a < k; a++) {
      maxScore = Math.max(maxScore, Math.abs(score[a]));
      maxStep = Math.max(maxStep, Math.abs(step[a]) / (1 + Math.abs(beta[a])));
    }
    if (maxStep < tolerance && maxScore < 1e-8) {
      converged = true;
      iterations = iter - 1;
      break;
    }
    let factor = 1;
    let accepted = false;
    for (let half = 0; half <= 25; half++) {
      for (let a = 0; a < k; a++) trial[a] = beta[a] + factor * step[a];
      let next: {logLik: number; penalized: number} | null = null;
      try {
        next = evaluate(columns, n, y, trial, ws, caller, names, false);
      } catch {
        next = null;
      }
      // Accept an increase of ℓ*, or a change within rounding once the steps are tiny.
      if (next && (next.penalized >= current.penalized || Math.abs(next.penalized - current.penalized) < 1e-12 * (1 + Math.abs(current.penalized)))) {
        beta.set(trial);
        current = next;
        accepted = true;
        break;
      }
      factor /= 2;
    }
    if (!accepted) {
      // No step raised ℓ*: we are at the maximum to working precision; restore the workspace at β.
      current = evaluate(columns, n, y, beta, ws, caller, names, false);
      converged = maxStep < 1e-6;
      break;
    }
  }
  if (!converged) current = evaluate(columns, n, y, beta, ws, caller, names, false);
  return {
    beta,
    eta: ws.eta,
    mu: ws.mu,
    logLik: current.logLik,
    penalizedLogLik: current.penalized,
    factor: ws.gram,
    iterations,
    converged
  };
}

/**
 * Fits a logistic regression by Firth's penalised likelihood; see the module comment for what is reported.
 * @example fitFirth(design, y).terms.map((t) => [t.term, t.estimate, t.se])
 */
export function fitFirth(design: DesignMatrix, y: ArrayLike<number>, options: FirthOptions = {}): LogisticFit {
  const caller = "fitFirth";
  checkDesign(design, caller);
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-10;
  if (!(Number.isInteger(maxIterations) && maxIterations >= 1)) throw new RangeError(`${caller}: maxIterations must be a positive integer, got ${maxIterations}`);
  if (!(tolerance > 0)) throw new RangeError(`${caller}: tolerance must be > 0, got ${tolerance}`);
  const n = design.n;
  const {y: yy, events} = validateBinaryOutcome(y, n, caller);
  const state = firthNewton(design.columns, design.names, n, yy, events, maxIterations, tolerance, caller);
  const k = design.columns.length;
  const covariance = choleskyInverse(state.factor, k);
  const hasIntercept = design.names[0] === "(Intercept)";
  let lrStatistic = NaN;
  let nullDeviance = 2 * n * Math.LN2; // no intercept: the null model is β = 0, π = ½
  if (hasIntercept) {
    const nullState = firthNewton([design.columns[0]], ["(Intercept)"], n, yy, events, maxIterations, tolerance, caller);
    nullDeviance = -2 * nullState.logLik;
    lrStatistic = 2 * (state.penalizedLogLik - nullState.penalizedLogLik);
  }
  const separation = state.converged
    ? {detected: false}
    : {detected: false, message: `Firth's penalised likelihood did not converge in ${state.iterations} iterations; the estimates are unreliable.`};
  return assembleFit({
    method: "firth",
    design,
    coefficients: state.beta,
    covariance,
    eta: state.eta,
    mu: state.mu,
    deviance: -2 * state.logLik,
    nullDeviance,
    lrStatistic,
    iterations: state.iterations,
    converged: state.converged,
    events,
    separation,
    penalizedLogLik: state.penalizedLogLik
  });
}
