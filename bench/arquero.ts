/**
 * npm run bench:arquero — why the engine's table layer is not arquero (the design names arquero; this measures the
 * choice instead of asserting it). Both sides start from the same CSV text and end where the engine starts: typed
 * Float64Array columns of the complete cases (what IRLS, DeLong and the bootstrap read) plus each predictor's mean
 * and SD by outcome group (Table 1's summaries).
 *
 *   ours:    parseCsvTable → typedTable → prepareData (complete cases) → describe() per group
 *   arquero: aq.fromCSV → filter (complete cases) → groupby(outcome).rollup(mean, stdev) → Float64Array columns
 *
 * Prints one JSON line per side (median of the repeats, peak RSS) and a Markdown line. Usage:
 *   npm run bench:arquero -- [--n ROWS] [--repeats R]
 */
import * as aq from "arquero";
import {parseCsvTable} from "../src/components/cohort/table.js";
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

function ours(text: string): Summary {
  const data = prepareData(typedTable(parseCsvTable(text)), {outcome: "asd", candidates: PREDICTORS});
  const means: number[] = [];
  for (const name of PREDICTORS) {
    const values = data.variables.get(name)!.values!;
    for (const group of [1, 0]) {
      const xs: number[] = [];
      for (let i = 0; i < values.length; i++) if (data.y[i] === group) xs.push(values[i]!);
      const d = describe(xs);
      means.push(d.mean, d.sd);
    }
  }
  return {complete: data.y.length, means};
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
  }
  const summary = complete.groupby("asd").rollup(rollups).orderby(aq.desc("asd")).objects() as Record<string, number>[];
  const means: number[] = [];
  for (const p of PREDICTORS) for (const row of summary) means.push(row[`${p}_mean`]!, row[`${p}_sd`]!);
  return {complete: complete.numRows(), means};
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

const text = makeCsv(n);
const results: Record<string, {median_s: number; peak_rss_mb: number; summary: Summary}> = {};
for (const [name, run] of [["ours", ours], ["arquero", arquero]] as const) {
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
const b = results.arquero!.summary;
if (a.complete !== b.complete || a.means.some((m, i) => Math.abs(m - b.means[i]!) > 1e-9 * Math.max(1, Math.abs(m)))) {
  console.error(`the two sides disagree: complete ${a.complete} vs ${b.complete}`);
  process.exit(1);
}
console.log(`| ${n.toLocaleString("en")} rows × ${PREDICTORS.length} | ours ${results.ours!.median_s.toFixed(2)} s | arquero ${results.arquero!.median_s.toFixed(2)} s | complete cases ${a.complete} |`);
