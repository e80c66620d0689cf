// Reference values: test/fixtures/roc.R (R 4.2.2, pROC 1.18.0) -> test/fixtures/roc-*.json.
import {describe, expect, it} from "vitest";
import {delongAuc, delongTest} from "../../src/components/stats/delong.js";
import type {Direction} from "../../src/components/stats/roc.js";
import {asah, pROCCurves, reversed, sim, simData} from "../helpers/roc-fixtures.js";

interface Ref {direction: Direction; auc: number; variance: number; ciLower: number; ciUpper: number}
interface TestRef {directionA: Direction; directionB: Direction; aucA: number; aucB: number; z: number; p: number}

const curves = pROCCurves<Ref>();

describe("delongAuc against pROC var(roc, method = 'delong') and ci.auc(method = 'delong')", () => {
  for (const [name, marker, outcome, ref] of curves) {
    it(name, () => {
      const d = delongAuc(marker, outcome, ref.direction);
      expect(d.auc).toBeCloseTo(ref.auc, 13);
      expect(d.variance / ref.variance).toBeCloseTo(1, 10);
      expect(d.se).toBeCloseTo(Math.sqrt(ref.variance), 12);
      expect(d.ciLower).toBeCloseTo(ref.ciLower, 11);
      expect(d.ciUpper).toBeCloseTo(ref.ciUpper, 11);
    });
  }
  it("clips the CI to [0, 1] (perfect separation: variance 0, CI [1, 1])", () => {
    const d = delongAuc([1, 2, 3, 4], [0, 0, 1, 1], "<");
    expect(d.auc).toBe(1);
    expect(d.ciUpper).toBe(1);
    expect(delongAuc([1, 2, 3, 10], [0, 1, 0, 1], "<").ciUpper).toBeLessThanOrEqual(1);
  });
  it("names bad arguments", () => {
    expect(() => delongAuc([1, 2], [0, 1], "auto" as Direction)).toThrow(/direction is auto/);
    expect(() => delongAuc([1, Infinity], [0, 1], "<")).toThrow(/marker\[1\] is Infinity/);
  });
});

describe("delongTest against pROC roc.test(r1, r2, method = 'delong', paired = TRUE)", () => {
  const tests: [string, number[], number[], number[], TestRef][] = [
    ["aSAH s100b vs ndka", asah.s100b, asah.ndka, asah.outcome, asah.tests.s100b_ndka],
    ["aSAH wfns vs s100b (ties)", asah.wfns, asah.s100b, asah.outcome, asah.tests.wfns_s100b],
    ["simulated a vs b (correlated, ties)", simData.a, simData.b, simData.outcome, sim.tests.a_b],
    ["-s100b ('>') vs ndka ('<'): each curve its own direction", reversed.s100bNeg, asah.ndka, reversed.outcome, reversed.tests.s100bNeg_ndka]
  ];
  for (const [name, a, b, outcome, ref] of tests) {
    it(name, () => {
      const t = delongTest(a, b, outcome, {directionA: ref.directionA, directionB: ref.directionB});
      expect(t.aucA).toBeCloseTo(ref.aucA, 13);
      expect(t.aucB).toBeCloseTo(ref.aucB, 13);
      expect(t.difference).toBeCloseTo(ref.aucA - ref.aucB, 13);
      expect(t.z).toBeCloseTo(ref.z, 10);
      expect(t.p / ref.p).toBeCloseTo(1, 9);
    });
  }
  // R 4.2.2, pROC 1.18.0 (0/0 in delong.paired.test is set to z = 0):
  //   y <- c(0,0,0,0,0,1,1,1,1,1); roc.test(roc(y, 1:10), roc(y, 2 * (1:10) + 1), method = "delong", paired = TRUE)
  //     Z = 0, p-value = 1 (with the warning that two curves of AUC 1 always give p = 1)
  //   y <- c(0,1,0,1,1,0,0,1); a <- c(3,5,1,4,8,2,6,7); roc.test(roc(y, a, direction = "<"), roc(y, a^3, direction = "<"), ...)
  //     Z = 0, p-value = 1
  it("two curves that order every case–control pair alike: z = 0 and p = 1, as pROC", () => {
    const y = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
    const x = y.map((_, i) => i + 1);
    const perfect = delongTest(x, x.map((v) => 2 * v + 1), y, {directionA: "<", directionB: "<"});
    expect([perfect.aucA, perfect.aucB, perfect.difference, perfect.variance, perfect.z, perfect.p]).toEqual([1, 1, 0, 0, 0, 1]);
    const y2 = [0, 1, 0, 1, 1, 0, 0, 1];
    const a = [3, 5, 1, 4, 8, 2, 6, 7];
    const same = delongTest(a, a.map((v) => v ** 3), y2, {directionA: "<", directionB: "<"});
    expect([same.difference, same.z, same.p]).toEqual([0, 0, 1]);
  });
  it("names mismatched lengths", () => {
    expect(() => delongTest([1, 2, 3], [1, 2], [0, 1, 1], {directionA: "<", directionB: "<"})).toThrow(/markerB has 2/);
  });
});
