/**
 * One worker of `npm run ensemble` (bin/ensemble.ts): takes tasks from the main thread — a marginal scan of a
 * shape limit, the generation of a member, or the analysis of a member's rows — and answers each with its result.
 * Everything it computes is a pure function of the task, so any number of workers gives the same file.
 */
import {parentPort} from "node:worker_threads";
import {runTask, type EnsembleTask} from "./ensemble-tasks.js";

if (!parentPort) throw new Error("bin/ensemble-worker.ts runs as a worker thread of bin/ensemble.ts");
const port = parentPort;
port.on("message", (task: EnsembleTask & {id: number}) => {
  try {
    port.postMessage({id: task.id, result: runTask(task)});
  } catch (e) {
    port.postMessage({id: task.id, error: (e as Error).stack ?? String(e)});
  }
});
