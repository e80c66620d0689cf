import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import type {CohortRow} from "../../src/components/cohort/schema.js";
import {CANDIDATES, EQUATION, fitStudyModel, screenCandidates, univariateTable, termLabel, publishedColumn} from "../../src/components/study.js";

// Fixture from test/fixtures/study.R (R 4.2.2): a simulated cohort in the site's schema, the Table 1 p-values
// (t.test(var.equal = TRUE), chisq.test(correct = FALSE)), the candidates with p < 0.05, and glm(binomial) fits.
const fixture = JSON.parse(readFileSync(new URL("../fixtures/study.json", import.meta.url), "utf8")) as {
  rows: CohortRow[];
  univariateP: Record<string, number>;
  selected: string[];
  model: {terms: string[]; estimate: number[]; se: number[]};
  equation: {terms: string[]; estimate: number[]; se: number[]; aic: number};
};

const rel = (a: number, b: number, tol = 1e-6) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1e-12, Math.abs(b)));

describe("univariateTable", () => {
  const table = univariateTable(fixture.rows);
  it("uses Student's t and uncorrected Pearson chi-square, as R t.test(var.equal = TRUE) / chisq.test(correct = FALSE)", () => {
    for (const row of table) rel(row.reproduced.p, fixture.univariateP[row.key]!, 1e-9);
    expect(table.map((r) => r.key)).toEqual([...CANDIDATES]);
  });
  it("screens the candidates with univariate p < 0.05 (R: candidates[p < 0.05])", () => {
    expect(screenCandidates(table, CANDIDATES, 0.05)).toEqual(fixture.selected);
    expect(screenCandidates(table, ["age", "smoking"], 0.01)).toEqual(["age"]);
    expect(() => screenCandidates(table, CANDIDATES, 0)).toThrow(/pThreshold/);
  });
});

describe("fitStudyModel", () => {
  it("fits the screened model as glm(asd ~ ..., binomial)", () => {
    const {fit} = fitStudyModel(fixture.rows, fixture.selected);
    expect(fit.names).toEqual(fixture.model.terms);
    fit.terms.forEach((t, i) => {
      rel(t.estimate, fixture.model.estimate[i]!);
      rel(t.se, fixture.model.se[i]!);
    });
  });
  it("fits the four-factor equation as glm(asd ~ age + bmd_t + cement_ml + height_recovery_pct)", () => {
    const {fit, data} = fitStudyModel(fixture.rows, EQUATION);
    expect(data.n).toBe(fixture.rows.length);
    fit.terms.forEach((t, i) => rel(t.estimate, fixture.equation.estimate[i]!));
    rel(fit.aic, fixture.equation.aic);
  });
  it("rejects an empty selection and unknown columns", () => {
    expect(() => fitStudyModel(fixture.rows, [])).toThrow(/at least one predictor/);
    expect(() => fitStudyModel(fixture.rows, ["weight"])).toThrow(/unknown predictor column "weight"/);
  });
});

describe("labels", () => {
  it("maps published names to columns and labels terms with units", () => {
    expect(publishedColumn("cementVolume")).toBe("cement_ml");
    expect(publishedColumn("model")).toBe("model");
    expect(termLabel("age")).toBe("Age (per year)");
    expect(termLabel("smoking")).toBe("Smoking history (yes vs no)");
  });
});

describe("termLabel with a unit in the label", () => {
  it("does not repeat the unit", () => {
    expect(termLabel("bmd_t")).toBe("BMD (per T-score unit)");
  });
});
