// The Validation page's worker client (src/components/worker/validation-client.ts) against a fake worker: progress
// and the result of the current request, cancel terminating the worker, a new request superseding the old one.
import {describe, it, expect} from "vitest";
import {CancelledError, ValidationClient} from "../../src/components/worker/validation-client.js";
import {STUDY_PROCEDURE} from "../../src/components/study/study.js";

class FakeWorker extends EventTarget {
  posted: {id: number}[] = [];
  terminated = false;
  postMessage(message: {id: number}): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(data: unknown): void {
    this.dispatchEvent(new MessageEvent("message", {data}));
  }
}

/** A client whose every new worker is a FakeWorker, kept in `workers` in the order the client made them. */
function clientWithFakeWorkers(): {workers: FakeWorker[]; client: ValidationClient} {
  const workers: FakeWorker[] = [];
  const client = new ValidationClient("x", () => {
    const w = new FakeWorker();
    workers.push(w);
    return w as unknown as Worker;
  });
  return {workers, client};
}

const request = {cohortCsv: "", procedure: STUDY_PROCEDURE, replicates: 10, seed: 1, fixed: null};

describe("ValidationClient", () => {
  it("reports progress and resolves with the current request's result; ignores stale answers", async () => {
    const {workers, client} = clientWithFakeWorkers();
    const progress: number[] = [];
    const p = client.validate(request, (_, f) => progress.push(f));
    const id = workers[0]!.posted[0]!.id;
    workers[0]!.answer({type: "progress", id: id + 99, stage: "procedure", fraction: 0.9});
    workers[0]!.answer({type: "progress", id, stage: "procedure", fraction: 0.5});
    workers[0]!.answer({type: "result", id, fixed: null, procedure: {kind: "procedure"}, ms: 3});
    const r = await p;
    expect(r.ms).toBe(3);
    expect(progress).toEqual([0.5]);
    expect(client.busy).toBe(false);
  });
  it("cancel terminates the worker and rejects with CancelledError; the next call starts a fresh worker", async () => {
    const {workers, client} = clientWithFakeWorkers();
    const p = client.validate(request);
    client.cancel();
    await expect(p).rejects.toBeInstanceOf(CancelledError);
    expect(workers[0]!.terminated).toBe(true);
    const q = client.validate(request);
    expect(workers).toHaveLength(2);
    const id = workers[1]!.posted[0]!.id;
    workers[1]!.answer({type: "error", id, message: "bad"});
    await expect(q).rejects.toThrow("bad");
  });
});
