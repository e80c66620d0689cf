/**
 * The page's interactive pieces for "Redraw the study", each a self-contained element that runs its simulation in
 * the teaching worker (./client.ts) and draws with the charts and tables of the page:
 *
 *   simulationPlayer   many studies, one at a time: Play / Pause, one more study, show all, stop; the current
 *                      study's ORs (a hypothetical outcome plot frame) and everything accumulated so far
 *   guessPanel         the reader's guesses, locked in before the reveal; the player draws them on its charts
 *   exercisePanel      one exercise: a guess, then the simulation, the computed answer and its explanation
 *   comparisonPanel    the three procedures on the same studies, at n = 162 and at the reader's n
 *
 * Nothing is computed here that the engine does not compute in Node: records come from the worker, summaries from
 * ./simulate.ts, answers from ./exercises.ts. Each element exposes its state in data- attributes (with stable
 * data-testids) for the browser tests, and says the time its run took in this browser. Browser only.
 *
 * @example display(simulationPlayer({workerUrl, cohortCsv, published, pop, n: 162, seed: 1, studies: 1000, key: "paper"}))
 */
import {html} from "htl";
import {chartFigure} from "../charts/figure.js";
import {studyOddsChart, selectionChart, oddsSpreadChart, aucScatterChart, slopeChart, comparisonChart} from "../charts/teachingCharts.js";
import {iconArray} from "../charts/iconArray.js";
import {riskFrequency} from "../natural-frequency.js";
import {factorSummaryTable, studySummaryTable, comparisonTable} from "../tables/teachingTables.js";
import {numberInput, type NumberInputElement} from "../number-input.js";
import {bindToUrl} from "../url-state.js";
import type {Published} from "../study/study.js";
import {termLabel} from "../study/study.js";
import {drawnStudyCsv, type Population} from "./population.js";
import {redrawStudy, type ProcedureOutcome} from "./redraw.js";
import {summarizeStudies, type ProcedureSummary, type StudyRecord} from "./simulate.js";
import {SimulationClient, CancelledRun} from "./client.js";
import {PROCEDURE_KEYS, teachingProcedure, type TeachingProcedureKey} from "./procedures.js";
import {exerciseAnswer, guessVerdict, type Exercise, type Summaries} from "./exercises.js";
import {formatMc, formatMcShare, formatValue} from "./monte-carlo.js";
import {yieldToBrowser} from "../main-thread.js";
import {actionButton, saveBlob} from "../download.js";

export interface SimulationSource {
  workerUrl: string | URL;
  cohortCsv: string;
  published: Published;
  pop: Population;
  /** Framework's invalidation promise: the worker is ended when the cell re-runs. */
  invalidation?: Promise<unknown>;
}

const STYLE_ID = "teaching-style";
const STYLE = `
.teaching-controls { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin: 0.75rem 0; }
.teaching-controls button { font: inherit; padding: 0.3rem 0.8rem; cursor: pointer; }
.teaching-controls button[aria-pressed="true"] { font-weight: 700; }
.teaching-controls label { display: inline-flex; gap: 0.4rem; align-items: center; }
.teaching-status { font-size: 0.9rem; margin: 0.25rem 0 0.75rem; min-height: 1.4em; }
.teaching-status progress { vertical-align: middle; width: 10rem; margin-right: 0.5rem; }
.teaching-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 420px), 1fr)); gap: 0 1.5rem; }
.teaching-frame { border-left: 4px solid var(--theme-foreground-faint, #ccc); padding-left: 0.75rem; margin: 0.5rem 0 1rem; }
.teaching-guesses { border: 1px solid var(--theme-foreground-faint, #ccc); border-radius: 6px; padding: 0.5rem 1rem; margin: 1rem 0; max-width: 720px; }
.teaching-guesses[data-locked="true"] { border-color: var(--theme-foreground-focus, #3b5fc0); }
.teaching-answer { border-left: 4px solid var(--theme-foreground-focus, #3b5fc0); padding-left: 0.75rem; margin: 0.75rem 0; max-width: 720px; }
.teaching-exercise { max-width: 760px; }
.teaching-command { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.85rem; max-width: 720px; }
`;

export function ensureTeachingStyle(): void {
  if (typeof document === "undefined" || document.getElementById(STYLE_ID)) return;
  const style = document.createElement("style");
  style.id = STYLE_ID;
  style.textContent = STYLE;
  document.head.append(style);
}

function button(text: string, testId: string, onClick: () => void): HTMLButtonElement {
  return actionButton(text, {"data-testid": testId}, onClick);
}

/** A status line read out politely by screen readers as it changes. */
function statusLine(testId: string): HTMLParagraphElement {
  const status = document.createElement("p");
  status.className = "teaching-status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  status.setAttribute("data-testid", testId);
  return status;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
}

const shortName = (variable: string) => termLabel(variable).replace(/ \(.*\)$/, "");
/** A name inside a sentence: "cement volume", but "BMD" stays as it is. */
const inSentence = (variable: string) => shortName(variable).replace(/^([A-Z])(?![A-Z])/, (c) => c.toLowerCase());
const listNames = (names: string[]) => (names.length === 0 ? "no factor" : names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`);

/** One study's outcome in a sentence (what it would have published, and how it does in new patients). */
export function studySentence(outcome: ProcedureOutcome, pop: Population, {study, events, n}: {study: number; events: number; n: number}): string {
  const head = `Study ${study.toLocaleString("en-US")} (${n.toLocaleString("en-US")} patients, ${events} with ASD)`;
  if (outcome.failed) return `${head}: the procedure could not be run — ${outcome.failed}.`;
  const reported = outcome.reported.map(inSentence);
  const missed = pop.trueFactors.filter((v) => !outcome.reported.includes(v)).map(inSentence);
  const extra = outcome.reported.filter((v) => !pop.trueFactors.includes(v)).map(inSentence);
  const verb = outcome.key === "paper" ? "would have reported" : "found significant";
  const parts = [`${head} ${verb} ${listNames(reported)}`];
  if (missed.length) parts.push(`missing ${listNames(missed)}`);
  if (extra.length) parts.push(`with ${listNames(extra)}, which ${extra.length === 1 ? "has" : "have"} no effect`);
  return `${parts.join(", ")}; its apparent AUC is ${formatValue(outcome.apparentAuc, 3)}, in new patients ${formatValue(outcome.newAuc, 3)}, and its calibration slope in new patients ${formatValue(outcome.slope, 2)}${outcome.separated ? " (the fit shows separation: its ML estimates do not exist)" : ""}.`;
}

export interface GuessValue {
  locked: boolean;
  /** Share of studies reporting exactly the true factors (0–1), and the median AUC in new patients. */
  exactlyTrue: number;
  newAuc: number;
}

export type GuessPanelElement = HTMLElement & {value: GuessValue};

/** The reader's guesses for the player (see the module comment). */
export function guessPanel(pop: Population): GuessPanelElement {
  ensureTeachingStyle();
  const root = document.createElement("div") as unknown as GuessPanelElement;
  root.className = "teaching-guesses";
  root.setAttribute("data-testid", "teaching-guesses");
  // Guesses are part of the view a teacher may send to a class: in the URL like every control.
  const four = bindToUrl(numberInput({label: `Studies reporting exactly the ${pop.trueFactors.length} true factors (%)`, min: 0, max: 100, step: 1, value: 50, integer: true, testId: "teaching-guess-four"}), "guess4");
  const auc = bindToUrl(numberInput({label: "Median AUC in new patients", min: 0.5, max: 1, step: 0.005, value: 0.75, testId: "teaching-guess-auc"}), "guessAuc");
  const note = document.createElement("p");
  note.setAttribute("role", "status");
  note.setAttribute("data-testid", "teaching-guess-note");
  let value: GuessValue = {locked: false, exactlyTrue: 0.5, newAuc: 0.75};
  const lock = button("Lock in my guesses", "teaching-guess-lock", () => {
    value = {locked: true, exactlyTrue: four.value / 100, newAuc: auc.value};
    for (const input of root.querySelectorAll<HTMLInputElement>("input")) input.disabled = true;
    lock.disabled = true;
    root.dataset.locked = "true";
    note.textContent = `Locked in: ${formatValue(four.value, 0)}% of studies, median AUC ${formatValue(auc.value, 3)}. Now press Play and watch the studies arrive.`;
    root.dispatchEvent(new Event("input", {bubbles: true}));
  });
  const heading = document.createElement("p");
  heading.innerHTML = "<strong>Guess first.</strong> Before the studies are drawn, say what you expect; the charts will show your guesses beside what happens.";
  root.append(heading, four, auc, lock, note);
  Object.defineProperty(root, "value", {get: () => value});
  return root;
}

export interface PlayerSettings {
  n: number;
  seed: number;
  studies: number;
  key: TeachingProcedureKey;
  guesses?: GuessPanelElement | null;
  /** Studies shown per second when playing (default 5). */
  speed?: number;
}

/** Many studies, one at a time (see the module comment). */
export function simulationPlayer(source: SimulationSource, settings: PlayerSettings): HTMLElement {
  ensureTeachingStyle();
  const {pop} = source;
  const {n, seed, studies: total, key} = settings;
  const client = new SimulationClient(source.workerUrl);
  const records: StudyRecord[] = [];
  let shown = 0;
  let playing = false;
  let running = false;
  let elapsedMs = 0;
  let workerMs = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastAccumulated = 0;
  /** Counts the accumulated views begun; a drawing that is no longer the latest stops at its next step. */
  let accumulatedDrawing = 0;
  let drawingAccumulated = false;
  let error: string | null = null;

  const root = document.createElement("div");
  root.className = "teaching-player";
  root.setAttribute("data-testid", "teaching-player");

  const playButton = button("▶ Play", "teaching-play", () => (playing ? pause() : play()));
  playButton.setAttribute("aria-pressed", "false");
  const stepButton = button("One more study", "teaching-step", () => step());
  const allButton = button(`Show all ${total.toLocaleString("en-US")}`, "teaching-all", () => showAll());
  const stopButton = button("Stop computing", "teaching-stop", () => stop());
  const speedSelect = document.createElement("select");
  speedSelect.setAttribute("data-testid", "teaching-speed");
  for (const s of [1, 2, 5, 20, 100]) speedSelect.append(new Option(`${s} per second`, String(s), s === (settings.speed ?? 5), s === (settings.speed ?? 5)));
  const speedLabel = document.createElement("label");
  speedLabel.append("Speed ", speedSelect);
  const controls = document.createElement("div");
  controls.className = "teaching-controls";
  controls.append(playButton, stepButton, allButton, stopButton, speedLabel);

  const progress = document.createElement("progress");
  progress.max = total;
  progress.value = 0;
  progress.setAttribute("aria-label", "Studies computed");
  const statusText = document.createElement("span");
  const status = statusLine("teaching-status");
  status.append(progress, statusText);

  const frame = document.createElement("div");
  frame.className = "teaching-frame";
  frame.setAttribute("data-testid", "teaching-frame");
  const accumulated = document.createElement("div");
  accumulated.setAttribute("data-testid", "teaching-accumulated");
  const charts = document.createElement("div");
  charts.className = "teaching-grid";
  root.append(controls, status, frame, accumulated);

  const width = () => Math.max(300, Math.min(root.clientWidth || 640, 980));
  const gridWidth = () => (width() >= 900 ? (width() - 24) / 2 : width());

  function updateState(): void {
    root.dataset.shown = String(shown);
    root.dataset.computed = String(records.length);
    root.dataset.total = String(total);
    root.dataset.elapsedMs = String(elapsedMs);
    root.dataset.workerMs = String(workerMs);
    root.dataset.done = String(records.length === total && !running && !drawingAccumulated);
    playButton.textContent = playing ? "⏸ Pause" : shown === 0 ? "▶ Play" : "▶ Resume";
    playButton.setAttribute("aria-pressed", String(playing));
    progress.value = records.length;
    stopButton.disabled = !running;
    const parts = [`${shown.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} studies shown, ${records.length.toLocaleString("en-US")} computed`];
    if (!running && records.length === total && elapsedMs) parts.push(`this browser computed all ${total.toLocaleString("en-US")} in ${seconds(elapsedMs)} (in a background worker)`);
    else if (!running && records.length < total && records.length > 0) parts.push("computing stopped: Play or Show all computes the rest, the same studies as before");
    if (error) parts.push(`the simulation failed: ${error}`);
    statusText.textContent = `${parts.join("; ")}.`;
  }

  function ensureComputing(): void {
    if (running || records.length >= total) return;
    running = true;
    error = null;
    const started = performance.now();
    const from = records.length;
    client
      .run({cohortCsv: source.cohortCsv, published: source.published, n, seed, from, to: total, procedures: [key]}, (chunk) => {
        for (const r of chunk) records.push(r);
        updateState();
        // "show all" follows the records as they arrive, redrawing at most every 0.4 s
        if (root.dataset.mode === "all" && performance.now() - lastAccumulated > 400) renderAll();
      })
      .then((result) => {
        running = false;
        // the time the reader waited: from the request to the last record (a resumed run adds to it)
        elapsedMs += performance.now() - started;
        workerMs += result.elapsedMs;
        if (root.dataset.mode === "all") renderAll();
        updateState();
      })
      .catch((e: unknown) => {
        running = false;
        if (!(e instanceof CancelledRun)) error = e instanceof Error ? e.message : String(e);
        updateState();
      });
    updateState();
  }

  function renderFrame(): void {
    if (shown === 0) {
      frame.replaceChildren(html`<p>Press <strong>Play</strong> to draw the first study.</p>`);
      return;
    }
    const index = shown - 1;
    const study = redrawStudy(pop, {n, seed, index, procedures: [key]});
    const outcome = study.outcomes[key]!;
    const sentence = studySentence(outcome, pop, {study: index + 1, events: study.draw.events, n});
    const chart = outcome.failed ? html`<p>${sentence}</p>` : chartFigure(studyOddsChart(outcome, pop, {width: width()}), {
      title: `Study ${index + 1}: its odds ratios beside the true ones`,
      description: sentence,
      filename: `redrawn-study-${seed}-${index + 1}`
    });
    frame.replaceChildren(html`<p data-testid="teaching-frame-sentence">${sentence}</p>`, chart);
  }

  function summary(): ProcedureSummary {
    return summarizeStudies(records.slice(0, shown), key, pop);
  }

  /**
   * The summary of the studies shown and its tables at once, then the four charts one per task: drawn in one go
   * they held the main thread longer than a long task's 50 ms, several times a second while the studies arrive. The charts of the
   * previous call stay until all four new ones are drawn; a newer call abandons an unfinished drawing.
   */
  function renderAccumulated(): void {
    lastAccumulated = performance.now();
    const generation = ++accumulatedDrawing;
    if (shown === 0) {
      drawingAccumulated = false;
      accumulated.replaceChildren();
      return;
    }
    const s = summary();
    root.dataset.summary = JSON.stringify(s);
    const shownRecords = records.slice(0, shown);
    const guess = settings.guesses?.value.locked ? settings.guesses.value : null;
    const current = shown - 1;
    const w = gridWidth();
    const label = teachingProcedure(key).label;
    const guessLine = guess
      ? html`<p data-testid="teaching-guess-result"><strong>Your guesses against ${shown.toLocaleString("en-US")} studies:</strong> exactly the true factors — you said ${formatValue(100 * guess.exactlyTrue, 0)}%, so far ${formatMcShare(s.exactlyTrue, s.used)}; median AUC in new patients — you said ${formatValue(guess.newAuc, 3)}, so far ${formatMc(s.newAuc.median, s.newAuc.medianSe)}.</p>`
      : "";
    accumulated.replaceChildren(
      html`<h3>After ${shown.toLocaleString("en-US")} ${shown === 1 ? "study" : "studies"}</h3>`,
      guessLine,
      charts,
      studySummaryTable(s, pop, {n, seed}),
      factorSummaryTable(s, {n, seed})
    );
    const parts: (() => Node)[] = [
      () => chartFigure(selectionChart(s, pop, {width: w, guess: guess?.exactlyTrue ?? null}), {
          title: "How often each factor was reported",
          description: `${label}, ${s.used} studies: exactly the true factors in ${formatMcShare(s.exactlyTrue, s.used)}; ${s.factors.map((f) => `${shortName(f.variable)} ${formatMcShare(f.reported, s.used)}`).join(", ")}.`,
          filename: "teaching-selection"
        }),
      () => chartFigure(oddsSpreadChart(shownRecords, key, pop, {width: w, current}), {
          title: "Each study's odds ratios against the truth",
          description: s.factors.map((f) => `${shortName(f.variable)}: true OR ${formatValue(f.trueOddsRatio, 3)}, median ${f.oddsRatio.count ? formatValue(f.oddsRatio.median, 2) : "never in the model"} (${f.oddsRatio.count} studies)`).join("; ") + `. Points beyond ${0.05} or ${20} are drawn as triangles at the edge.`,
          filename: "teaching-odds-spread"
        }),
      () => chartFigure(aucScatterChart(shownRecords, key, pop, {width: w, current, guess: guess?.newAuc ?? null}), {
          title: "Apparent AUC against the AUC in new patients",
          description: `Median apparent AUC ${formatMc(s.apparentAuc.median, s.apparentAuc.medianSe)}, median AUC in new patients ${formatMc(s.newAuc.median, s.newAuc.medianSe)}; the true AUC is ${formatValue(pop.trueAuc, 3)}. ${s.apparentAboveTruth} of ${s.used} studies reported an apparent AUC above the true AUC.`,
          filename: "teaching-auc"
        }),
      () => chartFigure(slopeChart(shownRecords, key, {width: w, current}), {
          title: "Calibration slope in new patients",
          description: `Median ${formatMc(s.slope.median, s.slope.medianSe)} over ${s.slope.count} studies (1 = right, below 1 = too extreme); slopes beyond 0 to 2 drawn at the edge.`,
          filename: "teaching-slope"
        })
    ];
    drawingAccumulated = true;
    void (async () => {
      const drawn: Node[] = [];
      for (const part of parts) {
        await yieldToBrowser();
        if (generation !== accumulatedDrawing) return;
        drawn.push(part());
      }
      charts.replaceChildren(...drawn);
      drawingAccumulated = false;
      updateState();
    })();
  }

  function render(): void {
    renderFrame();
    renderAccumulated();
    updateState();
  }

  function renderAll(): void {
    shown = records.length;
    render();
  }

  function tick(): void {
    timer = null;
    if (!playing) return;
    if (shown < records.length) {
      shown++;
      renderFrame();
      // the accumulated charts at most every 0.25 s while playing fast, and at the last study
      if (performance.now() - lastAccumulated > 250 || shown === total) renderAccumulated();
      updateState();
    }
    if (shown >= total) {
      pause();
      renderAccumulated();
      return;
    }
    timer = setTimeout(tick, 1000 / Number(speedSelect.value));
  }

  function play(): void {
    root.dataset.mode = "play";
    ensureComputing();
    if (shown >= total) return;
    playing = true;
    updateState();
    tick();
  }

  function pause(): void {
    playing = false;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    renderAccumulated();
    updateState();
  }

  function step(): void {
    pause();
    ensureComputing();
    if (shown < records.length) {
      shown++;
      render();
    }
  }

  function showAll(): void {
    pause();
    root.dataset.mode = "all";
    ensureComputing();
    renderAll();
  }

  function stop(): void {
    client.cancel();
    running = false;
    pause();
  }

  settings.guesses?.addEventListener("input", () => renderAccumulated());
  source.invalidation?.then(() => {
    if (timer !== null) clearTimeout(timer);
    client.terminate();
  });
  renderFrame();
  updateState();
  return root;
}

/** The true factors' names in a sentence: "age, BMD, cement volume and height recovery". */
export function trueFactorNames(pop: Population): string {
  return listNames(pop.trueFactors.map(inSentence));
}

/** One redrawn study for the page: its outcome under one procedure, the sentence, and its CSV with a file name. */
export function redrawOne(pop: Population, {n, seed, study, key}: {n: number; seed: number; study: number; key: TeachingProcedureKey}): {outcome: ProcedureOutcome; sentence: string; file: string; csv: string} {
  const one = redrawStudy(pop, {n, seed, index: study - 1, procedures: [key]});
  const outcome = one.outcomes[key]!;
  return {
    outcome,
    sentence: studySentence(outcome, pop, {study, events: one.draw.events, n}),
    file: `redrawn-study-seed${seed}-study${study}-n${n}.csv`,
    csv: drawnStudyCsv(pop, one.draw)
  };
}

/** The one-study chart in its accessible figure. */
export function studyFigure(outcome: ProcedureOutcome, pop: Population, {width, study, seed, sentence}: {width: number; study: number; seed: number; sentence: string}): HTMLElement {
  return chartFigure(studyOddsChart(outcome, pop, {width}), {title: `Study ${study}: its odds ratios beside the true ones`, description: sentence, filename: `redrawn-study-${seed}-${study}`});
}

/** "Draw the next study": adds 1 to a study-number input as the reader would (so the URL follows). */
export function nextStudyButton(input: NumberInputElement): HTMLButtonElement {
  return button("Draw the next study", "teaching-next-study", () => {
    input.value = input.value + 1;
    input.dispatchEvent(new Event("input", {bubbles: true}));
    input.dispatchEvent(new Event("change", {bubbles: true}));
  });
}

/** A button that saves the drawn study as a cohort CSV (what `npm run draw-study` writes for the same settings). */
export function studyDownload(csv: string, filename: string): HTMLButtonElement {
  return button(`Download this study (${filename})`, "teaching-study-download", () => saveBlob(new Blob([csv], {type: "text/csv"}), filename));
}

/**
 * One profile of the population in natural frequencies: its measurements, its true risk as "of 100 patients like
 * this one, about N would develop ASD" with an icon array, and — when a study's equation is given — what that
 * equation predicts for the same patient.
 */
export function patientFrequencies(pop: Population, profile: number, outcome: ProcedureOutcome | null, {width}: {width: number}): HTMLElement {
  const row = pop.rows[profile]!;
  const truth = riskFrequency(pop.risk[profile]!);
  const values = pop.candidates.map((c) => {
    const v = row[c as keyof typeof row];
    return `${inSentence(c)} ${pop.profiles.variables.get(c)!.kind === "binary" ? (v === 1 ? "yes" : "no") : String(v).replace("-", "−")}`;
  }).join(", ");
  const predicted = outcome && !outcome.failed && outcome.populationLp ? riskFrequency(1 / (1 + Math.exp(-outcome.populationLp[profile]!)), {who: "patients like this one", outcome: "would develop ASD"}) : null;
  const root = document.createElement("div");
  root.setAttribute("data-testid", "teaching-patient");
  root.dataset.trueRisk = String(pop.risk[profile]);
  root.append(
    html`<p>Patient profile ${profile + 1}: ${values}.</p>`,
    html`<p><strong>The truth:</strong> <span data-testid="teaching-patient-truth">${truth.sentence}</span></p>`,
    truth.of <= 1000 ? chartFigure(iconArray({count: truth.count, of: truth.of}, {width}), {title: `Of ${truth.of.toLocaleString("en-US")} patients like profile ${profile + 1}`, description: truth.sentence, filename: `teaching-patient-${profile + 1}`}) : "",
    predicted ? html`<p><strong>The redrawn study's equation says:</strong> <span data-testid="teaching-patient-predicted">${predicted.sentence}</span></p>` : ""
  );
  return root;
}

/** One exercise (see the module comment): the guess, then the answer computed from a fresh simulation. */
export function exercisePanel(source: SimulationSource, exercise: Exercise, {seed}: {seed: number}): HTMLElement {
  ensureTeachingStyle();
  const {pop} = source;
  const client = new SimulationClient(source.workerUrl);
  const root = document.createElement("div");
  root.className = "teaching-exercise";
  root.setAttribute("data-testid", "teaching-exercise");
  root.dataset.exercise = exercise.id;
  const g = exercise.guess;
  const guess: NumberInputElement = bindToUrl(numberInput({label: g.label, min: g.min, max: g.max, step: g.step, value: g.start, integer: g.unit === "percent", testId: "teaching-exercise-guess"}), `guess-${exercise.id}`);
  const status = statusLine("teaching-exercise-status");
  const answer = document.createElement("div");
  answer.setAttribute("data-testid", "teaching-exercise-answer");
  const settingsText = `${exercise.studies.toLocaleString("en-US")} studies of ${exercise.n.toLocaleString("en-US")} patients, seed ${seed}; ${exercise.procedures.map((k) => teachingProcedure(k).label.toLowerCase()).join(" and ")}`;
  const reveal = button("Lock in my guess and run the studies", "teaching-exercise-reveal", () => {
    guess.querySelectorAll("input").forEach((i) => (i.disabled = true));
    reveal.disabled = true;
    const locked = guess.value;
    const started = performance.now();
    status.textContent = `Running ${settingsText}…`;
    client
      .run({cohortCsv: source.cohortCsv, published: source.published, n: exercise.n, seed, from: 0, to: exercise.studies, procedures: exercise.procedures}, (_chunk, done, total) => {
        status.textContent = `Running ${settingsText}: ${done} of ${total}…`;
      })
      .then(({records}) => {
        const summaries: Summaries = {};
        for (const k of exercise.procedures) summaries[k] = summarizeStudies(records, k, pop);
        const a = exerciseAnswer(exercise, summaries, pop);
        answer.dataset.value = String(a.value);
        answer.dataset.guess = String(locked);
        answer.className = "teaching-answer";
        answer.replaceChildren(
          html`<p><strong>Answer: <span data-testid="teaching-exercise-answer-text">${a.text}</span></strong> (${settingsText}). ${guessVerdict(exercise, locked, a)}</p>`,
          html`<p data-testid="teaching-exercise-explanation">${a.explanation}</p>`
        );
        status.textContent = `Done: ${exercise.studies.toLocaleString("en-US")} studies in ${seconds(performance.now() - started)} in this browser.`;
      })
      .catch((e: unknown) => {
        if (!(e instanceof CancelledRun)) status.textContent = `The simulation failed: ${e instanceof Error ? e.message : String(e)}`;
      });
  });
  root.append(html`<h3>${exercise.title}</h3>`, html`<p data-testid="teaching-exercise-question">${exercise.question(pop, exercise.n)}</p>`, guess, html`<div class="teaching-controls">${reveal}</div>`, status, answer);
  source.invalidation?.then(() => client.terminate());
  return root;
}

/** The three procedures on the same studies at n = 162 and at the reader's n (see the module comment). */
export function comparisonPanel(source: SimulationSource, {sizes, seed, studies}: {sizes: number[]; seed: number; studies: number}): HTMLElement {
  ensureTeachingStyle();
  const {pop} = source;
  const client = new SimulationClient(source.workerUrl);
  const root = document.createElement("div");
  root.setAttribute("data-testid", "teaching-comparison-panel");
  const status = statusLine("teaching-comparison-status");
  const output = document.createElement("div");
  const distinct = [...new Set(sizes)];
  const run = button(`Run ${studies.toLocaleString("en-US")} studies at ${distinct.map((n) => `n = ${n.toLocaleString("en-US")}`).join(" and ")}`, "teaching-compare", async () => {
    run.disabled = true;
    const started = performance.now();
    const entries: {n: number; key: TeachingProcedureKey; summary: ProcedureSummary}[] = [];
    try {
      for (const n of distinct) {
        const {records} = await client.run({cohortCsv: source.cohortCsv, published: source.published, n, seed, from: 0, to: studies, procedures: [...PROCEDURE_KEYS]}, (_c, done, total) => {
          status.textContent = `n = ${n.toLocaleString("en-US")}: ${done} of ${total} studies…`;
        });
        for (const key of PROCEDURE_KEYS) entries.push({n, key, summary: summarizeStudies(records, key, pop)});
      }
    } catch (e) {
      if (!(e instanceof CancelledRun)) status.textContent = `The simulation failed: ${e instanceof Error ? e.message : String(e)}`;
      run.disabled = false;
      return;
    }
    const ms = performance.now() - started;
    root.dataset.elapsedMs = String(ms);
    root.dataset.summaries = JSON.stringify(entries.map((e) => ({n: e.n, key: e.key, summary: e.summary})));
    status.textContent = `Done: ${(studies * distinct.length).toLocaleString("en-US")} studies, each analysed by all three procedures, in ${seconds(ms)} in this browser.`;
    const w = Math.max(300, Math.min(root.clientWidth || 640, 760));
    const describe = (metric: "newAuc" | "slope") => entries.map((e) => `${teachingProcedure(e.key).label} at n = ${e.n}: median ${formatValue(e.summary[metric].median, 3)}`).join("; ");
    output.replaceChildren(
      comparisonTable(entries, pop, {seed}),
      chartFigure(comparisonChart(entries, pop, {width: w, metric: "newAuc"}), {title: "AUC in new patients, by procedure and study size", description: `${describe("newAuc")}; the true AUC is ${formatValue(pop.trueAuc, 3)}.`, filename: "teaching-compare-auc"}),
      chartFigure(comparisonChart(entries, pop, {width: w, metric: "slope"}), {title: "Calibration slope in new patients, by procedure and study size", description: `${describe("slope")}; 1 is right.`, filename: "teaching-compare-slope"})
    );
    run.disabled = false;
  });
  root.append(html`<div class="teaching-controls">${run}</div>`, status, output);
  source.invalidation?.then(() => client.terminate());
  return root;
}
