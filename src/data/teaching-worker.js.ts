// The teaching page's ("Redraw the study") simulation Web Worker (the engine, the population and the procedures), bundled into one script
// by ./lib/bundle-worker.ts, which says why.
import {bundleWorker} from "./lib/bundle-worker.js";

await bundleWorker(new URL("../components/teaching/worker.ts", import.meta.url));
