import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import {brierScore, calibrationSlopeIntercept, hosmerLemeshow} from "../../src/components/stats/calibration.js";

// Values from rms 6.5 val.prob(p, y, pl = FALSE)["Brier" | "Slope" | "Intercept"] and glm(offset), R 4.2.2 (test/fixtures/validation.R).
const fx = JSON.parse(readFileSync(new URL("../fixtures/validation.json", import.meta.url), "utf8"));
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-12, Math.abs(b));

describe("calibration vs rms::val.prob", () => {
  it("Brier, Slope, Intercept to 1e-8 relative", () => {
    expect(rel(brierScore(fx.p, fx.y), fx.brier)).toBeLessThan(1e-12);
    const c = calibrationSlopeIntercept(fx.p, fx.y);
    expect(c.converged).toBe(true);
    expect(rel(c.slope, fx.slope)).toBeLessThan(1e-8);
    // val.prob "Intercept" = intercept of glm(y ~ logit(p)); offset model from glm(y ~ 1, offset = qlogis(p)).
    expect(rel(c.slopeModelIntercept, fx.valprobIntercept)).toBeLessThan(1e-8);
    expect(rel(c.intercept, fx.offsetIntercept)).toBeLessThan(1e-8);
  });
  it("hand arithmetic and bad input", () => {
    expect(brierScore([0.2, 0.8], [0, 1])).toBeCloseTo(0.04, 15);
    expect(() => calibrationSlopeIntercept([0, 0.5], [0, 1])).toThrow(/p\[0\]/);
    expect(() => brierScore([0.5], [1, 0])).toThrow(TypeError);
  });
  it("Hosmer-Lemeshow as hoslem.test (R code by hand in validation.R)", () => {
    const h = hosmerLemeshow(fx.p, fx.y);
    expect(rel(h.statistic, fx.hl.statistic)).toBeLessThan(1e-10);
    expect(h.df).toBe(8);
    expect(rel(h.p, fx.hl.p)).toBeLessThan(1e-6);
    expect(h.table.map((g) => g.observed)).toEqual(fx.hl.observed);
  });
});
