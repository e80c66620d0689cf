/**
 * analyze — the study's analysis on a CSV file, as one JSON document on stdout.
 *
 *   npm run --silent analyze -- --data FILE.csv --outcome COLUMN [--positive VALUE] --predictors A,B,C [--firth]
 *       [--screen-p P] [--select-p P | --backward aic|p] [--bootstrap B] [--seed S]
 *   npm run --silent analyze -- --data FILE.csv --procedure PROCEDURE.json [--bootstrap B] [--seed S]
 *
 * The pipeline is src/components/pipeline/pipeline.ts, shared with the site's build and the "Your own cohort" page:
 * the document is the one that page exports for the same file and choices. The document's shape is
 * schema/analysis.schema.json. On any error: one message on stderr, nothing on stdout, exit status 1 for bad data
 * and 2 for bad usage. Numbers that are not finite are null in the JSON and listed, with which they are, in the
 * document's last field, `nonFinite`.
 */
import {readFileSync, statSync} from "node:fs";
import {parseCsvTable, AnalysisError} from "../src/components/cohort/table.js";
import {typedTable} from "../src/components/cohort/typed-table.js";
import {runPipeline} from "../src/components/pipeline/pipeline.js";
import {fitAllProcedure, parseProcedure, ProcedureError, type Procedure} from "../src/components/procedure/procedure.js";
import {toJsonDocument} from "../src/components/json-safe.js";
import {DEFAULT_BOOTSTRAP_SEED, DEFAULT_PROCEDURE_REPLICATES} from "../src/components/pipeline/defaults.js";

const USAGE = `Usage: npm run --silent analyze -- --data FILE.csv --outcome COLUMN [--positive VALUE] --predictors A,B,C [--firth]
         [--screen-p P] [--select-p P | --backward aic|p] [--bootstrap B] [--procedure-bootstrap B] [--seed S]
       npm run --silent analyze -- --data FILE.csv --procedure PROCEDURE.json [--bootstrap B] [--procedure-bootstrap B] [--seed S]

Runs a modelling procedure on a CSV file and prints one JSON document on stdout: univariate tests
(Table 1), what each step of the procedure kept, the model, ROC curves with DeLong CIs and Youden
thresholds, DeLong tests of the model against each numeric predictor, sample size (EPV, Riley),
calibration, the decision curve, the shrunken equation (slopes times a uniform shrinkage factor, the
intercept re-estimated), and with --bootstrap Harrell's optimism-corrected performance:
validation.fixed refits the model's predictors, validation.procedure re-runs the whole procedure
(screen, fit, selection, refit) in every resample, with Monte-Carlo SEs, Noma et al.'s intervals,
selection stability, prediction instability and the corrected calibration curve; the shrinkage
factor is the procedure's corrected calibration slope, and the decision curve is bootstrap-corrected.

Options:
  --data FILE         CSV file (comma-separated, header row of column names, one row per patient)
  --outcome COLUMN    binary outcome column (exactly two distinct values)
  --positive VALUE    outcome value that marks an event (default: 1)
  --predictors LIST   comma-separated candidate predictors, in model order
  --firth             fit Firth's penalised likelihood (the remedy for separation)
  --screen-p P        keep only candidates whose univariable test (Table 1) has p < P
  --select-p P        fit the survivors, keep the factors with Wald p < P, and refit
  --backward RULE     backward elimination as rms::fastbw (RULE aic, or p with --select-p as sls), then refit
  --procedure FILE    the whole procedure as JSON (instead of --outcome ... --backward); see the README
  --bootstrap B       Harrell's bootstrap validation with B resamples: the model's predictors fixed, and
                      the whole procedure re-run in each resample (B of the latter: --procedure-bootstrap)
  --procedure-bootstrap B  resamples of the whole-procedure bootstrap (default: --bootstrap's B; the
                      study's site uses ${DEFAULT_PROCEDURE_REPLICATES}); 0 skips it
  --seed S            seed of the bootstrap (default ${DEFAULT_BOOTSTRAP_SEED})
  --help, -h          show this help

Missing values: blank, NA, NaN, ".", null (any case); rows with a missing outcome or
predictor are dropped (complete-case analysis) with a warning.
Errors go to stderr with a non-zero exit status (1: bad data, 2: bad usage); nothing on stdout.
`;

class UsageError extends Error {}

interface CliOptions {
  data: string;
  procedure: Procedure;
  bootstrap: {replicates: number; seed: number} | null;
  /** --procedure-bootstrap (undefined: as --bootstrap). */
  procedureBootstrap?: {replicates: number; seed: number} | null;
  /** --predictors as given (for the comma hint). */
  predictors: string[];
}

const VALUED = ["--data", "--outcome", "--positive", "--predictors", "--screen-p", "--select-p", "--backward", "--procedure", "--bootstrap", "--procedure-bootstrap", "--seed"];

function probability(flag: string, text: string): number {
  const value = Number(text);
  if (!/^\s*[0-9.eE+-]+\s*$/.test(text) || !(value > 0 && value <= 1)) throw new UsageError(`${flag} ${JSON.stringify(text)} must be a p-value threshold in (0, 1]`);
  return value;
}

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\s*-?\d+\s*$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} ${JSON.stringify(text)} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

function readProcedure(path: string): Procedure {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new UsageError(`--procedure ${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    return parseProcedure(JSON.parse(text));
  } catch (e) {
    if (e instanceof SyntaxError) throw new UsageError(`--procedure ${path}: not valid JSON (${e.message})`);
    if (e instanceof ProcedureError) throw new UsageError(`--procedure ${path}: ${e.message}`);
    throw e;
  }
}

/** Parses argv (without node and the script); returns null for --help. Throws UsageError. */
function parseArgs(argv: string[]): CliOptions | null {
  const values = new Map<string, string>();
  let firth = false;
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
    if (!VALUED.includes(arg)) throw new UsageError(`unknown argument ${JSON.stringify(arg)}`);
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined || (value.startsWith("--") && VALUED.includes(value))) throw new UsageError(`${arg} needs a value`);
    }
    if (values.has(arg)) throw new UsageError(`${arg} is given twice`);
    values.set(arg, value);
  }
  if (!values.has("--data")) throw new UsageError(values.has("--procedure") ? "missing --data" : `missing ${["--data", "--outcome", "--predictors"].filter((k) => !values.has(k)).join(", ")}`);
  const bootstrap = values.has("--bootstrap")
    ? {replicates: wholeNumber("--bootstrap", values.get("--bootstrap")!, 1, 100_000), seed: values.has("--seed") ? wholeNumber("--seed", values.get("--seed")!, 1, 2 ** 31 - 1) : DEFAULT_BOOTSTRAP_SEED}
    : null;
  if (!bootstrap && values.has("--seed")) throw new UsageError("--seed needs --bootstrap B");
  if (!bootstrap && values.has("--procedure-bootstrap")) throw new UsageError("--procedure-bootstrap needs --bootstrap B");
  const extra: Pick<CliOptions, "procedureBootstrap"> = {};
  if (bootstrap && values.has("--procedure-bootstrap")) {
    const b = wholeNumber("--procedure-bootstrap", values.get("--procedure-bootstrap")!, 0, 100_000);
    extra.procedureBootstrap = b === 0 ? null : {replicates: b, seed: bootstrap.seed};
  }
  if (values.has("--procedure")) {
    const clash = ["--outcome", "--positive", "--predictors", "--screen-p", "--select-p", "--backward"].filter((k) => values.has(k));
    if (firth) clash.push("--firth");
    if (clash.length) throw new UsageError(`--procedure gives the whole procedure; do not also give ${clash.join(", ")}`);
    return {data: values.get("--data")!, procedure: readProcedure(values.get("--procedure")!), bootstrap, predictors: [], ...extra};
  }
  const missing = ["--outcome", "--predictors"].filter((k) => !values.has(k));
  if (missing.length) throw new UsageError(`missing ${missing.join(", ")}`);
  const predictors = values.get("--predictors")!.split(",").map((p) => p.trim());
  if (predictors.some((p) => p === "")) throw new UsageError(`--predictors ${JSON.stringify(values.get("--predictors"))} has an empty name; separate column names with single commas`);
  const procedure = fitAllProcedure(values.get("--outcome")!, predictors, {event: values.get("--positive") ?? "1", estimate: firth ? "firth" : "ml"});
  if (values.has("--screen-p")) procedure.screen = {method: "univariable", p: probability("--screen-p", values.get("--screen-p")!)};
  if (values.has("--backward")) {
    const rule = values.get("--backward")!;
    if (rule !== "aic" && rule !== "p") throw new UsageError(`--backward ${JSON.stringify(rule)} must be aic or p`);
    procedure.select = rule === "aic" ? {method: "backward", rule: "aic", type: "residual"} : {method: "backward", rule: "p", p: values.has("--select-p") ? probability("--select-p", values.get("--select-p")!) : 0.05, type: "residual"};
    if (rule === "aic" && values.has("--select-p")) throw new UsageError("--select-p goes with --backward p (the significance level to stay), not with --backward aic");
  } else if (values.has("--select-p")) {
    procedure.select = {method: "wald", p: probability("--select-p", values.get("--select-p")!)};
  }
  return {data: values.get("--data")!, procedure, bootstrap, predictors, ...extra};
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

function main(argv: string[]): number {
  let options: CliOptions | null;
  try {
    options = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`analyze: ${e.message}\n\n${USAGE}`);
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
    const result = runPipeline(typedTable(table), options.procedure, {
      bootstrap: options.bootstrap, ...(options.procedureBootstrap === undefined ? {} : {procedureBootstrap: options.procedureBootstrap})
    });
    process.stdout.write(toJsonDocument(result) + "\n");
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
