import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import {buildDesign, detectCollinearity} from "../../src/components/stats/design.js";
import {fitLogistic, predictLogistic} from "../../src/components/stats/logistic.js";

// Reference values: R 4.2.2 glm(family = binomial) and friends, written by test/fixtures/logistic.R.
function fixture(name: string) {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), "utf8"));
}

/** Relative difference |a − e|/|e| (absolute when e = 0). */
function relErr(actual: number, expected: number): number {
  return expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
}
function expectRel(actual: number, expected: number, tol: number, label: string): void {
  const e = relErr(actual, expected);
  if (!(e <= tol)) throw new Error(`${label}: got ${actual}, R gives ${expected} (relative error ${e.toExponential(2)})`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function fitFixture(f: any) {
  const design = buildDesign(f.data, f.predictors);
  return {design, fit: fitLogistic(design, f.data[f.outcome])};
}

const datasets = ["logistic-birthwt", "logistic-mtcars", "logistic-infert", "logistic-simulated"];

describe.each(datasets)("fitLogistic vs R glm(family = binomial): %s", (name) => {
  const f = fixture(name);
  const {design, fit} = fitFixture(f);
  const TOL = 1e-10; // both run the same IRLS iterations from the same start; measured agreement ~1e-13

  it("names the terms as R's model.matrix, column=level for categorical predictors", () => {
    expect(fit.names.length).toBe(f.terms.length);
    // R pastes "race" + "other"; the engine writes "race=other". Same order (sorted levels, first is reference).
    expect(fit.names.map((s) => s.replace("=", ""))).toEqual(f.terms);
  });

  it("matches coefficients, SEs, z, p, odds ratios and Wald CIs (summary.glm, confint.default)", () => {
    fit.terms.forEach((t, j) => {
      expectRel(t.estimate, f.estimate[j], TOL, `${t.term} estimate`);
      expectRel(t.se, f.se[j], TOL, `${t.term} se`);
      expectRel(t.z, f.z[j], TOL, `${t.term} z`);
      expectRel(t.p, f.p[j], 1e-10, `${t.term} p`);
      expectRel(t.oddsRatio, f.oddsRatio[j], TOL, `${t.term} OR`);
      expectRel(t.ciLower, f.ciLower[j], TOL, `${t.term} ciLower`);
      expectRel(t.ciUpper, f.ciUpper[j], TOL, `${t.term} ciUpper`);
    });
  });

  it("matches vcov, logLik, deviance, null deviance, AIC, iterations and the LR test (anova(test = 'Chisq'))", () => {
    fit.covariance.forEach((v, i) => expectRel(v, f.covariance[i], TOL, `vcov[${i}]`));
    expectRel(fit.logLik, f.logLik, 1e-10, "logLik");
    expectRel(fit.deviance, f.deviance, 1e-10, "deviance");
    expectRel(fit.nullDeviance, f.nullDeviance, 1e-12, "null deviance");
    expectRel(fit.aic, f.aic, 1e-10, "AIC");
    expectRel(fit.lrStatistic, f.lrStatistic, 1e-9, "LR chi-square");
    expect(fit.lrDf).toBe(f.lrDf);
    expectRel(fit.lrP, f.lrP, 1e-7, "LR p");
    expect(fit.iterations).toBe(f.iterations);
    expect(fit.converged).toBe(true);
    expect(fit.n).toBe(design.n);
    expect(fit.separation.detected).toBe(false);
    expect(fit.ciValid).toBe(true);
  });

  it("matches fitted probabilities and the linear predictor", () => {
    fit.fitted.forEach((v, i) => expectRel(v, f.fitted[i], 1e-9, `fitted[${i}]`));
    fit.linearPredictor.forEach((v, i) => expect(Math.abs(v - f.linearPredictor[i])).toBeLessThan(1e-9 * (1 + Math.abs(v))));
  });

  it("matches predict(type = 'link', se.fit = TRUE) with the delta-method SE", () => {
    f.predict.x.forEach((x: number[], r: number) => {
      const pr = predictLogistic(fit, x);
      expectRel(pr.linearPredictor, f.predict.fit[r], 1e-8, `predict fit row ${f.predict.rows[r]}`);
      expectRel(pr.se, f.predict.se[r], 1e-8, `predict se row ${f.predict.rows[r]}`);
      const expit = (t: number) => 1 / (1 + Math.exp(-t));
      expectRel(pr.probability, expit(f.predict.fit[r]), 1e-8, "probability");
      expectRel(pr.ciLower, expit(f.predict.fit[r] - 1.959963984540054 * f.predict.se[r]), 1e-8, "ciLower");
      expectRel(pr.ciUpper, expit(f.predict.fit[r] + 1.959963984540054 * f.predict.se[r]), 1e-8, "ciUpper");
    });
  });
});

describe("separation", () => {
  const sep = fixture("logistic-separation");
  it("flags complete separation (R warns 'fitted probabilities numerically 0 or 1'), names x, suggests Firth, hides Wald CIs", () => {
    expect(sep.complete.warnings).toContain("glm.fit: fitted probabilities numerically 0 or 1 occurred");
    const {fit} = fitFixture(sep.complete);
    expect(fit.separation.detected).toBe(true);
    expect(fit.separation.kind).toBe("complete");
    expect(fit.separation.terms).toContain("x");
    expect(fit.separation.message).toMatch(/Complete separation/);
    expect(fit.separation.message).toMatch(/Firth/);
    expect(fit.ciValid).toBe(false);
    for (const t of fit.terms) {
      expect(t.ciLower).toBeNaN();
      expect(t.ciUpper).toBeNaN();
    }
  });
  it("flags quasi-complete separation although glm reports convergence", () => {
    expect(sep.quasi.converged).toBe(true); // R 4.2.2: glm(...)$converged
    const {fit} = fitFixture(sep.quasi);
    expect(fit.separation.detected).toBe(true);
    expect(fit.separation.kind).toBe("quasi-complete");
    expect(fit.separation.terms).toEqual(["x"]);
    expect(fit.separation.perfectlyPredicted).toBe(9); // all rows but the three at x = 5
    expect(fit.separation.message).toMatch(/Quasi-complete separation.*"x".*--firth/s);
    expect(fit.terms[1].ciLower).toBeNaN();
  });
  it("iterates as R does up to the point of divergence (same iteration count)", () => {
    expect(fitFixture(sep.complete).fit.iterations).toBe(sep.complete.iterations);
    expect(fitFixture(sep.quasi).fit.iterations).toBe(sep.quasi.iterations);
  });
});

describe("collinearity and bad input", () => {
  const col = fixture("logistic-collinear");
  it("detectCollinearity names the term R's glm reports as aliased (NA)", () => {
    const design = buildDesign(col.data, col.predictors);
    expect(detectCollinearity(design)).toEqual({collinear: true, terms: col.aliased, rank: 4});
  });
  it("fitLogistic refuses a collinear design, naming the term", () => {
    const design = buildDesign(col.data, col.predictors);
    expect(() => fitLogistic(design, col.data.y)).toThrow(/collinear: "c" is a linear combination/);
  });
  it("rejects a non-binary outcome, a single-valued outcome and mismatched lengths", () => {
    const design = buildDesign({x: [1, 2, 3, 4, 5]}, ["x"]);
    expect(() => fitLogistic(design, [0, 1, 2, 0, 1])).toThrow(/y must be 0 or 1, row 3 is 2/);
    expect(() => fitLogistic(design, [0, 0, 0, 0, 0])).toThrow(/single value/);
    expect(() => fitLogistic(design, [0, 1])).toThrow(/y has length 2/);
  });
  it("predictLogistic rejects a row of the wrong length", () => {
    const f = fixture("logistic-mtcars");
    const {fit} = fitFixture(f);
    expect(() => predictLogistic(fit, [1, 2])).toThrow(/x has length 2, expected 3/);
  });
});

describe("offset (R: glm(y ~ x + offset(o), binomial))", () => {
  it("with an offset of zero the fit is unchanged", () => {
    const f = fixture("logistic-mtcars");
    const design = buildDesign(f.data, f.predictors);
    const fit = fitLogistic(design, f.data.am, {offset: new Float64Array(design.n)});
    expectRel(fit.terms[1].estimate, f.estimate[1], 1e-8, "wt");
    expectRel(fit.nullDeviance, f.nullDeviance, 1e-8, "null deviance via the intercept-only offset fit");
  });
  it("matches glm(am ~ wt + offset(o)) and the intercept-only glm(am ~ 1 + offset(o)) (calibration-in-the-large form)", () => {
    const f = fixture("logistic-offset");
    const full = fitLogistic(buildDesign(f.data, ["wt"]), f.data.am, {offset: f.data.o});
    full.terms.forEach((t, j) => {
      expectRel(t.estimate, f.full.estimate[j], 1e-10, `${t.term} estimate`);
      expectRel(t.se, f.full.se[j], 1e-10, `${t.term} se`);
    });
    expectRel(full.deviance, f.full.deviance, 1e-12, "deviance");
    expectRel(full.nullDeviance, f.full.nullDeviance, 1e-10, "null deviance (R refits am ~ 1 + offset(o))");
    expect(full.iterations).toBe(f.full.iterations);
    const interceptOnly = fitLogistic(buildDesign(f.data, []), f.data.am, {offset: f.data.o});
    expectRel(interceptOnly.terms[0].estimate, f.interceptOnly.estimate, 1e-10, "intercept");
    expectRel(interceptOnly.terms[0].se, f.interceptOnly.se, 1e-10, "intercept se");
    expectRel(interceptOnly.deviance, f.interceptOnly.deviance, 1e-12, "deviance");
    expect(interceptOnly.lrDf).toBe(0);
    expect(interceptOnly.iterations).toBe(f.interceptOnly.iterations);
  });
});
