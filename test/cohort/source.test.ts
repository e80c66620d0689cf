// Real data in one step: PKP_COHORT_CSV or data/cohort.csv replaces the reconstruction
// (src/components/cohort/source.ts decides, src/data/lib/cohort.ts loads). Hand-made CSVs in a temp dir.
import {describe, it, expect, beforeAll, afterAll} from "vitest";
import {mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import JSZip from "jszip";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {execFileSync} from "node:child_process";
import {chooseCohortSource, siteCohortLabelFor} from "../../src/components/cohort/source.js";
import {loadCohort, REPO_ROOT} from "../../src/data/lib/cohort.js";
import {formatCohortCsv} from "../../src/components/cohort/schema.js";

const HEADER = "asd,age,smoking,prior_asd,bmd_t,cement_ml,cement_leakage,cobb_post_deg,height_recovery_pct";
const VALID = `${HEADER}\n1,74,1,0,-3.1,4.2,0,11.4,12.5\n0,66,0,1,-2.4,3.0,1,9.6,8.1\n0,71,1,0,-2.9,2.8,0,10.0,7.7\n`;

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "pkp-source-"));
});
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe("chooseCohortSource", () => {
  it("prefers PKP_COHORT_CSV, then data/cohort.csv, then the reconstruction", () => {
    expect(chooseCohortSource({envPath: "/x.csv", defaultPathExists: true})).toMatchObject({kind: "real", path: "/x.csv"});
    expect(chooseCohortSource({envPath: undefined, defaultPathExists: true})).toMatchObject({kind: "real", path: "data/cohort.csv"});
    expect(chooseCohortSource({envPath: "  ", defaultPathExists: false})).toMatchObject({kind: "synthetic", path: null});
  });
});

describe("loadCohort with real data", () => {
  it("reads a valid CSV named by PKP_COHORT_CSV and says so", () => {
    const file = join(dir, "valid.csv");
    writeFileSync(file, VALID);
    const {rows, source, reconstruction} = loadCohort({env: {PKP_COHORT_CSV: file}});
    expect(reconstruction).toBeNull();
    // what is published names the file only, never this machine's path to it
    expect(source).toEqual({kind: "real", path: "valid.csv", reason: "real data from PKP_COHORT_CSV (file valid.csv)", rows: 3, events: 1, nonEvents: 2, seed: null, warnings: []});
    expect(rows.map((r) => r.age)).toEqual([74, 66, 71]);
  });

  it("reads data/cohort.csv under the repository root when no variable is set", () => {
    const root = join(dir, "repo");
    mkdirSync(join(root, "data"), {recursive: true});
    writeFileSync(join(root, "data/cohort.csv"), VALID);
    const {source} = loadCohort({env: {}, root});
    expect(source.kind).toBe("real");
    expect(source.path).toBe("cohort.csv");
    expect(source.reason).toBe("real data from data/cohort.csv");
  });

  it("fails with the file, column and row of an invalid cell", () => {
    const file = join(dir, "bad.csv");
    writeFileSync(file, `${HEADER}\n1,74,1,0,-3.1,4.2,0,11.4,12.5\n0,sixty,0,1,-2.4,3.0,1,9.6,8.1\n`);
    expect(() => loadCohort({env: {PKP_COHORT_CSV: file}})).toThrow(`${file} — bad.csv: column "age", data row 2 (spreadsheet row 3): "sixty" is not a number; expected Age in years, usually 50 to 95 (e.g. 73)`);
  });

  it("fails with the missing column named", () => {
    const file = join(dir, "nocol.csv");
    writeFileSync(file, "asd,age\n1,70\n0,60\n");
    expect(() => loadCohort({env: {PKP_COHORT_CSV: file}})).toThrow(
      `${file} — nocol.csv: missing columns "smoking", "prior_asd", "bmd_t", "cement_ml", "cement_leakage", "cobb_post_deg", "height_recovery_pct"`
    );
  });

  it("fails, rather than falling back to the reconstruction, when PKP_COHORT_CSV names a missing file", () => {
    const file = join(dir, "nothere.csv");
    expect(() => loadCohort({env: {PKP_COHORT_CSV: file}})).toThrow(`PKP_COHORT_CSV=${file}: no file at ${file}; set it to the path of your cohort CSV, or unset it to use the reconstruction`);
  });

  it("the study's loader computes from the real data when PKP_COHORT_CSV is set", async () => {
    const file = join(dir, "real-like.csv");
    // a simulated cohort in the study's schema (test/fixtures/study.R), 120 patients
    writeFileSync(file, formatCohortCsv(JSON.parse(readFileSync(join(REPO_ROOT, "test/fixtures/study.json"), "utf8")).rows));
    const zip = execFileSync(join(REPO_ROOT, "node_modules/.bin/tsx"), [join(REPO_ROOT, "src/data/study.zip.ts")], {env: {...process.env, PKP_COHORT_CSV: file}});
    const archive = await JSZip.loadAsync(zip);
    const doc = JSON.parse(await archive.file("analysis.json")!.async("string"));
    expect(doc.source).toMatchObject({kind: "real", path: "real-like.csv", rows: 120});
    expect(doc.analysis.n).toBe(120);
  }, 60_000);
});

describe("siteCohortLabelFor (every page's header and footer)", () => {
  it("says synthetic, real and private, or real and published, from the same environment as the loader", () => {
    expect(siteCohortLabelFor({}, false)).toMatch(/^Synthetic cohort/);
    expect(siteCohortLabelFor({PKP_COHORT_CSV: "/x/real.csv"}, false)).toMatch(/^Real data, private: no patient's record is published/);
    expect(siteCohortLabelFor({}, true)).toMatch(/^Real data, private/);
    expect(siteCohortLabelFor({PKP_COHORT_CSV: "/x/real.csv", PKP_PUBLISH_ROWS: "1"}, false)).toMatch(/^Real data, published/);
    // an empty variable is unset, as the loader reads it
    expect(siteCohortLabelFor({PKP_COHORT_CSV: " ", PKP_PUBLISH_ROWS: "1"}, false)).toMatch(/^Synthetic cohort/);
    expect(siteCohortLabelFor({PKP_COHORT_CSV: "/x/real.csv", PKP_PUBLISH_ROWS: "0"}, false)).toMatch(/^Real data, private/);
  });
});
