/**
 * The replicate functions a worker pool (./pool.ts) can run: each maps a job's shared input and a range of
 * replicate indices start..start + count − 1 to that range's part of the result. A replicate's randomness comes
 * from replicateRng(seed, b) (../stats/random.ts) alone, so the parts of any split of 0..B − 1, concatenated in
 * replicate order, are the one-thread result to the last bit, whatever the number of workers.
 *
 * A new kind of replicate (a simulation, say) is one entry in REPLICATE_FUNCTIONS ({prepare, range}): the pool,
 * its workers (browser and Node) and the merge in order need nothing else. Pure: no DOM, no Node APIs.
 *
 * @example runReplicateRange("fixed-bootstrap", prepareReplicates("fixed-bootstrap", job), 0, 10) // replicates 0..9 of Harrell's bootstrap
 */
import type {DesignMatrix} from "../stats/design.js";
import {fitLogistic, type LogisticFit} from "../stats/logistic.js";
import {dropTerms} from "../stats/likelihood-ratio.js";
import type {PerformanceIndices} from "../stats/optimism-bootstrap.js";
import {bootstrapRange, type BootstrapPart, type NetBenefitRequest} from "../pipeline/validation.js";
import type {PreparedData} from "../cohort/prepare.js";
import type {Procedure} from "../procedure/procedure.js";
import type {ProcedureRun} from "../procedure/run.js";
import {procedureOriginal, procedureReplicate, replicateRows, type ProcedureOriginal, type ProcedureReplicate, type RefitRecordRequest} from "../pipeline/procedure-validation.js";
import {cutpointRange, cutpointSetups, type CutpointRangePart} from "../pipeline/model-checks.js";
import type {CutpointSetup} from "../stats/cutpoint-bootstrap.js";

/** Fits of one design's reduced models (the model checks' LR tests): item b drops the terms drops[b] ([] for none). */
export interface ReducedFitsJob {
  design: DesignMatrix;
  y: Float64Array;
  drops: string[][];
}

/** Each item's fit, or the message of the error it threw (the checks then refit it, to report that error themselves). */
export type ReducedFitsPart = (LogisticFit | {error: string})[];

const reducedFits: ReplicateKindSpec<ReducedFitsJob, ReducedFitsJob, ReducedFitsPart> = {
  prepare: (job) => job,
  range({design, y, drops}, start, count) {
    const out: ReducedFitsPart = [];
    for (let b = start; b < start + count; b++) {
      try {
        out.push(fitLogistic(dropTerms(design, new Set(drops[b]!)), y));
      } catch (e) {
        out.push({error: e instanceof Error ? e.message : String(e)});
      }
    }
    return out;
  }
};

/** Harrell's bootstrap with the model's predictors fixed (pipeline/validation.ts), as structured-cloneable data. */
export interface FixedBootstrapJob {
  design: DesignMatrix;
  y: Float64Array;
  seed: number;
  method: "ml" | "firth";
  /** The original model's indices on all of the data (computed once, by the caller). */
  apparent: PerformanceIndices;
  /** The decision curve to collect from the same refits (the document's bootstrap-corrected curve), if any. */
  netBenefit?: NetBenefitRequest | null;
  /** The whole-procedure bootstrap's records to read off the same refits (a procedure whose refits are fixed), if any. */
  procedure?: RefitRecordRequest | null;
}

function fixedBootstrapRange(job: FixedBootstrapJob, start: number, count: number): BootstrapPart {
  return bootstrapRange(job.design, job.y, {count, start, seed: job.seed, method: job.method, apparent: job.apparent, netBenefit: job.netBenefit, procedure: job.procedure});
}

/** The whole-procedure bootstrap (pipeline/procedure-validation.ts): the data, the procedure and its original run. */
export interface ProcedureBootstrapJob {
  data: PreparedData;
  procedure: Procedure;
  run: ProcedureRun;
  seed: number;
}

/** The Youden cut-points' bootstrap (pipeline/model-checks.ts): every marker, the outcome and the seed. */
export interface CutpointBootstrapJob {
  markers: {name: string; values: Float64Array}[];
  y: Float64Array;
  seed: number;
}

/**
 * A kind of replicate: `prepare` turns the job's shared input into what every range reads (once per job and
 * worker), `range` runs replicates start..start + count − 1 on it.
 */
interface ReplicateKindSpec<Shared, State, Part> {
  prepare(shared: Shared): State;
  range(state: State, start: number, count: number): Part;
}

const fixedBootstrap: ReplicateKindSpec<FixedBootstrapJob, FixedBootstrapJob, BootstrapPart> = {prepare: (job) => job, range: fixedBootstrapRange};

const procedureBootstrap: ReplicateKindSpec<ProcedureBootstrapJob, {original: ProcedureOriginal; seed: number}, ProcedureReplicate[]> = {
  prepare: (job) => ({original: procedureOriginal(job.data, job.procedure, job.run), seed: job.seed}),
  range({original, seed}, start, count) {
    const n = original.data.y.length;
    const records: ProcedureReplicate[] = [];
    for (let b = start; b < start + count; b++) records.push(procedureReplicate(original, replicateRows(n, seed, b)));
    return records;
  }
};

const cutpointBootstrap: ReplicateKindSpec<CutpointBootstrapJob, CutpointBootstrapJob & {setups: (CutpointSetup | null)[]}, CutpointRangePart> = {
  prepare: (job) => ({...job, setups: cutpointSetups(job.markers, job.y)}),
  range: ({markers, y, seed, setups}, start, count) => cutpointRange(markers, y, seed, setups, start, count)
};

export const REPLICATE_FUNCTIONS = {
  "fixed-bootstrap": fixedBootstrap,
  "procedure-bootstrap": procedureBootstrap,
  "cutpoint-bootstrap": cutpointBootstrap,
  "reduced-fits": reducedFits
};

export type ReplicateKind = keyof typeof REPLICATE_FUNCTIONS;
type SpecOf<K extends ReplicateKind> = (typeof REPLICATE_FUNCTIONS)[K];
export type SharedOf<K extends ReplicateKind> = Parameters<SpecOf<K>["prepare"]>[0];
export type StateOf<K extends ReplicateKind> = ReturnType<SpecOf<K>["prepare"]>;
export type PartOf<K extends ReplicateKind> = ReturnType<SpecOf<K>["range"]>;

function specOf<K extends ReplicateKind>(kind: K): ReplicateKindSpec<SharedOf<K>, StateOf<K>, PartOf<K>> {
  const spec = REPLICATE_FUNCTIONS[kind] as unknown as ReplicateKindSpec<SharedOf<K>, StateOf<K>, PartOf<K>> | undefined;
  if (!spec) throw new TypeError(`no replicate function "${String(kind)}"`);
  return spec;
}

/** A job's state for its ranges (once per job and worker). */
export function prepareReplicates<K extends ReplicateKind>(kind: K, shared: SharedOf<K>): StateOf<K> {
  return specOf(kind).prepare(shared);
}

/** Runs one range in this thread (the pool's one-worker path and its workers share it). */
export function runReplicateRange<K extends ReplicateKind>(kind: K, state: StateOf<K>, start: number, count: number): PartOf<K> {
  return specOf(kind).range(state, start, count);
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
