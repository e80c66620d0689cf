/**
 * The pipeline with its bootstrap on a worker pool (./pool.ts): everything else runs here as runPipelineOnData runs
 * it, then Harrell's bootstrap runs as replicate ranges across the pool's workers and is attached where the
 * pipeline would have put it (the same document, to the last bit, for any number of workers: each replicate draws
 * from replicateRng(seed, b), and the parts are merged in replicate order as chunkedBootstrap merges its chunks).
 *
 * Used by the "Your own cohort" worker (browser workers) and by the CLI (worker_threads). No DOM, no Node APIs.
 *
 * @example const {result} = await runPipelineWithPool(data, procedure, {bootstrap: {replicates: 200, seed: 1}}, pool)
 */
import type {PreparedData} from "../cohort/prepare.js";
import type {Procedure} from "../procedure/procedure.js";
import type {ProcedureRun} from "../procedure/run.js";
import type {DesignMatrix} from "../stats/design.js";
import type {LogisticFit} from "../stats/logistic.js";
import {knownOwnCalibration, performanceIndices, type OptimismBootstrap} from "../stats/optimism-bootstrap.js";
import {runPipelineOnData, type AnalysisResult, type PipelineOptions} from "../pipeline/pipeline.js";
import {bootstrapFailureNote, bootstrapSection, mergeBootstrapParts} from "../pipeline/validation.js";
import type {ReplicatePool} from "./pool.js";

/** chunkedBootstrap (pipeline/validation.ts) with its replicate ranges run on the pool. */
export async function parallelBootstrap(
  pool: ReplicatePool,
  design: DesignMatrix,
  y: Float64Array,
  {replicates, seed, method, original}: {replicates: number; seed: number; method: "ml" | "firth"; original: LogisticFit},
  onProgress: (done: number) => void = () => {}
): Promise<OptimismBootstrap> {
  if (!(Number.isInteger(replicates) && replicates >= 1)) throw new RangeError(`parallelBootstrap: replicates must be an integer >= 1, got ${replicates}`);
  if (!Number.isFinite(seed)) throw new RangeError(`parallelBootstrap: seed must be a finite number, got ${seed}`);
  const apparent = performanceIndices(original.linearPredictor, y, {ownFit: knownOwnCalibration(original)});
  const plainDesign: DesignMatrix = {names: design.names.slice(), n: design.n, columns: design.columns.map((c) => (c instanceof Float64Array ? c : Float64Array.from(c)))};
  const parts = await pool.run("fixed-bootstrap", {design: plainDesign, y, seed, method, apparent}, replicates, {onProgress});
  return mergeBootstrapParts(apparent, parts, {method, seed, replicates});
}

/** Puts a bootstrap into a document made with deferBootstrap, as runPipelineOnData would have (its notes last). */
export function attachBootstrap(result: AnalysisResult, bootstrap: OptimismBootstrap | {error: unknown}, seed: number): void {
  const notes: string[] = [];
  const fixed = "error" in bootstrap ? (notes.push(bootstrapFailureNote(bootstrap.error)), null) : bootstrapSection(bootstrap, seed, notes);
  result.validation = {fixed};
  result.warnings.push(...notes);
}

/** runPipelineOnData with the bootstrap on `pool`; the same {result, run}. */
export async function runPipelineWithPool(data: PreparedData, procedure: Procedure, options: PipelineOptions, pool: ReplicatePool): Promise<{result: AnalysisResult; run: ProcedureRun}> {
  const progress = options.onProgress ?? (() => {});
  const {result, run} = runPipelineOnData(data, procedure, {...options, deferBootstrap: true, onProgress: (stage, fraction) => stage !== "done" && progress(stage, fraction)});
  if (options.bootstrap) {
    const {replicates, seed} = options.bootstrap;
    const fit = run.model.fit;
    progress("bootstrap", 0);
    let b: OptimismBootstrap | {error: unknown};
    try {
      b = await parallelBootstrap(pool, run.model.design, data.y, {replicates, seed, method: fit.method, original: fit}, (done) => progress("bootstrap", done / replicates));
    } catch (e) {
      if (e instanceof Error && e.name === "PoolCancelled") throw e;
      b = {error: e};
    }
    attachBootstrap(result, b, seed);
  }
  progress("done", 1);
  return {result, run};
}
