// Table 1 as CSV: per candidate variable, each group's summary (mean, SD, median, quartiles, n; or yes/no counts),
// the test that reproduces the abstract's P-values (Student's t, Pearson's chi-square without correction), the
// alternatives a reviewer may ask for, and the published figures beside them. Same engine calls as the Cohort page
// (src/components/study.ts); full precision, formula-safe CSV (src/components/csv-export.ts).
import {csvFromRecords, type CsvValue} from "../../components/csv-export.js";
import {univariateTable, type PublishedStudy} from "../../components/study.js";
import {loadCohort, readPublished} from "../lib/cohort.js";

const {rows} = loadCohort();
const table = univariateTable(rows, readPublished() as unknown as PublishedStudy);
const records = table.map((r) => {
  const out: Record<string, CsvValue> = {variable: r.key, label: r.label, unit: r.unit, kind: r.kind};
  for (const group of ["asd", "nonAsd"] as const) {
    const g = r.reproduced[group] as Record<string, number>;
    const p = r.published?.[group] as Record<string, number> | undefined;
    const prefix = group === "asd" ? "asd" : "non_asd";
    for (const k of ["n", "mean", "sd", "median", "q1", "q3", "yes", "no"]) out[`${prefix}_${k}`] = g[k];
    out[`${prefix}_published_mean`] = p?.mean;
    out[`${prefix}_published_sd`] = p?.sd;
    out[`${prefix}_published_yes`] = p?.yes;
    out[`${prefix}_published_no`] = p?.no;
  }
  out.test = r.reproduced.test;
  out.statistic = r.reproduced.statistic;
  out.df = r.reproduced.df;
  out.p = r.reproduced.p;
  r.alternatives.forEach((a, i) => {
    out[`alternative_${i + 1}_test`] = a.test;
    out[`alternative_${i + 1}_p`] = a.p;
  });
  out.published_p = r.published?.p ? `${r.published.p.relation === "<" ? "<" : ""}${r.published.p.value.toFixed(r.published.p.decimals ?? 3)}` : undefined;
  return out;
});
process.stdout.write(csvFromRecords(records));
