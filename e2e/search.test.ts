/**
 * Framework's built-in search (observablehq.config.ts `search: true`): the index is built with the site and served
 * from it, so a reader offline finds the glossary's entries from any page; nothing is requested from another host.
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {openPage, seriousAccessibilityViolations, startSite, type Site} from "./harness.js";

let site: Site;

beforeAll(async () => {
  site = await startSite();
});

afterAll(async () => {
  await site?.close();
});

describe("site search", () => {
  it("finds a glossary entry from another page, offline, and the result opens it", async () => {
    const report = await openPage(site, "/calculator");
    const {page} = report;
    try {
      const search = page.locator("#observablehq-search input");
      // If Framework's sidebar, which holds the search box, starts closed at this width, open it (its toggle is a
      // checkbox drawn as a button).
      if (!(await search.isVisible())) await page.locator("#observablehq-sidebar-toggle").check({force: true});
      await search.fill("optimism");
      const results = page.locator("#observablehq-search-results a");
      await results.first().waitFor({timeout: 10_000});
      const hrefs = await results.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute("href") ?? ""));
      expect(hrefs.some((h) => /glossary/.test(h)), `results: ${hrefs.join(", ")}`).toBe(true);
      expect(await seriousAccessibilityViolations(page), "axe-core with the results open").toEqual([]);
      const glossary = results.filter({has: page.locator(`[href*="glossary"]`)}).first();
      await (await glossary.count() ? glossary : results.first()).click();
      await page.waitForURL(/glossary/);
      expect(await page.locator("h2#optimism").count()).toBe(1);
      expect(report.offOriginRequests, "requests to other hosts").toEqual([]);
      expect(report.failedRequests, "failed requests").toEqual([]);
      expect(report.pageErrors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });
});
