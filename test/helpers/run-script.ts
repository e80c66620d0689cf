/**
 * Runs one of the project's TypeScript entry points (bin/analyze.ts, bench/run.ts) as `npm run` would, through tsx
 * in a child Node process from the repository root, and collects its exit status and both output streams; and the
 * checks and scratch files the CLI tests share.
 */
import {spawn} from "node:child_process";
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {expect} from "vitest";

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

/**
 * A CLI as its tests run it: `run` checks every JSON document a successful run prints with `documentErrors` (a
 * --help run prints text); `failure` expects the status (1 unless given) and nothing on stdout, and returns stderr.
 */
export function cliRunner(script: string, documentErrors: (document: unknown) => unknown[]) {
  const run = async (args: string[]): Promise<ScriptRun> => {
    const r = await runScript(script, args);
    if (r.status === 0 && !args.includes("--help")) expect(documentErrors(JSON.parse(r.stdout)), `schema of ${script} ${args.join(" ")}`).toEqual([]);
    return r;
  };
  const failure = async (args: string[], status = 1): Promise<string> => {
    const r = await run(args);
    expect(r.stdout).toBe("");
    expect(r.status).toBe(status);
    return r.stderr;
  };
  return {run, failure};
}

/** A fresh temporary folder, and `write(name, contents)` putting a file there and returning its path. */
export function scratchFolder(prefix: string): {dir: string; write(name: string, contents: string | Uint8Array): string} {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    write(name, contents) {
      const path = join(dir, name);
      writeFileSync(path, contents);
      return path;
    }
  };
}
