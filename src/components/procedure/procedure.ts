/**
 * A modelling procedure as a value: a typed, serialisable description of how a prediction model is built, so
 * that it can be run again on any data — the study's table, a bootstrap resample, a redrawn study, a reader's
 * file — with no code that knows which predictors it will pick.
 *
 *   outcome and event value
 *   candidates            the predictors considered, in model order
 *   screen                none | univariable: keep a candidate whose Table 1 test (cohort policy, ../pipeline/table1.ts)
 *                         has p < α
 *   select                none | wald: fit all survivors, keep each factor whose Wald test (joint over a factor's
 *                         terms) has p < α, refit | backward: rms::fastbw's approximate backward elimination on
 *                         the fit of all survivors (rule "aic" or "p", type "residual" or "individual"), refit
 *   estimate              "ml" (glm) | "firth" (brglm2 / logistf penalised likelihood)
 *   splines               optional: candidates that enter as a restricted cubic spline, name → number of knots
 *                         (3–7, Harrell's placement as rms::rcs; ../stats/spline.ts); the others enter linearly
 *
 * A screen that keeps nothing, or a selection that drops everything, leaves the intercept-only model (which
 * predicts the prevalence for everyone): an honest output of the procedure, never an error.
 *
 * `parseProcedure` checks a value from JSON (a file given to `analyze --procedure`, a URL) and says which field is
 * wrong. Pure, no DOM.
 *
 * @example describeProcedure({...STUDY_PROCEDURE}) // "8 candidates; keep those with univariable p < 0.05; …"
 */

export type ContinuousScreenTest = "student" | "welch" | "wilcoxon";

export type Screen = {method: "none"} | {method: "univariable"; p: number; continuousTest?: ContinuousScreenTest};

export type Selection =
  | {method: "none"}
  | {method: "wald"; p: number}
  | {method: "backward"; rule: "aic" | "p"; p?: number; type?: "residual" | "individual"};

export interface Procedure {
  outcome: string;
  /** Outcome value that marks an event, as written in the data (compared as numbers when both are numbers). */
  event: string;
  candidates: string[];
  screen: Screen;
  select: Selection;
  estimate: "ml" | "firth";
  /** Continuous candidates entered as rms::rcs(x, K): name → K (3–7). Absent or empty: every candidate linear. */
  splines?: Record<string, number>;
}

/** The procedure that fits every candidate, unscreened, unselected: what `analyze --predictors` has always done. */
export function fitAllProcedure(outcome: string, candidates: readonly string[], {event = "1", estimate = "ml"}: {event?: string; estimate?: "ml" | "firth"} = {}): Procedure {
  return {outcome, event, candidates: [...candidates], screen: {method: "none"}, select: {method: "none"}, estimate};
}

/** A problem with a procedure value; the message names the field. */
export class ProcedureError extends RangeError {
  override name = "ProcedureError";
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function threshold(value: unknown, field: string): number {
  if (typeof value !== "number" || !(value > 0 && value <= 1)) {
    throw new ProcedureError(`${field} must be a number in (0, 1] (a p-value threshold), got ${JSON.stringify(value)}`);
  }
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw new ProcedureError(`${field} must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

function onlyKeys(value: Record<string, unknown>, keys: readonly string[], field: string): void {
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) throw new ProcedureError(`${field} has an unknown field ${JSON.stringify(key)} (known: ${keys.join(", ")})`);
  }
}

/**
 * Checks a procedure read from JSON and returns it in canonical form (defaults filled in).
 * Throws ProcedureError naming the field that is wrong.
 */
export function parseProcedure(value: unknown): Procedure {
  if (!isRecord(value)) throw new ProcedureError("a procedure must be a JSON object with outcome, event, candidates, screen, select and estimate");
  onlyKeys(value, ["outcome", "event", "candidates", "screen", "select", "estimate", "splines"], "the procedure");
  if (typeof value.outcome !== "string" || value.outcome.trim() === "") throw new ProcedureError("outcome must be the name of the outcome column");
  const event = value.event === undefined ? "1" : value.event;
  if (typeof event !== "string" && typeof event !== "number") throw new ProcedureError(`event must be the outcome value that marks an event, got ${JSON.stringify(value.event)}`);
  if (!Array.isArray(value.candidates) || value.candidates.length === 0 || value.candidates.some((c) => typeof c !== "string" || c.trim() === "")) {
    throw new ProcedureError("candidates must be a non-empty array of column names");
  }
  const candidates = (value.candidates as string[]).map((c) => c.trim());
  const dup = candidates.find((c, i) => candidates.indexOf(c) !== i);
  if (dup !== undefined) throw new ProcedureError(`candidates lists ${JSON.stringify(dup)} twice`);
  const screenValue = value.screen ?? {method: "none"};
  if (!isRecord(screenValue)) throw new ProcedureError("screen must be an object such as {\"method\": \"univariable\", \"p\": 0.05}");
  let screen: Screen;
  if (oneOf(screenValue.method, ["none", "univariable"] as const, "screen.method") === "none") {
    onlyKeys(screenValue, ["method"], "screen");
    screen = {method: "none"};
  } else {
    onlyKeys(screenValue, ["method", "p", "continuousTest"], "screen");
    screen = {method: "univariable", p: threshold(screenValue.p, "screen.p")};
    if (screenValue.continuousTest !== undefined) screen.continuousTest = oneOf(screenValue.continuousTest, ["student", "welch", "wilcoxon"] as const, "screen.continuousTest");
  }
  const selectValue = value.select ?? {method: "none"};
  if (!isRecord(selectValue)) throw new ProcedureError("select must be an object such as {\"method\": \"wald\", \"p\": 0.05}");
  let select: Selection;
  const method = oneOf(selectValue.method, ["none", "wald", "backward"] as const, "select.method");
  if (method === "none") {
    onlyKeys(selectValue, ["method"], "select");
    select = {method: "none"};
  } else if (method === "wald") {
    onlyKeys(selectValue, ["method", "p"], "select");
    select = {method: "wald", p: threshold(selectValue.p, "select.p")};
  } else {
    onlyKeys(selectValue, ["method", "rule", "p", "type"], "select");
    const rule = oneOf(selectValue.rule ?? "aic", ["aic", "p"] as const, "select.rule");
    select = {method: "backward", rule, type: oneOf(selectValue.type ?? "residual", ["residual", "individual"] as const, "select.type")};
    if (rule === "p") select.p = threshold(selectValue.p ?? 0.05, "select.p");
  }
  const estimate = oneOf(value.estimate ?? "ml", ["ml", "firth"] as const, "estimate");
  const out: Procedure = {outcome: value.outcome.trim(), event: String(event).trim(), candidates, screen, select, estimate};
  if (value.splines !== undefined) {
    const splines = parseSplines(value.splines, candidates);
    if (Object.keys(splines).length > 0) out.splines = splines;
  }
  return out;
}

/** The fewest and most knots a spline may have (rms::rcs: 3 to 7 with Harrell's default placement). */
export const MIN_KNOTS = 3;
export const MAX_KNOTS = 7;

/** Checks a splines field ({name: knots}) against the candidates; a null-prototype record comes back. */
export function parseSplines(value: unknown, candidates: readonly string[]): Record<string, number> {
  if (!isRecord(value)) throw new ProcedureError(`splines must be an object of candidate → number of knots, such as {"bmd_t": 3}, got ${JSON.stringify(value)}`);
  const out: Record<string, number> = Object.create(null);
  for (const [name, knots] of Object.entries(value)) {
    if (!candidates.includes(name)) throw new ProcedureError(`splines names ${JSON.stringify(name)}, which is not among the candidates (${candidates.join(", ")})`);
    if (typeof knots !== "number" || !Number.isInteger(knots) || knots < MIN_KNOTS || knots > MAX_KNOTS) {
      throw new ProcedureError(`splines.${name} must be a whole number of knots from ${MIN_KNOTS} to ${MAX_KNOTS}, got ${JSON.stringify(knots)}`);
    }
    out[name] = knots;
  }
  return out;
}

/** The knots asked for `name` (0 when it enters linearly). */
export function splineKnots(p: Pick<Procedure, "splines">, name: string): number {
  return p.splines && Object.prototype.hasOwnProperty.call(p.splines, name) ? p.splines[name]! : 0;
}

const continuousTestName: Record<ContinuousScreenTest, string> = {student: "Student's t", welch: "Welch's t", wilcoxon: "the Wilcoxon rank-sum test"};

/** The procedure in words, for pages, warnings and the JSON document. */
export function describeProcedure(p: Procedure): string {
  const parts = [`${p.candidates.length} candidate${p.candidates.length === 1 ? "" : "s"}`];
  if (p.screen.method === "univariable") {
    parts.push(
      `keep those with univariable p < ${p.screen.p} (${continuousTestName[p.screen.continuousTest ?? "student"]} for measurements, Pearson's χ² or Fisher's exact test for yes/no and categories)`
    );
  }
  if (p.select.method === "wald") parts.push(`fit them together, keep the factors with Wald p < ${p.select.p}, and refit`);
  else if (p.select.method === "backward") {
    parts.push(
      `backward elimination (rms::fastbw, rule ${p.select.rule === "aic" ? "AIC" : `p > ${p.select.p}`}, ${p.select.type ?? "residual"} χ²), then refit`
    );
  } else parts.push(p.screen.method === "none" ? "fit all of them" : "fit the survivors");
  const splined = p.candidates.filter((c) => splineKnots(p, c) > 0);
  if (splined.length) parts.push(`${splined.map((c) => `${c} as a restricted cubic spline with ${splineKnots(p, c)} knots`).join(", ")}`);
  parts.push(p.estimate === "firth" ? "by Firth's penalised likelihood" : "by maximum likelihood");
  return parts.join("; ");
}
