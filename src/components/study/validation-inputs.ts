/**
 * The Validation page's controls, each reflected into the URL (model, B, seed, firth, span, groups, dca_low,
 * dca_high) and restored from it, with Back/Forward: which model is validated, the in-browser rerun of both
 * bootstraps (B, seed, Firth refits; a private build has no rows to resample, so it says so instead), the
 * calibration plot's span and Hosmer–Lemeshow groups, and the decision curve's range of thresholds, a pair that
 * cannot cross. Numbers are typed or slid with numberInput (../number-input.ts): a typed value outside the allowed
 * range is clamped with a message, never ignored. A private build offers the spans its aggregates hold
 * (SPAN_CHOICES) as a list; every other choice is the same in both modes (whole numbers of groups, whole-percent
 * thresholds).
 *
 * Example: const inputs = validationInputs(doc); const modelKey = view(inputs.model)
 */
import * as Inputs from "@observablehq/inputs";
import {html} from "htl";
import {numberInput, type NumberInputElement} from "../number-input.js";
import {boundPair, type BoundPairElement} from "../bound-pair.js";
import {bindToUrl} from "../url-state.js";
import type {StudyDocument, StudyModelKey} from "./document.js";
import {HL_GROUP_CHOICES, SPAN_CHOICES} from "./private.js";
import {nearestSpanChoice} from "./validation-view.js";

export interface RerunRequest {
  replicates: number;
  seed: number;
  method: "ml" | "firth";
}

/** Which model the page validates: the prediction equation or the multivariable model (URL `model`). */
export function modelChoice(doc: StudyDocument): HTMLElement & {value: StudyModelKey} {
  const labels: [string, StudyModelKey][] = [
    [`Prediction equation (${doc.models.equation.model.predictors.length} factors)`, "equation"],
    [`Multivariable model (${doc.models.multivariable.model.predictors.length} variables)`, "multivariable"]
  ];
  const input = Inputs.radio(new Map(labels), {label: "Model to validate", value: "equation"}) as HTMLElement & {value: StudyModelKey};
  input.setAttribute("data-testid", "validation-model");
  // Inputs.radio's values are indices; each button also carries its model's key, for tests and tools.
  input.querySelectorAll("input").forEach((r: HTMLInputElement, i: number) => r.setAttribute("data-testid", `validation-model-${labels[i]![1]}`));
  return bindToUrl(input, "model");
}

export interface RerunControls {
  /** What to show: the controls, or in a private build why there are none. */
  element: HTMLElement;
  /** The rerun button (an Observable view whose value is the last request, null before the first click). */
  button: HTMLElement & {value: RerunRequest | null};
}

/** B, seed, the Firth toggle and the rerun button (URL `B`, `seed`, `firth`). */
export function rerunControls(doc: StudyDocument): RerunControls {
  const replicates = bindToUrl(numberInput({label: "Bootstrap samples (B)", min: 50, max: 1000, step: 50, value: doc.settings.procedureReplicates ?? doc.settings.replicates, integer: true, testId: "validation-replicates"}), "B");
  const seed = bindToUrl(numberInput({label: "Random seed", min: 1, max: 2 ** 31 - 1, step: 1, value: doc.settings.seed, integer: true, slider: false, testId: "validation-seed"}), "seed");
  const firth = Inputs.toggle({label: "Refit the fixed-predictor bootstrap with Firth's penalised likelihood", value: false}) as HTMLElement & {value: boolean};
  firth.querySelector("input")!.setAttribute("data-testid", "validation-firth");
  bindToUrl(firth, "firth");
  const button = Inputs.button("Rerun both bootstraps in this browser", {value: null, reduce: (): RerunRequest => ({replicates: replicates.value, seed: seed.value, method: firth.value ? "firth" : "ml"})}) as HTMLElement & {value: RerunRequest | null};
  button.querySelector("button")!.setAttribute("data-testid", "validation-rerun");
  if (doc.mode === "private") {
    return {button, element: html`<p data-testid="validation-rerun-private">This site was built in private mode: the cohort's rows are not published, so the bootstraps cannot be rerun here; they are shown as computed at build time (B = ${doc.settings.procedureReplicates ?? doc.settings.replicates} for the whole procedure and ${doc.settings.replicates} with the predictors fixed, seed ${doc.settings.seed}).</p>`};
  }
  return {button, element: html`<div class="validation-controls">${replicates}${seed}${firth}${button}</div>`};
}

export interface CalibrationControls {
  span: (HTMLElement & {value: number}) | NumberInputElement;
  groups: NumberInputElement;
}

/** The calibration plot's lowess span and number of risk groups (URL `span`, `groups`). */
export function calibrationControls(doc: StudyDocument): CalibrationControls {
  const defaultSpan = doc.models.equation.validation.calibration?.curve?.span ?? 2 / 3;
  const defaultGroups = (doc.models.equation.validation.calibration?.hosmerLemeshow?.df ?? 8) + 2;
  const label = "Smoothing span (fraction of patients in each local fit)";
  let span: CalibrationControls["span"];
  if (doc.mode === "private") {
    // The build's aggregates hold the curve at these spans only; a list offers exactly those.
    span = Inputs.select(SPAN_CHOICES, {label, value: nearestSpanChoice(defaultSpan), format: (s: number) => s.toFixed(2)}) as HTMLElement & {value: number};
    span.querySelector("select")!.setAttribute("data-testid", "validation-span");
  } else {
    span = numberInput({label, min: 0.3, max: 1, step: 1 / 30, value: defaultSpan, format: (s) => s.toFixed(3), testId: "validation-span"});
  }
  const groups = numberInput({label: "Risk groups (Hosmer–Lemeshow)", min: HL_GROUP_CHOICES[0]!, max: HL_GROUP_CHOICES.at(-1)!, step: 1, value: defaultGroups, integer: true, testId: "validation-hl-groups"});
  return {span: bindToUrl(span, "span"), groups: bindToUrl(groups, "groups")};
}

/**
 * The decision curve's lowest and highest threshold, in whole percents, as a pair that cannot cross (URL `dca_low`,
 * `dca_high`); its value is {low, high} in percent.
 */
export function decisionCurveBounds(): BoundPairElement {
  const percent = (v: number) => `${v}%`;
  const pair = boundPair({
    low: {label: "Lowest threshold shown (%)", min: 1, max: 50, step: 1, value: 1, integer: true, format: percent, testId: "validation-dca-low"},
    high: {label: "Highest threshold shown (%)", min: 5, max: 99, step: 1, value: 60, integer: true, format: percent, testId: "validation-dca-high"},
    gap: 1,
    testId: "validation-dca-range"
  });
  bindToUrl(pair.low, "dca_low");
  bindToUrl(pair.high, "dca_high");
  return pair;
}
