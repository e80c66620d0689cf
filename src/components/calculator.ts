/**
 * The risk calculator's arithmetic, from the published document alone (open and private mode alike: no patient
 * row is needed): the prediction equation as fitted and as shrunken (../pipeline/shrinkage.ts), a patient's
 * predicted risk by each, where that risk sits among the cohort's, and the inputs for the nomogram.
 *
 * - The fitted equation's 95% CI is the delta method on its coefficient covariance, as R's
 *   predict(fit, type = "link", se.fit = TRUE) then plogis. The shrunken equation is given without an interval:
 *   its factor and intercept are estimated too (by the bootstrap), and s²·Var(β) would understate the uncertainty.
 * - The cohort's risks: in open mode each patient's predicted risk from the document; in private mode the binned
 *   predicted risks (every cell ≥ the minimum cell), so a percentile is a range and the histogram is drawn at the
 *   bins' midpoints. The shrunken equation's risks are a monotone transform of the fitted ones
 *   (lp_s = α_s + s·(lp − β₀)), so a patient's rank is the same under both.
 *
 * Pure, no DOM. Throws RangeError for a predictor value that is not a finite number.
 *
 * @example predictEquation(calculatorEquations(doc.analysis)[0], {age: 70, bmd_t: -2.8, …}).probability
 */
import type {AnalysisResult} from "./pipeline/pipeline.js";
import type {StudyView} from "./study/view.js";
import type {CohortRisk} from "./charts/riskDistribution.js";
import {nomogramScale, pointsFor, totalPoints, type NomogramScale} from "./stats/nomogram-scale.js";

export type EquationKey = "fitted" | "shrunken";

export interface CalculatorEquation {
  key: EquationKey;
  label: string;
  /** Intercept first, then one coefficient per predictor, in `predictors` order. */
  coefficients: number[];
  predictors: string[];
  /** Var(β̂), row-major (fitted equation only). */
  covariance: number[] | null;
  /** Shrunken: the factor and where it came from. */
  factor: number;
  basis: string;
}

export interface EquationPrediction {
  linearPredictor: number;
  probability: number;
  se: number | null;
  ciLower: number | null;
  ciUpper: number | null;
}

const expit = (t: number) => (t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t)));
const logit = (p: number) => Math.log(p / (1 - p));
const Z_975 = 1.959963984540054;

/** The fitted equation, and the shrunken one when the document has it. */
export function calculatorEquations(analysis: AnalysisResult): CalculatorEquation[] {
  const model = analysis.model;
  const predictors = model.predictors.slice();
  const fitted: CalculatorEquation = {
    key: "fitted",
    label: "Fitted equation",
    coefficients: model.terms.map((t) => t.estimate ?? NaN),
    predictors,
    covariance: model.covariance,
    factor: 1,
    basis: `maximum likelihood on the ${model.n} patients`
  };
  const s = analysis.shrinkage;
  if (!s) return [fitted];
  return [
    fitted,
    {key: "shrunken", label: "Shrunken equation", coefficients: s.terms.map((t) => t.estimate), predictors, covariance: null, factor: s.factor, basis: s.basis}
  ];
}

/** A patient's linear predictor, risk and (fitted equation) delta-method 95% CI. */
export function predictEquation(eq: CalculatorEquation, values: Readonly<Record<string, number>>): EquationPrediction {
  const x = [1, ...eq.predictors.map((k) => values[k]!)];
  x.forEach((v, j) => {
    if (!Number.isFinite(v)) throw new RangeError(`predictEquation: ${j === 0 ? "the intercept" : eq.predictors[j - 1]} is ${v}, not a finite number`);
  });
  const k = x.length;
  let eta = 0;
  for (let j = 0; j < k; j++) eta += eq.coefficients[j]! * x[j]!;
  if (!eq.covariance) return {linearPredictor: eta, probability: expit(eta), se: null, ciLower: null, ciUpper: null};
  let v = 0;
  for (let a = 0; a < k; a++) {
    let row = 0;
    for (let b = 0; b < k; b++) row += eq.covariance[a * k + b]! * x[b]!;
    v += x[a]! * row;
  }
  const se = Math.sqrt(Math.max(0, v));
  return {linearPredictor: eta, probability: expit(eta), se, ciLower: expit(eta - Z_975 * se), ciUpper: expit(eta + Z_975 * se)};
}

/** The shrunken equation's risk for a fitted risk p: expit(α_s + s·(logit p − β₀)). */
function transformRisk(p: number, fitted: CalculatorEquation, eq: CalculatorEquation): number {
  if (eq.key === "fitted") return p;
  if (p <= 0 || p >= 1) return p;
  return expit(eq.coefficients[0]! + eq.factor * (logit(p) - fitted.coefficients[0]!));
}

export interface CohortRisks {
  /** One entry per patient (open), or per patient at their bin's midpoint (private). */
  risks: CohortRisk[];
  /** False when the risks are binned (private mode). */
  exact: boolean;
  /** Private: the bins' edges, for saying the percentile as a range. */
  bins: {lower: number; upper: number; count: number}[];
  n: number;
}

/** The cohort's predicted risks under an equation (see the module comment). */
export function cohortRisks({doc, data}: Pick<StudyView, "doc" | "data">, eq: CalculatorEquation, fitted: CalculatorEquation): CohortRisks {
  const predictions = doc.models.equation.predictions;
  if (doc.mode === "open" && data && predictions.length === data.y.length) {
    const y = data.y;
    const risks = predictions.map((p, i) => ({probability: transformRisk(p, fitted, eq), group: y[i] === 1 ? ("asd" as const) : ("nonAsd" as const)}));
    return {risks, exact: true, bins: [], n: risks.length};
  }
  const bins = doc.aggregates?.models.equation.risks.bins ?? [];
  const risks: CohortRisk[] = [];
  const out: CohortRisks["bins"] = [];
  for (const b of bins) {
    const lower = transformRisk(b.lower, fitted, eq);
    const upper = transformRisk(b.upper, fitted, eq);
    const mid = (lower + upper) / 2;
    for (let i = 0; i < b.events; i++) risks.push({probability: mid, group: "asd"});
    for (let i = 0; i < b.nonEvents; i++) risks.push({probability: mid, group: "nonAsd"});
    out.push({lower, upper, count: b.events + b.nonEvents});
  }
  return {risks, exact: false, bins: out, n: risks.length};
}

/** How many of the cohort's patients have a lower predicted risk: exact in open mode, a range in private mode. */
export function cohortPercentile(c: CohortRisks, probability: number): {lower: number; upper: number; n: number} {
  if (c.exact) {
    const below = c.risks.reduce((s, r) => s + (r.probability < probability ? 1 : 0), 0);
    return {lower: below, upper: below, n: c.n};
  }
  let lower = 0;
  let upper = 0;
  for (const b of c.bins) {
    if (b.upper <= probability) {
      lower += b.count;
      upper += b.count;
    } else if (b.lower < probability) upper += b.count;
  }
  return {lower, upper, n: c.n};
}

/** [min, max] of the cohort's linear predictors under an equation, for the nomogram's log-odds and risk axes. */
export function linearPredictorRange(c: CohortRisks): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  const edges = c.exact ? c.risks.map((r) => r.probability) : c.bins.flatMap((b) => [b.lower, b.upper]);
  for (const p of edges) {
    const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
    lo = Math.min(lo, logit(q));
    hi = Math.max(hi, logit(q));
  }
  return [lo, hi];
}

export interface CalculatorSetup {
  fitted: CalculatorEquation;
  shrunken: CalculatorEquation | null;
  equations: CalculatorEquation[];
  /** The equation's factors (column names), in order. */
  predictors: string[];
  /** Per factor: the cohort's range and median, and the control's allowed range. */
  ranges: Record<string, {min: number; max: number; lo: number; hi: number; median: number}>;
}

/**
 * Everything the calculator needs from the document: the equations, and per factor the cohort's observed range
 * and median (Table 1's descriptives) and the allowed range (`plausible(k)`, the data dictionary's plausible range,
 * widened to the cohort's own when real data go beyond it).
 */
export function calculatorSetup(analysis: AnalysisResult, plausible: (k: string) => readonly [number, number]): CalculatorSetup {
  const equations = calculatorEquations(analysis);
  const predictors = equations[0]!.predictors;
  const ranges: CalculatorSetup["ranges"] = Object.create(null);
  for (const k of predictors) {
    const s = analysis.descriptives.find((d) => d.variable === k)?.all.numeric;
    if (!s || s.min === null || s.max === null || s.median === null) throw new RangeError(`calculatorSetup: the document has no numeric summary of "${k}"`);
    const [pmin, pmax] = plausible(k);
    ranges[k] = {min: Math.min(pmin, s.min), max: Math.max(pmax, s.max), lo: s.min, hi: s.max, median: s.median};
  }
  return {fitted: equations[0]!, shrunken: equations[1] ?? null, equations, predictors, ranges};
}

/** An equation's terms as the equation display takes them. */
export function equationTerms(analysis: AnalysisResult, eq: CalculatorEquation): {term: string; estimate: number}[] {
  return analysis.model.terms.map((t, j) => ({term: t.term, estimate: eq.coefficients[j]!}));
}

/** rms's fun.at for the risk ruler: risks a surgeon reads, rather than pretty() ticks crowded at the curve's middle. */
export const NOMOGRAM_RISKS: readonly number[] = [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99];

/** The nomogram of an equation over the cohort's ranges, and a patient's points and total on it. */
export function equationNomogram(setup: CalculatorSetup, eq: CalculatorEquation, cohort: CohortRisks, values: Readonly<Record<string, number>>): {scale: NomogramScale; points: Record<string, number>; total: number} {
  const scale = nomogramScale({
    intercept: eq.coefficients[0]!,
    predictors: setup.predictors.map((k, j) => ({name: k, coefficient: eq.coefficients[j + 1]!, range: [setup.ranges[k]!.lo, setup.ranges[k]!.hi]})),
    linearPredictors: linearPredictorRange(cohort),
    probabilityTicks: NOMOGRAM_RISKS.slice()
  });
  const points = Object.fromEntries(setup.predictors.map((k) => [k, pointsFor(scale, k, values[k]!)]));
  return {scale, points, total: totalPoints(scale, values)};
}
