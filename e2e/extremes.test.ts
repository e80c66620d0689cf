/**
 * Every control honest at its extremes (issue 15): every numeric control on every page — found on the page, so a
 * page owner's new control is covered as soon as it lands — is driven to its minimum, its maximum, a value typed
 * beyond the maximum, and a mid value. After each: the control's box, slider and value agree; an out-of-range entry
 * is clamped with a visible message; no chart mark is outside its frame; no cell fails. For the controls listed in
 * ENGINE_CHECKS, the number the page shows is compared with the engine's, computed here in Node from the archive the
 * site serves. Then the URL: the mid value is in the query, a fresh page opened at that URL shows it again, and Back
 * and Forward step through the changes. The Validation and Checking pages' radio, toggles and pair of bounds get the
 * same round trip at the end.
 *
 * Observable's own Inputs.range and Inputs.number cannot pass these checks (a typed value outside the range or off
 * its step is ignored, the very fault of the issue's item 2): a page that still has one fails "no legacy range
 * inputs"; pages whose owners are replacing theirs are marked in LEGACY_UNTIL_REPLACED with the reason, as expected
 * failures that start failing — and must be unmarked — once the page is fixed.
 */
import {readdirSync, readFileSync} from "node:fs";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {cellErrors, openPage, sitePages, startSite, waitForCells, type Site} from "./harness.js";
import {marksOutsideFrame} from "./layout-checks.js";
import {boxNumber, controlState, typeValue} from "./number-controls.js";
import {populationFromCsv, sizeForEvents} from "../src/components/teaching/population.js";
import {riskFrequency} from "../src/components/natural-frequency.js";

let site: Site;

beforeAll(async () => {
  site = await startSite();
});

afterAll(async () => {
  await site?.close();
});

/** A file the built site serves, by its name before the content hash (dist/_file/data/…/name.HASH.ext). */
function servedFile(dir: string, name: string): string {
  const [stem, ext] = [name.slice(0, name.lastIndexOf(".")), name.slice(name.lastIndexOf("."))];
  const file = readdirSync(`dist/_file/data/${dir}`).find((f) => f.startsWith(`${stem}.`) && f.endsWith(ext) && f.split(".").length === 3);
  if (!file) throw new Error(`dist/_file/data/${dir}/${name} not found: build the site first`);
  return readFileSync(`dist/_file/data/${dir}/${file}`, "utf8");
}

interface EngineCheck {
  /** Runs before the control is driven (a control shown only in one mode). */
  prepare?: (page: Page) => Promise<void>;
  /** What the page shows for the control's value, and what the engine gives for it. */
  shown: (page: Page) => Promise<string>;
  engine: (value: number) => string;
}

const teachingPopulation = () => populationFromCsv(servedFile("study", "teaching-cohort.csv"), JSON.parse(servedFile("", "published.json")));
const text = (testId: string) => async (page: Page) => ((await page.getByTestId(testId).first().textContent()) ?? "").trim();

/** Controls whose shown figure is checked against the engine, by page and the control's testId. */
const ENGINE_CHECKS: Record<string, Record<string, EngineCheck>> = {
  "/teaching": {
    "teaching-patient": {shown: text("teaching-patient-truth"), engine: (v) => riskFrequency(teachingPopulation().risk[v - 1]!).sentence},
    "teaching-n": {shown: text("teaching-n-used"), engine: (v) => v.toLocaleString("en-US")},
    "teaching-events": {
      prepare: async (page) => {
        await page.getByTestId("teaching-size-by").getByLabel("expected number with ASD").check();
        await waitForCells(page);
      },
      shown: text("teaching-n-used"),
      engine: (v) => sizeForEvents(teachingPopulation(), v).toLocaleString("en-US")
    },
    "teaching-seed": {shown: async (page) => /seed (\d+)/.exec((await text("teaching-settings")(page)))?.[1] ?? "", engine: (v) => String(v)}
  }
};

/** Pages that still use Observable's range or number inputs (to be replaced by numberInput), and which. */
const LEGACY_UNTIL_REPLACED: Record<string, string> = {};

async function discoverControls(page: Page): Promise<{numberInputs: string[]; legacy: string[]}> {
  return page.evaluate(() => ({
    numberInputs: Array.from(document.querySelectorAll(".honest-number[data-testid$='-control']")).map((el) => el.getAttribute("data-testid")!.replace(/-control$/, "")),
    legacy: Array.from(document.querySelectorAll("#observablehq-main input[type=range], #observablehq-main input[type=number]"))
      .filter((el) => !el.closest(".honest-number"))
      .map((el) => el.closest("form")?.querySelector("label")?.textContent?.trim() ?? el.getAttribute("data-testid") ?? "range")
  }));
}

describe.each(sitePages())("controls of $name ($path)", ({path}) => {
  it("every numeric control: min, max, out-of-range typed, mid — value shown = value used = engine's, marks in frame, URL round trip, Back/Forward", async () => {
    const {page, consoleErrors, pageErrors} = await openPage(site, path, {viewport: {width: 1280, height: 900}});
    try {
      const {numberInputs} = await discoverControls(page);
      const checks = ENGINE_CHECKS[path] ?? {};
      for (const name of Object.keys(checks)) expect(numberInputs, `ENGINE_CHECKS names a control the page does not have`).toContain(name);
      for (const testId of numberInputs) {
        const check = checks[testId];
        await check?.prepare?.(page);
        const initial = await controlState(page, testId);
        expect(initial.hidden, `${testId} is hidden: give it a prepare step in ENGINE_CHECKS`).toBe(false);
        const {min, max} = initial;
        const step = initial.step ?? 1;
        // Mid-range, on the step, and not the default (a default is left out of the URL, so it proves nothing there).
        let mid = Math.min(max, min + Math.round((max - min) / 2 / step) * step);
        if (mid === initial.valueNow) mid = Math.min(max, mid + step);
        mid = +mid.toPrecision(12);
        const beyond = max + Math.max(1, max - min);
        const visits: {entry: string; expected: number; state: string[]}[] = [
          {entry: String(min), expected: min, state: ["ok", "outside-data"]},
          {entry: String(max), expected: max, state: ["ok", "outside-data"]},
          {entry: String(beyond), expected: max, state: ["adjusted"]},
          {entry: String(mid), expected: mid, state: ["ok", "outside-data"]}
        ];
        for (const {entry, expected, state} of visits) {
          await typeValue(page, testId, entry);
          const s = await controlState(page, testId);
          const where = `${path} ${testId} after typing ${entry}`;
          expect(s.valueNow, `value used, ${where}`).toBe(expected);
          expect(boxNumber(s.box), `value in the box, ${where}`).toBe(expected);
          if (s.slider !== null) expect(Math.abs(s.slider - expected), `slider position, ${where}`).toBeLessThanOrEqual(step / 2 + 1e-9);
          expect(state, `state, ${where} (message: ${s.message})`).toContain(s.state);
          if (s.state === "adjusted") expect(s.message, `message, ${where}`).not.toBe("");
          if (check) expect(await check.shown(page), `figure shown vs the engine's, ${where}`).toBe(check.engine(expected));
          expect(await marksOutsideFrame(page), `marks outside their frame, ${where}`).toEqual([]);
          expect(await cellErrors(page), `cells in error, ${where}`).toEqual([]);
        }
        // The URL now holds the mid value (unless it is the default, which links leave out).
        const url = page.url();
        const params = new URL(url).searchParams;
        const holds = [...params.values()].some((v) => Number(v) === mid);
        if (mid !== initial.valueNow) expect(holds, `${path} ${testId}: the URL ${url} holds ${mid}`).toBe(true);
        const fresh = await openPage(site, url.slice(site.origin.length), {viewport: {width: 1280, height: 900}});
        try {
          await check?.prepare?.(fresh.page);
          expect((await controlState(fresh.page, testId)).valueNow, `${path} ${testId}: a fresh page at ${url} restores the value`).toBe(mid);
          if (check) expect(await check.shown(fresh.page), `${path} ${testId}: figure shown after the round trip`).toBe(check.engine(mid));
        } finally {
          await fresh.page.context().close();
        }
        // Back steps to the value before (the maximum: the out-of-range entry was clamped to it), Forward returns.
        await page.goBack();
        await waitForCells(page);
        expect((await controlState(page, testId)).valueNow, `${path} ${testId}: Back`).toBe(max);
        await page.goForward();
        await waitForCells(page);
        expect((await controlState(page, testId)).valueNow, `${path} ${testId}: Forward`).toBe(mid);
      }
      expect(pageErrors, "uncaught exceptions").toEqual([]);
      expect(consoleErrors, "console errors").toEqual([]);
    } finally {
      await page.context().close();
    }
  }, 300_000);

  const legacyReason = LEGACY_UNTIL_REPLACED[path];
  (legacyReason ? it.fails : it)(`no legacy range inputs${legacyReason ? ` (expected to fail until fixed: ${legacyReason})` : ""}`, async () => {
    const {page} = await openPage(site, path, {viewport: {width: 1280, height: 900}});
    try {
      expect((await discoverControls(page)).legacy, "Observable range/number inputs (they ignore typed values outside range or off step)").toEqual([]);
    } finally {
      await page.context().close();
    }
  });
});

/** The controls that are not numbers (a radio, toggles) and a pair of bounds that move each other, through the URL. */
describe("the Validation and Checking pages' other controls: URL round trip, Back/Forward", () => {
  const viewport = {width: 1280, height: 900};
  /** Ticks a radio button or a toggle as a reader does, and waits for the page to follow. */
  const tick = async (page: Page, testId: string) => {
    await page.getByTestId(testId).check();
    await waitForCells(page);
  };
  const valueOf = (page: Page, testId: string) => page.getByTestId(`${testId}-control`).evaluate((root) => Number(root.querySelector<HTMLInputElement>(".honest-number-box")!.getAttribute("aria-valuenow")));

  it("Validation: the model chosen, the Firth toggle, and decision-curve bounds pushed past each other", async () => {
    const {page, consoleErrors, pageErrors} = await openPage(site, "/validation", {viewport});
    try {
      await tick(page, "validation-model-multivariable");
      await tick(page, "validation-firth");
      expect(await page.getByTestId("validation-epv").textContent()).toMatch(/^Multivariable model/);
      // a highest threshold typed below the lowest moves the lowest down, and both are in the link
      await typeValue(page, "validation-dca-low", "45");
      await typeValue(page, "validation-dca-high", "30");
      const low = await valueOf(page, "validation-dca-low");
      const high = await valueOf(page, "validation-dca-high");
      expect(high).toBe(30);
      expect(low).toBeLessThan(high);
      expect(await page.getByTestId("validation-dca-range-message").textContent()).toContain(`${low}%`);
      const params = new URL(page.url()).searchParams;
      expect(Object.fromEntries(params)).toMatchObject({model: "multivariable", firth: "1", dca_low: String(low), dca_high: "30"});
      expect(await cellErrors(page)).toEqual([]);
      const fresh = await openPage(site, page.url().slice(site.origin.length), {viewport});
      try {
        expect(await fresh.page.getByTestId("validation-model-multivariable").isChecked()).toBe(true);
        expect(await fresh.page.getByTestId("validation-firth").isChecked()).toBe(true);
        expect([await valueOf(fresh.page, "validation-dca-low"), await valueOf(fresh.page, "validation-dca-high")]).toEqual([low, high]);
        expect(await fresh.page.getByTestId("validation-epv").textContent()).toMatch(/^Multivariable model/);
        expect(await cellErrors(fresh.page)).toEqual([]);
      } finally {
        await fresh.page.context().close();
      }
      // Back: before the highest was typed (the lowest at 45, the highest at its default), then before the lowest
      await page.goBack();
      await waitForCells(page);
      expect(await valueOf(page, "validation-dca-low")).toBe(45);
      expect(await valueOf(page, "validation-dca-high")).toBe(60);
      await page.goBack();
      await waitForCells(page);
      expect(await valueOf(page, "validation-dca-low")).toBe(1);
      await page.goBack();
      await waitForCells(page);
      expect(await page.getByTestId("validation-firth").isChecked()).toBe(false);
      await page.goBack();
      await waitForCells(page);
      expect(await page.getByTestId("validation-model-equation").isChecked()).toBe(true);
      expect(await page.getByTestId("validation-epv").textContent()).toMatch(/^Prediction equation/);
      await page.goForward();
      await waitForCells(page);
      expect(await page.getByTestId("validation-model-multivariable").isChecked()).toBe(true);
      expect(pageErrors, "uncaught exceptions").toEqual([]);
      expect(consoleErrors, "console errors").toEqual([]);
    } finally {
      await page.context().close();
    }
  }, 120_000);

  it("Checking: both table filters", async () => {
    const {page, consoleErrors, pageErrors} = await openPage(site, "/checking", {viewport});
    try {
      await tick(page, "check-only-failing");
      await tick(page, "fidelity-only-mismatches");
      expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({failing: "1", mismatches: "1"});
      const fresh = await openPage(site, page.url().slice(site.origin.length), {viewport});
      try {
        expect(await fresh.page.getByTestId("check-only-failing").isChecked()).toBe(true);
        expect(await fresh.page.getByTestId("fidelity-only-mismatches").isChecked()).toBe(true);
        expect(await fresh.page.locator("tr[data-consistent=true]").count(), "only failing checks shown").toBe(0);
      } finally {
        await fresh.page.context().close();
      }
      await page.goBack();
      await waitForCells(page);
      expect(await page.getByTestId("fidelity-only-mismatches").isChecked()).toBe(false);
      expect(await page.getByTestId("check-only-failing").isChecked()).toBe(true);
      await page.goBack();
      await waitForCells(page);
      expect(await page.getByTestId("check-only-failing").isChecked()).toBe(false);
      expect(new URL(page.url()).search).toBe("");
      expect(pageErrors, "uncaught exceptions").toEqual([]);
      expect(consoleErrors, "console errors").toEqual([]);
    } finally {
      await page.context().close();
    }
  }, 120_000);
});
