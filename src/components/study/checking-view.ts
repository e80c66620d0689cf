/**
 * The Checking page's parts (src/checking.md keeps prose, inputs and layout): the abstract's checks summarised,
 * which test reproduces the published P-values, the age AUC against the binormal expectation, the fidelity of the
 * site's cohort, and what the published figures force across the ensemble of reconstructions. Each takes plain
 * values (the build's JSON members, the engine's checks) and returns an element or text.
 *
 * @example checkSummary(checks, verdicts) // <p data-testid="check-summary">Of the 40 published figures …</p>
 */
import {html} from "htl";
import type {AbstractCheck, FigureVerdict} from "../stats/abstract-check.js";
import {normalCdf} from "../stats/distributions.js";
import {formatNumber, formatPercent} from "../format.js";
import {formatSignificant} from "../tables/fidelityTable.js";
import type {EnsembleReport} from "./ensemble.js";
import type {Published} from "./study.js";

/** An Inputs toggle with a data-testid on its checkbox (for the browser tests). */
export function withTestId<T extends HTMLElement>(input: T, testId: string): T {
  input.querySelector("input")?.setAttribute("data-testid", testId);
  return input;
}

/** Which standard test reproduces how many of the published P-values (among the figures that print a P). */
export function reproducedByMethod(checks: readonly AbstractCheck[]): {method: string; reproduced: number; tried: number}[] {
  const rows = new Map<string, {method: string; reproduced: number; tried: number}>();
  for (const c of checks) {
    if (c.publishedValue == null || !/\.p\./.test(c.id)) continue;
    const r = rows.get(c.method) ?? {method: c.method, reproduced: 0, tried: 0};
    r.tried += 1;
    if (c.consistent) r.reproduced += 1;
    rows.set(c.method, r);
  }
  return [...rows.values()];
}

export function checkSummary(checks: readonly AbstractCheck[], verdicts: readonly FigureVerdict[]): HTMLElement {
  const flagged = verdicts.filter((v) => !v.consistent);
  const failing = checks.filter((c) => !c.consistent);
  return html`<div><p data-testid="check-summary" aria-live="polite">Of the <span data-testid="check-figure-count">${verdicts.length}</span>
published figures that other published figures determine, <strong data-testid="check-flagged-count">${flagged.length}</strong>
${flagged.length === 1 ? "does" : "do"} not follow from the rest by any standard method${flagged.length ? ":" : "."}
${checks.length} checks were run in all (several tests per P-value); ${failing.length} of them do not reproduce their figure.</p>
${flagged.length
  ? html`<ul data-testid="check-flagged">${flagged.map((v) => html`<li data-figure=${v.figureId}><strong>${v.figure}</strong>, printed ${v.published}: not reproduced by ${v.notReproducedBy.join("; ")}.</li>`)}</ul>`
  : html`<p data-testid="check-flagged">Every figure follows from the others.</p>`}</div>`;
}

export function methodsTable(checks: readonly AbstractCheck[]): HTMLElement {
  const byMethod = reproducedByMethod(checks);
  return html`<div class="table-scroll" role="region" aria-label="Which test reproduces the published P-values, scrollable" tabindex="0"><table class="stats" data-testid="check-methods">
  <caption>How many published P-values each test reproduces from the published summary figures</caption>
  <thead><tr><th scope="col">Test</th><th scope="col">Reproduces</th></tr></thead>
  <tbody>${byMethod.map((m) => html`<tr data-method=${m.method}><th scope="row" style="white-space: normal">${m.method}</th>
    <td><span class=${m.reproduced === m.tried ? "match" : "mismatch"}>${m.reproduced === m.tried ? "✓" : "✗"}</span> ${m.reproduced} of ${m.tried}</td></tr>`)}</tbody>
</table></div>`;
}

export function methodsVerdict(checks: readonly AbstractCheck[], published: Published): HTMLElement {
  const full = reproducedByMethod(checks).filter((m) => m.reproduced === m.tried).map((m) => m.method);
  const shortMethod = (m: string) => m.replace(/,? from .*$/, "");
  return html`<p data-testid="check-methods-verdict">${full.length
    ? html`Only ${full.map((m, i) => html`${i ? (i === full.length - 1 ? " and " : ", ") : ""}<em>${shortMethod(m)}</em>`)} reproduce${full.length === 1 ? "s" : ""} every published P it was tried on, so these are the tests the abstract's P-values are consistent with. They are legitimate choices; with ${published.groups.asd.n} patients in the smaller group and some expected counts near 5 (see the arithmetic below), Welch's t and Fisher's exact test are the more cautious ones, and where they differ they give larger P-values.`
    : "No single test reproduces every published P-value."}</p>`;
}

/** The age AUC against its binormal expectation, when the check flags it. */
export function ageAucNote(checks: readonly AbstractCheck[], source: {kind: string}): HTMLElement {
  const age = checks.find((c) => c.id === "auc.age");
  if (!age || age.consistent || !age.range) return html`<p data-testid="check-age-auc"></p>`;
  return html`<p data-testid="check-age-auc">For age, the published means and SDs imply a binormal AUC of
<strong>${formatNumber(age.recomputed, 3)}</strong> (${formatNumber(age.range[0], 3)} to ${formatNumber(age.range[1], 3)}
over their rounding) against the published ${age.published}. An AUC that high needs the ages to be far from normal in
at least one group — a long tail of older patients with ASD, say — or a different set of patients than the one the
means describe.${source.kind === "synthetic" ? html` It is why the reconstruction had to give age a non-normal shape (see <a href="#what-the-published-figures-force">what the published figures force</a>).` : ""}</p>`;
}

interface FidelityJson {
  summary: {matched: number; total: number; missed: number};
  optimiser: {generationSeconds?: number | null} | null;
  unmet: {id: string; figure: string; published: string; reconstructed: number; distance: number; distanceUnit: string; reason: string}[];
  summaryCheck: {variable: string; published: string; fromPublishedSummary: number; matches: boolean}[];
}

export function fidelitySummary(fidelity: FidelityJson, source: {kind: string; seed: number | null; rows: number; reason?: string}): HTMLElement {
  return source.kind === "synthetic"
    ? html`<p data-testid="fidelity-summary">The site computes on a <strong>synthetic reconstruction</strong> (seed ${source.seed}) of the
    study's ${source.rows} patients, generated to reproduce the abstract. Every published figure below is recomputed by the same engine
    that the rest of the site uses, from the reconstructed patients, and compared at the precision it was printed:
    <strong data-testid="fidelity-matched-count">${fidelity.summary.matched}</strong> of ${fidelity.summary.total} print exactly as published${fidelity.summary.missed ? html`; <strong class="mismatch">${fidelity.summary.missed}</strong> do not (highlighted)` : ""}.
    ${fidelity.optimiser?.generationSeconds ? `The generator took ${formatNumber(fidelity.optimiser.generationSeconds, 1)} s.` : ""}</p>`
    : html`<p data-testid="fidelity-summary">The site computes on <strong>real data</strong> (${source.reason}). Below, each published figure
    is recomputed from those ${source.rows} patients: <strong data-testid="fidelity-matched-count">${fidelity.summary.matched}</strong> of
    ${fidelity.summary.total} print as published.</p>`;
}

export function unmetList(fidelity: FidelityJson): HTMLElement {
  return fidelity.unmet.length
    ? html`<div data-testid="fidelity-unmet"><h3>Figures not reached, and why</h3><ul>${fidelity.unmet.map((u) => html`<li data-id=${u.id}><strong>${u.figure}</strong>
      (published ${u.published}, reached ${formatSignificant(u.reconstructed, 4)}; ${formatNumber(u.distance, 2)} ${u.distanceUnit} away): ${u.reason}</li>`)}</ul></div>`
    : html`<p data-testid="fidelity-unmet">No published figure is left unmatched.</p>`;
}

export function summaryCheckNote(fidelity: FidelityJson, published: Published): HTMLElement {
  const rows = fidelity.summaryCheck;
  const labelOf = (name: string) => [...published.continuous, ...published.binary].find((v) => v.name === name)?.label ?? name;
  return html`<p>The univariate tests the fidelity report uses were chosen by the check above: recomputed from the abstract's
own summary figures, ${rows.filter((r) => r.matches).length} of ${rows.length} published univariate P-values
are reproduced by Student's t (pooled variance) and Pearson's chi-square without continuity correction
(${rows.map((r) => `${labelOf(r.variable)} ${r.published}: ${formatSignificant(r.fromPublishedSummary, 3)}`).join("; ")}).</p>`;
}

/** The search's result in words: the least concentrated age distribution the generator found, beside the site's. */
export function forcedShapeNote(report: EnsembleReport): HTMLElement {
  const forced = report.forced[0]!;
  const row = report.shapeRows.find((r) => r.column === forced.column)!;
  const site = row.site?.asd;
  const e = row.ensemble.asd;
  const smallestFailed = forced.scan.filter((s) => s.found.length === 0).map((s) => s.maxCount).filter((c) => c < forced.least.maxCount);
  return html`<p data-testid="ensemble-forced">${site ? html`On the site's cohort, <strong>${Math.round(site.windowShare * forced.n)} of the ${forced.n}</strong> patients with ASD
  (${formatPercent(site.windowShare, 0)}) are aged within one ${forced.width}-year window (${formatNumber(site.windowFrom, 0)}–${formatNumber(site.windowFrom + forced.width, 0)}). ` : ""}The published
  figures do not force that much: the generator met every published figure of age with at most
  <strong data-testid="ensemble-forced-least">${forced.least.maxCount} of ${forced.n}</strong> (${formatPercent(forced.least.share, 0)}) in any such window${smallestFailed.length
    ? html`, and with ${Math.max(...smallestFailed)} or fewer it found none on any of the ${forced.scan[0]!.tried.length} seeds tried`
    : ""}. That is the least concentrated distribution found; a normal distribution with the ASD group's published SD would put about
  ${formatPercent(normalWindowShare(forced.width, publishedSd(report, forced.column)), 0)} in its densest ${forced.width}-year window. Across the ${report.k} reconstructions the share ranges from
  ${formatPercent(e.windowShare.min, 0)} to ${formatPercent(e.windowShare.max, 0)}, and the ASD group's skewness from ${formatNumber(e.skewness.min, 2)} to ${formatNumber(e.skewness.max, 2)}.</p>`;
}

function publishedSd(report: EnsembleReport, column: string): number {
  return report.shapeRows.find((r) => r.column === column)!.asdPublishedSd;
}

/** Share of a normal distribution within its central window of `width`: 2Φ(width / (2σ)) − 1. */
export function normalWindowShare(width: number, sd: number): number {
  return 2 * normalCdf(width / (2 * sd)) - 1;
}

/** The ensemble's verdicts counted, in words. */
export function verdictTally(report: EnsembleReport): HTMLElement {
  const t = report.tally;
  const forced = t["holds in all"] + t["fails in all"];
  return html`<p data-testid="ensemble-tally">Of the <strong>${report.figures.length}</strong> figures the site derives and the abstract does not print,
  <strong data-testid="ensemble-forced-count">${forced}</strong> give the same conclusion on every one of the ${report.k} reconstructions
  (${t["holds in all"]} hold in all, ${t["fails in all"]} fail in all), ${t["holds in most"] + t["fails in most"]} give it on most, and
  <strong data-testid="ensemble-depends-count">${t["depends on the reconstruction"]}</strong> depend on which reconstruction the site shows.</p>`;
}

/** The page's downloads (hrefs from the page's FileAttachments). */
export function checkDownloads(href: {checks: string; checksCsv: string; fidelityCsv: string; ensembleCsv: string}): HTMLElement {
  return html`<p data-testid="check-downloads">Downloads:
  <a href=${href.checks} download="abstract-checks.json">every check as JSON</a>,
  <a href=${href.checksCsv} download="abstract-checks.csv">the checks as CSV</a>,
  <a href=${href.fidelityCsv} download="fidelity.csv">the fidelity table as CSV</a>,
  <a href=${href.ensembleCsv} download="ensemble.csv">the ensemble's verdicts as CSV</a>.</p>`;
}
