// The "Your own cohort" page's Web Worker (the engine, the file readers and the analysis pipeline), bundled into one script
// by ./lib/bundle-worker.ts, which says why.
import {bundleWorker} from "./lib/bundle-worker.js";

await bundleWorker(new URL("../components/worker/analysis-worker.ts", import.meta.url));
