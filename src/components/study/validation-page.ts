/**
 * The Validation page's paragraphs that hold numbers, as components (the page keeps prose, inputs and layout):
 * the failed-refit and slope-refit notes of the fixed-predictor bootstrap, the Hosmer–Lemeshow sentence, the
 * decision-curve summary and the closing verdict, which answers with the whole procedure's corrected AUC beside
 * the fixed-predictor one. Every number comes from the study document or a rerun.
 *
 * @example display(failedRefits(shownBoot, firthBoot))
 */
import {html} from "htl";
import {formatNumber, formatP, formatPercent} from "../format.js";
import {formatMc} from "../mc-format.js";
import type {BootstrapValidation, CalibrationSummary} from "../pipeline/validation.js";
import type {FailedRefits} from "../stats/optimism-bootstrap.js";
import {procedureIndex, type ProcedureBootstrapValidation} from "../pipeline/procedure-validation.js";
import type {DecisionCurvePoint} from "../stats/decision-curve.js";
import type {StudyDocument, StudyModel} from "./document.js";
import {correctedWithInterval} from "./procedure-validation-view.js";

const row = (b: BootstrapValidation, index: string) => b.indices.find((r) => r.index === index)!;

export const pText = (p: number) => (formatP(p).startsWith("<") || formatP(p).startsWith(">") ? `p ${formatP(p)}` : `p = ${formatP(p)}`);

export function failedText(f: FailedRefits): string {
  return f.total === 0 ? "none failed" : [
    f.separated ? `${f.separated} separated` : "", f.nonConverged ? `${f.nonConverged} did not converge` : "",
    f.oneClass ? `${f.oneClass} had no patient with (or without) ASD` : "", f.errors ? `${f.errors} could not be fitted (singular)` : ""
  ].filter(Boolean).join(", ");
}

export const modelName = (m: StudyModel) => (m.key === "equation" ? "prediction equation" : `${m.model.predictors.length}-variable model`);

export function failedRefits(shown: BootstrapValidation, firth: BootstrapValidation | null): HTMLElement {
  const firthAuc = firth ? formatNumber(row(firth, "auc").corrected, 3) : "—";
  return html`<p data-testid="validation-failed-refits">${shown.failed.total
    ? html`<strong>${shown.failed.total} of ${shown.replicates} refits failed</strong> (${failedText(shown.failed)}): in those resamples some
    combination of the predictors separates the patients with ASD from those without perfectly, so maximum likelihood has no finite
    estimate. They are left out of the averages above — and they are the resamples where the model overfits most, so leaving them
    out makes the correction too small. Refitting every resample with Firth's penalised likelihood, which always has a finite
    estimate, gives a corrected AUC of <strong data-testid="validation-firth-auc">${firthAuc}</strong>
    (${firth?.used ?? 0} of ${firth?.replicates ?? 0} refits used; Firth's estimates are themselves shrunk, so its calibration slope is not comparable).`
    : html`All ${shown.replicates} refits converged without separation. For comparison, Firth's penalised refits give a corrected AUC of
    <span data-testid="validation-firth-auc">${firthAuc}</span>.`}</p>` as HTMLElement;
}

export function slopeRefits(shown: BootstrapValidation): HTMLElement | null {
  const used = row(shown, "slope").used;
  if (used >= shown.used) return null;
  return html`<p data-testid="validation-slope-refits">The calibration slope and the intercept
  of the slope model are averaged over <strong data-testid="validation-slope-used">${used}</strong> of the
  ${shown.used} refits. In the other ${shown.used - used} the refitted model's risk score separates the
  patients with and without ASD of its own sample perfectly, so the recalibration fit of the outcome on that score has no finite slope
  (Firth's penalty keeps the refit's coefficients finite, not this second fit); those resamples are left out of these two indices only.</p>` as HTMLElement;
}

type HL = NonNullable<CalibrationSummary["hosmerLemeshow"]>;

export function hosmerLemeshowParagraph(grouped: HL | null, error: string | null, {hlGroups, events, slope}: {hlGroups: number; events: number; slope: number}): HTMLElement {
  if (!grouped) return html`<p class="mismatch" data-testid="validation-hl">Hosmer–Lemeshow with ${hlGroups} groups cannot be computed: ${error}</p>` as HTMLElement;
  const few = grouped.groups.filter((g) => g.expected < 1).length;
  return html`<p data-testid="validation-hl">Hosmer–Lemeshow test with ${hlGroups} groups: χ² = <span data-testid="validation-hl-statistic" data-value=${grouped.statistic}>${formatNumber(grouped.statistic, 2)}</span>
    on ${grouped.df} df, <span data-testid="validation-hl-p" data-value=${grouped.p}>${pText(grouped.p)}</span>${grouped.smallestExpected < 1 ? html` — <span class="mismatch">${few} of its groups expect fewer than one event (smallest ${formatNumber(grouped.smallestExpected, 2)}), so its χ² approximation does not hold</span>` : ""}. ${grouped.p >= 0.05
      ? `A large P says only that the test found no misfit: with ${events} events spread over ${hlGroups} groups it has little power, and the result moves with the number of groups (try the slider).`
      : "The test finds misfit between predicted and observed risks."}
    It checks the model on the data it was fitted to, so it is a secondary figure here; the calibration slope corrected for the whole procedure is the better guide to how the risks will
    hold up: <strong data-testid="validation-slope-text">${formatNumber(slope, 2)}</strong> means that in new patients the
    log-odds would need shrinking by about ${formatPercent(1 - slope, 0)} toward the average.</p>` as HTMLElement;
}

export function decisionSummary(dca: DecisionCurvePoint[], atTen: DecisionCurvePoint, isEquation: boolean): HTMLElement {
  const useful = dca.filter((d) => d.netBenefitModel > Math.max(d.netBenefitAll, 0));
  return html`<p data-testid="validation-dca-summary">At a threshold of 10%, acting on the ${isEquation ? "equation" : "model"} gives a net benefit of
<span data-testid="validation-dca-nb10">${formatNumber(atTen.netBenefitModel, 3)}</span>: the same as finding ${formatNumber(atTen.netBenefitModel * 100, 1)}
patients with ASD per 100 operated with no unnecessary intervention, against ${formatNumber(atTen.netBenefitAll * 100, 1)} for acting on everyone.
${useful.length ? `Within the range shown, the model beats both default strategies at ${useful.length} of ${dca.length} thresholds, between ${formatPercent(useful[0]!.threshold, 0)} and ${formatPercent(useful[useful.length - 1]!.threshold, 0)}.` : "Within the range shown, it never beats both default strategies."}
These are apparent net benefits, computed on the patients the model was fitted to; like the AUC, they are optimistic.</p>` as HTMLElement;
}

/** The closing box: the published AUC against the fixed-predictor and the whole-procedure corrections. */
export function verdict(doc: StudyDocument, proc: ProcedureBootstrapValidation | null, publishedAucText: string): HTMLElement {
  const eq = doc.models.equation;
  const full = doc.models.multivariable;
  const eqBoot = eq.validation.bootstrap!;
  const eqAuc = row(eqBoot, "auc");
  const slope = proc ? procedureIndex(proc, "slope") : null;
  const eqSlope = slope ? slope.corrected : row(eqBoot, "slope").corrected;
  const size = eq.validation.sampleSize;
  const riley = (size.riley.fromModel ?? size.riley.conservative)!.minimum;
  return html`<div class="synthetic-banner" role="note" data-testid="validation-verdict">
<p>The published AUC of ${publishedAucText} is an <strong>apparent</strong> AUC: the equation evaluated on the ${eq.model.n} patients it was fitted to
(this site's cohort reproduces it as ${formatNumber(eqAuc.apparent, 3)}). Keeping its ${eq.model.predictors.length} factors fixed, the bootstrap puts the
optimism at ${formatNumber(eqAuc.optimism, 3)}, for a corrected AUC of ${formatNumber(eqAuc.corrected, 3)}; but the factors were chosen from
${doc.analysis.candidates.length} in the same patients, and repeating that choice in every resample gives
<strong data-testid="validation-verdict-auc">${proc ? correctedWithInterval(proc, "auc") : formatNumber(eqAuc.corrected, 3)}</strong>${proc ? "" : " (an upper bound: the selection is not repeated)"}.
The multivariable model, fitted to every survivor of the screen, gives ${formatNumber(row(full.validation.bootstrap!, "auc").corrected, 3)} with its variables fixed.</p>
<p>${eqSlope < 0.9 ? html`Discrimination survives the correction better than calibration does. The corrected calibration slope,
<strong data-testid="validation-verdict-slope">${slope ? formatMc(slope.corrected, slope.mcse) : formatNumber(eqSlope, 2)}</strong>, says its predicted risks are too extreme: applied to new patients, a
predicted risk near 0 or near 1 would turn out nearer the average than the equation says.` : html`The corrected calibration slope is
<strong data-testid="validation-verdict-slope">${formatNumber(eqSlope, 2)}</strong>, close enough to 1 that its predicted risks need little shrinkage.`}
With ${formatNumber(size.eventsPerCandidateParameter, 1)} events per candidate parameter, and ${eq.model.n} patients against a Riley minimum of
${riley} even on the most favourable assumption, ${eq.model.n < riley
  ? `the study was too small to develop a ${eq.model.predictors.length}-factor model without shrinkage.`
  : "the study meets the minimum sample size only under that assumption."}</p>
<p>None of this shows that the factors are not associated with ASD. It shows that “AUC ${publishedAucText}” overstates how well the equation
would predict ASD in the next hospital's patients; an honest report would give the corrected AUC and slope, shrink the coefficients (or fit them by
penalised likelihood), and test the equation on patients it has not seen (external validation).</p>
${doc.source.kind === "synthetic" ? html`<p><em>These numbers are computed on the synthetic reconstruction, which reproduces every figure the abstract prints but not, necessarily,
what it does not print; with the real patients the corrected values would differ. The argument — an apparent AUC from ${eq.model.events} events, with selection — does not depend on them.</em></p>` : ""}
</div>` as HTMLElement;
}
