/**
 * Does a computed number print as a published figure? One rule for every comparison with the abstract (Table 1,
 * the model table, the ROC table, the fidelity report, the reconstruction's check): a figure printed as v with d
 * decimals is matched by x when |x − v| ≤ ½·10^−d (x could print as v; a tie counts, since either rounding is
 * possible), "P<v" by any x < v, "P>v" by any x > v. `distance` is how far outside, in units of the last printed
 * digit (0 when it matches).
 *
 * `printedDecimals` reads the decimals of a number as written in shortest form, for figures published without an
 * explicit `decimals` (0.044 → 3, 73 → 0, 1e-7 → 7).
 *
 * @example printsAs(0.044455, {value: 0.044, decimals: 3}) // {matches: true, distance: 0}
 */
export type Relation = "=" | "<" | ">";

export interface PrintedFigure {
  value: number;
  decimals?: number;
  relation?: Relation;
}

export function printedDecimals(value: number): number {
  if (!Number.isFinite(value)) return 0;
  const s = String(Math.abs(value));
  const e = s.indexOf("e-");
  if (e >= 0) {
    const mantissa = s.slice(0, e);
    const dot = mantissa.indexOf(".");
    return Number(s.slice(e + 2)) + (dot < 0 ? 0 : mantissa.length - dot - 1);
  }
  const dot = s.indexOf(".");
  return dot < 0 ? 0 : s.length - dot - 1;
}

export function printsAs(x: number, figure: PrintedFigure): {matches: boolean; distance: number} {
  const decimals = figure.decimals ?? printedDecimals(figure.value);
  const relation = figure.relation ?? "=";
  const unit = 10 ** -decimals;
  if (!Number.isFinite(x)) return {matches: false, distance: Infinity};
  if (relation === "<") return {matches: x < figure.value, distance: x < figure.value ? 0 : (x - figure.value) / unit};
  if (relation === ">") return {matches: x > figure.value, distance: x > figure.value ? 0 : (figure.value - x) / unit};
  const off = Math.abs(x - figure.value) - unit / 2;
  const matches = off <= unit * 1e-9;
  return {matches, distance: matches ? 0 : off / unit};
}

/** The figure as printed: "0.044", "<0.001". */
export function formatPrinted(figure: PrintedFigure): string {
  const decimals = figure.decimals ?? printedDecimals(figure.value);
  const text = figure.value.toFixed(decimals);
  return figure.relation && figure.relation !== "=" ? `${figure.relation}${text}` : text;
}
