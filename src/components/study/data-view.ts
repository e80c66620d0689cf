/**
 * The Data & reproducibility page's parts (src/data.md keeps prose and layout): which cohort and which publication
 * mode the build has, how the cohort was reconstructed, the dictionary's observed ranges, a preview of the rows, the
 * downloads, the steps to use real data, and the ensemble of reconstructions. Each takes plain values (the build's
 * JSON members) and returns an element.
 *
 * @example buildMode({kind: "synthetic", mode: "open"}).text // "synthetic reconstruction, open: …"
 */
import {max, min} from "d3";
import {html} from "htl";
import {COHORT_SCHEMA, type CohortRow} from "../cohort/schema.js";
import {COHORT_ENV_VAR, DEFAULT_REAL_COHORT_PATH} from "../cohort/source.js";
import {formatNumber} from "../format.js";
import type {EnsembleReport} from "./ensemble.js";

interface SourceJson {
  kind: "synthetic" | "real";
  mode?: "open" | "private";
  rows: number;
  events: number;
  nonEvents: number;
  seed: number | null;
  reason?: string;
  warnings: string[];
  minCell?: number;
}

/** The build's publication mode in one plain phrase: synthetic (open), real and private, or real and published. */
export function buildMode(source: Pick<SourceJson, "kind" | "mode" | "minCell">): {key: "synthetic-open" | "real-private" | "real-published"; text: string} {
  if (source.kind === "synthetic") return {key: "synthetic-open", text: "synthetic reconstruction, open: every (synthetic) patient's row is published with the site"};
  if (source.mode === "private") return {key: "real-private", text: `real data, private: no patient's record is published, only aggregates — fitted models, histograms whose every cell holds at least ${source.minCell ?? 5} patients, and ROC curves drawn through round-number thresholds between which every step moves either none or at least ${source.minCell ?? 5} patients with ASD, and either none or at least ${source.minCell ?? 5} without (the AUCs and tests are computed from every patient), never two values of one patient together`};
  return {key: "real-published", text: "real data, published: the author chose to publish every patient's row with the site (open data)"};
}

export function buildModeNote(source: SourceJson): HTMLElement {
  const m = buildMode(source);
  return html`<p data-testid="data-build-mode" data-mode=${m.key}><strong>This build's mode:</strong> ${m.text}.</p>`;
}

export function cohortSourceNote(source: SourceJson, fidelity: {summary: {matched: number; total: number}; plausibility: {ok: boolean}[]}): HTMLElement {
  return source.kind === "synthetic"
    ? html`<div class="synthetic-banner" role="note" data-testid="data-cohort-source">
      <p><strong>A synthetic reconstruction</strong> of <span data-testid="data-cohort-rows">${source.rows}</span> patients
      (${source.events} with ASD, ${source.nonEvents} without). The study's patient-level data are not public, only its abstract. A seeded
      generator (seed <span data-testid="data-cohort-seed">${source.seed}</span>) built patients whose analysis reproduces the abstract's
      published figures — group sizes, means and SDs, counts, P-values, odds ratios and AUCs —
      <strong data-testid="data-fidelity-matched">${fidelity.summary.matched} of ${fidelity.summary.total}</strong> of them at the precision they were printed, while keeping the
      values clinically plausible: within the plausible ranges below, no value shared by more than a few patients of a group, no odd gaps
      (<span data-testid="data-plausibility">${fidelity.plausibility.filter((p) => p.ok).length} of ${fidelity.plausibility.length}</span> checks of variable and group pass).
      The figure-by-figure comparison is on <a href="./checking.html#fidelity">Checking the abstract</a>.</p>
      <p>The generator is deterministic: every build writes the same bytes. Results the abstract does not print (confidence intervals, calibration,
      the bootstrap) describe these synthetic patients and would change with the real ones; <a href="#how-much-the-conclusions-depend-on-the-reconstruction">the ensemble below</a>
      says which of them would change with another reconstruction.</p>
    </div>`
    : html`<div class="synthetic-banner" role="note" data-testid="data-cohort-source">
      <p><strong>Real data</strong>: <span data-testid="data-cohort-rows">${source.rows}</span> patients (${source.events} with ASD) — ${source.reason}.</p>
      ${source.warnings.length ? html`<p>Notes from the data check: ${source.warnings.join("; ")}.</p>` : ""}
    </div>`;
}

interface OptimiserJson {
  seed: number;
  marginals: {column: string; objective: number; iterations: number}[];
  dependence: {iterations: number; accepted: number};
  dependenceRuns: number;
  converged: boolean;
  generationSeconds?: number | null;
}

export function reconstructionMethod(opt: OptimiserJson | null): HTMLElement {
  const labelOfColumn = (name: string) => COHORT_SCHEMA.find((c) => c.name === name)?.label ?? name;
  if (!opt) {
    return html`<p data-testid="data-reconstruction-method">This build uses real data, so no reconstruction was run. Without a real file, the site
      generates a synthetic cohort from the abstract's published figures (<code>src/components/cohort/reconstruction.ts</code>).</p>`;
  }
  return html`<div data-testid="data-reconstruction-method">
      <p>Means, SDs and P-values of single variables can be reconstructed one variable at a time (as GRIM and SPRITE do); the abstract
      also prints a multivariable model and ROC areas, which depend on how the variables go together, so the generator
      (<code>src/components/cohort/reconstruction.ts</code>) builds the whole cohort at once, in three steps, from one seeded random stream
      (seed ${opt.seed}), so that every run writes the same bytes${opt.generationSeconds ? "" : html` (the build reads that output from
      <code>src/data/reconstruction.json</code>, which the unit tests regenerate and compare row for row; a build whose generator has
      changed since reconstructs the cohort itself)`}:</p>
      <ol>
        <li><strong>Counts.</strong> The group sizes and the yes/no counts of smoking, prior ASD and cement leakage are set exactly; which
        patients of a group carry the “yes” is drawn at random.</li>
        <li><strong>Each measured variable.</strong> Simulated annealing moves single values on the variable's grid (whole years for age,
        0.1 otherwise) until both groups' means and SDs, the t-test's P and the variable's AUC print as published, while keeping the
        plausibility rules: no value shared by more than max(4, 10%) of a group, at most one patient at a range limit, no odd gaps.
        It starts from skewed samples, because normal shapes cannot give some published AUCs (see
        <a href="./checking.html#aucs-against-the-means-and-sds">Checking the abstract</a>). Moves each variable's search took:
        ${opt.marginals.map((m) => `${labelOfColumn(m.column)} ${m.iterations.toLocaleString("en")}${m.objective === 0 ? "" : " (its budget, short of a target)"}`).join("; ")}.</li>
        <li><strong>Which patient has which values.</strong> A second annealing swaps values between patients of the same group — so the
        figures of steps 1 and 2 cannot change — and shifts pairs of values by ±1 grid step where step 2's figures still hold, until the
        eight-variable logistic model gives the published odds ratios and P-values and the four-factor equation the published AUC. Each move
        is judged by one Newton step of the two models and only accepted moves are refitted. This cohort took
        ${opt.dependence.iterations.toLocaleString("en")} moves, ${opt.dependence.accepted.toLocaleString("en")} of them accepted,
        in ${opt.dependenceRuns === 1 ? "one run" : `${opt.dependenceRuns} runs (a run that ends short of a figure starts a fresh schedule)`}.</li>
      </ol>
      <p>${opt.converged ? "Every target was reached" : html`<strong class="mismatch">Not every target was reached</strong>`}${opt.generationSeconds ? `, in ${formatNumber(opt.generationSeconds, 1)} s of computing at build time` : ""}.
      The figures are then recomputed from the finished CSV by the same engine as the rest of the site — that, not the generator's own
      bookkeeping, is the comparison on <a href="./checking.html#fidelity">Checking the abstract</a>.</p>
    </div>`;
}

/** Each column's observed minimum, maximum and missing count (for the data dictionary). */
export function observedRanges(rows: readonly CohortRow[]): Record<string, {min: number | undefined; max: number | undefined; missing: number}> {
  return Object.fromEntries(COHORT_SCHEMA.map((c) => {
    const present = rows.map((r) => r[c.name]).filter((v) => Number.isFinite(v));
    return [c.name, {
      // d3's min/max loop: a spread of one argument per patient overflows the stack on a large real file
      min: present.length ? min(present) : undefined,
      max: present.length ? max(present) : undefined,
      missing: rows.length - present.length
    }];
  }));
}

export function cohortPreview(rows: readonly CohortRow[], count: number): HTMLElement {
  return html`<div class="table-scroll" role="region" aria-label="First rows of the cohort, scrollable" tabindex="0"><table class="stats" data-testid="data-cohort-preview">
  <caption>cohort.csv, first ${count} rows</caption>
  <thead><tr>${COHORT_SCHEMA.map((c) => html`<th scope="col"><code>${c.name}</code></th>`)}</tr></thead>
  <tbody>${rows.slice(0, count).map((r) => html`<tr>${COHORT_SCHEMA.map((c) => html`<td style="text-align: right">${formatNumber(r[c.name], c.decimals)}</td>`)}</tr>`)}</tbody>
</table></div>`;
}

/** The preview of the cohort's first rows with its sentence, or, in a private build, why there is none. */
export function cohortPreviewSection(source: Pick<SourceJson, "mode" | "rows">, rows: readonly CohortRow[], count: number): HTMLElement {
  if (source.mode === "private") return html`<p data-testid="data-cohort-private">This build is private: its cohort file holds the header only, and no patient's row is shown or offered for download. The dictionary above therefore gives no observed range.</p>`;
  return html`<div><p>The first ${count} of the ${rows.length} rows of the cohort file (all of them are in the download below):</p>${cohortPreview(rows, count)}</div>`;
}

/** What each file of the build holds, by file name (the page supplies the hrefs). */
export function downloadList(source: {rows: number; mode?: "open" | "private"}): {group: string; name: string; what: string}[] {
  const closed = source.mode === "private";
  return [
    {group: "Data", name: "cohort.csv", what: closed ? "The data dictionary's header row only: this build is private, so no patient's row is published" : `The cohort: ${source.rows} patients, the columns of the data dictionary`},
    {group: "Data", name: "cohort-source.json", what: "Which cohort this build shows: real or reconstructed, how many patients, the generator's seed"},
    {group: "Data", name: "published.json", what: "The abstract's figures as printed — the only numbers typed into this project"},
    {group: "Tables", name: "table1.csv", what: "Table 1: each variable by group, the test, P, the alternative tests and the published figures"},
    {group: "Tables", name: "model-terms.csv", what: "Both logistic models, one row per term: β, SE, z, P, OR with 95% CI, published OR and P"},
    {group: "Tables", name: "roc-auc.csv", what: "AUC with DeLong 95% CI and the Youden point, per marker"},
    {group: "Tables", name: "roc-tests.csv", what: "DeLong's paired test of the equation against each single factor"},
    {group: "Tables", name: "validation.csv", what: "Bootstrap validation (apparent, optimism, corrected), EPV, Riley minimum n, Brier, Hosmer–Lemeshow"},
    {group: "Tables", name: "calibration-groups.csv", what: "Observed against predicted risk in ten risk groups, with Wilson CIs"},
    {group: "Tables", name: "decision-curve.csv", what: "Net benefit of each model, treat-all and treat-none at thresholds 1%–99%"},
    {group: "Tables", name: "abstract-checks.csv", what: "Every check of the abstract's figures against each other, with the arithmetic"},
    {group: "Tables", name: "fidelity.csv", what: "Every published figure beside the value computed on this cohort"},
    {group: "Tables", name: "ensemble.csv", what: "Each derived figure on this cohort and across the ensemble of reconstructions, with its verdict"},
    {group: "Model", name: "model.json", what: "Both fitted models: terms, covariance matrix, fit statistics, units and the risk formula"},
    {group: "Full results", name: "analysis.json", what: `Everything the study pages show (Table 1, the procedure's steps, both models with their validation, ROC curves, ${closed ? "and the private build's aggregates in place of each patient's predicted risk" : "each patient's predicted risk"})`},
    {group: "Full results", name: "checking.json", what: "The checks of the abstract, with one verdict per published figure"},
    {group: "Full results", name: "reconstruction.json", what: "The fidelity report, plausibility checks and the generator's diagnostics"},
    {group: "Full results", name: "ensemble.json", what: "The ensemble of reconstructions: members, the shape search, and every derived figure's median, range and verdict"}
  ];
}

export function downloadsTable(source: {rows: number; mode?: "open" | "private"}, hrefs: Record<string, string>): HTMLElement {
  const downloads = downloadList(source).filter((d) => hrefs[d.name]);
  return html`<div class="table-scroll" role="region" aria-label="Downloads, scrollable" tabindex="0"><table class="stats" data-testid="data-downloads">
  <caption>Files of this build, computed from the cohort above</caption>
  <thead><tr><th scope="col">File</th><th scope="col">Contents</th></tr></thead>
  <tbody>${downloads.map((d) => html`<tr><th scope="row"><a href=${hrefs[d.name]} download=${d.name} data-testid=${`download-${d.name.replace(".", "-")}`}>${d.name}</a></th>
    <td style="white-space: normal; min-width: 16rem">${d.group}: ${d.what}</td></tr>`)}</tbody>
</table></div>`;
}

export function realDataSteps(): HTMLElement {
  return html`<ol data-testid="data-real-steps">
  <li>Write the patients to a CSV file with the columns of the data dictionary above (header row, one patient per row).</li>
  <li>Either put it at <code>${DEFAULT_REAL_COHORT_PATH}</code> in the repository root — outside <code>src/</code>, so it is never published by
    accident — or point the environment variable <code>${COHORT_ENV_VAR}</code> at it. When both are present, the variable wins; a path in the
    variable that does not exist stops the build rather than silently falling back to the synthetic patients.</li>
  <li>Rebuild: <code>${COHORT_ENV_VAR}=/path/to/cohort.csv npm run build</code> (or just <code>npm run build</code> with the file in place).
    The build checks every value against the dictionary and stops with the column and row of anything it cannot use.</li>
</ol>`;
}

/** The ensemble's members in words: how many per shape option, which plans were rejected and why. */
export function ensembleMembersNote(report: EnsembleReport): HTMLElement {
  return html`<div data-testid="ensemble-members"><p>The ensemble has <strong data-testid="ensemble-k">${report.k}</strong> members
  (generator version <code>${report.generatorVersion}</code>), each analysed with ${report.analysis.procedure.replace(/\.$/, "")} and Harrell's
  bootstrap with the model's predictors fixed (B = ${report.analysis.bootstrap.replicates}, seed ${report.analysis.bootstrap.seed}).
  ${report.siteMember === null ? "The site's cohort is not one of them." : html`The site's cohort is member <span data-testid="ensemble-site-member">${report.siteMember}</span>.`}
  By the generator's shape option:</p>
  <ul>${report.shapes.map((s) => html`<li data-shape=${s.name}><strong>${s.members}</strong> with ${s.label}</li>`)}</ul>
  ${report.rejected.length
    ? html`<p>Plans that gave no valid member (each member must meet every published figure and plausibility rule): ${report.rejected.map((r) => `seed ${r.seed} (${r.shape}): ${r.reason}`).join("; ")}.</p>`
    : ""}</div>`;
}
