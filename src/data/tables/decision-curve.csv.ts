// Decision curves (Vickers & Elkin 2006) of the prediction equation and the eight-variable model as CSV: net
// benefit of the model, treat-all and treat-none at thresholds 1%..99%, with the true and false positives.
import {csvFromRecords} from "../../components/csv-export.js";
import {validateModel} from "../../components/validation-analysis.js";
import {loadCohort} from "../lib/cohort.js";

const {rows} = loadCohort();
const records = (["equation", "multivariable"] as const).flatMap((key) =>
  validateModel(rows, key, {bootstrap: false}).decisionCurve.map((d) => ({
    model: key, threshold: d.threshold, net_benefit_model: d.netBenefitModel, net_benefit_treat_all: d.netBenefitAll,
    net_benefit_treat_none: d.netBenefitNone, true_positives: d.truePositives, false_positives: d.falsePositives
  }))
);
process.stdout.write(csvFromRecords(records));
