/**
 * "Your own cohort"'s numeric controls honest at their extremes, and its view shareable by link, at 390 and 1280 px in
 * the light and the dark theme. The study's cohort is loaded with "Try it with the study's cohort"; each numeric
 * control of the choices (screening and Wald thresholds, B, seed) and then the live threshold of the results is
 * driven to its minimum, its maximum, a value typed below the minimum and one above the maximum, and a mid value.
 * After each: the box, slider and value in use agree, and agree with what the page will compute with (the app's
 * choices; the figures the engine returns); an out-of-range entry is clamped with a message; no chart mark is
 * outside its frame. The analysis run at the mid values reports them (B and seed in the bootstrap's own summary, the
 * screen's and selection's α in the procedure the engine ran), and the threshold's sensitivity and specificity equal
 * a 2×2 table counted here in Node from the same values. Then the URL: Back and Forward step through the changes,
 * and a fresh page opened at the URL, given the same file, shows the same choices, results and threshold.
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {cellErrors, openPage, startSite, waitForCells, type OpenOptions, type Site} from "./harness.js";
import {horizontalOverflow, marksOutsideFrame} from "./layout-checks.js";
import {boxNumber, controlState, typeValue} from "./number-controls.js";
import {confusionAt} from "../src/components/stats/roc.js";

let site: Site;

beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

const PREDICTORS = ["age", "smoking", "bmd_t", "cement_ml", "cobb_post_deg"];

/** Opens a page, takes the steps, then requires no uncaught exception and no console error; closes it. */
async function onPage(path: string, steps: (page: Page) => Promise<void>, options: OpenOptions = {}): Promise<void> {
  const {page, pageErrors, consoleErrors} = await openPage(site, path, options);
  try {
    await steps(page);
    expect(pageErrors, `uncaught exceptions on ${path}`).toEqual([]);
    expect(consoleErrors, `console errors on ${path}`).toEqual([]);
  } finally {
    await page.context().close();
  }
}

/** Waits until the app is idle (not reading, not analysing). */
async function settle(page: Page, timeout = 120_000): Promise<void> {
  await page.waitForFunction(() => document.querySelector("[data-testid=your-data-app]")?.getAttribute("aria-busy") === "false", undefined, {timeout});
}

async function tryStudyCohort(page: Page): Promise<void> {
  await page.click("[data-testid=your-try-study]");
  await page.waitForSelector("[data-testid=your-data-columns]", {timeout: 60_000});
  await settle(page);
}

/** An expression over the app's state (its choices and the result's), as the page will compute with them. */
function appState<T>(page: Page, expression: string): Promise<T> {
  // A string is evaluated as the test's own script (the page's Content-Security-Policy forbids eval in the page).
  return page.evaluate(`(() => { const state = document.querySelector("[data-testid=your-data-app]").state; return (${expression}); })()`) as Promise<T>;
}

interface Visit {
  entry: string;
  expected: number;
  adjusted: boolean;
}

/** Min, max, below the min and above the max (typed), then mid: the order Back/Forward are checked against. */
function visits(min: number, max: number, mid: number, below: string, above: string): Visit[] {
  return [
    {entry: String(min), expected: min, adjusted: false},
    {entry: String(max), expected: max, adjusted: false},
    {entry: below, expected: min, adjusted: true},
    {entry: above, expected: max, adjusted: true},
    {entry: String(mid), expected: mid, adjusted: false}
  ];
}

/** Drives one control through its visits, checking after each what it shows, what it uses and the charts. */
async function drive(page: Page, testId: string, plan: Visit[], used: (page: Page) => Promise<number>, extra?: (value: number, where: string) => Promise<void>): Promise<void> {
  for (const {entry, expected, adjusted} of plan) {
    await typeValue(page, testId, entry);
    const s = await controlState(page, testId);
    const where = `${testId} after typing ${entry}`;
    expect(s.valueNow, `value in use, ${where}`).toBe(expected);
    expect(boxNumber(s.box), `value in the box, ${where}`).toBe(expected);
    if (s.slider !== null) expect(Math.abs(s.slider - expected), `slider, ${where}`).toBeLessThanOrEqual((s.step ?? 0) / 2 + 1e-12);
    if (adjusted) {
      expect(s.state, `state, ${where}`).toBe("adjusted");
      expect(s.message, `message, ${where}`).toMatch(/is used/);
    } else {
      expect(["ok", "outside-data"], `state, ${where} (${s.message})`).toContain(s.state);
    }
    expect(await used(page), `value the page computes with, ${where}`).toBe(expected);
    await extra?.(expected, where);
    expect(await marksOutsideFrame(page), `marks outside their frame, ${where}`).toEqual([]);
    expect(await cellErrors(page), `cells in error, ${where}`).toEqual([]);
  }
}

async function checkedPredictors(page: Page): Promise<string[]> {
  return page.$$eval("[data-testid=choice-predictor]:checked", (boxes) => boxes.map((b) => (b as HTMLInputElement).value));
}

/** The bootstrap's own summary: "B bootstrap samples (seed S)". */
async function bootstrapShown(page: Page): Promise<{replicates: number; seed: number}> {
  const text = (await page.textContent("[data-testid=your-bootstrap-summary]")) ?? "";
  const m = /^(\d+) bootstrap samples \(seed (\d+)\)/.exec(text.trim());
  expect(m, `bootstrap summary: ${text}`).not.toBeNull();
  return {replicates: Number(m![1]), seed: Number(m![2])};
}

/** Sensitivity and specificity shown by the live threshold, and the 2×2 table counted here from the same values. */
async function thresholdAgrees(page: Page, threshold: number, where: string): Promise<void> {
  const marker = await appState<{key: string; direction: "<" | ">"; values: number[]; outcome: number[]}>(page, `(() => {
    const key = document.querySelector("[data-testid=your-roc-marker]").value;
    const m = state.result.markers.find((x) => x.key === key);
    return {key, direction: m.direction, values: [...m.cases, ...m.controls], outcome: [...m.cases].map(() => 1).concat([...m.controls].map(() => 0))};
  })()`);
  const expected = confusionAt(marker.values, marker.outcome, threshold, marker.direction);
  const shown = async (id: string) => Number(await page.getAttribute(`[data-testid=${id}]`, "data-value"));
  expect(await shown("your-roc-sensitivity"), `sensitivity, ${where}`).toBeCloseTo(expected.sensitivity, 14);
  expect(await shown("your-roc-specificity"), `specificity, ${where}`).toBeCloseTo(expected.specificity, 14);
  expect(Number(await page.textContent("[data-testid=roc-tp]")), `TP, ${where}`).toBe(expected.tp);
  expect(Number(await page.textContent("[data-testid=roc-tn]")), `TN, ${where}`).toBe(expected.tn);
  expect(Number(await page.getAttribute("[data-testid=your-roc-readout]", "data-threshold")), `threshold stated, ${where}`).toBe(threshold);
}

const MID = {screen: 0.5, select: 0.5, replicates: 1005, seed: 1073741824};

describe.each([
  {width: 390, colorScheme: "light" as const},
  {width: 390, colorScheme: "dark" as const},
  {width: 1280, colorScheme: "light" as const},
  {width: 1280, colorScheme: "dark" as const}
])("your own cohort's controls at $width px, $colorScheme", ({width, colorScheme}) => {
  it("every numeric control: min, max, below, above, mid — shown = used = computed, marks in frame, Back/Forward, URL round trip", async () => {
    const viewport = {width, height: 900};
    await onPage("/your-data", async (page) => {
      await tryStudyCohort(page);
      await page.selectOption("[data-testid=choice-outcome]", "asd");
      expect(await page.inputValue("[data-testid=choice-positive]")).toBe("1");
      for (const p of PREDICTORS) await page.check(`[data-testid=choice-predictor][data-column="${p}"]`);
      await page.check("[data-testid=choice-screen]");
      await page.selectOption("[data-testid=choice-select]", "wald");

      await drive(page, "choice-screen-p", visits(0.001, 1, MID.screen, "0", "1.5"), (p) => appState(p, "state.choices.screenP"));
      await drive(page, "choice-select-p", visits(0.001, 1, MID.select, "-0.2", "5"), (p) => appState(p, "state.choices.selectP"));
      await drive(page, "choice-replicates", visits(10, 2000, MID.replicates, "9", "100000"), (p) => appState(p, "state.choices.replicates"));
      // Seed 0 and an off-step seed say what is used instead, never silently keep the old seed.
      for (const [typed, used] of [["0", 1], ["2.5", 3]] as const) {
        await typeValue(page, "choice-seed", typed);
        const s = await controlState(page, "choice-seed");
        expect([s.state, s.valueNow, await appState(page, "state.choices.seed")], `seed ${typed}`).toEqual(["adjusted", used, used]);
        expect(s.message, `seed ${typed}`).toMatch(new RegExp(`${used} is used|rounded to ${used}`));
      }
      await drive(page, "choice-seed", visits(1, 2 ** 31 - 1, MID.seed, "-5.5", "3000000000"), (p) => appState(p, "state.choices.seed"));

      // Back steps to the seed before (the maximum, to which the entry above it was clamped); Forward returns.
      await page.goBack();
      await waitForCells(page);
      expect((await controlState(page, "choice-seed")).valueNow, "seed after Back").toBe(2 ** 31 - 1);
      expect(await appState(page, "state.choices.seed"), "seed used after Back").toBe(2 ** 31 - 1);
      await page.goForward();
      await waitForCells(page);
      expect(await appState(page, "state.choices.seed"), "seed after Forward").toBe(MID.seed);

      // The form, every control in view, fits the width (nothing sticks out sideways).
      expect((await horizontalOverflow(page)).offenders, "elements beyond the viewport with the form filled in").toEqual([]);

      // The analysis at the mid values reports them as the engine ran them.
      await page.click("[data-testid=your-data-run]");
      await page.waitForSelector("[data-testid=your-results]", {timeout: 120_000});
      await settle(page);
      expect(await bootstrapShown(page)).toEqual({replicates: MID.replicates, seed: MID.seed});
      expect(await appState(page, "state.result.cli.procedure.screen")).toEqual({method: "univariable", p: MID.screen});
      expect(await appState(page, "state.result.cli.procedure.select")).toEqual({method: "wald", p: MID.select});
      expect(await page.textContent("[data-testid=your-results]")).toContain(`--screen-p ${MID.screen} --select-p ${MID.select} --bootstrap ${MID.replicates} --seed ${MID.seed}`);

      // The live threshold on a measured marker (its range is one step beyond the data) and on the model (0 to 1).
      const markers = await appState<string[]>(page, "state.result.markers.map((m) => m.key)");
      expect(markers[0]).toBe("model");
      const measured = markers.find((k) => k !== "model" && k !== "smoking");
      expect(measured, `a measured marker among ${markers.join(", ")}`).toBeDefined();
      for (const key of ["model", measured!]) {
        await page.selectOption("[data-testid=your-roc-marker]", key);
        await waitForCells(page);
        const {min, max, step} = await controlState(page, "your-roc-threshold");
        const mid = +(min + Math.round((max - min) / 2 / step!) * step!).toPrecision(12);
        await drive(page, "your-roc-threshold", visits(min, max, mid, String(min - (max - min)), String(max + (max - min))), (p) => appState(p, `Number(document.querySelector("[data-testid=your-roc-readout]").getAttribute("data-threshold"))`), (v, where) => thresholdAgrees(page, v, where));
        await page.goBack();
        await waitForCells(page);
        expect((await controlState(page, "your-roc-threshold")).valueNow, `${key} threshold after Back`).toBe(max);
        await thresholdAgrees(page, max, `${key} after Back`);
        await page.goForward();
        await waitForCells(page);
        expect((await controlState(page, "your-roc-threshold")).valueNow, `${key} threshold after Forward`).toBe(mid);
      }
      expect((await horizontalOverflow(page)).offenders, "elements beyond the viewport with the results shown").toEqual([]);
      const threshold = (await controlState(page, "your-roc-threshold")).valueNow;
      const sensitivity = await page.getAttribute("[data-testid=your-roc-sensitivity]", "data-value");

      // A fresh page at this URL: the link's choices are described, applied to the same file, and run.
      const url = page.url();
      const params = new URL(url).searchParams;
      expect(Object.fromEntries(params), `the URL ${url}`).toMatchObject({outcome: "asd", event: "1", predictors: PREDICTORS.join(","), screen: String(MID.screen), select: "wald", selectp: String(MID.select), B: String(MID.replicates), seed: String(MID.seed), marker: measured, t: String(threshold)});
      await onPage(url.slice(site.origin.length), async (again) => {
        expect(await again.textContent("[data-testid=your-link-note]")).toMatch(/link holds choices for a file: outcome “asd” \(event “1”\)/);
        await tryStudyCohort(again);
        await again.waitForSelector("[data-testid=your-results]", {timeout: 120_000});
        await settle(again);
        expect(await again.textContent("[data-testid=your-link-note]")).toBe("");
        expect(await checkedPredictors(again)).toEqual(PREDICTORS);
        for (const [testId, value] of [["choice-screen-p", MID.screen], ["choice-select-p", MID.select], ["choice-replicates", MID.replicates], ["choice-seed", MID.seed]] as const) {
          expect((await controlState(again, testId)).valueNow, `${testId} after the round trip`).toBe(value);
        }
        expect(await bootstrapShown(again)).toEqual({replicates: MID.replicates, seed: MID.seed});
        expect(await again.inputValue("[data-testid=your-roc-marker]")).toBe(measured);
        expect((await controlState(again, "your-roc-threshold")).valueNow).toBe(threshold);
        expect(await again.getAttribute("[data-testid=your-roc-sensitivity]", "data-value")).toBe(sensitivity);
        expect(await marksOutsideFrame(again)).toEqual([]);
      }, {viewport, colorScheme});
    }, {viewport, colorScheme});
  }, 300_000);
});

describe("your own cohort: a link whose choices do not fit the file", () => {
  it("names the missing column, keeps the choices in the link, and applies them to a file that has them", async () => {
    await onPage("/your-data?outcome=asd&predictors=age,nonexistent,bmd_t&B=5000&seed=7", async (page) => {
      await page.setInputFiles("[data-testid=your-data-file-input]", "e2e/fixtures/good.csv");
      await settle(page);
      // good.csv has asd, age and bmd_t but no "nonexistent": named, not used, and still in the link.
      expect(await page.textContent("[data-testid=your-link-note]")).toMatch(/do not fit “good\.csv”.*predictor “nonexistent”/);
      expect(await checkedPredictors(page)).toEqual(["age", "bmd_t"]);
      expect(new URL(page.url()).searchParams.get("predictors")).toBe("age,bmd_t,nonexistent");
      // B = 5000 is beyond the allowed 2000: the box says so and 2000 is what runs.
      const b = await controlState(page, "choice-replicates");
      expect([b.valueNow, b.state, await appState(page, "state.choices.replicates")]).toEqual([2000, "adjusted", 2000]);
      expect(b.message).toMatch(/5000 is above the allowed maximum, 2000/);
      expect(await page.$$("[data-testid=your-results]"), "a link that does not fit is not run").toHaveLength(0);
      // A reader's own tick replaces the choice that was waiting for a file with its column.
      await page.check('[data-testid=choice-predictor][data-column="cement_ml"]');
      expect(new URL(page.url()).searchParams.get("predictors")).toBe("age,bmd_t,cement_ml");
    });
  }, 120_000);
});

describe("your own cohort: a screen that keeps no candidate", () => {
  it("says so and shows the intercept-only model, with no stale terms and no error", async () => {
    await onPage("/your-data", async (page) => {
      await tryStudyCohort(page);
      await page.selectOption("[data-testid=choice-outcome]", "asd");
      for (const p of ["smoking", "prior_asd"]) await page.check(`[data-testid=choice-predictor][data-column="${p}"]`);
      await page.check("[data-testid=choice-screen]");
      await typeValue(page, "choice-screen-p", "0.001");
      await typeValue(page, "choice-replicates", "10");
      await page.click("[data-testid=your-data-run]");
      await page.waitForSelector("[data-testid=your-results]", {timeout: 120_000});
      await settle(page);
      expect(await appState(page, "state.result.cli.steps.screen.kept")).toEqual([]);
      expect(await page.textContent("[data-testid=your-results]")).toMatch(/No candidate was kept by the procedure/);
      expect(await page.$$eval("[data-testid=your-model] tbody [data-field=term]", (cells) => cells.map((c) => c.textContent))).toEqual(["(Intercept)"]);
      expect(await cellErrors(page)).toEqual([]);
    });
  }, 120_000);
});

describe("your own cohort: how the file is read, and the mode, are in the link", () => {
  const EXPORT = "test/fixtures/validate-equation-birthwt.csv"; // semicolon-separated, as Excel saves it in Europe
  const columns = (page: Page) => appState<number>(page, "state.table.columns.length");
  /** Waits until the file has been read again into `n` columns (Back/Forward read it again). */
  const columnsRead = async (page: Page, n: number) => {
    await page.waitForFunction((want) => (document.querySelector("[data-testid=your-data-app]") as unknown as {state: {table: {columns: unknown[]} | null}}).state.table?.columns.length === want, n, {timeout: 30_000});
    await settle(page);
  };

  it("a separator chosen is kept, Back/Forward read the file again, and a fresh page reads the same file that way", async () => {
    await onPage("/your-data", async (page) => {
      await page.setInputFiles("[data-testid=your-data-file-input]", EXPORT);
      await settle(page);
      expect(await columns(page)).toBe(7);
      expect(await page.inputValue("[data-testid=your-format-delimiter]")).toBe(";");
      // The reader insists on commas: one column, and the link says so.
      await page.selectOption("[data-testid=your-format-delimiter]", ",");
      await page.click("[data-testid=your-format-reread]");
      await settle(page);
      expect(await columns(page)).toBe(1);
      expect(new URL(page.url()).searchParams.get("sep")).toBe(",");
      await page.check("[data-testid=your-mode-validate]");
      expect(new URL(page.url()).searchParams.get("mode")).toBe("validate");

      await page.goBack();
      await settle(page);
      expect(await page.isChecked("[data-testid=your-mode-fit]"), "mode after Back").toBe(true);
      await page.goBack();
      await columnsRead(page, 7);
      expect(await page.inputValue("[data-testid=your-format-delimiter]"), "separator after Back").toBe(";");
      await page.goForward();
      await columnsRead(page, 1);
      await page.goForward();
      await settle(page);
      expect(await page.isChecked("[data-testid=your-mode-validate]"), "mode after Forward").toBe(true);

      const url = page.url();
      await onPage(url.slice(site.origin.length), async (again) => {
        await again.setInputFiles("[data-testid=your-data-file-input]", EXPORT);
        await settle(again);
        expect(await columns(again), "the link's separator is used for the same file").toBe(1);
        expect(await again.inputValue("[data-testid=your-format-delimiter]")).toBe(",");
        expect(await again.isChecked("[data-testid=your-mode-validate]")).toBe(true);
      });
    });
  }, 120_000);
});
