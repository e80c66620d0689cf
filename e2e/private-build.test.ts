// The promise to an author who holds the real data: `PKP_COHORT_CSV=… npm run build` gives a dist/ a journal can
// host as it is. The whole site is built here from a copy of the project with a real-like cohort (the study's
// fixture rows, handed over as if they were real), then every file of that dist/ is scanned for any patient's
// record and any path of this machine, and every page is opened in Chromium: it says that the patients are private,
// and it renders from the build's aggregates alone, with no cell in error, no uncaught exception and no console error.
// Every ROC curve it publishes moves 0 or at least the minimum cell of each group per step, and the ROC explorer
// offers those thresholds only.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {execFileSync} from "node:child_process";
import {cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, relative, resolve} from "node:path";
import JSZip from "jszip";
import {formatCohortCsv, type CohortRow} from "../src/components/cohort/schema.js";
import {patientLeaks, type PublishedText} from "../test/helpers/patient-leaks.js";
import {cellErrors, onPage, openPage, sitePages, startSite, waitForCells, type Site} from "./harness.js";
import {STUDY_PROCEDURE, studyData} from "../src/components/study/study.js";
import {runProcedure} from "../src/components/procedure/run.js";
import {calibrationSummary} from "../src/components/pipeline/validation.js";
import {decisionCurve} from "../src/components/stats/decision-curve.js";
import {formatNumber} from "../src/components/format.js";
import {confusionAt} from "../src/components/stats/roc.js";
import {rocStepProblems, type PublishedCurve} from "../test/helpers/roc-steps.js";

const REPO = resolve(".");
const COPIED = ["src", "schema", "scripts", "observablehq.config.ts", "package.json", "tsconfig.json"];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every text a reader's browser could fetch from dist/, with the members of the study's archive unpacked. */
async function publishedTexts(dist: string): Promise<PublishedText[]> {
  const texts: PublishedText[] = [];
  for (const path of filesUnder(dist)) {
    const name = relative(dist, path);
    if (name.endsWith(".zip")) {
      const archive = await JSZip.loadAsync(readFileSync(path));
      for (const file of Object.values(archive.files)) if (!file.dir) texts.push({name: `${name}:${file.name}`, text: await file.async("string")});
    } else if (/\.(html|js|json|csv|md|txt|css|svg)$/.test(name)) {
      texts.push({name, text: readFileSync(path, "utf8")});
    }
  }
  return texts;
}

describe("a site built from real data (private mode)", () => {
  let work = "";
  let privateFolder = "";
  let rows: CohortRow[] = [];
  let site: Site | null = null;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "pkp-site-"));
    privateFolder = mkdtempSync(join(tmpdir(), "pkp-private-"));
    for (const entry of COPIED) cpSync(join(REPO, entry), join(work, entry), {recursive: true, filter: (p) => !p.includes(".observablehq/cache")});
    symlinkSync(join(REPO, "node_modules"), join(work, "node_modules"));
    rows = JSON.parse(readFileSync(join(REPO, "test/fixtures/study.json"), "utf8")).rows as CohortRow[];
    const file = join(privateFolder, "hospital-cohort.csv");
    writeFileSync(file, formatCohortCsv(rows));
    const env: NodeJS.ProcessEnv = {...process.env, PKP_COHORT_CSV: file, OBSERVABLE_TELEMETRY_DISABLE: "true"};
    delete env.PKP_PUBLISH_ROWS;
    execFileSync(join(REPO, "node_modules/.bin/observable"), ["build"], {cwd: work, env, stdio: "pipe"});
    execFileSync(process.execPath, ["scripts/postbuild.mjs", "dist"], {cwd: work, stdio: "pipe"});
  }, 600_000);

  afterAll(async () => {
    await site?.close();
    rmSync(work, {recursive: true, force: true});
    rmSync(privateFolder, {recursive: true, force: true});
  });

  it("publishes no patient's record and no path of this machine, in any file of dist/", async () => {
    const texts = await publishedTexts(join(work, "dist"));
    // Framework publishes the archive members a page reads, each as its own file (_file/data/study/analysis.HASH.json)
    expect(texts.some((t) => /analysis(\.[0-9a-f]+)?\.json$/.test(t.name))).toBe(true);
    expect(patientLeaks(texts, rows, privateFolder)).toEqual([]);
  });

  it("publishes every ROC curve coarsened: no step moves fewer than the minimum of either group, no threshold is a patient's value", async () => {
    const texts = await publishedTexts(join(work, "dist"));
    const docs = texts.filter((t) => /analysis(\.[0-9a-f]+)?\.json$/.test(t.name)).map((t) => JSON.parse(t.text));
    expect(docs.length).toBeGreaterThan(0);
    const data = studyData(rows);
    const problems: string[] = [];
    for (const doc of docs) {
      const minCell = doc.aggregates.minCell as number;
      for (const curve of doc.curves as PublishedCurve[]) {
        const roc = doc.analysis.roc.find((r: {marker: string}) => r.marker === curve.marker);
        const values = curve.marker === "model" ? undefined : data.variables.get(curve.marker)!.values!;
        problems.push(...rocStepProblems(curve, {nCases: roc.nCases, nControls: roc.nControls, minCell, ...(values ? {values} : {})}));
      }
    }
    expect(problems).toEqual([]);
  });

  it("the ROC explorer offers the published thresholds only, starts at the best of them, and shows the rows' 2×2 table there", async () => {
    site ??= await startSite({root: join(work, "dist")});
    const texts = await publishedTexts(join(work, "dist"));
    const doc = JSON.parse(texts.find((t) => /analysis(\.[0-9a-f]+)?\.json$/.test(t.name))!.text);
    const model = doc.curves.find((c: PublishedCurve) => c.marker === "model") as PublishedCurve & {direction: "<" | ">"};
    const published = model.thresholds.filter((t): t is number => typeof t === "number").sort((a, b) => a - b);
    const youden = doc.analysis.roc.find((r: {marker: string}) => r.marker === "model").threshold as number;
    expect(published).toContain(youden);
    const data = studyData(rows);
    const fitted = runProcedure(STUDY_PROCEDURE, data).model.fit.fitted;
    await onPage(openPage(site, "/roc"), async (page, {consoleErrors, pageErrors}) => {
      expect(await page.locator("figure", {hasText: "ROC curves of the prediction equation"}).innerText()).toContain(`drawn through thresholds that each move at least ${doc.aggregates.minCell} patients`);
      const shown = async () => Number(await page.getByTestId("roc-threshold-value").getAttribute("data-value"));
      expect(await shown()).toBe(youden);
      expect(await page.locator("main").innerText()).toContain("at the best of the thresholds this private build publishes");
      // a value between two published thresholds moves to the nearer one, and says so
      const [a, b] = [published[0]!, published[1] ?? published[0]!];
      const typed = a + 0.3 * (b - a);
      const box = page.getByTestId("roc-threshold-number");
      await box.fill(String(typed));
      await box.press("Enter");
      await page.waitForFunction((v) => Number(document.querySelector("[data-testid=roc-threshold-value]")?.getAttribute("data-value")) === v, a);
      expect(await page.getByTestId("roc-threshold-message").innerText()).toMatch(/is not one of the thresholds this private build publishes/);
      expect(Number(await box.inputValue())).toBe(a);
      const cm = confusionAt(fitted, data.y, a, model.direction);
      const counts = [];
      for (const id of ["roc-tp", "roc-fp", "roc-fn", "roc-tn"]) counts.push(Number(await page.getByTestId(id).innerText()));
      expect(counts).toEqual([cm.tp, cm.fp, cm.fn, cm.tn]);
      for (const c of counts) expect(c === 0 || c >= doc.aggregates.minCell, `a cell of ${c}`).toBe(true);
      // the keyboard steps from one published threshold to the next
      await box.press("ArrowUp");
      await page.waitForFunction((v) => Number(document.querySelector("[data-testid=roc-threshold-value]")?.getAttribute("data-value")) === v, b);
      expect({cells: await cellErrors(page), pageErrors, consoleErrors}).toEqual({cells: [], pageErrors: [], consoleErrors: []});
    });
  }, 120_000);

  it("says on every page, in its header, that the patients are private; the study pages' banner says what is published", async () => {
    site ??= await startSite({root: join(work, "dist")});
    const problems: string[] = [];
    for (const {path} of sitePages()) {
      const report = await openPage(site, path);
      const label = await report.page.getByTestId("cohort-label").innerText();
      if (!label.startsWith("Real data, private")) problems.push(`${path}: header says ${JSON.stringify(label)}`);
      const banner = report.page.getByTestId("cohort-source");
      if ((await banner.count()) > 0 && !/No patient's record is published/.test(await banner.first().innerText())) problems.push(`${path}: the banner does not say the rows are private`);
      await report.page.context().close();
    }
    expect(problems).toEqual([]);
  });

  it("renders every page from the aggregates: no cell in error, no uncaught exception, no console error", async () => {
    site ??= await startSite({root: join(work, "dist")});
    const problems: Record<string, {cells: string[]; pageErrors: string[]; consoleErrors: string[]}> = {};
    for (const {path} of sitePages()) {
      const report = await openPage(site, path);
      try {
        const cells = await cellErrors(report.page);
        if (cells.length || report.pageErrors.length || report.consoleErrors.length) problems[path] = {cells, pageErrors: report.pageErrors, consoleErrors: report.consoleErrors};
      } finally {
        await report.page.context().close();
      }
    }
    expect(problems).toEqual({});
  }, 300_000);

  it("the Validation page answers its controls from the aggregates as the engine does from the rows, and keeps them in the link", async () => {
    site ??= await startSite({root: join(work, "dist")});
    const data = studyData(rows);
    const fitted = runProcedure(STUDY_PROCEDURE, data).model.fit.fitted;
    const {page, consoleErrors, pageErrors} = await openPage(site, "/validation");
    try {
      const box = page.getByTestId("validation-hl-groups-number");
      await box.fill("12");
      await box.press("Enter");
      await page.waitForFunction(() => document.querySelector("[data-testid=validation-hl]")?.textContent?.includes("with 12 groups"));
      const hl = calibrationSummary(fitted, data.y, {hlGroups: 12}, [])!.hosmerLemeshow!;
      const shown = Number(await page.getByTestId("validation-hl-statistic").getAttribute("data-value"));
      expect(Math.abs(shown - hl.statistic)).toBeLessThan(1e-10 * Math.max(1, hl.statistic));
      expect((await page.getByTestId("validation-dca-nb10").textContent())?.trim()).toBe(formatNumber(decisionCurve(fitted, data.y, [0.1])[0]!.netBenefitModel, 3));
      // the spans the build holds, as a list; the choice goes into the link and comes back from it
      const select = page.getByTestId("validation-span");
      const options = await select.locator("option").allTextContents();
      expect(options.length).toBeGreaterThan(1);
      await select.selectOption({label: options[0]!});
      await waitForCells(page);
      expect(new URL(page.url()).searchParams.get("groups")).toBe("12");
      expect(new URL(page.url()).searchParams.has("span")).toBe(true);
      const fresh = await openPage(site, page.url().slice(site.origin.length));
      try {
        expect((await fresh.page.getByTestId("validation-span").locator("option:checked").textContent())?.trim()).toBe(options[0]);
        expect(await fresh.page.getByTestId("validation-hl-groups-number").inputValue()).toBe("12");
        expect(await cellErrors(fresh.page)).toEqual([]);
      } finally {
        await fresh.page.context().close();
      }
      expect(await cellErrors(page)).toEqual([]);
      expect(pageErrors).toEqual([]);
      expect(consoleErrors).toEqual([]);
    } finally {
      await page.context().close();
    }
  }, 120_000);
});
