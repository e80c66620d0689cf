// The Validation page's numbers, computed at build time by the shared engine over the cohort the site shows (real
// data if supplied, else the reconstruction): for the four-factor prediction equation and the eight-variable model,
// events per variable, Riley's minimum sample size, Harrell's bootstrap optimism correction (B = 200, seeded, with
// failed refits counted), Brier, Hosmer–Lemeshow, the calibration curve and a decision curve
// (src/components/validation-analysis.ts). Also a Firth-refit bootstrap, to show what the failed ML refits would
// have contributed.
import {bootstrapModel, validationAnalysis, type BootstrapSummary, type ValidationAnalysis} from "../components/validation-analysis.js";
import type {CohortSource} from "../components/cohort/source.js";
import {loadCohort} from "./lib/cohort.js";

/** Shape of validation.json, shared with src/validation.md. */
export interface ValidationJson extends ValidationAnalysis {
  source: CohortSource;
  firth: Record<string, BootstrapSummary>;
  seconds: number;
}

export const VALIDATION_SEED = 20240601;
export const VALIDATION_REPLICATES = 200;

const started = performance.now();
const {rows, source} = loadCohort();
const analysis = validationAnalysis(rows, {replicates: VALIDATION_REPLICATES, seed: VALIDATION_SEED, method: "ml"});
const firth = Object.fromEntries(
  (["equation", "multivariable"] as const).map((k) => [k, bootstrapModel(rows, k, {replicates: VALIDATION_REPLICATES, seed: VALIDATION_SEED, method: "firth"})])
);
const out: ValidationJson = {source, ...analysis, firth, seconds: (performance.now() - started) / 1000};
process.stdout.write(JSON.stringify(out) + "\n");
