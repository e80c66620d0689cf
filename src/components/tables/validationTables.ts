/**
 * The Validation page's tables: Riley et al.'s minimum sample size under two anticipated R² (the model's apparent
 * one and Riley's default), and Harrell's bootstrap — one row per index the bootstrap computes (INDEX_INFO's
 * order and labels: a new index appears here with no change), apparent, optimism and corrected, each with its
 * full-precision value in data-value.
 *
 * Example: bootstrapTable(model.validation.bootstrap, {caption: "…"})
 */
import {html} from "htl";
import {formatNumber, formatPercent} from "../format.js";
import type {BootstrapValidation, SampleSizeSummary} from "../pipeline/validation.js";
import {ensureTableStyle} from "./style.js";

/** Decimals an index is shown with: Brier scores are small, so four. */
const decimalsOf = (index: string) => (index === "brier" ? 4 : 3);

export function bootstrapTable(b: BootstrapValidation, {caption}: {caption: Node | string}): HTMLElement {
  ensureTableStyle();
  return html`<div class="table-scroll" role="region" aria-label="Bootstrap validation, scrollable" tabindex="0"><table class="stats" data-testid="validation-bootstrap">
  <caption>${caption}</caption>
  <thead><tr><th scope="col">Index</th><th scope="col">Apparent</th><th scope="col">Optimism</th><th scope="col">Corrected</th></tr></thead>
  <tbody>${b.indices.map((r) => html`<tr data-index=${r.index}><th scope="row">${r.label}</th>
    <td data-field="apparent" data-value=${r.apparent}>${formatNumber(r.apparent, decimalsOf(r.index))}</td>
    <td data-field="optimism" data-value=${r.optimism}>${formatNumber(r.optimism, decimalsOf(r.index))}</td>
    <td data-field="corrected" data-value=${r.corrected} data-testid=${`validation-corrected-${r.index}`}>${formatNumber(r.corrected, decimalsOf(r.index))}</td></tr>`)}</tbody>
</table></div>`;
}

export function rileyTable(s: SampleSizeSummary, {n, prevalence}: {n: number; prevalence: number}): HTMLElement {
  ensureTableStyle();
  const rows = [s.riley.fromModel, s.riley.conservative].filter((r) => r !== null);
  return html`<div class="table-scroll" role="region" aria-label="Riley minimum sample size, scrollable" tabindex="0"><table class="stats" data-testid="validation-riley">
  <caption>Minimum sample size for ${s.parameters} predictor parameters at prevalence ${formatPercent(prevalence)} (Riley et al. 2020)</caption>
  <thead><tr><th scope="col">Anticipated R²cs</th><th scope="col">(i) shrinkage ≥ 0.9</th><th scope="col">(ii) R² optimism ≤ 0.05</th><th scope="col">(iii) risk ± 0.05</th><th scope="col">Minimum n</th><th scope="col">Events needed</th><th scope="col">This cohort</th></tr></thead>
  <tbody>${rows.map((r) => {
    const basis = r === s.riley.fromModel ? "model" : "conservative";
    return html`<tr data-basis=${basis}>
    <th scope="row" style="white-space: normal; min-width: 14rem">${formatNumber(r.rSquaredCS, 3)}: ${r.basis}</th>
    ${r.criteria.map((c) => html`<td>${c.n}</td>`)}
    <td><strong data-testid=${`validation-riley-min-${basis}`}>${r.minimum}</strong></td>
    <td>${formatNumber(r.minimum * r.prevalence, 0)}</td>
    <td><span class=${n >= r.minimum ? "match" : "mismatch"}>${n >= r.minimum ? "✓" : "✗"} ${n}</span></td></tr>`;
  })}</tbody>
</table></div>`;
}
