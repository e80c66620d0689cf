// The study layer (src/components/study/) over the pipeline, against R 4.2.2: test/fixtures/study.json from
// test/fixtures/study.R — a simulated cohort in the site's schema; Table 1 p-values (t.test(var.equal = TRUE),
// chisq.test(correct = FALSE)), the candidates with p < 0.05 and glm(binomial) fits; pROC 1.18 roc(direction =
// "auto"), ci.auc(method = "delong"), coords("best", best.method = "youden") and roc.test(paired = TRUE) for the
// four equation factors and the equation's fitted probabilities.
import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import type {CohortRow} from "../../src/components/cohort/schema.js";
import {STUDY_CANDIDATES, STUDY_PROCEDURE, studyData, termLabel, publishedColumn, publishedFactors} from "../../src/components/study/study.js";
import {runProcedure} from "../../src/components/procedure/run.js";
import {fitAllProcedure} from "../../src/components/procedure/procedure.js";
import {runPipelineOnData} from "../../src/components/pipeline/pipeline.js";

const fixture = JSON.parse(readFileSync(new URL("../fixtures/study.json", import.meta.url), "utf8")) as {
  rows: CohortRow[];
  univariateP: Record<string, number>;
  selected: string[];
  model: {terms: string[]; estimate: number[]; se: number[]};
  equation: {terms: string[]; estimate: number[]; se: number[]; aic: number};
  roc: Record<string, {direction: string; auc: number; ciLower: number; ciUpper: number; threshold: number; sensitivity: number; specificity: number}>;
  comparisons: {b: string; z: number; p: number}[];
};
const published = JSON.parse(readFileSync(new URL("../../src/data/published.json", import.meta.url), "utf8"));

const rel = (a: number | null, b: number, tol = 1e-6) => expect(Math.abs((a ?? NaN) - b)).toBeLessThanOrEqual(tol * Math.max(1e-12, Math.abs(b)));
const data = studyData(fixture.rows);
const EQUATION = publishedFactors(published);

describe("the study's procedure on a simulated cohort", () => {
  const {result, run} = runPipelineOnData(data, STUDY_PROCEDURE);
  it("Table 1 uses Student's t and uncorrected Pearson chi-square (every expected count ≥ 5 here)", () => {
    for (const u of result.univariate) rel(u.p, fixture.univariateP[u.variable]!, 1e-9);
    expect(result.univariate.map((u) => u.variable)).toEqual([...STUDY_CANDIDATES]);
  });
  it("screens the candidates with univariate p < 0.05 and fits them as glm(asd ~ ..., binomial)", () => {
    expect(run.screen!.kept).toEqual(fixture.selected);
    expect(run.full!.fit.names).toEqual(fixture.model.terms);
    run.full!.fit.terms.forEach((t, i) => {
      rel(t.estimate, fixture.model.estimate[i]!);
      rel(t.se, fixture.model.se[i]!);
    });
  });
});

describe("the abstract's four factors fitted alone", () => {
  const procedure = fitAllProcedure("asd", EQUATION);
  const {result, run} = runPipelineOnData(data, procedure);
  it("are published.json's multivariable entries, in schema order", () => {
    expect(EQUATION).toEqual(["age", "bmd_t", "cement_ml", "height_recovery_pct"]);
  });
  it("fit as glm(asd ~ age + bmd_t + cement_ml + height_recovery_pct)", () => {
    expect(run.model.fit.n).toBe(fixture.rows.length);
    run.model.fit.terms.forEach((t, i) => rel(t.estimate, fixture.equation.estimate[i]!));
    rel(run.model.fit.aic, fixture.equation.aic);
  });
  it("each marker's AUC, DeLong CI, direction and Youden point, and the paired tests, are pROC's", () => {
    expect(result.roc.map((r) => r.marker).sort()).toEqual(Object.keys(fixture.roc).sort());
    for (const r of result.roc) {
      const ref = fixture.roc[r.marker]!;
      expect(r.direction).toBe(ref.direction);
      rel(r.auc, ref.auc, 1e-9);
      rel(r.ciLower, ref.ciLower);
      rel(r.ciUpper, ref.ciUpper);
      rel(r.threshold, ref.threshold, 1e-9);
      rel(r.sensitivity, ref.sensitivity, 1e-9);
      rel(r.specificity, ref.specificity, 1e-9);
    }
    for (const ref of fixture.comparisons) {
      const c = result.comparisons.find((x) => x.b === ref.b)!;
      rel(Math.abs(c.z ?? NaN), Math.abs(ref.z));
      rel(c.p, ref.p);
    }
  });
  it("the same run as runProcedure alone", () => {
    expect(Array.from(runProcedure(procedure, data).model.fit.coefficients)).toEqual(Array.from(run.model.fit.coefficients));
  });
});

describe("labels", () => {
  it("maps published names to columns and labels terms with units, without repeating a unit", () => {
    expect(["cementVolume", "model"].map((name) => publishedColumn(name))).toEqual(["cement_ml", "model"]);
    expect(["age", "smoking", "bmd_t"].map((key) => termLabel(key))).toEqual(["Age (per year)", "Smoking history (yes vs no)", "BMD (per T-score unit)"]);
  });
});
