/**
 * npm run bench — times the engine on seeded data, one fresh process per case and size (bench/case.ts), and
 * prints one JSON object per line and case on stdout:
 *
 *   {"case": "logistic", "n": 1000000, "p": 8, "repeats": 5, "median_s": …, "min_s": …, "max_s": …, "peak_rss_mb": …}
 *
 * Without --json a Markdown table (with the issue-7 goals) follows the JSON lines on stdout; progress goes to
 * stderr either way. Wall-clock seconds of the engine call alone (data generation is not timed); the machine may
 * be shared, hence several repeats and the median. Exit status 2 for bad usage, 1 when a case fails.
 */
import {spawn} from "node:child_process";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {CASES, DEFAULT_SEED, type BenchRecord, type CaseMeasurement, type CaseSpec} from "./cases.js";
import {parseOptions, USAGE, UsageError, type Options} from "./options.js";

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(BENCH_DIR, "..");

function caseArguments(spec: CaseSpec, n: number, options: Options, workers?: number): string[] {
  const p = spec.sized && spec.name !== "auc-delong" ? (options.p ?? spec.predictors) : spec.predictors;
  const args = ["--case", spec.name, "--n", String(n), "--p", String(p), "--repeats", String(options.repeats ?? spec.repeats)];
  // generated data always have a seed; the reconstruction keeps the site's own unless one is asked for
  const seed = spec.sized ? (options.seed ?? DEFAULT_SEED) : options.seed;
  if (seed !== null) args.push("--seed", String(seed));
  if (workers !== undefined) args.push("--workers", String(workers));
  return args;
}

function runCase(args: string[]): Promise<CaseMeasurement> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", join(BENCH_DIR, "case.ts"), ...args], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "pipe"]
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status, signal) => {
      if (status !== 0) {
        reject(new Error(`${args.join(" ")}: exited with ${status ?? signal}${stderr.trim() ? `\n${stderr.trim()}` : ""}`));
        return;
      }
      try {
        resolvePromise(JSON.parse(stdout.trim().split("\n").pop() ?? "") as CaseMeasurement);
      } catch {
        reject(new Error(`${args.join(" ")}: no measurement on stdout (got ${JSON.stringify(stdout.slice(0, 200))})`));
      }
    });
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

function toRecord(m: CaseMeasurement): BenchRecord {
  return {
    case: m.case,
    n: m.n,
    p: m.p,
    repeats: m.seconds.length,
    median_s: round(median(m.seconds), 4),
    min_s: round(Math.min(...m.seconds), 4),
    max_s: round(Math.max(...m.seconds), 4),
    ...(m.cpuSeconds?.length ? {median_cpu_s: round(median(m.cpuSeconds), 4)} : {}),
    peak_rss_mb: m.peakRssMb === null ? null : round(m.peakRssMb, 1),
    ...(m.workers === undefined ? {} : {workers: m.workers})
  };
}

/** The human-readable summary: Markdown, so that it can go into the README as it is. */
function table(rows: {record: BenchRecord; note: string}[]): string {
  const lines = [
    "| case | n | p | repeats | median s | min s | max s | median CPU s | peak RSS MiB | × time per 10× n | goal | note | workers | speed-up vs 1 worker |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: |"
  ];
  for (let i = 0; i < rows.length; i++) {
    const {record: r, note} = rows[i]!;
    const previous = rows[i - 1]?.record;
    const growth = previous && previous.case === r.case && r.n === 10 * previous.n ? (r.median_s / previous.median_s).toFixed(1) : "";
    const single = rows.find((q) => q.record.case === r.case && q.record.n === r.n && q.record.workers === 1)?.record;
    const speedUp = r.workers !== undefined && r.workers > 1 && single ? `${(single.median_s / r.median_s).toFixed(2)}×` : "";
    const goal = CASES[r.case].goalSeconds?.(r.n);
    const verdict = goal === undefined ? "" : `< ${goal} s: ${r.median_s < goal ? "met" : "missed"}`;
    lines.push(`| ${r.case} | ${r.n} | ${r.p} | ${r.repeats} | ${r.median_s.toFixed(3)} | ${r.min_s.toFixed(3)} | ${r.max_s.toFixed(3)} | ${r.median_cpu_s?.toFixed(3) ?? "–"} | ${r.peak_rss_mb ?? "–"} | ${growth} | ${verdict} | ${note.replaceAll("|", "\\|")} | ${r.workers ?? ""} | ${speedUp} |`);
  }
  return `${lines.join("\n")}\n`;
}

async function main(): Promise<number> {
  let options: Options | "help";
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`bench: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options === "help") {
    process.stdout.write(USAGE);
    return 0;
  }
  const rows: {record: BenchRecord; note: string}[] = [];
  for (const name of options.cases) {
    const spec = CASES[name];
    for (const n of spec.sized && options.n !== null ? [options.n] : spec.sizes) for (const workers of spec.workers ?? [undefined]) {
      const args = caseArguments(spec, n, options, workers);
      process.stderr.write(`bench: ${name} n=${n}${workers === undefined ? "" : ` workers=${workers}`} …\n`);
      let measurement: CaseMeasurement;
      try {
        measurement = await runCase(args);
      } catch (error) {
        process.stderr.write(`bench: case ${name} (n = ${n}) failed: ${error instanceof Error ? error.message : String(error)}\n`);
        return 1;
      }
      const record = toRecord(measurement);
      rows.push({record, note: measurement.note});
      process.stdout.write(`${JSON.stringify(record)}\n`);
    }
  }
  if (!options.json) process.stdout.write(`\n${table(rows)}`);
  return 0;
}

process.exitCode = await main();
