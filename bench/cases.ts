/**
 * The benchmark's cases: what each times, at which sizes by default, and the goal it is held to (on the project's 2-core
 * machine). Shared by bench/run.ts (which spawns one process
 * per case and size) and bench/case.ts (which runs it). No engine imports here, so the runner starts quickly.
 */

export const CASE_NAMES = ["logistic", "auc-delong", "bootstrap-validation", "bootstrap-pool", "procedure-bootstrap", "reconstruction", "build", "stream-read", "browser-your-data", "browser-webr-glm"] as const;
export type CaseName = (typeof CASE_NAMES)[number];

export interface CaseSpec {
  name: CaseName;
  /** One line for the help text. */
  description: string;
  /** Rows timed by default, one process each. */
  sizes: number[];
  /** Predictors by default (for the browser cases: columns of the file, the outcome and p − 1 predictors). */
  predictors: number;
  repeats: number;
  /** Whether --n and --p change the workload (the reconstruction and the build run the study's cohort). */
  sized: boolean;
  /** Goal on the median seconds, by rows (only where an issue sets one). */
  goalSeconds?: (n: number) => number | undefined;
  /** Worker counts timed by default (the replicate pool's cases; one process per count). */
  workers?: number[];
}

/** Rows and predictors of the study's cohort (src/data/published.json, the eight-predictor model). */
export const COHORT_ROWS = 162;
export const COHORT_PREDICTORS = 8;

export const CASES: Record<CaseName, CaseSpec> = {
  logistic: {
    name: "logistic",
    description: "buildDesign + fitLogistic (IRLS, Wald inference, LR test, separation check), p numeric predictors",
    sizes: [1e4, 1e5, 1e6],
    predictors: 8,
    repeats: 5,
    sized: true,
    goalSeconds: (n) => (n === 1e6 ? 1.5 : undefined)
  },
  "auc-delong": {
    name: "auc-delong",
    description: "delongAuc: empirical AUC with DeLong's 95% CI of one marker",
    sizes: [1e4, 1e5, 1e6],
    predictors: 1,
    repeats: 5,
    sized: true,
    goalSeconds: (n) => (n === 1e6 ? 0.4 : undefined)
  },
  "bootstrap-validation": {
    name: "bootstrap-validation",
    description: "optimismBootstrap, B = 1000: Harrell's optimism-corrected AUC, Brier, calibration slope and intercepts",
    sizes: [COHORT_ROWS],
    predictors: 4,
    repeats: 5,
    sized: true,
    goalSeconds: (n) => (n === COHORT_ROWS ? 0.1 : undefined)
  },
  "bootstrap-pool": {
    name: "bootstrap-pool",
    description: `parallelBootstrap on a worker_threads pool (warm workers), B = 40: the fixed-predictor bootstrap at registry size`,
    sizes: [1e5],
    predictors: 8,
    repeats: 5,
    sized: true,
    workers: [1, 2]
  },
  "procedure-bootstrap": {
    name: "procedure-bootstrap",
    description: "the whole-procedure bootstrap (screen p < 0.05, Wald selection p < 0.05, refit) on a worker_threads pool, B = 200",
    sizes: [COHORT_ROWS],
    predictors: 8,
    repeats: 5,
    sized: true,
    workers: [1, 2]
  },
  reconstruction: {
    name: "reconstruction",
    description: "generateCohort(published.json): the synthetic cohort's two annealing stages",
    sizes: [COHORT_ROWS],
    predictors: COHORT_PREDICTORS,
    repeats: 3,
    sized: false,
    // generation at build time under 30 s
    goalSeconds: (n) => (n === COHORT_ROWS ? 30 : undefined)
  },
  build: {
    name: "build",
    description: "npm run build, with an empty Framework cache, as a fresh clone builds (the cohort read from the committed src/data/reconstruction.json)",
    sizes: [COHORT_ROWS],
    predictors: COHORT_PREDICTORS,
    repeats: 1,
    sized: false
  },
  "stream-read": {
    name: "stream-read",
    description: "readDelimitedStream: a CSV file (0/1 outcome, p numeric columns) in chunks into typed columns, as analyze reads large files",
    sizes: [1e6, 1e7],
    predictors: 5,
    repeats: 1,
    sized: true
  },
  "browser-your-data": {
    name: "browser-your-data",
    description: "\"Your own cohort\" in Chromium (dist/, built first if older than src/): upload, every predictor, the default analysis; Analyse click to \"Analysis done\"; p = columns",
    sizes: [1e4, 1e5],
    predictors: 20,
    repeats: 3,
    sized: true
  },
  "browser-webr-glm": {
    name: "browser-webr-glm",
    description: "webR (npm webr, offline from node_modules) in the same Chromium: read.csv + glm(y ~ ., binomial) + summary on the same file; the note has the engine's time in the same page; p = columns",
    sizes: [1e4, 1e5],
    predictors: 20,
    repeats: 3,
    sized: true
  }
};

export const BOOTSTRAP_REPLICATES = 1000;
export const POOL_BOOTSTRAP_REPLICATES = 40;
export const PROCEDURE_BOOTSTRAP_REPLICATES = 200;

/** Seed of the generated data (the reconstruction uses the site's own seed unless --seed is given). */
export const DEFAULT_SEED = 20240607;

export function isCaseName(name: string): name is CaseName {
  return (CASE_NAMES as readonly string[]).includes(name);
}

/** What bench/case.ts prints (one JSON line); bench/run.ts turns it into the published record. */
export interface CaseMeasurement {
  case: CaseName;
  n: number;
  p: number;
  seconds: number[];
  /** CPU seconds (user + system) of the process, all its threads, per repeat, where measured. */
  cpuSeconds?: number[];
  peakRssMb: number | null;
  /** The pool's worker count (pool cases only). */
  workers?: number;
  /** A sanity note on the data or the result (event rate, recovered coefficients), for the human table. */
  note: string;
}

/** The record bench/run.ts prints, one JSON object per line. */
export interface BenchRecord {
  case: CaseName;
  n: number;
  p: number;
  repeats: number;
  median_s: number;
  min_s: number;
  max_s: number;
  /**
   * Median CPU seconds (user + system, every thread of the case's process, pool workers included) per repeat: on a
   * shared machine it moves less with the load than the wall clock. Absent for the build.
   */
  median_cpu_s?: number;
  /** Peak resident set size in MiB (2²⁰ bytes); null when it could not be measured. */
  peak_rss_mb: number | null;
  /** Worker threads of the replicate pool (pool cases only). */
  workers?: number;
}
