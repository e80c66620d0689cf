// Private mode (src/components/study/private.ts, src/data/study.zip.ts): aggregates with every cell ≥ the minimum,
// counted by hand; and the loader's archive, built from a real-like cohort, holds no patient's row, as a line or
// as the tuple of its values, and no path of this machine.
import {describe, it, expect} from "vitest";
import {execFileSync} from "node:child_process";
import {mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import JSZip from "jszip";
import {binnedByOutcome, onGrid, suppressed} from "../../src/components/study/private.js";
import {formatCohortCsv, type CohortRow} from "../../src/components/cohort/schema.js";
import {patientLeaks} from "../helpers/patient-leaks.js";
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
  }, 120_000);
});
