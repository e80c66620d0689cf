// One analysis fits no model twice: every fitLogistic and fitFirth call of a whole pipeline run (the bootstraps, the
// decision curve's bootstrap, the checks) is recorded by its inputs, and no two calls share them. Not yet covered:
// with one seed for both bootstraps, the whole-procedure bootstrap refits the fixed bootstrap's model on each
// resample where its selection keeps the same predictors, and both score the original Firth model's calibration;
// so the ML case gives them different seeds and the Firth case runs the fixed bootstrap only.
import {readFileSync} from "node:fs";
import {createHash} from "node:crypto";
import {describe, expect, it, vi} from "vitest";

const calls: {kind: string; key: string; where: string}[] = [];

/** The engine functions that asked for the fit (file:function), for a failure message. */
function callers(): string {
  return (new Error().stack ?? "").split("\n").slice(3, 8).map((l) => l.replace(/^\s*at /, "").replace(/\(.*\/src\/components\//, "(").replace(/:\d+\)$/, ")")).join(" < ");
}

function keyOf(design: {names: string[]; columns: ArrayLike<number>[]}, y: ArrayLike<number>, options: unknown): string {
  const h = createHash("sha256");
  h.update(JSON.stringify(design.names));
  for (const c of design.columns) h.update(new Uint8Array(Float64Array.from(c).buffer));
  h.update(new Uint8Array(Float64Array.from(y).buffer));
  h.update(JSON.stringify(options ?? null, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)));
  return h.digest("hex");
}

/** `fit`, recording each call by its inputs under `kind`. */
function recorded<D extends {names: string[]}, O, R>(kind: string, fit: (design: D, y: ArrayLike<number>, options?: O) => R): (design: D, y: ArrayLike<number>, options?: O) => R {
  return (design, y, options) => {
    calls.push({kind, key: keyOf(design as unknown as {names: string[]; columns: ArrayLike<number>[]}, y, options), where: `${design.names.join("+")} n=${y.length} ${callers()}`});
    return fit(design, y, options);
  };
}

vi.mock("../../src/components/stats/logistic.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/components/stats/logistic.js")>();
  return {...original, fitLogistic: recorded("ml", original.fitLogistic)};
});
vi.mock("../../src/components/stats/firth.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/components/stats/firth.js")>();
  return {...original, fitFirth: recorded("firth", original.fitFirth)};
});

const {parseCsvTable} = await import("../../src/components/cohort/table.js");
const {typedTable} = await import("../../src/components/cohort/typed-table.js");
const {prepareData} = await import("../../src/components/cohort/prepare.js");
const {runPipelineOnData} = await import("../../src/components/pipeline/pipeline.js");
const {fitAllProcedure} = await import("../../src/components/procedure/procedure.js");

function repeated(): {kind: string; times: number; where: string[]}[] {
  const counts = new Map<string, {kind: string; times: number; where: string[]}>();
  for (const c of calls) {
    const e = counts.get(c.key) ?? {kind: c.kind, times: 0, where: []};
    e.times++;
    e.where.push(c.where);
    counts.set(c.key, e);
  }
  return [...counts.values()].filter((e) => e.times > 1);
}

describe("a whole analysis fits each model once", () => {
  const table = parseCsvTable(readFileSync(new URL("../fixtures/cli-birthwt.csv", import.meta.url), "utf8"), {source: "birthwt"});
  it.each([
    ["ml", {bootstrap: {replicates: 20, seed: 3}, procedureBootstrap: {replicates: 10, seed: 4}, cutpointReplicates: 10}],
    ["firth", {bootstrap: {replicates: 20, seed: 3}, procedureBootstrap: null, cutpointReplicates: 10}]
  ] as const)("%s, with a screen, selection and the bootstraps", (estimate, options) => {
    const procedure = fitAllProcedure("low", ["age", "lwt", "smoke", "ht", "ui"], {event: "1", estimate});
    procedure.screen = {method: "univariable", p: 0.2};
    procedure.select = {method: "wald", p: 0.2};
    const data = prepareData(typedTable(table), {outcome: procedure.outcome, event: procedure.event, candidates: procedure.candidates});
    calls.length = 0;
    const {result} = runPipelineOnData(data, procedure, options);
    expect(result.decisionCurveBootstrap?.used).toBeGreaterThan(15);
    if (estimate === "ml") expect(result.checks.anova?.length).toBeGreaterThan(1);
    // the run fits the bootstrap's resamples and more (a count that shows the recording works)
    expect(calls.length).toBeGreaterThan(30);
    expect(repeated()).toEqual([]);
  });
});
