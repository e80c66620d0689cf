// The pool's promise: the same bootstrap, to the last bit, on any number of workers and in any range size — checked
// against the one-thread chunkedBootstrap (itself pinned to R in test/stats/optimism-bootstrap.test.ts).
import {afterAll, describe, expect, it} from "vitest";
import {buildDesign} from "../../src/components/stats/design.js";
import {fitLogistic} from "../../src/components/stats/logistic.js";
import {fitFirth} from "../../src/components/stats/firth.js";
import {chunkedBootstrap} from "../../src/components/pipeline/validation.js";
import {parallelBootstrap} from "../../src/components/worker/parallel.js";
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

describe("runPipelineWithPool: the pipeline's document, to the last bit, with both bootstraps on the pool", async () => {
  const {readFileSync} = await import("node:fs");
  const {parseCsvTable} = await import("../../src/components/cohort/table.js");
  const {typedTable} = await import("../../src/components/cohort/typed-table.js");
  const {prepareData} = await import("../../src/components/cohort/prepare.js");
  const {runPipelineOnData} = await import("../../src/components/pipeline/pipeline.js");
  const {runPipelineWithPool} = await import("../../src/components/worker/parallel.js");
  const {fitAllProcedure} = await import("../../src/components/procedure/procedure.js");
  const {toJsonDocument} = await import("../../src/components/json-safe.js");
  const table = parseCsvTable(readFileSync(new URL("../fixtures/cli-birthwt.csv", import.meta.url), "utf8"), {source: "birthwt"});
  const procedure = fitAllProcedure("low", ["age", "lwt", "smoke", "ht", "ui"], {event: "1", estimate: "ml"});
  procedure.screen = {method: "univariable", p: 0.2};
  const data = prepareData(typedTable(table), {outcome: procedure.outcome, event: procedure.event, candidates: procedure.candidates});
  const {decisionCurveBootstrap} = await import("../../src/components/pipeline/shrinkage.js");
  const {DECISION_THRESHOLDS} = await import("../../src/components/pipeline/validation.js");
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
