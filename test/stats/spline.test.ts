import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import {expandSplines, modelFactors, rcsBasis, rcsKnots, rcsRow, rcsTermNames} from "../../src/components/stats/spline.js";
import {buildDesign} from "../../src/components/stats/design.js";

// Reference values: R 4.2.2, Hmisc 4.8.0, rms 6.5, written by test/fixtures/spline.R:
// knots = attr(rms::rcs(x, nk), "parms"); basis = Hmisc::rcspline.eval(x, knots, inclx = TRUE, norm = 2).
const f = JSON.parse(readFileSync(new URL("../fixtures/spline.json", import.meta.url), "utf8"));

describe("rcsKnots vs rms::rcs (Harrell's default knots)", () => {
  for (const c of f.knots) {
    it(c.name, () => {
      if (c.error) {
        expect(() => rcsKnots(c.x, c.nk)).toThrow(RangeError);
        return;
      }
      const r = rcsKnots(c.x, c.nk);
      // Same quantile arithmetic as R ((1 − h)·x_lo + h·x_hi, R's seq), so equal to the last bit
      expect(r.knots).toEqual(c.knots);
      expect(r.warnings.length).toBe(c.warnings.length);
    });
  }

  it("rejects what R rejects, naming the argument", () => {
    expect(() => rcsKnots([1, 2, 3, 4, 5], 3)).toThrow(/at least 6/);
    expect(() => rcsKnots([1, 2, 3, 4, 5, 6, 7], 2)).toThrow(/nk/);
    expect(() => rcsKnots([1, 2, NaN, 4, 5, 6, 7], 3)).toThrow(/x\[2\] is NaN/);
    expect(() => rcsKnots([1, 1, 1, 1, 2, 2, 2], 3)).toThrow(/distinct knot/);
  });
});

describe("rcsBasis vs Hmisc::rcspline.eval(inclx = TRUE, norm = 2)", () => {
  for (const c of f.bases) {
    it(c.name, () => {
      const b = rcsBasis(c.x, c.knots);
      expect(b.length).toBe(c.knots.length - 1);
      b.forEach((col, j) =>
        col.forEach((v, i) => {
          const e = c.basis[j][i];
          // pow may differ from R's in the last bit; terms cancel near the outer knots, so compare on the scale of x³/τ³
          const scale = Math.max(1, Math.abs(e), Math.abs(c.x[i]) ** 3 / (c.knots[c.knots.length - 1] - c.knots[0]) ** 2);
          expect(Math.abs(v - e) / scale).toBeLessThan(1e-13);
        })
      );
    });
  }

  it("is linear beyond the outer knots and matches hand arithmetic for knots 0, 5, 10", () => {
    // τ = 10^{2/3}, τ³ = 100. x = 5: (5 − 0)³/100 = 1.25 (the tail terms are 0).
    // x = 10: 10³/100 + [(5 − 0)·0 − (10 − 0)·5³/100]/(10 − 5) = 10 − 2.5 = 7.5.
    // x = 12: 12³/100 + [5·2³/100 − 10·7³/100]/5 = 17.28 + (0.4 − 34.3)/5 = 10.5; slope beyond 10 is (10.5 − 7.5)/2 = 1.5.
    expect(rcsRow(5, [0, 5, 10])[1]).toBeCloseTo(1.25, 13);
    expect(rcsRow(10, [0, 5, 10])[1]).toBeCloseTo(7.5, 13);
    expect(rcsRow(12, [0, 5, 10])[1]).toBeCloseTo(10.5, 13);
    expect(rcsRow(14, [0, 5, 10])[1]).toBeCloseTo(13.5, 12);
    expect(rcsRow(-3, [0, 5, 10])).toEqual([-3, 0]);
  });

  it("rejects knots that are not strictly increasing", () => {
    expect(() => rcsBasis([1, 2], [1, 1, 2])).toThrow(/strictly increasing/);
    expect(() => rcsBasis([1, 2], [1, 2])).toThrow(/at least 3/);
  });
});

describe("expandSplines / modelFactors", () => {
  it("names terms as rms does and groups them by factor", () => {
    expect(rcsTermNames("bmd_t", 5)).toEqual(["bmd_t", "bmd_t'", "bmd_t''", "bmd_t'''", "bmd_t''''"].slice(0, 4));
    const data = {age: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], g: ["a", "b", "c", "a", "b", "c", "a", "b", "c", "a"], bmd_t: [3, 1, 4, 1, 5, 9, 2, 6, 5, 3]};
    const e = expandSplines(data, ["age", "g", "bmd_t"], new Map([["bmd_t", {knots: [1, 3, 5, 7]}]]));
    expect(e.predictors).toEqual(["age", "g", "bmd_t", "bmd_t'", "bmd_t''"]);
    expect(Object.getPrototypeOf(e.columns)).toBe(null);
    const design = buildDesign(e.columns, e.predictors);
    expect(design.names).toEqual(["(Intercept)", "age", "g=b", "g=c", "bmd_t", "bmd_t'", "bmd_t''"]);
    expect(Array.from(design.columns[5]!)).toEqual(Array.from(rcsBasis(data.bmd_t, [1, 3, 5, 7])[1]!));
    expect(modelFactors(design, e)).toEqual([
      {factor: "age", terms: ["age"], nonlinear: []},
      {factor: "g", terms: ["g=b", "g=c"], nonlinear: []},
      {factor: "bmd_t", terms: ["bmd_t", "bmd_t'", "bmd_t''"], nonlinear: ["bmd_t'", "bmd_t''"]}
    ]);
  });

  it("places knots itself when given a number, and refuses non-numeric or clashing columns", () => {
    const x = Array.from({length: 30}, (_, i) => (i * 7) % 31);
    const e = expandSplines({x, y: x}, ["x"], new Map([["x", 3]]));
    expect(e.splines[0]!.knots).toEqual(rcsKnots(x, 3).knots);
    expect(() => expandSplines({s: ["a", "b"]}, ["s"], new Map([["s", 3]]))).toThrow(/numeric column/);
    expect(() => expandSplines({x, "x'": x}, ["x"], new Map([["x", 3]]))).toThrow(/already a column/);
    expect(() => expandSplines({x}, [], new Map([["x", 3]]))).toThrow(/not among the predictors/);
  });
});
