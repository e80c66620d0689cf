/**
 * The intercept α that makes a logistic model with fixed offsets oᵢ predict a given mean risk:
 *
 *   Σᵢ wᵢ expit(α + oᵢ) = π Σᵢ wᵢ     (wᵢ = 1 unless weights are given)
 *
 * — the maximum-likelihood intercept of glm(y ~ 1, offset = o, binomial) when π is the mean of 0/1 outcomes y
 * (its score equation is Σ (yᵢ − expit(α + oᵢ)) = 0), and the intercept of a "true" model solved so that its
 * population prevalence is π. The left side increases strictly in α, so the root is unique; it is found by Newton's
 * method safeguarded by bisection on a bracket, to |Δα| < 1e-13 (1 + |α|).
 *
 * Used for the intercept of a uniformly shrunken model (van Houwelingen & le Cessie 1990: the slopes multiplied by
 * s, the intercept re-estimated so the mean prediction is the observed prevalence) and for the intercept of the
 * teaching page's true model.
 *
 * Throws TypeError for an empty or mismatched input; RangeError for π not strictly inside (0, 1) (no finite α), or an
 * offset or weight that is not finite (or a negative weight, or all weights 0).
 *
 * @example interceptForMean([0, 0], 0.25) // −1.0986122886681098 = log(0.25 / 0.75)
 */

function expit(eta: number): number {
  return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
}

export function interceptForMean(offset: ArrayLike<number>, mean: number, weights?: ArrayLike<number>): number {
  const n = offset.length;
  if (n === 0 || (weights !== undefined && weights.length !== n)) throw new TypeError(`interceptForMean: offset must be non-empty${weights ? " and as long as weights" : ""}`);
  if (!(mean > 0 && mean < 1)) throw new RangeError(`interceptForMean: mean = ${mean} must lie strictly between 0 and 1 (no finite intercept otherwise)`);
  let total = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const o = offset[i]!;
    if (!Number.isFinite(o)) throw new RangeError(`interceptForMean: offset[${i}] = ${o} is not a finite number`);
    const w = weights ? weights[i]! : 1;
    if (!(w >= 0 && Number.isFinite(w))) throw new RangeError(`interceptForMean: weights[${i}] = ${w} must be a non-negative finite number`);
    total += w;
    if (w > 0) {
      lo = Math.min(lo, o);
      hi = Math.max(hi, o);
    }
  }
  if (!(total > 0)) throw new RangeError("interceptForMean: the weights are all 0");
  const target = mean * total;
  const logit = Math.log(mean / (1 - mean));
  // Every expit(α + oᵢ) lies between expit(α + min o) and expit(α + max o): the root lies in [logit π − max o, logit π − min o].
  let left = logit - hi;
  let right = logit - lo;
  let alpha = logit - (lo + hi) / 2;
  for (let it = 0; it < 200; it++) {
    let sum = 0;
    let slope = 0;
    for (let i = 0; i < n; i++) {
      const w = weights ? weights[i]! : 1;
      const p = expit(alpha + offset[i]!);
      sum += w * p;
      slope += w * p * (1 - p);
    }
    const f = sum - target;
    if (f === 0) return alpha;
    if (f > 0) right = Math.min(right, alpha);
    else left = Math.max(left, alpha);
    let next = slope > 0 ? alpha - f / slope : NaN;
    if (!(next > left && next < right)) next = (left + right) / 2;
    const step = next - alpha;
    alpha = next;
    if (Math.abs(step) < 1e-13 * (1 + Math.abs(alpha)) || right - left < 1e-15 * (1 + Math.abs(alpha))) break;
  }
  return alpha;
}
