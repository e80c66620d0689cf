import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import {
  EquationSpecError,
  equationFromCoefficients,
  equationFromNomogram,
  linearPredictor,
  parseEquation,
  rescaleEquation,
  serializeEquation,
  type PredictionEquation
} from "../../src/components/stats/equation-spec.js";

const published = {
  name: "ASD after PKP",
  intercept: -20.1,
  terms: [
    {name: "age", coefficient: 0.18, unit: "years", kind: "continuous", range: [18, 110]},
    {name: "bmd_t", label: "BMD", oddsRatio: 0.279, unit: "T-score", range: [-8, 4]},
    {name: "smoking", coefficient: 0.7, kind: "binary"}
  ],
  development: {n: 162, events: 25, summaries: {age: {n: 162, mean: 68.7, sd: 7.9}, smoking: {proportion: 0.488}}}
};

describe("parseEquation", () => {
  it("reads coefficients, odds ratios (ln OR), defaults and development summaries", () => {
    const eq = parseEquation(JSON.stringify(published));
    expect(eq.intercept).toBe(-20.1);
    expect(eq.terms.map((t) => t.kind)).toEqual(["continuous", "continuous", "binary"]);
    expect(eq.terms[1]!.coefficient).toBe(Math.log(0.279));
    expect(eq.terms[2]!.unit).toBe("0 = no, 1 = yes");
    expect(eq.terms[2]!.range).toEqual([0, 1]);
    expect(eq.development!.summaries!.get("age")).toEqual({n: 162, mean: 68.7, sd: 7.9});
  });
  it("round-trips through serializeEquation and JSON", () => {
    const eq = parseEquation(published);
    expect(parseEquation(JSON.stringify(serializeEquation(eq)))).toEqual(eq);
  });
  it("a term may be called __proto__ or constructor", () => {
    const eq = parseEquation('{"intercept": 0, "terms": [{"name": "__proto__", "coefficient": 1, "unit": "u"}, {"name": "constructor", "coefficient": 2, "unit": "u"}], "development": {"summaries": {"__proto__": {"mean": 3}}}}');
    expect(eq.development!.summaries!.get("__proto__")).toEqual({mean: 3});
    expect(parseEquation(JSON.stringify(serializeEquation(eq)))).toEqual(eq);
    expect(linearPredictor(eq, new Map([["__proto__", [1]], ["constructor", [1]]])).lp).toEqual([3]);
  });
  const bad: [unknown, RegExp][] = [
    ["{", /not valid JSON/],
    [[], /must be a JSON object/],
    [{terms: [{name: "x", coefficient: 1, unit: "u"}]}, /^intercept: must be a finite number, got missing/],
    [{intercept: "1", terms: [{name: "x", coefficient: 1, unit: "u"}]}, /^intercept: .*the string "1"/],
    [{intercept: 0, terms: []}, /^terms: must be a non-empty array/],
    [{intercept: 0, terms: [{name: "x", coeficient: 1, unit: "u"}]}, /^terms\[0\]\.coeficient: unknown field/],
    [{intercept: 0, terms: [{name: "x", unit: "u"}]}, /^terms\[0\]\.coefficient: missing/],
    [{intercept: 0, terms: [{name: "x", coefficient: 1, oddsRatio: 2, unit: "u"}]}, /not both/],
    [{intercept: 0, terms: [{name: "x", oddsRatio: -2, unit: "u"}]}, /^terms\[0\]\.oddsRatio: must be positive/],
    [{intercept: 0, terms: [{name: "x", coefficient: 1}]}, /^terms\[0\]\.unit: must name the unit/],
    [{intercept: 0, terms: [{name: "x", coefficient: 1, unit: "u", kind: "ordinal"}]}, /^terms\[0\]\.kind/],
    [{intercept: 0, terms: [{name: "x", coefficient: 1, unit: "u", range: [4, -8]}]}, /^terms\[0\]\.range: lowest \(4\) must be below/],
    [{intercept: 0, terms: [{name: "x", coefficient: 1, unit: "u"}, {name: "x", coefficient: 2, unit: "u"}]}, /^terms\[1\]\.name: "x" is already/],
    [{intercept: 0, terms: [{name: "x", coefficient: 1, unit: "u"}], development: {summaries: {y: {mean: 1}}}}, /no term is named "y"/],
    [{intercept: 0, terms: [{name: "x", coefficient: 1, unit: "u"}], development: {summaries: {x: {proportion: 48.8}}}}, /proportion: must lie in \[0, 1\] \(a proportion, not a percentage\)/]
  ];
  for (const [input, message] of bad) {
    it(`rejects ${JSON.stringify(input).slice(0, 70)}`, () => {
      expect(() => parseEquation(input)).toThrow(EquationSpecError);
      expect(() => parseEquation(input)).toThrow(message);
    });
  }
});

describe("linearPredictor", () => {
  const eq = parseEquation(published);
  it("computes β₀ + Σβx by hand, NaN where a value is missing", () => {
    const r = linearPredictor(eq, new Map([["age", [70, 80, NaN]], ["bmd_t", [-2.5, -3, -2]], ["smoking", [1, 0, 1]]]));
    expect(r.lp[0]).toBeCloseTo(-20.1 + 0.18 * 70 + Math.log(0.279) * -2.5 + 0.7, 13);
    expect(r.lp[1]).toBeCloseTo(-20.1 + 0.18 * 80 + Math.log(0.279) * -3, 13);
    expect(r.lp[2]).toBeNaN();
    expect(r.probability[0]).toBeCloseTo(1 / (1 + Math.exp(-r.lp[0]!)), 15);
    expect(r.complete).toEqual([true, true, false]);
    expect(r.nComplete).toBe(2);
    expect(r.checks[0]).toMatchObject({term: "age", present: 2, missing: 1, outOfRange: 0, min: 70, max: 80});
    expect(r.warnings).toEqual(["1 of 3 rows lack a value for at least one predictor; they get no prediction."]);
  });
  it("BMD in g/cm² instead of a T-score shows up as values outside the stated range", () => {
    // g/cm² values (~0.6–1.2) lie inside the schema's "valid" T-score range −8..4, so that range cannot catch
    // them; the range the equation was developed on (the schema's plausible −5..−1) does.
    const wide = linearPredictor(eq, new Map([["age", [70, 71, 72]], ["bmd_t", [-2.5, 0.82, 1.04]], ["smoking", [0, 1, 0]]]));
    expect(wide.checks[1]!.outOfRange).toBe(0);
    const narrow = parseEquation({...published, terms: published.terms.map((t) => (t.name === "bmd_t" ? {...t, range: [-5, -1]} : t))});
    const r = linearPredictor(narrow, new Map([["age", [70, 71, 72]], ["bmd_t", [-2.5, 0.82, 1.04]], ["smoking", [0, 1, 0]]]));
    expect(r.checks[1]).toMatchObject({outOfRange: 2, exampleRows: [2, 3], min: -2.5, max: 1.04});
    expect(r.checks[1]!.message).toBe(
      '2 of 3 values of "bmd_t" (BMD) lie outside the equation\'s range -5 to -1 T-score (smallest -2.5, largest 1.04; rows 2, 3): ' +
        "check that the column is in T-score; the equation is applied to them as they are."
    );
  });
  it("flags binary terms coded other than 0/1, and units that disagree", () => {
    const r = linearPredictor(eq, new Map([["age", [70, 71]], ["bmd_t", [-2, -3]], ["smoking", [1, 2]]]), {columnUnits: new Map([["age", "yr"], ["bmd_t", "g/cm²"]])});
    expect(r.checks[2]).toMatchObject({notBinary: 1, outOfRange: 1, exampleRows: [2]});
    expect(r.warnings.some((w) => /not 0 or 1 .*recode/.test(w))).toBe(true);
    expect(r.warnings.some((w) => /"bmd_t" \(BMD\) is in g\/cm², but the equation's coefficient is per T-score/.test(w))).toBe(true);
    expect(r.warnings.some((w) => /"age"/.test(w))).toBe(false); // "yr" is "years"
  });
  it("errors: missing column, unequal lengths, infinite value", () => {
    expect(() => linearPredictor(eq, new Map([["age", [1]]]))).toThrow(/no columns? for terms "bmd_t", "smoking"; map each .*given: "age"/);
    expect(() => linearPredictor(eq, new Map([["age", [1]], ["bmd_t", [1, 2]], ["smoking", [0]]]))).toThrow(/"bmd_t" has 2 rows/);
    expect(() => linearPredictor(eq, new Map([["age", [Infinity]], ["bmd_t", [1]], ["smoking", [0]]]))).toThrow(/"age" row 1 is Infinity/);
  });
});

describe("rescaleEquation and equationFromCoefficients", () => {
  it("lp′ = shift + scale·lp, by hand", () => {
    const eq = parseEquation(published);
    const r = rescaleEquation(eq, {shift: 0.4, scale: 0.5});
    expect(r.intercept).toBeCloseTo(0.4 + 0.5 * -20.1, 14);
    expect(r.terms[0]!.coefficient).toBeCloseTo(0.09, 15);
    const cols = new Map([["age", [70]], ["bmd_t", [-2.5]], ["smoking", [1]]]);
    expect(linearPredictor(r, cols).lp[0]).toBeCloseTo(0.4 + 0.5 * linearPredictor(eq, cols).lp[0]!, 13);
    expect(eq.intercept).toBe(-20.1); // the original is untouched
    expect(() => rescaleEquation(eq, {shift: NaN, scale: 1})).toThrow(/shift/);
  });
  it("builds from a fit's names and coefficients", () => {
    const eq = equationFromCoefficients(["(Intercept)", "age", "smoking"], [-3, 0.05, 0.6], (n) => (n === "age" ? {unit: "years", kind: "continuous"} : {unit: "0 = no, 1 = yes", kind: "binary"}));
    expect(eq.terms.map((t) => [t.name, t.coefficient, t.kind])).toEqual([["age", 0.05, "continuous"], ["smoking", 0.6, "binary"]]);
    expect(() => equationFromCoefficients(["age"], [1], () => undefined)).toThrow(/names\[0\]: must be "\(Intercept\)"/);
    expect(() => equationFromCoefficients(["(Intercept)", "age"], [1, 2], () => undefined)).toThrow(/names\[1\]: no description/);
  });
});

// rms 6.5 nomogram(lrm(y ~ age + bmd + cement + rec), fun = plogis) (test/fixtures/nomogram.R): reading the
// nomogram's axes back must give the model's coefficients.
const nomo = JSON.parse(readFileSync(new URL("../fixtures/nomogram.json", import.meta.url), "utf8"));
describe("equationFromNomogram vs rms::nomogram", () => {
  for (const c of nomo.cases) {
    const predictors = Object.keys(c.coefficients).map((name) => ({
      name, unit: "unit", points: c.predictors[name].axis.map((value: number, i: number) => ({value, points: c.predictors[name].points[i]}))
    }));
    it(`seed ${c.seed}: from the linear-predictor axis, to 1e-10`, () => {
      const r = equationFromNomogram({predictors, totalPointsToLinearPredictor: c.lp.lp.map((lp: number, i: number) => ({points: c.lp.points[i], lp}))});
      expect(Math.abs(r.equation.intercept - c.intercept) / Math.abs(c.intercept)).toBeLessThan(1e-10);
      for (const t of r.equation.terms) expect(Math.abs(t.coefficient - c.coefficients[t.name]) / Math.abs(c.coefficients[t.name])).toBeLessThan(1e-10);
      expect(r.warnings).toEqual([]);
    });
    // rms places the risk ticks by linear interpolation over a 1,000-point grid, so their positions are off by
    // up to ~1e-5 relative (measured: 7.6e-6 and 1.9e-5 for the two cases); the lp axis above is exact.
    it(`seed ${c.seed}: from the risk axis, to 1e-4 (rms's interpolated tick positions)`, () => {
      const r = equationFromNomogram({predictors, totalPointsToProbability: c.risk.probability.map((probability: number, i: number) => ({points: c.risk.points[i], probability}))});
      expect(Math.abs(r.equation.intercept - c.intercept) / Math.abs(c.intercept)).toBeLessThan(1e-4);
      for (const t of r.equation.terms) expect(Math.abs(t.coefficient - c.coefficients[t.name]) / Math.abs(c.coefficients[t.name])).toBeLessThan(1e-4);
      // and the first patient's lp as rms computed it
      const lp = linearPredictor(r.equation, new Map(Object.entries(c.patient.values).map(([k, v]) => [k, [v as number]]))).lp[0]!;
      expect(Math.abs(lp - c.patient.lp)).toBeLessThan(1e-3);
    });
  }
  it("hand example: 50→0, 90→100 points; 0 points ↔ lp −4, 100 ↔ 0", () => {
    const r = equationFromNomogram({predictors: [{name: "age", unit: "years", points: [{value: 50, points: 0}, {value: 90, points: 100}]}],
      totalPointsToLinearPredictor: [{points: 0, lp: -4}, {points: 100, lp: 0}]});
    // points = −125 + 2.5·age, lp = −4 + 0.04·T ⇒ lp = −9 + 0.1·age
    expect(r.equation.intercept).toBeCloseTo(-9, 13);
    expect(r.equation.terms[0]!.coefficient).toBeCloseTo(0.1, 14);
  });
  it("warns about a curved axis and rejects bad tables", () => {
    const r = equationFromNomogram({predictors: [{name: "x", unit: "u", points: [{value: 0, points: 0}, {value: 1, points: 10}, {value: 2, points: 40}]}],
      totalPointsToProbability: [{points: 0, probability: 0.1}, {points: 40, probability: 0.5}]});
    expect(r.warnings[0]).toMatch(/"x" are not a straight line/);
    expect(() => equationFromNomogram({predictors: [{name: "x", unit: "u", points: [{value: 1, points: 0}, {value: 1, points: 5}]}],
      totalPointsToLinearPredictor: [{points: 0, lp: 0}, {points: 1, lp: 1}]})).toThrow(/predictors\[0\]\.points: needs pairs at two or more different values/);
    expect(() => equationFromNomogram({predictors: [{name: "x", unit: "u", points: [{value: 0, points: 0}, {value: 1, points: 5}]}],
      totalPointsToProbability: [{points: 0, probability: 10}, {points: 1, probability: 50}]})).toThrow(/totalPointsToProbability\[0\]\.probability: must lie strictly between 0 and 1/);
    expect(() => equationFromNomogram({predictors: [{name: "x", unit: "u", points: [{value: 0, points: 0}, {value: 1, points: 5}]}]})).toThrow(/exactly one of/);
  });
});

// keep the type import used
const _typed: PredictionEquation | undefined = undefined;
void _typed;
