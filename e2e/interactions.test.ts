/**
 * The study pages' controls, driven in Chromium as a reader drives them (typing into the number box, and the
 * keyboard on the slider), with every number the page then shows checked against the engine run here in Node on
 * the very cohort CSV the site was built from:
 * - ROC explorer: each marker at several thresholds → sensitivity, specificity, PPV, NPV, LR±, Youden's J, the
 *   Wilson CIs and the 2×2 counts equal confusionAt's; the slider's input-to-repaint time is measured and printed.
 * - Risk calculator: a patient's values → the probability, its CI and log-odds equal predictLogistic's.
 * - Multivariable model: dropping candidates or moving the screening threshold refits to fitLogistic's
 *   coefficients, SEs and p-values for exactly the variables the procedure's screen keeps.
 * - Validation: the Hosmer–Lemeshow groups slider and a bootstrap rerun with the reader's B and seed give the
 *   engine's statistic and optimism-corrected indices.
 * - Checking the abstract: the AUC allowance flags exactly the figures checkAbstract flags at that allowance.
 */
import {readFileSync} from "node:fs";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {builtDataFile, cellErrors, cspViolations, openPage, startSite, type Site} from "./harness.js";
import {parseCohortCsv, type CohortRow} from "../src/components/cohort/schema.js";
import {STUDY_CANDIDATES, STUDY_PROCEDURE, studyData} from "../src/components/study/study.js";
import {refitProcedure} from "../src/components/study/refit.js";
import {modelChecks} from "../src/components/pipeline/model-checks.js";
import {runProcedure, designFor} from "../src/components/procedure/run.js";
import {calibrationSummary, chunkedBootstrap} from "../src/components/pipeline/validation.js";
import {fitLogistic} from "../src/components/stats/logistic.js";
import type {PreparedData} from "../src/components/cohort/prepare.js";
import type {ProcedureRun} from "../src/components/procedure/run.js";
import {autoDirection, confusionAt, rocCurve, splitByOutcome, youdenOptimal, type ConfusionAt} from "../src/components/stats/roc.js";
import {predictLogistic} from "../src/components/stats/logistic.js";
import {checkAbstract, summarizeChecks} from "../src/components/stats/abstract-check.js";

let site: Site;
let rows: CohortRow[];
let data: PreparedData;
let study: ProcedureRun;
/** The study's procedure's model: the prediction equation's predictors, as the build fitted them. */
let EQUATION: string[];

beforeAll(async () => {
  site = await startSite();
  rows = parseCohortCsv(builtDataFile("cohort.csv"), {source: "dist cohort.csv"}).rows;
  data = studyData(rows);
  study = runProcedure(STUDY_PROCEDURE, data);
  EQUATION = study.model.predictors;
});
afterAll(async () => {
  await site?.close();
});

/**
 * Opens a page, runs `drive` on it, then requires that the page logged no error, threw nothing, rendered no cell
 * error and requested nothing it could not get or from another host; the page is closed whatever happens.
 */
async function onPage(path: string, drive: (page: Page) => Promise<void>): Promise<void> {
  const report = await openPage(site, path);
  try {
    await drive(report.page);
    expect(await cellErrors(report.page), "cells that rendered an error").toEqual([]);
    expect(report.pageErrors, "uncaught exceptions").toEqual([]);
    expect(report.consoleErrors, "console errors").toEqual([]);
    expect(report.failedRequests, "failed requests").toEqual([]);
    expect(report.offOriginRequests, "requests to other hosts").toEqual([]);
    expect(await cspViolations(report.page), "Content-Security-Policy violations").toEqual([]);
  } finally {
    await report.page.context().close();
  }
}

/** The full-precision number a cell carries in data-value (NaN stays NaN, so a missing value cannot pass). */
async function dataValue(page: Page, testId: string): Promise<number> {
  const raw = await page.getAttribute(`[data-testid="${testId}"]`, "data-value");
  return raw === null ? NaN : Number(raw);
}

async function text(page: Page, testId: string): Promise<string> {
  return ((await page.textContent(`[data-testid="${testId}"]`)) ?? "").trim();
}

/**
 * Moves an Inputs.range slider to the step nearest `value`, as a drag does (an input event on the range), and
 * waits until the page shows that value in `shownTestId`'s data-value (when given). A control that the page is
 * still rebuilding (after another control changed) may be replaced under the event, so the move is repeated on
 * the current element until the page shows it. Returns the value the slider took.
 */
async function setSlider(page: Page, testId: string, value: number, shownTestId?: string): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const taken = await page.evaluate(([id, v]) => {
      const range = document.querySelector<HTMLInputElement>(`[data-testid="${id}"]`)!;
      range.value = String(v);
      range.dispatchEvent(new Event("input", {bubbles: true}));
      return range.valueAsNumber;
    }, [testId, value] as const);
    if (!shownTestId) return taken;
    try {
      await page.waitForFunction(
        ([id, want]) => Number(document.querySelector(`[data-testid="${id}"]`)?.getAttribute("data-value")) === want,
        [shownTestId, taken] as const,
        {timeout: 5_000}
      );
      return taken;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/**
 * The page's number equals the engine's: to 1e-10 relative (Chromium's and Node's V8 may round the last bits of
 * exp and log differently, and IRLS carries that through), and a non-finite value (NaN for an undefined
 * predictive value, Infinity for LR+ at specificity 1) must be the same non-finite value, never a number.
 */
function expectSame(actual: number, expected: number, label: string): void {
  if (!Number.isFinite(expected)) {
    expect(Object.is(actual, expected) || (Number.isNaN(actual) && Number.isNaN(expected)), `${label}: ${actual} vs ${expected}`).toBe(true);
    return;
  }
  expect(Math.abs(actual - expected), `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(expected)));
}

/** A rate as the page prints it: one decimal of a percentage. */
const percent = (x: number) => `${(100 * x).toFixed(1)}%`;

describe("ROC explorer (/roc)", () => {
  /** Marker values and the direction pROC's "auto" picks, from the cohort, for each choice in the marker menu. */
  function markerData(key: string): {values: Float64Array; outcome: Float64Array; direction: "<" | ">"} {
    const outcome = data.y;
    const values = key === "model" ? Float64Array.from(study.model.fit.fitted) : Float64Array.from(data.variables.get(key)!.values!);
    const {cases, controls} = splitByOutcome(values, outcome);
    return {values, outcome, direction: autoDirection(cases, controls)};
  }

  async function expectMeasures(page: Page, cm: ConfusionAt): Promise<void> {
    // Full precision where the page carries it, and the printed text where it does not.
    for (const [id, value] of [
      ["roc-sensitivity", cm.sensitivity], ["roc-specificity", cm.specificity], ["roc-ppv", cm.ppv], ["roc-npv", cm.npv],
      ["roc-lr-positive", cm.lrPositive], ["roc-lr-negative", cm.lrNegative], ["roc-youden-j", cm.youdenJ]
    ] as const) {
      expectSame(await dataValue(page, id), value, id);
    }
    if (cm.lrPositive === Infinity) expect(await text(page, "roc-lr-positive")).toBe("∞");
    expect(await text(page, "roc-sensitivity-ci")).toBe(`${percent(cm.sensitivityCi[0])}–${percent(cm.sensitivityCi[1])}`);
    expect(await text(page, "roc-specificity-ci")).toBe(`${percent(cm.specificityCi[0])}–${percent(cm.specificityCi[1])}`);
    for (const [id, count] of [["roc-tp", cm.tp], ["roc-fp", cm.fp], ["roc-fn", cm.fn], ["roc-tn", cm.tn]] as const) {
      expect(Number(await text(page, id)), id).toBe(count);
    }
  }

  it("every marker at several thresholds shows the engine's 2×2 table, rates, CIs and likelihood ratios", async () => {
    await onPage("/roc", async (page) => {
      const keys = await page.$$eval("[data-testid=roc-marker] option", (options) => options.map((o) => o.getAttribute("data-key")!));
      // the equation, then every measured candidate (a 0/1 factor has one threshold, not a curve to explore)
      expect(keys).toEqual(["model", ...STUDY_CANDIDATES.filter((k) => data.variables.get(k)!.kind === "continuous")]);
      for (const key of keys) {
        await page.selectOption("[data-testid=roc-marker]", {index: keys.indexOf(key)});
        // The threshold control and the measures are rebuilt for the new marker: wait for its name in the caption.
        const label = ((await page.textContent(`[data-testid=roc-marker] option[data-key="${key}"]`)) ?? "").trim();
        await page.waitForFunction((l) => document.querySelector("[data-testid=roc-measures] caption")?.textContent?.trim().startsWith(`${l} at threshold`), label);
        const {values, outcome, direction} = markerData(key);
        const sorted = Float64Array.from(values).sort();
        // The lowest value, a low, middle and high quantile, and the highest: both ends of the curve and between.
        const picks = [0, 0.1, 0.5, 0.9, 1].map((q) => sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))]!);
        for (const raw of picks) {
          const taken = await setSlider(page, "roc-threshold", raw, "roc-threshold-value");
          const shown = await dataValue(page, "roc-threshold-value");
          expect(shown, `${key} threshold`).toBeCloseTo(taken, 12);
          await expectMeasures(page, confusionAt(values, outcome, shown, direction));
        }
      }
    });
  });

  it("the slider works from the keyboard, and its input-to-repaint time is measured", async () => {
    await onPage("/roc", async (page) => {
      const {values, outcome, direction} = markerData("model");
      const slider = page.locator("[data-testid=roc-threshold]");
      const labelledBy = await slider.getAttribute("aria-labelledby");
      const name = (await slider.getAttribute("aria-label")) ?? (labelledBy ? await page.textContent(`[id="${labelledBy}"]`) : null);
      expect(name ?? "", "the slider has an accessible name").toMatch(/threshold/i);
      const start = await dataValue(page, "roc-threshold-value");
      await slider.focus();
      for (let i = 0; i < 20; i++) await page.keyboard.press("ArrowRight");
      const sliderValue = Number(await slider.inputValue());
      await page.waitForFunction((v) => Number(document.querySelector("[data-testid=roc-threshold-value]")?.getAttribute("data-value")) === v, sliderValue);
      const moved = await dataValue(page, "roc-threshold-value");
      // the explorer starts at the engine's Youden cut-off exactly; the slider shows its nearest step, and the keys move from there
      expect(start, "the start is the engine's Youden threshold, not rounded").toBe(youdenOptimal(rocCurve(study.model.fit.fitted, data.y)).threshold);
      expect(moved, "20 ArrowRight presses of step 0.001").toBeCloseTo(Math.round(start / 0.001) * 0.001 + 0.02, 9);
      await expectMeasures(page, confusionAt(values, outcome, moved, direction));

      // Input to repaint. Framework's runtime recomputes on the next animation frame, and the browser paints at the
      // end of the frame whose callbacks changed the DOM; so the time from the input event to the moment the new
      // numbers are in the DOM (seen by a MutationObserver, which runs right after the change) is the time to the
      // repaint, short of the paint itself.
      const {total, work} = await page.evaluate(async () => {
        const range = document.querySelector<HTMLInputElement>("[data-testid=roc-threshold]")!;
        const shown = () => document.querySelector("[data-testid=roc-threshold-value]")?.getAttribute("data-value");
        const total: number[] = [];
        const work: number[] = [];
        for (let i = 0; i < 30; i++) {
          // Start each move at a frame boundary, as a pointer event would arrive, then change the value.
          await new Promise((resolve) => requestAnimationFrame(resolve));
          range.value = (0.05 + 0.03 * i).toFixed(3);
          const want = String(range.valueAsNumber);
          let frameStart = NaN;
          const t0 = performance.now();
          await new Promise<void>((resolve) => {
            const observer = new MutationObserver(() => {
              if (shown() === want) {
                observer.disconnect();
                resolve();
              }
            });
            observer.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
            // Registered before the runtime's own frame callback, so it runs first in the frame that recomputes.
            requestAnimationFrame(() => (frameStart = performance.now()));
            range.dispatchEvent(new Event("input", {bubbles: true}));
          });
          const t1 = performance.now();
          total.push(t1 - t0);
          work.push(t1 - frameStart);
        }
        const sort = (xs: number[]) => xs.sort((a, b) => a - b);
        return {total: sort(total), work: sort(work)};
      });
      const median = (xs: number[]) => xs[Math.floor(xs.length / 2)]!;
      console.log(
        `\nROC threshold slider over ${total.length} moves: input → new numbers in the page (painted at the end of that frame) ` +
          `median ${median(total).toFixed(1)} ms, max ${total.at(-1)!.toFixed(1)} ms; of which the update's own work in its frame ` +
          `median ${median(work).toFixed(1)} ms, max ${work.at(-1)!.toFixed(1)} ms (aim: within one frame, 16 ms; ` +
          `Framework's runtime waits for the next animation frame before it recomputes)`
      );
      // Gross-regression guards, not timing tests.
      expect(median(total), "median input-to-repaint (ms)").toBeLessThan(1000);
      expect(work.every(Number.isFinite), "each update ran in an animation frame").toBe(true);
    });
  });
});

describe("Risk calculator (/calculator)", () => {
  it("a patient's values give the engine's predicted probability, CI and log-odds", async () => {
    await onPage("/calculator", async (page) => {
      const fit = study.model.fit;
      const patients: Record<string, number>[] = [
        {age: 78, bmd_t: -3.4, cement_ml: 4.6, height_recovery_pct: 12.5},
        {age: 61, bmd_t: -2.1, cement_ml: 2.4, height_recovery_pct: 6.0},
        {age: 70, bmd_t: -2.8, cement_ml: 3.5, height_recovery_pct: 9.3}
      ];
      for (const patient of patients) {
        for (const key of EQUATION) {
          const before = await page.getAttribute("[data-testid=calc-probability]", "data-value");
          await page.fill(`[data-testid=calc-${key}-number]`, String(patient[key]));
          // Typing a value equal to the current one changes nothing; otherwise wait for the refit prediction.
          await page.waitForFunction(
            (old) => document.querySelector("[data-testid=calc-probability]")?.getAttribute("data-value") !== old,
            before,
            {timeout: 2_000}
          ).catch(() => undefined);
        }
        const expected = predictLogistic(fit, [1, ...EQUATION.map((k) => patient[k]!)]);
        expectSame(await dataValue(page, "calc-probability"), expected.probability, "calc-probability");
        expectSame(await dataValue(page, "calc-ci-lower"), expected.ciLower, "calc-ci-lower");
        expectSame(await dataValue(page, "calc-ci-upper"), expected.ciUpper, "calc-ci-upper");
        expectSame(await dataValue(page, "calc-linear-predictor"), expected.linearPredictor, "calc-linear-predictor");
        // Hand arithmetic on the page's own coefficients: p = 1 / (1 + e^−η), η = β₀ + Σ βₖxₖ.
        const eta = fit.terms[0]!.estimate + EQUATION.reduce((s, k, i) => s + fit.terms[i + 1]!.estimate * patient[k]!, 0);
        expectSame(await dataValue(page, "calc-probability"), 1 / (1 + Math.exp(-eta)), "calc-probability");
      }
      // From the keyboard: one ArrowUp on the age slider adds a year, and the prediction follows.
      const before = await dataValue(page, "calc-probability");
      await page.focus("[data-testid=calc-age]");
      await page.keyboard.press("ArrowUp");
      await page.waitForFunction((old) => Number(document.querySelector("[data-testid=calc-probability]")?.getAttribute("data-value")) !== old, before);
      const last = patients.at(-1)!;
      expectSame(await dataValue(page, "calc-probability"), predictLogistic(fit, [1, ...EQUATION.map((k) => (k === "age" ? last[k]! + 1 : last[k]!))]).probability, "calc-probability");
    });
  });
});

describe("Multivariable model (/model)", () => {
  /** Every term's estimate, SE and p as the model table carries them. */
  async function shownTerms(page: Page): Promise<Map<string, {estimate: number; se: number; p: number}>> {
    const cells = await page.$$eval("[data-testid=model-terms] tr[data-term]", (trs) =>
      trs.map((tr) => {
        const v = (f: string) => Number(tr.querySelector(`td[data-field="${f}"]`)?.getAttribute("data-value"));
        return [tr.getAttribute("data-term")!, {estimate: v("estimate"), se: v("se"), p: v("p")}] as const;
      })
    );
    return new Map(cells);
  }

  /** The survivors of the study's screen at `screenP` among `candidates`, and their fit. */
  function survivors(candidates: readonly string[], screenP: number) {
    return runProcedure(refitProcedure({candidates, screenP, select: "wald"}), data).screen!.kept;
  }

  async function expectRefit(page: Page, predictors: string[]): Promise<void> {
    const fit = fitLogistic(designFor(data, predictors), data.y);
    await page.waitForFunction((n) => document.querySelectorAll("[data-testid=model-terms] tr[data-term]").length === n, fit.terms.length);
    const shown = await shownTerms(page);
    expect([...shown.keys()].sort()).toEqual(fit.terms.map((t) => t.term).sort());
    for (const t of fit.terms) {
      const s = shown.get(t.term)!;
      expectSame(s.estimate, t.estimate, `${t.term} estimate`);
      expectSame(s.se, t.se, `${t.term} SE`);
      expectSame(s.p, t.p, `${t.term} p`);
    }
  }

  it("choosing candidates and the screening threshold refits to the engine's coefficients", async () => {
    await onPage("/model", async (page) => {
      const all = [...STUDY_CANDIDATES];
      // As built: every candidate that passes p < 0.05.
      await expectRefit(page, survivors(all, 0.05));

      // Drop two candidates by clicking their boxes.
      await page.click("[data-testid=model-candidate-cobb_post_deg]");
      await page.click("[data-testid=model-candidate-smoking]");
      const fewer = all.filter((k) => k !== "cobb_post_deg" && k !== "smoking");
      const expectedFewer = survivors(fewer, 0.05);
      await page.waitForFunction((n) => document.querySelectorAll("[data-testid=model-terms] tr[data-term]").length === n + 1, expectedFewer.length);
      await expectRefit(page, expectedFewer);

      // A stricter screen keeps only the candidates below it.
      await page.fill("[data-testid=model-threshold-number]", "0.001");
      const strict = survivors(fewer, 0.001);
      expect(strict.length, "the strict screen keeps some but not all candidates").toBeGreaterThan(0);
      await page.waitForFunction((n) => document.querySelectorAll("[data-testid=model-terms] tr[data-term]").length === n + 1, strict.length);
      await expectRefit(page, strict);
      expect(await text(page, "model-selected")).toContain(`pass (${strict.length} of ${fewer.length})`);

      // From the keyboard: Space on a focused box puts the variable back.
      await page.focus("[data-testid=model-candidate-smoking]");
      await page.keyboard.press("Space");
      await page.fill("[data-testid=model-threshold-number]", "0.05");
      const back = survivors(all.filter((k) => k !== "cobb_post_deg"), 0.05);
      await page.waitForFunction((n) => document.querySelectorAll("[data-testid=model-terms] tr[data-term]").length === n + 1, back.length);
      await expectRefit(page, back);
    });
  });
});

describe("Model checks on the Model and ROC pages", () => {
  it("ticking a spline refits with rms's basis: the nonlinear row's LR p is the engine's, and the choice is in the URL", async () => {
    await onPage("/model", async (page) => {
      await page.click("[data-testid=model-spline-bmd_t]");
      await page.waitForSelector("[data-testid=model-anova] tr[data-kind=nonlinear]");
      const procedure = {...refitProcedure({candidates: [...STUDY_CANDIDATES], screenP: 0.05, select: "wald", splines: {bmd_t: 3}})};
      const checks = modelChecks(runProcedure(procedure, data), data, [], {cutpointReplicates: 0});
      const row = checks.anova!.find((r) => r.kind === "nonlinear")!;
      expectSame(await dataValue(page, "model-anova-p-nonlinear-bmd_t"), row.p, "BMD nonlinear p");
      expect(page.url()).toContain("spline=bmd_t");
    });
  });

  it("a link with a marker and a threshold opens the ROC explorer there", async () => {
    await onPage("/roc?marker=bmd_t&t_bmd_t=-3", async (page) => {
      await page.waitForFunction(() => document.querySelector("[data-testid=roc-measures] caption")?.textContent?.includes("BMD"));
      expect(await dataValue(page, "roc-threshold-value")).toBe(-3);
      const values = Float64Array.from(data.variables.get("bmd_t")!.values!);
      const {cases, controls} = splitByOutcome(values, data.y);
      const cm = confusionAt(values, data.y, -3, autoDirection(cases, controls));
      expect(Number(await text(page, "roc-tp"))).toBe(cm.tp);
    });
  });
});

describe("Validation (/validation)", () => {
  it("the Hosmer–Lemeshow groups and a bootstrap rerun with the reader's B and seed follow the engine", async () => {
    await onPage("/validation", async (page) => {
      const fit = study.model.fit;
      const outcome = data.y;
      for (const groups of [8, 12]) {
        expect(await setSlider(page, "validation-hl-groups", groups)).toBe(groups);
        await page.waitForFunction((g) => document.querySelector("[data-testid=validation-hl]")?.textContent?.includes(`with ${g} groups`), groups);
        const hl = calibrationSummary(fit.fitted, outcome, {hlGroups: groups}, [])!.hosmerLemeshow!;
        expectSame(await dataValue(page, "validation-hl-statistic"), hl.statistic, `HL statistic, ${groups} groups`);
        expectSame(await dataValue(page, "validation-hl-p"), hl.p, `HL p, ${groups} groups`);
      }

      expect(await setSlider(page, "validation-replicates", 100)).toBe(100);
      await page.fill("[data-testid=validation-seed-number]", "7");
      await page.press("[data-testid=validation-seed-number]", "Enter");
      await page.click("[data-testid=validation-rerun]");
      await page.waitForFunction(() => document.querySelector("[data-testid=validation-bootstrap] caption")?.textContent?.startsWith("Rerun in this browser"), undefined, {timeout: 60_000});
      expect(await text(page, "validation-boot-b")).toBe("100");
      const expected = chunkedBootstrap(study.model.design, data.y, {replicates: 100, seed: 7, method: "ml", original: fit});
      expect(Number(await text(page, "validation-boot-used"))).toBe(expected.used);
      for (const key of Object.keys(expected.corrected) as (keyof typeof expected.corrected)[]) {
        expectSame(await dataValue(page, `validation-corrected-${key}`), expected.corrected[key], `corrected ${key}`);
      }
    });
  });
});

describe("Checking the abstract (/checking)", () => {
  it("the AUC allowance flags exactly the figures the engine flags at that allowance", async () => {
    await onPage("/checking", async (page) => {
      const published = JSON.parse(readFileSync("src/data/published.json", "utf8"));
      for (const allowance of [0, 0.2, 0.05]) {
        await setSlider(page, "check-auc-tolerance", allowance);
        await page.waitForFunction((a) => document.querySelector("[data-testid=check-auc-tolerance-value]")?.textContent?.trim() === a.toFixed(2), allowance);
        const flagged = summarizeChecks(checkAbstract(published, {aucTolerance: allowance})).filter((v) => !v.consistent).map((v) => v.figureId);
        expect(Number(await text(page, "check-flagged-count")), `flagged at ±${allowance}`).toBe(flagged.length);
        const shown = await page.$$eval("[data-testid=check-flagged] li", (lis) => lis.map((li) => li.getAttribute("data-figure")));
        expect(shown.sort()).toEqual([...flagged].sort());
      }
      // "Show only checks that do not follow" leaves exactly the failing checks in the tables.
      const failing = checkAbstract(published, {aucTolerance: 0.05}).filter((c) => !c.consistent).map((c) => c.id);
      await page.check("[data-testid=check-only-failing]");
      await page.waitForFunction(() => document.querySelectorAll("tr[data-consistent=true]").length === 0);
      const rows = await page.$$eval("tr[data-id][data-consistent]", (trs) => trs.map((tr) => tr.getAttribute("data-id")));
      expect(rows.sort()).toEqual([...failing].sort());
    });
  });
});

describe("Data & reproducibility (/data)", () => {
  it("describes the reconstruction with the generator's own diagnostics from the built reconstruction.json", async () => {
    const {optimiser} = JSON.parse(builtDataFile("reconstruction.json"));
    await onPage("/data", async (page) => {
      const shown = await text(page, "data-reconstruction-method");
      if (!optimiser) {
        expect(shown).toContain("no reconstruction was run");
        return;
      }
      expect(shown).toContain(`seed ${optimiser.seed}`);
      expect(shown).toContain(`${optimiser.dependence.iterations.toLocaleString("en")} moves, ${optimiser.dependence.accepted.toLocaleString("en")} of them accepted`);
      for (const m of optimiser.marginals) expect(shown).toContain(m.iterations.toLocaleString("en"));
      expect(shown).toContain(optimiser.converged ? "Every target was reached" : "Not every target was reached");
    });
  });
});
