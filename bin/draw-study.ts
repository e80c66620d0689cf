/**
 * draw-study — one study redrawn from the teaching page's population, written as a cohort CSV, so that the
 * `analyze` command can analyse exactly the study the page shows.
 *
 *   npm run --silent draw-study -- [--seed S] [--study B] [--n N | --events E] [--cohort FILE] [--out FILE]
 *
 * The population is the teaching page's (src/components/teaching/population.ts): the cohort's profiles with the
 * published ORs as the truth. The cohort is the site's (real data if supplied, else the reconstruction, as the build
 * loads it; the reconstruction takes several seconds) or the cohort CSV given with --cohort (the site's
 * data/study/cohort.csv download). On any error: one message on stderr, nothing on stdout, exit status 1 for bad
 * data and 2 for bad usage.
 */
import {readFileSync, writeFileSync} from "node:fs";
import {AnalysisError} from "../src/components/cohort/table.js";
import {readFlag, UsageError, wholeNumber} from "./args.js";
import {formatCohortCsv} from "../src/components/cohort/schema.js";
import {populationFromCsv, drawStudy, drawnStudyCsv, sizeForEvents, MIN_STUDY_SIZE, MAX_STUDY_SIZE} from "../src/components/teaching/population.js";
import {STUDY_CANDIDATES} from "../src/components/study/study.js";
import {loadCohort, readPublished} from "../src/data/lib/cohort.js";

const USAGE = `Usage: npm run --silent draw-study -- [--seed S] [--study B] [--n N | --events E] [--cohort FILE] [--out FILE]

Draws study number B (1, 2, …) of seed S from the population of the site's page "Redraw the study" — the
cohort's patients' measurements, with ASD drawn from the true model (the published odds ratios) — and writes
it as a cohort CSV (the data dictionary's columns) on stdout or to FILE. The same seed, study and size give
the study the page shows, patient for patient.

Options:
  --seed S        seed of the simulation (default 1), a whole number from 1 to ${2 ** 31 - 1}
  --study B       which study of that seed (default 1), a whole number from 1 to 1000000
  --n N           patients in the study (default 162), from ${MIN_STUDY_SIZE} to ${MAX_STUDY_SIZE}
  --events E      or: the expected number of patients with ASD (n = E / prevalence, rounded)
  --cohort FILE   the cohort whose patients make up the population (default: the site's cohort)
  --out FILE      write the CSV to FILE instead of stdout
  --help, -h      show this help

Analyse the study as the paper did:
  npm run --silent analyze -- --data study.csv --outcome asd --predictors ${STUDY_CANDIDATES.join(",")} --screen-p 0.05 --select-p 0.05
`;

const VALUED = ["--seed", "--study", "--n", "--events", "--cohort", "--out"];

interface Options {
  seed: number;
  study: number;
  n: number | null;
  events: number | null;
  cohort: string | null;
  out: string | null;
}

function parseArgs(argv: string[]): Options | null {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") return null;
    const {flag, value, last} = readFlag(argv, i, VALUED);
    i = last;
    if (values.has(flag)) throw new UsageError(`${flag} is given twice`);
    values.set(flag, value);
  }
  if (values.has("--n") && values.has("--events")) throw new UsageError("give --n or --events, not both");
  return {
    seed: values.has("--seed") ? wholeNumber("--seed", values.get("--seed")!, 1, 2 ** 31 - 1) : 1,
    study: values.has("--study") ? wholeNumber("--study", values.get("--study")!, 1, 1_000_000) : 1,
    n: values.has("--n") ? wholeNumber("--n", values.get("--n")!, MIN_STUDY_SIZE, MAX_STUDY_SIZE) : null,
    events: values.has("--events") ? wholeNumber("--events", values.get("--events")!, 1, MAX_STUDY_SIZE) : null,
    cohort: values.get("--cohort") ?? null,
    out: values.get("--out") ?? null
  };
}

function main(argv: string[]): number {
  let options: Options | null;
  try {
    options = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`draw-study: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (options === null) {
    process.stdout.write(USAGE);
    return 0;
  }
  try {
    let cohortCsv: string;
    if (options.cohort) {
      try {
        cohortCsv = readFileSync(options.cohort, "utf8");
      } catch (e) {
        throw new AnalysisError(`--cohort ${options.cohort}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`, "empty");
      }
    } else {
      cohortCsv = formatCohortCsv(loadCohort().rows);
    }
    const pop = populationFromCsv(cohortCsv, readPublished(), {source: options.cohort ?? "cohort.csv"});
    const n = options.n ?? (options.events !== null ? sizeForEvents(pop, options.events) : 162);
    if (n < MIN_STUDY_SIZE || n > MAX_STUDY_SIZE) {
      process.stderr.write(`draw-study: --events ${options.events} gives a study of ${n} patients; choose a number of events that gives ${MIN_STUDY_SIZE} to ${MAX_STUDY_SIZE} patients\n`);
      return 2;
    }
    const draw = drawStudy(pop, {n, seed: options.seed, index: options.study - 1});
    const csv = drawnStudyCsv(pop, draw);
    if (options.out) {
      writeFileSync(options.out, csv);
      process.stderr.write(`draw-study: study ${options.study} of seed ${options.seed}: ${n} patients, ${draw.events} with ASD → ${options.out}\n`);
    } else {
      process.stdout.write(csv);
    }
    return 0;
  } catch (e) {
    if (e instanceof AnalysisError) {
      process.stderr.write(`draw-study: ${e.message}\n`);
      return 1;
    }
    process.stderr.write(`draw-study: internal error (please report it): ${(e as Error).stack ?? String(e)}\n`);
    return 70;
  }
}

process.exitCode = main(process.argv.slice(2));
