/**
 * Promise-based client of the Validation page's worker (./validation-worker.ts): `validate(request)` resolves
 * with the worker's result and reports progress; `cancel()` terminates the worker (the only way to stop a running
 * bootstrap at once) and rejects the pending call with CancelledError; the next call starts a fresh worker. A new
 * call supersedes the running one. Browser only (Worker); tests pass a fake worker factory.
 *
 * @example const client = new ValidationClient(FileAttachment("data/validation-worker.js").href)
 */
import {CancelledError} from "./client.js";
import {isValidationResponse, type ValidationRequest, type ValidationResponse} from "./validation-protocol.js";

export {CancelledError};

export type ValidationResult = Extract<ValidationResponse, {type: "result"}>;

interface Pending {
  id: number;
  resolve: (value: ValidationResult) => void;
  reject: (error: Error) => void;
  onProgress: ((stage: string, fraction: number) => void) | undefined;
}

export class ValidationClient {
  private worker: Worker | null = null;
  private pending: Pending | null = null;
  private nextId = 1;

  constructor(private readonly url: string | URL, private readonly createWorker: (url: string | URL) => Worker = (u) => new Worker(u)) {}

  get busy(): boolean {
    return this.pending !== null;
  }

  validate(request: Omit<ValidationRequest, "type" | "id">, onProgress?: (stage: string, fraction: number) => void): Promise<ValidationResult> {
    if (this.pending) this.cancel();
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending = {id, resolve, reject, onProgress};
      worker.postMessage({...request, type: "validate", id} satisfies ValidationRequest);
    });
  }

  cancel(): void {
    const pending = this.pending;
    this.worker?.terminate();
    this.worker = null;
    this.pending = null;
    pending?.reject(new CancelledError());
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.createWorker(this.url);
    worker.addEventListener("message", (event: MessageEvent) => this.receive(event.data));
    worker.addEventListener("error", (event: ErrorEvent) => {
      event.preventDefault();
      const pending = this.pending;
      this.worker?.terminate();
      this.worker = null;
      this.pending = null;
      pending?.reject(new Error(`The bootstrap stopped unexpectedly${event.message ? `: ${event.message}` : ""}.`));
    });
    this.worker = worker;
    return worker;
  }

  private receive(data: unknown): void {
    if (!isValidationResponse(data)) return;
    const pending = this.pending;
    if (!pending || data.id !== pending.id) return;
    if (data.type === "progress") {
      pending.onProgress?.(data.stage, data.fraction);
      return;
    }
    this.pending = null;
    if (data.type === "error") pending.reject(new Error(data.message));
    else pending.resolve(data);
  }
}
