/**
 * Number formatting shared by pages, tables and charts, so a figure reads the same everywhere.
 * Conventions follow clinical journals: p-values to three decimals with "<0.001" below that,
 * estimates with a fixed number of decimals, CIs as "lower–upper".
 */

/** "0.044", "<0.001"; NaN or null → "—". */
export function formatP(p: number | null | undefined, decimals = 3): string {
  if (p == null || !Number.isFinite(p)) return "—";
  const floor = 10 ** -decimals;
  if (p < floor) return `<${floor.toFixed(decimals)}`;
  if (p > 1 - floor && p <= 1) return `>${(1 - floor).toFixed(decimals)}`;
  return p.toFixed(decimals);
}

/** Fixed decimals with a true minus sign; non-finite → "—". */
export function formatNumber(x: number | null | undefined, decimals = 3): string {
  if (x == null || !Number.isFinite(x)) return "—";
  const text = Math.abs(x).toFixed(decimals);
  return x < 0 && Number(text) !== 0 ? `−${text}` : text;
}

/** "2.65 (1.03–6.84)". */
export function formatEstimateCi(estimate: number | null | undefined, lower: number | null | undefined, upper: number | null | undefined, decimals = 3): string {
  return `${formatNumber(estimate, decimals)} (${formatNumber(lower, decimals)}–${formatNumber(upper, decimals)})`;
}

/** 0.1543 → "15.4%". */
export function formatPercent(fraction: number | null | undefined, decimals = 1): string {
  if (fraction == null || !Number.isFinite(fraction)) return "—";
  return `${(fraction * 100).toFixed(decimals)}%`;
}

/** "73.0 ± 6.6". */
export function formatMeanSd(mean: number, sd: number, decimals = 1): string {
  return `${formatNumber(mean, decimals)} ± ${formatNumber(sd, decimals)}`;
}
