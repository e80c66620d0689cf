// Issue 11, classes 1 and 2: two-group tests at any magnitude and DeLong's paired test of identical rankings.
// References: test/fixtures/extreme-data.R (R 4.2.2 t.test, wilcox.test; pROC 1.18 roc.test) -> extreme-data.json.
// Generators: fast-check, seeded and bounded (a few hundred cases, well under a second each).
import {readFileSync} from "node:fs";
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {describe as describeValues} from "../../src/components/stats/descriptives.js";
import {delongAuc, delongTest} from "../../src/components/stats/delong.js";
import {mannWhitney} from "../../src/components/stats/mann-whitney.js";
import {studentT, welchT, type TTestResult} from "../../src/components/stats/t-test.js";

const fixture = JSON.parse(readFileSync(new URL("../fixtures/extreme-data.json", import.meta.url), "utf8"));
const SEED = 20261201;

function expectRel(actual: number, expected: number, tol: number, label: string): void {
  const e = expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
  if (!(e <= tol)) throw new Error(`${label}: got ${actual}, expected ${expected} (relative error ${e.toExponential(2)})`);
}

interface RT {statistic: number; df: number; p: number; ciLower: number; ciUpper: number; mean1: number; mean2: number; se: number}

/** The engine's test on data scaled by `factor` against R's on the unscaled data: t, df, p equal; the rest scaled. */
function expectScaled(r: TTestResult, ref: RT, factor: number, tol: number, label: string): void {
  expectRel(r.statistic, ref.statistic, tol, `${label} t`);
  expectRel(r.df, ref.df, tol, `${label} df`);
  expectRel(r.p, ref.p, tol, `${label} p`);
  expectRel(r.mean1, ref.mean1 * factor, tol, `${label} mean1`);
  expectRel(r.mean2, ref.mean2 * factor, tol, `${label} mean2`);
  expectRel(r.se, ref.se * factor, tol, `${label} se`);
  expectRel(r.ciLower, ref.ciLower * factor, tol, `${label} ciLower`);
  expectRel(r.ciUpper, ref.ciUpper * factor, tol, `${label} ciUpper`);
  expect(r.reason).toBeUndefined();
}

describe("t-tests and the rank-sum test at magnitudes from 1e-300 to 1e300 (class 1)", () => {
  const groups = fixture.twoGroups as {name: string; a: number[]; b: number[]; student: RT; welch: RT; wilcoxon: {statistic: number; p: number}}[];

  it("at unit scale agree with R's t.test and wilcox.test", () => {
    for (const g of groups) {
      expectScaled(studentT(g.a, g.b), g.student, 1, 1e-12, `${g.name}: Student`);
      expectScaled(welchT(g.a, g.b), g.welch, 1, 1e-12, `${g.name}: Welch`);
      const w = mannWhitney(g.a, g.b);
      expect(w.statistic).toBe(g.wilcoxon.statistic);
      expectRel(w.p, g.wilcoxon.p, 1e-12, `${g.name}: Wilcoxon p`);
    }
  });

  it("scaled by 2^k (exact), k from −1000 to 1000, give R's t, df and p and the scaled means, SE and CI", () => {
    fc.assert(
      fc.property(fc.integer({min: 0, max: groups.length - 1}), fc.integer({min: -1000, max: 1000}), (gi, k) => {
        const g = groups[gi]!;
        const factor = 2 ** k;
        const a = g.a.map((v) => v * factor);
        const b = g.b.map((v) => v * factor);
        // the scaled values are exact, so the engine's arithmetic is the same as at unit scale
        expectScaled(studentT(a, b), g.student, factor, 1e-12, `${g.name} ×2^${k}: Student`);
        expectScaled(welchT(a, b), g.welch, factor, 1e-12, `${g.name} ×2^${k}: Welch`);
        expectRel(mannWhitney(a, b).p, g.wilcoxon.p, 1e-12, `${g.name} ×2^${k}: Wilcoxon`);
      }),
      {seed: SEED, numRuns: 300}
    );
  });

  it("scaled by 10^k (each value rounded), k from −300 to 300, agree with R at unit scale to rounding", () => {
    fc.assert(
      fc.property(fc.integer({min: 0, max: groups.length - 1}), fc.integer({min: -300, max: 300}), (gi, k) => {
        const g = groups[gi]!;
        const factor = Number(`1e${k}`);
        const a = g.a.map((v) => v * factor);
        const b = g.b.map((v) => v * factor);
        // one rounding per value moves t by ~ε·|mean|/SE; "centred far from zero" has |mean|/SE ~ 2e3
        expectScaled(studentT(a, b), g.student, factor, 1e-10, `${g.name} ×1e${k}: Student`);
        expectScaled(welchT(a, b), g.welch, factor, 1e-10, `${g.name} ×1e${k}: Welch`);
      }),
      {seed: SEED, numRuns: 300}
    );
  });

  it("where R's own sums overflow or underflow, R gives NaN or stops; the engine gives R's unit-scale answer", () => {
    const g = groups[0]!;
    // R 4.2.2: t.test(a * 1e200, b * 1e200) has df NaN and p NA; at 1e-160 df NaN; at 1e-300 it stops
    const [big, small, tiny] = fixture.rAtScale;
    expect(big.df).toBeNull();
    expect(small.df).toBeNull();
    expect(tiny.error).toBe("data are essentially constant");
    for (const s of [big.scale, small.scale, tiny.scale]) {
      expectScaled(welchT(g.a.map((v) => v * s), g.b.map((v) => v * s)), g.welch, s, 1e-10, `Welch ×${s}`);
    }
  });

  it("returns NaN with a reason where R returns NaN (all zeros; all tied), and stops where R stops", () => {
    const z = fixture.zeros;
    const student = studentT([0, 0, 0], [0, 0]);
    const welch = welchT([0, 0, 0], [0, 0]);
    // R: t.test(c(0,0,0), c(0,0), var.equal = TRUE): t NaN, df 3, p NaN, CI NaN; Welch: df NaN too
    expect(z.student.statistic).toBeNull();
    expect(student.statistic).toBeNaN();
    expect(student.p).toBeNaN();
    expect(student.ciLower).toBeNaN();
    expect(student.df).toBe(z.student.df);
    expect(welch.df).toBeNaN();
    expect(z.welch.df).toBeNull();
    for (const r of [student, welch]) {
      expect(r.estimate).toBe(0);
      expect(r.se).toBe(0);
      expect(r.reason).toMatch(/every value in both groups is 0/);
    }
    // R: wilcox.test(c(2,2,2), c(2,2), exact = FALSE): W = 3, p NaN
    const w = mannWhitney([2, 2, 2], [2, 2]);
    expect(w.statistic).toBe(fixture.tied.statistic);
    expect(fixture.tied.p).toBeNull();
    expect(w.p).toBeNaN();
    expect(w.reason).toMatch(/tied/);
    // R: t.test(c(5,5,5), c(5,5)) stops with "data are essentially constant"; so do we, at any scale
    expect(fixture.constantError).toBe("data are essentially constant");
    for (const s of [1, 1e-300, 1e300, 5e-324]) expect(() => welchT([5 * s, 5 * s, 5 * s], [5 * s, 5 * s])).toThrow(/essentially constant/);
  });

  it("'essentially constant' is relative, as R decides it: a spread of 2 ulps of the mean stops, 1e-12 of it does not, at any scale", () => {
    fc.assert(
      fc.property(fc.integer({min: -1000, max: 1000}), fc.integer({min: 3, max: 12}), (k, n) => {
        const m = 2 ** k;
        const near = (rel: number) => Array.from({length: n}, (_, i) => m * (1 + rel * ((i % 3) - 1)));
        // SE ≈ 0.8·δ·m·√(2/n) < 10ε·m for δ = 2ε: R's t.test stops
        expect(() => welchT(near(2 * Number.EPSILON), near(2 * Number.EPSILON).reverse())).toThrow(/essentially constant/);
        const r = welchT(near(1e-12), near(1e-12).reverse().map((v, i) => (i === 0 ? v * (1 + 1e-12) : v)));
        expect(Number.isFinite(r.statistic) && Number.isFinite(r.df) && r.p >= 0 && r.p <= 1).toBe(true);
      }),
      {seed: SEED, numRuns: 150}
    );
  });

  it("never throws a RangeError on df, nor returns a number where R would not: random groups at random magnitudes", () => {
    const value = fc.double({min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true});
    fc.assert(
      fc.property(fc.array(value, {minLength: 2, maxLength: 30}), fc.array(value, {minLength: 2, maxLength: 30}), fc.integer({min: -1070, max: 1000}), (a0, b0, k) => {
        const a = a0.map((v) => v * 2 ** k);
        const b = b0.map((v) => v * 2 ** k);
        for (const test of [studentT, welchT]) {
          let r: TTestResult;
          try {
            r = test(a, b);
          } catch (e) {
            // only R's own stop
            expect((e as Error).message).toMatch(/essentially constant/);
            continue;
          }
          if (r.reason) expect(r.p).toBeNaN();
          else {
            expect(r.p >= 0 && r.p <= 1).toBe(true);
            expect(r.df > 0).toBe(true);
            expect(Number.isFinite(r.statistic)).toBe(true);
          }
        }
      }),
      {seed: SEED, numRuns: 300}
    );
  });

  it("describe() scales back exactly: mean, SD and quartiles of x·2^k are those of x times 2^k", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({min: -1000, max: 1000}), {minLength: 2, maxLength: 40}), fc.integer({min: -1000, max: 1000}), (ints, k) => {
        const x = ints.map((v) => v / 8);
        const base = describeValues(x);
        const scaled = describeValues(x.map((v) => v * 2 ** k));
        for (const key of ["mean", "sd", "median", "q1", "q3", "iqr", "min", "max"] as const) {
          if (base[key] === 0) expect(scaled[key]).toBe(0);
          else expectRel(scaled[key], base[key] * 2 ** k, 1e-15, key);
        }
      }),
      {seed: SEED, numRuns: 200}
    );
  });
});

/** DeLong's paired test written out over all case–control pairs (O(n₀n₁)), independent of delong.ts's merge. */
function bruteForceDelong(a: number[], b: number[], y: number[], dirA: "<" | ">", dirB: "<" | ">"): {aucA: number; aucB: number; z: number} {
  const cases = y.flatMap((v, i) => (v === 1 ? [i] : []));
  const controls = y.flatMap((v, i) => (v === 0 ? [i] : []));
  const kernel = (m: number[], dir: "<" | ">", i: number, j: number) => {
    const d = dir === "<" ? m[i]! - m[j]! : m[j]! - m[i]!;
    return d > 0 ? 1 : d === 0 ? 0.5 : 0;
  };
  const v10 = (m: number[], dir: "<" | ">") => cases.map((i) => controls.reduce((s, j) => s + kernel(m, dir, i, j), 0) / controls.length);
  const v01 = (m: number[], dir: "<" | ">") => controls.map((j) => cases.reduce((s, i) => s + kernel(m, dir, i, j), 0) / cases.length);
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const cov = (u: number[], w: number[]) => {
    const mu = mean(u);
    const mw = mean(w);
    return u.reduce((s, x, i) => s + (x - mu) * (w[i]! - mw), 0) / (u.length - 1);
  };
  const a10 = v10(a, dirA), b10 = v10(b, dirB), a01 = v01(a, dirA), b01 = v01(b, dirB);
  const variance = (cov(a10, a10) + cov(b10, b10) - 2 * cov(a10, b10)) / cases.length + (cov(a01, a01) + cov(b01, b01) - 2 * cov(a01, b01)) / controls.length;
  return {aucA: mean(a10), aucB: mean(b10), z: (mean(a10) - mean(b10)) / Math.sqrt(variance)};
}

describe("DeLong's paired test decides identical curves by the placements (class 2)", () => {
  it("a model ranking as its predictor does, read in the opposite direction: z = 0, p = 1 as pROC; a one-pair change is tested as pROC tests it", () => {
    for (const c of fixture.delong) {
      const t = delongTest(c.fitted, c.x, c.y, {directionA: "<", directionB: ">"});
      expect([t.z, t.p, t.difference]).toEqual([0, 1, 0]);
      expect(t.aucA).toBe(t.aucB);
      expectRel(t.aucA, c.same.aucModel, 1e-14, "AUC");
      expect(c.same.z).toBe(0);
      expect(c.same.p).toBe(1);
      // the two AUCs alone, in opposite directions, are the same bits too
      expect(delongAuc(c.fitted, c.y, "<").auc).toBe(delongAuc(c.x, c.y, ">").auc);
      const one = delongTest(c.shifted, c.x, c.y, {directionA: "<", directionB: ">"});
      expectRel(one.aucA, c.onePair.aucShifted, 1e-14, "shifted AUC");
      expectRel(one.z, c.onePair.z, 1e-9, "one-pair z");
      expectRel(one.p, c.onePair.p, 1e-9, "one-pair p");
    }
  });

  const marker = fc.array(fc.integer({min: 0, max: 40}), {minLength: 6, maxLength: 60});
  it("any strictly monotone transform of a marker (either direction) gives z = 0 and p = 1", () => {
    fc.assert(
      fc.property(marker, fc.array(fc.boolean(), {minLength: 60, maxLength: 60}), fc.constantFrom("exp", "neg", "cube", "logistic"), (xs, bits, kind) => {
        const y = xs.map((_, i) => (bits[i] ? 1 : 0));
        if (y.every((v) => v === y[0])) return;
        const x = xs.map((v) => v / 10 - 2);
        const f = {exp: Math.exp, neg: (v: number) => -3 * v + 0.1, cube: (v: number) => v ** 3, logistic: (v: number) => 1 / (1 + Math.exp(1.3 * v - 0.2))}[kind];
        const m = x.map(f);
        const decreasing = kind === "neg" || kind === "logistic";
        const t = delongTest(m, x, y, {directionA: decreasing ? ">" : "<", directionB: "<"});
        expect([t.z, t.p, t.difference, t.variance]).toEqual([0, 1, 0, 0]);
        expect(t.aucA).toBe(t.aucB);
      }),
      {seed: SEED, numRuns: 300}
    );
  });

  it("a real difference, however small, is tested: z as DeLong's variance written out pair by pair", () => {
    fc.assert(
      fc.property(marker, fc.array(fc.boolean(), {minLength: 60, maxLength: 60}), fc.nat(), (xs, bits, pick) => {
        const y = xs.map((_, i) => (bits[i] ? 1 : 0));
        if (y.every((v) => v === y[0])) return;
        const b = xs.slice();
        b[pick % b.length] = b[pick % b.length]! + 0.5; // moves one patient past its ties: one or more pairs change
        const brute = bruteForceDelong(xs, b, y, "<", "<");
        const t = delongTest(xs, b, y, {directionA: "<", directionB: "<"});
        expectRel(t.aucA, brute.aucA, 1e-14, "aucA");
        expectRel(t.aucB, brute.aucB, 1e-14, "aucB");
        if (brute.aucA === brute.aucB && !Number.isFinite(brute.z)) expect(t.z).toBe(0);
        else if (Number.isFinite(brute.z)) expectRel(t.z, brute.z, 1e-9, "z");
        else expect(t.z).toBe(brute.z);
      }),
      {seed: SEED, numRuns: 300}
    );
  });
});
