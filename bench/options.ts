/**
 * The flags of npm run bench (bench/run.ts), parsed and checked without running anything, so that every usage
 * error is reported before the first case starts. Throws UsageError with a message that names the flag.
 */
import {parseArgs} from "node:util";
import {CASE_NAMES, CASES, DEFAULT_SEED, isCaseName, type CaseName} from "./cases.js";

export const USAGE = `Usage: npm run --silent bench -- [--case NAME] [--n N] [--p P] [--seed S] [--repeats K] [--json]

Times the statistics engine on data generated with a fixed seed, each case and size in a fresh process,
and prints one JSON object per line: case, n, p, repeats, median_s, min_s, max_s, peak_rss_mb.

Cases (all of them, in this order, without --case):
${CASE_NAMES.map((c) => `  ${c.padEnd(22)}${CASES[c].description}; n = ${CASES[c].sizes.join(", ")}, p = ${CASES[c].predictors}, ${CASES[c].repeats} repeats`).join("\n")}

Options:
  --case NAME    run one case
  --n N          rows (replaces the case's default sizes; not for reconstruction or build)
  --p P          predictors (logistic, bootstrap-validation and the pool cases); for the browser cases, columns
                 of the file (the outcome and P - 1 predictors)
  --seed S       seed of the generated data (default ${DEFAULT_SEED}); for reconstruction, the generator's seed
                 (default: the site's)
  --repeats K    timed repeats per size (default: per case, above)
  --json         only the JSON lines on stdout (no table)
  --help, -h     show this help

The browser cases run Debian's Chromium (/usr/bin/chromium, or CHROMIUM_PATH) through playwright-core, as the
browser tests do; browser-your-data builds the site first when dist/ is missing or older than src/.
browser-webr-glm serves the npm package webr (a devDependency: R.wasm and R's base packages, stats among them,
are in its 38 MB tarball) from node_modules on loopback and fails if webR asks the network for anything.
`;

export class UsageError extends Error {}

export interface Options {
  cases: CaseName[];
  n: number | null;
  p: number | null;
  seed: number | null;
  repeats: number | null;
  json: boolean;
}

function positiveInteger(value: string | undefined, flag: string, minimum: number): number | null {
  if (value === undefined) return null;
  const x = Number(value);
  if (!(Number.isSafeInteger(x) && x >= minimum)) throw new UsageError(`${flag} is "${value}", expected an integer >= ${minimum}`);
  return x;
}

export function parseOptions(argv: string[]): Options | "help" {
  let values;
  try {
    ({values} = parseArgs({
      args: argv,
      options: {
        case: {type: "string"},
        n: {type: "string"},
        p: {type: "string"},
        seed: {type: "string"},
        repeats: {type: "string"},
        json: {type: "boolean", default: false},
        help: {type: "boolean", short: "h", default: false}
      },
      strict: true,
      allowPositionals: false
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return "help";
  let cases: CaseName[] = [...CASE_NAMES];
  if (values.case !== undefined) {
    if (!isCaseName(values.case)) throw new UsageError(`unknown case "${values.case}"; the cases are ${CASE_NAMES.join(", ")}`);
    cases = [values.case];
  }
  const options: Options = {
    cases,
    n: positiveInteger(values.n, "--n", 10),
    p: positiveInteger(values.p, "--p", 1),
    seed: null,
    repeats: positiveInteger(values.repeats, "--repeats", 1),
    json: values.json
  };
  if (values.seed !== undefined) {
    const seed = Number(values.seed);
    if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed is "${values.seed}", expected an integer`);
    options.seed = seed;
  }
  if (values.case !== undefined && !CASES[values.case as CaseName].sized && (options.n !== null || options.p !== null)) {
    throw new UsageError(`--case ${values.case} runs the study's cohort and takes no --n or --p`);
  }
  if (values.case?.startsWith("browser-") && options.p !== null && options.p < 2) throw new UsageError(`--case ${values.case}: --p counts the file's columns, the outcome and at least one predictor: at least 2`);
  if (values.case === "auc-delong" && options.p !== null && options.p !== 1) throw new UsageError("--case auc-delong times one marker: --p must be 1 or absent");
  return options;
}
