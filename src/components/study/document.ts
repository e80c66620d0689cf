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
import {DEFAULT_BOOTSTRAP_SEED, DEFAULT_REPLICATES} from "../pipeline/defaults.js";
import {rocCurve} from "../stats/roc.js";
import {fitFirth} from "../stats/firth.js";
import type {ModelStage} from "../procedure/run.js";
import {STUDY_PROCEDURE, studyData} from "./study.js";

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

export interface StudyDocument {
  version: 1;
  /** "open": the cohort's rows are published beside this document; "private": aggregates only. */
  mode: "open" | "private";
  source: CohortSource;
  analysis: AnalysisResult;
  models: Record<StudyModelKey, StudyModel>;
  curves: RocCurveData[];
  settings: {replicates: number; seed: number};
}

export interface StudyOptions {
  source: CohortSource;
  replicates?: number;
  seed?: number;
}

function studyModel(key: StudyModelKey, label: string, stage: ModelStage, data: PreparedData, replicates: number, seed: number): StudyModel {
  const validation = validateFit(stage.fit, data.y, {
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
export function studyDocument(rows: readonly CohortRow[], {source, replicates = DEFAULT_REPLICATES, seed = DEFAULT_BOOTSTRAP_SEED}: StudyOptions): StudyDocument {
  const data = studyData(rows, source.path ?? "cohort");
  const {result, run} = runPipelineOnData(data, STUDY_PROCEDURE);
  const full = run.full ?? run.model;
  const equation = studyModel("equation", `Prediction equation (${run.model.predictors.length} factors)`, run.model, data, replicates, seed);
  const multivariable = studyModel("multivariable", `Multivariable model (${full.predictors.length} variables)`, full, data, replicates, seed);
  const curves: RocCurveData[] = result.roc.map((r) => {
    const values = r.marker === "model" ? run.model.fit.fitted : data.variables.get(r.marker)!.values!;
    const c = rocCurve(values, data.y, {direction: r.direction});
    return {marker: r.marker, direction: c.direction, thresholds: Array.from(c.thresholds), sensitivities: Array.from(c.sensitivities), specificities: Array.from(c.specificities)};
  });
  return {version: 1, mode: "open", source, analysis: result, models: {equation, multivariable}, curves, settings: {replicates, seed}};
}
