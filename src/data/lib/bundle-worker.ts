/**
 * The pages' Web Workers, each bundled into one self-contained script (the engine and everything the worker imports
 * inlined) so that a page can start it with `new Worker(FileAttachment(...).href)` from its own origin, with no
 * import maps, CDN or module-worker support needed. Framework serves the loader's output as a file attachment;
 * nothing here runs in the browser at build time.
 *
 * @example await bundleWorker(new URL("../components/worker/analysis-worker.ts", import.meta.url)) // in src/data/analysis-worker.js.ts
 */
import {basename} from "node:path";
import {fileURLToPath} from "node:url";
import {build, type BuildOptions} from "esbuild";

/** How every script the browser runs from a file is bundled: one classic script, every import inlined. */
export const BROWSER_SCRIPT = {
  bundle: true,
  format: "iife",
  platform: "browser",
  target: "es2020",
  minify: true,
  write: false,
  legalComments: "none",
  logLevel: "silent"
} as const satisfies BuildOptions;

/** Bundles the worker at `entry` (a file URL) and writes the script to stdout, as a data loader does. */
export async function bundleWorker(entry: URL): Promise<void> {
  const path = fileURLToPath(entry);
  const result = await build({...BROWSER_SCRIPT, entryPoints: [path]});
  if (result.outputFiles.length !== 1) throw new Error(`${basename(path)}: esbuild wrote ${result.outputFiles.length} files, expected 1`);
  process.stdout.write(result.outputFiles[0]!.text);
}
