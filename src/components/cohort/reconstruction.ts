/**
 * Reconstruction of the study cohort from its published summary: a deterministic, seeded generator of synthetic
 * patients (one row per patient, columns of ./schema.ts) whose analysis reproduces the figures the abstract
 * publishes (src/data/published.json) at the precision they were printed.
 *
 * The data are not public; only the abstract is. Tools such as GRIM and SPRITE reconstruct one variable at a time
 * from its mean, SD and n; here the whole joint cohort is reconstructed, because the abstract also publishes a
 * multivariable model and ROC areas that depend on how the variables go together.
 *
 * Algorithm (all randomness from one seeded stream, the engine's createRng of ../stats/random.ts, so the same seed
 * gives the same bytes; every statistic from the engine's numerics: distributions, Cholesky, the warm logistic fit):
 * 0. Targets (./reconstruction/targets.ts): each published figure becomes the interval of values that print as
 *    it (73.0 -> [72.95, 73.05]; P<0.001 -> p < 0.001), shrunk slightly at both ends so that the engine's own
 *    computation cannot fall on the far side of a rounding boundary. P-values become intervals of |t| (pooled
 *    two-sample t, df 160) or of Wald |z|; odds ratios become intervals of β = log OR. The four variables the
 *    abstract does not name as independent factors must have P > 0.05 and an OR within [1/5, 5] (OTHER_OR_LIMIT).
 * 1. Counts: group sizes and the yes/no counts of smoking, prior ASD and cement leakage are set exactly; which
 *    patients carry the "yes" is drawn at random within each group.
 * 2. Marginals (./reconstruction/marginals.ts): for each measured variable, simulated annealing on its grid
 *    (whole years; 0.1 for the others), started from skewed stratified samples whose tails point towards the
 *    other group, moves single values, or pairs by +s/−s, until both groups' means and SDs,
 *    the t-test p-value and the variable's AUC print as published, with the plausibility rules of
 *    ./reconstruction/plausibility.ts (range, pile-ups, limits, gaps) as penalties; stage-1 intervals are shrunk
 *    further (20% of the half-width) so that stage 3 has room to move.
 * 3. Dependence (./reconstruction/dependence.ts): simulated annealing with continuation (target intervals 30×
 *    wider at first, narrowing geometrically to their true width by 70% of the run) over swaps of values between
 *    patients of the same group (marginals untouched) and +1/−1 shifts that keep every stage-2 target and rule.
 *    Each move is decided on a screen — one Newton step of the models from their current fits for the two changed
 *    patients, O(k³) — and only an accepted move is refitted (warm-started Newton from that step, eight-predictor
 *    model and four-factor equation); the search stops when the models, refitted to full precision, meet every
 *    model figure. A run that ends short of one is followed by a fresh schedule from where it stopped (`restarts`).
 * 4. Output: patients in a seeded random order, ids 1..n.
 *
 * Model reading (the abstract does not list the multivariable model's variables): all eight variables compared in
 * the univariate analysis enter — age, smoking, prior ASD, BMD T-score, cement volume, cement leakage, Cobb
 * angle, height recovery (each per unit, binaries 0/1) — and the "prediction equation" is the logistic model of
 * the four independent factors (age, BMD, cement, recovery), whose fitted probabilities give the AUC 0.960.
 *
 * Shape option (`shape`): limits on how concentrated a measured column may be — at most a share of a group within
 * any window of given width (ShapeLimit) — added to stage 2's plausibility penalties, so stages 2 and 3 keep them.
 * None by default (the site's cohort); the ensemble (src/components/study/ensemble.ts, bin/ensemble.ts) uses them to
 * find the least concentrated age distribution the published figures allow, and to vary the members' shapes.
 *
 * Where a target is not met within the iteration budget and its restarts, `diagnostics` says which and by how
 * much; the fidelity report (./fidelity.ts) recomputes every figure with the project's engine.
 *
 * Throws RangeError when the published summary lacks a figure the generator needs, a group is empty, or the seed is
 * not an integer.
 *
 * Cost: about 8 s of CPU on the project's 2-core machine for the default seed (npm run bench: see the README for
 * the medians; wall-clock time on the shared machine varies by ±30% and more beside other jobs): the marginals take
 * under half a second; the dependence annealing stops when every figure prints as published, after 315,001 moves of
 * which 115,317 were accepted and refitted (one Newton pass each, mostly). src/data/lib/cohort.ts caches the result
 * so that a build generates it once.
 *
 * @example generateCohort(published).rows.length // 162
 */
import type {CohortRow} from "./schema.js";
import {createRng, type Rng} from "../stats/random.js";
import {
  columnOf,
  continuousTargets,
  printedDecimals,
  pToStatisticInterval,
  roundingInterval,
  zTwoSidedP,
  type PublishedForReconstruction
} from "./reconstruction/targets.js";
import {MarginalState, optimiseMarginal} from "./reconstruction/marginals.js";
import {publishedFactors} from "./schema.js";
import {JointState, MODEL_PREDICTORS, optimiseDependence, type BinaryState, type DependenceResult, type ModelTargets} from "./reconstruction/dependence.js";

export type {PublishedForReconstruction} from "./reconstruction/targets.js";
export {MODEL_PREDICTORS} from "./reconstruction/dependence.js";

/** ORs of the variables the abstract does not report as independent factors are kept within [1/5, 5]. */
export const OTHER_OR_LIMIT = 5;

/**
 * The seed the site's cohort is generated from, by one rule: of seeds 1–12, those whose annealing reaches every
 * published figure in its first run at the earliest move the schedule allows (move 315,001: the targets reach their
 * true width at 70% of the 450,000 moves), the one with the fewest refits. On the engine's PRNG
 * (../stats/random.ts) that is seed 3 (115,317 refits; seeds 2 and 4 also stop at move 315,001, after 121,263 and
 * 119,262). The same rule picked seed 10 on the generator's former private PRNG (sfc32); on this one seed 10 still
 * converges in its first run, but later (move 317,006, 118,246 refits). Other seeds give other cohorts: of seeds
 * 1–12, 7 reach every figure in the first run, 4 more after one or two restarts, and seed 6 misses the age OR, its
 * P and the limit on leakage's OR (5.009 > 5) after three runs.
 * test/cohort/reconstruction.test.ts checks the first-run convergence of this seed and every figure by the engine.
 */
export const DEFAULT_SEED = 3;

/**
 * A shape option: no more than `maxShare` of a group (cases, controls) within any window of `width` units of the
 * column (closed: a 5-year window 72–77 holds ages 72 to 77). Absent: the shape the annealing happens to find.
 */
export interface ShapeLimit {
  column: string;
  width: number;
  maxShare: [number, number];
}

/** The shape limit as a marginal target's window: grid steps and patient counts per group. */
export function windowOf(limit: ShapeLimit, decimals: number, n: [number, number]): {width: number; maxCount: [number, number]} {
  const scale = Math.pow(10, decimals);
  if (!(limit.width > 0)) throw new RangeError(`shape ${limit.column}: width must be positive, got ${limit.width}`);
  const count = (g: 0 | 1) => {
    const share = limit.maxShare[g];
    if (!(share > 0 && share <= 1)) throw new RangeError(`shape ${limit.column}: maxShare must be in (0, 1], got ${share}`);
    return Math.floor(share * n[g] + 1e-9);
  };
  return {width: Math.round(limit.width * scale), maxCount: [count(0), count(1)]};
}

export interface ReconstructionOptions {
  seed?: number;
  /** Shape limits on measured columns (see ShapeLimit); none by default. */
  shape?: readonly ShapeLimit[];
  /** Iteration budgets of the two annealing stages. */
  marginalIterations?: number;
  dependenceIterations?: number;
  /** Further runs of the dependence annealing when one ends short of a model target (each a full schedule). */
  restarts?: number;
  /** Start and end temperatures of the dependence annealing (objective in half-widths). */
  dependenceTemperature?: [number, number];
  /** Shrink of the final target intervals, in half-widths at each end (safety against rounding boundaries). */
  margin?: number;
}

export interface ReconstructionDiagnostics {
  seed: number;
  margin: number;
  marginals: {column: string; objective: number; iterations: number}[];
  /** The last run of the dependence annealing. */
  dependence: DependenceResult;
  /** Runs of the dependence annealing (1 + the restarts used). */
  dependenceRuns: number;
  /** True when every optimiser target was reached (the fidelity report is the authority). */
  converged: boolean;
}

export interface Reconstruction {
  rows: CohortRow[];
  diagnostics: ReconstructionDiagnostics;
  /** Wall-clock seconds of the generation, when the caller measured it (not part of the pure output). */
  generationSeconds?: number;
}

/** Targets of the two models, from the published ORs and p-values (see the module comment for the model). */
export function modelTargets(published: PublishedForReconstruction, margin: number): ModelTargets {
  const terms: ModelTargets["terms"] = [];
  for (const column of MODEL_PREDICTORS) {
    const entry = published.multivariable.find((m) => columnOf(m) === column);
    if (entry) {
      const orIv = roundingInterval(entry.or, entry.orDecimals ?? printedDecimals(entry.or), "=", margin);
      const lo = Math.log(orIv.lo);
      const hi = Math.log(orIv.hi);
      const pIv = roundingInterval(entry.p.value, entry.p.decimals ?? printedDecimals(entry.p.value), entry.p.relation, margin);
      terms.push({
        column,
        beta: {lo, hi, scale: (Math.log(entry.or + orIv.scale) - Math.log(entry.or - orIv.scale)) / 2},
        absZ: pToStatisticInterval({lo: Math.max(0, pIv.lo), hi: pIv.hi, scale: pIv.scale}, zTwoSidedP, 0.1)
      });
    } else {
      // not reported as an independent factor: not significant, p > 0.05, and an OR of ordinary size
      // (between 1/5 and 5), so that no unreported variable carries an implausibly strong effect
      const pIv = roundingInterval(0.05, 2, ">", margin);
      terms.push({
        column,
        beta: {lo: -Math.log(OTHER_OR_LIMIT), hi: Math.log(OTHER_OR_LIMIT), scale: 0.1},
        absZ: pToStatisticInterval({lo: pIv.lo, hi: 1, scale: pIv.scale}, zTwoSidedP, 0.1)
      });
    }
  }
  const eq = published.auc.find((a) => a.marker === "model");
  if (!eq) throw new RangeError('published: no AUC with marker "model" (the prediction equation)');
  return {terms, equationAuc: roundingInterval(eq.value, eq.decimals ?? printedDecimals(eq.value), "=", margin)};
}

function shuffle<T>(a: T[], rng: Rng): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** Generates the reconstructed cohort; see the module comment for the algorithm. Pure: same input, same output. */
export function generateCohort(published: PublishedForReconstruction, options: ReconstructionOptions = {}): Reconstruction {
  const {seed = DEFAULT_SEED, marginalIterations = 300_000, dependenceIterations = 450_000, restarts = 2, margin = 0.05, dependenceTemperature = [10, 0.01]} = options;
  const n0 = published.groups.asd.n;
  const n1 = published.groups.nonAsd.n;
  if (!(Number.isInteger(n0) && n0 > 0 && Number.isInteger(n1) && n1 > 0)) throw new RangeError(`published.groups: group sizes must be positive integers, got ${n0} and ${n1}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const rng = createRng(seed);

  // 1. counts
  const binary = new Map<string, BinaryState>();
  for (const b of published.binary) {
    const column = columnOf(b);
    if (b.asd.yes + b.asd.no !== n0 || b.nonAsd.yes + b.nonAsd.no !== n1) throw new RangeError(`published.binary ${b.name}: yes + no must equal the group sizes ${n0} and ${n1}`);
    const cases = shuffle(Array.from({length: n0}, (_, i) => (i < b.asd.yes ? 1 : 0)), rng);
    const controls = shuffle(Array.from({length: n1}, (_, i) => (i < b.nonAsd.yes ? 1 : 0)), rng);
    binary.set(column, {column, values: Uint8Array.from([...cases, ...controls])});
  }

  // 2. marginals (stage-1 targets shrunk by 20%; checked against the final targets from then on)
  const stage1 = continuousTargets(published, 0.2);
  const finalTargets = continuousTargets(published, margin);
  for (const limit of options.shape ?? []) {
    const j = finalTargets.findIndex((t) => t.column === limit.column);
    if (j < 0) throw new RangeError(`shape: "${limit.column}" is not a measured column with published figures`);
    const window = windowOf(limit, finalTargets[j].decimals, finalTargets[j].n);
    stage1[j].window = window;
    finalTargets[j].window = window;
  }
  const continuous = new Map<string, MarginalState>();
  const marginals: ReconstructionDiagnostics["marginals"] = [];
  stage1.forEach((t, j) => {
    const r = optimiseMarginal(t, rng, {iterations: marginalIterations});
    marginals.push({column: t.column, objective: r.objective, iterations: r.iterations});
    continuous.set(t.column, new MarginalState(finalTargets[j], r.state.values[0], r.state.values[1]));
  });
  for (const c of MODEL_PREDICTORS) if (!continuous.has(c) && !binary.has(c)) throw new RangeError(`published: no figures for the model predictor "${c}"`);

  // 3. dependence; a run that ends short of a model target is followed by a fresh schedule from where it stopped
  // (same marginals, the random stream continuing), up to `restarts` times
  const state = new JointState(continuous, binary, n0, n1, publishedFactors(published));
  const targets = modelTargets(published, margin);
  const anneal = () => optimiseDependence(state, targets, rng, {iterations: dependenceIterations, t0: dependenceTemperature[0], t1: dependenceTemperature[1]});
  let dep = anneal();
  let dependenceRuns = 1;
  for (; dependenceRuns <= restarts && dep.objective > 0; dependenceRuns++) dep = anneal();

  // 4. rows in a seeded random order
  const order = shuffle(Array.from({length: n0 + n1}, (_, p) => p), rng);
  const rows: CohortRow[] = order.map((p, r) => ({
    id: r + 1,
    asd: p < n0 ? 1 : 0,
    age: state.value("age", p),
    smoking: state.value("smoking", p),
    prior_asd: state.value("prior_asd", p),
    bmd_t: state.value("bmd_t", p),
    cement_ml: state.value("cement_ml", p),
    cement_leakage: state.value("cement_leakage", p),
    cobb_post_deg: state.value("cobb_post_deg", p),
    height_recovery_pct: state.value("height_recovery_pct", p)
  }));
  const converged = marginals.every((m) => m.objective === 0) && dep.objective === 0;
  return {rows, diagnostics: {seed, margin, marginals, dependence: dep, dependenceRuns, converged}};
}
