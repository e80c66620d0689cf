// Reference: test/fixtures/shrinkage.R (R 4.2.2): the shrunken coefficients for R's bootstrap slope and for the
// heuristic factor, and the shrunken equation's net benefit, computed by hand with glm.
import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import {buildDesign} from "../../src/components/stats/design.js";
import {fitLogistic} from "../../src/components/stats/logistic.js";
import {shrinkageResult} from "../../src/components/pipeline/shrinkage.js";

const fx = JSON.parse(readFileSync(new URL("../fixtures/shrinkage.json", import.meta.url), "utf8"));
const design = buildDesign(fx.x, ["x1", "x2", "x3", "x4"]);
const y = Float64Array.from(fx.y);
const fit = fitLogistic(design, y);
const slopeSource = (corrected: number, replicates = 30, seed = 1) => ({indices: [{index: "auc", corrected: 0.8}, {index: "slope", corrected}], replicates, seed});

describe("shrinkageResult: the factor's source, best first", () => {
  it("without a bootstrap: the heuristic factor", () => {
    const s = shrinkageResult(fit, design, y, null, {thresholds: fx.thresholds})!;
    expect(s.source).toBe("heuristic");
    expect(s.replicates).toBeNull();
    expect(s.factor).toBeCloseTo(fx.heuristic, 9);
    s.terms.forEach((t, j) => expect(t.estimate).toBeCloseTo(fx.heuristicCoefficients[j], 6));
  });
  it("with the fixed bootstrap: its corrected slope, and the shrunken equation's performance", () => {
    const s = shrinkageResult(fit, design, y, {fixed: slopeSource(fx.factor)}, {thresholds: fx.thresholds})!;
    expect(s).toMatchObject({source: "fixed-bootstrap", factor: fx.factor, estimate: fx.factor, clamped: false, replicates: 30});
    expect(s.basis).toMatch(/predictors fixed \(B = 30, seed 1\)/);
    s.terms.forEach((t, j) => {
      expect(t.estimate).toBeCloseTo(fx.shrunk[j], 6);
      expect(t.fitted).toBeCloseTo(fx.coefficients[j], 6);
    });
    expect(s.heuristic).toBeCloseTo(fx.heuristic, 9);
    expect(s.performance.brier).toBeCloseTo(fx.shrunkBrier, 9);
    s.decisionCurve!.forEach((d, t) => expect(d.netBenefitModel).toBeCloseTo(fx.shrunkNb[t], 12));
  });
  it("the whole procedure's bootstrap wins over the fixed one", () => {
    const s = shrinkageResult(fit, design, y, {fixed: slopeSource(0.9), procedure: slopeSource(fx.factor, 50, 2)}, {thresholds: fx.thresholds})!;
    expect(s).toMatchObject({source: "procedure-bootstrap", factor: fx.factor, replicates: 50, seed: 2});
  });
  it("a factor beyond [0, 1] is clamped and said; an intercept-only model has nothing to shrink", () => {
    const notes: string[] = [];
    const s = shrinkageResult(fit, design, y, {fixed: slopeSource(1.2)}, {thresholds: fx.thresholds, notes})!;
    expect([s.factor, s.estimate, s.clamped]).toEqual([1, 1.2, true]);
    expect(notes.join(" ")).toMatch(/1\.20 is above 1/);
    s.terms.forEach((t) => expect(t.estimate).toBeCloseTo(t.fitted, 8));
    const one = buildDesign(fx.x, []);
    expect(shrinkageResult(fitLogistic(one, y), one, y, null, {thresholds: fx.thresholds})).toBeNull();
  });
});
