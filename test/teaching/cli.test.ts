// Pinned: a study redrawn on the teaching page equals the `analyze` CLI's analysis of the same study written as CSV
// by `draw-study` — both run as a user runs them (node --import tsx, separate processes). The page's numbers
// (redrawStudy in this process) and the CLI's JSON must agree to the last bit: same data, same engine.
import {mkdtempSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, it, expect, beforeAll} from "vitest";
import {runScript, type ScriptRun} from "../helpers/run-script.js";
import {populationFromCsv, drawStudy, drawnStudyCsv} from "../../src/components/teaching/population.js";
import {redrawStudy, type RedrawnStudy} from "../../src/components/teaching/redraw.js";
import {STUDY_CANDIDATES} from "../../src/components/study/study.js";

const dir = mkdtempSync(join(tmpdir(), "draw-study-"));
const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");
const published = JSON.parse(readFileSync(new URL("../../src/data/published.json", import.meta.url), "utf8"));
const pop = populationFromCsv(fixture("teaching-cohort.csv"), published);
const COHORT = "test/fixtures/teaching-cohort.csv";

interface CliDocument {
  n: number;
  events: number;
  predictors: string[];
  model: {terms: {term: string; estimate: number; p: number}[]};
  roc: {marker: string; auc: number}[];
  steps: {screen: {kept: string[]} | null; selection: {kept: string[]} | null};
}

describe.each([
  {seed: 2, study: 12, n: 162},
  {seed: 5, study: 38, n: 162},
  {seed: 31, study: 4, n: 400}
])("seed $seed, study $study, n = $n", ({seed, study, n}) => {
  const file = join(dir, `study-${seed}-${study}-${n}.csv`);
  let drawn: ScriptRun;
  let paperCli: CliDocument;
  let fullCli: CliDocument;
  let page: RedrawnStudy;
  beforeAll(async () => {
    drawn = await runScript("bin/draw-study.ts", ["--cohort", COHORT, "--seed", String(seed), "--study", String(study), "--n", String(n), "--out", file]);
    const common = ["--data", file, "--outcome", "asd", "--predictors", STUDY_CANDIDATES.join(",")];
    const [paper, full] = await Promise.all([runScript("bin/analyze.ts", [...common, "--screen-p", "0.05", "--select-p", "0.05"]), runScript("bin/analyze.ts", common)]);
    expect(paper.stderr).toBe("");
    expect(full.stderr).toBe("");
    paperCli = JSON.parse(paper.stdout);
    fullCli = JSON.parse(full.stdout);
    page = redrawStudy(pop, {n, seed, index: study - 1});
  });

  it("draw-study writes the page's study, patient for patient", () => {
    expect(drawn.status).toBe(0);
    expect(drawn.stderr).toMatch(new RegExp(`study ${study} of seed ${seed}: ${n} patients, ${page.draw.events} with ASD`));
    expect(readFileSync(file, "utf8")).toBe(drawnStudyCsv(pop, drawStudy(pop, {n, seed, index: study - 1})));
    if (n === 162 && seed === 5) expect(readFileSync(file, "utf8")).toBe(fixture("teaching-study-5-37.csv"));
  });

  it("the paper's procedure: the CLI keeps the page's factors, with the page's coefficients, p-values and apparent AUC to the last bit", () => {
    const p = page.outcomes.paper!;
    expect([paperCli.n, paperCli.events]).toEqual([n, page.draw.events]);
    expect(paperCli.steps.screen!.kept).toEqual(p.screened);
    expect(paperCli.predictors).toEqual(p.predictors);
    expect(paperCli.model.terms.map((t) => t.term)).toEqual(p.terms.map((t) => t.term));
    paperCli.model.terms.forEach((t, j) => expect(t.estimate).toBe(p.terms[j]!.estimate));
    for (const f of p.factors.filter((x) => x.inModel)) expect(paperCli.model.terms.find((t) => t.term === f.variable)!.p).toBe(f.p);
    expect(paperCli.roc.find((r) => r.marker === "model")!.auc).toBe(p.apparentAuc);
  });

  it("the pre-specified model: the CLI's fit of all eight is the page's, and its significant factors are the page's", () => {
    const f = page.outcomes.full!;
    fullCli.model.terms.forEach((t, j) => expect(t.estimate).toBe(f.terms[j]!.estimate));
    expect(fullCli.model.terms.filter((t, j) => j > 0 && t.p < 0.05).map((t) => t.term)).toEqual(f.reported);
    expect(fullCli.roc.find((r) => r.marker === "model")!.auc).toBe(f.apparentAuc);
  });
});

describe("draw-study: bad usage", () => {
  it("refuses --n with --events, a study size out of range, and unknown flags, with exit status 2 and nothing on stdout", async () => {
    for (const [args, message] of [
      [["--n", "162", "--events", "25"], /--n or --events, not both/],
      [["--n", "10"], /--n "10" must be a whole number from 40 to 20000/],
      [["--seed", "x"], /--seed "x" must be a whole number/],
      [["--bogus"], /unknown argument "--bogus"/]
    ] as const) {
      const r = await runScript("bin/draw-study.ts", ["--cohort", COHORT, ...args]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(message);
    }
  });
  it("a missing cohort file is a data error (status 1)", async () => {
    const r = await runScript("bin/draw-study.ts", ["--cohort", join(dir, "nope.csv")]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/--cohort .*nope\.csv: cannot read the file \(ENOENT\)/);
  });
  it("--events sets n from the prevalence", async () => {
    const r = await runScript("bin/draw-study.ts", ["--cohort", COHORT, "--events", "50"]);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split("\n").length - 1).toBe(Math.round(50 / (25 / 162)));
  });
});
