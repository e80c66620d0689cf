// The analyze CLI (bin/analyze.ts), run as a separate process the way a user runs it (node --import tsx).
// Good input: stdout JSON against R 4.2.2 (test/fixtures/cli-birthwt.json from test/fixtures/cli.R: glm, pROC 1.18
// roc/ci.auc/coords/roc.test, t.test, chisq.test, fisher.test). Bad input: the message on stderr, a non-zero exit
// status and nothing on stdout.
import {readFileSync, writeFileSync, mkdirSync} from "node:fs";
import {join} from "node:path";
import {describe, it, expect, beforeAll} from "vitest";
import {cliRunner, root, scratchFolder, type ScriptRun} from "../helpers/run-script.js";
import {schemaErrors} from "../helpers/document-schema.js";
import {analysisSchema, externalValidationSchema, SCHEMA_PATH, VALIDATION_SCHEMA_PATH} from "../../scripts/schema.js";
import {parseCohortCsv} from "../../src/components/cohort/schema.js";
import {studyData, STUDY_PROCEDURE} from "../../src/components/study/study.js";
import {procedureValidation} from "../../src/components/pipeline/procedure-validation.js";

const reference = JSON.parse(readFileSync(join(root, "test/fixtures/cli-birthwt.json"), "utf8"));
/** csv(name, text): a file in a fresh temporary folder. */
const {dir, write: csv} = scratchFolder("analyze-cli-");
type Run = ScriptRun;
/** Runs analyze; every document it prints must conform to the committed JSON Schema. */
const {run, failure} = cliRunner("bin/analyze.ts", schemaErrors);

function close(actual: number, expected: number, rel = 1e-9): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected) + 1e-13);
}

describe("the JSON Schemas of the analysis document and the external-validation report", () => {
  it.each([[SCHEMA_PATH, analysisSchema], [VALIDATION_SCHEMA_PATH, externalValidationSchema]])("%s is the one generated from the TypeScript types (run npm run schema after changing them)", (path, generated) => {
    expect(readFileSync(join(root, path), "utf8")).toBe(generated());
  }, 60_000);
});

describe("analyze CLI: good input", () => {
  let out: Run;
  beforeAll(async () => {
    out = await run(["--data", "test/fixtures/cli-birthwt.csv", "--outcome", "low", "--predictors", "age,lwt,race,smoke,ht,ui"]);
  });

  it("its document conforms to the schema, which refuses a mistyped, a missing or an unknown field", () => {
    const json = JSON.parse(out.stdout);
    expect(schemaErrors(json)).toEqual([]);
    expect(schemaErrors({...json, n: "many"})).not.toEqual([]);
    const {roc: _roc, ...withoutRoc} = json;
    expect(schemaErrors(withoutRoc)).not.toEqual([]);
    expect(schemaErrors({...json, model: {...json.model, extra: 1}})).not.toEqual([]);
    expect(schemaErrors({...json, nonFinite: [{pointer: "/n", value: "Inf"}]})).not.toEqual([]);
  });

  it("prints one JSON document with the fixed fields, nothing on stderr", () => {
    expect(out.stderr).toBe("");
    expect(out.status).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(Object.keys(json).slice(0, 8)).toEqual(["n", "events", "excluded", "warnings", "univariate", "model", "roc", "comparisons"]);
    expect(Object.keys(json.model)).toEqual(expect.arrayContaining(["converged", "iterations", "logLik", "aic", "terms"]));
    expect(Object.keys(json.model.terms[0])).toEqual(["term", "estimate", "se", "z", "p", "oddsRatio", "ciLower", "ciUpper"]);
    expect(Object.keys(json.roc[0]).slice(0, 8)).toEqual(["marker", "direction", "auc", "ciLower", "ciUpper", "se", "threshold", "sensitivity"]);
    expect(json.roc[0]).toHaveProperty("specificity");
    expect(json.univariate[0]).toMatchObject({variable: "age", kind: "continuous", test: "Two Sample t-test"});
    expect(json.comparisons[0]).toMatchObject({a: "model", b: "age"});
  });

  it("agrees with R: counts, glm terms, pROC AUCs/CIs/Youden, roc.test, Table 1 tests", () => {
    const json = JSON.parse(out.stdout);
    expect([json.n, json.events, json.excluded]).toEqual([reference.n, reference.events, reference.excluded]);
    expect(json.warnings[0]).toMatch(/^Complete-case analysis: 5 rows of 189 \(2\.65%\) dropped/);
    // glm(low ~ age + lwt + race + smoke + ht + ui, binomial); Wald CI exp(b ± qnorm(0.975) se)
    expect(json.model.iterations).toBe(reference.model.iterations);
    close(json.model.logLik, reference.model.logLik);
    close(json.model.aic, reference.model.aic);
    json.model.terms.forEach((t: Record<string, number | string>, i: number) => {
      const ref = reference.model.terms[i];
      expect(t.term).toBe(ref.term);
      for (const key of ["estimate", "se", "z", "p", "oddsRatio", "ciLower", "ciUpper"]) close(t[key] as number, ref[key], 1e-8);
    });
    // pROC: roc(direction = "auto"), ci.auc(method = "delong"), coords("best", best.method = "youden")
    expect(json.roc.map((r: {marker: string}) => r.marker)).toEqual(["age", "lwt", "smoke", "ht", "ui", "model"]);
    json.roc.forEach((r: Record<string, number | string>, i: number) => {
      const ref = reference.roc[i];
      expect(r.direction).toBe(ref.direction);
      for (const key of ["auc", "ciLower", "ciUpper", "threshold", "sensitivity", "specificity"]) close(r[key] as number, ref[key], 1e-10);
    });
    // pROC: roc.test(model, marker, method = "delong", paired = TRUE)
    json.comparisons.forEach((c: {b: string; z: number; p: number}, i: number) => {
      expect(c.b).toBe(reference.comparisons[i].b);
      close(c.z, reference.comparisons[i].z, 1e-9);
      close(c.p, reference.comparisons[i].p, 1e-8);
    });
    const byName = Object.fromEntries(json.univariate.map((u: {variable: string}) => [u.variable, u]));
    close(byName.age.statistic, reference.univariate.age.statistic); // t.test(var.equal = TRUE)
    close(byName.smoke.statistic, reference.univariate.smoke.statistic); // chisq.test(correct = FALSE)
    close(byName.race.statistic, reference.univariate.race.statistic); // chisq.test on the 3 × 2 table
    expect(byName.ht.test).toBe("Fisher's Exact Test for Count Data");
    close(byName.ht.p, reference.univariate.ht.p); // fisher.test
  });

  it("a tie for the best Youden threshold lists every tied threshold, as pROC's coords", async () => {
    // R 4.2.2, pROC 1.18.0: d <- read.csv(...); coords(roc(d$y, d$x), "best", best.method = "youden")
    //   threshold 2.75 (sensitivity 1, specificity 0.6666667) and 4.75 (0.6666667, 1); direction "<"
    const path = csv("youden-ties.csv", "y,x,w\n0,1,3\n0,2,1\n1,3,4\n0,4,1\n1,5,5\n1,6,9\n0,1.5,2\n0,2.5,6\n1,3.5,5\n0,4.5,3\n1,5.5,5\n1,6.5,8\n");
    const json = JSON.parse((await run(["--data", path, "--outcome", "y", "--predictors", "x,w"])).stdout);
    const x = json.roc.find((r: {marker: string}) => r.marker === "x");
    expect(x).toMatchObject({direction: "<", threshold: 2.75, sensitivity: 1, youdenTies: [2.75, 4.75]});
    expect(x.specificity).toBeCloseTo(2 / 3, 14);
  });

  it("--firth fits Firth's model (brglm2 AS_mean); --positive picks the event value", async () => {
    const firth = JSON.parse((await run(["--data", "test/fixtures/cli-birthwt.csv", "--outcome", "low", "--predictors", "age,lwt,race,smoke,ht,ui", "--firth"])).stdout);
    expect(firth.model.method).toBe("firth");
    firth.model.terms.forEach((t: {estimate: number; se: number}, i: number) => {
      close(t.estimate, reference.firth.terms[i].estimate, 1e-7);
      close(t.se, reference.firth.terms[i].se, 1e-7);
    });
    const flipped = JSON.parse((await run(["--data", "test/fixtures/cli-birthwt.csv", "--outcome", "low", "--positive", "0", "--predictors", "age,lwt"])).stdout);
    const usual = JSON.parse((await run(["--data", "test/fixtures/cli-birthwt.csv", "--outcome", "low", "--predictors", "age,lwt"])).stdout);
    expect(flipped.outcome).toMatchObject({positive: "0", negative: "1"});
    expect([flipped.n, flipped.events]).toEqual([usual.n, usual.n - usual.events]);
    expect(flipped.roc.find((r: {marker: string}) => r.marker === "lwt").direction).toBe("<"); // heavier mothers: normal weight
  });

  it("--screen-p, --select-p and --bootstrap run the procedure and its validation (R: test/fixtures/procedure.R)", async () => {
    const ref = JSON.parse(readFileSync(join(root, "test/fixtures/procedure-birthwt.json"), "utf8"));
    const json = JSON.parse((await run(["--data", "test/fixtures/cli-birthwt.csv", "--outcome", "low", "--predictors", "age,lwt,race,smoke,ht,ui", "--screen-p", "0.2", "--select-p", "0.05", "--bootstrap", "20", "--seed", "3"])).stdout);
    expect(json.procedure).toEqual({outcome: "low", event: "1", candidates: ["age", "lwt", "race", "smoke", "ht", "ui"], screen: {method: "univariable", p: 0.2}, select: {method: "wald", p: 0.05}, estimate: "ml"});
    expect(json.steps.screen.kept).toEqual(ref.survivors20);
    expect(json.steps.selection.kept).toEqual(ref.wald20.kept);
    expect(json.predictors).toEqual(ref.wald20.kept);
    json.model.terms.forEach((t: {estimate: number}, i: number) => close(t.estimate, ref.wald20.refit.estimate[i], 1e-8));
    expect(json.validation.fixed).toMatchObject({kind: "fixed", method: "ml", seed: 3, replicates: 20});
    expect(json.validation.fixed.indices.map((r: {index: string}) => r.index)).toEqual(["auc", "slope", "intercept", "slopeIntercept", "brier", "brierScaled"]);
    expect(json.warnings.some((w: string) => w.startsWith("Data-driven selection: the model's 4 predictors were chosen from 6 candidates"))).toBe(true);
    // the shrunken equation: slopes × the whole procedure's corrected slope (clamped to [0, 1]), intercept re-estimated
    const slope = json.validation.procedure.indices.find((r: {index: string}) => r.index === "slope").corrected;
    expect(json.shrinkage).toMatchObject({source: "procedure-bootstrap", replicates: json.validation.procedure.replicates, seed: 3, estimate: slope, factor: Math.min(1, Math.max(0, slope))});
    json.shrinkage.terms.slice(1).forEach((t: {estimate: number; fitted: number}, j: number) => {
      expect(t.fitted).toBe(json.model.terms[j + 1].estimate);
      close(t.estimate, json.shrinkage.factor * t.fitted, 1e-12);
    });
    // the re-estimated intercept makes the mean risk the prevalence
    close(json.shrinkage.performance.meanRisk, json.events / json.n, 1e-10);
    expect(json.decisionCurveBootstrap).toMatchObject({kind: "fixed", seed: 3, replicates: 20});
    expect(json.decisionCurveBootstrap.corrected).toHaveLength(99);
  });

  it("--bootstrap also re-runs the whole procedure in each resample: the same numbers as the study's build computes", async () => {
    const path = join(dir, "study-procedure.json");
    writeFileSync(path, JSON.stringify(STUDY_PROCEDURE));
    const cohortCsv = "test/fixtures/procedure-bootstrap-cohort.csv";
    const json = JSON.parse((await run(["--data", cohortCsv, "--procedure", path, "--bootstrap", "3", "--procedure-bootstrap", "8", "--seed", "11"])).stdout);
    const site = procedureValidation(studyData(parseCohortCsv(readFileSync(join(root, cohortCsv), "utf8")).rows), STUDY_PROCEDURE, {replicates: 8, seed: 11});
    const p = json.validation.procedure;
    expect(p).toMatchObject({kind: "procedure", replicates: 8, seed: 11, used: site.used});
    expect(json.validation.fixed.replicates).toBe(3);
    p.indices.forEach((r: {index: string; corrected: number | null; mcse: number | null; decimals: number}, i: number) => {
      const s = site.indices[i]!;
      expect(r.index).toBe(s.index);
      if (Number.isFinite(s.corrected)) expect(r.corrected).toBe(s.corrected);
      else expect(r.corrected).toBeNull();
      expect(r.decimals).toBe(s.decimals);
    });
    expect(p.stability.originalSetCount).toBe(site.stability.originalSetCount);
    expect(p.instability.meanAbsolutePredictionError).toBe(site.instability.meanAbsolutePredictionError);
    const none = JSON.parse((await run(["--data", cohortCsv, "--procedure", path, "--bootstrap", "3", "--procedure-bootstrap", "0"])).stdout);
    expect(none.validation.procedure).toBeNull();
    expect(await failure(["--data", cohortCsv, "--procedure", path, "--procedure-bootstrap", "5"], 2)).toMatch(/--procedure-bootstrap needs --bootstrap B/);
  });

  it("--workers N runs the bootstrap on N threads and prints the same document, byte for byte, for any N", async () => {
    const args = ["--data", "test/fixtures/cli-birthwt.csv", "--outcome", "low", "--predictors", "age,lwt,smoke,ht", "--bootstrap", "30", "--seed", "4"];
    const one = (await run([...args, "--workers", "1"])).stdout;
    const two = (await run([...args, "--workers", "2"])).stdout;
    expect(JSON.parse(one).validation.fixed.replicates).toBe(30);
    expect(two).toBe(one);
    expect(await failure([...args, "--workers", "0"], 2)).toMatch(/--workers/);
  }, 60_000);

  it("--procedure FILE runs a procedure given as JSON; it and the flags cannot both be given", async () => {
    const path = join(dir, "procedure.json");
    writeFileSync(path, JSON.stringify({outcome: "low", candidates: ["age", "lwt", "race", "smoke", "ht", "ui"], select: {method: "backward", rule: "aic"}}));
    const json = JSON.parse((await run(["--data", "test/fixtures/cli-birthwt.csv", "--procedure", path])).stdout);
    const ref = JSON.parse(readFileSync(join(root, "test/fixtures/procedure-birthwt.json"), "utf8"));
    expect(json.steps.selection.deletions.map((d: {variable: string}) => d.variable)).toEqual(ref.backwardAicGlm.deletions.map((d: {variable: string}) => d.variable));
    expect(json.predictors).toEqual(ref.backwardAicGlm.kept);
    expect(await failure(["--data", "test/fixtures/cli-birthwt.csv", "--procedure", path, "--firth"], 2)).toMatch(/^analyze: --procedure gives the whole procedure; do not also give --firth/);
    writeFileSync(path, JSON.stringify({outcome: "low", candidates: ["age"], screen: {method: "univariable", p: 2}}));
    expect(await failure(["--data", "test/fixtures/cli-birthwt.csv", "--procedure", path], 2)).toMatch(/--procedure .*procedure\.json: screen\.p must be a number in \(0, 1\]/);
  });

  it("--help prints usage on stdout and exits 0", async () => {
    const r = await run(["--help"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^Usage: npm run --silent analyze -- --data FILE\.csv --outcome COLUMN \[--positive VALUE\] --predictors A,B,C \[--firth\]/);
  });

  it("NaN and Infinity become null in the JSON (separated data: CIs null); identical ROC curves give pROC's z = 0, p = 1", async () => {
    const path = csv("separated.csv", "x,y\n1,0\n2,0\n3,0\n4,0\n5,0\n6,1\n7,1\n8,1\n9,1\n10,1\n");
    const r = await run(["--data", path, "--outcome", "y", "--predictors", "x"]);
    expect(r.status).toBe(0);
    // JSON.parse would fail on a bare NaN or Infinity; each non-finite number is null and listed by pointer
    const json = JSON.parse(r.stdout);
    expect(json.nonFinite).toContainEqual({pointer: "/calibration/slope", value: "NaN"});
    for (const {pointer} of json.nonFinite) {
      const value = pointer.split("/").slice(1).reduce((o: Record<string, unknown>, k: string) => o[k.replace(/~1/g, "/").replace(/~0/g, "~")] as Record<string, unknown>, json);
      expect(value).toBeNull();
    }
    expect(json.model.terms[1].ciLower).toBeNull();
    // pROC 1.18: roc.test(roc(y, x), roc(y, fitted), method = "delong", paired = TRUE) -> Z = 0, p-value = 1
    expect([json.comparisons[0].z, json.comparisons[0].p]).toEqual([0, 1]);
    expect(json.warnings.some((w: string) => /cannot be told apart.*z is reported as 0 and p as 1/s.test(w))).toBe(true);
    expect(json.warnings.some((w: string) => /separation.*--firth/s.test(w))).toBe(true);
  });
});

describe("analyze CLI: bad input (message on stderr, non-zero exit, empty stdout)", () => {
  it("usage errors: missing options, unknown argument (exit 2)", async () => {
    expect(await failure(["--data", "x.csv"], 2)).toMatch(/^analyze: missing --outcome, --predictors\n\nUsage:/);
    expect(await failure(["--data", "x.csv", "--outcome", "y", "--predictors", "a", "--frith"], 2)).toMatch(/^analyze: unknown argument "--frith"/);
    expect(await failure(["--data", "x.csv", "--outcome", "y", "--predictors", "a,,b"], 2)).toMatch(/^analyze: --predictors "a,,b" has an empty name/);
  });

  it("file missing", async () => {
    const path = join(dir, "nope.csv");
    expect(await failure(["--data", path, "--outcome", "y", "--predictors", "x"])).toBe(`analyze: --data ${path}: no such file. Check the path (relative paths are from ${root.replace(/\/$/, "")}).\n`);
  });

  it("file is a directory", async () => {
    const sub = join(dir, "folder.csv");
    mkdirSync(sub, {recursive: true});
    expect(await failure(["--data", sub, "--outcome", "y", "--predictors", "x"])).toBe(`analyze: --data ${sub}: is a directory, not a CSV file.\n`);
  });

  it("file empty", async () => {
    const path = csv("empty.csv", "");
    expect(await failure(["--data", path, "--outcome", "y", "--predictors", "x"])).toBe(
      `analyze: ${path}: the file is empty (0 bytes): it has no header and no rows. Give a CSV file with a header row of column names and one row per patient.\n`
    );
    const blank = csv("blank.csv", "\n\n");
    expect(await failure(["--data", blank, "--outcome", "y", "--predictors", "x"])).toBe(
      `analyze: ${blank}: the file is empty: it has no header and no rows. Choose a CSV file with a header row of column names and one row per patient.\n`
    );
  });

  it("header with no rows", async () => {
    const path = csv("header.csv", "x,y\n");
    expect(await failure(["--data", path, "--outcome", "y", "--predictors", "x"])).toBe(
      `analyze: ${path}: the file has a header (2 columns: "x", "y") but no data rows. Add one row per patient under the header.\n`
    );
  });

  // a small file, the outcome and predictors asked for, and the whole of what analyze writes on stderr
  it.each([
    {name: "outcome column missing", file: "good.csv", text: "x,y\n1,0\n2,1\n3,0\n4,1\n", outcome: "asd", predictors: "x",
      stderr: 'analyze: The outcome column "asd" is not in the file. Columns in the file: "x", "y".\n'},
    {name: "a predictor whose name holds a comma: the message says why it cannot be named", file: "comma.csv", text: 'y,"dose, mg",x\n0,1,2\n1,2,3\n0,3,1\n1,4,5\n', outcome: "y", predictors: "dose, mg,x",
      stderr: 'analyze: The predictors "dose", "mg" are not in the file. Columns in the file: "y", "dose, mg", "x". A column whose name contains a comma ("dose, mg") cannot be given in --predictors, which is split at commas: rename it in the file.\n'},
    {name: "outcome with other than two values (names the values found)", file: "three.csv", text: "x,y\n1,0\n2,1\n3,2\n4,1\n", outcome: "y", predictors: "x",
      stderr: 'analyze: The outcome column "y" must have exactly two values (event and non-event); found 3 values: "1" (2 rows), "0" (1 row), "2" (1 row). Choose a binary outcome column, or recode it to two values.\n'},
    {name: "numeric column with non-numeric cells (column and first offending row)", file: "mixed.csv", text: "age,y\n61,0\n70,1\n6l,0\n66,1\n58,0\n", outcome: "y", predictors: "age",
      stderr: 'analyze: Column "age" is mostly numeric (4 numbers) but 1 cell is not a number — data row 3 (spreadsheet row 4): "6l". ' +
        'Correct that cell, or leave it blank or NA to mark a missing value; numbers use "." as the decimal point, without units.\n'},
    {name: "constant predictor", file: "constant.csv", text: "age,site,y\n61,A,0\n70,A,1\n55,A,0\n66,A,1\n", outcome: "y", predictors: "age,site",
      stderr: 'analyze: The predictor "site" (every analysed row is "A") is constant over the 4 complete rows, so it cannot predict anything. Remove it from the predictors.\n'},
    {name: "perfectly collinear predictors", file: "collinear.csv", text: "a,b,c,y\n1,2,3,0\n2,1,3,1\n3,5,8,0\n4,2,6,1\n5,7,12,0\n6,3,9,1\n7,7,14,1\n8,1,9,0\n", outcome: "y", predictors: "a,b,c",
      stderr: 'analyze: Collinear predictors: the term "c" is (numerically) a linear combination of the terms before it ("(Intercept)", "a", "b") over the 8 complete rows (as R\'s glm decides it: a pivoted QR with relative tolerance 1e-11, which also catches a column that varies too little for its magnitude, such as 1e12 + noise), so their coefficients are not identifiable. Remove "c", or the predictor it duplicates.\n'}
  ])("$name", async ({file, text, outcome, predictors, stderr}) => {
    expect(await failure(["--data", csv(file, text), "--outcome", outcome, "--predictors", predictors])).toBe(stderr);
  });

  it("missing cells: complete-case analysis with excluded and a warning", async () => {
    const path = csv("missing.csv", "age,y\n61,0\nNA,1\n55,0\n66,1\n,0\n72,1\n63,0\n60,1\n");
    const r = await run(["--data", path, "--outcome", "y", "--predictors", "age"]);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect([json.n, json.excluded]).toEqual([6, 2]);
    expect(json.warnings[0]).toBe('Complete-case analysis: 2 rows of 8 (25%) dropped for a missing value in the outcome or a predictor (missing cells: "age" 2); 6 rows analysed.');
  });

  it("fewer than 10 events per parameter, and more parameters than events: warnings with the numbers", async () => {
    const few = JSON.parse((await run(["--data", "test/fixtures/cli-birthwt.csv", "--outcome", "low", "--predictors", "age,lwt,race,smoke,ht,ui"])).stdout);
    expect(few.warnings).toContain(
      'Few events per parameter: 58 events ("low" = "1") for 7 parameters (excluding the intercept) = 8.29 per parameter, below the usual minimum of 10. Expect overfitting; 70 events would be needed for 7 parameters, or use at most 5 parameters.'
    );
    const path = csv("fewevents.csv", "a,b,c,y\n1,5,2,0\n2,3,9,0\n3,8,4,1\n4,1,7,0\n5,9,1,0\n6,2,6,1\n7,6,3,0\n8,4,8,0\n9,7,5,0\n10,2,2,0\n");
    const many = JSON.parse((await run(["--data", path, "--outcome", "y", "--predictors", "a,b,c"])).stdout);
    expect(many.warnings).toContain(
      'More parameters than events: the model has 3 parameters (excluding the intercept) but only 2 events ("y" = "1"). The estimates are unreliable or may not exist; at least 30 events would be needed for 3 parameters (10 per parameter), and with fewer than 10 even one parameter is more than the data support.'
    );
  });

  it("not a CSV: a damaged workbook", async () => {
    const path = csv("book.xlsx", "PK\u0003\u0004\u0014\u0000\u0006\u0000");
    expect(await failure(["--data", path, "--outcome", "y", "--predictors", "x"])).toBe(
      `analyze: ${path}: the file is not a readable .xlsx workbook: its zip archive is damaged (invalid zip data). Open it in Excel or LibreOffice and save it again.\n`
    );
  });
});

describe("analyze: the model checks", () => {
  const profile = JSON.parse(readFileSync(join(root, "test/fixtures/firth-profile.json"), "utf8"));
  const checks = JSON.parse(readFileSync(join(root, "test/fixtures/model-checks.json"), "utf8"));

  it("--firth reports logistf's profile penalised-likelihood CIs and penalised LR p-values (test/fixtures/firth-profile.R on logistf's sex2)", async () => {
    const json = JSON.parse((await run(["--data", "test/fixtures/logistf-sex2.csv", "--outcome", "case", "--predictors", "age,oc,vic,vicl,vis,dia", "--firth", "--cutpoint-bootstrap", "0"])).stdout);
    const terms = json.checks.firthProfile.terms;
    expect(terms.map((t: {term: string}) => t.term)).toEqual(profile.sex2.profile.map((t: {term: string}) => t.term));
    terms.forEach((t: {lower: number; upper: number; p: number}, i: number) => {
      const r = profile.sex2.profile[i];
      close(t.lower, r.lower, 1e-6);
      close(t.upper, r.upper, 1e-6);
      close(t.p, r.p, 1e-5);
    });
    // likelihood-ratio tests need maximum likelihood: none is claimed for a Firth fit
    expect(json.checks.nonlinearity).toBeNull();
    expect(json.checks.addedValue).toEqual([]);
  });

  it("--spline bmd_t:3 fits BMD as rms::rcs(bmd_t, 3) (test/fixtures/model-checks.R), and names a bad entry", async () => {
    const json = JSON.parse((await run(["--data", "test/fixtures/teaching-cohort.csv", "--outcome", "asd", "--predictors", "age,bmd_t,cement_ml,height_recovery_pct", "--spline", "bmd_t:3"])).stdout);
    expect(json.procedure.splines).toEqual({bmd_t: 3});
    close(json.model.aic, checks.bmdSpline.aicSpline, 1e-9);
    close(json.checks.anova.find((r: {kind: string}) => r.kind === "nonlinear").statistic, checks.bmdSpline.statistic, 1e-6);
    expect(await failure(["--data", "test/fixtures/teaching-cohort.csv", "--outcome", "asd", "--predictors", "age,bmd_t", "--spline", "bmd_t:2"], 2)).toMatch(/^analyze: --spline: bmd_t must be a whole number of knots from 3 to 7/);
    expect(await failure(["--data", "test/fixtures/teaching-cohort.csv", "--outcome", "asd", "--predictors", "age,bmd_t", "--spline", "bmd_t"], 2)).toMatch(/each entry is NAME:K/);
  });
});
