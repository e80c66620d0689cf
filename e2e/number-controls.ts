/**
 * Reading and driving the site's numeric controls (src/components/number-input.ts) in a browser test: what one shows
 * and uses (box text, the value in use, the slider, its state and message, its range), and typing an entry into it
 * as a reader does (the text, then Enter).
 *
 * Example: await typeValue(page, "roc-threshold", "1.5"); (await controlState(page, "roc-threshold")).state // "adjusted"
 */
import type {Page} from "playwright-core";
import {waitForCells} from "./harness.js";

export interface ControlState {
  valueNow: number;
  box: string;
  slider: number | null;
  step: number | null;
  state: string;
  message: string;
  min: number;
  max: number;
  hidden: boolean;
}

export async function controlState(page: Page, testId: string): Promise<ControlState> {
  return page.getByTestId(`${testId}-control`).evaluate((root) => {
    const box = root.querySelector<HTMLInputElement>(".honest-number-box")!;
    const range = root.querySelector<HTMLInputElement>("input[type=range]");
    return {
      valueNow: Number(box.getAttribute("aria-valuenow")),
      box: box.value,
      slider: range ? Number(range.value) : null,
      step: range ? Number(range.step) : null,
      state: root.getAttribute("data-state") ?? "",
      message: (root.querySelector(".honest-number-message")?.textContent ?? "").trim(),
      min: Number(box.getAttribute("aria-valuemin")),
      max: Number(box.getAttribute("aria-valuemax")),
      hidden: !(root as HTMLElement).checkVisibility()
    };
  });
}

export async function typeValue(page: Page, testId: string, entry: string): Promise<void> {
  const box = page.getByTestId(`${testId}-number`);
  await box.fill(entry);
  await box.press("Enter");
  await waitForCells(page);
}

/** The box's text read as a number (the site prints a typographic minus and may group thousands). */
export const boxNumber = (s: string) => Number(s.replace("−", "-").replace(/,/g, ""));
