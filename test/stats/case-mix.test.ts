import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import {caseMixComparison, poolSummaries, standardizedDifference, summarizePredictor} from "../../src/components/stats/case-mix.js";
import {parseEquation} from "../../src/components/stats/equation-spec.js";

// R 4.2.2, pROC 1.18 on MASS::birthwt (test/fixtures/case-mix.R): white mothers develop, the others validate.
const fx = JSON.parse(readFileSync(new URL("../fixtures/case-mix.json", import.meta.url), "utf8"));
const binary = new Set(["smoke", "ht", "ui"]);
const eq = parseEquation({
  intercept: fx.equation.intercept,
  terms: Object.entries(fx.equation.coefficients).map(([name, coefficient]) => ({name, coefficient, unit: binary.has(name) ? "0 = no, 1 = yes" : name === "age" ? "years" : "pounds", kind: binary.has(name) ? "binary" : "continuous"}))
});
const columns = (o: Record<string, number[]>) => new Map(eq.terms.map((t) => [t.name, o[t.name]!]));
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe("caseMixComparison vs R", () => {
  const r = caseMixComparison(eq, columns(fx.validation), {development: columns(fx.development)});
  it("per-predictor summaries and Austin's standardised differences", () => {
    r.rows.forEach((row, j) => {
      const ref = fx.rows[j];
      expect(row.term).toBe(ref.term);
      for (const side of ["development", "validation"] as const) {
        const ours = row[side]!;
        const theirs = ref[side];
        expect(ours.n).toBe(theirs.n);
        for (const k of ["mean", "sd", "median", "q1", "q3", "min", "max"] as const) expect(rel(ours[k], theirs[k])).toBeLessThan(1e-13);
        if (row.kind === "binary") expect(rel(ours.proportion, theirs.proportion)).toBeLessThan(1e-14);
        else expect(ours.proportion).toBeNaN();
      }
      expect(rel(row.standardizedDifference, ref.smd)).toBeLessThan(1e-12);
    });
  });
  it("the linear predictor's mean and SD in both cohorts", () => {
    expect(rel(r.linearPredictor.validation.mean, fx.lp.validation.mean)).toBeLessThan(1e-12);
    expect(rel(r.linearPredictor.validation.sd, fx.lp.validation.sd)).toBeLessThan(1e-12);
    expect(rel(r.linearPredictor.development!.mean, fx.lp.development.mean)).toBeLessThan(1e-12);
    expect(rel(r.linearPredictor.development!.sd, fx.lp.development.sd)).toBeLessThan(1e-12);
  });
  it("membership model and its c-statistic (DeLong), without and with the outcome", () => {
    const m = r.membership!;
    expect(m.nDevelopment).toBe(fx.development.age.length);
    expect(m.nValidation).toBe(fx.validation.age.length);
    m.coefficients.forEach((c, j) => expect(rel(c, fx.membership.coefficients[j])).toBeLessThan(1e-8));
    expect(rel(m.auc.auc, fx.membership.auc)).toBeLessThan(1e-13);
    expect(rel(m.auc.se, fx.membership.se)).toBeLessThan(1e-9);
    expect(rel(m.auc.ciLower, fx.membership.ciLower)).toBeLessThan(1e-9);
    expect(rel(m.auc.ciUpper, fx.membership.ciUpper)).toBeLessThan(1e-9);
    const withY = caseMixComparison(eq, columns(fx.validation), {development: columns(fx.development), outcome: {development: fx.development.low, validation: fx.validation.low}}).membership!;
    expect(withY.terms.at(-1)).toBe("outcome");
    withY.coefficients.forEach((c, j) => expect(rel(c, fx.membershipWithOutcome.coefficients[j])).toBeLessThan(1e-8));
    expect(rel(withY.auc.auc, fx.membershipWithOutcome.auc)).toBeLessThan(1e-13);
    expect(rel(withY.auc.ciUpper, fx.membershipWithOutcome.ciUpper)).toBeLessThan(1e-9);
  });
  it("pooled summary of two groups equals the union's mean and SD", () => {
    const p = poolSummaries(Object.values(fx.pooled.groups) as {n: number; mean: number; sd: number}[]);
    expect(p.n).toBe(fx.pooled.overall.n);
    expect(rel(p.mean, fx.pooled.overall.mean)).toBeLessThan(1e-14);
    expect(rel(p.sd, fx.pooled.overall.sd)).toBeLessThan(1e-13);
  });
});

describe("case-mix: published summaries, hand checks, errors", () => {
  it("uses the equation's published development summaries when there are no raw data", () => {
    const pub = parseEquation({
      intercept: -1, terms: [{name: "age", coefficient: 0.1, unit: "years"}, {name: "smoking", coefficient: 0.5, kind: "binary"}],
      development: {n: 162, summaries: {age: {n: 162, mean: 68.7, sd: 7.9}, smoking: {n: 162, proportion: 0.5}}}
    });
    const r = caseMixComparison(pub, new Map([["age", [70, 74, 66, 80]], ["smoking", [1, 1, 0, 1]]]));
    const age = r.rows[0]!;
    expect(age.development).toMatchObject({source: "published", mean: 68.7, sd: 7.9});
    // validation mean 72.5; squared deviations 6.25 + 2.25 + 42.25 + 56.25 = 107, so sd = √(107/3)
    expect(age.validation.mean).toBe(72.5);
    expect(age.validation.sd).toBeCloseTo(Math.sqrt(107 / 3), 14);
    expect(age.standardizedDifference).toBeCloseTo((72.5 - 68.7) / Math.sqrt((107 / 3 + 7.9 ** 2) / 2), 13);
    expect(r.rows[1]!.standardizedDifference).toBeCloseTo((0.75 - 0.5) / Math.sqrt((0.75 * 0.25 + 0.25) / 2), 14);
    expect(r.membership).toBeNull();
    expect(r.linearPredictor.development).toBeNull();
  });
  it("standardised differences by hand, with zero spread", () => {
    expect(standardizedDifference({kind: "continuous", mean: 70, sd: 8}, {kind: "continuous", mean: 66, sd: 6})).toBeCloseTo(4 / Math.sqrt(50), 15);
    expect(standardizedDifference({kind: "binary", proportion: 1}, {kind: "binary", proportion: 1})).toBe(0);
    expect(standardizedDifference({kind: "continuous", mean: 2, sd: 0}, {kind: "continuous", mean: 1, sd: 0})).toBe(Infinity);
    expect(standardizedDifference({kind: "continuous", mean: 2}, {kind: "continuous", mean: 1, sd: 1})).toBeNaN();
  });
  it("pools the abstract's age by outcome group (25 ASD 73.0 ± 6.6, 137 non-ASD 67.9 ± 7.9) by hand", () => {
    const p = poolSummaries([{n: 25, mean: 73.0, sd: 6.6}, {n: 137, mean: 67.9, sd: 7.9}]);
    const mean = (25 * 73 + 137 * 67.9) / 162;
    expect(p.mean).toBeCloseTo(mean, 13);
    expect(p.sd).toBeCloseTo(Math.sqrt((24 * 6.6 ** 2 + 136 * 7.9 ** 2 + 25 * (73 - mean) ** 2 + 137 * (67.9 - mean) ** 2) / 161), 13);
    expect(() => poolSummaries([])).toThrow(/empty/);
    expect(() => poolSummaries([{n: 0, mean: 1, sd: 1}])).toThrow(/groups\[0\]\.n/);
  });
  it("errors name the term and row", () => {
    expect(() => summarizePredictor([0, 1, 2], "binary", "smoking")).toThrow(/smoking is binary but row 3 is 2/);
    expect(() => caseMixComparison(eq, new Map([["age", [1]]]))).toThrow(/validation data have no column for term "lwt"/);
    expect(summarizePredictor([NaN, 3, 1], "continuous")).toMatchObject({n: 2, missing: 1, mean: 2, median: 2});
  });
});
