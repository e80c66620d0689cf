/**
 * The site and the CLI run one pipeline: `analyze` with the study's procedure (read from the built document) on the
 * site's built cohort.csv prints exactly the analysis the site shows — every field of the study document's
 * `analysis`, and with --bootstrap the prediction equation's validation — bit for bit. Runs after the build
 * (it reads dist/), without a browser.
 */
import {mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {runScript} from "../test/helpers/run-script.js";
import {restoreNonFinite} from "../src/components/json-safe.js";
import {schemaErrors} from "../test/helpers/document-schema.js";
import {builtDataPath} from "./harness.js";


describe("analyze on the site's cohort with the site's procedure", () => {
  it("prints the site's analysis, and its bootstrap of the equation, to the last bit", async () => {
    const doc = restoreNonFinite(JSON.parse(readFileSync(builtDataPath("analysis.json"), "utf8")));
    if (doc.mode !== "open") return; // a private build publishes no rows to run the CLI on
    const tmp = mkdtempSync(join(tmpdir(), "site-cli-"));
    const procedure = join(tmp, "procedure.json");
    writeFileSync(procedure, JSON.stringify(doc.analysis.procedure));
    const {replicates, seed, procedureReplicates} = doc.settings;
    const r = await runScript("bin/analyze.ts", [
      "--data", builtDataPath("cohort.csv"), "--procedure", procedure, "--bootstrap", String(replicates), "--procedure-bootstrap", String(procedureReplicates ?? replicates), "--seed", String(seed)
    ]);
    expect(r.stderr).toBe("");
    const printed = JSON.parse(r.stdout);
    expect(schemaErrors(printed)).toEqual([]);
    // `input` says how the CLI read its file (path, size, dialect); the site's document was not read from a file
    expect(printed.input.format.kind).toBe("delimited");
    const {input: _input, ...cli} = restoreNonFinite(printed);
    // the whole document, both bootstraps included: the fixed-predictor one of the equation and the one that
    // re-runs the whole procedure in every resample (validation.procedure, what the Validation page shows)
    expect(cli).toEqual(doc.analysis);
    expect(cli.validation.procedure.replicates).toBe(procedureReplicates);
    expect(cli.validation.fixed).toEqual(doc.models.equation.validation.bootstrap);
  }, 180_000);
});
