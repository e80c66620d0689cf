/**
 * Small dense symmetric positive-definite algebra for regression: Cholesky factorisation A = L Lᵀ, solves,
 * the inverse from the factor, and a rank-revealing Cholesky that drops (rather than pivots) columns that
 * are numerically linear combinations of the columns before them.
 *
 * Matrices are k×k, row-major, in a Float64Array (element (i, j) at i·k + j); only the lower triangle of
 * the input is read. Source: Golub & Van Loan, Matrix Computations (4th ed.), §4.2 (Cholesky), §5.4.2
 * (rank-revealing); the dropping rule mirrors the limited pivoting of R's dqrdc2 used by lm/glm (a column
 * whose residual norm is tiny relative to its own norm is declared aliased and set aside, the rest keep
 * their order).
 *
 * Throws RangeError when a dimension does not match the array length.
 *
 * @example const l = Float64Array.of(4, 2, 2, 3); choleskyInPlace(l, 2); // true, l = [2, 0, 1, √2]
 */

function checkSquare(a: Float64Array, k: number, name: string): void {
  if (!Number.isInteger(k) || k < 0 || a.length < k * k) {
    throw new RangeError(`${name}: expected a ${k}×${k} row-major matrix, got length ${a.length}`);
  }
}

/**
 * Overwrites the lower triangle of `a` with L such that A = L Lᵀ and zeroes the strict upper triangle.
 * Returns false (leaving `a` partly overwritten) when A is not numerically positive definite.
 */
export function choleskyInPlace(a: Float64Array, k: number): boolean {
  checkSquare(a, k, "choleskyInPlace");
  for (let j = 0; j < k; j++) {
    const rowJ = j * k;
    let d = a[rowJ + j];
    for (let m = 0; m < j; m++) d -= a[rowJ + m] * a[rowJ + m];
    if (!(d > 0) || !Number.isFinite(d)) return false;
    const ljj = Math.sqrt(d);
    a[rowJ + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      const rowI = i * k;
      let s = a[rowI + j];
      for (let m = 0; m < j; m++) s -= a[rowI + m] * a[rowJ + m];
      a[rowI + j] = s / ljj;
    }
    for (let i = j + 1; i < k; i++) a[rowJ + i] = 0;
  }
  return true;
}

/** Solves L Lᵀ x = b in place (b becomes x), given the Cholesky factor from choleskyInPlace. */
export function choleskySolveInPlace(l: Float64Array, k: number, b: Float64Array): void {
  checkSquare(l, k, "choleskySolveInPlace");
  if (b.length < k) throw new RangeError(`choleskySolveInPlace: b must have length ${k}, got ${b.length}`);
  for (let i = 0; i < k; i++) {
    let s = b[i];
    const row = i * k;
    for (let m = 0; m < i; m++) s -= l[row + m] * b[m];
    b[i] = s / l[row + i];
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = b[i];
    for (let m = i + 1; m < k; m++) s -= l[m * k + i] * b[m];
    b[i] = s / l[i * k + i];
  }
}

/**
 * (L Lᵀ)⁻¹ as a full symmetric k×k row-major matrix (R's chol2inv), from the Cholesky factor L.
 * Computes L⁻¹ by forward substitution, then L⁻ᵀ L⁻¹.
 */
export function choleskyInverse(l: Float64Array, k: number, out: Float64Array = new Float64Array(k * k)): Float64Array {
  checkSquare(l, k, "choleskyInverse");
  const inv = new Float64Array(k * k); // L⁻¹, lower triangular
  for (let j = 0; j < k; j++) {
    inv[j * k + j] = 1 / l[j * k + j];
    for (let i = j + 1; i < k; i++) {
      let s = 0;
      for (let m = j; m < i; m++) s -= l[i * k + m] * inv[m * k + j];
      inv[i * k + j] = s / l[i * k + i];
    }
  }
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let m = i; m < k; m++) s += inv[m * k + i] * inv[m * k + j];
      out[i * k + j] = s;
      out[j * k + i] = s;
    }
  }
  return out;
}

/**
 * The diagonal of (L Lᵀ)⁻¹ into `out` (length k), from the Cholesky factor L: entry j is the squared norm of
 * column j of L⁻¹, found by forward substitution L v = e_j — the variances of a fit whose information is L Lᵀ,
 * without forming the whole inverse. `scratch` (length k) is a work vector, so a caller in a loop allocates
 * nothing. Equals the diagonal of choleskyInverse (the same sums in another order: to rounding).
 * @example choleskyInverseDiagonal(Float64Array.of(2, 0, 1, 3), 2, new Float64Array(2)) // [5/18, 1/9]
 */
export function choleskyInverseDiagonal(l: Float64Array, k: number, out: Float64Array, scratch: Float64Array = new Float64Array(k)): Float64Array {
  checkSquare(l, k, "choleskyInverseDiagonal");
  if (out.length < k) throw new RangeError(`choleskyInverseDiagonal: out must have length ${k}, got ${out.length}`);
  if (scratch.length < k) throw new RangeError(`choleskyInverseDiagonal: scratch must have length ${k}, got ${scratch.length}`);
  for (let j = 0; j < k; j++) {
    // v = L⁻¹ e_j is zero above j; (L⁻¹)ᵢⱼ = vᵢ and (LLᵀ)⁻¹ = L⁻ᵀL⁻¹, so its entry (j, j) is Σᵢ vᵢ²
    let s2 = 0;
    for (let i = j; i < k; i++) {
      let s = i === j ? 1 : 0;
      for (let m = j; m < i; m++) s -= l[i * k + m] * scratch[m];
      const v = s / l[i * k + i];
      scratch[i] = v;
      s2 += v * v;
    }
    out[j] = s2;
  }
  return out;
}

/** ln det(L Lᵀ) = 2 Σ ln Lᵢᵢ. */
export function choleskyLogDeterminant(l: Float64Array, k: number): number {
  let s = 0;
  for (let i = 0; i < k; i++) s += Math.log(l[i * k + i]);
  return 2 * s;
}

export interface RankRevealingCholesky {
  /** Number of columns kept. */
  rank: number;
  /** Indices of the columns that are (numerically) linear combinations of earlier kept columns. */
  aliased: number[];
  /** For each aliased column, 1 − R² of its regression on the kept columns before it (its residual fraction). */
  residualFraction: number[];
}

/**
 * Rank-revealing Cholesky of a Gram matrix G = XᵀX, in column order: column j is aliased when
 * (Gⱼⱼ − Σ Lⱼₘ²)/Gⱼⱼ < tolerance, i.e. when regressing column j on the earlier kept columns leaves less
 * than `tolerance` of its sum of squares (R² > 1 − tolerance). Aliased columns take no part in later steps.
 * A column with Gⱼⱼ = 0 (all zero) is aliased. `g` is not modified.
 */
export function rankRevealingCholesky(g: Float64Array, k: number, tolerance = 1e-10): RankRevealingCholesky {
  checkSquare(g, k, "rankRevealingCholesky");
  if (!(tolerance > 0 && tolerance < 1)) throw new RangeError(`rankRevealingCholesky: tolerance must be in (0, 1), got ${tolerance}`);
  const l = new Float64Array(k * k);
  const kept: number[] = [];
  const aliased: number[] = [];
  const residualFraction: number[] = [];
  for (let j = 0; j < k; j++) {
    const gjj = g[j * k + j];
    let d = gjj;
    for (const m of kept) d -= l[j * k + m] * l[j * k + m];
    const fraction = gjj > 0 ? d / gjj : 0;
    if (!(fraction >= tolerance)) {
      aliased.push(j);
      residualFraction.push(Math.max(0, fraction));
      continue;
    }
    const ljj = Math.sqrt(d);
    l[j * k + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      let s = g[i * k + j];
      for (const m of kept) s -= l[i * k + m] * l[j * k + m];
      l[i * k + j] = s / ljj;
    }
    kept.push(j);
  }
  return {rank: kept.length, aliased, residualFraction};
}

/**
 * The squared residual fraction of every column of a Gram matrix G = XᵀX in column order, without dropping any:
 * fⱼ = (Gⱼⱼ − Σₘ Lⱼₘ²)/Gⱼⱼ, the part of ‖xⱼ‖² that the columns before it do not explain (1 − R² of xⱼ on them).
 * Returns null when some fⱼ is not positive (a column of zeros, or one the Cholesky cannot separate from the
 * earlier ones). Its absolute error is a few k·ε for a well-scaled G, so it resolves fⱼ down to about 1e-12.
 * `g` is not modified.
 */
export function choleskyResidualFractions(g: Float64Array, k: number): Float64Array | null {
  checkSquare(g, k, "choleskyResidualFractions");
  const l = new Float64Array(k * k);
  const fractions = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const gjj = g[j * k + j];
    let d = gjj;
    for (let m = 0; m < j; m++) d -= l[j * k + m] * l[j * k + m];
    if (!(gjj > 0 && d > 0) || !Number.isFinite(d)) return null;
    fractions[j] = d / gjj;
    const ljj = Math.sqrt(d);
    l[j * k + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      let s = g[i * k + j];
      for (let m = 0; m < j; m++) s -= l[i * k + m] * l[j * k + m];
      l[i * k + j] = s / ljj;
    }
  }
  return fractions;
}

/** ‖x‖₂ without overflow or underflow (scaled by max |xᵢ|, as the reference BLAS dnrm2 guards it). */
function norm2(x: Float64Array, from: number, to: number): number {
  let big = 0;
  for (let i = from; i < to; i++) {
    const a = Math.abs(x[i]);
    if (a > big) big = a;
  }
  if (big === 0 || !Number.isFinite(big)) return big;
  let s = 0;
  for (let i = from; i < to; i++) {
    const r = x[i] / big;
    s += r * r;
  }
  return big * Math.sqrt(s);
}

export interface PivotedQrRank {
  /** Number of columns judged linearly independent. */
  rank: number;
  /** Column order after the limited pivoting (0-based indices of the input columns); the first `rank` are kept. */
  pivot: number[];
  /** The columns moved to the end as negligible (pivot.slice(rank)), in R's order: its NA coefficients. */
  aliased: number[];
}

/**
 * Rank of an n×p matrix by Householder QR with limited column pivoting, the algorithm of LINPACK's dqrdc as
 * modified for R by Ross Ihaka (dqrdc2.f, with B. D. Ripley's 1999 fixes), which lm.fit and glm.fit (through
 * Cdqrls) use to decide which coefficients are aliased. Column l is negligible when the norm of its part not yet
 * explained by the columns kept before it has fallen below `tolerance` × its original norm; a negligible column is
 * moved to the right-hand end (the order of the others is kept) and is not tested again. Column norms are
 * downdated after each reflection and recomputed when the downdate loses accuracy (squared ratio below 1e-6), as
 * dqrdc2 does. glm.fit's tolerance is min(1e-7, epsilon/1000) = 1e-11 at its default epsilon = 1e-8.
 *
 * The columns are copied; the input is not modified. Throws RangeError when a column's length is not n.
 * @example pivotedQrRank([ones, x, x2], 4, 1e-11).aliased // [2] when x2 is a multiple of x
 */
export function pivotedQrRank(columns: Float64Array[], n: number, tolerance: number): PivotedQrRank {
  const p = columns.length;
  for (let j = 0; j < p; j++) {
    if (columns[j].length < n) throw new RangeError(`pivotedQrRank: column ${j} has ${columns[j].length} rows, expected ${n}`);
  }
  if (!(tolerance >= 0)) throw new RangeError(`pivotedQrRank: tolerance must be ≥ 0, got ${tolerance}`);
  // x[j] is the j-th column in the current (pivoted) order
  const x = columns.map((c) => Float64Array.from(c.subarray(0, n)));
  const pivot = Array.from({length: p}, (_, j) => j);
  const qraux = new Float64Array(p);
  const original = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    qraux[j] = norm2(x[j], 0, n);
    original[j] = qraux[j] === 0 ? 1 : qraux[j];
  }
  const lup = Math.min(n, p);
  let k = p; // columns at positions ≥ k have been moved to the end as negligible (dqrdc2's k − 1)
  for (let l = 0; l < lup; l++) {
    // cycle negligible columns to the end until column l is not negligible (or only moved columns remain)
    while (l < k && qraux[l] < original[l] * tolerance) {
      const col = x[l];
      const piv = pivot[l];
      const q = qraux[l];
      const o = original[l];
      for (let j = l + 1; j < p; j++) {
        x[j - 1] = x[j];
        pivot[j - 1] = pivot[j];
        qraux[j - 1] = qraux[j];
        original[j - 1] = original[j];
      }
      x[p - 1] = col;
      pivot[p - 1] = piv;
      qraux[p - 1] = q;
      original[p - 1] = o;
      k--;
    }
    if (l === n - 1) break;
    const xl = x[l];
    let nrmxl = norm2(xl, l, n);
    if (nrmxl === 0) continue;
    if (xl[l] !== 0) nrmxl = xl[l] < 0 ? -Math.abs(nrmxl) : Math.abs(nrmxl);
    const inv = 1 / nrmxl;
    for (let i = l; i < n; i++) xl[i] *= inv;
    xl[l] = 1 + xl[l];
    for (let j = l + 1; j < p; j++) {
      const xj = x[j];
      let dot = 0;
      for (let i = l; i < n; i++) dot += xl[i] * xj[i];
      const t = -dot / xl[l];
      for (let i = l; i < n; i++) xj[i] += t * xl[i];
      if (qraux[j] === 0) continue;
      const ratio = Math.abs(xj[l]) / qraux[j];
      const tt = Math.max(0, 1 - ratio * ratio);
      qraux[j] = Math.abs(tt) < 1e-6 ? norm2(xj, l + 1, n) : qraux[j] * Math.sqrt(tt);
    }
    qraux[l] = xl[l];
    xl[l] = -nrmxl;
  }
  const rank = Math.min(k, n);
  return {rank, pivot, aliased: pivot.slice(rank)};
}

/** Rows per block in weightedCrossProducts: small enough that the block's columns stay in L1/L2 cache. */
const BLOCK = 512;

/**
 * An affine map of every design column, x̃ⱼ = xⱼ·scale[j] − shift[j], applied on the fly by the kernels below so
 * that a fit can run on centred and scaled columns without a copy of the design (column-scaling.ts). With a
 * power-of-two scale, xⱼ·scale[j] is exact and x̃ⱼ is the rounded (xⱼ − centre)·scale.
 */
export interface ColumnTransform {
  scale: Float64Array;
  shift: Float64Array;
  /**
   * Columns whose term in η may be computed as (βⱼsⱼ)·xⱼ − βⱼtⱼ, the shift folded into one constant: those whose
   * centre is within a few SDs of zero, where the fold cancels no digits (column-scaling.ts). The others are
   * computed as βⱼ·(xⱼsⱼ − tⱼ). XᵀWX is always formed from x̃ itself.
   */
  foldable?: Uint8Array;
}

/**
 * XᵀWX (lower triangle and mirrored upper, k×k row-major, into `gram`) and XᵀWz (into `xtwz`) for columns X,
 * weights w and response z, in one blocked pass over the rows: for each block the columns xₐ and the weighted
 * columns wₐxₐ are copied once into the scratch `wx` (2·k·min(n, 512) long; allocated when too short) and dotted
 * with each other there. The lower triangle is accumulated in 3×3 tiles of (a, b): per row a tile loads three
 * wₐxₐ and three x_b for nine products, where one column pair at a time loads three values for two; this is the
 * hot loop of every IRLS iteration (n·k²/2 products), and the loads, not the multiplications, are what it waits
 * for. With `transform`, X is the transformed design X̃, formed in the same copy. Reading x from the block's copy
 * rather than from the design costs nothing measurable (n = 10⁶, k = 9), and lets one kernel serve both.
 */
export function weightedCrossProducts(
  columns: Float64Array[],
  n: number,
  w: Float64Array,
  z: Float64Array,
  gram: Float64Array,
  xtwz: Float64Array,
  wx: Float64Array = new Float64Array(2 * columns.length * Math.min(n, BLOCK)),
  transform: ColumnTransform | null = null
): void {
  const k = columns.length;
  const stride = Math.min(n, BLOCK);
  const needed = 2 * k * stride;
  if (wx.length < needed) wx = new Float64Array(needed);
  gram.fill(0, 0, k * k);
  xtwz.fill(0, 0, k);
  for (let start = 0; start < n; start += BLOCK) crossProductsBlock(columns, start, Math.min(n, start + BLOCK) - start, stride, w, z, gram, xtwz, wx, transform);
  mirrorLower(gram, k);
}

/** Copies the lower triangle of a k×k row-major matrix into its upper triangle. */
export function mirrorLower(gram: Float64Array, k: number): void {
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) gram[b * k + a] = gram[a * k + b];
}

/** Rows per block of weightedCrossProducts (and of the fused IRLS pass). */
export const CROSS_PRODUCT_BLOCK = BLOCK;

/**
 * One block of weightedCrossProducts: rows start..start + len − 1 of XᵀWX and XᵀWz added into `gram` (lower
 * triangle) and `xtwz`, in the order the whole-matrix kernel adds them (so a caller that runs the blocks itself, as
 * the fused IRLS pass does, gets the same sums to the last bit). `wx` holds 2·k·stride values: the block's wx̃
 * (row i of column a at a·stride + i), then its x̃ (at k·stride + a·stride + i); x̃ = x without a transform.
 */
export function crossProductsBlock(
  columns: Float64Array[],
  start: number,
  len: number,
  stride: number,
  w: Float64Array,
  z: Float64Array,
  gram: Float64Array,
  xtwz: Float64Array,
  wx: Float64Array,
  transform: Pick<ColumnTransform, "scale" | "shift"> | null
): void {
  const k = columns.length;
  const xo = k * stride; // x̃ of the block after the k·stride values of wx̃
  for (let a = 0; a < k; a++) {
    const ca = columns[a];
    const off = a * stride;
    let sz = 0;
    // without a transform x̃ = x·1 − 0, which is x to the bit (also −0, ±∞ and NaN)
    const s = transform ? transform.scale[a] : 1;
    const tt = transform ? transform.shift[a] : 0;
    for (let i = 0; i < len; i++) {
      const x = ca[start + i] * s - tt;
      wx[xo + off + i] = x;
      const v = w[start + i] * x;
      wx[off + i] = v;
      sz += v * z[start + i];
    }
    xtwz[a] += sz;
  }
  let a0 = 0;
  for (; a0 + 2 < k; a0 += 3) {
    const o0 = a0 * stride;
    const o1 = o0 + stride;
    const o2 = o1 + stride;
    for (let b0 = 0; b0 < a0; b0 += 3) {
      const q0 = xo + b0 * stride;
      const q1 = q0 + stride;
      const q2 = q1 + stride;
      let s00 = 0, s01 = 0, s02 = 0, s10 = 0, s11 = 0, s12 = 0, s20 = 0, s21 = 0, s22 = 0;
      for (let i = 0; i < len; i++) {
        const v0 = wx[o0 + i];
        const v1 = wx[o1 + i];
        const v2 = wx[o2 + i];
        const x0 = wx[q0 + i];
        const x1 = wx[q1 + i];
        const x2 = wx[q2 + i];
        s00 += v0 * x0; s01 += v0 * x1; s02 += v0 * x2;
        s10 += v1 * x0; s11 += v1 * x1; s12 += v1 * x2;
        s20 += v2 * x0; s21 += v2 * x1; s22 += v2 * x2;
      }
      const g0 = a0 * k + b0;
      const g1 = g0 + k;
      const g2 = g1 + k;
      gram[g0] += s00; gram[g0 + 1] += s01; gram[g0 + 2] += s02;
      gram[g1] += s10; gram[g1 + 1] += s11; gram[g1 + 2] += s12;
      gram[g2] += s20; gram[g2 + 1] += s21; gram[g2 + 2] += s22;
    }
    // diagonal tile: only its lower triangle (summing it whole, as the others, measured 8–10% slower at k = 9)
    const q0 = xo + a0 * stride;
    const q1 = q0 + stride;
    const q2 = q1 + stride;
    let s00 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s22 = 0;
    for (let i = 0; i < len; i++) {
      const v0 = wx[o0 + i];
      const v1 = wx[o1 + i];
      const v2 = wx[o2 + i];
      const x0 = wx[q0 + i];
      const x1 = wx[q1 + i];
      const x2 = wx[q2 + i];
      s00 += v0 * x0;
      s10 += v1 * x0; s11 += v1 * x1;
      s20 += v2 * x0; s21 += v2 * x1; s22 += v2 * x2;
    }
    const g0 = a0 * k + a0;
    gram[g0] += s00;
    gram[g0 + k] += s10; gram[g0 + k + 1] += s11;
    gram[g0 + 2 * k] += s20; gram[g0 + 2 * k + 1] += s21; gram[g0 + 2 * k + 2] += s22;
  }
  // the last one or two rows of the triangle (k not a multiple of 3): two columns per pass
  for (let a = a0; a < k; a++) {
    const off = a * stride;
    let b = 0;
    for (; b + 1 <= a; b += 2) {
      const q0 = xo + b * stride;
      const q1 = q0 + stride;
      let s0 = 0;
      let s1 = 0;
      for (let i = 0; i < len; i++) {
        const v = wx[off + i];
        s0 += v * wx[q0 + i];
        s1 += v * wx[q1 + i];
      }
      gram[a * k + b] += s0;
      gram[a * k + b + 1] += s1;
    }
    if (b === a) {
      const qb = xo + b * stride;
      let s = 0;
      for (let i = 0; i < len; i++) s += wx[off + i] * wx[qb + i];
      gram[a * k + b] += s;
    }
  }
}

/**
 * η = Xβ (+ offset) into `out`. Blocked over rows so that `out` stays in cache while the columns stream past,
 * four columns per pass (one load and store of ηᵢ per four products); the additions keep the column order,
 * ((ηᵢ + β₀x₀ᵢ) + β₁x₁ᵢ) + …, so the result is the same, bit for bit, as one column at a time. With `transform`,
 * X is the transformed design: each term is βⱼ·(xⱼᵢ·scaleⱼ − shiftⱼ), x̃ as weightedCrossProducts forms it.
 */
export function linearPredictorInto(
  columns: Float64Array[],
  n: number,
  beta: ArrayLike<number>,
  offset: ArrayLike<number> | null,
  out: Float64Array,
  transform: ColumnTransform | null = null
): void {
  if (offset) for (let i = 0; i < n; i++) out[i] = offset[i];
  else out.fill(0, 0, n);
  if (!transform) {
    addPlainLinearPredictor(columns, 0, n, beta, out);
    return;
  }
  const k = columns.length;
  if (foldedBeta.length < k) foldedBeta = new Float64Array(2 * k);
  addPlannedLinearPredictor(columns, 0, n, linearPredictorPlan(beta, transform, foldedBeta, k), out);
}

/** out[start..end) += Xβ, four columns per pass, in row blocks (linearPredictorInto's loop). */
function addPlainLinearPredictor(columns: Float64Array[], start: number, end: number, beta: ArrayLike<number>, out: Float64Array): void {
  const k = columns.length;
  for (let from = start; from < end; from += BLOCK * 4) {
    const to = Math.min(end, from + BLOCK * 4);
    let j = 0;
    for (; j + 3 < k; j += 4) {
      const c0 = columns[j];
      const c1 = columns[j + 1];
      const c2 = columns[j + 2];
      const c3 = columns[j + 3];
      const b0 = beta[j];
      const b1 = beta[j + 1];
      const b2 = beta[j + 2];
      const b3 = beta[j + 3];
      for (let i = from; i < to; i++) out[i] = out[i] + b0 * c0[i] + b1 * c1[i] + b2 * c2[i] + b3 * c3[i];
    }
    for (; j < k; j++) {
      const c = columns[j];
      const b = beta[j];
      for (let i = from; i < to; i++) out[i] += b * c[i];
    }
  }
}

/**
 * out[start..end) += X̃β, linearPredictorInto's loop for the transformed design. Foldable columns go through the
 * plain loop with coefficients βⱼsⱼ (exact: sⱼ is a power of two) and their shifts as one constant; the others,
 * whose centre is far from zero, term by term as βⱼ(xⱼsⱼ − tⱼ), so that the centring's digits are kept.
 */
function addPlannedLinearPredictor(columns: Float64Array[], start: number, end: number, plan: LinearPredictorPlan, out: Float64Array): void {
  const {folded, constant} = plan;
  if (constant !== 0) for (let i = start; i < end; i++) out[i] += constant;
  addPlainLinearPredictor(columns, start, end, folded, out);
  if (!plan.rest) return;
  const {scale, shift, foldable} = plan.transform;
  const k = columns.length;
  for (let j = 0; j < k; j++) {
    if (foldable && foldable[j]) continue;
    const c = columns[j];
    const b = plan.beta[j];
    const s = scale[j];
    const t = shift[j];
    for (let i = start; i < end; i++) out[i] += b * (c[i] * s - t);
  }
}

/** linearPredictorInto's coefficients βⱼsⱼ (a module-level scratch: the engine runs one fit at a time per thread). */
let foldedBeta = new Float64Array(16);

/**
 * η = X̃β (+ offset) for rows start..end − 1 only, with the same arithmetic per row as linearPredictorInto with
 * the transform (the same terms added in the same order), so that a caller computing η block by block — the fused
 * IRLS pass — gets every ηᵢ to the last bit. `plan` is linearPredictorPlan(β, transform), made once per β.
 */
export interface LinearPredictorPlan {
  beta: ArrayLike<number>;
  /** βⱼsⱼ for foldable columns, 0 for the others. */
  folded: Float64Array;
  /** −Σ βⱼtⱼ over the foldable columns. */
  constant: number;
  /** Some column is not foldable. */
  rest: boolean;
  transform: ColumnTransform;
}

/** The plan of η = X̃β for k columns: βⱼsⱼ into `folded` (length ≥ k), the folded shifts' constant. */
export function linearPredictorPlan(beta: ArrayLike<number>, transform: ColumnTransform, folded: Float64Array, k = folded.length): LinearPredictorPlan {
  const {scale, shift, foldable} = transform;
  let constant = 0;
  let rest = false;
  for (let j = 0; j < k; j++) {
    if (foldable && foldable[j]) {
      folded[j] = beta[j] * scale[j];
      constant -= beta[j] * shift[j];
    } else {
      folded[j] = 0; // its term is added unfolded
      rest = true;
    }
  }
  return {beta, folded, constant, rest, transform};
}

export function linearPredictorRange(columns: Float64Array[], start: number, end: number, plan: LinearPredictorPlan, offset: ArrayLike<number> | null, out: Float64Array): void {
  if (offset) for (let i = start; i < end; i++) out[i] = offset[i];
  else out.fill(0, start, end);
  addPlannedLinearPredictor(columns, start, end, plan, out);
}
