// The abstract checked against itself (src/components/stats/abstract-check.ts), as CSV: one row per check, with
// the published figure, the method, the recomputed value and its range over the rounding of the inputs, the
// verdict and the arithmetic. Uses only published.json.
import {csvFromRecords} from "../../components/csv-export.js";
import {checkAbstract, type PublishedSummary} from "../../components/stats/abstract-check.js";
import {readPublished} from "../lib/cohort.js";

const checks = checkAbstract(readPublished() as unknown as PublishedSummary, {aucTolerance: 0.05});
process.stdout.write(csvFromRecords(checks.map((c) => ({
  id: c.id, figure_id: c.figureId, section: c.section, figure: c.figure, method: c.method, published: c.published,
  published_value: c.publishedValue, recomputed: c.recomputed, range_lower: c.range?.[0], range_upper: c.range?.[1],
  consistent: c.consistent, significant_at_05: c.significantAt05, arithmetic: c.arithmetic
}))));
