/**
 * Which cohort the site computes on: the real patient data when the reader supplies it, else the reconstruction.
 *
 * Real data in one step — either:
 *   1. set the environment variable PKP_COHORT_CSV to the path of a CSV in the cohort schema (./schema.ts), or
 *   2. put the CSV at data/cohort.csv in the repository root (outside src/, so it is never published by mistake).
 * When both are present the environment variable wins (it is the more explicit choice). A real file always wins
 * over the reconstruction. A path in PKP_COHORT_CSV that does not exist is an error, never a silent fallback.
 * Then rebuild (`npm run build`; its prebuild step clears Framework's loader cache).
 *
 * This module only decides; the Node-side loader (src/data/lib/cohort.ts) reads files. Pure, runs anywhere.
 *
 * @example chooseCohortSource({envPath: undefined, defaultPathExists: false}).kind // "synthetic"
 */
export const COHORT_ENV_VAR = "PKP_COHORT_CSV";
/** Set to 1 to publish a real cohort's rows with the site (open data); unset, a real cohort is private. */
export const PUBLISH_ROWS_VAR = "PKP_PUBLISH_ROWS";
/** Path of the real-data file relative to the repository root. */
export const DEFAULT_REAL_COHORT_PATH = "data/cohort.csv";

export interface CohortSourceChoice {
  kind: "real" | "synthetic";
  /** Path of the real file (as given), or null for the reconstruction. */
  path: string | null;
  /** How the choice was made, in words, for the site's "which cohort" note. */
  reason: string;
}

/** Which cohort a build shows: the study loader writes it as cohort-source.json in its archive. */
export interface CohortSource extends CohortSourceChoice {
  /** Patients in the cohort the site shows. */
  rows: number;
  /** Patients with and without ASD. */
  events: number;
  nonEvents: number;
  /** Seed of the reconstruction (synthetic only). */
  seed: number | null;
  /** Non-fatal findings of the schema check (real data only). */
  warnings: string[];
  /** What the build publishes of the rows (set by the study document): "open" rows, or "private" aggregates only. */
  publication?: {mode: "open" | "private"; minCell: number};
}

export function chooseCohortSource({
  envPath,
  defaultPathExists
}: {
  envPath: string | undefined;
  defaultPathExists: boolean;
}): CohortSourceChoice {
  if (envPath !== undefined && envPath.trim() !== "") {
    // the reason is published with the site: the file's name, never the build machine's path to it
    return {kind: "real", path: envPath, reason: `real data from ${COHORT_ENV_VAR} (file ${fileName(envPath)})`};
  }
  if (defaultPathExists) return {kind: "real", path: DEFAULT_REAL_COHORT_PATH, reason: `real data from ${DEFAULT_REAL_COHORT_PATH}`};
  return {
    kind: "synthetic",
    path: null,
    reason: `reconstructed cohort (no ${COHORT_ENV_VAR} set and no ${DEFAULT_REAL_COHORT_PATH}): synthetic patients generated to reproduce the abstract's published figures`
  };
}

/** The last component of a path ("/a/b/c.csv" → "c.csv", "C:\\x\\c.csv" → "c.csv"). */
export function fileName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

/**
 * The one line every page's header and footer carries, so a reader on any page knows whose patients the numbers
 * are and whether their records are published. Decided from the same environment as the loader's choice.
 *
 * @example siteCohortLabel({kind: "real", publishRows: false}) // "Real data, private: …"
 */
export function siteCohortLabel({kind, publishRows}: {kind: "real" | "synthetic"; publishRows: boolean}): string {
  if (kind === "synthetic") return "Synthetic cohort: a reconstruction from the abstract's published figures, not real patients.";
  if (publishRows) return "Real data, published: the author chose to publish every patient's record with this site.";
  return "Real data, private: no patient's record is published with this site; pages show fitted models and aggregate counts.";
}

/** The label for the environment a build runs in (the config's header and footer). */
export function siteCohortLabelFor(env: Record<string, string | undefined>, defaultPathExists: boolean): string {
  const {kind} = chooseCohortSource({envPath: env[COHORT_ENV_VAR], defaultPathExists});
  return siteCohortLabel({kind, publishRows: env[PUBLISH_ROWS_VAR]?.trim() === "1"});
}
