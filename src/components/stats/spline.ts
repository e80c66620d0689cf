/**
 * Restricted cubic splines (natural splines: linear beyond the outer knots), as rms::rcs builds them through
 * Hmisc::rcspline.eval (Hmisc 4.8.0, rms 6.5; Stone & Koo 1985; Harrell, "Regression Modeling Strategies", 2nd ed.,
 * §2.4.5).
 *
 * Basis, for knots t₁ < … < t_K and x: the linear term x itself, then for j = 1..K−2 (rcspline.eval(x, knots,
 * inclx = TRUE, norm = 2), the basis rms fits)
 *   Cⱼ(x) = (x − tⱼ)₊³/τ³ + [(t_{K−1} − tⱼ)(x − t_K)₊³ − (t_K − tⱼ)(x − t_{K−1})₊³] / [τ³ (t_K − t_{K−1})],
 *   τ = (t_K − t₁)^{2/3}  (norm = 2: the terms are on the scale of x),
 * named like rms: "bmd", "bmd'", "bmd''", … (K − 1 terms, K − 2 of them nonlinear).
 *
 * Knots (rcsKnots), Harrell's default placement exactly as rcspline.eval(x, nk = K) with fractied = 0.05:
 *  - quantiles (R's type 7) at seq(outer, 1 − outer, length = K), outer = 0.1 for K = 3, 0.05 for 4–6, 0.025 for 7+;
 *  - fewer than 6 values: error; K − 2 or fewer distinct values beyond the K needed (distinct ≤ K + 2): the knots are
 *    the distinct values without the smallest and largest (a warning, as Hmisc's);
 *  - ties at an end: when no interior value holds ≥ 5% of the data but the smallest (largest) value does, that end's
 *    knot is the second smallest (largest) distinct value and the other knots are placed among the values strictly
 *    between (K − 1 or K − 2 of them; the median when only one remains);
 *  - when the quantiles give fewer than min(K, 3) distinct knots, 2K quantiles are taken instead (a warning);
 *  - fewer than 100 values (after any end-tie trimming): the outer knots are replaced by the 5th smallest and the 5th
 *    largest value (except at an end fixed by ties) — Hmisc assigns them to positions 1 and K of the knot vector,
 *    which after the 2K-quantile fallback is not its last element; we reproduce that too;
 *  - finally the knots are sorted and duplicates dropped; fewer than 3 distinct knots is an error.
 * One difference from R: Hmisc counts ties with table(), which groups values by their 15-significant-digit
 * printed form; we group exactly equal numbers (identical for data recorded to fewer digits).
 *
 * Throws RangeError (naming the argument) for a non-finite x value, nk not an integer ≥ 3, fewer than 6 values,
 * knots that are not finite and strictly increasing after sorting, or data with fewer than 3 distinct knots.
 *
 * @example rcsKnots(MASS.birthwt.age, 3).knots // [17, 23, 31] (R: attr(rcs(birthwt$age, 3), "parms"))
 */
import type {DesignColumns, DesignMatrix} from "./design.js";

export interface RcsKnots {
  /** Knots, strictly increasing. */
  knots: number[];
  /** Hmisc's warnings, when its fallback rules were used (none for ordinary data). */
  warnings: string[];
}

function checkFinite(x: ArrayLike<number>, name: string, caller: string): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as unknown;
    if (typeof v !== "number" || !Number.isFinite(v)) throw new RangeError(`${caller}: ${name}[${i}] is ${String(v)}; drop missing values before building a spline`);
    out[i] = v;
  }
  return out;
}

/** R's quantile(x, p, type = 7) on ascending `sorted`, with R's arithmetic ((1 − h)·x_lo + h·x_hi). */
export function quantileType7(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  const index = 1 + Math.max(n - 1, 0) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const qs = sorted[lo - 1]!;
  if (index > lo && sorted[hi - 1]! !== qs) {
    const h = index - lo;
    return (1 - h) * qs + h * sorted[hi - 1]!;
  }
  return qs;
}

/** R's seq(from, to, length.out = n) for doubles: the ends exact, the interior from + i·((to − from)/(n − 1)). */
function rSeq(from: number, to: number, n: number): number[] {
  if (n === 1) return [from];
  if (n === 2) return [from, to];
  if (from === to) return new Array<number>(n).fill(from);
  const by = (to - from) / (n - 1);
  const out = [from];
  for (let i = 1; i <= n - 2; i++) out.push(from + i * by);
  out.push(to);
  return out;
}

function median(sorted: Float64Array): number {
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

function sortedUnique(values: ArrayLike<number>): number[] {
  const s = Float64Array.from(values).sort();
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) if (i === 0 || s[i] !== s[i - 1]) out.push(s[i]!);
  return out;
}

/**
 * Harrell's default knots for a restricted cubic spline with `nk` knots, as Hmisc::rcspline.eval (and so rms::rcs)
 * places them; see the module comment for the rules.
 * @example rcsKnots([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 3).knots // [5, 5.5, 6] (n < 100: the 5th smallest and largest)
 */
export function rcsKnots(x: ArrayLike<number>, nk = 5, {fractied = 0.05}: {fractied?: number} = {}): RcsKnots {
  const caller = "rcsKnots";
  if (!(Number.isInteger(nk) && nk >= 3)) throw new RangeError(`${caller}: nk is ${nk}, expected an integer of at least 3 knots`);
  const data = checkFinite(x, "x", caller);
  const n = data.length;
  if (n < 6) throw new RangeError(`${caller}: x has ${n} values; at least 6 are needed to place knots`);
  const warnings: string[] = [];
  const xu = sortedUnique(data);
  const nxu = xu.length;
  let knots: number[];
  if (nxu - 2 <= nk) {
    warnings.push(`${nk} knots requested with ${nxu} unique values of x; knots set to the ${nxu - 2} interior values`);
    knots = xu.slice(1, nxu - 1);
  } else {
    let outer = nk > 3 ? 0.05 : 0.1;
    if (nk > 6) outer = 0.025;
    let nke = nk;
    let xx = Float64Array.from(data).sort();
    let firstKnot: number | null = null;
    let lastKnot: number | null = null;
    let overrideFirst = false;
    let overrideLast = false;
    if (fractied > 0 && fractied < 1) {
      // frequencies of the distinct values, in ascending order of value (R: table(xx) / n)
      const freq: number[] = [];
      for (let i = 0; i < n; ) {
        let j = i;
        while (j < n && xx[j] === xx[i]) j++;
        freq.push((j - i) / n);
        i = j;
      }
      let maxInterior = -Infinity;
      for (let i = 1; i < freq.length - 1; i++) maxInterior = Math.max(maxInterior, freq[i]!);
      if (maxInterior < fractied) {
        if (freq[0]! >= fractied) {
          const min = xx[0]!;
          let second = Infinity;
          for (const v of xx) if (v > min && v < second) second = v;
          firstKnot = second;
          xx = xx.filter((v) => v > second);
          nke--;
          overrideFirst = true;
        }
        if (freq[freq.length - 1]! >= fractied) {
          // computed on the (possibly already trimmed) xx, as Hmisc does
          const max = xx[xx.length - 1]!;
          let second = -Infinity;
          for (const v of xx) if (v < max && v > second) second = v;
          lastKnot = second;
          xx = xx.filter((v) => v < second);
          nke--;
          overrideLast = true;
        }
      }
    }
    if (nke === 1) {
      knots = [median(xx)];
    } else {
      if (nxu <= nke) {
        knots = xu.slice();
      } else {
        const p = nke === 2 ? rSeq(0.5, 1 - outer, nke) : rSeq(outer, 1 - outer, nke);
        knots = p.map((q) => quantileType7(xx, q));
        if (new Set(knots).size < Math.min(nke, 3)) {
          knots = rSeq(outer, 1 - outer, 2 * nke).map((q) => quantileType7(xx, q));
          if (firstKnot !== null && new Set(knots).size < 3) {
            const midval = lastKnot !== null ? (firstKnot + lastKnot) / 2 : median(xx);
            knots = [firstKnot, midval, lastKnot !== null ? lastKnot : quantileType7(xx, 1 - outer)].sort((a, b) => a - b);
          }
          const nu = new Set(knots).size;
          if (nu < 3) throw new RangeError(`${caller}: x has too few distinct values away from its ends to place 3 distinct knots (the quantiles give ${nu}); use fewer knots or enter x linearly`);
          warnings.push(`could not obtain ${nke} interior knots with the default algorithm; used the alternate algorithm to obtain ${nu} knots`);
        }
      }
      if (xx.length < 100) {
        // R assigns knots[1] and knots[nke]; an index past the end extends the vector with NA, dropped below
        if (!overrideFirst) knots[0] = xx[4]!;
        if (!overrideLast) {
          while (knots.length < nke) knots.push(NaN);
          knots[nke - 1] = xx[xx.length - 5]!;
        }
      }
    }
    knots = [...(firstKnot !== null ? [firstKnot] : []), ...knots, ...(lastKnot !== null ? [lastKnot] : [])];
  }
  const distinct = sortedUnique(knots.filter((k) => !Number.isNaN(k)));
  if (distinct.length < 3) throw new RangeError(`${caller}: only ${distinct.length} distinct knot${distinct.length === 1 ? "" : "s"} can be placed for x (${nxu} distinct values); a restricted cubic spline needs 3 — enter x linearly`);
  return {knots: distinct, warnings};
}

function checkKnots(knots: ArrayLike<number>, caller: string): number[] {
  const k = Array.from(knots);
  if (k.length < 3) throw new RangeError(`${caller}: knots has ${k.length} values; a restricted cubic spline needs at least 3`);
  for (let i = 0; i < k.length; i++) {
    if (!Number.isFinite(k[i])) throw new RangeError(`${caller}: knots[${i}] is ${k[i]}`);
    if (i > 0 && !(k[i]! > k[i - 1]!)) throw new RangeError(`${caller}: knots must be strictly increasing, but knots[${i - 1}] = ${k[i - 1]} and knots[${i}] = ${k[i]}`);
  }
  return k;
}

/** The K − 2 nonlinear basis values at one x, into out (Hmisc's arithmetic, term by term). */
function nonlinearInto(x: number, k: number[], kd: number, out: Float64Array, offset: number): void {
  const nk = k.length;
  const tK = k[nk - 1]!;
  const tK1 = k[nk - 2]!;
  const cube = (v: number) => (v > 0 ? v ** 3 : 0);
  const aK = cube((x - tK) / kd);
  const aK1 = cube((x - tK1) / kd);
  for (let j = 0; j < nk - 2; j++) {
    const tj = k[j]!;
    out[offset + j] = cube((x - tj) / kd) + ((tK1 - tj) * aK - (tK - tj) * aK1) / (tK - tK1);
  }
}

/**
 * The K − 1 basis columns of a restricted cubic spline at `x` (x itself, then the K − 2 nonlinear terms), as
 * rcspline.eval(x, knots, inclx = TRUE, norm = 2); for prediction at new values and partial-effect plots.
 * Throws RangeError for non-finite x or knots that are not strictly increasing (at least 3).
 * @example rcsBasis([0, 5, 10], [0, 5, 10])[1] // Float64Array [0, 1.25, 7.5] (τ³ = 100: 5³/100; 10³/100 − 10·5³/100/5)
 */
export function rcsBasis(x: ArrayLike<number>, knots: ArrayLike<number>): Float64Array[] {
  const caller = "rcsBasis";
  const k = checkKnots(knots, caller);
  const xs = checkFinite(x, "x", caller);
  const kd = (k[k.length - 1]! - k[0]!) ** (2 / 3);
  const columns = [Float64Array.from(xs)];
  for (let j = 0; j < k.length - 2; j++) columns.push(new Float64Array(xs.length));
  const row = new Float64Array(k.length - 2);
  for (let i = 0; i < xs.length; i++) {
    nonlinearInto(xs[i]!, k, kd, row, 0);
    for (let j = 0; j < k.length - 2; j++) columns[j + 1]![i] = row[j]!;
  }
  return columns;
}

/**
 * The K − 1 basis values at one x (for one row of a design, e.g. a prediction or a point of a partial-effect curve).
 * @example rcsRow(5, [0, 5, 10]) // [5, 1.25]
 */
export function rcsRow(x: number, knots: ArrayLike<number>): number[] {
  const caller = "rcsRow";
  const k = checkKnots(knots, caller);
  if (!Number.isFinite(x)) throw new RangeError(`${caller}: x is ${x}`);
  const row = new Float64Array(k.length - 2);
  nonlinearInto(x, k, (k[k.length - 1]! - k[0]!) ** (2 / 3), row, 0);
  return [x, ...row];
}

/** rms's term names for a spline of `name` with K knots: name, name', name'', … (K − 1 names). */
export function rcsTermNames(name: string, nKnots: number): string[] {
  const names = [name];
  for (let j = 1; j <= nKnots - 2; j++) names.push(name + "'".repeat(j));
  return names;
}

/** How a spline is asked for: a number of knots placed by rcsKnots, or the knots themselves. */
export type SplineRequest = number | {knots: ArrayLike<number>};

export interface SplineTerm {
  /** The input column. */
  factor: string;
  knots: number[];
  /** Design term names, linear first: ["bmd_t", "bmd_t'", …]. */
  terms: string[];
  /** The nonlinear ones (all but the first). */
  nonlinear: string[];
  warnings: string[];
}

export interface SplineExpansion {
  /** The input columns plus every spline term (a null-prototype object: column names may be anything). */
  columns: DesignColumns;
  /** The predictors to pass to buildDesign: each spline predictor replaced by its terms, in place. */
  predictors: string[];
  /** One entry per spline predictor, in predictor order. */
  splines: SplineTerm[];
}

/**
 * Expands the predictors named in `splines` into restricted cubic spline terms, so that buildDesign and fitLogistic
 * fit rms's lrm(y ~ rcs(x, K) + …): buildDesign(e.columns, e.predictors). Other predictors are passed through.
 * Throws RangeError when a spline predictor is not among `predictors` or not a numeric column, when a generated
 * term name is already a column, or what rcsKnots/rcsBasis throw (naming the column).
 * @example expandSplines(data, ["age", "bmd_t"], new Map([["bmd_t", 3]])).predictors // ["age", "bmd_t", "bmd_t'"]
 */
export function expandSplines(columns: DesignColumns, predictors: string[], splines: ReadonlyMap<string, SplineRequest>): SplineExpansion {
  const caller = "expandSplines";
  const out: DesignColumns = Object.create(null);
  for (const name of Object.keys(columns)) out[name] = columns[name]!;
  for (const name of splines.keys()) {
    if (!predictors.includes(name)) throw new RangeError(`${caller}: spline predictor "${name}" is not among the predictors (${predictors.join(", ")})`);
  }
  const expanded: string[] = [];
  const terms: SplineTerm[] = [];
  for (const p of predictors) {
    const request = splines.get(p);
    if (request === undefined) {
      expanded.push(p);
      continue;
    }
    if (!Object.prototype.hasOwnProperty.call(columns, p)) throw new RangeError(`${caller}: predictor "${p}" is not a column`);
    const values = columns[p]!;
    for (let i = 0; i < values.length; i++) {
      if (typeof values[i] !== "number") throw new RangeError(`${caller}: column "${p}" row ${i + 1} is ${JSON.stringify(values[i])}; a spline needs a numeric column`);
    }
    const x = values as ArrayLike<number>;
    let knots: number[];
    let warnings: string[] = [];
    try {
      if (typeof request === "number") ({knots, warnings} = rcsKnots(x, request));
      else knots = checkKnots(request.knots, caller);
    } catch (e) {
      throw new RangeError(`${caller}: column "${p}": ${(e as Error).message}`);
    }
    const names = rcsTermNames(p, knots.length);
    const basis = rcsBasis(x, knots);
    names.forEach((name, j) => {
      if (j > 0 && Object.prototype.hasOwnProperty.call(columns, name)) throw new RangeError(`${caller}: the spline term "${name}" of "${p}" is already a column; rename that column`);
      out[name] = basis[j]!;
    });
    expanded.push(...names);
    terms.push({factor: p, knots, terms: names, nonlinear: names.slice(1), warnings});
  }
  return {columns: out, predictors: expanded, splines: terms};
}

/** A model factor (an input column) and its design terms, for tests of the factor and of its nonlinearity. */
export interface FactorTerms {
  factor: string;
  /** All its design terms (a categorical's dummies, a spline's K − 1 terms, or the one linear term). */
  terms: string[];
  /** Its nonlinear terms (a spline's K − 2); empty otherwise. */
  nonlinear: string[];
}

/**
 * Groups a design's terms by factor, as rms's anova does: each spline's terms together (its nonlinear ones
 * marked), each categorical's dummies together, other terms alone. The intercept is not a factor.
 * @example modelFactors(buildDesign(e.columns, e.predictors), e).map((f) => f.factor) // ["age", "bmd_t"]
 */
export function modelFactors(design: DesignMatrix, expansion?: Pick<SplineExpansion, "splines">): FactorTerms[] {
  const bySpline = new Map<string, SplineTerm>();
  for (const s of expansion?.splines ?? []) for (const t of s.terms) bySpline.set(t, s);
  const factors: FactorTerms[] = [];
  const index = new Map<string, FactorTerms>();
  design.names.forEach((term, j) => {
    if (term === "(Intercept)") return;
    const spline = bySpline.get(term);
    const factor = spline ? spline.factor : design.sources?.[j] ?? term;
    let entry = index.get(factor);
    if (!entry) {
      entry = {factor, terms: [], nonlinear: []};
      index.set(factor, entry);
      factors.push(entry);
    }
    entry.terms.push(term);
    if (spline && term !== spline.terms[0]) entry.nonlinear.push(term);
  });
  return factors;
}
