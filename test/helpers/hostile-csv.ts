// Random files as hostile as the ones clinicians and exports produce, from one seed: delimiters , ; tab |, decimal
// commas, quoting (also of names and with "" inside), unicode names and labels, a BOM, UTF-16 LE/BE, CRLF or lone
// CR line ends, blank lines, duplicate or blank header names, names such as __proto__, magnitudes from 1e-320 to
// 1e308 and locations far from zero (timestamps, 1e6 + noise), and cells such as Infinity, NaN, 0x1A, +3, " 3 ",
// 1e309, "1,234". Each file comes with what the CLI is asked (outcome, event, predictors) and, when `clean` is
// asked for, only with cells a reader should read (so that R reads the same numbers): the cross-check subset.
import {createRng, type Rng} from "../../src/components/stats/random.js";

export interface HostileFile {
  seed: number;
  name: string;
  bytes: Uint8Array;
  outcome: string;
  event: string;
  predictors: string[];
  /** How the file was written (the R script reads it so). */
  delimiter: string;
  decimal: "." | ",";
  encoding: "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be";
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.int(items.length)]!;
const chance = (rng: Rng, p: number) => rng.next() < p;

const NAMES = ["age", "bmd", "âge", "größe", "体重", "T-score", "cement ml", "__proto__", "constructor", "toString", "x\u00a0y", "ß", "🦴 count", "hasOwnProperty"];
const LABELS = ["M", "F", "männlich", "女", "yes", "no", "__proto__", "constructor", "a,b", 'say "hi"', "", "NA"];
const HOSTILE_CELLS = ["Infinity", "-Infinity", "NaN", "0x1A", "+3", " 3 ", "1e309", "-1e309", "1,234", "1.234,5", "Inf", "−2", "٣", "3 ", "null", "."];

/** A number written as exports write it (shortest, exponent or 17 digits). */
function writeNumber(rng: Rng, x: number): string {
  const form = rng.int(4);
  const text = form === 0 ? x.toExponential(rng.int(16)) : form === 1 ? x.toPrecision(17) : String(x);
  return text;
}

function encode(text: string, encoding: HostileFile["encoding"]): Uint8Array {
  if (encoding === "utf-8") return new TextEncoder().encode(text);
  if (encoding === "utf-8-bom") return new TextEncoder().encode("\ufeff" + text);
  const units = "\ufeff" + text;
  const out = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const u = units.charCodeAt(i);
    if (encoding === "utf-16le") (out[2 * i] = u & 0xff), (out[2 * i + 1] = u >> 8);
    else (out[2 * i] = u >> 8), (out[2 * i + 1] = u & 0xff);
  }
  return out;
}

/**
 * One random file. With `clean`, every cell is a number in the file's convention, a label or blank/NA, the header
 * is valid and the outcome binary: a file the analysis should read, which R reads with read.csv.
 */
export function hostileCsv(seed: number, {clean = false}: {clean?: boolean} = {}): HostileFile {
  const rng = createRng(seed);
  const delimiter = pick(rng, [",", ";", "\t", "|"]);
  const decimal: "." | "," = delimiter !== "," && chance(rng, 0.4) ? "," : delimiter === "," && chance(rng, 0.1) ? "," : ".";
  const encoding = pick(rng, ["utf-8", "utf-8", "utf-8", "utf-8-bom", "utf-16le", "utf-16be"] as const);
  const eol = pick(rng, ["\n", "\r\n", "\r\n", ...(clean ? [] : ["\r"])]);
  const n = 20 + rng.int(clean ? 180 : 120);
  const hostile = clean ? 0 : pick(rng, [0, 0, 0.002, 0.01, 0.05]);

  // columns: outcome, 1–4 predictors of several kinds
  const p = 1 + rng.int(4);
  const used = new Set<string>();
  const nameOf = (k: number): string => {
    let name = chance(rng, 0.5) ? pick(rng, NAMES) : `x${k}`;
    while (used.has(name)) name = `${name}_${k}`;
    used.add(name);
    return name;
  };
  const outcome = chance(rng, 0.2) ? "__proto__" : chance(rng, 0.5) ? "asd" : "événement";
  used.add(outcome);
  const labelled = chance(rng, 0.3);
  const [eventLabel, otherLabel] = labelled ? pick(rng, [["yes", "no"], ["1", "2"], ["Ja", "Nein"], ["constructor", "toString"]] as const) : ["1", "0"];
  const kinds = Array.from({length: p}, () => pick(rng, ["continuous", "continuous", "binary", "categorical", "separating", "constant", "timestamp", "offset"] as const));
  const names = kinds.map((_, k) => nameOf(k + 1));
  const scales = kinds.map(() => (chance(rng, 0.5) ? 10 ** (rng.next() * 628 - 320) : 10 ** (rng.next() * 8 - 4)));

  // a linear predictor on standardized values decides the outcome, with random event rate
  const z: number[][] = kinds.map(() => Array.from({length: n}, () => rng.normal()));
  const intercept = rng.normal() * 1.5 - (chance(rng, 0.2) ? 2.5 : 0);
  const beta = kinds.map(() => rng.normal());
  const y = Array.from({length: n}, (_, i) => {
    let eta = intercept;
    kinds.forEach((kind, k) => {
      if (kind === "separating") eta += z[k]![i]! > 0 ? 40 : -40;
      else if (kind !== "constant") eta += beta[k]! * z[k]![i]!;
    });
    return rng.next() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  });
  const cell = (k: number, i: number): string => {
    const kind = kinds[k]!;
    const zi = z[k]![i]!;
    switch (kind) {
      case "continuous":
      case "separating":
        return writeNumber(rng, zi * scales[k]!);
      case "constant":
        return writeNumber(rng, scales[k]!);
      case "timestamp":
        return String(1_700_000_000_000 + Math.round((zi + 3) * 600_000));
      case "offset":
        return writeNumber(rng, 1e6 + zi);
      case "binary":
        return zi > 0.3 ? "1" : "0";
      case "categorical":
        return zi > 0.5 ? pick(rng, ["M", "männlich"]) : zi > -0.5 ? "F" : pick(rng, LABELS.filter((l) => clean ? l !== "" && l !== "NA" : true));
    }
  };
  const withDecimal = (text: string) => (decimal === "," ? text.replace(".", ",") : text);
  const quoteField = (text: string, force = false): string => {
    const needs = text.includes(delimiter) || text.includes('"') || text.includes("\n") || text.includes("\r") || (text.trim() !== text && chance(rng, 0.5));
    return needs || force || chance(rng, 0.05) ? `"${text.replace(/"/g, '""')}"` : text;
  };

  const header = [outcome, ...names];
  if (!clean && chance(rng, 0.05)) header.push(pick(rng, [outcome, names[0]!, ""]));
  const lines: string[] = [];
  if (!clean && chance(rng, 0.05)) lines.push(`sep=${delimiter}`);
  if (chance(rng, 0.1)) lines.push("");
  lines.push(header.map((h) => quoteField(h, chance(rng, 0.1))).join(delimiter));
  for (let i = 0; i < n; i++) {
    if (chance(rng, 0.03)) lines.push(chance(rng, 0.5) ? "" : Array.from({length: header.length}, () => "").join(delimiter));
    const fields = [y[i] ? eventLabel : otherLabel, ...kinds.map((_, k) => withDecimal(cell(k, i)))];
    while (fields.length < header.length) fields.push(withDecimal(cell(0, i)));
    for (let j = 0; j < fields.length; j++) {
      if (chance(rng, 0.02)) fields[j] = pick(rng, ["", "NA"]);
      else if (hostile && chance(rng, hostile)) fields[j] = pick(rng, HOSTILE_CELLS);
      else if (!clean && chance(rng, 0.01)) fields[j] = ` ${fields[j]} `;
    }
    if (!clean && chance(rng, 0.003)) fields.push("extra");
    lines.push(fields.map((f) => quoteField(f)).join(delimiter));
  }
  const text = lines.join(eol) + (chance(rng, 0.7) ? eol : "") + (chance(rng, 0.05) ? eol + eol : "");
  return {
    seed,
    name: `hostile-${seed}.csv`,
    bytes: encode(text, encoding),
    outcome,
    event: eventLabel,
    predictors: names,
    delimiter,
    decimal,
    encoding
  };
}
