import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import {
  nomogramScale, prettyTicks, pointsFor, totalPoints, linearPredictorFromPoints, probabilityFromPoints
} from "../../src/components/stats/nomogram-scale.js";

// Fixture written by test/fixtures/nomogram.R (R 4.2.2, rms 6.5.0): two lrm fits on simulated data and
// rms::nomogram(fit, fun = plogis) for each; base::pretty() cases.
interface Case {
  intercept: number;
  coefficients: Record<string, number>;
  ranges: Record<string, [number, number]>;
  lpRange: [number, number];
  predictors: Record<string, {axis: number[]; xbeta: number[]; points: number[]}>;
  totalPoints: number[];
  lp: {points: number[]; lp: number[]};
  risk: {points: number[]; probability: number[]};
  patient: {values: Record<string, number>; lp: number};
}
const fixture = JSON.parse(readFileSync(new URL("../fixtures/nomogram.json", import.meta.url), "utf8")) as {
  cases: Case[];
  pretty: {lo: number; hi: number; n: number; result: number[]}[];
};

function close(actual: number, expected: number, relative = 1e-9) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.max(1, Math.abs(expected)));
}

describe("prettyTicks", () => {
  it("matches base::pretty(c(lo, hi), n)", () => {
    for (const c of fixture.pretty) {
      const ticks = prettyTicks(c.lo, c.hi, c.n);
      expect(ticks.length).toBe(c.result.length);
      ticks.forEach((t, i) => close(t, c.result[i]!, 1e-12));
    }
  });
});

describe("nomogramScale against rms::nomogram", () => {
  fixture.cases.forEach((c, k) => {
    const names = Object.keys(c.coefficients);
    const scale = nomogramScale({
      intercept: c.intercept,
      predictors: names.map((name) => ({name, coefficient: c.coefficients[name]!, range: c.ranges[name]!})),
      linearPredictors: c.lpRange
    });
    it(`case ${k + 1}: axis values, Xbeta and points per predictor (nom$<var>)`, () => {
      for (const p of scale.predictors) {
        const ref = c.predictors[p.name]!;
        expect(p.axis.length).toBe(ref.axis.length);
        p.axis.forEach((a, i) => close(a, ref.axis[i]!, 1e-12));
        p.contributions.forEach((x, i) => close(x, ref.xbeta[i]!));
        p.points.forEach((x, i) => close(x, ref.points[i]!));
        p.axis.forEach((a, i) => close(pointsFor(scale, p.name, a), ref.points[i]!));
      }
    });
    it(`case ${k + 1}: the widest predictor spans 0-100 points`, () => {
      const widest = Math.max(...scale.predictors.map((p) => Math.max(...p.points) - Math.min(...p.points)));
      close(widest, 100, 1e-12);
    });
    it(`case ${k + 1}: total points axis (nom$total.points$x) and lp axis (nom$lp)`, () => {
      expect(scale.totalPointsAxis).toEqual(c.totalPoints);
      expect(scale.lpAxis.lp.length).toBe(c.lp.lp.length);
      scale.lpAxis.lp.forEach((x, i) => close(x, c.lp.lp[i]!, 1e-12));
      scale.lpAxis.points.forEach((x, i) => close(x, c.lp.points[i]!));
    });
    // rms places risk ticks by linear interpolation of plogis over 1,000 lp values (approx(fu, xseq, fat));
    // we use the exact logit. The interpolation error is below 5e-4 points on a 0-100 scale here.
    it(`case ${k + 1}: risk axis (nom$Risk), exact logit vs rms's interpolation to 5e-4 points`, () => {
      expect(scale.probabilityAxis.probability.length).toBe(c.risk.probability.length);
      scale.probabilityAxis.probability.forEach((x, i) => close(x, c.risk.probability[i]!, 1e-12));
      scale.probabilityAxis.points.forEach((x, i) => expect(Math.abs(x - c.risk.points[i]!)).toBeLessThan(5e-4));
    });
    it(`case ${k + 1}: a patient's total points give back lrm's linear predictor (f$linear.predictors[1])`, () => {
      const total = totalPoints(scale, c.patient.values);
      close(linearPredictorFromPoints(scale, total), c.patient.lp);
      close(probabilityFromPoints(scale, total), 1 / (1 + Math.exp(-c.patient.lp)));
    });
  });
});

describe("probabilityTicks (rms fun.at)", () => {
  it("places the given risks at their exact logit", () => {
    const c = fixture.cases[0]!;
    const names = Object.keys(c.coefficients);
    const scale = nomogramScale({
      intercept: c.intercept,
      predictors: names.map((name) => ({name, coefficient: c.coefficients[name]!, range: c.ranges[name]!})),
      linearPredictors: c.lpRange,
      probabilityTicks: [0.01, 0.05, 0.5, 0.95, 0.9999999]
    });
    // lp range [-4, 10]: plogis(-4) = 0.018, so 0.01 falls outside; 0.9999999 (logit 16.1) too.
    expect(scale.probabilityAxis.probability).toEqual([0.05, 0.5, 0.95]);
    scale.probabilityAxis.probability.forEach((p, i) => close(probabilityFromPoints(scale, scale.probabilityAxis.points[i]!), p, 1e-12));
  });
});

describe("nomogramScale errors", () => {
  it("names the predictor without an axis or range", () => {
    expect(() => nomogramScale({intercept: 0, predictors: [{name: "age", coefficient: 1}]})).toThrow(/"age" needs an axis or a range/);
  });
  it("rejects all-zero coefficients", () => {
    expect(() => nomogramScale({intercept: 0, predictors: [{name: "age", coefficient: 0, range: [50, 90]}]})).toThrow(RangeError);
  });
  it("rejects a missing value in totalPoints", () => {
    const s = nomogramScale({intercept: 0, predictors: [{name: "age", coefficient: 1, range: [50, 90]}]});
    expect(() => totalPoints(s, {})).toThrow(/lacks "age"/);
  });
});
