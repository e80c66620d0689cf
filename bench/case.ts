/**
 * One benchmark case at one size, in its own process so that its peak RSS is its own:
 *
 *   node --expose-gc --import tsx bench/case.ts --case NAME --n N --p P --seed S --repeats K
 *
 * prints one JSON line (CaseMeasurement, bench/cases.ts) on stdout. The data are generated first and not timed;
 * each repeat then times the engine call alone (wall clock, performance.now), after a full GC so that one
 * repeat's garbage is not collected on the next one's clock. Peak RSS is process.resourceUsage().maxRSS at the
 * end (so it includes the generated data, which any caller holds too); for the build it is the largest process
 * of the build's tree, from GNU time (%M). Run through bench/run.ts, which validates the flags.
 */
import {spawnSync} from "node:child_process";
import {closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import {buildDesign} from "../src/components/stats/design.js";
import {fitLogistic} from "../src/components/stats/logistic.js";
import {delongAuc} from "../src/components/stats/delong.js";
import {optimismBootstrap} from "../src/components/stats/optimism-bootstrap.js";
import {DEFAULT_SEED as COHORT_SEED, generateCohort} from "../src/components/cohort/reconstruction.js";
import {readPublished} from "../src/data/lib/cohort.js";
import {BOOTSTRAP_REPLICATES, DEFAULT_SEED, POOL_BOOTSTRAP_REPLICATES, PROCEDURE_BOOTSTRAP_REPLICATES, isCaseName, type CaseMeasurement, type CaseName} from "./cases.js";
import {nodeReplicatePool} from "../src/components/worker/node-pool.js";
import {parallelBootstrap, parallelProcedureValidation} from "../src/components/worker/parallel.js";
import {runProcedure} from "../src/components/procedure/run.js";
import {fitAllProcedure} from "../src/components/procedure/procedure.js";
import type {PreparedData, Variable} from "../src/components/cohort/prepare.js";
import {simulateLogisticCohort, simulateMarker} from "./simulate.js";
import {streamReadCase} from "./stream-read.js";
import {browserWebrGlmCase, browserYourDataCase} from "./browser.js";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

interface CaseInput {
  n: number;
  p: number;
  /** --seed; null when not given (generated data then use DEFAULT_SEED, the reconstruction the site's seed). */
  seed: number | null;
  repeats: number;
  /** Worker threads of the pool cases. */
  workers: number;
}

interface Timed {
  seconds: number[];
  cpuSeconds?: number[];
  note: string;
}

const collectGarbage = (globalThis as {gc?: () => void}).gc ?? (() => {});

/** Times `run` `repeats` times; `describe` writes the note from the last result. */
function time<T>(repeats: number, run: () => T, describe: (result: T) => string): Timed {
  const timed = emptyTimes();
  let last: T | undefined;
  for (let r = 0; r < repeats; r++) {
    const clock = startClock();
    last = run();
    clock.stop(timed);
  }
  return {...timed, note: describe(last as T)};
}

function emptyTimes(): {seconds: number[]; cpuSeconds: number[]} {
  return {seconds: [], cpuSeconds: []};
}

/** One repeat's clock: garbage collected first, then wall and CPU time (all threads of the process) from here. */
function startClock(): {stop: (into: {seconds: number[]; cpuSeconds: number[]}) => void} {
  collectGarbage();
  const cpu = process.cpuUsage();
  const started = performance.now();
  return {
    stop(into) {
      into.seconds.push((performance.now() - started) / 1000);
      const used = process.cpuUsage(cpu);
      into.cpuSeconds.push((used.user + used.system) / 1e6);
    }
  };
}

const percent = (events: number, n: number) => `${((100 * events) / n).toFixed(1)}% events`;

function logisticCase({n, p, seed, repeats}: CaseInput): Timed {
  const data = simulateLogisticCohort({n, p, seed: seed ?? DEFAULT_SEED});
  return time(
    repeats,
    () => fitLogistic(buildDesign(data.columns, data.predictors), data.y),
    (fit) => {
      // the fit should recover the model the data were drawn from: |β̂ − β|/SE is a standard normal
      let worst = 0;
      for (let j = 0; j < fit.terms.length; j++) worst = Math.max(worst, Math.abs(fit.terms[j]!.estimate - data.coefficients[j]!) / fit.terms[j]!.se);
      return `${percent(data.events, n)}; ${fit.iterations} IRLS iterations; max |β̂ − β|/SE ${worst.toFixed(2)}`;
    }
  );
}

function aucCase({n, seed, repeats}: CaseInput): Timed {
  const data = simulateMarker({n, seed: seed ?? DEFAULT_SEED});
  return time(
    repeats,
    () => delongAuc(data.marker, data.outcome, "<"),
    (auc) => `${percent(data.events, n)}; AUC ${auc.auc.toFixed(4)} (${auc.ciLower.toFixed(4)}–${auc.ciUpper.toFixed(4)}), binormal 0.75`
  );
}

function bootstrapCase({n, p, seed, repeats}: CaseInput): Timed {
  const data = simulateLogisticCohort({n, p, seed: seed ?? DEFAULT_SEED});
  const design = buildDesign(data.columns, data.predictors);
  return time(
    repeats,
    () => optimismBootstrap(design, data.y, {replicates: BOOTSTRAP_REPLICATES, seed: seed ?? DEFAULT_SEED}),
    (b) => `${data.events} events; B = ${b.replicates}, ${b.failed.total} refits unusable; AUC ${b.apparent.auc.toFixed(3)} → ${b.corrected.auc.toFixed(3)}, slope ${b.corrected.slope.toFixed(3)}`
  );
}

/** Times an async run (the pool cases); the pool is made and warmed before the clock starts. */
async function timeAsync<T>(repeats: number, run: () => Promise<T>, describe: (result: T) => string): Promise<Timed> {
  const timed = emptyTimes();
  let last: T | undefined;
  for (let r = 0; r < repeats; r++) {
    const clock = startClock();
    last = await run();
    clock.stop(timed);
  }
  return {...timed, note: describe(last as T)};
}

async function bootstrapPoolCase({n, p, seed, repeats, workers}: CaseInput): Promise<Timed> {
  const data = simulateLogisticCohort({n, p, seed: seed ?? DEFAULT_SEED});
  const design = buildDesign(data.columns, data.predictors);
  const y = Float64Array.from(data.y);
  const original = fitLogistic(design, y);
  const pool = nodeReplicatePool(workers);
  try {
    await parallelBootstrap(pool, design, y, {replicates: 2 * workers, seed: 1, method: "ml", original}); // start and warm the workers
    return await timeAsync(
      repeats,
      () => parallelBootstrap(pool, design, y, {replicates: POOL_BOOTSTRAP_REPLICATES, seed: seed ?? DEFAULT_SEED, method: "ml", original}),
      (b) => `${workers} worker${workers === 1 ? "" : "s"}; B = ${b.replicates}, ${b.failed.total} refits unusable; AUC ${b.apparent.auc.toFixed(3)} → ${b.corrected.auc.toFixed(3)}`
    );
  } finally {
    pool.terminate();
  }
}

/** The generated cohort as prepared data (all numeric candidates x1..xp), for the whole-procedure bootstrap. */
function preparedFromSimulation(columns: Record<string, Float64Array>, predictors: string[], y: Float64Array): PreparedData {
  const variables = new Map(predictors.map((name) => [name, {name, kind: "continuous", numeric: true, values: columns[name]!, codes: null, levels: []} as Variable]));
  const events = y.reduce((s, v) => s + v, 0);
  return {outcome: "y", positive: "1", negative: "0", y, events, nonEvents: y.length - events, rows: y.length, excluded: 0, keep: Int32Array.from(y, (_, i) => i), variables, warnings: []} as unknown as PreparedData;
}

async function procedureBootstrapCase({n, p, seed, repeats, workers}: CaseInput): Promise<Timed> {
  const sim = simulateLogisticCohort({n, p, seed: seed ?? DEFAULT_SEED});
  const data = preparedFromSimulation(sim.columns as Record<string, Float64Array>, sim.predictors, Float64Array.from(sim.y));
  const procedure = fitAllProcedure("y", sim.predictors, {event: "1", estimate: "ml"});
  procedure.screen = {method: "univariable", p: 0.05};
  procedure.select = {method: "wald", p: 0.05};
  const run = runProcedure(procedure, data);
  const pool = nodeReplicatePool(workers);
  try {
    await parallelProcedureValidation(pool, data, procedure, {replicates: 2 * workers, seed: 1, run});
    return await timeAsync(
      repeats,
      () => parallelProcedureValidation(pool, data, procedure, {replicates: PROCEDURE_BOOTSTRAP_REPLICATES, seed: seed ?? DEFAULT_SEED, run}),
      (v) => `${workers} worker${workers === 1 ? "" : "s"}; B = ${v.replicates}, ${v.used} used; model ${run.model.predictors.length} of ${p} candidates`
    );
  } finally {
    pool.terminate();
  }
}

function reconstructionCase({seed, repeats}: CaseInput): Timed {
  const published = readPublished();
  return time(
    repeats,
    () => generateCohort(published, {seed: seed ?? COHORT_SEED}),
    (r) => `seed ${r.diagnostics.seed}; ${r.diagnostics.converged ? "every target reached" : "some targets missed"}`
  );
}

/** `npm run build` under GNU time, with a fresh TMPDIR so that the cohort cache (src/data/lib/cohort.ts) is empty. */
function buildCase({repeats}: CaseInput): Timed & {peakRssMb: number | null} {
  const gnuTime = "/usr/bin/time";
  const haveTime = existsSync(gnuTime);
  const seconds: number[] = [];
  let peakKib = 0;
  for (let r = 0; r < repeats; r++) {
    const scratch = mkdtempSync(join(tmpdir(), "pkp-bench-build-"));
    const log = join(scratch, "build.log");
    const rss = join(scratch, "rss.txt");
    const fd = openSync(log, "w");
    const command = haveTime ? gnuTime : "npm";
    const args = haveTime ? ["-f", "%M", "-o", rss, "npm", "run", "build"] : ["run", "build"];
    const started = performance.now();
    const result = spawnSync(command, args, {cwd: REPO_ROOT, stdio: ["ignore", fd, fd], env: {...process.env, TMPDIR: scratch}});
    seconds.push((performance.now() - started) / 1000);
    closeSync(fd);
    if (result.status !== 0) {
      const tail = readFileSync(log, "utf8").split("\n").slice(-40).join("\n");
      rmSync(scratch, {recursive: true, force: true});
      // two builds in one tree collide on dist/ and the loader cache (Framework: "file conflict")
      throw new Error(`build: npm run build exited with ${result.status ?? result.signal} (if another build was running in this tree, wait for it and retry); last lines of its output:\n${tail}`);
    }
    if (haveTime) peakKib = Math.max(peakKib, Number(readFileSync(rss, "utf8").trim().split("\n").pop()));
    rmSync(scratch, {recursive: true, force: true});
  }
  const note = haveTime ? "peak RSS of the largest process in the build (GNU time %M)" : "peak RSS not measured (no /usr/bin/time)";
  return {seconds, note, peakRssMb: haveTime ? peakKib / 1024 : null};
}

const RUNNERS: Record<CaseName, (input: CaseInput) => (Timed & {peakRssMb?: number | null}) | Promise<Timed>> = {
  logistic: logisticCase,
  "auc-delong": aucCase,
  "bootstrap-validation": bootstrapCase,
  "bootstrap-pool": bootstrapPoolCase,
  "procedure-bootstrap": procedureBootstrapCase,
  reconstruction: reconstructionCase,
  build: buildCase,
  "stream-read": ({n, p, seed, repeats}) => streamReadCase({n, p, seed: seed ?? DEFAULT_SEED, repeats}),
  "browser-your-data": ({n, p, seed, repeats}) => browserYourDataCase({n, p, seed: seed ?? DEFAULT_SEED, repeats}),
  "browser-webr-glm": ({n, p, seed, repeats}) => browserWebrGlmCase({n, p, seed: seed ?? DEFAULT_SEED, repeats})
};

async function main(): Promise<void> {
  const {values} = parseArgs({
    options: {case: {type: "string"}, n: {type: "string"}, p: {type: "string"}, seed: {type: "string"}, repeats: {type: "string"}, workers: {type: "string"}},
    strict: true
  });
  const name = values.case ?? "";
  if (!isCaseName(name)) throw new RangeError(`bench/case.ts: --case is "${name}", not a benchmark case`);
  const input: CaseInput = {
    n: Number(values.n),
    p: Number(values.p),
    seed: values.seed === undefined ? null : Number(values.seed),
    repeats: Number(values.repeats ?? 1),
    workers: Number(values.workers ?? 1)
  };
  const timed: Timed & {peakRssMb?: number | null} = await RUNNERS[name](input);
  const measurement: CaseMeasurement = {
    case: name,
    n: input.n,
    p: input.p,
    seconds: timed.seconds,
    ...(timed.cpuSeconds ? {cpuSeconds: timed.cpuSeconds} : {}),
    peakRssMb: timed.peakRssMb !== undefined ? timed.peakRssMb : process.resourceUsage().maxRSS / 1024,
    note: timed.note,
    ...(name === "bootstrap-pool" || name === "procedure-bootstrap" ? {workers: input.workers} : {})
  };
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
}

try {
  await main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
