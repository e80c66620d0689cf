/**
 * Runs a modelling procedure (./procedure.ts) on prepared data (../cohort/prepare.ts) and records what each step
 * kept: the univariable screen (each candidate's Table 1 test and p), the fit of the survivors, the selection (each
 * factor's Wald χ², or rms::fastbw's deletion sequence) and the refit that is the procedure's model.
 *
 * - Screen: a candidate is kept when its test's p < α (strictly); a test that cannot be computed keeps nothing.
 * - Wald selection: a factor (all terms of one predictor: a numeric column's one term, a categorical column's
 *   dummies) is kept when its Wald test β_Fᵀ V_FF⁻¹ β_F on |F| df (summary.glm's z² for one term; rms::anova's Wald
 *   χ² for several) has p < α.
 * - Backward elimination exactly as rms::fastbw (Lawless & Singhal 1978): from the fit of all survivors, repeatedly
 *   take the remaining factor with the smallest criterion (rule "aic": χ² − 2 df; rule "p": its χ² p-value's
 *   complement), computed from the approximate restricted coefficients β_in − V_in,out V_out,out⁻¹ β_out and their
 *   covariance; delete it when the residual χ² of everything deleted so far (type "residual") meets the rule
 *   (χ² − 2 df ≤ 0, or P > sls), or its own χ² does (type "individual"); stop at the first factor kept.
 * - The model: the selected factors refitted (the fit of the survivors itself when nothing was dropped), or the
 *   intercept-only model when nothing survives.
 *
 * Throws RangeError from the fit (collinear terms, a design with too few rows). Pure, no DOM.
 *
 * @example runProcedure(studyProcedure, data).predictors // ["age", "bmd_t", "cement_ml", "height_recovery_pct"]
 */
import {fitLogistic, type LogisticFit} from "../stats/logistic.js";
import {fitFirth} from "../stats/firth.js";
import {chiSquareSf} from "../stats/distributions.js";
import {choleskyInPlace, choleskySolveInPlace} from "../stats/linear-algebra.js";
import type {DesignMatrix} from "../stats/design.js";
import type {PreparedData, Variable} from "../cohort/prepare.js";
import {univariateTest, splitValues} from "../pipeline/table1.js";
import {studentT, welchT} from "../stats/t-test.js";
import {mannWhitney} from "../stats/mann-whitney.js";
import {splineKnots, type Procedure} from "./procedure.js";
import {rcsBasis, rcsKnots, rcsTermNames, type SplineTerm} from "../stats/spline.js";

export interface ScreenEntry {
  variable: string;
  test: string;
  p: number | null;
  kept: boolean;
}

export interface ScreenStep {
  step: "screen";
  threshold: number;
  entries: ScreenEntry[];
  kept: string[];
  dropped: string[];
}

export interface FactorTest {
  variable: string;
  /** Wald χ² of the factor's terms in the fit of all survivors. */
  statistic: number;
  df: number;
  p: number;
  kept: boolean;
}

export interface BackwardDeletion {
  variable: string;
  /** The factor's approximate Wald χ² when it was deleted, its df and P. */
  statistic: number;
  df: number;
  p: number;
  /** Residual χ² of all factors deleted so far, its df and P, and AIC = residual − 2 df. */
  residual: number;
  residualDf: number;
  residualP: number;
  aic: number;
}

export interface SelectStep {
  step: "select";
  method: "wald" | "backward";
  /** Wald tests of each factor in the fit of all survivors. */
  factors: FactorTest[];
  /** Backward elimination only: the factors deleted, in order. */
  deletions?: BackwardDeletion[];
  kept: string[];
  dropped: string[];
}

/** A design built from prepared variables, with the spline terms it holds (their knots, for prediction). */
export interface ProcedureDesign extends DesignMatrix {
  splines: SplineTerm[];
}

export interface ModelStage {
  predictors: string[];
  design: ProcedureDesign;
  fit: LogisticFit;
}

export interface ProcedureRun {
  procedure: Procedure;
  screen: ScreenStep | null;
  /** The fit of every survivor of the screen (the "multivariable model"); null when none survived. */
  full: ModelStage | null;
  selection: SelectStep | null;
  /** The procedure's model: the predictors it ends with (possibly none) and their fit. */
  model: ModelStage;
}

/**
 * The design matrix of `predictors` (an intercept first) from prepared variables, as buildDesign names its terms;
 * a predictor named in `splines` enters as rms::rcs(x, K) — its K − 1 basis columns named "x", "x'", "x''", … with
 * Harrell's knots placed on these rows (../stats/spline.ts), every term's source being the predictor, so the
 * selection tests a spline's terms jointly. Throws RangeError naming the predictor when a spline is asked of a
 * column that is not a measurement, or its values cannot hold K knots.
 */
export function designFor(data: PreparedData, predictors: readonly string[], {splines}: Pick<Procedure, "splines"> = {}): ProcedureDesign {
  const n = data.y.length;
  const names = ["(Intercept)"];
  const columns: Float64Array[] = [new Float64Array(n).fill(1)];
  const sources = ["(Intercept)"];
  const levels: Record<string, string[]> = Object.create(null);
  const splineTerms: SplineTerm[] = [];
  for (const name of predictors) {
    const v = data.variables.get(name);
    if (!v) throw new RangeError(`designFor: ${JSON.stringify(name)} is not a prepared variable`);
    const k = splineKnots({splines}, name);
    if (k > 0) {
      if (v.kind !== "continuous") throw new RangeError(`designFor: ${JSON.stringify(name)} is ${v.kind === "binary" ? "a yes/no" : "a categorical"} variable; only a measurement can enter as a spline`);
      let placed: {knots: number[]; warnings: string[]};
      try {
        placed = rcsKnots(v.values!, k);
      } catch (e) {
        throw new RangeError(`designFor: ${JSON.stringify(name)} as a spline with ${k} knots: ${(e as Error).message.replace(/^\w+: /, "")}`);
      }
      const termNames = rcsTermNames(name, placed.knots.length);
      const basis = rcsBasis(v.values!, placed.knots);
      termNames.forEach((t, j) => {
        names.push(t);
        columns.push(basis[j]!);
        sources.push(name);
      });
      splineTerms.push({factor: name, knots: placed.knots, terms: termNames, nonlinear: termNames.slice(1), warnings: placed.warnings});
      continue;
    }
    if (v.numeric) {
      names.push(name);
      columns.push(v.values!);
      sources.push(name);
      continue;
    }
    levels[name] = v.levels;
    const codes = v.codes!;
    for (let level = 1; level < v.levels.length; level++) {
      const dummy = new Float64Array(n);
      for (let i = 0; i < n; i++) if (codes[i] === level) dummy[i] = 1;
      names.push(`${name}=${v.levels[level]}`);
      columns.push(dummy);
      sources.push(name);
    }
  }
  return {names, columns, n, sources, levels, splines: splineTerms};
}

/** Fits a design by the procedure's estimator. */
export function fitBy(estimate: "ml" | "firth", design: DesignMatrix, y: Float64Array): LogisticFit {
  return estimate === "firth" ? fitFirth(design, y) : fitLogistic(design, y);
}

/** Indices of each predictor's terms in a design (by `sources`). */
export function factorTerms(design: DesignMatrix, predictors: readonly string[]): number[][] {
  const sources = design.sources ?? design.names;
  return predictors.map((p) => sources.flatMap((s, j) => (s === p ? [j] : [])));
}

/** βᵀ V⁻¹ β for the sub-vector `q` of β and sub-matrix of the k×k covariance V (NaN when V_qq is singular). */
function waldQuadratic(beta: ArrayLike<number>, cov: ArrayLike<number>, k: number, q: readonly number[]): number {
  const m = q.length;
  const a = new Float64Array(m * m);
  const b = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    b[r] = beta[q[r]!]!;
    for (let c = 0; c < m; c++) a[r * m + c] = cov[q[r]! * k + q[c]!]!;
  }
  if (!choleskyInPlace(a, m)) return NaN;
  const x = Float64Array.from(b);
  choleskySolveInPlace(a, m, x);
  let s = 0;
  for (let r = 0; r < m; r++) s += b[r]! * x[r]!;
  return s;
}

/** The screen's p for one variable: the Table 1 test's, with the procedure's choice of test for measurements. */
function screenP(v: Variable, y: Float64Array, test: "student" | "welch" | "wilcoxon"): {test: string; p: number | null} {
  if (v.kind !== "continuous") {
    const u = univariateTest(v, y, null);
    return {test: u.test, p: u.p};
  }
  const {events, nonEvents} = splitValues(v.values!, y);
  try {
    // only the test the screen reads (Table 1's univariateTest also runs Welch's and Wilcoxon's: a bootstrap
    // that re-runs the screen in every resample would pay for them)
    const r = test === "student" ? studentT(events, nonEvents) : test === "welch" ? welchT(events, nonEvents) : mannWhitney(events, nonEvents);
    return {test: r.method, p: Number.isFinite(r.p) ? r.p : null};
  } catch {
    return {test: test === "student" ? "Two Sample t-test" : test === "welch" ? "Welch Two Sample t-test" : "Wilcoxon rank sum test with continuity correction", p: null};
  }
}

function screenStep(procedure: Procedure, data: PreparedData): ScreenStep | null {
  if (procedure.screen.method === "none") return null;
  const alpha = procedure.screen.p;
  const test = procedure.screen.continuousTest ?? "student";
  const entries = procedure.candidates.map((variable) => {
    const {test: name, p} = screenP(data.variables.get(variable)!, data.y, test);
    return {variable, test: name, p, kept: p !== null && p < alpha};
  });
  return {
    step: "screen", threshold: alpha, entries,
    kept: entries.filter((e) => e.kept).map((e) => e.variable),
    dropped: entries.filter((e) => !e.kept).map((e) => e.variable)
  };
}

function waldSelection(stage: ModelStage, alpha: number): SelectStep {
  const k = stage.design.names.length;
  const terms = factorTerms(stage.design, stage.predictors);
  const factors = stage.predictors.map((variable, f) => {
    const q = terms[f]!;
    const statistic = waldQuadratic(stage.fit.coefficients, stage.fit.covariance, k, q);
    const p = chiSquareSf(statistic, q.length);
    return {variable, statistic, df: q.length, p, kept: p < alpha};
  });
  return {
    step: "select", method: "wald", factors,
    kept: factors.filter((f) => f.kept).map((f) => f.variable),
    dropped: factors.filter((f) => !f.kept).map((f) => f.variable)
  };
}

/** rms::fastbw on the fit of all survivors (see the module comment). */
export function fastBackward(stage: ModelStage, {rule, p: sls = 0.05, type = "residual"}: {rule: "aic" | "p"; p?: number; type?: "residual" | "individual"}): SelectStep {
  const k = stage.design.names.length;
  const beta0 = stage.fit.coefficients;
  const cov0 = stage.fit.covariance;
  const terms = factorTerms(stage.design, stage.predictors);
  const factors = stage.predictors.map((variable, f) => {
    const q = terms[f]!;
    const statistic = waldQuadratic(beta0, cov0, k, q);
    const p = chiSquareSf(statistic, q.length);
    return {variable, statistic, df: q.length, p, kept: true};
  });
  const inFactors = stage.predictors.map((_, f) => f);
  let parmsIn = Array.from({length: k}, (_, j) => j);
  let beta: Float64Array = Float64Array.from(beta0);
  let cov: Float64Array = Float64Array.from(cov0);
  const deletions: BackwardDeletion[] = [];
  while (inFactors.length) {
    // the factor with the smallest criterion, from the current restricted coefficients
    let best = -1;
    let bestCrit = Infinity;
    let bestChi = NaN;
    let bestDf = 0;
    const size = parmsIn.length;
    for (const f of inFactors) {
      const q = terms[f]!.map((j) => parmsIn.indexOf(j));
      const chi = waldQuadratic(beta, cov, size, q);
      const crit = rule === "aic" ? chi - 2 * q.length : 1 - chiSquareSf(chi, q.length);
      if (crit < bestCrit) {
        bestCrit = crit;
        best = f;
        bestChi = chi;
        bestDf = q.length;
      }
    }
    if (best < 0) break;
    const remaining = parmsIn.filter((j) => !terms[best]!.includes(j));
    const out = Array.from({length: k}, (_, j) => j).filter((j) => !remaining.includes(j));
    const residual = waldQuadratic(beta0, cov0, k, out);
    const residualDf = out.length;
    const residualP = chiSquareSf(residual, residualDf);
    const del = type === "residual"
      ? (rule === "aic" ? residual - 2 * residualDf <= 0 : residualP > sls)
      : (rule === "aic" ? bestCrit <= 0 : 1 - bestCrit > sls);
    if (!del) break;
    deletions.push({variable: stage.predictors[best]!, statistic: bestChi, df: bestDf, p: chiSquareSf(bestChi, bestDf), residual, residualDf, residualP, aic: residual - 2 * residualDf});
    factors[best]!.kept = false;
    inFactors.splice(inFactors.indexOf(best), 1);
    parmsIn = remaining;
    // restricted estimates: β_in − V_in,out V_out,out⁻¹ β_out and V_in,in − V_in,out V_out,out⁻¹ V_out,in
    const restricted = restrict(beta0, cov0, k, parmsIn, out);
    beta = restricted.beta;
    cov = restricted.cov;
  }
  return {
    step: "select", method: "backward", factors, deletions,
    kept: factors.filter((f) => f.kept).map((f) => f.variable),
    dropped: factors.filter((f) => !f.kept).map((f) => f.variable)
  };
}

function restrict(beta: Float64Array, cov: Float64Array, k: number, inside: readonly number[], out: readonly number[]): {beta: Float64Array; cov: Float64Array} {
  const a = inside.length;
  const m = out.length;
  const l = new Float64Array(m * m);
  for (let r = 0; r < m; r++) for (let c = 0; c < m; c++) l[r * m + c] = cov[out[r]! * k + out[c]!]!;
  const newBeta = new Float64Array(a);
  const newCov = new Float64Array(a * a);
  if (!choleskyInPlace(l, m)) return {beta: newBeta.fill(NaN), cov: newCov.fill(NaN)};
  // W = V_in,out V_out,out⁻¹, row by row: solve V_out,out wᵀ = V_out,in for each inside row
  const w = new Float64Array(a * m);
  const row = new Float64Array(m);
  for (let r = 0; r < a; r++) {
    for (let c = 0; c < m; c++) row[c] = cov[inside[r]! * k + out[c]!]!;
    choleskySolveInPlace(l, m, row);
    w.set(row, r * m);
  }
  for (let r = 0; r < a; r++) {
    let s = beta[inside[r]!]!;
    for (let c = 0; c < m; c++) s -= w[r * m + c]! * beta[out[c]!]!;
    newBeta[r] = s;
    for (let c2 = 0; c2 < a; c2++) {
      let v = cov[inside[r]! * k + inside[c2]!]!;
      for (let c = 0; c < m; c++) v -= w[r * m + c]! * cov[out[c]! * k + inside[c2]!]!;
      newCov[r * a + c2] = v;
    }
  }
  return {beta: newBeta, cov: newCov};
}

function stage(procedure: Procedure, data: PreparedData, predictors: string[]): ModelStage {
  const design = designFor(data, predictors, procedure);
  return {predictors, design, fit: fitBy(procedure.estimate, design, data.y)};
}

/** Runs the procedure on the data (see the module comment). */
export function runProcedure(procedure: Procedure, data: PreparedData): ProcedureRun {
  for (const c of procedure.candidates) {
    if (!data.variables.has(c)) throw new RangeError(`runProcedure: candidate ${JSON.stringify(c)} is not among the prepared variables`);
  }
  const screen = screenStep(procedure, data);
  const survivors = screen ? screen.kept : procedure.candidates.slice();
  if (survivors.length === 0) return {procedure, screen, full: null, selection: null, model: stage(procedure, data, [])};
  const full = stage(procedure, data, survivors);
  if (procedure.select.method === "none") return {procedure, screen, full, selection: null, model: full};
  const selection = procedure.select.method === "wald" ? waldSelection(full, procedure.select.p) : fastBackward(full, procedure.select);
  const model = selection.kept.length === survivors.length ? full : stage(procedure, data, selection.kept);
  return {procedure, screen, full, selection, model};
}
