/**
 * Tables of the whole-procedure bootstrap: the corrected indices beside the fixed-predictor bootstrap's (each
 * procedure figure at the decimals its Monte-Carlo SE supports, with the MCSE and Noma et al.'s 95% interval), the
 * selection stability per candidate and the distribution of model size, and the Hosmer–Lemeshow groups' expected
 * counts (flagged below 1). Full-precision values in data-value.
 *
 * Example: procedureComparisonTable(fixed, procedure, {caption: "…"})
 */
import {html} from "htl";
import {formatNumber, formatPercent} from "../format.js";
import {formatMc, formatMcInterval, formatMcse} from "../mc-format.js";
import type {BootstrapValidation, CalibrationGroup} from "../pipeline/validation.js";
import type {ProcedureBootstrapValidation, SelectionStability} from "../pipeline/procedure-validation.js";
import {ensureTableStyle} from "./style.js";

/** The indices given an interval: discrimination, calibration slope and overall accuracy. */
export const INTERVAL_INDICES: readonly string[] = ["auc", "slope", "brier"];

export function procedureComparisonTable(fixed: BootstrapValidation | null, proc: ProcedureBootstrapValidation, {caption}: {caption: Node | string}): HTMLElement {
  ensureTableStyle();
  const fixedRow = (index: string) => fixed?.indices.find((r) => r.index === index) ?? null;
  return html`<div class="table-scroll" role="region" aria-label="Whole-procedure bootstrap, scrollable" tabindex="0"><table class="stats" data-testid="validation-procedure">
  <caption>${caption}</caption>
  <thead><tr><th scope="col">Index</th><th scope="col">Apparent</th><th scope="col">Corrected, predictors fixed</th><th scope="col">Corrected, whole procedure</th><th scope="col">Monte-Carlo SE</th><th scope="col">95% interval (Noma et al.)</th></tr></thead>
  <tbody>${proc.indices.map((r) => {
    const f = fixedRow(r.index);
    const interval = !INTERVAL_INDICES.includes(r.index) ? "" : r.interval.degenerate ? "none (no width)" : formatMcInterval(r.interval.lower, r.interval.upper, r.mcse);
    return html`<tr data-index=${r.index}><th scope="row">${r.label}</th>
    <td data-value=${r.apparent}>${formatNumber(r.apparent, r.index === "brier" ? 4 : 3)}</td>
    <td data-value=${f?.corrected ?? NaN}>${f ? formatNumber(f.corrected, r.index === "brier" ? 4 : 3) : "—"}</td>
    <td data-value=${r.corrected} data-testid=${`validation-procedure-corrected-${r.index}`}><strong>${formatMc(r.corrected, r.mcse)}</strong></td>
    <td data-value=${r.mcse}>${formatMcse(r.mcse)}</td>
    <td data-lower=${r.interval.lower} data-upper=${r.interval.upper} data-testid=${`validation-procedure-interval-${r.index}`}>${interval}</td></tr>`;
  })}</tbody>
</table></div>`;
}

export function selectionTable(s: SelectionStability, {label}: {label: (name: string) => string}): HTMLElement {
  ensureTableStyle();
  const original = new Set(s.originalSet);
  return html`<div class="table-scroll" role="region" aria-label="Selection stability, scrollable" tabindex="0"><table class="stats" data-testid="validation-selection">
  <caption>How often the procedure, re-run in ${s.replicates} resamples, selected each candidate</caption>
  <thead><tr><th scope="col">Candidate</th><th scope="col">In the original model</th><th scope="col">Selected in</th><th scope="col">Share</th></tr></thead>
  <tbody>${s.candidates.map((c) => html`<tr data-candidate=${c.name}><th scope="row">${label(c.name)}</th><td>${original.has(c.name) ? "yes" : "no"}</td>
    <td>${c.count} of ${s.replicates}</td><td data-value=${c.frequency}>${formatPercent(c.frequency, 0)}</td></tr>`)}
  <tr data-testid="validation-selection-exact"><th scope="row">Exactly the original model's ${s.originalSet.length}</th><td></td>
    <td>${s.originalSetCount} of ${s.replicates}</td><td data-value=${s.originalSetFrequency}><strong>${formatPercent(s.originalSetFrequency, 0)}</strong></td></tr></tbody>
</table></div>`;
}

export function modelSizeTable(s: SelectionStability): HTMLElement {
  ensureTableStyle();
  const rows = s.modelSize.filter((m) => m.count > 0);
  return html`<div class="table-scroll" role="region" aria-label="Model size, scrollable" tabindex="0"><table class="stats" data-testid="validation-model-size">
  <caption>Number of predictors the procedure ended with, over ${s.replicates} resamples (the original model: ${s.originalSet.length})</caption>
  <thead><tr>${rows.map((m) => html`<th scope="col">${m.size}</th>`)}</tr></thead>
  <tbody><tr>${rows.map((m) => html`<td data-value=${m.frequency}>${m.count} (${formatPercent(m.frequency, 0)})</td>`)}</tr></tbody>
</table></div>`;
}

export function expectedCountsTable(groups: readonly CalibrationGroup[]): HTMLElement {
  ensureTableStyle();
  return html`<div class="table-scroll" role="region" aria-label="Hosmer–Lemeshow groups, scrollable" tabindex="0"><table class="stats" data-testid="validation-hl-groups-table">
  <caption>Hosmer–Lemeshow risk groups: patients, observed and expected events (expected below 1 in red)</caption>
  <thead><tr><th scope="col">Group</th><th scope="col">Predicted risk</th><th scope="col">Patients</th><th scope="col">Observed events</th><th scope="col">Expected events</th></tr></thead>
  <tbody>${groups.map((g) => html`<tr><th scope="row">${g.group}</th><td>${formatPercent(g.lower, 1)}–${formatPercent(g.upper, 1)}</td><td>${g.n}</td><td>${g.events}</td>
    <td data-value=${g.expected} class=${g.expected < 1 ? "mismatch" : ""}>${formatNumber(g.expected, 2)}</td></tr>`)}</tbody>
</table></div>`;
}
