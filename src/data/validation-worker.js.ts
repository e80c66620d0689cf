// The Validation page's Web Worker (the engine and both bootstraps), bundled into one script
// by ./lib/bundle-worker.ts, which says why.
import {bundleWorker} from "./lib/bundle-worker.js";

await bundleWorker(new URL("../components/worker/validation-worker.ts", import.meta.url));
