import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import {buildDesign} from "../../src/components/stats/design.js";
import {fitLogistic} from "../../src/components/stats/logistic.js";
import {fitFirth} from "../../src/components/stats/firth.js";
import {expandSplines, modelFactors} from "../../src/components/stats/spline.js";
import {anovaLogistic, likelihoodRatioTest} from "../../src/components/stats/likelihood-ratio.js";

// Reference values: R 4.2.2, rms 6.5, lmtest, glm(epsilon = 1e-14), written by test/fixtures/likelihood-ratio.R:
// nested tests by anova(glm, glm, test = "LRT") (= lmtest::lrtest = rms::lrtest), Wald rows by rms 6.5 anova(lrm),
// LR rows by refitting the model matrix without each row's terms (checked there against rms::lrtest).
function fixture(name: string) {
  return JSON.parse(readFileSync(new URL(`../fixtures/likelihood-ratio-${name}.json`, import.meta.url), "utf8"));
}
function expectRel(actual: number, expected: number, tol: number, label: string): void {
  const e = expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
  if (!(e <= tol)) throw new Error(`${label}: got ${actual}, R gives ${expected} (relative error ${e.toExponential(2)})`);
}
function splineModel(f: ReturnType<typeof fixture>) {
  const splines = new Map<string, number>();
  for (const [name, nk] of Object.entries(f.splines as Record<string, number>)) if (nk > 0) splines.set(name, nk);
  const expansion = expandSplines(f.data, f.predictors, splines);
  const design = buildDesign(expansion.columns, expansion.predictors);
  return {expansion, design, factors: modelFactors(design, expansion)};
}

describe.each(["pima", "birthwt"])("rms-style anova and nested LR tests: %s", (name) => {
  const f = fixture(name);
  const y = f.data[f.outcome];
  const {expansion, design, factors} = splineModel(f);
  // The references were iterated to convergence (glm epsilon = 1e-14, lrm eps = 1e-10); so are these fits. At glm's
  // default epsilon (1e-8) the coefficients are within ~2e-9 and the Wald rows within ~1e-7 (checked below).
  const tight = {tolerance: 1e-13};
  const fit = fitLogistic(design, y, tight);

  it("fits lrm(y ~ rcs(...) + ...) with rms's knots and coefficients", () => {
    for (const k of f.knots) expect(expansion.splines.find((s) => s.factor === k.factor)!.knots).toEqual(k.knots);
    expect(design.names).toEqual(f.terms);
    // Both fits are converged (deviances agree to 3e-14, ours the lower): the coefficients of the nearly collinear
    // spline terms (x, x', x'') are fixed in double precision only to within cond(XᵀWX)·ε (R: kappa(sqrt(w) * X,
    // exact = TRUE)^2 = 2.0e7 for pima, so up to ~5e-9 relative), and the two solvers' rounding paths differ (ours
    // centres and scales the columns; glm's QR does not): measured 2.7e-11.
    fit.coefficients.forEach((b, j) => expectRel(b, f.coefficients[j], 5e-11, `coefficient ${f.terms[j]}`));
    expectRel(fit.deviance, f.deviance, 1e-12, "deviance");
    expectRel(fit.aic, f.aic, 1e-12, "AIC");
  });

  it("tests linear against spline by deviances as anova(glm, glm, test = 'LRT'), with both AICs", () => {
    const linear = fitLogistic(buildDesign(f.data, f.predictors), y, tight);
    const t = likelihoodRatioTest(fit, linear);
    expectRel(t.statistic, f.nested.statistic, 1e-9, "LR statistic");
    expect(t.df).toBe(f.nested.df);
    expectRel(t.p, f.nested.p, 1e-9, "p");
    expectRel(t.full.aic, f.aic, 1e-12, "AIC spline");
    expectRel(t.reduced.aic, f.linear.aic, 1e-12, "AIC linear");
    expect(t.added).toEqual(factors.flatMap((x) => x.nonlinear));
    expect(t.warnings).toEqual([]);
  });

  it("gives rms 6.5's Wald anova rows (labels, df, chi-square, p)", () => {
    const a = anovaLogistic(design, y, factors, {test: "Wald", fit});
    expect(a.rows.map((r) => r.label)).toEqual(f.wald.map((r: {label: string}) => r.label));
    a.rows.forEach((r, i) => {
      expect(r.df).toBe(f.wald[i].df);
      // p to 1e-9: near 1e-8 a p-value moves ~20 times faster (relatively) than the chi-square it comes from
      expectRel(r.statistic, f.wald[i].chisqWald, 1e-10, `Wald ${r.label}`);
      expectRel(r.p, f.wald[i].pWald, 1e-9, `Wald p ${r.label}`);
    });
    // with glm's default convergence, still within 1e-6 (the covariance is taken at β̂, as lrm does)
    const loose = anovaLogistic(design, y, factors, {test: "Wald"});
    loose.rows.forEach((r, i) => expectRel(r.statistic, f.wald[i].chisqWald, 1e-6, `Wald (default tolerance) ${r.label}`));
  });

  it("gives the same rows by likelihood ratio (refits without each row's terms)", () => {
    const a = anovaLogistic(design, y, factors, {...tight, fit});
    expect(a.test).toBe("LR");
    a.rows.forEach((r, i) => {
      const e = f.lr[i];
      expect(r.label).toBe(e.label);
      expect(r.terms).toEqual(e.terms);
      expectRel(r.reduced!.deviance, e.devianceWithout, 1e-13, `deviance without ${r.label}`);
      expectRel(r.reduced!.aic, e.aicWithout, 1e-13, `AIC without ${r.label}`);
      expectRel(r.statistic, e.chisqLR, 1e-10, `LR ${r.label}`);
      expectRel(r.p, e.pLR, 1e-9, `LR p ${r.label}`);
    });
    // deviances converge quadratically: glm's default tolerance is as good here
    anovaLogistic(design, y, factors).rows.forEach((r, i) => expectRel(r.statistic, f.lr[i].chisqLR, 1e-8, `LR (default tolerance) ${r.label}`));
    // TOTAL is the model's LR chi-square against the null model; TOTAL NONLINEAR is the linear-vs-spline test
    expectRel(a.rows.at(-1)!.statistic, fit.lrStatistic, 1e-12, "TOTAL");
    expectRel(a.rows.find((r) => r.kind === "total nonlinear")!.statistic, f.nested.statistic, 1e-9, "TOTAL NONLINEAR");
  });
});

describe("argument checks", () => {
  const f = fixture("birthwt");
  const y = f.data.low;
  const full = fitLogistic(buildDesign(f.data, ["age", "lwt"]), y);
  const reduced = fitLogistic(buildDesign(f.data, ["age"]), y);
  it("refuses models that are not nested, not ML, or not on the same rows", () => {
    expect(() => likelihoodRatioTest(reduced, full)).toThrow(/not nested/);
    expect(() => likelihoodRatioTest(full, full)).toThrow(/same terms/);
    expect(() => likelihoodRatioTest(fitFirth(buildDesign(f.data, ["age", "lwt"]), y), reduced)).toThrow(/maximum-likelihood/);
    const fewer = fitLogistic(buildDesign({age: f.data.age.slice(1)}, ["age"]), y.slice(1));
    expect(() => likelihoodRatioTest(full, fewer)).toThrow(/same rows/);
  });
  it("refuses a row naming a term the design lacks, and an unknown test", () => {
    const design = buildDesign(f.data, ["age", "lwt"]);
    expect(() => anovaLogistic(design, y, [{factor: "bmi", terms: ["bmi"], nonlinear: []}])).toThrow(/"bmi"/);
    expect(() => anovaLogistic(design, y, [], {test: "F" as "LR"})).toThrow(/test/);
  });
});
