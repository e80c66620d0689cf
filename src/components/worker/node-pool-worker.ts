/**
 * A worker_threads worker of the CLI's replicate pool (./node-pool.ts): answers the pool's messages (./pool.ts)
 * with the replicate functions of ./replicates.ts.
 */
import {parentPort} from "node:worker_threads";
import {servePool, type PoolRequest} from "./pool.js";

if (!parentPort) throw new Error("node-pool-worker.ts runs as a worker_threads worker");
const port = parentPort;
const handle = servePool((message, transfer) => port.postMessage(message, transfer));
port.on("message", (message: PoolRequest) => handle(message));
