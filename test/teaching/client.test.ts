// The page's side of the simulation worker (SimulationClient) against a fake Worker that answers as
// src/components/teaching/worker.ts does — records in chunks, then "done" — computed here with the same engine:
// the client assembles the records in order (equal to simulateStudies), a cancel rejects the run and ends the
// worker, the next run starts a fresh one, answers to an earlier run are ignored, and a worker's error rejects.
import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import {populationFromCsv} from "../../src/components/teaching/population.js";
import {simulateStudies, simulateStudy} from "../../src/components/teaching/simulate.js";
import {SimulationClient, CancelledRun} from "../../src/components/teaching/client.js";
import {isSimulationResponse, type SimulationRequest, type SimulationResponse} from "../../src/components/teaching/protocol.js";

const cohortCsv = readFileSync(new URL("../fixtures/teaching-cohort.csv", import.meta.url), "utf8");
const published = JSON.parse(readFileSync(new URL("../../src/data/published.json", import.meta.url), "utf8"));
const pop = populationFromCsv(cohortCsv, published);

class FakeWorker extends EventTarget {
  static started = 0;
  terminated = false;
  constructor(private readonly behaviour: "ok" | "fail" | "stale" = "ok") {
    super();
    FakeWorker.started++;
  }
  postMessage(request: SimulationRequest): void {
    const send = (data: SimulationResponse): void => void setTimeout(() => !this.terminated && this.dispatchEvent(new MessageEvent("message", {data})), 0);
    if (this.behaviour === "fail") return send({type: "error", id: request.id, message: "the population could not be built"});
    if (this.behaviour === "stale") send({type: "done", id: request.id - 1, total: 0, elapsedMs: 0});
    for (let b = request.from; b < request.to; b += 3) {
      const records = [];
      for (let k = b; k < Math.min(request.to, b + 3); k++) records.push(simulateStudy(pop, request, k));
      send({type: "studies", id: request.id, records, done: Math.min(request.to, b + 3) - request.from, total: request.to - request.from, elapsedMs: 1});
    }
    send({type: "done", id: request.id, total: request.to - request.from, elapsedMs: 2});
  }
  terminate(): void {
    this.terminated = true;
  }
}

const request = {cohortCsv, published, n: 162, seed: 3, from: 0, to: 8, procedures: ["paper" as const]};

describe("SimulationClient", () => {
  it("assembles the chunks in order: the records are simulateStudies'", async () => {
    const client = new SimulationClient("worker.js", () => new FakeWorker() as unknown as Worker);
    const progress: number[] = [];
    const result = await client.run(request, (_r, done) => progress.push(done));
    expect(result.records).toEqual(simulateStudies(pop, {n: 162, seed: 3, to: 8, procedures: ["paper"]}));
    expect(progress).toEqual([3, 6, 8]);
    expect(result.elapsedMs).toBe(2);
    expect(client.busy).toBe(false);
  });
  it("cancel rejects the run with CancelledRun and ends the worker; the next run starts a new one", async () => {
    const workers: FakeWorker[] = [];
    const client = new SimulationClient("worker.js", () => (workers.push(new FakeWorker()), workers.at(-1)!) as unknown as Worker);
    const running = client.run(request);
    client.cancel();
    await expect(running).rejects.toBeInstanceOf(CancelledRun);
    expect(workers[0]!.terminated).toBe(true);
    const again = await client.run({...request, from: 4});
    expect(workers).toHaveLength(2);
    expect(again.records.map((r) => r.index)).toEqual([4, 5, 6, 7]);
  });
  it("ignores answers to an earlier request, and rejects with the worker's error message", async () => {
    const stale = new SimulationClient("worker.js", () => new FakeWorker("stale") as unknown as Worker);
    // each request is preceded by a "done" for the id before it: were it taken, the run would end with no records
    expect((await stale.run(request)).records).toHaveLength(8);
    expect((await stale.run(request)).records).toHaveLength(8);
    const failing = new SimulationClient("worker.js", () => new FakeWorker("fail") as unknown as Worker);
    await expect(failing.run(request)).rejects.toThrow("the population could not be built");
  });
  it("recognises the worker's messages", () => {
    expect(isSimulationResponse({type: "done", id: 1, total: 10, elapsedMs: 5})).toBe(true);
    expect(isSimulationResponse({type: "progress", id: 1})).toBe(false);
    expect(isSimulationResponse(null)).toBe(false);
  });
});
