/**
 * The three ways of building the prediction model that the teaching page runs on every redrawn study, each a
 * procedure value (../procedure/procedure.ts) run by the one runProcedure, the shrunken one with uniform shrinkage
 * on top:
 *
 *   paper   the study's own procedure (STUDY_PROCEDURE): screen the eight candidates by their Table 1 test at
 *           p < 0.05, fit the survivors together, keep those with Wald p < 0.05, refit. What it "publishes" as
 *           independent risk factors is the refitted model's factors.
 *   full    a pre-specified model: all eight candidates fitted together by maximum likelihood, nothing screened or
 *           selected. It reports every OR; a factor counts as "significant" when its Wald p < 0.05.
 *   shrunk  the pre-specified model shrunk uniformly by van Houwelingen & le Cessie's heuristic factor
 *           s = (χ² − df)/χ² with the intercept re-estimated (../stats/shrinkage.ts). Its ORs are the full model's
 *           raised to the power s; shrinkage tests nothing, so its "significant" factors are the full model's.
 *
 * Pure, no DOM. @example TEACHING_PROCEDURES.map((p) => p.key) // ["paper", "full", "shrunk"]
 */
import {fitAllProcedure, describeProcedure, type Procedure} from "../procedure/procedure.js";
import {STUDY_CANDIDATES, STUDY_OUTCOME, STUDY_PROCEDURE} from "../study/study.js";

export type TeachingProcedureKey = "paper" | "full" | "shrunk";

export interface TeachingProcedure {
  key: TeachingProcedureKey;
  /** Name for legends and radio buttons. */
  label: string;
  /** A shorter one for narrow charts. */
  short: string;
  /** One sentence for the page. */
  description: string;
  /** The procedure value runProcedure runs (the shrunken model runs the full one, then shrinks it). */
  procedure: Procedure;
  shrink: boolean;
  /** Significance level at which a factor is reported (the procedure's own for the paper's). */
  alpha: number;
}

/** The significance level at which the pre-specified models call a factor significant (the paper's own). */
const REPORTING_ALPHA = STUDY_PROCEDURE.select.method === "wald" ? STUDY_PROCEDURE.select.p : 0.05;

const FULL_PROCEDURE: Procedure = Object.freeze(fitAllProcedure(STUDY_OUTCOME, STUDY_CANDIDATES)) as Procedure;

export const TEACHING_PROCEDURES: readonly TeachingProcedure[] = Object.freeze([
  {
    key: "paper", label: "The paper's procedure", short: "Paper's", procedure: STUDY_PROCEDURE, shrink: false,
    alpha: REPORTING_ALPHA,
    description: `${describeProcedure(STUDY_PROCEDURE)}; the factors of the refitted model are its "independent risk factors".`
  },
  {
    key: "full", label: "Pre-specified full model", short: "Full model", procedure: FULL_PROCEDURE, shrink: false, alpha: REPORTING_ALPHA,
    description: `All ${STUDY_CANDIDATES.length} candidates fitted together by maximum likelihood, nothing screened or selected; a factor is "significant" when its Wald p < 0.05.`
  },
  {
    key: "shrunk", label: "Pre-specified, shrunken", short: "Shrunken", procedure: FULL_PROCEDURE, shrink: true, alpha: REPORTING_ALPHA,
    description: `The pre-specified model with every coefficient multiplied by van Houwelingen's heuristic shrinkage factor (χ² − df)/χ² and the intercept re-estimated; its significant factors are the full model's.`
  }
] as TeachingProcedure[]);

export const PROCEDURE_KEYS: readonly TeachingProcedureKey[] = TEACHING_PROCEDURES.map((p) => p.key);

/** The procedure of a key. Throws RangeError naming the key for an unknown one. */
export function teachingProcedure(key: string): TeachingProcedure {
  const p = TEACHING_PROCEDURES.find((t) => t.key === key);
  if (!p) throw new RangeError(`procedure must be one of ${PROCEDURE_KEYS.join(", ")}, got ${JSON.stringify(key)}`);
  return p;
}
