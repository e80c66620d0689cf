// The benchmark harness (bench/run.ts), run as `npm run bench` runs it, on tiny sizes: the output format and the
// flags, never the timings (the machine is shared; timings belong in the README table, not in assertions).
import {describe, it, expect} from "vitest";
import {parseOptions, UsageError} from "../../bench/options.js";
import {runScript, type ScriptRun} from "../helpers/run-script.js";

const bench = (args: string[]): Promise<ScriptRun> => runScript("bench/run.ts", args);

// median_cpu_s: the engine cases measure their process's CPU time too
const FIELDS = ["case", "n", "p", "repeats", "median_s", "min_s", "max_s", "median_cpu_s", "peak_rss_mb"];

function records(stdout: string): Record<string, unknown>[] {
  return stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function expectRecord(r: Record<string, unknown>, want: {case: string; n: number; p: number; repeats: number}): void {
  expect(Object.keys(r)).toEqual(FIELDS);
  expect(r).toMatchObject(want);
  for (const f of ["median_s", "min_s", "max_s", "peak_rss_mb"]) expect(r[f]).toBeGreaterThan(0);
  expect(r.min_s as number).toBeLessThanOrEqual(r.median_s as number);
  expect(r.median_s as number).toBeLessThanOrEqual(r.max_s as number);
}

describe("npm run bench", () => {
  it.concurrent("--json prints only JSON lines, one per case and size, with the issue's fields", async () => {
    const run = await bench(["--case", "logistic", "--n", "1000", "--repeats", "1", "--json"]);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    expectRecord(JSON.parse(lines[0]!), {case: "logistic", n: 1000, p: 8, repeats: 1});
  });

  it.concurrent("--n, --seed and --repeats reach the case", async () => {
    const run = await bench(["--case", "auc-delong", "--n", "2000", "--seed", "7", "--repeats", "3", "--json"]);
    expect(run.status).toBe(0);
    expectRecord(records(run.stdout)[0]!, {case: "auc-delong", n: 2000, p: 1, repeats: 3});
  });

  it.concurrent("without --json the JSON lines are followed by a Markdown table; --p reaches the case", async () => {
    const run = await bench(["--case", "logistic", "--n", "500", "--p", "3", "--repeats", "2"]);
    expect(run.status).toBe(0);
    expectRecord(records(run.stdout)[0]!, {case: "logistic", n: 500, p: 3, repeats: 2});
    expect(run.stdout).toMatch(/^\| case \| n \| p \| repeats \| median s/m);
    expect(run.stdout).toMatch(/^\| logistic \| 500 \| 3 \| 2 \|/m);
  });

  it.concurrent("a pool case runs at 1 and 2 workers and states the speed-up in the table", async () => {
    const run = await bench(["--case", "bootstrap-pool", "--n", "400", "--p", "2", "--repeats", "1"]);
    expect(run.status).toBe(0);
    const rs = records(run.stdout);
    expect(rs.map((r) => r.workers)).toEqual([1, 2]);
    expect(run.stdout).toMatch(/^\| bootstrap-pool \| 400 \| 2 \| 1 \|.*\| 2 \| \d+\.\d\d× \|$/m);
  });

  it.concurrent("an unknown case is a usage error naming the cases, with nothing on stdout", async () => {
    const run = await bench(["--case", "logistc", "--json"]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('unknown case "logistc"; the cases are logistic, auc-delong, bootstrap-validation, bootstrap-pool, procedure-bootstrap, reconstruction, build');
  });

  it("bad flags are usage errors that say what was wrong", () => {
    const cases: [string[], string][] = [
      [["--n", "ten"], '--n is "ten", expected an integer >= 10'],
      [["--repeats", "0"], '--repeats is "0", expected an integer >= 1'],
      [["--seed", "1.5"], '--seed is "1.5", expected an integer'],
      [["--case", "build", "--n", "1000"], "--case build runs the study's cohort and takes no --n or --p"],
      [["--case", "auc-delong", "--p", "3"], "--case auc-delong times one marker: --p must be 1 or absent"],
      [["--case", "browser-your-data", "--p", "1"], "--case browser-your-data: --p counts the file's columns, the outcome and at least one predictor: at least 2"],
      [["--frobnicate"], "--frobnicate"],
      [["logistic"], "logistic"]
    ];
    for (const [args, message] of cases) expect(() => parseOptions(args), args.join(" ")).toThrow(message);
    for (const [args] of cases) expect(() => parseOptions(args)).toThrow(UsageError);
  });

  it("flags become options; without --case every case runs, in the issue's order", () => {
    expect(parseOptions([])).toEqual({cases: ["logistic", "auc-delong", "bootstrap-validation", "bootstrap-pool", "procedure-bootstrap", "reconstruction", "build", "stream-read", "browser-your-data", "browser-webr-glm"], n: null, p: null, seed: null, repeats: null, json: false});
    expect(parseOptions(["--case=reconstruction", "--seed", "5", "--repeats", "2", "--json"])).toEqual({cases: ["reconstruction"], n: null, p: null, seed: 5, repeats: 2, json: true});
    expect(parseOptions(["-h"])).toBe("help");
  });

  it.concurrent("--help lists every case", async () => {
    const run = await bench(["--help"]);
    expect(run.status).toBe(0);
    for (const name of ["logistic", "auc-delong", "bootstrap-validation", "bootstrap-pool", "procedure-bootstrap", "reconstruction", "build", "stream-read", "browser-your-data", "browser-webr-glm"]) expect(run.stdout).toContain(name);
  });
});
