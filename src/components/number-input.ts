/**
 * An honest numeric input: a text box (and, optionally, a slider) that accepts whatever a person types and never
 * shows one value while computing another. Observable's Inputs.range ignores a typed value outside its range or off
 * its step (the box says 150, the slider 95, the result is for 69) and reads "4,5" as 45; this control does not.
 *
 * What a typed entry becomes (parseTypedNumber, resolveEntry — pure, tested in Node):
 * - "150", "94.5", "-2.75", "−2.75" (the minus sign the site prints), "+3", "1e3", ".5", surrounding spaces: that
 *   number, as typed. Off-step values are used as typed: the slider shows its nearest position, the box the value.
 * - "4,5": 4.5, with the note "read as 4.5" (a decimal comma, never 45). "1,234" or "1.234,5" (a thousands
 *   separator, or ambiguous) and anything else that is not a plain number ("12 mg", "0x10", "Inf") is refused.
 * - With `percent: true` (a probability box), "20%" is 0.2.
 * - Outside the allowed range [min, max]: **clamped, with a visible message** ("150 is above the allowed maximum
 *   95, so 95 is used"). Chosen over refusing because a refused entry leaves a result for an older value on screen.
 *   With `integer: true` a fraction is rounded to the nearest whole number, said the same way.
 * - Empty or refused: the value does not change, and the message says which value is still used.
 * - With `allowed` (a list of the only values there are, such as the thresholds a published curve holds): any other
 *   entry is moved to the nearest allowed value, with a message saying so; the keyboard steps from one to the next.
 * - Inside the range but outside `dataRange` (the cohort's observed range): used, with a note that it is beyond
 *   the data (the model extrapolates there).
 *
 * While a person is still typing (the box's "input" events) an accepted entry takes effect at once; when the entry
 * is settled (Enter, leaving the box, or a slider released: "change"), the box is rewritten to the value used, so
 * that from then on the box, the slider and the value agree. Until then the message beside the box, which is an
 * aria-live region, states the value used whenever the box's text differs from it.
 *
 * As an Observable view: the returned element has `.value` (a number, always finite and within [min, max]) and
 * dispatches "input" whenever the value changes and "change" when an entry is settled; setting `.value` runs the
 * same rules (and dispatches nothing, as Observable Inputs do). Keyboard: the box is a spinbutton (↑/↓ one step,
 * PageUp/PageDown ten, Home/End the bounds); the slider is a native range input. Test hooks: data-testid
 * `${testId}` on the slider (or the box when there is none), `${testId}-number` on the box, `${testId}-message`
 * on the message, `${testId}-control` on the element (without a slider, the box is `${testId}-number` all the same); `data-state` on the element ("ok", "adjusted", "refused",
 * "outside-data").
 *
 * @example const age = view(numberInput({label: "Age (years)", min: 50, max: 95, step: 1, value: 69, dataRange: [52, 89], testId: "calc-age"}))
 */

export interface NumberInputOptions {
  /** Visible label (the accessible name of the box and the slider). */
  label: string;
  /** Allowed range; typed values beyond it are clamped with a message. */
  min: number;
  max: number;
  /** Slider step and the keyboard's step (default (max − min) / 100); typed values need not be on it. */
  step?: number;
  /** Initial value (clamped into range like a typed one). */
  value: number;
  /** Show a slider beside the box (default true). */
  slider?: boolean;
  /** Whole numbers only: a fraction is rounded, with a message. */
  integer?: boolean;
  /** Accept "20%" as 0.2 (a probability box). */
  percent?: boolean;
  /** The range observed in the data: a value beyond it is used, with a note. */
  dataRange?: [number, number] | null;
  /** Who the data range belongs to, for the note (default "the cohort"). */
  dataLabel?: string;
  /** Unit for messages ("years", "%"), if any. */
  unit?: string;
  /**
   * The only values allowed, ascending (e.g. the thresholds a published curve holds): any other entry, typed or
   * from the slider, is moved to the nearest of them, with a message; the keyboard's steps go from one to the next.
   */
  allowed?: readonly number[] | null;
  /** What the allowed values are, for the message (default "the allowed values"). */
  allowedLabel?: string;
  /**
   * Formats a value for messages and screen readers (default formatEntry). The box itself always shows the value
   * exactly (boxText), so that a rounded display can never hide the value computed with.
   */
  format?: (value: number) => string;
  /** Stable test hook (see the module comment). */
  testId: string;
}

export type ParsedEntry =
  | {kind: "number"; value: number; note?: string}
  | {kind: "empty"}
  | {kind: "invalid"; reason: string};

const PLAIN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const COMMA_DECIMAL = /^[+-]?(?:\d+,\d*|,\d+)$/;

/** Default formatting for messages: up to 12 significant digits, with the typographic minus sign. */
export function formatEntry(value: number): string {
  if (Object.is(value, -0)) return "0";
  const short = String(+value.toPrecision(12));
  return short.replace("-", "−");
}

/** The box's text for a value: the shortest text that reads back to exactly that number (ASCII minus). */
export function boxText(value: number): string {
  return Object.is(value, -0) ? "0" : String(value);
}

/**
 * What a person typed, as a number (see the module comment). Pure.
 * @example parseTypedNumber("4,5") // {kind: "number", value: 4.5, note: "read “4,5” as 4.5"}
 */
export function parseTypedNumber(text: string, {percent = false}: {percent?: boolean} = {}): ParsedEntry {
  let s = String(text).trim().replace(/\u2212/g, "-").replace(/\s+/g, "");
  if (s === "") return {kind: "empty"};
  let scale = 1;
  if (percent && s.endsWith("%")) {
    s = s.slice(0, -1);
    scale = 0.01;
  }
  const shown = text.trim();
  if (PLAIN.test(s)) {
    const v = Number(s) * scale;
    if (!Number.isFinite(v)) return {kind: "invalid", reason: `“${shown}” is too large to be a number here`};
    return scale === 1 ? {kind: "number", value: v} : {kind: "number", value: v, note: `read “${shown}” as ${formatEntry(v)}`};
  }
  if (COMMA_DECIMAL.test(s)) {
    // One comma followed by exactly three digits is 1.234 to some readers and 1234 to others.
    if (/^[+-]?\d{1,3},\d{3}$/.test(s)) {
      return {kind: "invalid", reason: `“${shown}” could be a decimal comma or a thousands separator: type it with a point for decimals (1.234) or without a separator (1234)`};
    }
    const v = Number(s.replace(",", ".")) * scale;
    return {kind: "number", value: v, note: `read “${shown}” as ${formatEntry(v)}`};
  }
  if (/^[+-]?\d{1,3}([.,'’]\d{3})+([.,]\d+)?$/.test(s)) {
    return {kind: "invalid", reason: `“${shown}” has a thousands separator: type the number without it`};
  }
  return {kind: "invalid", reason: `“${shown}” is not a number: type digits with a point (or comma) for decimals${percent ? ", or a percentage such as 20%" : ""}`};
}

export interface ResolvedEntry {
  /** The value to use. */
  value: number;
  /** "ok": as typed; "adjusted": clamped or rounded; "refused": the previous value is kept. */
  state: "ok" | "adjusted" | "refused";
  /** What the reader is told ("" when nothing needs saying). */
  message: string;
}

export interface ResolveOptions {
  min: number;
  max: number;
  integer?: boolean;
  allowed?: readonly number[] | null;
  allowedLabel?: string;
  format?: (value: number) => string;
  unit?: string;
}

/**
 * Applies the allowed range (and whole-number rule) to a parsed entry; `previous` is the value in use. Pure.
 * @example resolveEntry({kind: "number", value: 150}, 69, {min: 50, max: 95}).message // "150 is above the allowed maximum, 95: 95 is used."
 */
export function resolveEntry(entry: ParsedEntry, previous: number, {min, max, integer = false, allowed = null, allowedLabel = "the allowed values", format = formatEntry, unit}: ResolveOptions): ResolvedEntry {
  const u = unit ? ` ${unit}` : "";
  if (entry.kind === "empty") return {value: previous, state: "refused", message: `Type a number from ${format(min)} to ${format(max)}${u}; ${format(previous)} is used until then.`};
  if (entry.kind === "invalid") return {value: previous, state: "refused", message: `${capitalise(entry.reason)}. ${format(previous)} is still used.`};
  const notes: string[] = entry.note ? [capitalise(entry.note) + "."] : [];
  let value = entry.value;
  let state: ResolvedEntry["state"] = "ok";
  if (integer && !Number.isInteger(value)) {
    const rounded = Math.round(value);
    notes.push(`Only whole numbers are allowed: ${format(value)} is rounded to ${format(rounded)}.`);
    value = rounded;
    state = "adjusted";
  }
  if (value > max) {
    notes.push(`${format(value)}${u} is above the allowed maximum, ${format(max)}: ${format(max)} is used.`);
    value = max;
    state = "adjusted";
  } else if (value < min) {
    notes.push(`${format(value)}${u} is below the allowed minimum, ${format(min)}: ${format(min)} is used.`);
    value = min;
    state = "adjusted";
  }
  if (allowed?.length) {
    const nearest = nearestAllowed(allowed, value);
    if (nearest !== value) {
      notes.push(`${format(value)}${u} is not one of ${allowedLabel}: the nearest, ${format(nearest)}${u}, is used.`);
      value = nearest;
      state = "adjusted";
    }
  }
  if (Object.is(value, -0)) value = 0;
  return {value, state, message: notes.join(" ")};
}

/** The allowed value nearest to `value` (the lower of two equally near). `allowed` ascending, not empty. Pure. */
export function nearestAllowed(allowed: readonly number[], value: number): number {
  let lo = 0;
  let hi = allowed.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (allowed[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  const above = allowed[lo]!;
  const below = lo > 0 ? allowed[lo - 1]! : above;
  return value - below <= above - value ? below : above;
}

/** The note for a value beyond the data's range, or "". Pure. */
export function outsideDataNote(value: number, dataRange: readonly [number, number] | null | undefined, {format = formatEntry, unit, dataLabel = "the cohort"}: {format?: (v: number) => string; unit?: string; dataLabel?: string} = {}): string {
  if (!dataRange) return "";
  const [lo, hi] = dataRange;
  if (value >= lo && value <= hi) return "";
  const u = unit ? ` ${unit}` : "";
  return `${format(value)}${u} is outside the range seen in ${dataLabel} (${format(lo)}–${format(hi)}${u}): the result extrapolates beyond the data.`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The step's number of decimals, for keyboard steps that land on round values. */
function decimalsOf(step: number): number {
  const s = String(step);
  const e = /e-(\d+)$/.exec(s);
  if (e) return Number(e[1]);
  const dot = s.indexOf(".");
  return dot < 0 ? 0 : s.length - dot - 1;
}

let idCounter = 0;

const STYLE_ID = "honest-number-style";
const STYLE = `
.honest-number { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 0.75rem; margin: 0.5rem 0; font: 13px var(--sans-serif); max-width: 640px; }
.honest-number > label { flex: 0 0 auto; min-width: 10rem; max-width: 100%; }
.honest-number .honest-number-box { width: 6.5em; font: inherit; font-variant-numeric: tabular-nums; padding: 0.15rem 0.3rem; }
.honest-number .honest-number-box[aria-invalid="true"] { outline: 2px solid var(--theme-red, #d62728); outline-offset: 1px; }
.honest-number input[type=range] { flex: 1 1 8rem; min-width: 6rem; max-width: 18rem; accent-color: var(--theme-foreground-focus, currentColor); }
.honest-number .honest-number-message { flex: 1 0 100%; margin: 0; font-size: 12px; color: var(--theme-foreground-alt, currentColor); }
.honest-number .honest-number-message:empty { display: none; }
.honest-number[data-state="adjusted"] .honest-number-message, .honest-number[data-state="refused"] .honest-number-message { color: var(--theme-foreground, currentColor); font-weight: 600; }
`;

function ensureStyle(): void {
  if (typeof document === "undefined" || document.getElementById(STYLE_ID)) return;
  const style = document.createElement("style");
  style.id = STYLE_ID;
  style.textContent = STYLE;
  document.head.append(style);
}

export type NumberInputElement = HTMLDivElement & {
  value: number;
  /** The message shown now ("" when none). */
  readonly message: string;
};

/**
 * The control (see the module comment). Throws RangeError when min, max, step or value is not finite, when
 * min > max, or when step is not positive.
 */
export function numberInput(options: NumberInputOptions): NumberInputElement {
  const {label, min, max, slider = true, integer = false, percent = false, dataRange = null, dataLabel = "the cohort", unit, format = formatEntry, testId, allowed = null, allowedLabel} = options;
  const rules = {min, max, integer, format, ...(unit ? {unit} : {}), ...(allowed?.length ? {allowed, ...(allowedLabel ? {allowedLabel} : {})} : {})};
  const step = options.step ?? (max - min) / 100;
  for (const [name, v] of [["min", min], ["max", max], ["step", step], ["value", options.value]] as const) {
    if (!Number.isFinite(v)) throw new RangeError(`numberInput: ${name} must be a finite number`);
  }
  if (min > max) throw new RangeError("numberInput: min must not exceed max");
  if (!(step > 0)) throw new RangeError("numberInput: step must be positive");
  ensureStyle();
  const id = `honest-number-${++idCounter}`;
  const root = document.createElement("div") as unknown as NumberInputElement;
  root.className = "honest-number";
  root.setAttribute("data-testid", `${testId}-control`);
  root.setAttribute("role", "group");

  const labelEl = document.createElement("label");
  labelEl.id = `${id}-label`;
  labelEl.htmlFor = `${id}-box`;
  labelEl.textContent = label;

  const box = document.createElement("input");
  box.type = "text";
  box.id = `${id}-box`;
  box.className = "honest-number-box";
  box.inputMode = "decimal";
  box.autocomplete = "off";
  box.spellcheck = false;
  box.setAttribute("role", "spinbutton");
  box.setAttribute("aria-valuemin", String(min));
  box.setAttribute("aria-valuemax", String(max));
  box.setAttribute("aria-describedby", `${id}-message`);
  box.setAttribute("data-testid", `${testId}-number`);

  const range = document.createElement("input");
  range.type = "range";
  range.min = String(min);
  range.max = String(max);
  range.step = String(step);
  range.setAttribute("aria-labelledby", labelEl.id);
  range.setAttribute("aria-describedby", `${id}-message`);
  range.setAttribute("data-testid", testId);

  const message = document.createElement("p");
  message.id = `${id}-message`;
  message.className = "honest-number-message";
  message.setAttribute("role", "status");
  message.setAttribute("aria-live", "polite");
  message.setAttribute("data-testid", `${testId}-message`);

  root.setAttribute("aria-labelledby", labelEl.id);
  root.append(labelEl, box);
  if (slider) root.append(range);
  root.append(message);

  let current = NaN;
  let messageText = "";

  const show = (resolved: ResolvedEntry) => {
    const note = outsideDataNote(resolved.value, dataRange, {format, ...(unit ? {unit} : {}), dataLabel});
    messageText = [resolved.message, note].filter(Boolean).join(" ");
    message.textContent = messageText;
    root.dataset.state = resolved.state !== "ok" ? resolved.state : note ? "outside-data" : "ok";
    box.setAttribute("aria-invalid", String(resolved.state === "refused"));
  };
  const setCurrent = (value: number) => {
    current = value;
    range.value = String(value);
    box.setAttribute("aria-valuenow", String(value));
    box.setAttribute("aria-valuetext", `${format(value)}${unit ? ` ${unit}` : ""}`);
    range.setAttribute("aria-valuetext", `${format(value)}${unit ? ` ${unit}` : ""}`);
  };
  const fire = (type: "input" | "change") => root.dispatchEvent(new Event(type, {bubbles: true}));

  /** Applies text from the box; returns whether the value changed. */
  const applyText = (text: string, settle: boolean): boolean => {
    const resolved = resolveEntry(parseTypedNumber(text, {percent}), Number.isFinite(current) ? current : options.value, rules);
    const changed = !Object.is(resolved.value, current);
    setCurrent(resolved.value);
    show(resolved);
    if (settle) {
      // The box now shows the value used ("4,5" becomes "4.5", "150" the maximum); the message keeps saying
      // what happened to the entry.
      box.value = boxText(resolved.value);
      box.setAttribute("aria-invalid", "false");
    }
    return changed;
  };

  // Initial value through the same rules (a default outside the range is clamped and said).
  current = Math.min(max, Math.max(min, options.value));
  applyText(String(options.value), true);
  box.value = boxText(current);

  box.addEventListener("input", (event) => {
    event.stopPropagation();
    if (applyText(box.value, false)) fire("input");
  });
  box.addEventListener("change", (event) => {
    event.stopPropagation();
    const changed = applyText(box.value, true);
    if (changed) fire("input");
    fire("change");
  });
  box.addEventListener("keydown", (event) => {
    const big = event.key === "PageUp" || event.key === "PageDown";
    let next: number | null = null;
    const up = event.key === "ArrowUp" || event.key === "PageUp";
    if (allowed?.length && (up || event.key === "ArrowDown" || event.key === "PageDown")) {
      // from one allowed value to the next (ten at a time with PageUp/PageDown)
      const at = allowed.indexOf(nearestAllowed(allowed, current));
      next = allowed[Math.min(allowed.length - 1, Math.max(0, at + (up ? 1 : -1) * (big ? 10 : 1)))]!;
    } else if (up) next = current + step * (big ? 10 : 1);
    else if (event.key === "ArrowDown" || event.key === "PageDown") next = current - step * (big ? 10 : 1);
    else if (event.key === "Home") next = allowed?.length ? allowed[0]! : min;
    else if (event.key === "End") next = allowed?.length ? allowed[allowed.length - 1]! : max;
    else if (event.key === "Enter") {
      // Enter settles the entry (a text box fires "change" on Enter only inside a form).
      event.preventDefault();
      box.dispatchEvent(new Event("change", {bubbles: true}));
      return;
    }
    if (next === null) return;
    event.preventDefault();
    // Round away the binary noise of adding the step (−2.75 + 0.1 is −2.6500000000000004), keeping the decimals of
    // both the step and the value (an off-step value steps to off-step values: −2.75, −2.65, …).
    const rounded = allowed?.length ? next : Number(next.toFixed(Math.min(15, Math.max(decimalsOf(step), decimalsOf(current)))));
    const value = Math.min(max, Math.max(min, rounded));
    box.value = boxText(value);
    const changed = applyText(box.value, true);
    if (changed) fire("input");
    fire("change");
  });
  range.addEventListener("input", (event) => {
    event.stopPropagation();
    const value = Number(range.value);
    box.value = boxText(value);
    if (applyText(box.value, true)) fire("input");
  });
  range.addEventListener("change", (event) => {
    event.stopPropagation();
    fire("change");
  });

  Object.defineProperty(root, "value", {
    get: () => current,
    set: (v: unknown) => {
      // A number set by code is applied exactly; text (from a URL, say) goes through the typed-entry rules.
      if (typeof v === "number" && Number.isFinite(v)) {
        const resolved = resolveEntry({kind: "number", value: v}, current, rules);
        setCurrent(resolved.value);
        show(resolved);
        box.value = boxText(resolved.value);
        return;
      }
      const text = String(v);
      applyText(text, true);
    }
  });
  Object.defineProperty(root, "message", {get: () => messageText});
  return root;
}

/**
 * A probability or threshold box in [0, 1] without a slider: typed "0.2", "0,2" or "20%" are 0.2; beyond [0, 1]
 * clamped with a message, as numberInput.
 * @example const t = view(thresholdInput({label: "Risk threshold", value: 0.2, testId: "yd-threshold"}))
 */
export function thresholdInput({label, value, testId, min = 0, max = 1, step = 0.01, slider = false, format}: {label: string; value: number; testId: string; min?: number; max?: number; step?: number; slider?: boolean; format?: (v: number) => string}): NumberInputElement {
  return numberInput({label, value, testId, min, max, step, slider, percent: true, ...(format ? {format} : {})});
}
