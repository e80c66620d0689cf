/**
 * External validation of fixed predictions: how a published equation's linear predictor lp (log-odds) performs on
 * new patients with outcomes y ∈ {0, 1}, without refitting the equation (TRIPOD's external validation; Steyerberg,
 * Clinical Prediction Models, 2nd ed., ch. 15; Van Calster et al. 2016, J Clin Epidemiol 74:167, the calibration
 * hierarchy). With p = 1/(1 + e^−lp):
 *
 * - Calibration-in-the-large: c in glm(y ~ 1, offset = lp, binomial) — the shift in log-odds that makes the mean
 *   predicted risk equal the observed rate (0 is ideal); Wald CI c ± z·SE and the profile-likelihood CI, the c
 *   where the deviance rises by z² above its minimum. Both glm models are solved to full precision, as
 *   glm.control(epsilon = 1e-14) would solve them.
 * - Calibration slope: b in glm(y ~ lp, binomial) (1 is ideal; < 1: predictions too extreme), with its Wald and
 *   profile CIs (the profile minimises the deviance over the intercept at each b) and the Wald test of b = 1; the
 *   intercept a of that model with its Wald CI.
 * - E/O: expected over observed events, Σp / Σy, with a CI on the log scale treating E as fixed: Poisson
 *   SE(ln E/O) = √(1/O), and binomial SE = √((1 − O/n)/O) (Debray et al. 2017, BMJ 356:i6460, for O/E; Riley et
 *   al. 2021, Stat Med 40:4230, the binomial form).
 * - ICI, E50, E90, Emax (Austin & Steyerberg 2019, Stat Med 38:4051, their appendix code): p_c = the fit of
 *   loess(y ~ p) with R's defaults (span 0.75, degree 2, surface "interpolate"; loess.ts reproduces it) at each p;
 *   ICI = mean |p_c − p|, E50 the median, E90 the 0.9 quantile (type 7), Emax the maximum.
 * - Smoothed calibration curve with pointwise bands: glm(y ~ rcs(lp, k)) — a restricted cubic spline in lp with
 *   Hmisc's default knots (k = 4 unless told; linear glm(y ~ lp) when the knots cannot be placed) — evaluated on a
 *   grid of predicted risks, with bands logistic(η ± z·SE(η)), SE(η) = √(xᵀVx) (delta method, as
 *   predict(glm, se.fit = TRUE)). Chosen over loess bands because it is a binomial likelihood model: its bands
 *   stay inside (0, 1) and do not assume a constant variance, which 0/1 outcomes do not have.
 * - Discrimination: AUC (the c-statistic of lp, direction "<": a higher lp must mean a higher risk, so an AUC
 *   below 0.5 is reported as such) with DeLong's CI (delong.ts, as pROC).
 * - Brier score mean (p − y)², and scaled Brier 1 − Brier / (ȳ(1 − ȳ)), ȳ(1 − ȳ) being the Brier score of giving
 *   everyone the observed rate.
 * - rms::val.prob's indices (rms 6.5): C as lrm.fit computes it (risks binned by ⌊5000p + 1⌋), Dxy = 2(C − ½);
 *   with L₀ the null deviance and L₀₁ = −2Σ[y·lp − ln(1 + e^lp)], LR = L₀ − L₀₁, R² = (1 − e^{−LR/n})/(1 − e^{−L₀/n})
 *   (Nagelkerke), D = (LR − 1)/n, U = (L₀₁ − D_recal − 2)/n with D_recal the deviance of glm(y ~ lp), U's χ² on
 *   2 df, Q = D − U, Spiegelhalter's z = Σ(y − p)(1 − 2p) / √Σ(1 − 2p)²p(1 − p); Eavg, E90, Emax from
 *   lowess(p, y, iter = 0) (val.prob's smoother, not Austin & Steyerberg's loess). rms 6.5 reports D:p as NA;
 *   here it is P(χ²₁ > LR).
 * - Decision curve: net benefit of treating patients with p ≥ pt, and of treating all or none (decision-curve.ts).
 * - Re-calibrated equations (Steyerberg ch. 20; Janssen et al. 2008, J Clin Epidemiol 61:76): intercept only,
 *   lp′ = c + lp; intercept and slope, lp′ = a + b·lp (every coefficient times b). Each is assessed on these
 *   patients with everything above — apparent figures, optimistic because the update was estimated on them.
 *
 * Before anything else, lp values within 1e-12·max(1, |lp|) of their sorted neighbour are made equal
 * (snapNearTies): patients whose lp is equal in exact arithmetic can differ in the last bits, and whether they
 * tie decides pairs in the AUC, the k-d tree of the loess and the ties of lowess — in the third digit of the ICI
 * for an equation with discrete predictors. R given the same snapped lp gives the same numbers.
 *
 * Throws TypeError when lp and y differ in length or are empty; RangeError for a non-finite lp (filter
 * incomplete rows first: linearPredictor's `complete`), an outcome other than 0/1, a cohort with no events or
 * only events, a level outside (0, 1), a threshold outside (0, 1), or fewer than 10 patients.
 *
 * Example: externalValidation({lp, y}).calibrationSlope.estimate // b of glm(y ~ lp, binomial)
 */
import {decisionCurve, type DecisionCurvePoint} from "./decision-curve.js";
import {delongAuc} from "./delong.js";
import type {DesignMatrix} from "./design.js";
import {chiSquareSf, normalQuantile, normalSf} from "./distributions.js";
import {rescaleEquation, type PredictionEquation} from "./equation-spec.js";
import {loess, predictLoess} from "./loess.js";
import {fitLogistic, type LogisticFit} from "./logistic.js";
import {lowess} from "./lowess.js";
import {quantileType7, rcsBasis, rcsKnots} from "./spline.js";

export interface WaldEstimate {
  estimate: number;
  se: number;
  /** Wald limits estimate ∓ z·SE; NaN when the fit shows separation (Wald limits are meaningless there). */
  ciLower: number;
  ciUpper: number;
}

export interface ProfiledEstimate extends WaldEstimate {
  /** Profile-likelihood limits; ∓Infinity when the deviance never rises by z² on that side. */
  profileLower: number;
  profileUpper: number;
  /** Wald z for the ideal value (0 for calibration-in-the-large, 1 for the slope) and its two-sided p. */
  z: number;
  p: number;
}

export interface ExpectedObserved {
  expected: number;
  observed: number;
  /** E/O; 1 is ideal, > 1 means the equation over-predicts. */
  ratio: number;
  poisson: {seLog: number; ciLower: number; ciUpper: number};
  binomial: {seLog: number; ciLower: number; ciUpper: number};
}

export interface CalibrationErrorSummary {
  /** Mean |p_c − p| over the patients (Austin & Steyerberg's ICI; val.prob's Eavg). */
  mean: number;
  /** Median |p_c − p| (E50). */
  median: number;
  /** 0.9 quantile, type 7 (E90). */
  q90: number;
  /** Maximum (Emax). */
  max: number;
}

export interface LoessCalibration extends CalibrationErrorSummary {
  span: number;
  /** The loess smooth on the calibration curve's grid of predicted risks (may stray outside [0, 1]). */
  points: {predicted: number; observed: number}[];
  /** Local fits that needed a pseudoinverse (too few distinct predicted risks in a neighbourhood); > 0 means the
   * smooth, and so these figures, are not well determined (R warns "pseudoinverse used"). */
  pseudoinverseFits: number;
}

export interface ValProbIndices {
  /** 2(C − ½), from the binned C. */
  dxy: number;
  /** val.prob's C: concordance of the predicted risks binned by ⌊5000p + 1⌋ (lrm.fit's); `auc` is the exact one. */
  c: number;
  r2: number;
  d: number;
  dChiSq: number;
  /** P(χ²₁ > dChiSq); rms 6.5 prints NA here. */
  dP: number;
  u: number;
  uChiSq: number;
  uP: number;
  q: number;
  brier: number;
  /** Intercept and slope of glm(y ~ lp) (val.prob's "Intercept" and "Slope"). */
  intercept: number;
  slope: number;
  /** From lowess(p, y, iter = 0), as val.prob. */
  emax: number;
  e90: number;
  eavg: number;
  spiegelhalterZ: number;
  spiegelhalterP: number;
}

export interface CalibrationCurvePoint {
  predicted: number;
  observed: number;
  lower: number;
  upper: number;
}

export interface CalibrationCurve {
  /** "rcs": glm(y ~ rcs(lp, knots)); "linear": glm(y ~ lp), when spline knots could not be placed. */
  method: "rcs" | "linear";
  /** Knot positions on the lp scale (empty for "linear"). */
  knots: number[];
  /** Model terms and coefficients: "(Intercept)", "lp", "lp'", "lp''", … */
  terms: string[];
  coefficients: number[];
  /** Curve on a grid of predicted risks from the smallest to the largest p. */
  points: CalibrationCurvePoint[];
  /** |fitted − p| over the patients, from this curve. */
  errors: CalibrationErrorSummary;
  warning?: string;
}

export interface PerformanceAssessment {
  n: number;
  events: number;
  /** Observed event rate ȳ. */
  observedRisk: number;
  /** Mean predicted risk. */
  meanPredictedRisk: number;
  level: number;
  calibrationInTheLarge: ProfiledEstimate;
  calibrationSlope: ProfiledEstimate;
  /** Intercept a of glm(y ~ lp). */
  slopeModelIntercept: WaldEstimate;
  expectedObserved: ExpectedObserved;
  auc: {auc: number; se: number; ciLower: number; ciUpper: number};
  brier: number;
  /** ȳ(1 − ȳ). */
  brierNull: number;
  scaledBrier: number;
  loessCalibration: LoessCalibration;
  valProb: ValProbIndices;
  calibrationCurve: CalibrationCurve;
  decisionCurve: DecisionCurvePoint[];
  warnings: string[];
}

export interface Recalibration {
  kind: "intercept" | "intercept-and-slope";
  /** lp′ = shift + scale·lp. */
  shift: number;
  scale: number;
  /** The updated equation, when the validated equation was given. */
  equation?: PredictionEquation;
  /** What the update does, in plain words. */
  changes: string;
  /** Everything above for the updated predictions on these patients (apparent: the update was fitted here). */
  performance: PerformanceAssessment;
}

export interface ExternalValidation extends PerformanceAssessment {
  recalibration: {intercept: Recalibration; interceptAndSlope: Recalibration};
}

export interface ExternalValidationOptions {
  /** Confidence level of every interval (default 0.95). */
  level?: number;
  /** Decision-curve thresholds (default 0.01, 0.02, …, 0.99). */
  thresholds?: ArrayLike<number>;
  /** Knots of the spline calibration curve (default 4). */
  calibrationKnots?: number;
  /** Points on the calibration curve's grid (default 101). */
  curvePoints?: number;
  /** loess span for the ICI (default 0.75, R's and Austin & Steyerberg's). */
  loessSpan?: number;
  /** The equation behind lp, to write out the re-calibrated equations. */
  equation?: PredictionEquation;
}

export type ExternalValidationInput = {lp: ArrayLike<number>; y: ArrayLike<number>} | {probability: ArrayLike<number>; y: ArrayLike<number>};

/** ln(1 + e^x) without overflow. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** Deviance D(shift + scale·lp) and its derivatives in the shift, D′ = −2Σ(y − μ) and D″ = 2Σμ(1 − μ), and in the
 * scale, −2Σ(y − μ)·lp; one exponential and one logarithm per patient. */
function devianceAt(lp: Float64Array, y: Float64Array, shift: number, scale: number): {d: number; dShift: number; hShift: number; dScale: number} {
  let d = 0;
  let g = 0;
  let h = 0;
  let gs = 0;
  for (let i = 0; i < lp.length; i++) {
    const eta = shift + scale * lp[i]!;
    const e = Math.exp(-Math.abs(eta));
    const log1pe = Math.log1p(e);
    // ln(1 + e^η) = max(η, 0) + ln(1 + e^−|η|); the deviance term is that minus y·η
    d += (eta > 0 ? eta : 0) + log1pe - (y[i] === 1 ? eta : 0);
    const mu = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
    const r = y[i]! - mu;
    g += r;
    h += mu * (1 - mu);
    gs += r * lp[i]!;
  }
  return {d: 2 * d, dShift: -2 * g, hShift: 2 * h, dScale: -2 * gs};
}

/**
 * The intercept minimising the deviance at a fixed slope, by Newton's method (the deviance is convex in it) from
 * a warm start, halving a step that would raise the deviance; returns the deviance there and its derivative in
 * the slope (by the envelope theorem, the partial derivative at the inner minimum).
 */
function profileAtSlope(lp: Float64Array, y: Float64Array, scale: number, start: number): {shift: number; d: number; dScale: number} {
  let a = start;
  let cur = devianceAt(lp, y, a, scale);
  for (let it = 0; it < 100; it++) {
    if (!(cur.hShift > 0)) break;
    let step = -cur.dShift / cur.hShift;
    const last = Math.abs(step) <= 1e-13 * Math.max(1, Math.abs(a));
    let next = devianceAt(lp, y, a + step, scale);
    // near the minimum the deviance changes by rounding noise only: take the last step as it is
    for (let k = 0; k < 60 && !last && !(next.d <= cur.d + 1e-13 * cur.d); k++) {
      step /= 2;
      next = devianceAt(lp, y, a + step, scale);
    }
    if (!last && !(next.d <= cur.d + 1e-13 * cur.d)) break;
    a += step;
    cur = next;
    if (last) break;
  }
  return {shift: a, d: cur.d, dScale: cur.dScale};
}

/**
 * Profile-likelihood limits of a convex profile deviance f (value and derivative) with minimum at `hat`: the
 * points either side where f rises by `rise`. Each is bracketed outward in steps doubling from `step`, then found
 * by Newton's method kept inside the bracket (bisection when a step would leave it), to machine precision.
 * ∓Infinity when f does not reach the level within 2⁶⁰ steps (a flat profile).
 */
function profileLimits(f: (t: number) => {value: number; slope: number}, hat: number, step: number, rise: number): [number, number] {
  const target = f(hat).value + rise;
  const limit = (direction: -1 | 1): number => {
    let inner = hat;
    let width = step > 0 && Number.isFinite(step) ? step : 1;
    let outer = hat + direction * width;
    let fo = f(outer);
    for (let k = 0; fo.value < target; k++) {
      if (k > 60 || !Number.isFinite(outer)) return direction * Infinity;
      inner = outer;
      width *= 2;
      outer = hat + direction * width;
      fo = f(outer);
    }
    // Newton from the outer end (the convex function lies above its tangents, so the iterates approach from outside)
    let t = outer;
    let ft = fo;
    for (let k = 0; k < 100; k++) {
      let next = t - (ft.value - target) / ft.slope;
      const lo = Math.min(inner, outer);
      const hi = Math.max(inner, outer);
      if (!(next > lo && next < hi)) next = (inner + outer) / 2;
      if (next === t) break;
      t = next;
      ft = f(t);
      if (ft.value < target) inner = t;
      else outer = t;
      if (ft.value === target || Math.abs(outer - inner) <= 2 * Number.EPSILON * Math.abs(t)) break;
    }
    return t;
  };
  return [limit(-1), limit(1)];
}

/**
 * lp with values that differ by at most tolerance·max(1, |lp|) from their sorted neighbour merged into one (the
 * smallest of the run). Patients whose lp is equal in exact arithmetic can differ in the last bits in floating
 * point (0.06·66 − 0.6·−2.4 against 0.06·65 − 0.6·−2.5), and which way those bits fall would otherwise decide
 * ties: the AUC moved in the fourth digit and the loess ICI in the third on the generated test cohort.
 * @example snapNearTies([5.4, 5.3999999999999995, 1]) // [5.3999999999999995, 5.3999999999999995, 1]
 */
export function snapNearTies(lp: ArrayLike<number>, tolerance = 1e-12): Float64Array {
  const n = lp.length;
  const order = Array.from({length: n}, (_, i) => i).sort((a, b) => lp[a]! - lp[b]! || a - b);
  const out = new Float64Array(n);
  let rep = NaN;
  let prev = NaN;
  for (let r = 0; r < n; r++) {
    const v = lp[order[r]!]!;
    if (!(r > 0 && v - prev <= tolerance * Math.max(1, Math.abs(v)))) rep = v;
    out[order[r]!] = rep;
    prev = v;
  }
  return out;
}

function errorSummary(diffs: number[]): CalibrationErrorSummary {
  const sorted = diffs.slice().sort((a, b) => a - b);
  return {
    mean: diffs.reduce((s, v) => s + v, 0) / diffs.length,
    median: quantileType7(Float64Array.from(sorted), 0.5),
    q90: quantileType7(Float64Array.from(sorted), 0.9),
    max: sorted[sorted.length - 1]!
  };
}

/** R's seq(from, to, length.out = n). */
function seqLength(from: number, to: number, n: number): number[] {
  if (n === 1) return [from];
  const by = (to - from) / (n - 1);
  const out = [from];
  for (let i = 1; i < n - 1; i++) out.push(from + i * by);
  out.push(to);
  return out;
}

function designOf(names: string[], columns: Float64Array[], n: number): DesignMatrix {
  return {names, columns, n};
}

function wald(fit: LogisticFit, j: number, z: number): WaldEstimate {
  const t = fit.terms[j]!;
  const valid = !fit.separation.detected;
  return {estimate: t.estimate, se: t.se, ciLower: valid ? t.estimate - z * t.se : NaN, ciUpper: valid ? t.estimate + z * t.se : NaN};
}

function calibrationCurve(lp: Float64Array, p: Float64Array, y: Float64Array, knotCount: number, gridSize: number, z: number, slopeFit: LogisticFit): CalibrationCurve {
  const n = lp.length;
  let knots: number[] = [];
  let warning: string | undefined;
  try {
    const k = rcsKnots(lp, knotCount);
    knots = k.knots;
    if (k.warnings.length) warning = `Calibration curve: ${k.warnings.join("; ")}.`;
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    warning = `Calibration curve: the predicted risks take too few distinct values for spline knots (${e.message.replace(/^rcsKnots: /, "")}); the curve is the logistic recalibration glm(y ~ lp).`;
  }
  let fit = slopeFit;
  let terms = ["(Intercept)", "lp"];
  if (knots.length >= 3) {
    // the nonlinear terms (spline.ts's basis starts with lp itself)
    const basis = rcsBasis(lp, knots).slice(1);
    terms = ["(Intercept)", "lp", ...basis.map((_, j) => "lp" + "'".repeat(j + 1))];
    fit = fitLogistic(designOf(terms, [new Float64Array(n).fill(1), lp, ...basis], n), y);
    if (fit.separation.detected) warning = `Calibration curve: ${fit.separation.message}`;
  }
  let minP = Infinity;
  let maxP = -Infinity;
  for (const q of p) {
    if (q < minP) minP = q;
    if (q > maxP) maxP = q;
  }
  const grid = seqLength(minP, maxP, gridSize);
  const lpGrid = grid.map((q) => Math.log(q / (1 - q)));
  const gridBasis = knots.length >= 3 ? rcsBasis(lpGrid, knots).slice(1) : [];
  const k = terms.length;
  const points = grid.map((q, g) => {
    const x = [1, lpGrid[g]!, ...gridBasis.map((c) => c[g]!)];
    let eta = 0;
    for (let a = 0; a < k; a++) eta += fit.coefficients[a]! * x[a]!;
    let v = 0;
    for (let a = 0; a < k; a++) {
      let s = 0;
      for (let b = 0; b < k; b++) s += fit.covariance[a * k + b]! * x[b]!;
      v += x[a]! * s;
    }
    const se = Math.sqrt(Math.max(0, v));
    const expit = (t: number) => 1 / (1 + Math.exp(-t));
    return {predicted: q, observed: expit(eta), lower: expit(eta - z * se), upper: expit(eta + z * se)};
  });
  const errors = errorSummary(Array.from(fit.fitted, (m, i) => Math.abs(m - p[i]!)));
  const curve: CalibrationCurve = {method: knots.length >= 3 ? "rcs" : "linear", knots, terms, coefficients: Array.from(fit.coefficients), points, errors};
  if (warning !== undefined) curve.warning = warning;
  return curve;
}

/**
 * rms's C index as lrm.fit (rms 6.5) computes it in its Fortran (lrmfit.f, gcorr): predicted risks, logistic(lp)
 * with lp clamped to ±30, put into 5001 bins by ⌊5000p + 1⌋; pairs in one bin count as ties. It can differ from
 * the exact AUC in the fourth digit.
 */
function binnedConcordance(lp: Float64Array, y: Float64Array): number {
  const controls = new Float64Array(5002);
  const cases = new Float64Array(5002);
  let totalCases = 0;
  for (let i = 0; i < lp.length; i++) {
    const q = 1 / (1 + Math.exp(-Math.min(Math.max(lp[i]!, -30), 30)));
    const bin = Math.trunc(5000 * q + 1);
    if (y[i] === 1) {
      cases[bin]!++;
      totalCases++;
    } else controls[bin]!++;
  }
  let above = totalCases;
  let con = 0;
  let dis = 0;
  let tie = 0;
  for (let j = 1; j <= 5001; j++) {
    above -= cases[j]!;
    const k = controls[j]!;
    con += k * above;
    tie += k * cases[j]!;
    dis += k * (totalCases - above - cases[j]!);
  }
  return (con + tie / 2) / (con + dis + tie);
}

function valProbIndices(lp: Float64Array, p: Float64Array, y: Float64Array, events: number, slopeFit: LogisticFit): ValProbIndices {
  const n = lp.length;
  const ybar = events / n;
  const l0 = -2 * (events * Math.log(ybar) + (n - events) * Math.log(1 - ybar));
  let l01 = 0;
  for (let i = 0; i < n; i++) l01 += softplus(lp[i]!) - y[i]! * lp[i]!;
  l01 *= 2;
  const lr = l0 - l01;
  const r2 = (1 - Math.exp(-lr / n)) / (1 - Math.exp(-l0 / n));
  const d = (lr - 1) / n;
  const uChiSq = l01 - slopeFit.deviance;
  const u = (uChiSq - 2) / n;
  let brier = 0;
  let sNum = 0;
  let sDen = 0;
  for (let i = 0; i < n; i++) {
    brier += (p[i]! - y[i]!) ** 2;
    sNum += (y[i]! - p[i]!) * (1 - 2 * p[i]!);
    sDen += (1 - 2 * p[i]!) * (1 - 2 * p[i]!) * p[i]! * (1 - p[i]!);
  }
  const sz = sNum / Math.sqrt(sDen);
  // val.prob: Sm <- lowess(p, y, iter = 0); approx(Sm, xout = p, ties = mean)
  const sm = lowess(p, y, {iter: 0});
  const byValue = new Map<number, {sum: number; count: number}>();
  for (let i = 0; i < n; i++) {
    const e = byValue.get(sm.x[i]!);
    if (e) {
      e.sum += sm.y[i]!;
      e.count++;
    } else byValue.set(sm.x[i]!, {sum: sm.y[i]!, count: 1});
  }
  const er = Array.from(p, (q) => {
    const e = byValue.get(q)!;
    return Math.abs(q - e.sum / e.count);
  });
  const es = errorSummary(er);
  const c = binnedConcordance(lp, y);
  return {
    dxy: 2 * (c - 0.5),
    c,
    r2,
    d,
    dChiSq: lr,
    dP: chiSquareSf(lr, 1),
    u,
    uChiSq,
    uP: chiSquareSf(uChiSq, 2),
    q: d - u,
    brier: brier / n,
    intercept: slopeFit.coefficients[0]!,
    slope: slopeFit.coefficients[1]!,
    emax: es.max,
    e90: es.q90,
    eavg: es.mean,
    spiegelhalterZ: sz,
    spiegelhalterP: 2 * normalSf(Math.abs(sz))
  };
}

function checkedInput(input: ExternalValidationInput): {lp: Float64Array; y: Float64Array} {
  const y = input.y;
  let lp: Float64Array;
  if ("lp" in input) {
    const src = input.lp;
    if (src.length === 0 || src.length !== y.length) throw new TypeError(`externalValidation: lp and y must be non-empty and of equal length (got ${src.length} and ${y.length})`);
    lp = Float64Array.from(src as ArrayLike<number>);
    for (let i = 0; i < lp.length; i++) {
      if (!Number.isFinite(lp[i])) throw new RangeError(`externalValidation: lp[${i}] is ${lp[i]}; drop rows without a prediction first (linearPredictor's complete)`);
    }
  } else {
    const src = input.probability;
    if (src.length === 0 || src.length !== y.length) throw new TypeError(`externalValidation: probability and y must be non-empty and of equal length (got ${src.length} and ${y.length})`);
    lp = new Float64Array(src.length);
    for (let i = 0; i < src.length; i++) {
      const q = src[i]!;
      if (!(q > 0 && q < 1)) throw new RangeError(`externalValidation: probability[${i}] is ${q}; it must lie strictly between 0 and 1 (its log-odds must be finite)`);
      lp[i] = Math.log(q / (1 - q));
    }
  }
  const yy = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new RangeError(`externalValidation: y[${i}] is ${y[i]}, expected 0 or 1`);
    yy[i] = y[i]!;
  }
  return {lp, y: yy};
}

function assess(lpRaw: Float64Array, y: Float64Array, options: Required<Omit<ExternalValidationOptions, "equation">>): PerformanceAssessment {
  const {level, thresholds, calibrationKnots, curvePoints, loessSpan} = options;
  const lp = snapNearTies(lpRaw);
  const n = lp.length;
  const z = normalQuantile(1 - (1 - level) / 2);
  const rise = z * z;
  const warnings: string[] = [];
  let events = 0;
  for (let i = 0; i < n; i++) events += y[i]!;
  const p = Float64Array.from(lp, (v) => 1 / (1 + Math.exp(-v)));
  const ones = new Float64Array(n).fill(1);

  // Solved to full precision (glm's default epsilon of 1e-8 leaves ~1e-9 in the estimates), so that the intercept
  // update gives E/O = 1 and the full update CITL 0 and slope 1 to the last digits.
  const precise = {tolerance: 1e-14, maxIterations: 100};
  const offsetFit = fitLogistic(designOf(["(Intercept)"], [ones], n), y, {offset: lp, ...precise});
  const slopeFit = fitLogistic(designOf(["(Intercept)", "lp"], [ones, lp], n), y, precise);
  for (const [what, fit] of [["calibration-in-the-large", offsetFit], ["calibration slope", slopeFit]] as const) {
    if (fit.separation.detected) warnings.push(`The ${what} model: ${fit.separation.message}`);
    else if (!fit.converged) warnings.push(`The ${what} model did not converge in ${fit.iterations} iterations.`);
  }
  const citlWald = wald(offsetFit, 0, z);
  const [citlLo, citlHi] = profileLimits((c) => {
    const r = devianceAt(lp, y, c, 1);
    return {value: r.d, slope: r.dShift};
  }, citlWald.estimate, citlWald.se, rise);
  const citlZ = citlWald.estimate / citlWald.se;
  const slopeWald = wald(slopeFit, 1, z);
  let lastShift = slopeFit.coefficients[0]!;
  const profileDeviance = (b: number): {value: number; slope: number} => {
    const r = profileAtSlope(lp, y, b, lastShift);
    if (Number.isFinite(r.shift)) lastShift = r.shift;
    return {value: r.d, slope: r.dScale};
  };
  const [slopeLo, slopeHi] = profileLimits(profileDeviance, slopeWald.estimate, slopeWald.se, rise);
  const slopeZ = (slopeWald.estimate - 1) / slopeWald.se;

  let expected = 0;
  let brier = 0;
  for (let i = 0; i < n; i++) {
    expected += p[i]!;
    brier += (p[i]! - y[i]!) ** 2;
  }
  brier /= n;
  const ratio = expected / events;
  const poissonSe = Math.sqrt(1 / events);
  const binomialSe = Math.sqrt((1 - events / n) / events);
  const ybar = events / n;
  const brierNull = ybar * (1 - ybar);

  const roc = delongAuc(lp, y, "<", {level});
  if (roc.auc < 0.5) warnings.push(`The AUC is ${roc.auc.toPrecision(3)}, below 0.5: on these patients a higher predicted risk goes with fewer events.`);

  const lo = loess(p, y, {span: loessSpan});
  const loessErrors = errorSummary(lo.fitted.map((v, i) => Math.abs(v - p[i]!)));
  if (lo.pseudoinverseFits > 0) {
    warnings.push(`The loess calibration smooth needed a pseudoinverse at ${lo.pseudoinverseFits} of its local fits (too few distinct predicted risks in a neighbourhood): the ICI, E50, E90 and Emax are not well determined.`);
  }

  const curve = calibrationCurve(lp, p, y, calibrationKnots, curvePoints, z, slopeFit);
  if (curve.warning) warnings.push(curve.warning);
  const grid = curve.points.map((q) => q.predicted);
  const loessPoints = predictLoess(lo, grid).map((observed, g) => ({predicted: grid[g]!, observed}));

  return {
    n,
    events,
    observedRisk: ybar,
    meanPredictedRisk: expected / n,
    level,
    calibrationInTheLarge: {...citlWald, profileLower: citlLo, profileUpper: citlHi, z: citlZ, p: 2 * normalSf(Math.abs(citlZ))},
    calibrationSlope: {...slopeWald, profileLower: slopeLo, profileUpper: slopeHi, z: slopeZ, p: 2 * normalSf(Math.abs(slopeZ))},
    slopeModelIntercept: wald(slopeFit, 0, z),
    expectedObserved: {
      expected,
      observed: events,
      ratio,
      poisson: {seLog: poissonSe, ciLower: ratio * Math.exp(-z * poissonSe), ciUpper: ratio * Math.exp(z * poissonSe)},
      binomial: {seLog: binomialSe, ciLower: ratio * Math.exp(-z * binomialSe), ciUpper: ratio * Math.exp(z * binomialSe)}
    },
    auc: {auc: roc.auc, se: roc.se, ciLower: roc.ciLower, ciUpper: roc.ciUpper},
    brier,
    brierNull,
    scaledBrier: 1 - brier / brierNull,
    loessCalibration: {...loessErrors, span: loessSpan, points: loessPoints, pseudoinverseFits: lo.pseudoinverseFits},
    valProb: valProbIndices(lp, p, y, events, slopeFit),
    calibrationCurve: curve,
    decisionCurve: decisionCurve(p, y, thresholds),
    warnings
  };
}

function interceptChanges(c: number): string {
  if (c === 0) return "Leaves the equation as it is: its mean predicted risk already equals the observed rate.";
  return (
    `Adds the same amount to every patient's log-odds, which ${c > 0 ? "raises" : "lowers"} every predicted risk ` +
    `(the equation ${c > 0 ? "under" : "over"}-predicts here) until the mean predicted risk equals the observed rate (E/O = 1). ` +
    "The coefficients, the ranking of patients (so the AUC) and the calibration slope stay as they are."
  );
}

function slopeChanges(b: number): string {
  if (!(b > 0)) {
    return (
      `The calibration slope is ${b === 0 ? "zero" : "negative"}: multiplying the coefficients by it would ${b === 0 ? "give every patient the same risk" : "reverse the ranking of patients"}. ` +
      "The equation does not carry over to these patients; an update of this kind cannot rescue it."
    );
  }
  const how = b < 1 ? "shrinks every coefficient (the equation's predictions are too extreme here: high risks too high, low risks too low)" : "stretches every coefficient (the equation's predictions are too modest here)";
  return (
    `Multiplies every coefficient by the calibration slope, which ${how}, and resets the intercept so that, on these patients, ` +
    "calibration-in-the-large is 0 and the slope 1. The ranking of patients, and so the AUC, stays as it is."
  );
}

/**
 * Validates fixed predictions against outcomes (see the module comment): lp (log-odds) or probabilities.
 * @example externalValidation({lp: linearPredictor(eq, columns).lp, y}, {equation: eq})
 *   .recalibration.intercept.equation // the equation with its intercept updated
 */
export function externalValidation(input: ExternalValidationInput, options: ExternalValidationOptions = {}): ExternalValidation {
  const {lp, y} = checkedInput(input);
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new RangeError(`externalValidation: level is ${level}, expected a number in (0, 1)`);
  const n = lp.length;
  if (n < 10) throw new RangeError(`externalValidation: ${n} patients are too few to validate an equation (at least 10 are needed)`);
  let events = 0;
  for (let i = 0; i < n; i++) events += y[i]!;
  if (events === 0 || events === n) throw new RangeError(`externalValidation: the cohort has ${events === 0 ? "no events" : "only events"}; validating an equation needs patients with and without the outcome`);
  const thresholds = options.thresholds ?? Array.from({length: 99}, (_, i) => (i + 1) / 100);
  const calibrationKnots = options.calibrationKnots ?? 4;
  if (!Number.isInteger(calibrationKnots) || calibrationKnots < 3) throw new RangeError(`externalValidation: calibrationKnots must be an integer >= 3, got ${calibrationKnots}`);
  const curvePoints = options.curvePoints ?? 101;
  if (!Number.isInteger(curvePoints) || curvePoints < 2) throw new RangeError(`externalValidation: curvePoints must be an integer >= 2, got ${curvePoints}`);
  const loessSpan = options.loessSpan ?? 0.75;
  const settings = {level, thresholds, calibrationKnots, curvePoints, loessSpan};
  const base = assess(lp, y, settings);

  const update = (kind: Recalibration["kind"], shift: number, scale: number, changes: string): Recalibration => {
    const lp2 = Float64Array.from(lp, (v) => shift + scale * v);
    const r: Recalibration = {kind, shift, scale, changes, performance: assess(lp2, y, settings)};
    if (options.equation) r.equation = rescaleEquation(options.equation, {shift, scale});
    return r;
  };
  const c = base.calibrationInTheLarge.estimate;
  const a = base.slopeModelIntercept.estimate;
  const b = base.calibrationSlope.estimate;
  return {
    ...base,
    recalibration: {
      intercept: update("intercept", c, 1, interceptChanges(c)),
      interceptAndSlope: update("intercept-and-slope", a, b, slopeChanges(b))
    }
  };
}
