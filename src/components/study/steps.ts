/**
 * What each step of a procedure run kept, in words with the numbers: the screen (each candidate's p, kept or
 * dropped), the multivariable fit of the survivors, the selection (each factor's Wald p, or fastbw's deletions)
 * and the model it ends with — so the page never shows a model that is not the procedure's current output.
 *
 * Example: procedureSteps(run, {names: shortNames})
 */
import {html} from "htl";
import {formatP} from "../format.js";
import type {ProcedureRun} from "../procedure/run.js";

export function procedureSteps(run: ProcedureRun | null, {names = {}, candidates = []}: {names?: Record<string, string>; candidates?: readonly string[]} = {}): HTMLElement {
  const name = (k: string) => names[k] ?? k;
  if (!run) {
    return html`<p data-testid="model-selected" aria-live="polite"><span class="mismatch">${candidates.length ? "The model could not be fitted (see below)." : "No candidate is chosen: tick at least one."}</span></p>`;
  }
  const screen = run.screen;
  const parts: (HTMLElement | string)[] = [];
  if (screen) {
    const kept = screen.entries.filter((e) => e.kept);
    const dropped = screen.entries.filter((e) => !e.kept);
    parts.push(
      kept.length
        ? html`<span>Screen (univariable p < ${screen.threshold}): <strong>${kept.map((e) => name(e.variable)).join(", ")}</strong> pass (${kept.length} of ${screen.entries.length})${dropped.length ? `; screened out: ${dropped.map((e) => `${name(e.variable)} (p ${formatP(e.p)})`).join(", ")}` : ""}.</span>`
        : html`<span class="mismatch">No candidate passes the screen (univariable p < ${screen.threshold}): the procedure ends with the intercept-only model. Choose more candidates or raise the threshold.</span>`
    );
  }
  const sel = run.selection;
  if (sel) {
    parts.push(
      html` <span>Selection (${sel.method === "wald" ? "Wald p in the model of all survivors" : "backward elimination, rms::fastbw by AIC"}): keeps <strong>${sel.kept.length ? sel.kept.map(name).join(", ") : "nothing"}</strong>${sel.dropped.length ? `; drops ${sel.factors.filter((f) => !f.kept).map((f) => `${name(f.variable)} (p ${formatP(f.p)})`).join(", ")}` : ""}.</span>`
    );
  }
  return html`<p data-testid="model-selected" aria-live="polite">${parts}</p>`;
}
