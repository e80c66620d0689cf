/**
 * The choices for validating an equation on the reader's file: which equation (the site's prediction equation,
 * one pasted or typed as JSON, or an uploaded equation.json), the outcome column and its event value (each value
 * with its count), and the column mapping — one row per term with its unit, coefficient and range beside the
 * column chosen for it (preselected by name), the data dictionary's unit of that column where it knows it, and a
 * box the reader ticks to confirm the mapping and units before anything is computed. Native, labelled controls;
 * the equation is parsed here only to list its terms (the worker parses it again and validates).
 *
 * Example: validateForm(table, {studyEquation: text, onRun: (choices) => run(choices), onCancel})
 */
import {COHORT_SCHEMA} from "../cohort/schema.js";
import {parseEquation, serializeEquation, type PredictionEquation} from "../stats/equation-spec.js";
import type {LoadedTable, ValidationChoices} from "../worker/protocol.js";
import {eventOptions} from "./choicesForm.js";
import {downloadText} from "./resultTable.js";
import {el} from "./dom.js";

export interface ValidateFormOptions {
  /** equation.json of the site (its text), or null when it could not be loaded. */
  studyEquation: string | null;
  onRun: (choices: ValidationChoices) => void;
  onCancel: () => void;
  /** Choices to start from (kept across a re-read file). */
  initial?: Partial<ValidationChoices> & {source?: EquationSource};
}

export type EquationSource = "study" | "typed" | "file";

export interface ValidateFormElement extends HTMLFormElement {
  setBusy(busy: boolean): void;
}

/** The column preselected for a term: the same name, else the same name ignoring case and punctuation, else none. */
export function guessColumn(term: {name: string; label?: string}, columns: readonly string[]): string {
  if (columns.includes(term.name)) return term.name;
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "");
  const wanted = [norm(term.name), ...(term.label ? [norm(term.label)] : [])];
  return columns.find((c) => wanted.includes(norm(c))) ?? "";
}

function rangeText(range: [number | null, number | null] | undefined): string {
  if (!range) return "any value";
  return `${range[0] ?? "−∞"} to ${range[1] ?? "∞"}`;
}

export function validateForm(table: LoadedTable, {studyEquation, onRun, onCancel, initial = {}}: ValidateFormOptions): ValidateFormElement {
  const form = document.createElement("form") as ValidateFormElement;
  form.className = "your-data-choices";
  form.setAttribute("data-testid", "your-validate-form");
  form.setAttribute("aria-label", "Equation to validate");
  const columns = table.columns.map((c) => c.name);
  const numericColumns = table.columns.filter((c) => c.kind === "numeric").map((c) => c.name);
  let source: EquationSource = initial.source ?? (studyEquation ? "study" : "typed");
  let typedText = initial.equation ?? studyEquation ?? "";
  let fileText = "";
  let equation: PredictionEquation | null = null;
  let mapping = new Map<string, string>(initial.mapping ?? []);
  let outcome = initial.outcome && columns.includes(initial.outcome) ? initial.outcome : columns.includes("asd") ? "asd" : "";
  let positive = initial.positive ?? "";

  // 1. The equation.
  const sourceSet = el("fieldset");
  sourceSet.className = "your-data-predictors";
  sourceSet.append(el("legend", "1. The equation to validate"));
  const radio = (value: EquationSource, text: string, disabled = false) => {
    const id = `your-eq-source-${value}`;
    const input = el("input", undefined, {type: "radio", name: "your-eq-source", id, value, "data-testid": `eq-source-${value}`});
    input.checked = source === value;
    input.disabled = disabled;
    input.addEventListener("change", () => {
      if (input.checked) {
        source = value;
        refresh();
      }
    });
    const row = el("div");
    row.append(input, el("label", text, {for: id}));
    return row;
  };
  const typed = el("textarea", undefined, {rows: "10", "data-testid": "eq-typed", "aria-describedby": "your-eq-typed-hint", spellcheck: "false"});
  typed.id = "your-eq-typed";
  typed.value = typedText;
  typed.className = "your-data-equation-text";
  typed.addEventListener("input", () => {
    typedText = typed.value;
    refresh();
  });
  const typedHint = el("p", 'JSON: {"intercept": …, "terms": [{"name": "age", "coefficient": 0.05, "unit": "years"}, {"name": "smoking", "oddsRatio": 2.1, "kind": "binary"}]}. A coefficient is the change in log-odds per unit; an odds ratio may be given instead. Start from the site\'s equation below and edit it.', {id: "your-eq-typed-hint"});
  typedHint.className = "your-data-hint";
  const typedLabel = el("label", "Equation (JSON)", {for: "your-eq-typed"});
  const fileInput = el("input", undefined, {type: "file", accept: ".json,application/json", "data-testid": "eq-file"});
  fileInput.id = "your-eq-file";
  fileInput.addEventListener("change", async () => {
    const f = fileInput.files?.[0];
    fileText = f ? await f.text() : "";
    source = "file";
    refresh();
  });
  const fileLabel = el("label", "equation.json file", {for: "your-eq-file"});
  const equationStatus = el("p", undefined, {"data-testid": "eq-status", "aria-live": "polite"});
  const saveStudy = el("button", "Download the site’s equation.json", {type: "button", "data-testid": "eq-download-study"});
  saveStudy.className = "your-data-download";
  saveStudy.disabled = !studyEquation;
  saveStudy.addEventListener("click", () => studyEquation && downloadText(studyEquation, "equation.json", "application/json"));
  sourceSet.append(
    saveStudy,
    radio("study", studyEquation ? "The site’s prediction equation (equation.json of the study archive)" : "The site’s prediction equation (could not be loaded)", !studyEquation),
    radio("typed", "An equation I paste or type"),
    radio("file", "An equation.json file"),
    typedLabel, typed, typedHint, fileLabel, fileInput, equationStatus
  );

  // 2. The outcome and its event value.
  const outcomeSet = el("fieldset");
  outcomeSet.className = "your-data-predictors";
  outcomeSet.append(el("legend", "2. The observed outcome"));
  const outcomeSelect = el("select", undefined, {"data-testid": "val-outcome"});
  outcomeSelect.id = "your-val-outcome";
  const positiveSelect = el("select", undefined, {"data-testid": "val-positive"});
  positiveSelect.id = "your-val-positive";
  const fillOutcome = () => {
    outcomeSelect.replaceChildren(el("option", "— choose the outcome —", {value: ""}));
    for (const c of table.columns) {
      const o = el("option", c.name, {value: c.name});
      o.selected = c.name === outcome;
      outcomeSelect.append(o);
    }
    positiveSelect.replaceChildren(...eventOptions(table, outcome, positive));
    positiveSelect.disabled = !outcome;
  };
  outcomeSelect.addEventListener("change", () => {
    outcome = outcomeSelect.value;
    positive = "";
    fillOutcome();
    refresh();
  });
  positiveSelect.addEventListener("change", () => {
    positive = positiveSelect.value;
    refresh();
  });
  const outcomeRow = el("div");
  outcomeRow.className = "your-data-field";
  outcomeRow.append(el("label", "Outcome column", {for: outcomeSelect.id}), outcomeSelect);
  const positiveRow = el("div");
  positiveRow.className = "your-data-field";
  positiveRow.append(el("label", "Event value (confirm it: each value’s count is shown)", {for: positiveSelect.id}), positiveSelect);
  outcomeSet.append(outcomeRow, positiveRow);

  // 3. The mapping.
  const mapSet = el("fieldset", undefined, {"data-testid": "val-mapping"});
  mapSet.className = "your-data-predictors";
  mapSet.append(el("legend", "3. Which column holds each predictor"));
  const mapTable = el("table");
  mapTable.className = "stats";
  const mapBody = mapTable.createTBody();
  const head = mapTable.createTHead().insertRow();
  for (const h of ["Term", "Unit the equation wants", "Coefficient", "Made for", "Your column", "Column’s unit (data dictionary)"]) head.append(el("th", h, {scope: "col"}));
  const mapScroll = el("div", undefined, {role: "region", "aria-label": "Column mapping, scrollable", tabindex: "0"});
  mapScroll.className = "table-scroll";
  mapScroll.append(mapTable);
  const confirmBox = el("input", undefined, {type: "checkbox", id: "your-val-confirm", "data-testid": "val-confirm"});
  confirmBox.addEventListener("change", () => refresh());
  const confirmRow = el("div");
  confirmRow.className = "your-data-field your-data-check";
  confirmRow.append(confirmBox, el("label", "I have checked that each column is the predictor named, in the unit the equation wants (binary terms coded 0 = no, 1 = yes).", {for: "your-val-confirm"}));
  mapSet.append(mapScroll, confirmRow);

  const fillMapping = () => {
    mapBody.replaceChildren();
    if (!equation) {
      const tr = mapBody.insertRow();
      const td = el("td", "Give a valid equation first.");
      td.colSpan = 6;
      tr.append(td);
      return;
    }
    for (const t of equation.terms) {
      if (!mapping.has(t.name)) mapping.set(t.name, guessColumn(t, numericColumns));
      const tr = mapBody.insertRow();
      tr.setAttribute("data-term", t.name);
      const select = el("select", undefined, {"data-testid": "val-map", "data-term": t.name, "aria-label": `Column for ${t.label ?? t.name} (${t.unit})`});
      select.append(el("option", "— choose a column —", {value: ""}));
      for (const c of table.columns) {
        const o = el("option", c.kind === "numeric" ? c.name : `${c.name} (not numeric)`, {value: c.name});
        o.disabled = c.kind !== "numeric";
        o.selected = mapping.get(t.name) === c.name;
        select.append(o);
      }
      const unitCell = el("td");
      const showUnit = () => {
        const spec = COHORT_SCHEMA.find((c) => c.name === mapping.get(t.name) && (c.kind === "continuous" || c.kind === "binary"));
        unitCell.textContent = spec ? (spec.unit === t.unit ? `${spec.unit} (matches)` : `${spec.unit} — differs from ${t.unit}: convert the column`) : "not known";
        unitCell.classList.toggle("your-data-warning-cell", !!spec && spec.unit !== t.unit);
      };
      select.addEventListener("change", () => {
        mapping.set(t.name, select.value);
        showUnit();
        confirmBox.checked = false;
        refresh();
      });
      showUnit();
      const selectCell = el("td");
      selectCell.append(select);
      tr.append(el("th", t.label ? `${t.name} (${t.label})` : t.name, {scope: "row"}), el("td", t.unit), el("td", String(t.coefficient)), el("td", rangeText(t.range)), selectCell, unitCell);
    }
  };

  const problem = el("p", undefined, {"data-testid": "val-problem"});
  problem.className = "your-data-hint";
  const actions = el("div");
  actions.className = "your-data-actions";
  const run = el("button", "Validate the equation", {type: "submit", "data-testid": "your-validate-run"});
  const cancel = el("button", "Cancel", {type: "button", "data-testid": "your-validate-cancel"});
  cancel.disabled = true;
  cancel.addEventListener("click", () => onCancel());
  actions.append(run, cancel);

  const equationText = () => (source === "study" ? studyEquation ?? "" : source === "typed" ? typedText : fileText);
  const current = (): ValidationChoices => ({
    equation: equationText(),
    outcome,
    positive,
    mapping: equation ? equation.terms.map((t) => [t.name, mapping.get(t.name) ?? ""] as [string, string]) : []
  });
  const whyNot = (): string => {
    if (!equation) return "Give a valid equation.";
    if (!outcome) return "Choose the outcome column.";
    if (!positive) return "Choose which outcome value is the event.";
    const unmapped = equation.terms.filter((t) => !mapping.get(t.name)).map((t) => t.name);
    if (unmapped.length) return `Choose a column for ${unmapped.join(", ")}.`;
    const used = [...equation.terms.map((t) => mapping.get(t.name)!)];
    const twice = used.find((c, i) => used.indexOf(c) !== i);
    if (twice) return `The column “${twice}” is chosen for two terms.`;
    if (used.includes(outcome)) return `The outcome “${outcome}” cannot also be a predictor.`;
    if (!confirmBox.checked) return "Confirm the mapping and units (the box above).";
    return "";
  };
  const refresh = () => {
    typed.disabled = source !== "typed";
    fileInput.disabled = false;
    saveStudy.disabled = !studyEquation;
    positiveSelect.disabled = !outcome;
    const text = equationText();
    let parsed: PredictionEquation | null = null;
    let message = "";
    if (text.trim() === "") message = source === "file" ? "Choose an equation.json file." : "No equation given.";
    else {
      try {
        parsed = parseEquation(text);
        message = `Equation${parsed.name ? ` “${parsed.name}”` : ""}: intercept ${parsed.intercept}, ${parsed.terms.length} term${parsed.terms.length === 1 ? "" : "s"} (${parsed.terms.map((t) => t.name).join(", ")}).`;
      } catch (e) {
        message = `The equation cannot be used: ${(e as Error).message}`;
      }
    }
    equationStatus.textContent = message;
    equationStatus.classList.toggle("your-data-warning-text", parsed === null);
    const changed = JSON.stringify(parsed ? serializeEquation(parsed) : null) !== JSON.stringify(equation ? serializeEquation(equation) : null);
    equation = parsed;
    if (changed) {
      mapping = new Map([...mapping].filter(([term]) => parsed?.terms.some((t) => t.name === term)));
      confirmBox.checked = false;
      fillMapping();
    }
    const why = whyNot();
    problem.textContent = why;
    run.disabled = why !== "";
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (whyNot() === "") onRun(current());
  });
  fillOutcome();
  form.append(sourceSet, outcomeSet, mapSet, problem, actions);
  refresh();
  form.setBusy = (busy: boolean) => {
    for (const c of form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLButtonElement | HTMLTextAreaElement>("input, select, button, textarea")) {
      if (c === cancel) continue;
      c.disabled = busy;
    }
    cancel.disabled = !busy;
    if (!busy) refresh();
    form.setAttribute("aria-busy", String(busy));
  };
  return form;
}
