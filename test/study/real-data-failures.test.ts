// A real file the schema accepts can still be one the study's analysis cannot use: each such case ends in a message
// naming the column (or a warning saying what happened), never an engine error without a name or a crash. Cases
// built by hand from the simulated cohort of test/fixtures/study.R.
import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import type {CohortRow} from "../../src/components/cohort/schema.js";
import type {CohortSource} from "../../src/components/cohort/source.js";
import {studyDocument} from "../../src/components/study/document.js";
import {errorOf} from "../helpers/errors.js";

const base = JSON.parse(readFileSync(new URL("../fixtures/study.json", import.meta.url), "utf8")).rows as CohortRow[];
const source: CohortSource = {kind: "real", path: "real.csv", reason: "real data", rows: 0, events: 0, nonEvents: 0, seed: null, warnings: []};
const run = (rows: CohortRow[]) => studyDocument(rows, {source, replicates: 20, procedureReplicates: 20});

describe("a real cohort the study's analysis cannot use, or can only partly", () => {
  it("a yes/no column that never varies, or a column with no values, is named", () => {
    expect(errorOf(() => run(base.map((r) => ({...r, cement_leakage: 0})))).message).toMatch(/^The predictor "cement_leakage" \(every analysed row is 0\) is constant/);
    expect(errorOf(() => run(base.map((r) => ({...r, cement_ml: NaN})))).message).toMatch(/^The predictor "cement_ml" has no values/);
    expect(errorOf(() => run(base.slice(0, 3).map((r, i) => ({...r, asd: i === 0 ? 1 : 0})))).where.column).toBeDefined();
  });
  it("one event, twelve patients, or a factor identical to the outcome: the analysis runs and says what it found", () => {
    const one = run(base.map((r, i) => ({...r, asd: i === 0 ? 1 : 0})));
    expect(one.analysis.warnings.some((w) => /intercept-only model/.test(w))).toBe(true);
    const twelve = run(base.slice(0, 12));
    expect(twelve.analysis.n).toBe(12);
    const same = run(base.map((r) => ({...r, smoking: r.asd})));
    expect(same.analysis.warnings.some((w) => /shows separation/.test(w) && /"smoking"/.test(w))).toBe(true);
  });
});
