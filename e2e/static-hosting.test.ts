/**
 * dist/ as a journal hosts it: served by the plainest static server, which maps a URL to a file and a directory to
 * its index.html and nothing more (no /data → data.html). A reader clicks through the whole navigation, page after
 * page, with the pager's Next link and with the sidebar; every link on every rendered page (sidebar, table of
 * contents, prose, links the page's code writes at run time, downloads) must reach a file, and every #fragment an
 * element on the page it points to.
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {cellErrors, cspViolations, openPage, sitePages, startSite, waitForCells, type PageReport, type Site} from "./harness.js";

let site: Site;
const pages = sitePages();

beforeAll(async () => {
  site = await startSite({cleanUrls: false});
});
afterAll(async () => {
  await site?.close();
});

/** The file a navigation path is built to: "/" → "/" (the directory's index.html), "/data" → "/data.html". */
const builtUrl = (path: string) => (path === "/" ? "/" : `${path}.html`);

async function expectPageClean(report: PageReport, where: string): Promise<void> {
  expect(await cellErrors(report.page), `${where}: cells that rendered an error`).toEqual([]);
  expect(report.pageErrors, `${where}: uncaught exceptions`).toEqual([]);
  expect(report.consoleErrors, `${where}: console errors`).toEqual([]);
  expect(report.failedRequests, `${where}: failed requests (a 404 is one)`).toEqual([]);
  expect(report.offOriginRequests, `${where}: requests to other hosts`).toEqual([]);
  expect(await cspViolations(report.page), `${where}: CSP violations`).toEqual([]);
}

async function heading(page: Page): Promise<string> {
  return ((await page.textContent("#observablehq-main h1")) ?? "").trim();
}

describe("dist/ on a plain static server", () => {
  it("does not map clean URLs (so the test below would see a clean link as a 404)", async () => {
    expect((await fetch(`${site.origin}/cohort`)).status).toBe(404);
    expect((await fetch(`${site.origin}/cohort.html`)).status).toBe(200);
  });

  it("clicks Next from the first page to the last in the navigation's order, each page whole", async () => {
    const report = await openPage(site, "/");
    const {page} = report;
    try {
      const visited: string[] = [new URL(page.url()).pathname];
      const titles: string[] = [await heading(page)];
      for (const next of pages.slice(1)) {
        const link = page.locator("#observablehq-footer > nav a[rel=next]");
        expect(((await link.textContent()) ?? "").trim(), `Next from ${visited.at(-1)}`).toBe(next.name);
        await Promise.all([page.waitForURL((url) => url.pathname === builtUrl(next.path)), link.click()]);
        await waitForCells(page);
        visited.push(new URL(page.url()).pathname);
        titles.push(await heading(page));
        await expectPageClean(report, next.path);
      }
      expect(visited).toEqual(pages.map((p) => builtUrl(p.path)));
      expect(titles.every((t) => t.length > 0), `every page has its title: ${titles.join(" | ")}`).toBe(true);
      expect(await page.locator("#observablehq-footer > nav a[rel=next]").count(), "the last page has no Next").toBe(0);
    } finally {
      await page.context().close();
    }
  });

  it("reaches every page from the sidebar of every page", async () => {
    for (const from of pages) {
      const report = await openPage(site, builtUrl(from.path));
      try {
        const sidebar = await report.page.$$eval("#observablehq-sidebar a[href]", (links) => links.map((a) => ({text: (a.textContent ?? "").trim(), href: (a as HTMLAnchorElement).href})));
        // The sidebar lists the site's title as home, then every page.
        expect(sidebar.map((l) => new URL(l.href).pathname), `sidebar of ${from.path}`).toEqual(["/", ...pages.map((p) => builtUrl(p.path))]);
        for (const {href} of sidebar) expect((await fetch(href)).status, `${href} from the sidebar of ${from.path}`).toBe(200);
      } finally {
        await report.page.context().close();
      }
    }
    // And one real click on a sidebar link, as a reader would.
    const report = await openPage(site, "/");
    try {
      const target = pages.at(-1)!;
      await Promise.all([report.page.waitForURL((url) => url.pathname === builtUrl(target.path)), report.page.click(`#observablehq-sidebar a:text-is("${target.name}")`)]);
      await waitForCells(report.page);
      await expectPageClean(report, `sidebar click to ${target.path}`);
    } finally {
      await report.page.context().close();
    }
  });

  it("every link on every rendered page reaches a file, and every #fragment an element of its page", async () => {
    const links = new Map<string, string>(); // absolute URL (with fragment) → where it was seen
    const ids = new Map<string, Set<string>>(); // page pathname → ids on the rendered page
    for (const {path} of pages) {
      const report = await openPage(site, builtUrl(path));
      try {
        await expectPageClean(report, path);
        const found = await report.page.evaluate(() => ({
          hrefs: Array.from(document.querySelectorAll("a[href]"), (a) => (a as HTMLAnchorElement).href),
          ids: Array.from(document.querySelectorAll("[id]"), (e) => e.id)
        }));
        ids.set(builtUrl(path), new Set(found.ids));
        for (const href of found.hrefs) if (href.startsWith(site.origin) && !links.has(href)) links.set(href, path);
      } finally {
        await report.page.context().close();
      }
    }
    expect(links.size, "links found").toBeGreaterThan(pages.length * 2);
    const broken: string[] = [];
    for (const [href, from] of links) {
      const url = new URL(href);
      const response = await fetch(`${url.origin}${url.pathname}${url.search}`);
      if (response.status !== 200) broken.push(`${url.pathname} (HTTP ${response.status}) linked from ${from}`);
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (fragment && !ids.get(url.pathname)?.has(fragment)) broken.push(`${url.pathname}#${fragment}: no such element, linked from ${from}`);
    }
    expect(broken).toEqual([]);
  });
});
