/**
 * The page's side of the simulation worker: `run(request, onRecords)` starts a run and resolves with every record
 * and the worker's time when it is done; `cancel()` terminates the worker at once (the only way to stop a run in
 * the middle), rejecting the run with CancelledRun; the next run starts a fresh worker. One run at a time: a new
 * run cancels the one running. Browser only (Worker).
 *
 * @example const client = new SimulationClient(FileAttachment("data/teaching-worker.js").href)
 */
import {isSimulationResponse, type SimulationRequest, type SimulationResponse} from "./protocol.js";
import {ChannelClient, type CreateWorker} from "../worker/worker-channel.js";
import type {StudyRecord} from "./simulate.js";

export class CancelledRun extends Error {
  constructor() {
    super("The simulation was stopped.");
    this.name = "CancelledRun";
  }
}

export interface RunResult {
  records: StudyRecord[];
  /** Milliseconds the run took in the worker (building the population included). */
  elapsedMs: number;
}

export class SimulationClient extends ChannelClient<SimulationRequest, SimulationResponse> {
  constructor(url: string | URL, createWorker: CreateWorker = (u) => new Worker(u)) {
    super(url, createWorker, isSimulationResponse, {
      crashed: (detail) => new Error(`The simulation stopped unexpectedly${detail}.`),
      cancelled: () => new CancelledRun()
    });
  }

  run(request: Omit<SimulationRequest, "type" | "id">, onRecords: (records: StudyRecord[], done: number, total: number) => void = () => {}): Promise<RunResult> {
    const records: StudyRecord[] = [];
    return this.channel.send<RunResult>({type: "simulate", id: this.channel.nextId(), ...request}, (message, finish, fail) => {
      if (message.type === "studies") {
        for (const r of message.records) records.push(r);
        onRecords(message.records, message.done, message.total);
      } else if (message.type === "done") finish({records, elapsedMs: message.elapsedMs});
      else fail(new Error(message.message));
    });
  }
}
