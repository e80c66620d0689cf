/**
 * The mark beside a recomputed figure: ✓ where it prints as the published one (../stats/printed.ts), ✗ where it
 * does not, nothing where there is nothing to compare; with an accessible name and a tooltip that say so.
 *
 * Example: td.append(verdictMark(printsAs(x, figure).matches))
 */
export function verdictMark(ok: boolean | null | undefined): HTMLSpanElement {
  const span = document.createElement("span");
  if (ok == null) return span;
  span.className = ok ? "match" : "mismatch";
  span.textContent = ok ? " ✓" : " ✗";
  span.setAttribute("aria-label", ok ? "matches the published value" : "differs from the published value");
  span.setAttribute("title", ok ? "matches the published value at its printed precision" : "differs from the published value at its printed precision");
  return span;
}
