/**
 * The Checking page's controls, each reflected into the URL and restored from it, with Back/Forward: the allowance
 * for non-normal markers when an AUC is checked against the binormal range (URL `auc`, a numberInput: a typed
 * allowance outside 0–0.2 is clamped with a message, never ignored), and the two filters of its tables (`failing`,
 * `mismatches`).
 *
 * Example: const inputs = checkingInputs(built.aucTolerance); const aucTolerance = view(inputs.aucTolerance)
 */
import * as Inputs from "@observablehq/inputs";
import {numberInput, type NumberInputElement} from "../number-input.js";
import {bindToUrl} from "../url-state.js";
import {withTestId} from "./checking-view.js";

/** The largest AUC allowance the page offers (AUC units). */
export const MAX_AUC_TOLERANCE = 0.2;

export function aucToleranceInput(value: number): NumberInputElement {
  return bindToUrl(numberInput({label: "Allowance for non-normal markers when checking an AUC (± AUC units)", min: 0, max: MAX_AUC_TOLERANCE, step: 0.01, value, testId: "check-auc-tolerance"}), "auc");
}

/**
 * The allowance as the prose states it: two decimals, or as many as a typed allowance has (up to 6), so that the
 * sentence never rounds away a value the check uses.
 * @example allowanceText(0.05) // "0.05"; allowanceText(0.125) // "0.125"
 */
export function allowanceText(value: number): string {
  for (let d = 2; d < 6; d++) if (Number(value.toFixed(d)) === value) return value.toFixed(d);
  return value.toFixed(6);
}

/** A filter of the page's tables (a toggle) with its test hook, bound to the URL parameter `key`. */
export function filterToggle(label: string, testId: string, key: string): HTMLElement & {value: boolean} {
  return bindToUrl(withTestId(Inputs.toggle({label, value: false}) as HTMLElement & {value: boolean}, testId), key);
}
