/**
 * The ROC explorer's tables: each marker's AUC with its 95% DeLong CI beside the abstract's figure, with DeLong's
 * paired test of the prediction equation against it; and the measures at the reader's threshold (sensitivity,
 * specificity, predictive values with Wilson 95% CIs, likelihood ratios, Youden's J). Every number cell carries its
 * full-precision value in data-value.
 *
 * Example: rocAucTable(study.markers, study.doc.analysis.comparisons)
 */
import {html} from "htl";
import {formatNumber, formatP, formatPercent} from "../format.js";
import {printsAs, formatPrinted} from "../stats/printed.js";
import type {ComparisonResult} from "../pipeline/discrimination.js";
import type {ConfusionAt} from "../stats/roc.js";
import type {MarkerSummary} from "../study/view.js";
import {verdictMark} from "./verdict.js";
import {ensureTableStyle} from "./style.js";

export function rocAucTable(markers: readonly MarkerSummary[], comparisons: readonly ComparisonResult[]): HTMLElement {
  ensureTableStyle();
  const byKey = new Map(comparisons.map((c) => [c.b, c]));
  return html`<div class="table-scroll" role="region" aria-label="AUC table, scrollable" tabindex="0">
<table class="stats" data-testid="roc-auc-table">
  <caption>AUC of each marker: reproduced with 95% DeLong CI beside the abstract's figure, and DeLong's paired test of the prediction equation against each single factor.</caption>
  <thead><tr><th scope="col">Marker</th><th scope="col">Direction</th><th scope="col">AUC (95% CI), reproduced</th><th scope="col">AUC, published</th><th scope="col">Equation − factor</th><th scope="col">DeLong z</th><th scope="col">p</th></tr></thead>
  <tbody>${markers.map((r) => {
    const c = byKey.get(r.key);
    const pub = r.publishedAuc == null ? null : {value: r.publishedAuc, decimals: r.publishedDecimals};
    return html`<tr data-marker=${r.key}>
      <th scope="row">${r.label}</th>
      <td>${r.key === "model" ? "higher risk → ASD" : r.direction === "<" ? "higher → ASD" : "lower → ASD"}</td>
      <td data-testid=${`roc-auc-${r.key}`} data-value=${r.auc}>${formatNumber(r.auc, 3)} (${formatNumber(r.ciLower, 3)}–${formatNumber(r.ciUpper, 3)})</td>
      <td>${pub ? formatPrinted(pub) : "—"}${pub ? verdictMark(printsAs(r.auc, pub).matches) : ""}</td>
      <td>${c ? formatNumber(c.difference, 3) : ""}</td>
      <td>${c ? formatNumber(c.z, 2) : ""}</td>
      <td data-testid=${c ? `roc-delong-p-${r.key}` : "roc-delong-p-none"}>${c ? formatP(c.p) : ""}</td>
    </tr>`;
  })}</tbody>
</table></div>`;
}

/** A Wilson interval, or "—" when it has none (no patient on that side of the threshold). */
const ci = ([a, b]: [number, number]) => (Number.isFinite(a) && Number.isFinite(b) ? `${formatPercent(a)}–${formatPercent(b)}` : "—");
/** A likelihood ratio: its value, or what it is when it has none (x/0 is ∞; 0/0 has no value: "n/a (0/0)"). */
export const formatLikelihoodRatio = (x: number) => (Number.isFinite(x) ? formatNumber(x, 2) : Number.isNaN(x) ? "n/a (0/0)" : "∞");

export function thresholdMeasuresTable(cm: ConfusionAt, {caption}: {caption: Node | string}): HTMLElement {
  ensureTableStyle();
  return html`<div class="table-scroll" role="region" aria-label="Measures at the threshold, scrollable" tabindex="0">
<table class="stats" data-testid="roc-measures">
  <caption>${caption}</caption>
  <thead><tr><th scope="col">Measure</th><th scope="col">Value</th><th scope="col">95% CI (Wilson)</th></tr></thead>
  <tbody>
    <tr><th scope="row">Sensitivity</th><td data-testid="roc-sensitivity" data-value=${cm.sensitivity}>${formatPercent(cm.sensitivity)}</td><td data-testid="roc-sensitivity-ci">${ci(cm.sensitivityCi)}</td></tr>
    <tr><th scope="row">Specificity</th><td data-testid="roc-specificity" data-value=${cm.specificity}>${formatPercent(cm.specificity)}</td><td data-testid="roc-specificity-ci">${ci(cm.specificityCi)}</td></tr>
    <tr><th scope="row">Positive predictive value</th><td data-testid="roc-ppv" data-value=${cm.ppv}>${formatPercent(cm.ppv)}</td><td>${Number.isNaN(cm.ppv) ? "nobody flagged" : ci(cm.ppvCi)}</td></tr>
    <tr><th scope="row">Negative predictive value</th><td data-testid="roc-npv" data-value=${cm.npv}>${formatPercent(cm.npv)}</td><td>${Number.isNaN(cm.npv) ? "nobody left unflagged" : ci(cm.npvCi)}</td></tr>
    <tr><th scope="row">Likelihood ratio +</th><td data-testid="roc-lr-positive" data-value=${cm.lrPositive}>${formatLikelihoodRatio(cm.lrPositive)}</td><td></td></tr>
    <tr><th scope="row">Likelihood ratio −</th><td data-testid="roc-lr-negative" data-value=${cm.lrNegative}>${formatLikelihoodRatio(cm.lrNegative)}</td><td></td></tr>
    <tr><th scope="row">Youden's J</th><td data-testid="roc-youden-j" data-value=${cm.youdenJ}>${formatNumber(cm.youdenJ, 3)}</td><td></td></tr>
  </tbody>
</table>
</div>`;
}
