import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import {buildDesign} from "../../src/components/stats/design.js";
import {fitFirth} from "../../src/components/stats/firth.js";
import {fitLogistic} from "../../src/components/stats/logistic.js";

// Reference values: R 4.2.2, brglm2 0.9, glm(..., family = binomial, method = "brglmFit", type = "AS_mean",
// control = brglmControl(epsilon = 1e-12)) — for the logit link this is exactly Firth's penalised likelihood —
// written by test/fixtures/logistic.R, which also computes the penalised log-likelihoods.
function fixture(name: string) {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), "utf8"));
}
function expectRel(actual: number, expected: number, tol: number, label: string): void {
  const e = expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
  if (!(e <= tol)) throw new Error(`${label}: got ${actual}, R gives ${expected} (relative error ${e.toExponential(2)})`);
}

describe.each(["firth-endometrial", "firth-separation", "firth-birthwt"])("fitFirth vs brglm2 AS_mean: %s", (name) => {
  const f = fixture(name);
  const design = buildDesign(f.data, f.predictors);
  const fit = fitFirth(design, f.data[f.outcome]);

  it("matches coefficients, SEs, z, p and Wald CIs to 1e-8 relative (brglm2 itself converged to epsilon = 1e-12; measured ~1e-10)", () => {
    expect(fit.method).toBe("firth");
    expect(fit.converged).toBe(true);
    expect(fit.names.map((s) => s.replace("=", ""))).toEqual(f.terms);
    fit.terms.forEach((t, j) => {
      expectRel(t.estimate, f.estimate[j], 1e-8, `${t.term} estimate`);
      expectRel(t.se, f.se[j], 1e-8, `${t.term} se`);
      expectRel(t.z, f.z[j], 1e-8, `${t.term} z`);
      expectRel(t.p, f.p[j], 1e-8, `${t.term} p`);
      expectRel(t.ciLower, f.ciLower[j], 1e-8, `${t.term} ciLower`);
      expectRel(t.ciUpper, f.ciUpper[j], 1e-8, `${t.term} ciUpper`);
    });
  });

  it("matches deviance, AIC, null deviance, the penalised log-likelihood and logistf's penalised LR statistic", () => {
    expectRel(fit.deviance, f.deviance, 1e-9, "deviance");
    expectRel(fit.logLik, f.logLik, 1e-9, "logLik");
    expectRel(fit.aic, f.aic, 1e-9, "AIC");
    expectRel(fit.nullDeviance, f.nullDeviance, 1e-12, "null deviance");
    expectRel(fit.penalizedLogLik as number, f.penalizedLogLik, 1e-9, "penalised logLik");
    expectRel(fit.lrStatistic, f.penalizedLrStatistic, 1e-8, "penalised LR statistic");
    fit.fitted.forEach((p, i) => expectRel(p, f.fitted[i], 1e-8, `fitted[${i}]`));
  });
});

describe("Firth on separated data", () => {
  it("reproduces Heinze & Schemper's (2002) published estimates and SEs for the endometrial data to their 3 decimals", () => {
    const f = fixture("firth-endometrial");
    const fit = fitFirth(buildDesign(f.data, f.predictors), f.data.HG);
    fit.terms.forEach((t, j) => {
      expect(t.estimate).toBeCloseTo(f.published.estimate[j], 3);
      expect(t.se).toBeCloseTo(f.published.se[j], 3);
    });
  });
  it("gives finite estimates where maximum likelihood diverges (complete separation)", () => {
    const f = fixture("firth-separation");
    const design = buildDesign(f.data, f.predictors);
    const ml = fitLogistic(design, f.data.y);
    expect(ml.separation.detected).toBe(true);
    const firth = fitFirth(design, f.data.y);
    expect(firth.separation.detected).toBe(false);
    expect(firth.ciValid).toBe(true);
    for (const t of firth.terms) {
      expect(Number.isFinite(t.estimate) && Math.abs(t.estimate) < 10).toBe(true);
      expect(Number.isFinite(t.ciLower) && Number.isFinite(t.ciUpper)).toBe(true);
    }
  });
  it("throws on a collinear design, naming the term", () => {
    const f = fixture("logistic-collinear");
    expect(() => fitFirth(buildDesign(f.data, f.predictors), f.data.y)).toThrow(/collinear: "c"/);
  });
});
