// Each marker's ROC summary as CSV: AUC with DeLong SE and 95% CI, the direction (as pROC's "auto"), the
// Youden-optimal threshold with its sensitivity and specificity, and the published AUC — for the prediction
// equation's fitted risk and each single factor. Same engine calls as the ROC explorer (study-analysis.ts).
import {csvFromRecords} from "../../components/csv-export.js";
import {studyAnalysis} from "../../components/study-analysis.js";
import type {PublishedStudy} from "../../components/study.js";
import {loadCohort, readPublished} from "../lib/cohort.js";

const {rows} = loadCohort();
const analysis = studyAnalysis(rows, readPublished() as unknown as PublishedStudy, {pThreshold: 0.05});
process.stdout.write(csvFromRecords(analysis.roc.map((r) => ({
  marker: r.key, label: r.label, direction: r.direction, auc: r.auc, se_delong: r.se, ci_lower: r.ciLower, ci_upper: r.ciUpper,
  n_cases: r.nCases, n_controls: r.nControls, youden_threshold: r.youden.threshold, youden_sensitivity: r.youden.sensitivity,
  youden_specificity: r.youden.specificity, youden_j: r.youden.youdenJ, published_auc: r.publishedAuc ?? undefined
}))));
