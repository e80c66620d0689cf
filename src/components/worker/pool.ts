/**
 * A pool of workers that runs the replicates of one job (./replicates.ts) in parallel: the replicate indices
 * 0..B − 1 are cut into consecutive ranges, each idle worker takes the next range, and the parts come back in
 * replicate order whatever order the workers finish in — so the result is the one-thread result to the last bit
 * for any number of workers. Progress is reported after each range; terminate() stops every worker at once
 * (Cancel). With size 1 (or no worker available) the ranges run in the calling thread, with the same ranges.
 *
 * The pool is generic over the thread it runs on: `spawn` makes an endpoint — a browser Worker
 * (./browser-pool.ts, navigator.hardwareConcurrency of them) or a Node worker_threads Worker (./node-pool.ts).
 * Messages (./pool-protocol in this file):
 *
 *   pool → worker   {type: "job", job, kind, shared}          once per job and worker
 *                   {type: "range", job, index, start, count} one range to run
 *   worker → pool   {type: "part", job, index, part}          the range's part
 *                   {type: "failed", job, index, message}     the range threw
 *
 * @example await pool.run("fixed-bootstrap", shared, 200, {onProgress: (done) => …}) // parts in replicate order
 */
import {prepareReplicates, runReplicateRange, transferablesOf, type PartOf, type ReplicateKind, type SharedOf} from "./replicates.js";

export type PoolRequest =
  | {type: "job"; job: number; kind: ReplicateKind; shared: unknown}
  | {type: "range"; job: number; index: number; start: number; count: number};
export type PoolResponse = {type: "part"; job: number; index: number; part: unknown} | {type: "failed"; job: number; index: number; message: string};

/** One worker as the pool sees it (browser Worker and worker_threads Worker alike). */
export interface PoolEndpoint {
  post(message: PoolRequest): void;
  onMessage(listener: (message: PoolResponse) => void): void;
  onError(listener: (error: Error) => void): void;
  terminate(): void;
}

export interface RunOptions {
  /** Replicates per range (default: about 4 ranges per worker and at least 25 in all, for progress). */
  rangeSize?: number;
  onProgress?: (done: number) => void;
}

/** Replicates per range: ranges enough for ~25 progress steps and for balancing the workers, at least 1. */
export function defaultRangeSize(replicates: number, workers: number): number {
  return Math.max(1, Math.ceil(replicates / Math.max(25, 4 * workers)));
}

/** The ranges [start, count] of 0..replicates − 1, in order. */
export function replicateRanges(replicates: number, rangeSize: number): [number, number][] {
  const out: [number, number][] = [];
  for (let start = 0; start < replicates; start += rangeSize) out.push([start, Math.min(rangeSize, replicates - start)]);
  return out;
}

export class PoolCancelled extends Error {
  constructor() {
    super("The pool was terminated.");
    this.name = "PoolCancelled";
  }
}

/** The worker-side loop: answers the pool's messages with runReplicateRange (used by both worker entries). */
export function servePool(post: (message: PoolResponse, transfer: ArrayBuffer[]) => void): (message: PoolRequest) => void {
  // one job at a time: a new one replaces the last; its state is prepared at its first range
  let job: {id: number; kind: ReplicateKind; shared: unknown; state?: unknown} | null = null;
  return (message) => {
    if (message.type === "job") {
      job = {id: message.job, kind: message.kind, shared: message.shared};
      return;
    }
    try {
      if (!job || job.id !== message.job) throw new Error(`no job ${message.job} on this worker`);
      if (job.state === undefined) job.state = prepareReplicates(job.kind, job.shared as never);
      const part = runReplicateRange(job.kind, job.state as never, message.start, message.count);
      post({type: "part", job: message.job, index: message.index, part}, transferablesOf(part));
    } catch (e) {
      post({type: "failed", job: message.job, index: message.index, message: e instanceof Error ? e.message : String(e)}, []);
    }
  };
}

export class ReplicatePool {
  private endpoints: PoolEndpoint[] = [];
  private nextJob = 1;
  private abort: ((error: Error) => void) | null = null;

  /** `size` workers made by `spawn` (none when size is 1: the ranges then run in this thread). */
  constructor(readonly size: number, private readonly spawn: (() => PoolEndpoint) | null) {
    if (!(Number.isInteger(size) && size >= 1)) throw new RangeError(`ReplicatePool: size must be an integer >= 1, got ${size}`);
  }

  /** Runs replicates 0..replicates − 1 of `kind`; resolves with the parts in replicate order. */
  async run<K extends ReplicateKind>(kind: K, shared: SharedOf<K>, replicates: number, {rangeSize, onProgress}: RunOptions = {}): Promise<PartOf<K>[]> {
    const ranges = replicateRanges(replicates, rangeSize ?? defaultRangeSize(replicates, this.size));
    if (this.size === 1 || !this.spawn) {
      const parts: PartOf<K>[] = [];
      const state = prepareReplicates(kind, shared);
      for (const [start, count] of ranges) {
        parts.push(runReplicateRange(kind, state, start, count));
        onProgress?.(start + count);
      }
      return parts;
    }
    const spawn = this.spawn;
    while (this.endpoints.length < Math.min(this.size, ranges.length)) {
      const endpoint = spawn();
      endpoint.onMessage((m) => this.listener?.(endpoint, m));
      endpoint.onError((e) => this.abort?.(e));
      this.endpoints.push(endpoint);
    }
    const job = this.nextJob++;
    const workers = this.endpoints.slice(0, Math.min(this.size, ranges.length));
    return new Promise<PartOf<K>[]>((resolve, reject) => {
      const parts: (PartOf<K> | undefined)[] = new Array(ranges.length);
      let next = 0;
      let finished = 0;
      let done = 0;
      const dispatch = (endpoint: PoolEndpoint) => {
        if (next >= ranges.length) return;
        const index = next++;
        const [start, count] = ranges[index]!;
        endpoint.post({type: "range", job, index, start, count});
      };
      const settle = () => {
        this.listener = null;
        this.abort = null;
      };
      this.abort = (error) => {
        settle();
        reject(error);
      };
      this.listener = (endpoint, m) => {
        if (m.job !== job) return;
        if (m.type === "failed") {
          settle();
          reject(new Error(m.message));
          return;
        }
        parts[m.index] = m.part as PartOf<K>;
        done += ranges[m.index]![1];
        finished++;
        onProgress?.(done);
        if (finished === ranges.length) {
          settle();
          resolve(parts as PartOf<K>[]);
        } else dispatch(endpoint);
      };
      for (const endpoint of workers) endpoint.post({type: "job", job, kind, shared});
      // two ranges in flight per worker, so none waits for its next range
      for (let round = 0; round < 2; round++) for (const endpoint of workers) dispatch(endpoint);
    });
  }

  private listener: ((endpoint: PoolEndpoint, message: PoolResponse) => void) | null = null;

  /** Stops every worker (a running job rejects with PoolCancelled); the next run starts new ones. */
  terminate(): void {
    for (const e of this.endpoints) e.terminate();
    this.endpoints = [];
    const abort = this.abort;
    this.abort = null;
    this.listener = null;
    abort?.(new PoolCancelled());
  }
}
