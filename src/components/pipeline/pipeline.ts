/**
 * The one analysis pipeline: a typed table and a modelling procedure in, one result document out — the document
 * `analyze` prints, "Your own cohort" shows and exports, and the study's build writes for its pages.
 *
 *   table → complete cases (../cohort/prepare.ts) → Table 1 (./table1.ts) → the procedure (../procedure/run.ts:
 *   screen, fit, selection, refit) → discrimination (ROC with DeLong CIs per numeric candidate and for the model;
 *   DeLong's paired test of the model against each) → validation (./validation.ts: sample size, calibration,
 *   decision curve, and with `bootstrap` Harrell's optimism bootstrap) → shrinkage (./shrinkage.ts: the shrunken
 *   equation, its factor from the bootstrap's corrected slope; with `bootstrap` also the bootstrap-corrected
 *   decision curve)
 *
 * Every step fails with an AnalysisError that says what, where and what to do, or records a warning and goes on.
 * Numbers are the engine's, non-finite ones included: the JSON writer (toJsonDocument) turns each into null and
 * names it in `nonFinite`. The first eight fields and their meanings are the CLI's first published interface;
 * later fields are additions.
 *
 * Pure, no DOM; runs in Node, the browser and a Web Worker.
 *
 * @example runPipeline(typedTable(parseCsvTable(text)), fitAllProcedure("asd", ["age", "bmd_t"])).roc[0].auc
 */
import type {ReducedFits} from "../stats/likelihood-ratio.js";
import type {InputDescription} from "../cohort/readers/index.js";
import {AnalysisError, quote} from "../cohort/table.js";
import {prepareData, type PreparedData, type VariableKind} from "../cohort/prepare.js";
import type {TypedTable} from "../cohort/typed-table.js";
import {detectCollinearity, type DesignMatrix} from "../stats/design.js";
import type {LogisticFit} from "../stats/logistic.js";
import {describeProcedure, type Procedure} from "../procedure/procedure.js";
import {designFor, runProcedure, type BackwardDeletion, type FactorTest, type ProcedureRun, type ScreenEntry} from "../procedure/run.js";
import {table1, type UnivariateResult, type VariableDescriptives} from "./table1.js";
import {modelResult, type ModelResult} from "./model.js";
import {compareWithModel, rocResult, type ComparisonResult, type RocResult} from "./discrimination.js";
import {chunkedBootstrap, DECISION_THRESHOLDS, MIN_EVENTS_PER_PARAMETER, validateFit, type BootstrapValidation, type CalibrationSummary, type FixedBootstrapRun, type NetBenefitRequest, type SampleSizeSummary, type ValidationSummary} from "./validation.js";
import type {DecisionCurvePoint} from "../stats/decision-curve.js";
import {procedureValidation, type ProcedureBootstrapValidation} from "./procedure-validation.js";
import {netBenefitRisks} from "../stats/decision-curve-bootstrap.js";
import {decisionCurveBootstrap, shrinkageResult, type DecisionCurveBootstrap, type ShrinkageResult} from "./shrinkage.js";
import {modelChecks, type CutpointRangePart, type ModelChecks} from "./model-checks.js";

/** Version of the document's shape: raised when fields are added (never renamed or removed). */
export const DOCUMENT_VERSION = 3;

export interface PipelineOptions {
  /** Harrell's bootstrap of the procedure's model (its predictors fixed): replicates and seed. Default: none. */
  bootstrap?: {replicates: number; seed: number} | null;
  /**
   * Work already done by a caller that runs the bootstraps on several workers (worker/parallel.ts): the procedure's
   * run on these data, the fixed-predictor bootstrap (or the error it threw) and the whole-procedure bootstrap for
   * these same options. The document is then the same as when the pipeline runs them itself.
   */
  precomputed?: {run?: ProcedureRun; fixed?: FixedBootstrapRun | {error: unknown}; procedure?: ProcedureBootstrapValidation; cutpoints?: CutpointRangePart[]; reducedFits?: ReducedFits};
  /**
   * The bootstrap that re-runs the whole procedure in every resample (./procedure-validation.ts). Default: the
   * same replicates and seed as `bootstrap` when that is given, else none.
   */
  procedureBootstrap?: {replicates: number; seed: number} | null;
  /** Private mode's minimum cell (the binned prediction instability). */
  minCell?: number;
  hlGroups?: number;
  span?: number;
  onProgress?: (stage: string, fraction: number) => void;
  /** Resamples of the Youden cut-point bootstrap (default 200; 0 to skip), drawn from `cutpointSeed`. */
  cutpointReplicates?: number;
  cutpointSeed?: number;
}

export interface ProcedureSteps {
  screen: {threshold: number; entries: ScreenEntry[]; kept: string[]; dropped: string[]} | null;
  /** The model of every survivor of the screen, before selection (the "multivariable model"). */
  full: ModelResult | null;
  selection: {method: "wald" | "backward"; factors: FactorTest[]; deletions?: BackwardDeletion[]; kept: string[]; dropped: string[]} | null;
}

/** The analysis document. */
export interface AnalysisResult {
  /** Complete cases used. */
  n: number;
  /** Complete cases whose outcome is the event value. */
  events: number;
  /** Rows dropped for a missing value in the outcome or a candidate. */
  excluded: number;
  warnings: string[];
  univariate: UnivariateResult[];
  /** The procedure's model. */
  model: ModelResult;
  roc: RocResult[];
  comparisons: ComparisonResult[];
  /** Data rows read. */
  rows: number;
  outcome: {column: string; positive: string; negative: string; nonEvents: number};
  /** The model's predictors (with no screen or selection: every candidate). */
  predictors: string[];
  /** Model parameters excluding the intercept. */
  parameters: number;
  /** The less frequent outcome class per model parameter. */
  eventsPerParameter: number | null;
  descriptives: VariableDescriptives[];
  version: number;
  /** Every candidate considered, in order, with its Table 1 kind. */
  candidates: {name: string; kind: VariableKind}[];
  procedure: Procedure;
  procedureDescription: string;
  steps: ProcedureSteps;
  sampleSize: SampleSizeSummary;
  calibration: CalibrationSummary | null;
  decisionCurve: DecisionCurvePoint[] | null;
  /**
   * Harrell's bootstrap of the model with its predictors fixed, and (version 3) of the whole procedure re-run in
   * every resample (`procedure`; its "slope" row's `corrected` is the procedure's uniform shrinkage factor); null
   * unless asked for.
   */
  validation: {fixed: BootstrapValidation | null; procedure?: ProcedureBootstrapValidation | null} | null;
  /**
   * The shrunken equation: slopes × a uniform factor (the bootstrap's corrected calibration slope; `source` says
   * which bootstrap, or the heuristic without one), intercept re-estimated. Null for an intercept-only model.
   */
  shrinkage: ShrinkageResult | null;
  /** Bootstrap-corrected net benefit of the model, with a 95% percentile band; null unless the bootstrap is asked for. */
  decisionCurveBootstrap: DecisionCurveBootstrap | null;
  /**
   * The model checks (./model-checks.ts): the test of nonlinearity by restricted cubic splines, each factor's LR
   * test, the LR tests that replace DeLong's for nested models, the joint DeLong test of the single markers, Firth's
   * profile intervals, Riley's minimum by candidate parameters, the Youden cut-points' corrected accuracy and the
   * partial effects.
   */
  checks: ModelChecks;
  /** How the file was read (the CLI's --data: reader, encoding, dialect or sheet); absent where no file was read. */
  input?: InputDescription;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

function fewerParameters(limiting: number): string {
  const most = Math.floor(limiting / MIN_EVENTS_PER_PARAMETER);
  return most === 0 ? `, and with fewer than ${MIN_EVENTS_PER_PARAMETER} even one parameter is more than the data support` : `, or use at most ${plural(most, "parameter")}`;
}

/** Runs the procedure, turning a failed fit into a message that names the columns. */
export function runOrExplain(procedure: Procedure, data: PreparedData): ProcedureRun {
  try {
    return runProcedure(procedure, data);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    // a fit fails on collinear terms (a subset of the candidates is collinear, so the candidates' design shows them)
    let design;
    try {
      design = designFor(data, procedure.candidates, procedure);
    } catch (d) {
      throw new AnalysisError(`The model could not be built: ${(d as Error).message.replace(/^\w+: /, "")}.`, "choices");
    }
    const collinearity = detectCollinearity(design);
    if (collinearity.collinear) {
      const sources = design.sources ?? design.names;
      const involved = [...new Set(collinearity.terms.map((t) => sources[design.names.indexOf(t)] ?? t))];
      const before = design.names.slice(0, design.names.indexOf(collinearity.terms[0]!));
      throw new AnalysisError(
        `Collinear predictors: the term${collinearity.terms.length === 1 ? "" : "s"} ${collinearity.terms.map(quote).join(", ")} ${collinearity.terms.length === 1 ? "is (numerically) a linear combination" : "are (numerically) linear combinations"} of the terms before ${collinearity.terms.length === 1 ? "it" : "them"} ` +
          `(${before.map(quote).join(", ")}) over the ${plural(data.y.length, "complete row")} (as R's glm decides it: a pivoted QR with relative tolerance 1e-11, which also catches a column that varies too little for its magnitude, such as 1e12 + noise), so their coefficients are not identifiable. ` +
          `Remove ${involved.map(quote).join(" or ")}, or the predictor it duplicates.`,
        "analysis",
        {column: involved[0]!}
      );
    }
    throw new AnalysisError(`The logistic model could not be fitted: ${e.message.replace(/^\w+: /, "")}`, "analysis");
  }
}

function modelWarnings(run: ProcedureRun, data: PreparedData, warnings: string[]): void {
  const fit = run.model.fit;
  const parameters = fit.coefficients.length - 1;
  const {events, nonEvents, outcome} = data;
  const limiting = Math.min(events, nonEvents);
  const which = events <= nonEvents ? "events" : "non-events";
  const limitingLabel = events <= nonEvents ? `events (${quote(outcome)} = ${quote(data.positive)})` : `non-events (${quote(outcome)} = ${quote(data.negative)}, the less frequent outcome)`;
  if (parameters > limiting) {
    warnings.push(
      `More parameters than events: the model has ${plural(parameters, "parameter")} (excluding the intercept) but only ${limiting} ${limitingLabel}. ` +
        `The estimates are unreliable or may not exist; at least ${MIN_EVENTS_PER_PARAMETER * parameters} ${which} would be needed for ${plural(parameters, "parameter")} (${MIN_EVENTS_PER_PARAMETER} per parameter)${fewerParameters(limiting)}.`
    );
  } else if (parameters > 0 && limiting / parameters < MIN_EVENTS_PER_PARAMETER) {
    const epp = limiting / parameters;
    warnings.push(
      `Few events per parameter: ${limiting} ${limitingLabel} for ${plural(parameters, "parameter")} (excluding the intercept) = ${Number.isInteger(epp) ? epp : epp.toPrecision(3)} per parameter, below the usual minimum of ${MIN_EVENTS_PER_PARAMETER}. ` +
        `Expect overfitting; ${MIN_EVENTS_PER_PARAMETER * parameters} ${which} would be needed for ${plural(parameters, "parameter")}${fewerParameters(limiting)}.`
    );
  }
  if (run.full && run.full !== run.model && run.full.fit.separation.detected) {
    warnings.push(
      `The model of every survivor of the screen (${run.full.predictors.map((p) => quote(p)).join(", ")}) shows separation: ${run.full.fit.separation.message ?? "maximum-likelihood estimates do not exist"} Its Wald p-values, on which the selection step decided, are not valid; refit with Firth's penalised likelihood (--firth).`
    );
  }
  if (run.model.predictors.length > 0 && (run.procedure.screen.method !== "none" || run.procedure.select.method !== "none")) {
    const dropped = run.procedure.candidates.length - run.model.predictors.length;
    warnings.push(
      `Data-driven selection: the model's ${plural(run.model.predictors.length, "predictor")} ${run.model.predictors.length === 1 ? "was" : "were"} chosen from ${plural(run.procedure.candidates.length, "candidate")} by p-values in these same data (${dropped} dropped), so its coefficients are biased away from zero and its apparent performance is optimistic; a bootstrap that repeats the whole procedure estimates by how much.`
    );
  }
  if (run.model.predictors.length === 0) {
    warnings.push("No candidate was kept by the procedure: the model is the intercept-only model, which predicts the prevalence for everyone.");
  }
  if (fit.separation.detected) {
    warnings.push(`${fit.separation.message ?? "Separation detected: maximum-likelihood estimates do not exist; refit with --firth."} The Wald confidence intervals are reported as null.`);
  } else if (!fit.converged) {
    warnings.push(fit.separation.message ?? `The model did not converge in ${fit.iterations} iterations; the estimates are unreliable.`);
  } else if (fit.separation.fittedZeroOrOne) {
    // R's glm warns "fitted probabilities numerically 0 or 1 occurred" here, though the coefficients settled
    warnings.push(fit.separation.message ?? "Some fitted probabilities are numerically 0 or 1 (R's glm warns \"fitted probabilities numerically 0 or 1 occurred\"): a few patients are predicted with certainty; check them, and consider Firth's penalised likelihood.");
  }
  const beyond = fit.terms.filter((t) => !Number.isFinite(t.estimate) || !(Number.isFinite(t.se) || Number.isNaN(t.se) && fit.separation.detected));
  if (beyond.length) {
    const listed = beyond.map((t) => `${quote(t.term)} (estimate ${nonFiniteWord(t.estimate)}, SE ${nonFiniteWord(t.se)})`).join(", ");
    warnings.push(
      `Non-finite coefficients: ${listed} cannot be held in double precision (R's glm.fit warns "non-finite coefficients" on such data). ` +
        `A coefficient is per unit of its column: a column whose values vary by very little in absolute terms (such as 1e-300 and less) has a coefficient beyond ±1.8e308. ` +
        `Express the column in other units (multiply it by a power of ten) and rerun; the odds ratios, CIs and p-values of those terms are not numbers.`
    );
  }
}

/** A number for a message: "+∞", "−∞", "NaN" or its shortest form. */
function nonFiniteWord(x: number): string {
  return Number.isNaN(x) ? "NaN" : x === Infinity ? "+∞" : x === -Infinity ? "−∞" : String(x);
}

/** The candidates' parameters: one per numeric candidate, L − 1 per text candidate with L levels. */
export function candidateParameters(data: PreparedData, candidates: readonly string[], splines?: Procedure["splines"]): number {
  let k = 0;
  for (const c of candidates) {
    const v = data.variables.get(c)!;
    const knots = splines && Object.prototype.hasOwnProperty.call(splines, c) ? splines[c]! : 0;
    k += knots > 0 ? knots - 1 : v.numeric ? 1 : v.levels.length - 1;
  }
  return k;
}

/** What a reader should know about the whole-procedure bootstrap: resamples left out, empty models. */
export function procedureNotes(v: ProcedureBootstrapValidation): string[] {
  const notes: string[] = [];
  const f = v.failed;
  if (f.total > 0) {
    notes.push(
      `Whole-procedure bootstrap: ${f.total} of ${v.replicates} resamples could not be used (${f.separated} separated${v.fullSeparated ? `, ${v.fullSeparated} of them in the fit of all survivors, whose Wald p-values the selection would have read` : ""}, ${f.nonConverged} did not converge, ${f.oneClass} had one outcome class, ${f.errors} could not be fitted); the figures are over the other ${v.used}, so the correction is, if anything, too small.`
    );
  }
  if (v.emptyModels > 0) {
    notes.push(`Whole-procedure bootstrap: in ${v.emptyModels} of ${v.used} used resamples the procedure kept no candidate; each is scored as the intercept-only model it ends with (AUC 0.5; its calibration slope is not estimable and is left out of the slope's mean).`);
  }
  return notes;
}

/**
 * The decision curve the fixed bootstrap collects from its refits (the document's bootstrap-corrected curve), or
 * null where the document has none (an intercept-only model) or the model's risks cannot be formed.
 */
export function curveRequest(fit: LogisticFit, design: DesignMatrix): NetBenefitRequest | null {
  if (fit.coefficients.length < 2) return null;
  try {
    return {thresholds: DECISION_THRESHOLDS, fitted: netBenefitRisks(design, fit)};
  } catch {
    return null;
  }
}

/** Runs the pipeline on already prepared data (the study's build and the worker keep the prepared data). */
export function runPipelineOnData(data: PreparedData, procedure: Procedure, options: PipelineOptions = {}): {result: AnalysisResult; run: ProcedureRun; validation: ValidationSummary} {
  const progress = options.onProgress ?? (() => {});
  const warnings = data.warnings.slice();
  progress("table1", 0);
  const t1 = table1(data);
  warnings.push(...t1.warnings);
  progress("fitting", 0);
  const run = options.precomputed?.run ?? runOrExplain(procedure, data);
  modelWarnings(run, data, warnings);
  const fit = run.model.fit;

  progress("roc", 0);
  const y = data.y;
  const modelRoc = rocResult("model", fit.fitted, y);
  const roc: RocResult[] = [];
  const comparisons: ComparisonResult[] = [];
  for (const name of procedure.candidates) {
    const v = data.variables.get(name)!;
    if (!v.numeric) continue;
    const markerRoc = rocResult(name, v.values!, y);
    roc.push(markerRoc);
    comparisons.push(compareWithModel({values: fit.fitted, roc: modelRoc}, {name, values: v.values!, roc: markerRoc}, y, warnings));
  }
  roc.push(modelRoc);
  if (Math.min(data.events, data.nonEvents) < 2) {
    const one = data.events < 2 ? `${data.events} event` : `${data.nonEvents} non-event`;
    warnings.push(`DeLong's confidence intervals of the AUCs need at least two events and two non-events, and there is ${one}: the variance of the placements of a single patient is undefined, so the CIs and SEs, and DeLong's tests of the model against each marker (z and p), are NaN (null in the JSON), as pROC's ci.auc and roc.test give NA.`);
  }

  // the fixed bootstrap's refits also give the bootstrap-corrected decision curve (no second refit of a resample)
  let fixed = options.precomputed?.fixed;
  if (options.bootstrap && !fixed) {
    const {replicates, seed} = options.bootstrap;
    progress("bootstrap", 0);
    try {
      fixed = chunkedBootstrap(run.model.design, y, {replicates, seed, method: fit.method, original: fit, netBenefit: curveRequest(fit, run.model.design)}, (done) => progress("bootstrap", done / replicates));
    } catch (e) {
      fixed = {error: e};
    }
  }
  const validation = validateFit(fit, y, {
    candidateParameters: candidateParameters(data, procedure.candidates, procedure.splines),
    bootstrap: options.bootstrap ?? null,
    ...(fixed ? {bootstrapResult: fixed} : {}),
    design: run.model.design,
    ...(options.hlGroups === undefined ? {} : {hlGroups: options.hlGroups}),
    ...(options.span === undefined ? {} : {span: options.span}),
    onProgress: progress
  });
  warnings.push(...validation.notes);
  const procedureOptions = options.procedureBootstrap === undefined ? options.bootstrap ?? null : options.procedureBootstrap;
  let procedureResult: ProcedureBootstrapValidation | null = null;
  if (procedureOptions) {
    progress("procedure-bootstrap", 0);
    procedureResult = options.precomputed?.procedure ?? procedureValidation(data, procedure, {
      ...procedureOptions, run, ...(options.minCell === undefined ? {} : {minCell: options.minCell}),
      onProgress: (f) => progress("procedure-bootstrap", f)
    });
    warnings.push(...procedureNotes(procedureResult));
  }
  progress("shrinkage", 0);
  const validationResult: AnalysisResult["validation"] = options.bootstrap || procedureResult ? {fixed: validation.bootstrap, procedure: procedureResult} : null;
  const shrinkage = shrinkageResult(fit, run.model.design, y, validationResult, {thresholds: DECISION_THRESHOLDS, notes: warnings});
  let curveBootstrap: DecisionCurveBootstrap | null = null;
  if (options.bootstrap && fit.coefficients.length > 1) {
    try {
      const parts = fixed && !("error" in fixed) ? fixed.netBenefitParts : undefined;
      curveBootstrap = decisionCurveBootstrap(fit, run.model.design, y, {...options.bootstrap, thresholds: DECISION_THRESHOLDS, parts});
    } catch (e) {
      warnings.push(`The bootstrap-corrected decision curve could not be computed: ${e instanceof Error ? e.message.replace(/^\w+: /, "") : String(e)}.`);
    }
  }
  progress("checks", 0);
  const checks = modelChecks(run, data, warnings, {
    ...(options.cutpointReplicates === undefined ? {} : {cutpointReplicates: options.cutpointReplicates}),
    ...(options.cutpointSeed === undefined ? {} : {seed: options.cutpointSeed}),
    ...(options.precomputed?.cutpoints ? {cutpointParts: options.precomputed.cutpoints} : {}),
    ...(options.precomputed?.reducedFits ? {reducedFits: options.precomputed.reducedFits} : {})
  });
  const parameters = fit.coefficients.length - 1;
  const result: AnalysisResult = {
    n: y.length,
    events: data.events,
    excluded: data.excluded,
    warnings,
    univariate: t1.univariate,
    model: modelResult(fit, run.model.predictors),
    roc,
    comparisons,
    rows: data.rows,
    outcome: {column: data.outcome, positive: data.positive, negative: data.negative, nonEvents: data.nonEvents},
    predictors: run.model.predictors.slice(),
    parameters,
    eventsPerParameter: validation.sampleSize.eventsPerParameter,
    descriptives: t1.descriptives,
    version: DOCUMENT_VERSION,
    candidates: procedure.candidates.map((name) => ({name, kind: data.variables.get(name)!.kind})),
    procedure,
    procedureDescription: describeProcedure(procedure),
    steps: {
      screen: run.screen ? {threshold: run.screen.threshold, entries: run.screen.entries, kept: run.screen.kept, dropped: run.screen.dropped} : null,
      full: run.full ? modelResult(run.full.fit, run.full.predictors) : null,
      selection: run.selection
        ? {method: run.selection.method, factors: run.selection.factors, ...(run.selection.deletions ? {deletions: run.selection.deletions} : {}), kept: run.selection.kept, dropped: run.selection.dropped}
        : null
    },
    sampleSize: validation.sampleSize,
    calibration: validation.calibration,
    decisionCurve: validation.decisionCurve,
    validation: validationResult,
    shrinkage,
    decisionCurveBootstrap: curveBootstrap,
    checks
  };
  progress("done", 1);
  // the model's validation as validateFit returned it, for a caller that shows it whole (the study's pages)
  return {result, run, validation};
}

/**
 * Runs the whole pipeline on a table (see the module comment) and returns the analysis document.
 * Throws AnalysisError for bad data or choices; TypeError for malformed arguments.
 */
export function runPipeline(table: TypedTable, procedure: Procedure, options: PipelineOptions = {}): AnalysisResult {
  const data = prepareData(table, {outcome: procedure.outcome, event: procedure.event, candidates: procedure.candidates});
  return runPipelineOnData(data, procedure, options).result;
}
