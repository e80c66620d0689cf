import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import {quantileType7, rcsBasis, rcsKnots} from "../../src/components/stats/spline.js";

// More pins of stats/spline.ts (beside test/stats/spline.test.ts): R 4.2.2, Hmisc 4.8 rcspline.eval(x, nk,
// knots.only = TRUE), rcspline.eval(at, knots) (the nonlinear terms: spline.ts's basis after its first column, x
// itself), quantile(x, probs) (test/fixtures/restricted-cubic-spline.R).
interface Case { name: string; nk: number; x: number[]; knots: number[]; warned: boolean; at: number[]; basis: number[][] }
const fx = JSON.parse(readFileSync(new URL("../fixtures/restricted-cubic-spline.json", import.meta.url), "utf8")) as {
  cases: Case[]; probs: number[]; quantiles: Record<string, number[]>; samples: Record<string, number[]>;
};

describe("rcsKnots and rcsBasis vs Hmisc::rcspline.eval", () => {
  for (const c of fx.cases) {
    it(`${c.name}, nk = ${c.nk}`, () => {
      const k = rcsKnots(c.x, c.nk);
      expect(k.knots).toEqual(c.knots);
      expect(k.warnings.length > 0).toBe(c.warned);
      const basis = rcsBasis(c.at, k.knots).slice(1);
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
      const sorted = Float64Array.from(x).sort();
      expect(fx.probs.map((p) => quantileType7(sorted, p))).toEqual(fx.quantiles[name]);
    }
  });
});
