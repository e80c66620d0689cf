/**
 * The figures the site derives that the abstract does not print, each with the conclusion a reader would draw from
 * it: one list, read by the ensemble's generator (bin/ensemble.ts stores each member's values), the study's loader
 * (the ensemble's verdicts) and the pages. A new figure is one entry here (then `npm run ensemble`).
 *
 * Each entry: `id` (stable key of the stored values), `label`, `decimals` for display, `extract` (the value from
 * the one pipeline's AnalysisResult, NaN when the result lacks it), and `conclusion`: its wording and a predicate
 * on the value. Conclusions are stated so that the published figures do not decide them by construction: a
 * threshold is a conventional one (P < 0.05, slope ≥ 0.9 as in Riley et al. 2020's target shrinkage, 10 events per
 * parameter after Peduzzi et al. 1996), never one tuned to the site's cohort.
 *
 * Pure, no DOM. @example DERIVED_FIGURES.find((f) => f.id === "fixed.auc.corrected")!.extract(result) // ≈ 0.95
 */
import type {AnalysisResult} from "../pipeline/pipeline.js";
import type {IndexName} from "../stats/optimism-bootstrap.js";
import {columnInfo, publishedFactors, STUDY_CANDIDATES} from "./study.js";
import published from "../../data/published.json" with {type: "json"};

export interface DerivedFigure {
  id: string;
  label: string;
  /** Decimals for display (P-values are shown in significant digits by the table). */
  decimals: number;
  kind: "p" | "value" | "count" | "flag";
  extract: (result: AnalysisResult) => number;
  conclusion: {text: string; holds: (value: number) => boolean};
}

const finite = (x: number | null | undefined): number => (typeof x === "number" ? x : NaN);

function procedureIndex(result: AnalysisResult, index: IndexName, field: "apparent" | "optimism" | "corrected" | "mcse"): number {
  const row = result.validation?.procedure?.indices.find((i) => i.index === index);
  return row ? row[field] : NaN;
}

function bootstrapIndex(result: AnalysisResult, index: IndexName, field: "apparent" | "optimism" | "corrected"): number {
  const row = result.validation?.fixed?.indices.find((i) => i.index === index);
  return row ? row[field] : NaN;
}

/** Net benefit of the model minus that of the better default (treat all or treat none) at a risk threshold. */
function netBenefitGain(result: AnalysisResult, threshold: number): number {
  const point = result.decisionCurve?.find((d) => Math.abs(d.threshold - threshold) < 1e-9);
  return point ? point.netBenefitModel - Math.max(point.netBenefitAll, point.netBenefitNone) : NaN;
}

/** The factors the abstract reports as independent (published.json). */
const PUBLISHED_FOUR: readonly string[] = publishedFactors(published);
const measured = STUDY_CANDIDATES.filter((c) => columnInfo(c).kind === "continuous");
const nameOf = (c: string) => columnInfo(c).label.replace(/ \([^)]*\)$/, "");
const univariate = (result: AnalysisResult, c: string) => result.univariate.find((u) => u.variable === c);

type Conclusion = DerivedFigure["conclusion"];
const concludes = (text: string, holds: (value: number) => boolean): Conclusion => ({text, holds});
const SIGNIFICANT = concludes("significant at 0.05", (v) => v < 0.05);
const LINEAR = concludes("no evidence of nonlinearity (P ≥ 0.05)", (v) => v >= 0.05);
const AUC_ABOVE = concludes("corrected AUC above 0.9", (v) => v > 0.9);
const AUC_OPTIMISTIC = concludes("optimism of the AUC above 0.02", (v) => v > 0.02);
const NEEDS_SHRINKING = concludes("corrected slope below 0.9 (needs shrinking by more than 10%)", (v) => v < 0.9);

/** One entry, in the order a reader scans the list: id, kind, label, how it is read, what it concludes; three decimals unless given. */
function figure(id: string, kind: DerivedFigure["kind"], label: string, extract: DerivedFigure["extract"], conclusion: Conclusion, decimals = 3): DerivedFigure {
  return {id, label, decimals, kind, extract, conclusion};
}

export const DERIVED_FIGURES: readonly DerivedFigure[] = [
  figure(
    "selection.published",
    "flag",
    "The study's procedure selects the published four factors (1 = yes)",
    (r) => (r.predictors.length === PUBLISHED_FOUR.length && PUBLISHED_FOUR.every((p) => r.predictors.includes(p)) ? 1 : 0),
    concludes("the procedure selects exactly the published four", (v) => v === 1),
    0
  ),
  figure("epp", "value", "Events per model parameter", (r) => finite(r.eventsPerParameter), concludes("fewer than 10 events per parameter", (v) => v < 10), 2),
  figure(
    "riley.ratio",
    "value",
    "Riley's minimum sample size (from the model's apparent R²) ÷ the patients analysed",
    (r) => finite(r.sampleSize.riley?.fromModel?.minimum) / r.n,
    concludes("the study is smaller than the minimum", (v) => v > 1),
    2
  ),
  figure("fixed.auc.corrected", "value", "AUC corrected for optimism (bootstrap, predictors fixed)", (r) => bootstrapIndex(r, "auc", "corrected"), AUC_ABOVE),
  figure("fixed.auc.optimism", "value", "Optimism of the AUC (bootstrap, predictors fixed)", (r) => bootstrapIndex(r, "auc", "optimism"), AUC_OPTIMISTIC),
  figure("fixed.slope.corrected", "value", "Calibration slope corrected for optimism (bootstrap, predictors fixed)", (r) => bootstrapIndex(r, "slope", "corrected"), NEEDS_SHRINKING),
  figure("procedure.auc.corrected", "value", "AUC corrected for optimism, the whole procedure re-run in every resample", (r) => procedureIndex(r, "auc", "corrected"), AUC_ABOVE),
  figure("procedure.auc.optimism", "value", "Optimism of the AUC, whole procedure", (r) => procedureIndex(r, "auc", "optimism"), AUC_OPTIMISTIC),
  figure(
    "procedure.auc.mcse",
    "value",
    "Monte-Carlo standard error of the whole procedure's corrected AUC",
    (r) => procedureIndex(r, "auc", "mcse"),
    concludes("below 0.005 (the third decimal is supported)", (v) => v < 0.005),
    4
  ),
  figure(
    "procedure.slope.corrected",
    "value",
    "Calibration slope corrected for optimism, whole procedure (the uniform shrinkage factor)",
    (r) => procedureIndex(r, "slope", "corrected"),
    NEEDS_SHRINKING
  ),
  figure("shrinkage.factor", "value", "Shrinkage factor applied to the equation", (r) => finite(r.shrinkage?.factor), concludes("below 0.9", (v) => v < 0.9)),
  figure(
    "selection.publishedSet.frequency",
    "value",
    "Share of resamples whose procedure selects exactly the site's four factors",
    (r) => finite(r.validation?.procedure?.stability.originalSetFrequency),
    concludes("below one half (the selection is unstable)", (v) => v < 0.5)
  ),
  ...PUBLISHED_FOUR.map((c) =>
    figure(
      `selection.frequency.${c}`,
      "value",
      `Share of resamples whose procedure selects ${nameOf(c).toLowerCase()}`,
      (r) => finite(r.validation?.procedure?.stability.candidates.find((k) => k.name === c)?.frequency),
      concludes("at least 0.8", (v) => v >= 0.8)
    )
  ),
  figure(
    "fixed.brierScaled.corrected",
    "value",
    "Scaled Brier score corrected for optimism",
    (r) => bootstrapIndex(r, "brierScaled", "corrected"),
    concludes("corrected scaled Brier above 0.5", (v) => v > 0.5)
  ),
  figure(
    "calibration.hl.p",
    "p",
    "Hosmer–Lemeshow P (apparent, 10 groups)",
    (r) => finite(r.calibration?.hosmerLemeshow?.p),
    concludes("no evidence of miscalibration (P ≥ 0.05)", (v) => v >= 0.05)
  ),
  ...[0.1, 0.2, 0.3].map((t) =>
    figure(
      `netBenefit.${t}`,
      "value",
      `Net benefit over the better of treat-all and treat-none at a ${Math.round(t * 100)}% threshold`,
      (r) => netBenefitGain(r, t),
      concludes("the equation adds net benefit", (v) => v > 0),
      4
    )
  ),
  ...measured.flatMap((c) => [
    figure(`mannWhitney.p.${c}`, "p", `${nameOf(c)}: Mann–Whitney P`, (r) => finite(univariate(r, c)?.mannWhitney?.p), SIGNIFICANT),
    figure(
      `mannWhitney.vsT.${c}`,
      "value",
      `${nameOf(c)}: log₁₀(Mann–Whitney P / Student's t P)`,
      (r) => {
        const u = univariate(r, c);
        return Math.log10(finite(u?.mannWhitney?.p) / finite(u?.p));
      },
      concludes("Mann–Whitney gives the smaller P", (v) => v < 0),
      2
    ),
    figure(
      `delong.p.${c}`,
      "p",
      `DeLong P, equation vs ${nameOf(c).toLowerCase()} alone`,
      (r) => finite(r.comparisons.find((k) => k.b === c)?.p),
      concludes("the equation discriminates better (P < 0.05)", (v) => v < 0.05)
    )
  ]),
  ...PUBLISHED_FOUR.filter((c) => measured.includes(c)).map((c) =>
    figure(
      `nonlinearity.p.${c}`,
      "p",
      `${nameOf(c)}: P of nonlinearity (restricted cubic spline, LR test)`,
      (r) => finite(r.checks?.nonlinearity?.rows.find((x) => x.kind === "nonlinear" && x.factor === c)?.p),
      LINEAR
    )
  ),
  figure(
    "nonlinearity.p.total",
    "p",
    "P of nonlinearity, all measured factors together (LR test)",
    (r) => finite(r.checks?.nonlinearity?.rows.find((x) => x.kind === "total nonlinear")?.p),
    LINEAR
  ),
  ...PUBLISHED_FOUR.map((c) =>
    figure(
      `lr.p.${c}`,
      "p",
      `${nameOf(c)}: likelihood-ratio P in the equation`,
      (r) => finite(r.checks?.anova?.find((x) => x.kind === "factor" && x.factor === c)?.p),
      SIGNIFICANT
    )
  ),
  figure(
    "t.p.cobb_post_deg",
    "p",
    "Cobb angle: Student's t P (the abstract prints none)",
    (r) => finite(univariate(r, "cobb_post_deg")?.p),
    concludes("not significant (P ≥ 0.05)", (v) => v >= 0.05)
  )
];

/** Each figure's value on one analysis, by id (NaN where the result lacks it). */
export function derivedValues(result: AnalysisResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of DERIVED_FIGURES) out[f.id] = f.extract(result);
  return out;
}
