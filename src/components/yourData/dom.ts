/**
 * The few DOM builders the "Your own cohort" forms share: an element with text and attributes, a button, a
 * fieldset with its legend, and a numberInput's edits heard as "typing" or "settled". Text is always set as text (a column name that looks like HTML stays text).
 *
 * The results build on them too: a section with its heading, a number cell's formatter, and the shell quoting of the
 * CLI command lines they print.
 *
 * Example: fieldset("Candidate predictors", {className: "your-data-predictors", testId: "choice-predictors"})
 */
import {formatNumber} from "../format.js";
import {downloadText, resultTable, type CellValue} from "./resultTable.js";

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

/**
 * The download of a whole result as JSON, and the command line that prints the same document: a button and a
 * note, appended to `into`.
 */
export function jsonDownload(into: HTMLElement, {label, testId, json, fileName, command}: {label: string; testId: string; json: () => string; fileName: string; command: string}): void {
  const b = el("button", label, {type: "button", "data-testid": testId});
  b.className = "your-data-download";
  b.addEventListener("click", () => downloadText(json(), fileName, "application/json"));
  const note = el("p", "Same shape and numbers as the command-line tool: ");
  note.append(el("code", command));
  into.append(b, note);
}

/** A results section titled `title`; tests find it by `your-section-{id}`. */
export function section(title: string, id: string): HTMLElement {
  const s = el("section", undefined, {"data-testid": `your-section-${id}`, "aria-labelledby": `your-heading-${id}`});
  s.className = "your-data-section";
  s.append(el("h2", title, {id: `your-heading-${id}`}));
  return s;
}

/** A cell's number to `d` decimals; text as it is; "—" when absent. */
export const num = (d: number) => (v: CellValue) => (typeof v === "number" ? formatNumber(v, d) : v == null ? "—" : String(v));

/** One shell word: as it is when it holds no special character, else in single quotes. */
export const shellQuote = (s: string) => (/^[\w.,@%+=:/-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);

/** The decision curve's table: net benefit every 5% of threshold (the CSV has every 1%), the model's column named. */
export function decisionCurveTable(id: string, modelLabel: string, points: readonly {threshold: number; netBenefitModel: number; netBenefitAll: number; netBenefitNone: number}[]): HTMLElement {
  return resultTable({
    id,
    caption: "Net benefit at threshold probabilities from 5% to 95% in steps of 5% (the CSV has every 1%).",
    showRow: (row) => Math.round((row.threshold as number) * 100) % 5 === 0,
    columns: [
      {key: "threshold", label: "Threshold probability", rowHeader: true, format: num(2)},
      {key: "netBenefitModel", label: modelLabel, format: num(4)},
      {key: "netBenefitAll", label: "Treat all", format: num(4)},
      {key: "netBenefitNone", label: "Treat none", format: num(4)}
    ],
    rows: points.map((p) => ({...p}))
  });
}
