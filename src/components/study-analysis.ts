/**
 * The ROC part of the study's analysis, and the whole build-time analysis (`studyAnalysis`) that
 * src/data/analysis.json.ts writes: each marker's empirical ROC curve, DeLong AUC CI and Youden point, the
 * prediction equation's curve from its fitted probabilities, and DeLong's paired test of the equation against
 * each single factor (as pROC's roc.test(paired = TRUE, method = "delong")). Wiring only; the statistics are the
 * engine's (stats/roc.ts and stats/delong.ts). Pure, no DOM.
 *
 * Throws what the engine throws.
 *
 * @example studyAnalysis(parseCohortCsv(text).rows, published).roc.find((r) => r.key === "model")!.auc // ≈ 0.96
 */
import type {CohortRow} from "./cohort/schema.js";
import {rocCurve, youdenOptimal, type Direction} from "./stats/roc.js";
import {delongAuc, delongTest} from "./stats/delong.js";
import {
  CANDIDATES, EQUATION, ROC_MARKERS, columnInfo, fitStudyModel, publishedColumn, screenCandidates, summarizeModel, univariateTable,
  type ModelSummary, type PublishedStudy, type UnivariateRow
} from "./study.js";

export interface RocSummary {
  key: string;
  label: string;
  direction: Direction;
  auc: number;
  se: number;
  ciLower: number;
  ciUpper: number;
  nCases: number;
  nControls: number;
  youden: {threshold: number; sensitivity: number; specificity: number; youdenJ: number};
  thresholds: number[];
  sensitivities: number[];
  specificities: number[];
  publishedAuc: number | null;
  publishedDecimals: number;
}

/** Empirical ROC, DeLong AUC CI and the Youden point of one marker (direction chosen as pROC's "auto"). */
export function markerRoc(key: string, label: string, marker: ArrayLike<number>, outcome: ArrayLike<number>, published?: {value: number; decimals?: number} | null): RocSummary {
  const roc = rocCurve(marker, outcome, {direction: "auto"});
  const ci = delongAuc(marker, outcome, roc.direction);
  const y = youdenOptimal(roc);
  return {
    key, label, direction: roc.direction, auc: roc.auc, se: ci.se, ciLower: ci.ciLower, ciUpper: ci.ciUpper,
    nCases: roc.nCases, nControls: roc.nControls,
    youden: {threshold: y.threshold, sensitivity: y.sensitivity, specificity: y.specificity, youdenJ: y.youdenJ},
    thresholds: Array.from(roc.thresholds), sensitivities: Array.from(roc.sensitivities), specificities: Array.from(roc.specificities),
    publishedAuc: published?.value ?? null, publishedDecimals: published?.decimals ?? 3
  };
}

export interface RocComparison {
  a: string;
  b: string;
  aucA: number;
  aucB: number;
  difference: number;
  z: number;
  p: number;
}

export interface StudyAnalysis {
  n: number;
  events: number;
  univariate: UnivariateRow[];
  /** Default screening: the candidates with univariate p < 0.05. */
  screening: {threshold: number; selected: string[]};
  /** The multivariable model of the screened candidates (the abstract's reading: all eight). */
  model: ModelSummary;
  /** The four-factor prediction equation (age, BMD, cement, recovery). */
  equation: ModelSummary;
  roc: RocSummary[];
  comparisons: RocComparison[];
}

/** Everything the study pages show, computed once at build time. */
export function studyAnalysis(rows: readonly CohortRow[], published?: PublishedStudy | null, {pThreshold = 0.05}: {pThreshold?: number} = {}): StudyAnalysis {
  const univariate = univariateTable(rows, published);
  const selected = screenCandidates(univariate, CANDIDATES, pThreshold);
  const model = fitStudyModel(rows, selected.length ? selected : CANDIDATES);
  const equation = fitStudyModel(rows, EQUATION);
  const pubAuc = (marker: string) => published?.auc.find((a) => publishedColumn(a.marker) === marker) ?? null;
  const eqData = equation.data;
  const roc: RocSummary[] = [
    markerRoc("model", "Prediction equation", equation.fit.fitted, eqData.outcome, pubAuc("model")),
    ...ROC_MARKERS.map((key) => markerRoc(key, columnInfo(key).label, eqData.columns[key]!, eqData.outcome, pubAuc(key)))
  ];
  const comparisons = ROC_MARKERS.map((key) => {
    const dir = roc.find((r) => r.key === key)!.direction;
    const t = delongTest(equation.fit.fitted, eqData.columns[key]!, eqData.outcome, {directionA: roc[0]!.direction, directionB: dir});
    return {a: "model", b: key, aucA: t.aucA, aucB: t.aucB, difference: t.difference, z: t.z, p: t.p};
  });
  return {
    n: eqData.n,
    events: eqData.outcome.reduce((s, v) => s + v, 0),
    univariate,
    screening: {threshold: pThreshold, selected},
    model: summarizeModel(model.fit, selected.length ? selected : CANDIDATES),
    equation: summarizeModel(equation.fit, EQUATION),
    roc,
    comparisons
  };
}
