// Reference: test/fixtures/shrinkage.R (R 4.2.2): net benefit by hand over the same 30 stored resamples —
// the bootstrap-corrected curve (Vickers et al. 2008), a type-7 percentile band of the fitted model's net benefit,
// and the net benefit of the shrunken equation.
import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import {buildDesign} from "../../src/components/stats/design.js";
import {fitLogistic} from "../../src/components/stats/logistic.js";
import {bootstrapNetBenefit, quantileType7} from "../../src/components/stats/decision-curve-bootstrap.js";
import {decisionCurve} from "../../src/components/stats/decision-curve.js";
import {shrinkByFactor} from "../../src/components/stats/shrinkage.js";

const fx = JSON.parse(readFileSync(new URL("../fixtures/shrinkage.json", import.meta.url), "utf8"));
const design = buildDesign(fx.x, ["x1", "x2", "x3", "x4"]);
const fit = fitLogistic(design, fx.y);

describe("bootstrapNetBenefit against a hand-written R loop", () => {
  const b = bootstrapNetBenefit(design, fx.y, {samples: fx.samples, thresholds: fx.thresholds, original: fit});
  it("uses all 30 resamples", () => {
    expect(b.used).toBe(30);
    expect(b.failed.total).toBe(0);
  });
  it("apparent and corrected net benefit equal R's (counts over n: exact up to rounding)", () => {
    b.apparent.forEach((v, t) => expect(v).toBeCloseTo(fx.apparentNb[t], 12));
    b.corrected.forEach((v, t) => expect(v).toBeCloseTo(fx.correctedNb[t], 12));
  });
  it("the percentile band equals R's quantile(type = 7)", () => {
    b.bandLower.forEach((v, t) => expect(v).toBeCloseTo(fx.bandLower[t], 12));
    b.bandUpper.forEach((v, t) => expect(v).toBeCloseTo(fx.bandUpper[t], 12));
  });
  it("the shrunken equation's net benefit equals R's", () => {
    const s = shrinkByFactor(fit, design, fx.y, fx.factor);
    decisionCurve(s.fitted, fx.y, fx.thresholds).forEach((d, t) => {
      expect(d.netBenefitModel).toBeCloseTo(fx.shrunkNb[t], 12);
      expect(d.netBenefitAll).toBeCloseTo(fx.treatAll[t], 12);
    });
  });
  it("refuses bad arguments", () => {
    expect(() => bootstrapNetBenefit(design, fx.y, {samples: [], thresholds: [0.1], original: fit})).toThrow(/no resamples/);
    expect(() => bootstrapNetBenefit(design, fx.y, {samples: [[0, 1]], thresholds: [0.1], original: fit})).toThrow(/samples\[0\]/);
  });
});

describe("quantileType7", () => {
  it("matches R's quantile(c(1, 2, 4, 8), c(0.025, 0.5, 0.975))", () => {
    // by hand: h = 3p; 0.075 → 1 + 0.075·1 = 1.075; 1.5 → 2 + 0.5·2 = 3; 2.925 → 4 + 0.925·4 = 7.7
    expect(quantileType7([8, 1, 4, 2], 0.025)).toBeCloseTo(1.075, 14);
    expect(quantileType7([8, 1, 4, 2], 0.5)).toBeCloseTo(3, 14);
    expect(quantileType7([8, 1, 4, 2], 0.975)).toBeCloseTo(7.7, 14);
  });
});
