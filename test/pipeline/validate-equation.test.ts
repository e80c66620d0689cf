// The external-validation pipeline entry on a clinician-style export (semicolons, outcome coded 1 = no, 2 = yes,
// renamed columns, one missing value) against R 4.2.2: test/fixtures/validate-equation.json, written by
// test/fixtures/validate-equation.R (glm with offset, glm(y ~ lp), uniroot profile limits, pROC 1.18 DeLong,
// loess as Austin & Steyerberg 2019, rms 6.5 val.prob, net benefit and Austin's standardised differences by hand).
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {readTableFile} from "../../src/components/cohort/readers/index.js";
import {typedTable} from "../../src/components/cohort/typed-table.js";
import {parseEquation} from "../../src/components/stats/equation-spec.js";
import {validateEquationOnTable, type ExternalValidationReport} from "../../src/components/pipeline/validate-equation.js";
import type {PerformanceAssessment} from "../../src/components/stats/external-validation.js";
import {closeFields} from "../helpers/close-fields.js";
import {errorOf} from "../helpers/errors.js";

const root = join(import.meta.dirname, "../..");
const ref = JSON.parse(readFileSync(join(root, "test/fixtures/validate-equation.json"), "utf8"));
const equation = parseEquation(readFileSync(join(root, "test/fixtures/validate-equation-birthwt.equation.json"), "utf8"));
const bytes = new Uint8Array(readFileSync(join(root, "test/fixtures/validate-equation-birthwt.csv")));
const table = typedTable(readTableFile(bytes, {fileName: "validate-equation-birthwt.csv"}).table);
const mapping = new Map([["age", "Age (years)"], ["lwt", "weight_lb"]]);

function close(actual: number, expected: number, tol: number): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
}

function compare(a: PerformanceAssessment, r: typeof ref.base): void {
  expect(a.n).toBe(r.n);
  expect(a.events).toBe(r.events);
  close(a.meanPredictedRisk, r.meanPredicted, 1e-12);
  // the estimate and its standard error as glm gives them, the profile limits as uniroot finds them
  closeFields(close, a.calibrationInTheLarge, r.citl, {estimate: 1e-9, se: 1e-8, profileLower: 1e-8, profileUpper: 1e-8});
  closeFields(close, a.calibrationSlope, r.slope, {estimate: 1e-9, se: 1e-8, profileLower: 1e-7, profileUpper: 1e-7});
  close(a.slopeModelIntercept.estimate, r.slopeIntercept, 1e-9);
  close(a.expectedObserved.ratio, r.eo, 1e-12);
  closeFields(close, a.auc, r.auc, {auc: 1e-12, ciLower: 1e-10, ciUpper: 1e-10});
  closeFields(close, a, r, {brier: 1e-12, scaledBrier: 1e-11});
  closeFields(close, a.loessCalibration, r.ici, {mean: 1e-9, median: 1e-9, q90: 1e-9}, {names: {mean: "ICI", median: "E50", q90: "E90"}});
  closeFields(close, a.valProb, r.valProb, {dxy: 1e-4, r2: 1e-9, u: 1e-9, spiegelhalterZ: 1e-9}, {names: {dxy: "Dxy", r2: "R2", u: "U", spiegelhalterZ: "S.z"}});
  r.decision.thresholds.forEach((t: number, k: number) => {
    const point = a.decisionCurve.find((d) => Math.abs(d.threshold - t) < 1e-12)!;
    close(point.netBenefitModel, r.decision.netBenefit[k], 1e-12);
  });
}

describe("validateEquationOnTable on MASS::birthwt's other mothers, as a clinician's export", () => {
  const report: ExternalValidationReport = validateEquationOnTable(table, {equation, outcome: "low_bw", event: "2", mapping});

  it("reads the rows, drops the incomplete one and codes 2 as the event", () => {
    expect(report.rows).toBe(ref.rows);
    expect(report.excluded).toBe(ref.excluded);
    expect(report.outcome).toMatchObject({positive: "2", negative: "1"});
    expect(report.warnings.some((w) => w.includes("1 row of 93 dropped") && w.includes("\"weight_lb\" 1"))).toBe(true);
  });

  it("validates the equation as R does", () => compare(report.validation, ref.base));

  it("re-calibrates as R does: each updated equation and its performance", () => {
    close(report.recalibration.intercept.equation.intercept, ref.interceptUpdate.intercept, 1e-9);
    compare(report.recalibration.intercept.performance, ref.interceptUpdate);
    const s = report.recalibration.interceptAndSlope;
    close(s.equation.intercept, ref.slopeUpdate.intercept, 1e-9);
    s.equation.terms.forEach((t, j) => close(t.coefficient, ref.slopeUpdate.coefficients[j], 1e-10));
    compare(s.performance, ref.slopeUpdate);
  });

  it("compares the case-mix with the development cohort's published summaries", () => {
    for (const row of report.caseMix.rows) close(row.standardizedDifference, ref.standardizedDifference[row.term], 1e-12);
    expect(report.caseMix.membership).toBeNull();
  });

  it("reports values outside the equation's range in spreadsheet rows of the mapped column", () => {
    for (const term of ["age", "lwt"]) {
      const check = report.termChecks.find((c) => c.term === term)!;
      expect(check.outOfRange).toBe(ref.outOfRange[term]);
      if (check.outOfRange) expect(check.message).toContain(`column "${term === "age" ? "Age (years)" : "weight_lb"}"`);
    }
  });

  it("says what each figure means, with the numbers of the report", () => {
    const keys = report.findings.map((f) => f.key);
    expect(keys).toEqual(expect.arrayContaining(["calibration-in-the-large", "calibration-slope", "expected-observed", "ici", "auc", "brier", "decision-curve", "recalibration", "case-mix"]));
    const citl = report.findings.find((f) => f.key === "calibration-in-the-large")!;
    // R: CITL 1.293 (profile 0.839 to 1.733) excludes 0, positive: the equation under-predicts
    expect(citl.text).toContain(ref.base.citl.estimate.toFixed(3));
    expect(citl.text).toContain("under-predicts");
    expect(citl.verdict).toBe("problem");
  });
});

describe("validateEquationOnTable: bad input names what and where", () => {
  it("an unmapped term whose name is not a column", () => {
    const e = errorOf(() => validateEquationOnTable(table, {equation, outcome: "low_bw", event: "2"}));
    expect(e.message).toContain(`term "age" (years) has no column`);
    expect(e.message).toContain("--map age=COLUMN");
  });
  it("a mapping to a column that is not there, or to a term that is not in the equation", () => {
    expect(errorOf(() => validateEquationOnTable(table, {equation, outcome: "low_bw", event: "2", mapping: new Map([["age", "AGE"], ["lwt", "weight_lb"]])})).message).toContain(`"AGE" mapped to the equation's term "age" is not in the file`);
    expect(errorOf(() => validateEquationOnTable(table, {equation, outcome: "low_bw", event: "2", mapping: new Map([["bmi", "id"]])})).message).toContain(`"bmi", which is not a term`);
  });
  it("an event value that does not occur, with the values and their counts", () => {
    const e = errorOf(() => validateEquationOnTable(table, {equation, outcome: "low_bw", event: "yes", mapping}));
    expect(e.message).toMatch(/"1" \(\d+ rows\), "2" \(\d+ rows\)/);
  });
  it("a binary term mapped to a column with other values: the column and the spreadsheet row", () => {
    const e = errorOf(() => validateEquationOnTable(table, {equation, outcome: "low_bw", event: "2", mapping: new Map([...mapping, ["smoke", "id"]])}));
    expect(e.message).toContain(`column "id" (for the binary term "smoke"`);
    expect(e.message).toMatch(/spreadsheet row \d+/);
  });
});
