/**
 * The pure parts of `npm run pdf` (scripts/pdf.ts): the layout width a page is printed at, and the provenance lines
 * of the first page, read from a built site's cohort-source JSON. The printing itself is checked in e2e/print.test.ts.
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {MARGIN_MM, SCALE, layoutWidthPx, provenanceLines, readProvenance} from "../../scripts/pdf.js";

describe("layoutWidthPx", () => {
  it("is the paper's width between the margins in CSS pixels (96 per inch), divided by the print scale", () => {
    expect(MARGIN_MM.left + MARGIN_MM.right).toBe(28);
    expect(SCALE).toBe(0.8);
    // A4: (210 − 28) mm × 96 / 25.4 px/mm = 687.87 px, / 0.8 = 859.84 → 859.
    expect(layoutWidthPx("a4")).toBe(859);
    // Letter: (215.9 − 28) mm × 96 / 25.4 = 710.17 px, / 0.8 = 887.72 → 887.
    expect(layoutWidthPx("letter")).toBe(887);
  });
});

describe("provenance", () => {
  it("lists the known fields first, in order, then the others; a path only by its file name", () => {
    const lines = provenanceLines({
      seed: null,
      warnings: ["3 duplicated rows"],
      rows: 150,
      kind: "real",
      path: "/home/author/private/real-cohort.csv",
      copiedFrom: "/home/author/private",
      reason: "PKP_COHORT_CSV",
      events: 20,
      nonEvents: 130,
      mode: "private"
    });
    expect(lines).toEqual([
      ["Cohort", "real"],
      ["Source", "PKP_COHORT_CSV"],
      ["File", "real-cohort.csv"],
      ["Patients", "150"],
      ["With ASD (events)", "20"],
      ["Without ASD", "130"],
      ["warnings", "3 duplicated rows"],
      ["mode", "private"]
    ]);
  });

  it("reads the one cohort-source.<hash>.json of a built site, and refuses none or two", () => {
    const root = mkdtempSync(join(tmpdir(), "pdf-test-"));
    try {
      expect(() => readProvenance(root)).toThrow(/holds 0 cohort-source\.<hash>\.json files, not 1: rebuild the site/);
      mkdirSync(join(root, "_file", "data", "study"), {recursive: true});
      writeFileSync(join(root, "_file", "data", "study", "cohort-source.0123abcd.json"), '{"kind": "synthetic", "rows": 162}');
      expect(readProvenance(root)).toEqual({file: join("_file", "data", "study", "cohort-source.0123abcd.json"), source: {kind: "synthetic", rows: 162}});
      writeFileSync(join(root, "_file", "data", "study", "cohort-source.99999999.json"), "{}");
      expect(() => readProvenance(root)).toThrow(/holds 2 cohort-source/);
    } finally {
      rmSync(root, {recursive: true, force: true});
    }
  });
});
