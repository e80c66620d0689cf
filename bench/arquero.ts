/**
 * npm run bench:arquero — why the engine's table layer is not arquero (the design names arquero; this measures the
 * choice instead of asserting it). Both sides start from the same CSV text and end where the engine starts: typed
 * Float64Array columns of the complete cases (what IRLS, DeLong and the bootstrap read) plus each predictor's mean
 * and SD, median and quartiles (R type 7) by outcome group (Table 1's summaries).
 *
 *   ours:    parseCsvTable → typedTable → prepareData (complete cases) → describe() per group (the page's reader)
 *   stream:  readDelimitedStream (bytes straight into typed columns, the CLI's reader for large files) → the same
 *   arquero: aq.fromCSV → filter (complete cases) → groupby(outcome).rollup(mean, stdev) → Float64Array columns
 *
 * Prints one JSON line per side (median of the repeats, peak RSS) and a Markdown line. Usage:
 *   npm run bench:arquero -- [--n ROWS] [--repeats R]
 */
import * as aq from "arquero";
import {parseCsvTable} from "../src/components/cohort/table.js";
import {bytesSource, readDelimitedStream} from "../src/components/cohort/readers/stream.js";
import type {TypedTable} from "../src/components/cohort/typed-table.js";
import {typedTable} from "../src/components/cohort/typed-table.js";
import {prepareData} from "../src/components/cohort/prepare.js";
import {describe} from "../src/components/stats/descriptives.js";
import {createRng} from "../src/components/stats/random.js";

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`--${name} must be a positive integer, got ${process.argv[i + 1]}`);
    process.exit(2);
  }
  return value;
}

const n = argument("n", 1_000_000);
const repeats = argument("repeats", 5);
const PREDICTORS = ["x1", "x2", "x3", "x4"];

/** n rows: a 0/1 outcome and four numeric predictors, each missing in 5% of rows (an empty field). */
function makeCsv(rows: number): string {
  const rng = createRng(20240607);
  const random = () => rng.next();
  const lines = [["asd", ...PREDICTORS].join(",")];
  for (let i = 0; i < rows; i++) {
    const cells = [random() < 0.15 ? "1" : "0"];
    for (let j = 0; j < PREDICTORS.length; j++) cells.push(random() < 0.05 ? "" : (random() * 100).toFixed(3));
    lines.push(cells.join(","));
  }
  return lines.join("\n") + "\n";
}

interface Summary {
  complete: number;
  means: number[];
}

function summarise(table: TypedTable): Summary {
  const data = prepareData(table, {outcome: "asd", candidates: PREDICTORS});
  const means: number[] = [];
  for (const name of PREDICTORS) {
    const values = data.variables.get(name)!.values!;
    for (const group of [1, 0]) {
      const xs: number[] = [];
      for (let i = 0; i < values.length; i++) if (data.y[i] === group) xs.push(values[i]!);
      const d = describe(xs);
      means.push(d.mean, d.sd, d.median, d.q1, d.q3);
    }
  }
  return {complete: data.y.length, means};
}

const ours = (text: string): Summary => summarise(typedTable(parseCsvTable(text)));
const encoded = new Map<string, Uint8Array>();
function stream(text: string): Summary {
  // the file's bytes, as the CLI reads them from disk (encoding them is not timed after the first repeat)
  if (!encoded.has(text)) encoded.set(text, new TextEncoder().encode(text));
  return summarise(readDelimitedStream(bytesSource(encoded.get(text)!), {keep: ["asd", ...PREDICTORS]}).table);
}

function arquero(text: string): Summary {
  const table = aq.fromCSV(text);
  const complete = table.filter(aq.escape((d: Record<string, unknown>) => PREDICTORS.every((p) => d[p] != null && Number.isFinite(d[p]))));
  // typed columns for the engine
  const columns = PREDICTORS.map((p) => Float64Array.from(complete.array(p) as ArrayLike<number>));
  void columns;
  const rollups: Record<string, ReturnType<typeof aq.op.mean>> = {};
  for (const p of PREDICTORS) {
    rollups[`${p}_mean`] = aq.op.mean(p);
    rollups[`${p}_sd`] = aq.op.stdev(p);
    rollups[`${p}_median`] = aq.op.median(p);
    rollups[`${p}_q1`] = aq.op.quantile(p, 0.25);
    rollups[`${p}_q3`] = aq.op.quantile(p, 0.75);
  }
  const summary = complete.groupby("asd").rollup(rollups).orderby(aq.desc("asd")).objects() as Record<string, number>[];
  const means: number[] = [];
  for (const p of PREDICTORS) for (const row of summary) means.push(...["mean", "sd", "median", "q1", "q3"].map((k) => row[`${p}_${k}`]!));
  return {complete: complete.numRows(), means};
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

const text = makeCsv(n);
const results: Record<string, {median_s: number; peak_rss_mb: number; summary: Summary}> = {};
for (const [name, run] of [["ours", ours], ["stream", stream], ["arquero", arquero]] as const) {
  const times: number[] = [];
  let summary: Summary | null = null;
  let peak = 0;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    summary = run(text);
    times.push((performance.now() - t0) / 1000);
    peak = Math.max(peak, process.memoryUsage().rss / 2 ** 20);
  }
  results[name] = {median_s: median(times), peak_rss_mb: Math.round(peak), summary: summary!};
  console.log(JSON.stringify({case: `table-${name}`, n, repeats, median_s: Number(median(times).toFixed(3)), peak_rss_mb: Math.round(peak)}));
}
// the two sides must agree, or the comparison means nothing
const a = results.ours!.summary;
for (const other of ["stream", "arquero"]) {
  const b = results[other]!.summary;
  if (a.complete !== b.complete || a.means.some((m, i) => Math.abs(m - b.means[i]!) > 1e-9 * Math.max(1, Math.abs(m)))) {
    console.error(`ours and ${other} disagree: complete cases ${a.complete} vs ${b.complete}`);
    process.exit(1);
  }
}
const cell = (name: string) => `${results[name]!.median_s.toFixed(2)} s (${results[name]!.peak_rss_mb} MiB)`;
console.log(`| ${n.toLocaleString("en")} rows × ${PREDICTORS.length} | page reader ${cell("ours")} | stream reader ${cell("stream")} | arquero ${cell("arquero")} | complete cases ${a.complete} |`);
