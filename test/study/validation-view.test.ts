// The Validation page's apparent calibration and decision curve give the same numbers from the rows (open build) and
// from the build's aggregates (private build), for every choice the page offers; the decision curve against a
// hand count of true and false positives; a choice the aggregates do not hold is refused by name.
import {describe, expect, it} from "vitest";
import {readFileSync} from "node:fs";
import type {CohortRow} from "../../src/components/cohort/schema.js";
import type {CohortSource} from "../../src/components/cohort/source.js";
import {studyDocument} from "../../src/components/study/document.js";
import {studyData} from "../../src/components/study/study.js";
import {HL_GROUP_CHOICES, SPAN_CHOICES, onGrid} from "../../src/components/study/private.js";
import {apparentCalibration, calibrationPlotData, decisionCurveAt, shareBelow, thresholdsBetween} from "../../src/components/study/validation-view.js";

const rows = JSON.parse(readFileSync(new URL("../fixtures/study.json", import.meta.url), "utf8")).rows as CohortRow[];
const source: CohortSource = {kind: "real", path: "real.csv", reason: "real data", rows: rows.length, events: 0, nonEvents: 0, seed: null, warnings: []};
const open = studyDocument(rows, {source, replicates: 10, procedureReplicates: 0, mode: "open"});
const closed = studyDocument(rows, {source, replicates: 10, procedureReplicates: 0, mode: "private"});
const y = studyData(rows).y;

describe("apparent calibration in both modes", () => {
  it("the private build's Hosmer–Lemeshow test equals the open build's for every number of groups the page offers", () => {
    for (const key of ["equation", "multivariable"] as const) {
      for (const hlGroups of HL_GROUP_CHOICES) {
        const a = apparentCalibration(open, y, key, {span: 2 / 3, hlGroups});
        const b = apparentCalibration(closed, null, key, {span: 2 / 3, hlGroups});
        expect(b.strip.kind).toBe("binned");
        expect(a.strip.kind).toBe("patients");
        if (!a.hosmerLemeshow) {
          expect(b.hosmerLemeshow).toBeNull();
          continue;
        }
        expect(b.hosmerLemeshow!.statistic).toBeCloseTo(a.hosmerLemeshow.statistic, 12);
        expect(b.hosmerLemeshow!.df).toBe(hlGroups - 2);
        expect(b.hosmerLemeshow!.groups.map((g) => g.n)).toEqual(a.hosmerLemeshow.groups.map((g) => g.n));
      }
    }
  });

  it("the private curve at each span is the open curve read on the round grid", () => {
    for (const span of SPAN_CHOICES) {
      const a = apparentCalibration(open, y, "equation", {span, hlGroups: 10});
      const b = apparentCalibration(closed, null, "equation", {span, hlGroups: 10});
      const grid = onGrid(a.curve!.predicted, a.curve!.observed);
      expect(b.curve!.predicted).toEqual(grid.x);
      b.curve!.observed.forEach((o, i) => expect(o).toBeCloseTo(grid.y[i]!, 12));
    }
  });

  it("the private plot's strip is binned, every non-empty cell at least the minimum, and covers every patient", () => {
    const data = calibrationPlotData(apparentCalibration(closed, null, "equation", {span: 2 / 3, hlGroups: 10}));
    expect(data.predictions).toBeUndefined();
    const bins = data.binned!.bins;
    expect(bins.reduce((s, b) => s + b.events + b.nonEvents, 0)).toBe(y.length);
    for (const b of bins) for (const c of [b.events, b.nonEvents]) expect(c === 0 || c >= data.binned!.minCell).toBe(true);
  });

  it("refuses a span or a number of groups the private build does not hold, naming it", () => {
    expect(() => apparentCalibration(closed, null, "equation", {span: 0.55, hlGroups: 10})).toThrow(/Span 0\.55/);
    expect(() => apparentCalibration(closed, null, "equation", {span: 2 / 3, hlGroups: 3})).toThrow(/Risk groups 3/);
  });
});

describe("decision curve in both modes", () => {
  it("at 10% equals a hand count of true and false positives, and the private build's equals the open one's at every whole percent", () => {
    const p = open.models.equation.predictions;
    let tp = 0;
    let fp = 0;
    for (let i = 0; i < p.length; i++) if (p[i]! >= 0.1) y[i] === 1 ? tp++ : fp++;
    const n = p.length;
    const [at10] = decisionCurveAt(closed, null, "equation", [0.1]);
    expect(at10!.netBenefitModel).toBeCloseTo(tp / n - (fp / n) * (0.1 / 0.9), 14);
    expect(shareBelow(at10!, n)).toBeCloseTo(p.filter((x) => x < 0.1).length / n, 14);
    const thresholds = thresholdsBetween(0.01, 0.99);
    expect(decisionCurveAt(closed, null, "multivariable", thresholds)).toEqual(decisionCurveAt(open, y, "multivariable", thresholds));
  });

  it("takes both bounds and the whole percents between them; a private build refuses a threshold off the grid", () => {
    expect(thresholdsBetween(0.05, 0.08)).toEqual([0.05, 0.06, 0.07, 0.08]);
    expect(thresholdsBetween(0.055, 0.07)).toEqual([0.055, 0.06, 0.07]);
    expect(thresholdsBetween(0.2, 0.2)).toEqual([0.2]);
    expect(() => thresholdsBetween(0.3, 0.2)).toThrow(RangeError);
    expect(() => decisionCurveAt(closed, null, "equation", [0.055])).toThrow(/Threshold 0\.055/);
  });
});
