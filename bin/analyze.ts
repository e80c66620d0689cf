/**
 * analyze — the study's analysis on a CSV file, as one JSON document on stdout.
 *
 *   npm run --silent analyze -- --data FILE.csv --outcome COLUMN [--positive VALUE] --predictors A,B,C [--firth]
 *
 * The pipeline is src/components/cohort/analysis.ts (shared with the "your own cohort" page). On any error: one
 * message on stderr, nothing on stdout, exit status 1 for bad data and 2 for bad usage. In the JSON, numbers that
 * are not finite (NaN, ±Infinity) are null. Imports only the engine and d3's CSV parser, so it starts quickly.
 */
import {readFileSync, statSync} from "node:fs";
import {parseCsvTable, AnalysisError} from "../src/components/cohort/table.js";
import {analyzeTable} from "../src/components/cohort/analysis.js";

const USAGE = `Usage: npm run --silent analyze -- --data FILE.csv --outcome COLUMN [--positive VALUE] --predictors A,B,C [--firth]

Fits the study's analysis to a CSV file and prints one JSON document on stdout:
univariate tests (Table 1), the multivariable logistic model, ROC curves with DeLong CIs and
Youden thresholds, and DeLong tests of the model against each numeric predictor.

Options:
  --data FILE         CSV file (comma-separated, header row of column names, one row per patient)
  --outcome COLUMN    binary outcome column (exactly two distinct values)
  --positive VALUE    outcome value that marks an event (default: 1)
  --predictors LIST   comma-separated predictor columns, in model order
  --firth             fit Firth's penalised likelihood (the remedy for separation)
  --help, -h          show this help

Missing values: blank, NA, NaN, ".", null (any case); rows with a missing outcome or
predictor are dropped (complete-case analysis) with a warning.
Errors go to stderr with a non-zero exit status (1: bad data, 2: bad usage); nothing on stdout.
`;

class UsageError extends Error {}

interface CliOptions {
  data: string;
  outcome: string;
  positive: string;
  predictors: string[];
  firth: boolean;
}

/** Parses argv (without node and the script); returns null for --help. Throws UsageError. */
function parseArgs(argv: string[]): CliOptions | null {
  const values: Record<string, string> = {};
  let firth = false;
  const valued = new Set(["--data", "--outcome", "--positive", "--predictors"]);
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i]!;
    if (arg === "--help" || arg === "-h") return null;
    if (arg === "--firth") {
      firth = true;
      continue;
    }
    let value: string | undefined;
    const eq = arg.indexOf("=");
    if (arg.startsWith("--") && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    if (!valued.has(arg)) throw new UsageError(`unknown argument ${JSON.stringify(arg)}`);
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined || (value.startsWith("--") && valued.has(value))) throw new UsageError(`${arg} needs a value`);
    }
    if (arg in values) throw new UsageError(`${arg} is given twice`);
    values[arg] = value;
  }
  const missing = ["--data", "--outcome", "--predictors"].filter((k) => values[k] === undefined);
  if (missing.length) throw new UsageError(`missing ${missing.join(", ")}`);
  const predictors = values["--predictors"]!.split(",").map((p) => p.trim());
  if (predictors.some((p) => p === "")) throw new UsageError(`--predictors ${JSON.stringify(values["--predictors"])} has an empty name; separate column names with single commas`);
  return {data: values["--data"]!, outcome: values["--outcome"]!, positive: values["--positive"] ?? "1", predictors, firth};
}

function readData(path: string): string {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new AnalysisError(`--data ${path}: is a directory, not a CSV file.`, "empty");
    size = stat.size;
  } catch (e) {
    if (e instanceof AnalysisError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new AnalysisError(`--data ${path}: no such file. Check the path (relative paths are from ${process.cwd()}).`, "empty");
    throw new AnalysisError(`--data ${path}: cannot read the file (${code ?? (e as Error).message}).`, "empty");
  }
  if (size === 0) throw new AnalysisError(`${path}: the file is empty (0 bytes): it has no header and no rows. Give a CSV file with a header row of column names and one row per patient.`, "empty");
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    throw new AnalysisError(`--data ${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`, "empty");
  }
}

/** --predictors splits on commas, so a column whose name holds a comma cannot be named there: say so. */
function commaHint(e: AnalysisError, options: CliOptions, columns: readonly string[]): string {
  const wanted = e.where?.column;
  const unreachable = columns.filter((c) => c.includes(","));
  if (e.code !== "choices" || wanted === undefined || !options.predictors.includes(wanted) || !unreachable.length) return "";
  return ` A column whose name contains a comma (${unreachable.map((c) => JSON.stringify(c)).join(", ")}) cannot be given in --predictors, which is split at commas: rename it in the file.`;
}

/** JSON with NaN/±Infinity as null (analyzeTable already returns null for them; this is the last guard). */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2);
}

function main(argv: string[]): number {
  let options: CliOptions | null;
  try {
    options = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`analyze: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options === null) {
    process.stdout.write(USAGE);
    return 0;
  }
  let columns: string[] = [];
  try {
    const table = parseCsvTable(readData(options.data), {source: options.data});
    columns = table.columns;
    const result = analyzeTable(table, options);
    process.stdout.write(toJson(result) + "\n");
    return 0;
  } catch (e) {
    if (e instanceof AnalysisError) {
      process.stderr.write(`analyze: ${e.message}${commaHint(e, options, columns)}\n`);
      return 1;
    }
    process.stderr.write(`analyze: internal error (please report it): ${(e as Error).stack ?? String(e)}\n`);
    return 70;
  }
}

process.exitCode = main(process.argv.slice(2));
