/**
 * The generator's inner-loop logistic regression: maximum likelihood by Newton–Raphson, warm-started from the
 * previous solution, on a small dense row-major design (n × k, intercept column included). After a move that
 * changes a few cells, approximate() takes the first Newton step in O(k³) from the previous fit, and a refit from
 * there usually needs one pass of O(n·k²). Standard errors from the inverse of the information X'WX at the last
 * iterate but one (whose step to the returned β is below the tolerance).
 *
 * This is a specialised evaluator for the optimiser only; every figure the project reports is recomputed by the
 * engine's fitLogistic (stats/logistic.ts).
 *
 * fit() returns false (and leaves β unusable) when Newton does not converge in `maxIterations` or the information
 * matrix is not positive definite (separation); the optimiser then rejects the move.
 *
 * @example const m = new WarmLogistic(X, y, n, k); m.fit(); m.beta[1] // the first slope
 */
export class WarmLogistic {
  readonly beta: Float64Array;
  readonly se: Float64Array;
  private readonly saved: Float64Array;
  private readonly grad: Float64Array;
  readonly info: Float64Array;
  private readonly chol: Float64Array;
  private readonly step: Float64Array;
  readonly eta: Float64Array;
  /** Fitted probabilities and weights p(1 − p) of the last fit's last iterate but one, as `info` (for approximate()). */
  readonly prob: Float64Array;
  readonly weight: Float64Array;
  /** Results of approximate(). */
  readonly approxBeta: Float64Array;
  readonly approxSe: Float64Array;
  private readonly approxInfo: Float64Array;
  private readonly approxGrad: Float64Array;
  private readonly approxChol: Float64Array;

  constructor(
    readonly x: Float64Array,
    readonly y: ArrayLike<number>,
    readonly n: number,
    readonly k: number
  ) {
    this.beta = new Float64Array(k);
    this.se = new Float64Array(k);
    this.saved = new Float64Array(k);
    this.grad = new Float64Array(k);
    this.info = new Float64Array(k * k);
    this.chol = new Float64Array(k * k);
    this.step = new Float64Array(k);
    this.eta = new Float64Array(n);
    this.prob = new Float64Array(n);
    this.weight = new Float64Array(n);
    this.approxBeta = new Float64Array(k);
    this.approxSe = new Float64Array(k);
    this.approxInfo = new Float64Array(k * k);
    this.approxGrad = new Float64Array(k);
    this.approxChol = new Float64Array(k * k);
    this.wx = new Float64Array(n * k);
    this.residual = new Float64Array(n);
    this.ones = new Int32Array(n * k);
    this.onesCount = new Int32Array(k);
    this.dense = new Int32Array(k);
  }

  /**
   * One Newton step from the current fit after the design rows `rows` changed from `oldRows` (k values each,
   * concatenated) to their current contents: g = Σ_changed [x'(y − p(x'β)) − x(y − p)],
   * H' = H + Σ_changed [w(x'β) x'x'ᵀ − w x xᵀ], β' = β + H'⁻¹g, SE' = √diag(H'⁻¹). O(k³) instead of O(n·k²). The
   * unchanged patients' gradient sums to zero at the previous optimum and their weights are those at β, so β' is the
   * first Newton step for the new data (error of order |Δβ|²) and SE' that of the information at β (error of order
   * |Δβ|): a screen, never a reported number. Returns false if H' is not positive definite.
   */
  approximate(rows: ArrayLike<number>, oldRows: Float64Array): boolean {
    const {x, y, k, beta, approxInfo: h, approxGrad: g, approxChol: l, approxBeta, approxSe} = this;
    h.set(this.info);
    g.fill(0);
    for (let r = 0; r < rows.length; r++) {
      const i = rows[r];
      const row = i * k;
      const old = r * k;
      let e = 0;
      for (let a = 0; a < k; a++) e += x[row + a] * beta[a];
      const p = 1 / (1 + Math.exp(-e));
      const w = p * (1 - p);
      const res = y[i] - p;
      const wOld = this.weight[i];
      const resOld = y[i] - this.prob[i];
      for (let a = 0; a < k; a++) {
        const xa = x[row + a];
        const oa = oldRows[old + a];
        g[a] += xa * res - oa * resOld;
        const base = a * k;
        for (let b = 0; b <= a; b++) h[base + b] += w * xa * x[row + b] - wOld * oa * oldRows[old + b];
      }
    }
    if (!cholesky(h, l, k)) return false;
    solveCholesky(l, g, approxBeta, k);
    for (let a = 0; a < k; a++) approxBeta[a] += beta[a];
    inverseDiagonal(l, approxSe, k);
    for (let a = 0; a < k; a++) approxSe[a] = Math.sqrt(approxSe[a]);
    return true;
  }

  save(): void {
    this.saved.set(this.beta);
  }

  restore(): void {
    this.beta.set(this.saved);
  }

  reset(): void {
    this.beta.fill(0);
  }

  /** w·x per patient and term, and y − p per patient, of the current Newton iteration (see fit()). */
  private readonly wx: Float64Array;
  private readonly residual: Float64Array;
  /** Per column of 0s and 1s, the rows where it is 1 (n slots a column), and how many (−1 for other columns). */
  private readonly ones: Int32Array;
  private readonly onesCount: Int32Array;
  /** Scratch: the measured (not 0/1) columns b ≤ a of the current row a of the information matrix. */
  private readonly dense: Int32Array;

  /**
   * Newton iterations from the current β until the largest step is below `tolerance`.
   *
   * The gradient and information are sums over patients in patient order, g_a = Σᵢ x_ia·rᵢ and
   * H_ab = Σᵢ (wᵢ·x_ia)·x_ib. They are accumulated entry by entry in local variables (up to three entries per pass
   * over the patients) rather than patient by patient into the arrays, and where a column holds only 0s and 1s
   * the pass visits just the rows where it is 1: a term x·1 is x exactly, and a term that is ±0 leaves a sum
   * unchanged (a sum that starts at +0 never becomes −0). Every sum keeps its nonzero terms in their order, so
   * the fit is the same to the last bit as the plain row-by-row loop, in about 0.8 of its time; exp() takes most of
   * the rest. On return, β includes the last step; se, info, prob and weight are those of the iterate before it.
   */
  fit(maxIterations = 30, tolerance = 1e-10): boolean {
    const {x, y, n, k, beta, grad, info, chol, step, eta} = this;
    const {wx, residual, ones, onesCount, dense, prob, weight} = this;
    // Columns of 0s and 1s (the intercept, the yes/no variables): the rows where each is 1, so that the sums skip
    // the rows where a term is 0 (onesCount −1: the column has other values).
    for (let a = 0; a < k; a++) {
      let count = 0;
      for (let i = 0; i < n; i++) {
        const v = x[i * k + a];
        if (v === 1) ones[a * n + count++] = i;
        else if (v !== 0) {
          count = -1;
          break;
        }
      }
      onesCount[a] = count;
    }
    for (let iter = 0; iter < maxIterations; iter++) {
      for (let i = 0; i < n; i++) {
        const row = i * k;
        let e = 0;
        for (let a = 0; a < k; a++) e += x[row + a] * beta[a];
        eta[i] = e;
        const p = 1 / (1 + Math.exp(-e));
        const w = p * (1 - p);
        prob[i] = p;
        weight[i] = w;
        residual[i] = y[i] - p;
        for (let a = 0; a < k; a++) wx[row + a] = w * x[row + a];
      }
      for (let a = 0; a < k; a++) {
        const ca = onesCount[a];
        let g = 0;
        if (ca >= 0) for (let j = 0, o = a * n; j < ca; j++) g += residual[ones[o + j]];
        else for (let i = 0; i < n; i++) g += x[i * k + a] * residual[i];
        grad[a] = g;
        const base = a * k;
        let denseCount = 0;
        for (let b = 0; b <= a; b++) {
          const cb = onesCount[b];
          if (cb >= 0) {
            // x_b is 1 on these rows (w·x_a·1 = w·x_a exactly) and 0 elsewhere (a ±0 term, which adds nothing)
            let h = 0;
            for (let j = 0, o = b * n; j < cb; j++) h += wx[ones[o + j] * k + a];
            info[base + b] = h;
          } else if (ca >= 0) {
            let h = 0;
            for (let j = 0, o = a * n; j < ca; j++) {
              const row = ones[o + j] * k;
              h += wx[row + a] * x[row + b];
            }
            info[base + b] = h;
          } else {
            dense[denseCount++] = b;
          }
        }
        // the entries between two measured columns: up to three per pass over the patients
        let d = 0;
        for (; d + 2 < denseCount; d += 3) {
          const b0 = dense[d];
          const b1 = dense[d + 1];
          const b2 = dense[d + 2];
          let h0 = 0;
          let h1 = 0;
          let h2 = 0;
          for (let i = 0, row = 0; i < n; i++, row += k) {
            const wxa = wx[row + a];
            h0 += wxa * x[row + b0];
            h1 += wxa * x[row + b1];
            h2 += wxa * x[row + b2];
          }
          info[base + b0] = h0;
          info[base + b1] = h1;
          info[base + b2] = h2;
        }
        for (; d < denseCount; d++) {
          const b0 = dense[d];
          let h0 = 0;
          for (let i = 0, row = 0; i < n; i++, row += k) h0 += wx[row + a] * x[row + b0];
          info[base + b0] = h0;
        }
      }
      if (!cholesky(info, chol, k)) return false;
      solveCholesky(chol, grad, step, k);
      let largest = 0;
      for (let a = 0; a < k; a++) {
        beta[a] += step[a];
        const s = Math.abs(step[a]) / (1 + Math.abs(beta[a]));
        if (s > largest) largest = s;
      }
      if (!Number.isFinite(largest) || Math.abs(beta[0]) > 1e3) return false;
      if (largest < tolerance) {
        inverseDiagonal(chol, this.se, k);
        for (let a = 0; a < k; a++) this.se[a] = Math.sqrt(this.se[a]);
        // linear predictor at the final β (info, prob and weight stay those of the last iterate but one, which
        // differs from it by less than `tolerance`: what approximate() needs of them)
        for (let i = 0; i < n; i++) {
          const row = i * k;
          let e = 0;
          for (let a = 0; a < k; a++) e += x[row + a] * beta[a];
          eta[i] = e;
        }
        return true;
      }
    }
    return false;
  }
}

/** Lower Cholesky factor of a symmetric matrix given by its lower triangle (row-major); false if not PD. */
function cholesky(a: Float64Array, l: Float64Array, k: number): boolean {
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * k + j];
      for (let m = 0; m < j; m++) s -= l[i * k + m] * l[j * k + m];
      if (i === j) {
        if (!(s > 1e-12)) return false;
        l[i * k + i] = Math.sqrt(s);
      } else {
        l[i * k + j] = s / l[j * k + j];
      }
    }
  }
  return true;
}

function solveCholesky(l: Float64Array, b: Float64Array, out: Float64Array, k: number): void {
  for (let i = 0; i < k; i++) {
    let s = b[i];
    for (let m = 0; m < i; m++) s -= l[i * k + m] * out[m];
    out[i] = s / l[i * k + i];
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = out[i];
    for (let m = i + 1; m < k; m++) s -= l[m * k + i] * out[m];
    out[i] = s / l[i * k + i];
  }
}

/** diag((LLᵀ)⁻¹) = column sums of squares of L⁻¹. */
function inverseDiagonal(l: Float64Array, out: Float64Array, k: number): void {
  out.fill(0);
  const col = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    // solve L v = e_j; (L⁻¹)_{ij} = v_i
    col.fill(0);
    for (let i = j; i < k; i++) {
      let s = i === j ? 1 : 0;
      for (let m = j; m < i; m++) s -= l[i * k + m] * col[m];
      col[i] = s / l[i * k + i];
    }
    // (LLᵀ)⁻¹ = L⁻ᵀL⁻¹, so its diagonal entry j is Σ_i (L⁻¹)_{ij}², the squared norm of column j of L⁻¹
    let s2 = 0;
    for (let i = j; i < k; i++) s2 += col[i] * col[i];
    out[j] = s2;
  }
}
