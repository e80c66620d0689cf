/**
 * ensemble — the ensemble of reconstructions (src/components/study/ensemble.ts): generates K independent synthetic
 * cohorts that each meet every published figure and plausibility rule, analyses each with the study's procedure,
 * and writes src/data/ensemble.json with the seeds, shapes and the generator's version; or writes one member as a
 * cohort CSV.
 *
 *   npm run ensemble [-- --jobs J] [-- --regenerate]
 *   npm run --silent ensemble -- --write-csv K [FILE]
 *
 * Work is spread over J worker threads (default: the machine's cores); every task is a pure function of its
 * inputs, so J does not change a byte. Resumable: each generated member is kept in .ensemble-cache/<version>/ as
 * soon as it is done, and members already in ensemble.json with the same generator version are re-analysed, not
 * regenerated (a new derived figure costs seconds, not a regeneration), unless --regenerate.
 */
import {existsSync, mkdirSync, readFileSync, writeFileSync} from "node:fs";
import {availableParallelism} from "node:os";
import {join} from "node:path";
import {Worker} from "node:worker_threads";
import {createHash} from "node:crypto";
import {formatCohortCsv} from "../src/components/cohort/schema.js";
import {DEFAULT_SEED} from "../src/components/cohort/reconstruction.js";
import {DERIVED_FIGURES} from "../src/components/study/derived-figures.js";
import {describeProcedure} from "../src/components/procedure/procedure.js";
import {STUDY_PROCEDURE} from "../src/components/study/study.js";
import {ENSEMBLE_BOOTSTRAP, ENSEMBLE_PROCEDURE_BOOTSTRAP, memberRows, type EnsembleFile, type EnsembleMember, type ForcedShape, type ShapeOption} from "../src/components/study/ensemble.js";
import {ENSEMBLE_PATH, generatorVersion} from "../src/data/lib/ensemble.js";
import {REPO_ROOT, reconstruct} from "../src/data/lib/cohort.js";
import {readCommittedReconstruction, RECONSTRUCTION_PATH, writeCommittedReconstruction} from "../src/data/lib/committed-reconstruction.js";
import type {EnsembleTask, GenerateResult} from "./ensemble-tasks.js";

const USAGE = `Usage: npm run ensemble [-- --jobs J] [-- --regenerate]
       npm run --silent ensemble -- --write-csv K [FILE]

Generates the ensemble of reconstructions and writes ${ENSEMBLE_PATH}; with --write-csv, writes member K
(0 = the site's default cohort) as a cohort CSV to FILE or stdout, for analysis elsewhere (e.g. R).
`;

/** The shape limit's column and window, the caps scanned (ASD patients within a window) and the seeds tried. */
const FORCED = {column: "age", width: 5, caps: [19, 18, 17, 16, 15, 14, 13, 12, 11, 10], seeds: [1, 2, 3, 4, 5, 6]};
/** The moderately spread shape: at most this many of the ASD group's 25 within any 5-year window of age. */
const SPREAD_CAP = 17;
/** Seeds tried per shape (no limit: seeds 1–12, the default seed's rule); the default cohort is member 0. */
const SEEDS_AS_FOUND = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const SEEDS_SHAPED = [1, 2, 3, 4, 5, 6, 7, 8, 9];

function ageShape(name: string, cap: number, n: number): ShapeOption {
  return {
    name,
    label: `at most ${cap} of the ${n} ASD patients within any ${FORCED.width}-year window of age`,
    limits: [{column: FORCED.column, width: FORCED.width, maxShare: [cap / n, 1]}]
  };
}
const AS_FOUND: ShapeOption = {name: "as-found", label: "no shape limit (the shape the annealing finds)", limits: []};

class Pool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: {task: EnsembleTask; resolve: (r: unknown) => void; reject: (e: Error) => void}[] = [];
  private readonly pending = new Map<number, {resolve: (r: unknown) => void; reject: (e: Error) => void}>();
  private next = 0;
  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      // the worker is TypeScript too: a one-line bootstrap registers tsx's loader in the thread, then imports it
      const url = new URL("./ensemble-worker.ts", import.meta.url).href;
      const w = new Worker(`import("tsx/esm/api").then(({register}) => { register(); return import(${JSON.stringify(url)}); })`, {eval: true});
      w.on("message", (m: {id: number; result?: unknown; error?: string}) => {
        const p = this.pending.get(m.id)!;
        this.pending.delete(m.id);
        if (m.error) p.reject(new Error(m.error));
        else p.resolve(m.result);
        this.idle.push(w);
        this.pump();
      });
      w.on("error", (e) => {
        throw e;
      });
      this.workers.push(w);
      this.idle.push(w);
    }
  }
  run<T>(task: EnsembleTask): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({task, resolve: resolve as (r: unknown) => void, reject});
      this.pump();
    });
  }
  private pump(): void {
    while (this.idle.length && this.queue.length) {
      const w = this.idle.pop()!;
      const {task, resolve, reject} = this.queue.shift()!;
      const id = this.next++;
      this.pending.set(id, {resolve, reject});
      w.postMessage({...task, id});
    }
  }
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

function parse(argv: string[]) {
  const opts = {jobs: availableParallelism(), regenerate: false, csv: null as null | {member: number; file: string | null}};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--help" || a === "-h") {
      process.stdout.write(USAGE);
      process.exit(0);
    } else if (a === "--jobs") {
      const j = Number(argv[++i]);
      if (!Number.isInteger(j) || j < 1) throw new Error(`--jobs ${argv[i]}: a whole number of worker threads, at least 1`);
      opts.jobs = j;
    } else if (a === "--regenerate") opts.regenerate = true;
    else if (a === "--write-csv") {
      const k = Number(argv[++i]);
      if (!Number.isInteger(k) || k < 0) throw new Error(`--write-csv ${argv[i] ?? ""}: give the member's index, a whole number from 0`);
      const file = argv[i + 1] && !argv[i + 1]!.startsWith("--") ? argv[++i]! : null;
      opts.csv = {member: k, file};
    } else throw new Error(`unknown option ${a}\n\n${USAGE}`);
  }
  return opts;
}

function readExisting(path: string): EnsembleFile | null {
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as EnsembleFile;
  } catch {
    return null;
  }
}

/** One member per line, so that a regenerated member shows as one changed line. */
function formatEnsemble(file: EnsembleFile): string {
  const {members, ...head} = file;
  const top = JSON.stringify({...head, members: []}, null, 1).replace(/"members": \[\]\n\}$/, "");
  return `${top}"members": [\n${members.map((m) => JSON.stringify(m)).join(",\n")}\n]\n}\n`;
}

async function main(): Promise<void> {
  const opts = parse(process.argv.slice(2));
  const path = join(REPO_ROOT, ENSEMBLE_PATH);
  if (opts.csv) {
    const file = readExisting(path);
    if (!file) throw new Error(`${ENSEMBLE_PATH}: no ensemble yet; run npm run ensemble first`);
    const member = file.members[opts.csv.member];
    if (!member) throw new Error(`--write-csv ${opts.csv.member}: the ensemble has members 0 to ${file.members.length - 1}`);
    const csv = formatCohortCsv(memberRows(member));
    if (opts.csv.file) writeFileSync(opts.csv.file, csv);
    else process.stdout.write(csv);
    return;
  }
  const version = generatorVersion();
  const existing = readExisting(path);
  const reuse = !opts.regenerate && existing?.generatorVersion === version ? existing : null;
  const cacheDir = join(REPO_ROOT, ".ensemble-cache", version);
  mkdirSync(cacheDir, {recursive: true});
  const cached = async <T>(key: string, compute: () => Promise<T>): Promise<T> => {
    const file = join(cacheDir, `${createHash("sha256").update(key).digest("hex").slice(0, 16)}.json`);
    if (!opts.regenerate && existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as T;
    const value = await compute();
    writeFileSync(file, JSON.stringify(value));
    return value;
  };
  const pool = new Pool(opts.jobs);
  const started = performance.now();
  const log = (s: string) => process.stderr.write(`ensemble [${((performance.now() - started) / 1000).toFixed(0)} s] ${s}\n`);
  log(`generator version ${version}, ${opts.jobs} worker threads${reuse ? ", reusing the members of the current file" : ""}`);

  // 1. what the abstract forces: the smallest cap on the ASD group's concentration that stage 1 can meet
  const n0 = JSON.parse(readFileSync(join(REPO_ROOT, "src/data/published.json"), "utf8")).groups.asd.n as number;
  let forced: ForcedShape;
  if (reuse?.forced[0]) forced = reuse.forced[0];
  else {
    const scan = await Promise.all(FORCED.caps.map(async (maxCount) => {
      const hits = await Promise.all(FORCED.seeds.map((seed) => cached(`scan ${FORCED.column} ${FORCED.width} ${maxCount} ${seed}`, () => pool.run<boolean>({kind: "scan", column: FORCED.column, width: FORCED.width, maxCount, seed}))));
      log(`scan: at most ${maxCount} of ${n0} within ${FORCED.width} years: ${hits.filter(Boolean).length} of ${hits.length} seeds`);
      return {maxCount, tried: FORCED.seeds, found: FORCED.seeds.filter((_, i) => hits[i])};
    }));
    const feasible = scan.filter((s) => s.found.length > 0).map((s) => s.maxCount);
    const least = Math.min(...feasible);
    forced = {column: FORCED.column, width: FORCED.width, scan, least: {maxCount: least, share: least / n0}, n: n0};
  }

  // 2. members: the default cohort first, then every seed under each shape option
  const shapes = [AS_FOUND, ageShape("spread", SPREAD_CAP, n0), ageShape("least-concentrated", forced.least.maxCount, n0)];
  const plan: {seed: number; shape: ShapeOption}[] = [{seed: DEFAULT_SEED, shape: AS_FOUND}];
  for (const shape of shapes) for (const seed of shape === AS_FOUND ? SEEDS_AS_FOUND : SEEDS_SHAPED) if (!(shape === AS_FOUND && seed === DEFAULT_SEED)) plan.push({seed, shape});
  const previous = new Map((reuse?.members ?? []).map((m) => [`${m.shape.name} ${JSON.stringify(m.shape.limits)} ${m.seed}`, m]));
  const generated = await Promise.all(plan.map(async ({seed, shape}) => {
    const key = `${shape.name} ${JSON.stringify(shape.limits)} ${seed}`;
    const old = previous.get(key);
    if (old) return {ok: true, rows: memberRows(old), runs: old.runs} as GenerateResult;
    const r = await cached(`generate ${key}`, () => pool.run<GenerateResult>({kind: "generate", seed, shape}));
    log(`${shape.name} seed ${seed}: ${r.ok ? `a member (${r.runs} run${r.runs === 1 ? "" : "s"})` : `rejected: ${r.reason}`}`);
    return r;
  }));
  // a rejected plan that reuse did not cover is recorded as well
  const rejected = plan.flatMap((p, i) => {
    const g = generated[i]!;
    return g.ok ? [] : [{seed: p.seed, shape: p.shape.name, reason: g.reason}];
  });
  const valid = plan.flatMap((p, i) => {
    const g = generated[i]!;
    return g.ok ? [{...p, rows: g.rows, runs: g.runs}] : [];
  });

  // 3. the analyses
  const members = await Promise.all(valid.map((v, index) => pool.run<EnsembleMember>({kind: "analyse", index, seed: v.seed, shape: v.shape, runs: v.runs, rows: v.rows})));
  await pool.close();
  const file: EnsembleFile = {
    generatorVersion: version,
    analysis: {procedure: describeProcedure(STUDY_PROCEDURE), bootstrap: ENSEMBLE_BOOTSTRAP, procedureBootstrap: ENSEMBLE_PROCEDURE_BOOTSTRAP},
    figureIds: DERIVED_FIGURES.map((f) => f.id),
    forced: [forced],
    members,
    rejected
  };
  writeFileSync(path, formatEnsemble(file));
  log(`wrote ${ENSEMBLE_PATH}: ${members.length} members, ${rejected.length} plans rejected`);
  // the site's default cohort, read by every build instead of reconstructing it (src/data/lib/committed-reconstruction.ts)
  if (!readCommittedReconstruction(REPO_ROOT, DEFAULT_SEED, {quiet: true})) {
    writeCommittedReconstruction(REPO_ROOT, reconstruct(DEFAULT_SEED));
    log(`wrote ${RECONSTRUCTION_PATH}: the reconstruction of seed ${DEFAULT_SEED}`);
  }
}

main().catch((e) => {
  process.stderr.write(`ensemble: ${(e as Error).message}\n`);
  process.exit(1);
});
