/**
 * Node-side cohort access shared by the data loaders (and the tests): resolves real vs reconstructed data
 * (src/components/cohort/source.ts decides), reads and validates a real CSV against the schema, or runs the
 * reconstruction. Node only (file system, environment); never imported by pages.
 *
 * The reconstruction takes 9–10 s (8–20 s) on the project's 2-core machine (npm run bench), and several loaders need
 * it; the generated rows are cached in the OS temporary directory under a hash of everything that determines them
 * (published.json, the generator's source files and the engine modules it uses, the seed), so a build generates
 * once. The cache holds exactly what the generator returned; delete it freely.
 *
 * Throws CohortSchemaError for an invalid real CSV (message names file, column, row) and Error when
 * PKP_COHORT_CSV points to a missing file.
 */
import {createHash} from "node:crypto";
import {existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {parseCohortCsv, type CohortRow} from "../../components/cohort/schema.js";
import {chooseCohortSource, COHORT_ENV_VAR, DEFAULT_REAL_COHORT_PATH, type CohortSource} from "../../components/cohort/source.js";
import {DEFAULT_SEED, generateCohort, type Reconstruction, type PublishedForReconstruction} from "../../components/cohort/reconstruction.js";

const here = dirname(fileURLToPath(import.meta.url));
/** Repository root (src/data/lib -> ../../..). */
export const REPO_ROOT = resolve(here, "../../..");

/** Synchronous sleep (loaders are plain scripts; Atomics.wait on a private buffer blocks without spinning). */
function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function readPublished(): PublishedForReconstruction & Record<string, unknown> {
  return JSON.parse(readFileSync(join(REPO_ROOT, "src/data/published.json"), "utf8"));
}

export interface LoadedCohort {
  rows: CohortRow[];
  source: CohortSource;
  /** The reconstruction's diagnostics (synthetic only). */
  reconstruction: Reconstruction | null;
}

/** The reconstruction for a seed, from the temp-dir cache when the generator and targets are unchanged. */
export function reconstruct(seed = DEFAULT_SEED): Reconstruction {
  const hash = createHash("sha256");
  hash.update(readFileSync(join(REPO_ROOT, "src/data/published.json")));
  const genDir = join(REPO_ROOT, "src/components/cohort");
  // the generator's own files and the engine modules its bytes depend on (PRNG, distributions, Cholesky, the fit)
  const engine = ["random.ts", "distributions.ts", "linear-algebra.ts", "warm-logistic.ts"].map((f) => `../stats/${f}`);
  const files = ["reconstruction.ts", ...readdirSync(join(genDir, "reconstruction")).sort().map((f) => `reconstruction/${f}`), ...engine];
  for (const f of files) hash.update(f).update(readFileSync(join(genDir, f)));
  hash.update(String(seed));
  const dir = join(tmpdir(), "pkp-cohort-cache");
  const file = join(dir, `${hash.digest("hex").slice(0, 24)}.json`);
  if (existsSync(file)) {
    try {
      return JSON.parse(readFileSync(file, "utf8")) as Reconstruction;
    } catch {
      // a half-written cache file from a concurrent build: regenerate
    }
  }
  mkdirSync(dir, {recursive: true});
  // Framework may run several loaders at once: the first takes a lock and generates, the others wait for its
  // cache entry rather than generating the same cohort again on the same two cores
  const lock = `${file}.lock`;
  let locked = false;
  try {
    writeFileSync(lock, String(process.pid), {flag: "wx"});
    locked = true;
  } catch {
    const waitUntil = Date.now() + 180_000;
    while (Date.now() < waitUntil && existsSync(lock) && !existsSync(file)) sleepMs(200);
    if (existsSync(file)) {
      try {
        return JSON.parse(readFileSync(file, "utf8")) as Reconstruction;
      } catch {
        /* fall through and generate */
      }
    }
  }
  const started = performance.now();
  try {
    const result: Reconstruction = generateCohort(readPublished(), {seed});
    result.generationSeconds = (performance.now() - started) / 1000;
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(result));
    renameSync(tmp, file); // atomic: a concurrent loader sees the whole entry or none
    return result;
  } finally {
    if (locked) rmSync(lock, {force: true});
  }
}

/** Loads the cohort the site shows: real data if supplied (see source.ts), else the reconstruction. */
export function loadCohort({env = process.env, root = REPO_ROOT}: {env?: NodeJS.ProcessEnv; root?: string} = {}): LoadedCohort {
  const choice = chooseCohortSource({envPath: env[COHORT_ENV_VAR], defaultPathExists: existsSync(join(root, DEFAULT_REAL_COHORT_PATH))});
  if (choice.kind === "real") {
    const path = resolve(root, choice.path!);
    if (!existsSync(path)) throw new Error(`${COHORT_ENV_VAR}=${choice.path}: no file at ${path}; set it to the path of your cohort CSV, or unset it to use the reconstruction`);
    const parsed = parseCohortCsv(readFileSync(path, "utf8"), {source: choice.path!});
    const events = parsed.rows.filter((r) => r.asd === 1).length;
    return {
      rows: parsed.rows,
      source: {...choice, rows: parsed.rows.length, events, nonEvents: parsed.rows.length - events, seed: null, warnings: parsed.warnings},
      reconstruction: null
    };
  }
  const reconstruction = reconstruct();
  const events = reconstruction.rows.filter((r) => r.asd === 1).length;
  return {
    rows: reconstruction.rows,
    source: {...choice, rows: reconstruction.rows.length, events, nonEvents: reconstruction.rows.length - events, seed: reconstruction.diagnostics.seed, warnings: []},
    reconstruction
  };
}
