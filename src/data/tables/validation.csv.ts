// The Validation page's summary as CSV, one row per model and index: apparent value, bootstrap optimism and the
// optimism-corrected value (Harrell; B = 200, seeded; ML and Firth refits, with the failed refits counted), and the
// model-level figures (EPV, Riley minimum n, Brier, Hosmer–Lemeshow). Same computation as validation.json.
import {csvFromRecords, type CsvValue} from "../../components/csv-export.js";
import {bootstrapModel, validationAnalysis, type BootstrapSummary} from "../../components/validation-analysis.js";
import {loadCohort} from "../lib/cohort.js";

const SEED = 20240601;
const REPLICATES = 200;
const {rows} = loadCohort();
const analysis = validationAnalysis(rows, {replicates: REPLICATES, seed: SEED, method: "ml"});
const records: Record<string, CsvValue>[] = [];
for (const m of analysis.models) {
  const boots: BootstrapSummary[] = [m.bootstrap!, bootstrapModel(rows, m.key, {replicates: REPLICATES, seed: SEED, method: "firth"})];
  for (const b of boots) {
    for (const index of ["auc", "slope", "slopeIntercept", "intercept", "brier"] as const) {
      records.push({
        model: m.key, refit: b.method, index, apparent: b.apparent[index], optimism: b.optimism[index], corrected: b.corrected[index],
        replicates: b.replicates, seed: b.seed, used: b.used, used_for_index: b.usedByIndex[index], failed_separated: b.failed.separated, failed_non_converged: b.failed.nonConverged,
        failed_one_class: b.failed.oneClass, failed_errors: b.failed.errors
      });
    }
  }
  const add = (index: string, value: number) => records.push({model: m.key, refit: "", index, apparent: value});
  add("n", m.n);
  add("events", m.events);
  add("parameters", m.parameters);
  add("events_per_parameter", m.eventsPerParameter);
  add("events_per_candidate", m.eventsPerCandidate);
  add("cox_snell_r2", m.coxSnellR2);
  add("nagelkerke_r2", m.nagelkerkeR2);
  if (m.riley.fromModel) add("riley_minimum_n_apparent_r2", m.riley.fromModel.minimum);
  add("riley_minimum_n_conservative_r2", m.riley.conservative.minimum);
  add("brier_null", m.brierNull);
  add("brier_scaled", m.brierScaled);
  add("hosmer_lemeshow_statistic_10_groups", m.hosmerLemeshow.statistic);
  add("hosmer_lemeshow_p_10_groups", m.hosmerLemeshow.p);
}
process.stdout.write(csvFromRecords(records));
