/**
 * analyze — the study's analysis on a CSV file, as one JSON document on stdout.
 *
 *   npm run --silent analyze -- --data FILE.csv --outcome COLUMN [--positive VALUE] --predictors A,B,C [--firth]
 *       [--screen-p P] [--select-p P | --backward aic|p] [--spline NAME:K,…] [--bootstrap B] [--seed S] [--cutpoint-bootstrap B]
 *       [--workers N]
 *   npm run --silent analyze -- --data FILE.csv --procedure PROCEDURE.json [--bootstrap B] [--seed S] [--cutpoint-bootstrap B] [--workers N]
 *   npm run --silent analyze -- --validate-equation EQUATION.json FILE --outcome COLUMN [--positive VALUE]
 *       [--map TERM=COLUMN ...]
 *
 * --validate-equation applies a fixed equation to the file's patients without refitting it
 * (src/components/pipeline/validate-equation.ts, the report "Your own cohort" shows in its validation mode; shape
 * schema/external-validation.schema.json). Its file is read as clinicians have them (src/components/cohort/readers:
 * `,` `;` or tab, decimal comma, UTF-16, .xlsx), and how it was read goes to stderr.
 * The pipeline is src/components/pipeline/pipeline.ts, shared with the site's build and the "Your own cohort" page:
 * the document is the one that page exports for the same file and choices, and the file is read by the page's
 * readers (bin/read-input.ts: delimiter, decimal mark, encoding and .xlsx), reported in the document's `input`.
 * The document's shape is
 * schema/analysis.schema.json. On any error: one message on stderr, nothing on stdout, exit status 1 for bad data
 * and 2 for bad usage. Numbers that are not finite are null in the JSON and listed, with which they are, in the
 * document's last field, `nonFinite`.
 */
import {readFileSync} from "node:fs";
import {AnalysisError} from "../src/components/cohort/table.js";
import {readFlag, UsageError, wholeNumber} from "./args.js";
import type {Dialect} from "../src/components/cohort/readers/index.js";
import {decimalFlag, delimiterFlag, InputUsageError, readInput, STREAM_ABOVE_BYTES} from "./read-input.js";
import {prepareData} from "../src/components/cohort/prepare.js";
import {runPipelineWithPool} from "../src/components/worker/parallel.js";
import {defaultWorkerCount, nodeReplicatePool} from "../src/components/worker/node-pool.js";
import {fitAllProcedure, parseProcedure, parseSplines, ProcedureError, type Procedure} from "../src/components/procedure/procedure.js";
import {toJsonDocument} from "../src/components/json-safe.js";
import {DEFAULT_BOOTSTRAP_SEED, DEFAULT_PROCEDURE_REPLICATES} from "../src/components/pipeline/defaults.js";
import {DEFAULT_CUTPOINT_REPLICATES} from "../src/components/pipeline/model-checks.js";

import {validateEquationOnTable} from "../src/components/pipeline/validate-equation.js";
import {EquationSpecError, parseEquation, type PredictionEquation} from "../src/components/stats/equation-spec.js";

const USAGE = `Usage: npm run --silent analyze -- --data FILE.csv --outcome COLUMN [--positive VALUE] --predictors A,B,C [--firth]
         [--screen-p P] [--select-p P | --backward aic|p] [--spline NAME:K,...] [--bootstrap B] [--procedure-bootstrap B]
         [--seed S] [--cutpoint-bootstrap B]
       npm run --silent analyze -- --data FILE.csv --procedure PROCEDURE.json [--bootstrap B] [--procedure-bootstrap B]
         [--seed S] [--cutpoint-bootstrap B]
       npm run --silent analyze -- --validate-equation EQUATION.json FILE --outcome COLUMN [--positive VALUE]
         [--map TERM=COLUMN ...]

Runs a modelling procedure on a CSV file and prints one JSON document on stdout: univariate tests
(Table 1), what each step of the procedure kept, the model, ROC curves with DeLong CIs and Youden
thresholds, DeLong tests of the model against each numeric predictor, sample size (EPV, Riley),
calibration, the decision curve, the shrunken equation (slopes times a uniform shrinkage factor, the
intercept re-estimated), and with --bootstrap Harrell's optimism-corrected performance:
validation.fixed refits the model's predictors, validation.procedure re-runs the whole procedure
(screen, fit, selection, refit) in every resample, with Monte-Carlo SEs, Noma et al.'s intervals,
selection stability, prediction instability and the corrected calibration curve; the shrinkage
factor is the procedure's corrected calibration slope, and the decision curve is bootstrap-corrected.
and the model checks (checks): likelihood-ratio tests of nonlinearity (each measurement as a
restricted cubic spline) and of each factor, LR tests of the model against each factor it contains
(where DeLong's test is not valid), a joint DeLong test of the single markers' AUCs, Firth's profile
penalised-likelihood intervals (with --firth), Riley's minimum sample size by candidate parameters,
and each Youden cut-point's apparent and bootstrap-corrected sensitivity and specificity.

Options:
  --data FILE         CSV or other delimited text (, ; tab |; UTF-8 with or without BOM, UTF-16), or an .xlsx
                      workbook: a header row of column names, one row per patient. How it was read is in
                      the document's "input" field
  --delimiter D       the text's field delimiter: , ; tab | (default: detected)
  --decimal M         the text's decimal mark: . or , (default: detected)
  --sheet NAME        the workbook's sheet (default: the first worksheet)
  --stream            read the text in chunks into typed columns (the default above ${STREAM_ABOVE_BYTES / 2 ** 20} MiB)
  --outcome COLUMN    binary outcome column (exactly two distinct values)
  --positive VALUE    outcome value that marks an event (default: 1)
  --predictors LIST   comma-separated candidate predictors, in model order
  --firth             fit Firth's penalised likelihood (the remedy for separation)
  --screen-p P        keep only candidates whose univariable test (Table 1) has p < P
  --select-p P        fit the survivors, keep the factors with Wald p < P, and refit
  --backward RULE     backward elimination as rms::fastbw (RULE aic, or p with --select-p as sls), then refit
  --spline LIST       candidates entered as restricted cubic splines (rms::rcs), as NAME:K with K
                      knots (3-7), comma-separated: --spline bmd_t:3,age:4
  --procedure FILE    the whole procedure as JSON (instead of --outcome ... --backward); see the README
  --bootstrap B       Harrell's bootstrap validation with B resamples: the model's predictors fixed, and
                      the whole procedure re-run in each resample (B of the latter: --procedure-bootstrap)
  --procedure-bootstrap B  resamples of the whole-procedure bootstrap (default: --bootstrap's B; the
                      study's site uses ${DEFAULT_PROCEDURE_REPLICATES}); 0 skips it
  --seed S            seed of the bootstrap (default ${DEFAULT_BOOTSTRAP_SEED})
  --workers N         run the bootstraps' replicates on N worker threads (default: one per core, here
                      ${defaultWorkerCount()}); the document is the same, to the last bit, for any N
  --cutpoint-bootstrap B  resamples for the Youden cut-points' corrected accuracy (default
                      ${DEFAULT_CUTPOINT_REPLICATES}, 0 to skip; seed as --seed)
  --help, -h          show this help

External validation (--validate-equation): applies a fixed equation to FILE's patients without
refitting it and prints one JSON report (schema/external-validation.schema.json): calibration-in-
the-large and slope with CIs, E/O, ICI/E50/E90, the calibration curve with bands, AUC with DeLong CI,
Brier and scaled Brier, the decision curve, both re-calibrated equations, case-mix, and what each
figure means.
  --validate-equation FILE  the equation as JSON: {"intercept": …, "terms": [{"name", "coefficient"
                      (or "oddsRatio"), "unit", "kind": "continuous"|"binary", "range"}], …}
  FILE (or --data FILE)  the patients: CSV (, ; or tab; decimal point or comma), UTF-8 or UTF-16, or .xlsx
  --outcome COLUMN    the observed outcome (two values)
  --positive VALUE    the outcome value that marks an event (default: 1)
  --map TERM=COLUMN   the column holding the equation's term TERM (default: the column named TERM);
                      repeat for each term to map

Missing values: blank, NA, NaN, ".", null (any case); rows with a missing outcome or
predictor are dropped (complete-case analysis) with a warning.
Errors go to stderr with a non-zero exit status (1: bad data, 2: bad usage); nothing on stdout.
`;

interface CliOptions {
  data: string;
  /** How to read --data: --delimiter, --decimal, --sheet, --stream. */
  reading: {dialect: Partial<Dialect>; sheet?: string; stream: boolean};
  procedure: Procedure;
  bootstrap: {replicates: number; seed: number} | null;
  /** --procedure-bootstrap (undefined: as --bootstrap). */
  procedureBootstrap?: {replicates: number; seed: number} | null;
  cutpointReplicates: number;
  cutpointSeed: number;
  /** --predictors as given (for the comma hint). */
  predictors: string[];
  workers: number;
}

const VALUED = ["--delimiter", "--decimal", "--sheet", "--data", "--outcome", "--positive", "--predictors", "--screen-p", "--select-p", "--backward", "--procedure", "--bootstrap", "--procedure-bootstrap", "--seed", "--spline", "--cutpoint-bootstrap", "--workers"];

function probability(flag: string, text: string): number {
  const value = Number(text);
  if (!/^\s*[0-9.eE+-]+\s*$/.test(text) || !(value > 0 && value <= 1)) throw new UsageError(`${flag} ${JSON.stringify(text)} must be a p-value threshold in (0, 1]`);
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
  let stream = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") return null;
    if (arg === "--firth") {
      firth = true;
      continue;
    }
    if (arg === "--stream") {
      stream = true;
      continue;
    }
    const {flag, value, last} = readFlag(argv, i, VALUED);
    i = last;
    if (values.has(flag)) throw new UsageError(`${flag} is given twice`);
    values.set(flag, value);
  }
  if (!values.has("--data")) throw new UsageError(values.has("--procedure") ? "missing --data" : `missing ${["--data", "--outcome", "--predictors"].filter((k) => !values.has(k)).join(", ")}`);
  const bootstrap = values.has("--bootstrap")
    ? {replicates: wholeNumber("--bootstrap", values.get("--bootstrap")!, 1, 100_000), seed: values.has("--seed") ? wholeNumber("--seed", values.get("--seed")!, 1, 2 ** 31 - 1) : DEFAULT_BOOTSTRAP_SEED}
    : null;
  const cutpointReplicates = values.has("--cutpoint-bootstrap") ? wholeNumber("--cutpoint-bootstrap", values.get("--cutpoint-bootstrap")!, 0, 100_000) : DEFAULT_CUTPOINT_REPLICATES;
  if (!bootstrap && values.has("--seed") && !values.has("--cutpoint-bootstrap")) throw new UsageError("--seed needs --bootstrap B or --cutpoint-bootstrap B");
  const reading = readingOptions(values, stream);
  if (!bootstrap && values.has("--procedure-bootstrap")) throw new UsageError("--procedure-bootstrap needs --bootstrap B");
  const cutpointSeed = values.has("--seed") ? wholeNumber("--seed", values.get("--seed")!, 1, 2 ** 31 - 1) : DEFAULT_BOOTSTRAP_SEED;
  const extra: Pick<CliOptions, "procedureBootstrap"> = {};
  if (bootstrap && values.has("--procedure-bootstrap")) {
    const b = wholeNumber("--procedure-bootstrap", values.get("--procedure-bootstrap")!, 0, 100_000);
    extra.procedureBootstrap = b === 0 ? null : {replicates: b, seed: bootstrap.seed};
  }
  const workers = values.has("--workers") ? wholeNumber("--workers", values.get("--workers")!, 1, 256) : defaultWorkerCount();
  const common = {bootstrap, cutpointReplicates, cutpointSeed, workers, ...extra};
  if (values.has("--procedure")) {
    const clash = ["--outcome", "--positive", "--predictors", "--screen-p", "--select-p", "--backward", "--spline"].filter((k) => values.has(k));
    if (firth) clash.push("--firth");
    if (clash.length) throw new UsageError(`--procedure gives the whole procedure; do not also give ${clash.join(", ")}`);
    return {data: values.get("--data")!, reading, procedure: readProcedure(values.get("--procedure")!), ...common, predictors: []};
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
  if (values.has("--spline")) {
    const text = values.get("--spline")!;
    const requested: Record<string, number> = Object.create(null);
    for (const part of text.split(",")) {
      const m = /^\s*(.+?):\s*([^:]*?)\s*$/.exec(part);
      if (!m) throw new UsageError(`--spline ${JSON.stringify(text)}: each entry is NAME:K (a candidate and its number of knots), e.g. bmd_t:3`);
      const name = m[1]!.trim();
      if (Object.prototype.hasOwnProperty.call(requested, name)) throw new UsageError(`--spline names ${JSON.stringify(name)} twice`);
      requested[name] = /^\d+$/.test(m[2]!) ? Number(m[2]) : NaN;
    }
    try {
      procedure.splines = parseSplines(requested, predictors);
    } catch (e) {
      if (e instanceof ProcedureError) throw new UsageError(`--spline: ${e.message.replace(/^splines\.?\s*/, "")}`);
      throw e;
    }
  }
  return {data: values.get("--data")!, reading, procedure, ...common, predictors};
}

function readingOptions(values: Map<string, string>, stream: boolean): CliOptions["reading"] {
  try {
    const dialect: Partial<Dialect> = {};
    if (values.has("--delimiter")) dialect.delimiter = delimiterFlag(values.get("--delimiter")!);
    if (values.has("--decimal")) dialect.decimal = decimalFlag(values.get("--decimal")!);
    const sheet = values.get("--sheet");
    if (sheet !== undefined && sheet.trim() === "") throw new UsageError("--sheet needs a sheet's name");
    return {dialect, ...(sheet === undefined ? {} : {sheet}), stream};
  } catch (e) {
    if (e instanceof InputUsageError) throw new UsageError(e.message);
    throw e;
  }
}

/** --predictors splits on commas, so a column whose name holds a comma cannot be named there: say so. */
function commaHint(e: AnalysisError, options: CliOptions, columns: readonly string[]): string {
  const wanted = e.where?.column;
  const unreachable = columns.filter((c) => c.includes(","));
  if (e.code !== "choices" || wanted === undefined || !options.predictors.includes(wanted) || !unreachable.length) return "";
  return ` A column whose name contains a comma (${unreachable.map((c) => JSON.stringify(c)).join(", ")}) cannot be given in --predictors, which is split at commas: rename it in the file.`;
}

interface ValidateOptions {
  equationPath: string;
  equation: PredictionEquation;
  data: string;
  outcome: string;
  positive: string;
  mapping: Map<string, string>;
}

const VALIDATE_VALUED = ["--validate-equation", "--data", "--outcome", "--positive", "--map"];

function readEquation(path: string): PredictionEquation {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new UsageError(`--validate-equation ${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    return parseEquation(text);
  } catch (e) {
    if (e instanceof EquationSpecError) throw new UsageError(`--validate-equation ${path}: ${e.message}`);
    throw e;
  }
}

/** Parses the arguments of --validate-equation mode. Throws UsageError. */
function parseValidateArgs(argv: string[]): ValidateOptions {
  const values = new Map<string, string>();
  const maps: string[] = [];
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const {flag, value, last} = readFlag(argv, i, VALIDATE_VALUED, (unknown) =>
      VALUED.includes(unknown) || unknown === "--firth" ? `${unknown} is for fitting a model; --validate-equation validates a fixed equation and takes only ${VALIDATE_VALUED.join(", ")}` : `unknown argument ${JSON.stringify(unknown)}`
    );
    i = last;
    if (flag === "--map") maps.push(value);
    else if (values.has(flag)) throw new UsageError(`${flag} is given twice`);
    else values.set(flag, value);
  }
  if (values.has("--data")) positional.unshift(values.get("--data")!);
  if (positional.length === 0) throw new UsageError("--validate-equation needs the patients' file: --validate-equation EQUATION.json FILE");
  if (positional.length > 1) throw new UsageError(`one data file only; got ${positional.map((p) => JSON.stringify(p)).join(", ")}`);
  if (!values.has("--outcome")) throw new UsageError("--validate-equation needs --outcome COLUMN, the observed outcome");
  const equationPath = values.get("--validate-equation")!;
  const equation = readEquation(equationPath);
  const mapping = new Map<string, string>();
  for (const m of maps) {
    const k = m.indexOf("=");
    if (k <= 0 || k === m.length - 1) throw new UsageError(`--map ${JSON.stringify(m)} must be TERM=COLUMN (the equation's term, then the file's column)`);
    const term = m.slice(0, k).trim();
    const column = m.slice(k + 1).trim();
    if (mapping.has(term)) throw new UsageError(`--map maps the term ${JSON.stringify(term)} twice`);
    if (!equation.terms.some((t) => t.name === term)) {
      throw new UsageError(`--map ${JSON.stringify(m)}: the equation has no term ${JSON.stringify(term)}; its terms are ${equation.terms.map((t) => JSON.stringify(t.name)).join(", ")}`);
    }
    mapping.set(term, column);
  }
  return {equationPath, equation, data: positional[0]!, outcome: values.get("--outcome")!, positive: values.get("--positive") ?? "1", mapping};
}

/** A usage error's message and the usage, on stderr; exit status 2. Anything else is not a usage error: rethrown. */
function usageExit(e: unknown): number {
  if (!(e instanceof UsageError)) throw e;
  process.stderr.write(`analyze: ${e.message}\n\n${USAGE}`);
  return 2;
}

function validateMain(argv: string[]): number {
  let options: ValidateOptions;
  try {
    options = parseValidateArgs(argv);
  } catch (e) {
    return usageExit(e);
  }
  try {
    // the same reading path as the analysis: the page's readers, streaming for a large file
    const keep = [options.outcome, ...options.equation.terms.map((t) => options.mapping.get(t.name) ?? t.name)];
    const {table, input} = readInput(options.data, {dialect: {}, stream: false, keep});
    process.stderr.write(`analyze: ${options.data}: ${input.description}\n`);
    const report = validateEquationOnTable(table, {equation: options.equation, outcome: options.outcome, event: options.positive, mapping: options.mapping});
    process.stdout.write(toJsonDocument(report) + "\n");
    return 0;
  } catch (e) {
    if (e instanceof AnalysisError) {
      process.stderr.write(`analyze: ${e.message}\n`);
      return 1;
    }
    process.stderr.write(`analyze: internal error (please report it): ${(e as Error).stack ?? String(e)}\n`);
    return 70;
  }
}

async function main(argv: string[]): Promise<number> {
  if (!argv.includes("--help") && !argv.includes("-h") && argv.some((a) => a === "--validate-equation" || a.startsWith("--validate-equation="))) return validateMain(argv);
  let options: CliOptions | null;
  try {
    options = parseArgs(argv);
  } catch (e) {
    return usageExit(e);
  }
  if (options === null) {
    process.stdout.write(USAGE);
    return 0;
  }
  let columns: string[] = [];
  try {
    const {table, input} = readInput(options.data, {...options.reading, keep: [options.procedure.outcome, ...options.procedure.candidates]});
    columns = table.columns;
    const procedure = options.procedure;
    const data = prepareData(table, {outcome: procedure.outcome, event: procedure.event, candidates: procedure.candidates});
    const pool = nodeReplicatePool(options.bootstrap ? options.workers : 1);
    try {
      const {result} = await runPipelineWithPool(data, procedure, {
        bootstrap: options.bootstrap, cutpointReplicates: options.cutpointReplicates, cutpointSeed: options.cutpointSeed,
        ...(options.procedureBootstrap === undefined ? {} : {procedureBootstrap: options.procedureBootstrap})
      }, pool);
      process.stdout.write(toJsonDocument({...result, input}) + "\n");
    } finally {
      pool.terminate();
    }
    return 0;
  } catch (e) {
    if (e instanceof InputUsageError) {
      process.stderr.write(`analyze: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof AnalysisError) {
      process.stderr.write(`analyze: ${e.message}${commaHint(e, options, columns)}\n`);
      return 1;
    }
    process.stderr.write(`analyze: internal error (please report it): ${(e as Error).stack ?? String(e)}\n`);
    return 70;
  }
}

process.exitCode = await main(process.argv.slice(2));
