/**
 * The external-validation report of a given equation on the reader's cohort, drawn: what each figure means for
 * using the equation in this hospital (the report's findings, in words, each with its verdict written out), the
 * performance table (calibration-in-the-large and slope with Wald and profile CIs, E/O, ICI/E50/E90, AUC with
 * DeLong's CI, Brier and scaled Brier), the calibration curve with its band, the decision curve against treating
 * all or none, both re-calibrated equations and what each changes (each downloadable as equation.json), case-mix
 * beside the development cohort, the per-term checks and rms::val.prob's indices. Every table has a CSV download,
 * every chart SVG and PNG, and the whole report is JSON in the shape `analyze --validate-equation` prints. Every
 * number is the worker's (pipeline/validate-equation.ts); nothing is parsed as HTML.
 *
 * Example: validationResults(result, {width: 720})
 */
import * as Plot from "@observablehq/plot";
import {chartFigure} from "../charts/figure.js";
import {BACKGROUND, FOREGROUND, OKABE_ITO, SQUARE_MARGINS} from "../charts/palette.js";
import {decisionCurveChart} from "../charts/decisionCurveChart.js";
import {formatNumber, formatP, formatPercent} from "../format.js";
import {toJsonDocument} from "../json-safe.js";
import type {ValidationPageResult} from "../worker/protocol.js";
import type {EquationJson} from "../pipeline/validate-equation.js";
import type {PerformanceAssessment} from "../stats/external-validation.js";
import {downloadText, resultTable, type CellValue} from "./resultTable.js";
import {decisionCurveTable, el, jsonDownload, num, section, shellQuote} from "./dom.js";

const VERDICT_TEXT = {ok: "No concern", caution: "Worth a look", problem: "Does not hold here"} as const;

/** The report as the CLI prints it. */
export function validationJson(result: ValidationPageResult): string {
  return toJsonDocument(result.report) + "\n";
}

/** The CLI invocation that prints the same report (the equation saved as equation.json beside the file). */
export function validationCommandLine(result: ValidationPageResult): string {
  const maps = result.report.mapping.filter((m) => m.term !== m.column).map((m) => ` --map ${shellQuote(`${m.term}=${m.column}`)}`).join("");
  return `npm run --silent analyze -- --validate-equation equation.json ${shellQuote(result.fileName)} --outcome ${shellQuote(result.choices.outcome)} --positive ${shellQuote(result.report.outcome.positive)}${maps}`;
}

function performanceRows(v: PerformanceAssessment): Record<string, CellValue>[] {
  return [
    {measure: "Calibration-in-the-large (log-odds shift)", ideal: 0, estimate: v.calibrationInTheLarge.estimate, waldLower: v.calibrationInTheLarge.ciLower, waldUpper: v.calibrationInTheLarge.ciUpper, profileLower: v.calibrationInTheLarge.profileLower, profileUpper: v.calibrationInTheLarge.profileUpper},
    {measure: "Calibration slope", ideal: 1, estimate: v.calibrationSlope.estimate, waldLower: v.calibrationSlope.ciLower, waldUpper: v.calibrationSlope.ciUpper, profileLower: v.calibrationSlope.profileLower, profileUpper: v.calibrationSlope.profileUpper},
    {measure: "Intercept of the slope model", ideal: 0, estimate: v.slopeModelIntercept.estimate, waldLower: v.slopeModelIntercept.ciLower, waldUpper: v.slopeModelIntercept.ciUpper, profileLower: null, profileUpper: null},
    {measure: "Expected / observed events (E/O)", ideal: 1, estimate: v.expectedObserved.ratio, waldLower: v.expectedObserved.poisson.ciLower, waldUpper: v.expectedObserved.poisson.ciUpper, profileLower: null, profileUpper: null},
    {measure: "ICI (mean |observed − predicted|)", ideal: 0, estimate: v.loessCalibration.mean, waldLower: null, waldUpper: null, profileLower: null, profileUpper: null},
    {measure: "E50 (median)", ideal: 0, estimate: v.loessCalibration.median, waldLower: null, waldUpper: null, profileLower: null, profileUpper: null},
    {measure: "E90 (90th percentile)", ideal: 0, estimate: v.loessCalibration.q90, waldLower: null, waldUpper: null, profileLower: null, profileUpper: null},
    {measure: "Emax", ideal: 0, estimate: v.loessCalibration.max, waldLower: null, waldUpper: null, profileLower: null, profileUpper: null},
    {measure: "AUC (c-statistic), DeLong CI", ideal: 1, estimate: v.auc.auc, waldLower: v.auc.ciLower, waldUpper: v.auc.ciUpper, profileLower: null, profileUpper: null},
    {measure: "Brier score", ideal: 0, estimate: v.brier, waldLower: null, waldUpper: null, profileLower: null, profileUpper: null},
    {measure: "Scaled Brier score", ideal: 1, estimate: v.scaledBrier, waldLower: null, waldUpper: null, profileLower: null, profileUpper: null}
  ];
}

/** Observed against predicted risk: the spline calibration curve with its band, loess, the diagonal, the patients' risks as a rug. */
export function validationCalibrationChart(result: ValidationPageResult, {width}: {width: number}): SVGSVGElement {
  const v = result.report.validation;
  const size = Math.max(280, Math.min(width, 620));
  const narrow = width < 480;
  const curve = v.calibrationCurve.points;
  const loess = v.loessCalibration.points.map((p) => ({predicted: p.predicted, observed: Math.min(1, Math.max(0, p.observed))}));
  const top = Math.min(1, Math.max(0.2, ...curve.map((p) => p.upper), ...curve.map((p) => p.predicted)) * 1.05);
  const rug = Array.from(result.probability, (p, i) => ({predicted: p, y: result.outcome[i] === 1 ? top * 0.985 : top * 0.015}));
  const level = Math.round(v.level * 100);
  const legend = [
    {label: "Ideal (observed = predicted)", color: "#777777", dash: "4,3"},
    {label: `Spline calibration curve, ${level}% band`, color: FOREGROUND, dash: undefined},
    {label: "Loess (for ICI, E50, E90)", color: OKABE_ITO.vermillion, dash: "6,3"}
  ].map((d, i) => ({...d, y: top * (0.93 - i * (narrow ? 0.07 : 0.06))}));
  return Plot.plot({
    width: size,
    height: size,
    ...SQUARE_MARGINS,
    style: {fontSize: narrow ? "11px" : "12px"},
    x: {domain: [0, top], label: "Predicted risk (%) →", labelAnchor: "center", labelArrow: "none", grid: true, tickFormat: (d: number) => `${Math.round(d * 100)}`},
    y: {domain: [0, top], label: "↑ Observed risk (%)", labelAnchor: "top", labelArrow: "none", grid: true, tickFormat: (d: number) => `${Math.round(d * 100)}`},
    marks: [
      Plot.frame({strokeOpacity: 0.2}),
      Plot.line([{x: 0, y: 0}, {x: top, y: top}], {x: "x", y: "y", stroke: "#777777", strokeDasharray: "4,3"}),
      Plot.areaY(curve, {x: "predicted", y1: (d: {lower: number}) => Math.min(top, d.lower), y2: (d: {upper: number}) => Math.min(top, d.upper), fill: FOREGROUND, fillOpacity: 0.15}),
      Plot.line(curve, {x: "predicted", y: (d: {observed: number}) => Math.min(top, d.observed), stroke: FOREGROUND, strokeWidth: 2.5}),
      Plot.line(loess, {x: "predicted", y: (d: {observed: number}) => Math.min(top, d.observed), stroke: OKABE_ITO.vermillion, strokeWidth: 1.5, strokeDasharray: "6,3"}),
      Plot.tickX(rug, {x: "predicted", y: "y", stroke: FOREGROUND, strokeOpacity: 0.35}),
      Plot.text(legend, {x: top * 0.09, y: "y", text: "label", textAnchor: "start", fill: "currentColor", fontSize: narrow ? 10.5 : 11.5, stroke: BACKGROUND, strokeWidth: 3, paintOrder: "stroke"}),
      ...legend.map((d) => Plot.ruleY([d.y], {x1: top * 0.02, x2: top * 0.07, stroke: d.color, strokeDasharray: d.dash, strokeWidth: 2.5}))
    ]
  }) as SVGSVGElement;
}

function equationDownload(eq: EquationJson, fileName: string, label: string, testId: string): HTMLButtonElement {
  const b = el("button", label, {type: "button", "data-testid": testId});
  b.className = "your-data-download";
  b.addEventListener("click", () => downloadText(JSON.stringify(eq, null, 2) + "\n", fileName, "application/json"));
  return b;
}

export function validationResults(result: ValidationPageResult, {width}: {width: number}): HTMLElement {
  const r = result.report;
  const v = r.validation;
  const root = el("div", undefined, {"data-testid": "your-validation-results"});
  root.className = "your-data-results";
  const level = `${Math.round(v.level * 100)}%`;

  const summary = section("Summary", "validation-summary");
  const lead = el("p", undefined, {"data-testid": "your-validation-summary"});
  lead.append(
    `Validated ${r.equation.name ? `“${r.equation.name}”` : "the equation"} on `, el("strong", r.n.toLocaleString("en"), {"data-testid": "val-n"}),
    ` complete cases of ${r.rows.toLocaleString("en")} rows, with `, el("strong", r.events.toLocaleString("en"), {"data-testid": "val-events"}),
    ` events (${r.outcome.column} = “${r.outcome.positive}”, ${formatPercent(r.events / r.n)}); ${r.excluded.toLocaleString("en")} row${r.excluded === 1 ? "" : "s"} dropped for missing values. The equation was applied as given, without refitting.`
  );
  summary.append(lead);
  if (r.warnings.length) {
    const list = el("ul", undefined, {"data-testid": "your-validation-warnings", "aria-label": "Warnings about this validation"});
    list.className = "your-data-warnings";
    for (const w of r.warnings) list.append(el("li", w));
    summary.append(list);
  }
  jsonDownload(summary, {label: "Download the whole report as JSON", testId: "download-validation-json", json: () => validationJson(result), fileName: "external-validation.json", command: validationCommandLine(result)});
  root.append(summary);

  const meaning = section("What this means for using the equation here", "validation-findings");
  const list = el("dl", undefined, {"data-testid": "your-validation-findings"});
  list.className = "your-data-findings";
  for (const f of r.findings) {
    const dt = el("dt", undefined, {"data-finding": f.key, "data-verdict": f.verdict});
    dt.append(el("strong", f.heading), ` — ${VERDICT_TEXT[f.verdict]}`);
    list.append(dt, el("dd", f.text));
  }
  meaning.append(list);
  root.append(meaning);

  const perf = section("Performance on these patients", "validation-performance");
  perf.append(resultTable({
    id: "validation-performance",
    caption: `The equation’s performance on ${r.n} patients, with ${level} CIs: Wald, and profile-likelihood for calibration-in-the-large and slope (as glm with offset and glm(y ~ lp)); E/O with a Poisson CI; AUC with DeLong’s CI (as pROC); ICI, E50, E90 and Emax from loess (Austin & Steyerberg 2019).`,
    columns: [
      {key: "measure", label: "Measure", rowHeader: true},
      {key: "estimate", label: "Estimate", format: num(3)},
      {key: "waldLower", label: `${level} CI lower`, format: num(3)},
      {key: "waldUpper", label: `${level} CI upper`, format: num(3)},
      {key: "profileLower", label: "Profile lower", format: num(3)},
      {key: "profileUpper", label: "Profile upper", format: num(3)},
      {key: "ideal", label: "Ideal", format: num(0)}
    ],
    rows: performanceRows(v)
  }));
  perf.append(chartFigure(validationCalibrationChart(result, {width}), {
    title: "Calibration: observed against predicted risk",
    description: `Spline calibration curve with a ${level} band, and the loess smooth, against the diagonal. Calibration-in-the-large ${formatNumber(v.calibrationInTheLarge.estimate, 3)}, slope ${formatNumber(v.calibrationSlope.estimate, 3)}, ICI ${formatNumber(v.loessCalibration.mean, 3)}. Ticks along the top: patients with the event; along the bottom: without.`,
    caption: "Below the diagonal the equation’s risks are too high for these patients, above it too low. Ticks: each patient’s predicted risk (top: with the event, bottom: without).",
    filename: "validation-calibration"
  }));
  perf.append(resultTable({
    id: "validation-calibration-curve",
    caption: `The calibration curve on a grid of predicted risks, with its ${level} band (the CSV has every grid point).`,
    showRow: (_row) => false,
    columns: [
      {key: "predicted", label: "Predicted risk", rowHeader: true, format: num(3)},
      {key: "observed", label: "Observed (spline)", format: num(3)},
      {key: "lower", label: "Band lower", format: num(3)},
      {key: "upper", label: "Band upper", format: num(3)},
      {key: "loess", label: "Observed (loess)", format: num(3)}
    ],
    rows: v.calibrationCurve.points.map((p, i) => ({...p, loess: v.loessCalibration.points[i]?.observed ?? null}))
  }));
  root.append(perf);

  const dca = section("Decision curve", "validation-decision-curve");
  dca.append(chartFigure(decisionCurveChart(v.decisionCurve, {width, prevalence: r.events / r.n, modelLabel: "The equation"}), {
    title: "Net benefit of deciding by the equation",
    description: `Net benefit against threshold probability for acting on the equation's risks, treating everyone and treating no one, on these ${r.n} patients.`,
    caption: "Net benefit = TP/n − FP/n × pt/(1 − pt). Treat none = 0. Where the equation’s line is above both others, acting on it helps at that threshold.",
    filename: "validation-decision-curve"
  }));
  dca.append(decisionCurveTable("validation-decision-curve", "The equation", v.decisionCurve));
  root.append(dca);

  const recal = section("Re-calibrated equations", "validation-recalibration");
  const ri = r.recalibration.intercept;
  const rs = r.recalibration.interceptAndSlope;
  recal.append(resultTable({
    id: "validation-recalibration",
    caption: "The equation as given and its two updates, each assessed on these patients (the updates are fitted here, so their figures are optimistic).",
    columns: [
      {key: "equation", label: "Equation", rowHeader: true},
      {key: "intercept", label: "Intercept", format: num(4)},
      {key: "scale", label: "Coefficients ×", format: num(4)},
      {key: "citl", label: "Calibration-in-the-large", format: num(3)},
      {key: "slope", label: "Calibration slope", format: num(3)},
      {key: "eo", label: "E/O", format: num(3)},
      {key: "ici", label: "ICI", format: num(3)},
      {key: "auc", label: "AUC", format: num(3)},
      {key: "brier", label: "Brier", format: num(4)}
    ],
    rows: [
      {equation: "As given", intercept: r.equation.intercept, scale: 1, ...perfCells(v)},
      {equation: "Intercept updated", intercept: ri.equation.intercept, scale: ri.scale, ...perfCells(ri.performance)},
      {equation: "Intercept and slope updated", intercept: rs.equation.intercept, scale: rs.scale, ...perfCells(rs.performance)}
    ]
  }));
  const changes = el("dl");
  changes.className = "your-data-findings";
  changes.append(el("dt", "Intercept updated"), el("dd", ri.changes), el("dt", "Intercept and slope updated"), el("dd", rs.changes));
  recal.append(changes);
  const terms = resultTable({
    id: "validation-recalibrated-terms",
    caption: "Each coefficient of the equation as given and after each update (log-odds per unit).",
    columns: [
      {key: "term", label: "Term", rowHeader: true},
      {key: "unit", label: "Unit"},
      {key: "given", label: "As given", format: num(4)},
      {key: "intercept", label: "Intercept updated", format: num(4)},
      {key: "slope", label: "Intercept and slope updated", format: num(4)}
    ],
    rows: [
      {term: "(Intercept)", unit: "", given: r.equation.intercept, intercept: ri.equation.intercept, slope: rs.equation.intercept},
      ...r.equation.terms.map((t, j) => ({term: t.name, unit: t.unit, given: t.coefficient, intercept: ri.equation.terms[j]!.coefficient, slope: rs.equation.terms[j]!.coefficient}))
    ]
  });
  recal.append(terms);
  const downloads = el("p");
  downloads.append(
    equationDownload(ri.equation, "equation-intercept-updated.json", "Download the intercept-updated equation (JSON)", "download-eq-intercept"), " ",
    equationDownload(rs.equation, "equation-recalibrated.json", "Download the intercept-and-slope-updated equation (JSON)", "download-eq-slope")
  );
  recal.append(downloads);
  root.append(recal);

  const mix = section("Case-mix: these patients beside the development cohort", "validation-case-mix");
  const dev = (x: number | undefined | null) => (x == null ? null : x);
  mix.append(resultTable({
    id: "validation-case-mix",
    caption: "Each predictor in the development cohort (from the equation’s summaries) and in yours: mean and SD, or the proportion with 1; the standardised difference (Austin 2009) — beyond ±0.1 is a difference worth a look.",
    columns: [
      {key: "term", label: "Predictor", rowHeader: true},
      {key: "unit", label: "Unit"},
      {key: "devMean", label: "Development mean / proportion", format: num(3)},
      {key: "devSd", label: "Development SD", format: num(3)},
      {key: "valMean", label: "Yours: mean / proportion", format: num(3)},
      {key: "valSd", label: "Yours: SD", format: num(3)},
      {key: "d", label: "Standardised difference", format: num(2)}
    ],
    rows: r.caseMix.rows.map((row) => ({
      term: row.term, unit: row.unit,
      devMean: dev(row.development ? (row.kind === "binary" ? row.development.proportion : row.development.mean) : null),
      devSd: dev(row.development && row.kind === "continuous" ? row.development.sd : null),
      valMean: row.kind === "binary" ? row.validation.proportion : row.validation.mean,
      valSd: row.kind === "continuous" ? row.validation.sd : null,
      d: Number.isFinite(row.standardizedDifference) ? row.standardizedDifference : null
    }))
  }));
  const lpd = r.caseMix.linearPredictor;
  mix.append(el("p", `The equation’s linear predictor here: mean ${formatNumber(lpd.validation.mean, 3)}, SD ${formatNumber(lpd.validation.sd, 3)}${lpd.development ? ` (development: mean ${formatNumber(lpd.development.mean, 3)}, SD ${formatNumber(lpd.development.sd, 3)})` : ""}. A wider spread means more varied patients, who are easier to rank (a higher AUC for the same equation).`));
  root.append(mix);

  const checks = section("Checks of each predictor", "validation-checks");
  checks.append(resultTable({
    id: "validation-term-checks",
    caption: "Each term’s column: rows with a value, missing values, values outside the range the equation was made for, and the smallest and largest value.",
    columns: [
      {key: "term", label: "Term", rowHeader: true},
      {key: "column", label: "Column"},
      {key: "unit", label: "Unit"},
      {key: "present", label: "With a value"},
      {key: "outOfRange", label: "Outside the range"},
      {key: "min", label: "Smallest", format: num(2)},
      {key: "max", label: "Largest", format: num(2)}
    ],
    rows: r.termChecks.map((c) => ({term: c.term, column: r.mapping.find((m) => m.term === c.term)?.column ?? "", unit: c.unit, present: c.present, outOfRange: c.outOfRange, min: c.min, max: c.max}))
  }));
  const vp = v.valProb;
  checks.append(resultTable({
    id: "validation-val-prob",
    caption: "rms::val.prob’s indices for the same predictions (C from risks binned as lrm.fit bins them; Eavg, E90 and Emax from lowess, val.prob’s smoother).",
    columns: [
      {key: "index", label: "Index", rowHeader: true},
      {key: "value", label: "Value", format: (x, row) => (String(row.index).endsWith(" p") ? formatP(typeof x === "number" ? x : null) : num(4)(x))}
    ],
    rows: [
      ["Dxy", vp.dxy], ["C (ROC)", vp.c], ["R2 (Nagelkerke)", vp.r2], ["D", vp.d], ["D χ²", vp.dChiSq], ["D p", vp.dP], ["U", vp.u], ["U χ²", vp.uChiSq], ["U p", vp.uP], ["Q", vp.q],
      ["Brier", vp.brier], ["Intercept", vp.intercept], ["Slope", vp.slope], ["Emax", vp.emax], ["E90", vp.e90], ["Eavg", vp.eavg], ["Spiegelhalter z", vp.spiegelhalterZ], ["Spiegelhalter p", vp.spiegelhalterP]
    ].map(([index, value]) => ({index: index as string, value: value as number}))
  }));
  root.append(checks);
  return root;
}

function perfCells(p: PerformanceAssessment): Record<string, CellValue> {
  return {citl: p.calibrationInTheLarge.estimate, slope: p.calibrationSlope.estimate, eo: p.expectedObserved.ratio, ici: p.loessCalibration.mean, auc: p.auc.auc, brier: p.brier};
}
