import type {IncomingMessage, Server, ServerResponse} from "node:http";
export const DEFAULT_PORT: number;
export const ALLOWED_METHODS: string[];
export const SECURITY_HEADERS: Record<string, string>;
export const HTL_PLACEHOLDER_HASHES: string[];
export function contentSecurityPolicy(options?: {scriptHashes?: string[]}): string;
export function inlineScriptHashes(html: string): string[];
export function createSiteHandler(options?: {root?: string; cleanUrls?: boolean}): (req: IncomingMessage, res: ServerResponse) => void;
export class ServeError extends Error {
  code: string;
  constructor(message: string, code: string);
}
export interface ServeOptions {
  port?: number;
  root?: string;
  host?: string;
  cleanUrls?: boolean;
}
export function startServer(options?: ServeOptions): Promise<Server>;
export function parseServeArgs(args: string[], env?: Record<string, string | undefined>): {port: number; root: string; cleanUrls: boolean; build: boolean};
export function checkPortFree(port: number, host?: string): Promise<void>;
