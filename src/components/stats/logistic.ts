/**
 * Logistic regression by maximum likelihood, computed as R's glm(y ~ ..., family = binomial) computes it.
 *
 * Model: logit P(Y = 1 | x) = xᵀβ (+ offset). Fisher scoring = Newton–Raphson for the canonical link (IRLS):
 * with μ = logistic(η) and w = μ(1 − μ), each step solves (XᵀWX) β = XᵀW z, z = η + (y − μ)/w, by Cholesky.
 * As in R's glm.fit (R 4.2.2): start from μ = (y + ½)/2, η = logit μ; clamp logistic(η) to [ε, 1 − ε] beyond
 * |η| > 30 (R's C_logit_linkinv/mu_eta); stop when |D − D_old|/(|D| + 0.1) < tolerance (1e-8) with at most
 * 25 iterations; the deviance D = −2 Σ [y ln μ + (1 − y) ln(1 − μ)]. Additionally (glm2-style, Marschner 2011)
 * a step is halved towards the previous coefficients, up to 25 times, when the deviance is not finite or rises
 * by more than the convergence tolerance — for data where plain Newton steps would overshoot; for ordinary data
 * no step is halved and the iterates are R's.
 *
 * Numerics: the iterations run on the design with its non-intercept columns centred and scaled by a power of two
 * (column-scaling.ts; when the model has an intercept — else only scaled), which changes no iterate of R's in exact
 * arithmetic (η, μ, D are invariant) and keeps XᵀWX well-conditioned and within the range of doubles for columns
 * such as a millisecond timestamp or values near 1e±200; β, SE and Var(β̂) are reported on the original scale.
 * Rank is decided at the first iteration as glm.fit decides it, by dqrdc2's pivoted QR with tolerance
 * min(1e-7, tolerance/1000) relative to each column's norm.
 *
 * Inference as summary.glm / confint.default: Var(β̂) = (XᵀWX)⁻¹ with the weights of the last iteration;
 * Wald z = β̂/SE, two-sided p = 2Φ(−|z|); OR = e^β̂ with 95% CI e^{β̂ ± 1.959963984540054·SE}; logLik = −D/2;
 * AIC = D + 2k; likelihood-ratio test against the intercept-only model: χ² = D₀ − D on k − 1 df.
 *
 * Separation (Albert & Anderson 1984): when the outcome is perfectly or quasi-perfectly predicted by a linear
 * combination of predictors, the MLE does not exist and Newton iterates run off to infinity while glm may still
 * report "convergence" (a level of a categorical predictor with no event stops glm at its 15th iteration with an
 * SE of ~10³ and no warning). `separation.fittedZeroOrOne` is R's own test, the one behind glm's warning "fitted
 * probabilities numerically 0 or 1 occurred" (a fitted value within 10ε of 0 or 1). Separation itself is tested
 * by continuing Newton from the reported solution, up to 30 steps, whenever R's test holds, the fit did not
 * converge, a fitted probability is within 1e-5 of 0 or 1, or the last IRLS step still moved η by more than 1e-3
 * (a regular fit's last step moves it by ~1e-5 or less; a separated one's by ~1): a finite MLE is reached
 * quadratically (steps below 1e-6), while under separation each step moves the separated observations' η by ~1
 * for ever — separation is declared when η has moved by 5 or more without converging. The terms named are those
 * whose coefficient moved η by ≥ 0.5 over the first 5 continued steps (still short of R's ±30 clamp of η;
 * coefficients that have a finite limit move by ~1e-8 there). When detected, `separation.detected` is true, the
 * message names the terms involved and suggests Firth's penalised likelihood, and every term's ciLower/ciUpper
 * are NaN (a Wald interval has no meaning there); estimates, SEs, z and p are still R's numbers but must not be
 * read as inference.
 *
 * Throws RangeError when y is not 0/1, lengths differ, y has a single value, there are no more rows than terms,
 * or the design is collinear (naming the aliased terms).
 *
 * @example fitLogistic(buildDesign({wt: mtcars.wt, hp: mtcars.hp}, ["wt", "hp"]), mtcars.am).terms[1].estimate
 *   // −8.083475 (R: coef(glm(am ~ wt + hp, binomial, mtcars))["wt"])
 */
import {
  coefficientsToOriginal,
  covarianceToOriginal,
  designRank,
  designScaling,
  scalingFailed,
  standardErrorsToOriginal,
  type DesignScaling
} from "./column-scaling.js";
import {isInterceptColumn, type DesignMatrix} from "./design.js";
import {chiSquareSf, normalSf} from "./distributions.js";
import {
  choleskyInPlace,
  choleskyInverse,
  choleskySolveInPlace,
  CROSS_PRODUCT_BLOCK,
  crossProductsBlockTransformed,
  linearPredictorInto,
  linearPredictorPlan,
  linearPredictorRange,
  mirrorLower,
  weightedCrossProducts,
  type LinearPredictorPlan
} from "./linear-algebra.js";

/** qnorm(0.975) in R 4.2.2. */
export const Z_975 = 1.959963984540054;

export interface LogisticTerm {
  term: string;
  estimate: number;
  se: number;
  z: number;
  /** Two-sided Wald p-value. */
  p: number;
  oddsRatio: number;
  /** Lower 95% Wald limit of the odds ratio; NaN when separation makes Wald intervals meaningless. */
  ciLower: number;
  /** Upper 95% Wald limit of the odds ratio; NaN when separation makes Wald intervals meaningless. */
  ciUpper: number;
}

export interface SeparationDiagnosis {
  detected: boolean;
  /** Human-readable explanation with what to do (use Firth), present when detected, when R would warn, or when not converged. */
  message?: string;
  kind?: "complete" | "quasi-complete";
  /** Terms whose coefficients run away under continued Newton steps (the intercept is not listed). */
  terms?: string[];
  /**
   * Observations that the separation predicts perfectly: those whose linear predictor runs off towards their own
   * outcome under continued Newton steps (all of them for complete separation).
   */
  perfectlyPredicted?: number;
  /**
   * R's glm.fit warning "fitted probabilities numerically 0 or 1 occurred": some fitted probability of the reported
   * fit is below 10ε or above 1 − 10ε. Present (true or false) whenever the check ran.
   */
  fittedZeroOrOne?: boolean;
}

export interface LogisticFit {
  method: "ml" | "firth";
  terms: LogisticTerm[];
  names: string[];
  coefficients: Float64Array;
  /** Var(β̂), k×k row-major. */
  covariance: Float64Array;
  /** Fitted probabilities μ̂ (R's fitted.values). */
  fitted: Float64Array;
  /** Linear predictor η̂ including any offset. */
  linearPredictor: Float64Array;
  /** ML: −deviance/2. Firth: the unpenalised log-likelihood at the Firth estimates (see penalizedLogLik). */
  logLik: number;
  deviance: number;
  nullDeviance: number;
  aic: number;
  /** ML: D₀ − D. Firth: the penalised likelihood ratio statistic, as logistf reports. */
  lrStatistic: number;
  lrDf: number;
  lrP: number;
  iterations: number;
  converged: boolean;
  n: number;
  events: number;
  separation: SeparationDiagnosis;
  /** False when ciLower/ciUpper were set to NaN because Wald intervals are invalid (separation). */
  ciValid: boolean;
  /** Firth only: ln L(β̂) + ½ ln det I(β̂). */
  penalizedLogLik?: number;
  /** Number of IRLS/Newton steps that were halved because the (penalised) deviance rose or was not finite. */
  stepHalvings?: number;
}

export interface LogisticOptions {
  /** Maximum IRLS iterations (R's glm.control maxit), default 25. */
  maxIterations?: number;
  /** Relative deviance-change tolerance (R's glm.control epsilon), default 1e-8. */
  tolerance?: number;
  /** Known offset added to the linear predictor (R's offset()). */
  offset?: ArrayLike<number>;
  /** Skip the continued-iteration separation check (e.g. inside a bootstrap that checks itself). Default false. */
  skipSeparationCheck?: boolean;
  /**
   * Point estimates only (a bootstrap refit, which reads β̂, η, μ, convergence and separation): no Var(β̂), SE, z,
   * p or CI (NaN), no LR p-value. Every other number is the full fit's, to the last bit. Default false.
   */
  estimatesOnly?: boolean;
}

const DBL_EPSILON = 2.220446049250313e-16;
const THRESH = 30;

/** R's logit_linkinv: logistic(η) with η clamped to ±30 (μ ∈ [ε/(1+ε), 1/(1+ε)]). */
export function logisticProbability(eta: number): number {
  const e = eta < -THRESH ? DBL_EPSILON : eta > THRESH ? 1 / DBL_EPSILON : Math.exp(eta);
  return e / (1 + e);
}

/**
 * Validates y (0/1) and returns it as a Float64Array with the number of events: y itself when it is one (the
 * fits only read it; a bootstrap fits thousands of small samples, where each copy costs more than the check).
 */
export function validateBinaryOutcome(y: ArrayLike<number>, n: number, caller: string): {y: Float64Array; events: number} {
  if (y.length !== n) throw new RangeError(`${caller}: y has length ${y.length}, but the design has ${n} rows`);
  let events = 0;
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (v !== 0 && v !== 1) throw new RangeError(`${caller}: y must be 0 or 1, row ${i + 1} is ${v}`);
    events += v;
  }
  if (events === 0 || events === n) {
    throw new RangeError(`${caller}: y has a single value (${events === 0 ? "no events" : "all events"}); a logistic model needs both outcomes`);
  }
  return {y: y instanceof Float64Array ? y : Float64Array.from(y), events};
}

export function checkDesign(design: DesignMatrix, caller: string): void {
  const k = design.columns.length;
  if (k === 0) throw new RangeError(`${caller}: the design has no terms`);
  if (design.names.length !== k) throw new RangeError(`${caller}: design has ${design.names.length} names for ${k} columns`);
  for (let j = 0; j < k; j++) {
    if (design.columns[j].length !== design.n) {
      throw new RangeError(`${caller}: design column "${design.names[j]}" has ${design.columns[j].length} rows, expected ${design.n}`);
    }
  }
  if (design.n <= k) throw new RangeError(`${caller}: ${design.n} rows are not enough for ${k} terms`);
}

/** Binomial deviance of 0/1 outcomes, as R's binomial()$dev.resids summed. */
function binomialDeviance(y: Float64Array, mu: Float64Array, n: number): number {
  let d = 0;
  for (let i = 0; i < n; i++) d -= y[i] === 1 ? Math.log(mu[i]) : Math.log(1 - mu[i]);
  return 2 * d;
}

interface IrlsState {
  /** β̃, on the scale of the transformed design X̃ the iterations ran on (`scaling`). */
  coefficients: Float64Array;
  /** IrlsInput.scaling, or its exact redo when the sampled one failed (column-scaling.ts scalingFailed). */
  scaling: DesignScaling;
  eta: Float64Array;
  mu: Float64Array;
  deviance: number;
  iterations: number;
  converged: boolean;
  /** Cholesky factor of XᵀWX at the weights of the last iteration (what summary.glm inverts). */
  factor: Float64Array;
  /** Number of step halvings taken. */
  halvings: number;
  /** max |Δηᵢ| of the last step (how far the linear predictor still moved when the iterations stopped). */
  lastStep: number;
  /** For continued iterations: max |Δηᵢ| of every step taken. */
  steps?: number[];
  /** β̃ before the last step (NaN-filled when the last step started from R's μ start). */
  previousCoefficients: Float64Array;
  /** β̃ after IrlsInput.recordAfter steps (or after the last step, when fewer were taken). */
  recorded?: Float64Array;
  /** Continued iterations: the largest max |ηᵢ − ηᵢ(start)| over the steps. */
  farthest?: number;
}

interface IrlsInput {
  /** The design as given. */
  columns: Float64Array[];
  names: string[];
  n: number;
  /** The centring and scaling the iterations run on, x̃ = x·scale − shift (column-scaling.ts). */
  scaling: DesignScaling;
  y: Float64Array;
  offset: Float64Array | null;
  maxIterations: number;
  tolerance: number;
  /** Start from these coefficients (on the transformed scale) instead of R's μ = (y + ½)/2. */
  start?: Float64Array;
  /**
   * Continued iterations for the separation check: no deviance-based stop; stop when max |Δηᵢ| < this, record
   * every step's max |Δηᵢ|.
   */
  stepTolerance?: number;
  /** Continued iterations: keep a copy of β̃ after this many steps (IrlsState.recorded). */
  recordAfter?: number;
  caller: string;
}

/**
 * μ and dμ/dη = μ(1 − μ) from η, with R's clamping. Returns the deviance.
 * The deviance takes one logarithm per 16 rows, −2 ln Π μᵢ^yᵢ (1 − μᵢ)^(1−yᵢ) over the 16: a logarithm costs about
 * as much as the exponential each row needs anyway, and with every factor ≥ ε/(1 + ε) ≈ 2.2e-16 (the clamp) a
 * product of 16 stays above 1e-251, far from underflow. It differs from the row-by-row sum in the last bits only.
 */
function updateMean(eta: Float64Array, y: Float64Array, mu: Float64Array, muEta: Float64Array, n: number): number {
  let d = 0;
  let likelihood = 1;
  for (let i = 0; i < n; i++) {
    const ei = eta[i];
    let m: number;
    if (ei < -THRESH) {
      m = DBL_EPSILON / (1 + DBL_EPSILON);
      muEta[i] = DBL_EPSILON;
    } else if (ei > THRESH) {
      m = 1 / (1 + DBL_EPSILON);
      muEta[i] = DBL_EPSILON;
    } else {
      const e = Math.exp(ei);
      const ope = 1 + e;
      m = e / ope;
      muEta[i] = e / (ope * ope);
    }
    mu[i] = m;
    likelihood *= y[i] === 1 ? m : 1 - m;
    if ((i & 15) === 15) {
      d -= Math.log(likelihood);
      likelihood = 1;
    }
  }
  return 2 * (d - Math.log(likelihood));
}

/** Whether a step is to be halved: the deviance is not finite or rose by more than the convergence tolerance. */
function devianceRises(dev: number, devOld: number, tolerance: number): boolean {
  return !Number.isFinite(dev) || (dev - devOld) / (Math.abs(dev) + 0.1) >= tolerance;
}

/**
 * The fused pass of an IRLS iteration (IRLS = Fisher scoring, above): block by block of rows (CROSS_PRODUCT_BLOCK),
 * while the block's columns are in cache, η = X̃β (+ offset), μ, dμ/dη and the deviance, then the working weights
 * w = (dμ/dη)²/(μ(1 − μ)) and response z = η − offset + (y − μ)/(dμ/dη) of this μ, and their contribution to
 * X̃ᵀWX̃ and X̃ᵀWz — the next iteration's normal equations — into `gram` and `rhs`. One read of the design per
 * iteration instead of four passes (η; μ and D; w and z; the cross products). Every value is computed by the same
 * operations in the same order as the separate kernels (linearPredictorInto, updateMean, weightedCrossProducts),
 * so the iterates are the same to the last bit.
 */
function fusedPass(
  columns: Float64Array[],
  n: number,
  plan: LinearPredictorPlan,
  offset: Float64Array | null,
  y: Float64Array,
  eta: Float64Array,
  mu: Float64Array,
  muEta: Float64Array,
  w: Float64Array,
  z: Float64Array,
  scratch: Float64Array,
  gram: Float64Array,
  rhs: Float64Array
): number {
  const k = columns.length;
  const stride = Math.min(n, CROSS_PRODUCT_BLOCK);
  const {scale, shift} = plan.transform;
  gram.fill(0, 0, k * k);
  rhs.fill(0, 0, k);
  let d = 0;
  let likelihood = 1;
  for (let start = 0; start < n; start += CROSS_PRODUCT_BLOCK) {
    const end = Math.min(n, start + CROSS_PRODUCT_BLOCK);
    linearPredictorRange(columns, start, end, plan, offset, eta);
    for (let i = start; i < end; i++) {
      const ei = eta[i];
      let m: number;
      let me: number;
      if (ei < -THRESH) {
        m = DBL_EPSILON / (1 + DBL_EPSILON);
        me = DBL_EPSILON;
      } else if (ei > THRESH) {
        m = 1 / (1 + DBL_EPSILON);
        me = DBL_EPSILON;
      } else {
        const e = Math.exp(ei);
        const ope = 1 + e;
        m = e / ope;
        me = e / (ope * ope);
      }
      mu[i] = m;
      muEta[i] = me;
      const yi = y[i];
      likelihood *= yi === 1 ? m : 1 - m;
      if ((i & 15) === 15) {
        d -= Math.log(likelihood);
        likelihood = 1;
      }
      w[i] = (me * me) / (m * (1 - m));
      z[i] = (offset ? ei - offset[i] : ei) + (yi - m) / me;
    }
    crossProductsBlockTransformed(columns, start, end - start, stride, w, z, gram, rhs, scratch, scale, shift);
  }
  mirrorLower(gram, k);
  return 2 * (d - Math.log(likelihood));
}

/** The working buffer of the last small fit, reused by the next (one fit at a time per thread; irls never nests). */
let sharedWork: Float64Array<ArrayBuffer> | null = null;
const SHARED_WORK_MAX = 1 << 18;

function workspace(size: number): Float64Array<ArrayBuffer> {
  if (size > SHARED_WORK_MAX) return new Float64Array(size);
  if (!sharedWork || sharedWork.length < size) sharedWork = new Float64Array(Math.max(size, 4096));
  return sharedWork.subarray(0, size);
}

/** Relative deviance change below which the next step is expected to converge (quadratic convergence: ~its square). */
const FUSE_NEXT_BELOW = 1e-4;

function irls(input: IrlsInput): IrlsState {
  const {n, y, offset, maxIterations, tolerance, caller} = input;
  let scaling = input.scaling;
  // an identity map (an intercept-only model) needs no transform in the kernels
  let transform: DesignScaling | null = scaling.identity ? null : scaling;
  const k = input.columns.length;

  // η and the previous iterate's η, in two buffers swapped each iteration, so that the last step's size can be
  // read off both at the end without a copy per iteration
  const etaOwn = new Float64Array(n);
  let eta = etaOwn;
  const mu = new Float64Array(n);
  // The working arrays share one allocation, kept for the next fit when it is small: for the thousands of small
  // fits of a bootstrap, allocating a typed array (an ArrayBuffer outside the JS heap) costs more than an IRLS step
  // over a few hundred rows. Every part is written before it is read, so a used buffer gives the same iterates.
  const work = workspace(4 * n + 2 * k * Math.min(n, 512));
  let etaPrevious = work.subarray(0, n);
  const muEta = work.subarray(n, 2 * n);
  const w = work.subarray(2 * n, 3 * n);
  const z = work.subarray(3 * n, 4 * n);
  const scratch = work.subarray(4 * n);
  // the kernels form x̃ = x·scale − shift on the fly (column-scaling.ts): no copy of the design
  const columns = input.columns;
  // XᵀWX (factored in place) and XᵀWz of the iteration, and the next iteration's, formed by the fused pass
  let gram = new Float64Array(k * k);
  let rhs = new Float64Array(k);
  let gramNext = new Float64Array(k * k);
  let rhsNext = new Float64Array(k);
  let nextReady = false;
  const folded = new Float64Array(k);
  // relative deviance change of the last iteration: when it is small the next step is likely the last, and the
  // fused pass leaves out the normal equations no iteration would use (a guess that changes no number)
  let lastChange = Infinity;
  const beta = new Float64Array(k);
  const betaOld = new Float64Array(k);
  // the iterate before the last step (betaOld is the last accepted one, which the final pass may already equal)
  const betaPrevious = new Float64Array(k);
  let havePrevious = false;
  const continued = input.stepTolerance !== undefined;
  const steps: number[] = [];
  let etaStart: Float64Array | null = null;
  let farthest = 0;
  let recorded: Float64Array | undefined;
  let haveOld = false;
  let devOld: number;
  if (input.start) {
    betaOld.set(input.start);
    beta.set(input.start);
    haveOld = true;
    linearPredictorInto(columns, n, betaOld, offset, eta, transform);
    devOld = updateMean(eta, y, mu, muEta, n);
    if (continued) etaStart = eta.slice();
  } else {
    // y is 0 or 1, so the start takes two values: compute each once (the same arithmetic as row by row)
    const startAt = (yi: number) => {
      const m = (yi + 0.5) / 2;
      const logit = Math.log(m / (1 - m));
      const e = Math.exp(logit);
      return {m, eta: logit, muEta: e / ((1 + e) * (1 + e)), deviance: yi === 1 ? Math.log(m) : Math.log(1 - m)};
    };
    const s0 = startAt(0);
    const s1 = startAt(1);
    let d = 0;
    for (let i = 0; i < n; i++) {
      const s = y[i] === 1 ? s1 : s0;
      mu[i] = s.m;
      eta[i] = s.eta;
      muEta[i] = s.muEta;
      d -= s.deviance;
    }
    devOld = 2 * d;
  }
  let dev = devOld;
  let converged = false;
  let iterations = 0;
  let halvings = 0;
  let lastStep = input.start ? NaN : Infinity; // Infinity: one step from R's start, which no β gives
  /** max |ηᵢ − ηᵢ of the previous iterate| */
  const stepSize = (): number => {
    let most = 0;
    for (let i = 0; i < n; i++) {
      const d = eta[i] - etaPrevious[i];
      const a = d < 0 ? -d : d;
      if (a > most) most = a;
    }
    return most;
  };
  const finish = (): IrlsState => {
    if (!continued && havePrevious) lastStep = stepSize();
    if (continued && !recorded) recorded = beta.slice();
    if (eta !== etaOwn) {
      // hand back a buffer of its own, not a view that would keep the working arrays alive
      etaOwn.set(eta);
      eta = etaOwn;
    }
    const previousCoefficients = havePrevious ? betaPrevious : new Float64Array(k).fill(NaN);
    return {
      coefficients: beta,
      scaling,
      eta,
      mu,
      deviance: dev,
      iterations,
      converged,
      factor: gram,
      halvings,
      lastStep,
      previousCoefficients,
      ...(continued ? {steps, recorded, farthest} : {})
    };
  };
  for (let iter = 1; iter <= maxIterations; iter++) {
    iterations = iter;
    if (nextReady) {
      const g = gram;
      gram = gramNext;
      gramNext = g;
      const r = rhs;
      rhs = rhsNext;
      rhsNext = r;
      nextReady = false;
    } else {
      for (let i = 0; i < n; i++) {
        const me = muEta[i];
        const m = mu[i];
        w[i] = (me * me) / (m * (1 - m));
        z[i] = (offset ? eta[i] - offset[i] : eta[i]) + (y[i] - m) / me;
      }
      weightedCrossProducts(columns, n, w, z, gram, rhs, scratch, transform);
    }
    if (iter === 1 && !input.start && scaling.sampled && scalingFailed(gram, k)) {
      // the sampled centres and scales missed an extreme value: read every row (column-scaling.ts)
      scaling = designScaling(columns, n, scaling.intercept);
      transform = scaling.identity ? null : scaling;
      weightedCrossProducts(columns, n, w, z, gram, rhs, scratch, transform);
    }
    if (iter === 1 && !input.start) {
      // At R's start every weight is 3/16, so XᵀWX ∝ X̃ᵀX̃: the rank screen needs no other pass over the data.
      const rank = designRank(columns, n, scaling, {gram, tolerance: Math.min(1e-7, tolerance / 1000)});
      if (rank.aliased.length > 0) {
        const names = rank.aliased.map((j) => `"${input.names[j]}"`).join(", ");
        throw new RangeError(`${caller}: the design is collinear: ${names} ${rank.aliased.length === 1 ? "is a linear combination" : "are linear combinations"} of the other terms; remove ${rank.aliased.length === 1 ? "it" : "them"} from the model`);
      }
    }
    if (!choleskyInPlace(gram, k)) {
      if (continued) return finish();
      throw new RangeError(`${caller}: the weighted information matrix XᵀWX is not positive definite at iteration ${iter} (collinear terms or fitted probabilities of 0 and 1); check the design with detectCollinearity or use Firth's method`);
    }
    if (iter > 1 || input.start) {
      betaPrevious.set(beta);
      havePrevious = true;
    }
    const swap = etaPrevious;
    etaPrevious = eta;
    eta = swap;
    beta.set(rhs);
    choleskySolveInPlace(gram, k, beta);
    if (transform && (continued || lastChange >= FUSE_NEXT_BELOW)) {
      dev = fusedPass(columns, n, linearPredictorPlan(beta, transform, folded), offset, y, eta, mu, muEta, w, z, scratch, gramNext, rhsNext);
      nextReady = true;
    } else {
      linearPredictorInto(columns, n, beta, offset, eta, transform);
      dev = updateMean(eta, y, mu, muEta, n);
    }
    if (haveOld && devianceRises(dev, devOld, tolerance)) {
      nextReady = false; // formed at the step before halving
      for (let half = 0; half < 25 && devianceRises(dev, devOld, tolerance); half++) {
        halvings++;
        for (let j = 0; j < k; j++) beta[j] = (beta[j] + betaOld[j]) / 2;
        linearPredictorInto(columns, n, beta, offset, eta, transform);
        dev = updateMean(eta, y, mu, muEta, n);
      }
      if (!Number.isFinite(dev)) {
        if (continued) return finish();
        throw new RangeError(`${caller}: the deviance is not finite at iteration ${iter}; step-halving could not correct the step`);
      }
    }
    if (continued) {
      lastStep = stepSize();
      steps.push(lastStep);
      if (etaStart) for (let i = 0; i < n; i++) farthest = Math.max(farthest, Math.abs(eta[i] - etaStart[i]));
      if (steps.length === input.recordAfter) recorded = beta.slice();
      if (lastStep < (input.stepTolerance as number)) {
        converged = true;
        return finish();
      }
    } else {
      lastChange = Math.abs(dev - devOld) / (Math.abs(dev) + 0.1);
      if (lastChange < tolerance) {
        converged = true;
        return finish();
      }
    }
    devOld = dev;
    betaOld.set(beta);
    haveOld = true;
  }
  return finish();
}

function hasIntercept(design: DesignMatrix): boolean {
  return design.names[0] === "(Intercept)";
}

/** Null deviance as glm.fit computes it (intercept-only fit when there is an offset). */
function nullDevianceOf(design: DesignMatrix, y: Float64Array, offset: Float64Array | null, events: number, options: {maxIterations: number; tolerance: number}): number {
  const n = design.n;
  const intercept = hasIntercept(design);
  if (!offset) {
    // binomialDeviance at a constant μ, with its two logarithms taken once
    const m = intercept ? events / n : 0.5;
    const logEvent = Math.log(m);
    const logNonEvent = Math.log(1 - m);
    let d = 0;
    for (let i = 0; i < n; i++) d -= y[i] === 1 ? logEvent : logNonEvent;
    return 2 * d;
  }
  const mu = new Float64Array(n);
  if (!intercept) {
    for (let i = 0; i < n; i++) mu[i] = logisticProbability(offset[i]);
    return binomialDeviance(y, mu, n);
  }
  const columns = [design.columns[0]];
  return irls({columns, names: ["(Intercept)"], n, scaling: designScaling(columns, n, true), y, offset, ...options, caller: "fitLogistic (null model)"}).deviance;
}

/** R's glm.fit threshold for its warning "fitted probabilities numerically 0 or 1 occurred": 10ε. */
const FITTED_ZERO_OR_ONE = 10 * DBL_EPSILON;
/** The last IRLS step of a regular fit moves η by ~1e-5 or less (quadratic convergence); under separation by ~1. */
const LAST_STEP_GATE = 1e-3;
/**
 * Continued Newton steps of the separation check; the step (max |Δηᵢ|) below which they count as converged; the
 * movement of η that, without convergence, is drift; and the steps over which the drift's direction is read.
 */
const CONTINUED_STEPS = 30;
const CONTINUED_CONVERGED = 1e-6;
const DRIFT = 5;
const DIRECTION_STEPS = 5;

/**
 * Separation check (see the module doc). R's own criterion first: a fitted probability within 10ε of 0 or 1. Then,
 * when that holds, when the fit did not converge, when some fitted probability is within 1e-5 of 0 or 1, or when
 * the last IRLS step still moved the linear predictor by more than 1e-3, up to 30 more Newton steps from the
 * reported solution: a finite MLE is reached quadratically (the steps fall below 1e-6), while under separation
 * every step moves the separated observations' η by about 1 (their weights μ(1 − μ) vanish as fast as their
 * residuals), for ever. The terms named are those whose coefficient still moves η by ≥ 0.01 in the last step
 * (coefficients that converge have stopped moving by then, e^-30-fast).
 */
function diagnoseSeparation(input: IrlsInput, fit: IrlsState): SeparationDiagnosis {
  const {n, y, names, columns} = input;
  const scaling = fit.scaling;
  let fittedZeroOrOne = false;
  let extreme = false;
  for (let i = 0; i < n; i++) {
    const m = fit.mu[i];
    if (m < FITTED_ZERO_OR_ONE || m > 1 - FITTED_ZERO_OR_ONE) fittedZeroOrOne = true;
    if (m < 1e-5 || m > 1 - 1e-5) extreme = true;
  }
  if (!extreme && fit.converged && fit.lastStep < LAST_STEP_GATE) return {detected: false, fittedZeroOrOne};
  let continued: IrlsState | null;
  try {
    continued = irls({
      ...input,
      scaling: fit.scaling,
      start: fit.coefficients,
      maxIterations: CONTINUED_STEPS,
      stepTolerance: CONTINUED_CONVERGED,
      recordAfter: DIRECTION_STEPS
    });
  } catch {
    continued = null;
  }
  // the largest distance η went from the fit's, at any step (beyond R's ±30 clamp the iterates may swing back)
  const moved = continued?.farthest ?? 0;
  const drifting = continued !== null && !continued.converged && moved >= DRIFT;
  const rWarning = " R's glm warns \"fitted probabilities numerically 0 or 1 occurred\".";
  if (!drifting) {
    const notConverged = fit.converged ? "" : `The model did not converge in ${fit.iterations} iterations although the outcome is not separated; the estimates are unreliable.`;
    const zeroOne = fittedZeroOrOne
      ? "Some fitted probabilities are within 10ε of 0 or 1 (R's glm warns \"fitted probabilities numerically 0 or 1 occurred\"), although further Newton steps converge: the estimates exist but are extreme."
      : "";
    const message = [notConverged, zeroOne].filter((m) => m !== "").join(" ");
    return message === "" ? {detected: false, fittedZeroOrOne} : {detected: false, message, fittedZeroOrOne};
  }
  const c = continued as IrlsState;
  // The iterate after the first continued steps, while the separated η are still short of R's ±30 clamp (beyond
  // it the iterates may swing back): the direction of the drift. The observations it separates are those whose η
  // moved towards their own outcome (the closest ones by ~1 a step, others more slowly while the direction settles);
  // those on the separating hyperplane (quasi-complete) stay where the finite part of the fit has them, to ~1e-8.
  const direction = c.recorded as Float64Array;
  const etaThere = new Float64Array(n);
  linearPredictorInto(columns, n, direction, input.offset, etaThere, scaling);
  let perfectlyPredicted = 0;
  for (let i = 0; i < n; i++) if ((2 * y[i] - 1) * (etaThere[i] - fit.eta[i]) >= 0.01) perfectlyPredicted++;
  const kind: "complete" | "quasi-complete" = perfectlyPredicted === n ? "complete" : "quasi-complete";
  const terms: string[] = [];
  for (let j = 0; j < columns.length; j++) {
    if (names[j] === "(Intercept)") continue;
    const col = columns[j];
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      if (col[i] < lo) lo = col[i];
      if (col[i] > hi) hi = col[i];
    }
    const range = (hi - lo) * scaling.scale[j];
    if (Math.abs(direction[j] - fit.coefficients[j]) * range >= 0.5) terms.push(names[j]);
  }
  const which = terms.length > 0 ? ` by ${terms.map((t) => `"${t}"`).join(", ")}` : "";
  const message =
    `${kind === "complete" ? "Complete" : "Quasi-complete"} separation: the outcome is ${kind === "complete" ? "perfectly" : "partly perfectly"} predicted${which} ` +
    `(${perfectlyPredicted} of ${n} observations get fitted probabilities tending to 0 or 1 as the coefficients run off to infinity; ` +
    `further Newton steps move the linear predictor by ${moved.toPrecision(2)} without converging).${fittedZeroOrOne ? rWarning : ""} ` +
    `Maximum-likelihood estimates do not exist, and the Wald standard errors and confidence intervals are not valid; ` +
    `refit with Firth's penalised likelihood (--firth).`;
  return {detected: true, message, kind, terms, perfectlyPredicted, fittedZeroOrOne};
}

/** Builds the per-term table, the LR test and the fit object shared by ML and Firth. */
export function assembleFit(args: {
  method: "ml" | "firth";
  design: DesignMatrix;
  coefficients: Float64Array;
  covariance: Float64Array;
  eta: Float64Array;
  mu: Float64Array;
  deviance: number;
  nullDeviance: number;
  lrStatistic: number;
  iterations: number;
  converged: boolean;
  events: number;
  separation: SeparationDiagnosis;
  penalizedLogLik?: number;
  stepHalvings?: number;
  /** Standard errors, when they are not √diag(covariance) to working precision (column-scaling.ts). */
  se?: Float64Array;
  /** No inference was computed (LogisticOptions.estimatesOnly): z, p and the LR p-value are NaN. */
  estimatesOnly?: boolean;
}): LogisticFit {
  const lean = args.estimatesOnly === true;
  const {design, coefficients, covariance} = args;
  const k = design.columns.length;
  const ciValid = !args.separation.detected;
  const terms: LogisticTerm[] = design.names.map((term, j) => {
    const estimate = coefficients[j];
    const se = args.se ? args.se[j] : Math.sqrt(covariance[j * k + j]);
    const z = estimate / se;
    return {
      term,
      estimate,
      se,
      z,
      p: lean ? NaN : 2 * normalSf(Math.abs(z)),
      oddsRatio: Math.exp(estimate),
      ciLower: ciValid ? Math.exp(estimate - Z_975 * se) : NaN,
      ciUpper: ciValid ? Math.exp(estimate + Z_975 * se) : NaN
    };
  });
  const lrDf = k - (hasIntercept(design) ? 1 : 0);
  const fit: LogisticFit = {
    method: args.method,
    terms,
    names: design.names.slice(),
    coefficients,
    covariance,
    fitted: args.mu,
    linearPredictor: args.eta,
    logLik: -args.deviance / 2,
    deviance: args.deviance,
    nullDeviance: args.nullDeviance,
    aic: args.deviance + 2 * k,
    lrStatistic: args.lrStatistic,
    lrDf,
    lrP: lrDf > 0 && !lean ? chiSquareSf(Math.max(0, args.lrStatistic), lrDf) : NaN,
    iterations: args.iterations,
    converged: args.converged,
    n: design.n,
    events: args.events,
    separation: args.separation,
    ciValid
  };
  if (args.penalizedLogLik !== undefined) fit.penalizedLogLik = args.penalizedLogLik;
  if (args.stepHalvings !== undefined) fit.stepHalvings = args.stepHalvings;
  return fit;
}

/**
 * Fits a logistic regression by maximum likelihood (R's glm(family = binomial)); see the module comment.
 * @example fitLogistic(design, y).terms.map((t) => t.oddsRatio)
 */
export function fitLogistic(design: DesignMatrix, y: ArrayLike<number>, options: LogisticOptions = {}): LogisticFit {
  const caller = "fitLogistic";
  checkDesign(design, caller);
  const maxIterations = options.maxIterations ?? 25;
  const tolerance = options.tolerance ?? 1e-8;
  if (!(Number.isInteger(maxIterations) && maxIterations >= 1)) throw new RangeError(`${caller}: maxIterations must be a positive integer, got ${maxIterations}`);
  if (!(tolerance > 0)) throw new RangeError(`${caller}: tolerance must be > 0, got ${tolerance}`);
  const n = design.n;
  const {y: yy, events} = validateBinaryOutcome(y, n, caller);
  let offset: Float64Array | null = null;
  if (options.offset) {
    if (options.offset.length !== n) throw new RangeError(`${caller}: offset has length ${options.offset.length}, expected ${n}`);
    offset = options.offset instanceof Float64Array ? options.offset : Float64Array.from(options.offset);
    for (let i = 0; i < n; i++) if (!Number.isFinite(offset[i])) throw new RangeError(`${caller}: offset row ${i + 1} is ${offset[i]}`);
  }
  // the iterations run on centred and scaled columns (column-scaling.ts); β and Var(β̂) are mapped back
  const input: IrlsInput = {
    columns: design.columns,
    names: design.names,
    n,
    scaling: designScaling(design.columns, n, isInterceptColumn(design, 0), {sample: true}),
    y: yy,
    offset,
    maxIterations,
    tolerance,
    caller
  };
  const state = irls(input);
  const scaling = state.scaling;
  const coefficients = coefficientsToOriginal(state.coefficients, scaling);
  const k = design.columns.length;
  const lean = options.estimatesOnly === true;
  const covScaled = lean ? null : choleskyInverse(state.factor, k);
  const covariance = covScaled ? covarianceToOriginal(covScaled, scaling) : new Float64Array(k * k).fill(NaN);
  const se = covScaled ? standardErrorsToOriginal(covScaled, covariance, scaling) : new Float64Array(k).fill(NaN);
  // an intercept-only model with an offset is its own null model: glm.fit would refit it, to the same iterates
  const nullDeviance = offset && design.columns.length === 1 && hasIntercept(design) ? state.deviance : nullDevianceOf(design, yy, offset, events, {maxIterations, tolerance});
  const separation: SeparationDiagnosis = options.skipSeparationCheck
    ? state.converged
      ? {detected: false}
      : {detected: false, message: `The model did not converge in ${state.iterations} iterations.`}
    : diagnoseSeparation(input, state);
  return assembleFit({
    method: "ml",
    design,
    coefficients,
    covariance,
    eta: state.eta,
    mu: state.mu,
    deviance: state.deviance,
    nullDeviance,
    lrStatistic: nullDeviance - state.deviance,
    iterations: state.iterations,
    converged: state.converged,
    events,
    separation,
    stepHalvings: state.halvings,
    se,
    estimatesOnly: lean
  });
}

export interface LogisticPrediction {
  /** η = xᵀβ̂. */
  linearPredictor: number;
  /** Delta-method SE of η: √(xᵀ V x) (R: predict(type = "link", se.fit = TRUE)$se.fit). */
  se: number;
  /** logistic(η). */
  probability: number;
  /** logistic(η − 1.96·SE): 95% CI on the probability scale, from the interval on the logit scale. */
  ciLower: number;
  ciUpper: number;
}

/**
 * Prediction for one design row x (including the leading 1 for the intercept), with a 95% CI for the
 * probability formed on the logit scale and transformed (always inside (0, 1)).
 * Throws RangeError when x has the wrong length or a non-finite value.
 * @example predictLogistic(fit, [1, 2.5, 120]).probability
 */
export function predictLogistic(fit: LogisticFit, x: ArrayLike<number>): LogisticPrediction {
  const k = fit.coefficients.length;
  if (x.length !== k) throw new RangeError(`predictLogistic: x has length ${x.length}, expected ${k} (${fit.names.join(", ")})`);
  let eta = 0;
  for (let j = 0; j < k; j++) {
    if (!Number.isFinite(x[j])) throw new RangeError(`predictLogistic: x[${j}] (${fit.names[j]}) is ${x[j]}`);
    eta += fit.coefficients[j] * x[j];
  }
  let v = 0;
  for (let a = 0; a < k; a++) {
    let s = 0;
    for (let b = 0; b < k; b++) s += fit.covariance[a * k + b] * x[b];
    v += x[a] * s;
  }
  const se = Math.sqrt(Math.max(0, v));
  const expit = (t: number) => 1 / (1 + Math.exp(-t));
  return {linearPredictor: eta, se, probability: expit(eta), ciLower: expit(eta - Z_975 * se), ciUpper: expit(eta + Z_975 * se)};
}
