/**
 * Runs one of the project's TypeScript entry points (bin/analyze.ts, bench/run.ts) as `npm run` would, through tsx
 * in a child Node process from the repository root, and collects its exit status and both output streams.
 */
import {spawn} from "node:child_process";
import {fileURLToPath} from "node:url";

export const root = fileURLToPath(new URL("../..", import.meta.url));

export interface ScriptRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runScript(script: string, args: string[]): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {cwd: root});
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status) => resolve({status, stdout, stderr}));
  });
}
