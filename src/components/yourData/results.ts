/**
 * The analysis of a reader's cohort, drawn: summary and warnings, Table 1 with its tests, the multivariable model
 * with its forest plot, ROC curves with a live threshold and its 2×2 table, bootstrap validation, calibration and
 * the decision curve — each table with a CSV download, each chart (through chartFigure) with SVG and PNG, and the
 * whole result as JSON in the `analyze` CLI's shape. Every number comes from the worker's PageResult (the shared
 * engine); the live threshold calls the engine's confusionFromPrepared. Nothing is parsed as HTML.
 *
 * Example: renderResults(result, {width: 720, onFirth: () => rerunWithFirth()})
 */
import {chartFigure} from "../charts/figure.js";
import {forestPlot, type ForestRow} from "../charts/forestPlot.js";
import {OKABE_ITO} from "../charts/palette.js";
import {formatNumber, formatP, formatPercent} from "../format.js";
import type {PageResult} from "../worker/protocol.js";
import {thresholdExplorer, type ExplorerElement, type ExplorerOptions} from "./thresholdExplorer.js";
import {toJsonDocument} from "../json-safe.js";
import {resultTable, type ResultTableSpec, type CellValue} from "./resultTable.js";
import {calibrationPlot} from "../charts/calibrationPlot.js";
import {decisionCurveChart} from "../charts/decisionCurveChart.js";
import {table1Spec} from "./table1Spec.js";
import {decisionCurveTable, el, jsonDownload, num, section, shellQuote} from "./dom.js";
import type {DrawLater} from "../main-thread.js";

export interface ResultsOptions {
  width: number;
  /** Offered when the model shows separation and Firth was not used. */
  onFirth?: () => void;
  /**
   * Where the charts and the larger tables go when given: each is a slot drawn by the caller's later.run(), one per
   * task (a large result drawn at once would hold the main thread well past a long task's 50 ms).
   * Without it, everything is drawn before renderResults returns.
   */
  later?: DrawLater;
  /** Where the live threshold starts, and who hears its changes. */
  explorer?: Omit<ExplorerOptions, "width">;
}

const pval = (v: CellValue) => (typeof v === "number" ? formatP(v) : "—");

/** The JSON the CLI prints for the same file and choices (key order and values as the engine returned them). */
export function resultJson(result: PageResult): string {
  return toJsonDocument(result.cli) + "\n";
}

export function renderResults(result: PageResult, {width, onFirth, explorer, later}: ResultsOptions): HTMLElement & {explorer: ExplorerElement} {
  const {cli} = result;
  const drawn = (build: () => Node): Node => (later ? later.slot(build) : build());
  const root = el("div", undefined, {"data-testid": "your-results"});
  root.className = "your-data-results";

  // Summary, warnings, and the whole result as JSON.
  const summary = section("Summary", "summary");
  const lead = el("p", undefined, {"data-testid": "your-summary"});
  const strong = (text: string, id: string) => el("strong", text, {"data-testid": id});
  lead.append(
    "Analysed ", strong(cli.n.toLocaleString("en"), "your-n"), " complete cases of ", String(result.rowsRead.toLocaleString("en")), " rows, with ",
    strong(cli.events.toLocaleString("en"), "your-events"), ` events (${result.choices.outcome} = “${result.choices.positive}”, ${formatPercent(cli.events / cli.n)}); `,
    strong(cli.excluded.toLocaleString("en"), "your-excluded"), ` row${cli.excluded === 1 ? "" : "s"} dropped for missing values. `,
    `Model: ${result.choices.firth ? "Firth’s penalised likelihood" : "maximum likelihood"}, ${result.choices.predictors.length} candidate predictor${result.choices.predictors.length === 1 ? "" : "s"}.`
  );
  summary.append(lead);
  const warnings = [...cli.warnings, ...result.notes];
  if (warnings.length) {
    const list = el("ul", undefined, {"data-testid": "your-warnings", "aria-label": "Warnings about this analysis"});
    list.className = "your-data-warnings";
    for (const w of warnings) list.append(el("li", w));
    summary.append(list);
  }
  const separated = isSeparated(result);
  if (separated && !result.choices.firth && onFirth) {
    const offer = el("p", "The model shows separation: maximum-likelihood estimates run off to infinity and their Wald confidence intervals are not valid. Firth’s penalised likelihood gives finite estimates.", {"data-testid": "your-firth-offer"});
    const button = el("button", "Re-run with Firth’s method", {type: "button", "data-testid": "your-firth-rerun"});
    button.addEventListener("click", () => onFirth());
    offer.append(" ", button);
    summary.append(offer);
  }
  jsonDownload(summary, {label: "Download the whole result as JSON", testId: "download-json", json: () => resultJson(result), fileName: "analysis.json", command: commandLine(result)});
  root.append(summary);

  // Table 1.
  const t1 = section("Table 1: patients with and without the event", "table1");
  t1.append(drawn(() => resultTable(table1Spec(result))));
  root.append(t1);

  // Multivariable model.
  const model = section("Multivariable logistic regression", "model");
  const modelSpec: ResultTableSpec = {
    id: "model",
    caption: `Multivariable logistic regression of ${result.choices.outcome} = “${result.choices.positive}” (${result.choices.firth ? "Firth’s penalised likelihood" : "maximum likelihood"}, Wald 95% CIs${cli.model.converged ? "" : "; DID NOT CONVERGE"}). Log-likelihood ${formatNumber(cli.model.logLik, 3)}, AIC ${formatNumber(cli.model.aic, 2)}, ${cli.model.iterations} iterations.`,
    columns: [
      {key: "term", label: "Term", rowHeader: true},
      {key: "estimate", label: "β", format: num(4)},
      {key: "se", label: "SE", format: num(4)},
      {key: "z", label: "z", format: num(2)},
      {key: "p", label: "p", format: pval},
      {key: "oddsRatio", label: "OR", format: (v, r) => (r.term === "(Intercept)" ? "—" : num(3)(v))},
      {key: "ciLower", label: "95% CI lower", format: (v, r) => (r.term === "(Intercept)" ? "—" : num(3)(v))},
      {key: "ciUpper", label: "95% CI upper", format: (v, r) => (r.term === "(Intercept)" ? "—" : num(3)(v))}
    ],
    rows: cli.model.terms.map((t) => ({...t}))
  };
  model.append(drawn(() => resultTable(modelSpec)));
  const positive = (x: number | null): x is number => x !== null && Number.isFinite(x) && x > 0;
  const forestRows: ForestRow[] = [];
  for (const t of cli.model.terms) {
    if (t.term === "(Intercept)" || !positive(t.oddsRatio) || !positive(t.ciLower) || !positive(t.ciUpper)) continue;
    forestRows.push({term: t.term, label: t.term, oddsRatio: t.oddsRatio, ciLower: t.ciLower, ciUpper: t.ciUpper, ...(t.p !== null ? {p: t.p} : {}), published: null});
  }
  const skipped = cli.model.terms.length - 1 - forestRows.length;
  if (forestRows.length) {
    model.append(drawn(() => chartFigure(relabelForest(forestPlot(forestRows, {width})), {
      title: "Odds ratios with 95% confidence intervals",
      description: `Forest plot of ${forestRows.length} model terms on a log scale. ${forestRows.map((r) => `${r.term}: OR ${formatNumber(r.oddsRatio, 3)} (${formatNumber(r.ciLower, 3)}–${formatNumber(r.ciUpper, 3)})`).join("; ")}.`,
      caption: skipped ? `${skipped} term${skipped === 1 ? " has" : "s have"} no finite confidence interval and ${skipped === 1 ? "is" : "are"} left out of the plot (see the table).` : "Line of no effect at OR = 1.",
      filename: "forest-plot"
    })));
  } else {
    model.append(el("p", "No term has a finite confidence interval, so the forest plot is not drawn (see the table and the warnings).", {"data-testid": "your-forest-missing"}));
  }
  root.append(model);

  // ROC.
  const roc = section("ROC curves and a live threshold", "roc");
  const rocSpec: ResultTableSpec = {
    id: "roc",
    caption: "Discrimination: AUC with 95% DeLong CI and the Youden-optimal threshold, for the model’s fitted probabilities and each numeric predictor (direction chosen as pROC’s “auto”).",
    columns: [
      {key: "marker", label: "Marker", rowHeader: true},
      {key: "direction", label: "Direction", format: (v) => (v === "<" ? "higher → event" : "lower → event")},
      {key: "auc", label: "AUC", format: num(3)},
      {key: "ciLower", label: "95% CI lower", format: num(3)},
      {key: "ciUpper", label: "95% CI upper", format: num(3)},
      {key: "threshold", label: "Youden threshold", format: num(4)},
      {key: "sensitivity", label: "Sensitivity", format: num(3)},
      {key: "specificity", label: "Specificity", format: num(3)},
      // pROC lists every threshold tied for the best J; the column appears only when some marker has a tie.
      ...(cli.roc.some((r) => r.youdenTies.length > 1) ? [{key: "youdenTies", label: "Tied Youden thresholds", format: (v: CellValue) => (v ? String(v).split("; ").map((t) => formatNumber(Number(t), 4)).join("; ") : "")}] : [])
    ],
    // Full precision in the cell (and so in its CSV download); four decimals on screen.
    rows: cli.roc.map(({youdenTies, ...r}) => ({...r, youdenTies: youdenTies.length > 1 ? youdenTies.join("; ") : ""}))
  };
  roc.append(drawn(() => resultTable(rocSpec)));
  if (cli.comparisons.length) {
    roc.append(resultTable({
      id: "comparisons",
      caption: "DeLong’s paired test of the model’s AUC against each numeric predictor’s (pROC roc.test, paired, method “delong”).",
      columns: [
        {key: "a", label: "Curve A", rowHeader: true},
        {key: "b", label: "Curve B"},
        {key: "z", label: "z", format: num(3)},
        {key: "p", label: "p", format: pval}
      ],
      rows: cli.comparisons.map((c) => ({...c}))
    }));
  }
  const live = thresholdExplorer(result, {width, ...explorer});
  roc.append(live);
  root.append(roc);

  // Bootstrap validation.
  const boot = section("Bootstrap validation", "bootstrap");
  const b = cli.validation?.fixed ?? null;
  if (b) {
    boot.append(el("p", `${b.replicates} bootstrap samples (seed ${b.seed}): the model was refitted in each and scored on the sample and on the original data; the mean difference is the optimism, which the corrected figures subtract (Harrell 2015, §5.3). ${b.used} of ${b.replicates} replicates were used${b.failed.total ? ` (${b.failed.nonConverged} did not converge, ${b.failed.separated} showed separation, ${b.failed.oneClass} had one outcome class, ${b.failed.errors} could not be fitted)` : ""}.`, {"data-testid": "your-bootstrap-summary"}));
    boot.append(resultTable({
      id: "bootstrap",
      caption: `Optimism-corrected performance (${b.method === "firth" ? "Firth" : "maximum likelihood"} refits, B = ${b.replicates}).`,
      columns: [
        {key: "measure", label: "Measure", rowHeader: true},
        {key: "apparent", label: "Apparent", format: num(3)},
        {key: "optimism", label: "Optimism", format: num(3)},
        {key: "corrected", label: "Corrected", format: num(3)}
      ],
      rows: b.indices.map((r) => ({measure: r.label, apparent: r.apparent, optimism: r.optimism, corrected: r.corrected}))
    }));
  } else {
    boot.append(el("p", "Bootstrap validation was not computed (see the warnings).", {"data-testid": "your-bootstrap-missing"}));
  }
  root.append(boot);

  // Calibration.
  const cal = section("Calibration", "calibration");
  const c = cli.calibration;
  if (c) {
    const groups = c.hosmerLemeshow?.groups ?? [];
    cal.append(resultTable({
      id: "calibration",
      caption: "Apparent calibration of the fitted probabilities (as rms::val.prob): slope, calibration-in-the-large intercept, Brier score, and the Hosmer–Lemeshow test over deciles of risk.",
      columns: [
        {key: "measure", label: "Measure", rowHeader: true},
        {key: "value", label: "Value", format: (v, r) => (r.measure === "Hosmer–Lemeshow p" ? pval(v) : num(3)(v))}
      ],
      rows: [
        {measure: "Calibration slope", value: c.slope},
        {measure: "Calibration intercept (in the large)", value: c.intercept},
        {measure: "Brier score", value: c.brier},
        {measure: "Scaled Brier score", value: c.brierScaled},
        ...(c.hosmerLemeshow ? [{measure: "Hosmer–Lemeshow χ²", value: c.hosmerLemeshow.statistic}, {measure: "Hosmer–Lemeshow df", value: c.hosmerLemeshow.df}, {measure: "Hosmer–Lemeshow p", value: c.hosmerLemeshow.p}] : [])
      ]
    }));
    const curve = c.curve;
    if (curve) cal.append(drawn(() => chartFigure(relabelOutcome(calibrationPlot({curve, predictions: result.fitted, outcome: result.outcome, groups}, {width, curveLabel: "Smoothed (lowess, as rms::val.prob)"})), {
      title: "Calibration: observed against predicted risk",
      description: `Observed event rate against mean predicted risk in ${groups.length} groups of predicted risk${c.curve ? ", with a smoothed curve" : ""}. Slope ${formatNumber(c.slope, 3)}, intercept ${formatNumber(c.intercept, 3)}, Brier score ${formatNumber(c.brier, 3)}. The diagonal is perfect calibration.`,
      caption: "Squares: deciles of predicted risk (Hosmer–Lemeshow groups). Bottom: distribution of the predictions in patients with and without the event.",
      filename: "calibration"
    })));
  } else {
    cal.append(el("p", "Calibration was not computed (see the warnings).", {"data-testid": "your-calibration-missing"}));
  }
  root.append(cal);

  // Decision curve.
  const dca = section("Decision curve", "decision-curve");
  if (cli.decisionCurve) {
    const points = cli.decisionCurve;
    dca.append(drawn(() => chartFigure(decisionCurveChart(points, {width, prevalence: cli.events / cli.n}), {
      title: "Net benefit of deciding by the model",
      description: `Net benefit against threshold probability from ${formatPercent(points[0]?.threshold ?? 0)} to ${formatPercent(points[points.length - 1]?.threshold ?? 0)} for the model, treating everyone and treating no one (Vickers & Elkin 2006).`,
      caption: "Net benefit = TP/n − FP/n × pt/(1 − pt). Treat none = 0.",
      filename: "decision-curve"
    })));
    dca.append(decisionCurveTable("decision-curve", "Model", points));
  } else {
    dca.append(el("p", "The decision curve was not computed (see the warnings).", {"data-testid": "your-decision-curve-missing"}));
  }
  root.append(dca);
  return Object.assign(root, {explorer: live});
}

function isSeparated(result: PageResult): boolean {
  return result.separation || result.cli.warnings.some((w) => /separat/i.test(w));
}

/** The CLI invocation that prints the same JSON. */
export function commandLine(result: PageResult): string {
  const c = result.choices;
  const procedure = [
    c.screenP != null ? ` --screen-p ${c.screenP}` : "",
    c.select === "wald" ? ` --select-p ${c.selectP ?? 0.05}` : c.select === "backward" ? " --backward aic" : ""
  ].join("");
  return `npm run --silent analyze -- --data ${shellQuote(result.fileName)} --outcome ${shellQuote(c.outcome)} --positive ${shellQuote(c.positive)} --predictors ${shellQuote(c.predictors.join(","))}${c.firth ? " --firth" : ""}${procedure} --bootstrap ${c.replicates} --seed ${c.seed}`;
}

/** The shared calibration plot names the study's outcome (ASD); here it is the reader's event. */
function relabelOutcome(chart: SVGSVGElement): SVGSVGElement {
  for (const text of Array.from(chart.querySelectorAll("text, tspan"))) {
    if (text.children.length) continue;
    const before = text.textContent ?? "";
    const after = before.replace(/Non-ASD/g, "No event").replace(/with ASD/g, "with the event").replace(/of ASD/g, "of the event").replace(/\bASD\b/g, "Event");
    if (after !== before) text.textContent = after;
  }
  return chart;
}

/** The forest plot's key names the study's "reproduced" and "published" ORs; a reader's cohort has neither. */
function relabelForest(chart: SVGSVGElement): SVGSVGElement {
  for (const text of Array.from(chart.querySelectorAll("text"))) {
    if (text.textContent === "reproduced OR with 95% CI") text.textContent = "OR with 95% CI";
    else if (text.textContent === "published OR") text.remove();
  }
  // The key's open diamond for "published OR" (the only vermillion-stroked mark when no row has a published OR).
  for (const mark of Array.from(chart.querySelectorAll(`g[stroke="${OKABE_ITO.vermillion}"]`))) mark.remove();
  return chart;
}
