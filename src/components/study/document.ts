/**
 * Everything the study's pages show, computed once per build by the one pipeline (../pipeline/pipeline.ts) with
 * the study's procedure (./study.ts) on the cohort the site shows: the analysis document, and for the two models a
 * reader validates — the prediction equation (the procedure's model) and the multivariable model (its fit of all
 * survivors of the screen) — sample size, calibration, decision curve and Harrell's bootstrap by maximum likelihood
 * and by Firth's penalised likelihood; the full ROC curve of each marker for the charts.
 *
 * src/data/study.zip.ts writes it (with the CSV tables derived from it, never by refitting); the pages read it.
 * Pure, no DOM: the tests build it too.
 *
 * @example studyDocument(rows, {source}).models.equation.model.predictors // the equation's four factors
 */
import type {CohortRow} from "../cohort/schema.js";
import type {CohortSource} from "../cohort/source.js";
import type {PreparedData} from "../cohort/prepare.js";
import {runPipelineOnData, candidateParameters, type AnalysisResult} from "../pipeline/pipeline.js";
import {modelResult, type ModelResult} from "../pipeline/model.js";
import {bootstrapValidation, chunkedBootstrap, validateFit, type BootstrapValidation, type ValidationSummary} from "../pipeline/validation.js";
import {DEFAULT_BOOTSTRAP_SEED, DEFAULT_PROCEDURE_REPLICATES, DEFAULT_REPLICATES} from "../pipeline/defaults.js";
import {rocCurve} from "../stats/roc.js";
import {fitFirth} from "../stats/firth.js";
import type {ModelStage} from "../procedure/run.js";
import {STUDY_PROCEDURE, studyData} from "./study.js";
import {privateSplineChecks, type SplineCheck} from "./model-view.js";
import {bestPublishedPoint, binnedByOutcome, coarsenedRoc, DEFAULT_MIN_CELL, privateModelAggregates, subsetFits, type BinnedDistribution, type PrivateModelAggregates, type SubsetFit} from "./private.js";

export type StudyModelKey = "equation" | "multivariable";

export interface StudyModel {
  key: StudyModelKey;
  label: string;
  model: ModelResult;
  validation: ValidationSummary;
  /** The same bootstrap with Firth's penalised likelihood refits (finite where ML refits separate). */
  firthBootstrap: BootstrapValidation | null;
  /** Each patient's predicted risk (complete cases, cohort order). Open mode only. */
  predictions: number[];
}

export interface RocCurveData {
  marker: string;
  direction: "<" | ">";
  thresholds: number[];
  sensitivities: number[];
  specificities: number[];
}

export interface PrivateAggregates {
  /** The smallest number of patients a published cell holds (PKP_MIN_CELL, default 5). */
  minCell: number;
  /** The fit of every subset of the candidates (the Model page's refits without the rows). */
  subsetFits: SubsetFit[];
  /** Each measured candidate's distribution by outcome, binned with every cell ≥ minCell. */
  distributions: Record<string, BinnedDistribution>;
  /** Per model: binned predicted risks, and calibration for every choice the Validation page offers. */
  models: Record<StudyModelKey, PrivateModelAggregates>;
  /** The study's procedure with each combination of the equation's measurements as splines, and its checks. */
  splineChecks?: SplineCheck[];
}

export interface StudyDocument {
  version: 1;
  /**
   * "open": the cohort's rows are published beside this document (the synthetic reconstruction, or real data whose
   * author opted in); "private": no patient-level record is published, and `aggregates` carries what the pages need.
   */
  mode: "open" | "private";
  source: CohortSource;
  analysis: AnalysisResult;
  models: Record<StudyModelKey, StudyModel>;
  curves: RocCurveData[];
  /** procedureReplicates: B of the whole-procedure bootstrap (analysis.validation.procedure). */
  settings: {replicates: number; seed: number; procedureReplicates?: number};
  /** Private mode only. */
  aggregates?: PrivateAggregates;
}

export interface StudyOptions {
  source: CohortSource;
  replicates?: number;
  /** Replicates of the whole-procedure bootstrap (0: none). */
  procedureReplicates?: number;
  seed?: number;
  /** Publish aggregates only (default for real data; see src/data/study.zip.ts). */
  mode?: "open" | "private";
  /** Private mode's minimum cell size. */
  minCell?: number;
}

/** `validation`: this stage's validateFit with these options, when the pipeline has already run it (the equation). */
function studyModel(key: StudyModelKey, label: string, stage: ModelStage, data: PreparedData, replicates: number, seed: number, given?: ValidationSummary): StudyModel {
  const validation = given ?? validateFit(stage.fit, data.y, {
    candidateParameters: candidateParameters(data, STUDY_PROCEDURE.candidates),
    bootstrap: {replicates, seed},
    design: stage.design
  });
  let firthBootstrap: BootstrapValidation | null = null;
  try {
    const original = fitFirth(stage.design, data.y);
    firthBootstrap = bootstrapValidation(chunkedBootstrap(stage.design, data.y, {replicates, seed, method: "firth", original}), seed);
  } catch {
    firthBootstrap = null;
  }
  return {key, label, model: modelResult(stage.fit, stage.predictors), validation, firthBootstrap, predictions: Array.from(stage.fit.fitted)};
}

/** The study's analysis on a cohort (see the module comment). Throws AnalysisError naming a column. */
export function studyDocument(rows: readonly CohortRow[], {source: given, replicates = DEFAULT_REPLICATES, procedureReplicates = DEFAULT_PROCEDURE_REPLICATES, seed = DEFAULT_BOOTSTRAP_SEED, mode = "open", minCell = DEFAULT_MIN_CELL}: StudyOptions): StudyDocument {
  const source: CohortSource = {...given, publication: {mode, minCell}};
  const data = studyData(rows, given.path ?? "cohort");
  // with both bootstraps, so the document's shrunken equation takes its factor from the whole procedure's slope
  const {result, run, validation} = runPipelineOnData(data, STUDY_PROCEDURE, {
    bootstrap: {replicates, seed},
    procedureBootstrap: procedureReplicates > 0 ? {replicates: procedureReplicates, seed} : null,
    minCell
  });
  const full = run.full ?? run.model;
  // the pipeline validated the equation with the same options (its fixed bootstrap included): not run again here
  const sameCount = candidateParameters(data, STUDY_PROCEDURE.candidates) === candidateParameters(data, STUDY_PROCEDURE.candidates, STUDY_PROCEDURE.splines);
  const equation = studyModel("equation", `Prediction equation (${run.model.predictors.length} factors)`, run.model, data, replicates, seed, sameCount ? validation : undefined);
  const multivariable =
    full === run.model
      ? {...equation, key: "multivariable" as const, label: `Multivariable model (${full.predictors.length} variables)`}
      : studyModel("multivariable", `Multivariable model (${full.predictors.length} variables)`, full, data, replicates, seed);
  // the whole procedure, re-run in every resample (the pipeline's validation.procedure) is the answer to "how much of
  // the apparent AUC is real?"; private mode publishes its instability binned only (no patient's own risks)
  const procedure = result.validation?.procedure ?? null;
  if (procedure && mode === "private") result.validation = {...result.validation!, procedure: {...procedure, instability: {...procedure.instability, patients: null, points: null}}};
  const settings = {replicates, seed, procedureReplicates};
  const valuesOf = (marker: string) => (marker === "model" ? run.model.fit.fitted : data.variables.get(marker)!.values!);
  if (mode === "open") {
    const curves: RocCurveData[] = result.roc.map((r) => {
      const c = rocCurve(valuesOf(r.marker), data.y, {direction: r.direction});
      return {marker: r.marker, direction: c.direction, thresholds: Array.from(c.thresholds), sensitivities: Array.from(c.sensitivities), specificities: Array.from(c.specificities)};
    });
    return {version: 1, mode, source, analysis: result, models: {equation, multivariable}, curves, settings};
  }
  // private: each curve coarsened to the minimum cell size, and the Youden cut-off read from that curve (the exact
  // one lies between two patients' values and its 2×2 table may hold fewer than minCell); AUCs and tests stay exact
  const curves: RocCurveData[] = result.roc.map((r) => ({marker: r.marker, ...coarsenedRoc(valuesOf(r.marker), data.y, {direction: r.direction, minCell})}));
  result.roc = result.roc.map((r, i) => {
    const best = bestPublishedPoint(curves[i]!);
    return {...r, threshold: best.threshold, sensitivity: best.sensitivity, specificity: best.specificity, youdenJ: best.youdenJ, youdenTies: best.ties};
  });
  // the bootstrap of the exact cut-off keeps its corrected accuracy; the cut-off itself is not published
  result.checks = {...result.checks, cutpoints: result.checks.cutpoints.map((c) => ({...c, threshold: NaN}))};
  // private: the per-patient predictions go; the aggregates the pages need come instead
  const distributions: Record<string, BinnedDistribution> = Object.create(null);
  for (const name of STUDY_PROCEDURE.candidates) {
    const v = data.variables.get(name)!;
    if (v.kind === "continuous") distributions[name] = binnedByOutcome(v.values!, data.y, {minCell});
  }
  const aggregates: PrivateAggregates = {
    minCell,
    subsetFits: subsetFits(data, STUDY_PROCEDURE.candidates, STUDY_PROCEDURE.estimate),
    distributions,
    splineChecks: privateSplineChecks(data, run),
    models: {
      equation: privateModelAggregates(run.model.fit.fitted, data.y, minCell),
      multivariable: privateModelAggregates(full.fit.fitted, data.y, minCell)
    }
  };
  const withoutPredictions = (m: StudyModel): StudyModel => ({...m, predictions: []});
  return {
    version: 1, mode, source, analysis: result,
    models: {equation: withoutPredictions(equation), multivariable: withoutPredictions(multivariable)},
    curves, settings, aggregates
  };
}
