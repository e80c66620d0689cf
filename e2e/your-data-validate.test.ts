/**
 * "Your own cohort"'s validation mode in Chromium, as a reader uses it: a clinician's export (semicolons, outcome
 * coded 1 = no, 2 = yes, two columns under other names, one missing weight) with an uploaded equation.json; the
 * detected delimiter shown; the event waiting for the reader's choice with each value's count; the mapping
 * preselected where names agree and confirmed before anything runs; every number of the report equal to what
 * `analyze --validate-equation` prints for the same files, and the JSON download equal to it. Then the study's own
 * cohort ("try it") with the site's equation: on its development cohort an ML equation validates to
 * calibration-in-the-large 0 and slope 1 (its score equations), and E/O 1. Fixtures: test/fixtures/validate-equation*.
 */
import {execFileSync} from "node:child_process";
import {describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {expectDeepClose, onPage, openPage, siteForTests} from "./harness.js";

const EQ = "test/fixtures/validate-equation-birthwt.equation.json";
const DATA = "test/fixtures/validate-equation-birthwt.csv";
const site = siteForTests();

async function settle(page: Page, timeout = 120_000): Promise<void> {
  await page.waitForFunction(() => document.querySelector("[data-testid=your-data-app]")?.getAttribute("aria-busy") === "false", undefined, {timeout});
}
async function startedThenSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector("[data-testid=your-data-app]")?.getAttribute("aria-busy") === "true" || (document.querySelector("[data-testid=your-error]")?.textContent ?? "") !== "", undefined, {timeout: 10_000}).catch(() => undefined);
  await settle(page);
}
const value = async (page: Page, table: string, row: string, field: string) =>
  Number(await page.getAttribute(`[data-testid=your-${table}] tbody tr:has(th:text-is("${row}")) [data-field=${field}]`, "data-value"));
/** Deep equality with numbers to 1e-9 relative (the browser's Math.exp and Math.log may differ from Node's in the last bits). */
const deepClose = (actual: unknown, expected: unknown) => expectDeepClose(actual, expected, {relative: 1e-9});
const close = (a: number, b: number, tol = 1e-9) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));

describe("your own cohort: validate an equation", () => {
  it("a clinician's export with an uploaded equation.json gives the CLI's report", () => onPage(openPage(site, "/your-data"), async (page, report) => {
    await page.waitForSelector("[data-testid=your-data-file-input]");
    await page.setInputFiles("[data-testid=your-data-file-input]", DATA);
    await startedThenSettled(page);
    expect(await page.textContent("[data-testid=your-format-description]")).toMatch(/semicolon-separated/);
    expect(await page.inputValue("[data-testid=your-format-delimiter]")).toBe(";");
    // the id column is flagged as an identifier
    expect(await page.getAttribute('[data-testid=your-data-columns] tr[data-column="id"]', "data-id-like")).toBe("true");
    await page.check("[data-testid=your-mode-validate]");
    await page.waitForSelector("[data-testid=your-validate-form]");
    await page.check("[data-testid=eq-source-file]");
    await page.setInputFiles("[data-testid=eq-file]", EQ);
    await page.waitForFunction(() => /5 terms/.test(document.querySelector("[data-testid=eq-status]")?.textContent ?? ""));
    await page.selectOption("[data-testid=val-outcome]", "low_bw");
    // the 1/2 outcome is not preselected: each value with its count, the reader chooses
    expect(await page.inputValue("[data-testid=val-positive]")).toBe("");
    const options = await page.$$eval("[data-testid=val-positive] option", (os) => os.map((o) => o.textContent));
    expect(options).toEqual(expect.arrayContaining([expect.stringMatching(/^1 \(\d+ rows\)$/), expect.stringMatching(/^2 \(\d+ rows\)$/)]));
    await page.selectOption("[data-testid=val-positive]", "2");
    // names that agree are preselected; the others wait, and nothing runs before the mapping is confirmed
    expect(await page.inputValue('[data-testid=val-map][data-term="smoke"]')).toBe("smoke");
    expect(await page.inputValue('[data-testid=val-map][data-term="lwt"]')).toBe("");
    expect(await page.isDisabled("[data-testid=your-validate-run]")).toBe(true);
    await page.selectOption('[data-testid=val-map][data-term="age"]', "Age (years)");
    await page.selectOption('[data-testid=val-map][data-term="lwt"]', "weight_lb");
    expect(await page.textContent("[data-testid=val-problem]")).toMatch(/Confirm/);
    await page.check("[data-testid=val-confirm]");
    await page.click("[data-testid=your-validate-run]");
    // focus goes to the status line
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("your-status");
    await startedThenSettled(page);
    await page.waitForSelector("[data-testid=your-validation-results]");

    const cli = JSON.parse(execFileSync("npx", ["tsx", "bin/analyze.ts", "--validate-equation", EQ, DATA, "--outcome", "low_bw", "--positive", "2", "--map", "age=Age (years)", "--map", "lwt=weight_lb"], {encoding: "utf8"}));
    const v = cli.validation;
    expect(Number(await page.textContent("[data-testid=val-n]"))).toBe(cli.n);
    close(await value(page, "validation-performance", "Calibration-in-the-large (log-odds shift)", "estimate"), v.calibrationInTheLarge.estimate);
    close(await value(page, "validation-performance", "Calibration-in-the-large (log-odds shift)", "profileLower"), v.calibrationInTheLarge.profileLower);
    close(await value(page, "validation-performance", "Calibration slope", "estimate"), v.calibrationSlope.estimate);
    close(await value(page, "validation-performance", "Calibration slope", "profileUpper"), v.calibrationSlope.profileUpper);
    close(await value(page, "validation-performance", "Expected / observed events (E/O)", "estimate"), v.expectedObserved.ratio);
    close(await value(page, "validation-performance", "ICI (mean |observed − predicted|)", "estimate"), v.loessCalibration.mean);
    close(await value(page, "validation-performance", "AUC (c-statistic), DeLong CI", "waldLower"), v.auc.ciLower);
    close(await value(page, "validation-performance", "Scaled Brier score", "estimate"), v.scaledBrier);
    close(await value(page, "validation-recalibration", "Intercept and slope updated", "intercept"), cli.recalibration.interceptAndSlope.equation.intercept);
    // the words say what the numbers say
    expect(await page.getAttribute('[data-testid=your-validation-findings] dt[data-finding="calibration-in-the-large"]', "data-verdict")).toBe(cli.findings.find((f: {key: string}) => f.key === "calibration-in-the-large").verdict);
    // the JSON download is the CLI's report
    const [dl] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=download-validation-json]")]);
    const chunks: Buffer[] = [];
    for await (const chunk of await dl.createReadStream()) chunks.push(chunk as Buffer);
    deepClose(JSON.parse(Buffer.concat(chunks).toString("utf8")), cli);
    expect(report.pageErrors).toEqual([]);
    expect(report.consoleErrors).toEqual([]);
    expect(report.offOriginRequests).toEqual([]);
  }), 240_000);

  it("the study's cohort with the site's equation validates to CITL 0, slope 1, E/O 1", () => onPage(openPage(site, "/your-data"), async (page, report) => {
    await page.waitForSelector("[data-testid=your-try-study]");
    await page.click("[data-testid=your-try-study]");
    await page.waitForSelector("[data-testid=your-data-columns]", {timeout: 60_000});
    await settle(page);
    await page.check("[data-testid=your-mode-validate]");
    await page.waitForSelector("[data-testid=eq-source-study]:checked");
    expect(await page.inputValue("[data-testid=val-outcome]")).toBe("asd");
    await page.selectOption("[data-testid=val-positive]", "1");
    await page.check("[data-testid=val-confirm]");
    await page.click("[data-testid=your-validate-run]");
    await startedThenSettled(page);
    await page.waitForSelector("[data-testid=your-validation-results]");
    expect(Math.abs(await value(page, "validation-performance", "Calibration-in-the-large (log-odds shift)", "estimate"))).toBeLessThan(1e-6);
    expect(Math.abs((await value(page, "validation-performance", "Calibration slope", "estimate")) - 1)).toBeLessThan(1e-6);
    expect(Math.abs((await value(page, "validation-performance", "Expected / observed events (E/O)", "estimate")) - 1)).toBeLessThan(1e-6);
    expect(report.pageErrors).toEqual([]);
    expect(report.consoleErrors).toEqual([]);
  }), 240_000);

  it("fit mode on the same export: the identifier is left out of Select all, and seeds 0 and −5.5 get a message", () => onPage(openPage(site, "/your-data"), async (page, report) => {
    await page.waitForSelector("[data-testid=your-data-file-input]");
    await page.setInputFiles("[data-testid=your-data-file-input]", DATA);
    await startedThenSettled(page);
    await page.selectOption("[data-testid=choice-outcome]", "low_bw");
    expect(await page.inputValue("[data-testid=choice-positive]")).toBe("");
    await page.click("[data-testid=choice-predictors-all]");
    expect(await page.isChecked('[data-testid=choice-predictor][data-column="id"]')).toBe(false);
    expect(await page.isChecked('[data-testid=choice-predictor][data-column="smoke"]')).toBe(true);
    for (const typed of ["0", "-5.5"]) {
      await page.fill("[data-testid=choice-seed-number]", typed);
      expect(await page.getAttribute("[data-testid=choice-seed-control]", "data-state")).toBe("adjusted");
      expect(await page.textContent("[data-testid=choice-seed-message]")).toMatch(/1 is used/);
    }
    expect(report.pageErrors).toEqual([]);
  }), 120_000);
});
