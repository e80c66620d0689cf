/**
 * The visible cue of a table wider than its column (no silent cut): every `.table-scroll` region on the page gets a
 * line above its table, pinned to the region's left edge while it scrolls ("scroll sideways for more columns →"),
 * and shadows at the edges where columns are hidden (the CSS is in ./style.ts). The cue shows only while the region
 * overflows — the class `is-overflowing`, kept current as the region or its table resizes — so a table that fits
 * shows nothing extra; at the scrolled end the line is hidden and the left shadow says there is more behind.
 *
 * Installed once per document by ensureTableStyle(), for every region, including those a page writes itself; a no-op
 * outside a browser. An equation block a page writes itself (`.equation-block`, which scrolls on a phone) is made
 * reachable by keyboard the same way, if it is not already.
 *
 * Example: enhanceScrollRegions(document) // then any <div class="table-scroll"> added later gets its cue
 */

export const SCROLL_CUE_TEXT = "Wider than the page: scroll sideways for more columns →";

function update(region: HTMLElement): void {
  const overflowing = region.scrollWidth > region.clientWidth + 1;
  region.classList.toggle("is-overflowing", overflowing);
  region.classList.toggle("is-scrolled-end", overflowing && region.scrollLeft + region.clientWidth >= region.scrollWidth - 1);
}

/** Adds the cue to one region (once) and keeps its overflow classes current. */
export function attachScrollCue(region: HTMLElement, observer: ResizeObserver): void {
  if (region.querySelector(":scope > .table-scroll-cue")) return;
  const cue = region.ownerDocument.createElement("div");
  cue.className = "table-scroll-cue";
  cue.setAttribute("data-testid", "table-scroll-cue");
  cue.textContent = SCROLL_CUE_TEXT;
  region.prepend(cue);
  observer.observe(region);
  for (const child of Array.from(region.children)) observer.observe(child);
  region.addEventListener("scroll", () => update(region), {passive: true});
  // No update(region) here: reading scrollWidth now would lay out the whole page once per region added (a results
  // page adds a dozen at once); the observer's first report, after the browser's own layout, sets the classes.
}

/** A region that may scroll is reachable by keyboard (WCAG 2.1.1) and says what it is. */
function focusableRegion(el: HTMLElement, label: string): void {
  if (el.hasAttribute("tabindex")) return;
  el.tabIndex = 0;
  if (!el.hasAttribute("role")) el.setAttribute("role", "region");
  if (!el.hasAttribute("aria-label")) el.setAttribute("aria-label", label);
}

let installed = false;

/** Watches the document for `.table-scroll` regions and gives each its cue (idempotent). */
export function enhanceScrollRegions(doc: Document): void {
  if (installed || typeof ResizeObserver === "undefined" || typeof MutationObserver === "undefined" || !doc.body) return;
  installed = true;
  const observer = new ResizeObserver((entries) => {
    for (const entry of entries) {
      const target = entry.target as HTMLElement;
      const region = target.classList.contains("table-scroll") ? target : target.parentElement;
      if (region?.classList.contains("table-scroll")) update(region);
    }
  });
  const scan = (root: ParentNode) => {
    for (const region of Array.from(root.querySelectorAll<HTMLElement>(".table-scroll"))) attachScrollCue(region, observer);
    for (const block of Array.from(root.querySelectorAll<HTMLElement>(".equation-block"))) focusableRegion(block, "Equation, scrollable");
  };
  scan(doc);
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of Array.from(record.addedNodes)) {
        if (!(node instanceof HTMLElement)) continue;
        if (node.classList.contains("table-scroll")) attachScrollCue(node, observer);
        else if (node.classList.contains("equation-block")) focusableRegion(node, "Equation, scrollable");
        else scan(node);
      }
    }
  }).observe(doc.body, {childList: true, subtree: true});
}
