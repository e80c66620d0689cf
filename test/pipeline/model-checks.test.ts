// The pipeline's model checks (src/components/pipeline/model-checks.ts) and a procedure with splines
// (src/components/procedure/run.ts designFor) on the site's default cohort, against R.
// Reference values: test/fixtures/model-checks.json, written by test/fixtures/model-checks.R (R 4.2.2, rms 6.5 rcs/lrm/
// Predict, glm deviances, pROC 1.18 placement values) on test/fixtures/teaching-cohort.csv (the reconstruction).
import {readFileSync} from "node:fs";
import {describe, it, expect} from "vitest";
import {parseCsvTable} from "../../src/components/cohort/table.js";
import {typedTable} from "../../src/components/cohort/typed-table.js";
import {prepareData} from "../../src/components/cohort/prepare.js";
import {runPipeline, runPipelineOnData} from "../../src/components/pipeline/pipeline.js";
import {rawColumns} from "../../src/components/pipeline/model-checks.js";
import {fitAllProcedure, parseProcedure, ProcedureError} from "../../src/components/procedure/procedure.js";
import {designFor, runProcedure} from "../../src/components/procedure/run.js";
import {partialEffect} from "../../src/components/stats/partial-effect.js";
import {bootstrapCutpoint} from "../../src/components/stats/cutpoint-bootstrap.js";
import {replicateRng} from "../../src/components/stats/random.js";
import {errorOf} from "../helpers/errors.js";

const ref = JSON.parse(readFileSync(new URL("../fixtures/model-checks.json", import.meta.url), "utf8"));
const table = typedTable(parseCsvTable(readFileSync(new URL("../fixtures/teaching-cohort.csv", import.meta.url), "utf8"), {source: "teaching-cohort.csv"}));
const EQ = ["age", "bmd_t", "cement_ml", "height_recovery_pct"];

function close(actual: number | null | undefined, expected: number, rel = 1e-7): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(rel * Math.abs(expected) + 1e-10);
}

describe("model checks of the four-factor equation on the default cohort", () => {
  const result = runPipeline(table, fitAllProcedure("asd", EQ), {cutpointReplicates: 50, cutpointSeed: 7});
  const checks = result.checks;

  it("places rms::rcs's knots and gives the likelihood-ratio anova of the all-spline model as glm deviances do", () => {
    const nl = checks.nonlinearity!;
    for (const s of nl.splines) nl.splines.length && s.knots.forEach((k, j) => close(k, ref.allSplines.knots[s.factor][j], 1e-12));
    expect(nl.rows.map((r) => (r.kind === "nonlinear" ? `${r.factor} Nonlinear` : r.label))).toEqual(ref.allSplines.rows.map((r: {label: string}) => r.label));
    nl.rows.forEach((row, i) => {
      const r = ref.allSplines.rows[i];
      expect(row.df).toBe(r.df);
      close(row.statistic, r.statistic, 1e-6);
      close(row.p, r.p, 1e-5);
      close(row.reducedAic, r.reducedAic, 1e-8);
    });
    close(nl.aicLinear, ref.allSplines.aicLinear, 1e-9);
    close(nl.aicSpline, ref.allSplines.aicSpline, 1e-9);
  });

  it("tests the equation against each of its factors alone by likelihood ratio, and marks DeLong's test not valid there", () => {
    expect(checks.addedValue.map((a) => a.marker)).toEqual(EQ);
    checks.addedValue.forEach((a, i) => {
      const r = ref.added[i];
      expect(a.inModel).toBe(true);
      expect(a.delongValid).toBe(false);
      expect(a.df).toBe(3);
      close(a.statistic, r.statistic, 1e-7);
      close(a.p, r.p, 1e-6);
      close(a.aicSmaller, r.aicSmaller, 1e-9);
    });
    // the DeLong p the page used to rest on, for the record: pROC's on the same curves
    result.comparisons.forEach((c, i) => close(c.p, ref.added[i].delongP, 1e-6));
  });

  it("gives the joint DeLong χ² that the four measurements' AUCs are equal", () => {
    const j = checks.jointDelong!;
    expect(j.markers).toEqual(ref.jointDelong.markers);
    expect(j.df).toBe(3);
    close(j.statistic, ref.jointDelong.statistic, 1e-9);
    close(j.p, ref.jointDelong.p, 1e-8);
  });

  it("counts the candidate parameters (4 measurements entered linearly: P = 4) for Riley's minimum", () => {
    expect(checks.candidateSampleSize!.parameters).toBe(4);
  });

  it("scores each Youden cut-point as the engine does on the same seeded resamples (resample b from replicateRng(seed, b))", () => {
    const n = result.n;
    const samples = Array.from({length: 50}, (_, b) => {
      const rng = replicateRng(7, b);
      return Int32Array.from({length: n}, () => rng.int(n));
    });
    const data = prepareData(table, {outcome: "asd", event: "1", candidates: EQ});
    const direct = bootstrapCutpoint(data.variables.get("bmd_t")!.values!, data.y, {samples});
    const got = checks.cutpoints.find((c) => c.marker === "bmd_t")!;
    expect(got.corrected).toEqual(direct.corrected);
    // apparent accuracy at the cut-point is the ROC result's Youden point
    const roc = result.roc.find((r) => r.marker === "bmd_t")!;
    expect(got.apparent.sensitivity).toBe(roc.sensitivity);
    expect(got.apparent.specificity).toBe(roc.specificity);
    expect(got.corrected.sensitivity).toBeLessThanOrEqual(got.apparent.sensitivity);
  });
});

describe("a procedure with BMD as a restricted cubic spline", () => {
  const procedure = {...fitAllProcedure("asd", EQ), splines: {bmd_t: 3}};
  const data = prepareData(table, {outcome: "asd", event: "1", candidates: EQ});
  const {result, run} = runPipelineOnData(data, procedure, {cutpointReplicates: 0});

  it("fits lrm(asd ~ age + rcs(bmd_t, 3) + …): the nonlinear term's LR test and the AIC as glm gives them", () => {
    expect(result.model.terms.map((t) => t.term)).toEqual(["(Intercept)", "age", "bmd_t", "bmd_t'", "cement_ml", "height_recovery_pct"]);
    close(result.model.aic, ref.bmdSpline.aicSpline, 1e-9);
    const row = result.checks.anova!.find((r) => r.kind === "nonlinear")!;
    expect(row.factor).toBe("bmd_t");
    close(row.statistic, ref.bmdSpline.statistic, 1e-6);
    close(row.p, ref.bmdSpline.p, 1e-5);
    expect(result.parameters).toBe(5);
    expect(result.sampleSize.candidateParameters).toBe(5);
    expect(result.checks.candidateSampleSize!.parameters).toBe(5);
  });

  it("gives rms::Predict's log-odds and 95% CI for BMD, the others at their medians", () => {
    const pe = partialEffect({fit: run.model.fit, design: run.model.design, splines: run.model.design.splines, data: rawColumns(data, EQ)}, {factor: "bmd_t", values: ref.bmdSpline.predict.bmd_t});
    pe.points.forEach((p, i) => {
      close(p.logOdds, ref.bmdSpline.predict.logOdds[i], 1e-6);
      close(p.lower, ref.bmdSpline.predict.lower[i], 1e-6);
      close(p.upper, ref.bmdSpline.predict.upper[i], 1e-6);
    });
    const curve = result.checks.partialEffects.find((c) => c.factor === "bmd_t")!;
    expect(curve.kind).toBe("spline");
    expect(curve.adjustedTo.find((a) => a.factor === "age")!.value).toBe(ref.bmdSpline.predict.adjustTo.age);
  });

  it("refuses a spline of a yes/no column and a bad knot count, naming them", () => {
    expect(() => designFor(prepareData(table, {outcome: "asd", event: "1", candidates: ["smoking"]}), ["smoking"], {splines: {smoking: 3}})).toThrow(/"smoking" is a yes\/no variable/);
    expect(errorOf(() => runPipeline(table, {...fitAllProcedure("asd", ["smoking", "age"]), splines: {smoking: 3}})).message).toMatch(/"smoking" is a yes\/no variable; only a measurement can enter as a spline/);
    expect(() => parseProcedure({outcome: "asd", candidates: EQ, splines: {bmd_t: 2}})).toThrow(ProcedureError);
    expect(() => parseProcedure({outcome: "asd", candidates: EQ, splines: {bmd_t: 2}})).toThrow(/splines\.bmd_t must be a whole number of knots from 3 to 7/);
    expect(() => parseProcedure({outcome: "asd", candidates: EQ, splines: {cobb: 3}})).toThrow(/"cobb", which is not among the candidates/);
    expect(runProcedure(parseProcedure({outcome: "asd", candidates: EQ, splines: {age: 4}}), data).model.design.splines[0]!.knots).toHaveLength(4);
  });
});
