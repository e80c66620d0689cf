// DeLong's paired test of the prediction equation's AUC against each single factor's (pROC roc.test(paired,
// method = "delong")), as CSV. Same engine calls as the ROC explorer (src/components/study-analysis.ts).
import {csvFromRecords} from "../../components/csv-export.js";
import {studyAnalysis} from "../../components/study-analysis.js";
import type {PublishedStudy} from "../../components/study.js";
import {loadCohort, readPublished} from "../lib/cohort.js";

const {rows} = loadCohort();
const analysis = studyAnalysis(rows, readPublished() as unknown as PublishedStudy, {pThreshold: 0.05});
process.stdout.write(csvFromRecords(analysis.comparisons.map((c) => ({
  marker_a: c.a, marker_b: c.b, auc_a: c.aucA, auc_b: c.aucB, difference: c.difference, z: c.z, p: c.p
}))));
