/**
 * Tables of the model checks (../pipeline/model-checks.ts): rms's anova by likelihood ratio (each factor, its
 * nonlinear terms, the totals) with the AIC of the model without the row's terms; the tests behind the ROC page's
 * comparison of the equation with each single factor (a likelihood-ratio test where the models are nested and
 * fitted to these patients, DeLong's test otherwise) with the reason in words; Riley et al.'s criteria with P =
 * the candidate parameters. Every number cell carries its full-precision value in data-value.
 *
 * Example: anovaTable(checks.anova, {names: shortNames, caption: "…", testId: "model-anova"})
 */
import {cell, rowHeader, tableFrame} from "./frame.js";
import {formatNumber, formatP} from "../format.js";
import type {AddedValueTest, AnovaEntry, CandidateSampleSize} from "../pipeline/model-checks.js";
import type {ComparisonResult} from "../pipeline/discrimination.js";

const numberCell = (x: number | null, text: string, attributes: Record<string, string> = {}) => cell("td", text, {"data-value": String(x), ...attributes});

/** rms's row label in words: "BMD", "  nonlinear (BMD)", "All nonlinear terms", "All terms". */
export function anovaLabel(row: AnovaEntry, names: Record<string, string> = {}): string {
  const name = (k: string | null) => (k === null ? "" : names[k] ?? k);
  if (row.kind === "factor") return name(row.factor);
  if (row.kind === "nonlinear") return `${name(row.factor)}: nonlinear part`;
  if (row.kind === "total nonlinear") return "All nonlinear parts together";
  return "All factors (the model against no factor)";
}

export function anovaTable(rows: readonly AnovaEntry[], {names = {}, caption, testId}: {names?: Record<string, string>; caption: string; testId: string}): HTMLElement {
  const {wrapper, body} = tableFrame({caption, headers: ["Test of", "LR χ²", "df", "p", "AIC without these terms"], testId});
  for (const r of rows) {
    const tr = body.insertRow();
    tr.dataset.kind = r.kind;
    if (r.factor) tr.dataset.factor = r.factor;
    tr.append(
      rowHeader(anovaLabel(r, names)),
      numberCell(r.statistic, formatNumber(r.statistic, 2)),
      cell("td", String(r.df)),
      numberCell(r.p, formatP(r.p), {"data-testid": `${testId}-p-${r.kind === "factor" || r.kind === "nonlinear" ? `${r.kind}-${r.factor}` : r.kind.replace(" ", "-")}`}),
      numberCell(r.reducedAic, formatNumber(r.reducedAic, 1))
    );
  }
  return wrapper;
}

/** How the equation is compared with a factor, and why (for the table and the sentence). */
export function comparisonReason(test: AddedValueTest | undefined): string {
  if (!test) return "DeLong's paired test of the two AUCs (the factor was not fitted to these patients)";
  return test.inModel
    ? "likelihood-ratio test: the equation contains the factor and was fitted to these patients, so DeLong's test of their AUCs is not valid"
    : "DeLong's paired test (the factor is not in the equation); likelihood-ratio test of adding it";
}

export function comparisonTable(
  markers: readonly {key: string; label: string}[],
  {addedValue, comparisons}: {addedValue: readonly AddedValueTest[]; comparisons: readonly ComparisonResult[]},
  {caption, testId = "roc-valid-tests"}: {caption: string; testId?: string}
): HTMLElement {
  const {wrapper, body} = tableFrame({caption, headers: ["Equation vs", "Valid test", "Statistic", "p", "DeLong p (for the record)"], testId});
  const lr = new Map(addedValue.map((a) => [a.marker, a]));
  const delong = new Map(comparisons.map((c) => [c.b, c]));
  for (const m of markers) {
    if (m.key === "model") continue;
    const a = lr.get(m.key);
    const d = delong.get(m.key);
    const tr = body.insertRow();
    tr.dataset.marker = m.key;
    const nested = a?.inModel === true;
    tr.append(
      rowHeader(m.label),
      cell("td", nested ? `LR test of the equation's other ${a!.df} term${a!.df === 1 ? "" : "s"}` : "DeLong's paired test of the AUCs"),
      nested ? numberCell(a!.statistic, `χ² = ${formatNumber(a!.statistic, 1)} on ${a!.df} df`) : numberCell(d?.z ?? null, `z = ${formatNumber(d?.z, 2)}`),
      numberCell(nested ? a!.p : d?.p ?? null, formatP(nested ? a!.p : d?.p), {"data-testid": `${testId}-p-${m.key}`}),
      numberCell(d?.p ?? null, nested ? `${formatP(d?.p)} (not valid here)` : "")
    );
  }
  return wrapper;
}

export function candidateSampleSizeTable(c: CandidateSampleSize, {names = {}, testId = "riley-candidates"}: {names?: Record<string, string>; testId?: string} = {}): HTMLElement {
  const {wrapper, body} = tableFrame({
    caption: `Candidate parameters counted for Riley et al.'s minimum: ${c.parameters} in all`,
    headers: ["Candidate", "Parameters", "Why"],
    testId
  });
  for (const k of c.candidates) {
    const tr = body.insertRow();
    tr.append(rowHeader(names[k.name] ?? k.name), cell("td", String(k.parameters)), cell("td", k.reason));
  }
  return wrapper;
}
