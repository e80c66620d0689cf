/**
 * The "stream-read" case: a CSV file of n rows (a 0/1 outcome and p numeric predictors, six significant digits,
 * written to a temporary file in chunks and not timed) read by the CLI's streaming reader
 * (src/components/cohort/readers/stream.ts) into typed columns. The case's peak RSS is the reader's memory: the
 * file is never held, so it should be about 8 bytes per numeric cell plus a constant (the note says how far off).
 */
import {closeSync, mkdtempSync, openSync, readSync, rmSync, statSync, writeSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {createRng} from "../src/components/stats/random.js";
import {readDelimitedStream} from "../src/components/cohort/readers/stream.js";

export interface StreamReadInput {
  n: number;
  p: number;
  seed: number;
  repeats: number;
}

/** Writes the file; returns its path and size. */
function writeCohort({n, p, seed}: StreamReadInput, dir: string): {path: string; bytes: number} {
  const path = join(dir, "cohort.csv");
  const fd = openSync(path, "w");
  const rng = createRng(seed);
  writeSync(fd, ["y", ...Array.from({length: p}, (_, j) => `x${j + 1}`)].join(",") + "\n");
  let chunk = "";
  for (let i = 0; i < n; i++) {
    let eta = -1;
    const xs: string[] = [];
    for (let j = 0; j < p; j++) {
      const x = rng.normal();
      eta += 0.5 * x;
      xs.push(x.toPrecision(6));
    }
    chunk += `${rng.next() < 1 / (1 + Math.exp(-eta)) ? 1 : 0},${xs.join(",")}\n`;
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = "";
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
  return {path, bytes: statSync(path).size};
}

export function streamReadCase(input: StreamReadInput): {seconds: number[]; note: string} {
  const dir = mkdtempSync(join(tmpdir(), "pkp-bench-stream-"));
  try {
    const {path, bytes} = writeCohort(input, dir);
    const seconds: number[] = [];
    let note = "";
    for (let r = 0; r < input.repeats; r++) {
      (globalThis as {gc?: () => void}).gc?.();
      const started = performance.now();
      const fd = openSync(path, "r");
      const read = readDelimitedStream({size: bytes, read: (position, into) => readSync(fd, into, 0, into.length, position)}, {fileName: path});
      closeSync(fd);
      seconds.push((performance.now() - started) / 1000);
      const y = read.table.column("y");
      const events = y.kind === "numeric" ? y.values.reduce((s, v) => s + v, 0) : NaN;
      note = `${(bytes / 2 ** 20).toFixed(0)} MiB file, ${read.table.rows} rows × ${read.table.columns.length} columns (${(100 * events / read.table.rows).toFixed(1)}% events); columns hold ${((8 * read.table.rows * read.table.columns.length) / 2 ** 20).toFixed(0)} MiB`;
    }
    return {seconds, note};
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}
