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

export const DERIVED_FIGURES: readonly DerivedFigure[] = [
  {
    id: "selection.published",
    label: "The study's procedure selects the published four factors (1 = yes)",
    decimals: 0,
    kind: "flag",
    extract: (r) => (r.predictors.length === PUBLISHED_FOUR.length && PUBLISHED_FOUR.every((p) => r.predictors.includes(p)) ? 1 : 0),
    conclusion: {text: "the procedure selects exactly the published four", holds: (v) => v === 1}
  },
  {
    id: "epp",
    label: "Events per model parameter",
    decimals: 2,
    kind: "value",
    extract: (r) => finite(r.eventsPerParameter),
    conclusion: {text: "fewer than 10 events per parameter", holds: (v) => v < 10}
  },
  {
    id: "riley.ratio",
    label: "Riley's minimum sample size (from the model's apparent R²) ÷ the patients analysed",
    decimals: 2,
    kind: "value",
    extract: (r) => finite(r.sampleSize.riley?.fromModel?.minimum) / r.n,
    conclusion: {text: "the study is smaller than the minimum", holds: (v) => v > 1}
  },
  {
    id: "fixed.auc.corrected",
    label: "AUC corrected for optimism (bootstrap, predictors fixed)",
    decimals: 3,
    kind: "value",
    extract: (r) => bootstrapIndex(r, "auc", "corrected"),
    conclusion: {text: "corrected AUC above 0.9", holds: (v) => v > 0.9}
  },
  {
    id: "fixed.auc.optimism",
    label: "Optimism of the AUC (bootstrap, predictors fixed)",
    decimals: 3,
    kind: "value",
    extract: (r) => bootstrapIndex(r, "auc", "optimism"),
    conclusion: {text: "optimism of the AUC above 0.02", holds: (v) => v > 0.02}
  },
  {
    id: "fixed.slope.corrected",
    label: "Calibration slope corrected for optimism (bootstrap, predictors fixed)",
    decimals: 3,
    kind: "value",
    extract: (r) => bootstrapIndex(r, "slope", "corrected"),
    conclusion: {text: "corrected slope below 0.9 (needs shrinking by more than 10%)", holds: (v) => v < 0.9}
  },
  {
    id: "procedure.auc.corrected",
    label: "AUC corrected for optimism, the whole procedure re-run in every resample",
    decimals: 3,
    kind: "value",
    extract: (r) => procedureIndex(r, "auc", "corrected"),
    conclusion: {text: "corrected AUC above 0.9", holds: (v) => v > 0.9}
  },
  {
    id: "procedure.auc.optimism",
    label: "Optimism of the AUC, whole procedure",
    decimals: 3,
    kind: "value",
    extract: (r) => procedureIndex(r, "auc", "optimism"),
    conclusion: {text: "optimism of the AUC above 0.02", holds: (v) => v > 0.02}
  },
  {
    id: "procedure.auc.mcse",
    label: "Monte-Carlo standard error of the whole procedure's corrected AUC",
    decimals: 4,
    kind: "value",
    extract: (r) => procedureIndex(r, "auc", "mcse"),
    conclusion: {text: "below 0.005 (the third decimal is supported)", holds: (v) => v < 0.005}
  },
  {
    id: "procedure.slope.corrected",
    label: "Calibration slope corrected for optimism, whole procedure (the uniform shrinkage factor)",
    decimals: 3,
    kind: "value",
    extract: (r) => procedureIndex(r, "slope", "corrected"),
    conclusion: {text: "corrected slope below 0.9 (needs shrinking by more than 10%)", holds: (v) => v < 0.9}
  },
  {
    id: "shrinkage.factor",
    label: "Shrinkage factor applied to the equation",
    decimals: 3,
    kind: "value",
    extract: (r) => finite(r.shrinkage?.factor),
    conclusion: {text: "below 0.9", holds: (v) => v < 0.9}
  },
  {
    id: "selection.publishedSet.frequency",
    label: "Share of resamples whose procedure selects exactly the site's four factors",
    decimals: 3,
    kind: "value",
    extract: (r) => finite(r.validation?.procedure?.stability.originalSetFrequency),
    conclusion: {text: "below one half (the selection is unstable)", holds: (v) => v < 0.5}
  },
  ...PUBLISHED_FOUR.map((c): DerivedFigure => ({
    id: `selection.frequency.${c}`,
    label: `Share of resamples whose procedure selects ${nameOf(c).toLowerCase()}`,
    decimals: 3,
    kind: "value",
    extract: (r) => finite(r.validation?.procedure?.stability.candidates.find((k) => k.name === c)?.frequency),
    conclusion: {text: "at least 0.8", holds: (v) => v >= 0.8}
  })),
  {
    id: "fixed.brierScaled.corrected",
    label: "Scaled Brier score corrected for optimism",
    decimals: 3,
    kind: "value",
    extract: (r) => bootstrapIndex(r, "brierScaled", "corrected"),
    conclusion: {text: "corrected scaled Brier above 0.5", holds: (v) => v > 0.5}
  },
  {
    id: "calibration.hl.p",
    label: "Hosmer–Lemeshow P (apparent, 10 groups)",
    decimals: 3,
    kind: "p",
    extract: (r) => finite(r.calibration?.hosmerLemeshow?.p),
    conclusion: {text: "no evidence of miscalibration (P ≥ 0.05)", holds: (v) => v >= 0.05}
  },
  ...[0.1, 0.2, 0.3].map((t): DerivedFigure => ({
    id: `netBenefit.${t}`,
    label: `Net benefit over the better of treat-all and treat-none at a ${Math.round(t * 100)}% threshold`,
    decimals: 4,
    kind: "value",
    extract: (r) => netBenefitGain(r, t),
    conclusion: {text: "the equation adds net benefit", holds: (v) => v > 0}
  })),
  ...measured.flatMap((c): DerivedFigure[] => [
    {
      id: `mannWhitney.p.${c}`,
      label: `${nameOf(c)}: Mann–Whitney P`,
      decimals: 3,
      kind: "p",
      extract: (r) => finite(univariate(r, c)?.mannWhitney?.p),
      conclusion: {text: "significant at 0.05", holds: (v) => v < 0.05}
    },
    {
      id: `mannWhitney.vsT.${c}`,
      label: `${nameOf(c)}: log₁₀(Mann–Whitney P / Student's t P)`,
      decimals: 2,
      kind: "value",
      extract: (r) => {
        const u = univariate(r, c);
        return Math.log10(finite(u?.mannWhitney?.p) / finite(u?.p));
      },
      conclusion: {text: "Mann–Whitney gives the smaller P", holds: (v) => v < 0}
    },
    {
      id: `delong.p.${c}`,
      label: `DeLong P, equation vs ${nameOf(c).toLowerCase()} alone`,
      decimals: 3,
      kind: "p",
      extract: (r) => finite(r.comparisons.find((k) => k.b === c)?.p),
      conclusion: {text: "the equation discriminates better (P < 0.05)", holds: (v) => v < 0.05}
    }
  ]),
  ...PUBLISHED_FOUR.filter((c) => measured.includes(c)).map((c): DerivedFigure => ({
    id: `nonlinearity.p.${c}`,
    label: `${nameOf(c)}: P of nonlinearity (restricted cubic spline, LR test)`,
    decimals: 3,
    kind: "p",
    extract: (r) => finite(r.checks?.nonlinearity?.rows.find((x) => x.kind === "nonlinear" && x.factor === c)?.p),
    conclusion: {text: "no evidence of nonlinearity (P ≥ 0.05)", holds: (v) => v >= 0.05}
  })),
  {
    id: "nonlinearity.p.total",
    label: "P of nonlinearity, all measured factors together (LR test)",
    decimals: 3,
    kind: "p",
    extract: (r) => finite(r.checks?.nonlinearity?.rows.find((x) => x.kind === "total nonlinear")?.p),
    conclusion: {text: "no evidence of nonlinearity (P ≥ 0.05)", holds: (v) => v >= 0.05}
  },
  ...PUBLISHED_FOUR.map((c): DerivedFigure => ({
    id: `lr.p.${c}`,
    label: `${nameOf(c)}: likelihood-ratio P in the equation`,
    decimals: 3,
    kind: "p",
    extract: (r) => finite(r.checks?.anova?.find((x) => x.kind === "factor" && x.factor === c)?.p),
    conclusion: {text: "significant at 0.05", holds: (v) => v < 0.05}
  })),
  {
    id: "t.p.cobb_post_deg",
    label: "Cobb angle: Student's t P (the abstract prints none)",
    decimals: 3,
    kind: "p",
    extract: (r) => finite(univariate(r, "cobb_post_deg")?.p),
    conclusion: {text: "not significant (P ≥ 0.05)", holds: (v) => v >= 0.05}
  }
];

/** Each figure's value on one analysis, by id (NaN where the result lacks it). */
export function derivedValues(result: AnalysisResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of DERIVED_FIGURES) out[f.id] = f.extract(result);
  return out;
}
