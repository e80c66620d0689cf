import {describe, it, expect} from "vitest";
import {buildDesign, detectCollinearity, gramMatrix} from "../../src/components/stats/design.js";

// Dummy coding follows R's model.matrix with treatment contrasts (reference = first level); the end-to-end
// check against R (same term order, same columns) is the glm agreement in logistic.test.ts (birthwt race,
// infert education). Values here are hand-computed.

describe("buildDesign", () => {
  it("puts the intercept first, numeric columns as-is, strings as column=level dummies against the first sorted level", () => {
    const d = buildDesign({age: [61, 70, 55, 48], grade: ["b", "a", "c", "b"]}, ["age", "grade"]);
    expect(d.names).toEqual(["(Intercept)", "age", "grade=b", "grade=c"]);
    expect(d.n).toBe(4);
    expect(Array.from(d.columns[0])).toEqual([1, 1, 1, 1]);
    expect(Array.from(d.columns[1])).toEqual([61, 70, 55, 48]);
    expect(Array.from(d.columns[2])).toEqual([1, 0, 0, 1]);
    expect(Array.from(d.columns[3])).toEqual([0, 0, 1, 0]);
    expect(d.levels).toEqual({grade: ["a", "b", "c"]});
    expect(d.sources).toEqual(["(Intercept)", "age", "grade", "grade"]);
    expect(d.columns.every((c) => c instanceof Float64Array)).toBe(true);
  });

  it("sorts levels by code units (R's sort in the C locale): '0-5yrs' < '12+ yrs' < '6-11yrs', 'M' < 'f'", () => {
    expect(buildDesign({e: ["6-11yrs", "12+ yrs", "0-5yrs"]}, ["e"]).names).toEqual(["(Intercept)", "e=12+ yrs", "e=6-11yrs"]);
    expect(buildDesign({s: ["f", "M", "f"]}, ["s"]).names).toEqual(["(Intercept)", "s=f"]);
  });

  it("omits the intercept on request and keeps the predictor order", () => {
    const d = buildDesign({b: [1, 2, 3], a: [3, 1, 2]}, ["b", "a"], {intercept: false});
    expect(d.names).toEqual(["b", "a"]);
  });

  it("throws RangeError naming a constant predictor, numeric or categorical", () => {
    expect(() => buildDesign({x: [1, 2, 3], k: [5, 5, 5]}, ["x", "k"])).toThrow(/predictor "k" is constant \(every row is 5\)/);
    expect(() => buildDesign({sex: ["F", "F", "F"]}, ["sex"])).toThrow(/predictor "sex" is constant \(every row is "F"\)/);
  });

  it("throws on unknown predictors, unequal lengths, non-finite numbers, empty strings and mixed types", () => {
    expect(() => buildDesign({x: [1, 2]}, ["y"])).toThrow(/predictor "y" is not a column/);
    expect(() => buildDesign({x: [1, 2, 3], z: [1, 2]}, ["x", "z"])).toThrow(/column "z" has 2 rows, expected 3/);
    expect(() => buildDesign({x: [1, NaN, 3]}, ["x"])).toThrow(/column "x" row 2 is NaN/);
    expect(() => buildDesign({g: ["a", "", "b"]}, ["g"])).toThrow(/column "g" row 2 is empty/);
    expect(() => buildDesign({g: ["a", 2, "b"] as unknown as string[]}, ["g"])).toThrow(TypeError);
    expect(() => buildDesign({x: [1, 2]}, ["x", "x"])).toThrow(/listed twice/);
  });
});

describe("detectCollinearity", () => {
  it("finds no collinearity in a full-rank design", () => {
    const d = buildDesign({a: [1, 2, 3, 4, 5], b: [2, 1, 4, 3, 6]}, ["a", "b"]);
    expect(detectCollinearity(d)).toEqual({collinear: false, terms: [], rank: 3});
  });

  it("names the later term of an exact linear combination, as R's glm marks it NA", () => {
    // c = a + b exactly
    const d = buildDesign({a: [1, 2, 3, 4, 5], b: [2, 4, 6, 8.5, 1], c: [3, 6, 9, 12.5, 6]}, ["a", "b", "c"]);
    expect(detectCollinearity(d)).toEqual({collinear: true, terms: ["c"], rank: 3});
  });

  it("catches a numeric 0/1 column duplicated by a categorical dummy, and a column proportional to the intercept-free part", () => {
    const d = buildDesign({male: [1, 0, 0, 1, 1], sex: ["M", "F", "F", "M", "M"], age: [50, 60, 70, 55, 65]}, ["male", "age", "sex"]);
    expect(detectCollinearity(d).terms).toEqual(["sex=M"]);
    const e = buildDesign({cm: [150, 160, 170, 180], inch: [150 / 2.54, 160 / 2.54, 170 / 2.54, 180 / 2.54]}, ["cm", "inch"]);
    expect(detectCollinearity(e).terms).toEqual(["inch"]);
  });

  it("names several aliased terms", () => {
    const d = buildDesign({a: [1, 2, 3, 4, 5, 6], b: [1, 0, 2, 0, 1, 3], c: [2, 2, 5, 4, 6, 9], e: [0, 2, 1, 4, 4, 3]}, ["a", "b", "c", "e"]);
    // c = a + b and e = a − b
    expect(detectCollinearity(d)).toEqual({collinear: true, terms: ["c", "e"], rank: 3});
  });

  it("gramMatrix is XᵀX", () => {
    const d = buildDesign({x: [1, 2, 3]}, ["x"]);
    expect(Array.from(gramMatrix(d))).toEqual([3, 6, 6, 14]);
  });
});
