// Calibration by risk group (the ten Hosmer–Lemeshow groups) for the prediction equation and the eight-variable
// model, as CSV: predicted-risk range, patients, events, mean predicted risk, observed proportion with Wilson 95% CI.
import {csvFromRecords} from "../../components/csv-export.js";
import {validateModel} from "../../components/validation-analysis.js";
import {loadCohort} from "../lib/cohort.js";

const {rows} = loadCohort();
const records = (["equation", "multivariable"] as const).flatMap((key) =>
  validateModel(rows, key, {bootstrap: false}).groups.map((g) => ({
    model: key, group: g.group, predicted_lower: g.lower, predicted_upper: g.upper, n: g.n, events: g.events,
    mean_predicted: g.predicted, observed: g.observed, observed_ci_lower: g.ciLower, observed_ci_upper: g.ciUpper
  }))
);
process.stdout.write(csvFromRecords(records));
