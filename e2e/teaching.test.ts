/**
 * "Redraw the study" (/teaching) in Chromium, every number checked against the engine run here in Node on the very
 * cohort CSV the site was built from:
 * - press play: studies accumulate one at a time; paused after N, the page's summary is summarizeStudies over the
 *   first N studies computed in Node for the same seed, to the last bit;
 * - show all: 1,000 studies of 162 with the paper's procedure in the worker; the time it took is printed (and
 *   must be a few seconds, a gross guard only);
 * - one study: each OR, "reported" mark and the sentence equal redrawStudy's;
 * - an exercise's computed answer equals exerciseAnswer over the same studies; the side-by-side panel's summaries
 *   equal Node's;
 * - the URL: every setting written to it and restored from it (procedure, size by events, seed, study, studies,
 *   larger n, exercise).
 * "Equal": every count, every study's events and every factor reported exactly; every other number to 1e-6 relative.
 * Not to the last bit, because Debian's Chromium does not round Math.exp, Math.log, Math.pow … as Node 20's V8 does
 * (measured: Math.exp differs in the last bit for about one argument in ten), so a fit's last digits differ, and in
 * the studies whose fit is nearly separated (ill-conditioned) the difference grows to ~1e-8 relative in their
 * calibration; within the browser, main thread and worker agree to the bit, however the studies are split.
 */
import {readFileSync} from "node:fs";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {builtDataFile, cellErrors, cspViolations, expectDeepClose, onPage, openPage, seriousAccessibilityViolations, startSite, type Site} from "./harness.js";
import {populationFromCsv, sizeForEvents, type Population} from "../src/components/teaching/population.js";
import {redrawStudy} from "../src/components/teaching/redraw.js";
import {simulateStudies, summarizeStudies} from "../src/components/teaching/simulate.js";
import {exerciseAnswer, exerciseById, type Summaries} from "../src/components/teaching/exercises.js";
import {studySentence} from "../src/components/teaching/player.js";
import {PROCEDURE_KEYS} from "../src/components/teaching/procedures.js";

let site: Site;
let pop: Population;

beforeAll(async () => {
  site = await startSite();
  pop = populationFromCsv(builtDataFile("cohort.csv"), JSON.parse(readFileSync("src/data/published.json", "utf8")));
});
afterAll(async () => {
  await site?.close();
});

async function open(query: string): Promise<Page> {
  const report = await openPage(site, `/teaching${query}`);
  await report.page.waitForSelector("[data-testid=teaching-player]");
  return report.page;
}

async function expectClean(page: Page): Promise<void> {
  expect(await cellErrors(page)).toEqual([]);
  expect(await cspViolations(page)).toEqual([]);
}

const player = "[data-testid=teaching-player]";

/** Every count, every study's events and every factor reported exactly; every other number to 1e-6 relative. */
const expectSame = (actual: unknown, expected: unknown, path?: string) => expectDeepClose(actual, expected, {relative: 1e-6, exactIntegers: true}, path);

const viaJson = (x: unknown) => JSON.parse(JSON.stringify(x));

describe("many studies", () => {
  it("press play: studies arrive one at a time, and the summary of those shown is Node's for the same seed", () => onPage(open("?seed=5&B=300"), async (page) => {
    await page.selectOption("[data-testid=teaching-speed]", "20");
    await page.click("[data-testid=teaching-play]");
    await page.waitForFunction((sel) => Number(document.querySelector(sel)!.getAttribute("data-shown")) >= 12, player);
    const early = Number(await page.getAttribute(player, "data-shown"));
    expect(early).toBeLessThan(300);
    await page.click("[data-testid=teaching-play]"); // pause
    const shown = Number(await page.getAttribute(player, "data-shown"));
    expect(shown).toBeGreaterThanOrEqual(early);
    const summary = JSON.parse((await page.getAttribute(player, "data-summary"))!);
    const records = simulateStudies(pop, {n: 162, seed: 5, to: shown, procedures: ["paper"]});
    expectSame(summary, viaJson(summarizeStudies(records, "paper", pop)));
    // the frame is the last study shown
    const last = redrawStudy(pop, {n: 162, seed: 5, index: shown - 1, procedures: ["paper"]});
    expect(await page.textContent("[data-testid=teaching-frame-sentence]")).toBe(studySentence(last.outcomes.paper!, pop, {study: shown, events: last.draw.events, n: 162}));
    expect(await page.getAttribute(`[data-testid=teaching-frame] svg`, "aria-label")).toContain(`Study ${shown}:`);
    // one more study
    await page.click("[data-testid=teaching-step]");
    await page.waitForFunction(([sel, s]) => Number(document.querySelector(sel as string)!.getAttribute("data-shown")) === (s as number) + 1, [player, shown] as const);
    const more = simulateStudies(pop, {n: 162, seed: 5, to: shown + 1, procedures: ["paper"]});
    expectSame(JSON.parse((await page.getAttribute(player, "data-summary"))!), viaJson(summarizeStudies(more, "paper", pop)));
    const exact = summarizeStudies(more, "paper", pop).exactlyTrue;
    expect(await page.getAttribute("[data-testid=teaching-exactly-true]", "data-value")).toBe(String(exact));
    await expectClean(page);
  }));

  it("show all: 1,000 studies of 162 with the paper's procedure, computed in the worker in a few seconds, equal Node's", () => onPage(open(""), async (page) => {
    await page.click("[data-testid=teaching-all]");
    await page.waitForSelector(`${player}[data-done=true][data-shown="1000"]`, {timeout: 90_000});
    const elapsed = Number(await page.getAttribute(player, "data-elapsed-ms"));
    const worker = Number(await page.getAttribute(player, "data-worker-ms"));
    console.log(`\n/teaching: 1,000 redrawn studies of 162, paper's procedure, in Chromium's worker: ${(elapsed / 1000).toFixed(2)} s as the reader waits (${(worker / 1000).toFixed(2)} s inside the worker)`);
    expect(elapsed, "gross guard only: a measurement, not a timing test").toBeLessThan(30_000);
    const summary = JSON.parse((await page.getAttribute(player, "data-summary"))!);
    const node = summarizeStudies(simulateStudies(pop, {n: 162, seed: 1, to: 1000, procedures: ["paper"]}), "paper", pop);
    expectSame(summary, viaJson(node));
    expect(await page.textContent("[data-testid=teaching-status]")).toMatch(/computed all 1,000 in \d+\.\d+ s/);
    // everything the run drew (charts, tables) passes the accessibility check too
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await expectClean(page);
  }));
});

describe("one study", () => {
  it("shows what study 4 of seed 3 would have published under the full model, as redrawStudy computes it", () => onPage(open("?seed=3&study=4&proc=full"), async (page) => {
    const study = redrawStudy(pop, {n: 162, seed: 3, index: 3, procedures: ["full"]});
    const outcome = study.outcomes.full!;
    expect(await page.textContent("[data-testid=teaching-one-sentence]")).toBe(studySentence(outcome, pop, {study: 4, events: study.draw.events, n: 162}));
    for (const f of outcome.factors) {
      const shown = await page.getAttribute(`[data-testid=teaching-study-or-${f.variable}]`, "data-value");
      if (f.inModel) expectSame(Number(shown), f.oddsRatio, f.variable);
      else expect(shown).toBe("NaN");
      expect(await page.textContent(`[data-testid=teaching-study-reported-${f.variable}]`)).toBe(f.reported ? "yes" : "no");
    }
    expect(await page.textContent("[data-testid=teaching-draw-command]")).toContain("draw-study -- --seed 3 --study 4 --n 162");
    // the next study
    await page.click("[data-testid=teaching-next-study]");
    await page.waitForFunction(() => document.querySelector("[data-testid=teaching-one-sentence]")!.textContent!.startsWith("Study 5 "));
    expect(new URL(page.url()).searchParams.get("study")).toBe("5");
    await expectClean(page);
  }));
});

describe("exercises and the side-by-side comparison", () => {
  it("an exercise reveals, after the guess, the answer exerciseAnswer computes from the same studies", () => onPage(open("?ex=auc&seed=2"), async (page) => {
    const exercise = exerciseById("auc");
    await page.fill("[data-testid=teaching-exercise-guess-number]", "0.8");
    await page.press("[data-testid=teaching-exercise-guess-number]", "Enter");
    await page.click("[data-testid=teaching-exercise-reveal]");
    await page.waitForSelector("[data-testid=teaching-exercise-answer][data-value]", {timeout: 60_000});
    const records = simulateStudies(pop, {n: exercise.n, seed: 2, to: exercise.studies, procedures: exercise.procedures});
    const summaries: Summaries = {};
    for (const k of exercise.procedures) summaries[k] = summarizeStudies(records, k, pop);
    const answer = exerciseAnswer(exercise, summaries, pop);
    expectSame(Number(await page.getAttribute("[data-testid=teaching-exercise-answer]", "data-value")), answer.value);
    expect(await page.getAttribute("[data-testid=teaching-exercise-answer]", "data-guess")).toBe("0.8");
    expect(await page.textContent("[data-testid=teaching-exercise-answer-text]")).toBe(answer.text);
    expect(await page.textContent("[data-testid=teaching-exercise-explanation]")).toBe(answer.explanation);
    await expectClean(page);
  }));

  it("the three procedures side by side equal Node's summaries at both sizes", () => onPage(open("?B=40&n2=400&seed=4"), async (page) => {
    await page.click("[data-testid=teaching-compare]");
    await page.waitForSelector("[data-testid=teaching-comparison-panel][data-summaries]", {timeout: 60_000});
    const shown = JSON.parse((await page.getAttribute("[data-testid=teaching-comparison-panel]", "data-summaries"))!);
    const node = [162, 400].flatMap((n) => {
      const records = simulateStudies(pop, {n, seed: 4, to: 40});
      return PROCEDURE_KEYS.map((key) => ({n, key, summary: summarizeStudies(records, key, pop)}));
    });
    expectSame(shown, viaJson(node));
    expect(await page.locator("[data-testid=teaching-comparison] tbody tr").count()).toBe(6);
    await expectClean(page);
  }));
});

describe("the URL", () => {
  it("keeps every setting, and a link restores them", () => onPage(open(""), async (page) => {
    await page.getByLabel("Pre-specified, shrunken").check();
    await page.getByLabel("expected number with ASD").check();
    for (const [id, value] of [["teaching-events", "50"], ["teaching-seed", "9"], ["teaching-study", "3"], ["teaching-studies", "200"], ["teaching-n2", "800"]]) {
      await page.fill(`[data-testid=${id}-number]`, value!);
      await page.press(`[data-testid=${id}-number]`, "Enter");
    }
    await page.selectOption("[data-testid=teaching-exercise-select] select", {label: "5. Too extreme"});
    await page.waitForFunction(() => new URL(location.href).searchParams.get("ex") === "slope");
    const params = new URL(page.url()).searchParams;
    expect(Object.fromEntries(params)).toEqual({proc: "shrunk", by: "events", events: "50", seed: "9", study: "3", B: "200", n2: "800", ex: "slope"});
    const n = sizeForEvents(pop, 50);
    expect(await page.textContent("[data-testid=teaching-n-used]")).toBe(n.toLocaleString("en-US"));
    const link = page.url();
    const again = await site.browser.newPage();
    try {
      await again.goto(link);
      await again.waitForSelector("[data-testid=teaching-exercise][data-exercise=slope]");
      expect(await again.textContent("[data-testid=teaching-n-used]")).toBe(n.toLocaleString("en-US"));
      expect(await again.inputValue("[data-testid=teaching-seed-number]")).toBe("9");
      expect(await again.inputValue("[data-testid=teaching-study-number]")).toBe("3");
      expect(await again.inputValue("[data-testid=teaching-studies-number]")).toBe("200");
      expect(await again.inputValue("[data-testid=teaching-n2-number]")).toBe("800");
      expect(await again.getByLabel("expected number with ASD").isChecked()).toBe(true);
      expect(await again.getByLabel("Pre-specified, shrunken").isChecked()).toBe(true);
      const study = redrawStudy(pop, {n, seed: 9, index: 2, procedures: ["shrunk"]});
      expect(await again.textContent("[data-testid=teaching-one-sentence]")).toBe(studySentence(study.outcomes.shrunk!, pop, {study: 3, events: study.draw.events, n}));
    } finally {
      await again.close();
    }
  }));
});
