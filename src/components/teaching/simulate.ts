/**
 * Many redrawn studies and what they add up to: each study reduced to a small record (what each procedure
 * reported, its log ORs, apparent AUC, AUC and calibration in new patients), and the records summarised per
 * procedure — how often each factor is reported, how often exactly the true factors are, the spread of each OR
 * against its true value, apparent against new-patient AUC, and the calibration slope in new patients.
 *
 * Study b depends on (seed, b, n) only (./stream.ts), so records computed in any order or in chunks, in a worker or
 * in Node, are the same to the last bit, and a summary of studies 0..B−1 (summarizeStudies sorts nothing it does not
 * have to: quantiles are of the sorted values) is the same wherever it is computed.
 *
 * Quantiles are R's type 7 (quantile()'s default). Monte-Carlo error: a proportion's is √(p(1−p)/B); a mean's
 * sd/√B; a quantile's the half-width of its distribution-free 95% interval from order statistics divided by 1.96
 * (./monte-carlo.ts formats each figure to the digits it supports).
 *
 * Pure, no DOM. @example summarizeStudies(simulateStudies(pop, {n: 162, seed: 1, from: 0, to: 100}), "paper", pop).exactlyTrue
 */
import type {Population} from "./population.js";
import {redrawStudy} from "./redraw.js";
import {PROCEDURE_KEYS, type TeachingProcedureKey} from "./procedures.js";

export interface CompactOutcome {
  failed: string | null;
  /** Bit j set when candidate j (population order) is reported as a risk factor. */
  reported: number;
  /** ln OR of each candidate (NaN when not in the model). */
  logOr: number[];
  apparentAuc: number;
  newAuc: number;
  slope: number;
  inTheLarge: number;
  /** The shrinkage factor (NaN for a model that is not shrunk). */
  shrinkage: number;
  separated: boolean;
}

export interface StudyRecord {
  index: number;
  n: number;
  events: number;
  outcomes: Partial<Record<TeachingProcedureKey, CompactOutcome>>;
}

export interface SimulationSettings {
  n: number;
  seed: number;
  procedures?: readonly TeachingProcedureKey[];
}

/** Study `index` as a record (see the module comment). */
export function simulateStudy(pop: Population, {n, seed, procedures = PROCEDURE_KEYS}: SimulationSettings, index: number): StudyRecord {
  const study = redrawStudy(pop, {n, seed, index, procedures});
  const outcomes: Partial<Record<TeachingProcedureKey, CompactOutcome>> = {};
  for (const key of procedures) {
    const o = study.outcomes[key]!;
    let reported = 0;
    o.factors.forEach((f, j) => {
      if (f.reported) reported |= 1 << j;
    });
    outcomes[key] = {
      failed: o.failed, reported, logOr: o.factors.map((f) => Math.log(f.oddsRatio)),
      apparentAuc: o.apparentAuc, newAuc: o.newAuc, slope: o.slope, inTheLarge: o.inTheLarge,
      shrinkage: o.shrinkage ?? NaN, separated: o.separated
    };
  }
  return {index, n, events: study.draw.events, outcomes};
}

/** Studies from..to−1 (see the module comment). */
export function simulateStudies(pop: Population, settings: SimulationSettings & {from?: number; to: number}): StudyRecord[] {
  const out: StudyRecord[] = [];
  for (let b = settings.from ?? 0; b < settings.to; b++) out.push(simulateStudy(pop, settings, b));
  return out;
}

export interface Spread {
  /** Values summarised (finite ones). */
  count: number;
  mean: number;
  sd: number;
  /** Monte-Carlo standard error of the mean. */
  meanSe: number;
  q025: number;
  q25: number;
  median: number;
  q75: number;
  q975: number;
  /** Monte-Carlo standard error of the median (order-statistic interval). */
  medianSe: number;
  min: number;
  max: number;
}

/** R's quantile(type = 7) of sorted values. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** The MC standard error of quantile q from the distribution-free 95% interval of order statistics. */
export function quantileSe(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n < 2) return NaN;
  const half = 1.959963984540054 * Math.sqrt(n * q * (1 - q));
  const lo = Math.max(0, Math.floor(n * q - half) - 1);
  const hi = Math.min(n - 1, Math.ceil(n * q + half) - 1);
  return (sorted[hi]! - sorted[lo]!) / (2 * 1.959963984540054);
}

/** Summary of the finite values (NaN and ±∞ are left out; count says how many remained). */
export function spread(values: Iterable<number>): Spread {
  const finite = Float64Array.from([...values].filter(Number.isFinite)).sort();
  const n = finite.length;
  let mean = 0;
  for (const v of finite) mean += v;
  mean = n ? mean / n : NaN;
  let ss = 0;
  for (const v of finite) ss += (v - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : NaN;
  return {
    count: n, mean, sd, meanSe: n > 1 ? sd / Math.sqrt(n) : NaN,
    q025: quantileSorted(finite, 0.025), q25: quantileSorted(finite, 0.25), median: quantileSorted(finite, 0.5),
    q75: quantileSorted(finite, 0.75), q975: quantileSorted(finite, 0.975), medianSe: quantileSe(finite, 0.5),
    min: n ? finite[0]! : NaN, max: n ? finite[n - 1]! : NaN
  };
}

export interface FactorSummary {
  variable: string;
  trueOddsRatio: number;
  /** Studies that reported the factor. */
  reported: number;
  /** Of the studies that ran (failed ones excluded). */
  fraction: number;
  /** The OR over the studies whose model contains the factor, and its logarithm. */
  oddsRatio: Spread;
  logOddsRatio: Spread;
  /** The OR over the studies that reported the factor, and its logarithm. */
  reportedOddsRatio: Spread;
  reportedLogOddsRatio: Spread;
}

export interface ProcedureSummary {
  key: TeachingProcedureKey;
  studies: number;
  /** Studies the procedure ran on, and those it could not (with the reasons counted). */
  used: number;
  failed: number;
  failures: {reason: string; count: number}[];
  separated: number;
  factors: FactorSummary[];
  /** Studies reporting exactly the true factors; every true factor (maybe others too); at least one null factor. */
  exactlyTrue: number;
  allTrue: number;
  anyNull: number;
  /** Mean number of factors reported. */
  meanReported: number;
  apparentAuc: Spread;
  newAuc: Spread;
  /** Studies whose apparent AUC exceeds the true model's AUC (which no equation can beat in new patients). */
  apparentAboveTruth: number;
  /** Apparent − new-patient AUC, per study. */
  optimism: Spread;
  slope: Spread;
  /** Studies whose equation has no calibration slope (it predicts one risk for everyone). */
  slopeUndefined: number;
  inTheLarge: Spread;
  shrinkage: Spread;
}

function bitCount(x: number): number {
  let c = 0;
  for (; x; x &= x - 1) c++;
  return c;
}

/** The summary of one procedure over the records (in the order given). */
export function summarizeStudies(records: readonly StudyRecord[], key: TeachingProcedureKey, pop: Pick<Population, "effects" | "trueAuc">): ProcedureSummary {
  const outcomes = records.map((r) => r.outcomes[key]).filter((o): o is CompactOutcome => o !== undefined);
  const used = outcomes.filter((o) => o.failed === null);
  const reasons = new Map<string, number>();
  for (const o of outcomes) if (o.failed !== null) reasons.set(o.failed, (reasons.get(o.failed) ?? 0) + 1);
  let trueMask = 0;
  pop.effects.forEach((e, j) => {
    if (e.beta !== 0) trueMask |= 1 << j;
  });
  const factors = pop.effects.map((e, j): FactorSummary => {
    const reported = used.filter((o) => o.reported & (1 << j)).length;
    const inModel = used.map((o) => o.logOr[j]!).filter((v) => !Number.isNaN(v));
    const whenReported = used.filter((o) => o.reported & (1 << j)).map((o) => o.logOr[j]!);
    return {
      variable: e.variable, trueOddsRatio: e.oddsRatio, reported, fraction: used.length ? reported / used.length : NaN,
      oddsRatio: spread(inModel.map(Math.exp)), logOddsRatio: spread(inModel),
      reportedOddsRatio: spread(whenReported.map(Math.exp)), reportedLogOddsRatio: spread(whenReported)
    };
  });
  return {
    key,
    studies: outcomes.length,
    used: used.length,
    failed: outcomes.length - used.length,
    failures: [...reasons].map(([reason, count]) => ({reason, count})).sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1)),
    separated: used.filter((o) => o.separated).length,
    factors,
    exactlyTrue: used.filter((o) => o.reported === trueMask).length,
    allTrue: used.filter((o) => (o.reported & trueMask) === trueMask).length,
    anyNull: used.filter((o) => (o.reported & ~trueMask) !== 0).length,
    meanReported: used.length ? used.reduce((s, o) => s + bitCount(o.reported), 0) / used.length : NaN,
    apparentAuc: spread(used.map((o) => o.apparentAuc)),
    apparentAboveTruth: used.filter((o) => o.apparentAuc > pop.trueAuc).length,
    newAuc: spread(used.map((o) => o.newAuc)),
    optimism: spread(used.map((o) => o.apparentAuc - o.newAuc)),
    slope: spread(used.map((o) => o.slope)),
    slopeUndefined: used.filter((o) => Number.isNaN(o.slope)).length,
    inTheLarge: spread(used.map((o) => o.inTheLarge)),
    shrinkage: spread(used.map((o) => o.shrinkage))
  };
}
