/**
 * Table 1 of a reader's cohort, from the analysis document (pipeline/pipeline.ts): per predictor, the summary among events and
 * non-events — mean ± SD (median [IQR]) for continuous variables, counts and percentages per level for binary and
 * categorical ones — and the two-group test the analysis chose (Student's t; Pearson's χ², or Fisher's exact test
 * when an expected count is below 5), with its statistic and p. The CSV export carries the full-precision numbers
 * (means, SDs, counts) in columns of their own.
 *
 * Example: resultTable(table1Spec(result))
 */
import {formatNumber, formatP} from "../format.js";
import type {PageResult} from "../worker/protocol.js";
import type {GroupDescriptives, VariableDescriptives} from "../pipeline/table1.js";
import type {CellValue, ResultTableSpec} from "./resultTable.js";

function groupText(d: VariableDescriptives, g: GroupDescriptives): string {
  if (d.kind === "continuous" && g.numeric) {
    const s = g.numeric;
    return `${formatNumber(s.mean, 2)} ± ${formatNumber(s.sd, 2)} (median ${formatNumber(s.median, 2)} [${formatNumber(s.q1, 2)}–${formatNumber(s.q3, 2)}])`;
  }
  return (g.levels ?? []).map((l) => `${l.level}: ${l.n} (${l.pct.toFixed(1)}%)`).join("; ");
}

const TEST_NAMES: Record<string, string> = {
  "Two Sample t-test": "Student’s t",
  " Two Sample t-test": "Student’s t",
  "Pearson's Chi-squared test": "Pearson’s χ²",
  "Fisher's Exact Test for Count Data": "Fisher’s exact"
};

export function table1Spec(result: PageResult): ResultTableSpec {
  const {cli, choices} = result;
  const positive = cli.outcome?.positive ?? choices.positive;
  const negative = cli.outcome?.negative ?? "other";
  const rows = cli.univariate.map((u, i) => {
    const d = cli.descriptives?.find((x) => x.variable === u.variable) ?? cli.descriptives?.[i];
    const row: Record<string, CellValue> = {
      variable: u.variable,
      kind: u.kind,
      events: d ? groupText(d, d.events) : "",
      nonEvents: d ? groupText(d, d.nonEvents) : "",
      test: TEST_NAMES[u.test] ?? u.test.trim(),
      statistic: u.statistic,
      df: u.df,
      p: u.p,
      eventsN: d?.events.n ?? null,
      eventsMean: d?.events.numeric?.mean ?? null,
      eventsSd: d?.events.numeric?.sd ?? null,
      nonEventsN: d?.nonEvents.n ?? null,
      nonEventsMean: d?.nonEvents.numeric?.mean ?? null,
      nonEventsSd: d?.nonEvents.numeric?.sd ?? null
    };
    return row;
  });
  const num = (digits: number) => (v: CellValue) => (typeof v === "number" ? formatNumber(v, digits) : "—");
  return {
    id: "table1",
    caption: `Table 1. Complete cases with ${choices.outcome} = “${positive}” (events, n = ${cli.events}) and ${choices.outcome} = “${negative}” (n = ${cli.n - cli.events}). Continuous: mean ± SD (median [IQR]), Student’s t-test; binary and categorical: n (%) per level, Pearson’s χ² or Fisher’s exact test when an expected count is below 5.`,
    columns: [
      {key: "variable", label: "Variable", rowHeader: true},
      {key: "kind", label: "Type"},
      {key: "events", label: `Events (${choices.outcome} = ${positive})`},
      {key: "nonEvents", label: `Non-events (${choices.outcome} = ${negative})`},
      {key: "test", label: "Test"},
      {key: "statistic", label: "Statistic", format: num(3)},
      {key: "df", label: "df", format: (v) => (typeof v === "number" ? (Number.isInteger(v) ? String(v) : formatNumber(v, 1)) : "—")},
      {key: "p", label: "p", format: (v) => (typeof v === "number" ? formatP(v) : "—")},
      {key: "eventsN", label: "Events n", exportOnly: true},
      {key: "eventsMean", label: "Events mean", exportOnly: true},
      {key: "eventsSd", label: "Events SD", exportOnly: true},
      {key: "nonEventsN", label: "Non-events n", exportOnly: true},
      {key: "nonEventsMean", label: "Non-events mean", exportOnly: true},
      {key: "nonEventsSd", label: "Non-events SD", exportOnly: true}
    ],
    rows
  };
}
