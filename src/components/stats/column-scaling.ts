/**
 * Centring and scaling of a design's columns for fitting, and the rank decision of R's glm.fit.
 *
 * A logistic (or Firth) fit is equivariant under x ↦ (x − c)·s of its non-intercept columns when the model has an
 * intercept: the linear predictor, the deviance, z and p do not change, and β, SE and Var(β̂) map back exactly
 * (R's glm gives the same numbers up to rounding). The normal equations XᵀWX that the fitters solve are not
 * indifferent to it: an uncentred column such as a millisecond timestamp (1.7e12 ± 1e6) squares its condition
 * number into XᵀWX and the Cholesky fails, and |x| near 1e±200 overflows or underflows XᵀWX. So the fitters work on
 * a copy of the design (scaledColumns; the intercept's ones are shared, not copied) with x̃ⱼ = xⱼ·sⱼ − tⱼ, where
 * sⱼ = 2^−e is the power of two with max|xⱼ|·sⱼ in [1, 2) (exact, so x·sⱼ never rounds; a power-of-two scaling
 * changes no rounding in a Cholesky, it only keeps XᵀWX inside the range of doubles) and tⱼ = x̄ⱼ·sⱼ with x̄ⱼ the
 * column mean (any centre near the mean conditions XᵀWX alike; the mean is one pass). Without an intercept the
 * columns are only scaled (tⱼ = 0). Back on the original scale: βⱼ = sⱼβ̃ⱼ and β₀ = β̃₀ − Σⱼ tⱼβ̃ⱼ, i.e. β = Tβ̃ and
 * Var(β̂) = T Ṽ Tᵀ. The copy costs one pass and 8 bytes per non-intercept cell, which buys the plain kernels of
 * linear-algebra.ts for every iteration.
 *
 * Rank (designRank) is decided as glm.fit decides it: LINPACK dqrdc2's limited pivoting on the design (at glm's
 * start every weight is equal, so the weighted design is a multiple of X), a column being aliased when its part
 * not explained by the kept columns before it is below 1e-11 of its original norm (linear-algebra.ts
 * pivotedQrRank). The QR costs twice an IRLS iteration, so it runs only when it could matter: a Cholesky of
 * X̃ᵀX̃ (which the first IRLS iteration forms anyway) gives each column's unexplained fraction of its centred
 * norm, fⱼ, to a few ε; converted to R's measure, ‖rⱼ‖²/‖xⱼ‖² = fⱼ‖x̃ⱼ‖²/(‖x̃ⱼ‖² + n tⱼ²), when every fⱼ ≥ 1e-8 and
 * every ‖rⱼ‖/‖xⱼ‖ ≥ 100 × the tolerance, dqrdc2 would keep every column (its own rounding is ε-sized) and the QR
 * is skipped; otherwise the QR decides.
 *
 * Throws RangeError when a column's length is not n.
 * @example designScaling([ones, Float64Array.of(1e12, 1e12 + 1e6, 1e12 + 3e6)], 3, true).scale[1] // 2^−39
 */
import {binaryExponent, pow2} from "./binary-scale.js";
import {choleskyResidualFractions, pivotedQrRank, weightedCrossProducts} from "./linear-algebra.js";

/** The affine map of each column, x̃ⱼ = xⱼ·scale[j] − shift[j] (scale 1, shift 0 for the intercept). */
export interface DesignScaling {
  scale: Float64Array;
  shift: Float64Array;
  /** Whether column 0 is the intercept (a column of ones, kept as it is, and the others centred). */
  intercept: boolean;
}

/**
 * The centring and power-of-two scaling of each column (see the module comment), in one pass per column. Column 0
 * is left alone when `intercept` is true (it must then be the intercept's ones); a column of zeros gets scale 1
 * and shift 0.
 */
export function designScaling(columns: Float64Array[], n: number, intercept: boolean): DesignScaling {
  const k = columns.length;
  const scale = new Float64Array(k).fill(1);
  const shift = new Float64Array(k);
  for (let j = intercept ? 1 : 0; j < k; j++) {
    const c = columns[j];
    if (c.length < n) throw new RangeError(`designScaling: column ${j} has ${c.length} rows, expected ${n}`);
    let big = 0;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const v = c[i];
      sum += v;
      const a = v < 0 ? -v : v;
      if (a > big) big = a;
    }
    if (big === 0 || !Number.isFinite(big)) continue;
    const e = Math.max(-1022, Math.min(1023, binaryExponent(big)));
    const s = pow2(-e);
    scale[j] = s;
    if (!intercept) continue;
    if (!Number.isFinite(sum)) {
      // the plain sum overflowed (|x| near 1e308): sum the scaled values, which lie in (−2, 2)
      sum = 0;
      for (let i = 0; i < n; i++) sum += c[i] * s;
      shift[j] = sum / n;
    } else {
      shift[j] = (sum / n) * s;
    }
  }
  return {scale, shift, intercept};
}

/**
 * The scaled design X̃ (x̃ⱼ = xⱼ·sⱼ − tⱼ) as columns: a column whose map is the identity (the intercept) is the
 * input column itself, the others share one new allocation.
 */
export function scaledColumns(columns: Float64Array[], n: number, scaling: DesignScaling): Float64Array[] {
  const k = columns.length;
  let copies = 0;
  for (let j = 0; j < k; j++) if (scaling.scale[j] !== 1 || scaling.shift[j] !== 0) copies++;
  const store = new Float64Array(copies * n);
  const out: Float64Array[] = [];
  let next = 0;
  for (let j = 0; j < k; j++) {
    const s = scaling.scale[j];
    const t = scaling.shift[j];
    if (s === 1 && t === 0) {
      out.push(columns[j]);
      continue;
    }
    const c = columns[j];
    const x = store.subarray(next * n, (next + 1) * n);
    next++;
    for (let i = 0; i < n; i++) x[i] = c[i] * s - t;
    out.push(x);
  }
  return out;
}

/** β on the original scale from β̃ on the scaled one: βⱼ = sⱼβ̃ⱼ, β₀ = β̃₀ − Σⱼ tⱼβ̃ⱼ (into a new array). */
export function coefficientsToOriginal(betaScaled: ArrayLike<number>, scaling: DesignScaling): Float64Array {
  const k = scaling.scale.length;
  const beta = new Float64Array(k);
  for (let j = 0; j < k; j++) beta[j] = betaScaled[j] * scaling.scale[j];
  if (scaling.intercept) {
    let b0 = betaScaled[0];
    for (let j = 1; j < k; j++) b0 -= scaling.shift[j] * betaScaled[j];
    beta[0] = b0;
  }
  return beta;
}

/** Var(β̂) = T Ṽ Tᵀ on the original scale from Ṽ (k×k row-major) on the scaled one (into a new array). */
export function covarianceToOriginal(covScaled: Float64Array, scaling: DesignScaling): Float64Array {
  const k = scaling.scale.length;
  const {scale, shift} = scaling;
  // rows of T: row 0 = (1, −t₁, …, −t_{k−1}) with an intercept, row j = sⱼ eⱼ
  const out = new Float64Array(k * k);
  // M = T Ṽ, then out = M Tᵀ
  const m = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let v: number;
      if (a === 0 && scaling.intercept) {
        v = covScaled[b];
        for (let j = 1; j < k; j++) v -= shift[j] * covScaled[j * k + b];
      } else {
        v = scale[a] * covScaled[a * k + b];
      }
      m[a * k + b] = v;
    }
  }
  for (let a = 0; a < k; a++) {
    for (let b = 0; b <= a; b++) {
      let v: number;
      if (b === 0 && scaling.intercept) {
        v = m[a * k];
        for (let j = 1; j < k; j++) v -= m[a * k + j] * shift[j];
      } else {
        v = m[a * k + b] * scale[b];
      }
      out[a * k + b] = v;
      out[b * k + a] = v;
    }
  }
  return out;
}

/**
 * The standard errors on the original scale, SEⱼ = sⱼ·√Ṽⱼⱼ (the intercept's from Var(β̂)₀₀): taken from Ṽ, not from
 * Var(β̂), because a column near 1e-200 has an SE near 1e200 whose square, Var(β̂)ⱼⱼ, does not fit in a double.
 */
export function standardErrorsToOriginal(covScaled: Float64Array, covOriginal: Float64Array, scaling: DesignScaling): Float64Array {
  const k = scaling.scale.length;
  const se = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    se[j] = j === 0 && scaling.intercept ? Math.sqrt(covOriginal[0]) : scaling.scale[j] * Math.sqrt(covScaled[j * k + j]);
  }
  return se;
}

export interface DesignRank {
  rank: number;
  /** Indices of the aliased columns, in the order R's pivoting moves them to the end (its NA coefficients). */
  aliased: number[];
  /** Whether the pivoted QR was run (false when the Cholesky screen showed every column clearly independent). */
  usedQr: boolean;
}

/**
 * The rank of the design `columns` as glm.fit decides it (see the module comment). `gram`, when given, is c·X̃ᵀX̃
 * of the scaled columns for any c > 0 (e.g. XᵀWX at glm's start, where every weight is 3/16); otherwise it is
 * computed from `scaled` (or from scaledColumns when that is not given either). `tolerance` is dqrdc2's (glm.fit:
 * min(1e-7, epsilon/1000) = 1e-11).
 */
export function designRank(
  columns: Float64Array[],
  n: number,
  scaling: DesignScaling,
  {gram, scaled, tolerance = 1e-11}: {gram?: Float64Array; scaled?: Float64Array[]; tolerance?: number} = {}
): DesignRank {
  const k = columns.length;
  let g = gram;
  if (!g) {
    g = new Float64Array(k * k);
    const ones = new Float64Array(n).fill(1);
    weightedCrossProducts(scaled ?? scaledColumns(columns, n, scaling), n, ones, ones, g, new Float64Array(k));
  }
  const fractions = choleskyResidualFractions(g, k);
  if (fractions) {
    const floor = (100 * tolerance) ** 2;
    let clear = true;
    for (let j = 0; j < k && clear; j++) {
      const gjj = g[j * k + j];
      let original = gjj; // ‖x_j·s_j‖² = ‖x̃_j + t_j‖², in the units of g
      if (scaling.intercept && j > 0) {
        const t = scaling.shift[j];
        original = gjj + 2 * t * g[j] + t * t * g[0];
      }
      const ratio = (fractions[j] * gjj) / original;
      if (!(fractions[j] >= 1e-8 && ratio >= floor)) clear = false;
    }
    if (clear) return {rank: k, aliased: [], usedQr: false};
  }
  const qr = pivotedQrRank(columns, n, tolerance);
  return {rank: qr.rank, aliased: qr.aliased, usedQr: true};
}
