/**
 * The tables of the page "Redraw the study": the population's true model, what one redrawn study would have
 * published beside the truth, what many studies add up to for one procedure, and the procedures side by side.
 * Every cell with a number carries data-value (full precision; NaN, Infinity and -Infinity as those words) so tests
 * and readers can check it; Monte-Carlo figures are written to the digits their error supports (../teaching/
 * monte-carlo.ts), and every table over many studies says its B, n and seed in its caption.
 *
 * Example: studyReportTable(redrawStudy(pop, {n: 162, seed: 1, index: 0}).outcomes.paper, pop)
 */
import {ensureTableStyle} from "./style.js";
import {termLabel} from "../study/study.js";
import {formatP} from "../format.js";
import {formatMc, formatMcPercent, formatValue, mcDecimals} from "../teaching/monte-carlo.js";
import type {Population} from "../teaching/population.js";
import type {ProcedureOutcome} from "../teaching/redraw.js";
import type {ProcedureSummary, Spread} from "../teaching/simulate.js";
import {teachingProcedure, type TeachingProcedureKey} from "../teaching/procedures.js";

type Cell = string | {text: string; value?: number | string; testId?: string; header?: boolean};

function valueText(v: number | string): string {
  return typeof v === "number" ? (Number.isNaN(v) ? "NaN" : v === Infinity ? "Infinity" : v === -Infinity ? "-Infinity" : String(v)) : v;
}

function table({caption, head, rows, testId, label}: {caption: string; head: string[]; rows: {cells: Cell[]; attrs?: Record<string, string>}[]; testId: string; label: string}): HTMLElement {
  ensureTableStyle();
  const wrapper = document.createElement("div");
  wrapper.className = "table-scroll";
  wrapper.setAttribute("role", "region");
  wrapper.setAttribute("aria-label", `${label}, scrollable`);
  wrapper.tabIndex = 0;
  const t = document.createElement("table");
  t.className = "stats teaching-table";
  t.setAttribute("data-testid", testId);
  const cap = document.createElement("caption");
  cap.textContent = caption;
  t.append(cap);
  const headRow = t.createTHead().insertRow();
  for (const h of head) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = h;
    headRow.append(th);
  }
  const body = t.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const [k, v] of Object.entries(row.attrs ?? {})) tr.setAttribute(k, v);
    row.cells.forEach((cell, i) => {
      const c = typeof cell === "string" ? {text: cell} : cell;
      const el = document.createElement(i === 0 || c.header ? "th" : "td");
      if (el instanceof HTMLTableCellElement && el.tagName === "TH") el.setAttribute("scope", "row");
      el.textContent = c.text;
      if (c.value !== undefined) el.setAttribute("data-value", valueText(c.value));
      if (c.testId) el.setAttribute("data-testid", c.testId);
      tr.append(el);
    });
  }
  wrapper.append(t);
  return wrapper;
}

// True ORs are written as published (1.199, 2.653): they are the abstract's own figures, not estimates.

/** "2.65" for an OR: three significant digits, ±∞ and NaN said. */
function orText(or: number): string {
  if (!Number.isFinite(or)) return formatValue(or, 0);
  if (or >= 1000 || (or > 0 && or < 0.001)) return or.toExponential(1).replace("-", "−");
  return String(+or.toPrecision(3));
}

/** The true model: one row per candidate (OR per unit, β) and the intercept. */
export function trueModelTable(pop: Population): HTMLElement {
  return table({
    caption: `The population's true model: logit P(ASD) = β₀ + Σ β·x, over the ${pop.size} profiles`,
    head: ["Term", "True OR", "True β (log-odds)", "Where the value comes from"],
    testId: "teaching-true-model",
    label: "True model",
    rows: [
      ...pop.effects.map((e) => ({
        attrs: {"data-variable": e.variable},
        cells: [termLabel(e.variable), {text: String(e.oddsRatio), value: e.oddsRatio}, {text: formatValue(e.beta, 4), value: e.beta}, e.published ? "the abstract's multivariable OR" : "no effect (OR 1)"] as Cell[]
      })),
      {attrs: {"data-variable": "(Intercept)"}, cells: ["Intercept β₀", "", {text: formatValue(pop.intercept, 4), value: pop.intercept}, `solved: mean true risk = ${pop.publishedEvents}/${pop.publishedTotal}`]}
    ]
  });
}

/** What one study would have published, beside the truth. */
export function studyReportTable(outcome: ProcedureOutcome, pop: Population, {caption}: {caption?: string} = {}): HTMLElement {
  const spec = teachingProcedure(outcome.key);
  return table({
    caption: caption ?? `What this study would have published (${spec.label.toLowerCase()})`,
    head: ["Factor", "True OR", "Study's OR (95% CI)", "p", spec.key === "paper" ? "Reported as a risk factor" : "Significant (p < 0.05)"],
    testId: "teaching-study-table",
    label: "The redrawn study's model",
    rows: outcome.factors.map((f, j) => {
      const truth = pop.effects[j]!;
      const ci = spec.shrink ? " (no CI)" : Number.isFinite(f.ciLower) ? ` (${orText(f.ciLower)}–${orText(f.ciUpper)})` : outcome.separated ? " (no CI: separation)" : "";
      return {
        attrs: {"data-variable": f.variable},
        cells: [
          termLabel(f.variable),
          {text: String(truth.oddsRatio), value: truth.oddsRatio},
          f.inModel ? {text: `${orText(f.oddsRatio)}${ci}`, value: f.oddsRatio, testId: `teaching-study-or-${f.variable}`} : {text: spec.key === "paper" ? "not in the model" : "—", value: NaN, testId: `teaching-study-or-${f.variable}`},
          f.inModel ? {text: formatP(f.p), value: f.p} : {text: "", value: NaN},
          {text: f.reported ? "yes" : "no", value: f.reported ? "yes" : "no", testId: `teaching-study-reported-${f.variable}`}
        ] as Cell[]
      };
    })
  });
}

function rangeText(s: Spread, decimals: number): string {
  return s.count ? `${formatValue(s.q025, decimals)} to ${formatValue(s.q975, decimals)}` : "";
}

export interface SummaryContext {
  n: number;
  seed: number;
}

/** Per factor over many studies: how often reported, and the OR's spread against the truth. */
export function factorSummaryTable(summary: ProcedureSummary, {n, seed}: SummaryContext): HTMLElement {
  const spec = teachingProcedure(summary.key);
  return table({
    caption: `${spec.label}: each factor over ${summary.used.toLocaleString("en-US")} redrawn studies of ${n.toLocaleString("en-US")} patients (B = ${summary.studies.toLocaleString("en-US")}, seed ${seed})`,
    head: ["Factor", "True OR", spec.key === "paper" ? "Reported as a risk factor" : "Significant", "Median OR (middle 95%) when in the model", "Median OR when reported"],
    testId: "teaching-factor-summary",
    label: "Each factor over many studies",
    rows: summary.factors.map((f) => {
      const or = f.oddsRatio;
      const rep = f.reportedOddsRatio;
      return {
        attrs: {"data-variable": f.variable},
        cells: [
          termLabel(f.variable),
          {text: String(f.trueOddsRatio), value: f.trueOddsRatio},
          {text: formatMcPercent(f.reported, summary.used), value: f.reported, testId: `teaching-reported-${f.variable}`},
          {text: or.count ? `${orText(or.median)} (${orText(or.q025)} to ${orText(or.q975)})` : "never in the model", value: or.median, testId: `teaching-or-${f.variable}`},
          {text: rep.count ? orText(rep.median) : "never reported", value: rep.median}
        ] as Cell[]
      };
    })
  });
}

/** The headline figures of one procedure over many studies. */
export function studySummaryTable(summary: ProcedureSummary, pop: Population, {n, seed}: SummaryContext): HTMLElement {
  const spec = teachingProcedure(summary.key);
  const spreadRow = (label: string, s: Spread, testId: string, note = "") => {
    const d = mcDecimals(s.medianSe, {fallback: 3});
    return {cells: [label, {text: s.count ? `${formatMc(s.median, s.medianSe)}${note}` : "not defined", value: s.median, testId}, {text: rangeText(s, d), value: s.q025}] as Cell[]};
  };
  const count = (label: string, k: number, testId: string) => ({cells: [label, {text: formatMcPercent(k, summary.used), value: k, testId}, ""] as Cell[]});
  const trueNames = pop.trueFactors.map((v) => termLabel(v).replace(/ \(.*\)$/, "")).join(", ");
  return table({
    caption: `${spec.label}: what ${summary.used.toLocaleString("en-US")} redrawn studies of ${n.toLocaleString("en-US")} patients published (B = ${summary.studies.toLocaleString("en-US")}, seed ${seed}; true AUC ${formatValue(pop.trueAuc, 3)})`,
    head: ["", "Median, or share of studies", "Middle 95% of studies"],
    testId: "teaching-study-summary",
    label: "What many studies published",
    rows: [
      count(`Reported exactly the ${pop.trueFactors.length} true factors (${trueNames})`, summary.exactlyTrue, "teaching-exactly-true"),
      count(`Reported all ${pop.trueFactors.length}, perhaps with others`, summary.allTrue, "teaching-all-true"),
      count("Reported at least one factor with no effect", summary.anyNull, "teaching-any-null"),
      spreadRow("Apparent AUC (in its own patients)", summary.apparentAuc, "teaching-apparent-auc"),
      spreadRow("AUC in new patients", summary.newAuc, "teaching-new-auc"),
      spreadRow("Optimism (apparent − new)", summary.optimism, "teaching-optimism"),
      spreadRow("Calibration slope in new patients (1 = right)", summary.slope, "teaching-slope"),
      ...(spec.shrink ? [spreadRow("Shrinkage factor used", summary.shrinkage, "teaching-shrinkage")] : []),
      {cells: ["Studies whose fit showed separation", {text: summary.separated.toLocaleString("en-US"), value: summary.separated, testId: "teaching-separated"}, ""]},
      {cells: ["Studies the procedure could not be run on", {text: summary.failed ? `${summary.failed.toLocaleString("en-US")}: ${summary.failures.map((f) => `${f.reason} (${f.count})`).join("; ")}` : "none", value: summary.failed, testId: "teaching-failed"}, ""]}
    ]
  });
}

export interface ComparisonEntry {
  n: number;
  key: TeachingProcedureKey;
  summary: ProcedureSummary;
}

/** The three procedures side by side, at each study size. */
export function comparisonTable(entries: readonly ComparisonEntry[], pop: Population, {seed}: {seed: number}): HTMLElement {
  const b = entries[0]?.summary.studies ?? 0;
  return table({
    caption: `The three procedures on the same redrawn studies (B = ${b.toLocaleString("en-US")} at each size, seed ${seed}); medians over studies, true AUC ${formatValue(pop.trueAuc, 3)}`,
    head: ["Procedure", "Patients (expected events)", `Exactly the ${pop.trueFactors.length} true factors`, "Any factor with no effect", "Apparent AUC", "AUC in new patients", "Calibration slope in new patients"],
    testId: "teaching-comparison",
    label: "Procedures side by side",
    rows: entries.map(({n, key, summary: s}) => ({
      attrs: {"data-procedure": key, "data-n": String(n)},
      cells: [
        teachingProcedure(key).label,
        {text: `${n.toLocaleString("en-US")} (${formatValue(n * pop.prevalence, 0)})`, value: n, header: false},
        {text: formatMcPercent(s.exactlyTrue, s.used), value: s.exactlyTrue},
        {text: formatMcPercent(s.anyNull, s.used), value: s.anyNull},
        {text: formatMc(s.apparentAuc.median, s.apparentAuc.medianSe), value: s.apparentAuc.median},
        {text: formatMc(s.newAuc.median, s.newAuc.medianSe), value: s.newAuc.median},
        {text: formatMc(s.slope.median, s.slope.medianSe), value: s.slope.median}
      ] as Cell[]
    }))
  });
}
