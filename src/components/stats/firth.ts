/**
 * Firth's penalised-likelihood logistic regression (Firth 1993, Biometrika 80:27–38; Heinze & Schemper 2002,
 * Stat Med 21:2409–2419): maximise ℓ*(β) = ℓ(β) + ½ ln det I(β), I(β) = XᵀW X, W = diag(πᵢ(1 − πᵢ)).
 * The estimates are finite even under complete or quasi-complete separation, and their O(1/n) bias is removed.
 *
 * Modified score: U*(β)ⱼ = Σᵢ xᵢⱼ [yᵢ − πᵢ + hᵢ(½ − πᵢ)], hᵢ = the diagonal of the hat matrix
 * W^½ X (XᵀWX)⁻¹ Xᵀ W^½. Each step is Newton's on ℓ*: −∇²ℓ* = I − ½T₁ + ½T₂ with T₁ = Σᵢ h̃ᵢ w″ᵢ xᵢxᵢᵀ and
 * T₂ᵣₛ = Σᵢⱼ w′ᵢ w′ⱼ xᵢᵣ xⱼₛ (xᵢᵀI⁻¹xⱼ)² (h̃ᵢ = xᵢᵀI⁻¹xᵢ, w′ = w(1 − 2π), w″ = w(1 − 6w); T₂ in O(nk³) through
 * Mᵣ = Σᵢ w′ᵢxᵢᵣ vᵢvᵢᵀ, vᵢ = L⁻¹xᵢ, T₂ᵣₛ = ⟨Mᵣ, Mₛ⟩), and where that matrix is not positive definite or its step
 * not uphill, the Fisher-scoring step δ = I(β)⁻¹U*(β) that brglm2 and logistf take. Fisher scoring converges only
 * linearly, and on separated data with extreme fitted probabilities so slowly that brglm2 needs 100–400
 * iterations (its default limit is 100); Newton's step converges quadratically, in 10–25. A step is halved (up to
 * 25 times) while it lowers ℓ*, as logistf does; stop when max|δⱼ| < 1e-10·(1 + |βⱼ|) and max|U*ⱼ| <
 * 1e-8·max(1, n/10⁴) (the score's rounding grows with n), at most `maxIterations` (default 100) steps, starting from
 * β = 0 with intercept logit((events + ½)/(n + 1)). The iterations run on the centred, power-of-two-scaled design
 * (column-scaling.ts; ℓ* is equivariant, up to the constant −ln|det T|, which is added back), so their tolerances
 * mean the same at any magnitude of the data; rank is decided by R's pivoted QR with qr()'s tolerance 1e-7, as
 * brglm2 checks aliasing.
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
import {
  coefficientsToOriginal,
  covarianceToOriginal,
  designRank,
  designScaling,
  standardErrorsToOriginal,
  type DesignScaling
} from "./column-scaling.js";
import {isInterceptColumn, type DesignMatrix} from "./design.js";
import {choleskyInPlace, choleskyInverse, choleskyLogDeterminant, choleskySolveInPlace, linearPredictorInto, weightedCrossProducts} from "./linear-algebra.js";
import {assembleFit, checkDesign, iterationSettings, validateBinaryOutcome, type LogisticFit} from "./logistic.js";

export interface FirthOptions {
  /** Maximum Newton iterations, default 100. */
  maxIterations?: number;
  /** Convergence tolerance on the relative step, default 1e-10 (the score must also be below 1e-8). */
  tolerance?: number;
}

/** ln π and ln(1 − π) from η without overflow or cancellation. */
export function logProbabilities(eta: number): [number, number] {
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

/** The arrays one evaluation of the penalised likelihood writes into, made once per fit. */
export interface FirthWorkspace {
  eta: Float64Array;
  mu: Float64Array;
  w: Float64Array;
  zeros: Float64Array;
  gram: Float64Array;
  unused: Float64Array;
  scratch: Float64Array;
}

export function firthWorkspace(n: number, k: number): FirthWorkspace {
  return {
    eta: new Float64Array(n),
    mu: new Float64Array(n),
    w: new Float64Array(n),
    zeros: new Float64Array(n),
    gram: new Float64Array(k * k),
    unused: new Float64Array(k),
    scratch: new Float64Array(2 * k * Math.min(n, 512))
  };
}

/** The design and the centring and scaling the iterations run on (x̃ = x·scale − shift, column-scaling.ts). */
interface FirthDesign {
  columns: Float64Array[];
  scaling: DesignScaling;
  names: string[];
}

/** Evaluates π, W, the Cholesky factor of X̃ᵀWX̃ and ℓ*(β̃) at β̃ (into the workspace). Returns ℓ and ℓ* (scaled). */
function evaluate(design: FirthDesign, n: number, y: Float64Array, beta: Float64Array, ws: FirthWorkspace, caller: string, checkRank: boolean): {logLik: number; penalized: number} {
  const {columns, names} = design;
  const k = columns.length;
  linearPredictorInto(columns, n, beta, null, ws.eta, design.scaling);
  let logLik = 0;
  for (let i = 0; i < n; i++) {
    const e = ws.eta[i];
    const [lp, lq] = logProbabilities(e);
    logLik += y[i] === 1 ? lp : lq;
    const p = Math.exp(lp);
    ws.mu[i] = p;
    ws.w[i] = p * Math.exp(lq);
  }
  weightedCrossProducts(columns, n, ws.w, ws.zeros, ws.gram, ws.unused, ws.scratch, design.scaling);
  if (checkRank) {
    // at the start every weight is the same, so XᵀWX ∝ X̃ᵀX̃: R's rank decision (column-scaling.ts), with the
    // tolerance of qr(x), 1e-7, which brglm2's brglmFit uses for its aliasing check
    const rank = designRank(columns, n, design.scaling, {gram: ws.gram, tolerance: 1e-7});
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

function firthNewton(design: FirthDesign, n: number, y: Float64Array, events: number, maxIterations: number, tolerance: number, caller: string): FirthState {
  const {columns, names} = design;
  const {scale, shift} = design.scaling;
  const k = columns.length;
  const ws = firthWorkspace(n, k);
  const beta = new Float64Array(k);
  const interceptIndex = names.indexOf("(Intercept)");
  if (interceptIndex >= 0) beta[interceptIndex] = Math.log((events + 0.5) / (n - events + 0.5));
  let current = evaluate(design, n, y, beta, ws, caller, true);
  const score = new Float64Array(k);
  const step = new Float64Array(k);
  const v = new Float64Array(k);
  const x = new Float64Array(k);
  const trial = new Float64Array(k);
  const t1 = new Float64Array(k * k);
  const mm = new Float64Array(k * k * k);
  const hessian = new Float64Array(k * k);
  const newton = new Float64Array(k);
  // the score's rounding grows with n (a sum of n terms of size ≤ 2 on the scaled design)
  const scoreTolerance = 1e-8 * Math.max(1, n / 1e4);
  let converged = false;
  let iterations = 0;
  for (let iter = 1; iter <= maxIterations; iter++) {
    iterations = iter;
    // Modified score U* = Xᵀ[y − π + h(½ − π)], hᵢ = wᵢ h̃ᵢ, h̃ᵢ = ‖vᵢ‖², vᵢ = L⁻¹xᵢ with L the Cholesky factor of
    // XᵀWX; and the two sums of the Hessian of ½ ln det I (see the module comment): T₁ = Σᵢ h̃ᵢ w″ᵢ xᵢxᵢᵀ and
    // M_r = Σᵢ w′ᵢ xᵢᵣ vᵢvᵢᵀ, with w′ = w(1 − 2π) and w″ = w(1 − 6w).
    score.fill(0);
    t1.fill(0);
    mm.fill(0);
    const l = ws.gram;
    for (let i = 0; i < n; i++) {
      let hTilde = 0;
      for (let a = 0; a < k; a++) {
        const xa = columns[a][i] * scale[a] - shift[a];
        x[a] = xa;
        let s = xa;
        const row = a * k;
        for (let m = 0; m < a; m++) s -= l[row + m] * v[m];
        s /= l[row + a];
        v[a] = s;
        hTilde += s * s;
      }
      const wi = ws.w[i];
      const p = ws.mu[i];
      const r = y[i] - p + wi * hTilde * (0.5 - p);
      const c1 = hTilde * wi * (1 - 6 * wi);
      const a1 = wi * (1 - 2 * p);
      for (let a = 0; a < k; a++) {
        const xa = x[a];
        score[a] += xa * r;
        const cx = c1 * xa;
        const row = a * k;
        for (let b = 0; b <= a; b++) t1[row + b] += cx * x[b];
        const ax = a1 * xa;
        const base = a * k * k;
        for (let c = 0; c < k; c++) {
          const avc = ax * v[c];
          const off = base + c * k;
          for (let d = 0; d <= c; d++) mm[off + d] += avc * v[d];
        }
      }
    }
    // Fisher scoring step δ = (LLᵀ)⁻¹ U*
    step.set(score);
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
    // Newton step: −∇²ℓ* = I − ½T₁ + ½T₂, T₂[r][s] = Σ_{c,d} M_r[c,d] M_s[c,d]; used when it is positive definite
    // and the step goes uphill, else the scoring step (far from the maximum, or where ℓ* is not concave)
    for (let a = 0; a < k; a++) {
      for (let b = 0; b <= a; b++) {
        let info = 0;
        for (let m = 0; m <= b; m++) info += l[a * k + m] * l[b * k + m];
        let t2 = 0;
        const ba = a * k * k;
        const bb = b * k * k;
        for (let c = 0; c < k; c++) {
          const off = c * k;
          t2 += mm[ba + off + c] * mm[bb + off + c];
          for (let d = 0; d < c; d++) t2 += 2 * mm[ba + off + d] * mm[bb + off + d];
        }
        const h = info - 0.5 * t1[a * k + b] + 0.5 * t2;
        hessian[a * k + b] = h;
        hessian[b * k + a] = h;
      }
    }
    if (choleskyInPlace(hessian, k)) {
      newton.set(score);
      choleskySolveInPlace(hessian, k, newton);
      let uphill = 0;
      for (let a = 0; a < k; a++) uphill += newton[a] * score[a];
      if (uphill > 0 && newton.every(Number.isFinite)) step.set(newton);
    }
    let maxScore = 0;
    let maxStep = 0;
    for (let a = 0; a < k; a++) {
      maxScore = Math.max(maxScore, Math.abs(score[a]));
      maxStep = Math.max(maxStep, Math.abs(step[a]) / (1 + Math.abs(beta[a])));
    }
    if (maxStep < tolerance && maxScore < scoreTolerance) {
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
        next = evaluate(design, n, y, trial, ws, caller, false);
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
      current = evaluate(design, n, y, beta, ws, caller, false);
      converged = maxStep < 1e-6;
      break;
    }
  }
  if (!converged) current = evaluate(design, n, y, beta, ws, caller, false);
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
  const {maxIterations, tolerance} = iterationSettings(options, {maxIterations: 100, tolerance: 1e-10}, caller);
  const n = design.n;
  const {y: yy, events} = validateBinaryOutcome(y, n, caller);
  // the iterations run on centred and scaled columns (column-scaling.ts); β, Var(β̂) and ℓ* are mapped back
  const hasIntercept = isInterceptColumn(design, 0);
  const scaling = designScaling(design.columns, n, hasIntercept);
  const scaled: FirthDesign = {columns: design.columns, scaling, names: design.names};
  const state = firthNewton(scaled, n, yy, events, maxIterations, tolerance, caller);
  const k = design.columns.length;
  const coefficients = coefficientsToOriginal(state.beta, scaling);
  const covScaled = choleskyInverse(state.factor, k);
  const covariance = covarianceToOriginal(covScaled, scaling);
  const se = standardErrorsToOriginal(covScaled, covariance, scaling);
  // ln det XᵀWX = ln det X̃ᵀWX̃ − 2 ln |det T|, det T = Π sⱼ (X̃ = XT)
  let logDetT = 0;
  for (let j = 0; j < k; j++) logDetT += Math.log(scaling.scale[j]);
  const penalizedLogLik = state.penalizedLogLik - logDetT;
  let lrStatistic = NaN;
  let nullDeviance = 2 * n * Math.LN2; // no intercept: the null model is β = 0, π = ½
  if (hasIntercept) {
    const ones = [design.columns[0]];
    const nullDesign: FirthDesign = {columns: ones, scaling: designScaling(ones, n, true), names: ["(Intercept)"]};
    const nullState = firthNewton(nullDesign, n, yy, events, maxIterations, tolerance, caller);
    nullDeviance = -2 * nullState.logLik;
    lrStatistic = 2 * (penalizedLogLik - nullState.penalizedLogLik);
  }
  const separation = state.converged
    ? {detected: false}
    : {detected: false, message: `Firth's penalised likelihood did not converge in ${state.iterations} iterations; the estimates are unreliable.`};
  return assembleFit({
    method: "firth",
    design,
    coefficients,
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
    penalizedLogLik,
    se
  });
}
