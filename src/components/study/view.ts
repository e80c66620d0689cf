/**
 * What the study pages read, in one place: the study document (./document.ts) with its non-finite numbers
 * restored, and the views of it several pages share — each marker's ROC summary with its curve and the published
 * AUC, and, in open mode, the cohort's prepared data with the study's procedure run on it again in the browser
 * (the same engine as the build), for the controls that refit. Pure, no DOM.
 *
 * @example const study = studyView(await FileAttachment("data/study/analysis.json").json(), cohortText)
 */
import {restoreNonFinite, type NonFiniteEntry} from "../json-safe.js";
import {parseCohortCsv} from "../cohort/schema.js";
import type {PreparedData} from "../cohort/prepare.js";
import {designFor, fitBy, runProcedure, type ProcedureRun} from "../procedure/run.js";
import {bootstrapValidation, chunkedBootstrap, type BootstrapValidation, type IndexRow} from "../pipeline/validation.js";
import type {IndexName} from "../stats/optimism-bootstrap.js";
import type {RocResult} from "../pipeline/discrimination.js";
import type {StudyDocument, StudyModelKey} from "./document.js";
import {STUDY_PROCEDURE, columnInfo, publishedColumn, studyData, type Published} from "./study.js";

export interface MarkerSummary extends Omit<RocResult, "auc" | "ciLower" | "ciUpper"> {
  key: string;
  auc: number;
  ciLower: number;
  ciUpper: number;
  label: string;
  sensitivities: number[];
  specificities: number[];
  thresholds: number[];
  youden: {threshold: number; sensitivity: number; specificity: number; youdenJ: number};
  publishedAuc: number | null;
  publishedDecimals: number;
}

export interface StudyView {
  doc: StudyDocument;
  /** The cohort's prepared data and the procedure run on it in the browser (open mode), else null. */
  data: PreparedData | null;
  run: ProcedureRun | null;
  markers: MarkerSummary[];
  marker(key: string): MarkerSummary;
}

/** "Prediction equation", or the column's label. */
export function markerLabel(key: string): string {
  return key === "model" ? "Prediction equation" : columnInfo(key).label;
}

export function studyView(json: StudyDocument & {nonFinite?: NonFiniteEntry[]}, cohortCsv: string | null, published: Published | null = null): StudyView {
  const doc = restoreNonFinite(json);
  let data: PreparedData | null = null;
  let run: ProcedureRun | null = null;
  if (doc.mode === "open" && cohortCsv) {
    data = studyData(parseCohortCsv(cohortCsv, {source: "cohort.csv"}).rows, "cohort.csv");
    run = runProcedure(STUDY_PROCEDURE, data);
  }
  const curves = new Map(doc.curves.map((c) => [c.marker, c]));
  const pubAuc = new Map((published?.auc ?? []).map((a) => [publishedColumn(a.marker), a]));
  // the equation first, then the measured candidates in candidate order (a 0/1 factor has a single threshold: its
  // ROC "curve" is two segments, nothing to explore; its AUC is in the document and the downloads)
  const continuous = new Set(doc.analysis.candidates.filter((c) => c.kind === "continuous").map((c) => c.name));
  const ordered = doc.analysis.roc.filter((r) => r.marker === "model" || continuous.has(r.marker)).sort((a, b) => Number(b.marker === "model") - Number(a.marker === "model"));
  const markers: MarkerSummary[] = ordered.map((r) => {
    const c = curves.get(r.marker)!;
    const pub = pubAuc.get(r.marker);
    return {
      ...r,
      key: r.marker,
      label: markerLabel(r.marker),
      auc: r.auc ?? NaN,
      ciLower: r.ciLower ?? NaN,
      ciUpper: r.ciUpper ?? NaN,
      sensitivities: c.sensitivities,
      specificities: c.specificities,
      thresholds: c.thresholds,
      youden: {threshold: r.threshold ?? NaN, sensitivity: r.sensitivity ?? NaN, specificity: r.specificity ?? NaN, youdenJ: r.youdenJ ?? NaN},
      publishedAuc: pub?.value ?? null,
      publishedDecimals: pub?.decimals ?? 3
    };
  });
  const byKey = new Map(markers.map((m) => [m.key, m]));
  return {
    doc,
    data,
    run,
    markers,
    marker(key: string) {
      const m = byKey.get(key);
      if (!m) throw new RangeError(`studyView: no marker "${key}"`);
      return m;
    }
  };
}

/** The values of a marker per complete case, in cohort order (open mode): a column, or the equation's fitted risk. */
export function markerValues(view: StudyView, key: string): Float64Array {
  if (!view.data || !view.run) throw new RangeError("markerValues: the cohort's rows are not published with this site (private mode)");
  return key === "model" ? view.run.model.fit.fitted : view.data.variables.get(key)!.values!;
}

export const MODEL_KEYS: readonly StudyModelKey[] = ["equation", "multivariable"];

/** One index's row of a bootstrap ("auc", "slope", …). */
export function indexRow(b: BootstrapValidation, index: IndexName): IndexRow {
  const row = b.indices.find((r) => r.index === index);
  if (!row) throw new RangeError(`indexRow: the bootstrap has no index "${index}"`);
  return row;
}

/**
 * The Validation page's rerun: Harrell's bootstrap of one of the study's models with the reader's B, seed and
 * refit method, on the cohort's rows in the browser (open mode) — the build's chunkedBootstrap, so the same B and
 * seed give the build's numbers to the last bit.
 */
export function rerunBootstrap(view: StudyView, key: StudyModelKey, {replicates, seed, method}: {replicates: number; seed: number; method: "ml" | "firth"}, onChunk?: (done: number) => void): BootstrapValidation {
  if (!view.data) throw new RangeError("rerunBootstrap: the cohort's rows are not published with this site (private mode)");
  const design = designFor(view.data, view.doc.models[key].model.predictors);
  const original = fitBy(method, design, view.data.y);
  return bootstrapValidation(chunkedBootstrap(design, view.data.y, {replicates, seed, method, original}, onChunk), seed);
}
