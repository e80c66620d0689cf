/**
 * The note at the top of the study pages that says which cohort the numbers come from: the synthetic
 * reconstruction (with how closely it reproduces the abstract), or real data (with the data check's notes).
 *
 * Example: cohortBanner(study.doc.source, fidelity)
 */
import {html} from "htl";
import type {CohortSource} from "../cohort/source.js";

export interface FidelitySummaryLike {
  summary: {matched: number; total: number; missed: number};
}

export function cohortBanner(source: CohortSource, fidelity: FidelitySummaryLike | null = null): HTMLElement {
  if (source.kind === "synthetic") {
    const s = fidelity?.summary;
    return html`<div class="synthetic-banner" data-testid="cohort-source" role="note">
      <strong>These are synthetic patients.</strong> The study's patient-level data are not public; only its abstract is.
      The ${source.rows} patients here (${source.events} with ASD, ${source.nonEvents} without) are a
      <em>reconstruction</em>: a seeded generator (seed ${source.seed}) built a cohort whose analysis reproduces the abstract's published figures${s ? html` —
      <span data-testid="fidelity-matched">${s.matched}</span> of ${s.total} of them at the precision they were printed${s.missed ? ` (${s.missed === 1 ? "the one figure not matched is" : `the ${s.missed} not matched are`} listed, with how far it misses, on the data page)` : ""}` : ""}.
      Every result on this site is computed from it, so it shows what the published figures imply and whether they hang together — not new
      facts about real patients. See <a href="./data.html">how it was made and how close it comes</a>, and
      <a href="./checking.html">what the abstract's own figures say</a>. With the real data, the whole site recomputes from them:
      <a href="./your-data.html">use your own cohort</a>.
    </div>`;
  }
  const publication = source.publication;
  const published =
    publication?.mode === "private"
      ? html`<strong>No patient's record is published with this site</strong>: the pages show fitted models and aggregate counts, with every
        count of patients in a histogram or table cell at least ${publication.minCell} (or merged with its neighbour until it is). The
        patients' rows stay with the author.`
      : publication?.mode === "open"
        ? html`<strong>Every patient's record is published with this site</strong> (the author chose to: PKP_PUBLISH_ROWS=1), on the data page.`
        : "";
  return html`<div class="synthetic-banner" data-testid="cohort-source" role="note">
      <strong>Real data${publication?.mode === "private" ? ", private" : ""}.</strong> This build computes from ${source.rows} patients (${source.events} with ASD) — ${source.reason}.
      ${published}
      ${source.warnings.length ? `Notes from the data check: ${source.warnings.join("; ")}.` : ""}
    </div>`;
}
