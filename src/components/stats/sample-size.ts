/**
 * Minimum sample size for developing a logistic prediction model: Riley et al. (2020) BMJ 368:m441,
 * "Calculating the sample size required for developing a clinical prediction model", binary outcome, criteria:
 *  (i)   expected uniform shrinkage S >= shrinkage:      n1 = P / ((S − 1) · ln(1 − R2cs / S))
 *  (ii)  optimism in Nagelkerke R2 <= delta (0.05):     S2 = R2cs / (R2cs + delta · maxR2cs), n2 = P / ((S2 − 1) · ln(1 − R2cs / S2)),
 *        maxR2cs = 1 − exp(2 · lnLnull / n), lnLnull / n = φ ln φ + (1 − φ) ln(1 − φ)
 *  (iii) overall risk within ± margin (95%):             n3 = (1.959963984540054 / margin)^2 · φ (1 − φ)
 *  minimum = ceil(max(n1, n2, n3)) (each criterion rounded up), as pmsampsize reports.
 * Only an anticipated R2cs is accepted (the AUC → R2cs route of Riley et al. 2021 is not implemented).
 * Also: coxSnellR2(lrStatistic, n) = 1 − exp(−LR / n); nagelkerkeR2 = R2cs / maxR2cs.
 * Throws: RangeError naming the argument (parameters >= 1, 0 < prevalence < 1, 0 < rSquaredCS < maxR2cs, ...).
 * Example: rileySampleSize({parameters: 24, prevalence: 0.174, rSquaredCS: 0.1}).minimum
 */
export interface RileyCriterion { criterion: string; n: number; events: number; shrinkage?: number }
export interface RileySampleSize { criteria: RileyCriterion[]; minimum: number; maxR2cs: number; eventsPerParameter: number }

export function maxCoxSnellR2(prevalence: number): number {
  const f = prevalence;
  return 1 - Math.exp(2 * (f * Math.log(f) + (1 - f) * Math.log(1 - f)));
}
export function coxSnellR2(lrStatistic: number, n: number): number { return 1 - Math.exp(-lrStatistic / n); }
export function nagelkerkeR2(lrStatistic: number, n: number, nullLogLik: number): number {
  return coxSnellR2(lrStatistic, n) / (1 - Math.exp(2 * nullLogLik / n));
}

export function rileySampleSize(o: {parameters: number; prevalence: number; rSquaredCS: number; shrinkage?: number; delta?: number; margin?: number}): RileySampleSize {
  const {parameters: P, prevalence: phi, rSquaredCS: r2, shrinkage: S = 0.9, delta = 0.05, margin = 0.05} = o;
  if (!(P >= 1)) throw new RangeError(`rileySampleSize: parameters must be >= 1, got ${P}`);
  if (!(phi > 0 && phi < 1)) throw new RangeError(`rileySampleSize: prevalence must lie in (0, 1), got ${phi}`);
  const maxR2 = maxCoxSnellR2(phi);
  if (!(r2 > 0 && r2 < maxR2)) throw new RangeError(`rileySampleSize: rSquaredCS must lie in (0, ${maxR2}), got ${r2}`);
  if (!(S > 0 && S < 1)) throw new RangeError(`rileySampleSize: shrinkage must lie in (0, 1), got ${S}`);
  if (!(margin > 0 && margin < 1)) throw new RangeError(`rileySampleSize: margin must lie in (0, 1), got ${margin}`);
  const nFor = (s: number) => Math.ceil(P / ((s - 1) * Math.log(1 - r2 / s)));
  const S2 = r2 / (r2 + delta * maxR2);
  const n1 = nFor(S), n2 = nFor(S2), n3 = Math.ceil((1.959963984540054 / margin) ** 2 * phi * (1 - phi));
  const c = (criterion: string, n: number, shrinkage?: number): RileyCriterion => ({criterion, n, events: n * phi, ...(shrinkage === undefined ? {} : {shrinkage})});
  const minimum = Math.max(n1, n2, n3);
  return {criteria: [c("shrinkage", n1, S), c("optimism in Nagelkerke R2", n2, S2), c("overall risk", n3)], minimum, maxR2cs: maxR2, eventsPerParameter: minimum * phi / P};
}
