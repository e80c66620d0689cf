/**
 * Plot labels its mark groups with aria-label ("frame", "rule", "x-axis tick") on <g> and <rect> elements that
 * have no role, which axe reports as prohibited ARIA (serious). The chart as a whole is one image with a text
 * alternative (chartFigure), so the inner labels are dropped and the marks hidden from assistive technology.
 */
export function flattenChartAria<T extends Element>(chart: T): T {
  for (const el of Array.from(chart.querySelectorAll("[aria-label], [aria-description]"))) {
    if (el === chart) continue;
    el.removeAttribute("aria-label");
    el.removeAttribute("aria-description");
  }
  return chart;
}
