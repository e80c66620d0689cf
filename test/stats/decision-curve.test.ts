import {describe, it, expect} from "vitest";
import fc from "fast-check";
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

describe("decisionCurve's counts in one pass", () => {
  // The curve counts each patient once, by how many thresholds its risk reaches: the same true and false positives
  // as counting p >= pt at every threshold, with risks on a threshold, repeated thresholds and thresholds out of order.
  const grid = [0.05, 0.1, 0.2, 0.25, 0.5, 0.75];
  it("equals counting at every threshold", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.oneof(fc.constantFrom(0, 1, ...grid), fc.double({min: 0, max: 1, noNaN: true})), fc.constantFrom(0, 1)), {minLength: 1, maxLength: 60}),
        fc.array(fc.oneof(fc.constantFrom(...grid), fc.double({min: 0.001, max: 0.999, noNaN: true})), {minLength: 1, maxLength: 12}),
        (rows, thresholds) => {
          const p = rows.map((r) => r[0]);
          const y = rows.map((r) => r[1]);
          const curve = decisionCurve(p, y, thresholds);
          thresholds.forEach((pt, t) => {
            const tp = rows.filter((r) => r[0] >= pt && r[1] === 1).length;
            const fp = rows.filter((r) => r[0] >= pt && r[1] === 0).length;
            expect(curve[t]).toMatchObject({threshold: pt, truePositives: tp, falsePositives: fp});
            expect(curve[t]!.netBenefitModel).toBe(tp / p.length - (fp / p.length) * (pt / (1 - pt)));
          });
        }
      ),
      {numRuns: 500}
    );
  });
});
