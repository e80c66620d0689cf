import {describe, it, expect} from "vitest";
import {decisionCurve} from "../../src/components/stats/decision-curve.js";

describe("decisionCurve (Vickers & Elkin 2006)", () => {
  it("matches hand arithmetic", () => {
    // p: 0.9 0.7 0.4 0.3 0.1 ; y: 1 0 1 0 0 ; n = 5, prevalence 0.4
    const p = [0.9, 0.7, 0.4, 0.3, 0.1], y = [1, 0, 1, 0, 0];
    const [a, b] = decisionCurve(p, y, [0.2, 0.5]);
    // pt = 0.2: treated p >= 0.2 -> TP 2, FP 2; w = 0.25; NB = 2/5 - 2/5*0.25 = 0.3; all: 0.4 - 0.6*0.25 = 0.25
    expect(a.netBenefitModel).toBeCloseTo(0.3, 15);
    expect(a.netBenefitAll).toBeCloseTo(0.25, 15);
    // pt = 0.5: TP 1 (0.9), FP 1 (0.7); w = 1; NB = 0.2 - 0.2 = 0; all: 0.4 - 0.6 = -0.2
    expect(b.netBenefitModel).toBeCloseTo(0, 15);
    expect(b.netBenefitAll).toBeCloseTo(-0.2, 15);
    expect(b.netBenefitNone).toBe(0);
  });
  it("rejects bad input", () => {
    expect(() => decisionCurve([0.5], [1], [1])).toThrow(/thresholds/);
    expect(() => decisionCurve([0.5], [2], [0.5])).toThrow(/y\[0\]/);
    expect(() => decisionCurve([0.5], [1, 0], [0.5])).toThrow(TypeError);
  });
});
