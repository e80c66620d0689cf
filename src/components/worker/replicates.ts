/**
 * The replicate functions a worker pool (./pool.ts) can run: each maps a job's shared input and a range of
 * replicate indices start..start + count − 1 to that range's part of the result. A replicate's randomness comes
 * from replicateRng(seed, b) (../stats/random.ts) alone, so the parts of any split of 0..B − 1, concatenated in
 * replicate order, are the one-thread result to the last bit, whatever the number of workers.
 *
 * A new kind of replicate (a whole-procedure bootstrap, a simulation) is one entry in REPLICATE_FUNCTIONS: the
 * pool, its workers (browser and Node) and the merge in order need nothing else. Pure: no DOM, no Node APIs.
 *
 * @example REPLICATE_FUNCTIONS["fixed-bootstrap"](shared, 0, 10) // replicates 0..9 of Harrell's bootstrap
 */
import type {DesignMatrix} from "../stats/design.js";
import {optimismBootstrap, type PerformanceIndices} from "../stats/optimism-bootstrap.js";
import type {BootstrapPart} from "../pipeline/validation.js";

/** Harrell's bootstrap with the model's predictors fixed (pipeline/validation.ts), as structured-cloneable data. */
export interface FixedBootstrapJob {
  design: DesignMatrix;
  y: Float64Array;
  seed: number;
  method: "ml" | "firth";
  /** The original model's indices on all of the data (computed once, by the caller). */
  apparent: PerformanceIndices;
}

function fixedBootstrapRange(job: FixedBootstrapJob, start: number, count: number): BootstrapPart {
  const b = optimismBootstrap(job.design, job.y, {replicates: count, firstReplicate: start, seed: job.seed, method: job.method, apparent: job.apparent});
  return {optimismByReplicate: b.optimismByReplicate, testByReplicate: b.testByReplicate, failed: b.failed};
}

export type ReplicateFunction = (shared: never, start: number, count: number) => unknown;

export const REPLICATE_FUNCTIONS = {
  "fixed-bootstrap": fixedBootstrapRange as (shared: FixedBootstrapJob, start: number, count: number) => BootstrapPart
} satisfies Record<string, (shared: never, start: number, count: number) => unknown>;

export type ReplicateKind = keyof typeof REPLICATE_FUNCTIONS;
export type SharedOf<K extends ReplicateKind> = Parameters<(typeof REPLICATE_FUNCTIONS)[K]>[0];
export type PartOf<K extends ReplicateKind> = ReturnType<(typeof REPLICATE_FUNCTIONS)[K]>;

/** Runs one range in this thread (the pool's one-worker path and its workers share it). */
export function runReplicateRange<K extends ReplicateKind>(kind: K, shared: SharedOf<K>, start: number, count: number): PartOf<K> {
  const fn = REPLICATE_FUNCTIONS[kind] as unknown as (s: SharedOf<K>, a: number, b: number) => PartOf<K>;
  if (typeof fn !== "function") throw new TypeError(`runReplicateRange: no replicate function "${String(kind)}"`);
  return fn(shared, start, count);
}

/** The typed arrays of a part, to transfer rather than copy it back from a worker. */
export function transferablesOf(value: unknown, into: ArrayBuffer[] = [], depth = 0): ArrayBuffer[] {
  if (depth > 4 || value === null || typeof value !== "object") return into;
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer && value.byteOffset === 0 && value.byteLength === value.buffer.byteLength && !into.includes(value.buffer)) into.push(value.buffer);
    return into;
  }
  for (const v of Object.values(value)) transferablesOf(v, into, depth + 1);
  return into;
}
