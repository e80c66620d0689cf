/**
 * Design (model) matrix for regression, as R's model.matrix with treatment contrasts: an intercept column of
 * ones named "(Intercept)" first, then each predictor in the order given — a numeric column as one term named
 * like the column, a column of strings as one 0/1 dummy per level except the reference, named "column=level",
 * the reference being the first level in sorted order (JavaScript code-unit order, which for ASCII labels is
 * R's sort in the C locale).
 *
 * The columns come as a Map from column name to values, or as a plain object of which only its own properties are
 * read (so a column may be called "__proto__", "constructor" or "toString": an inherited property is not a
 * column); `levels` is a null-prototype object for the same reason.
 *
 * detectCollinearity finds the terms that R's glm reports as aliased (NA): a pivoted QR with dqrdc2's limited
 * pivoting and relative tolerance 1e-11 per column (column-scaling.ts designRank), not XᵀX with an absolute one, so
 * that a millisecond timestamp or 1e6 + N(0, 1), which R fits, is not called collinear.
 *
 * Throws RangeError when a predictor is not among the columns, a column's length differs from the others, a
 * numeric value is not finite, a string cell is empty, or a predictor is constant (one value / one level) —
 * each message names the column (and the row for bad cells). TypeError when a column mixes numbers and strings.
 *
 * @example buildDesign({age: [61, 70, 55], sex: ["F", "M", "F"]}, ["age", "sex"]).names
 *   // ["(Intercept)", "age", "sex=M"]; buildDesign(new Map([["__proto__", [1, 2, 3]]]), ["__proto__"]) works alike
 */
import {designRank, designScaling} from "./column-scaling.js";

export interface DesignMatrix {
  /** Term names, "(Intercept)" first when there is an intercept. */
  names: string[];
  /** One Float64Array of length n per term (column-major). */
  columns: Float64Array[];
  /** Number of rows. */
  n: number;
  /** For each term, the predictor (input column) it came from; "(Intercept)" for the intercept. */
  sources?: string[];
  /** For string predictors, the levels in sorted order; the first is the reference (a null-prototype object). */
  levels?: Record<string, string[]>;
}

export interface BuildDesignOptions {
  /** Include an intercept column of ones (default true). */
  intercept?: boolean;
}

/** One input column: numbers (a numeric predictor) or strings (a categorical one). */
export type DesignColumn = ArrayLike<number> | ArrayLike<string>;

/** Input columns by name as a plain object (only its own properties are read). */
export type DesignColumns = Record<string, DesignColumn>;

/** Input columns by name: a Map (for names such as "__proto__"), or a plain object of which only own properties are read. */
export type DesignColumnsInput = DesignColumns | ReadonlyMap<string, DesignColumn>;

/** The column called `name`, or undefined; never an inherited property such as Object.prototype's. */
function columnOf(columns: DesignColumnsInput, name: string): DesignColumn | undefined {
  if (columns instanceof Map) return (columns as ReadonlyMap<string, DesignColumn>).get(name);
  const record = columns as Record<string, DesignColumn>;
  return Object.prototype.hasOwnProperty.call(record, name) ? record[name] : undefined;
}

function columnNames(columns: DesignColumnsInput): string[] {
  return columns instanceof Map ? [...(columns as ReadonlyMap<string, DesignColumn>).keys()] : Object.keys(columns);
}

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
export function buildDesign(columns: DesignColumnsInput, predictors: string[], options: BuildDesignOptions = {}): DesignMatrix {
  const intercept = options.intercept ?? true;
  if (!Array.isArray(predictors)) throw new TypeError("buildDesign: predictors must be an array of column names");
  const seen = new Set<string>();
  let n = -1;
  if (columns == null || typeof columns !== "object") throw new TypeError("buildDesign: columns must be a Map or an object of columns");
  const byName = new Map<string, DesignColumn>();
  for (const p of predictors) {
    if (typeof p !== "string") throw new TypeError(`buildDesign: predictor names must be strings, got ${String(p)}`);
    const column = columnOf(columns, p);
    if (column === undefined) {
      throw new RangeError(`buildDesign: predictor "${p}" is not a column (columns: ${columnNames(columns).map((c) => `"${c}"`).join(", ")})`);
    }
    if (column == null || typeof column.length !== "number") throw new TypeError(`buildDesign: column "${p}" must be an array of numbers or strings`);
    if (seen.has(p)) throw new RangeError(`buildDesign: predictor "${p}" is listed twice`);
    seen.add(p);
    byName.set(p, column);
    const len = column.length;
    if (n < 0) n = len;
    else if (len !== n) throw new RangeError(`buildDesign: column "${p}" has ${len} rows, expected ${n} like the columns before it`);
  }
  if (n < 0) {
    const names = columnNames(columns);
    const first = names.length > 0 ? columnOf(columns, names[0]) : undefined;
    n = first ? first.length : 0;
  }
  if (n === 0) throw new RangeError("buildDesign: the data have no rows");

  const names: string[] = [];
  const out: Float64Array[] = [];
  const sources: string[] = [];
  const levels = Object.create(null) as Record<string, string[]>;
  if (intercept) {
    names.push("(Intercept)");
    out.push(new Float64Array(n).fill(1));
    sources.push("(Intercept)");
  }
  for (const p of predictors) {
    const values = byName.get(p)!;
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
 * Names the terms that R's glm.fit would report as aliased (NA): a term is aliased when the part of it that the
 * terms kept before it do not explain is below `tolerance` (default 1e-11, glm.fit's) of its norm, decided by
 * dqrdc2's pivoted QR (see column-scaling.ts designRank). A design whose first term is "(Intercept)" is centred
 * for the screen, as the fitters centre it.
 * @example detectCollinearity(buildDesign({a: [1, 2, 3, 4], b: [2, 4, 6, 8.5], c: [3, 6, 9, 12.5]}, ["a", "b", "c"]))
 *   // {collinear: true, terms: ["c"], rank: 3}
 */
export function detectCollinearity(design: DesignMatrix, options: {tolerance?: number} = {}): CollinearityResult {
  const k = design.columns.length;
  if (k === 0) return {collinear: false, terms: [], rank: 0};
  const tolerance = options.tolerance ?? 1e-11;
  if (!(tolerance > 0 && tolerance < 1)) throw new RangeError(`detectCollinearity: tolerance must be in (0, 1), got ${tolerance}`);
  const scaling = designScaling(design.columns, design.n, isInterceptColumn(design, 0));
  const result = designRank(design.columns, design.n, scaling, {tolerance});
  const terms = result.aliased.map((j) => design.names[j]);
  return {collinear: terms.length > 0, terms, rank: result.rank};
}

/** Whether term j is the intercept: named "(Intercept)" and every value 1. */
export function isInterceptColumn(design: DesignMatrix, j: number): boolean {
  if (design.names[j] !== "(Intercept)") return false;
  const c = design.columns[j];
  for (let i = 0; i < design.n; i++) if (c[i] !== 1) return false;
  return true;
}
