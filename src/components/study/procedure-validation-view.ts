/**
 * The Validation page's whole-procedure section as components: the reader's rerun in the Validation worker
 * (progress and cancel; ../worker/validation-client.ts), and the paragraphs that answer "how much of the
 * published AUC is real?" from validation.procedure beside the fixed-predictor bootstrap — every number from the
 * document or the worker, printed at the digits its Monte-Carlo SE supports.
 *
 * @example display(rerunStatus(state, () => client.cancel()))
 */
import {html} from "htl";
import {formatNumber, formatPercent} from "../format.js";
import {formatMc, formatMcInterval} from "../mc-format.js";
import type {BootstrapValidation} from "../pipeline/validation.js";
import {procedureIndex, type ProcedureBootstrapValidation} from "../pipeline/procedure-validation.js";
import type {ValidationClient, ValidationResult} from "../worker/validation-client.js";
import type {ValidationRequest} from "../worker/validation-protocol.js";

export type RerunState =
  | {status: "idle"}
  | {status: "running"; stage: string; fraction: number; onProgress?: (listener: (stage: string, fraction: number) => void) => void}
  | {status: "done"; result: ValidationResult}
  | {status: "cancelled"}
  | {status: "error"; message: string};

/**
 * For Generators.observe: runs the request in the worker and reports each change of state. Progress is not a new
 * state: every cell that reads the state would be run again (the page's tables and charts, on each of the worker's
 * progress messages), so it goes to the listener that rerunStatus's progress bar registers through onProgress.
 */
export function observeRerun(client: ValidationClient, request: Omit<ValidationRequest, "type" | "id">): (notify: (s: RerunState) => void) => () => void {
  return (notify) => {
    let live = true;
    const listeners: ((stage: string, fraction: number) => void)[] = [];
    const running = {status: "running" as const, stage: request.fixed ? "fixed" : "procedure", fraction: 0, onProgress: (listener: (stage: string, fraction: number) => void) => void listeners.push(listener)};
    notify(running);
    client
      .validate(request, (stage, fraction) => {
        if (!live) return;
        running.stage = stage;
        running.fraction = fraction;
        for (const listener of listeners) listener(stage, fraction);
      })
      .then((result) => live && notify({status: "done", result}))
      .catch((e: Error) => live && notify(e.name === "CancelledError" ? {status: "cancelled"} : {status: "error", message: e.message}));
    return () => {
      live = false;
    };
  };
}

/** Progress bar with a Cancel button while the worker runs; what happened otherwise. */
export function rerunStatus(state: RerunState, cancel: () => void): HTMLElement {
  if (state.status === "running") {
    const stageText = (stage: string) => (stage === "fixed" ? "bootstrap with the predictors fixed" : "bootstrap of the whole procedure");
    const button = html`<button type="button" data-testid="validation-cancel">Cancel</button>` as HTMLButtonElement;
    button.addEventListener("click", cancel);
    const stage = html`<span>${stageText(state.stage)}</span>` as HTMLElement;
    const bar = html`<progress max="1" value=${state.fraction}></progress>` as HTMLProgressElement;
    const percent = html`<span>${formatPercent(state.fraction, 0)}</span>` as HTMLElement;
    state.onProgress?.((s, fraction) => {
      stage.textContent = stageText(s);
      bar.value = fraction;
      percent.textContent = formatPercent(fraction, 0);
    });
    return html`<p data-testid="validation-progress" aria-live="polite">Running the ${stage} in a background worker:
      ${bar} ${percent} ${button}</p>` as HTMLElement;
  }
  if (state.status === "cancelled") return html`<p data-testid="validation-progress">Cancelled; the figures below are the build's.</p>` as HTMLElement;
  if (state.status === "error") return html`<p class="mismatch" data-testid="validation-progress">The bootstrap could not be run: ${state.message}</p>` as HTMLElement;
  if (state.status === "done") return html`<p data-testid="validation-progress">Rerun in this browser's background worker in ${formatNumber(state.result.ms / 1000, 1)} s.</p>` as HTMLElement;
  return html`<span></span>` as HTMLElement;
}

/** "0.93 (95% interval 0.88 to 0.96)". */
export function correctedWithInterval(v: ProcedureBootstrapValidation, index: "auc" | "slope" | "brier"): string {
  const r = procedureIndex(v, index);
  const value = formatMc(r.corrected, r.mcse);
  return r.interval.degenerate ? value : `${value} (95% interval ${formatMcInterval(r.interval.lower, r.interval.upper, r.mcse)})`;
}

/** The answer in plain words: apparent, fixed-predictor corrected, whole-procedure corrected with its interval. */
export function procedureAnswer(v: ProcedureBootstrapValidation, fixed: BootstrapValidation | null, {publishedAuc}: {publishedAuc: string}): HTMLElement {
  const auc = procedureIndex(v, "auc");
  const slope = procedureIndex(v, "slope");
  const fixedAuc = fixed?.indices.find((r) => r.index === "auc") ?? null;
  const fixedSlope = fixed?.indices.find((r) => r.index === "slope") ?? null;
  const s = v.stability;
  const left = v.failed.total;
  return html`<div class="synthetic-banner" role="note" data-testid="validation-procedure-answer">
<p>The published AUC of ${publishedAuc} is the equation scored on the patients it was chosen and fitted in (this cohort:
${formatNumber(auc.apparent, 3)}). Repeating <em>everything</em> the authors did — the screen, the multivariable fit, the
selection and the refit — in each of ${v.used} bootstrap resamples, and scoring each resulting model on the original patients,
puts the AUC to expect in new patients at <strong data-testid="validation-procedure-auc">${correctedWithInterval(v, "auc")}</strong>.
The bootstrap that keeps the ${s.originalSet.length} chosen predictors fixed says ${fixedAuc ? formatNumber(fixedAuc.corrected, 3) : "—"}:
it charges the model for fitting its coefficients to noise, but not for having <em>picked</em> its predictors from
${v.procedure.candidates.length} by p-values in the same patients, which is where most of the optimism comes from.</p>
<p>The calibration slope of the whole procedure, <strong data-testid="validation-procedure-slope">${formatMc(slope.corrected, slope.mcse)}</strong>
(predictors fixed: ${fixedSlope ? formatNumber(fixedSlope.corrected, 2) : "—"}), says the equation's log-odds would need shrinking
by about ${formatPercent(1 - slope.corrected, 0)} toward the average to give honest risks in new patients. And the selection is not
stable: only ${formatPercent(s.originalSetFrequency, 0)} of the resamples chose exactly the same ${s.originalSet.length} predictors.</p>
${left ? html`<p><em>${left} of ${v.replicates} resamples were left out (${v.failed.separated} separated, ${v.failed.nonConverged} did not converge,
${v.failed.oneClass} had one outcome class, ${v.failed.errors} could not be fitted): those are where the procedure overfits most, so the
correction is, if anything, too small.</em></p>` : ""}
</div>` as HTMLElement;
}
