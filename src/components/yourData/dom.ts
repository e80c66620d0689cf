/**
 * The few DOM builders the "Your own cohort" forms share: an element with text and attributes, a button, a
 * fieldset with its legend, and a numberInput's edits heard as "typing" or "settled". Text is always set as text (a column name that looks like HTML stays text).
 *
 * Example: fieldset("Candidate predictors", {className: "your-data-predictors", testId: "choice-predictors"})
 */

/** An element with its text (as text, never HTML) and attributes. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text != null) node.textContent = text;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

/** A button (type "button" unless given) with a stable test hook. */
export function button(text: string, testId: string, {type = "button", onClick}: {type?: "button" | "submit"; onClick?: () => void} = {}): HTMLButtonElement {
  const b = el("button", text, {"data-testid": testId});
  b.type = type;
  if (onClick) b.addEventListener("click", () => onClick());
  return b;
}

/** A fieldset opened by its legend. */
export function fieldset(legend: string, {className, testId}: {className: string; testId?: string}): HTMLFieldSetElement {
  const set = el("fieldset", undefined, testId ? {"data-testid": testId} : {});
  set.className = className;
  set.append(el("legend", legend));
  return set;
}

/**
 * Hears a numberInput's edits (and keeps them from bubbling as the form's own): `settled` is false while a value is
 * being typed or dragged, true on Enter, blur or the slider's release.
 */
export function onNumberEdit(input: EventTarget, listener: (settled: boolean) => void): void {
  input.addEventListener("input", (event) => {
    event.stopPropagation();
    listener(false);
  });
  input.addEventListener("change", (event) => {
    event.stopPropagation();
    listener(true);
  });
}
