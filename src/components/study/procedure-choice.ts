/**
 * The procedure a reader validates: the study's own, or the one chosen on the Model page (its candidates,
 * screening threshold and selection rule), carried to the Validation page in the link's query —
 * `validation.html?cand=age,bmd_t,…&screen=0.1&select=backward` — so the choice survives the page change, can be
 * shared, and is read the same way on load and on Back. A parameter that does not parse (an unknown candidate, a
 * threshold outside (0, 1]) is ignored with a note, never half-applied. Pure, no DOM.
 *
 * @example procedureFromQuery("?cand=age,bmd_t&select=none").procedure.candidates // ["age", "bmd_t"]
 */
import type {Procedure} from "../procedure/procedure.js";
import {refitProcedure, type RefitChoices, type SelectionChoice} from "./refit.js";
import {STUDY_CANDIDATES, STUDY_PROCEDURE} from "./study.js";

export interface ProcedureChoice {
  procedure: Procedure;
  /** True when the query chose something other than the study's procedure. */
  custom: boolean;
  /** Parameters ignored, and why. */
  notes: string[];
}

const SELECTIONS: readonly SelectionChoice[] = ["none", "wald", "backward"];

/** The Model page's choices as a query string (empty for the study's own procedure). */
export function procedureQuery({candidates, screenP, select}: RefitChoices): string {
  const params = new URLSearchParams();
  const same = candidates.length === STUDY_CANDIDATES.length && candidates.every((c, i) => c === STUDY_CANDIDATES[i]);
  if (!same) params.set("cand", candidates.join(","));
  if (STUDY_PROCEDURE.screen.method !== "univariable" || screenP !== STUDY_PROCEDURE.screen.p) params.set("screen", String(screenP));
  if (select !== STUDY_PROCEDURE.select.method) params.set("select", select);
  const text = params.toString().replace(/%2C/g, ",");
  return text ? `?${text}` : "";
}

/** The procedure a Validation page URL's query asks for (see the module comment). */
export function procedureFromQuery(search: string): ProcedureChoice {
  const params = new URLSearchParams(search);
  const notes: string[] = [];
  const study = STUDY_PROCEDURE;
  let candidates = [...study.candidates];
  const cand = params.get("cand");
  if (cand !== null) {
    const asked = cand.split(",").map((c) => c.trim()).filter(Boolean);
    const unknown = asked.filter((c) => !STUDY_CANDIDATES.includes(c));
    if (unknown.length || asked.length === 0) notes.push(`cand=${cand}: ${asked.length ? `not candidates of this study: ${unknown.join(", ")}` : "no candidate"}; the study's eight are used`);
    else candidates = STUDY_CANDIDATES.filter((c) => asked.includes(c));
  }
  let screenP = study.screen.method === "univariable" ? study.screen.p : 1;
  const screen = params.get("screen");
  if (screen !== null) {
    const p = Number(screen);
    if (screen.trim() !== "" && p > 0 && p <= 1) screenP = p;
    else notes.push(`screen=${screen}: not a p-value threshold in (0, 1]; ${screenP} is used`);
  }
  let select: SelectionChoice = study.select.method === "backward" ? "backward" : study.select.method;
  const sel = params.get("select");
  if (sel !== null) {
    if ((SELECTIONS as readonly string[]).includes(sel)) select = sel as SelectionChoice;
    else notes.push(`select=${sel}: not one of ${SELECTIONS.join(", ")}; ${select} is used`);
  }
  const procedure = refitProcedure({candidates, screenP, select});
  const custom = JSON.stringify(procedure) !== JSON.stringify(refitProcedure({candidates: [...study.candidates], screenP: study.screen.method === "univariable" ? study.screen.p : 1, select: study.select.method === "backward" ? "backward" : study.select.method}));
  return {procedure, custom, notes};
}
