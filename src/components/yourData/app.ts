/**
 * The "Your own cohort" application: choose a CSV (picker or drag-and-drop), see its columns and first rows, make
 * the choices, run the analysis in a Web Worker with progress shown, and read and export the results. The state —
 * the loaded table's summary, the reader's choices, the last result — lives here, so an error (a bad file, a bad
 * column, separation) never resets the choices: a corrected file keeps every choice whose column still exists, and
 * a re-run after an error starts from the same selections.
 *
 * Status goes to a polite live region (progress, "done"), errors to an assertive alert, both with stable
 * data-testids (your-status, your-error). Browser only.
 *
 * Example: display(yourDataApp({workerUrl: FileAttachment("data/analysis-worker.js").href}))
 */
import {AnalysisClient, AnalysisFailure, CancelledError, checkFileSize, formatBytes, type Progress} from "../worker/client.js";
import {MAX_FILE_BYTES, validateChoices, type AnalysisChoices, type LoadedTable, type PageResult} from "../worker/protocol.js";
import {dropZone} from "./dropZone.js";
import {columnPreview} from "./columnPreview.js";
import {choicesForm, emptyChoices, reconcileChoices, type ChoicesFormElement} from "./choicesForm.js";
import {renderResults} from "./results.js";
import {ensureYourDataStyle} from "./style.js";

export interface YourDataAppOptions {
  workerUrl: string | URL;
}

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
  calibration: "Calibration",
  "decision-curve": "Decision curve",
  done: "Done"
};

export interface YourDataApp extends HTMLElement {
  /** For tests and the console: the current state. */
  state: {table: LoadedTable | null; choices: AnalysisChoices; result: PageResult | null};
}

export function yourDataApp({workerUrl}: YourDataAppOptions): YourDataApp {
  ensureYourDataStyle();
  const client = new AnalysisClient(workerUrl);
  const root = document.createElement("div") as unknown as YourDataApp;
  root.className = "your-data-app";
  root.setAttribute("data-testid", "your-data-app");
  root.setAttribute("aria-busy", "false");
  const state: YourDataApp["state"] = {table: null, choices: emptyChoices(), result: null};
  root.state = state;

  const status = document.createElement("div");
  status.className = "your-data-status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  status.setAttribute("data-testid", "your-status");

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

  const error = document.createElement("div");
  error.className = "your-data-error";
  error.setAttribute("role", "alert");
  error.setAttribute("data-testid", "your-error");

  const previewSlot = document.createElement("div");
  previewSlot.setAttribute("data-testid", "your-preview-slot");
  const formSlot = document.createElement("div");
  const resultsSlot = document.createElement("div");
  resultsSlot.setAttribute("aria-live", "off");
  let form: ChoicesFormElement | null = null;
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
  const busy = (on: boolean) => {
    form?.setBusy(on);
    progressWrap.hidden = !on;
    root.setAttribute("aria-busy", String(on));
    if (on) {
      lastStage = "";
      started = performance.now();
      progress.removeAttribute("value");
    }
  };
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);

  const drawForm = () => {
    if (!state.table) {
      formSlot.replaceChildren();
      form = null;
      return;
    }
    form = choicesForm(state.table, state.choices, {
      onChange: (next) => {
        state.choices = next;
      },
      onRun: () => void run(),
      onCancel: () => client.cancel()
    });
    formSlot.replaceChildren(form);
  };

  const loadFile = async (file: File) => {
    showError("");
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
      const table = await client.load(file, {onProgress});
      const {choices, dropped} = reconcileChoices(state.choices, table);
      state.table = table;
      state.choices = choices;
      previewSlot.replaceChildren(columnPreview(table));
      drawForm();
      resultsSlot.replaceChildren();
      state.result = null;
      say(`Loaded “${table.fileName}”: ${table.rows.toLocaleString("en")} rows and ${table.columns.length} columns in ${seconds()} s.${dropped.length ? ` Not in this file, so no longer chosen: ${dropped.join("; ")}.` : ""}${choices.outcome ? " Your earlier choices are kept." : " Choose the outcome and the predictors below."}`);
      const flagged = table.columns.filter((c) => c.nonNumeric?.count);
      if (flagged.length) {
        showError(flagged.map((c) => `Column “${c.name}” is mostly numeric but has ${c.nonNumeric!.count} non-numeric cell${c.nonNumeric!.count === 1 ? "" : "s"} (data row${c.nonNumeric!.rows.length === 1 ? "" : "s"} ${c.nonNumeric!.rows.join(", ")}${c.nonNumeric!.count > c.nonNumeric!.rows.length ? ", …" : ""}: ${c.nonNumeric!.values.map((v) => `“${v}”`).join(", ")}). It cannot be used as a number until those cells are corrected or left blank.`).join(" "));
      }
    } catch (e) {
      state.table = null;
      previewSlot.replaceChildren();
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
    try {
      const result = await client.analyze(state.choices, {onProgress});
      state.result = result;
      const width = Math.max(300, Math.min(960, resultsSlot.clientWidth || root.clientWidth || 720));
      resultsSlot.replaceChildren(renderResults(result, {width, onFirth: () => rerunWithFirth()}));
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

  const rerunWithFirth = () => {
    state.choices = {...state.choices, firth: true};
    drawForm();
    void run();
  };

  const intro = document.createElement("div");
  intro.append(dropZone({
    onFile: (file) => void loadFile(file),
    hint: `Comma-separated values (CSV) with a header row of column names and one row per patient. Up to ${formatBytes(MAX_FILE_BYTES)}. The file is read by this page in your browser and is never uploaded.`
  }));
  root.append(intro, status, progressWrap, error, previewSlot, formSlot, resultsSlot);
  return root;
}
