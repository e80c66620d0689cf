/**
 * Small accessibility and testing touches for Observable Inputs used by the study pages: Inputs.range labels its
 * number box but not its slider, so the slider gets the same accessible name; each control gets a stable
 * data-testid for the browser tests.
 *
 * Example: const threshold = view(labelRange(Inputs.range([0, 1], {label: "Risk threshold"}), {testId: "roc-threshold"}))
 */
export function labelRange<T extends HTMLElement>(form: T, {testId, label}: {testId: string; label?: string}): T {
  const text = label ?? form.querySelector("label")?.textContent?.trim() ?? testId;
  const range = form.querySelector<HTMLInputElement>("input[type=range]");
  const number = form.querySelector<HTMLInputElement>("input[type=number]");
  if (range) {
    range.setAttribute("aria-label", text);
    range.setAttribute("data-testid", testId);
  }
  if (number) number.setAttribute("data-testid", `${testId}-number`);
  return form;
}
