/**
 * What the Model page shows for the reader's choices (candidates, screen, selection, which measurements enter as
 * restricted cubic splines): the procedure's steps, the fit of every survivor, the procedure's model and its checks
 * (../pipeline/model-checks.ts: the LR anova, the test of nonlinearity, partial effects, Riley by candidates).
 *
 * Open mode: the procedure runs again on the cohort's rows in the browser (./refit.ts), the checks with it.
 * Private mode (no rows published): the screen reads the univariable p-values of the document, the fits come from
 * the build's fit of every candidate subset (./private.ts subsetFits), so the Wald selection is answered exactly
 * (each of the study's candidates is one term, whose Wald χ² is its z²); the checks come from the build's
 * precomputed set (privateSplineChecks: the study's procedure with every combination of the equation's measurements
 * as 3-knot splines). A choice the build did not precompute (backward elimination, other knots, splines with other
 * candidates) says so instead of showing a stale or guessed model.
 *
 * Pure, no DOM. @example modelView(study, {candidates, screenP: 0.05, select: "wald", splines: {bmd_t: 3}}).checks
 */
import type {PreparedData} from "../cohort/prepare.js";
import {modelResult, type ModelResult} from "../pipeline/model.js";
import {modelChecks, type ModelChecks} from "../pipeline/model-checks.js";
import {runProcedure, type ProcedureRun, type ScreenStep, type SelectStep} from "../procedure/run.js";
import type {Procedure} from "../procedure/procedure.js";
import type {AnalysisResult} from "../pipeline/pipeline.js";
import {refitProcedure, studyRefit, type RefitChoices} from "./refit.js";
import type {SubsetFit} from "./private.js";
import {STUDY_PROCEDURE} from "./study.js";

/** The knots the page offers for a spline (Harrell: 3 for small samples, 4–5 with more data). */
export const SPLINE_KNOT_CHOICES: readonly number[] = [3, 4, 5];
/** The knots of the splines the build precomputes for private mode. */
export const PRIVATE_SPLINE_KNOTS = 3;

/** The study's procedure with a set of splines, its model and checks, computed at build time (private mode). */
export interface SplineCheck {
  splines: Record<string, number>;
  full: ModelResult | null;
  model: ModelResult;
  checks: ModelChecks;
}

export interface ModelView {
  procedure: Procedure;
  /** The steps as procedureSteps reads them (screen and selection); null when nothing ran. */
  run: Pick<ProcedureRun, "screen" | "selection"> | null;
  full: ModelResult | null;
  final: ModelResult | null;
  checks: ModelChecks | null;
  error: Error | null;
  /** Private mode: why a part is not shown (the build did not precompute it). */
  unavailable: string | null;
}

const key = (s: Record<string, number> | undefined) => JSON.stringify(Object.entries(s ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)));

/** The study's procedure with every subset of the equation's measurements as splines: for private mode's build. */
export function privateSplineChecks(data: PreparedData, run: ProcedureRun): SplineCheck[] {
  const continuous = run.model.predictors.filter((p) => data.variables.get(p)!.kind === "continuous");
  const out: SplineCheck[] = [];
  for (let mask = 0; mask < 2 ** continuous.length; mask++) {
    const splines: Record<string, number> = {};
    continuous.forEach((p, j) => {
      if (mask & (1 << j)) splines[p] = PRIVATE_SPLINE_KNOTS;
    });
    const procedure: Procedure = mask ? {...STUDY_PROCEDURE, splines} : STUDY_PROCEDURE;
    try {
      const r = mask ? runProcedure(procedure, data) : run;
      out.push({
        splines,
        full: r.full ? modelResult(r.full.fit, r.full.predictors) : null,
        model: modelResult(r.model.fit, r.model.predictors),
        checks: modelChecks(r, data, [], {cutpointReplicates: 0})
      });
    } catch {
      // a spline fit that fails is simply not offered
    }
  }
  return out;
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function privateView(analysis: AnalysisResult, subsets: readonly SubsetFit[], precomputed: readonly SplineCheck[], choices: RefitChoices): ModelView {
  const procedure = refitProcedure(choices);
  const base: ModelView = {procedure, run: null, full: null, final: null, checks: null, error: null, unavailable: null};
  if (choices.candidates.length === 0) return base;
  const ordered = STUDY_PROCEDURE.candidates.filter((c) => choices.candidates.includes(c));
  const hasSplines = Object.keys(procedure.splines ?? {}).length > 0;
  const isStudy = same(ordered, STUDY_PROCEDURE.candidates) && choices.screenP === 0.05 && choices.select === "wald";
  if (hasSplines) {
    const hit = isStudy ? precomputed.find((c) => key(c.splines) === key(procedure.splines)) : undefined;
    if (!hit) return {...base, unavailable: `The cohort's rows are not published with this site, so a spline fit is shown only for the study's own choices (all ${STUDY_PROCEDURE.candidates.length} candidates, p < 0.05, Wald selection) with ${PRIVATE_SPLINE_KNOTS} knots, as the build computed it.`};
    return {...base, full: hit.full, final: hit.model.predictors.length ? hit.model : null, checks: hit.checks, run: null};
  }
  if (choices.select === "backward") return {...base, unavailable: "The cohort's rows are not published with this site: backward elimination needs them; choose the Wald rule or no selection."};
  const p = new Map(analysis.univariate.map((u) => [u.variable, u.p]));
  const entries = ordered.map((variable) => {
    const pv = p.get(variable) ?? null;
    return {variable, test: analysis.univariate.find((u) => u.variable === variable)?.test ?? "", p: pv, kept: pv !== null && pv < choices.screenP};
  });
  const screen: ScreenStep = {step: "screen", threshold: choices.screenP, entries, kept: entries.filter((e) => e.kept).map((e) => e.variable), dropped: entries.filter((e) => !e.kept).map((e) => e.variable)};
  const fitOf = (predictors: readonly string[]) => subsets.find((s) => same(s.predictors, predictors));
  const fullFit = screen.kept.length ? fitOf(screen.kept) : undefined;
  if (screen.kept.length && !fullFit?.model) return {...base, run: {screen, selection: null}, error: new Error(fullFit?.error ?? "the build has no fit of these candidates")};
  const full = fullFit?.model ?? null;
  let selection: SelectStep | null = null;
  let final = full;
  if (full && choices.select === "wald") {
    const alpha = choices.selectP ?? 0.05;
    const factors = full.predictors.map((variable) => {
      const t = full.terms.find((x) => x.term === variable)!;
      return {variable, statistic: (t.z ?? NaN) ** 2, df: 1, p: t.p ?? NaN, kept: (t.p ?? 1) < alpha};
    });
    selection = {step: "select", method: "wald", factors, kept: factors.filter((f) => f.kept).map((f) => f.variable), dropped: factors.filter((f) => !f.kept).map((f) => f.variable)};
    final = selection.kept.length ? fitOf(selection.kept)?.model ?? null : null;
  }
  const checks = isStudy ? precomputed.find((c) => Object.keys(c.splines).length === 0)?.checks ?? null : null;
  return {...base, run: {screen, selection}, full, final: final && final.predictors.length ? final : null, checks};
}

/** The Model page's view of the reader's choices (see the module comment). */
export function modelView(
  study: {data: PreparedData | null; doc: {analysis: AnalysisResult; aggregates?: {subsetFits: SubsetFit[]; splineChecks?: SplineCheck[]}}},
  choices: RefitChoices
): ModelView {
  if (!study.data) return privateView(study.doc.analysis, study.doc.aggregates?.subsetFits ?? [], study.doc.aggregates?.splineChecks ?? [], choices);
  const refit = studyRefit(study.data, choices);
  const run = refit.run;
  if (!run) return {procedure: refit.procedure, run: null, full: null, final: null, checks: null, error: refit.error, unavailable: null};
  let checks: ModelChecks | null = null;
  try {
    checks = modelChecks(run, study.data, [], {cutpointReplicates: 0});
  } catch {
    checks = null;
  }
  return {
    procedure: refit.procedure,
    run,
    full: run.full ? modelResult(run.full.fit, run.full.predictors) : null,
    final: run.model.predictors.length ? modelResult(run.model.fit, run.model.predictors) : null,
    checks,
    error: null,
    unavailable: null
  };
}
