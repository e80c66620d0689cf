// The reconstructed cohort (src/components/cohort/reconstruction.ts) against the abstract's published figures.
// Expected values come from src/data/published.json — the abstract transcribed, independent of the generator —
// and every reconstructed figure is computed by the project's engine (src/components/cohort/fidelity.ts).
import {describe, it, expect, beforeAll} from "vitest";
import {cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {DEFAULT_SEED} from "../../src/components/cohort/reconstruction.js";
import {loadCohort, REPO_ROOT} from "../../src/data/lib/cohort.js";
import {readCommittedReconstruction, RECONSTRUCTION_PATH} from "../../src/data/lib/committed-reconstruction.js";
import {GENERATOR_SOURCES} from "../../src/data/lib/ensemble.js";
import {createHash} from "node:crypto";
import {generateCohort, type Reconstruction} from "../../src/components/cohort/reconstruction.js";
import {formatCohortCsv, parseCohortCsv, COHORT_SCHEMA, CONTINUOUS_COLUMNS} from "../../src/components/cohort/schema.js";
import {fidelityReport, type FidelityReport} from "../../src/components/cohort/fidelity.js";
import {plausibilitySummary} from "../../src/components/cohort/plausibility-summary.js";
import {checkPlausibility, tieCap} from "../../src/components/cohort/reconstruction/plausibility.js";
import type {PublishedSummary} from "../../src/components/stats/abstract-check.js";

const published = JSON.parse(readFileSync(new URL("../../src/data/published.json", import.meta.url), "utf8")) as PublishedSummary;
const sha = (s: string) => createHash("sha256").update(s).digest("hex");
/** R's check of the site's cohort CSV: test/fixtures/reconstruction-check.R wrote it. */
const checkedInR = JSON.parse(readFileSync(new URL("../fixtures/reconstruction-check.json", import.meta.url), "utf8")) as {
  csvMd5: string;
  matched: number;
  figures: {id: string; value: number; published: number; decimals: number; relation: string; matches: boolean}[];
};

let first: Reconstruction;
let csv = "";
let report: FidelityReport;
beforeAll(() => {
  first = generateCohort(published);
  csv = formatCohortCsv(first.rows);
  report = fidelityReport(published, parseCohortCsv(csv).rows);
}, 120_000);

describe("determinism", () => {
  it("writes the same bytes on a second run with the default seed", () => {
    const second = formatCohortCsv(generateCohort(published).rows);
    expect(sha(second)).toBe(sha(csv));
    expect(second).toBe(csv);
  }, 120_000);

  it("is the committed reconstruction a build reads (src/data/reconstruction.json, of the current generator version)", () => {
    const committed = readCommittedReconstruction(REPO_ROOT, DEFAULT_SEED, {quiet: true});
    expect(committed, "src/data/reconstruction.json is missing or stale: run npm run ensemble and commit it").not.toBeNull();
    expect(formatCohortCsv(committed!.rows)).toBe(csv);
    expect(committed!.diagnostics).toEqual(JSON.parse(JSON.stringify(first.diagnostics)));
    // and the build's loader takes it, not a generation of its own (which would carry its seconds)
    const loaded = loadCohort({env: {}});
    expect(formatCohortCsv(loaded.rows)).toBe(csv);
    expect(loaded.reconstruction!.generationSeconds).toBeUndefined();
  });

  it("a committed file of another generator version, another seed or none at all is not read", () => {
    const root = mkdtempSync(join(tmpdir(), "pkp-reconstruction-"));
    for (const path of GENERATOR_SOURCES) {
      mkdirSync(dirname(join(root, path)), {recursive: true});
      cpSync(join(REPO_ROOT, path), join(root, path));
    }
    expect(readCommittedReconstruction(root, DEFAULT_SEED, {quiet: true})).toBeNull();
    const file = JSON.parse(readFileSync(join(REPO_ROOT, RECONSTRUCTION_PATH), "utf8"));
    mkdirSync(dirname(join(root, RECONSTRUCTION_PATH)), {recursive: true});
    writeFileSync(join(root, RECONSTRUCTION_PATH), JSON.stringify(file));
    expect(readCommittedReconstruction(root, DEFAULT_SEED, {quiet: true})!.rows).toHaveLength(162);
    expect(readCommittedReconstruction(root, DEFAULT_SEED + 1, {quiet: true})).toBeNull();
    writeFileSync(join(root, RECONSTRUCTION_PATH), JSON.stringify({...file, generatorVersion: "0000000000000000"}));
    expect(readCommittedReconstruction(root, DEFAULT_SEED, {quiet: true})).toBeNull();
    rmSync(root, {recursive: true, force: true});
  });

  it("meets every optimiser target in the first annealing run with the default seed (as reconstruction.ts says)", () => {
    expect(first.diagnostics.converged).toBe(true);
    expect(first.diagnostics.dependenceRuns).toBe(1);
    expect(first.diagnostics.dependence.objective).toBe(0);
  });

  it("restarts the dependence annealing when a run ends short of a target, at most `restarts` times", () => {
    // 2,000 moves cannot reach the model figures, so every allowed run is used and the result says it missed
    const small = {marginalIterations: 20_000, dependenceIterations: 2_000};
    const r = generateCohort(published, {seed: 5, ...small, restarts: 2});
    expect(r.diagnostics.dependenceRuns).toBe(3);
    expect(r.diagnostics.dependence.objective).toBeGreaterThan(0);
    expect(r.diagnostics.converged).toBe(false);
    expect(generateCohort(published, {seed: 5, ...small, restarts: 0}).diagnostics.dependenceRuns).toBe(1);
  }, 60_000);

  it("is a function of the seed: same seed same cohort, another seed another cohort (small budgets)", () => {
    const small = {marginalIterations: 20_000, dependenceIterations: 2_000};
    const a = formatCohortCsv(generateCohort(published, {seed: 5, ...small}).rows);
    const b = formatCohortCsv(generateCohort(published, {seed: 5, ...small}).rows);
    const c = formatCohortCsv(generateCohort(published, {seed: 6, ...small}).rows);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  }, 60_000);
});

describe("schema and plausibility", () => {
  it("has the published group sizes and parses back to the same rows", () => {
    const parsed = parseCohortCsv(csv);
    expect(parsed.rows).toEqual(first.rows);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.rows.length).toBe(published.groups.asd.n + published.groups.nonAsd.n);
    expect(parsed.rows.map((r) => r.id)).toEqual(parsed.rows.map((_, i) => i + 1));
  });

  it("keeps every value on its grid and inside the issue's plausible ranges", () => {
    for (const spec of COHORT_SCHEMA) {
      if (spec.kind === "id") continue;
      for (const row of first.rows) {
        const v = row[spec.name];
        expect(v).toBeGreaterThanOrEqual(spec.plausible[0]);
        expect(v).toBeLessThanOrEqual(spec.plausible[1]);
        const k = v * Math.pow(10, spec.decimals);
        expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-9);
      }
    }
  });

  it("has no pile-ups, at most one patient at a range limit and no odd gaps, per group and variable", () => {
    const rows = plausibilitySummary(first.rows);
    expect(rows).toHaveLength(2 * CONTINUOUS_COLUMNS.length);
    for (const r of rows) {
      // the plausibility rule: no value shared by more than max(4, 10% of the group) patients
      expect(r.largestTie, `${r.column} ${r.group}`).toBeLessThanOrEqual(Math.max(4, Math.floor(0.1 * r.n)));
      expect(r.atLimits, `${r.column} ${r.group}`).toBeLessThanOrEqual(1);
      expect(r.gaps, `${r.column} ${r.group}`).toEqual([]);
      expect(r.ok).toBe(true);
    }
  });

  it("the plausibility rules catch pile-ups, limits and gaps (hand-made groups)", () => {
    expect(tieCap(25)).toBe(4);
    expect(tieCap(137)).toBe(13);
    const piled = checkPlausibility([70, 70, 70, 70, 70, 71, 72], {step: 1, min: 50, max: 95});
    expect(piled.ties).toEqual([{value: 70, count: 5}]);
    expect(checkPlausibility([50, 95, 70, 71, 72], {step: 1, min: 50, max: 95}).atLimits).toBe(2);
    const gap = checkPlausibility([60, 61, 62, 63, 80], {step: 1, min: 50, max: 95, sd: 2});
    expect(gap.gaps).toEqual([{from: 63, to: 80}]);
    expect(checkPlausibility([60.05], {step: 0.1, min: 0, max: 100}).offGrid).toEqual([60.05]);
  });
});

describe("the abstract's own p-values follow from its summary figures (Student's t, Pearson's chi-square)", () => {
  // R 4.2.2: sp <- sqrt((24*6.6^2 + 136*7.9^2)/160); 2*pt(-5.1/(sp*sqrt(1/25+1/137)), 160)
  // chisq.test(matrix(c(17,62,8,75),2), correct=FALSE)$p.value etc.
  const fromR: Record<string, number> = {age: 0.002782257, smoking: 0.0364168, previousAsd: 0.03485976, cementLeakage: 0.008049664};
  it("reproduces every printed univariate p-value", () => {
    expect(report.summaryCheck.every((c) => c.matches)).toBe(true);
    for (const [name, p] of Object.entries(fromR)) {
      const c = report.summaryCheck.find((x) => x.variable === name)!;
      expect(c.fromPublishedSummary).toBeCloseTo(p, 8);
    }
  });
});

// The targets, enumerated from published.json: every figure the abstract prints.
const targetIds: {id: string; value: number}[] = [
  {id: "n:asd", value: published.groups.asd.n},
  {id: "n:nonAsd", value: published.groups.nonAsd.n},
  ...published.continuous.flatMap((c) => [
    {id: `mean:${c.name}:asd`, value: c.asd.mean},
    {id: `sd:${c.name}:asd`, value: c.asd.sd},
    {id: `mean:${c.name}:nonAsd`, value: c.nonAsd.mean},
    {id: `sd:${c.name}:nonAsd`, value: c.nonAsd.sd},
    ...(c.p ? [{id: `p:univariate:${c.name}`, value: c.p.value}] : [])
  ]),
  ...published.binary.flatMap((b) => [
    {id: `count:${b.name}:asd:yes`, value: b.asd.yes},
    {id: `count:${b.name}:asd:no`, value: b.asd.no},
    {id: `count:${b.name}:nonAsd:yes`, value: b.nonAsd.yes},
    {id: `count:${b.name}:nonAsd:no`, value: b.nonAsd.no},
    ...(b.p ? [{id: `p:univariate:${b.name}`, value: b.p.value}] : [])
  ]),
  ...published.multivariable.flatMap((m) => [
    {id: `or:${m.name}`, value: m.or},
    {id: `p:multivariable:${m.name}`, value: m.p.value}
  ]),
  ...published.auc.map((a) => ({id: `auc:${a.marker}`, value: a.value}))
];

// The model figures the shipped reconstruction does not reach (see reconstruction.json "unmet" and the
// report): the largest distance allowed, in units of the last printed digit — a regression bound, not a target.
// Everything else must print exactly as published.
const KNOWN_MISSES: Record<string, number> = {};

const isModelFigure = (id: string) => id.startsWith("or:") || id.startsWith("p:multivariable:") || id === "auc:model";

describe("fidelity: every published figure, recomputed by the engine, prints as published", () => {
  it.each(targetIds.filter((t) => !isModelFigure(t.id)))("$id = $value", ({id, value}) => {
    const row = report.rows.find((r) => r.id === id);
    expect(row, `no fidelity row ${id}`).toBeDefined();
    expect(row!.publishedValue).toBe(value);
    expect(row!.matches, `${id}: published ${row!.published}, reconstructed ${row!.reconstructed}`).toBe(true);
    if (row!.relation === "=") expect(Math.abs(row!.reconstructed - value)).toBeLessThanOrEqual(0.5 * Math.pow(10, -row!.decimals) * (1 + 1e-9));
    else expect(row!.reconstructed).toBeLessThan(value);
  });

  it.each(targetIds.filter((t) => isModelFigure(t.id)))("model figure $id = $value (or within its documented miss)", ({id, value}) => {
    const row = report.rows.find((r) => r.id === id)!;
    expect(row.publishedValue).toBe(value);
    if (KNOWN_MISSES[id] === undefined) expect(row.matches, `${id}: published ${row.published}, reconstructed ${row.reconstructed}`).toBe(true);
    else expect(row.distance).toBeLessThanOrEqual(KNOWN_MISSES[id]);
  });

  it.each(["smoking", "prior_asd", "cement_leakage", "cobb_post_deg"])("%s is not significant in the multivariable model (P > 0.05)", (column) => {
    const row = report.rows.find((r) => r.id === `p:multivariable:${column}`)!;
    if (KNOWN_MISSES[row.id] === undefined) expect(row.reconstructed).toBeGreaterThan(0.05);
  });

  it("the report covers every target; the misses are exactly the documented ones", () => {
    expect(report.summary.total).toBe(report.rows.length);
    expect(report.rows.length).toBe(targetIds.length + 1 /* pct */ + 4 /* n.s. terms */);
    expect(report.summary.missedIds.sort()).toEqual(Object.keys(KNOWN_MISSES).sort());
  });

  it("the optimiser's fast evaluators agree with the engine (ORs to 1e-6, equation AUC exactly)", () => {
    const v = first.diagnostics.dependence.values;
    const pairs: [string, string][] = [["or:age", "or:age"], ["or:bmd_t", "or:bmd"], ["or:cement_ml", "or:cementVolume"], ["or:height_recovery_pct", "or:heightRecovery"]];
    for (const [fast, engine] of pairs) {
      const row = report.rows.find((r) => r.id === engine)!;
      expect(Math.abs(v[fast] / row.reconstructed - 1)).toBeLessThan(1e-6);
    }
    expect(v["auc:equation"]).toBeCloseTo(report.rows.find((r) => r.id === "auc:model")!.reconstructed, 12);
  });
});

describe("R agrees: every figure, recomputed in R on the default cohort (test/fixtures/reconstruction-check.R)", () => {
  it("the stored R check is of this cohort (same CSV bytes)", () => {
    // a generator change that moves the default cohort must re-run the R check on the new CSV (see the script's header)
    expect(createHash("md5").update(csv).digest("hex"), "re-run Rscript test/fixtures/reconstruction-check.R on the built cohort CSV").toBe(checkedInR.csvMd5);
  });

  it("R finds every published figure printed as published", () => {
    expect(checkedInR.figures.every((f) => f.matches)).toBe(true);
    expect(checkedInR.matched).toBe(report.rows.length);
  });

  it("R's glm, t.test, chisq.test and pROC give the engine's values (to 1e-9 relative)", () => {
    expect(checkedInR.figures.map((f) => f.id).sort()).toEqual(report.rows.map((r) => r.id).sort());
    for (const f of checkedInR.figures) {
      const row = report.rows.find((r) => r.id === f.id)!;
      expect(Math.abs(row.reconstructed - f.value), `${f.id}: engine ${row.reconstructed}, R ${f.value}`).toBeLessThanOrEqual(1e-9 * Math.abs(f.value));
      expect(row.matches).toBe(f.matches);
    }
  });
});
