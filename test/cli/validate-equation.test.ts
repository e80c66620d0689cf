// analyze --validate-equation (bin/analyze.ts), run as a user runs it: the report against R 4.2.2
// (test/fixtures/validate-equation.json from test/fixtures/validate-equation.R: glm offset, glm(y ~ lp), pROC 1.18,
// rms 6.5 val.prob, loess), every report checked with ajv against the committed schema, and bad input answered
// with a message naming what and where, a non-zero status and nothing on stdout.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {cliRunner, root, scratchFolder, type ScriptRun} from "../helpers/run-script.js";
import {validationSchemaErrors} from "../helpers/document-schema.js";

const ref = JSON.parse(readFileSync(join(root, "test/fixtures/validate-equation.json"), "utf8"));
const EQ = "test/fixtures/validate-equation-birthwt.equation.json";
const DATA = "test/fixtures/validate-equation-birthwt.csv";
const MAPS = ["--map", "age=Age (years)", "--map", "lwt=weight_lb"];
const {write: file} = scratchFolder("validate-cli-");
/** Runs analyze; every report it prints must conform to the committed JSON Schema. */
const {run, failure} = cliRunner("bin/analyze.ts", validationSchemaErrors);
const close = (a: number, b: number, tol: number) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol);

describe("analyze --validate-equation: good input", () => {
  let out: ScriptRun;
  beforeAll(async () => {
    out = await run(["--validate-equation", EQ, DATA, "--outcome", "low_bw", "--positive", "2", ...MAPS]);
  }, 60_000);

  it("prints a report that conforms to the schema, which refuses a mistyped or a missing field", () => {
    expect(out.status).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(json.nonFinite).toEqual(expect.any(Array));
    expect(validationSchemaErrors({...json, n: "many"})).not.toEqual([]);
    const {validation: _v, ...without} = json;
    expect(validationSchemaErrors(without)).not.toEqual([]);
  });

  it("says on stderr how the file was read (semicolons)", () => {
    expect(out.stderr).toContain("semicolon-separated");
  });

  it("prints R's numbers", () => {
    const v = JSON.parse(out.stdout).validation;
    close(v.calibrationInTheLarge.estimate, ref.base.citl.estimate, 1e-9);
    close(v.calibrationInTheLarge.profileLower, ref.base.citl.profileLower, 1e-8);
    close(v.calibrationSlope.estimate, ref.base.slope.estimate, 1e-9);
    close(v.calibrationSlope.profileUpper, ref.base.slope.profileUpper, 1e-7);
    close(v.expectedObserved.ratio, ref.base.eo, 1e-12);
    close(v.auc.ciLower, ref.base.auc.ciLower, 1e-10);
    close(v.loessCalibration.mean, ref.base.ici.ICI, 1e-9);
    close(v.scaledBrier, ref.base.scaledBrier, 1e-11);
    const r = JSON.parse(out.stdout).recalibration;
    close(r.interceptAndSlope.equation.intercept, ref.slopeUpdate.intercept, 1e-9);
  });

  it("accepts --data FILE and --map=TERM=COLUMN alike", async () => {
    const r = await run(["--validate-equation=" + EQ, "--data", DATA, "--outcome=low_bw", "--positive=2", "--map=age=Age (years)", "--map=lwt=weight_lb"]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).validation.auc.auc).toBe(JSON.parse(out.stdout).validation.auc.auc);
  }, 60_000);
});

describe("analyze --validate-equation: bad input", () => {
  it("a term without a column names the term, its unit and the flag to map it", async () => {
    const err = await failure(["--validate-equation", EQ, DATA, "--outcome", "low_bw", "--positive", "2"]);
    expect(err).toContain(`term "age" (years) has no column`);
    expect(err).toContain("--map age=COLUMN");
  }, 60_000);
  it("an equation file with a bad field names the field", async () => {
    const eq = file("bad.json", JSON.stringify({intercept: -1, terms: [{name: "age", coefficient: "0.1", unit: "years"}]}));
    const err = await failure(["--validate-equation", eq, DATA, "--outcome", "low_bw"], 2);
    expect(err).toContain("terms[0].coefficient: must be a finite number");
  }, 60_000);
  it("a --map to a term the equation does not have, a flag of the other mode, no outcome", async () => {
    expect(await failure(["--validate-equation", EQ, DATA, "--outcome", "low_bw", "--map", "bmi=weight_lb"], 2)).toContain(`no term "bmi"`);
    expect(await failure(["--validate-equation", EQ, DATA, "--outcome", "low_bw", "--bootstrap", "10"], 2)).toContain("--bootstrap is for fitting a model");
    expect(await failure(["--validate-equation", EQ, DATA], 2)).toContain("needs --outcome");
  }, 60_000);
  it("an event value that does not occur lists the values with their counts", async () => {
    const err = await failure(["--validate-equation", EQ, DATA, "--outcome", "low_bw", "--positive", "yes", ...MAPS]);
    expect(err).toMatch(/event value "yes" does not occur.*"1" \(\d+ rows\), "2" \(\d+ rows\)/);
  }, 60_000);
  it("an outcome coded 1/2 with the default event 1 is run as asked, with a warning that says how to choose 2", async () => {
    const r = await run(["--validate-equation", EQ, DATA, "--outcome", "low_bw", ...MAPS]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).warnings.join(" ")).toContain("--positive 2");
  }, 60_000);
});
