// The abstract checked against itself (src/components/stats/abstract-check.ts): every published figure that the
// abstract's other figures determine, recomputed from those figures alone — P-values from means, SDs and counts by
// each standard test, single-factor AUCs against the binormal AUC the means and SDs imply, and ORs against their
// P-values — with the arithmetic written out, and one verdict per published figure. Needs no patient data.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {checkAbstract, summarizeChecks, type AbstractCheck, type FigureVerdict, type PublishedSummary} from "../components/stats/abstract-check.js";
import {REPO_ROOT} from "./lib/cohort.js";

/** Shape of checking.json, shared with src/checking.md. */
export interface CheckingJson {
  source: string | null;
  aucTolerance: number;
  checks: AbstractCheck[];
  verdicts: FigureVerdict[];
  /** Figures no standard method reproduces. */
  flagged: FigureVerdict[];
}

const AUC_TOLERANCE = 0.05;
const published = JSON.parse(readFileSync(join(REPO_ROOT, "src/data/published.json"), "utf8")) as PublishedSummary;
const checks = checkAbstract(published, {aucTolerance: AUC_TOLERANCE});
const verdicts = summarizeChecks(checks);
const out: CheckingJson = {
  source: published.source ?? null,
  aucTolerance: AUC_TOLERANCE,
  checks,
  verdicts,
  flagged: verdicts.filter((v) => !v.consistent)
};
process.stdout.write(JSON.stringify(out, null, 2) + "\n");
