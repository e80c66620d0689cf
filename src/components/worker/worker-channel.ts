/**
 * What every page's worker client shares (the analysis, validation and simulation clients): one worker started on
 * first use, one request at a time (a new request cancels the running one), answers matched to their request by id
 * (an answer to a superseded request is dropped), and cancel() by terminating the worker — the only way to stop a
 * fit or a bootstrap at once — after which the next request starts a fresh worker. A crash of the worker rejects the
 * running request with the client's own error. Browser only (Worker); tests pass a fake worker factory.
 *
 * @example const channel = new WorkerChannel(url, (u) => new Worker(u), isValidationResponse, {crashed: (d) => new Error(`stopped${d}`), cancelled: () => new CancelledError()})
 */

export type CreateWorker = (url: string | URL) => Worker;

/** How a client reads its worker's messages for one request: finish or fail it, or keep waiting. */
export type Receive<Response, T> = (message: Response, finish: (value: T) => void, fail: (error: Error) => void) => void;

export interface ChannelErrors {
  /** The error a crash of the worker rejects the running request with; `detail` is ": message" or "". */
  crashed: (detail: string) => Error;
  /** The error cancel() rejects the running request with. */
  cancelled: () => Error;
}

interface Pending<Response> {
  id: number;
  receive: (message: Response) => void;
  reject: (error: Error) => void;
}

export class WorkerChannel<Request extends {id: number}, Response extends {id: number}> {
  private worker: Worker | null = null;
  private pending: Pending<Response> | null = null;
  private lastId = 0;
  /** Called whenever the worker is ended (cancel, terminate, crash): state the worker held is gone. */
  onTerminate: () => void = () => {};

  constructor(
    private readonly url: string | URL,
    private readonly createWorker: CreateWorker,
    private readonly isResponse: (value: unknown) => value is Response,
    private readonly errors: ChannelErrors
  ) {}

  get busy(): boolean {
    return this.pending !== null;
  }

  /** A fresh request id. */
  nextId(): number {
    return ++this.lastId;
  }

  /** Sends `request` (cancelling whatever runs) and settles as `receive` decides from the worker's answers. */
  send<T>(request: Request, receive: Receive<Response, T>, transfer: Transferable[] = []): Promise<T> {
    if (this.pending) this.cancel();
    const worker = this.ensureWorker();
    return new Promise<T>((resolve, reject) => {
      const settle = () => {
        if (this.pending?.id === request.id) this.pending = null;
      };
      this.pending = {
        id: request.id,
        reject,
        receive: (message) =>
          receive(
            message,
            (value) => {
              settle();
              resolve(value);
            },
            (error) => {
              settle();
              reject(error);
            }
          )
      };
      worker.postMessage(request, transfer);
    });
  }

  /** Stops whatever is running, rejecting it with the client's cancelled error. */
  cancel(): void {
    const pending = this.pending;
    this.terminate();
    pending?.reject(this.errors.cancelled());
  }

  /** Ends the worker; the next request starts a new one. */
  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    this.pending = null;
    this.onTerminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.createWorker(this.url);
    worker.addEventListener("message", (event: MessageEvent) => {
      const data: unknown = event.data;
      if (!this.isResponse(data)) return;
      if (this.pending && data.id === this.pending.id) this.pending.receive(data);
    });
    worker.addEventListener("error", (event: ErrorEvent) => {
      event.preventDefault();
      const pending = this.pending;
      this.terminate();
      pending?.reject(this.errors.crashed(event.message ? `: ${event.message}` : ""));
    });
    this.worker = worker;
    return worker;
  }
}

/**
 * A page's client of one worker over a WorkerChannel: busy, cancel() and terminate() as the channel has them; the
 * subclass adds its requests.
 */
export class ChannelClient<Request extends {id: number}, Response extends {id: number}> {
  protected readonly channel: WorkerChannel<Request, Response>;

  constructor(url: string | URL, createWorker: CreateWorker, isResponse: (value: unknown) => value is Response, errors: ChannelErrors) {
    this.channel = new WorkerChannel(url, createWorker, isResponse, errors);
  }

  get busy(): boolean {
    return this.channel.busy;
  }

  cancel(): void {
    this.channel.cancel();
  }

  terminate(): void {
    this.channel.terminate();
  }
}
