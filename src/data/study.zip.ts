// The study's one loader: one engine run per build. It loads the cohort the site shows (real data if supplied,
// else the reconstruction: src/data/lib/cohort.ts), runs the study's procedure through the one pipeline
// (src/components/study/document.ts) and writes a Framework archive whose members the pages read as
// FileAttachment("data/study/<member>"):
//
//   analysis.json         the study document (StudyDocument): every number the study pages show
//   cohort.csv            the cohort's rows in the schema's columns (open mode); the header only in private mode
//   cohort-source.json    which cohort this build shows (also printed on the PDF's first page)
//   teaching-cohort.csv   the synthetic reconstruction's rows, the teaching page's population (in every build)
//   model.json            both fitted models for reuse (terms, covariance, units, risk formula)
//   equation.json         the prediction equation as equation JSON, for analyze --validate-equation and Your own cohort
//   checking.json         the abstract checked against itself (needs no patient data)
//   reconstruction.json   fidelity to the abstract, plausibility, and the generator's diagnostics
//   ensemble.json         the ensemble of reconstructions (src/data/ensemble.json, read, not generated): figure by
//                         figure the site's value, the ensemble's median, range and verdict; the shape search
//   tables/*.csv          the downloads, derived from analysis.json without refitting
//   reporting-checklists.md  TRIPOD+AI and PROBAST filled in from the analysis (also as tables/*.csv)
import JSZip from "jszip";
import {AnalysisError} from "../components/cohort/table.js";
import {checkAbstract, summarizeChecks} from "../components/stats/abstract-check.js";
import {formatCohortCsv} from "../components/cohort/schema.js";
import {fidelityReport, unmetReason} from "../components/cohort/fidelity.js";
import {plausibilitySummary} from "../components/cohort/plausibility-summary.js";
import {csvFromRecords} from "../components/csv-export.js";
import {studyDocument} from "../components/study/document.js";
import {toJsonDocument} from "../components/json-safe.js";
import {checklistCsv, checklistsMarkdown, probastAnalysis, tripodItems} from "../components/study/reporting.js";
import {studyEquationJson} from "../components/study/equation.js";
import {calibrationGroupsCsv, decisionCurveCsv, modelJson, modelTermsCsv, rocAucCsv, rocTestsCsv, table1Csv, validationCsv} from "../components/study/exports.js";
import {loadCohort, publicationMode, privateSource, readPublished, reconstruct} from "./lib/cohort.js";
import {readEnsemble} from "./lib/ensemble.js";
import {ensembleReport} from "../components/study/ensemble.js";
import {derivedValues} from "../components/study/derived-figures.js";

/** Margin around the binormal AUC range within which a published AUC counts as plausible (Checking page). */
const AUC_TOLERANCE = 0.05;

const published = readPublished();
const {rows, source, reconstruction} = loadCohort();
const privacy = publicationMode(source.kind, process.env);
// Framework shows a loader's stderr in the build's output: the author sees which mode the site was built in
process.stderr.write(`${privacy.message}\n`);
let doc;
try {
  doc = studyDocument(rows, {source: privacy.mode === "private" ? privateSource(source) : source, mode: privacy.mode, minCell: privacy.minCell});
} catch (e) {
  if (!(e instanceof AnalysisError)) throw e;
  // the study's candidates are fixed by its data dictionary: say so, and what the author can do
  throw new AnalysisError(
    `${source.path ?? "the cohort"}: the study's analysis cannot run on this cohort: ${e.message} ` +
      `(The study's procedure uses every column of the data dictionary: correct the file, or analyse it with npm run analyze and your own choice of predictors.)`,
    e.code,
    e.where
  );
}

const checks = checkAbstract(published, {aucTolerance: AUC_TOLERANCE});
const verdicts = summarizeChecks(checks);
const checking = {source: published.source ?? null, aucTolerance: AUC_TOLERANCE, checks, verdicts, flagged: verdicts.filter((v) => !v.consistent)};

const fidelity = fidelityReport(published, rows);
const reconstructionJson = {
  cohort: doc.source,
  summary: fidelity.summary,
  model: fidelity.model,
  figures: fidelity.rows,
  summaryCheck: fidelity.summaryCheck,
  plausibility: plausibilitySummary(rows),
  optimiser: reconstruction ? {...reconstruction.diagnostics, generationSeconds: reconstruction.generationSeconds ?? null} : null,
  unmet: fidelity.rows.filter((r) => !r.matches).map((r) => ({
    id: r.id, figure: r.figure, published: r.published, reconstructed: r.reconstructed, distance: r.distance,
    distanceUnit: `units of the last printed digit (${Math.pow(10, -r.decimals)})`,
    reason: source.kind === "real" ? "Real data: the difference is the study's, not the reconstruction's." : unmetReason(r.id, published)
  }))
};

// the committed ensemble: refused (the build stops) when another generator version made it
const ensemble = ensembleReport(readEnsemble(), {
  // the site's derived figures: the document's analysis has both bootstraps at the settings the members have
  site: derivedValues(doc.analysis),
  siteRows: doc.mode === "open" ? rows : null,
  siteSeed: source.kind === "synthetic" ? source.seed : null,
  published
});

const zip = new JSZip();
// the document as the CLI writes one: non-finite numbers null and listed in `nonFinite` (pages restore them)
zip.file("analysis.json", toJsonDocument(doc, 0));
// the teaching page's population is made of the synthetic reconstruction's patients, whatever the site's cohort
zip.file("teaching-cohort.csv", formatCohortCsv(reconstruction ? reconstruction.rows : reconstruct().rows));
// private mode publishes the header only: no patient's record leaves the build machine
zip.file("cohort.csv", formatCohortCsv(doc.mode === "open" ? rows : []));
zip.file("cohort-source.json", JSON.stringify({...doc.source, mode: doc.mode, ...(doc.aggregates ? {minCell: doc.aggregates.minCell} : {})}, null, 2));
zip.file("model.json", JSON.stringify(modelJson(doc), null, 2));
zip.file("equation.json", studyEquationJson(doc));
zip.file("checking.json", JSON.stringify(checking, null, 2));
zip.file("reconstruction.json", JSON.stringify(reconstructionJson, null, 2));
zip.file("ensemble.json", JSON.stringify(ensemble, null, 1));
zip.file("tables/ensemble.csv", csvFromRecords(ensemble.figures.map((f) => ({
  id: f.id, figure: f.label, conclusion: f.conclusion, site: f.site, site_holds: f.siteHolds, ensemble_median: f.median, ensemble_min: f.min, ensemble_max: f.max,
  members: f.k, holds_in: f.holds, verdict: f.text
}))));
zip.file("tables/table1.csv", table1Csv(doc, published));
zip.file("tables/model-terms.csv", modelTermsCsv(doc, published));
zip.file("tables/roc-auc.csv", rocAucCsv(doc, published));
zip.file("tables/roc-tests.csv", rocTestsCsv(doc));
zip.file("tables/validation.csv", validationCsv(doc));
zip.file("tables/calibration-groups.csv", calibrationGroupsCsv(doc));
zip.file("tables/decision-curve.csv", decisionCurveCsv(doc));
zip.file("tables/abstract-checks.csv", csvFromRecords(checks.map((c) => ({
  id: c.id, figure_id: c.figureId, section: c.section, figure: c.figure, method: c.method, published: c.published,
  published_value: c.publishedValue, recomputed: c.recomputed, range_lower: c.range?.[0], range_upper: c.range?.[1],
  consistent: c.consistent, significant_at_05: c.significantAt05, arithmetic: c.arithmetic
}))));
zip.file("tables/fidelity.csv", csvFromRecords(fidelity.rows.map((r) => ({
  id: r.id, figure: r.figure, published: r.published, published_value: r.publishedValue, decimals: r.decimals, relation: ({"=": "rounds to", "<": "below", ">": "above"} as const)[r.relation],
  computed: r.reconstructed, difference: r.difference, distance_last_digits: r.distance, matches: r.matches, note: r.note, cohort: source.kind
}))));
const tripod = tripodItems(doc, published);
const probast = probastAnalysis(doc);
zip.file("tables/tripod-ai.csv", checklistCsv(tripod, "TRIPOD+AI"));
zip.file("tables/probast-analysis.csv", checklistCsv(probast, "PROBAST domain 4"));
zip.file("reporting-checklists.md", checklistsMarkdown(tripod, probast));
// a fixed date so the archive's bytes depend on its contents only
for (const file of Object.values(zip.files)) file.date = new Date(Date.UTC(2020, 0, 1));
process.stdout.write(await zip.generateAsync({type: "nodebuffer", compression: "DEFLATE"}));
