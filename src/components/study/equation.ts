/**
 * The site's prediction equation as equation JSON (../stats/equation-spec.ts), for the study archive's
 * equation.json: what a reader downloads to validate the equation on their own patients (`analyze
 * --validate-equation equation.json FILE`, or "Your own cohort"'s validation mode, which reads the same member).
 *
 * Coefficients are the study document's fitted prediction equation (its procedure's model); each term carries the
 * data dictionary's unit, kind, label and plausible range (../cohort/schema.ts: the values the equation was made
 * for); the development cohort is given by its n, events and, per term, the Table 1 mean and SD (continuous) or
 * proportion of 1s (binary) over the complete cases — aggregates only, so the member is the same in private mode.
 *
 * @example studyEquation(doc).terms.map((t) => t.name) // the equation's predictors
 */
import {columnSpec} from "../cohort/schema.js";
import {equationFromCoefficients, serializeEquation, type DevelopmentSummary, type PredictionEquation} from "../stats/equation-spec.js";
import type {StudyDocument} from "./document.js";

export function studyEquation(doc: StudyDocument): PredictionEquation {
  const model = doc.models.equation.model;
  const names = model.terms.map((t) => t.term);
  const coefficients = model.terms.map((t) => {
    if (t.estimate === null || !Number.isFinite(t.estimate)) throw new RangeError(`studyEquation: the coefficient of ${t.term} is not finite (${t.estimate}); the equation cannot be written`);
    return t.estimate;
  });
  const eq = equationFromCoefficients(
    names,
    coefficients,
    (name) => {
      const spec = columnSpec(name);
      return {unit: spec.unit, kind: spec.kind === "binary" ? "binary" : "continuous", range: [spec.plausible[0], spec.plausible[1]], label: spec.label};
    },
    {name: `The site's prediction equation (${model.predictors.length} factors)`, source: doc.analysis.procedureDescription, outcome: "adjacent segment degeneration 2 years after PKP"}
  );
  const summaries = new Map<string, DevelopmentSummary>();
  for (const t of eq.terms) {
    const d = doc.analysis.descriptives.find((v) => v.variable === t.name)?.all.numeric;
    if (!d || d.mean === null) continue;
    summaries.set(t.name, t.kind === "binary" ? {n: d.n, proportion: d.mean} : {n: d.n, mean: d.mean, ...(d.sd === null ? {} : {sd: d.sd})});
  }
  eq.development = {n: model.n, events: model.events, summaries};
  return eq;
}

/** equation.json's text. */
export function studyEquationJson(doc: StudyDocument): string {
  return JSON.stringify(serializeEquation(studyEquation(doc)), null, 2) + "\n";
}
