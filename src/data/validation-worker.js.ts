// The Validation page's Web Worker, bundled into one self-contained script (the engine, the CSV parser
// and the analysis pipeline inlined) so the page can start it with `new Worker(FileAttachment(...).href)` from
// its own origin, with no import maps, CDN or module-worker support needed. Framework serves the output as a
// file attachment; nothing here runs in the browser at build time.
import {fileURLToPath} from "node:url";
import {build} from "esbuild";

const entry = fileURLToPath(new URL("../components/worker/validation-worker.ts", import.meta.url));
const result = await build({
  entryPoints: [entry],
  bundle: true,
  format: "iife",
  platform: "browser",
  target: "es2020",
  minify: true,
  write: false,
  legalComments: "none",
  logLevel: "silent"
});
if (result.outputFiles.length !== 1) throw new Error(`validation-worker.js: esbuild wrote ${result.outputFiles.length} files, expected 1`);
process.stdout.write(result.outputFiles[0]!.text);
