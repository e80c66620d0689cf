/**
 * The charts, inputs and readers in Chromium on their own, before the pages use them: each is rendered
 * into a page of the built site (so Framework's light and dark themes apply), at phone and desktop widths, and
 * checked with e2e/layout-checks.ts — no text overlapping text, no mark outside its chart, no label on a curve,
 * nothing near-invisible in the dark theme — and, for the nomogram, markers on their rulers or off-scale marks at
 * their ends, with the visible points adding up. The honest number input is typed into as a person types; the URL
 * binding is driven through history.back(); the file readers run in the page and in a Web Worker on the committed
 * fixtures and must return exactly what they return in Node.
 */
import {readFileSync} from "node:fs";
import {build} from "esbuild";
import type {Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {artifactsDir, onPage, seriousAccessibilityViolations, startSite, waitForCells, type Site} from "./harness.js";
import {lowContrastMarks, marksOutsideFrame, overlappingText, textOverLines, themeMismatchedPaints} from "./layout-checks.js";
import {readTableFile} from "../src/components/cohort/readers/index.js";
import {binnedByOutcome} from "../src/components/study/private.js";

let site: Site;
let bundle: string;

beforeAll(async () => {
  site = await startSite();
  const result = await build({
    entryPoints: ["e2e/gallery/entry.ts"],
    bundle: true,
    format: "iife",
    globalName: "gallery",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent"
  });
  bundle = result.outputFiles[0]!.text;
});

afterAll(async () => {
  await site?.close();
});

/**
 * A page of the built site with its main column emptied and the gallery bundle loaded. The bundle is injected as an
 * inline script, which the site's Content-Security-Policy rightly refuses: this test page alone bypasses it (the
 * pages themselves are tested under it, e2e/pages.test.ts).
 */
async function galleryPage(width: number, colorScheme: "light" | "dark" = "light"): Promise<Page> {
  const context = await site.browser.newContext({viewport: {width, height: 900}, colorScheme, bypassCSP: true});
  await context.route("**/*", (route) => {
    const url = route.request().url();
    return url.startsWith(site.origin) || url.startsWith("blob:") || url.startsWith("data:") ? route.continue() : route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  (page as Page & {errors: string[]}).errors = errors;
  await page.goto(`${site.origin}/data`, {waitUntil: "load"});
  await waitForCells(page);
  await page.evaluate(() => {
    const main = document.querySelector("#observablehq-main")!;
    main.innerHTML = '<div id="gallery"></div>';
  });
  await page.addScriptTag({content: bundle});
  return page;
}

async function layoutFindings(page: Page) {
  return {
    overlappingText: await overlappingText(page),
    outsideFrame: await marksOutsideFrame(page),
    textOnLines: await textOverLines(page)
  };
}

// The nomogram of test/fixtures/nomogram.json's first case (coefficients and ranges as rms::nomogram was given).
const NOMOGRAM = JSON.parse(readFileSync("test/fixtures/nomogram.json", "utf8")).cases[0] as {
  intercept: number;
  coefficients: Record<string, number>;
  ranges: Record<string, [number, number]>;
  lpRange: [number, number];
};

// With this scale (nomogramScale on the fixture): total-points axis 0–160; log-odds ruler −4…10 (pretty() of the
// fitted range), i.e. 38.2–144.3 total points; risk ruler 0.1…0.9 at 51.8–85.2 total points; height recovery's
// ruler 0–18 %. So the cohort's own extremes already fall off the log-odds and risk rulers: every value at its
// minimum is 25.7 points (log-odds −5.64), every value at its maximum 149.0 points (log-odds 10.6).
const PATIENTS: {name: string; values: Record<string, number>; offScale: string[]}[] = [
  {name: "mid", values: {age: 70, bmd: -2.5, cement: 4, rec: 8}, offScale: []},
  {name: "every value at its minimum", values: {age: 52, bmd: -4.5, cement: 0.3, rec: 0.6}, offScale: ["log-odds", "risk"]},
  {name: "every value at its maximum", values: {age: 89, bmd: -1.2, cement: 7.1, rec: 16.3}, offScale: ["log-odds", "risk"]},
  // Height recovery 20 is beyond its ruler (0–18 %, 0–100 points): 111 points, off the Points ruler too; the total,
  // 188.2, beyond the total axis (160).
  {name: "recovery 20", values: {age: 89, bmd: -4.5, cement: 7.1, rec: 20}, offScale: ["rec", "points:rec", "total", "log-odds", "risk"]},
  // Below every ruler: negative points for each factor, a negative total.
  {name: "far below", values: {age: 20, bmd: 2, cement: -3, rec: -5}, offScale: ["age", "bmd", "cement", "rec", "points:age", "points:bmd", "points:cement", "points:rec", "total", "log-odds", "risk"]}
];

describe("nomogram at its extremes", () => {
  for (const width of [390, 1280]) {
    it(`every marker on its ruler or off scale at an end, points adding up, nothing outside the frame (${width} px)`, () => onPage(galleryPage(width), async (page) => {
      for (const patient of PATIENTS) {
        const result = await page.evaluate(({nomogram, values, width}) => {
          const g = (window as unknown as {gallery: Record<string, (...a: unknown[]) => unknown>}).gallery;
          const names = Object.keys(nomogram.coefficients);
          const scale = g.nomogramScale!({
            intercept: nomogram.intercept,
            predictors: names.map((name) => ({name, coefficient: nomogram.coefficients[name], range: nomogram.ranges[name]})),
            linearPredictors: nomogram.lpRange
          }) as unknown;
          const points = Object.fromEntries(names.map((n) => [n, g.pointsFor!(scale, n, values[n]) as number]));
          const total = g.totalPoints!(scale, values) as number;
          const svg = g.nomogramChart!(scale, {width, patient: {points, total, values}}) as SVGSVGElement;
          const host = document.querySelector("#gallery")!;
          host.replaceChildren(g.chartFigure!(svg, {title: "Nomogram", description: "test", filename: "nomogram"}) as Node);
          const column = Array.from(svg.querySelectorAll(".nomogram-patient-column text")).map((t) => t.textContent ?? "");
          return {
            offScale: svg.getAttribute("data-off-scale")!.split(",").filter(Boolean),
            markers: svg.querySelectorAll(".nomogram-marker circle, .nomogram-marker path, .nomogram-off-scale path").length,
            column,
            total
          };
        }, {nomogram: NOMOGRAM, values: patient.values, width});
        expect(result.offScale.sort(), patient.name).toEqual([...patient.offScale].sort());
        // 4 predictor rows + total + log-odds + risk, each with exactly one marker; plus, on the Points ruler, one
        // off-scale triangle for the factors beyond it (here all on one side).
        expect(result.markers, patient.name).toBe(7 + (patient.offScale.some((k) => k.startsWith("points:")) ? 1 : 0));
        // The column lists each factor's points (3 significant digits) and "= total": they add up to rounding.
        const parse = (s: string) => Number(s.replace("= ", "").replace("−", "-").replace("%", ""));
        const factorPoints = result.column.slice(0, 4).map(parse);
        const shownTotal = parse(result.column[4]!);
        expect(result.column[4]!.startsWith("= "), patient.name).toBe(true);
        expect(Math.abs(factorPoints.reduce((a, b) => a + b, 0) - shownTotal), patient.name).toBeLessThan(0.05 * 4 + 0.05);
        expect(shownTotal).toBeCloseTo(result.total, 0);
        const findings = await layoutFindings(page);
        expect(findings.outsideFrame, `${patient.name}: marks outside the chart`).toEqual([]);
        expect(findings.overlappingText, `${patient.name}: overlapping text`).toEqual([]);
        if (patient.name === "recovery 20" || patient.name === "far below") {
          await page.locator("#gallery figure").screenshot({path: `${artifactsDir}/component-nomogram-${patient.name.replace(/\W+/g, "-")}-${width}.png`});
        }
      }
      expect((page as Page & {errors: string[]}).errors).toEqual([]);
    }));
  }
});

// Synthetic, deterministic chart data (a linear congruential generator: the charts only need plausible shapes).
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}
const KEYS = ["model", "age", "bmd_t", "cement_ml", "height_recovery_pct", "cobb_post_deg", "smoking", "prior_asd", "cement_leakage", "bmi", "diabetes", "steroid_use", "levels_treated", "follow_up_months"];
const ROC_SERIES = KEYS.map((key, i) => {
  const power = 1 + i * 0.35;
  const fpr = Array.from({length: 41}, (_, k) => k / 40);
  return {
    key,
    // Long names, as a reader's columns may have: the legend must wrap them at 390 px rather than run out.
    label: key === "model" ? "Prediction equation" : i > 9 ? `${key.replace(/_/g, " ")} (reader's column)` : key.replace(/_/g, " "),
    sensitivities: fpr.map((f) => f ** (1 / power)),
    specificities: fpr.map((f) => 1 - f),
    auc: 0.95 - i * 0.03,
    ciLower: 0.9 - i * 0.03,
    ciUpper: 0.99 - i * 0.025
  };
});
const FOREST_ROWS = [
  {term: "age", label: "Age (per year)", oddsRatio: 1.2, ciLower: 1.03, ciUpper: 1.39, p: 0.018, published: 1.199},
  {term: "bmd_t", label: "BMD (per T-score unit)", oddsRatio: 0.45, ciLower: 0.25, ciUpper: 0.8, p: 0.006, published: 0.45},
  {term: "cement_ml", label: "Cement volume (per ml)", oddsRatio: 1.9, ciLower: 1.2, ciUpper: 3.1, p: 0.007, published: null},
  {term: "height_recovery_pct", label: "Height recovery (per %)", oddsRatio: 2.0, ciLower: 1.4, ciUpper: 3.0, p: 0.0002, published: 2.08},
  {term: "cobb_post_deg", label: "Cobb angle after surgery (per degree)", oddsRatio: 1.05, ciLower: 0.98, ciUpper: 1.12, p: 0.2, published: null},
  {term: "smoking", label: "Smoking", oddsRatio: 2.5, ciLower: 0.8, ciUpper: 7.5, p: 0.11, published: null},
  {term: "prior_asd", label: "Prior ASD elsewhere", oddsRatio: 3.2, ciLower: 0.9, ciUpper: 11, p: 0.07, published: null}
];
const rand = lcg(15);
const PREDICTIONS = Array.from({length: 162}, () => rand() ** 2.2);
const OUTCOME = PREDICTIONS.map((p) => (rand() < p ? 1 : 0));
const sortedPredictions = [...PREDICTIONS].sort((a, b) => a - b);
const CALIBRATION = {
  curve: {predicted: sortedPredictions, observed: sortedPredictions.map((p) => Math.min(1, p * 1.1))},
  predictions: PREDICTIONS,
  outcome: OUTCOME,
  groups: Array.from({length: 10}, (_, g) => {
    const slice = sortedPredictions.slice(g * 16, g * 16 + 16);
    const mean = slice.reduce((a, b) => a + b, 0) / slice.length;
    return {predicted: mean, observed: Math.min(1, mean * 1.05), n: slice.length, ciLower: Math.max(0, mean - 0.1), ciUpper: Math.min(1, mean + 0.12)};
  })
};
const prevalence = OUTCOME.reduce((a: number, b) => a + b, 0) / OUTCOME.length;
const DECISION = Array.from({length: 60}, (_, k) => {
  const t = 0.01 + k * 0.01;
  let tp = 0;
  let fp = 0;
  PREDICTIONS.forEach((p, i) => {
    if (p >= t) (OUTCOME[i] ? tp++ : fp++);
  });
  const n = PREDICTIONS.length;
  return {threshold: t, netBenefitModel: tp / n - (fp / n) * (t / (1 - t)), netBenefitAll: prevalence - (1 - prevalence) * (t / (1 - t)), netBenefitNone: 0};
});

type Gallery = Record<string, (...a: unknown[]) => unknown>;

async function renderCharts(page: Page, width: number): Promise<void> {
  await page.evaluate(({width, roc, forest, calibration, decision, prevalence}) => {
    const g = (window as unknown as {gallery: Gallery}).gallery;
    const host = document.querySelector("#gallery")!;
    const figure = (svg: unknown, title: string) => g.chartFigure!(svg, {title, description: title, filename: title.replace(/\W+/g, "-")}) as Node;
    host.replaceChildren(
      figure(g.rocChart!(roc, {width, highlight: "model", optimal: {sensitivity: 0.96, specificity: 0.84}, point: {sensitivity: 0.8, specificity: 0.9}}), "ROC, 14 markers"),
      figure(g.rocChart!(roc.slice(0, 3), {width, highlight: "bmd_t"}), "ROC, 3 markers"),
      figure(g.forestPlot!(forest, {width}), "Forest plot"),
      figure(g.calibrationPlot!(calibration, {width}), "Calibration"),
      figure(g.decisionCurveChart!(decision, {width, prevalence, modelLabel: "Equation"}), "Decision curve"),
      figure(g.riskDistribution!(calibration.predictions.map((p: number, i: number) => ({probability: p, group: calibration.outcome[i] ? "asd" : "nonAsd"})), {width, patient: {probability: 0.5, ciLower: 0.3, ciUpper: 0.7}}), "Risk distribution")
    );
  }, {width, roc: ROC_SERIES, forest: FOREST_ROWS, calibration: CALIBRATION, decision: DECISION, prevalence});
}

describe("charts honest at phone and desktop widths, in both themes", () => {
  for (const width of [390, 768, 1280]) {
    for (const scheme of ["light", "dark"] as const) {
      it(`ROC (3 and 14 markers), forest, calibration, decision curve, risk distribution at ${width} px, ${scheme}`, () => onPage(galleryPage(width, scheme), async (page) => {
        await renderCharts(page, width);
        if (width !== 768) await page.locator("#gallery").screenshot({path: `${artifactsDir}/component-charts-${width}-${scheme}.png`});
        const findings = await layoutFindings(page);
        expect(findings.overlappingText, "overlapping text").toEqual([]);
        expect(findings.outsideFrame, "marks outside a chart").toEqual([]);
        expect(findings.textOnLines, "text on a curve").toEqual([]);
        // Nothing drawn in (nearly) the background's colour: black on near-black, white on white.
        expect(await lowContrastMarks(page, {minRatio: 1.5}), "marks at contrast < 1.5:1").toEqual([]);
        expect(await themeMismatchedPaints(page), "pure white or black marks on a tinted background").toEqual([]);
        const weak = await lowContrastMarks(page, {minRatio: 3});
        if (weak.length) console.log(`${width} px ${scheme}: marks below 3:1 (Okabe–Ito orange and sky blue on white are 2.3:1):`, [...new Set(weak.map((w) => `${w.color} ${w.ratio}`))].join("; "));
        expect(await seriousAccessibilityViolations(page), "axe-core serious/critical").toEqual([]);
        expect((page as Page & {errors: string[]}).errors).toEqual([]);
      }));
    }
  }
});

// Private mode's distributions (the site's own build is open mode, so the chart is checked here): 162 values binned
// as the build bins them, every non-empty cell ≥ 5 patients.
describe("binned distribution (the Cohort page in private mode)", () => {
  for (const width of [390, 1280]) {
    it(`draws one bar per non-empty cell, inside its frame, legible, at ${width} px`, async () => {
      const values = Array.from({length: 162}, (_, i) => 0.5 + ((i * 37) % 70) / 10);
      const y = values.map((_, i) => (i % 6 === 0 ? 1 : 0));
      const binned = binnedByOutcome(values, y, {minCell: 5});
      const nonEmpty = binned.bins.reduce((k, b) => k + (b.events > 0 ? 1 : 0) + (b.nonEvents > 0 ? 1 : 0), 0);
      await onPage(galleryPage(width), async (page) => {
      const row = {key: "cement_ml", label: "Cement volume", unit: "mL", kind: "continuous", reproduced: {asd: {n: 27, mean: 4, sd: 1, median: 4}, nonAsd: {n: 135, mean: 3.9, sd: 1.1, median: 3.9}, p: 0.5, test: "t"}};
      const drawn = await page.evaluate(({row, binned, width}) => {
        const g = (window as unknown as {gallery: Record<string, (...a: unknown[]) => HTMLElement>}).gallery;
        const figure = g.binnedVariableDistribution!(row, binned, {width});
        document.querySelector("#gallery")!.replaceChildren(figure);
        return Array.from(figure.querySelectorAll("svg.binned-distribution rect")).filter((r) => Number(r.getAttribute("height")) > 0 && r.getAttribute("fill") !== "none").length;
      }, {row, binned, width});
      expect(drawn, "bars drawn = non-empty cells").toBe(nonEmpty);
      const findings = await layoutFindings(page);
      expect(findings.overlappingText, "overlapping text").toEqual([]);
      expect(findings.outsideFrame, "marks outside the chart").toEqual([]);
      expect(await seriousAccessibilityViolations(page), "axe-core serious/critical").toEqual([]);
      expect((page as Page & {errors: string[]}).errors).toEqual([]);
      });
    });
  }
});

describe("boundPair in the browser (decision-curve limits that cannot cross)", () => {
  it("moves the other bound, says so, and the pair's value is always in order", () => onPage(galleryPage(1280), async (page) => {
    await page.evaluate(() => {
      const g = (window as unknown as {gallery: Record<string, (...a: unknown[]) => HTMLElement & {value: {low: number; high: number}}>}).gallery;
      const pair = g.boundPair!({low: {label: "Lowest threshold shown", min: 0.01, max: 0.5, step: 0.01, value: 0.01, testId: "dca-low"}, high: {label: "Highest threshold shown", min: 0.05, max: 0.99, step: 0.01, value: 0.6, testId: "dca-high"}, gap: 0.01, testId: "dca-range"});
      const seen: {low: number; high: number}[] = [];
      pair.addEventListener("input", () => seen.push(pair.value));
      (window as unknown as {seen: unknown}).seen = seen;
      (window as unknown as {pair: unknown}).pair = pair;
      document.querySelector("#gallery")!.replaceChildren(pair);
    });
    const value = () => page.evaluate(() => (window as unknown as {pair: {value: {low: number; high: number}}}).pair.value);
    await page.getByTestId("dca-high-number").fill("0.2");
    await page.getByTestId("dca-high-number").press("Enter");
    await page.getByTestId("dca-low-number").fill("0.45");
    await page.getByTestId("dca-low-number").press("Enter");
    expect(await value()).toEqual({low: 0.45, high: 0.46});
    expect(await page.getByTestId("dca-range-message").textContent()).toContain("0.46");
    expect(await page.getByTestId("dca-high-number").inputValue()).toBe("0.46");
    await page.getByTestId("dca-high-number").fill("0.05");
    await page.getByTestId("dca-high-number").press("Enter");
    expect(await value()).toEqual({low: 0.04, high: 0.05});
    expect(await page.getByTestId("dca-low-number").inputValue()).toBe("0.04");
    const seen = await page.evaluate(() => (window as unknown as {seen: {low: number; high: number}[]}).seen);
    expect(seen.length).toBeGreaterThan(0);
    for (const v of seen) expect(v.low, `an input event saw ${JSON.stringify(v)}`).toBeLessThan(v.high);
    expect((page as Page & {errors: string[]}).errors).toEqual([]);
  }));
});

describe("numberInput in the browser", () => {
  it("accepts what a person types, says what it does, and keeps box, slider and value together", () => onPage(galleryPage(390), async (page) => {
    await page.evaluate(() => {
      const g = (window as unknown as {gallery: Gallery}).gallery;
      const age = g.numberInput!({label: "Age (years)", min: 50, max: 95, step: 1, value: 69, dataRange: [52, 89], unit: "years", testId: "age"}) as HTMLElement & {value: number};
      const bmd = g.numberInput!({label: "BMD (T-score)", min: -5, max: 0, step: 0.1, value: -2.5, testId: "bmd"}) as HTMLElement & {value: number};
      const threshold = g.thresholdInput!({label: "Risk threshold", value: 0.2, testId: "threshold"}) as HTMLElement & {value: number};
      const w = window as unknown as {events: string[]; controls: Record<string, {value: number}>};
      w.events = [];
      w.controls = {age, bmd, threshold};
      for (const [name, el] of Object.entries(w.controls)) (el as unknown as HTMLElement).addEventListener("input", () => w.events.push(`${name}=${(el as {value: number}).value}`));
      document.querySelector("#gallery")!.append(age, bmd, threshold);
    });
    const value = (name: string) => page.evaluate((n) => (window as unknown as {controls: Record<string, {value: number}>}).controls[n]!.value, name);
    const box = (id: string) => page.getByTestId(`${id}-number`);
    const message = (id: string) => page.getByTestId(`${id}-message`).textContent();

    // 150: clamped to 95, said, and the box shows 95 once the entry is settled.
    await box("age").fill("150");
    expect(await value("age")).toBe(95);
    expect(await message("age")).toContain("150 years is above the allowed maximum, 95: 95 is used.");
    await box("age").press("Enter");
    expect(await box("age").inputValue()).toBe("95");
    expect(await page.getByTestId("age").inputValue()).toBe("95");
    expect(await message("age")).toContain("outside the range seen in the cohort (52–89 years)");

    // Off-step: used as typed; the slider shows the nearest position.
    await box("age").fill("94.5");
    await box("age").press("Tab");
    expect(await value("age")).toBe(94.5);
    expect(await box("age").inputValue()).toBe("94.5");
    expect(Math.abs(Number(await page.getByTestId("age").inputValue()) - 94.5)).toBeLessThanOrEqual(0.5);

    // A decimal comma is a decimal; keyboard steps from the value.
    await box("bmd").fill("-2,75");
    await box("bmd").press("Enter");
    expect(await value("bmd")).toBe(-2.75);
    expect(await box("bmd").inputValue()).toBe("-2.75");
    expect(await message("bmd")).toBe("Read “-2,75” as −2.75.");
    await box("bmd").press("ArrowUp");
    expect(await value("bmd")).toBe(-2.65);

    // Not a number: refused, the previous value kept and said; the box is marked invalid until settled.
    await box("bmd").fill("abc");
    expect(await box("bmd").getAttribute("aria-invalid")).toBe("true");
    expect(await message("bmd")).toContain("−2.65 is still used");
    await box("bmd").press("Enter");
    expect(await box("bmd").inputValue()).toBe("-2.65");

    // The threshold box: 1.5 and −0.2 clamped, 20% read as 0.2.
    await box("threshold").fill("1.5");
    await box("threshold").press("Enter");
    expect(await value("threshold")).toBe(1);
    await box("threshold").fill("-0.2");
    await box("threshold").press("Enter");
    expect(await value("threshold")).toBe(0);
    await box("threshold").fill("20%");
    await box("threshold").press("Enter");
    expect(await value("threshold")).toBe(0.2);

    // The slider moves the value and the box with it.
    await page.getByTestId("age").focus();
    await page.keyboard.press("Home");
    expect(await value("age")).toBe(50);
    expect(await box("age").inputValue()).toBe("50");

    const events = await page.evaluate(() => (window as unknown as {events: string[]}).events);
    expect(events.slice(0, 2)).toEqual(["age=95", "age=94.5"]);
    expect(await seriousAccessibilityViolations(page), "axe-core serious/critical").toEqual([]);
  }));
});

describe("bindToUrl in the browser", () => {
  it("writes settled changes to the query, and Back restores the control", () => onPage(galleryPage(1280), async (page) => {
    await page.evaluate(() => {
      const g = (window as unknown as {gallery: Gallery}).gallery;
      const age = g.numberInput!({label: "Age (years)", min: 50, max: 95, step: 1, value: 69, testId: "age"}) as HTMLElement;
      document.querySelector("#gallery")!.append(g.bindToUrl!(age, "age") as Node);
      (window as unknown as {age: {value: number}}).age = age as unknown as {value: number};
    });
    await page.getByTestId("age-number").fill("80");
    await page.getByTestId("age-number").press("Enter");
    await page.getByTestId("age-number").fill("85");
    await page.getByTestId("age-number").press("Enter");
    expect(new URL(page.url()).search).toBe("?age=85");
    await page.goBack();
    await page.waitForFunction(() => (window as unknown as {age: {value: number}}).age.value === 80);
    expect(await page.getByTestId("age-number").inputValue()).toBe("80");
    expect(new URL(page.url()).search).toBe("?age=80");
    await page.goBack();
    await page.waitForFunction(() => (window as unknown as {age: {value: number}}).age.value === 69);
    expect(new URL(page.url()).search).toBe("");
  }));
});

describe("readers in the browser and in a Web Worker", () => {
  const FILES = ["european-semicolon-decimal-comma.csv", "unicode-text-utf16.txt", "libreoffice.xlsx", "openpyxl.xlsx"];
  it("return what they return in Node", () => onPage(galleryPage(1280), async (page) => {
    for (const file of FILES) {
      const bytes = new Uint8Array(readFileSync(`test/fixtures/readers/${file}`));
      const expected = JSON.parse(JSON.stringify(readTableFile(bytes, {fileName: file})));
      const inPage = await page.evaluate(({data, file}) => {
        const g = (window as unknown as {gallery: Gallery}).gallery;
        return JSON.parse(JSON.stringify(g.readTableFile!(new Uint8Array(data), {fileName: file})));
      }, {data: [...bytes], file});
      expect(inPage, file).toEqual(expected);
      const inWorker = await page.evaluate(async ({data, file, bundle}) => {
        const source = `${bundle}\nself.onmessage = (e) => { try { self.postMessage({ok: JSON.parse(JSON.stringify(gallery.readTableFile(new Uint8Array(e.data), {fileName: ${JSON.stringify(file)}})))}); } catch (err) { self.postMessage({error: String(err)}); } };`;
        const url = URL.createObjectURL(new Blob([source], {type: "text/javascript"}));
        const worker = new Worker(url);
        const answer = await new Promise<{ok?: unknown; error?: string}>((resolve) => {
          worker.onmessage = (e) => resolve(e.data);
          worker.postMessage(data);
        });
        worker.terminate();
        URL.revokeObjectURL(url);
        return answer;
      }, {data: [...bytes], file, bundle});
      expect(inWorker.error, file).toBeUndefined();
      expect(inWorker.ok, file).toEqual(expected);
    }
  }));
});
