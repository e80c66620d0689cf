/**
 * Layout audit of every page at phone, tablet and desktop widths in both colour schemes (e2e/layout-checks.ts):
 * overlapping text in charts and tables, marks outside a chart's frame, cut table cells, chart marks too close to
 * the background colour, horizontal scrolling. For now it reports what it finds (a table on the console and
 * e2e/artifacts/layout-audit.json) and fails only if a check itself breaks; once the pages are reworked (issue
 * 15, phase 2) the expectations at the end become assertions.
 */
import {writeFileSync} from "node:fs";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {artifactsDir, sitePages, startSite, waitForCells, type Site} from "./harness.js";
import {auditLayout, type LayoutReport} from "./layout-checks.js";

let site: Site;
const reports: (LayoutReport & {page: string})[] = [];
const WIDTHS = [390, 768, 1280];
const SCHEMES = ["light", "dark"] as const;

beforeAll(async () => {
  site = await startSite();
});

afterAll(async () => {
  writeFileSync(`${artifactsDir}/layout-audit.json`, JSON.stringify(reports, null, 2));
  if (reports.length) {
    console.log("\nLayout audit (counts of findings; details in e2e/artifacts/layout-audit.json):");
    console.table(reports.map((r) => ({
      page: r.page, width: r.width, scheme: r.colorScheme,
      overlappingText: r.overlappingText.length, outsideFrame: r.outsideFrame.length, textOnCurves: r.textOnLines.length, cutCells: r.cutCells.length,
      "contrast<1.5": r.lowContrast.filter((m) => m.ratio < 1.5).length, "contrast<3": r.lowContrast.length, hardCoded: r.themeMismatch.length, sidewaysPx: r.horizontal.overflowPx, scrollers: r.horizontal.scrollers.length
    })));
  }
  await site?.close();
});

describe("layout audit (report only)", () => {
  for (const scheme of SCHEMES) {
    it(`every page at ${WIDTHS.join(", ")} px, ${scheme}`, async () => {
      const context = await site.browser.newContext({viewport: {width: WIDTHS[0]!, height: 900}, colorScheme: scheme});
      // Nothing leaves the site (as in the other browser tests).
      await context.route("**/*", (route) => (route.request().url().startsWith(site.origin) ? route.continue() : route.abort("blockedbyclient")));
      const page = await context.newPage();
      try {
        for (const {path} of sitePages()) {
          await page.setViewportSize({width: WIDTHS[0]!, height: 900});
          await page.goto(site.origin + path, {waitUntil: "load"});
          await waitForCells(page);
          for (const width of WIDTHS) {
            const report = await auditLayout(page, {width, colorScheme: scheme});
            reports.push({page: path, ...report});
            expect(report.horizontal.overflowPx).toBeTypeOf("number");
          }
        }
      } finally {
        await context.close();
      }
    });
  }
});
