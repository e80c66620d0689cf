/**
 * Stage 2 of the reconstruction: which patient carries which value. With every marginal fixed by stage 1
 * (so group sizes, counts, means, SDs, univariate p-values and single-variable AUCs already print as
 * published), simulated annealing searches the joint arrangement so that the multivariable logistic model of all
 * eight candidate predictors reproduces the published odds ratios and p-values of cement, height recovery, age
 * and BMD (and leaves smoking, prior ASD, leakage and Cobb angle non-significant), and the logistic model of
 * the four factors reproduces the published AUC of the prediction equation.
 *
 * Moves (all within one outcome group, so marginals and counts cannot change):
 * - swap two patients' values of one measured variable — changes dependence only;
 * - swap two patients' yes/no of one binary variable — ditto;
 * - shift two patients' values of one measured variable by +1 and −1 grid step — keeps the group mean, and is
 *   kept only if every stage-1 target and plausibility rule still holds (checked incrementally first, before any
 *   model is refitted), which lets the marginal shapes move within their feasible set.
 * Each move is decided on a screen: one Newton step of the models from their current fits for the two changed rows
 * (WarmLogistic.approximate, O(k³)); only an accepted move is refitted (warm-started Newton, the engine's
 * src/components/stats/warm-logistic.ts), so the objective of the current arrangement is always that of fitted
 * models. Objective: Σ distance outside each target interval, in half-widths (β = log OR for the ORs, |z| for the
 * Wald p-values, the AUC of the four-factor model's fitted values); Metropolis acceptance, geometric cooling; stops
 * when the models, refitted to full precision, meet every target.
 *
 * @example optimiseDependence(state, targets, createRng(1)).objective // 0 when every model target is met
 */
import type {Rng} from "../../stats/random.js";
import {WarmLogistic} from "../../stats/warm-logistic.js";
import type {MarginalState} from "./marginals.js";
import {intervalDistance, type Interval} from "./targets.js";
import {PREDICTOR_COLUMNS} from "../schema.js";

/** Predictor order of the multivariable model (after the intercept): the data dictionary's candidates. */
export const MODEL_PREDICTORS = PREDICTOR_COLUMNS;

export interface ModelTargets {
  /** Per multivariable predictor: interval of β (log OR) and of |z|, or only |z| for "not significant". */
  terms: {column: string; beta?: Interval; absZ: Interval}[];
  equationAuc: Interval;
}

/** Binary columns: per patient 0/1, patients ordered cases first. */
export interface BinaryState {
  column: string;
  values: Uint8Array;
}

export interface DependenceResult {
  objective: number;
  iterations: number;
  accepted: number;
  /** Moves accepted on their screen and so refitted (a failed refit rejects the move). */
  refits: number;
  /** Named distances of the final state (0 = met). */
  distances: Record<string, number>;
  /** The optimiser's own values of the model figures in the final state (OR, p, AUC). */
  values: Record<string, number>;
}

export class JointState {
  readonly n: number;
  readonly n0: number;
  readonly y: Float64Array;
  /** Columns of the multivariable design and of the equation's (intercept included). */
  readonly k8: number;
  readonly k4: number;
  readonly x8: Float64Array;
  readonly x4: Float64Array;
  readonly m8: WarmLogistic;
  readonly m4: WarmLogistic;
  readonly col8 = new Map<string, number>();
  private readonly col4 = new Map<string, number>();

  /**
   * `equation`: the prediction equation's predictors (the factors the abstract reports as independent, in the
   * dictionary's order; the generator reads them from published.json).
   */
  constructor(
    readonly continuous: Map<string, MarginalState>,
    readonly binary: Map<string, BinaryState>,
    n0: number,
    n1: number,
    equation: readonly string[]
  ) {
    this.n0 = n0;
    this.n = n0 + n1;
    this.y = new Float64Array(this.n);
    for (let i = 0; i < n0; i++) this.y[i] = 1;
    MODEL_PREDICTORS.forEach((c, j) => this.col8.set(c, j + 1));
    equation.forEach((c, j) => this.col4.set(c, j + 1));
    const k8 = (this.k8 = MODEL_PREDICTORS.length + 1);
    const k4 = (this.k4 = equation.length + 1);
    this.x8 = new Float64Array(this.n * k8);
    this.x4 = new Float64Array(this.n * k4);
    this.old8 = new Float64Array(2 * k8);
    this.old4 = new Float64Array(2 * k4);
    for (let p = 0; p < this.n; p++) {
      this.x8[p * k8] = 1;
      this.x4[p * k4] = 1;
      for (const c of MODEL_PREDICTORS) this.write(c, p);
    }
    this.m8 = new WarmLogistic({x: this.x8, y: this.y, n: this.n, k: k8});
    this.m4 = new WarmLogistic({x: this.x4, y: this.y, n: this.n, k: k4});
  }

  /** Value of column c for patient p (cases first). */
  value(c: string, p: number): number {
    const m = this.continuous.get(c);
    if (m) {
      const k = p < this.n0 ? m.values[0][p] : m.values[1][p - this.n0];
      return k / m.scale;
    }
    const b = this.binary.get(c);
    if (!b) throw new RangeError(`column: unknown column ${c}`);
    return b.values[p];
  }

  /** Copies patient p's value of column c into the design matrices. */
  write(c: string, p: number): void {
    const v = this.value(c, p);
    this.x8[p * this.k8 + this.col8.get(c)!] = v;
    const j4 = this.col4.get(c);
    if (j4 !== undefined) this.x4[p * this.k4 + j4] = v;
  }

  private eta4 = new Float64Array(0);
  private readonly old8: Float64Array;
  private readonly old4: Float64Array;
  private readonly pair = new Int32Array(2);

  /** Copies the design rows of patients p and q (before a move writes them) for approximateObjective. */
  saveRows(p: number, q: number): void {
    const {k8, k4} = this;
    this.old8.set(this.x8.subarray(p * k8, p * k8 + k8), 0);
    this.old8.set(this.x8.subarray(q * k8, q * k8 + k8), k8);
    this.old4.set(this.x4.subarray(p * k4, p * k4 + k4), 0);
    this.old4.set(this.x4.subarray(q * k4, q * k4 + k4), k4);
  }

  /** AUC of the equation with coefficients beta4 (cases above controls; ties one half). */
  equationAucAt(beta4: Float64Array): number {
    const {x4, n, k4} = this;
    if (this.eta4.length !== n) this.eta4 = new Float64Array(n);
    const eta4 = this.eta4;
    for (let i = 0; i < n; i++) {
      const row = i * k4;
      // left to right, as β₀ + x₁β₁ + x₂β₂ + … (the same sums as a written-out expression)
      let s = beta4[0]!;
      for (let j = 1; j < k4; j++) s += x4[row + j]! * beta4[j]!;
      eta4[i] = s;
    }
    return this.aucOf(eta4);
  }

  private sortedControls = new Float64Array(0);

  /**
   * Mann–Whitney AUC of η, cases (patients 0..n0−1) above controls, ties one half: the controls sorted once, then
   * two binary searches per case — the same count of pairs as comparing every case with every control.
   */
  private aucOf(eta: Float64Array): number {
    const {n, n0} = this;
    const m = n - n0;
    if (this.sortedControls.length !== m) this.sortedControls = new Float64Array(m);
    const sorted = this.sortedControls;
    sorted.set(eta.subarray(n0, n));
    sorted.sort();
    let pairs2 = 0;
    for (let i = 0; i < n0; i++) {
      const e = eta[i];
      // below = #{controls < e}, notAbove = #{controls ≤ e}
      let lo = 0;
      let hi = m;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sorted[mid] < e) lo = mid + 1;
        else hi = mid;
      }
      const below = lo;
      hi = m;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sorted[mid] <= e) lo = mid + 1;
        else hi = mid;
      }
      const notAbove = lo;
      pairs2 += below + notAbove;
    }
    return pairs2 / (2 * n0 * m);
  }

  /**
   * Screening estimate of the objective after the move that changed patients p and q (rows saved by saveRows):
   * one Newton step from the current fits (WarmLogistic.approximate); `auc` is used when the equation is
   * untouched. Infinity if an approximation fails.
   */
  approximateObjective(targets: ModelTargets, p: number, q: number, equation: boolean, auc: number): number {
    this.pair[0] = p;
    this.pair[1] = q;
    if (!this.m8.approximate(this.pair, this.old8)) return Infinity;
    if (equation) {
      if (!this.m4.approximate(this.pair, this.old4)) return Infinity;
      auc = this.equationAucAt(this.m4.approxBeta);
    }
    return this.objectiveWith(targets, this.m8.approxBeta, this.m8.approxSe, auc);
  }

  /** Σ distance outside each target interval, in half-widths, of coefficients, SEs and equation AUC. */
  objectiveWith(targets: ModelTargets, beta: Float64Array, se: Float64Array, auc: number): number {
    let f = 0;
    for (const t of targets.terms) {
      const j = this.col8.get(t.column)!;
      const b = beta[j];
      if (t.beta) f += intervalDistance(b, t.beta);
      f += intervalDistance(Math.abs(b / se[j]), t.absZ);
    }
    return f + intervalDistance(auc, targets.equationAuc);
  }

  /** AUC of the four-factor model's linear predictor (cases above controls; ties one half). */
  equationAuc(): number {
    return this.aucOf(this.m4.eta);
  }

  /** The current fits' ORs, Wald p-values and the equation's AUC, by name. */
  values(targets: ModelTargets): Record<string, number> {
    const out: Record<string, number> = {};
    for (const t of targets.terms) {
      const j = this.col8.get(t.column)!;
      out[`or:${t.column}`] = Math.exp(this.m8.beta[j]);
      out[`z:${t.column}`] = this.m8.beta[j] / this.m8.se[j];
    }
    out["auc:equation"] = this.equationAuc();
    return out;
  }

  /** Named distances of the current fits to the model targets. */
  distances(targets: ModelTargets): Record<string, number> {
    const out: Record<string, number> = {};
    for (const t of targets.terms) {
      const j = this.col8.get(t.column)!;
      const b = this.m8.beta[j];
      if (t.beta) out[`or:${t.column}`] = intervalDistance(b, t.beta);
      out[`p:${t.column}`] = intervalDistance(Math.abs(b / this.m8.se[j]), t.absZ);
    }
    out["auc:equation"] = intervalDistance(this.equationAuc(), targets.equationAuc);
    return out;
  }

  /** Objective of the current fits. */
  objective(targets: ModelTargets): number {
    return this.objectiveWith(targets, this.m8.beta, this.m8.se, this.equationAuc());
  }

  /**
   * Refits after an accepted move, from the screen's one-step coefficients (approximateObjective): the
   * eight-predictor model, and the equation if `equation`. False when a fit fails (separation, no convergence);
   * restoreFits() then gives back the previous coefficients.
   */
  refitFromScreen(equation: boolean): boolean {
    this.m8.save();
    this.m4.save();
    this.m8.beta.set(this.m8.approxBeta);
    if (!this.m8.fit(30, REFIT_TOLERANCE)) return false;
    if (!equation) return true;
    this.m4.beta.set(this.m4.approxBeta);
    return this.m4.fit(30, REFIT_TOLERANCE);
  }

  /** True when column c enters the four-factor equation. */
  inEquation(c: string): boolean {
    return this.col4.has(c);
  }

  restoreFits(): void {
    this.m8.restore();
    this.m4.restore();
  }
}

/** Two-sided intervals widened about their centre by factor w (one-sided ones unchanged). */
export function widenTargets(targets: ModelTargets, w: number): ModelTargets {
  const widen = (iv: Interval): Interval => {
    if (!Number.isFinite(iv.lo) || !Number.isFinite(iv.hi) || iv.lo === 0) return iv;
    const c = (iv.lo + iv.hi) / 2;
    const h = ((iv.hi - iv.lo) / 2) * w;
    return {lo: c - h, hi: c + h, scale: iv.scale * w};
  };
  return {
    terms: targets.terms.map((t) => ({column: t.column, absZ: widen(t.absZ), ...(t.beta ? {beta: widen(t.beta)} : {})})),
    equationAuc: widen(targets.equationAuc)
  };
}

/**
 * Tolerance of the refit after an accepted move: Newton, started from the screen's step, stops once its step is
 * below REFIT_TOLERANCE (relative, largest coefficient). The convergence being quadratic, that leaves β within
 * ~10⁻¹⁰ of the optimum; the standard errors come from the information at the last iterate but one, within ~10⁻⁵
 * relative — far inside any target interval. Before the search stops, both models are refitted to 10⁻¹⁰, and every
 * reported figure is recomputed by the engine in any case.
 */
export const REFIT_TOLERANCE = 1e-5;

/**
 * Annealing with continuation: the two-sided target intervals start `widen` times wider and narrow
 * geometrically to their true width at `narrowBy` of the run, so that the search first finds the structure
 * (the equation's discrimination, age's standard error) in a wide basin and then tightens onto the printed
 * figures, instead of being trapped early in the narrow valley where the already-matched ORs pin it.
 *
 * Each move is decided (Metropolis, geometric cooling) on its screen: one Newton step of the models it touches
 * from their current fits (WarmLogistic.approximate, O(k³) instead of a refit's O(n·k²) per pass; the equation's
 * AUC from the stepped coefficients). Only an accepted move is refitted, so the state's objective is always that of
 * fitted models; a refit that fails (separation) undoes the move. When every target is met, the search stops if
 * the models refitted to full precision still meet them all.
 */
export function optimiseDependence(
  state: JointState,
  finalTargets: ModelTargets,
  rng: Rng,
  {iterations = 150_000, t0 = 3, t1 = 0.003, widen = 30, narrowBy = 0.7}: {iterations?: number; t0?: number; t1?: number; widen?: number; narrowBy?: number} = {}
): DependenceResult {
  let targets = widenTargets(finalTargets, widen);
  let width = widen;
  const continuous = [...state.continuous.values()];
  const binary = [...state.binary.values()];
  const {n0, n} = state;
  state.m8.reset();
  state.m4.reset();
  if (!state.m8.fit(100) || !state.m4.fit(100)) throw new RangeError("initial arrangement: the models do not converge (separation)");
  /** AUC of the equation in the current (accepted) arrangement. */
  let auc = state.equationAuc();
  let f = state.objective(targets);
  let accepted = 0;
  let refits = 0;
  let it = 0;
  const groupOf = (p: number): 0 | 1 => (p < n0 ? 0 : 1);
  const indexIn = (p: number): number => (p < n0 ? p : p - n0);
  const partner = (p: number): number => (p < n0 ? rng.int(n0) : n0 + rng.int(n - n0));
  for (; it < iterations; it++) {
    if (f === 0 && width === 1) {
      // every target met by the search's fits: confirm with fits to full precision
      state.m8.fit(100);
      state.m4.fit(100);
      auc = state.equationAuc();
      f = state.objectiveWith(finalTargets, state.m8.beta, state.m8.se, auc);
      if (f === 0) break;
    }
    const temp = t0 * Math.pow(t1 / t0, it / iterations);
    if (it % 1000 === 0 && width > 1) {
      width = Math.max(1, Math.pow(widen, 1 - it / (narrowBy * iterations)));
      targets = width > 1 ? widenTargets(finalTargets, width) : finalTargets;
      f = state.objectiveWith(targets, state.m8.beta, state.m8.se, auc);
    }
    const u = rng.next();
    const p = rng.int(n);
    const q = partner(p);
    if (p === q) continue;
    const g = groupOf(p);
    let undo: () => void;
    let touched: string;
    if (u < 0.6) {
      // swap one measured variable's values
      const m = continuous[rng.int(continuous.length)];
      const a = m.values[g][indexIn(p)];
      const b = m.values[g][indexIn(q)];
      if (a === b) continue;
      m.values[g][indexIn(p)] = b;
      m.values[g][indexIn(q)] = a;
      touched = m.target.column;
      undo = () => {
        m.values[g][indexIn(p)] = a;
        m.values[g][indexIn(q)] = b;
      };
    } else if (u < 0.8) {
      // swap one binary variable's values
      const bs = binary[rng.int(binary.length)];
      const a = bs.values[p];
      const b = bs.values[q];
      if (a === b) continue;
      bs.values[p] = b;
      bs.values[q] = a;
      touched = bs.column;
      undo = () => {
        bs.values[p] = a;
        bs.values[q] = b;
      };
    } else {
      // shift two values of one measured variable by +1 and −1 grid step, if the marginal still meets its targets
      const m = continuous[rng.int(continuous.length)];
      const s = rng.next() < 0.5 ? 1 : -1;
      const ip = indexIn(p);
      const iq = indexIn(q);
      const a = m.values[g][ip];
      const b = m.values[g][iq];
      if (a + s < m.target.kMin || a + s > m.target.kMax || b - s < m.target.kMin || b - s > m.target.kMax) continue;
      m.set(g, ip, a + s);
      m.set(g, iq, b - s);
      if (m.objective() > 0) {
        m.set(g, iq, b);
        m.set(g, ip, a);
        continue;
      }
      touched = m.target.column;
      undo = () => {
        m.set(g, iq, b);
        m.set(g, ip, a);
      };
    }
    const equation = state.inEquation(touched);
    state.saveRows(p, q);
    state.write(touched, p);
    state.write(touched, q);
    const screen = state.approximateObjective(targets, p, q, equation, auc);
    if (Number.isFinite(screen) && (screen <= f || rng.next() < Math.exp((f - screen) / temp))) {
      refits++;
      if (state.refitFromScreen(equation)) {
        if (equation) auc = state.equationAuc();
        f = state.objectiveWith(targets, state.m8.beta, state.m8.se, auc);
        accepted++;
        continue;
      }
      // the refit failed (separation, no convergence): back to the previous arrangement and its fits
      undo();
      state.write(touched, p);
      state.write(touched, q);
      state.restoreFits();
      state.m8.fit(100);
      state.m4.fit(100);
      continue;
    }
    undo();
    state.write(touched, p);
    state.write(touched, q);
  }
  // η and standard errors of the final state to full precision
  state.m8.fit(100);
  state.m4.fit(100);
  return {objective: state.objective(finalTargets), iterations: it, accepted, refits, distances: state.distances(finalTargets), values: state.values(finalTargets)};
}
