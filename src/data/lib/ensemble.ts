/**
 * Node-side access to the committed ensemble of reconstructions (src/data/ensemble.json, written by
 * `npm run ensemble`): the generator's version, and a reader that refuses a file made by another version, so the
 * ensemble can never go stale silently.
 *
 * The generator's version is the SHA-256 (first 16 hex digits) of the generator's own source files (the generator
 * and its stages), the data dictionary (grids and plausible ranges) and the published figures. The engine it runs
 * on (the random stream, the warm-started logistic fit, distributions) is shared with the rest of the site and
 * changes for other reasons, mostly without moving a bit of a reconstruction, so it is not hashed: the unit test
 * that regenerates a member byte for byte (test/study/ensemble.test.ts) catches an engine change that does.
 *
 * Throws Error (naming the file and the command that fixes it) when the file is missing, malformed, or made by
 * another generator version, or lacks a derived figure the list (src/components/study/derived-figures.ts) now has.
 */
import {createHash} from "node:crypto";
import {existsSync, readFileSync} from "node:fs";
import {resolve} from "node:path";
import {REPO_ROOT} from "./root.js";
import {DERIVED_FIGURES} from "../../components/study/derived-figures.js";
import type {EnsembleFile} from "../../components/study/ensemble.js";

/** Repository-relative paths of the sources that decide a reconstruction's bytes, in hashing order. */
export const GENERATOR_SOURCES: readonly string[] = [
  "src/components/cohort/reconstruction.ts",
  "src/components/cohort/reconstruction/targets.ts",
  "src/components/cohort/reconstruction/marginals.ts",
  "src/components/cohort/reconstruction/dependence.ts",
  "src/components/cohort/reconstruction/plausibility.ts",
  "src/components/cohort/schema.ts",
  "src/data/published.json"
];

export const ENSEMBLE_PATH = "src/data/ensemble.json";

/** The generator's version: a hash of GENERATOR_SOURCES (see the module comment). */
export function generatorVersion(root = REPO_ROOT): string {
  const hash = createHash("sha256");
  for (const path of GENERATOR_SOURCES) {
    hash.update(path);
    hash.update("\0");
    hash.update(readFileSync(resolve(root, path)));
    hash.update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

/** Reads and checks the committed ensemble (see the module comment). */
export function readEnsemble({root = REPO_ROOT, path = ENSEMBLE_PATH}: {root?: string; path?: string} = {}): EnsembleFile {
  const full = resolve(root, path);
  const fix = "Run `npm run ensemble` (it regenerates the members in parallel) and commit the file.";
  if (!existsSync(full)) throw new Error(`${path}: no ensemble of reconstructions. ${fix}`);
  let file: EnsembleFile;
  try {
    file = JSON.parse(readFileSync(full, "utf8")) as EnsembleFile;
  } catch (e) {
    throw new Error(`${path}: not valid JSON (${(e as Error).message}). ${fix}`);
  }
  const version = generatorVersion(root);
  if (file.generatorVersion !== version) {
    throw new Error(
      `${path} was made by generator version ${file.generatorVersion}, but the generator's sources (${GENERATOR_SOURCES.join(", ")}) are now version ${version}: ` +
        `its members may no longer be what the generator makes. ${fix}`
    );
  }
  const missing = DERIVED_FIGURES.filter((f) => !file.figureIds.includes(f.id)).map((f) => f.id);
  if (missing.length) throw new Error(`${path} lacks the derived figure${missing.length === 1 ? "" : "s"} ${missing.join(", ")} (src/components/study/derived-figures.ts). Run \`npm run ensemble\` (members are re-analysed, not regenerated) and commit the file.`);
  return file;
}
