// Reference values: test/fixtures/roc.R (R 4.2.2, pROC 1.18.0) -> test/fixtures/roc-*.json.
import {describe, expect, it} from "vitest";
import {confusionAt, confusionFromPrepared, positivesFromLevels, prepareRoc, rocCurve, rocFromPrepared, rocLevels, youdenOptimal, youdenThreshold, type Direction} from "../../src/components/stats/roc.js";
import fc from "fast-check";
import {precisionRecallCurve} from "../../src/components/stats/precision-recall.js";
import {asah, loadFixture, pROCCurves} from "../helpers/roc-fixtures.js";

type Num = number | "Inf" | "-Inf";
const num = (v: Num) => (v === "Inf" ? Infinity : v === "-Inf" ? -Infinity : v);
interface At {threshold: number; tp: number; fp: number; fn: number; tn: number; sensitivity: number; specificity: number; ppv: number; npv: number; sensitivityCi: number[]; specificityCi: number[]}
interface Curve {direction: Direction; auc: number; variance: number; ciLower: number; ciUpper: number; thresholds: Num[]; sensitivities: number[]; specificities: number[];
  best: {thresholds: number[]; sensitivities: number[]; specificities: number[]}; at: At[]}
const ties = loadFixture("roc-youden-ties.json");

const cases: [string, number[], number[], Curve][] = [
  ...pROCCurves<Curve>(),
  ["toy Youden ties '<'", ties.less.marker, ties.less.outcome, ties.less],
  ["toy Youden ties '>'", ties.greater.marker, ties.greater.outcome, ties.greater]
];

function expectArrayClose(actual: ArrayLike<number>, expected: number[], digits = 12) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Number.isFinite(expected[i]!)) expect(actual[i]).toBe(expected[i]);
    else expect(actual[i]).toBeCloseTo(expected[i]!, digits);
  }
}

describe("rocCurve against pROC roc(direction = 'auto')", () => {
  for (const [name, marker, outcome, ref] of cases) {
    it(`${name}: direction, AUC, thresholds, sensitivities, specificities`, () => {
      const roc = rocCurve(marker, outcome);
      // roc(y, m)$direction, $auc, $thresholds, $sensitivities, $specificities
      expect(roc.direction).toBe(ref.direction);
      expect(roc.auc).toBeCloseTo(ref.auc, 13);
      expectArrayClose(roc.thresholds, ref.thresholds.map(num));
      expectArrayClose(roc.sensitivities, ref.sensitivities, 13);
      expectArrayClose(roc.specificities, ref.specificities, 13);
      expect(roc.nCases + roc.nControls).toBe(marker.length);
    });
    it(`${name}: Youden point = first of pROC coords(x = "best", best.method = "youden")`, () => {
      const best = youdenOptimal(rocCurve(marker, outcome));
      expect(best.threshold).toBeCloseTo(ref.best.thresholds[0]!, 12);
      expect(best.sensitivity).toBeCloseTo(ref.best.sensitivities[0]!, 13);
      expect(best.specificity).toBeCloseTo(ref.best.specificities[0]!, 13);
      expect(best.youdenJ).toBeCloseTo(ref.best.sensitivities[0]! + ref.best.specificities[0]! - 1, 13);
      expectArrayClose(best.tiedThresholds, ref.best.thresholds);
    });
    it(`${name}: confusionAt = pROC coords(input = "threshold") and Wilson CIs = prop.test(correct = FALSE)`, () => {
      const prepared = prepareRoc(marker, outcome, {direction: ref.direction});
      for (const at of ref.at) {
        for (const c of [confusionAt(marker, outcome, at.threshold, ref.direction), confusionFromPrepared(prepared, at.threshold)]) {
          expect(c.tp).toBeCloseTo(at.tp, 9);
          expect(c.fp).toBeCloseTo(at.fp, 9);
          expect(c.fn).toBeCloseTo(at.fn, 9);
          expect(c.tn).toBeCloseTo(at.tn, 9);
          expect(c.sensitivity).toBeCloseTo(at.sensitivity, 13);
          expect(c.specificity).toBeCloseTo(at.specificity, 13);
          expect(c.ppv).toBeCloseTo(at.ppv, 13);
          expect(c.npv).toBeCloseTo(at.npv, 13);
          expect(c.sensitivityCi[0]).toBeCloseTo(at.sensitivityCi[0]!, 12);
          expect(c.sensitivityCi[1]).toBeCloseTo(at.sensitivityCi[1]!, 12);
          expect(c.specificityCi[0]).toBeCloseTo(at.specificityCi[0]!, 12);
          expect(c.specificityCi[1]).toBeCloseTo(at.specificityCi[1]!, 12);
          // Hand arithmetic from the same table.
          expect(c.lrPositive).toBeCloseTo(at.sensitivity / (1 - at.specificity), 12);
          expect(c.lrNegative).toBeCloseTo((1 - at.sensitivity) / at.specificity, 12);
          expect(c.youdenJ).toBeCloseTo(at.sensitivity + at.specificity - 1, 13);
        }
      }
    });
  }

  it("tied Youden thresholds: first in pROC's order, all listed (toy data from roc.R)", () => {
    // coords(roc(c(0,0,1,1,0,1), c(1,4,3,5,2,2)), "best") returns 1.5, 2.5, 4.5
    expect(youdenOptimal(rocCurve(ties.less.marker, ties.less.outcome)).tiedThresholds).toEqual([1.5, 2.5, 4.5]);
    expect(youdenOptimal(rocCurve(ties.greater.marker, ties.greater.outcome)).tiedThresholds).toEqual([4.5, 2.5, 1.5]);
  });

  it("explicit direction overrides auto; AUC flips to 1 - AUC", () => {
    const auto = rocCurve(asah.s100b, asah.outcome);
    const flipped = rocCurve(asah.s100b, asah.outcome, {direction: ">"});
    expect(flipped.direction).toBe(">");
    expect(flipped.auc).toBeCloseTo(1 - auto.auc, 14);
  });

  it("hand example: ties count one half", () => {
    // cases {2, 3}, controls {1, 2}: pairs (2>1), (2=2 -> 1/2), (3>1), (3>2) -> 3.5/4
    expect(rocCurve([1, 2, 2, 3], [0, 0, 1, 1], {direction: "<"}).auc).toBe(0.875);
  });
});

describe("rocCurve input errors", () => {
  it("names the argument", () => {
    expect(() => rocCurve([1, NaN, 3], [0, 1, 1])).toThrow(/marker\[1\] is NaN/);
    expect(() => rocCurve([1, 2, 3], [0, 2, 1])).toThrow(/outcome\[1\] is 2/);
    expect(() => rocCurve([1, 2], [0, 1, 1])).toThrow(RangeError);
    expect(() => rocCurve([1, 2, 3], [1, 1, 1])).toThrow(/controls are missing/);
    expect(() => rocCurve([1, 2, 3], [0, 0, 0])).toThrow(/cases are missing/);
    expect(() => confusionAt([1, 2], [0, 1], NaN, "<")).toThrow(/threshold is NaN/);
  });
});

describe("precisionRecallCurve", () => {
  it("recall = pROC sensitivities, precision from pROC's counts; AP by hand", () => {
    const ref = asah.curves.s100b as Curve;
    const pr = precisionRecallCurve(asah.s100b, asah.outcome);
    expectArrayClose(pr.recall, ref.sensitivities, 13);
    const n1 = (asah.outcome as number[]).filter((y) => y === 1).length;
    const n0 = asah.outcome.length - n1;
    const precision = ref.sensitivities.map((s, i) => {
      const tp = s * n1;
      const fp = (1 - ref.specificities[i]!) * n0;
      return tp + fp > 0 ? tp / (tp + fp) : NaN;
    });
    for (let i = 0; i < precision.length; i++) {
      if (Number.isNaN(precision[i]!)) expect(pr.precision[i]).toBeNaN();
      else expect(pr.precision[i]).toBeCloseTo(precision[i]!, 12);
    }
    expect(pr.prevalence).toBeCloseTo(n1 / (n1 + n0), 15);
  });
  it("average precision, hand arithmetic", () => {
    // marker 1,2,3,4 with outcome 0,1,0,1 ("<"): strictest first: {4} R=1/2 P=1; {3,4} R=1/2; {2,3,4} R=1 P=2/3
    // AP = 1/2·1 + 1/2·2/3 = 5/6
    expect(precisionRecallCurve([1, 2, 3, 4], [0, 1, 0, 1], {direction: "<"}).averagePrecision).toBeCloseTo(5 / 6, 15);
    // ties enter together: marker 1,2,2,3 outcome 0,0,1,1: {3} R=1/2 P=1; {2,2,3} R=1 P=2/3 -> 5/6
    expect(precisionRecallCurve([1, 2, 2, 3], [0, 0, 1, 1], {direction: "<"}).averagePrecision).toBeCloseTo(5 / 6, 15);
    // ">" mirrors: negate the marker
    expect(precisionRecallCurve([-1, -2, -3, -4], [0, 1, 0, 1], {direction: ">"}).averagePrecision).toBeCloseTo(5 / 6, 15);
  });
});

describe("youdenThreshold: the Youden cut-point without building the curve", () => {
  // The same threshold as youdenOptimal on the full curve (itself pinned to pROC above), to the bit: ties of J within
  // 1e-12, either direction, tied values across the groups.
  it("equals youdenOptimal(rocFromPrepared(…)).threshold", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.oneof(fc.constantFrom(-1, 0, 0.5, 1, 2), fc.double({min: -5, max: 5, noNaN: true})), fc.boolean()), {minLength: 2, maxLength: 50}),
        fc.constantFrom<Direction>("<", ">"),
        (rows, direction) => {
          fc.pre(rows.some((r) => r[1]) && rows.some((r) => !r[1]));
          const prepared = prepareRoc(rows.map((r) => r[0]), rows.map((r) => (r[1] ? 1 : 0)), {direction});
          expect(Object.is(youdenThreshold(prepared), youdenOptimal(rocFromPrepared(prepared)).threshold)).toBe(true);
        }
      ),
      {numRuns: 1000}
    );
  });
});

describe("rocLevels and positivesFromLevels: a prepared ROC as counts at its distinct values", () => {
  // the counts give confusionFromPrepared's 2×2 table at any threshold: at a value itself (where "≥" and "≤" differ
  // from "<" and ">"), between values, beyond them and at ±∞; −0 and +0 are one value
  it("give the 2×2 table of the sorted groups at every threshold", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(-1, -0, 0, 0.5, 1, 2, 2.5), fc.boolean()), {minLength: 2, maxLength: 40}),
        fc.constantFrom<Direction>("<", ">"),
        fc.constantFrom(-Infinity, -1, -0.5, 0, 0.5, 0.75, 1, 2, 2.5, 3, Infinity),
        (rows, direction, threshold) => {
          fc.pre(rows.some((r) => r[1]) && rows.some((r) => !r[1]));
          const prepared = prepareRoc(rows.map((r) => r[0]), rows.map((r) => (r[1] ? 1 : 0)), {direction});
          const levels = rocLevels(prepared);
          const distinct = new Set(rows.map((r) => (r[0] === 0 ? 0 : r[0])));
          expect(levels.values.length).toBe(distinct.size);
          const want = confusionFromPrepared(prepared, threshold);
          expect(positivesFromLevels(levels, threshold)).toEqual({tp: want.tp, fp: want.fp, fn: want.fn, tn: want.tn});
        }
      ),
      {numRuns: 1000}
    );
  });
});
