import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import {delongCovariance, delongJointTest, delongTest} from "../../src/components/stats/delong.js";

// Reference values: R 4.2.2, pROC 1.18, written by test/fixtures/delong-joint.R: the covariance from
// pROC:::delongPlacements (checked there against pROC's var() and cov(method = "delong")), and DeLong et al.'s (1988)
// chi-square on successive differences computed from it (pROC has no joint test).
const f = JSON.parse(readFileSync(new URL("../fixtures/delong-joint.json", import.meta.url), "utf8"));
function expectRel(actual: number, expected: number, tol: number, label: string): void {
  const e = expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
  if (!(e <= tol)) throw new Error(`${label}: got ${actual}, R gives ${expected} (relative error ${e.toExponential(2)})`);
}

const cases = [
  ["aSAH s100b, wfns, -ndka", f.asah, f.asah.three],
  ["aSAH s100b, wfns, -ndka, age", f.asah, f.asah.four],
  ["aSAH s100b, wfns (k = 2)", f.asah, f.asah.two],
  ["simulated a, b, a + b (ties)", f.simulated, f.simulated.three]
] as const;

describe.each(cases)("delongJointTest vs pROC placements: %s", (_label, data, ref) => {
  const markers = ref.names.map((n: string) => data.markers[n]);
  const t = delongJointTest(markers, data.outcome);

  it("has pROC's directions, AUCs and DeLong covariance matrix", () => {
    expect(t.directions).toEqual(ref.directions);
    t.aucs.forEach((a, i) => expectRel(a, ref.aucs[i], 1e-14, `AUC ${i}`));
    t.covariance.forEach((row, a) => row.forEach((v, b) => expectRel(v, ref.covariance[a][b], 1e-12, `S[${a}][${b}]`)));
    expect(t.covariance[0]![1]).toBe(t.covariance[1]![0]);
  });

  it("gives the chi-square on k − 1 df and its p", () => {
    expectRel(t.statistic, ref.statistic, 1e-11, "chi-square");
    expect(t.df).toBe(ref.df);
    expectRel(t.p, ref.p, 1e-10, "p");
    expect(t.dropped).toEqual([]);
    expect(t.contrast[0]!.slice(0, 2)).toEqual([1, -1]);
  });

  it("agrees with each pairwise paired test (roc.test delong), and for k = 2 is its z²", () => {
    for (const pair of ref.pairs) {
      const p = delongTest(markers[pair.a], markers[pair.b], data.outcome, {directionA: t.directions[pair.a]!, directionB: t.directions[pair.b]!});
      expectRel(p.z, pair.z, 1e-11, `z ${pair.a}-${pair.b}`);
    }
    if (ref.df === 1) expectRel(t.statistic, ref.pairs[0].z ** 2, 1e-11, "chi-square = z²");
  });
});

describe("degenerate and invalid inputs", () => {
  const y = [0, 0, 0, 1, 1, 1, 0, 1];
  const a = [1, 2, 3, 4, 5, 6, 2.5, 4.5];
  it("drops a contrast between markers that order every pair alike (a and 2a + 1): df falls by one", () => {
    const b = a.map((v) => 2 * v + 1);
    const c = [3, 1, 2, 6, 4, 5, 1, 2];
    const t = delongJointTest([a, b, c], y);
    expect(t.dropped).toEqual([0]);
    expect(t.df).toBe(1);
    // what is left is the test of b (= a) against c
    const pair = delongTest(b, c, y, {directionA: "<", directionB: "<"});
    expect(t.statistic).toBeCloseTo(pair.z ** 2, 12);
    const same = delongJointTest([a, b], y);
    expect([same.statistic, same.df, same.p]).toEqual([0, 0, 1]);
  });
  it("gives +Infinity when AUCs differ with no variance (one case: 1 against 0.5)", () => {
    const t = delongJointTest([[0, 0, 1, 5], [3, 3, 3, 3]], [0, 0, 0, 1], {directions: ["<", "<"]});
    expect(t.aucs).toEqual([1, 0.5]);
    expect(t.statistic).toBe(Infinity);
    expect(t.p).toBe(0);
  });
  it("names the argument that is wrong", () => {
    expect(() => delongCovariance([a], y)).toThrow(/at least 2/);
    expect(() => delongCovariance([a, a.slice(1)], y)).toThrow(/markers\[1\]/);
    expect(() => delongCovariance([a, a], y, {directions: ["<"]})).toThrow(/directions/);
    expect(() => delongCovariance([a, a], y, {directions: ["<", "up" as "<"]})).toThrow(/directions\[1\]/);
  });
});
