/**
 * The risk calculator in Chromium against the published document the site was built from (analysis.json):
 * - a patient restored from the URL (values and the chosen equation) gives the fitted and the shrunken equations'
 *   risks as the document's coefficients give them by hand, p = 1 / (1 + e^−Σβx);
 * - typed values: "150" for age is clamped to the allowed maximum with a message, and the risk is for the value
 *   the box then shows; "4,5" is read as 4.5; the URL follows, and Back restores the earlier value;
 * - a value beyond the cohort's range is flagged, and the nomogram draws it off scale.
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {builtDataFile, cellErrors, openPage, startSite, type Site} from "./harness.js";
import {columnSpec} from "../src/components/cohort/schema.js";
import {nomogramScale} from "../src/components/stats/nomogram-scale.js";

let site: Site;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let analysis: any;

beforeAll(async () => {
  site = await startSite();
  analysis = JSON.parse(builtDataFile("analysis.json")).analysis;
});
afterAll(async () => {
  await site?.close();
});

const expit = (t: number) => 1 / (1 + Math.exp(-t));
const riskBy = (coefficients: number[], predictors: string[], values: Record<string, number>) =>
  expit(coefficients[0]! + predictors.reduce((s, k, j) => s + coefficients[j + 1]! * values[k]!, 0));
const dataValue = async (page: Page, testId: string) => Number(await page.getAttribute(`[data-testid=${testId}]`, "data-value"));
const close = (a: number, b: number, what: string) => expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThan(1e-12 * Math.max(1, Math.abs(b)));

async function settle(page: Page, testId: string, text: string): Promise<void> {
  const before = await page.getAttribute("[data-testid=calc-probability]", "data-value");
  await page.fill(`[data-testid=${testId}-number]`, text);
  await page.press(`[data-testid=${testId}-number]`, "Enter");
  await page.waitForFunction((old) => document.querySelector("[data-testid=calc-probability]")?.getAttribute("data-value") !== old, before, {timeout: 3_000}).catch(() => undefined);
}

async function shownValues(page: Page, predictors: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const k of predictors) out[k] = Number(await page.inputValue(`[data-testid=calc-${k}-number]`));
  return out;
}

describe("Risk calculator (/calculator)", () => {
  it("a patient from the URL: both equations' risks are the document's coefficients by hand", async () => {
    const predictors: string[] = analysis.model.predictors;
    const fitted = analysis.model.terms.map((t: {estimate: number}) => t.estimate);
    const shrunk = analysis.shrinkage.terms.map((t: {estimate: number}) => t.estimate);
    // the shrunken slopes are the fitted ones × the factor the document states
    shrunk.slice(1).forEach((b: number, j: number) => close(b, analysis.shrinkage.factor * fitted[j + 1], "shrunken slope"));
    const patient = Object.fromEntries(predictors.map((k) => [k, Number(((columnSpec(k).plausible[0] + columnSpec(k).plausible[1]) / 2).toFixed(1))]));
    const query = new URLSearchParams({...Object.fromEntries(Object.entries(patient).map(([k, v]) => [k, String(v)])), eq: "shrunken"});
    const report = await openPage(site, `/calculator?${query}`);
    const page = report.page;
    try {
      expect(await shownValues(page, predictors)).toEqual(patient);
      close(await dataValue(page, "calc-probability"), riskBy(fitted, predictors, patient), "fitted risk");
      close(await dataValue(page, "calc-shrunken-probability"), riskBy(shrunk, predictors, patient), "shrunken risk");
      expect(await page.textContent("figure:has([data-off-scale])")).toMatch(/Nomogram of the shrunken equation/);
      expect(await page.getAttribute("[data-testid=calc-link]", "href")).toContain(`eq=shrunken`);
      expect(await cellErrors(page)).toEqual([]);
      expect(report.pageErrors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it("typed values: clamped with a message, a decimal comma read as a point, the URL and Back follow", async () => {
    const predictors: string[] = analysis.model.predictors;
    const fitted = analysis.model.terms.map((t: {estimate: number}) => t.estimate);
    const report = await openPage(site, "/calculator");
    const page = report.page;
    try {
      const [first, second] = predictors as [string, string];
      const max = Math.max(columnSpec(first).plausible[1], analysis.descriptives.find((d: {variable: string}) => d.variable === first).all.numeric.max);
      await settle(page, `calc-${first}`, String(max * 2));
      expect(await page.textContent(`[data-testid=calc-${first}-message]`)).toMatch(/above the allowed maximum/);
      let shown = await shownValues(page, predictors);
      expect(shown[first]).toBe(max);
      close(await dataValue(page, "calc-probability"), riskBy(fitted, predictors, shown), "risk at the clamped value");
      expect(new URL(page.url()).searchParams.get(first)).toBe(String(max));
      const lo = columnSpec(second).plausible[0];
      const typed = Number((lo + 0.5).toFixed(1));
      await settle(page, `calc-${second}`, String(typed).replace(".", ","));
      shown = await shownValues(page, predictors);
      expect(shown[second]).toBe(typed);
      close(await dataValue(page, "calc-probability"), riskBy(fitted, predictors, shown), "risk at the comma value");
      // beyond the cohort's range: flagged, and the nomogram draws an off-scale mark
      expect(await page.isVisible("[data-testid=calc-extrapolation]")).toBe(true);
      // the nomogram draws the value off scale exactly when it lies beyond the ruler rms's pretty() axis gives
      const axis = nomogramScale({
        intercept: fitted[0],
        predictors: predictors.map((k, j) => {
          const d = analysis.descriptives.find((x: {variable: string}) => x.variable === k).all.numeric;
          return {name: k, coefficient: fitted[j + 1], range: [d.min, d.max] as [number, number]};
        })
      }).predictors[0]!.axis;
      const offScale = (await page.getAttribute("[data-off-scale]", "data-off-scale"))!.split(",");
      expect(offScale.includes(first)).toBe(max > Math.max(...axis));
      if (max <= Math.max(...axis)) expect(await page.locator(".nomogram-marker").count()).toBeGreaterThan(0);
      await page.goBack();
      await page.waitForFunction((k) => !new URL(location.href).searchParams.has(k), second, {timeout: 3_000});
      await page.waitForTimeout(300);
      shown = await shownValues(page, predictors);
      close(await dataValue(page, "calc-probability"), riskBy(fitted, predictors, shown), "risk after Back");
      expect(shown[first]).toBe(max);
      expect(report.pageErrors).toEqual([]);
      expect(report.consoleErrors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });
});
