// Two members of the ensemble, written as CSV by the CLI (npm run ensemble -- --write-csv K) and analysed in R by
// test/fixtures/ensemble-check.R (R 4.2.2, pROC 1.18): the engine, through the one pipeline, gives the same
// coefficients, AUCs, binormal AUC, shape statistics and P-values to 1e-6.
import {describe, expect, it} from "vitest";
import {createHash} from "node:crypto";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {formatCohortCsv, parseCohortCsv} from "../../src/components/cohort/schema.js";
import {binormalAuc, skewness, windowShare} from "../../src/components/cohort/shape.js";
import {describe as descriptives} from "../../src/components/stats/descriptives.js";
import {runPipeline} from "../../src/components/pipeline/pipeline.js";
import {fitAllProcedure} from "../../src/components/procedure/procedure.js";
import {STUDY_CANDIDATES, STUDY_PROCEDURE, studyTable} from "../../src/components/study/study.js";
import {memberRows} from "../../src/components/study/ensemble.js";
import {readEnsemble} from "../../src/data/lib/ensemble.js";
import {REPO_ROOT} from "../../src/data/lib/cohort.js";

interface RCheck {
  file: string;
  md5: string;
  equation: Record<string, number>;
  multivariable: Record<string, number>;
  aucEquation: number;
  aucAge: number;
  binormalAucAge: number;
  ageWindowShareAsd: number;
  ageSkewnessAsd: number;
  ageMannWhitneyP: number;
  ageStudentP: number;
}

const fixtures = join(REPO_ROOT, "test/fixtures");
const reference = JSON.parse(readFileSync(join(fixtures, "ensemble-check.json"), "utf8")) as {members: RCheck[]};
const ensemble = readEnsemble();
const TOL = 1e-6;

describe.each(reference.members)("ensemble member $file against R", (r) => {
  const text = readFileSync(join(fixtures, r.file), "utf8");
  const rows = parseCohortCsv(text, {source: r.file}).rows;
  const index = Number(/ensemble-member-(\d+)\.csv$/.exec(r.file)![1]);

  it("is the CSV R read, and the CLI's CSV of that member of the committed ensemble", () => {
    expect(createHash("md5").update(text).digest("hex")).toBe(r.md5);
    expect(text).toBe(formatCohortCsv(memberRows(ensemble.members[index]!)));
  });

  it("the study's procedure keeps the equation R fits; coefficients, AUCs and P-values agree", () => {
    const result = runPipeline(studyTable(rows), STUDY_PROCEDURE);
    expect(result.predictors).toEqual(Object.keys(r.equation).filter((k) => k !== "(Intercept)"));
    for (const t of result.model.terms) expect(Math.abs(t.estimate! - r.equation[t.term]!)).toBeLessThan(TOL);
    expect(Math.abs(result.roc.find((x) => x.marker === "model")!.auc! - r.aucEquation)).toBeLessThan(TOL);
    expect(Math.abs(result.roc.find((x) => x.marker === "age")!.auc! - r.aucAge)).toBeLessThan(TOL);
    const age = result.univariate.find((u) => u.variable === "age")!;
    expect(Math.abs(age.p! - r.ageStudentP) / r.ageStudentP).toBeLessThan(TOL);
    expect(Math.abs(age.mannWhitney!.p! - r.ageMannWhitneyP) / r.ageMannWhitneyP).toBeLessThan(TOL);
  });

  it("the multivariable model of all eight candidates", () => {
    const result = runPipeline(studyTable(rows), fitAllProcedure("asd", STUDY_CANDIDATES));
    for (const t of result.model.terms) expect(Math.abs(t.estimate! - r.multivariable[t.term]!)).toBeLessThan(TOL);
  });

  it("age's binormal AUC from the member's own means and SDs, and its shape in the ASD group", () => {
    const cases = rows.filter((x) => x.asd === 1).map((x) => x.age);
    const controls = rows.filter((x) => x.asd === 0).map((x) => x.age);
    const d1 = descriptives(cases);
    const d0 = descriptives(controls);
    expect(Math.abs(binormalAuc(d1.mean, d1.sd, d0.mean, d0.sd) - r.binormalAucAge)).toBeLessThan(TOL);
    expect(Math.abs(windowShare(cases, 5).share - r.ageWindowShareAsd)).toBeLessThan(TOL);
    expect(Math.abs(skewness(cases) - r.ageSkewnessAsd)).toBeLessThan(TOL);
    expect(Math.abs(ensemble.members[index]!.shapes.age!.asd.skewness - r.ageSkewnessAsd)).toBeLessThan(TOL);
  });
});
