/**
 * The Model page's parts, so the page holds prose, inputs and layout: its controls (bound to the URL), the summary
 * of a fit, the forest plot and tables of the model of every survivor, the procedure's equation, the checks' tables
 * and the partial-effect figure. Everything is read from the page's model view (./model-view.ts); no statistic is
 * computed here.
 *
 * Example: const inputs = modelInputs(analysis); const candidates = view(inputs.candidates)
 */
import * as Inputs from "@observablehq/inputs";
import {html} from "htl";
import {bindToUrl} from "../url-state.js";
import {numberInput} from "../number-input.js";
import {formatEstimateCi, formatNumber, formatP} from "../format.js";
import {formatPrinted} from "../stats/printed.js";
import {forestPlot} from "../charts/forestPlot.js";
import {chartFigure} from "../charts/figure.js";
import {partialEffectChart} from "../charts/partialEffectChart.js";
import {modelTable} from "../tables/modelTable.js";
import {anovaTable} from "../tables/modelChecksTables.js";
import {logisticEquation} from "../equation.js";
import type {ModelResult} from "../pipeline/model.js";
import type {AnalysisResult} from "../pipeline/pipeline.js";
import type {ModelChecks, PartialEffectCurve} from "../pipeline/model-checks.js";
import {SPLINE_KNOT_CHOICES} from "./model-view.js";
import {STUDY_CANDIDATES, axisLabel, columnInfo, publishedColumn, termLabel, type Published} from "./study.js";

/** Short names of the study's candidates for sentences and equations. */
export const SHORT_NAMES: Record<string, string> = {age: "age", smoking: "smoking", prior_asd: "prior ASD", bmd_t: "BMD", cement_ml: "cement", cement_leakage: "leakage", cobb_post_deg: "Cobb", height_recovery_pct: "recovery"};

/** The study's measurements (the candidates a spline can be asked of). */
export const MEASURED: readonly string[] = STUDY_CANDIDATES.filter((k) => columnInfo(k).kind === "continuous");

/** The page's controls, each reflected into the URL (candidates, screen, select, spline, knots). */
export function modelInputs(analysis: AnalysisResult) {
  const univariateP = new Map(analysis.univariate.map((u) => [u.variable, u.p]));
  const candidates = Inputs.checkbox(STUDY_CANDIDATES, {label: "Candidate variables", value: [...STUDY_CANDIDATES], format: (k: string) => `${columnInfo(k).label} (univariate p ${formatP(univariateP.get(k))})`});
  candidates.setAttribute("data-testid", "model-candidates");
  // Inputs.checkbox's values are indices; each box also carries its column name, for tests and tools.
  candidates.querySelectorAll("input[type=checkbox]").forEach((box: Element, i: number) => box.setAttribute("data-testid", `model-candidate-${STUDY_CANDIDATES[i]}`));
  const screen = analysis.procedure.screen.method === "univariable" ? analysis.procedure.screen.p : 1;
  const threshold = numberInput({label: "Screening threshold: enter if univariate p <", min: 0.001, max: 1, step: 0.001, value: screen, testId: "model-threshold"});
  const selectP = analysis.procedure.select.method === "wald" ? analysis.procedure.select.p : 0.05;
  const select = Inputs.radio(new Map([["none: keep every survivor", "none"], [`Wald p < ${selectP}, then refit`, "wald"], ["backward elimination (fastbw, AIC), then refit", "backward"]]), {label: "Then select", value: analysis.procedure.select.method});
  select.setAttribute("data-testid", "model-selection");
  const splines = Inputs.checkbox(MEASURED, {label: "Enter as a restricted cubic spline", value: [], format: (k: string) => SHORT_NAMES[k] ?? k});
  splines.setAttribute("data-testid", "model-splines");
  splines.querySelectorAll("input[type=checkbox]").forEach((box: Element, i: number) => box.setAttribute("data-testid", `model-spline-${MEASURED[i]}`));
  const knots = Inputs.radio(SPLINE_KNOT_CHOICES, {label: "Knots per spline", value: SPLINE_KNOT_CHOICES[0]});
  knots.setAttribute("data-testid", "model-knots");
  return {
    candidates: bindToUrl(candidates, "candidates"),
    threshold: bindToUrl(threshold, "screen"),
    select: bindToUrl(select, "select"),
    splines: bindToUrl(splines, "spline", {kind: "strings"}),
    knots: bindToUrl(knots, "knots")
  };
}

const pPhrase = (p: number | null) => (formatP(p).startsWith("<") ? `p ${formatP(p)}` : `p = ${formatP(p)}`);

/** The fit of every survivor in a sentence (n, events, EPV with its warning, LR test, AIC), or why there is none. */
export function fitSummary(full: ModelResult | null, {candidates, unavailable}: {candidates: readonly string[]; unavailable: string | null}): HTMLElement {
  if (!full) return html`<p data-testid="model-none">No model: ${candidates.length === 0 ? "no candidate is chosen" : unavailable ? "see above" : "no candidate passes the screen"}.</p>`;
  const parameters = full.terms.length - 1;
  const epv = full.events / parameters;
  return html`<p>Fitted to <span data-testid="model-n">${full.n}</span> patients with <span data-testid="model-events">${full.events}</span> events: <span data-testid="model-epv">${formatNumber(epv, 1)}</span> events per parameter${epv < 10 ? html` — <strong>below the rule of thumb of 10</strong>, so the ORs are unstable and biased away from 1 (Peduzzi et al. 1996); see <a href="./validation.html">Validation</a>` : ""}. Likelihood-ratio test against the intercept-only model: χ² = ${formatNumber(full.lrStatistic, 2)} on ${full.lrDf} df, ${pPhrase(full.lrP)}; AIC ${formatNumber(full.aic, 1)}.</p>`;
}

const equationLabels = (m: ModelResult, withUnit: boolean) => Object.fromEntries(m.predictors.map((k) => [k, `${SHORT_NAMES[k] ?? k}${columnInfo(k).kind === "binary" ? " (0/1)" : withUnit ? ` (${columnInfo(k).unit})` : ""}`]));

/** The model of every survivor: its equation, forest plot (at `width`), table and the published ORs beside. */
export function survivorsModel(full: ModelResult, published: Published, width: number): HTMLElement {
  const publishedTerms = Object.fromEntries(published.multivariable.map((m) => [publishedColumn(m.name), m]));
  // a spline's nonlinear terms have no odds ratio per unit of their own: their effect is in the partial-effect plot
  const rows = full.terms.filter((t) => t.term !== "(Intercept)" && !/'$/.test(t.term)).map((t) => ({
    term: t.term, label: termLabel(t.term), oddsRatio: t.oddsRatio ?? NaN, ciLower: t.ciLower ?? NaN, ciUpper: t.ciUpper ?? NaN, p: t.p ?? NaN, published: publishedTerms[t.term]?.or ?? null
  }));
  const forest = chartFigure(forestPlot(rows, {width}), {
    title: "Odds ratios of the multivariable model, with the published ORs",
    description: `Forest plot of ${rows.length} odds ratios on a log scale. ${rows.map((r) => `${r.label}: OR ${formatEstimateCi(r.oddsRatio, r.ciLower, r.ciUpper)}${r.published != null ? `, published ${r.published}` : ""}`).join("; ")}.`,
    caption: `Dots and lines: reproduced OR with 95% Wald CI. Open diamonds: the abstract's ORs. The vertical line at 1 is no effect.${full.terms.some((t) => /'$/.test(t.term)) ? " A spline's OR is for its linear term only; its shape is in the partial-effect plot." : ""}`,
    filename: "forest-plot"
  });
  const table = modelTable(full.terms, {
    labels: Object.fromEntries(full.terms.map((t) => [t.term, termLabel(t.term)])),
    published: publishedTerms,
    caption: `Logistic regression of ASD on ${full.predictors.length} variables (maximum likelihood; Wald 95% CIs); published figures from the abstract`
  });
  const vs = html`<p data-testid="model-vs-published">Reproduced ORs against the published ones: ${published.multivariable.map((m) => {
    const t = full.terms.find((x) => x.term === publishedColumn(m.name));
    return t ? `${termLabel(t.term)} ${formatNumber(t.oddsRatio, 3)} (published ${formatPrinted({value: m.or, decimals: m.orDecimals ?? 3})})` : `${m.label ?? m.name}: not in this model (published OR ${formatPrinted({value: m.or, decimals: m.orDecimals ?? 3})})`;
  }).join("; ")}.</p>`;
  return html`<div><h3>The fitted equation</h3>${logisticEquation(full.terms.map((t) => ({term: t.term, estimate: t.estimate ?? NaN})), {labels: equationLabels(full, false), decimals: 3, termsPerLine: 3})}<h3>Odds ratios</h3>${forest}${table}${vs}</div>`;
}

/** The procedure's model: its equation and table (the prediction equation with the study's choices). */
export function procedureModel(final: ModelResult): HTMLElement {
  return html`<div>${logisticEquation(final.terms.map((t) => ({term: t.term, estimate: t.estimate ?? NaN})), {labels: equationLabels(final, true), decimals: 4, termsPerLine: 2})}${modelTable(final.terms, {
    labels: Object.fromEntries(final.terms.map((t) => [t.term, termLabel(t.term)])),
    caption: "The procedure's model, refitted to the kept factors (with the study's choices: the prediction equation the ROC explorer and the risk calculator use)",
    testId: "equation-terms"
  })}</div>`;
}

/** The two anova tables: each measurement as a spline (the test of nonlinearity), and the model as chosen. */
export function checksTables(checks: ModelChecks | null, {splined, knots, aic}: {splined: readonly string[]; knots: number; aic: number | null}): HTMLElement {
  const parts: HTMLElement[] = [];
  if (checks?.nonlinearity) {
    const k = [...new Set(checks.nonlinearity.splines.map((s) => s.knots.length))].join("/");
    parts.push(anovaTable(checks.nonlinearity.rows, {names: SHORT_NAMES, testId: "model-nonlinearity-table", caption: `Likelihood-ratio tests with each of the model's measurements as a ${k}-knot spline (rms anova, test = "LR"); AIC of the model without the row's terms`}));
  }
  if (checks?.anova) {
    parts.push(anovaTable(checks.anova, {names: SHORT_NAMES, testId: "model-anova", caption: `The procedure's model as chosen above${splined.length ? ` (${splined.map((k) => SHORT_NAMES[k]).join(", ")} as ${knots}-knot splines)` : ""}: what each factor adds to the others, by likelihood ratio; its AIC ${formatNumber(aic, 1)}`}));
  }
  return html`<div>${parts}</div>`;
}

/** The partial-effect controls: which measurement (a spline first) and which scale. */
export function effectInputs(checks: ModelChecks | null) {
  const curves = checks?.partialEffects ?? [];
  const factor = Inputs.select(curves.map((c) => c.factor), {label: "Measurement", format: (k: string) => axisLabel(k), value: curves.find((c) => c.kind === "spline")?.factor ?? curves[0]?.factor});
  factor.querySelector("select")?.setAttribute("data-testid", "model-effect-factor");
  const scale = Inputs.radio(new Map([["log-odds", "logOdds"], ["odds ratio against the median", "or"]]), {label: "Scale", value: "logOdds"});
  scale.setAttribute("data-testid", "model-effect-scale");
  return {factor, scale: bindToUrl(scale, "scale")};
}

/** The partial-effect figure of one measurement at `width`. */
export function partialEffectFigure(checks: ModelChecks | null, factor: string | undefined, scale: "logOdds" | "or", width: number): HTMLElement {
  const curve: PartialEffectCurve | undefined = checks?.partialEffects.find((c) => c.factor === factor);
  if (!curve) return html`<p>No measurement in this model to plot.</p>`;
  const knots = checks!.splines.find((s) => s.factor === factor)?.knots ?? [];
  const others = curve.adjustedTo.map((a) => `${SHORT_NAMES[a.factor] ?? a.factor} ${typeof a.value === "number" ? formatNumber(a.value, 2) : a.value}`).join(", ");
  return chartFigure(partialEffectChart(curve, {width, scale, label: axisLabel(curve.factor), knots}), {
    title: `Partial effect of ${SHORT_NAMES[curve.factor]} in the procedure's model (${curve.kind === "spline" ? `spline, ${knots.length} knots` : "linear"})`,
    description: `${scale === "or" ? "Odds ratio" : "Log-odds of ASD"} against ${axisLabel(curve.factor)}, with a pointwise 95% band${others ? `, the other factors held at ${others}` : ""}.`,
    caption: `As rms::Predict: ${others ? `the other factors at their medians (${others}); ` : ""}band = pointwise 95% CI by the delta method${knots.length ? "; dashed lines: the knots" : ""}.`,
    filename: `partial-effect-${curve.factor}`
  });
}
