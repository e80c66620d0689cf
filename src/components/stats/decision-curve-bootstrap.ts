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
 * The refits are the fixed-predictor bootstrap's (./optimism-bootstrap.ts) when both draw the same resamples, so a
 * caller running that bootstrap collects the curve from its refits (netBenefitCollector as its `observe`) instead
 * of fitting every resample a second time; collected parts of consecutive replicate ranges, merged in replicate
 * order (mergeNetBenefitParts), give bootstrapNetBenefit's numbers to the last bit.
 *
 * @example bootstrapNetBenefit(design, y, {samples, thresholds: [0.1, 0.2], original: fit}).corrected // [0.091, 0.048]
 */
import {fitLogistic, logisticProbability, type LogisticFit} from "./logistic.js";
import {fitFirth} from "./firth.js";
import type {DesignMatrix} from "./design.js";
import {decisionCurve} from "./decision-curve.js";
import {subsetDesignInto, usableRefit, type FailedRefits, type RefitOutcome} from "./optimism-bootstrap.js";

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

/** The fitted model's risks on every row (what each resample's band value scores). */
export function netBenefitRisks(design: DesignMatrix, original: LogisticFit): Float64Array {
  if (original.coefficients.length !== design.columns.length) throw new TypeError("bootstrapNetBenefit: the original fit does not match the design");
  return risks(design, original.coefficients, null);
}

/** What a range of resamples contributes to the curve (structured-cloneable, for a worker to send back). */
export interface NetBenefitPart {
  /** Thresholds per resample (T). */
  thresholds: number;
  /** Per resample, in replicate order, T values each: the fitted model's net benefit on the resample. */
  resampled: Float64Array;
  /** Per usable refit, in replicate order, T values each: NB^app − NB^test. */
  optimism: Float64Array;
  failed: FailedRefits;
  /** The message of the first error in this range (the curve is then not computable), or null. */
  error: string | null;
}

/**
 * Collects one range's part from the resamples and their refits, in replicate order: `observe(rows, yb, outcome)`
 * for every resample (its rows, its outcomes, and its refit or why there is none).
 */
export function netBenefitCollector(design: DesignMatrix, y: ArrayLike<number>, {thresholds, fitted}: {thresholds: readonly number[]; fitted: Float64Array}): {
  observe: (rows: ArrayLike<number>, yb: Float64Array, outcome: RefitOutcome) => void;
  part: () => NetBenefitPart;
} {
  const n = design.n;
  const T = thresholds.length;
  const resampled: number[] = [];
  const optimism: number[] = [];
  const failed: FailedRefits = {nonConverged: 0, separated: 0, oneClass: 0, errors: 0, total: 0};
  let error: string | null = null;
  const pb = new Float64Array(n);
  return {
    observe(rows, yb, outcome) {
      if (error !== null) return;
      try {
        for (let i = 0; i < n; i++) pb[i] = fitted[rows[i]!]!;
        const own = netBenefits(pb, yb, thresholds);
        for (let t = 0; t < T; t++) resampled.push(own[t]!);
        if (typeof outcome === "string") {
          failed[outcome]++;
          return;
        }
        const app = netBenefits(outcome.fitted, yb, thresholds);
        const test = netBenefits(risks(design, outcome.coefficients, null), y, thresholds);
        for (let t = 0; t < T; t++) optimism.push(app[t]! - test[t]!);
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
    },
    part() {
      failed.total = failed.nonConverged + failed.separated + failed.oneClass + failed.errors;
      return {thresholds: T, resampled: Float64Array.from(resampled), optimism: Float64Array.from(optimism), failed: {...failed}, error};
    }
  };
}

/**
 * The curve from the parts of consecutive replicate ranges, in replicate order (see the module comment). Throws the
 * first error of the apparent curve or of any part, as bootstrapNetBenefit would have thrown it.
 */
export function mergeNetBenefitParts(
  y: ArrayLike<number>,
  {parts, thresholds, fitted, level = 0.95}: {parts: readonly NetBenefitPart[]; thresholds: readonly number[]; fitted: Float64Array; level?: number}
): BootstrapNetBenefit {
  const T = thresholds.length;
  const apparent = netBenefits(fitted, y, thresholds);
  for (const part of parts) {
    if (part.thresholds !== T) throw new TypeError(`bootstrapNetBenefit: a part has ${part.thresholds} thresholds, expected ${T}`);
    if (part.error !== null) throw new Error(part.error);
  }
  const replicates = parts.reduce((s, p) => s + p.resampled.length / T, 0);
  if (replicates === 0) throw new RangeError("bootstrapNetBenefit: no resamples given");
  const sumOptimism = new Float64Array(T);
  const resampled: Float64Array[] = Array.from({length: T}, () => new Float64Array(replicates));
  const failed: FailedRefits = {nonConverged: 0, separated: 0, oneClass: 0, errors: 0, total: 0};
  let used = 0;
  let b = 0;
  for (const part of parts) {
    for (let r = 0; r < part.resampled.length; r += T, b++) for (let t = 0; t < T; t++) resampled[t]![b] = part.resampled[r + t]!;
    // summed refit by refit in replicate order, as one loop over every resample sums them
    for (let r = 0; r < part.optimism.length; r += T, used++) for (let t = 0; t < T; t++) sumOptimism[t]! += part.optimism[r + t]!;
    for (const key of Object.keys(failed) as (keyof FailedRefits)[]) failed[key] += part.failed[key];
  }
  const optimism = Array.from(sumOptimism, (s) => (used ? s / used : NaN));
  const tail = (1 - level) / 2;
  return {
    thresholds: thresholds.slice(),
    apparent,
    optimism,
    corrected: apparent.map((a, t) => a - optimism[t]!),
    bandLower: resampled.map((v) => quantileType7(v, tail)),
    bandUpper: resampled.map((v) => quantileType7(v, 1 - tail)),
    replicates,
    used,
    failed
  };
}

export function bootstrapNetBenefit(
  design: DesignMatrix,
  y: ArrayLike<number>,
  {samples, thresholds, original, method = original.method, level = 0.95}: {samples: readonly ArrayLike<number>[]; thresholds: readonly number[]; original: LogisticFit; method?: "ml" | "firth"; level?: number}
): BootstrapNetBenefit {
  const n = design.n;
  if (y.length !== n) throw new TypeError(`bootstrapNetBenefit: y has ${y.length} values but the design has ${n} rows`);
  const fitted = netBenefitRisks(design, original);
  if (samples.length === 0) throw new RangeError("bootstrapNetBenefit: no resamples given");
  // the apparent curve's errors come first, as they did before any resample was looked at
  netBenefits(fitted, y, thresholds);
  const collector = netBenefitCollector(design, y, {thresholds, fitted});
  const fit = (d: DesignMatrix, yy: ArrayLike<number>): LogisticFit => (method === "firth" ? fitFirth(d, yy) : fitLogistic(d, yy));
  // one resample's design, refilled for each (a fit copies what it returns)
  const resample: DesignMatrix = {names: design.names, n, columns: design.columns.map(() => new Float64Array(n))};
  samples.forEach((rows, b) => {
    if (rows.length !== n) throw new RangeError(`bootstrapNetBenefit: samples[${b}] has ${rows.length} indices, expected ${n}`);
    const yb = new Float64Array(n);
    let events = 0;
    for (let i = 0; i < n; i++) {
      yb[i] = y[rows[i]!]!;
      events += yb[i]!;
    }
    if (events === 0 || events === n) return collector.observe(rows, yb, "oneClass");
    // the collector counts the failures: none counted here
    const refit = usableRefit(() => {
      subsetDesignInto(design, rows, resample);
      return fit(resample, yb);
    }, null, (kind) => collector.observe(rows, yb, kind));
    if (refit) collector.observe(rows, yb, refit);
  });
  return mergeNetBenefitParts(y, {parts: [collector.part()], thresholds, fitted, level});
}
