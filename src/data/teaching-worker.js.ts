// The teaching page's ("Redraw the study") simulation Web Worker, bundled into one self-contained script (the engine,
// the population and the procedures inlined; src/components/teaching/worker.ts) so the page can start it with
// `new Worker(FileAttachment(...).href)` from its own origin, with no import maps, CDN or module-worker support. The
// same pattern as analysis-worker.js.ts. Framework serves the output as a file attachment.
import {fileURLToPath} from "node:url";
import {build} from "esbuild";

const entry = fileURLToPath(new URL("../components/teaching/worker.ts", import.meta.url));
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
if (result.outputFiles.length !== 1) throw new Error(`teaching-worker.js: esbuild wrote ${result.outputFiles.length} files, expected 1`);
process.stdout.write(result.outputFiles[0]!.text);
