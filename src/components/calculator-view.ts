/**
 * The risk calculator's controls and tables (the arithmetic is in ./calculator.ts):
 *
 * - patientControls: one honest number box and slider per factor of the equation (./number-input.ts: any typed
 *   value is accepted — "4,5" is 4.5 — a value beyond the allowed range is clamped and said, one beyond the
 *   cohort's range is used and flagged as extrapolation), each mirrored in the page's URL under the column's name
 *   (./url-state.ts), so the page's address is a link to "this patient";
 * - predictionTable: the patient's risk by the fitted and the shrunken equation side by side;
 * - patientLink: the link itself, for copying.
 *
 * Test hooks: `calc-<column>` (slider), `calc-<column>-number` (box), `calc-probability`, `calc-ci-lower`,
 * `calc-ci-upper`, `calc-linear-predictor` (fitted equation), `calc-shrunken-probability`,
 * `calc-shrunken-linear-predictor`, each with `data-value` the number computed with.
 *
 * @example Inputs.form(patientControls(["age"], {age: {min: 50, max: 95, median: 70, lo: 52, hi: 89}}))
 */
import {numberInput, type NumberInputElement} from "./number-input.js";
import {bindToUrl, stateLink} from "./url-state.js";
import {columnInfo, axisLabel} from "./study/study.js";
import {formatNumber, formatPercent} from "./format.js";
import {cell, rowHeader, tableFrame} from "./tables/frame.js";
import {probabilityFromPoints, type NomogramScale} from "./stats/nomogram-scale.js";
import {riskDistribution} from "./charts/riskDistribution.js";
import {nomogramChart} from "./charts/nomogram.js";
import {iconArray} from "./charts/iconArray.js";
import {chartFigure} from "./charts/figure.js";
import type {NaturalFrequency} from "./natural-frequency.js";
import type {CalculatorEquation, CohortRisks, EquationPrediction} from "./calculator.js";

export interface FactorRange {
  /** Allowed range of the control. */
  min: number;
  max: number;
  /** The cohort's observed range. */
  lo: number;
  hi: number;
  median: number;
}

/** One bound control per factor, keyed by column name (for Inputs.form). */
export function patientControls(predictors: readonly string[], ranges: Readonly<Record<string, FactorRange>>): Record<string, NumberInputElement> {
  return Object.fromEntries(predictors.map((k) => {
    const info = columnInfo(k);
    const r = ranges[k]!;
    const step = info.kind === "binary" ? 1 : 10 ** -info.decimals;
    const value = Math.min(r.max, Math.max(r.min, Math.round(r.median / step) * step));
    const input = numberInput({
      label: axisLabel(k), min: r.min, max: r.max, step, value: Number(value.toFixed(Math.max(0, info.decimals))),
      integer: info.kind === "binary", dataRange: [r.lo, r.hi], ...(info.unit ? {unit: info.unit} : {}), testId: `calc-${k}`
    });
    return [k, bindToUrl(input, k)];
  }));
}

const dataCell = (text: string, value: number | null, testId?: string): HTMLTableCellElement =>
  cell("td", text, {...(value === null ? {} : {"data-value": String(value)}), ...(testId ? {"data-testid": testId} : {})});

/** The patient's risk by each equation (see the module comment). */
export function predictionTable(rows: {equation: CalculatorEquation; prediction: EquationPrediction}[]): HTMLDivElement {
  const {wrapper, body} = tableFrame({
    caption: "This patient's predicted risk of ASD at 2 years, by each equation. The 95% CI is the fitted equation's (delta method); the shrunken equation's factor and intercept are estimated too, so it has none here.",
    headers: ["Equation", "Risk", "95% CI", "Log-odds", "Factor"],
    testId: "calc-predictions"
  });
  for (const {equation, prediction} of rows) {
    const prefix = equation.key === "fitted" ? "calc" : `calc-${equation.key}`;
    const tr = body.insertRow();
    const ci: Node = prediction.ciLower === null || prediction.ciUpper === null ? document.createTextNode("—") : document.createDocumentFragment();
    if (ci instanceof DocumentFragment && prediction.ciLower !== null && prediction.ciUpper !== null) {
      const lo = document.createElement("span");
      lo.dataset.testid = `${prefix}-ci-lower`;
      lo.dataset.value = String(prediction.ciLower);
      lo.textContent = formatPercent(prediction.ciLower);
      const hi = document.createElement("span");
      hi.dataset.testid = `${prefix}-ci-upper`;
      hi.dataset.value = String(prediction.ciUpper);
      hi.textContent = formatPercent(prediction.ciUpper);
      ci.append(lo, "–", hi);
    }
    const risk = document.createElement("strong");
    risk.textContent = formatPercent(prediction.probability);
    const riskCell = cell("td", risk, {"data-value": String(prediction.probability), "data-testid": `${prefix}-probability`});
    tr.append(
      rowHeader(equation.label),
      riskCell,
      cell("td", ci),
      dataCell(`${formatNumber(prediction.linearPredictor, 3)}${prediction.se === null ? "" : ` (SE ${formatNumber(prediction.se, 3)})`}`, prediction.linearPredictor, `${prefix}-linear-predictor`),
      dataCell(equation.key === "fitted" ? "1 (as fitted)" : formatNumber(equation.factor, 3), equation.factor)
    );
  }
  return wrapper;
}

/** A link to this page with this patient's values (and the chosen equation). */
export function patientLink(values: Readonly<Record<string, number>>, equation: string): HTMLAnchorElement {
  const a = document.createElement("a");
  a.href = stateLink("calculator.html", {...values, eq: equation});
  a.textContent = "Link to this patient";
  a.dataset.testid = "calc-link";
  return a;
}

type Rank = {lower: number; upper: number; n: number};
const count = (r: Rank) => (r.lower === r.upper ? String(r.lower) : `${r.lower} to ${r.upper}`);
const share = (r: Rank) => (r.lower === r.upper ? formatPercent(r.lower / r.n, 0) : `${formatPercent(r.lower / r.n, 0)}–${formatPercent(r.upper / r.n, 0)}`);

/** A patient's values in words: "Age 70 years, BMD −2.8 T-score, …". */
export function patientText(predictors: readonly string[], values: Readonly<Record<string, number>>): string {
  return predictors.map((k) => {
    const info = columnInfo(k);
    return `${info.label} ${formatNumber(values[k], info.decimals)}${info.unit ? ` ${info.unit}` : ""}`;
  }).join(", ");
}

/**
 * The result card: both equations' risks, the patient in words (printed), the rank in the cohort, the link, and a
 * warning for each factor beyond the cohort's range.
 */
export function resultCard({predictions, chosen, rank, cohort, minCell, predictors, values, ranges, equationKey}: {
  predictions: {equation: CalculatorEquation; prediction: EquationPrediction}[];
  chosen: CalculatorEquation;
  rank: Rank;
  cohort: CohortRisks;
  minCell: number | undefined;
  predictors: readonly string[];
  values: Readonly<Record<string, number>>;
  ranges: Readonly<Record<string, FactorRange>>;
  equationKey: string;
}): HTMLDivElement {
  const card = document.createElement("div");
  card.className = "calc-result card";
  card.setAttribute("aria-live", "polite");
  const printed = document.createElement("div");
  printed.className = "print-only";
  printed.dataset.testid = "calc-patient";
  printed.textContent = `For the patient with ${patientText(predictors, values)}.`;
  const rankLine = document.createElement("div");
  const pct = document.createElement("span");
  pct.dataset.testid = "calc-percentile";
  pct.textContent = share(rank);
  rankLine.append(
    `By the ${chosen.label.toLowerCase()}, higher than `, pct,
    ` of the cohort's patients (${count(rank)} of ${rank.n}${cohort.exact ? "" : `; from the published bins of predicted risk, each of at least ${minCell} patients`}). `,
    patientLink(values, equationKey)
  );
  card.append(predictionTable(predictions), printed, rankLine);
  const outside = predictors.filter((k) => values[k]! < ranges[k]!.lo || values[k]! > ranges[k]!.hi);
  if (outside.length) {
    const warn = document.createElement("div");
    warn.className = "mismatch";
    warn.dataset.testid = "calc-extrapolation";
    warn.textContent = `Outside the cohort's range: ${outside.map((k) => {
      const info = columnInfo(k);
      return `${info.label} (cohort ${formatNumber(ranges[k]!.lo, info.decimals)} to ${formatNumber(ranges[k]!.hi, info.decimals)}${info.unit ? ` ${info.unit}` : ""})`;
    }).join("; ")} — the equation is extrapolating.`;
    card.append(warn);
  }
  return card;
}

/** The icon array of a patient's risk as a natural frequency, in its figure. */
export function frequencyFigure(frequency: NaturalFrequency & {sentence: string}, chosen: CalculatorEquation, width: number): HTMLElement {
  if (frequency.of > 1000) {
    // fewer than 1 in 1,000 (or all but 1 in 1,000): 10,000 squares would show nothing a reader can count
    const note = document.createElement("p");
    note.className = "note";
    note.dataset.testid = "calc-icon-array-omitted";
    note.textContent = `No picture: at ${frequency.phrase} the filled squares would be too few to see among ${frequency.of.toLocaleString("en-US")}.`;
    return note;
  }
  return chartFigure(iconArray(frequency, {width}), {
    title: `${frequency.sentence.replace(/\.$/, "")} (${chosen.label.toLowerCase()})`,
    description: `Icon array: ${frequency.count} of ${frequency.of} squares filled. ${frequency.sentence}`,
    caption: "Each square is one patient with these values; filled squares are those the equation expects to develop ASD.",
    filename: "risk-icon-array"
  });
}

/** Where the patient sits among the cohort's predicted risks, in its figure. */
export function distributionFigure(cohort: CohortRisks, chosen: CalculatorEquation, prediction: EquationPrediction, rank: Rank, width: number): HTMLElement {
  const p = prediction.probability;
  const label = chosen.label.toLowerCase();
  const band = prediction.ciLower !== null && prediction.ciUpper !== null;
  return chartFigure(riskDistribution(cohort.risks, {width, patient: {probability: p, ciLower: prediction.ciLower, ciUpper: prediction.ciUpper}}), {
    title: "Where this patient sits in the cohort's predicted risks",
    description: `Histograms of the ${cohort.n} patients' predicted risks by the ${label}, by outcome${cohort.exact ? "" : " (drawn from the published bins)"}. This patient's predicted risk is ${formatPercent(p)}, higher than ${count(rank)} of ${rank.n} patients.`,
    caption: `Histograms of the risk the ${label} predicts for each patient of the cohort, as a share of each group. Orange line${band ? " and band: this patient, with 95% CI" : ": this patient"}.${cohort.exact ? "" : " Private mode: each patient is drawn at the middle of the published bin of predicted risk that holds them."}`,
    filename: "risk-distribution"
  });
}

/** The nomogram of the chosen equation with the patient marked, in its figure. */
export function nomogramFigure({scale, points, total}: {scale: NomogramScale; points: Record<string, number>; total: number}, chosen: CalculatorEquation, values: Readonly<Record<string, number>>, width: number): HTMLElement {
  const labels = Object.fromEntries(scale.predictors.map((p) => [p.name, axisLabel(p.name)]));
  return chartFigure(nomogramChart(scale, {width, labels, patient: {points, total, values: {...values}}}), {
    title: `Nomogram of the ${chosen.label.toLowerCase()}`,
    description: `Points nomogram. ${scale.predictors.map((p) => `${labels[p.name]} from ${formatNumber(p.axis[0], 1)} to ${formatNumber(p.axis[p.axis.length - 1], 1)} spans ${formatNumber(Math.max(...p.points) - Math.min(...p.points), 0)} points`).join("; ")}. One point is ${formatNumber(1 / scale.pointsPerUnit, 4)} on the log-odds scale. This patient scores ${scale.predictors.map((p) => `${formatNumber(points[p.name], 1)} for ${labels[p.name]}`).join(", ")}: ${formatNumber(total, 1)} total points, a risk of ${formatPercent(probabilityFromPoints(scale, total))}.`,
    caption: "Orange: this patient; a triangle marks a value beyond its ruler. Scales computed as rms::nomogram (rms 6.5) computes them; see src/components/stats/nomogram-scale.ts.",
    filename: "nomogram"
  });
}

/** "every year more of age multiplies the odds of ASD by e^0.0714 = 1.07", one per factor of the equation. */
export function oddsRatioPhrases(eq: CalculatorEquation): string[] {
  return eq.predictors.map((k, j) => {
    const info = columnInfo(k);
    const unit = info.kind === "binary" ? "yes rather than no" : `${info.unit === "T-score" ? "T-score unit" : info.unit === "%" ? "percentage point" : info.unit.replace(/s$/, "")} more`;
    const beta = eq.coefficients[j + 1]!;
    return `every ${unit} of ${info.label.toLowerCase()} multiplies the odds of ASD by e^${formatNumber(beta, 4)} = ${formatNumber(Math.exp(beta), 3)}`;
  });
}
