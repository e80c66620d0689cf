/**
 * The replicate pool (./pool.ts) on Node's worker_threads, for the CLI and the benchmark: `size` workers, by
 * default one per core (os.availableParallelism()). The workers run ./node-pool-worker.ts (through tsx's hook when
 * the sources are TypeScript, as under npm run analyze and the tests). Workers do not keep the process
 * alive once the pool is idle (unref), and terminate() ends them.
 *
 * @example const pool = nodeReplicatePool(2); … await pool.run(…); pool.terminate();
 */
import {createRequire} from "node:module";
import {availableParallelism} from "node:os";
import {fileURLToPath} from "node:url";
import {Worker} from "node:worker_threads";
import {ReplicatePool, type PoolEndpoint, type PoolResponse} from "./pool.js";

export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

export function nodeReplicatePool(size = defaultWorkerCount()): ReplicatePool {
  const typescript = import.meta.url.endsWith(".ts");
  const url = new URL(typescript ? "./node-pool-worker.ts" : "./node-pool-worker.js", import.meta.url);
  // From TypeScript sources (tsx, vitest) the worker registers tsx's CommonJS hook and requires the entry: Node 20
  // does not apply an --import loader to a worker's .ts entry ("Unknown file extension").
  const source = typescript
    ? `require(${JSON.stringify(createRequire(import.meta.url).resolve("tsx/cjs/api"))}).register(); require(${JSON.stringify(fileURLToPath(url))});`
    : null;
  const spawn = (): PoolEndpoint => {
    const worker = source ? new Worker(source, {eval: true}) : new Worker(url);
    worker.unref();
    return {
      post: (message) => worker.postMessage(message),
      onMessage: (listener) => worker.on("message", (m: PoolResponse) => listener(m)),
      onError: (listener) => worker.on("error", (e) => listener(e instanceof Error ? e : new Error(String(e)))),
      terminate: () => void worker.terminate()
    };
  };
  return new ReplicatePool(size, spawn);
}
