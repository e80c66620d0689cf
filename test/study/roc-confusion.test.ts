// The ROC explorer's 2×2 table without the patients' values (src/components/study/roc-confusion.ts): at every
// threshold of the published curve it must be the engine's table from the values (open mode), and a threshold
// between two of them is answered at the nearest, which it reports.
import {readFileSync} from "node:fs";
import {describe, it, expect} from "vitest";
import {parseCohortCsv} from "../../src/components/cohort/schema.js";
import {STUDY_PROCEDURE, studyData} from "../../src/components/study/study.js";
import {runPipelineOnData} from "../../src/components/pipeline/pipeline.js";
import {rocCurve} from "../../src/components/stats/roc.js";
import {studyView, type StudyView} from "../../src/components/study/view.js";
import {confusionFor} from "../../src/components/study/roc-confusion.js";
import {precisionRecallCurve, precisionRecallFromRoc} from "../../src/components/stats/precision-recall.js";
import type {StudyDocument} from "../../src/components/study/document.js";

const text = readFileSync(new URL("../fixtures/teaching-cohort.csv", import.meta.url), "utf8");
const data = studyData(parseCohortCsv(text, {source: "teaching-cohort.csv"}).rows, "teaching-cohort.csv");
const {result, run} = runPipelineOnData(data, STUDY_PROCEDURE, {cutpointReplicates: 0});
const curves = result.roc.map((r) => {
  const values = r.marker === "model" ? run.model.fit.fitted : data.variables.get(r.marker)!.values!;
  const c = rocCurve(values, data.y, {direction: r.direction});
  return {marker: r.marker, direction: c.direction, thresholds: Array.from(c.thresholds), sensitivities: Array.from(c.sensitivities), specificities: Array.from(c.specificities)};
});
const doc = (mode: "open" | "private") => ({version: 1, mode, analysis: result, curves, models: {}, settings: {replicates: 0, seed: 1}}) as unknown as StudyDocument;
const open: StudyView = studyView(doc("open"), text);
const closed: StudyView = studyView(doc("private"), null);

describe("the ROC explorer without the rows", () => {
  it("gives the engine's 2×2 table at every threshold of every marker's curve", () => {
    for (const m of closed.markers) {
      const o = open.marker(m.key);
      for (const t of m.thresholds.filter(Number.isFinite)) {
        const a = confusionFor(open, o, t);
        const b = confusionFor(closed, m, t);
        expect([b.tp, b.fp, b.fn, b.tn], `${m.key} at ${t}`).toEqual([a.tp, a.fp, a.fn, a.tn]);
        expect(b.sensitivityCi).toEqual(a.sensitivityCi);
        expect(b.threshold).toBe(t);
      }
    }
  });

  it("answers a threshold between curve points at the nearest one and says which", () => {
    const m = closed.marker("model");
    const [t1, t2] = [m.thresholds[5]!, m.thresholds[6]!];
    const near = t1 + 0.1 * (t2 - t1);
    expect(confusionFor(closed, m, near).threshold).toBe(t1);
  });

  it("gives the same precision–recall curve and average precision from the curve as from the values", () => {
    for (const m of open.markers) {
      const values = m.key === "model" ? run.model.fit.fitted : data.variables.get(m.key)!.values!;
      const a = precisionRecallCurve(values, data.y, {direction: m.direction});
      const b = precisionRecallFromRoc(m);
      expect(b.averagePrecision).toBe(a.averagePrecision);
      expect(Array.from(b.precision)).toEqual(Array.from(a.precision));
    }
  });
});
