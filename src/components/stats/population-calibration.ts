/**
 * Calibration of a model's linear predictor in a population whose true risks are known: the calibration slope and
 * intercepts that an ever larger validation sample from the population converges to, computed exactly.
 *
 * Population as in ./population-auc.ts: profile i with probability wᵢ (1/N unless given) and true risk rᵢ; the
 * model's linear predictor (log-odds) for the profile is Lᵢ. The recalibration model logit P(Y = 1) = a + b·L
 * (Cox 1958; Miller et al. 1993) fitted to the whole population maximises the expected log-likelihood
 *
 *   ℓ(a, b) = Σᵢ wᵢ [rᵢ ηᵢ − log(1 + e^ηᵢ)],  ηᵢ = a + b·Lᵢ,
 *
 * — what glm(y ~ L, binomial) estimates in an infinite sample, and exactly R's
 * glm(r ~ L, family = quasibinomial, weights = w). The slope b is 1 for a model whose risks are as spread as the
 * truth, below 1 when they are too extreme (overfitting). Calibration-in-the-large is a₀ of
 * logit P = a₀ + offset(L): Σ wᵢ (rᵢ − expit(a₀ + Lᵢ)) = 0 (0 when the model's mean risk is right).
 * Both are Newton–Raphson on a strictly concave ℓ (risks strictly inside (0, 1) make it so whenever L is not
 * constant), with step halving, to |step| < 1e-12 (1 + |θ|).
 *
 * Throws TypeError for lengths that differ or an empty population; RangeError for a risk outside (0, 1) or a
 * linear predictor or weight that is not finite (or a negative weight). A constant L has no slope: slope and
 * slopeIntercept are NaN (calibration-in-the-large is still defined).
 *
 * @example populationCalibration([-1, 1], [0.2, 0.8]).slope // 1.3862943611198906 = logit(0.8): the truth is steeper
 */

export interface PopulationCalibration {
  /** b in logit P = a + b·L fitted to the population; NaN when L is constant. */
  slope: number;
  /** a of that model; NaN with the slope. */
  slopeIntercept: number;
  /** a₀ in logit P = a₀ + offset(L): calibration-in-the-large. */
  inTheLarge: number;
  /** Newton iterations of the slope model (0 when it is not fitted). */
  iterations: number;
}

const MAX_ITERATIONS = 200;

function logOnePlusExp(eta: number): number {
  return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
}

function expit(eta: number): number {
  return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
}

function check(lp: ArrayLike<number>, risk: ArrayLike<number>, weights: ArrayLike<number> | undefined): void {
  const n = lp.length;
  if (n === 0 || risk.length !== n || (weights !== undefined && weights.length !== n)) {
    throw new TypeError(`populationCalibration: lp, risk${weights ? " and weights" : ""} must be non-empty and of equal length (got ${n}, ${risk.length}${weights ? `, ${weights.length}` : ""})`);
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(lp[i]!)) throw new RangeError(`populationCalibration: lp[${i}] = ${lp[i]} is not a finite number`);
    if (!(risk[i]! > 0 && risk[i]! < 1)) throw new RangeError(`populationCalibration: risk[${i}] = ${risk[i]} must lie in (0, 1)`);
    if (weights && !(weights[i]! >= 0 && Number.isFinite(weights[i]!))) throw new RangeError(`populationCalibration: weights[${i}] = ${weights[i]} must be a non-negative finite number`);
  }
}

/** ℓ(a, b) of the module comment. */
function expectedLogLik(a: number, b: number, lp: ArrayLike<number>, risk: ArrayLike<number>, weights: ArrayLike<number> | undefined): number {
  let s = 0;
  for (let i = 0; i < lp.length; i++) {
    const eta = a + b * lp[i]!;
    s += (weights ? weights[i]! : 1) * (risk[i]! * eta - logOnePlusExp(eta));
  }
  return s;
}

/** a₀ with Σ w (r − expit(a₀ + L)) = 0, by Newton with step halving on ℓ. */
function inTheLarge(lp: ArrayLike<number>, risk: ArrayLike<number>, weights: ArrayLike<number> | undefined): number {
  let a = 0;
  let value = expectedLogLik(a, 1, lp, risk, weights);
  for (let it = 0; it < MAX_ITERATIONS; it++) {
    let score = 0;
    let information = 0;
    for (let i = 0; i < lp.length; i++) {
      const w = weights ? weights[i]! : 1;
      const p = expit(a + lp[i]!);
      score += w * (risk[i]! - p);
      information += w * p * (1 - p);
    }
    if (!(information > 0)) return NaN;
    let step = score / information;
    let next = a + step;
    let nextValue = expectedLogLik(next, 1, lp, risk, weights);
    for (let half = 0; half < 60 && !(nextValue >= value); half++) {
      step /= 2;
      next = a + step;
      nextValue = expectedLogLik(next, 1, lp, risk, weights);
    }
    a = next;
    value = nextValue;
    if (Math.abs(step) < 1e-12 * (1 + Math.abs(a))) break;
  }
  return a;
}

export function populationCalibration(lp: ArrayLike<number>, risk: ArrayLike<number>, weights?: ArrayLike<number>): PopulationCalibration {
  check(lp, risk, weights);
  const n = lp.length;
  const large = inTheLarge(lp, risk, weights);
  let constant = true;
  for (let i = 1; i < n && constant; i++) if (lp[i] !== lp[0]) constant = false;
  if (constant) return {slope: NaN, slopeIntercept: NaN, inTheLarge: large, iterations: 0};
  // Start from the model as it is (a = 0, b = 1): the answer for a well-calibrated model, one step away otherwise.
  let a = 0;
  let b = 1;
  let value = expectedLogLik(a, b, lp, risk, weights);
  let iterations = 0;
  for (; iterations < MAX_ITERATIONS; ) {
    iterations++;
    let g0 = 0, g1 = 0, h00 = 0, h01 = 0, h11 = 0;
    for (let i = 0; i < n; i++) {
      const w = weights ? weights[i]! : 1;
      const x = lp[i]!;
      const p = expit(a + b * x);
      const residual = w * (risk[i]! - p);
      const v = w * p * (1 - p);
      g0 += residual;
      g1 += residual * x;
      h00 += v;
      h01 += v * x;
      h11 += v * x * x;
    }
    const det = h00 * h11 - h01 * h01;
    if (!(det > 0)) break;
    let da = (h11 * g0 - h01 * g1) / det;
    let db = (h00 * g1 - h01 * g0) / det;
    let nextValue = expectedLogLik(a + da, b + db, lp, risk, weights);
    for (let half = 0; half < 60 && !(nextValue >= value); half++) {
      da /= 2;
      db /= 2;
      nextValue = expectedLogLik(a + da, b + db, lp, risk, weights);
    }
    a += da;
    b += db;
    value = nextValue;
    if (Math.abs(da) < 1e-12 * (1 + Math.abs(a)) && Math.abs(db) < 1e-12 * (1 + Math.abs(b))) break;
  }
  return {slope: b, slopeIntercept: a, inTheLarge: large, iterations};
}
