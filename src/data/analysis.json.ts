// Everything the study pages (Overview, Cohort, Model, ROC explorer, Risk calculator) show, computed at build time
// by the shared engine over the cohort the site uses (real data if supplied, else the reconstruction): Table 1 with
// its tests, the screened multivariable model, the four-factor prediction equation, and each marker's ROC with
// DeLong CI and the paired DeLong tests. The pages recompute from src/data/cohort.csv in the browser with the same
// functions (src/components/study.ts) when a reader changes a control.
import {loadCohort, readPublished} from "./lib/cohort.js";
import {studyAnalysis} from "../components/study-analysis.js";
import type {PublishedStudy} from "../components/study.js";

const cohort = loadCohort();
const published = readPublished() as unknown as PublishedStudy;
const analysis = studyAnalysis(cohort.rows, published, {pThreshold: 0.05});
process.stdout.write(JSON.stringify({source: cohort.source, ...analysis}) + "\n");
