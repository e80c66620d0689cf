// The site's equation as equation.json (src/components/study/equation.ts) on the simulated cohort of
// test/fixtures/study.json: the coefficients are the study document's equation (pinned to R in study.test.ts), each
// term has
// the data dictionary's unit and range, the development summaries are the cohort's, and — a property of any
// maximum-likelihood logistic fit with an intercept, whose score equations make Σp = Σy and Σ(y − p)·lp = 0 —
// validating the equation on its own development cohort gives calibration-in-the-large 0, slope 1 and E/O 1.
import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import type {CohortRow} from "../../src/components/cohort/schema.js";
import {columnSpec, formatCohortCsv} from "../../src/components/cohort/schema.js";
import {studyDocument} from "../../src/components/study/document.js";
import {studyEquation, studyEquationJson} from "../../src/components/study/equation.js";
import {parseEquation} from "../../src/components/stats/equation-spec.js";
import {validateEquationOnTable} from "../../src/components/pipeline/validate-equation.js";
import {parseCsvTable} from "../../src/components/cohort/table.js";
import {typedTable} from "../../src/components/cohort/typed-table.js";

const fixture = JSON.parse(readFileSync(new URL("../fixtures/study.json", import.meta.url), "utf8")) as {
  rows: CohortRow[];
};
const doc = studyDocument(fixture.rows, {source: {kind: "synthetic", path: null, reason: "test", rows: fixture.rows.length, events: fixture.rows.filter((r) => r.asd === 1).length} as never, replicates: 10});

describe("equation.json: the site's prediction equation", () => {
  const eq = studyEquation(doc);
  it("has the document's coefficients and the data dictionary's units and ranges", () => {
    const terms = doc.models.equation.model.terms;
    expect(["(Intercept)", ...eq.terms.map((t) => t.name)]).toEqual(terms.map((t) => t.term));
    expect(eq.intercept).toBe(terms[0]!.estimate);
    eq.terms.forEach((t, j) => {
      expect(t.coefficient).toBe(terms[j + 1]!.estimate);
      expect(t.unit).toBe(columnSpec(t.name).unit);
      expect(t.range).toEqual(columnSpec(t.name).plausible);
    });
  });
  it("carries the development cohort's size and, per term, its mean and SD or proportion (hand arithmetic)", () => {
    expect(eq.development!.n).toBe(fixture.rows.length);
    for (const t of eq.terms) {
      const values = fixture.rows.map((r) => r[t.name as keyof CohortRow] as number);
      const mean = values.reduce((s, v) => s + v, 0) / values.length;
      const s = eq.development!.summaries!.get(t.name)!;
      if (t.kind === "binary") expect(s.proportion).toBeCloseTo(mean, 12);
      else {
        expect(s.mean).toBeCloseTo(mean, 10);
        const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
        expect(s.sd).toBeCloseTo(sd, 10);
      }
    }
  });
  it("reads back through parseEquation, and on its own cohort validates to CITL 0, slope 1, E/O 1", () => {
    const back = parseEquation(studyEquationJson(doc));
    expect(back.terms.map((t) => t.coefficient)).toEqual(eq.terms.map((t) => t.coefficient));
    const table = typedTable(parseCsvTable(formatCohortCsv(fixture.rows)));
    const report = validateEquationOnTable(table, {equation: back, outcome: "asd"});
    expect(Math.abs(report.validation.calibrationInTheLarge.estimate)).toBeLessThan(1e-7);
    expect(Math.abs(report.validation.calibrationSlope.estimate - 1)).toBeLessThan(1e-6);
    expect(Math.abs(report.validation.expectedObserved.ratio - 1)).toBeLessThan(1e-7);
    expect(report.caseMix.rows.every((r) => Math.abs(r.standardizedDifference) < 1e-9)).toBe(true);
  });
});
