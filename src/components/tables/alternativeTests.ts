/**
 * The same Table 1 comparisons by the other tests a reviewer may prefer (Welch's t and the Wilcoxon rank-sum test
 * for measurements; Yates' correction and Fisher's exact test, or Pearson's χ², for yes/no factors), beside the
 * test the table uses.
 *
 * Example: alternativeTestsTable(studyTable1(analysis, published))
 */
import {html} from "htl";
import {formatP} from "../format.js";
import type {StudyTable1Row} from "../study/table1.js";
import {ensureTableStyle} from "./style.js";

export function alternativeTestsTable(rows: readonly StudyTable1Row[]): HTMLElement {
  ensureTableStyle();
  const width = Math.max(...rows.map((r) => r.alternatives.length));
  return html`<div class="table-scroll" role="region" aria-label="Alternative tests, scrollable" tabindex="0"><table class="stats" data-testid="table1-alternatives">
  <caption>The same comparisons by other tests (this cohort)</caption>
  <thead><tr><th scope="col">Variable</th><th scope="col">Test in Table 1</th><th scope="col">p</th>${Array.from({length: width}, (_, i) => html`<th scope="col">Alternative ${i + 1}</th><th scope="col">p</th>`)}</tr></thead>
  <tbody>${rows.map((r) => html`<tr>
    <th scope="row">${r.label}</th><td>${r.reproduced.test}</td><td>${formatP(r.reproduced.p)}</td>
    ${r.alternatives.map((a) => html`<td>${a.test}</td><td>${formatP(a.p)}</td>`)}
  </tr>`)}</tbody>
</table></div>`;
}
