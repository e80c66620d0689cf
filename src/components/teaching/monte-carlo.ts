/**
 * Monte-Carlo figures to the digits their Monte-Carlo error supports (house style 11): a figure is rounded to the
 * decimal place of its standard error's first significant digit — SE 0.0123 → two decimals, SE 0.0004 → four — and a
 * proportion of B studies, whose SE is √(p(1 − p)/B), is written as a percentage to those digits with its count
 * ("41% (412 of 1,000)"), the count being exact. Non-finite numbers are written as what they are: "+∞", "−∞",
 * "not defined" (NaN), never as a blank.
 *
 * Pure, no DOM. @example formatMcPercent(412, 1000) // "41% (412 of 1,000)"
 */

/** Decimals that a standard error supports (its first significant digit's place), clamped to [0, max]. */
export function mcDecimals(se: number, {fallback = 3, max = 6}: {fallback?: number; max?: number} = {}): number {
  if (!(Number.isFinite(se) && se > 0)) return fallback;
  return Math.min(max, Math.max(0, -Math.floor(Math.log10(se))));
}

/** A number to `decimals`, with a true minus sign; ±∞ and NaN said as such. */
export function formatValue(x: number, decimals: number): string {
  if (Number.isNaN(x)) return "not defined";
  if (x === Infinity) return "+∞";
  if (x === -Infinity) return "−∞";
  const text = Math.abs(x).toFixed(decimals);
  return x < 0 && Number(text) !== 0 ? `−${text}` : text;
}

/** A Monte-Carlo estimate to the digits of its standard error. */
export function formatMc(value: number, se: number, options: {fallback?: number; max?: number} = {}): string {
  return formatValue(value, mcDecimals(se, options));
}

/** The percentage's decimals for count of total (0 when the count is 0 or all). */
export function mcPercentDecimals(count: number, total: number): number {
  if (!(total > 0)) return 0;
  const p = count / total;
  return Math.max(0, mcDecimals(100 * Math.sqrt((p * (1 - p)) / total), {fallback: 0, max: 4}));
}

/** "41%" for 412 of 1,000 (the digits its binomial SE supports). */
export function formatMcShare(count: number, total: number): string {
  if (!(total > 0)) return "not defined";
  return `${((100 * count) / total).toFixed(mcPercentDecimals(count, total))}%`;
}

/** "41% (412 of 1,000)". */
export function formatMcPercent(count: number, total: number): string {
  return `${formatMcShare(count, total)} (${count.toLocaleString("en-US")} of ${total.toLocaleString("en-US")})`;
}
