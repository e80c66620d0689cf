// Fidelity of the cohort the site shows to the abstract: every published figure recomputed by the engine
// (src/components/cohort/fidelity.ts) beside its published value, whether it matches at the published
// precision, the model reading used, the plausibility checks of every measured variable, and — for the
// reconstruction — the optimiser's diagnostics. Shape: ReconstructionJson below, shared with the pages.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {fidelityReport} from "../components/cohort/fidelity.js";
import {plausibilitySummary} from "../components/cohort/plausibility-summary.js";
import type {PublishedSummary} from "../components/stats/abstract-check.js";
import {loadCohort, REPO_ROOT} from "./lib/cohort.js";

const published = JSON.parse(readFileSync(join(REPO_ROOT, "src/data/published.json"), "utf8")) as PublishedSummary;
const {rows, source, reconstruction} = loadCohort();
const report = fidelityReport(published, rows);
const unmet = report.rows.filter((r) => !r.matches);
const out = {
  cohort: source,
  summary: report.summary,
  model: report.model,
  figures: report.rows,
  summaryCheck: report.summaryCheck,
  plausibility: plausibilitySummary(rows),
  optimiser: reconstruction ? {...reconstruction.diagnostics, generationSeconds: reconstruction.generationSeconds ?? null} : null,
  unmet: unmet.map((r) => ({id: r.id, figure: r.figure, published: r.published, reconstructed: r.reconstructed, distance: r.distance, note: r.note}))
};
process.stdout.write(JSON.stringify(out, null, 2) + "\n");
