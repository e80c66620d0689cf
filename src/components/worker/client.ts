/**
 * Promise-based wrapper around the analysis Web Worker: `load(file)` and `analyze(choices)` each return a promise
 * of the worker's answer, report progress through a callback, and can be cancelled. Cancelling terminates the
 * worker (the only way to stop a running fit at once); the next call starts a fresh one and, if a file had been
 * loaded, reloads it first, so the reader's file and choices survive a cancel.
 *
 * Throws (rejects with) AnalysisFailure carrying the worker's message, location and code; CancelledError when
 * cancelled. Browser only (Worker).
 *
 * @example const client = new AnalysisClient(FileAttachment("data/analysis-worker.js").href);
 *          const table = await client.load(file, {onProgress: ({stage, fraction}) => …});
 */
import type {Dialect} from "../cohort/readers/dialect.js";
import {MAX_FILE_BYTES, isWorkerResponse, type AnalysisChoices, type ErrorCode, type ErrorLocation, type LoadedTable, type PageResult, type ValidationChoices, type ValidationPageResult, type WorkerRequest, type WorkerResponse} from "./protocol.js";

export interface Progress {
  stage: string;
  fraction: number;
}

export interface CallOptions {
  onProgress?: (progress: Progress) => void;
}

export class AnalysisFailure extends Error {
  readonly where?: ErrorLocation;
  readonly code: ErrorCode;
  constructor(message: string, code: ErrorCode, where?: ErrorLocation) {
    super(message);
    this.name = "AnalysisFailure";
    this.code = code;
    if (where) this.where = where;
  }
}

export class CancelledError extends Error {
  constructor() {
    super("The analysis was cancelled.");
    this.name = "CancelledError";
  }
}

/** "12.3 MB" for a byte count. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The size check the page makes before reading a byte of the file. Returns the reader's message, or null. */
export function checkFileSize(file: {size: number; name?: string}, limit = MAX_FILE_BYTES): string | null {
  if (file.size > limit) {
    return `“${file.name ?? "This file"}” is ${formatBytes(file.size)}; this page handles files up to ${formatBytes(limit)} (about 400,000 rows of 20 columns). Analyse a larger file with the command-line tool (npm run analyze), which has no such limit.`;
  }
  if (file.size === 0) return `“${file.name ?? "This file"}” is empty (0 bytes). Choose a CSV file with a header row and one row per patient.`;
  return null;
}

interface Pending {
  id: number;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onProgress?: ((progress: Progress) => void) | undefined;
  expect: "loaded" | "result" | "validation";
}

export class AnalysisClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending: Pending | null = null;
  private lastFile: {file: Blob; fileName: string; dialect?: Partial<Dialect>; sheet?: string} | null = null;
  private loadedId = 0;

  constructor(private readonly url: string | URL, private readonly createWorker: (url: string | URL) => Worker = (u) => new Worker(u)) {}

  /** Reads and parses a file in the worker. Rejects with AnalysisFailure for a file the page cannot use. */
  async load(file: File | Blob, {onProgress, fileName, dialect, sheet}: CallOptions & {fileName?: string; dialect?: Partial<Dialect>; sheet?: string} = {}): Promise<LoadedTable> {
    const name = fileName ?? ((file as File).name || "data.csv");
    const sizeProblem = checkFileSize({size: file.size, name});
    if (sizeProblem) throw new AnalysisFailure(sizeProblem, file.size === 0 ? "empty" : "too-large");
    const how = {...(dialect ? {dialect} : {}), ...(sheet !== undefined ? {sheet} : {})};
    this.lastFile = {file, fileName: name, ...how};
    this.loadedId = 0;
    const id = this.nextId++;
    const table = (await this.call({type: "load", id, file, fileName: name, ...how}, "loaded", onProgress)) as LoadedTable;
    this.loadedId = id;
    return table;
  }

  /** Runs the analysis on the loaded file (reloading it first if the worker was restarted). */
  async analyze(choices: AnalysisChoices, {onProgress}: CallOptions = {}): Promise<PageResult> {
    if (!this.lastFile) throw new AnalysisFailure("Choose a CSV file first.", "choices");
    if (!this.loadedId) await this.reload(onProgress);
    const id = this.nextId++;
    return (await this.call({type: "analyze", id, choices}, "result", onProgress)) as PageResult;
  }

  /** Validates a given equation on the loaded file (reloading it first if the worker was restarted). */
  async validate(validation: ValidationChoices, {onProgress}: CallOptions = {}): Promise<ValidationPageResult> {
    if (!this.lastFile) throw new AnalysisFailure("Choose a CSV file first.", "choices");
    if (!this.loadedId) await this.reload(onProgress);
    const id = this.nextId++;
    return (await this.call({type: "validate", id, validation}, "validation", onProgress)) as ValidationPageResult;
  }

  private async reload(onProgress?: (progress: Progress) => void): Promise<void> {
    const last = this.lastFile!;
    await this.load(last.file, {onProgress, fileName: last.fileName, ...(last.dialect ? {dialect: last.dialect} : {}), ...(last.sheet !== undefined ? {sheet: last.sheet} : {})});
  }

  /** Stops whatever is running (rejecting it with CancelledError); the file stays chosen. */
  cancel(): void {
    const pending = this.pending;
    this.terminate();
    pending?.reject(new CancelledError());
  }

  /** Ends the worker; the next call starts a new one. */
  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    this.pending = null;
    this.loadedId = 0;
  }

  get busy(): boolean {
    return this.pending !== null;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.createWorker(this.url);
    worker.addEventListener("message", (event: MessageEvent) => this.receive(event.data));
    worker.addEventListener("error", (event: ErrorEvent) => {
      event.preventDefault();
      const pending = this.pending;
      this.terminate();
      pending?.reject(new AnalysisFailure(`The analysis stopped unexpectedly${event.message ? `: ${event.message}` : ""}. Your choices are kept; try again, or use fewer rows or predictors.`, "internal"));
    });
    this.worker = worker;
    return worker;
  }

  private call(request: WorkerRequest, expect: Pending["expect"], onProgress?: (progress: Progress) => void): Promise<unknown> {
    // One request at a time: a new request supersedes (cancels) the one running.
    if (this.pending) this.cancel();
    const worker = this.ensureWorker();
    return new Promise((resolve, reject) => {
      this.pending = {id: request.id, resolve, reject, onProgress, expect};
      worker.postMessage(request);
    });
  }

  private receive(data: unknown): void {
    if (!isWorkerResponse(data)) return;
    const pending = this.pending;
    if (!pending || data.id !== pending.id) return; // an answer to a superseded request
    const message = data as WorkerResponse;
    if (message.type === "progress") {
      pending.onProgress?.({stage: message.stage, fraction: message.fraction});
      return;
    }
    this.pending = null;
    if (message.type === "error") pending.reject(new AnalysisFailure(message.message, message.code ?? "analysis", message.where));
    else if (message.type === "loaded") pending.resolve(message.table);
    else if (message.type === "validation") pending.resolve(message.result);
    else pending.resolve(message.result);
  }
}
