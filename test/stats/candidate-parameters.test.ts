import {describe, it, expect} from "vitest";
import {candidatesFromColumns, countCandidateParameters, rileyByCandidates} from "../../src/components/stats/candidate-parameters.js";
import {rileySampleSize} from "../../src/components/stats/sample-size.js";

describe("countCandidateParameters (Riley et al. 2020: P counts every candidate parameter)", () => {
  it("counts 1 per linear or binary candidate, L − 1 per categorical, K − 1 per spline (hand count)", () => {
    // the study's 8 candidates, with BMD as a 4-knot spline and a 3-level categorical added:
    // 7 linear/binary (7) + spline with 4 knots (3) + categorical with 3 levels (2) = 12
    const c = countCandidateParameters([
      {name: "age", kind: "linear"},
      {name: "smoking", kind: "binary"},
      {name: "prior_asd", kind: "binary"},
      {name: "bmd_t", kind: "spline", knots: 4},
      {name: "cement_ml", kind: "linear"},
      {name: "cement_leakage", kind: "binary"},
      {name: "cobb_post_deg", kind: "linear"},
      {name: "height_recovery_pct", kind: "linear"},
      {name: "approach", kind: "categorical", levels: 3}
    ]);
    expect(c.total).toBe(12);
    expect(c.candidates.map((x) => x.parameters)).toEqual([1, 1, 1, 3, 1, 1, 1, 1, 2]);
    expect(c.candidates[3]!.reason).toMatch(/4 knots: 3 parameters/);
  });
  it("rejects what cannot be counted, naming the candidate", () => {
    expect(() => countCandidateParameters([{name: "a", kind: "spline", knots: 2}])).toThrow(/"a".*knots = 2/);
    expect(() => countCandidateParameters([{name: "g", kind: "categorical", levels: 1}])).toThrow(/"g"/);
    expect(() => countCandidateParameters([{name: "a", kind: "linear"}, {name: "a", kind: "binary"}])).toThrow(/twice/);
    expect(() => countCandidateParameters([{name: "a", kind: "cubic" as "linear"}])).toThrow(/kind/);
  });
});

describe("candidatesFromColumns and rileyByCandidates", () => {
  it("infers kinds from the data and passes the total to rileySampleSize", () => {
    const columns = {sex: ["F", "M", "F", "F"], grade: ["a", "b", "c", "a"], smoking: [0, 1, 1, 0], age: [61, 70, 55, 48], bmd: [-2.1, -3.0, -2.5, -1.9]};
    const specs = candidatesFromColumns(columns, ["sex", "grade", "smoking", "age", "bmd"], {splines: new Map([["bmd", 3]])});
    expect(specs).toEqual([
      {name: "sex", kind: "categorical", levels: 2},
      {name: "grade", kind: "categorical", levels: 3},
      {name: "smoking", kind: "binary"},
      {name: "age", kind: "linear"},
      {name: "bmd", kind: "spline", knots: 3}
    ]);
    const r = rileyByCandidates(specs, {prevalence: 25 / 162, rSquaredCS: 0.2});
    expect(r.parameters.total).toBe(1 + 2 + 1 + 1 + 2);
    expect(r.minimum).toBe(rileySampleSize({parameters: 7, prevalence: 25 / 162, rSquaredCS: 0.2}).minimum);
    // more parameters, more patients: criterion (i) grows in proportion to P
    const four = rileySampleSize({parameters: 4, prevalence: 25 / 162, rSquaredCS: 0.2});
    expect(r.criteria[0]!.n).toBeGreaterThan(four.criteria[0]!.n);
  });
  it("names bad columns", () => {
    expect(() => candidatesFromColumns({a: [1, 1, 1]}, ["a"])).toThrow(/constant/);
    expect(() => candidatesFromColumns({a: [1, "x"] as unknown as number[]}, ["a"])).toThrow(/mixes/);
    expect(() => candidatesFromColumns({a: ["x", "y"]}, ["a"], {splines: new Map([["a", 3]])})).toThrow(/cannot be a spline/);
    expect(() => candidatesFromColumns({}, ["a"])).toThrow(/not a column/);
    expect(() => rileyByCandidates([], {prevalence: 0.2, rSquaredCS: 0.1})).toThrow(/empty/);
  });
});
