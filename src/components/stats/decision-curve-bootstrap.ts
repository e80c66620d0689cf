/**
 * The decision curve of a fitted model corrected for optimism by Harrell's bootstrap, with a bootstrap band
 * (Vickers, Cronin, Elkin, Gonen et al., "Extensions to decision curve analysis", BMC Med Inform Decis Mak 2008;
 * 8:53, §"Correction for overfit"; net benefit as in ./decision-curve.ts):
 *
 *   for b = 1..B: refit the model (its predictors fixed) on the resample; NB_b^app(pt) = net benefit of the refit's
 *     risks in the resample, NB_b^test(pt) = net benefit of the refit's risks on the original data;
 *   optimism(pt) = mean_b (NB_b^app − NB_b^test);  corrected NB(pt) = apparent NB(pt) − optimism(pt).
 *
 * The band is the 95% percentile interval (R's quantile type 7) of the fitted model's own net benefit over the
 * resamples — the equation kept as it is and scored on each resample — so it shows the sampling variation of the
 * net benefit at each threshold, not the optimism. It uses every resample (no refit is needed); the correction uses
 * the resamples whose refit is usable, by the same rules as ./optimism-bootstrap.ts (one outcome class, separation,
 * non-convergence, a failed fit are counted in `failed` and left out).
 *
 * Randomness only through `samples` (0-based row indices per resample), drawn by the caller from a seeded stream.
 * Throws TypeError when design, y and the original fit disagree; RangeError for no samples, a sample of the wrong
 * length or a threshold outside (0, 1).
 *
 * @example bootstrapNetBenefit(design, y, {samples, thresholds: [0.1, 0.2], original: fit}).corrected // [0.091, 0.048]
 */
import {fitLogistic, logisticProbability, type LogisticFit} from "./logistic.js";
import {fitFirth} from "./firth.js";
import type {DesignMatrix} from "./design.js";
import {decisionCurve} from "./decision-curve.js";
import {usableRefit, type FailedRefits} from "./optimism-bootstrap.js";

export interface BootstrapNetBenefit {
  thresholds: number[];
  apparent: number[];
  optimism: number[];
  corrected: number[];
  /** 2.5% and 97.5% quantiles (type 7) of the fitted model's net benefit over all resamples. */
  bandLower: number[];
  bandUpper: number[];
  replicates: number;
  /** Resamples whose refit entered the correction. */
  used: number;
  failed: FailedRefits;
}

/** R's quantile(x, prob, type = 7) of an unsorted array. */
export function quantileType7(values: ArrayLike<number>, prob: number): number {
  const sorted = Float64Array.from(values).sort();
  const m = sorted.length;
  if (m === 0) return NaN;
  const h = (m - 1) * prob;
  const lo = Math.floor(h);
  const hi = Math.min(m - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

function risks(design: DesignMatrix, beta: ArrayLike<number>, rows: ArrayLike<number> | null): Float64Array {
  const n = rows ? rows.length : design.n;
  const lp = new Float64Array(n);
  for (let j = 0; j < design.columns.length; j++) {
    const col = design.columns[j]!;
    const b = beta[j]!;
    if (rows) for (let i = 0; i < n; i++) lp[i]! += b * col[rows[i]!]!;
    else for (let i = 0; i < n; i++) lp[i]! += b * col[i]!;
  }
  return lp.map(logisticProbability);
}

const netBenefits = (p: ArrayLike<number>, y: ArrayLike<number>, thresholds: readonly number[]) => decisionCurve(p, y, thresholds).map((d) => d.netBenefitModel);

export function bootstrapNetBenefit(
  design: DesignMatrix,
  y: ArrayLike<number>,
  {samples, thresholds, original, method = original.method, level = 0.95}: {samples: readonly ArrayLike<number>[]; thresholds: readonly number[]; original: LogisticFit; method?: "ml" | "firth"; level?: number}
): BootstrapNetBenefit {
  const n = design.n;
  if (y.length !== n) throw new TypeError(`bootstrapNetBenefit: y has ${y.length} values but the design has ${n} rows`);
  if (original.coefficients.length !== design.columns.length) throw new TypeError("bootstrapNetBenefit: the original fit does not match the design");
  if (samples.length === 0) throw new RangeError("bootstrapNetBenefit: no resamples given");
  const T = thresholds.length;
  const fitted = risks(design, original.coefficients, null);
  const apparent = netBenefits(fitted, y, thresholds);
  const sumOptimism = new Float64Array(T);
  const resampled: Float64Array[] = Array.from({length: T}, () => new Float64Array(samples.length));
  const failed: FailedRefits = {nonConverged: 0, separated: 0, oneClass: 0, errors: 0, total: 0};
  let used = 0;
  const fit = (d: DesignMatrix, yy: ArrayLike<number>): LogisticFit => (method === "firth" ? fitFirth(d, yy) : fitLogistic(d, yy));
  samples.forEach((rows, b) => {
    if (rows.length !== n) throw new RangeError(`bootstrapNetBenefit: samples[${b}] has ${rows.length} indices, expected ${n}`);
    const yb = new Float64Array(n);
    const pb = new Float64Array(n);
    let events = 0;
    for (let i = 0; i < n; i++) {
      yb[i] = y[rows[i]!]!;
      pb[i] = fitted[rows[i]!]!;
      events += yb[i]!;
    }
    const own = netBenefits(pb, yb, thresholds);
    for (let t = 0; t < T; t++) resampled[t]![b] = own[t]!;
    if (events === 0 || events === n) {
      failed.oneClass++;
      return;
    }
    const refit = usableRefit(() => fit({names: design.names, n, columns: design.columns.map((c) => {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = c[rows[i]!]!;
      return out;
    })}, yb), failed);
    if (!refit) return;
    const app = netBenefits(refit.fitted, yb, thresholds);
    const test = netBenefits(risks(design, refit.coefficients, null), y, thresholds);
    for (let t = 0; t < T; t++) sumOptimism[t]! += app[t]! - test[t]!;
    used++;
  });
  failed.total = failed.nonConverged + failed.separated + failed.oneClass + failed.errors;
  const optimism = Array.from(sumOptimism, (s) => (used ? s / used : NaN));
  const tail = (1 - level) / 2;
  return {
    thresholds: thresholds.slice(),
    apparent,
    optimism,
    corrected: apparent.map((a, t) => a - optimism[t]!),
    bandLower: resampled.map((v) => quantileType7(v, tail)),
    bandUpper: resampled.map((v) => quantileType7(v, 1 - tail)),
    replicates: samples.length,
    used,
    failed
  };
}
