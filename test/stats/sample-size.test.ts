import {describe, it, expect} from "vitest";
import {rileySampleSize, maxCoxSnellR2} from "../../src/components/stats/sample-size.js";

describe("rileySampleSize (Riley et al. 2020 BMJ)", () => {
  it("hand arithmetic, P = 10, phi = 0.2, R2cs = 0.1", () => {
    // maxR2 = 1 - exp(2(0.2 ln0.2 + 0.8 ln0.8)) = 1 - exp(-1.000804) = 0.632475...
    const m = 1 - Math.exp(2 * (0.2 * Math.log(0.2) + 0.8 * Math.log(0.8)));
    expect(maxCoxSnellR2(0.2)).toBeCloseTo(m, 15);
    const r = rileySampleSize({parameters: 10, prevalence: 0.2, rSquaredCS: 0.1});
    // (i) 10 / ((0.9-1) ln(1 - 0.1/0.9)) = 10 / (0.1 * 0.117783) = 849.0 -> 850
    expect(r.criteria[0].n).toBe(Math.ceil(10 / (-0.1 * Math.log(1 - 0.1 / 0.9))));
    expect(r.criteria[0].n).toBe(850);
    // (iii) (1.96/0.05)^2 * 0.16 = 245.86 -> 246
    expect(r.criteria[2].n).toBe(246);
    const S2 = 0.1 / (0.1 + 0.05 * m);
    expect(r.criteria[1].n).toBe(Math.ceil(10 / ((S2 - 1) * Math.log(1 - 0.1 / S2))));
    expect(r.minimum).toBe(Math.max(...r.criteria.map((c) => c.n)));
  });
  it("rejects impossible R2cs", () => {
    expect(() => rileySampleSize({parameters: 4, prevalence: 0.1, rSquaredCS: 0.9})).toThrow(/rSquaredCS/);
  });
});
