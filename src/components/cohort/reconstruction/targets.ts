/**
 * The reconstruction's targets, derived from the published summary (src/data/published.json): for each figure,
 * the interval of values that print as the published figure at its published precision, moved to the scale the
 * optimiser works on (sums of grid values for means, |t| for a t-test p-value, log odds ratios for ORs, |z| for
 * Wald p-values).
 *
 * A figure printed as v with d decimals and relation "=" is met by any x with round(x, d) = v, i.e. x in
 * [v − h, v + h] with h = 0.5·10^−d; "P<0.001" by any p < 0.001. The optimiser aims inside the interval shrunk
 * by `margin`·h at each end, so that the engine's final computation (a different, independently converged fit)
 * cannot land on the other side of a rounding boundary.
 *
 * P-value intervals are turned into z and t intervals with the engine's normal and Student-t tails
 * (src/components/stats/distributions.ts, R's pnorm and pt to ~1e-14), inverted by bisection; the fidelity report
 * recomputes every figure with the same engine.
 *
 * Throws RangeError when a published figure the reconstruction needs is missing.
 *
 * @example roundingInterval(0.044, 3, "=", 0).lo // 0.0435
 */

import {normalSf, studentTSf} from "../../stats/distributions.js";
import type {PublishedSummary} from "../../stats/abstract-check.js";
import {printedDecimals} from "../../stats/printed.js";
import {COHORT_SCHEMA, publishedColumn} from "../schema.js";
import type {ContinuousTarget} from "./marginals.js";

export {printedDecimals};

/** The published figures the generator reads: published.json's one interface. */
export type PublishedForReconstruction = PublishedSummary;

/** A closed interval with the scale that turns a distance outside it into "how many half-widths off". */
export interface Interval {
  lo: number;
  hi: number;
  scale: number;
}

/** Distance of x outside the interval, in units of its scale (0 inside). */
export function intervalDistance(x: number, iv: Interval): number {
  if (Number.isNaN(x)) return 1e6;
  if (x < iv.lo) return (iv.lo - x) / iv.scale;
  if (x > iv.hi) return (x - iv.hi) / iv.scale;
  return 0;
}

/** Values that print as `value` at `decimals` ("=") or lie below it ("<"), shrunk by margin·half-width. */
export function roundingInterval(value: number, decimals: number, relation: "=" | "<" | ">", margin: number): Interval {
  const unit = Math.pow(10, -decimals);
  const h = unit / 2;
  if (relation === "=") return {lo: value - h + margin * h, hi: value + h - margin * h, scale: h};
  if (relation === "<") return {lo: -Infinity, hi: value - margin * h, scale: h};
  return {lo: value + margin * h, hi: Infinity, scale: h};
}


// ---- p-values as statistics (the engine's distribution functions) ----------------------------------------

/** Two-sided p of Student's t with df degrees of freedom: P(|T_df| > |t|) = 2·P(T_df > |t|), as R's 2*pt(-|t|, df). */
export function tTwoSidedP(t: number, df: number): number {
  return 2 * studentTSf(Math.abs(t), df);
}

/** Two-sided p of a standard normal z (a Wald test): 2·(1 − Φ(|z|)), as R's 2*pnorm(-|z|). */
export function zTwoSidedP(z: number): number {
  return 2 * normalSf(Math.abs(z));
}

/** The |statistic| at which a decreasing two-sided p function equals p (bisection to full precision). */
function invertP(pOf: (s: number) => number, p: number): number {
  if (p >= 1) return 0;
  if (p <= 0) return Infinity;
  let lo = 0;
  let hi = 1;
  while (pOf(hi) > p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (pOf(mid) > p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * A p-value interval (p in [pLo, pHi]) as an interval of |statistic| (p decreases in |statistic|), with scale
 * the statistic's half-width (or `openScale` for one-sided intervals such as p < 0.001 or p > 0.05).
 */
export function pToStatisticInterval(p: Interval, pOf: (s: number) => number, openScale: number): Interval {
  const lo = p.hi >= 1 ? 0 : invertP(pOf, p.hi);
  const hi = p.lo <= 0 ? Infinity : invertP(pOf, p.lo);
  const scale = Number.isFinite(hi) && lo > 0 ? (hi - lo) / 2 : openScale;
  return {lo, hi, scale};
}

// ---- the generator's targets ----------------------------------------------------------------------------

/** Grid (the dictionary's decimals) and plausible range of each measured column. */
export const GRID: Readonly<Record<string, {decimals: number; min: number; max: number}>> = Object.fromEntries(
  COHORT_SCHEMA.filter((c) => c.kind === "continuous").map((c) => [c.name, {decimals: c.decimals, min: c.plausible[0], max: c.plausible[1]}])
);


/** The cohort column of a published entry: its `column`, or the dictionary's column of its published name. */
export function columnOf(entry: {name: string; column?: string}): string {
  return entry.column ?? publishedColumn(entry.name);
}

/** The five measured variables' marginal targets, intervals shrunk by `margin` half-widths at each end. */
export function continuousTargets(published: PublishedForReconstruction, margin: number): ContinuousTarget[] {
  const n: [number, number] = [published.groups.asd.n, published.groups.nonAsd.n];
  return published.continuous.map((c) => {
    const column = columnOf(c);
    const grid = GRID[column];
    if (!grid) throw new RangeError(`published: "${c.name}" maps to column "${column}", which is not a measured column`);
    const d = c.decimals ?? Math.max(printedDecimals(c.asd.mean), printedDecimals(c.asd.sd), printedDecimals(c.nonAsd.mean), printedDecimals(c.nonAsd.sd));
    const scale = Math.pow(10, grid.decimals);
    const auc = published.auc.find((a) => a.marker === c.name);
    const target: ContinuousTarget = {
      column,
      name: c.name,
      decimals: grid.decimals,
      kMin: Math.round(grid.min * scale),
      kMax: Math.round(grid.max * scale),
      n,
      publishedMean: [c.asd.mean, c.nonAsd.mean],
      publishedSd: [c.asd.sd, c.nonAsd.sd],
      mean: [roundingInterval(c.asd.mean, d, "=", margin), roundingInterval(c.nonAsd.mean, d, "=", margin)],
      sd: [roundingInterval(c.asd.sd, d, "=", margin), roundingInterval(c.nonAsd.sd, d, "=", margin)],
      direction: c.asd.mean >= c.nonAsd.mean ? "<" : ">"
    };
    if (c.p) {
      const pIv = roundingInterval(c.p.value, c.p.decimals ?? printedDecimals(c.p.value), c.p.relation, margin);
      const df = n[0] + n[1] - 2;
      target.absT = pToStatisticInterval({lo: Math.max(0, pIv.lo), hi: pIv.hi, scale: pIv.scale}, (t) => tTwoSidedP(t, df), 0.1);
    }
    if (auc) target.auc = roundingInterval(auc.value, auc.decimals ?? printedDecimals(auc.value), "=", margin);
    return target;
  });
}
