/**
 * The reader's choices for their own cohort: the outcome column, which of its values is the event, the candidate
 * predictors, how the model is chosen from them (an optional univariable screen at p < α, then no selection, Wald
 * selection at p < α or backward elimination), Firth's penalised likelihood, and the number of bootstrap replicates
 * and their seed. Every number is a numberInput: any typed value is accepted, one outside its range is clamped with
 * a message saying so, and the value shown is the value used. The event value
 * is the reader's to confirm: each value is listed with its count, and only a 0/1 outcome (1) or a no/yes one (yes) is preselected —
 * an outcome coded 1/2 (SPSS's 1 = no, 2 = yes) or in other words waits for the reader's choice. Columns unique per row
 * (identifiers) are flagged and left out of "Select all". Every control is a native,
 * labelled form element (keyboard-usable, announced by screen readers). The form holds no state of its own: it
 * is drawn from the page's current choices and reports each change, so the choices survive an error, a re-run
 * and a corrected file (choices whose columns still exist are kept — see `reconcileChoices`).
 *
 * Example: choicesForm(table, choices, {onChange: (next) => (choices = next), onRun: () => run()})
 */
import {kindText} from "./columnPreview.js";
import {DEFAULT_REPLICATES, DEFAULT_SEED, MAX_REPLICATES, MIN_REPLICATES, type AnalysisChoices, type ColumnSummary, type LoadedTable} from "../worker/protocol.js";
import {numberInput, type NumberInputElement} from "../number-input.js";
import {button, el, fieldset, onNumberEdit} from "./dom.js";

/** Largest bootstrap seed (the CLI's --seed range). */
export const MAX_SEED = 2 ** 31 - 1;

/** Default α of the screen and of Wald selection, when the reader turns either on. */
export const DEFAULT_SCREEN_P = 0.05;

export interface ChoicesFormOptions {
  /** Each change; `settled` is false while a number is still being typed (one history entry per settled change). */
  onChange: (choices: AnalysisChoices, settled: boolean) => void;
  onRun: () => void;
  onCancel: () => void;
}

export function emptyChoices(): AnalysisChoices {
  return {outcome: "", positive: "", predictors: [], firth: false, replicates: DEFAULT_REPLICATES, seed: DEFAULT_SEED, screenP: null, select: "none", selectP: DEFAULT_SCREEN_P};
}

/**
 * The event value to preselect: "1" for an outcome whose values are exactly 0 and 1, "yes" for no/yes; otherwise
 * none, so that the reader confirms it (1/2, or two words, could mean either).
 */
export function defaultPositive(column: ColumnSummary | undefined): string {
  if (!column) return "";
  const levels = [...column.levels].sort();
  if (levels.length !== 2) return "";
  if (levels[0] === "0" && levels[1] === "1") return "1";
  if (levels[0]!.toLowerCase() === "no" && levels[1]!.toLowerCase() === "yes") return levels[1]!;
  return "";
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

/** Choices that do not fit the loaded table, kept (in the page and its link) for a file that has their columns. */
export interface PendingChoices {
  /** The outcome column, "" when it fits (or none was chosen). */
  outcome: string;
  /** The event value, "" when it fits. */
  positive: string;
  predictors: string[];
}

/**
 * Choices carried over to a newly loaded table: the outcome, event value and predictors are kept wherever their
 * columns (and the event value) still exist; the rest are not used, never silently replaced: `dropped` says which
 * (in words) and `pending` holds them, so that they are applied again when a file with those columns is loaded.
 */
export function reconcileChoices(previous: AnalysisChoices, table: LoadedTable): {choices: AnalysisChoices; dropped: string[]; pending: PendingChoices} {
  const names = new Set(table.columns.map((c) => c.name));
  const dropped: string[] = [];
  const pending: PendingChoices = {outcome: "", positive: "", predictors: []};
  const outcome = names.has(previous.outcome) ? previous.outcome : "";
  if (previous.outcome && !outcome) {
    dropped.push(`outcome “${previous.outcome}”`);
    pending.outcome = previous.outcome;
    pending.positive = previous.positive;
  }
  const outcomeColumn = table.columns.find((c) => c.name === outcome);
  let positive = "";
  if (outcomeColumn) {
    const fits = outcomeColumn.levels.includes(previous.positive) || outcomeColumn.levelsCapped;
    positive = previous.positive && fits ? previous.positive : defaultPositive(outcomeColumn);
    if (previous.positive && !fits) {
      dropped.push(`event value “${previous.positive}” (“${outcome}” has ${[...outcomeColumn.levels].sort().map((v) => `“${v}”`).join(", ")})`);
      pending.positive = previous.positive;
    }
  }
  const predictors = previous.predictors.filter((p) => names.has(p) && p !== outcome);
  pending.predictors = previous.predictors.filter((p) => !names.has(p));
  if (pending.predictors.length) dropped.push(`predictor${pending.predictors.length === 1 ? "" : "s"} ${pending.predictors.map((p) => `“${p}”`).join(", ")}`);
  return {choices: {...previous, outcome, positive, predictors}, dropped, pending};
}

function labelled(labelText: string, control: HTMLElement, id: string): HTMLElement {
  const wrap = el("div");
  wrap.className = "your-data-field";
  control.id = id;
  wrap.append(el("label", labelText, {for: id}), control);
  return wrap;
}

function option(value: string, text: string, selected: boolean): HTMLOptionElement {
  const o = el("option", text);
  o.value = value;
  o.selected = selected;
  return o;
}

/** A select of (value, text) pairs. */
export function selectOf(options: readonly (readonly [string, string])[], current: string, testId: string): HTMLSelectElement {
  const select = el("select", undefined, {"data-testid": testId});
  for (const [value, text] of options) select.append(option(value, text, value === current));
  return select;
}

/**
 * A start value for a numberInput: the value as given when it is a finite number (one outside the control's range is
 * clamped there, with a message saying so), else the default (a link's NaN or Infinity).
 */
function finiteOr(value: number | null | undefined, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

/** Enables or disables a numberInput's box and slider (a threshold not in use is not editable). */
function setEnabled(input: NumberInputElement, enabled: boolean): void {
  for (const c of input.querySelectorAll("input")) c.disabled = !enabled;
  input.toggleAttribute("data-disabled", !enabled);
}


export interface ChoicesFormElement extends HTMLFormElement {
  /** Disables the controls while an analysis runs (Cancel stays enabled). */
  setBusy(busy: boolean): void;
  /** The choices as the controls show them (a value outside a control's range is the clamped one). */
  readonly choices: AnalysisChoices;
}

const SELECT_METHODS = [
  ["none", "none: keep every candidate that entered"],
  ["wald", "Wald p below the threshold, then refit"],
  ["backward", "backward elimination (rms::fastbw, AIC), then refit"]
] as const;

export function choicesForm(table: LoadedTable, choices: AnalysisChoices, {onChange, onRun, onCancel}: ChoicesFormOptions): ChoicesFormElement {
  const form = el("form", undefined, {"data-testid": "your-data-choices", "aria-label": "Analysis choices"}) as ChoicesFormElement;
  form.className = "your-data-choices";
  let current: AnalysisChoices = {...emptyChoices(), ...choices, predictors: [...choices.predictors]};
  const emit = (settled = true) => onChange({...current, predictors: [...current.predictors]}, settled);

  // Outcome column.
  const outcome = selectOf([["", "— choose the outcome —"], ...table.columns.map((c) => [c.name, c.name] as const)], current.outcome, "choice-outcome");

  // Event value, from the outcome column's values.
  const positive = el("select", undefined, {"data-testid": "choice-positive"});
  const fillPositive = () => {
    const column = table.columns.find((c) => c.name === current.outcome);
    positive.disabled = !column;
    positive.replaceChildren(...(column ? eventOptions(table, current.outcome, current.positive) : [option("", "— choose the outcome first —", true)]));
  };

  // Candidate predictors.
  const predictors = fieldset("Candidate predictors", {className: "your-data-predictors", testId: "choice-predictors"});
  const list = el("div");
  list.className = "your-data-predictor-list";
  const boxes: HTMLInputElement[] = [];
  const idLike = new Set(table.idLike ?? []);
  const fillPredictors = () => {
    list.replaceChildren();
    boxes.length = 0;
    table.columns.forEach((c) => {
      if (c.name === current.outcome) return;
      const id = `your-data-predictor-${c.index}`;
      const box = el("input", undefined, {type: "checkbox", id, "data-testid": "choice-predictor", "data-column": c.name});
      box.value = c.name;
      box.checked = current.predictors.includes(c.name);
      box.addEventListener("change", () => {
        // Keep the file's column order, whatever order the boxes were ticked in (as the CLI's --predictors order).
        const chosen = new Set(boxes.filter((b) => b.checked).map((b) => b.value));
        current.predictors = table.columns.map((col) => col.name).filter((name) => chosen.has(name));
        emit();
      });
      boxes.push(box);
      const label = el("label", c.name, {for: id});
      const kind = el("span", ` (${kindText(c)}${idLike.has(c.name) ? "; a different value in every row: an identifier?" : ""})`);
      kind.className = "your-data-kind";
      if (idLike.has(c.name)) box.setAttribute("data-id-like", "true");
      label.append(kind);
      const row = el("div");
      row.append(box, label);
      list.append(row);
    });
  };
  const choosePredictors = (names: string[]) => {
    current.predictors = names;
    fillPredictors();
    emit();
  };
  const bulk = el("div");
  bulk.className = "your-data-bulk";
  bulk.append(
    button("Select all", "choice-predictors-all", {onClick: () => choosePredictors(table.columns.map((c) => c.name).filter((name) => name !== current.outcome && !idLike.has(name)))}),
    button("Clear", "choice-predictors-none", {onClick: () => choosePredictors([])})
  );
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

  /** A numberInput whose every typed change is reported (settled on Enter, blur or a slider's release). */
  const numberChoice = (input: NumberInputElement, set: (v: number) => void) => {
    onNumberEdit(input, (settled) => {
      set(input.value);
      emit(settled);
    });
    return input;
  };

  // How the model is chosen from the candidates: the procedure's screen and selection.
  const procedure = fieldset("How the model is chosen", {className: "your-data-predictors", testId: "choice-procedure"});
  const screenOn = el("input", undefined, {type: "checkbox", id: "your-data-screen", "data-testid": "choice-screen"});
  screenOn.checked = current.screenP != null;
  const screenRow = el("div");
  screenRow.className = "your-data-field your-data-check";
  screenRow.append(screenOn, el("label", "Screen first: only candidates whose Table 1 test has p below the threshold enter the model", {for: screenOn.id}));
  const screenP = numberChoice(numberInput({label: "Screening threshold: enter if p <", min: 0.001, max: 1, step: 0.001, value: finiteOr(current.screenP, DEFAULT_SCREEN_P), slider: true, testId: "choice-screen-p"}), (v) => {
    current.screenP = v;
  });
  const selectMethod = selectOf(SELECT_METHODS, current.select ?? "none", "choice-select");
  const selectP = numberChoice(numberInput({label: "Wald selection: keep if p <", min: 0.001, max: 1, step: 0.001, value: finiteOr(current.selectP, DEFAULT_SCREEN_P), slider: true, testId: "choice-select-p"}), (v) => {
    current.selectP = v;
  });
  const showProcedure = () => {
    setEnabled(screenP, screenOn.checked);
    setEnabled(selectP, selectMethod.value === "wald");
  };
  screenOn.addEventListener("change", () => {
    current.screenP = screenOn.checked ? screenP.value : null;
    showProcedure();
    emit();
  });
  selectMethod.addEventListener("change", () => {
    current.select = selectMethod.value as AnalysisChoices["select"];
    showProcedure();
    emit();
  });
  const procedureHint = el("p", "Without a screen or a selection every candidate is fitted (the CLI's --predictors); each option is the CLI's flag of the same name (--screen-p, --select-p, --backward aic).");
  procedureHint.className = "your-data-hint";
  procedure.append(screenRow, screenP, labelled("Then select", selectMethod, "your-data-select"), selectP, procedureHint);

  // Firth and the bootstrap.
  const firthWrap = el("div");
  firthWrap.className = "your-data-field your-data-check";
  const firth = el("input", undefined, {type: "checkbox", id: "your-data-firth", "data-testid": "choice-firth"});
  firth.checked = current.firth;
  firth.addEventListener("change", () => {
    current.firth = firth.checked;
    emit();
  });
  firthWrap.append(firth, el("label", "Firth’s penalised likelihood (for separation or few events)", {for: firth.id}));

  const replicates = numberChoice(numberInput({label: "Bootstrap replicates (B)", min: MIN_REPLICATES, max: MAX_REPLICATES, step: 1, integer: true, slider: false, value: finiteOr(current.replicates, DEFAULT_REPLICATES), testId: "choice-replicates"}), (v) => {
    current.replicates = v;
  });
  const replicatesHint = el("p", `A whole number from ${MIN_REPLICATES} to ${MAX_REPLICATES.toLocaleString("en")}; ${DEFAULT_REPLICATES} is usual, more gives steadier optimism estimates and takes longer.`);
  replicatesHint.className = "your-data-hint";

  const seed = numberChoice(numberInput({label: "Bootstrap seed", min: 1, max: MAX_SEED, step: 1, integer: true, slider: false, value: finiteOr(current.seed, DEFAULT_SEED), testId: "choice-seed"}), (v) => {
    current.seed = v;
  });
  const seedHint = el("p", `A whole number from 1 to ${MAX_SEED.toLocaleString("en")}; the same seed gives the same bootstrap, here and in the CLI (--seed).`);
  seedHint.className = "your-data-hint";

  // What the controls show is what is used: a clamped start value (a link's B = 5000, say) is the choice.
  current.replicates = replicates.value;
  current.seed = seed.value;
  current.selectP = selectP.value;
  if (current.screenP != null) current.screenP = screenP.value;

  const actions = el("div");
  actions.className = "your-data-actions";
  const cancel = button("Cancel", "your-data-cancel", {onClick: () => onCancel()});
  cancel.disabled = true;
  actions.append(button("Analyse", "your-data-run", {type: "submit"}), cancel);

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
    procedure,
    firthWrap,
    replicates,
    replicatesHint,
    seed,
    seedHint,
    actions
  );
  showProcedure();
  form.setBusy = (busy: boolean) => {
    for (const c of form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>("input, select, button")) {
      if (c === cancel) continue;
      c.disabled = busy || (c === positive && !current.outcome);
    }
    if (!busy) showProcedure();
    cancel.disabled = !busy;
    form.setAttribute("aria-busy", String(busy));
  };
  Object.defineProperty(form, "choices", {get: () => ({...current, predictors: [...current.predictors]})});
  return form;
}
