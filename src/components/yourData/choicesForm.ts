/**
 * The reader's choices for their own cohort: the outcome column, which of its values is the event, the candidate
 * predictors, Firth's penalised likelihood, and the number of bootstrap replicates and their seed. The event value
 * is the reader's to confirm: each value is listed with its count, and only a 0/1 outcome is preselected (1) — an
 * outcome coded 1/2 (SPSS's 1 = no, 2 = yes) or in words waits for the reader's choice. Columns unique per row
 * (identifiers) are flagged and left out of "Select all". Every control is a native,
 * labelled form element (keyboard-usable, announced by screen readers). The form holds no state of its own: it
 * is drawn from the page's current choices and reports each change, so the choices survive an error, a re-run
 * and a corrected file (choices whose columns still exist are kept — see `reconcileChoices`).
 *
 * Example: choicesForm(table, choices, {onChange: (next) => (choices = next), onRun: () => run()})
 */
import {kindText} from "./columnPreview.js";
import {DEFAULT_REPLICATES, DEFAULT_SEED, MAX_REPLICATES, MIN_REPLICATES, type AnalysisChoices, type ColumnSummary, type LoadedTable} from "../worker/protocol.js";
import {numberInput} from "../number-input.js";

/** Largest bootstrap seed (the CLI's --seed range). */
export const MAX_SEED = 2 ** 31 - 1;

export interface ChoicesFormOptions {
  onChange: (choices: AnalysisChoices) => void;
  onRun: () => void;
  onCancel: () => void;
}

export function emptyChoices(): AnalysisChoices {
  return {outcome: "", positive: "", predictors: [], firth: false, replicates: DEFAULT_REPLICATES, seed: DEFAULT_SEED};
}

/**
 * The event value to preselect: "1" for an outcome whose values are exactly 0 and 1; otherwise none, so that the
 * reader confirms it (a 1/2 coding or words could mean either).
 */
export function defaultPositive(column: ColumnSummary | undefined): string {
  if (!column) return "";
  const levels = [...column.levels].sort();
  return levels.length === 2 && levels[0] === "0" && levels[1] === "1" ? "1" : "";
}

/** The options of an event-value select: each value of the outcome with its count (when the worker counted them). */
export function eventOptions(table: LoadedTable, outcome: string, positive: string): HTMLOptionElement[] {
  const column = table.columns.find((c) => c.name === outcome);
  if (!column) return [option("", "— choose the outcome first —", true)];
  const counts = table.valueCounts?.find((v) => v.column === outcome)?.counts;
  const values = counts ? counts.map((c) => c.value) : [...column.levels].sort();
  if (positive && !values.includes(positive)) values.push(positive);
  const out = [option("", "— choose the event value —", positive === "")];
  for (const value of values) {
    const n = counts?.find((c) => c.value === value)?.n;
    out.push(option(value, `${value === "" ? "(blank)" : value}${n === undefined ? "" : ` (${n.toLocaleString("en")} row${n === 1 ? "" : "s"})`}`, value === positive));
  }
  return out;
}

/**
 * Choices carried over to a newly loaded table: the outcome, event value and predictors are kept wherever their
 * columns (and the event value) still exist; the rest are dropped, never silently replaced.
 */
export function reconcileChoices(previous: AnalysisChoices, table: LoadedTable): {choices: AnalysisChoices; dropped: string[]} {
  const names = new Set(table.columns.map((c) => c.name));
  const dropped: string[] = [];
  const outcome = names.has(previous.outcome) ? previous.outcome : "";
  if (previous.outcome && !outcome) dropped.push(`outcome “${previous.outcome}”`);
  const outcomeColumn = table.columns.find((c) => c.name === outcome);
  let positive = "";
  if (outcomeColumn) {
    positive = previous.positive && (outcomeColumn.levels.includes(previous.positive) || outcomeColumn.levelsCapped) ? previous.positive : defaultPositive(outcomeColumn);
  }
  const predictors = previous.predictors.filter((p) => names.has(p) && p !== outcome);
  const lost = previous.predictors.filter((p) => !names.has(p));
  if (lost.length) dropped.push(`predictor${lost.length === 1 ? "" : "s"} ${lost.map((p) => `“${p}”`).join(", ")}`);
  return {choices: {...previous, outcome, positive, predictors}, dropped};
}

function labelled(labelText: string, control: HTMLElement, id: string): HTMLElement {
  const wrap = document.createElement("div");
  wrap.className = "your-data-field";
  const label = document.createElement("label");
  label.htmlFor = id;
  label.textContent = labelText;
  control.id = id;
  wrap.append(label, control);
  return wrap;
}

function option(value: string, text: string, selected: boolean): HTMLOptionElement {
  const o = document.createElement("option");
  o.value = value;
  o.textContent = text;
  o.selected = selected;
  return o;
}

export interface ChoicesFormElement extends HTMLFormElement {
  /** Disables the controls while an analysis runs (Cancel stays enabled). */
  setBusy(busy: boolean): void;
}

export function choicesForm(table: LoadedTable, choices: AnalysisChoices, {onChange, onRun, onCancel}: ChoicesFormOptions): ChoicesFormElement {
  const form = document.createElement("form") as ChoicesFormElement;
  form.className = "your-data-choices";
  form.setAttribute("data-testid", "your-data-choices");
  form.setAttribute("aria-label", "Analysis choices");
  let current: AnalysisChoices = {...choices, predictors: [...choices.predictors]};
  const emit = () => onChange({...current, predictors: [...current.predictors]});

  // Outcome column.
  const outcome = document.createElement("select");
  outcome.setAttribute("data-testid", "choice-outcome");
  outcome.append(option("", "— choose the outcome —", current.outcome === ""));
  for (const c of table.columns) outcome.append(option(c.name, c.name, c.name === current.outcome));

  // Event value, from the outcome column's values.
  const positive = document.createElement("select");
  positive.setAttribute("data-testid", "choice-positive");
  const fillPositive = () => {
    positive.replaceChildren();
    const column = table.columns.find((c) => c.name === current.outcome);
    if (!column) {
      positive.append(option("", "— choose the outcome first —", true));
      positive.disabled = true;
      return;
    }
    positive.disabled = false;
    positive.append(...eventOptions(table, current.outcome, current.positive));
  };

  // Candidate predictors.
  const predictors = document.createElement("fieldset");
  predictors.className = "your-data-predictors";
  predictors.setAttribute("data-testid", "choice-predictors");
  const legend = document.createElement("legend");
  legend.textContent = "Candidate predictors";
  predictors.append(legend);
  const list = document.createElement("div");
  list.className = "your-data-predictor-list";
  const boxes: HTMLInputElement[] = [];
  const idLike = new Set(table.idLike ?? []);
  const fillPredictors = () => {
    list.replaceChildren();
    boxes.length = 0;
    table.columns.forEach((c) => {
      if (c.name === current.outcome) return;
      const id = `your-data-predictor-${c.index}`;
      const box = document.createElement("input");
      box.type = "checkbox";
      box.id = id;
      box.value = c.name;
      box.checked = current.predictors.includes(c.name);
      box.setAttribute("data-testid", "choice-predictor");
      box.setAttribute("data-column", c.name);
      box.addEventListener("change", () => {
        // Keep the file's column order, whatever order the boxes were ticked in (as the CLI's --predictors order).
        const chosen = new Set(boxes.filter((b) => b.checked).map((b) => b.value));
        current.predictors = table.columns.map((col) => col.name).filter((name) => chosen.has(name));
        emit();
      });
      boxes.push(box);
      const label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = c.name;
      const kind = document.createElement("span");
      kind.className = "your-data-kind";
      kind.textContent = ` (${kindText(c)}${idLike.has(c.name) ? "; a different value in every row: an identifier?" : ""})`;
      if (idLike.has(c.name)) box.setAttribute("data-id-like", "true");
      label.append(kind);
      const row = document.createElement("div");
      row.append(box, label);
      list.append(row);
    });
  };
  const bulk = document.createElement("div");
  bulk.className = "your-data-bulk";
  const allButton = document.createElement("button");
  allButton.type = "button";
  allButton.textContent = "Select all";
  allButton.setAttribute("data-testid", "choice-predictors-all");
  allButton.addEventListener("click", () => {
    current.predictors = table.columns.map((c) => c.name).filter((name) => name !== current.outcome && !idLike.has(name));
    fillPredictors();
    emit();
  });
  const noneButton = document.createElement("button");
  noneButton.type = "button";
  noneButton.textContent = "Clear";
  noneButton.setAttribute("data-testid", "choice-predictors-none");
  noneButton.addEventListener("click", () => {
    current.predictors = [];
    fillPredictors();
    emit();
  });
  bulk.append(allButton, noneButton);
  predictors.append(bulk, list);

  outcome.addEventListener("change", () => {
    current.outcome = outcome.value;
    current.positive = defaultPositive(table.columns.find((c) => c.name === current.outcome));
    current.predictors = current.predictors.filter((p) => p !== current.outcome);
    fillPositive();
    fillPredictors();
    emit();
  });
  positive.addEventListener("change", () => {
    current.positive = positive.value;
    emit();
  });

  // Firth and the bootstrap.
  const firthWrap = document.createElement("div");
  firthWrap.className = "your-data-field your-data-check";
  const firth = document.createElement("input");
  firth.type = "checkbox";
  firth.id = "your-data-firth";
  firth.checked = current.firth;
  firth.setAttribute("data-testid", "choice-firth");
  const firthLabel = document.createElement("label");
  firthLabel.htmlFor = firth.id;
  firthLabel.textContent = "Firth’s penalised likelihood (for separation or few events)";
  firth.addEventListener("change", () => {
    current.firth = firth.checked;
    emit();
  });
  firthWrap.append(firth, firthLabel);

  const replicates = document.createElement("input");
  replicates.type = "number";
  replicates.min = String(MIN_REPLICATES);
  replicates.max = String(MAX_REPLICATES);
  replicates.step = "1";
  replicates.value = String(current.replicates);
  replicates.setAttribute("data-testid", "choice-replicates");
  replicates.setAttribute("aria-describedby", "your-data-replicates-hint");
  replicates.addEventListener("input", () => {
    current.replicates = Number(replicates.value);
    emit();
  });
  const replicatesHint = document.createElement("span");
  replicatesHint.id = "your-data-replicates-hint";
  replicatesHint.className = "your-data-hint";
  replicatesHint.textContent = ` ${MIN_REPLICATES}–${MAX_REPLICATES}; 200 is usual, more gives steadier optimism estimates and takes longer.`;
  const replicatesField = labelled("Bootstrap replicates (B)", replicates, "your-data-replicates");
  replicatesField.append(replicatesHint);

  const seed = numberInput({label: "Bootstrap seed", min: 1, max: MAX_SEED, step: 1, integer: true, slider: false, value: Math.min(MAX_SEED, Math.max(1, Math.round(current.seed))), testId: "choice-seed"});
  seed.addEventListener("input", (event) => {
    event.stopPropagation();
    current.seed = seed.value;
    emit();
  });
  const seedHint = document.createElement("p");
  seedHint.className = "your-data-hint";
  seedHint.textContent = `A whole number from 1 to ${MAX_SEED.toLocaleString("en")}; the same seed gives the same bootstrap, here and in the CLI (--seed).`;

  const actions = document.createElement("div");
  actions.className = "your-data-actions";
  const run = document.createElement("button");
  run.type = "submit";
  run.textContent = "Analyse";
  run.setAttribute("data-testid", "your-data-run");
  const cancel = document.createElement("button");
  cancel.type = "button";
  cancel.textContent = "Cancel";
  cancel.disabled = true;
  cancel.setAttribute("data-testid", "your-data-cancel");
  cancel.addEventListener("click", () => onCancel());
  actions.append(run, cancel);

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    onRun();
  });

  fillPositive();
  fillPredictors();
  form.append(
    labelled("Outcome column", outcome, "your-data-outcome"),
    labelled("Event value (rows with this value are the events)", positive, "your-data-positive"),
    predictors,
    firthWrap,
    replicatesField,
    seed,
    seedHint,
    actions
  );
  form.setBusy = (busy: boolean) => {
    for (const el of form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>("input, select, button")) {
      if (el === cancel) continue;
      el.disabled = busy || (el === positive && !current.outcome);
    }
    cancel.disabled = !busy;
    form.setAttribute("aria-busy", String(busy));
  };
  return form;
}
