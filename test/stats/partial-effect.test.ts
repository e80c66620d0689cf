import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import {buildDesign} from "../../src/components/stats/design.js";
import {fitLogistic} from "../../src/components/stats/logistic.js";
import {expandSplines} from "../../src/components/stats/spline.js";
import {adjustToValue, defaultGrid, designRow, partialEffect, partialEffectEvaluator, type PartialEffectOptions} from "../../src/components/stats/partial-effect.js";

// Reference values: R 4.2.2, rms 6.5, written by test/fixtures/likelihood-ratio.R: lrm(y ~ rcs(...) + ...) with
// datadist(adjto.cat = "first"); Predict(fit, x) (default grid, 95% limits) and Predict(fit, x = v, ref.zero = TRUE)
// with and without fun = exp (= rms::contrast against the adjust-to value).
function fixture(name: string) {
  return JSON.parse(readFileSync(new URL(`../fixtures/likelihood-ratio-${name}.json`, import.meta.url), "utf8"));
}
/** birthwt with age (3 knots) and lwt (4 knots) as splines, fitted by ML: the model the evaluator tests use. */
function birthwtSplineModel() {
  const f = fixture("birthwt");
  const e = expandSplines(f.data, f.predictors, new Map([["age", 3], ["lwt", 4]]));
  const design = buildDesign(e.columns, e.predictors);
  return {fit: fitLogistic(design, f.data.low), design, splines: e.splines, data: f.data};
}
// Relative error on the scale max(|expected|, 1): log odds near 0 are differences of terms of order 1-10, whose
// rounding leaves ~1e-12 absolute error.
function expectRel(actual: number, expected: number, tol: number, label: string): void {
  const e = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1);
  if (!(e <= tol)) throw new Error(`${label}: got ${actual}, R gives ${expected} (error ${e.toExponential(2)} on the scale max(|R|, 1))`);
}

describe.each(["pima", "birthwt"])("partialEffect vs rms::Predict: %s", (name) => {
  const f = fixture(name);
  const splines = new Map<string, number>();
  for (const [k, nk] of Object.entries(f.splines as Record<string, number>)) if (nk > 0) splines.set(k, nk);
  const e = expandSplines(f.data, f.predictors, splines);
  const design = buildDesign(e.columns, e.predictors);
  // lrm was iterated to eps = 1e-10; so is this fit (at glm's default tolerance, 1e-8, the limits agree to ~3e-8)
  const fit = fitLogistic(design, f.data[f.outcome], {tolerance: 1e-13});
  const model = {fit, design, splines: e.splines, data: f.data};

  for (const p of f.partial) {
    it(`${p.factor}: default grid, adjust-to values and 95% limits of the log odds`, () => {
      const r = partialEffect(model, {factor: p.factor});
      expect(r.reference).toEqual(p.adjustTo);
      expect(r.points.map((q) => q.value).length).toBe(p.grid.values.length);
      r.points.forEach((q, i) => {
        if (typeof q.value === "number") expectRel(q.value, p.grid.values[i], 1e-14, `grid ${i}`);
        else expect(q.value).toBe(p.grid.values[i]);
        expectRel(q.logOdds, p.grid.yhat[i], 1e-10, `yhat at ${q.value}`);
        expectRel(q.lower, p.grid.lower[i], 1e-10, `lower at ${q.value}`);
        expectRel(q.upper, p.grid.upper[i], 1e-10, `upper at ${q.value}`);
      });
      // the other factors at datadist's adjust-to values
      for (const a of r.adjustedTo) expect(a.value).toEqual(f.partial.find((x: {factor: string}) => x.factor === a.factor).adjustTo);
    });

    it(`${p.factor}: log odds ratio and odds ratio against the adjust-to value (ref.zero = TRUE)`, () => {
      const r = partialEffect(model, {factor: p.factor, values: p.ref.values});
      r.points.forEach((q, i) => {
        expectRel(q.logOddsRatio, p.ref.logOddsRatio[i], 1e-10, `log OR at ${q.value}`);
        expectRel(q.oddsRatio, p.ref.oddsRatio[i], 1e-10, `OR at ${q.value}`);
        if (q.value === r.reference) {
          // rms reports the reference's own limits as 0 ± 0 (and 1, 1)
          expect([q.logOddsRatioSe, q.orLower, q.orUpper]).toEqual([0, 1, 1]);
        }
        expectRel(q.orLower, p.ref.orLower[i], 1e-10, `OR lower at ${q.value}`);
        expectRel(q.orUpper, p.ref.orUpper[i], 1e-10, `OR upper at ${q.value}`);
        expectRel(Math.log(q.orLower), p.ref.lower[i], 1e-9, `log OR lower at ${q.value}`);
      });
    });
  }
});

describe("adjust-to values, grids and design rows", () => {
  it("follows datadist: smallest of 2 distinct values, the middle of 3, the median otherwise", () => {
    expect(adjustToValue([1, 0, 1, 1])).toBe(0);
    expect(adjustToValue([3, 1, 2, 3, 3])).toBe(2);
    expect(adjustToValue([4, 1, 2, 3, 10, 7])).toBe(3.5);
  });
  it("uses the distinct values when there are at most 10, else 200 points between the 10/max(n,200) quantiles", () => {
    expect(defaultGrid([3, 1, 2, 2, 3])).toEqual([1, 2, 3]);
    const g = defaultGrid(Array.from({length: 400}, (_, i) => i));
    // quantile(0:399, c(0.025, 0.975)) = 9.975, 389.025 (type 7: 1 + 399·0.025 = 10.975)
    expect(g.length).toBe(200);
    expect(g[0]).toBeCloseTo(9.975, 12);
    expect(g[199]).toBeCloseTo(389.025, 12);
  });
  it("builds the design row of given factor values and refuses unknown factors and levels", () => {
    const model = birthwtSplineModel();
    const row = designRow(model, new Map<string, number | string>([["age", 23], ["lwt", 121], ["race", "white"], ["smoke", 1]]));
    expect(row[0]).toBe(1);
    expect(row[1]).toBe(23);
    expect(Array.from(row.slice(6))).toEqual([0, 1, 1]);
    expect(() => partialEffect(model, {factor: "bmi"})).toThrow(/not in the model/);
    expect(() => partialEffect(model, {factor: "race", values: ["asian"]})).toThrow(/not a level/);
    expect(() => partialEffect(model, {factor: "age", adjustTo: new Map([["bmi", 1]])})).toThrow(/adjustTo/);
    expect(() => designRow(model, new Map([["age", 23]]))).toThrow(/no value given for "lwt"/);
  });
});

describe("column names that are Object.prototype keys", () => {
  it("treats a numeric column called constructor as numeric", () => {
    const n = 40;
    const x = Array.from({length: n}, (_, i) => ((i * 17) % 23) / 4);
    const data = {constructor: x, y: x.map((v, i) => (v + ((i * 7) % 5) > 4 ? 1 : 0))} as unknown as Record<string, number[]>;
    const design = buildDesign(data, ["constructor"]);
    const fit = fitLogistic(design, data.y!);
    const r = partialEffect({fit, design, data}, {factor: "constructor", values: [1, 2]});
    expect(r.kind).toBe("linear");
    expect(r.points[1]!.logOdds - r.points[0]!.logOdds).toBeCloseTo(fit.coefficients[1]!, 12);
  });
});

// Object.is on every number (toEqual would let 0 and −0 pass), and the same keys in the same order
function expectIdentical(actual: unknown, expected: unknown, path = "result"): void {
  if (typeof actual === "number" || typeof expected === "number") {
    if (!Object.is(actual, expected)) throw new Error(`${path}: ${String(actual)}, separately ${String(expected)}`);
  } else if (actual !== null && expected !== null && typeof actual === "object" && typeof expected === "object") {
    expect(Object.keys(actual), path).toEqual(Object.keys(expected));
    for (const k of Object.keys(actual)) expectIdentical((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${path}.${k}`);
  } else {
    expect(actual, path).toBe(expected);
  }
}

const outcome = (f: () => unknown): unknown => {
  try {
    return f();
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
};

describe("partialEffectEvaluator (the per-model work once, for many factors)", () => {
  const model = birthwtSplineModel();
  const f = {data: model.data};
  const options: PartialEffectOptions[] = [
    {factor: "age"},
    {factor: "lwt", values: [100, 120, 140]},
    {factor: "race"},
    {factor: "smoke", level: 0.9},
    {factor: "age", reference: 30, adjustTo: new Map<string, number | string>([["lwt", 130], ["race", "black"]])},
    {factor: "lwt", values: [110, 150], reference: 120},
    {factor: "age"}
  ];

  it("gives what separate partialEffect calls give, to the last bit, whatever the order of the calls", () => {
    const effectOf = partialEffectEvaluator(model);
    const together = options.map((o) => effectOf(o));
    options.forEach((o, i) => expectIdentical(together[i], partialEffect(model, o), `${o.factor} (call ${i + 1})`));
    expectIdentical(partialEffectEvaluator(model)(options[4]!), together[4]);
  });

  it("fails on a bad column only the calls that need its adjust-to value or grid, with partialEffect's error, every time", () => {
    const lwt = Array.from(f.data.lwt as number[]);
    lwt[5] = Number.NaN;
    const bad = {...model, data: {...f.data, lwt}};
    const cases: PartialEffectOptions[] = [
      {factor: "age"},
      {factor: "age", adjustTo: new Map([["lwt", 120]])},
      {factor: "lwt", values: [110, 150], reference: 120},
      {factor: "lwt", values: [110, 150]},
      {factor: "lwt"},
      {factor: "race", adjustTo: new Map([["lwt", 120]])},
      {factor: "age"}
    ];
    const effectOf = partialEffectEvaluator(bad);
    const together = cases.map((o) => outcome(() => effectOf(o)));
    const separately = cases.map((o) => outcome(() => partialEffect(bad, o)));
    expectIdentical(together, separately);
    const failed = together.map((r) => typeof r === "string");
    expect(failed).toEqual([true, false, false, true, true, false, true]);
    for (const r of together.filter((r) => typeof r === "string")) expect(r).toBe('RangeError: partialEffect: column "lwt" row 6 is NaN, expected a finite number');
    // the good calls are those of the good model (the column is used for nothing else)
    expectIdentical(together[1], partialEffect(model, cases[1]!));
  });

  it("checks the level before the model, as partialEffect does, and keeps the model's error for every call", () => {
    const mismatched = {...model, fit: {...model.fit, names: model.fit.names.slice(1)}};
    const effectOf = partialEffectEvaluator(mismatched);
    expect(() => effectOf({factor: "age", level: 2})).toThrow(/level is 2/);
    expect(() => effectOf({factor: "age"})).toThrow(/the fit's terms .* are not the design's/);
    expect(() => effectOf({factor: "race"})).toThrow(/the fit's terms .* are not the design's/);
  });
});
