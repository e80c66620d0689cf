import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import {quantileType7, rcsBasis, rcsKnots} from "../../src/components/stats/restricted-cubic-spline.js";

// R 4.2.2, Hmisc 4.8: rcspline.eval(x, nk, knots.only = TRUE), rcspline.eval(at, knots), quantile(x, probs)
// (test/fixtures/restricted-cubic-spline.R).
interface Case { name: string; nk: number; x: number[]; knots: number[]; warned: boolean; at: number[]; basis: number[][] }
const fx = JSON.parse(readFileSync(new URL("../fixtures/restricted-cubic-spline.json", import.meta.url), "utf8")) as {
  cases: Case[]; probs: number[]; quantiles: Record<string, number[]>; samples: Record<string, number[]>;
};

describe("rcsKnots and rcsBasis vs Hmisc::rcspline.eval", () => {
  for (const c of fx.cases) {
    it(`${c.name}, nk = ${c.nk}`, () => {
      const k = rcsKnots(c.x, c.nk);
      expect(k.knots).toEqual(c.knots);
      expect(k.warning !== undefined).toBe(c.warned);
      const basis = rcsBasis(c.at, k.knots);
      expect(basis.length).toBe(c.basis.length);
      basis.forEach((col, j) => col.forEach((v, i) => {
        const r = c.basis[j]![i]!;
        expect(Math.abs(v - r)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(r)));
      }));
    });
  }
});

describe("quantileType7 vs R quantile()", () => {
  it("bit for bit", () => {
    for (const [name, x] of Object.entries(fx.samples)) {
      const sorted = x.slice().sort((a, b) => a - b);
      expect(fx.probs.map((p) => quantileType7(sorted, p))).toEqual(fx.quantiles[name]);
    }
  });
});

describe("hand checks and errors", () => {
  it("knots of 1..10 with nk = 3: the 5th and 6th values and the median (n < 100)", () => {
    // quantiles at 0.1, 0.5, 0.9 are 1.9, 5.5, 9.1; with fewer than 100 values the outer knots become x[5] and x[6 from the top]
    expect(rcsKnots([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 3).knots).toEqual([5, 5.5, 6]);
  });
  it("the basis is zero below the first knot and linear beyond the last", () => {
    const knots = [0, 1, 2, 4];
    const [s1, s2] = rcsBasis([-1, 0, 5, 6, 7], knots) as [number[], number[]];
    expect(s1[0]).toBe(0);
    expect(s1[1]).toBe(0);
    expect(s1[4]! - s1[3]!).toBeCloseTo(s1[3]! - s1[2]!, 10);
    expect(s2[4]! - s2[3]!).toBeCloseTo(s2[3]! - s2[2]!, 10);
    // at x = 2 (between knots 2 and 3): S₁ = ((2 − 0)/kd)³ with kd = 4^(2/3)
    expect(rcsBasis([2], knots)[0]![0]).toBeCloseTo(8 / 16, 14);
  });
  it("errors name the argument", () => {
    expect(() => rcsKnots([1, 2, 3, 4, 5], 3)).toThrow(/at least 6/);
    expect(() => rcsKnots([1, 2, 3, 4, 5, 6], 2)).toThrow(/nk/);
    expect(() => rcsKnots([0, 0, 0, 0, 0, 0, 1, 1], 3)).toThrow(/fewer than 3 distinct knots/);
    expect(() => rcsBasis([1], [1, 1, 2])).toThrow(/strictly increasing/);
    expect(() => quantileType7([], 0.5)).toThrow(/empty/);
  });
});
