// Reference: test/fixtures/shrinkage.R (R 4.2.2): a simulated cohort of 160 (29 events), Harrell's bootstrap of the
// calibration slope written out with glm.fit over 30 resamples stored in the fixture; the shrunken intercept from
// coef(glm(y ~ 1, offset = s * lp0, binomial)); van Houwelingen & le Cessie's heuristic factor by hand.
import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import {buildDesign} from "../../src/components/stats/design.js";
import {fitLogistic} from "../../src/components/stats/logistic.js";
import {optimismBootstrap} from "../../src/components/stats/optimism-bootstrap.js";
import {heuristicShrinkage, shrinkByFactor, shrinkFit} from "../../src/components/stats/shrinkage.js";

const fx = JSON.parse(readFileSync(new URL("../fixtures/shrinkage.json", import.meta.url), "utf8"));
const design = buildDesign(fx.x, ["x1", "x2", "x3", "x4"]);
const fit = fitLogistic(design, fx.y);

describe("uniform shrinkage by the bootstrap's corrected calibration slope", () => {
  const boot = optimismBootstrap(design, fx.y, {samples: fx.samples, original: fit});
  it("the corrected slope is R's (the factor)", () => {
    // glm's convergence (epsilon 1e-8) bounds the agreement of fitted slopes at about 1e-9
    expect(boot.corrected.slope).toBeCloseTo(fx.factor, 7);
    expect(boot.corrected.slope).toBeLessThan(1);
  });
  it("slopes × factor and the intercept re-estimated as glm with an offset", () => {
    const s = shrinkByFactor(fit, design, fx.y, fx.factor);
    expect(s.factor).toBe(fx.factor);
    s.coefficients.forEach((c, j) => expect(c).toBeCloseTo(fx.shrunk[j], 6));
    // the re-estimated intercept makes the mean risk the prevalence (glm's score equation)
    const prevalence = fx.y.reduce((a: number, b: number) => a + b, 0) / fx.y.length;
    expect(s.fitted.reduce((a, b) => a + b, 0) / s.fitted.length).toBeCloseTo(prevalence, 12);
    expect(s.fitted.reduce((a, b) => a + b, 0) / s.fitted.length).toBeCloseTo(fx.shrunkMeanRisk, 9);
    const brier = s.fitted.reduce((a, p, i) => a + (p - fx.y[i]) ** 2, 0) / fx.y.length;
    expect(brier).toBeCloseTo(fx.shrunkBrier, 9);
  });
  it("factor 1 leaves the model as fitted; factor 0 predicts the prevalence for all", () => {
    const one = shrinkByFactor(fit, design, fx.y, 1);
    one.coefficients.forEach((c, j) => expect(c).toBeCloseTo(fit.coefficients[j]!, 8));
    const zero = shrinkByFactor(fit, design, fx.y, 0);
    expect(zero.coefficients[0]).toBeCloseTo(Math.log(29 / 131), 12);
    expect(Array.from(zero.coefficients.slice(1))).toEqual([0, 0, 0, 0]);
  });
  it("refuses a factor outside [0, 1] and a design that does not match", () => {
    expect(() => shrinkByFactor(fit, design, fx.y, 1.2)).toThrow(/factor = 1.2/);
    expect(() => shrinkByFactor(fit, design, fx.y, NaN)).toThrow(RangeError);
    expect(() => shrinkByFactor(fit, design, fx.y.slice(1), 0.9)).toThrow(TypeError);
  });
});

describe("heuristic shrinkage (van Houwelingen & le Cessie 1990)", () => {
  it("(χ² − df)/χ² and its intercept are R's", () => {
    const s = shrinkFit(fit, design, fx.y);
    expect(s.heuristic).toBeCloseTo(fx.heuristic, 9);
    expect(s.clamped).toBe(false);
    s.coefficients.forEach((c, j) => expect(c).toBeCloseTo(fx.heuristicCoefficients[j], 6));
  });
  it("hand arithmetic and its errors", () => {
    expect(heuristicShrinkage(40, 8)).toBeCloseTo(0.8, 15);
    expect(heuristicShrinkage(4, 8)).toBeCloseTo(-1, 15);
    expect(() => heuristicShrinkage(0, 1)).toThrow(/lrStatistic/);
    expect(() => heuristicShrinkage(10, 1.5)).toThrow(/df/);
  });
});
