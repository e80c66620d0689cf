// Private mode (src/components/study/private.ts, src/data/study.zip.ts): aggregates with every cell ≥ the minimum,
// counted by hand; and the loader's archive, built from a real-like cohort, holds no patient's row, as a line or
// as the tuple of its values, and no path of this machine.
import {describe, it, expect} from "vitest";
import {execFileSync} from "node:child_process";
import {mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import JSZip from "jszip";
import fc from "fast-check";
import {bestPublishedPoint, binnedByOutcome, coarsenedRoc, onGrid, roundBetween, suppressed} from "../../src/components/study/private.js";
import {confusionAt, rocCurve} from "../../src/components/stats/roc.js";
import {nearestAllowed, resolveEntry} from "../../src/components/number-input.js";
import {formatCohortCsv, type CohortRow} from "../../src/components/cohort/schema.js";
import {patientLeaks} from "../helpers/patient-leaks.js";
import {rocStepProblems} from "../helpers/roc-steps.js";
import {studyData} from "../../src/components/study/study.js";
import {publicationMode} from "../../src/data/lib/cohort.js";
import {REPO_ROOT} from "../../src/data/lib/cohort.js";

describe("binnedByOutcome", () => {
  it("merges adjacent bins until every non-empty cell holds the minimum, on round edges", () => {
    // 10 values 1..10 (events: 1, 2; the rest non-events); with minCell 3 the events' cells must merge
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    // 3 events (1, 2, 3) and 7 non-events, minimum 3: every non-empty cell ends with at least 3
    const d = binnedByOutcome(values, [1, 1, 1, 0, 0, 0, 0, 0, 0, 0], {minCell: 3, target: 10});
    expect(d.bins.reduce((s, b) => s + b.events + b.nonEvents, 0)).toBe(10);
    for (const b of d.bins) {
      expect(b.events === 0 || b.events >= 3).toBe(true);
      expect(b.nonEvents === 0 || b.nonEvents >= 3).toBe(true);
      expect(Number.isInteger(b.lower) && Number.isInteger(b.upper)).toBe(true);
    }
    expect(suppressed(d)).toBe(false);
    expect(d.bins[0]).toMatchObject({events: 3});
    // only 2 events in all: no cell can hold 3 of them, so the distribution is suppressed (one bin, flagged)
    const few = binnedByOutcome(values, [1, 1, 0, 0, 0, 0, 0, 0, 0, 0], {minCell: 3, target: 10});
    expect(few.bins).toHaveLength(1);
    expect(suppressed(few)).toBe(true);
  });
  it("reads a curve on a round grid, never at its own points", () => {
    const g = onGrid([0.012, 0.03, 0.5], [0.01, 0.04, 0.4], 0.01);
    expect(g.x[0]).toBe(0.02);
    expect(g.y[0]).toBeCloseTo(0.01 + ((0.02 - 0.012) / (0.03 - 0.012)) * 0.03, 12);
    expect(g.x.at(-1)).toBe(0.5);
  });
});

describe("coarsenedRoc", () => {
  // 12 patients, values 1.1, 2.2, …, 13.2 with the 11th left out; cases (y = 1) at 4.4, 7.7, 8.8, 11, 12.1:
  //   value  1.1 2.2 | 3.3 4.4 5.5 6.6 7.7 | 8.8 9.9 11 12.1 13.2
  //   y       0   0  |  0   1   0   0   1  |  1   0   1   1    0
  // minimum 2, walking up (direction "<": positive iff value ≥ threshold): {1.1, 2.2} closes with 0 cases and 2
  // controls; from 3.3 the group is not allowed (1 control, then 1 case) until 7.7 brings the second case (2 cases,
  // 3 controls); the rest closes at 13.2 with 3 cases and 2 controls. Thresholds: the roundest numbers strictly
  // between 2.2 and 3.3 (3) and between 7.7 and 8.8 (8). Cases 5, controls 7: tp 5, 5, 3, 0; tn 0, 2, 5, 7.
  const values = [1.1, 2.2, 3.3, 4.4, 5.5, 6.6, 7.7, 8.8, 9.9, 11, 12.1, 13.2];
  const y = [0, 0, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0];
  it("groups consecutive values so that each step moves 0 or ≥ minCell of each group, at round thresholds (by hand)", () => {
    const c = coarsenedRoc(values, y, {direction: "<", minCell: 2});
    expect(c.thresholds).toEqual([-Infinity, 3, 8, Infinity]);
    expect(c.sensitivities).toEqual([1, 1, 3 / 5, 0]);
    expect(c.specificities).toEqual([0, 2 / 7, 5 / 7, 1]);
    // the same curve walked the other way for a marker whose low values point to the event
    const mirrored = coarsenedRoc(values.map((v) => -v), y, {direction: ">", minCell: 2});
    expect(mirrored.thresholds).toEqual([Infinity, -3, -8, -Infinity]);
    expect(mirrored.sensitivities).toEqual(c.sensitivities);
    // J = 0, 2/7, 3/5 + 5/7 − 1 = 11/35, 0: the best published threshold is 8
    expect(bestPublishedPoint(c)).toMatchObject({threshold: 8, sensitivity: 3 / 5, specificity: 5 / 7, ties: [8]});
    expect(bestPublishedPoint(c).youdenJ).toBeCloseTo(11 / 35, 14);
  });
  it("merges a short last group back, and gives the two ends only when a group is smaller than the minimum", () => {
    // with minimum 3: {1.1 … 3.3} (0 cases, 3 controls), then 4.4 … 8.8 reach 3 cases and 2 controls — not allowed —
    // and 9.9 makes 3 and 3; the tail (11, 12.1, 13.2: 2 cases, 1 control) falls short and joins it: 5 and 4
    const c = coarsenedRoc(values, y, {direction: "<", minCell: 3});
    expect(c.thresholds).toEqual([-Infinity, 4, Infinity]);
    expect(c.sensitivities).toEqual([1, 1, 0]);
    expect(c.specificities).toEqual([0, 3 / 7, 1]);
    expect(coarsenedRoc(values, y, {direction: "<", minCell: 6}).thresholds).toEqual([-Infinity, Infinity]);
  });
  it("with a minimum of 1 keeps every point of the full curve", () => {
    const full = rocCurve(values, y, {direction: "<"});
    const c = coarsenedRoc(values, y, {direction: "<", minCell: 1});
    expect(c.sensitivities).toEqual(Array.from(full.sensitivities));
    expect(c.specificities).toEqual(Array.from(full.specificities));
  });
  it("the check of a published curve flags the full curve's single-patient steps and a patient's value as threshold", () => {
    const full = rocCurve(values, y, {direction: "<"});
    const curve = {marker: "x", thresholds: [-Infinity, 2.2, ...Array.from(full.thresholds).slice(2)], sensitivities: Array.from(full.sensitivities), specificities: Array.from(full.specificities)};
    const problems = rocStepProblems(curve, {nCases: 5, nControls: 7, minCell: 2, values});
    expect(problems).toContain("x: step 1 moves 0 cases and 1 controls");
    expect(problems).toContain("x: threshold 2.2 is a patient's value");
    expect(rocStepProblems({marker: "x", ...coarsenedRoc(values, y, {direction: "<", minCell: 2})}, {nCases: 5, nControls: 7, minCell: 2, values})).toEqual([]);
  });
  it("picks the roundest number strictly inside an interval", () => {
    expect(roundBetween(87, 88)).toBe(87.5);
    expect(roundBetween(0.1234, 0.2871)).toBe(0.2);
    expect(roundBetween(-3.3, -2.2)).toBe(-3);
    expect(roundBetween(-0.4, 2)).toBe(0);
    expect(roundBetween(59, 61)).toBe(60);
    expect(roundBetween(0.0312, 0.0313)).toBe(0.03125);
  });
  it("every published step moves 0 or ≥ minCell cases and controls, from (1, 1) to (0, 0), at thresholds no patient has (property)", () => {
    const cohort = fc.array(fc.record({value: fc.integer({min: 0, max: 30}).map((v) => v / 4), y: fc.integer({min: 0, max: 1})}), {minLength: 2, maxLength: 80})
      .filter((rows) => rows.some((r) => r.y === 1) && rows.some((r) => r.y === 0));
    fc.assert(
      fc.property(cohort, fc.integer({min: 1, max: 8}), fc.constantFrom("<" as const, ">" as const), (rows, minCell, direction) => {
        const v = rows.map((r) => r.value);
        const yy = rows.map((r) => r.y);
        const n1 = yy.filter((t) => t === 1).length;
        const n0 = yy.length - n1;
        const c = coarsenedRoc(v, yy, {direction, minCell});
        const k = c.thresholds.length;
        expect([c.sensitivities[0], c.specificities[0], c.sensitivities[k - 1], c.specificities[k - 1]]).toEqual([1, 0, 0, 1]);
        expect(c.thresholds[0]).toBe(direction === "<" ? -Infinity : Infinity);
        if (n1 < minCell || n0 < minCell) expect(k).toBe(2);
        for (let i = 1; i < k; i++) {
          const cases = Math.round((c.sensitivities[i - 1]! - c.sensitivities[i]!) * n1);
          const controls = Math.round((c.specificities[i]! - c.specificities[i - 1]!) * n0);
          if (n1 >= minCell && n0 >= minCell) {
            expect(cases === 0 || cases >= minCell, `step ${i}: ${cases} cases`).toBe(true);
            expect(controls === 0 || controls >= minCell, `step ${i}: ${controls} controls`).toBe(true);
          }
          expect(cases + controls).toBeGreaterThan(0);
          if (i < k - 1) {
            const t = c.thresholds[i]!;
            expect(v.includes(t), `threshold ${t} is a patient's value`).toBe(false);
            expect(direction === "<" ? t > c.thresholds[i - 1]! : t < c.thresholds[i - 1]!).toBe(true);
            // the published point is the table the values give at that threshold
            const cm = confusionAt(v, yy, t, direction);
            expect([cm.tp, cm.tn]).toEqual([Math.round(c.sensitivities[i]! * n1), Math.round(c.specificities[i]! * n0)]);
          }
        }
      }),
      {seed: 20261202, numRuns: 300}
    );
  });
});

describe("the ROC explorer's box in a private build (numberInput's allowed values)", () => {
  const rules = {min: 0, max: 1, allowed: [0.1, 0.2, 0.5], allowedLabel: "the published thresholds"};
  it("moves any other entry to the nearest published threshold and says so; a published one is used as typed", () => {
    expect(resolveEntry({kind: "number", value: 0.31}, 0.2, rules)).toEqual({value: 0.2, state: "adjusted", message: "0.31 is not one of the published thresholds: the nearest, 0.2, is used."});
    expect(resolveEntry({kind: "number", value: 0.5}, 0.2, rules)).toEqual({value: 0.5, state: "ok", message: ""});
    // clamped first, then moved: 1.5 → 1 → 0.5
    expect(resolveEntry({kind: "number", value: 1.5}, 0.2, rules).value).toBe(0.5);
    expect([nearestAllowed(rules.allowed, 0.15), nearestAllowed(rules.allowed, -3), nearestAllowed(rules.allowed, 0.36)]).toEqual([0.1, 0.1, 0.5]);
  });
});

describe("publicationMode", () => {
  it("real data are private unless the author opts in; the reconstruction is open", () => {
    expect(publicationMode("real", {}).mode).toBe("private");
    expect(publicationMode("real", {PKP_PUBLISH_ROWS: "1"}).mode).toBe("open");
    expect(publicationMode("synthetic", {}).mode).toBe("open");
    expect(publicationMode("real", {PKP_MIN_CELL: "10"}).minCell).toBe(10);
    expect(() => publicationMode("real", {PKP_MIN_CELL: "0"})).toThrow(/PKP_MIN_CELL=0/);
    expect(() => publicationMode("real", {PKP_PUBLISH_ROWS: "yes"})).toThrow(/PKP_PUBLISH_ROWS=yes/);
  });
});

describe("the study loader with a real-like cohort (private mode)", () => {
  it("the scanner finds a planted leak of each kind (so a clean scan means something)", () => {
    const rows = (JSON.parse(readFileSync(join(REPO_ROOT, "test/fixtures/study.json"), "utf8")).rows as CohortRow[]).slice(0, 3);
    const line = formatCohortCsv(rows).split("\n")[1]!;
    const values = line.split(",").slice(1);
    expect(patientLeaks([{name: "a.csv", text: `x\n${line}\n`}], rows, "/nowhere")).toContain(`a.csv holds patient ${rows[0]!.id}'s line`);
    expect(patientLeaks([{name: "b.txt", text: values.join("\t")}], rows, "/nowhere").length).toBeGreaterThan(0);
    expect(patientLeaks([{name: "c.txt", text: "see /tmp/x/cohort.csv"}], rows, "/nowhere")).toHaveLength(1);
    expect(patientLeaks([{name: "d.txt", text: "no patient here"}], rows, "/nowhere")).toEqual([]);
  });
  it("writes no row of it, as a line or as the tuple of its values, and no path of this machine", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pkp-private-"));
    const file = join(dir, "private-cohort.csv");
    const rows = JSON.parse(readFileSync(join(REPO_ROOT, "test/fixtures/study.json"), "utf8")).rows as CohortRow[];
    const csv = formatCohortCsv(rows);
    writeFileSync(file, csv);
    const zip = execFileSync(join(REPO_ROOT, "node_modules/.bin/tsx"), [join(REPO_ROOT, "src/data/study.zip.ts")], {env: {...process.env, PKP_COHORT_CSV: file}});
    const archive = await JSZip.loadAsync(zip);
    const texts = await Promise.all(Object.values(archive.files).filter((f) => !f.dir).map(async (f) => [f.name, await f.async("string")] as const));
    const doc = JSON.parse(texts.find(([name]) => name === "analysis.json")![1]);
    expect(doc.mode).toBe("private");
    expect(doc.models.equation.predictions).toEqual([]);
    expect(texts.find(([name]) => name === "cohort.csv")![1].trim()).toBe(csv.split("\n")[0]);
    expect(patientLeaks(texts.map(([name, text]) => ({name, text})), rows, dir)).toEqual([]);
    // every ROC curve coarsened to the minimum; the AUCs the exact ones from every patient; the Youden point one of
    // the published points, and the exact cut-off of the bootstrap check not published
    const data = studyData(rows);
    const minCell = doc.aggregates.minCell;
    expect(minCell).toBe(5);
    for (const curve of doc.curves) {
      const roc = doc.analysis.roc.find((r: {marker: string}) => r.marker === curve.marker);
      const values = curve.marker === "model" ? undefined : data.variables.get(curve.marker)!.values!;
      expect(rocStepProblems(curve, {nCases: roc.nCases, nControls: roc.nControls, minCell, ...(values ? {values} : {})})).toEqual([]);
      if (values) expect(roc.auc).toBe(rocCurve(values, data.y, {direction: roc.direction}).auc);
      const at = curve.thresholds.indexOf(roc.threshold);
      // (a marker with J = 0 everywhere, as pROC, has its best at the first end, whose threshold is ±∞: null in JSON)
      expect(at, `${curve.marker}'s Youden threshold ${roc.threshold}`).toBeGreaterThanOrEqual(roc.youdenJ > 0 ? 1 : 0);
      expect([curve.sensitivities[at], curve.specificities[at]]).toEqual([roc.sensitivity, roc.specificity]);
    }
    expect(doc.curves.find((c: {marker: string}) => c.marker === "age").thresholds.length).toBeLessThan(new Set(data.variables.get("age")!.values!).size);
    for (const c of doc.analysis.checks.cutpoints) expect(c.threshold).toBeNull();
  }, 120_000);
});
