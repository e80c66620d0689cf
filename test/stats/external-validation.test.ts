import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import {externalValidation, type PerformanceAssessment} from "../../src/components/stats/external-validation.js";
import {linearPredictor, parseEquation} from "../../src/components/stats/equation-spec.js";
import {closeFields} from "../helpers/close-fields.js";

// R 4.2.2, rms 6.5, pROC 1.18, MASS (test/fixtures/external-validation.R): glm with offset, glm(y ~ lp), profile
// limits by uniroot on the deviance (glm.control(epsilon = 1e-14)), pROC ci.auc(method = "delong"), Austin &
// Steyerberg's loess code, rms::val.prob(logit = lp, y), glm(y ~ rcspline.eval(lp, nk = 4, inclx = TRUE)) with
// predict-style delta-method bands, net benefit by hand.
const fx = JSON.parse(readFileSync(new URL("../fixtures/external-validation.json", import.meta.url), "utf8"));

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
function close(actual: number, expected: number, tolerance: number, what: string): void {
  const r = Math.abs(expected) < 1e-8 ? Math.abs(actual - expected) : rel(actual, expected);
  if (!(r <= tolerance)) throw new Error(`${what}: ${actual} vs R ${expected} (difference ${r.toExponential(2)} > ${tolerance})`);
}
function closeAll(actual: number[], expected: number[], tolerance: number, what: string): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => close(v, expected[i]!, tolerance, `${what}[${i}]`));
}

/** Compares one assessment with R's; `glmTol` for quantities that come through glm's default convergence. */
function compare(ours: PerformanceAssessment, r: any, label: string): void {
  const glmTol = 1e-9;
  expect(ours.warnings).toEqual([]);
  expect(ours.n).toBe(r.n);
  expect(ours.events).toBe(r.events);
  close(ours.meanPredictedRisk, r.meanPredicted, 1e-14, `${label} mean predicted`);
  // both glm models solved to full precision on both sides (glm.control(epsilon = 1e-14)); the profile limits by
  // uniroot, the z statistics through the standard error
  const tight = 1e-11;
  const interval = {estimate: tight, se: tight, ciLower: tight, ciUpper: tight, profileLower: 1e-10, profileUpper: 1e-10, z: 1e-7};
  closeFields(close, ours.calibrationInTheLarge, r.citl, interval, {label: `${label} CITL`});
  const s = ours.calibrationSlope; // its z and p test b = 1
  closeFields(close, s, r.slope, {...interval, p: 1e-6}, {label: `${label} slope`});
  // MASS::confint interpolates a spline through the profile: agrees to ~1e-4 only
  close(s.profileLower, r.slope.massLower, 1e-3, `${label} slope profile lower vs MASS`);
  close(ours.slopeModelIntercept.estimate, r.slopeIntercept.estimate, tight, `${label} slope-model intercept`);
  close(ours.slopeModelIntercept.ciUpper, r.slopeIntercept.ciUpper, tight, `${label} slope-model intercept upper`);
  const eo = ours.expectedObserved;
  close(eo.expected, r.eo.expected, 1e-13, `${label} E`);
  close(eo.ratio, r.eo.ratio, 1e-13, `${label} E/O`);
  closeAll([eo.poisson.ciLower, eo.poisson.ciUpper], r.eo.poisson, 1e-13, `${label} E/O Poisson CI`);
  closeAll([eo.binomial.ciLower, eo.binomial.ciUpper], r.eo.binomial, 1e-13, `${label} E/O binomial CI`);
  close(ours.auc.auc, r.auc.auc, 1e-14, `${label} AUC`);
  close(ours.auc.se, r.auc.se, 1e-10, `${label} AUC se`);
  close(ours.auc.ciLower, r.auc.ciLower, 1e-10, `${label} AUC lower`);
  close(ours.auc.ciUpper, r.auc.ciUpper, 1e-10, `${label} AUC upper`);
  close(ours.brier, r.brier, 1e-13, `${label} Brier`);
  close(ours.scaledBrier, r.scaledBrier, 1e-12, `${label} scaled Brier`);
  const l = ours.loessCalibration;
  close(l.mean, r.ici.ICI, 1e-11, `${label} ICI`);
  close(l.median, r.ici.E50, 1e-11, `${label} E50`);
  close(l.q90, r.ici.E90, 1e-11, `${label} E90`);
  close(l.max, r.ici.Emax, 1e-11, `${label} Emax`);
  expect(l.pseudoinverseFits).toBe(0);
  closeAll(l.points.map((q) => q.observed), r.ici.curve, 1e-11, `${label} loess curve`);
  const v = ours.valProb;
  const vp = r.valProb;
  close(v.dxy, vp.Dxy, 1e-12, `${label} Dxy`);
  close(v.c, vp["C..ROC."], 1e-12, `${label} C`);
  close(v.r2, vp.R2, 1e-11, `${label} R2`);
  close(v.d, vp.D, 1e-11, `${label} D`);
  close(v.dChiSq, vp["D.Chi.sq"], 1e-11, `${label} D chi-sq`);
  expect(vp["D.p"]).toBeNull(); // rms 6.5 prints NA
  close(v.dP, vp.Dp, 1e-10, `${label} D p (pchisq)`);
  // U and the slope come through lrm.fit's convergence, not glm's
  close(v.uChiSq, vp["U.Chi.sq"], 1e-7, `${label} U chi-sq`);
  close(v.u, vp.U, 1e-7, `${label} U`);
  close(v.uP, vp["U.p"], 1e-6, `${label} U p`);
  close(v.q, vp.Q, 1e-7, `${label} Q`);
  close(v.brier, vp.Brier, 1e-13, `${label} val.prob Brier`);
  close(v.intercept, vp.Intercept, 1e-6, `${label} val.prob Intercept`);
  close(v.slope, vp.Slope, 1e-6, `${label} val.prob Slope`);
  close(v.emax, vp.Emax, 1e-12, `${label} val.prob Emax`);
  close(v.e90, vp.E90, 1e-12, `${label} val.prob E90`);
  close(v.eavg, vp.Eavg, 1e-12, `${label} val.prob Eavg`);
  close(v.spiegelhalterZ, vp["S.z"], 1e-12, `${label} Spiegelhalter z`);
  close(v.spiegelhalterP, vp["S.p"], 1e-10, `${label} Spiegelhalter p`);
  const cc = ours.calibrationCurve;
  expect(cc.method).toBe("rcs");
  closeAll(cc.knots, r.rcs.knots, 1e-12, `${label} knots`);
  closeAll(cc.coefficients, r.rcs.coefficients, glmTol, `${label} rcs coefficients`);
  closeAll(cc.points.map((q) => q.predicted), r.rcs.grid, 1e-12, `${label} curve grid`);
  closeAll(cc.points.map((q) => q.observed), r.rcs.observed, glmTol, `${label} curve`);
  closeAll(cc.points.map((q) => q.lower), r.rcs.lower, glmTol, `${label} curve lower`);
  closeAll(cc.points.map((q) => q.upper), r.rcs.upper, glmTol, `${label} curve upper`);
  close(cc.errors.mean, r.rcs.errors.mean, 1e-8, `${label} rcs ICI`);
  close(cc.errors.q90, r.rcs.errors.q90, 1e-8, `${label} rcs E90`);
  r.decision.thresholds.forEach((t: number, i: number) => {
    const point = ours.decisionCurve.find((d) => Math.abs(d.threshold - t) < 1e-12)!;
    close(point.netBenefitModel, r.decision.netBenefit[i], 1e-13, `${label} net benefit at ${t}`);
  });
}

describe("externalValidation vs R", () => {
  for (const c of fx.cases) {
    it(`${c.name}: the equation as published`, () => {
      const v = externalValidation({lp: c.lp, y: c.y});
      compare(v, c.base, c.name);
    });
    it(`${c.name}: intercept update and intercept-and-slope update`, () => {
      const v = externalValidation({lp: c.lp, y: c.y});
      const i = v.recalibration.intercept;
      close(i.shift, c.interceptUpdate.shift, 1e-11, "intercept shift");
      expect(i.scale).toBe(1);
      compare(i.performance, c.interceptUpdate, `${c.name} intercept update`);
      const s = v.recalibration.interceptAndSlope;
      close(s.shift, c.slopeUpdate.shift, 1e-11, "slope-update shift");
      close(s.scale, c.slopeUpdate.scale, 1e-11, "slope-update scale");
      compare(s.performance, c.slopeUpdate, `${c.name} slope update`);
      // by construction: E/O = 1 after the intercept update; CITL 0 and slope 1 after the full update
      expect(i.performance.expectedObserved.ratio).toBeCloseTo(1, 12);
      expect(s.performance.calibrationInTheLarge.estimate).toBeCloseTo(0, 12);
      expect(s.performance.calibrationSlope.estimate).toBeCloseTo(1, 12);
      expect(i.performance.auc.auc).toBe(v.auc.auc);
    });
  }

  it("miscalibrated as generated: slope near the true 0.6, and the equation file reproduces lp", () => {
    const c = fx.cases.find((k: any) => k.name === "miscalibrated");
    const eq = parseEquation(c.equation);
    const lp = linearPredictor(eq, new Map(Object.entries(c.columns) as [string, number[]][])).lp;
    closeAll(lp, c.lp, 1e-13, "lp");
    const v = externalValidation({lp, y: c.y}, {equation: eq});
    expect(v.calibrationSlope.ciLower).toBeLessThan(0.6);
    expect(v.calibrationSlope.ciUpper).toBeGreaterThan(0.6);
    expect(v.calibrationSlope.ciUpper).toBeLessThan(1);
    expect(v.recalibration.interceptAndSlope.changes).toMatch(/shrinks every coefficient/);
  });

  it("birthwt: the equation applied to the other mothers, range checks and the updated intercept", () => {
    const c = fx.cases.find((k: any) => k.name === "birthwt");
    const eq = parseEquation(c.equation);
    const r = linearPredictor(eq, new Map(Object.entries(c.columns) as [string, number[]][]));
    closeAll(r.lp, c.lp, 1e-12, "lp");
    expect(r.checks.find((k) => k.term === "lwt")!.outOfRange).toBe(c.outOfRange.lwt);
    expect(r.checks.find((k) => k.term === "age")!.outOfRange).toBe(c.outOfRange.age);
    const v = externalValidation({lp: r.lp, y: c.y}, {equation: eq});
    close(v.recalibration.intercept.equation!.intercept, c.updatedIntercept.intercept, 1e-9, "updated intercept");
    expect(v.recalibration.intercept.equation!.terms.map((t) => t.coefficient)).toEqual(eq.terms.map((t) => t.coefficient));
    const b = v.calibrationSlope.estimate;
    v.recalibration.interceptAndSlope.equation!.terms.forEach((t, j) => close(t.coefficient, b * eq.terms[j]!.coefficient, 1e-15, "scaled coefficient"));
    expect(v.recalibration.intercept.changes).toMatch(/raises every predicted risk \(the equation under-predicts here\)/);
    // probabilities in, same answers
    const vp = externalValidation({probability: r.probability, y: c.y});
    close(vp.calibrationSlope.estimate, v.calibrationSlope.estimate, 1e-10, "slope from probabilities");
  });
});

describe("externalValidation: hand checks, edge cases, errors", () => {
  const lp = [-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, -1.2, 0.3, 0.8];
  const y = [0, 0, 1, 0, 0, 1, 1, 0, 1, 0, 1, 1];
  it("E/O and Brier by hand", () => {
    const v = externalValidation({lp, y});
    const p = lp.map((t) => 1 / (1 + Math.exp(-t)));
    const E = p.reduce((s, q) => s + q, 0);
    expect(v.expectedObserved.ratio).toBeCloseTo(E / 6, 14);
    expect(v.expectedObserved.poisson.ciUpper).toBeCloseTo((E / 6) * Math.exp(1.959963984540054 * Math.sqrt(1 / 6)), 13);
    const brier = p.reduce((s, q, i) => s + (q - y[i]!) ** 2, 0) / 12;
    expect(v.brier).toBeCloseTo(brier, 15);
    expect(v.scaledBrier).toBeCloseTo(1 - brier / 0.25, 14);
  });
  it("a reversed equation: AUC below 0.5 is kept and said; the slope update says it cannot rescue it", () => {
    const v = externalValidation({lp: lp.map((t) => -t), y});
    expect(v.auc.auc).toBeLessThan(0.5);
    expect(v.warnings.some((w) => /below 0.5/.test(w))).toBe(true);
    expect(v.calibrationSlope.estimate).toBeLessThan(0);
    expect(v.recalibration.interceptAndSlope.changes).toMatch(/negative: .*reverse the ranking/);
  });
  it("few distinct predicted risks: spline falls back to the linear curve, loess says it is not well determined", () => {
    const lp2 = Array.from({length: 60}, (_, i) => [-2, -1, 0.5][i % 3]!);
    const y2 = Array.from({length: 60}, (_, i) => (i % 7 === 0 || i % 3 === 2 ? 1 : 0));
    const v = externalValidation({lp: lp2, y: y2});
    expect(v.calibrationCurve.method).toBe("linear");
    expect(v.warnings.some((w) => /too few distinct values for spline knots/.test(w))).toBe(true);
    expect(v.calibrationCurve.coefficients).toEqual([v.slopeModelIntercept.estimate, v.calibrationSlope.estimate]);
  });
  it("the result is plain JSON", () => {
    const v = externalValidation({lp, y});
    const back = JSON.parse(JSON.stringify(v));
    expect(back.calibrationCurve.points.length).toBe(101);
    expect(back.decisionCurve.length).toBe(99);
    expect(back.recalibration.intercept.performance.auc.auc).toBe(v.auc.auc);
  });
  it("errors name the argument", () => {
    expect(() => externalValidation({lp: [1, 2], y: [1]})).toThrow(TypeError);
    expect(() => externalValidation({lp: [...lp.slice(0, 11), NaN], y})).toThrow(/lp\[11\] is NaN; drop rows/);
    expect(() => externalValidation({probability: lp.map(() => 1), y})).toThrow(/probability\[0\] is 1/);
    expect(() => externalValidation({lp, y: y.map((v, i) => (i === 3 ? 2 : v))})).toThrow(/y\[3\] is 2/);
    expect(() => externalValidation({lp, y: y.map(() => 0)})).toThrow(/no events/);
    expect(() => externalValidation({lp: lp.slice(0, 5), y: y.slice(0, 5)})).toThrow(/too few/);
    expect(() => externalValidation({lp, y}, {level: 95})).toThrow(/level/);
    expect(() => externalValidation({lp, y}, {thresholds: [0]})).toThrow(/thresholds\[0\]/);
  });
});
