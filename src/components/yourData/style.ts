/**
 * Styles of the "Your own cohort" page, injected once (the site stylesheet, src/style.css, is shared and owned
 * elsewhere): a visible drop zone with a focus ring, the choices form in a readable grid, error and warning colours
 * with WCAG AA contrast in both themes.
 */
const CSS = `
.your-data-dropzone { border: 2px dashed var(--theme-foreground-muted, #888); border-radius: 8px; padding: 1rem 1.25rem; margin: 1rem 0; max-width: 640px; }
.your-data-dropzone.dragging { border-color: #0072B2; background: color-mix(in srgb, #0072B2 8%, transparent); }
.your-data-dropzone:focus-within { outline: 2px solid var(--theme-foreground-focus, #3b5fc0); outline-offset: 2px; }
.your-data-dropzone-label { display: block; font-weight: 600; margin-bottom: 0.5rem; }
.your-data-hint { font-size: 0.85rem; color: var(--theme-foreground-alt, #444); margin: 0.4rem 0 0; max-width: 640px; }
.your-data-filename { margin: 0.25rem 0 0; font-size: 0.9rem; }
.your-data-status { min-height: 1.5rem; margin: 0.5rem 0; }
.your-data-progress { margin: 0.5rem 0; display: flex; gap: 0.5rem; align-items: center; }
.your-data-progress progress { width: min(320px, 60vw); }
.your-data-error:not(:empty) { border-left: 4px solid #b3261e; background: color-mix(in srgb, #b3261e 8%, transparent); padding: 0.5rem 1rem; margin: 0.75rem 0; max-width: 720px; }
.your-data-error p { margin: 0.25rem 0; }
.your-data-choices { display: grid; gap: 0.75rem; max-width: 720px; margin: 1rem 0; }
.your-data-field { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: baseline; }
.your-data-field > label { font-weight: 600; min-width: 12rem; }
.your-data-check > label { font-weight: normal; min-width: 0; }
.your-data-predictors { border: 1px solid var(--theme-foreground-faint, #ccc); border-radius: 6px; padding: 0.5rem 0.75rem; }
.your-data-predictors legend { font-weight: 600; padding: 0 0.25rem; }
.your-data-predictor-list { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: 0.25rem 1rem; margin-top: 0.5rem; }
.your-data-predictor-list label { overflow-wrap: anywhere; }
.your-data-kind { color: var(--theme-foreground-alt, #444); font-size: 0.85em; }
.your-data-bulk, .your-data-actions { display: flex; gap: 0.5rem; flex-wrap: wrap; }
.your-data-actions button[type=submit] { font-weight: 600; }
.your-data-app button { font: inherit; padding: 0.2rem 0.7rem; cursor: pointer; }
.your-data-app button:disabled { cursor: not-allowed; }
.your-data-warning-row th, .your-data-warning-row td { color: #b3261e; }
.your-data-warnings { border-left: 4px solid #e69f00; padding: 0.5rem 1rem 0.5rem 2rem; max-width: 720px; background: color-mix(in srgb, #e69f00 10%, transparent); }
.your-data-section { margin-top: 2rem; }
.your-data-table-footer { margin: -0.5rem 0 1rem; }
.your-data-download { font-size: 0.85rem !important; }
.your-data-explorer-controls { display: grid; gap: 0.5rem; max-width: 720px; margin: 1rem 0; }
.your-data-explorer-controls input[type=range] { width: min(360px, 60vw); }
.your-data-explorer-controls input[type=number] { width: 8rem; }
table.your-data-rows td { max-width: 14rem; overflow: hidden; text-overflow: ellipsis; }
.your-data-format { border-left: 4px solid var(--theme-foreground-faint, #ccc); padding: 0.25rem 0.75rem; margin: 0.75rem 0; max-width: 720px; }
.your-data-format .your-data-field { display: inline-flex; margin-right: 0.75rem; }
.your-data-format .your-data-field > label { min-width: 0; font-weight: normal; }
.your-data-mode { max-width: 720px; margin: 1rem 0; }
.your-data-link-note:not(:empty) { border-left: 4px solid #0072B2; padding: 0.4rem 0.8rem; margin: 0.75rem 0; max-width: 720px; }
.your-data-link-note:empty { display: none; }
.your-data-equation-text { width: 100%; font-family: var(--monospace, monospace); font-size: 0.85rem; }
.your-data-warning-cell, .your-data-warning-text { color: #b3261e; }
.your-data-findings dt { margin-top: 0.6rem; }
.your-data-findings dt[data-verdict=problem] strong { color: #b3261e; }
.your-data-findings dd { margin: 0.2rem 0 0 1rem; max-width: 720px; }
@media (prefers-color-scheme: dark) { .your-data-warning-cell, .your-data-warning-text, .your-data-findings dt[data-verdict=problem] strong { color: #ff8a80; } }
`;

export function ensureYourDataStyle(): void {
  if (typeof document === "undefined" || document.getElementById("your-data-style")) return;
  const style = document.createElement("style");
  style.id = "your-data-style";
  style.textContent = CSS;
  document.head.append(style);
}
