/**
 * The number of candidate parameters of a prediction model, for the minimum sample size of Riley et al. (BMJ 2020;
 * 368:m441), whose P is "the number of candidate predictor parameters" — every parameter considered before any
 * selection, not only those kept: a continuous or binary predictor entered linearly counts 1, a categorical one with
 * L levels counts L − 1 (its dummies), a restricted cubic spline with K knots counts K − 1 (its linear term and K − 2
 * nonlinear ones; rms::rcs). rileyByCandidates passes the total to rileySampleSize (sample-size.ts).
 *
 * Throws RangeError (naming the candidate) for a duplicate name, an unknown kind, a categorical with fewer than 2
 * levels, or a spline with a number of knots that is not an integer ≥ 3; candidatesFromColumns throws for a column
 * that is missing, empty, constant, or mixes numbers and strings.
 *
 * @example countCandidateParameters([{name: "age", kind: "spline", knots: 4}, {name: "race", kind: "categorical", levels: 3}]).total // 5
 */
import type {DesignColumns} from "./design.js";
import {rileySampleSize, type RileySampleSize} from "./sample-size.js";

export type CandidateKind = "linear" | "binary" | "categorical" | "spline";

export interface CandidateSpec {
  name: string;
  kind: CandidateKind;
  /** Categorical: the number of levels L. */
  levels?: number;
  /** Spline: the number of knots K. */
  knots?: number;
}

export interface CandidateCount {
  name: string;
  kind: CandidateKind;
  parameters: number;
  /** Why it counts that many, in words for the page ("3 levels: 2 dummies"). */
  reason: string;
}

export interface CandidateParameters {
  total: number;
  candidates: CandidateCount[];
}

/**
 * Counts the parameters of each candidate and their total (see the module comment).
 * @example countCandidateParameters([{name: "smoking", kind: "binary"}, {name: "bmd_t", kind: "spline", knots: 3}]).total // 3
 */
export function countCandidateParameters(candidates: ReadonlyArray<CandidateSpec>): CandidateParameters {
  const caller = "countCandidateParameters";
  const seen = new Set<string>();
  const counts = candidates.map((c): CandidateCount => {
    if (seen.has(c.name)) throw new RangeError(`${caller}: candidate "${c.name}" is listed twice`);
    seen.add(c.name);
    switch (c.kind) {
      case "linear":
        return {name: c.name, kind: c.kind, parameters: 1, reason: "entered linearly: 1 parameter"};
      case "binary":
        return {name: c.name, kind: c.kind, parameters: 1, reason: "binary: 1 parameter"};
      case "categorical": {
        const l = c.levels;
        if (!(Number.isInteger(l) && (l as number) >= 2)) throw new RangeError(`${caller}: categorical candidate "${c.name}" has levels = ${l}; give its number of levels (at least 2)`);
        return {name: c.name, kind: c.kind, parameters: l! - 1, reason: `${l} levels: ${l! - 1} dummy parameter${l! - 1 === 1 ? "" : "s"}`};
      }
      case "spline": {
        const k = c.knots;
        if (!(Number.isInteger(k) && (k as number) >= 3)) throw new RangeError(`${caller}: spline candidate "${c.name}" has knots = ${k}; a restricted cubic spline needs an integer number of knots of at least 3`);
        return {name: c.name, kind: c.kind, parameters: k! - 1, reason: `restricted cubic spline with ${k} knots: ${k! - 1} parameters (1 linear, ${k! - 2} nonlinear)`};
      }
      default:
        throw new RangeError(`${caller}: candidate "${c.name}" has kind ${JSON.stringify((c as {kind: unknown}).kind)}, expected "linear", "binary", "categorical" or "spline"`);
    }
  });
  return {total: counts.reduce((s, c) => s + c.parameters, 0), candidates: counts};
}

/**
 * Candidate specs from data columns: a column of strings is categorical with its distinct values as levels, a numeric
 * column with two distinct values is binary, any other numeric column is linear — or a spline with the number of
 * knots given for it in `splines`.
 * @example candidatesFromColumns({sex: ["F", "M", "F"], age: [61, 70, 55]}, ["sex", "age"], {splines: new Map([["age", 4]])})
 *   // [{name: "sex", kind: "categorical", levels: 2}, {name: "age", kind: "spline", knots: 4}]
 */
export function candidatesFromColumns(columns: DesignColumns, names: ReadonlyArray<string>, {splines}: {splines?: ReadonlyMap<string, number>} = {}): CandidateSpec[] {
  const caller = "candidatesFromColumns";
  return names.map((name): CandidateSpec => {
    if (!Object.prototype.hasOwnProperty.call(columns, name)) throw new RangeError(`${caller}: "${name}" is not a column`);
    const values = columns[name]!;
    if (values.length === 0) throw new RangeError(`${caller}: column "${name}" is empty`);
    const distinct = new Set<string | number>();
    let strings = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as unknown;
      if (typeof v === "string") strings++;
      else if (typeof v !== "number" || !Number.isFinite(v)) throw new RangeError(`${caller}: column "${name}" row ${i + 1} is ${String(v)}; drop missing values first`);
      distinct.add(v as string | number);
    }
    if (strings > 0 && strings < values.length) throw new RangeError(`${caller}: column "${name}" mixes numbers and strings`);
    if (distinct.size < 2) throw new RangeError(`${caller}: column "${name}" is constant; it cannot be a candidate predictor`);
    const knots = splines?.get(name);
    if (strings > 0) {
      if (knots !== undefined) throw new RangeError(`${caller}: column "${name}" holds strings; it cannot be a spline`);
      return {name, kind: "categorical", levels: distinct.size};
    }
    if (knots !== undefined) return {name, kind: "spline", knots};
    return distinct.size === 2 ? {name, kind: "binary"} : {name, kind: "linear"};
  });
}

/**
 * Riley et al.'s minimum sample size with P = the candidate parameters counted here.
 * @example rileyByCandidates([{name: "age", kind: "spline", knots: 3}], {prevalence: 0.154, rSquaredCS: 0.2}).parameters.total // 2
 */
export function rileyByCandidates(
  candidates: ReadonlyArray<CandidateSpec>,
  options: {prevalence: number; rSquaredCS: number; shrinkage?: number; delta?: number; margin?: number}
): RileySampleSize & {parameters: CandidateParameters} {
  const parameters = countCandidateParameters(candidates);
  if (parameters.total < 1) throw new RangeError("rileyByCandidates: candidates is empty; there is nothing to size the study for");
  return {...rileySampleSize({...options, parameters: parameters.total}), parameters};
}
