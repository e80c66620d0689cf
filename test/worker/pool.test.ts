// The pool's promise: the same bootstrap, to the last bit, on any number of workers and in any range size — checked
// against the one-thread chunkedBootstrap (itself pinned to R in test/stats/optimism-bootstrap.test.ts).
import {readFileSync} from "node:fs";
import {afterAll, describe, expect, it} from "vitest";
import {parseCsvTable} from "../../src/components/cohort/table.js";
import {typedTable} from "../../src/components/cohort/typed-table.js";
import {prepareData} from "../../src/components/cohort/prepare.js";
import {runPipelineOnData} from "../../src/components/pipeline/pipeline.js";
import {fitAllProcedure} from "../../src/components/procedure/procedure.js";
import {refitsAreFixed} from "../../src/components/pipeline/procedure-validation.js";
import {decisionCurveBootstrap} from "../../src/components/pipeline/shrinkage.js";
import {toJsonDocument} from "../../src/components/json-safe.js";
import {buildDesign} from "../../src/components/stats/design.js";
import {fitLogistic} from "../../src/components/stats/logistic.js";
import {fitFirth} from "../../src/components/stats/firth.js";
import {chunkedBootstrap, DECISION_THRESHOLDS} from "../../src/components/pipeline/validation.js";
import {parallelBootstrap, runPipelineWithPool} from "../../src/components/worker/parallel.js";
import {ReplicatePool, replicateRanges, defaultRangeSize, PoolCancelled} from "../../src/components/worker/pool.js";
import {nodeReplicatePool} from "../../src/components/worker/node-pool.js";
import {simulateLogisticCohort} from "../../bench/simulate.js";

const data = simulateLogisticCohort({n: 300, p: 4, seed: 11});
const design = buildDesign(data.columns, data.predictors);
const y = Float64Array.from(data.y);
const pools: ReplicatePool[] = [];
afterAll(() => pools.forEach((p) => p.terminate()));

describe("replicate ranges", () => {
  it("cover 0..B − 1 in order, each once", () => {
    expect(replicateRanges(10, 4)).toEqual([[0, 4], [4, 4], [8, 2]]);
    expect(defaultRangeSize(200, 2)).toBe(8); // 25 ranges
    expect(defaultRangeSize(3, 8)).toBe(1);
  });
});

describe("parallelBootstrap equals chunkedBootstrap to the last bit", () => {
  it.each([["ml", 1], ["ml", 2], ["ml", 3], ["firth", 2]] as const)("%s on %i worker(s)", async (method, workers) => {
    const replicates = method === "firth" ? 12 : 41;
    const original = method === "firth" ? fitFirth(design, y) : fitLogistic(design, y);
    const one = chunkedBootstrap(design, y, {replicates, seed: 5, method, original});
    const pool = nodeReplicatePool(workers);
    pools.push(pool);
    const progress: number[] = [];
    const many = await parallelBootstrap(pool, design, y, {replicates, seed: 5, method, original}, (d) => progress.push(d));
    expect(many.optimism).toEqual(one.optimism);
    expect(many.corrected).toEqual(one.corrected);
    expect(many.failed).toEqual(one.failed);
    for (const k of Object.keys(one.optimismByReplicate) as (keyof typeof one.optimismByReplicate)[]) {
      expect(Array.from(many.optimismByReplicate[k])).toEqual(Array.from(one.optimismByReplicate[k]));
    }
    expect(progress[progress.length - 1]).toBe(replicates);
    pool.terminate();
  }, 60_000);
  it("a terminated pool rejects the running job", async () => {
    const pool = nodeReplicatePool(2);
    const original = fitLogistic(design, y);
    const running = parallelBootstrap(pool, design, y, {replicates: 400, seed: 5, method: "ml", original});
    setTimeout(() => pool.terminate(), 50);
    await expect(running).rejects.toBeInstanceOf(PoolCancelled);
  }, 60_000);
});

describe("runPipelineWithPool: the pipeline's document, to the last bit, with both bootstraps on the pool", () => {
  const table = parseCsvTable(readFileSync(new URL("../fixtures/cli-birthwt.csv", import.meta.url), "utf8"), {source: "birthwt"});
  const procedure = fitAllProcedure("low", ["age", "lwt", "smoke", "ht", "ui"], {event: "1", estimate: "ml"});
  procedure.screen = {method: "univariable", p: 0.2};
  const data = prepareData(typedTable(table), {outcome: procedure.outcome, event: procedure.event, candidates: procedure.candidates});
  const options = {bootstrap: {replicates: 24, seed: 8}, procedureBootstrap: {replicates: 16, seed: 8}, cutpointReplicates: 30, cutpointSeed: 4};
  const {result: one, run} = runPipelineOnData(data, procedure, options);
  const reference = toJsonDocument(one);
  it.each([1, 2, 3])("on %i worker(s)", async (workers) => {
    const pool = nodeReplicatePool(workers);
    pools.push(pool);
    const {result} = await runPipelineWithPool(data, procedure, options, pool);
    expect(toJsonDocument(result)).toBe(reference);
    expect(result.validation?.procedure?.replicates).toBe(16);
    expect(result.checks.cutpoints.map((c) => c.replicates)).toEqual(result.checks.cutpoints.map(() => 30));
    pool.terminate();
  }, 120_000);
  it("the decision curve taken from the fixed bootstrap's refits is the one that refits every resample itself", () => {
    const refitted = decisionCurveBootstrap(run.model.fit, run.model.design, data.y, {...options.bootstrap, thresholds: DECISION_THRESHOLDS});
    expect(one.decisionCurveBootstrap).toEqual(refitted);
    expect(one.decisionCurveBootstrap!.used).toBeGreaterThan(20);
  });
});

describe("a procedure whose refits are fixed: its whole-procedure bootstrap read off the fixed bootstrap's refits", () => {
  // No screen, no selection, no spline: every resample's model is the fixed bootstrap's refit of the same rows, so
  // the pool fits each resample once. The document must be the one that runs the whole-procedure bootstrap itself
  // (runPipelineOnData), to the last bit — with a categorical candidate, Firth's estimator, and a small cohort
  // whose resamples separate or drop a category.
  const text = readFileSync(new URL("../fixtures/cli-birthwt.csv", import.meta.url), "utf8");
  const lines = text.trim().split("\n");
  const small = [...lines.slice(0, 31), ...lines.slice(-12)].join("\n"); // 30 without the event, then 12 with it
  const cases = [
    ["birthwt, ML", text, "ml"],
    ["birthwt, Firth", text, "firth"],
    ["42 of its rows, ML", small, "ml"]
  ] as const;
  it.each(cases)("%s", async (_label, csv, estimate) => {
    const table = parseCsvTable(csv, {source: "birthwt"});
    const procedure = fitAllProcedure("low", ["age", "lwt", "race", "smoke", "ht", "ui"], {event: "1", estimate});
    expect(refitsAreFixed(procedure)).toBe(true);
    const data = prepareData(typedTable(table), {outcome: procedure.outcome, event: procedure.event, candidates: procedure.candidates});
    const options = {bootstrap: {replicates: estimate === "firth" ? 12 : 40, seed: 9}, cutpointReplicates: 0};
    const reference = toJsonDocument(runPipelineOnData(data, procedure, options).result);
    const pool = nodeReplicatePool(2);
    pools.push(pool);
    const kinds: string[] = [];
    const run = pool.run.bind(pool);
    pool.run = ((kind: Parameters<typeof run>[0], ...rest: unknown[]) => {
      kinds.push(kind);
      return (run as (...args: unknown[]) => unknown)(kind, ...rest);
    }) as typeof pool.run;
    const {result} = await runPipelineWithPool(data, procedure, options, pool);
    expect(kinds).toContain("fixed-bootstrap");
    expect(kinds).not.toContain("procedure-bootstrap");
    // the model checks' likelihood-ratio refits ran on the pool too (none for Firth, which has no LR anova)
    expect(kinds.includes("reduced-fits")).toBe(estimate === "ml");
    expect(toJsonDocument(result)).toBe(reference);
    if (csv === small) expect(result.validation!.procedure!.failed.total).toBeGreaterThan(0);
    pool.terminate();
  }, 120_000);
  it("a screen, a selection or a spline is re-run in every resample", async () => {
    const base = fitAllProcedure("low", ["age", "lwt"], {event: "1", estimate: "ml"});
    expect(refitsAreFixed({...base, screen: {method: "univariable", p: 0.2}})).toBe(false);
    expect(refitsAreFixed({...base, select: {method: "wald", p: 0.05}})).toBe(false);
    expect(refitsAreFixed({...base, splines: {age: 3}})).toBe(false);
    expect(refitsAreFixed({...base, candidates: []})).toBe(false);
  });
});
