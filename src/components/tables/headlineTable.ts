/**
 * The Overview's headline table: the abstract's headline figures (patients with ASD, the multivariable ORs, the
 * AUCs) beside the ones the study document computes, with a mark where the recomputed figure prints as published
 * (../stats/printed.ts).
 *
 * Example: headlineTable(study, published)
 */
import {html} from "htl";
import {formatNumber, formatP, formatPercent} from "../format.js";
import {formatPrinted, printsAs} from "../stats/printed.js";
import {publishedColumn, termLabel, type Published} from "../study/study.js";
import type {StudyView} from "../study/view.js";
import {verdictMark} from "./verdict.js";
import {ensureTableStyle} from "./style.js";

const pText = (p: number | null) => (formatP(p).startsWith("<") ? `p ${formatP(p)}` : `p = ${formatP(p)}`);

export function headlineTable(study: StudyView, published: Published): HTMLElement {
  ensureTableStyle();
  const a = study.doc.analysis;
  const full = study.doc.models.multivariable.model;
  const rows = [
    html`<tr><th scope="row">Patients with ASD</th><td>${published.groups.asd.n} of ${published.groups.total} (${published.groups.asd.pct}%)</td>
      <td data-testid="overview-events">${a.events} of ${a.n} (${formatPercent(a.events / a.n)})${verdictMark(a.events === published.groups.asd.n && a.n === published.groups.total)}</td></tr>`,
    ...published.multivariable.map((m) => {
      const key = publishedColumn(m.name);
      const t = full.terms.find((x) => x.term === key);
      return html`<tr><th scope="row">OR, ${termLabel(key)}</th><td>${formatPrinted({value: m.or, decimals: m.orDecimals ?? 3})}, p ${m.p.relation === "<" ? "<" : "="} ${formatPrinted({...m.p, relation: "="})}</td>
        <td data-testid=${`overview-or-${key}`}>${t ? html`${formatNumber(t.oddsRatio, 3)} (95% CI ${formatNumber(t.ciLower, 2)}–${formatNumber(t.ciUpper, 2)}), ${pText(t.p)}${verdictMark(printsAs(t.oddsRatio ?? NaN, {value: m.or, decimals: m.orDecimals ?? 3}).matches)}` : "not in the model"}</td></tr>`;
    }),
    ...published.auc.map((p) => {
      const key = publishedColumn(p.marker);
      const r = study.markers.find((x) => x.key === key);
      return html`<tr><th scope="row">AUC, ${key === "model" ? "prediction equation" : termLabel(key).replace(/ \(per .*\)$/, "")}</th><td>${formatPrinted({value: p.value, decimals: p.decimals ?? 3})}</td>
        <td data-testid=${`overview-auc-${key}`}>${r ? html`${formatNumber(r.auc, 3)} (95% CI ${formatNumber(r.ciLower, 3)}–${formatNumber(r.ciUpper, 3)})${verdictMark(printsAs(r.auc, {value: p.value, decimals: p.decimals ?? 3}).matches)}` : "—"}</td></tr>`;
    })
  ];
  return html`<div class="table-scroll" role="region" aria-label="Headline results, scrollable" tabindex="0"><table class="stats" data-testid="overview-headlines">
  <caption>The abstract's headline figures beside those recomputed from this site's cohort. ✓: prints as the published figure.</caption>
  <thead><tr><th scope="col">Figure</th><th scope="col">Published</th><th scope="col">Reproduced</th></tr></thead>
  <tbody>${rows}</tbody></table></div>`;
}
