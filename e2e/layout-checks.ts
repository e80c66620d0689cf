/**
 * Layout checks for browser tests, run inside a Playwright page: overlapping text in charts (SVG <text>) and
 * tables, marks outside a chart's frame, text cut off in a table cell without a cue, marks whose colour is too
 * close to the page's background (dark mode drawing black on near-black), and horizontal scrolling. Each check
 * returns findings (plain data, with a short CSS path to the element) rather than failing, so a test can report
 * them, or assert on them once the pages are fixed.
 *
 * auditLayout(page, {width, colorScheme}) sets the viewport and `prefers-color-scheme` and runs them all.
 *
 * Example: const report = await auditLayout(page, {width: 390, colorScheme: "dark"}); report.overlappingText.length
 */
import type {Page} from "playwright-core";

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TextOverlap {
  /** The chart or table the two texts are in (a short CSS path). */
  container: string;
  a: string;
  b: string;
  /** Overlap area in px². */
  area: number;
}

export interface OutsideMark {
  chart: string;
  element: string;
  /** How far outside the frame, px (the largest of the four sides). */
  by: number;
  text?: string;
}

export interface CutCell {
  table: string;
  cell: string;
  text: string;
  /** Content width beyond the cell's box, px. */
  hiddenPx: number;
}

export interface LowContrastMark {
  chart: string;
  element: string;
  color: string;
  background: string;
  ratio: number;
}

export interface HorizontalOverflow {
  /** document scroll width − viewport width, px (> 0: the page scrolls sideways). */
  overflowPx: number;
  /** Elements reaching beyond the viewport's right edge that are not inside a horizontally scrollable box. */
  offenders: {element: string; right: number}[];
  /** Boxes that scroll horizontally (a wide table in a scroll container): fine, but worth knowing. */
  scrollers: {element: string; scrollWidth: number; clientWidth: number}[];
}

export interface LayoutReport {
  width: number;
  colorScheme: "light" | "dark";
  overlappingText: TextOverlap[];
  outsideFrame: OutsideMark[];
  textOnLines: TextOnLine[];
  cutCells: CutCell[];
  lowContrast: LowContrastMark[];
  /** Pure white or black marks on a background that is neither (colours hard-coded for the other theme). */
  themeMismatch: LowContrastMark[];
  horizontal: HorizontalOverflow;
}

/** Charts the checks look at: the site's figures, and any other SVG wider than 100 px. */
const CHART_SELECTOR = "svg";

// The functions below run in the page (page.evaluate), so each is self-contained.

/** Pairs of overlapping text boxes inside each SVG chart and each table. */
export async function overlappingText(page: Page, {minArea = 4}: {minArea?: number} = {}): Promise<TextOverlap[]> {
  return page.evaluate(({minArea, selector}) => {
    const path = (el: Element): string => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && parts.length < 4 && e !== document.body; e = e.parentElement) {
        const id = e.id ? `#${e.id}` : "";
        const testId = e.getAttribute("data-testid");
        parts.unshift(`${e.tagName.toLowerCase()}${id}${testId ? `[data-testid="${testId}"]` : ""}`);
        if (id || testId) break;
      }
      return parts.join(" > ");
    };
    const visible = (el: Element) => {
      const style = getComputedStyle(el);
      return style.visibility !== "hidden" && style.display !== "none" && Number(style.opacity) > 0;
    };
    // Text a reader cannot see: inside a closed <details> (content-visibility hidden, whose boxes are stale) or a
    // visually hidden element for screen readers (clipped to a 1 px box).
    const drawn = (el: Element | null): boolean => {
      if (!el) return false;
      if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) return false;
      for (let e: Element | null = el; e && e !== document.body; e = e.parentElement) {
        const style = getComputedStyle(e);
        const box = e.getBoundingClientRect();
        if (style.overflow === "hidden" && box.width <= 1 && box.height <= 1) return false;
        if (style.clip !== "auto" && style.position === "absolute") return false;
      }
      return true;
    };
    const overlaps: {container: string; a: string; b: string; area: number}[] = [];
    const check = (container: Element, items: {label: string; box: DOMRect}[]) => {
      for (let i = 0; i < items.length; i++) {
        for (let j = i + 1; j < items.length; j++) {
          const a = items[i]!.box;
          const b = items[j]!.box;
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (w > 0.5 && h > 0.5 && w * h >= minArea) overlaps.push({container: path(container), a: items[i]!.label, b: items[j]!.label, area: Math.round(w * h)});
        }
      }
    };
    for (const svg of Array.from(document.querySelectorAll(selector))) {
      if (svg.getBoundingClientRect().width <= 100 || svg.parentElement?.closest("svg")) continue;
      const texts = Array.from(svg.querySelectorAll("text"))
        .filter((t) => (t.textContent ?? "").trim() !== "" && visible(t) && drawn(t))
        .flatMap((t) => {
          // A multi-line label is several tspans: each line is its own box.
          const lines = Array.from(t.querySelectorAll("tspan")).filter((s) => (s.textContent ?? "").trim() !== "");
          const parts = lines.length > 1 ? lines : [t];
          return parts.map((p) => ({label: JSON.stringify((p.textContent ?? "").trim().slice(0, 40)), box: p.getBoundingClientRect()}));
        })
        .filter((d) => d.box.width > 0 && d.box.height > 0);
      check(svg, texts);
    }
    for (const table of Array.from(document.querySelectorAll("table"))) {
      const items: {label: string; box: DOMRect; cell: number}[] = [];
      Array.from(table.querySelectorAll("th, td")).forEach((cell, k) => {
        if (!visible(cell)) return;
        // Text boxes of the cell's text nodes (each line of each), as drawn.
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        const label = `${cell.tagName.toLowerCase()} ${JSON.stringify((cell.textContent ?? "").trim().slice(0, 30))}`;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if ((node.textContent ?? "").trim() === "" || !drawn(node.parentElement)) continue;
          const range = document.createRange();
          range.selectNodeContents(node);
          for (const box of Array.from(range.getClientRects())) if (box.width > 0 && box.height > 0) items.push({label, box, cell: k});
        }
      });
      for (let i = 0; i < items.length; i++) {
        for (let j = i + 1; j < items.length; j++) {
          // Boxes of one cell may touch each other; only text of different cells counts.
          if (items[i]!.cell === items[j]!.cell) continue;
          const a = items[i]!.box;
          const b = items[j]!.box;
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (w > 0.5 && h > 0.5 && w * h >= minArea) overlaps.push({container: path(table), a: items[i]!.label, b: items[j]!.label, area: Math.round(w * h)});
        }
      }
    }
    return overlaps;
  }, {minArea, selector: CHART_SELECTOR});
}

/** Marks (and labels) of each chart that reach outside the chart's own box by more than `tolerancePx`. */
export async function marksOutsideFrame(page: Page, {tolerancePx = 1}: {tolerancePx?: number} = {}): Promise<OutsideMark[]> {
  return page.evaluate(({tolerancePx, selector}) => {
    const describe = (el: Element) => {
      const cls = el.getAttribute("class");
      return `${el.tagName.toLowerCase()}${cls ? `.${cls.split(/\s+/)[0]}` : ""}`;
    };
    const chartName = (svg: Element) => {
      const figure = svg.closest("figure");
      const title = figure?.querySelector(".chart-title")?.textContent?.trim();
      return title ? `figure "${title}"` : describe(svg);
    };
    const out: {chart: string; element: string; by: number; text?: string}[] = [];
    for (const svg of Array.from(document.querySelectorAll(selector))) {
      const frame = svg.getBoundingClientRect();
      if (frame.width <= 100 || svg.parentElement?.closest("svg")) continue;
      for (const el of Array.from(svg.querySelectorAll("path, line, circle, rect, polygon, polyline, text, use, image"))) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;
        const by = Math.max(frame.left - box.left, box.right - frame.right, frame.top - box.top, box.bottom - frame.bottom);
        if (by > tolerancePx) {
          const text = el.tagName.toLowerCase() === "text" ? (el.textContent ?? "").trim().slice(0, 40) : undefined;
          out.push({chart: chartName(svg), element: describe(el), by: Math.round(by), ...(text ? {text} : {})});
        }
      }
    }
    return out;
  }, {tolerancePx, selector: CHART_SELECTOR});
}

export interface TextOnLine {
  chart: string;
  text: string;
  /** How many sampled points of the curve fall inside the text's box. */
  points: number;
}

/**
 * Labels drawn on top of a chart's curves (a legend sitting on the ROC curves): each curve (the paths matched by
 * `lineSelector`, default the charts' `chart-curve` marks) is sampled every 2 px and every <text> box holding a
 * sample point is reported.
 */
export async function textOverLines(page: Page, {lineSelector = ".chart-curve path, path.chart-curve"}: {lineSelector?: string} = {}): Promise<TextOnLine[]> {
  return page.evaluate(({lineSelector, selector}) => {
    const found: {chart: string; text: string; points: number}[] = [];
    for (const svg of Array.from(document.querySelectorAll<SVGSVGElement>(selector))) {
      if (svg.getBoundingClientRect().width <= 100 || svg.parentElement?.closest("svg")) continue;
      const chart = svg.closest("figure")?.querySelector(".chart-title")?.textContent?.trim() ?? "svg";
      const samples: {x: number; y: number}[] = [];
      for (const path of Array.from(svg.querySelectorAll<SVGPathElement>(lineSelector))) {
        const matrix = path.getScreenCTM();
        if (!matrix) continue;
        const length = path.getTotalLength();
        for (let l = 0; l <= length; l += 2) {
          const p = path.getPointAtLength(l);
          samples.push({x: matrix.a * p.x + matrix.c * p.y + matrix.e, y: matrix.b * p.x + matrix.d * p.y + matrix.f});
        }
      }
      if (!samples.length) continue;
      for (const text of Array.from(svg.querySelectorAll("text"))) {
        const label = (text.textContent ?? "").trim();
        if (!label) continue;
        const box = text.getBoundingClientRect();
        const inside = samples.filter((q) => q.x > box.left + 1 && q.x < box.right - 1 && q.y > box.top + 1 && q.y < box.bottom - 1).length;
        if (inside) found.push({chart, text: label.slice(0, 40), points: inside});
      }
    }
    return found;
  }, {lineSelector, selector: CHART_SELECTOR});
}

/** Table cells whose text is wider than the cell and hidden (overflow hidden/clip, or ellipsis), with no title. */
export async function cutTableCells(page: Page): Promise<CutCell[]> {
  return page.evaluate(() => {
    const cut: {table: string; cell: string; text: string; hiddenPx: number}[] = [];
    document.querySelectorAll("table").forEach((table, t) => {
      for (const cell of Array.from(table.querySelectorAll<HTMLElement>("th, td"))) {
        const style = getComputedStyle(cell);
        const hidden = style.overflowX === "hidden" || style.overflowX === "clip" || style.textOverflow === "ellipsis";
        const extra = cell.scrollWidth - cell.clientWidth;
        if (hidden && extra > 1 && !cell.title) {
          cut.push({table: `table #${t + 1}`, cell: cell.tagName.toLowerCase(), text: (cell.textContent ?? "").trim().slice(0, 40), hiddenPx: extra});
        }
      }
    });
    return cut;
  });
}

/**
 * Chart marks whose stroke or fill has a contrast ratio below `minRatio` against the page background (WCAG 2.1
 * relative luminance; 3:1 is 1.4.11's bar for graphics). Transparent and "none" paints are skipped, and so are
 * marks drawn at an opacity below 0.3 (grid lines and bands, meant to be faint).
 */
export async function lowContrastMarks(page: Page, {minRatio = 3}: {minRatio?: number} = {}): Promise<LowContrastMark[]> {
  return page.evaluate(({minRatio, selector}) => {
    const parse = (c: string): [number, number, number, number] | null => {
      // color-mix() and other modern colours compute to color(srgb r g b / a) with channels in 0–1.
      const srgb = /color\(srgb\s+([^)]+)\)/.exec(c);
      if (srgb) {
        const parts = srgb[1]!.split(/[\s/]+/).filter(Boolean).map(Number);
        return [parts[0]! * 255, parts[1]! * 255, parts[2]! * 255, parts[3] ?? 1];
      }
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) return null;
      const parts = m[1]!.split(/[\s,/]+/).filter(Boolean).map(Number);
      return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
    };
    const luminance = ([r, g, b]: [number, number, number, number]) => {
      const lin = (v: number) => {
        const s = v / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const ratio = (a: [number, number, number, number], b: [number, number, number, number]) => {
      const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return (l1 + 0.05) / (l2 + 0.05);
    };
    // Resolve a paint (which may be currentColor or a CSS variable) to rgb through a probe element.
    const probe = document.createElement("span");
    document.body.append(probe);
    const resolve = (value: string, context: Element): string => {
      if (value === "currentColor" || value === "currentcolor") return getComputedStyle(context).color;
      probe.style.color = "";
      probe.style.color = value;
      return getComputedStyle(probe).color;
    };
    // The theme's background (Framework's --theme-background), else the body's or the root's, else white.
    let background = parse(resolve("var(--theme-background)", document.body));
    if (!background || background[3] === 0) background = parse(getComputedStyle(document.body).backgroundColor);
    if (!background || background[3] === 0) background = parse(getComputedStyle(document.documentElement).backgroundColor);
    if (!background || background[3] === 0) background = [255, 255, 255, 1];
    const bgText = `rgb(${background.slice(0, 3).map(Math.round).join(", ")})`;
    const describe = (el: Element) => {
      const cls = el.getAttribute("class");
      return `${el.tagName.toLowerCase()}${cls ? `.${cls.split(/\s+/)[0]}` : ""}`;
    };
    const found = new Map<string, {chart: string; element: string; color: string; background: string; ratio: number}>();
    for (const svg of Array.from(document.querySelectorAll(selector))) {
      if (svg.getBoundingClientRect().width <= 100 || svg.parentElement?.closest("svg")) continue;
      const figure = svg.closest("figure");
      const chart = figure?.querySelector(".chart-title")?.textContent?.trim() ?? describe(svg);
      for (const el of Array.from(svg.querySelectorAll("path, line, circle, polygon, polyline, text"))) {
        const style = getComputedStyle(el);
        let opacity = Number(style.opacity);
        for (let p = el.parentElement; p && p !== svg.parentElement; p = p.parentElement) opacity *= Number(getComputedStyle(p).opacity);
        if (opacity < 0.3) continue;
        const isText = el.tagName.toLowerCase() === "text";
        for (const [paint, paintOpacity] of [[style.stroke, Number(style.strokeOpacity)], [style.fill, Number(style.fillOpacity)]] as const) {
          if (!paint || paint === "none" || paintOpacity * opacity < 0.3) continue;
          // Text draws its fill; its stroke is a halo in the background colour.
          if (isText && paint === style.stroke) continue;
          const rgb = parse(resolve(paint, el));
          if (!rgb || rgb[3] < 0.3) continue;
          // A paint in the background's own colour is a halo around a mark or a hollow marker's fill, on purpose
          // (a hard-coded white or black in the wrong theme is themeMismatchedPaints' finding).
          if (rgb.slice(0, 3).every((v, i) => Math.abs(v - background![i]!) <= 2)) continue;
          const r = ratio(rgb, background);
          if (r < minRatio) {
            const color = `rgb(${rgb.slice(0, 3).map(Math.round).join(", ")})`;
            const key = `${chart}|${describe(el)}|${color}`;
            if (!found.has(key)) found.set(key, {chart, element: describe(el), color, background: bgText, ratio: Math.round(r * 100) / 100});
          }
        }
      }
    }
    probe.remove();
    return [...found.values()];
  }, {minRatio, selector: CHART_SELECTOR});
}

/**
 * Chart marks painted pure white or pure black while the page's background is neither — colours hard-coded for
 * one theme (white halos on the dark theme, black curves on it). Returns one finding per chart, element and colour.
 */
export async function themeMismatchedPaints(page: Page): Promise<LowContrastMark[]> {
  return page.evaluate((selector) => {
    const probe = document.createElement("span");
    document.body.append(probe);
    probe.style.color = "var(--theme-background, white)";
    const bg = getComputedStyle(probe).color;
    probe.remove();
    const channels = (c: string): number[] => {
      const srgb = /color\(srgb\s+([^)]+)\)/.exec(c);
      if (srgb) return srgb[1]!.split(/[\s/]+/).filter(Boolean).slice(0, 3).map((v) => Math.round(Number(v) * 255));
      const m = /rgba?\(([^)]+)\)/.exec(c);
      return m ? m[1]!.split(/[\s,/]+/).filter(Boolean).slice(0, 3).map(Number) : [];
    };
    const background = channels(bg);
    const pure = (rgb: number[]) => rgb.length === 3 && (rgb.every((v) => v === 255) || rgb.every((v) => v === 0));
    if (pure(background)) return [];
    const found = new Map<string, {chart: string; element: string; color: string; background: string; ratio: number}>();
    for (const svg of Array.from(document.querySelectorAll(selector))) {
      if (svg.getBoundingClientRect().width <= 100 || svg.parentElement?.closest("svg")) continue;
      const chart = svg.closest("figure")?.querySelector(".chart-title")?.textContent?.trim() ?? "svg";
      for (const el of Array.from(svg.querySelectorAll("path, line, circle, rect, polygon, polyline, text"))) {
        const style = getComputedStyle(el);
        for (const paint of [style.stroke, style.fill]) {
          if (!paint || paint === "none") continue;
          const rgb = channels(paint);
          if (!pure(rgb)) continue;
          const color = `rgb(${rgb.join(", ")})`;
          const key = `${chart}|${el.tagName}|${color}`;
          if (!found.has(key)) found.set(key, {chart, element: el.tagName.toLowerCase(), color, background: `rgb(${background.join(", ")})`, ratio: NaN});
        }
      }
    }
    return [...found.values()];
  }, CHART_SELECTOR);
}

/** Whether the page scrolls sideways, which elements stick out, and which boxes scroll on their own. */
export async function horizontalOverflow(page: Page): Promise<HorizontalOverflow> {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const describe = (el: Element) => {
      const id = el.id ? `#${el.id}` : "";
      const cls = el.getAttribute("class");
      const testId = el.getAttribute("data-testid");
      return `${el.tagName.toLowerCase()}${id}${cls && !id ? `.${cls.split(/\s+/)[0]}` : ""}${testId ? `[data-testid="${testId}"]` : ""}`;
    };
    const scrollers: {element: string; scrollWidth: number; clientWidth: number}[] = [];
    const scrolls = (el: Element) => {
      const o = getComputedStyle(el).overflowX;
      return (o === "auto" || o === "scroll") && el.scrollWidth > el.clientWidth + 1;
    };
    const offenders: {element: string; right: number}[] = [];
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      if (scrolls(el)) scrollers.push({element: describe(el), scrollWidth: el.scrollWidth, clientWidth: el.clientWidth});
      const box = el.getBoundingClientRect();
      if (box.right <= viewport + 1 || box.width === 0) continue;
      let inside = false;
      for (let p = el.parentElement; p; p = p.parentElement) if (scrolls(p) || getComputedStyle(p).overflowX === "hidden") inside = true;
      // Report the outermost offender only.
      if (!inside && !(el.parentElement && el.parentElement.getBoundingClientRect().right > viewport + 1 && el.parentElement !== document.body)) {
        offenders.push({element: describe(el), right: Math.round(box.right)});
      }
    }
    return {overflowPx: document.documentElement.scrollWidth - viewport, offenders: offenders.slice(0, 20), scrollers};
  });
}

/** Sets the viewport width and colour scheme, then runs every check. */
export async function auditLayout(page: Page, {width, height = 900, colorScheme = "light"}: {width: number; height?: number; colorScheme?: "light" | "dark"}): Promise<LayoutReport> {
  await page.setViewportSize({width, height});
  await page.emulateMedia({colorScheme});
  // Framework re-renders width-dependent cells on resize: let them settle.
  await page.waitForTimeout(300);
  await page.waitForFunction(() => document.querySelectorAll("observablehq-loading").length === 0);
  return {
    width,
    colorScheme,
    overlappingText: await overlappingText(page),
    outsideFrame: await marksOutsideFrame(page),
    textOnLines: await textOverLines(page),
    cutCells: await cutTableCells(page),
    lowContrast: await lowContrastMarks(page),
    themeMismatch: await themeMismatchedPaints(page),
    horizontal: await horizontalOverflow(page)
  };
}
