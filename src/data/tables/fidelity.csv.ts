// The fidelity report as CSV (src/components/cohort/fidelity.ts): every published figure, as printed, beside the
// value the engine computes on the cohort the site shows (the reconstruction, or real data), the difference and
// whether it prints as published.
import {csvFromRecords} from "../../components/csv-export.js";
import {fidelityReport} from "../../components/cohort/fidelity.js";
import type {PublishedSummary} from "../../components/stats/abstract-check.js";
import {loadCohort, readPublished} from "../lib/cohort.js";

const {rows, source} = loadCohort();
const report = fidelityReport(readPublished() as unknown as PublishedSummary, rows);
process.stdout.write(csvFromRecords(report.rows.map((r) => ({
  id: r.id, figure: r.figure, published: r.published, published_value: r.publishedValue, decimals: r.decimals, relation: ({"=": "rounds to", "<": "below", ">": "above"} as const)[r.relation],
  computed: r.reconstructed, difference: r.difference, distance_last_digits: r.distance, matches: r.matches, note: r.note, cohort: source.kind
}))));
