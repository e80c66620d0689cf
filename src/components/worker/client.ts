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
import {WorkerChannel, type CreateWorker} from "./worker-channel.js";

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

export class AnalysisClient {
  private readonly channel: WorkerChannel<WorkerRequest, WorkerResponse>;
  private lastFile: {file: Blob; fileName: string; dialect?: Partial<Dialect>; sheet?: string} | null = null;
  private loadedId = 0;

  constructor(url: string | URL, createWorker: CreateWorker = (u) => new Worker(u)) {
    this.channel = new WorkerChannel(url, createWorker, isWorkerResponse, {
      crashed: (detail) => new AnalysisFailure(`The analysis stopped unexpectedly${detail}. Your choices are kept; try again, or use fewer rows or predictors.`, "internal"),
      cancelled: () => new CancelledError()
    });
    // a new worker holds no file: the next analysis reloads it first
    this.channel.onTerminate = () => {
      this.loadedId = 0;
    };
  }

  /** Reads and parses a file in the worker. Rejects with AnalysisFailure for a file the page cannot use. */
  async load(file: File | Blob, {onProgress, fileName, dialect, sheet}: CallOptions & {fileName?: string; dialect?: Partial<Dialect>; sheet?: string} = {}): Promise<LoadedTable> {
    const name = fileName ?? ((file as File).name || "data.csv");
    const sizeProblem = checkFileSize({size: file.size, name});
    if (sizeProblem) throw new AnalysisFailure(sizeProblem, file.size === 0 ? "empty" : "too-large");
    const how = {...(dialect ? {dialect} : {}), ...(sheet !== undefined ? {sheet} : {})};
    this.lastFile = {file, fileName: name, ...how};
    this.loadedId = 0;
    const id = this.channel.nextId();
    const table = (await this.call({type: "load", id, file, fileName: name, ...how}, onProgress)) as LoadedTable;
    this.loadedId = id;
    return table;
  }

  /** Runs the analysis on the loaded file (reloading it first if the worker was restarted). */
  async analyze(choices: AnalysisChoices, {onProgress, workers}: CallOptions & {workers?: number} = {}): Promise<PageResult> {
    if (!this.lastFile) throw new AnalysisFailure("Choose a CSV file first.", "choices");
    if (!this.loadedId) await this.reload(onProgress);
    return (await this.call({type: "analyze", id: this.channel.nextId(), choices, ...(workers === undefined ? {} : {workers})}, onProgress)) as PageResult;
  }

  /** Validates a given equation on the loaded file (reloading it first if the worker was restarted). */
  async validate(validation: ValidationChoices, {onProgress}: CallOptions = {}): Promise<ValidationPageResult> {
    if (!this.lastFile) throw new AnalysisFailure("Choose a CSV file first.", "choices");
    if (!this.loadedId) await this.reload(onProgress);
    return (await this.call({type: "validate", id: this.channel.nextId(), validation}, onProgress)) as ValidationPageResult;
  }

  private async reload(onProgress?: (progress: Progress) => void): Promise<void> {
    const last = this.lastFile!;
    await this.load(last.file, {onProgress, fileName: last.fileName, ...(last.dialect ? {dialect: last.dialect} : {}), ...(last.sheet !== undefined ? {sheet: last.sheet} : {})});
  }

  /** Stops whatever is running (rejecting it with CancelledError); the file stays chosen. */
  cancel(): void {
    this.channel.cancel();
  }

  /** Ends the worker; the next call starts a new one. */
  terminate(): void {
    this.channel.terminate();
  }

  get busy(): boolean {
    return this.channel.busy;
  }

  /** One request at a time: a new request supersedes (cancels) the one running. */
  private call(request: WorkerRequest, onProgress?: (progress: Progress) => void): Promise<unknown> {
    return this.channel.send<unknown>(request, (message, finish, fail) => {
      if (message.type === "progress") onProgress?.({stage: message.stage, fraction: message.fraction});
      else if (message.type === "error") fail(new AnalysisFailure(message.message, message.code ?? "analysis", message.where));
      else finish(message.type === "loaded" ? message.table : message.result);
    });
  }
}
