// Reference: test/fixtures/shrinkage.R (R 4.2.2): predict.glm(type = "link", se.fit = TRUE) at one patient with
// plogis and qnorm(0.975), and the shrunken equation's risk there; the binned-percentile arithmetic by hand.
import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import {cohortPercentile, linearPredictorRange, predictEquation, type CalculatorEquation, type CohortRisks} from "../../src/components/calculator.js";

const fx = JSON.parse(readFileSync(new URL("../fixtures/shrinkage.json", import.meta.url), "utf8"));
const predictors = ["x1", "x2", "x3", "x4"];
const fitted: CalculatorEquation = {key: "fitted", label: "Fitted equation", coefficients: fx.coefficients, predictors, covariance: fx.covariance, factor: 1, basis: ""};
const shrunken: CalculatorEquation = {key: "shrunken", label: "Shrunken equation", coefficients: fx.shrunk, predictors, covariance: null, factor: fx.factor, basis: ""};

describe("predictEquation", () => {
  it("the fitted equation's risk and delta-method CI are R's predict.glm", () => {
    const p = predictEquation(fitted, fx.patient);
    expect(p.linearPredictor).toBeCloseTo(fx.patientFitted.lp, 6);
    expect(p.se!).toBeCloseTo(fx.patientFitted.se, 6);
    expect(p.probability).toBeCloseTo(fx.patientFitted.p, 7);
    expect(p.ciLower!).toBeCloseTo(fx.patientFitted.lower, 6);
    expect(p.ciUpper!).toBeCloseTo(fx.patientFitted.upper, 6);
  });
  it("the shrunken equation's risk is R's, without an interval, and nearer the prevalence", () => {
    const p = predictEquation(shrunken, fx.patient);
    expect(p.probability).toBeCloseTo(fx.patientShrunk, 7);
    expect([p.se, p.ciLower, p.ciUpper]).toEqual([null, null, null]);
    expect(p.probability).toBeLessThan(fx.patientFitted.p);
  });
  it("names a factor that is not a number", () => {
    expect(() => predictEquation(fitted, {...fx.patient, x3: NaN})).toThrow(/x3 is NaN/);
  });
});

describe("cohortPercentile and linearPredictorRange", () => {
  it("open mode: an exact count of lower risks", () => {
    const c: CohortRisks = {risks: [0.1, 0.2, 0.2, 0.5].map((probability) => ({probability, group: "asd" as const})), exact: true, bins: [], n: 4};
    expect(cohortPercentile(c, 0.2)).toEqual({lower: 1, upper: 1, n: 4});
    expect(cohortPercentile(c, 0.3)).toEqual({lower: 3, upper: 3, n: 4});
    const [lo, hi] = linearPredictorRange(c);
    expect(lo).toBeCloseTo(Math.log(0.1 / 0.9), 12);
    expect(hi).toBeCloseTo(0, 12);
  });
  it("private mode: a range from the bins (bins [0, 0.1) 6, [0.1, 0.3) 5, [0.3, 1) 7)", () => {
    const c: CohortRisks = {risks: [], exact: false, bins: [{lower: 0, upper: 0.1, count: 6}, {lower: 0.1, upper: 0.3, count: 5}, {lower: 0.3, upper: 1, count: 7}], n: 18};
    // 0.2 lies in the middle bin: at least the 6 below it, at most 6 + 5
    expect(cohortPercentile(c, 0.2)).toEqual({lower: 6, upper: 11, n: 18});
    expect(cohortPercentile(c, 0.3)).toEqual({lower: 11, upper: 11, n: 18});
  });
});
