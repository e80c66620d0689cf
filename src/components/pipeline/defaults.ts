/**
 * The analysis's defaults, named once: the seed of every bootstrap (the study's build, the CLI, "Your own cohort"),
 * so the page, its JSON export and a re-run of `analyze --bootstrap` give the same numbers, and the default number
 * of bootstrap replicates.
 */
export const DEFAULT_BOOTSTRAP_SEED = 20240601;
export const DEFAULT_REPLICATES = 200;
/**
 * Replicates of the whole-procedure bootstrap in the study's build: each re-runs the screen, the fits and the
 * selection, so it costs several fixed refits; the printed corrected figures carry only the digits their
 * Monte-Carlo SE supports at this B (stats/procedure-bootstrap.ts supportedDecimals).
 */
export const DEFAULT_PROCEDURE_REPLICATES = 250;
