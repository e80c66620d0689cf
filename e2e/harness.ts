/**
 * Shared browser-test harness: serves dist/ on loopback, drives Debian's Chromium with playwright-core,
 * and records everything a reader's browser would complain about — console errors, uncaught exceptions,
 * failed requests, and any request that leaves the site's own origin (which is also blocked, as it
 * would be for a reader offline).
 */
import {existsSync, mkdirSync, readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {createRequire} from "node:module";
import type {Server} from "node:http";
import {gzipSync} from "node:zlib";
import {chromium, type Browser, type Page} from "playwright-core";
import {afterAll, beforeAll, expect} from "vitest";
import {startServer} from "../scripts/serve.mjs";
import config from "../observablehq.config.js";

export const artifactsDir = "e2e/artifacts";
const require = createRequire(import.meta.url);

export interface SitePage {
  name: string;
  path: string;
}

/** Every page in the site's navigation, read from the Framework config so a new page is tested too. */
export function sitePages(): SitePage[] {
  const pages: SitePage[] = [];
  const visit = (items: unknown[]) => {
    for (const item of items as {name: string; path?: string; pages?: unknown[]}[]) {
      if (item.path) pages.push({name: item.name, path: item.path});
      if (item.pages) visit(item.pages);
    }
  };
  visit(config.pages ?? []);
  if (!pages.some((p) => p.path === "/")) pages.unshift({name: "Overview", path: "/"});
  return pages;
}

/** Where the built site keeps a data file (Framework content-hashes the name: cohort.csv → cohort.<hash>.csv). */
export function builtDataPath(file: string, dir = "dist/_file/data/study"): string {
  const dot = file.lastIndexOf(".");
  const hashed = new RegExp(`^${file.slice(0, dot)}\\.[0-9a-f]+\\${file.slice(dot)}$`);
  const name = readdirSync(dir).find((f) => hashed.test(f));
  if (!name) throw new Error(`no ${file} in ${dir}: run \`npm run build\` first`);
  return join(dir, name);
}

/** A data file exactly as the built site serves it. */
export function builtDataFile(file: string, dir?: string): string {
  return readFileSync(builtDataPath(file, dir), "utf8");
}

/**
 * Deep equality of what a page shows with what the engine computes here in Node: numbers to `relative` (relative to
 * |expected|, absolute below 1), and with `exactIntegers` integers (counts) exactly; everything else exactly. The
 * browser's Math.exp and Math.log may differ from Node's in the last bits, hence a tolerance. Names the path that
 * differs.
 */
export function expectDeepClose(actual: unknown, expected: unknown, {relative, exactIntegers = false}: {relative: number; exactIntegers?: boolean}, path = "$"): void {
  if (typeof expected === "number" && !(exactIntegers && Number.isInteger(expected))) {
    expect(typeof actual, path).toBe("number");
    const a = actual as number;
    expect(Math.abs(a - expected), `${path}: ${a} vs ${expected}`).toBeLessThanOrEqual(relative * Math.max(1, Math.abs(expected)));
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, `${path}.length`).toBe(expected.length);
    expected.forEach((e, i) => expectDeepClose((actual as unknown[])[i], e, {relative, exactIntegers}, `${path}[${i}]`));
  } else if (expected && typeof expected === "object") {
    expect(actual && typeof actual === "object", path).toBeTruthy();
    expect(Object.keys(actual as object).sort(), `${path} keys`).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected)) expectDeepClose((actual as Record<string, unknown>)[k], v, {relative, exactIntegers}, `${path}.${k}`);
  } else {
    expect(actual, path).toEqual(expected);
  }
}

export interface Site {
  origin: string;
  browser: Browser;
  close(): Promise<void>;
}

export interface StartSiteOptions {
  /** false: serve dist/ as the plainest static server does, a URL to a file and nothing more (no /data → data.html). */
  cleanUrls?: boolean;
  /** The built site to serve (default dist/). */
  root?: string;
}

export async function startSite({cleanUrls = true, root = "dist"}: StartSiteOptions = {}): Promise<Site> {
  if (!existsSync(`${root}/index.html`)) throw new Error(`${root}/ is missing: run \`npm run build\` before the browser tests`);
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath}: run scripts/ensure-chromium.sh`);
  mkdirSync(artifactsDir, {recursive: true});
  const server: Server = await startServer({port: 0, cleanUrls, root});
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("the test server has no port");
  const browser = await chromium.launch({
    executablePath,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run"
    ]
  });
  return {
    origin: `http://127.0.0.1:${address.port}`,
    browser,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    }
  };
}

/**
 * The site served for the test file that calls this: started before its tests and closed after them. The value
 * stands for the running site from the first test on.
 */
export function siteForTests(options: StartSiteOptions = {}): Site {
  let started: Site | undefined;
  beforeAll(async () => {
    started = await startSite(options);
  });
  afterAll(async () => {
    await started?.close();
  });
  const running = (): Site => {
    if (!started) throw new Error("the site is not running: its start failed, or a test ran before beforeAll");
    return started;
  };
  return {
    get origin() {
      return running().origin;
    },
    get browser() {
      return running().browser;
    },
    close: () => running().close()
  };
}

export interface PageReport {
  page: Page;
  consoleErrors: string[];
  pageErrors: string[];
  failedRequests: string[];
  offOriginRequests: string[];
  /** Bytes of JavaScript the page loaded, gzipped as a web server would send them. */
  javascriptGzipBytes: number;
}

/** Milliseconds from navigation start to the first chart, or null on a page without charts. */
export async function firstChartMs(page: Page): Promise<number | null> {
  return page.evaluate(() => (window as unknown as {__firstChartMs?: number}).__firstChartMs ?? null);
}

export interface OpenOptions {
  viewport?: {width: number; height: number};
  /** The reader's system theme (prefers-color-scheme); default light. */
  colorScheme?: "light" | "dark";
}

/** Opens a page, blocks anything off-origin, and waits until every Framework cell has rendered. */
export async function openPage(site: Site, path: string, {viewport = {width: 1280, height: 900}, colorScheme = "light"}: OpenOptions = {}): Promise<PageReport> {
  const context = await site.browser.newContext({viewport, acceptDownloads: true, colorScheme});
  const page = await context.newPage();
  const report: PageReport = {page, consoleErrors: [], pageErrors: [], failedRequests: [], offOriginRequests: [], javascriptGzipBytes: 0};
  // Time from navigation start to the first chart's SVG in the document, as a reader sees it appear.
  // Every Content-Security-Policy violation, in the page and in its workers' reports, kept for cspViolations().
  await page.addInitScript(() => {
    const w = window as unknown as {__cspViolations?: string[]};
    w.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      w.__cspViolations!.push(`${event.effectiveDirective} blocked ${event.blockedURI || "(inline)"} at ${event.sourceFile || event.documentURI}:${event.lineNumber}`);
    });
  });
  await page.addInitScript(() => {
    const w = window as unknown as {__firstChartMs?: number};
    const observer = new MutationObserver(() => {
      if (w.__firstChartMs === undefined && document.querySelector(".chart-figure svg, figure svg")) {
        w.__firstChartMs = performance.now();
        observer.disconnect();
      }
    });
    document.addEventListener("DOMContentLoaded", () => observer.observe(document.body, {childList: true, subtree: true}));
  });
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(site.origin) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    report.offOriginRequests.push(url);
    return route.abort("blockedbyclient");
  });
  page.on("console", (message) => {
    if (message.type() === "error") report.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => report.pageErrors.push(String(error)));
  page.on("requestfailed", (request) => {
    if (!report.offOriginRequests.includes(request.url())) report.failedRequests.push(`${request.url()} (${request.failure()?.errorText})`);
  });
  // Bodies arrive after the response event: keep each read, and wait for all before reporting, or the count
  // would hold only the scripts whose bodies happened to be read by then.
  const bodies: Promise<void>[] = [];
  page.on("response", (response) => {
    if (response.status() >= 400) report.failedRequests.push(`${response.url()} (HTTP ${response.status()})`);
    if (/\.m?js(\?|$)/.test(response.url())) {
      bodies.push(
        response.body().then(
          (body) => void (report.javascriptGzipBytes += gzipSync(body).length),
          () => undefined // a response without a body (redirect) carries no script
        )
      );
    }
  });
  await page.goto(site.origin + path, {waitUntil: "load"});
  await waitForCells(page);
  await Promise.all(bodies);
  return report;
}

/**
 * Runs `test` on a page once it is open (`opened`: the page, or openPage's report, or a promise of either), then
 * closes the page's browser context however the test ends, so a failed test leaves no browser context behind.
 */
export async function onPage<R extends Page | PageReport>(opened: R | Promise<R>, test: (page: Page, opened: R) => Promise<void>): Promise<void> {
  const ready = await opened;
  const page = "consoleErrors" in ready ? ready.page : (ready as Page);
  try {
    await test(page, ready);
  } finally {
    await page.context().close();
  }
}

/** Framework shows <observablehq-loading> until a cell resolves; wait for none, and for the network to settle. */
export async function waitForCells(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForLoadState("networkidle", {timeout});
  await page.waitForFunction(() => document.querySelectorAll("observablehq-loading").length === 0, undefined, {timeout});
}

/** The Content-Security-Policy violations the page has reported since it opened (the server sends the policy). */
export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as {__cspViolations?: string[]}).__cspViolations ?? ["no CSP listener: page not opened by openPage"]);
}

/** Errors Framework rendered into the page in place of a cell (a failed cell does not always log). */
export async function cellErrors(page: Page): Promise<string[]> {
  return page.$$eval(".observablehq--error", (nodes) => nodes.map((node) => (node.textContent ?? "").trim()));
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * axe-core evaluated from node_modules (through the browser's debugging protocol: the site's CSP rightly refuses an
 * injected inline script), serious and critical violations only.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as {axe: {run: (context: Document, options: object) => Promise<{violations: {id: string; impact: string | null; help: string; nodes: {target: string[]}[]}[]}>}}).axe;
    const result = await axe.run(document, {resultTypes: ["violations"]});
    return result.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(" "))}));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

export function slug(path: string): string {
  return path === "/" ? "index" : path.replace(/^\//, "").replace(/[^a-z0-9-]+/gi, "-");
}
