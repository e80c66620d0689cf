/**
 * "Your own cohort" (/your-data) as a reader uses it, in Chromium: a good file end to end with every number the
 * page shows compared with what the `analyze` CLI prints for the same file and choices; the live threshold against
 * the engine's 2×2 table; the downloads (JSON equal to the CLI's to 1e-9, CSV with formula-looking cells
 * neutralised and numbers left as numbers, SVG and PNG); each bad input with its message; and the reader's choices
 * surviving an error and a corrected file. Fixtures: e2e/fixtures/ (written by make-fixtures.mjs).
 */
import {execFileSync} from "node:child_process";
import {DEFAULT_BOOTSTRAP_SEED} from "../src/components/pipeline/defaults.js";
import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {cellErrors, expectDeepClose, onPage, openPage, seriousAccessibilityViolations, siteForTests, type PageReport} from "./harness.js";
import {parseCsvTable} from "../src/components/cohort/table.js";
import {confusionAt} from "../src/components/stats/roc.js";

const FIXTURES = "e2e/fixtures";
const site = siteForTests();

interface CliOptions {
  outcome: string;
  predictors: string[];
  positive?: string;
  firth?: boolean;
  /** Bootstrap replicates, as chosen on the page (choose()'s default is 50); the seed is the page's default. */
  replicates?: number;
}

/** What `npm run --silent analyze` prints for a file and choices (the reference for every page number). */
function cli(file: string, {outcome, predictors, positive = "1", firth = false, replicates = 50}: CliOptions): CliResult {
  const args = ["tsx", "bin/analyze.ts", "--data", file, "--outcome", outcome, "--positive", positive, "--predictors", predictors.join(","), "--bootstrap", String(replicates), "--seed", String(DEFAULT_BOOTSTRAP_SEED)];
  if (firth) args.push("--firth");
  // the page's document has no `input` (how the CLI read its file: path, size, dialect): compare the analysis only
  const {input: _input, ...document} = JSON.parse(execFileSync("npx", args, {encoding: "utf8", maxBuffer: 64 * 1024 * 1024}));
  return document as CliResult;
}

interface CliResult {
  n: number;
  events: number;
  excluded: number;
  warnings: string[];
  univariate: {variable: string; kind: string; test: string; statistic: number; p: number}[];
  model: {converged: boolean; iterations: number; logLik: number; aic: number; terms: {term: string; estimate: number; se: number; z: number; p: number; oddsRatio: number; ciLower: number; ciUpper: number}[]};
  roc: {marker: string; direction: "<" | ">"; auc: number; ciLower: number; ciUpper: number; threshold: number; sensitivity: number; specificity: number}[];
  comparisons: {a: string; b: string; z: number; p: number}[];
}

/** Deep equality with numbers compared to 1e-9 (relative for large values); null stands for a non-finite number. */
const expectClose = (actual: unknown, expected: unknown, path?: string) => expectDeepClose(actual, expected, {relative: 1e-9}, path);

async function openYourData(): Promise<PageReport> {
  const report = await openPage(site, "/your-data");
  await report.page.waitForSelector("[data-testid=your-data-file-input]");
  return report;
}

function expectClean(report: PageReport): void {
  expect(report.pageErrors, "uncaught exceptions").toEqual([]);
  expect(report.consoleErrors, "console errors").toEqual([]);
  expect(report.failedRequests, "failed requests").toEqual([]);
  expect(report.offOriginRequests, "requests to other hosts").toEqual([]);
}

/** Waits until the page is idle again (not loading, not analysing). */
async function settle(page: Page, timeout = 120_000): Promise<void> {
  await page.waitForFunction(() => document.querySelector("[data-testid=your-data-app]")?.getAttribute("aria-busy") === "false", undefined, {timeout});
}

async function loadFixture(page: Page, name: string): Promise<void> {
  await page.setInputFiles("[data-testid=your-data-file-input]", `${FIXTURES}/${name}`);
  await page.waitForFunction(() => document.querySelector("[data-testid=your-data-app]")?.getAttribute("aria-busy") === "true" || (document.querySelector("[data-testid=your-error]")?.textContent ?? "") !== "", undefined, {timeout: 10_000}).catch(() => undefined);
  await settle(page);
}

async function errorText(page: Page): Promise<string> {
  return ((await page.textContent("[data-testid=your-error]")) ?? "").trim();
}

async function choose(page: Page, {outcome, positive, predictors, replicates = 50, firth = false}: {outcome: string; positive?: string; predictors: string[]; replicates?: number; firth?: boolean}): Promise<void> {
  await page.selectOption("[data-testid=choice-outcome]", outcome);
  if (positive != null) await page.selectOption("[data-testid=choice-positive]", positive);
  await page.click("[data-testid=choice-predictors-none]");
  for (const p of predictors) await page.check(`[data-testid=choice-predictor][data-column="${p.replace(/"/g, '\\"')}"]`);
  await page.fill("[data-testid=choice-replicates-number]", String(replicates));
  const firthBox = page.locator("[data-testid=choice-firth]");
  if ((await firthBox.isChecked()) !== firth) await firthBox.setChecked(firth);
}

async function run(page: Page): Promise<void> {
  await page.click("[data-testid=your-data-run]");
  await page.waitForFunction(() => document.querySelector("[data-testid=your-data-app]")?.getAttribute("aria-busy") === "true" || (document.querySelector("[data-testid=your-error]")?.textContent ?? "") !== "", undefined, {timeout: 10_000}).catch(() => undefined);
  await settle(page);
}

async function download(page: Page, testId: string): Promise<{name: string; body: Buffer}> {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click(`[data-testid=${testId}]`)]);
  const stream = await dl.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return {name: dl.suggestedFilename(), body: Buffer.concat(chunks)};
}

/**
 * axe-core's serious and critical violations inside the app (the page's own content); the site's shared chrome
 * (sidebar, header) is checked on every page by e2e/pages.test.ts.
 */
async function appViolations(page: Page): Promise<{id: string; targets: string[]}[]> {
  await seriousAccessibilityViolations(page); // injects axe-core from node_modules
  return page.evaluate(async () => {
    const axe = (window as unknown as {axe: {run: (context: object, options: object) => Promise<{violations: {id: string; impact: string | null; nodes: {target: string[]}[]}[]}>}}).axe;
    const result = await axe.run({include: [["[data-testid=your-data-app]"]]}, {resultTypes: ["violations"]});
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({id: v.id, targets: v.nodes.slice(0, 5).map((n) => n.target.join(" "))}));
  });
}

async function values(page: Page, selector: string): Promise<number[]> {
  return page.$$eval(selector, (cells) => cells.map((c) => Number(c.getAttribute("data-value"))));
}

const GOOD = `${FIXTURES}/good.csv`;
const GOOD_CHOICES = {outcome: "asd", predictors: ["age", "bmd_t", "cement_ml", "smoking", "level", "@score"]};

describe("your own cohort: a good file end to end", () => {
  it("shows columns as text, analyses in the worker, and every number equals the CLI's", () => onPage(openYourData(), async (page, report) => {
    await loadFixture(page, "good.csv");
    expect(await errorText(page)).toBe("");
    expect(await page.textContent("[data-testid=your-status]")).toMatch(/Loaded “good\.csv”: 600 rows and 9 columns/);
    // Detected types.
    const kind = (column: string) => page.textContent(`[data-testid=your-data-columns] tr[data-column="${column}"] [data-testid=column-kind]`);
    expect(await kind("age")).toMatch(/numeric/);
    expect(await kind("smoking")).toMatch(/two values/);
    expect(await kind("level")).toMatch(/categories/);
    // Names and cells that look like HTML are shown as text, never interpreted.
    expect(await page.$$eval("[data-testid=your-data-columns] th, [data-testid=your-data-preview] th", (ths) => ths.some((th) => th.textContent === "<b>note</b>"))).toBe(true);
    expect(await page.$$("[data-testid=your-data-preview] b, [data-testid=your-data-preview] img, [data-testid=your-data-columns] b")).toHaveLength(0);
    expect(await page.$$eval("[data-testid=your-data-preview] td", (tds) => tds.some((td) => td.textContent === '<img src=x onerror="window.__xss=1">'))).toBe(true);
    expect(await page.evaluate(() => (window as unknown as {__xss?: number}).__xss)).toBeUndefined();

    await choose(page, {...GOOD_CHOICES, positive: "1", replicates: 50});
    await run(page);
    expect(await errorText(page)).toBe("");
    await page.waitForSelector("[data-testid=your-results]");
    const reference = cli(GOOD, GOOD_CHOICES);

    // Counts.
    expect(Number((await page.textContent("[data-testid=your-n]"))!.replace(/,/g, ""))).toBe(reference.n);
    expect(Number((await page.textContent("[data-testid=your-events]"))!.replace(/,/g, ""))).toBe(reference.events);
    expect(Number((await page.textContent("[data-testid=your-excluded]"))!.replace(/,/g, ""))).toBe(reference.excluded);
    // Model terms (full precision in data-value).
    const terms = await page.$$eval("[data-testid=your-model] tbody tr", (rows) => rows.map((r) => ({
      term: r.querySelector("[data-field=term]")!.textContent,
      estimate: Number(r.querySelector("[data-field=estimate]")!.getAttribute("data-value")),
      se: Number(r.querySelector("[data-field=se]")!.getAttribute("data-value")),
      p: Number(r.querySelector("[data-field=p]")!.getAttribute("data-value"))
    })));
    expect(terms.map((t) => t.term)).toEqual(reference.model.terms.map((t) => t.term));
    terms.forEach((t, i) => {
      const r = reference.model.terms[i]!;
      expectClose({estimate: t.estimate, se: t.se, p: t.p}, {estimate: r.estimate, se: r.se, p: r.p}, t.term!);
    });
    // Table 1 tests and p-values.
    const table1P = await values(page, "[data-testid=your-table1] tbody [data-field=p]");
    expectClose(table1P, reference.univariate.map((u) => u.p), "table1 p");
    // ROC table.
    expectClose(await values(page, "[data-testid=your-roc] tbody [data-field=auc]"), reference.roc.map((r) => r.auc), "roc auc");
    expectClose(await values(page, "[data-testid=your-roc] tbody [data-field=ciLower]"), reference.roc.map((r) => r.ciLower), "roc ci");
    expectClose(await values(page, "[data-testid=your-comparisons] tbody [data-field=p]"), reference.comparisons.map((c) => c.p), "DeLong p");

    // The live threshold starts at the model's Youden point (the CLI's threshold, sensitivity, specificity)…
    const modelRoc = reference.roc.find((r) => r.marker === "model")!;
    expect(Number(await page.getAttribute("[data-testid=your-roc-sensitivity]", "data-value"))).toBeCloseTo(modelRoc.sensitivity, 12);
    expect(Number(await page.getAttribute("[data-testid=your-roc-specificity]", "data-value"))).toBeCloseTo(modelRoc.specificity, 12);
    // …and moving it to age ≥ 75 gives the engine's 2×2 table for that rule on the same patients.
    await page.selectOption("[data-testid=your-roc-marker]", "age");
    await page.fill("[data-testid=your-roc-threshold-number]", "75");
    const parsed = parseCsvTable(readFileSync(GOOD, "utf8"), {source: "good.csv"});
    const col = (name: string) => parsed.rows.map((r) => Number(r[parsed.columns.indexOf(name)]));
    const ageRoc = reference.roc.find((r) => r.marker === "age")!;
    const expected = confusionAt(col("age"), col("asd"), 75, ageRoc.direction);
    expect(await page.textContent("[data-testid=roc-tp]")).toBe(String(expected.tp));
    expect(await page.textContent("[data-testid=roc-fp]")).toBe(String(expected.fp));
    expect(await page.textContent("[data-testid=roc-fn]")).toBe(String(expected.fn));
    expect(await page.textContent("[data-testid=roc-tn]")).toBe(String(expected.tn));
    expect(Number(await page.getAttribute("[data-testid=your-roc-sensitivity]", "data-value"))).toBeCloseTo(expected.sensitivity, 14);

    // Bootstrap, calibration and the decision curve are drawn.
    expect(await page.$$("[data-testid=your-bootstrap] tbody tr")).not.toHaveLength(0);
    expect(await page.$$("[data-testid=your-calibration] tbody tr")).not.toHaveLength(0);
    expect(await page.$$("[data-testid=your-decision-curve] tbody tr")).not.toHaveLength(0);

    // Exports: JSON equals the CLI's output to 1e-9.
    const json = await download(page, "download-json");
    expect(json.name).toBe("analysis.json");
    expectClose(JSON.parse(json.body.toString("utf8")), reference);

    // CSV: formula-looking cells neutralised, numbers stay numbers.
    const modelCsv = (await download(page, "download-model-csv")).body.toString("utf8").replace(/^\ufeff/, "");
    const lines = modelCsv.trim().split(/\r\n/);
    expect(lines[0]).toBe("Term,β,SE,z,p,OR,95% CI lower,95% CI upper");
    const scoreLine = lines.find((l) => l.startsWith("'@score"));
    expect(scoreLine, "the @score term is neutralised").toBeDefined();
    // Full precision, as numbers: the page's own value to the last bit, the CLI's to 1e-9.
    const pageEstimate = (term: string) => page.getAttribute(`[data-testid=your-model] tr:has([data-field=term]:text-is("${term}")) [data-field=estimate]`, "data-value");
    const scoreEstimate = scoreLine!.split(",")[1]!;
    expect(scoreEstimate).toBe(await pageEstimate("@score"));
    expectClose(Number(scoreEstimate), reference.model.terms.find((t) => t.term === "@score")!.estimate, "@score estimate");
    const intercept = lines.find((l) => l.startsWith("(Intercept)"))!.split(",");
    expect(Number(intercept[1])).toBeLessThan(0);
    expect(intercept[1]).toBe(await pageEstimate("(Intercept)")); // a negative number is written as a number, not "'-…"
    const table1Csv = (await download(page, "download-table1-csv")).body.toString("utf8");
    expect(table1Csv).toContain("'@score");
    expect(table1Csv).not.toMatch(/(^|,)[=+@]/m);

    // Charts: SVG and PNG downloads.
    const roc = page.locator("[data-testid=your-section-roc] figure").first();
    const [svg] = await Promise.all([page.waitForEvent("download"), roc.locator("button", {hasText: "SVG"}).click()]);
    expect(svg.suggestedFilename()).toBe("roc-curves.svg");
    const svgText = readFileSync(await svg.path(), "utf8");
    expect(svgText).toMatch(/^<svg[\s\S]*<\/svg>$/);
    const [png] = await Promise.all([page.waitForEvent("download"), roc.locator("button", {hasText: "PNG"}).click()]);
    expect(png.suggestedFilename()).toBe("roc-curves.png");
    expect(readFileSync(await png.path()).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    for (const section of ["model", "calibration", "decision-curve"]) {
      expect(await page.$$(`[data-testid=your-section-${section}] figure button`), `${section} chart downloads`).toHaveLength(2);
    }

    expect(await cellErrors(page)).toEqual([]);
    expect(await appViolations(page), "axe-core serious/critical violations in the app, with the results shown").toEqual([]);
    expectClean(report);
  }));

  it("shows progress while the worker runs, and Cancel stops it keeping the file and the choices", () => onPage(openYourData(), async (page, report) => {
    // No progress bar before there is anything to show progress of.
    expect(await page.isVisible("[data-testid=your-progress]")).toBe(false);
    await loadFixture(page, "good.csv");
    await choose(page, {...GOOD_CHOICES, positive: "1", replicates: 2000});
    await page.click("[data-testid=your-data-run]");
    await page.waitForFunction(() => /Bootstrap/.test(document.querySelector("[data-testid=your-progress-stage]")?.textContent ?? ""), undefined, {timeout: 60_000});
    expect(await page.isVisible("[data-testid=your-progress]")).toBe(true);
    // The page still answers while the worker computes.
    expect(await page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(1))))).toBe(1);
    await page.click("[data-testid=your-data-cancel]");
    await settle(page);
    expect(await page.textContent("[data-testid=your-status]")).toMatch(/cancelled.*choices are kept/i);
    expect(await page.$$("[data-testid=your-results]")).toHaveLength(0);
    // Re-run with fewer replicates: the worker is restarted and the file reloaded from the kept File.
    await page.fill("[data-testid=choice-replicates-number]", "20");
    await run(page);
    await page.waitForSelector("[data-testid=your-results]");
    expect(await page.isVisible("[data-testid=your-progress]")).toBe(false);
    expect(await page.$$eval("[data-testid=choice-predictor]:checked", (boxes) => boxes.length)).toBe(GOOD_CHOICES.predictors.length);
    expectClean(report);
  }));

  it("accepts a file dropped on the drop zone", () => onPage(openYourData(), async (page, report) => {
    const text = readFileSync(`${FIXTURES}/cohort.csv`, "utf8");
    await page.evaluate((csv) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([csv], "dropped.csv", {type: "text/csv"}));
      const zone = document.querySelector("[data-testid=your-data-dropzone]")!;
      zone.dispatchEvent(new DragEvent("dragover", {dataTransfer: transfer, bubbles: true, cancelable: true}));
      zone.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true, cancelable: true}));
    }, text);
    await page.waitForFunction(() => /Loaded “dropped\.csv”/.test(document.querySelector("[data-testid=your-status]")?.textContent ?? ""), undefined, {timeout: 30_000});
    expect(await page.textContent("[data-testid=your-status]")).toMatch(/200 rows and 6 columns/);
    expectClean(report);
  }));
});

describe("your own cohort: bad input gets a clear message, never a number", () => {
  const fileErrors: [string, RegExp][] = [
    ["not-a-csv.csv", /not a CSV|not text|binary/i],
    ["empty.csv", /empty/i],
    ["header-only.csv", /header|no (data )?rows/i],
    ["duplicate-columns.csv", /duplicate|twice|more than once/i],
    ["blank-column.csv", /blank|empty|no name/i]
  ];
  it.each(fileErrors)("%s", (name, message) => onPage(openYourData(), async (page, report) => {
    await loadFixture(page, name);
    expect(await errorText(page)).toMatch(message);
    expect(await page.$$("[data-testid=your-results]")).toHaveLength(0);
    expect(await page.$$("[data-testid=your-data-choices]")).toHaveLength(0);
    expect(report.pageErrors).toEqual([]);
  }));

  it("a file larger than the limit is refused before it is read, saying the limit", () => onPage(openYourData(), async (page) => {
    await page.evaluate(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(51 * 1024 * 1024)], "huge.csv", {type: "text/csv"}));
      document.querySelector("[data-testid=your-data-dropzone]")!.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true, cancelable: true}));
    });
    await page.waitForFunction(() => (document.querySelector("[data-testid=your-error]")?.textContent ?? "") !== "");
    expect(await errorText(page)).toMatch(/“huge\.csv” is 51\.0 MB; this page handles files up to 50\.0 MB/);
    expect(await page.textContent("[data-testid=your-status]")).toMatch(/not read/);
  }));

  it("non-numeric cells in a mostly numeric column: flagged on load, the analysis names the column and the rows", () => onPage(openYourData(), async (page, report) => {
    await loadFixture(page, "non-numeric.csv");
    const flagged = await errorText(page);
    expect(flagged).toMatch(/“age”.*2 non-numeric cells.*rows? 5, 17.*“seventy”.*“72 yrs”/);
    await choose(page, {outcome: "asd", positive: "1", predictors: ["age", "bmd_t"]});
    await run(page);
    const message = await errorText(page);
    expect(message).toMatch(/age/);
    expect(message).toMatch(/\b5\b/);
    expect(await page.$$("[data-testid=your-results]")).toHaveLength(0);
    expect(report.pageErrors).toEqual([]);
  }));

  it("an outcome with other than two values names the values found", () => onPage(openYourData(), async (page) => {
    await loadFixture(page, "outcome-three-values.csv");
    await choose(page, {outcome: "asd", positive: "1", predictors: ["age", "bmd_t"]});
    await run(page);
    const message = await errorText(page);
    expect(message).toMatch(/asd/);
    expect(message).toMatch(/0/);
    expect(message).toMatch(/2/);
    expect(message).toMatch(/two|2 values|three|3/i);
    expect(await page.$$("[data-testid=your-results]")).toHaveLength(0);
  }));

  it("too few events for the predictors says how many are needed", () => onPage(openYourData(), async (page) => {
    await loadFixture(page, "few-events.csv");
    const choices = {outcome: "asd", predictors: ["age", "bmd_t", "cement_ml", "smoking"]};
    await choose(page, {...choices, positive: "1"});
    await run(page);
    const reference = (() => {
      try {
        return cli(`${FIXTURES}/few-events.csv`, choices);
      } catch {
        return null;
      }
    })();
    const shown = (await errorText(page)) + " " + ((await page.textContent("[data-testid=your-warnings]").catch(() => "")) ?? "");
    expect(shown).toMatch(/6 events/);
    expect(shown).toMatch(/40 events would be needed/); // 10 events per parameter × 4 parameters
    if (reference) for (const w of reference.warnings) expect(shown).toContain(w);
  }));

  it("missing values: complete cases, with the rows dropped counted as the CLI counts them", () => onPage(openYourData(), async (page) => {
    await loadFixture(page, "missing.csv");
    const choices = {outcome: "asd", predictors: ["age", "bmd_t", "cement_ml", "smoking"]};
    await choose(page, {...choices, positive: "1"});
    await run(page);
    const reference = cli(`${FIXTURES}/missing.csv`, choices);
    expect(reference.excluded).toBeGreaterThan(0);
    expect(Number(await page.textContent("[data-testid=your-excluded]"))).toBe(reference.excluded);
    expect(await page.textContent("[data-testid=your-warnings]")).toMatch(new RegExp(`${reference.excluded} rows?`));
    const json = await download(page, "download-json");
    expectClose(JSON.parse(json.body.toString("utf8")), reference);
  }));

  it("separation is named, Firth is offered, and the Firth refit equals the CLI's --firth", () => onPage(openYourData(), async (page, report) => {
    await loadFixture(page, "separation.csv");
    const choices = {outcome: "asd", predictors: ["age", "smoking"]};
    await choose(page, {...choices, positive: "1", replicates: 20});
    await run(page);
    const shown = (await errorText(page)) + " " + ((await page.textContent("[data-testid=your-warnings]").catch(() => "")) ?? "");
    expect(shown).toMatch(/separation/i);
    expect(shown).toMatch(/Firth/i);
    await page.click("[data-testid=your-firth-rerun]");
    await settle(page);
    await page.waitForSelector("[data-testid=your-results]");
    expect(await page.isChecked("[data-testid=choice-firth]")).toBe(true);
    const reference = cli(`${FIXTURES}/separation.csv`, {...choices, firth: true, replicates: 20});
    const json = await download(page, "download-json");
    expectClose(JSON.parse(json.body.toString("utf8")), reference);
    expect(report.pageErrors).toEqual([]);
  }));
});

describe("your own cohort: the reader's choices survive errors", () => {
  it("keeps the choices through a bad file, and a corrected file runs without choosing again", () => onPage(openYourData(), async (page, report) => {
    await loadFixture(page, "cohort.csv");
    await choose(page, {outcome: "asd", positive: "1", predictors: ["age", "bmd_t", "cement_ml"], replicates: 30});
    await run(page);
    await page.waitForSelector("[data-testid=your-results]");

    // A version of the file with text in the age column: loaded, flagged, the choices are still there.
    await loadFixture(page, "non-numeric.csv");
    expect(await page.inputValue("[data-testid=choice-outcome]")).toBe("asd");
    expect(await page.inputValue("[data-testid=choice-replicates-number]")).toBe("30");
    const checked = await page.$$eval("[data-testid=choice-predictor]:checked", (boxes) => boxes.map((b) => (b as HTMLInputElement).value));
    expect(checked).toEqual(["age", "bmd_t", "cement_ml"]);
    await run(page);
    expect(await errorText(page)).toMatch(/age/);
    // Still chosen after the failed run.
    expect(await page.$$eval("[data-testid=choice-predictor]:checked", (boxes) => boxes.length)).toBe(3);

    // A file that cannot be read at all, then the corrected file: the choices come back.
    await loadFixture(page, "empty.csv");
    expect(await errorText(page)).toMatch(/empty/i);
    await loadFixture(page, "cohort.csv");
    expect(await page.inputValue("[data-testid=choice-outcome]")).toBe("asd");
    expect(await page.$$eval("[data-testid=choice-predictor]:checked", (boxes) => boxes.map((b) => (b as HTMLInputElement).value))).toEqual(["age", "bmd_t", "cement_ml"]);
    await run(page);
    await page.waitForSelector("[data-testid=your-results]");
    const reference = cli(`${FIXTURES}/cohort.csv`, {outcome: "asd", predictors: ["age", "bmd_t", "cement_ml"], replicates: 30});
    expectClose(JSON.parse((await download(page, "download-json")).body.toString("utf8")), reference);

    // A file without one of the chosen columns keeps the others and says which is not used; the file that has it
    // gets it back.
    await page.evaluate(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(["id,age,bmd_t,asd\nP1,70,-2,0\nP2,80,-3,1\nP3,75,-2.5,0\n"], "fewer.csv", {type: "text/csv"}));
      document.querySelector("[data-testid=your-data-dropzone]")!.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true, cancelable: true}));
    });
    await page.waitForFunction(() => /Loaded “fewer\.csv”/.test(document.querySelector("[data-testid=your-status]")?.textContent ?? ""));
    expect(await page.textContent("[data-testid=your-link-note]")).toMatch(/do not fit “fewer\.csv”.*predictor “cement_ml”/);
    expect(await page.$$eval("[data-testid=choice-predictor]:checked", (boxes) => boxes.map((b) => (b as HTMLInputElement).value))).toEqual(["age", "bmd_t"]);
    await loadFixture(page, "cohort.csv");
    expect(await page.$$eval("[data-testid=choice-predictor]:checked", (boxes) => boxes.map((b) => (b as HTMLInputElement).value))).toEqual(["age", "bmd_t", "cement_ml"]);
    expect(await page.textContent("[data-testid=your-link-note]")).toBe("");
    expectClean(report);
  }));

  it("every control is labelled and the status is announced", () => onPage(openYourData(), async (page) => {
    await loadFixture(page, "cohort.csv");
    const unlabelled = await page.$$eval("[data-testid=your-data-app] input, [data-testid=your-data-app] select, [data-testid=your-data-app] button", (controls) =>
      controls.filter((c) => {
        const el = c as HTMLInputElement;
        const byLabel = el.labels && el.labels.length > 0;
        const aria = el.getAttribute("aria-label") || el.getAttribute("aria-labelledby");
        const text = c.tagName === "BUTTON" && (c.textContent ?? "").trim() !== "";
        return !(byLabel || aria || text);
      }).map((c) => c.outerHTML.slice(0, 100))
    );
    expect(unlabelled).toEqual([]);
    expect(await page.getAttribute("[data-testid=your-status]", "aria-live")).toBe("polite");
    expect(await page.getAttribute("[data-testid=your-error]", "role")).toBe("alert");
    // Keyboard: the outcome select can be reached and changed from the keyboard.
    await page.focus("[data-testid=choice-outcome]");
    await page.keyboard.press("End");
    expect(await page.inputValue("[data-testid=choice-outcome]")).not.toBe("");
  }));
});

// The 100,000 × 20 measurement stated on the page (src/components/yourData/performance.ts). Opt-in, as it takes
// minutes: YOUR_DATA_BIG=/path/to/file.csv (made by the generator script named there; outcome "y", 19 predictors).
const BIG = process.env.YOUR_DATA_BIG;
describe.skipIf(!BIG)("your own cohort: 100,000 rows × 20 columns", () => {
  it("loads and analyses in the worker while the page keeps painting", () => onPage(openYourData(), async (page, report) => {
    const t0 = Date.now();
    await page.setInputFiles("[data-testid=your-data-file-input]", BIG!);
    await page.waitForFunction(() => /Loaded/.test(document.querySelector("[data-testid=your-status]")?.textContent ?? ""), undefined, {timeout: 600_000});
    const loadSeconds = (Date.now() - t0) / 1000;
    const columns = await page.$$eval("[data-testid=choice-predictor]", (boxes) => boxes.map((b) => (b as HTMLInputElement).value));
    await choose(page, {outcome: "y", positive: "1", predictors: columns.filter((c) => c !== "y"), replicates: 200});
    // Longest gap between animation frames while the worker runs: the page never freezes if it stays small.
    await page.evaluate(() => {
      const w = window as unknown as {__maxFrameGap: number; __frames: number};
      w.__maxFrameGap = 0;
      w.__frames = 0;
      let last = performance.now();
      // Gaps while the worker computes; the one-off drawing of the results at the end is not counted.
      const tick = (now: number) => {
        if (!document.querySelector("[data-testid=your-results]")) w.__maxFrameGap = Math.max(w.__maxFrameGap, now - last);
        w.__frames++;
        last = now;
        if (document.querySelector("[data-testid=your-data-app]")?.getAttribute("aria-busy") !== "false" || w.__frames < 5) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const t1 = Date.now();
    await page.click("[data-testid=your-data-run]");
    await page.waitForSelector("[data-testid=your-results]", {timeout: 1_800_000});
    const analysisSeconds = (Date.now() - t1) / 1000;
    const maxFrameGap = await page.evaluate(() => (window as unknown as {__maxFrameGap: number}).__maxFrameGap);
    const status = await page.textContent("[data-testid=your-status]");
    const timings = await page.evaluate(() => (document.querySelector("[data-testid=your-data-app]") as unknown as {state: {result: {timings: Record<string, number>}}}).state.result.timings);
    console.log(JSON.stringify({loadSeconds, analysisSeconds, maxFrameGapMs: Math.round(maxFrameGap), status, workerMs: timings}));
    expect(maxFrameGap, "longest main-thread pause while the worker computes (ms)").toBeLessThan(1000);
    expect(await errorText(page)).toBe("");
    expect(Number((await page.textContent("[data-testid=your-n]"))!.replace(/,/g, ""))).toBe(100_000);
    expectClean(report);
  }), 1_900_000);
});
