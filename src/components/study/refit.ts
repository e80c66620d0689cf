/**
 * The Model page's refits: the study's procedure with the reader's choices (which candidates, the screening
 * threshold, the selection rule) run again on the cohort's prepared data in the browser — the same runProcedure
 * as the build. A fit that fails (collinear terms, too few rows) is returned as an error the page shows, never
 * thrown into the page. Pure, no DOM.
 *
 * @example studyRefit(study.data, {candidates: ["age", "bmd_t"], screenP: 0.05, select: "wald"}).run?.model.predictors
 */
import type {PreparedData} from "../cohort/prepare.js";
import {runProcedure, type ProcedureRun} from "../procedure/run.js";
import type {Procedure, Selection} from "../procedure/procedure.js";
import {STUDY_PROCEDURE} from "./study.js";

export type SelectionChoice = "none" | "wald" | "backward";

export interface RefitChoices {
  candidates: readonly string[];
  /** Univariable screen: keep p < screenP (1 keeps everyone, as no screen). */
  screenP: number;
  select: SelectionChoice;
  /** Threshold of the Wald selection (default the study's 0.05). */
  selectP?: number;
  /** Measurements entered as restricted cubic splines: name → knots. */
  splines?: Record<string, number>;
}

export function refitProcedure({candidates, screenP, select, selectP = 0.05, splines}: RefitChoices): Procedure {
  const selection: Selection = select === "none" ? {method: "none"} : select === "wald" ? {method: "wald", p: selectP} : {method: "backward", rule: "aic", type: "residual"};
  const procedure: Procedure = {...STUDY_PROCEDURE, candidates: [...candidates], screen: {method: "univariable", p: screenP}, select: selection};
  const chosen = Object.entries(splines ?? {}).filter(([name]) => candidates.includes(name));
  if (chosen.length) procedure.splines = Object.fromEntries(chosen);
  return procedure;
}

export function studyRefit(data: PreparedData, choices: RefitChoices): {procedure: Procedure; run: ProcedureRun | null; error: Error | null} {
  const procedure = refitProcedure(choices);
  if (choices.candidates.length === 0) return {procedure, run: null, error: null};
  try {
    return {procedure, run: runProcedure(procedure, data), error: null};
  } catch (e) {
    return {procedure, run: null, error: e instanceof Error ? e : new Error(String(e))};
  }
}
