/**
 * `npm run pdf` and the print stylesheet, checked on paper: the whole site printed to one PDF on A4 and on Letter,
 * then read back with poppler — pdftoppm renders every page to an image, pdftotext gives its words and where they
 * are — and each page of the site opened again with print media at the print's layout width:
 * - one PDF in the navigation's order, at least one sheet per site page plus the first page, each stamped "Page i of n";
 * - the first page carries the cohort's provenance, as the built cohort-source JSON states it;
 * - no sheet is blank; nothing is drawn in the side margins, and no word lies beyond them (a cut word would);
 * - no text of any page is cut by the page edge or by a box that hides its overflow;
 * - every Observable Inputs control prints its label and current value as text; the calculator prints the four
 *   patient values beside the risk;
 * - no sheet ends with a heading (a heading stranded from what it heads).
 */
import {execFileSync} from "node:child_process";
import {mkdirSync, readdirSync, readFileSync, rmSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {artifactsDir, onPage, sitePages, startSite, waitForCells, type Site} from "./harness.js";
import {MARGIN_MM, PAPERS, layoutWidthPx, printSite, type Paper, type PrintResult} from "../scripts/pdf.js";

let site: Site;
const printed = new Map<Paper, PrintResult>();
const PAPER_LIST: Paper[] = ["a4", "letter"];
const MM_TO_PT = 72 / 25.4;

beforeAll(async () => {
  site = await startSite();
  for (const paper of PAPER_LIST) {
    printed.set(paper, await printSite({root: "dist", out: join(artifactsDir, `supplement-${paper}.pdf`), paper, browser: site.browser}));
  }
}, 600_000);
afterAll(async () => {
  await site?.close();
});

interface Word {
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}
interface Sheet {
  width: number;
  height: number;
  lines: {text: string; yMax: number}[];
  words: Word[];
  text: string;
}

const normalize = (text: string) => text.replace(/\s+/g, " ").trim();
const decodeEntities = (text: string) =>
  text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))).replace(/&amp;/g, "&");

/** pdftotext -bbox-layout: every sheet's lines and words with their boxes in PDF points (origin top left). */
function readSheets(pdf: string): Sheet[] {
  const xhtml = execFileSync("pdftotext", ["-bbox-layout", pdf, "-"], {encoding: "utf8", maxBuffer: 256 * 1024 * 1024});
  const attr = (tag: string, name: string) => Number(new RegExp(`${name}="([^"]+)"`).exec(tag)![1]);
  return [...xhtml.matchAll(/<page ([^>]*)>([\s\S]*?)<\/page>/g)].map(([, pageAttrs, body]) => {
    const lines = [...body!.matchAll(/<line ([^>]*)>([\s\S]*?)<\/line>/g)].map(([, lineAttrs, lineBody]) => {
      const words = [...lineBody!.matchAll(/<word ([^>]*)>([^<]*)<\/word>/g)].map(([, w, text]) => ({
        text: decodeEntities(text!),
        xMin: attr(w!, "xMin"),
        xMax: attr(w!, "xMax"),
        yMin: attr(w!, "yMin"),
        yMax: attr(w!, "yMax")
      }));
      return {text: words.map((w) => w.text).join(" "), yMax: attr(lineAttrs!, "yMax"), words};
    });
    return {
      width: attr(pageAttrs!, "width"),
      height: attr(pageAttrs!, "height"),
      lines: lines.map(({text, yMax}) => ({text, yMax})),
      words: lines.flatMap((l) => l.words),
      text: normalize(lines.map((l) => l.text).join(" "))
    };
  });
}

interface Raster {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** pdftoppm -gray: every sheet as an 8-bit grey image (PGM), `dpi` dots per inch. */
function renderSheets(pdf: string, dpi: number, dir: string): Raster[] {
  rmSync(dir, {recursive: true, force: true});
  mkdirSync(dir, {recursive: true});
  execFileSync("pdftoppm", ["-r", String(dpi), "-gray", pdf, join(dir, "sheet")]);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".pgm"))
    .sort()
    .map((f) => {
      const data = readFileSync(join(dir, f));
      // P5 <width> <height> <maxval> then one byte per pixel.
      const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 64).toString("latin1"))!;
      return {width: Number(header[1]), height: Number(header[2]), pixels: data.subarray(header[0].length)};
    });
}

const ink = (value: number) => value < 200;

function inkCount(r: Raster, x0: number, x1: number, y0: number, y1: number): number {
  let n = 0;
  for (let y = Math.max(0, y0); y < Math.min(r.height, y1); y++) {
    for (let x = Math.max(0, x0); x < Math.min(r.width, x1); x++) if (ink(r.pixels[y * r.width + x]!)) n++;
  }
  return n;
}

/** The label and the value as text of every Observable Inputs control on the page (not buttons or file pickers). */
async function inputValues(page: Page): Promise<{label: string; value: string}[]> {
  return page.$$eval("form.inputs-3a86ea", (forms) =>
    forms.flatMap((form) => {
      const label = (form.querySelector(":scope > label")?.textContent ?? "").trim();
      const select = form.querySelector("select");
      const number = form.querySelector<HTMLInputElement>("input[type=number], input[type=text]");
      const choices = [...form.querySelectorAll<HTMLInputElement>(":scope > div > label > input")];
      const toggle = form.querySelector<HTMLInputElement>(":scope > input[type=checkbox]");
      let value: string | null = null;
      if (select) value = select.selectedOptions[0]?.textContent ?? "";
      else if (number) value = number.value;
      else if (choices.length) value = choices.filter((c) => c.checked).map((c) => (c.parentElement!.textContent ?? "").trim()).join(", ") || "none";
      else if (toggle) value = toggle.checked ? "yes" : "no";
      return value === null ? [] : [{label, value: value.trim()}];
    })
  );
}

/** Text anywhere on the page that is cut: beyond the page's content box, or outside a box that hides its overflow. */
async function clippedText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pageRight = document.documentElement.clientWidth;
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? "").trim();
      if (!text) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (rects.length === 0) continue; // not displayed
      const clippers: {element: Element; rect: DOMRect}[] = [];
      let visuallyHidden = false;
      for (let el = node.parentElement; el && el !== document.body; el = el.parentElement) {
        const style = getComputedStyle(el);
        if (style.overflowX === "visible" || (el instanceof SVGElement && !(el instanceof SVGSVGElement))) continue;
        const rect = el.getBoundingClientRect();
        // A 1-px box that hides its overflow is the screen-reader-only pattern (.sr-only): hidden on purpose.
        if (rect.width <= 1 || rect.height <= 1) visuallyHidden = true;
        clippers.push({element: el, rect});
      }
      if (visuallyHidden) continue;
      for (const r of rects) {
        const where = `"${text.slice(0, 60)}" (${Math.round(r.left)}–${Math.round(r.right)} px)`;
        if (r.left < -1 || r.right > pageRight + 1) found.push(`${where} beyond the page (0–${pageRight} px)`);
        for (const {element, rect} of clippers) {
          if (r.left < rect.left - 1 || r.right > rect.right + 1) {
            found.push(`${where} cut by <${element.tagName.toLowerCase()}${element.className && typeof element.className === "string" ? ` class="${element.className}"` : ""}> (${Math.round(rect.left)}–${Math.round(rect.right)} px)`);
            break;
          }
        }
      }
    }
    return [...new Set(found)];
  });
}

/**
 * What `check` finds wrong on each printed page, beside the PDF's sheets: the page opened as the PDF was printed
 * from it (the print layout's width, every cell rendered), its problems pushed to `problems`.
 */
async function printedPageProblems(paper: Paper, {out, pages}: PrintResult,
  check: (page: Page, printed: PrintResult["pages"][number], sheets: Sheet[], problems: string[]) => Promise<void>): Promise<string[]> {
  const sheets = readSheets(out);
  const problems: string[] = [];
  for (const p of pages) {
    const context = await site.browser.newContext({viewport: {width: layoutWidthPx(paper), height: 1200}});
    await onPage(context.newPage(), async (page) => {
      await page.goto(site.origin + p.url, {waitUntil: "load"});
      await waitForCells(page);
      await check(page, p, sheets, problems);
    });
  }
  return problems;
}

describe.each(PAPER_LIST)("npm run pdf on %s", (paper) => {
  const result = () => printed.get(paper)!;

  it("prints the site's pages in the navigation's order into one PDF, every sheet numbered", () => {
    const {pages, pageCount, out} = result();
    const navigation = sitePages();
    expect(pages.map((p) => p.name), "site pages in the PDF, in order").toEqual(navigation.map((p) => p.name));
    expect(pages.map((p) => p.url)).toEqual(navigation.map((p) => (p.path === "/" ? "/" : `${p.path}.html`)));
    expect(pageCount).toBeGreaterThanOrEqual(navigation.length + 1);
    expect(pages[0]!.firstPage).toBe(2);
    pages.slice(1).forEach((p, i) => expect(p.firstPage, p.name).toBe(pages[i]!.firstPage + pages[i]!.pageCount));
    expect(pages.at(-1)!.firstPage + pages.at(-1)!.pageCount - 1).toBe(pageCount);
    const sheets = readSheets(out);
    expect(sheets).toHaveLength(pageCount);
    const size = PAPERS[paper];
    sheets.forEach((sheet, i) => {
      expect(sheet.width, `sheet ${i + 1} width (pt)`).toBeCloseTo(size.widthMm * MM_TO_PT, -0.5); // within ±1.6 pt
      expect(sheet.height, `sheet ${i + 1} height (pt)`).toBeCloseTo(size.heightMm * MM_TO_PT, -0.5);
      expect(sheet.text, `sheet ${i + 1}`).toContain(`Page ${i + 1} of ${pageCount}`);
    });
    // Each site page starts on its own sheet, which opens with the page's title.
    for (const p of pages) expect(sheets[p.firstPage - 1]!.lines[0]!.text.length, `${p.name}: first line`).toBeGreaterThan(0);
  });

  it("names the cohort's provenance on the first page, as the built site's cohort-source JSON states it", () => {
    const dir = "dist/_file/data/study";
    const file = readdirSync(dir).find((f) => /^cohort-source\.[0-9a-f]+\.json$/.test(f))!;
    const source = JSON.parse(readFileSync(join(dir, file), "utf8")) as Record<string, unknown>;
    const first = readSheets(result().out)[0]!.text;
    expect(first).toContain("Cohort provenance");
    for (const key of ["kind", "reason", "rows", "events", "nonEvents", "seed"]) {
      if (source[key] === undefined || source[key] === null) continue;
      expect(first, `provenance field ${key}`).toContain(normalize(String(source[key])));
    }
  });

  it("has no blank sheet, and no ink or word in the side margins", () => {
    const {out} = result();
    const dpi = 40;
    const rasters = renderSheets(out, dpi, join(artifactsDir, `sheets-${paper}`));
    const sheets = readSheets(out);
    expect(rasters).toHaveLength(sheets.length);
    const px = (mm: number) => Math.round((mm * dpi) / 25.4);
    const problems: string[] = [];
    rasters.forEach((r, i) => {
      const body = inkCount(r, 0, r.width, 0, r.height - px(MARGIN_MM.bottom));
      if (body < r.width * r.height * 0.002) problems.push(`sheet ${i + 1} is blank (${body} dark pixels above the footer)`);
      // 1 mm of the margin is allowed for anti-aliasing at the content box's edge.
      const left = inkCount(r, 0, px(MARGIN_MM.left - 1), 0, r.height);
      const right = inkCount(r, r.width - px(MARGIN_MM.right - 1), r.width, 0, r.height);
      if (left || right) problems.push(`sheet ${i + 1}: ${left} dark pixels in the left margin, ${right} in the right`);
    });
    const tolerance = 2; // pt: a word's box is its glyphs' advance widths, a little wider than their ink
    sheets.forEach((sheet, i) => {
      for (const w of sheet.words) {
        if (w.xMax > sheet.width - MARGIN_MM.right * MM_TO_PT + tolerance || w.xMin < MARGIN_MM.left * MM_TO_PT - tolerance) {
          problems.push(`sheet ${i + 1}: "${w.text}" at x ${w.xMin.toFixed(1)}–${w.xMax.toFixed(1)} pt lies in a margin`);
        }
      }
    });
    expect(problems).toEqual([]);
  });

  it("ends no sheet with a heading", async () => {
    const stranded = await printedPageProblems(paper, result(), async (page, p, sheets, problems) => {
      const headings = (await page.$$eval("#observablehq-main :is(h1, h2, h3, h4, h5, h6, .chart-title, caption)", (els) => els.map((e) => (e.textContent ?? "").replace(/\s+/g, " ").trim()))).filter((h) => h.length >= 4);
      for (let s = p.firstPage; s < p.firstPage + p.pageCount; s++) {
        // The sheet's last one, two or three lines (a heading may wrap), bottom first, without the stamp.
        const lines = sheets[s - 1]!.lines.filter((l) => !/^Page \d+ of \d+$/.test(l.text)).sort((a, b) => a.yMax - b.yMax);
        const endings = [1, 2, 3].map((k) => normalize(lines.slice(-k).map((l) => l.text).join(" ")));
        const heading = headings.find((h) => endings.includes(h));
        if (heading) problems.push(`sheet ${s} (${p.name}) ends with the heading "${heading}"`);
      }
    });
    expect(stranded).toEqual([]);
  });

  it("prints every control's value, the calculator's patient beside the risk, and cuts no text", async () => {
    const found = await printedPageProblems(paper, result(), async (page, p, sheets, problems) => {
      const text = normalize(sheets.slice(p.firstPage - 1, p.firstPage - 1 + p.pageCount).map((s) => s.text).join(" "));
      for (const {label, value} of await inputValues(page)) {
        if (!text.includes(normalize(`${label}: ${value}`))) problems.push(`${p.name}: "${label}: ${value}" is not in the print`);
      }
      if (p.url === "/calculator.html") {
        const risk = sheets.slice(p.firstPage - 1, p.firstPage - 1 + p.pageCount).find((s) => /predicted risk of ASD/i.test(s.text));
        const patient = normalize((await page.textContent("[data-testid=calc-patient]")) ?? "");
        if (!risk) problems.push("calculator: no sheet shows the predicted risk");
        else {
          if (!patient.startsWith("For the patient with") || !risk.text.includes(patient)) problems.push(`calculator: the risk's sheet lacks "${patient}"`);
          // one control per factor of the equation: calc-<column>-number
          const ids = await page.$$eval("input[data-testid^=calc-][data-testid$=-number]", (inputs) => inputs.map((i) => i.getAttribute("data-testid")!.replace(/-number$/, "")));
          if (ids.length === 0) problems.push("calculator: no patient controls found");
          for (const id of ids) {
            const value = await page.inputValue(`[data-testid=${id}-number]`);
            if (!risk.text.includes(value.replace("-", "−")) && !risk.text.includes(value)) problems.push(`calculator: ${id} = ${value} is not on the risk's sheet`);
          }
        }
      }
      await page.emulateMedia({media: "print"});
      await page.waitForTimeout(200);
      for (const cut of await clippedText(page)) problems.push(`${p.name}: ${cut}`);
    });
    expect(found).toEqual([]);
  });
});
