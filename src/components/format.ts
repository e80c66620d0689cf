/**
 * Number formatting shared by pages, tables and charts, so a figure reads the same everywhere.
 * Conventions follow clinical journals: p-values to three decimals with "<0.001" below that,
 * estimates with a fixed number of decimals, CIs as "lower–upper".
 *
 * Values that are not finite numbers are three different answers and one absence, and each reads differently:
 *
 * | value              | text  | meaning                                                        |
 * | ------------------ | ----- | -------------------------------------------------------------- |
 * | null or undefined  | "—"   | not reported (not computed, or not applicable)                 |
 * | +Infinity          | "∞"   | the number is +∞ (e.g. an odds ratio with a zero cell)         |
 * | −Infinity          | "−∞"  | the number is −∞ (e.g. a threshold below every value)          |
 * | NaN                | "n/a" | computed, but not a number (0/0: e.g. a t-test of all zeros)   |
 *
 * Every formatter below follows the table (formatPercent writes "∞%" and "−∞%"); the minus is U+2212, as for
 * finite negatives.
 */

/** The text of a value that is not a finite number (see the module comment), or undefined for a finite one. */
export function formatNonFinite(x: number | null | undefined): string | undefined {
  if (x == null) return "—";
  if (Number.isNaN(x)) return "n/a";
  if (x === Infinity) return "∞";
  if (x === -Infinity) return "−∞";
  return undefined;
}

/** "0.044", "<0.001"; null → "—", NaN → "n/a", ±∞ → "∞"/"−∞". */
export function formatP(p: number | null | undefined, decimals = 3): string {
  const special = formatNonFinite(p);
  if (special !== undefined) return special;
  const value = p as number;
  const floor = 10 ** -decimals;
  if (value < floor) return `<${floor.toFixed(decimals)}`;
  if (value > 1 - floor && value <= 1) return `>${(1 - floor).toFixed(decimals)}`;
  return value.toFixed(decimals);
}

/** Fixed decimals with a true minus sign; null → "—", NaN → "n/a", ±∞ → "∞"/"−∞". */
export function formatNumber(x: number | null | undefined, decimals = 3): string {
  const special = formatNonFinite(x);
  if (special !== undefined) return special;
  const value = x as number;
  const text = Math.abs(value).toFixed(decimals);
  return value < 0 && Number(text) !== 0 ? `−${text}` : text;
}

/** "2.65 (1.03–6.84)"; an infinite limit reads "2.65 (1.03–∞)". */
export function formatEstimateCi(estimate: number | null | undefined, lower: number | null | undefined, upper: number | null | undefined, decimals = 3): string {
  return `${formatNumber(estimate, decimals)} (${formatNumber(lower, decimals)}–${formatNumber(upper, decimals)})`;
}

/** 0.1543 → "15.4%"; null → "—", NaN → "n/a", ±∞ → "∞%"/"−∞%". */
export function formatPercent(fraction: number | null | undefined, decimals = 1): string {
  const special = formatNonFinite(fraction);
  if (special !== undefined) return fraction === Infinity || fraction === -Infinity ? `${special}%` : special;
  return `${((fraction as number) * 100).toFixed(decimals)}%`;
}

/** "73.0 ± 6.6". */
export function formatMeanSd(mean: number, sd: number, decimals = 1): string {
  return `${formatNumber(mean, decimals)} ± ${formatNumber(sd, decimals)}`;
}
