/**
 * Two numeric controls that bound a range and cannot cross (the decision curve's lowest and highest threshold): the
 * pair always holds low ≤ high − gap. When a person moves one past the other, the other is moved to keep the gap if
 * it can (within its own allowed range), and otherwise the one moved is held back; either way a visible message says
 * which value was changed and to what, so the pair never shows one range while the chart draws another.
 *
 * orderedBounds is the rule (pure, tested in Node); boundPair wires it to two numberInputs (./number-input.ts) and is
 * an Observable view whose value is {low, high}. Each control keeps its own test hooks, and each can be bound to the
 * URL (./url-state.ts) as any numberInput.
 *
 * @example const dca = view(boundPair({low: {label: "Lowest threshold shown", min: 0.01, max: 0.5, step: 0.01, value: 0.01, testId: "dca-low"}, high: {label: "Highest threshold shown", min: 0.05, max: 0.99, step: 0.01, value: 0.6, testId: "dca-high"}, gap: 0.01, testId: "dca-range"}))
 */
import {formatEntry, numberInput, type NumberInputElement, type NumberInputOptions} from "./number-input.js";

export interface Bounds {
  low: number;
  high: number;
}

export interface OrderedBounds extends Bounds {
  /** Which value the rule changed ("none" when the pair was already in order). */
  moved: "none" | "low" | "high";
}

/**
 * The pair after `changed` was set: in order (low ≤ high − gap) unchanged; else the other value is moved to keep the
 * gap if its limits allow, else the changed one is held at the gap from the other.
 * @example orderedBounds({low: 0.55, high: 0.5}, "low", {gap: 0.01, lowLimits: [0.01, 0.5], highLimits: [0.05, 0.99]}) // {low: 0.5, high: 0.56, moved: ...}
 */
export function orderedBounds({low, high}: Bounds, changed: "low" | "high", {gap, lowLimits, highLimits}: {gap: number; lowLimits: [number, number]; highLimits: [number, number]}): OrderedBounds {
  const tidy = (v: number) => +v.toPrecision(12);
  if (low <= tidy(high - gap)) return {low, high, moved: "none"};
  if (changed === "low") {
    const pushed = tidy(low + gap);
    if (pushed <= highLimits[1] && pushed >= highLimits[0]) return {low, high: pushed, moved: "high"};
    return {low: Math.max(lowLimits[0], tidy(high - gap)), high, moved: "low"};
  }
  const pushed = tidy(high - gap);
  if (pushed >= lowLimits[0] && pushed <= lowLimits[1]) return {low: pushed, high, moved: "low"};
  return {low, high: Math.min(highLimits[1], tidy(low + gap)), moved: "high"};
}

export type BoundPairElement = HTMLDivElement & {value: Bounds; readonly low: NumberInputElement; readonly high: NumberInputElement};

export function boundPair({low, high, gap, testId}: {low: NumberInputOptions; high: NumberInputOptions; gap: number; testId: string}): BoundPairElement {
  if (!(gap >= 0)) throw new RangeError("boundPair: gap must be a number ≥ 0");
  const root = document.createElement("div") as unknown as BoundPairElement;
  root.className = "bound-pair";
  root.setAttribute("role", "group");
  root.setAttribute("data-testid", testId);
  const lowInput = numberInput(low);
  const highInput = numberInput(high);
  const message = document.createElement("p");
  message.className = "bound-pair-message";
  message.setAttribute("role", "status");
  message.setAttribute("aria-live", "polite");
  message.setAttribute("data-testid", `${testId}-message`);
  const limits = {gap, lowLimits: [low.min, low.max] as [number, number], highLimits: [high.min, high.max] as [number, number]};
  const format = (v: number) => (low.format ?? formatEntry)(v);
  // In order from the start (initial values that cross are put in order by the same rule, the high one given way).
  const start = orderedBounds({low: lowInput.value, high: highInput.value}, "high", limits);
  lowInput.value = start.low;
  highInput.value = start.high;
  // Registered before any listener a page adds to the pair, so the pair is in order before anyone reads it.
  let moving = false;
  const react = (changed: "low" | "high") => () => {
    if (moving) return;
    const next = orderedBounds({low: lowInput.value, high: highInput.value}, changed, limits);
    if (next.moved === "high") highInput.value = next.high;
    if (next.moved === "low") lowInput.value = next.low;
    message.textContent = next.moved === "none" ? "" : next.moved === "high"
      ? `${high.label} moved to ${format(highInput.value)} to stay above ${low.label.toLowerCase()} (${format(lowInput.value)}).`
      : `${low.label} held at ${format(lowInput.value)} to stay below ${high.label.toLowerCase()} (${format(highInput.value)}).`;
    // The moved control says it changed, so whatever follows it (its URL parameter) follows the move too.
    if (next.moved !== "none") {
      moving = true;
      try {
        (next.moved === "high" ? highInput : lowInput).dispatchEvent(new Event("input", {bubbles: true}));
      } finally {
        moving = false;
      }
    }
  };
  lowInput.addEventListener("input", react("low"));
  highInput.addEventListener("input", react("high"));
  root.append(lowInput, highInput, message);
  Object.defineProperty(root, "value", {
    get: () => ({low: lowInput.value, high: highInput.value}),
    set: (v: Bounds) => {
      lowInput.value = v.low;
      highInput.value = v.high;
      react("high")();
    }
  });
  Object.defineProperty(root, "low", {get: () => lowInput});
  Object.defineProperty(root, "high", {get: () => highInput});
  return root;
}
