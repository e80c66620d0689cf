/**
 * The "Your own cohort" application: choose a file (picker, drag-and-drop, or the study's own cohort), confirm how
 * it was read (delimiter and decimal mark, or the sheet), see its columns and first rows, then either fit a new
 * model (the site's analysis) or validate a given equation — the site's prediction equation, one typed or pasted,
 * or an uploaded equation.json — after confirming its column mapping; both run in a Web Worker with progress
 * shown, and their results are read and exported alike. After a run starts, focus moves to the status line (it
 * is scrolled into view), so a reader sees the progress and hears the outcome. The state —
 * the loaded table's summary, the reader's choices, the last result — lives here, so an error (a bad file, a bad
 * column, separation) never resets the choices: a corrected file keeps every choice whose column still exists, and
 * a re-run after an error starts from the same selections.
 *
 * Every choice is in the page's URL (./link.ts) and restored from it, Back/Forward included. A file cannot be in a
 * link: a link's choices wait for a file, are applied when it is loaded (the same file again, or the study's
 * cohort), and those that do not fit it (a column it does not have) are named, kept in the link, and applied to
 * the next file that has them. A link whose choices are complete and fit runs the analysis when the file is loaded,
 * so that its results and live threshold are shown as the sender saw them.
 *
 * Status goes to a polite live region (progress, "done"), errors to an assertive alert, both with stable
 * data-testids (your-status, your-error). Browser only.
 *
 * Example: display(yourDataApp({workerUrl: FileAttachment("data/analysis-worker.js").href}))
 */
import {AnalysisClient, AnalysisFailure, CancelledError, checkFileSize, formatBytes, type Progress} from "../worker/client.js";
import {MAX_FILE_BYTES, validateChoices, type AnalysisChoices, type LoadedTable, type PageResult, type ValidationChoices, type ValidationPageResult} from "../worker/protocol.js";
import {DECIMAL_MARKS, DELIMITERS, delimiterName, type Dialect} from "../cohort/readers/dialect.js";
import {validateForm, type EquationSource} from "./validateForm.js";
import {validationResults} from "./validationResults.js";
import {dropZone} from "./dropZone.js";
import {columnPreview} from "./columnPreview.js";
import {choicesForm, emptyChoices, reconcileChoices, type ChoicesFormElement, type PendingChoices} from "./choicesForm.js";
import {renderResults} from "./results.js";
import type {ExplorerElement} from "./thresholdExplorer.js";
import {el, fieldset} from "./dom.js";
import {defaultLink, linkChoices, withChoices, yourDataLink, type YourDataLink} from "./link.js";
import {ensureYourDataStyle} from "./style.js";

export interface YourDataAppOptions {
  workerUrl: string | URL;
  /** The site's equation.json (its URL), offered in the validation mode. */
  equationUrl?: string | URL;
  /** The study's cohort.csv (its URL), for "try it with the study's cohort". */
  cohortUrl?: string | URL;
}

export type YourDataMode = "fit" | "validate";

/** Stage names the worker reports, in the reader's words. */
const STAGE_TEXT: Record<string, string> = {
  reading: "Reading the file",
  parsing: "Parsing the CSV",
  columns: "Detecting column types",
  preparing: "Preparing the data",
  fitting: "Fitting the model",
  univariate: "Testing each variable (Table 1)",
  roc: "ROC curves and DeLong tests",
  bootstrap: "Bootstrap validation",
  "procedure-bootstrap": "Bootstrap of the whole procedure",
  "cutpoint-bootstrap": "Bootstrap of the Youden cut-points",
  calibration: "Calibration",
  "decision-curve": "Decision curve",
  mapping: "Mapping the equation's terms to columns",
  predicting: "Applying the equation",
  validating: "Calibration, discrimination and net benefit",
  "case-mix": "Case-mix",
  done: "Done"
};

export interface YourDataApp extends HTMLElement {
  /** For tests and the console: the current state. */
  state: {table: LoadedTable | null; choices: AnalysisChoices; result: PageResult | null; mode: YourDataMode; validation: ValidationPageResult | null};
}

export function yourDataApp({workerUrl, equationUrl, cohortUrl}: YourDataAppOptions): YourDataApp {
  ensureYourDataStyle();
  const client = new AnalysisClient(workerUrl);
  const root = document.createElement("div") as unknown as YourDataApp;
  root.className = "your-data-app";
  root.setAttribute("data-testid", "your-data-app");
  root.setAttribute("aria-busy", "false");
  const link = yourDataLink();
  const opened = link.read();
  const state: YourDataApp["state"] = {table: null, choices: {...emptyChoices(), ...linkChoices(opened)}, result: null, mode: opened.mode, validation: null};
  /** Choices that did not fit the loaded file (kept for one that has their columns). */
  let pending: PendingChoices = {outcome: "", positive: "", predictors: []};
  /** How the reader asked the loaded file to be read ("" fields: as detected, the first sheet). */
  let format = {delimiter: "", decimal: "", sheet: ""};
  /** A link's way of reading, for the first file loaded after opening it. */
  let linkFormat: {delimiter: string; decimal: string; sheet: string} | null = opened.delimiter || opened.decimal || opened.sheet ? {delimiter: opened.delimiter, decimal: opened.decimal, sheet: opened.sheet} : null;
  /** Run the analysis once the first file is loaded, when a link's choices are complete and fit it. */
  let runWhenLoaded = link.opened;
  let explorerState: {marker: string; threshold: number | null} = {marker: opened.marker, threshold: opened.threshold};
  let explorer: ExplorerElement | null = null;
  let lastFile: File | null = null;
  let studyEquation: string | null = null;
  let validationStart: (Partial<ValidationChoices> & {source?: EquationSource}) = {};
  const equationLoaded = equationUrl
    ? fetch(equationUrl).then((r) => (r.ok ? r.text() : null)).then((t) => (studyEquation = t)).catch(() => null)
    : Promise.resolve(null);
  root.state = state;

  const status = document.createElement("div");
  status.className = "your-data-status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  status.setAttribute("data-testid", "your-status");
  status.tabIndex = -1;

  const progressWrap = document.createElement("div");
  progressWrap.className = "your-data-progress";
  progressWrap.hidden = true;
  const progressLabel = document.createElement("label");
  progressLabel.htmlFor = "your-data-progress-bar";
  progressLabel.setAttribute("data-testid", "your-progress-stage");
  const progress = document.createElement("progress");
  progress.id = "your-data-progress-bar";
  progress.max = 1;
  progress.setAttribute("data-testid", "your-progress");
  progressWrap.append(progressLabel, " ", progress);

  const linkNote = el("p", undefined, {"data-testid": "your-link-note"});
  linkNote.className = "your-data-link-note";

  const error = document.createElement("div");
  error.className = "your-data-error";
  error.setAttribute("role", "alert");
  error.setAttribute("data-testid", "your-error");

  const previewSlot = document.createElement("div");
  previewSlot.setAttribute("data-testid", "your-preview-slot");
  const formatSlot = document.createElement("div");
  formatSlot.setAttribute("data-testid", "your-format-slot");
  const modeSlot = document.createElement("div");
  const formSlot = document.createElement("div");
  const resultsSlot = document.createElement("div");
  resultsSlot.setAttribute("aria-live", "off");
  let form: (ChoicesFormElement | ReturnType<typeof validateForm>) | null = null;
  let lastStage = "";
  let started = 0;

  const say = (text: string) => {
    status.textContent = text;
  };
  const showError = (message: string, extra?: Node) => {
    error.replaceChildren();
    if (!message) return;
    const p = document.createElement("p");
    p.textContent = message;
    error.append(p);
    if (extra) error.append(extra);
  };
  const onProgress = ({stage, fraction}: Progress) => {
    progressWrap.hidden = false;
    progress.value = Math.max(0, Math.min(1, fraction));
    const text = STAGE_TEXT[stage] ?? stage;
    progressLabel.textContent = `${text} (${Math.round(fraction * 100)}%)`;
    // Announce stage changes only; a percentage on every message would flood a screen reader.
    if (stage !== lastStage) {
      lastStage = stage;
      say(`${text}…`);
    }
  };
  let deferredRestore: YourDataLink | null = null;
  const busy = (on: boolean) => {
    form?.setBusy(on);
    if (!on && deferredRestore) {
      const l = deferredRestore;
      deferredRestore = null;
      queueMicrotask(() => restore(l));
    }
    progressWrap.hidden = !on;
    root.setAttribute("aria-busy", String(on));
    if (on) {
      lastStage = "";
      started = performance.now();
      progress.removeAttribute("value");
    }
  };
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  /** Brings the progress and status into view and gives them focus (the form that started the run is far above). */
  const showStatus = () => {
    status.scrollIntoView?.({block: "center"});
    status.focus({preventScroll: true});
  };

  const drawFormat = () => {
    formatSlot.replaceChildren();
    const f = state.table?.format;
    if (!f || !lastFile) return;
    const box = document.createElement("div");
    box.className = "your-data-format";
    box.setAttribute("data-testid", "your-format");
    const p = document.createElement("p");
    p.setAttribute("data-testid", "your-format-description");
    p.textContent = f.description;
    box.append(p);
    const file = lastFile;
    if (f.kind === "delimited" && f.delimiter && f.decimal) {
      const pick = (label: string, id: string, options: readonly string[], current: string, name: (v: string) => string) => {
        const wrap = document.createElement("span");
        wrap.className = "your-data-field";
        const l = document.createElement("label");
        l.htmlFor = id;
        l.textContent = label;
        const sel = document.createElement("select");
        sel.id = id;
        sel.setAttribute("data-testid", id);
        for (const v of options) {
          const o = document.createElement("option");
          o.value = v;
          o.textContent = name(v);
          o.selected = v === current;
          sel.append(o);
        }
        wrap.append(l, sel);
        return {wrap, sel};
      };
      const d = pick("Columns separated by", "your-format-delimiter", DELIMITERS, f.delimiter, (v) => delimiterName(v as Dialect["delimiter"]));
      const m = pick("Decimal mark", "your-format-decimal", DECIMAL_MARKS, f.decimal, (v) => (v === "," ? "comma (2,5)" : "point (2.5)"));
      const again = document.createElement("button");
      again.type = "button";
      again.textContent = "Read the file again this way";
      again.setAttribute("data-testid", "your-format-reread");
      again.addEventListener("click", () => void loadFile(file, {dialect: {delimiter: d.sel.value as Dialect["delimiter"], decimal: m.sel.value as Dialect["decimal"]}}));
      const why = document.createElement("p");
      why.className = "your-data-hint";
      why.textContent = `Detected: ${delimiterName(f.detected!.delimiter)}-separated, decimal ${f.detected!.decimal === "," ? "comma" : "point"}${f.detected!.confident ? "" : " (weak evidence: please check)"}. ${f.detected!.evidence} If the columns or numbers below look wrong, choose otherwise and read the file again.`;
      box.append(d.wrap, " ", m.wrap, " ", again, why);
    } else if (f.kind === "xlsx" && f.sheets && f.sheets.length > 1) {
      const sel = document.createElement("select");
      sel.id = "your-format-sheet";
      sel.setAttribute("data-testid", "your-format-sheet");
      for (const name of f.sheets) {
        const o = document.createElement("option");
        o.value = name;
        o.textContent = name;
        o.selected = name === f.sheet;
        sel.append(o);
      }
      const l = document.createElement("label");
      l.htmlFor = sel.id;
      l.textContent = "Sheet ";
      sel.addEventListener("change", () => void loadFile(file, {sheet: sel.value}));
      box.append(l, sel);
    }
    formatSlot.append(box);
  };

  const drawMode = () => {
    modeSlot.replaceChildren();
    if (!state.table) return;
    const set = fieldset("What to do with these patients", {className: "your-data-predictors your-data-mode", testId: "your-mode"});
    for (const [value, text] of [["fit", "Fit a new model (the site’s whole analysis on your data)"], ["validate", "Validate an equation: does the published (or your own) equation work for these patients?"]] as const) {
      const id = `your-mode-${value}`;
      const input = document.createElement("input");
      input.type = "radio";
      input.name = "your-mode";
      input.id = id;
      input.value = value;
      input.checked = state.mode === value;
      input.setAttribute("data-testid", id);
      input.addEventListener("change", () => {
        if (!input.checked) return;
        state.mode = value;
        drawForm();
        save(true);
      });
      const label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = text;
      const row = document.createElement("div");
      row.append(input, " ", label);
      set.append(row);
    }
    modeSlot.append(set);
  };

  const drawForm = () => {
    if (!state.table) {
      formSlot.replaceChildren();
      form = null;
      return;
    }
    if (state.mode === "validate") {
      // The outcome and event chosen for fitting (or a link's) start the validation's, until it has its own.
      const fromFit = state.choices.outcome ? {outcome: state.choices.outcome, positive: state.choices.positive} : {};
      form = validateForm(state.table, {studyEquation, initial: {...fromFit, ...validationStart}, onRun: (choices) => void runValidation(choices), onCancel: () => client.cancel()});
      formSlot.replaceChildren(form);
      return;
    }
    const choices = choicesForm(state.table, state.choices, {
      onChange: (next, settled) => {
        // A form that has been replaced (Back/Forward, a new file) may still report its last edit, as its box blurs.
        if (form !== choices) return;
        // A choice the reader makes replaces the one that was waiting for a file with its column.
        const before = state.choices;
        if (next.outcome !== before.outcome) pending = {...pending, outcome: "", positive: ""};
        if (next.positive !== before.positive) pending = {...pending, positive: ""};
        if (next.predictors.join("\u0000") !== before.predictors.join("\u0000")) pending = {...pending, predictors: []};
        state.choices = next;
        save(settled);
      },
      onRun: () => void run(),
      onCancel: () => client.cancel()
    });
    form = choices;
    // What the controls show is what runs (a link's out-of-range number is clamped there, with a message).
    state.choices = choices.choices;
    formSlot.replaceChildren(choices);
  };

  /** The page's state as its link holds it: the choices in use, those waiting for a file, and the views. */
  const currentLink = (): YourDataLink => {
    const c = state.choices;
    const merged = {
      ...c,
      outcome: pending.outcome || c.outcome,
      positive: pending.outcome ? pending.positive : pending.positive || c.positive,
      predictors: [...c.predictors, ...pending.predictors.filter((p) => !c.predictors.includes(p))]
    };
    return {...withChoices(defaultLink(), merged), mode: state.mode, ...format, marker: explorerState.marker, threshold: explorerState.threshold};
  };
  const save = (settled: boolean) => link.write(currentLink(), settled);

  /** Says which choices (a link's, or earlier ones) do not fit the loaded file; "" when all fit. */
  const noteUnfit = (dropped: string[], fileName: string) => {
    linkNote.textContent = dropped.length
      ? `These choices do not fit “${fileName}”, which has no such column or value: ${dropped.join("; ")}. They are not used, and are kept in this page’s link: a file that has them gets them back. Choose otherwise below to replace them.`
      : "";
  };

  /** The explorer's state as the link keeps it (the first marker and the Youden point are the defaults). */
  const explorerChanged = (from: ExplorerElement | null, marker: string, threshold: number | null, settled: boolean) => {
    if (from !== explorer) return;
    explorerState = {marker: marker === state.result?.markers[0]?.key ? "" : marker, threshold};
    save(settled);
  };

  /** How to read a file for a link's (or history's) `sep`, `dec` and `sheet`. */
  const howFrom = (f: {delimiter: string; decimal: string; sheet: string}): {dialect?: Partial<Dialect>; sheet?: string} => {
    const dialect: Partial<Dialect> = {};
    if (f.delimiter) dialect.delimiter = f.delimiter as Dialect["delimiter"];
    if (f.decimal) dialect.decimal = f.decimal as Dialect["decimal"];
    return {...(f.delimiter || f.decimal ? {dialect} : {}), ...(f.sheet ? {sheet: f.sheet} : {})};
  };

  const loadFile = async (file: File, requested: {dialect?: Partial<Dialect>; sheet?: string} = {}, {fromHistory = false}: {fromHistory?: boolean} = {}) => {
    showError("");
    lastFile = file;
    let how = requested;
    let fromLink = false;
    if (linkFormat && !how.dialect && !how.sheet) {
      how = howFrom(linkFormat);
      fromLink = true;
    }
    linkFormat = null;
    const sizeProblem = checkFileSize(file);
    if (sizeProblem) {
      // Nothing is read: the limit is checked from the file's size alone.
      showError(sizeProblem);
      say("The file was not read.");
      return;
    }
    busy(true);
    say(`Reading “${file.name}” (${formatBytes(file.size)})…`);
    try {
      let table: LoadedTable;
      let formatNote = "";
      try {
        table = await client.load(file, {onProgress, ...how});
      } catch (e) {
        if (!fromLink || e instanceof CancelledError) throw e;
        // The link's separator or sheet does not suit this file: read it as detected, and say so.
        formatNote = ` The link’s way of reading the file (${[how.dialect?.delimiter ? `separator “${delimiterName(how.dialect.delimiter)}”` : "", how.dialect?.decimal ? `decimal ${how.dialect.decimal === "," ? "comma" : "point"}` : "", how.sheet ? `sheet “${how.sheet}”` : ""].filter(Boolean).join(", ")}) does not suit it (${e instanceof Error ? e.message : String(e)}), so it was read as detected.`;
        how = {};
        table = await client.load(file, {onProgress});
      }
      await equationLoaded;
      const detected = table.format?.detected;
      format = {
        delimiter: how.dialect?.delimiter && how.dialect.delimiter !== detected?.delimiter ? how.dialect.delimiter : "",
        decimal: how.dialect?.decimal && how.dialect.decimal !== detected?.decimal ? how.dialect.decimal : "",
        sheet: how.sheet && how.sheet !== table.format?.sheets?.[0] ? how.sheet : ""
      };
      const wanted = currentLink();
      const {choices, dropped, pending: unfit} = reconcileChoices({...state.choices, outcome: wanted.outcome, positive: wanted.event, predictors: wanted.predictors}, table);
      state.table = table;
      state.choices = choices;
      pending = unfit;
      previewSlot.replaceChildren(columnPreview(table));
      drawFormat();
      drawMode();
      drawForm();
      resultsSlot.replaceChildren();
      explorer = null;
      state.result = null;
      state.validation = null;
      noteUnfit(dropped, table.fileName);
      say(`Loaded “${table.fileName}”: ${table.rows.toLocaleString("en")} rows and ${table.columns.length} columns in ${seconds()} s.${formatNote}${dropped.length ? " Some choices do not fit this file: see below." : ""}${state.choices.outcome ? (link.opened && runWhenLoaded ? " The link’s choices are applied." : " Your earlier choices are kept.") : " Choose the outcome and the predictors below."}`);
      if (!fromHistory) save(true);
      const autoRun = runWhenLoaded && !dropped.length && state.mode === "fit" && validateChoices(state.choices, table.columns.map((c) => c.name)) === null;
      runWhenLoaded = false;
      if (autoRun) queueMicrotask(() => void run());
      const flagged = table.columns.filter((c) => c.nonNumeric?.count);
      if (flagged.length) {
        showError(flagged.map((c) => `Column “${c.name}” is mostly numeric but has ${c.nonNumeric!.count} non-numeric cell${c.nonNumeric!.count === 1 ? "" : "s"} (data row${c.nonNumeric!.rows.length === 1 ? "" : "s"} ${c.nonNumeric!.rows.join(", ")}${c.nonNumeric!.count > c.nonNumeric!.rows.length ? ", …" : ""}: ${c.nonNumeric!.values.map((v) => `“${v}”`).join(", ")}). It cannot be used as a number until those cells are corrected or left blank.`).join(" "));
      }
    } catch (e) {
      state.table = null;
      previewSlot.replaceChildren();
      formatSlot.replaceChildren();
      modeSlot.replaceChildren();
      formSlot.replaceChildren();
      form = null;
      resultsSlot.replaceChildren();
      state.result = null;
      if (e instanceof CancelledError) say("Reading was cancelled.");
      else {
        showError(e instanceof Error ? e.message : String(e));
        say(`“${file.name}” could not be used; your choices are kept for the corrected file.`);
      }
    } finally {
      busy(false);
    }
  };

  const run = async () => {
    if (!state.table) return;
    showError("");
    const problem = validateChoices(state.choices, state.table.columns.map((c) => c.name));
    if (problem) {
      showError(problem);
      say("Not run: see the message.");
      return;
    }
    busy(true);
    say("Analysing…");
    showStatus();
    try {
      const result = await client.analyze(state.choices, {onProgress});
      state.result = result;
      const width = Math.max(300, Math.min(960, resultsSlot.clientWidth || root.clientWidth || 720));
      let rendered: ReturnType<typeof renderResults> | null = null;
      rendered = renderResults(result, {width, onFirth: () => rerunWithFirth(), explorer: {...explorerState, onChange: (marker, threshold, settled) => explorerChanged(rendered?.explorer ?? null, marker, threshold, settled)}});
      explorer = rendered.explorer;
      resultsSlot.replaceChildren(rendered);
      // The link keeps the marker and threshold shown (a link's marker that this model has not is the first).
      const shown = explorer.state();
      explorerState = {marker: shown.marker === result.markers[0]?.key ? "" : shown.marker, threshold: shown.threshold};
      save(true);
      say(`Analysis done in ${seconds()} s${result.timings.workers ? ` (bootstrap on ${result.timings.workers} worker${result.timings.workers === 1 ? "" : "s"})` : ""}: ${result.cli.n.toLocaleString("en")} complete cases, ${result.cli.events.toLocaleString("en")} events${result.cli.excluded ? `, ${result.cli.excluded.toLocaleString("en")} rows dropped for missing values` : ""}${result.cli.warnings.length ? `, ${result.cli.warnings.length} warning${result.cli.warnings.length === 1 ? "" : "s"}` : ""}.`);
    } catch (e) {
      if (e instanceof CancelledError) {
        say("Analysis cancelled. Your file and choices are kept.");
      } else {
        const failure = e instanceof AnalysisFailure ? e : null;
        let extra: Node | undefined;
        if (failure?.code === "separation" && !state.choices.firth) {
          const button = document.createElement("button");
          button.type = "button";
          button.textContent = "Re-run with Firth’s method";
          button.setAttribute("data-testid", "your-firth-rerun");
          button.addEventListener("click", () => rerunWithFirth());
          extra = button;
        }
        showError(e instanceof Error ? e.message : String(e), extra);
        say("The analysis stopped: see the message. Your choices are kept.");
      }
    } finally {
      busy(false);
    }
  };

  const runValidation = async (choices: ValidationChoices) => {
    if (!state.table) return;
    showError("");
    validationStart = {...choices, source: choices.equation === studyEquation ? "study" : "typed"};
    busy(true);
    say("Validating the equation…");
    showStatus();
    try {
      const result = await client.validate(choices, {onProgress});
      state.validation = result;
      const width = Math.max(300, Math.min(960, resultsSlot.clientWidth || root.clientWidth || 720));
      resultsSlot.replaceChildren(validationResults(result, {width}));
      const r = result.report;
      say(`Validation done in ${seconds()} s: ${r.n.toLocaleString("en")} complete cases, ${r.events.toLocaleString("en")} events; AUC ${r.validation.auc.auc.toFixed(3)}, calibration slope ${r.validation.calibrationSlope.estimate.toFixed(3)}${r.warnings.length ? `, ${r.warnings.length} warning${r.warnings.length === 1 ? "" : "s"}` : ""}.`);
    } catch (e) {
      if (e instanceof CancelledError) say("Validation cancelled. Your file and choices are kept.");
      else {
        showError(e instanceof Error ? e.message : String(e));
        say("The validation stopped: see the message. Your choices are kept.");
      }
    } finally {
      busy(false);
    }
  };

  const rerunWithFirth = () => {
    state.choices = {...state.choices, firth: true};
    drawForm();
    save(true);
    void run();
  };

  /** Back/Forward: the page as the URL now says (a change of how the file is read reads it again). */
  const restore = (l: YourDataLink) => {
    if (root.getAttribute("aria-busy") === "true") {
      deferredRestore = l;
      return;
    }
    const modeChanged = l.mode !== state.mode;
    state.mode = l.mode;
    state.choices = {...state.choices, ...linkChoices(l)};
    pending = {outcome: "", positive: "", predictors: []};
    explorerState = {marker: l.marker, threshold: l.threshold};
    if (!state.table || !lastFile) {
      describeLink();
      return;
    }
    if (l.delimiter !== format.delimiter || l.decimal !== format.decimal || l.sheet !== format.sheet) {
      format = {delimiter: l.delimiter, decimal: l.decimal, sheet: l.sheet};
      void loadFile(lastFile, howFrom(format), {fromHistory: true});
      return;
    }
    const {choices, dropped, pending: unfit} = reconcileChoices(state.choices, state.table);
    state.choices = choices;
    pending = unfit;
    noteUnfit(dropped, state.table.fileName);
    if (modeChanged) drawMode();
    drawForm();
    if (explorer && state.mode === "fit") explorer.set(l.marker || state.result?.markers[0]?.key || "", l.threshold);
  };
  link.onRestore(restore);

  /** Before a file is loaded: what a link's choices are, and how to apply them. */
  const describeLink = () => {
    const c = state.choices;
    if (!c.outcome && !c.predictors.length) {
      linkNote.textContent = "";
      return;
    }
    const parts = [
      c.outcome ? `outcome “${c.outcome}”${c.positive ? ` (event “${c.positive}”)` : ""}` : "",
      c.predictors.length ? `predictor${c.predictors.length === 1 ? "" : "s"} ${c.predictors.map((p) => `“${p}”`).join(", ")}` : ""
    ].filter(Boolean);
    linkNote.textContent = `This page’s link holds choices for a file: ${parts.join("; ")}. A file is never part of a link: choose the same file${cohortUrl ? ", or press “Try it with the study’s cohort”," : ""} and they are applied.`;
  };
  if (link.opened) describeLink();

  const intro = document.createElement("div");
  intro.append(dropZone({
    onFile: (file) => void loadFile(file),
    hint: `A CSV or text file (comma, semicolon or tab between columns; decimal point or comma; UTF-8 or UTF-16, as Excel saves them) or an Excel workbook (.xlsx), with a header row of column names and one row per patient. Up to ${formatBytes(MAX_FILE_BYTES)}. The file is read by this page in your browser and is never uploaded.`
  }));
  if (cohortUrl) {
    const tryIt = document.createElement("button");
    tryIt.type = "button";
    tryIt.textContent = "Try it with the study’s cohort";
    tryIt.setAttribute("data-testid", "your-try-study");
    tryIt.addEventListener("click", async () => {
      try {
        const response = await fetch(cohortUrl);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const blob = await response.blob();
        await loadFile(new File([blob], "cohort.csv", {type: "text/csv"}));
      } catch (e) {
        showError(`The study’s cohort could not be loaded (${(e as Error).message}).`);
      }
    });
    const p = document.createElement("p");
    p.append(tryIt, " the site’s own cohort.csv, as the Data page offers it: every choice below works on it.");
    intro.append(p);
  }
  root.append(intro, linkNote, status, progressWrap, error, formatSlot, previewSlot, modeSlot, formSlot, resultsSlot);
  return root;
}
