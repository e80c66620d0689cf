/**
 * Stage 1 of the reconstruction: the two groups' values of one measured variable (its marginal distributions),
 * found by simulated annealing on a grid, so that the group means and SDs print as published, the two-sample
 * Student t reproduces the published p-value, the empirical AUC of the variable prints as published, and the
 * plausibility rules (./plausibility.ts) hold.
 *
 * State: each patient's value as an integer k on the variable's grid (value = k / 10^decimals), with per-group
 * histograms, sums Σk and Σk², and the Mann–Whitney pair count 2·#{case > control} + #{case = control}. A move
 * changes one patient's k, or shifts two patients of a group by +s and −s (which keeps the mean); each is
 * evaluated in O(grid range), not O(n²). Objective: Σ (distance outside a target interval / half-width)² over
 * the means, SDs, |t| and AUC, plus one per unit of plausibility violation (excess tied patients, extra patients
 * at a range limit, grid steps of an over-wide gap, patients beyond a shape option's window limit). Metropolis acceptance with a geometric cooling schedule;
 * stops as soon as the objective is 0.
 *
 * Why not normal marginals: with the published mean ± SD of age (73.0 ± 6.6 vs 67.9 ± 7.9) two normal groups
 * give an AUC near 0.69, not the published 0.804; a high AUC with those moments needs each group's mass
 * concentrated away from the other group with a thin tail towards it, which the annealing finds.
 *
 * @example optimiseMarginal(target, createRng(1)).objective // 0 when all marginal targets are met
 */
import {normalQuantile} from "../../stats/distributions.js";
import type {Rng} from "../../stats/random.js";
import {intervalDistance, type Interval} from "./targets.js";
import {maxGap, tieCap} from "./plausibility.js";

/** Targets of one measured variable; index 0 = ASD (cases), 1 = non-ASD (controls). */
export interface ContinuousTarget {
  column: string;
  name: string;
  /** Grid decimals: value = k / 10^decimals. */
  decimals: number;
  /** Plausible range on the grid, inclusive. */
  kMin: number;
  kMax: number;
  n: [number, number];
  publishedMean: [number, number];
  publishedSd: [number, number];
  mean: [Interval, Interval];
  sd: [Interval, Interval];
  /** |t| of the pooled two-sample t-test, when a p-value was published. */
  absT?: Interval;
  /** AUC of the variable alone, when published; direction as pROC's "auto" gives for the published means. */
  auc?: Interval;
  direction: "<" | ">";
  /**
   * Shape limit (the generator's shape option): in each group, at most maxCount[g] patients within any window of
   * `width` grid steps (closed: values k..k+width), so the distribution cannot be more concentrated than that.
   */
  window?: {width: number; maxCount: [number, number]};
}

/** Largest number of values of a histogram within any closed window of `width` cells (k..k+width). */
export function maxWindowCount(h: ArrayLike<number>, width: number): number {
  let inWindow = 0;
  let best = 0;
  for (let c = 0; c < h.length; c++) {
    inWindow += h[c]!;
    if (c - width - 1 >= 0) inWindow -= h[c - width - 1]!;
    if (inWindow > best) best = inWindow;
  }
  return best;
}

export class MarginalState {
  readonly target: ContinuousTarget;
  readonly scale: number;
  readonly range: number;
  readonly values: [Int32Array, Int32Array];
  readonly hist: [Int32Array, Int32Array];
  readonly sum: [number, number] = [0, 0];
  readonly sumSq: [number, number] = [0, 0];
  /** 2·#{case > control} + #{case = control}. */
  pairs2 = 0;
  private readonly cap: [number, number];
  private readonly gapK: [number, number];

  constructor(target: ContinuousTarget, cases: ArrayLike<number>, controls: ArrayLike<number>) {
    this.target = target;
    this.scale = Math.pow(10, target.decimals);
    this.range = target.kMax - target.kMin;
    this.values = [Int32Array.from(cases), Int32Array.from(controls)];
    this.hist = [new Int32Array(this.range + 1), new Int32Array(this.range + 1)];
    for (const g of [0, 1] as const) {
      if (this.values[g].length !== target.n[g]) throw new RangeError(`${target.column}: group ${g} has ${this.values[g].length} values, expected ${target.n[g]}`);
      for (const k of this.values[g]) {
        if (k < target.kMin || k > target.kMax) throw new RangeError(`${target.column}: value ${k / this.scale} outside the plausible range`);
        this.hist[g][k - target.kMin]++;
        this.sum[g] += k;
        this.sumSq[g] += k * k;
      }
    }
    for (const k of this.values[0]) this.pairs2 += this.pairScore(this.hist[1], k - target.kMin);
    this.cap = [tieCap(target.n[0]), tieCap(target.n[1])];
    // The gap rule is checked against the sample SD (plausibility.ts); any SD that meets the target is at least
    // the interval's lower end, so the limit it gives here holds for the final sample as well
    this.gapK = [
      maxGap(target.n[0], target.sd[0].lo, 1 / this.scale) * this.scale + 1e-9,
      maxGap(target.n[1], target.sd[1].lo, 1 / this.scale) * this.scale + 1e-9
    ];
  }

  /** 2·#{h < x} + #{h = x} for a histogram h and a cell x. */
  private pairScore(h: Int32Array, x: number): number {
    let below = 0;
    for (let c = 0; c < x; c++) below += h[c];
    return 2 * below + h[x];
  }

  /** Sets patient i of group g to grid value k, updating all running statistics. */
  set(g: 0 | 1, i: number, k: number): void {
    const old = this.values[g][i];
    if (old === k) return;
    const a = old - this.target.kMin;
    const b = k - this.target.kMin;
    if (g === 0) this.pairs2 += this.pairScore(this.hist[1], b) - this.pairScore(this.hist[1], a);
    else this.pairs2 += this.pairScore(this.hist[0], a) - this.pairScore(this.hist[0], b);
    this.hist[g][a]--;
    this.hist[g][b]++;
    this.sum[g] += k - old;
    this.sumSq[g] += k * k - old * old;
    this.values[g][i] = k;
  }

  mean(g: 0 | 1): number {
    return this.sum[g] / this.target.n[g] / this.scale;
  }

  variance(g: 0 | 1): number {
    const n = this.target.n[g];
    return (this.sumSq[g] - (this.sum[g] * this.sum[g]) / n) / (n - 1) / (this.scale * this.scale);
  }

  sd(g: 0 | 1): number {
    return Math.sqrt(Math.max(0, this.variance(g)));
  }

  /** Pooled-variance two-sample t of cases minus controls. */
  t(): number {
    const [n0, n1] = this.target.n;
    const sp2 = ((n0 - 1) * this.variance(0) + (n1 - 1) * this.variance(1)) / (n0 + n1 - 2);
    return (this.mean(0) - this.mean(1)) / Math.sqrt(sp2 * (1 / n0 + 1 / n1));
  }

  /** Empirical AUC in the target's direction (ties count one half). */
  auc(): number {
    const a = this.pairs2 / (2 * this.target.n[0] * this.target.n[1]);
    return this.target.direction === "<" ? a : 1 - a;
  }

  /** Sum of squared scaled distances to the moment, t and AUC targets. */
  fitDistance(): number {
    let f = 0;
    for (const g of [0, 1] as const) {
      f += intervalDistance(this.mean(g), this.target.mean[g]) ** 2;
      f += intervalDistance(this.sd(g), this.target.sd[g]) ** 2;
    }
    if (this.target.absT) f += intervalDistance(Math.abs(this.t()), this.target.absT) ** 2;
    if (this.target.auc) f += intervalDistance(this.auc(), this.target.auc) ** 2;
    return f;
  }

  /** Units of plausibility violation: excess tied patients, extra patients at limits, grid steps of over-wide gaps. */
  violations(): number {
    let v = 0;
    for (const g of [0, 1] as const) {
      const h = this.hist[g];
      const cap = this.cap[g];
      let last = -1;
      for (let c = 0; c <= this.range; c++) {
        const m = h[c];
        if (m === 0) continue;
        if (m > cap) v += m - cap;
        if (last >= 0 && c - last > this.gapK[g]) v += c - last - this.gapK[g];
        last = c;
      }
      const atLimits = h[0] + h[this.range];
      if (atLimits > 1) v += atLimits - 1;
      const w = this.target.window;
      if (w) {
        const excess = maxWindowCount(h, w.width) - w.maxCount[g];
        if (excess > 0) v += excess;
      }
    }
    return v;
  }

  objective(): number {
    return this.fitDistance() + this.violations();
  }
}

/**
 * Standardized quantile of a skewed family: a log-normal with shape `skew` (0 = normal), standardized to mean 0
 * and SD 1; negative skew mirrors it (long left tail).
 */
export function skewedQuantile(u: number, skew: number): number {
  const z = normalQuantile(u);
  const s = Math.abs(skew);
  if (s < 1e-3) return z;
  const m = Math.exp((s * s) / 2);
  const sd = Math.sqrt((Math.exp(s * s) - 1) * Math.exp(s * s));
  return skew > 0 ? (Math.exp(s * z) - m) / sd : -(Math.exp(-s * z) - m) / sd;
}

/**
 * Starting values: each group drawn by stratified sampling (u = (i + U)/n, U uniform) from a skewed family with
 * the group's published mean and SD, rounded to the grid and kept one step inside the range. Each group's long
 * tail points towards the other group (controls of a variable that is higher in cases have a tail to the right),
 * the shape under which a high AUC coexists with the published moments. The skew is the one of a short scan
 * whose starting state is closest to the targets.
 */
export function initialMarginal(target: ContinuousTarget, rng: Rng): MarginalState {
  const scale = Math.pow(10, target.decimals);
  const sign = target.direction === "<" ? 1 : -1; // controls' tail direction
  const draws = [0, 1].map((g) => Array.from({length: target.n[g]}, (_, i) => (i + 0.15 + 0.7 * rng.next()) / target.n[g]));
  const order = [0, 1].map((g) => draws[g].map((_, i) => i).sort(() => 0));
  for (const g of [0, 1]) {
    const o = order[g];
    for (let i = o.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [o[i], o[j]] = [o[j], o[i]];
    }
  }
  let best: MarginalState | null = null;
  let bestF = Infinity;
  for (const skew of [0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.2]) {
    const groups = [0, 1].map((g) =>
      order[g].map((i) => {
        const x = target.publishedMean[g] + target.publishedSd[g] * skewedQuantile(draws[g][i], g === 1 ? sign * skew : -sign * skew);
        return Math.min(target.kMax - 1, Math.max(target.kMin + 1, Math.round(x * scale)));
      })
    );
    const s = new MarginalState(target, groups[0], groups[1]);
    const f = s.objective();
    if (f < bestF) {
      bestF = f;
      best = s;
    }
  }
  return best!;
}

export interface MarginalResult {
  state: MarginalState;
  objective: number;
  iterations: number;
}

const STEPS = [1, 1, 1, 1, 1, 2, 2, 3];

/**
 * Simulated annealing of one variable's two marginals; see the module comment. Up to `restarts` independent
 * runs (each from a fresh starting state); the first to reach 0 wins, else the best.
 */
export function optimiseMarginal(
  target: ContinuousTarget,
  rng: Rng,
  {iterations = 200_000, t0 = 0.5, t1 = 0.002, restarts = 4}: {iterations?: number; t0?: number; t1?: number; restarts?: number} = {}
): MarginalResult {
  let best: MarginalResult | null = null;
  let total = 0;
  for (let r = 0; r < restarts; r++) {
    const result = annealMarginal(target, rng, iterations, t0, t1);
    total += result.iterations;
    if (!best || result.objective < best.objective) best = result;
    if (best.objective === 0) break;
  }
  return {...best!, iterations: total};
}

function annealMarginal(target: ContinuousTarget, rng: Rng, iterations: number, t0: number, t1: number): MarginalResult {
  const s = initialMarginal(target, rng);
  let f = s.objective();
  let it = 0;
  for (; it < iterations && f > 0; it++) {
    const temp = t0 * Math.pow(t1 / t0, it / iterations);
    const g: 0 | 1 = rng.next() < 0.5 ? 0 : 1;
    const n = target.n[g];
    const i = rng.int(n);
    const step = STEPS[rng.int(STEPS.length)] * (rng.next() < 0.5 ? -1 : 1);
    const ki = s.values[g][i] + step;
    if (ki < target.kMin || ki > target.kMax) continue;
    const paired = rng.next() < 0.5;
    let j = -1;
    let kj = 0;
    if (paired) {
      j = rng.int(n);
      kj = s.values[g][j] - step;
      if (j === i || kj < target.kMin || kj > target.kMax) continue;
    }
    const oldI = s.values[g][i];
    const oldJ = paired ? s.values[g][j] : 0;
    s.set(g, i, ki);
    if (paired) s.set(g, j, kj);
    const fNew = s.objective();
    if (fNew <= f || rng.next() < Math.exp((f - fNew) / temp)) {
      f = fNew;
    } else {
      if (paired) s.set(g, j, oldJ);
      s.set(g, i, oldI);
    }
  }
  return {state: s, objective: f, iterations: it};
}
