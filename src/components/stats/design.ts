/**
 * Design (model) matrix for regression, as R's model.matrix with treatment contrasts: an intercept column of
 * ones named "(Intercept)" first, then each predictor in the order given — a numeric column as one term named
 * like the column, a column of strings as one 0/1 dummy per level except the reference, named "column=level",
 * the reference being the first level in sorted order (JavaScript code-unit order, which for ASCII labels is
 * R's sort in the C locale).
 *
 * detectCollinearity finds terms that are (numerically) linear combinations of the terms before them by a
 * rank-revealing Cholesky of XᵀX in column order — the same "aliased" terms R's lm/glm report as NA
 * (Golub & Van Loan §5.4; R's dqrdc2 limited pivoting).
 *
 * Throws RangeError when a predictor is not among the columns, a column's length differs from the others, a
 * numeric value is not finite, a string cell is empty, or a predictor is constant (one value / one level) —
 * each message names the column (and the row for bad cells). TypeError when a column mixes numbers and strings.
 *
 * @example buildDesign({age: [61, 70, 55], sex: ["F", "M", "F"]}, ["age", "sex"]).names
 *   // ["(Intercept)", "age", "sex=M"]
 */
import {rankRevealingCholesky} from "./linear-algebra.js";

export interface DesignMatrix {
  /** Term names, "(Intercept)" first when there is an intercept. */
  names: string[];
  /** One Float64Array of length n per term (column-major). */
  columns: Float64Array[];
  /** Number of rows. */
  n: number;
  /** For each term, the predictor (input column) it came from; "(Intercept)" for the intercept. */
  sources?: string[];
  /** For string predictors, the levels in sorted order; the first is the reference. */
  levels?: Record<string, string[]>;
}

export interface BuildDesignOptions {
  /** Include an intercept column of ones (default true). */
  intercept?: boolean;
}

export type DesignColumns = Record<string, ArrayLike<number> | ArrayLike<string>>;

function isStringColumn(values: ArrayLike<number> | ArrayLike<string>, name: string): boolean {
  // a typed array holds numbers only (the bigint ones fall through to the check below)
  if (ArrayBuffer.isView(values) && !(values instanceof BigInt64Array || values instanceof BigUint64Array)) return false;
  let strings = 0;
  let numbers = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as unknown;
    if (typeof v === "string") strings++;
    else if (typeof v === "number") numbers++;
    else throw new TypeError(`buildDesign: column "${name}" row ${i + 1} is ${v === null ? "null" : typeof v}, expected a number or a string`);
  }
  if (strings > 0 && numbers > 0) {
    throw new TypeError(`buildDesign: column "${name}" mixes numbers and strings; convert it to one type first`);
  }
  return strings > 0;
}

/**
 * Builds the design matrix for `predictors` taken from `columns`.
 * @example buildDesign({x: [1, 2, 3]}, ["x"]) // {names: ["(Intercept)", "x"], columns: [[1,1,1], [1,2,3]], n: 3}
 */
export function buildDesign(columns: DesignColumns, predictors: string[], options: BuildDesignOptions = {}): DesignMatrix {
  const intercept = options.intercept ?? true;
  if (!Array.isArray(predictors)) throw new TypeError("buildDesign: predictors must be an array of column names");
  const seen = new Set<string>();
  let n = -1;
  for (const p of predictors) {
    if (!(p in columns)) {
      throw new RangeError(`buildDesign: predictor "${p}" is not a column (columns: ${Object.keys(columns).join(", ")})`);
    }
    if (seen.has(p)) throw new RangeError(`buildDesign: predictor "${p}" is listed twice`);
    seen.add(p);
    const len = columns[p].length;
    if (n < 0) n = len;
    else if (len !== n) throw new RangeError(`buildDesign: column "${p}" has ${len} rows, expected ${n} like the columns before it`);
  }
  if (n < 0) {
    const first = Object.values(columns)[0];
    n = first ? first.length : 0;
  }
  if (n === 0) throw new RangeError("buildDesign: the data have no rows");

  const names: string[] = [];
  const out: Float64Array[] = [];
  const sources: string[] = [];
  const levels: Record<string, string[]> = {};
  if (intercept) {
    names.push("(Intercept)");
    out.push(new Float64Array(n).fill(1));
    sources.push("(Intercept)");
  }
  for (const p of predictors) {
    const values = columns[p];
    if (isStringColumn(values, p)) {
      const strings = values as ArrayLike<string>;
      const distinct = new Set<string>();
      for (let i = 0; i < n; i++) {
        if (strings[i] === "") throw new RangeError(`buildDesign: column "${p}" row ${i + 1} is empty; drop or fill missing values first`);
        distinct.add(strings[i]);
      }
      const sorted = [...distinct].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      if (sorted.length < 2) {
        throw new RangeError(`buildDesign: predictor "${p}" is constant (every row is "${sorted[0]}"); remove it from the model`);
      }
      levels[p] = sorted;
      const index = new Map(sorted.map((level, j) => [level, j]));
      const dummies = sorted.slice(1).map(() => new Float64Array(n));
      for (let i = 0; i < n; i++) {
        const j = index.get(strings[i]) as number;
        if (j > 0) dummies[j - 1][i] = 1;
      }
      for (let j = 1; j < sorted.length; j++) {
        names.push(`${p}=${sorted[j]}`);
        out.push(dummies[j - 1]);
        sources.push(p);
      }
    } else {
      const numbers = values as ArrayLike<number>;
      const column = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const v = numbers[i];
        if (!Number.isFinite(v)) throw new RangeError(`buildDesign: column "${p}" row ${i + 1} is ${v}, expected a finite number`);
        column[i] = v;
      }
      let constant = true;
      for (let i = 1; i < n && constant; i++) if (column[i] !== column[0]) constant = false;
      if (constant) throw new RangeError(`buildDesign: predictor "${p}" is constant (every row is ${column[0]}); remove it from the model`);
      names.push(p);
      out.push(column);
      sources.push(p);
    }
  }
  return {names, columns: out, n, sources, levels};
}

export interface CollinearityResult {
  /** True when some term is a linear combination of the others. */
  collinear: boolean;
  /** Names of the terms that are linear combinations of the terms before them (R's aliased coefficients). */
  terms: string[];
  /** Rank of the design matrix. */
  rank: number;
}

/**
 * Gram matrix XᵀX (k×k, row-major, full) of the design's columns.
 */
export function gramMatrix(design: DesignMatrix): Float64Array {
  const k = design.columns.length;
  const g = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    const ca = design.columns[a];
    for (let b = 0; b <= a; b++) {
      const cb = design.columns[b];
      let s = 0;
      for (let i = 0; i < design.n; i++) s += ca[i] * cb[i];
      g[a * k + b] = s;
      g[b * k + a] = s;
    }
  }
  return g;
}

/**
 * Names the terms that are linear combinations of earlier terms: a term is aliased when its regression on the
 * earlier kept terms leaves less than `tolerance` (default 1e-10) of its sum of squares.
 * @example detectCollinearity(buildDesign({a: [1, 2, 3, 4], b: [2, 4, 6, 8.5], c: [3, 6, 9, 12.5]}, ["a", "b", "c"]))
 *   // {collinear: true, terms: ["c"], rank: 3}
 */
export function detectCollinearity(design: DesignMatrix, options: {tolerance?: number} = {}): CollinearityResult {
  const k = design.columns.length;
  if (k === 0) return {collinear: false, terms: [], rank: 0};
  const result = rankRevealingCholesky(gramMatrix(design), k, options.tolerance ?? 1e-10);
  const terms = result.aliased.map((j) => design.names[j]);
  return {collinear: terms.length > 0, terms, rank: result.rank};
}
