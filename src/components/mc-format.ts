/**
 * Monte-Carlo estimates printed with only the digits their Monte-Carlo standard error supports
 * (stats/procedure-bootstrap.ts supportedDecimals: MCSE below half a unit of the last digit), so a bootstrap
 * figure never shows noise as if it were signal. Pure, no DOM.
 *
 * @example formatMc(0.93461, 0.0014) // "0.93" (3 decimals would need MCSE < 0.0005)
 */
import {supportedDecimals} from "./stats/procedure-bootstrap.js";
import {formatNumber} from "./format.js";

/** The estimate at the decimals its MCSE supports (at most `max`). */
export function formatMc(x: number, mcse: number, max = 3): string {
  return formatNumber(x, supportedDecimals(mcse, max));
}

/** The MCSE itself, to two significant digits ("0.0014"). */
export function formatMcse(mcse: number): string {
  if (!Number.isFinite(mcse)) return "—";
  if (mcse === 0) return "0";
  return mcse.toPrecision(2);
}

/** An interval printed at the estimate's supported decimals: "0.91 to 0.95". */
export function formatMcInterval(lower: number, upper: number, mcse: number, max = 3): string {
  const d = supportedDecimals(mcse, max);
  return `${formatNumber(lower, d)} to ${formatNumber(upper, d)}`;
}
