/**
 * `npm run pdf`: the whole built site as ONE PDF, for a journal's supplementary material. Each page of dist/ is
 * opened in Debian's Chromium (playwright-core) from the site's own server, printed with the site's print stylesheet
 * (inputs at their default values, shown as text), and the prints are joined with pdf-lib in the navigation's order,
 * read from the built sidebar. A first page names the site, the cohort's provenance (read from the built
 * cohort-source JSON, as the pages show it) and the contents with page numbers; every page is stamped "Page i of n".
 *
 * Usage: npm run pdf -- [--out FILE.pdf] [--paper a4|letter] [--root dist]
 */
import {existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from "node:fs";
import type {Server} from "node:http";
import {basename, dirname, isAbsolute, join, relative, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {PDFDocument, StandardFonts, rgb} from "pdf-lib";
import {chromium, type Browser, type Page} from "playwright-core";
import {startServer} from "./serve.mjs";

export type Paper = "a4" | "letter";

/** Paper size and margins in millimetres. The bottom margin leaves room for the page-number stamp. */
export const PAPERS: Record<Paper, {label: string; widthMm: number; heightMm: number}> = {
  a4: {label: "A4", widthMm: 210, heightMm: 297},
  letter: {label: "Letter", widthMm: 215.9, heightMm: 279.4}
};
export const MARGIN_MM = {top: 14, right: 14, bottom: 18, left: 14};
/**
 * Chromium lays each page out at (content width / SCALE) CSS pixels and prints it at SCALE: the site's 16 px text
 * comes out at about 9 pt, and charts drawn for that width fit the page.
 */
export const SCALE = 0.8;

const MM_TO_PX = 96 / 25.4;
const MM_TO_PT = 72 / 25.4;

/** The CSS pixel width a page is laid out at so that, printed at SCALE, it fills the paper between the margins. */
export function layoutWidthPx(paper: Paper): number {
  return Math.floor(((PAPERS[paper].widthMm - MARGIN_MM.left - MARGIN_MM.right) * MM_TO_PX) / SCALE);
}

export interface Provenance {
  /** Where it was read from, relative to the site root (dist/_file/data/study/cohort-source.<hash>.json). */
  file: string;
  /** The JSON as the build wrote it: kind, reason, rows, events, … */
  source: Record<string, unknown>;
}

/**
 * The cohort's provenance from the built site: the one dist/_file/data/study/cohort-source.<hash>.json that the pages load.
 * @throws Error when there is none or more than one (a stale file beside the current one), saying to rebuild.
 */
export function readProvenance(root: string): Provenance {
  const dir = join(root, "_file", "data", "study");
  const names = existsSync(dir) ? readdirSync(dir).filter((name) => /^cohort-source\.[0-9a-f]+\.json$/.test(name)) : [];
  if (names.length !== 1) {
    throw new Error(`${relative(process.cwd(), dir) || dir} holds ${names.length} cohort-source.<hash>.json files, not 1: rebuild the site (npm run build) before printing it.`);
  }
  const file = join(dir, names[0]!);
  return {file: relative(root, file), source: JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>};
}

/** The provenance as label/value lines for the first page: the known fields first, then any other the JSON carries. */
export function provenanceLines(source: Record<string, unknown>): [string, string][] {
  const labels: [string, string][] = [
    ["kind", "Cohort"],
    ["reason", "Source"],
    ["path", "File"],
    ["rows", "Patients"],
    ["events", "With ASD (events)"],
    ["nonEvents", "Without ASD"],
    ["seed", "Generator seed"]
  ];
  const show = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));
  const lines: [string, string][] = [];
  for (const [key, label] of labels) {
    if (source[key] === undefined || source[key] === null) continue;
    // A path of the build machine is not for publication: its file name says which file it was.
    lines.push([label, key === "path" ? basename(show(source[key])) : show(source[key])]);
  }
  for (const [key, value] of Object.entries(source)) {
    if (labels.some(([known]) => known === key) || value === null || value === undefined) continue;
    if (typeof value === "string" && isAbsolute(value)) continue; // another path of the build machine
    if (Array.isArray(value) && value.length === 0) continue;
    lines.push([key, Array.isArray(value) ? value.map(show).join("; ") : show(value)]);
  }
  return lines;
}

export interface PrintedPage {
  name: string;
  /** Pathname on the site (/, /cohort.html, …). */
  url: string;
  /** First page of this site page in the joined PDF (1-based), and how many it takes. */
  firstPage: number;
  pageCount: number;
}

export interface PrintResult {
  out: string;
  paper: Paper;
  pageCount: number;
  pages: PrintedPage[];
  provenance: Provenance;
}

export interface PrintOptions {
  root?: string;
  out?: string;
  paper?: Paper;
  /** An already running browser (the tests share one); otherwise Chromium is started and closed here. */
  browser?: Browser;
  /** Called after each page is printed, for progress. */
  onPage?: (page: PrintedPage) => void;
}

/** The navigation in reading order, as the built site's sidebar lists it (the site's title links home, as Overview does). */
async function navigation(page: Page, origin: string): Promise<{name: string; url: string}[]> {
  const links = await page.$$eval("#observablehq-sidebar a[href]", (anchors) =>
    anchors.map((a) => ({name: (a.textContent ?? "").trim(), href: (a as HTMLAnchorElement).href}))
  );
  const seen = new Set<string>();
  const pages: {name: string; url: string}[] = [];
  for (const {name, href} of links) {
    const url = new URL(href);
    if (url.origin !== origin || seen.has(url.pathname)) continue;
    seen.add(url.pathname);
    pages.push({name, url: url.pathname});
  }
  // The first link is the site's title (home); the navigation names that page too ("Overview").
  const home = links.filter((l) => new URL(l.href).pathname === "/");
  if (home.length > 1 && pages[0]) pages[0].name = home[1]!.name;
  if (pages.length === 0) throw new Error("the built site's sidebar lists no page: was it built with a navigation?");
  return pages;
}

/** Waits until every Framework cell has rendered and the network is quiet (as the browser tests do). */
async function settle(page: Page, timeout = 120_000): Promise<void> {
  await page.waitForLoadState("networkidle", {timeout});
  await page.waitForFunction(() => document.querySelectorAll("observablehq-loading").length === 0, undefined, {timeout});
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

function pdfOptions(paper: Paper) {
  const mm = (x: number) => `${x}mm`;
  return {
    width: mm(PAPERS[paper].widthMm),
    height: mm(PAPERS[paper].heightMm),
    margin: {top: mm(MARGIN_MM.top), right: mm(MARGIN_MM.right), bottom: mm(MARGIN_MM.bottom), left: mm(MARGIN_MM.left)},
    scale: SCALE,
    printBackground: true,
    outline: false
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})[c]!);

/** The first page: title, provenance, contents. Rendered from a string, so it requests nothing. */
function coverHtml({title, provenance, pages, built, paper}: {title: string; provenance: Provenance; pages: PrintedPage[]; built: Date; paper: Paper}): string {
  const rows = provenanceLines(provenance.source).map(([label, value]) => `<tr><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join("");
  const contents = pages.map((p) => `<li><span>${escapeHtml(p.name)}</span><span class="dots"></span><span>${p.firstPage}</span></li>`).join("");
  const synthetic = provenance.source.kind === "synthetic";
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>
    body { font: 11pt/1.45 system-ui, "DejaVu Sans", sans-serif; color: #111; margin: 0; }
    h1 { font-size: 20pt; margin: 0 0 4pt; } h2 { font-size: 12pt; margin: 16pt 0 4pt; }
    .sub { color: #444; margin: 0 0 12pt; }
    .note { border-left: 3pt solid #e69f00; padding: 4pt 8pt; background: #fdf3e1; }
    table { border-collapse: collapse; width: 100%; } th, td { text-align: left; vertical-align: top; padding: 2pt 6pt 2pt 0; }
    th { white-space: nowrap; font-weight: 600; width: 11em; } td { overflow-wrap: anywhere; }
    ol { list-style: none; padding: 0 2pt 0 0; margin: 0; } li { display: flex; gap: 4pt; padding: 1.5pt 0; }
    .dots { flex: 1; border-bottom: 1pt dotted #999; margin-bottom: 4pt; }
  </style></head><body>
    <h1>${escapeHtml(title)}</h1>
    <p class="sub">Printed from the built site on ${built.toISOString().slice(0, 10)} (${PAPERS[paper].label}); every page at its default settings.</p>
    <h2>Cohort provenance</h2>
    ${synthetic ? `<p class="note" data-testid="cover-synthetic"><strong>Synthetic cohort.</strong> These are not the study's patients: a reconstruction that reproduces the abstract's published figures.</p>` : ""}
    <table data-testid="cover-provenance">${rows}</table>
    <p class="sub">Read from ${escapeHtml(provenance.file)}.</p>
    <h2>Contents</h2>
    <ol>${contents}</ol>
  </body></html>`;
}

/**
 * Prints every page of the built site into one PDF.
 * @throws Error when the site is not built, its provenance file is missing, or a page fails to render.
 * @example await printSite({root: "dist", out: "supplement.pdf", paper: "a4"}) // {pageCount: 31, pages: [...], ...}
 */
export async function printSite({root = "dist", out = "supplement.pdf", paper = "a4", browser: shared, onPage}: PrintOptions = {}): Promise<PrintResult> {
  if (!(paper in PAPERS)) throw new RangeError(`paper must be one of ${Object.keys(PAPERS).join(", ")}; got "${paper}"`);
  const provenance = readProvenance(root);
  const server: Server = await startServer({port: 0, root});
  const origin = `http://127.0.0.1:${(server.address() as {port: number}).port}`;
  const browser = shared ?? (await launchChromium());
  const width = layoutWidthPx(paper);
  try {
    const context = await browser.newContext({viewport: {width, height: 1200}, colorScheme: "light"});
    // Nothing but the site itself: a print must not depend on, or reveal itself to, any other host.
    await context.route("**/*", (route) => (route.request().url().startsWith(origin) || /^(data|blob):/.test(route.request().url()) ? route.continue() : route.abort("blockedbyclient")));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.goto(`${origin}/`, {waitUntil: "load"});
    await settle(page);
    const title = await page.title();
    const siteTitle = ((await page.textContent("#observablehq-sidebar > ol > li:first-child a, #observablehq-sidebar a")) ?? title).trim();
    const pages = await navigation(page, origin);

    const prints: {page: {name: string; url: string}; pdf: Uint8Array; count: number}[] = [];
    for (const entry of pages) {
      if (entry.url !== new URL(page.url()).pathname) {
        await page.goto(`${origin}${entry.url}`, {waitUntil: "load"});
        await settle(page);
      }
      const cellErrors = await page.$$eval(".observablehq--error", (nodes) => nodes.map((n) => (n.textContent ?? "").trim()));
      if (errors.length || cellErrors.length) throw new Error(`${entry.url} did not render: ${[...errors, ...cellErrors].join("; ")}`);
      const pdf = await page.pdf(pdfOptions(paper));
      const count = (await PDFDocument.load(pdf)).getPageCount();
      prints.push({page: entry, pdf, count});
    }

    // Contents numbers depend on the cover's length; a cover of more than one page is laid out again.
    const built = statSync(join(root, "index.html")).mtime;
    let coverPages = 1;
    let cover: Uint8Array;
    let printed: PrintedPage[];
    for (;;) {
      let next = coverPages + 1;
      printed = prints.map(({page: p, count}) => {
        const first = next;
        next += count;
        return {name: p.name, url: p.url, firstPage: first, pageCount: count};
      });
      await page.setContent(coverHtml({title: siteTitle, provenance, pages: printed, built, paper}), {waitUntil: "load"});
      cover = await page.pdf(pdfOptions(paper));
      const count = (await PDFDocument.load(cover)).getPageCount();
      if (count === coverPages) break;
      coverPages = count;
    }
    await context.close();

    const joined = await PDFDocument.create();
    joined.setTitle(`${siteTitle} (${PAPERS[paper].label})`);
    joined.setSubject(`Cohort: ${String(provenance.source.kind ?? "unknown")}. ${String(provenance.source.reason ?? "")}`.trim());
    joined.setCreator("npm run pdf (Chromium, pdf-lib)");
    for (const part of [cover, ...prints.map((p) => p.pdf)]) {
      const doc = await PDFDocument.load(part);
      for (const copied of await joined.copyPages(doc, doc.getPageIndices())) joined.addPage(copied);
    }
    const font = await joined.embedFont(StandardFonts.Helvetica);
    const total = joined.getPageCount();
    joined.getPages().forEach((p, i) => {
      const text = `Page ${i + 1} of ${total}`;
      const size = 8;
      const {width: pageWidth} = p.getSize();
      p.drawText(text, {x: (pageWidth - font.widthOfTextAtSize(text, size)) / 2, y: (MARGIN_MM.bottom * MM_TO_PT) / 2 - size / 2, size, font, color: rgb(0.3, 0.3, 0.3)});
    });
    mkdirSync(dirname(resolve(out)), {recursive: true});
    writeFileSync(out, await joined.save());
    for (const p of printed) onPage?.(p);
    return {out, paper, pageCount: total, pages: printed, provenance};
  } finally {
    if (!shared) await browser.close();
    await new Promise((done) => server.close(done));
  }
}

export function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath}: run scripts/ensure-chromium.sh (or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
  });
}

function parseArgs(args: string[]): {root: string; out: string; paper: Paper} {
  const options = {root: "dist", out: "supplement.pdf", paper: "a4" as Paper};
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    const value = args[i + 1];
    if (!["--out", "--paper", "--root"].includes(flag)) throw new Error(`unknown option ${flag}. Options: --out FILE.pdf, --paper a4|letter, --root DIR.`);
    if (value === undefined) throw new Error(`${flag} needs a value`);
    i++;
    if (flag === "--out") options.out = value;
    else if (flag === "--root") options.root = value;
    else if (value === "a4" || value === "letter") options.paper = value;
    else throw new Error(`--paper must be a4 or letter; got "${value}"`);
  }
  return options;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const options = parseArgs(process.argv.slice(2));
    const result = await printSite(options);
    for (const p of result.pages) console.log(`  ${String(p.firstPage).padStart(3)}  ${p.name} (${p.pageCount} page${p.pageCount === 1 ? "" : "s"})`);
    console.log(`pdf: wrote ${result.out}: ${result.pageCount} ${PAPERS[result.paper].label} pages, cohort ${String(result.provenance.source.kind)}.`);
  } catch (error) {
    console.error(`pdf: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
