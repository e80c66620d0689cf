/**
 * Node-side cohort access for the study's loader (and the tests): resolves real vs reconstructed data
 * (src/components/cohort/source.ts decides), reads and validates a real CSV against the schema, or runs the
 * reconstruction. Node only (file system, environment); never imported by pages.
 *
 * The reconstruction is deterministic (its seed and the generator's sources fix every row), so a build reads it
 * from the committed src/data/reconstruction.json when that file is of the current generator version
 * (./committed-reconstruction.ts; `npm run ensemble` rewrites it, and a unit test regenerates it and compares),
 * and runs the generator itself only when the file is stale or missing.
 *
 * Throws CohortSchemaError for an invalid real CSV (message names file, column, row) and Error when
 * PKP_COHORT_CSV points to a missing file.
 */
import {existsSync, readFileSync} from "node:fs";
import {join, resolve} from "node:path";
import {REPO_ROOT} from "./root.js";
import {readCommittedReconstruction} from "./committed-reconstruction.js";
import {CohortSchemaError, parseCohortCsv, type CohortRow} from "../../components/cohort/schema.js";
import {chooseCohortSource, COHORT_ENV_VAR, DEFAULT_REAL_COHORT_PATH, fileName, PUBLISH_ROWS_VAR, type CohortSource} from "../../components/cohort/source.js";
import {DEFAULT_SEED, generateCohort, type Reconstruction} from "../../components/cohort/reconstruction.js";
import type {Published} from "../../components/study/study.js";
import {DEFAULT_MIN_CELL} from "../../components/study/private.js";

export {REPO_ROOT};

export function readPublished(): Published {
  return JSON.parse(readFileSync(join(REPO_ROOT, "src/data/published.json"), "utf8")) as Published;
}

export interface LoadedCohort {
  rows: CohortRow[];
  source: CohortSource;
  /** The reconstruction's diagnostics (synthetic only). */
  reconstruction: Reconstruction | null;
}

/** The reconstruction for a seed, with the seconds it took. */
export function reconstruct(seed = DEFAULT_SEED): Reconstruction {
  const started = performance.now();
  const result = generateCohort(readPublished(), {seed});
  result.generationSeconds = (performance.now() - started) / 1000;
  return result;
}

/** Loads the cohort the site shows: real data if supplied (see source.ts), else the reconstruction. */
export function loadCohort({env = process.env, root = REPO_ROOT}: {env?: NodeJS.ProcessEnv; root?: string} = {}): LoadedCohort {
  const choice = chooseCohortSource({envPath: env[COHORT_ENV_VAR], defaultPathExists: existsSync(join(root, DEFAULT_REAL_COHORT_PATH))});
  if (choice.kind === "real") {
    const path = resolve(root, choice.path!);
    if (!existsSync(path)) throw new Error(`${COHORT_ENV_VAR}=${choice.path}: no file at ${path}; set it to the path of your cohort CSV, or unset it to use the reconstruction`);
    // what is published (the source, its warnings) names the file by its name only, never this machine's path to
    // it; an error, which only the author sees, names the path as given too
    let parsed;
    try {
      parsed = parseCohortCsv(readFileSync(path, "utf8"), {source: fileName(choice.path!)});
    } catch (e) {
      if (e instanceof CohortSchemaError) throw new CohortSchemaError(`${choice.path} — ${e.message}`, e.code, e.where);
      throw e;
    }
    const events = parsed.rows.filter((r) => r.asd === 1).length;
    return {
      rows: parsed.rows,
      source: {...choice, path: fileName(choice.path!), rows: parsed.rows.length, events, nonEvents: parsed.rows.length - events, seed: null, warnings: parsed.warnings},
      reconstruction: null
    };
  }
  const reconstruction = readCommittedReconstruction(root, DEFAULT_SEED) ?? reconstruct();
  const events = reconstruction.rows.filter((r) => r.asd === 1).length;
  return {
    rows: reconstruction.rows,
    source: {...choice, rows: reconstruction.rows.length, events, nonEvents: reconstruction.rows.length - events, seed: reconstruction.diagnostics.seed, warnings: []},
    reconstruction
  };
}

/** The environment variable with which an author publishes the real rows (open data): PKP_PUBLISH_ROWS=1. */
export {PUBLISH_ROWS_VAR};
/** The environment variable that sets private mode's minimum cell size. */
export const MIN_CELL_VAR = "PKP_MIN_CELL";

/**
 * Which mode a build publishes in: the reconstruction is open (its rows are synthetic); real data are private —
 * aggregates only, no patient record — unless the author opts in with PKP_PUBLISH_ROWS=1. PKP_MIN_CELL sets the
 * smallest count a published cell may hold (a whole number ≥ 1; default 5). Throws Error for a malformed value.
 */
export function publicationMode(kind: "real" | "synthetic", env: NodeJS.ProcessEnv): {mode: "open" | "private"; minCell: number; message: string} {
  const publish = env[PUBLISH_ROWS_VAR];
  if (publish !== undefined && !["0", "1", ""].includes(publish.trim())) {
    throw new Error(`${PUBLISH_ROWS_VAR}=${publish}: set it to 1 to publish the real rows with the site (open data), or leave it unset`);
  }
  const minCellText = env[MIN_CELL_VAR];
  const minCell = minCellText === undefined || minCellText.trim() === "" ? DEFAULT_MIN_CELL : Number(minCellText);
  if (!Number.isInteger(minCell) || minCell < 1) throw new Error(`${MIN_CELL_VAR}=${minCellText}: the minimum cell size must be a whole number of patients, at least 1`);
  if (kind === "synthetic") return {mode: "open", minCell, message: "study: synthetic reconstruction: its rows are published with the site (cohort.csv)"};
  if (publish?.trim() === "1") {
    return {mode: "open", minCell, message: `study: REAL DATA, OPEN MODE (${PUBLISH_ROWS_VAR}=1): every patient's row is published with the site in cohort.csv. Unset ${PUBLISH_ROWS_VAR} to publish aggregates only.`};
  }
  return {
    mode: "private",
    minCell,
    message: `study: real data, private mode: no patient record and no path of this machine is written to dist/ — aggregates only: fitted models, histograms with every cell ≥ ${minCell} patients (${MIN_CELL_VAR}), and ROC curves coarsened to the same rule (every step between published thresholds moves 0 or ≥ ${minCell} patients with ASD and 0 or ≥ ${minCell} without; the thresholds are round numbers, never a patient's value; AUCs and tests are computed from every patient; see the README). Set ${PUBLISH_ROWS_VAR}=1 to publish the rows (open data).`
  };
}

/** The source as a private site publishes it: the data check's notes without a single patient's value. */
export function privateSource(source: CohortSource): CohortSource {
  return {...source, warnings: source.warnings.map((w) => w.replace(/, first at data row \d+ \(spreadsheet row \d+\) \([^)]*\)/, ""))};
}
