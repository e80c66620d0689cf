/**
 * Every page of the site, opened as a reader opens it: no console error, no uncaught exception, no CSP violation,
 * no failed request, no request to any other host, no serious accessibility violation; every chart
 * with a text alternative; screenshots at desktop and phone widths; page budgets measured and printed.
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {artifactsDir, cellErrors, cspViolations, firstChartMs, openPage, seriousAccessibilityViolations, sitePages, slug, startSite, type Site} from "./harness.js";

let site: Site;
const budgets: {page: string; javascriptGzipKb: number; firstChartMs: number | null}[] = [];

beforeAll(async () => {
  site = await startSite();
});

afterAll(async () => {
  if (budgets.length) {
    console.log("\nPage budgets (JavaScript gzip transferred; navigation → first chart):");
    console.table(budgets);
  }
  await site?.close();
});

describe.each(sitePages())("page $name ($path)", ({path}) => {
  it("renders with no error, no failed or off-origin request, and no serious accessibility violation", async () => {
    const report = await openPage(site, path);
    const {page} = report;
    try {
      expect(await cellErrors(page), "cells that rendered an error").toEqual([]);
      expect(report.pageErrors, "uncaught exceptions").toEqual([]);
      expect(report.consoleErrors, "console errors").toEqual([]);
      expect(report.failedRequests, "failed requests").toEqual([]);
      expect(report.offOriginRequests, "requests to other hosts").toEqual([]);
      expect(await cspViolations(page), "Content-Security-Policy violations").toEqual([]);

      // Every chart carries a text alternative (chartFigure sets an aria-label with its key numbers).
      const unlabelled = await page.$$eval("svg", (svgs) =>
        svgs
          .filter((svg) => (svg.getBoundingClientRect().width > 100) && !svg.closest("[aria-hidden=true]"))
          .filter((svg) => !(svg.getAttribute("aria-label") || svg.closest("[role=img][aria-label]") || svg.querySelector("title")))
          .map((svg) => svg.outerHTML.slice(0, 120))
      );
      expect(unlabelled, "charts without a text alternative").toEqual([]);

      expect(await seriousAccessibilityViolations(page), "axe-core serious/critical violations").toEqual([]);

      const chartMs = await firstChartMs(page);
      budgets.push({page: path, javascriptGzipKb: Math.round(report.javascriptGzipBytes / 1024), firstChartMs: chartMs && Math.round(chartMs)});
      // Gross-regression guards only: these are measurements, not timing tests.
      expect(report.javascriptGzipBytes, "JavaScript per page (gzip)").toBeLessThan(2_000_000);
      if (chartMs !== null) expect(chartMs, "navigation to first chart (ms)").toBeLessThan(30_000);

      await page.screenshot({path: `${artifactsDir}/${slug(path)}-desktop.png`, fullPage: true});
    } finally {
      await page.context().close();
    }
  });

  it("reads at phone width without horizontal scrolling", async () => {
    const report = await openPage(site, path, {viewport: {width: 390, height: 844}});
    const {page} = report;
    try {
      expect(report.pageErrors, "uncaught exceptions").toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, "horizontal overflow at 390 px (px)").toBeLessThanOrEqual(1);
      await page.screenshot({path: `${artifactsDir}/${slug(path)}-phone.png`, fullPage: true});
    } finally {
      await page.context().close();
    }
  });
});
