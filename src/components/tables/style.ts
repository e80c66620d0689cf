/**
 * Styles for the study's statistical tables, injected once per document (the site stylesheet, src/style.css, is
 * shared and owned elsewhere): tables may be wider than the prose column, scroll sideways on a phone rather than
 * wrap numbers across lines, and keep figures in tabular digits.
 */
import {enhanceScrollRegions} from "./scroll-cue.js";

const CSS = `
.table-scroll { overflow-x: auto; max-width: 100%; margin: 1rem 0; }
.table-scroll-cue { position: sticky; left: 0; width: max-content; max-width: 100%; font-size: 0.8rem; color: var(--theme-foreground-alt); padding: 0.1rem 0; display: none; }
.table-scroll.is-overflowing > .table-scroll-cue { display: block; }
.table-scroll.is-overflowing.is-scrolled-end > .table-scroll-cue { visibility: hidden; }
/* Shadows at an edge with hidden columns (the "local" covers hide each shadow at its scrolled end). */
.table-scroll.is-overflowing {
  background:
    linear-gradient(to right, var(--theme-background, white) 30%, transparent) left / 2rem 100% no-repeat local,
    linear-gradient(to left, var(--theme-background, white) 30%, transparent) right / 2rem 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, color-mix(in srgb, currentColor 30%, transparent), transparent) left / 0.9rem 100% no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, color-mix(in srgb, currentColor 30%, transparent), transparent) right / 0.9rem 100% no-repeat scroll;
}
@media print { .table-scroll-cue { display: none !important; } .table-scroll.is-overflowing { background: none; } }
.table-scroll:focus-visible { outline: 2px solid var(--theme-foreground-focus, #3b5fc0); }
table.stats { max-width: none; font-variant-numeric: tabular-nums; border-collapse: collapse; }
table.stats caption { text-align: left; caption-side: top; font-size: 0.85rem; color: var(--theme-foreground); padding-bottom: 0.25rem; max-width: 640px; }
table.stats td { white-space: nowrap; }
table.stats td, table.stats th { padding-right: 0.9rem; }
table.stats th[scope="row"] { text-align: left; min-width: 9rem; }
table.stats thead th { vertical-align: bottom; }
table.confusion-matrix td { text-align: right; min-width: 3.5rem; }
.calc-result { max-width: 640px; font-size: 1rem; line-height: 1.6; }
.calc-headline { font-size: 1.25rem; }
.calc-headline strong { font-size: 1.6rem; }
`;

export function ensureTableStyle(): void {
  if (typeof document === "undefined" || document.getElementById("study-table-style")) return;
  const style = document.createElement("style");
  style.id = "study-table-style";
  style.textContent = CSS;
  document.head.append(style);
  enhanceScrollRegions(document);
}
