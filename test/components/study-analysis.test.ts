import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import type {CohortRow} from "../../src/components/cohort/schema.js";
import {studyAnalysis} from "../../src/components/study-analysis.js";

// Fixture from test/fixtures/study.R (R 4.2.2, pROC 1.18): roc(d$asd, marker) with direction "auto" for the four
// equation factors and for fitted(glm(asd ~ age + bmd_t + cement_ml + height_recovery_pct)); ci.auc(method =
// "delong"); coords(r, "best", best.method = "youden"); roc.test(model, factor, method = "delong", paired = TRUE).
const fixture = JSON.parse(readFileSync(new URL("../fixtures/study.json", import.meta.url), "utf8")) as {
  rows: CohortRow[];
  selected: string[];
  roc: Record<string, {direction: string; auc: number; ciLower: number; ciUpper: number; threshold: number; sensitivity: number; specificity: number}>;
  comparisons: {b: string; z: number; p: number}[];
};

const rel = (a: number, b: number, tol = 1e-6) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1e-12, Math.abs(b)));

describe("studyAnalysis", () => {
  const analysis = studyAnalysis(fixture.rows, null);
  it("screens as R and fits the equation on all patients", () => {
    expect(analysis.screening.selected).toEqual(fixture.selected);
    expect(analysis.n).toBe(fixture.rows.length);
  });
  it("gives each marker's AUC, DeLong CI, direction and Youden point as pROC", () => {
    expect(analysis.roc.map((r) => r.key).sort()).toEqual(Object.keys(fixture.roc).sort());
    for (const r of analysis.roc) {
      const ref = fixture.roc[r.key]!;
      expect(r.direction).toBe(ref.direction);
      rel(r.auc, ref.auc, 1e-9);
      rel(r.ciLower, ref.ciLower);
      rel(r.ciUpper, ref.ciUpper);
      rel(r.youden.threshold, ref.threshold, 1e-9);
      rel(r.youden.sensitivity, ref.sensitivity, 1e-9);
      rel(r.youden.specificity, ref.specificity, 1e-9);
    }
  });
  it("tests the equation against each factor as roc.test(paired = TRUE, method = \"delong\")", () => {
    for (const ref of fixture.comparisons) {
      const c = analysis.comparisons.find((x) => x.b === ref.b)!;
      rel(Math.abs(c.z), Math.abs(ref.z));
      rel(c.p, ref.p);
    }
  });
});
