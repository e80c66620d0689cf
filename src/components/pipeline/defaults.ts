/**
 * The analysis's defaults, named once: the seed of every bootstrap (the study's build, the CLI, "Your own cohort"),
 * so the page, its JSON export and a re-run of `analyze --bootstrap` give the same numbers, and the default number
 * of bootstrap replicates.
 */
export const DEFAULT_BOOTSTRAP_SEED = 20240601;
export const DEFAULT_REPLICATES = 200;
