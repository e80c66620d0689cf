/**
 * Centring and scaling of a design's columns for fitting, and the rank decision of R's glm.fit.
 *
 * A logistic (or Firth) fit is equivariant under x ↦ (x − c)·s of its non-intercept columns when the model has an
 * intercept: the linear predictor, the deviance, z and p do not change, and β, SE and Var(β̂) map back exactly
 * (R's glm gives the same numbers up to rounding). The normal equations XᵀWX that the fitters solve are not
 * indifferent to it: an uncentred column such as a millisecond timestamp (1.7e12 ± 1e6) squares its condition
 * number into XᵀWX and the Cholesky fails, and |x| near 1e±200 overflows or underflows XᵀWX. So the fitters work on
 * x̃ⱼ = xⱼ·sⱼ − tⱼ, applied on the fly by the kernels of linear-algebra.ts (ColumnTransform; no copy of the
 * design), where sⱼ = 2^−e is the power of two with max|xⱼ|·sⱼ in [1, 2) (exact, so x·sⱼ never rounds; a
 * power-of-two scaling changes no rounding in a Cholesky, it only keeps XᵀWX inside the range of doubles) and
 * tⱼ = x̄ⱼ·sⱼ with x̄ⱼ the column mean — for fitLogistic the mean of at most 1,024 rows spread over the column, as
 * any centre within a few SDs of the mean conditions XᵀWX alike (designScaling's `sample`; redone over every row
 * when XᵀWX shows that the sample missed an extreme value). Without an intercept the columns are only scaled
 * (tⱼ = 0). Back on the original scale: βⱼ = sⱼβ̃ⱼ and β₀ = β̃₀ − Σⱼ tⱼβ̃ⱼ, i.e. β = Tβ̃ and Var(β̂) = T Ṽ Tᵀ; the
 * SEs are sⱼ√Ṽⱼⱼ (standardErrorsToOriginal: an SE near 1e200 has no representable square). At n = 10⁶ the kernels
 * are bound by memory bandwidth, so forming x̃ costs them little; measured against the plain kernels on the same
 * data, a fit costs about 5% more at n = 10⁴–10⁶ and 10–15% more at n = 162, where the arithmetic shows.
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
import {choleskyResidualFractions, pivotedQrRank, weightedCrossProducts, type ColumnTransform} from "./linear-algebra.js";

/** The affine map of each column, x̃ⱼ = xⱼ·scale[j] − shift[j] (scale 1, shift 0 for the intercept). */
export interface DesignScaling extends ColumnTransform {
  /** Whether column 0 is the intercept (a column of ones, kept as it is, and the others centred). */
  intercept: boolean;
  /** Whether the centres and scales were read from a sample of the rows (designScaling's `sample`). */
  sampled?: boolean;
  /** Whether every column's map is the identity (scale 1, shift 0): the kernels need no transform. */
  identity?: boolean;
}

/** Rows read by a sampled designScaling: every row up to this many, else this many spread evenly. */
export const SCALING_SAMPLE = 1024;

/**
 * The centring and power-of-two scaling of each column (see the module comment). Column 0 is left alone when
 * `intercept` is true (it must then be the intercept's ones); a column of zeros gets scale 1 and shift 0.
 *
 * With `sample`, columns longer than SCALING_SAMPLE rows are read at that many rows spread evenly over them (rows
 * ⌊i·n/m⌋): the centre is then the mean of those rows, not of all, which conditions XᵀWX as well (any centre
 * within a few SDs of the mean does), and the scale is that of the largest of them. A value far beyond the
 * sample's (an outlier near 1e300, or a sparse column whose sample is all zeros) can then overflow or underflow
 * XᵀWX; the fitters see that in their first XᵀWX and redo the scaling without `sample` (`sampled` says which it
 * was). Reading 1,024 rows instead of n spares the fit a pass over the data, which at n = 10⁶ costs about a
 * fifth of an IRLS iteration. `foldable` marks the columns whose centre is within 16 SDs of 0 (of the rows read):
 * there η = X̃β̃ may be computed with the shift folded into one constant (linear-algebra.ts ColumnTransform).
 */
export function designScaling(columns: Float64Array[], n: number, intercept: boolean, {sample = false}: {sample?: boolean} = {}): DesignScaling {
  const k = columns.length;
  const scale = new Float64Array(k).fill(1);
  const shift = new Float64Array(k);
  const foldable = new Uint8Array(k).fill(1);
  const m = sample ? Math.min(n, SCALING_SAMPLE) : n;
  const sampled = m < n;
  const step = n / m;
  let identity = true;
  for (let j = intercept ? 1 : 0; j < k; j++) {
    const c = columns[j];
    if (c.length < n) throw new RangeError(`designScaling: column ${j} has ${c.length} rows, expected ${n}`);
    let big = 0;
    let sum = 0;
    let sumSquares = 0;
    if (sampled) {
      for (let r = 0; r < m; r++) {
        const v = c[Math.floor(r * step)];
        sum += v;
        sumSquares += v * v;
        big = Math.max(big, Math.abs(v));
      }
    } else {
      for (let i = 0; i < n; i++) {
        const v = c[i];
        sum += v;
        sumSquares += v * v;
        big = Math.max(big, Math.abs(v));
      }
    }
    if (big === 0 || !Number.isFinite(big)) continue;
    const e = Math.max(-1022, Math.min(1023, binaryExponent(big)));
    const s = pow2(-e);
    scale[j] = s;
    if (s !== 1) identity = false;
    if (!intercept) continue;
    if (!(Number.isFinite(sumSquares) && sumSquares > 2 ** -900 * m)) {
      // the raw sums overflowed or underflowed (|x| beyond 2^±450): sum the scaled values, which lie in (−2, 2)
      sum = 0;
      sumSquares = 0;
      for (let r = 0; r < m; r++) {
        const v = c[sampled ? Math.floor(r * step) : r] * s;
        sum += v;
        sumSquares += v * v;
      }
    } else {
      sum *= s;
      sumSquares *= s * s;
    }
    const centre = sum / m;
    shift[j] = centre;
    if (centre !== 0) identity = false;
    // η may fold the shift into a constant where |centre| ≤ 16·SD, i.e. centre² ≤ (256/257)·(mean square): the
    // fold then cancels under 1.5 digits (and a mean square that has cancelled only makes the test fail safe)
    foldable[j] = 257 * centre * centre <= (256 * sumSquares) / m ? 1 : 0;
  }
  return {scale, shift, intercept, sampled, foldable, identity};
}

/**
 * Whether c·X̃ᵀX̃ shows a scaling gone wrong — a diagonal entry not finite, or below 2^-900 (far under any
 * well-scaled column's) — as a sampled scaling can leave it (see designScaling).
 */
export function scalingFailed(gram: Float64Array, k: number): boolean {
  for (let j = 0; j < k; j++) {
    const g = gram[j * k + j];
    if (!(g < Infinity && g > 2 ** -900)) return true;
  }
  return false;
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

/**
 * Var(β̂) = T Ṽ Tᵀ on the original scale from Ṽ (k×k row-major) on the scaled one (into a new array), in O(k²):
 * for a, b ≥ 1, Vₐᵦ = sₐsᵦṼₐᵦ; with an intercept, V₀ᵦ = sᵦ(Ṽ₀ᵦ − Σⱼ tⱼṼⱼᵦ) and V₀₀ = Ṽ₀₀ − 2Σⱼ tⱼṼ₀ⱼ + Σⱼₘ tⱼtₘṼⱼₘ.
 */
export function covarianceToOriginal(covScaled: Float64Array, scaling: DesignScaling): Float64Array {
  const k = scaling.scale.length;
  const {scale, shift} = scaling;
  const out = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b <= a; b++) {
      const v = scale[a] * scale[b] * covScaled[a * k + b];
      out[a * k + b] = v;
      out[b * k + a] = v;
    }
  }
  if (!scaling.intercept) return out;
  // row 0 of T Ṽ: u_b = Ṽ₀ᵦ − Σⱼ tⱼṼⱼᵦ
  let v00 = 0;
  for (let b = 0; b < k; b++) {
    let u = covScaled[b];
    for (let j = 1; j < k; j++) u -= shift[j] * covScaled[j * k + b];
    if (b === 0) v00 += u;
    else {
      v00 -= shift[b] * u;
      const v = scale[b] * u;
      out[b] = v;
      out[b * k] = v;
    }
  }
  out[0] = v00;
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
 * computed. `tolerance` is dqrdc2's (glm.fit: min(1e-7, epsilon/1000) = 1e-11).
 */
export function designRank(
  columns: Float64Array[],
  n: number,
  scaling: DesignScaling,
  {gram, tolerance = 1e-11}: {gram?: Float64Array; tolerance?: number} = {}
): DesignRank {
  const k = columns.length;
  let g = gram;
  if (!g) {
    g = new Float64Array(k * k);
    const ones = new Float64Array(n).fill(1);
    weightedCrossProducts(columns, n, ones, ones, g, new Float64Array(k), undefined, scaling);
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
