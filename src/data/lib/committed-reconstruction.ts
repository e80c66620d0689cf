/**
 * The site's default cohort as a committed file: the reconstruction of the default seed, written with the
 * generator's version (./ensemble.ts generatorVersion: a hash of the generator's sources and the published
 * figures). A build reads it instead of running the generator again when the version is the current one; a stale
 * or missing file is said on stderr and the build reconstructs (`npm run ensemble` rewrites the file, and
 * test/cohort/reconstruction.test.ts regenerates the cohort and requires the file to be it, row for row).
 *
 * Node only. @example readCommittedReconstruction(REPO_ROOT, 3)?.rows.length // 162
 */
import {existsSync, readFileSync, writeFileSync} from "node:fs";
import {resolve} from "node:path";
import type {CohortRow} from "../../components/cohort/schema.js";
import type {Reconstruction, ReconstructionDiagnostics} from "../../components/cohort/reconstruction.js";
import {generatorVersion} from "./ensemble.js";

export const RECONSTRUCTION_PATH = "src/data/reconstruction.json";

interface ReconstructionFile {
  generatorVersion: string;
  seed: number;
  rows: CohortRow[];
  diagnostics: ReconstructionDiagnostics;
}

/** The committed reconstruction of `seed`, or null (with the reason on stderr) when it is missing, stale or of another seed. */
export function readCommittedReconstruction(root: string, seed: number, {quiet = false}: {quiet?: boolean} = {}): Reconstruction | null {
  const path = resolve(root, RECONSTRUCTION_PATH);
  const say = (why: string) => {
    if (!quiet) process.stderr.write(`study: ${RECONSTRUCTION_PATH} ${why}: reconstructing the cohort (npm run ensemble rewrites the file)\n`);
    return null;
  };
  if (!existsSync(path)) return say("is missing");
  let file: ReconstructionFile;
  try {
    file = JSON.parse(readFileSync(path, "utf8")) as ReconstructionFile;
  } catch (e) {
    return say(`is not valid JSON (${(e as Error).message})`);
  }
  const version = generatorVersion(root);
  if (file.generatorVersion !== version) return say(`was made by generator version ${file.generatorVersion}, not the current ${version}`);
  if (file.seed !== seed || file.diagnostics?.seed !== seed || !Array.isArray(file.rows)) return say(`holds seed ${file.seed}, not ${seed}`);
  return {rows: file.rows, diagnostics: file.diagnostics};
}

/** Writes `reconstruction` as the committed file, with the current generator version. */
export function writeCommittedReconstruction(root: string, reconstruction: Reconstruction): void {
  const file: ReconstructionFile = {generatorVersion: generatorVersion(root), seed: reconstruction.diagnostics.seed, rows: reconstruction.rows, diagnostics: reconstruction.diagnostics};
  writeFileSync(resolve(root, RECONSTRUCTION_PATH), `${JSON.stringify(file)}\n`);
}
