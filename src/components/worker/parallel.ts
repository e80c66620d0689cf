/**
 * The pipeline with its bootstraps on a worker pool (./pool.ts): the procedure runs here once, then Harrell's
 * fixed-predictor bootstrap (with the bootstrap-corrected decision curve from its refits), the whole-procedure
 * bootstrap and the Youden cut-points' bootstrap run as replicate ranges across the pool's workers, and
 * the pipeline takes them as precomputed (the same document, to the last bit, for any number of workers: each
 * replicate draws from its own (seed, b) stream, and the parts are merged in replicate order).
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
import {knownOwnCalibration, performanceIndices} from "../stats/optimism-bootstrap.js";
import {curveRequest, runOrExplain, runPipelineOnData, type AnalysisResult, type PipelineOptions} from "../pipeline/pipeline.js";
import {mergeBootstrapParts, type FixedBootstrapRun, type NetBenefitRequest} from "../pipeline/validation.js";
import {aggregateProcedureValidation, procedureOriginal, refitRecordRequest, refitsAreFixed, type ProcedureBootstrapValidation, type ProcedureReplicate, type RefitRecordRequest} from "../pipeline/procedure-validation.js";
import {cutpointMarkers, DEFAULT_CUTPOINT_REPLICATES, modelCheckFits} from "../pipeline/model-checks.js";
import {dropTerms, reducedFitKey, type ReducedFits} from "../stats/likelihood-ratio.js";
import {DEFAULT_BOOTSTRAP_SEED} from "../pipeline/defaults.js";
import {PoolCancelled, type ReplicatePool} from "./pool.js";

/**
 * chunkedBootstrap (pipeline/validation.ts) with its replicate ranges run on the pool; with `procedure`, the
 * whole-procedure bootstrap's records read off the same refits as well (`procedureRecords`, in replicate order).
 */
export async function parallelBootstrap(
  pool: ReplicatePool,
  design: DesignMatrix,
  y: Float64Array,
  {replicates, seed, method, original, netBenefit, procedure}: {replicates: number; seed: number; method: "ml" | "firth"; original: LogisticFit; netBenefit?: NetBenefitRequest | null; procedure?: RefitRecordRequest | null},
  onProgress: (done: number) => void = () => {}
): Promise<FixedBootstrapRun & {procedureRecords?: ProcedureReplicate[]}> {
  if (!(Number.isInteger(replicates) && replicates >= 1)) throw new RangeError(`parallelBootstrap: replicates must be an integer >= 1, got ${replicates}`);
  if (!Number.isFinite(seed)) throw new RangeError(`parallelBootstrap: seed must be a finite number, got ${seed}`);
  const apparent = performanceIndices(original.linearPredictor, y, {ownFit: knownOwnCalibration(original)});
  const parts = await pool.run("fixed-bootstrap", {
    design: plainDesignOf(design), y, seed, method, apparent,
    ...(netBenefit ? {netBenefit: {thresholds: netBenefit.thresholds.slice(), fitted: netBenefit.fitted}} : {}),
    ...(procedure ? {procedure} : {})
  }, replicates, {onProgress});
  const run = mergeBootstrapParts(apparent, parts, {method, seed, replicates});
  return procedure ? {...run, procedureRecords: parts.flatMap((p) => p.procedure ?? [])} : run;
}

/** procedureValidation (pipeline/procedure-validation.ts) with its replicates run on the pool. */
export async function parallelProcedureValidation(
  pool: ReplicatePool,
  data: PreparedData,
  procedure: Procedure,
  {replicates, seed, run, minCell}: {replicates: number; seed: number; run: ProcedureRun; minCell?: number},
  onProgress: (done: number) => void = () => {}
): Promise<ProcedureBootstrapValidation> {
  if (!(Number.isInteger(replicates) && replicates >= 1)) throw new RangeError(`procedureValidation: replicates must be an integer >= 1, got ${replicates}`);
  const parts = await pool.run("procedure-bootstrap", {data, procedure, run, seed}, replicates, {onProgress});
  return aggregateProcedureValidation(procedureOriginal(data, procedure, run), parts.flat(), {seed, ...(minCell === undefined ? {} : {minCell})});
}

/**
 * runPipelineOnData with its bootstraps (the fixed-predictor one and the whole-procedure one) on `pool`; the same
 * {result, run}, to the last bit, for any pool size.
 */
export async function runPipelineWithPool(data: PreparedData, procedure: Procedure, options: PipelineOptions, pool: ReplicatePool): Promise<{result: AnalysisResult; run: ProcedureRun}> {
  const progress = options.onProgress ?? (() => {});
  progress("fitting", 0);
  const run = runOrExplain(procedure, data);
  const precomputed: NonNullable<PipelineOptions["precomputed"]> = {run};
  const procedureOptions = options.procedureBootstrap === undefined ? (options.bootstrap ?? null) : options.procedureBootstrap;
  // a procedure whose refits are the fixed bootstrap's, resampled with the same seed and B, takes its records from them
  const shared = options.bootstrap && procedureOptions && refitsAreFixed(procedure) && procedureOptions.replicates === options.bootstrap.replicates &&
    procedureOptions.seed === options.bootstrap.seed && Number.isInteger(procedureOptions.seed) && procedureOptions.seed >= 0 && procedureOptions.seed < 2 ** 32;
  const original = shared ? procedureOriginal(data, procedure, run) : null;
  let sharedRecords: ProcedureReplicate[] | null = null;
  if (options.bootstrap) {
    const {replicates, seed} = options.bootstrap;
    const fit = run.model.fit;
    progress("bootstrap", 0);
    try {
      // the same refits give the bootstrap-corrected decision curve's parts
      const netBenefit = curveRequest(fit, run.model.design);
      const fixed = await parallelBootstrap(pool, run.model.design, data.y, {replicates, seed, method: fit.method, original: fit, netBenefit, procedure: original ? refitRecordRequest(original) : null}, (done) => progress("bootstrap", done / replicates));
      const {procedureRecords, ...rest} = fixed;
      precomputed.fixed = rest;
      sharedRecords = procedureRecords ?? null;
    } catch (e) {
      if (e instanceof PoolCancelled) throw e;
      precomputed.fixed = {error: e};
    }
  }
  if (procedureOptions) {
    const {replicates, seed} = procedureOptions;
    const minCell = options.minCell === undefined ? {} : {minCell: options.minCell};
    if (original && sharedRecords) {
      precomputed.procedure = aggregateProcedureValidation(original, sharedRecords, {seed, ...minCell});
      progress("procedure-bootstrap", 1);
    } else {
      progress("procedure-bootstrap", 0);
      // an error here is the original data's (the replicates catch their own): the pipeline reports it as it would
      precomputed.procedure = await parallelProcedureValidation(pool, data, procedure, {replicates, seed, run, ...minCell}, (done) => progress("procedure-bootstrap", done / replicates));
    }
  }
  const cutpointReplicates = options.cutpointReplicates ?? DEFAULT_CUTPOINT_REPLICATES;
  if (cutpointReplicates >= 1) {
    progress("cutpoint-bootstrap", 0);
    const markers = cutpointMarkers(run, data).map((m) => ({name: m.name, values: m.values instanceof Float64Array ? m.values : Float64Array.from(m.values)}));
    precomputed.cutpoints = await pool.run("cutpoint-bootstrap", {markers, y: data.y, seed: options.cutpointSeed ?? DEFAULT_BOOTSTRAP_SEED}, cutpointReplicates, {
      onProgress: (done) => progress("cutpoint-bootstrap", done / cutpointReplicates)
    });
  }
  // the model checks' likelihood-ratio refits, each made once, across the pool
  const fits: ReducedFits = new Map();
  const planned = modelCheckFits(run, data);
  const total = planned.reduce((s, p) => s + p.drops.length, 0);
  let done = 0;
  if (total > 0) progress("checks", 0);
  for (const {design, drops} of planned) {
    const wanted = drops.map((terms) => ({terms, reduced: dropTerms(design, new Set(terms))})).filter((w) => !fits.has(reducedFitKey(w.reduced)));
    const before = done;
    done += drops.length;
    if (wanted.length === 0) continue;
    const parts = await pool.run("reduced-fits", {design: plainDesignOf(design), y: data.y, drops: wanted.map((w) => w.terms)}, wanted.length, {
      onProgress: (d) => progress("checks", (before + d) / total)
    });
    parts.flat().forEach((fit, b) => {
      if ("error" in fit) return;
      const {reduced} = wanted[b]!;
      fits.set(reducedFitKey(reduced), {design: reduced, fit});
    });
  }
  if (fits.size > 0) precomputed.reducedFits = fits;
  return runPipelineOnData(data, procedure, {...options, precomputed});
}

/** A design as structured-cloneable columns (Float64Array), its names and sources: what a pool job posts. */
function plainDesignOf(design: DesignMatrix): DesignMatrix {
  return {
    names: design.names.slice(), n: design.n, columns: design.columns.map((c) => (c instanceof Float64Array ? c : Float64Array.from(c))),
    ...(design.sources ? {sources: design.sources.slice()} : {})
  };
}
