/**
 * The Model page's reading of the model checks (../pipeline/model-checks.ts), in words with the numbers: the test
 * of nonlinearity (each measurement of the model as a restricted cubic spline), the LR tests of the model as chosen
 * (with its own splines), AIC, and Riley's minimum sample size by candidate parameters beside the figure by the
 * model's parameters. Pure functions of the view, returning elements; no statistic is computed here.
 *
 * Example: nonlinearitySentence(view.checks, {names: shortNames})
 */
import {html} from "htl";
import {formatNumber, formatP} from "../format.js";
import type {ModelChecks} from "../pipeline/model-checks.js";

const pText = (p: number | null | undefined) => {
  const t = formatP(p);
  return t.startsWith("<") || t.startsWith(">") ? `p ${t}` : `p = ${t}`;
};

/** "χ² = 9.95 on 4 df, p = 0.041". */
export function chiSquareText(statistic: number | null | undefined, df: number, p: number | null | undefined): string {
  return `χ² = ${formatNumber(statistic, 2)} on ${df} df, ${pText(p)}`;
}

export function nonlinearitySentence(checks: ModelChecks | null, {names = {}}: {names?: Record<string, string>} = {}): HTMLElement {
  const nl = checks?.nonlinearity;
  if (!nl) return html`<p data-testid="model-nonlinearity">No measurement is in this model (or it is not a maximum-likelihood fit), so there is no linearity to test.</p>`;
  const name = (k: string | null) => (k === null ? "" : names[k] ?? k);
  const rows = nl.rows.filter((r) => r.kind === "nonlinear");
  const total = nl.rows.find((r) => r.kind === "total nonlinear");
  const knots = [...new Set(nl.splines.map((s) => s.knots.length))];
  const overall = total ?? (rows.length === 1 ? rows[0]! : null);
  const lowest = rows.slice().sort((a, b) => a.p - b.p)[0];
  return html`<p data-testid="model-nonlinearity">Each of the model's ${nl.splines.length === 1 ? "measurement" : `${nl.splines.length} measurements`} entered as a restricted cubic spline with ${knots.join(" or ")} knots instead of a straight line:
  the nonlinear part${rows.length === 1 ? "" : "s together"} give${rows.length === 1 ? "s" : ""} a likelihood-ratio <span data-testid="model-nonlinearity-overall" data-value=${overall?.p}>${overall ? chiSquareText(overall.statistic, overall.df, overall.p) : "—"}</span>${lowest && rows.length > 1 ? html`; the strongest single bend is ${name(lowest.factor)}'s (${chiSquareText(lowest.statistic, lowest.df, lowest.p)})` : ""}.
  AIC (lower is better, penalising each parameter by 2) is <span data-testid="model-aic-linear" data-value=${nl.aicLinear}>${formatNumber(nl.aicLinear, 1)}</span> with every measurement linear and <span data-testid="model-aic-spline" data-value=${nl.aicSpline}>${formatNumber(nl.aicSpline, 1)}</span> with every one a spline.
  ${overall && overall.p < 0.05 ? "The straight-line assumption is questionable here: the published odds ratios per unit average over a relationship that bends." : "The data do not contradict straight lines — with this few events the test has little power, so that is not proof of linearity either."}</p>`;
}

export function rileyCandidatesSentence(checks: ModelChecks | null, {n, modelParameters, modelMinimum}: {n: number; modelParameters: number; modelMinimum: number | null}): HTMLElement {
  const c = checks?.candidateSampleSize;
  if (!c?.conservative) return html`<p data-testid="riley-candidates">Riley's minimum by candidate parameters could not be computed for this choice.</p>`;
  return html`<p data-testid="riley-candidates">Riley et al. (BMJ 2020) size a development study by the number of <em>candidate</em> parameters — every parameter considered before any selection, because the selection itself spends the data —
  not by the ${modelParameters} the final model keeps. Counting every candidate (a spline with K knots counts K − 1) gives P = <strong data-testid="riley-candidates-p">${c.parameters}</strong>,
  and with the cautious anticipated Cox–Snell R² of ${formatNumber(c.conservative.rSquaredCS, 3)} (15% of its maximum at this prevalence) a minimum of <strong data-testid="riley-candidates-minimum" data-value=${c.conservative.minimum}>${c.conservative.minimum}</strong> patients${modelMinimum !== null ? `, against ${modelMinimum} for the model's ${modelParameters} parameters` : ""}; the cohort has ${n}.</p>`;
}
