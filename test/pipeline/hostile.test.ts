// Hostile files through the analysis, as analyze runs it (readers → typed table → pipeline → JSON): a seeded
// property-based run over random delimiters, quoting, unicode, BOM, UTF-16, CRLF, blank lines, duplicate headers,
// magnitudes from 1e-320 to 1e308, Infinity, NaN, hex, +3 and " 3 " (test/helpers/hostile-csv.ts) never crashes,
// never refuses without saying what and where in one line, and never leaves a non-finite number in the model or
// the AUCs unexplained; a fixed subset of 150 files (test/fixtures/hostile/files, written by make-files.ts) agrees
// with R 4.2.2 (glm, brglm2 0.9 Firth, pROC 1.18; hostile.R → hostile.json) or warns where R warns; and the CLI
// itself, on a few of them, exits 0 or 1 with one line on stderr, reading them whole or streamed alike.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, it, expect} from "vitest";
import fc from "fast-check";
import {hostileCsv} from "../helpers/hostile-csv.js";
import {runHostile} from "../helpers/fuzz-run.js";
import {compareWithR, rTroubled, type RHostile} from "../helpers/hostile-compare.js";
import {root, runScript} from "../helpers/run-script.js";
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";

const fixtures = join(root, "test/fixtures/hostile");
const R: RHostile[] = JSON.parse(readFileSync(join(fixtures, "hostile.json"), "utf8"));

describe("hostile files: an answer or a one-line message, never a crash or a silent non-finite number", () => {
  it("on 400 random files (fast-check, seeded), hostile and clean", () => {
    const failures: string[] = [];
    let ok = 0;
    fc.assert(
      fc.property(fc.integer({min: 1, max: 2 ** 31 - 1}), fc.boolean(), (seed, clean) => {
        const outcome = runHostile(hostileCsv(seed, {clean}));
        if (outcome.kind === "ok") ok++;
        else if (outcome.kind !== "refused") failures.push(`seed ${seed}${clean ? " (clean)" : ""}: ${outcome.kind}: ${outcome.detail.slice(0, 200)}`);
      }),
      {seed: 11_2026, numRuns: 400}
    );
    expect(failures).toEqual([]);
    // the generator is not so hostile that nothing is analysed
    expect(ok).toBeGreaterThan(200);
  }, 60_000);

  it("the committed files are the generator's (make-files.ts), so hostile.json is R on these inputs", () => {
    const manifest = JSON.parse(readFileSync(join(fixtures, "manifest.json"), "utf8")) as {seed: number; name: string}[];
    expect(manifest).toHaveLength(R.length);
    for (const m of manifest.filter((_, i) => i % 10 === 0)) {
      expect(new Uint8Array(readFileSync(join(fixtures, "files", m.name)))).toEqual(hostileCsv(m.seed, {clean: true}).bytes);
    }
  });

  it("150 files agree with R (glm on rescaled columns, brglm2, pROC), or warn where R warns", () => {
    const disagreements: string[] = [];
    let compared = 0;
    for (const r of R) {
      const file = hostileCsv(r.seed, {clean: true});
      const ml = runHostile(file);
      const firth = r.firth && r.firth.converged && r.firth.warnings.length === 0 ? runHostile(file, {firth: true}) : ml;
      disagreements.push(...compareWithR(ml, firth, r));
      if (ml.kind === "ok" && !rTroubled(r)) compared++;
    }
    expect(disagreements).toEqual([]);
    // most of the subset is compared number by number, not only by its warnings
    expect(compared).toBeGreaterThan(80);
  }, 60_000);
});

describe("failure classes the run found, each closed and pinned to R", () => {
  const byseed = (seed: number) => R.find((r) => r.seed === seed)!;
  const doc = (seed: number) => {
    const outcome = runHostile(hostileCsv(seed, {clean: true}));
    if (outcome.kind !== "ok") throw new Error(`seed ${seed}: ${outcome.kind}`);
    return outcome.document as unknown as {warnings: string[]; nonFinite: {pointer: string; value: string}[]; roc: {marker: string; ciLower: number | null; se: number | null}[]; model: {terms: {term: string; estimate: number | null}[]}};
  };

  it("one event or one non-event: pROC's ci.auc is NA, so the AUCs' CIs are NaN, said so (they were a CI from the other group alone)", () => {
    for (const seed of [40, 56, 86]) {
      expect(byseed(seed).scaled!.auc!.lower).toBeNull();
      const d = doc(seed);
      for (const roc of d.roc) expect([roc.ciLower, roc.se]).toEqual([null, null]);
      expect(d.nonFinite).toContainEqual({pointer: `/roc/${d.roc.length - 1}/ciLower`, value: "NaN"});
      expect(d.warnings.join(" ")).toMatch(/DeLong's confidence intervals of the AUCs need at least two events and two non-events/);
    }
  });

  it("a column of magnitude 1e-317: R's glm.fit warns of non-finite coefficients and fails; the analysis names the term (it was a silent −∞)", () => {
    expect(byseed(42).warnings).toContain("non-finite coefficients at iteration 1");
    expect(byseed(42).error).toBeDefined();
    const d = doc(42);
    expect(d.model.terms.find((t) => t.term === "ß")!.estimate).toBeNull();
    expect(d.nonFinite).toContainEqual({pointer: "/model/terms/10/estimate", value: "Infinity"});
    expect(d.warnings.join(" ")).toMatch(/Non-finite coefficients: "ß" \(estimate \+∞, SE \+∞\)/);
  });
});

describe("the analyze CLI on hostile files", () => {
  it("exits 0 with a document or 1 with one line naming the file, whole or streamed, and never 70", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hostile-cli-"));
    // a success, a refusal (a number in the other decimal convention) and R's troubled case (one event: DeLong's CI undefined)
    for (const [seed, clean] of [[3, true], [5, false], [40, true]] as const) {
      const file = hostileCsv(seed, {clean});
      const path = join(dir, file.name);
      writeFileSync(path, file.bytes);
      const args = ["--data", path, "--outcome", file.outcome, "--positive", file.event, "--predictors", file.predictors.join(",")];
      const whole = await runScript("bin/analyze.ts", args);
      const streamed = await runScript("bin/analyze.ts", [...args, "--stream"]);
      expect([0, 1]).toContain(whole.status);
      expect(streamed.status).toBe(whole.status);
      if (whole.status === 0) {
        const {input: a, ...docA} = JSON.parse(whole.stdout);
        const {input: b, ...docB} = JSON.parse(streamed.stdout);
        expect(docB).toEqual(docA);
        expect([a.reader, b.reader]).toEqual(["whole-file", "streaming"]);
      } else {
        expect(whole.stderr.trimEnd().split("\n")).toHaveLength(1);
        expect(whole.stderr).toContain(path);
        expect(streamed.stderr).toBe(whole.stderr);
      }
    }
  }, 60_000);
});
