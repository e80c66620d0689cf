/**
 * Fidelity report: every figure the abstract publishes, recomputed by the project's engine on a cohort (the
 * reconstruction, or real data), beside the published value, with whether it matches at the published precision.
 *
 * Each figure is computed as the study (by the usual reading) computed it:
 * - group sizes and yes/no counts: counted;
 * - mean ± SD per group: describe() (SD with n − 1);
 * - univariate p-values: Student's t with pooled variance (studentT) for measured variables, Pearson's chi-square
 *   without continuity correction (chiSquare(table, {correct: false})) for yes/no variables — these two reproduce
 *   the abstract's own p-values from its own summary figures (`summaryCheck` shows the arithmetic), while Welch's
 *   t, Yates' correction or Fisher's test do not all do so;
 * - multivariable ORs and Wald p-values: fitLogistic on all eight candidate predictors (modelSpecification);
 *   smoking, prior ASD, leakage and Cobb angle, which the abstract does not list as independent factors, are
 *   checked for p > 0.05;
 * - AUCs: the engine's rocCurve (stats/roc.ts, pinned to pROC 1.18)
 *   with pROC's direction "auto" for each single factor; for the prediction equation, of the fitted probabilities
 *   of the logistic model of the four independent factors (direction "<").
 *
 * A figure "matches" by the project's one rule (../stats/printed.ts): printed as v with d decimals when
 * |x − v| ≤ 0.5·10^−d (it prints as v); "P<0.001" when x < 0.001; "not significant" when p > 0.05. Rows with a missing value are dropped (complete cases) first.
 *
 * Throws RangeError when the cohort is empty or lacks one of the outcome groups.
 *
 * @example fidelityReport(published, rows).summary // {total: 58, matched: 58, missed: 0}
 */
import {describe} from "../stats/descriptives.js";
import {studentT, studentTFromSummary} from "../stats/t-test.js";
import {chiSquare} from "../stats/chi-square.js";
import {buildDesign} from "../stats/design.js";
import {fitLogistic} from "../stats/logistic.js";
import {rocCurve} from "../stats/roc.js";
import {normalQuantile} from "../stats/distributions.js";
import type {PublishedSummary} from "../stats/abstract-check.js";
import {COHORT_COLUMNS, type CohortRow} from "./schema.js";
import {columnOf} from "./reconstruction/targets.js";
import {printedDecimals, printsAs} from "../stats/printed.js";
import {STUDY_CANDIDATES, STUDY_OUTCOME, publishedFactors} from "../study/study.js";

/**
 * The models the report fits (the abstract does not list the multivariable model's variables): the study's
 * candidates (the multivariable model) and the factors the abstract reports as independent (the equation).
 */
export function modelSpecification(published: Pick<PublishedSummary, "multivariable">) {
  return {
    outcome: STUDY_OUTCOME,
    multivariable: [...STUDY_CANDIDATES],
    equation: publishedFactors(published),
    reading:
      "Multivariable model: logistic regression of ASD on all eight variables compared in the univariate analysis " +
      "(age per year, smoking 0/1, prior ASD 0/1, BMD per T-score unit, cement per ml, leakage 0/1, Cobb angle per degree, " +
      "height recovery per %), the usual reading of an abstract that reports the significant terms only. Prediction " +
      "equation: logistic regression on the four independent factors (age, BMD, cement volume, height recovery); its AUC " +
      "is that of the fitted probabilities. Univariate tests: Student's t (pooled variance) and Pearson's chi-square without " +
      "continuity correction."
  };
}

export type FigureKind = "n" | "pct" | "count" | "mean" | "sd" | "p" | "or" | "auc";

export interface FidelityRow {
  /** Stable key, e.g. "mean:age:asd", "or:cementVolume", "p:multivariable:smoking". */
  id: string;
  kind: FigureKind;
  /** Human label, e.g. "Age, ASD group, mean (years)". */
  figure: string;
  /** As printed in the abstract ("0.044", "<0.001", "n.s."). */
  published: string;
  publishedValue: number;
  decimals: number;
  relation: "=" | "<" | ">";
  reconstructed: number;
  /** reconstructed − publishedValue. */
  difference: number;
  /** How far outside the published rounding interval, in units of 10^−decimals (0 when it matches). */
  distance: number;
  matches: boolean;
  note: string;
}

export interface SummaryCheck {
  variable: string;
  test: string;
  published: string;
  fromPublishedSummary: number;
  matches: boolean;
}

export interface FidelityReport {
  rows: FidelityRow[];
  summary: {total: number; matched: number; missed: number; missedIds: string[]};
  model: ReturnType<typeof modelSpecification>;
  /** The abstract's univariate p-values recomputed from its own published summary figures. */
  summaryCheck: SummaryCheck[];
  /** Patients used (complete cases) and dropped. */
  n: number;
  excluded: number;
}

const judge = (x: number, value: number, decimals: number, relation: "=" | "<" | ">") => printsAs(x, {value, decimals, relation});

function printed(value: number, decimals: number, relation: "=" | "<" | ">"): string {
  const s = value.toFixed(decimals);
  return relation === "=" ? s : `${relation}${s}`;
}

export function fidelityReport(published: PublishedSummary, cohort: readonly CohortRow[]): FidelityReport {
  const specification = modelSpecification(published);
  const complete = cohort.filter((r) => COHORT_COLUMNS.every((c) => !Number.isNaN(r[c])));
  const excluded = cohort.length - complete.length;
  const cases = complete.filter((r) => r.asd === 1);
  const controls = complete.filter((r) => r.asd === 0);
  if (cases.length === 0 || controls.length === 0) throw new RangeError(`cohort: needs patients with and without ASD, found ${cases.length} and ${controls.length}`);
  const rows: FidelityRow[] = [];
  const add = (
    id: string,
    kind: FigureKind,
    figure: string,
    publishedValue: number,
    decimals: number,
    relation: "=" | "<" | ">",
    reconstructed: number,
    note = "",
    publishedText?: string
  ): void => {
    const {matches, distance} = judge(reconstructed, publishedValue, decimals, relation);
    rows.push({
      id,
      kind,
      figure,
      published: publishedText ?? printed(publishedValue, decimals, relation),
      publishedValue,
      decimals,
      relation,
      reconstructed,
      difference: reconstructed - publishedValue,
      distance,
      matches,
      note
    });
  };

  // group sizes
  add("n:asd", "n", "Patients with ASD", published.groups.asd.n, 0, "=", cases.length);
  add("n:nonAsd", "n", "Patients without ASD", published.groups.nonAsd.n, 0, "=", controls.length);
  if (published.groups.asd.pct !== undefined) {
    const d = published.groups.asd.pctDecimals ?? printedDecimals(published.groups.asd.pct);
    add("pct:asd", "pct", "ASD incidence (%)", published.groups.asd.pct, d, "=", (100 * cases.length) / complete.length);
  }

  const summaryCheck: SummaryCheck[] = [];
  for (const c of published.continuous) {
    const column = columnOf(c) as keyof CohortRow;
    const d = c.decimals ?? Math.max(printedDecimals(c.asd.mean), printedDecimals(c.asd.sd), printedDecimals(c.nonAsd.mean), printedDecimals(c.nonAsd.sd));
    const a = cases.map((r) => r[column]);
    const b = controls.map((r) => r[column]);
    const da = describe(a);
    const db = describe(b);
    add(`mean:${c.name}:asd`, "mean", `${c.label}, ASD, mean (${c.unit})`, c.asd.mean, d, "=", da.mean);
    add(`sd:${c.name}:asd`, "sd", `${c.label}, ASD, SD (${c.unit})`, c.asd.sd, d, "=", da.sd);
    add(`mean:${c.name}:nonAsd`, "mean", `${c.label}, non-ASD, mean (${c.unit})`, c.nonAsd.mean, d, "=", db.mean);
    add(`sd:${c.name}:nonAsd`, "sd", `${c.label}, non-ASD, SD (${c.unit})`, c.nonAsd.sd, d, "=", db.sd);
    if (c.p) {
      const pd = c.p.decimals ?? printedDecimals(c.p.value);
      const t = studentT(a, b);
      const fromSummary = studentTFromSummary({mean1: c.asd.mean, sd1: c.asd.sd, n1: published.groups.asd.n, mean2: c.nonAsd.mean, sd2: c.nonAsd.sd, n2: published.groups.nonAsd.n}).p;
      const ok = judge(fromSummary, c.p.value, pd, c.p.relation).matches;
      summaryCheck.push({variable: c.name, test: "Student's t (pooled variance)", published: printed(c.p.value, pd, c.p.relation), fromPublishedSummary: fromSummary, matches: ok});
      add(`p:univariate:${c.name}`, "p", `${c.label}, univariate P (Student's t)`, c.p.value, pd, c.p.relation, t.p,
        `From the published means, SDs and group sizes Student's t gives P = ${fromSummary.toPrecision(3)}${ok ? ", which prints as published" : ", which does NOT print as published"}.`);
    }
  }
  for (const bin of published.binary) {
    const column = columnOf(bin) as keyof CohortRow;
    const yes = (rs: CohortRow[]): number => rs.filter((r) => r[column] === 1).length;
    const ya = yes(cases);
    const yb = yes(controls);
    add(`count:${bin.name}:asd:yes`, "count", `${bin.label}, ASD, yes`, bin.asd.yes, 0, "=", ya);
    add(`count:${bin.name}:asd:no`, "count", `${bin.label}, ASD, no`, bin.asd.no, 0, "=", cases.length - ya);
    add(`count:${bin.name}:nonAsd:yes`, "count", `${bin.label}, non-ASD, yes`, bin.nonAsd.yes, 0, "=", yb);
    add(`count:${bin.name}:nonAsd:no`, "count", `${bin.label}, non-ASD, no`, bin.nonAsd.no, 0, "=", controls.length - yb);
    if (bin.p) {
      const pd = bin.p.decimals ?? printedDecimals(bin.p.value);
      const p = chiSquare([[ya, cases.length - ya], [yb, controls.length - yb]], {correct: false}).p;
      const fromSummary = chiSquare([[bin.asd.yes, bin.asd.no], [bin.nonAsd.yes, bin.nonAsd.no]], {correct: false}).p;
      const ok = judge(fromSummary, bin.p.value, pd, bin.p.relation).matches;
      summaryCheck.push({variable: bin.name, test: "Pearson's chi-square, no continuity correction", published: printed(bin.p.value, pd, bin.p.relation), fromPublishedSummary: fromSummary, matches: ok});
      add(`p:univariate:${bin.name}`, "p", `${bin.label}, univariate P (chi-square)`, bin.p.value, pd, bin.p.relation, p,
        `From the published counts Pearson's chi-square without continuity correction gives P = ${fromSummary.toPrecision(3)}${ok ? ", which prints as published" : ", which does NOT print as published"}.`);
    }
  }

  // multivariable model
  const columns: Record<string, Float64Array> = {};
  for (const c of COHORT_COLUMNS) columns[c] = Float64Array.from(complete, (r) => r[c]);
  const y = columns.asd;
  const fit = fitLogistic(buildDesign(columns, [...specification.multivariable]), y);
  const termOf = (column: string) => {
    const t = fit.terms.find((x) => x.term === column);
    if (!t) throw new RangeError(`model: no term "${column}" in the fit`);
    return t;
  };
  const modelNote = fit.converged ? "" : "The multivariable fit did not converge. ";
  for (const column of specification.multivariable) {
    const entry = published.multivariable.find((m) => columnOf(m) === column);
    const t = termOf(column);
    if (entry) {
      const od = entry.orDecimals ?? printedDecimals(entry.or);
      const pd = entry.p.decimals ?? printedDecimals(entry.p.value);
      add(`or:${entry.name}`, "or", `${entry.label ?? entry.name}, multivariable OR`, entry.or, od, "=", t.oddsRatio, modelNote);
      add(`p:multivariable:${entry.name}`, "p", `${entry.label ?? entry.name}, multivariable P (Wald)`, entry.p.value, pd, entry.p.relation, t.p, modelNote);
    } else {
      add(`p:multivariable:${column}`, "p", `${column}, multivariable P (Wald)`, 0.05, 2, ">", t.p,
        modelNote + "Not reported as an independent factor: the reading requires it not significant (P > 0.05).", "n.s.");
    }
  }

  // AUCs
  for (const a of published.auc) {
    const d = a.decimals ?? printedDecimals(a.value);
    if (a.marker === "model") {
      const eq = fitLogistic(buildDesign(columns, [...specification.equation]), y);
      add("auc:model", "auc", a.label ?? "Prediction equation, AUC", a.value, d, "=", rocCurve(eq.fitted, y, {direction: "<"}).auc,
        "AUC of the fitted probabilities of the logistic model on age, BMD, cement volume and height recovery.");
    } else {
      const c = published.continuous.find((x) => x.name === a.marker);
      if (!c) throw new RangeError(`published.auc: marker "${a.marker}" is not a continuous variable`);
      const roc = rocCurve(columns[columnOf(c)], y, {direction: "auto"});
      add(`auc:${a.marker}`, "auc", `${a.label ?? c.label}, AUC`, a.value, d, "=", roc.auc, `Direction "${roc.direction}" (pROC auto).`);
    }
  }

  const missed = rows.filter((r) => !r.matches);
  return {
    rows,
    summary: {total: rows.length, matched: rows.length - missed.length, missed: missed.length, missedIds: missed.map((r) => r.id)},
    model: specification,
    summaryCheck,
    n: complete.length,
    excluded
  };
}

/** Why a model figure is missed by the reconstruction (the generator's search, not an inconsistency of the abstract). */
export function unmetReason(id: string, published: PublishedSummary): string {
  const budget =
    "Not reached within the annealing's iteration budget and restarts with this seed (the shipped seed reaches " +
    "every figure; a changed published.json, seed or budget may not): the distance shown is the closest the search came while the " +
    "other figures print as published. A search limit, not an inconsistency of the abstract.";
  const age = published.multivariable.find((m) => m.name === "age");
  const ageAuc = published.auc.find((a) => a.marker === "age");
  if (age && (id === "or:age" || id === "p:multivariable:age")) {
    const z = normalQuantile(1 - age.p.value / 2);
    return (
      `Age's published OR (${age.or}) and P (${age.p.value}) together fix its standard error near ln(${age.or})/${z.toFixed(2)} = ${(Math.log(age.or) / z).toFixed(3)}. The age ` +
      `distributions that reproduce the published means, SDs${ageAuc ? ` and AUC ${ageAuc.value}` : ""} (each group's tail reaches into the other: a few ` +
      "young patients with ASD, a few old ones without) put patients with unusual ages among those the model is least sure " +
      "about, which makes age's standard error small; the search trades age's OR against its P and the equation's AUC. " +
      budget
    );
  }
  if (id === "auc:model") {
    return "The equation's AUC rises with the within-group independence of its factors, which the multivariable ORs and P-values also constrain. " + budget;
  }
  return budget;
}
