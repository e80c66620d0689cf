/**
 * What the "Your own cohort" page says about how long an analysis takes. No measured time is typed here: the
 * reader's own run reports its time when it finishes (app.ts), and the benchmark (npm run bench, the README's
 * table with its date) records the machine's figures.
 */
export const PERFORMANCE_NOTE =
  "The time grows with the number of rows and predictors and, above all, with the bootstrap, which refits the model once per replicate " +
  "(fewer replicates are proportionally faster). The replicates run in background workers, one per core of your computer, so the page " +
  "keeps responding, shows progress, and Cancel stops the work at once; when the analysis is done the page says how long your run took " +
  "and on how many workers.";
