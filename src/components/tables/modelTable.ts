/**
 * The fitted logistic model as a table: per term the coefficient β (log-odds per unit), its SE, Wald z, the
 * odds ratio with 95% Wald CI and p — and, where the abstract published the term, its OR and p beside them.
 * Each row carries data-term="<column name>" so tests can read a term's numbers.
 *
 * Example: modelTable([{term: "age", estimate: 0.18, se: 0.07, z: 2.6, p: 0.01, oddsRatio: 1.2, ciLower: 1.04, ciUpper: 1.38}], {labels: {age: "Age (years)"}})
 */
import {formatEstimateCi, formatNumber, formatP} from "../format.js";
import {formatPublishedP, pMatches} from "./table1.js";
import type {PublishedP as PublishedPValue} from "../stats/abstract-check.js";
import {printsAs} from "../stats/printed.js";
import {rowHeader, tableFrame} from "./frame.js";
import type {ModelTerm} from "../pipeline/model.js";

/** One term of a fitted model: the analysis document's own record. */
export type ModelTermRow = ModelTerm;

export interface PublishedTerm {
  or: number;
  orDecimals?: number;
  p: PublishedPValue;
}

export interface ModelTableOptions {
  labels?: Record<string, string>;
  published?: Record<string, PublishedTerm>;
  caption?: string;
  /** data-testid of the table; default "model-terms". */
  testId?: string;
}

export function modelTable(terms: readonly ModelTermRow[], {labels = {}, published = {}, caption, testId = "model-terms"}: ModelTableOptions = {}): HTMLElement {
  const {wrapper, body} = tableFrame({
    caption: caption ?? "Multivariable logistic regression (maximum likelihood), Wald 95% CIs",
    headers: ["Term", "β", "SE", "z", "OR (95% CI)", "p", "Published OR", "Published p"],
    testId,
    className: "model-table",
    regionLabel: "Model coefficients"
  });
  for (const t of terms) {
    const tr = body.insertRow();
    tr.setAttribute("data-term", t.term);
    tr.append(rowHeader(labels[t.term] ?? t.term));
    const intercept = t.term === "(Intercept)";
    const pub = published[t.term];
    // data-value carries the full-precision number behind each formatted cell (for tests and for copying).
    const values: [string, string, number | null][] = [
      ["estimate", formatNumber(t.estimate, 4), t.estimate],
      ["se", formatNumber(t.se, 4), t.se],
      ["z", formatNumber(t.z, 2), t.z],
      ["or", intercept ? "—" : formatEstimateCi(t.oddsRatio, t.ciLower, t.ciUpper, 3), t.oddsRatio],
      ["p", formatP(t.p), t.p],
      ["published-or", pub ? pub.or.toFixed(pub.orDecimals ?? 3) : "", pub ? pub.or : null],
      ["published-p", pub ? formatPublishedP(pub.p) : "", pub ? pub.p.value : null]
    ];
    for (const [field, text, value] of values) {
      const td = document.createElement("td");
      td.textContent = text;
      td.setAttribute("data-field", field);
      if (value != null) td.setAttribute("data-value", String(value));
      if (pub && field === "published-or") mark(td, printsAs(t.oddsRatio ?? NaN, {value: pub.or, decimals: pub.orDecimals ?? 3}).matches);
      if (pub && field === "published-p") mark(td, pMatches(t.p, pub.p));
      tr.append(td);
    }
  }
  return wrapper;
}

function mark(td: HTMLElement, ok: boolean) {
  const span = document.createElement("span");
  span.className = ok ? "match" : "mismatch";
  span.textContent = ok ? " ✓" : " ✗";
  span.title = ok ? "the reproduced value rounds to the published one" : "the reproduced value differs from the published one";
  td.append(span);
}
