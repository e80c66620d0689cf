/**
 * The page's side of the simulation worker: `run(request, onRecords)` starts a run and resolves with every record
 * and the worker's time when it is done; `cancel()` terminates the worker at once (the only way to stop a run in
 * the middle), rejecting the run with CancelledRun; the next run starts a fresh worker. One run at a time: a new
 * run cancels the one running. Browser only (Worker).
 *
 * @example const client = new SimulationClient(FileAttachment("data/teaching-worker.js").href)
 */
import {isSimulationResponse, type SimulationRequest} from "./protocol.js";
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

interface Pending {
  id: number;
  records: StudyRecord[];
  onRecords: (records: StudyRecord[], done: number, total: number) => void;
  resolve: (result: RunResult) => void;
  reject: (error: Error) => void;
}

export class SimulationClient {
  private worker: Worker | null = null;
  private pending: Pending | null = null;
  private nextId = 1;

  constructor(private readonly url: string | URL, private readonly createWorker: (url: string | URL) => Worker = (u) => new Worker(u)) {}

  get busy(): boolean {
    return this.pending !== null;
  }

  run(request: Omit<SimulationRequest, "type" | "id">, onRecords: Pending["onRecords"] = () => {}): Promise<RunResult> {
    if (this.pending) this.cancel();
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending = {id, records: [], onRecords, resolve, reject};
      worker.postMessage({type: "simulate", id, ...request} satisfies SimulationRequest);
    });
  }

  cancel(): void {
    const pending = this.pending;
    this.terminate();
    pending?.reject(new CancelledRun());
  }

  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    this.pending = null;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.createWorker(this.url);
    worker.addEventListener("message", (event: MessageEvent) => this.receive(event.data));
    worker.addEventListener("error", (event: ErrorEvent) => {
      event.preventDefault();
      const pending = this.pending;
      this.terminate();
      pending?.reject(new Error(`The simulation stopped unexpectedly${event.message ? `: ${event.message}` : ""}.`));
    });
    this.worker = worker;
    return worker;
  }

  private receive(data: unknown): void {
    if (!isSimulationResponse(data)) return;
    const pending = this.pending;
    if (!pending || data.id !== pending.id) return;
    if (data.type === "studies") {
      for (const r of data.records) pending.records.push(r);
      pending.onRecords(data.records, data.done, data.total);
    } else if (data.type === "done") {
      this.pending = null;
      pending.resolve({records: pending.records, elapsedMs: data.elapsedMs});
    } else {
      this.pending = null;
      pending.reject(new Error(data.message));
    }
  }
}
