import type {Server} from "node:http";
export function startServer(options?: {port?: number}): Promise<Server>;
