// The Model page's view (src/components/study/model-view.ts): in private mode, built from the build's aggregates
// (every candidate subset's fit, the precomputed spline checks), it must give what the open mode's refit in the
// browser gives for the same choices — the same model, the same tests — and say when a choice was not precomputed.
import {readFileSync} from "node:fs";
import {describe, it, expect} from "vitest";
import {parseCohortCsv} from "../../src/components/cohort/schema.js";
import {STUDY_PROCEDURE, studyData} from "../../src/components/study/study.js";
import {runPipelineOnData} from "../../src/components/pipeline/pipeline.js";
import {subsetFits} from "../../src/components/study/private.js";
import {modelView, privateSplineChecks} from "../../src/components/study/model-view.js";

const rows = parseCohortCsv(readFileSync(new URL("../fixtures/teaching-cohort.csv", import.meta.url), "utf8"), {source: "teaching-cohort.csv"}).rows;
const data = studyData(rows, "teaching-cohort.csv");
const {result, run} = runPipelineOnData(data, STUDY_PROCEDURE, {cutpointReplicates: 0});
const aggregates = {subsetFits: subsetFits(data, STUDY_PROCEDURE.candidates), splineChecks: privateSplineChecks(data, run)};
const open = {data, doc: {analysis: result}};
const closed = {data: null, doc: {analysis: result, aggregates}};
const study = {candidates: [...STUDY_PROCEDURE.candidates], screenP: 0.05, select: "wald" as const};

describe("the Model page's view without the rows", () => {
  it("gives the open refit's model and steps for the study's choices and for another screen", () => {
    for (const choices of [study, {...study, screenP: 0.2}, {...study, select: "none" as const}, {...study, candidates: ["age", "smoking", "bmd_t"]}]) {
      const a = modelView(open, choices);
      const b = modelView(closed, choices);
      expect(b.final?.predictors).toEqual(a.final?.predictors);
      expect(b.final?.aic).toBeCloseTo(a.final!.aic!, 10);
      expect(b.full?.predictors).toEqual(a.full?.predictors);
      expect(b.run!.screen!.kept).toEqual(a.run!.screen!.kept);
      expect(b.run!.selection?.kept).toEqual(a.run!.selection?.kept);
    }
  });

  it("gives the open refit's spline model and its LR test of nonlinearity, for BMD as a 3-knot spline", () => {
    const choices = {...study, splines: {bmd_t: 3}};
    const a = modelView(open, choices);
    const b = modelView(closed, choices);
    expect(b.unavailable).toBeNull();
    expect(b.final!.terms.map((t) => t.term)).toEqual(a.final!.terms.map((t) => t.term));
    const nl = (v: typeof a) => v.checks!.anova!.find((r) => r.kind === "nonlinear")!;
    expect(nl(b).statistic).toBeCloseTo(nl(a).statistic, 10);
    expect(b.checks!.partialEffects).toEqual(a.checks!.partialEffects);
  });

  it("says what it cannot show instead of showing a stale model", () => {
    expect(modelView(closed, {...study, splines: {bmd_t: 4}}).unavailable).toMatch(/only for the study's own choices/);
    expect(modelView(closed, {...study, select: "backward"}).unavailable).toMatch(/backward elimination needs them/);
    const none = modelView(closed, {...study, candidates: []});
    expect(none.final).toBeNull();
    expect(none.full).toBeNull();
    expect(modelView(open, {...study, candidates: []}).final).toBeNull();
  });
});
