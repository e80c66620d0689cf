/**
 * Restricted (natural) cubic splines as Hmisc::rcspline.eval (Hmisc 4.8, used by rms::rcs) defines them
 * (Stone & Koo 1985; Harrell, Regression Modeling Strategies, 2nd ed., §2.4.5): with knots t₁ < … < t_k and
 * kd = (t_k − t₁)^{2/3} (R's norm = 2), the k − 2 non-linear terms are, for j = 1 … k − 2,
 *
 *   Sⱼ(x) = ((x − tⱼ)₊/kd)³ + [(t_{k−1} − tⱼ)·((x − t_k)₊/kd)³ − (t_k − tⱼ)·((x − t_{k−1})₊/kd)³] / (t_k − t_{k−1}),
 *
 * written as R writes it; with x itself they span the cubic splines that are linear beyond the outer knots.
 *
 * rcsKnots places the default knots as rcspline.eval(x, nk, knots.only = TRUE): at the quantiles (type 7)
 * seq(outer, 1 − outer, length = nk) of x, outer = 0.1 for nk = 3, 0.05 for 4–6, 0.025 for more; the outer knots
 * moved to the 5th smallest and 5th largest values when fewer than 100 values remain; with at most nk + 2
 * distinct values the interior distinct values are the knots; a lowest or highest value held by at least
 * `fractied` (5%) of the data (while no interior value is) is set aside and the next distinct value becomes a
 * knot, as Hmisc does for a mass of ties at an end; Hmisc's fallback when quantiles coincide (quantiles at
 * 2·nk probabilities) is followed too. Duplicate knots are merged, so fewer than nk may come back.
 *
 * quantileType7 is R's quantile(x, p) (type 7) with R's arithmetic: index = 1 + (n − 1)p, lo = ⌊index⌋,
 * q = (1 − h)·x_lo + h·x_hi with h = index − lo (unless x_hi equals x_lo).
 *
 * Throws RangeError for fewer than 6 finite values or nk < 3 (as rcspline.eval), a non-finite value, or when
 * fewer than 3 distinct knots can be placed (rcspline.eval stops with "fewer than 3 unique knots").
 *
 * Example: rcsKnots([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 3).knots // [5, 5.5, 6];
 *   rcsBasis([2], [0, 1, 2, 4]) // [[0.5], [0.0625]]
 */

/** R's quantile(x, p, type = 7) of values already sorted ascending. */
export function quantileType7(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError("quantileType7: sorted is empty");
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantileType7: p is ${p}, expected a number in [0, 1]`);
  const index = 1 + Math.max(n - 1, 0) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const qs = sorted[lo - 1]!;
  const xhi = sorted[hi - 1]!;
  if (index > lo && xhi !== qs) {
    const h = index - lo;
    return (1 - h) * qs + h * xhi;
  }
  return qs;
}

/** R's seq(from, to, length.out = n): from, from + i·by, …, to. */
function seqLength(from: number, to: number, n: number): number[] {
  if (n === 1) return [from];
  const by = (to - from) / (n - 1);
  const out = [from];
  for (let i = 1; i < n - 1; i++) out.push(from + i * by);
  out.push(to);
  return out;
}

function median(sorted: number[]): number {
  const n = sorted.length;
  const half = Math.floor((n + 1) / 2);
  return n % 2 === 1 ? sorted[half - 1]! : (sorted[half - 1]! + sorted[half]!) / 2;
}

export interface RcsKnots {
  knots: number[];
  /** Hmisc's warning when it had to fall back (few distinct values, or coinciding quantiles); absent otherwise. */
  warning?: string;
}

/**
 * Default knots for a restricted cubic spline of x with nk knots, as Hmisc::rcspline.eval (see the module comment).
 * @example rcsKnots(lp, 4).knots
 */
export function rcsKnots(x: ArrayLike<number>, nk = 5, {fractied = 0.05}: {fractied?: number} = {}): RcsKnots {
  if (!Number.isInteger(nk) || nk < 3) throw new RangeError(`rcsKnots: nk must be an integer >= 3, got ${nk}`);
  const all: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) throw new RangeError(`rcsKnots: x[${i}] is ${x[i]}, expected a finite number`);
    all.push(x[i]!);
  }
  const n = all.length;
  if (n < 6) throw new RangeError(`rcsKnots: ${n} values are too few to place knots (at least 6 are needed)`);
  let xx = all.slice().sort((a, b) => a - b);
  const unique = xx.filter((v, i) => i === 0 || v !== xx[i - 1]);
  const nxu = unique.length;
  let knots: number[];
  let warning: string | undefined;
  if (nxu - 2 <= nk) {
    warning = `${nk} knots requested with ${nxu} unique values of x; knots set to the ${nxu - 2} interior values`;
    knots = unique.slice(1, -1);
  } else {
    let outer = nk > 3 ? 0.05 : 0.1;
    if (nk > 6) outer = 0.025;
    let overrideFirst = false;
    let overrideLast = false;
    let nke = nk;
    const firstknot: number[] = [];
    const lastknot: number[] = [];
    if (fractied > 0 && fractied < 1) {
      const freq = new Map<number, number>();
      for (const v of xx) freq.set(v, (freq.get(v) ?? 0) + 1);
      const f = unique.map((v) => freq.get(v)! / n);
      let interiorMax = -Infinity;
      for (let j = 1; j < f.length - 1; j++) interiorMax = Math.max(interiorMax, f[j]!);
      if (interiorMax < fractied) {
        if (f[0]! >= fractied) {
          // xx is sorted: the smallest value above the minimum
          const fk = xx.find((v) => v > xx[0]!)!;
          firstknot.push(fk);
          xx = xx.filter((v) => v > fk);
          nke--;
          overrideFirst = true;
        }
        if (f[f.length - 1]! >= fractied) {
          const max = xx[xx.length - 1]!;
          let lk = -Infinity;
          for (const v of xx) if (v < max) lk = v;
          lastknot.push(lk);
          xx = xx.filter((v) => v < lk);
          nke--;
          overrideLast = true;
        }
      }
    }
    if (nke === 1) knots = [median(xx)];
    else {
      const probs = nke === 2 ? seqLength(0.5, 1 - outer, nke) : seqLength(outer, 1 - outer, nke);
      knots = probs.map((p) => quantileType7(xx, p));
      if (new Set(knots).size < Math.min(nke, 3)) {
        knots = seqLength(outer, 1 - outer, 2 * nke).map((p) => quantileType7(xx, p));
        if (firstknot.length && new Set(knots).size < 3) {
          const midval = firstknot.length && lastknot.length ? (firstknot[0]! + lastknot[0]!) / 2 : median(xx);
          knots = [firstknot[0]!, midval, lastknot.length ? lastknot[0]! : quantileType7(xx, 1 - outer)].sort((a, b) => a - b);
        }
        const nu = new Set(knots).size;
        if (nu < 3) throw new RangeError(`rcsKnots: fewer than 3 distinct knots can be placed (x has ${nxu} distinct values, most of them tied); use a linear term instead`);
        warning = `could not obtain ${nke} interior knots with the default algorithm; used the alternate algorithm to obtain ${nu} knots`;
      }
      if (xx.length < 100) {
        if (!overrideFirst) knots[0] = xx[4]!;
        if (!overrideLast) knots[nke - 1] = xx[xx.length - 5]!;
      }
    }
    knots = [...firstknot, ...knots, ...lastknot];
  }
  knots = [...new Set(knots)].sort((a, b) => a - b);
  if (knots.length < 3) throw new RangeError(`rcsKnots: fewer than 3 distinct knots can be placed (x has ${nxu} distinct values); use a linear term instead`);
  return warning === undefined ? {knots} : {knots, warning};
}

/**
 * The k − 2 non-linear spline terms at each x (one array per term, R's rcspline.eval(x, knots) columns).
 * Throws RangeError for fewer than 3 knots, knots not strictly increasing, or a non-finite x.
 * @example rcsBasis([2], [0, 1, 2, 4]) // [[0.5], [0.0625]] (kd = 4^(2/3): (2/kd)³ = 8/16, (1/kd)³ = 1/16)
 */
export function rcsBasis(x: ArrayLike<number>, knots: readonly number[]): number[][] {
  const k = knots.length;
  if (k < 3) throw new RangeError(`rcsBasis: knots must hold at least 3 values, got ${k}`);
  for (let j = 0; j < k; j++) {
    if (!Number.isFinite(knots[j])) throw new RangeError(`rcsBasis: knots[${j}] is ${knots[j]}`);
    if (j > 0 && !(knots[j]! > knots[j - 1]!)) throw new RangeError(`rcsBasis: knots must be strictly increasing (knots[${j - 1}] = ${knots[j - 1]}, knots[${j}] = ${knots[j]})`);
  }
  const t1 = knots[0]!;
  const tk = knots[k - 1]!;
  const tk1 = knots[k - 2]!;
  const kd = (tk - t1) ** (2 / 3);
  const cube = (v: number) => (v > 0 ? v ** 3 : 0);
  const out: number[][] = [];
  for (let j = 0; j < k - 2; j++) {
    const tj = knots[j]!;
    const col = new Array<number>(x.length);
    for (let i = 0; i < x.length; i++) {
      const xi = x[i]!;
      if (!Number.isFinite(xi)) throw new RangeError(`rcsBasis: x[${i}] is ${xi}, expected a finite number`);
      col[i] = cube((xi - tj) / kd) + ((tk1 - tj) * cube((xi - tk) / kd) - (tk - tj) * cube((xi - tk1) / kd)) / (tk - tk1);
    }
    out.push(col);
  }
  return out;
}
