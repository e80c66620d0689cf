/**
 * Logistic regression by maximum likelihood for a caller that refits the same small design thousands of times
 * after changing a few cells (the cohort reconstruction's annealer, src/components/cohort/reconstruction/):
 * Newton–Raphson, warm-started from the previous solution, on a dense row-major design (n × k, intercept column
 * included), allocation-free after construction. It estimates the model fitLogistic (./logistic.ts) estimates,
 * logit P(Y = 1 | x) = xᵀβ: each step solves (XᵀWX) δ = Xᵀ(y − μ), μ = 1/(1 + e^{−Xβ}), W = diag μ(1 − μ), by
 * Cholesky (./linear-algebra.ts), and the iteration stops when the largest relative step max |δⱼ|/(1 + |βⱼ|) is
 * below `tolerance`. As in fitLogistic (glm2-style, Marschner 2011), a step after which the deviance
 * −2 Σ [y ln μ + (1 − y) ln(1 − μ)] is not finite or rises is halved towards the previous iterate, up to 25
 * times, so that a start far from the solution converges too; on ordinary data from a warm start no step is
 * halved. Standard errors are √diag (XᵀWX)⁻¹ at the last iterate but one (whose step to the returned β is below
 * the tolerance) — as R's summary.glm, whose covariance uses the weights of glm's last iteration.
 *
 * After a move that changes a few rows, approximate() takes the first Newton step from the previous fit in
 * O(k³) instead of a refit's O(n·k²) per pass (a screen, see its comment); a refit started from that step usually
 * needs one pass.
 *
 * Differences from fitLogistic, which is what every reported figure is computed with: it stops on the step, not
 * on the deviance (glm's rule, which at R's default epsilon 1e-8 leaves β ~1e-8 from the optimum); no clamping of
 * μ at |η| > 30, no separation diagnosis. fit() returns false (β then unusable: restore() or reset()) when Newton
 * does not converge in `maxIterations`, XᵀWX is not positive definite, a step stays uphill after 25 halvings, or
 * the iterates run away (|β₀| > 1000: separation). Where both converge they agree (test/stats/warm-logistic.test.ts:
 * coefficients to 1e-10 of fitLogistic's from any start, standard errors as its covariance's, both as R's glm).
 *
 * Throws RangeError from the constructor when n or k is not a positive integer, x is not n·k long or has a value
 * that is not finite, or y is not n long or has a value other than 0 and 1.
 *
 * @example const m = new WarmLogistic({x, y, n, k}); m.fit(); m.beta[1] // the first slope, as glm's coef()[2]
 */
import type {DesignMatrix} from "./design.js";
import {choleskyInPlace, choleskyInverseDiagonal, choleskySolveInPlace} from "./linear-algebra.js";

/** A row-major design: x[i·k + j] is term j of row i (the intercept's column of ones included), y the 0/1 outcome. */
export interface WarmLogisticDesign {
  x: Float64Array;
  y: ArrayLike<number>;
  n: number;
  k: number;
}

/**
 * A DesignMatrix (columns, as buildDesign and fitLogistic take it) as WarmLogistic's row-major x.
 * @example rowMajorDesign({names: ["(Intercept)", "a"], columns: [Float64Array.of(1, 1), Float64Array.of(3, 4)], n: 2}) // [1, 3, 1, 4]
 */
export function rowMajorDesign(design: DesignMatrix): Float64Array {
  const {n, columns} = design;
  const k = columns.length;
  const x = new Float64Array(n * k);
  for (let j = 0; j < k; j++) {
    const c = columns[j];
    if (c.length !== n) throw new RangeError(`rowMajorDesign: column "${design.names[j]}" has ${c.length} rows, expected ${n}`);
    for (let i = 0; i < n; i++) x[i * k + j] = c[i];
  }
  return x;
}

/**
 * The fit's state; x is read on every fit(), so the caller changes cells between fits (and tells approximate()
 * which rows changed and what they held). Every array is allocated once, here.
 */
export class WarmLogistic {
  /** The design the fits read (the caller's array, not a copy) and the outcome. */
  readonly x: Float64Array;
  readonly y: ArrayLike<number>;
  readonly n: number;
  readonly k: number;
  /** Coefficients: the start of the next fit() (write into it to warm-start), its result after. */
  readonly beta: Float64Array;
  /** Standard errors √diag (XᵀWX)⁻¹ of the last successful fit. */
  readonly se: Float64Array;
  private readonly saved: Float64Array;
  private readonly grad: Float64Array;
  /** XᵀWX (lower triangle, row-major) at the last fit's last iterate but one. */
  readonly info: Float64Array;
  private readonly chol: Float64Array;
  private readonly step: Float64Array;
  /** Linear predictor Xβ at the returned β. */
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

  constructor({x, y, n, k}: WarmLogisticDesign) {
    if (!(Number.isInteger(n) && n > 0)) throw new RangeError(`WarmLogistic: n must be a positive integer, got ${n}`);
    if (!(Number.isInteger(k) && k > 0)) throw new RangeError(`WarmLogistic: k must be a positive integer, got ${k}`);
    if (x.length !== n * k) throw new RangeError(`WarmLogistic: x must hold n·k = ${n * k} values (row-major), got ${x.length}`);
    if (y.length !== n) throw new RangeError(`WarmLogistic: y must have n = ${n} values, got ${y.length}`);
    for (let i = 0; i < n * k; i++) {
      if (!Number.isFinite(x[i])) throw new RangeError(`WarmLogistic: x row ${Math.floor(i / k) + 1}, term ${(i % k) + 1} is ${x[i]}; every value must be finite`);
    }
    for (let i = 0; i < n; i++) if (y[i] !== 0 && y[i] !== 1) throw new RangeError(`WarmLogistic: y must be 0 or 1, row ${i + 1} is ${y[i]}`);
    this.x = x;
    this.y = y;
    this.n = n;
    this.k = k;
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
    this.column = new Float64Array(k);
    this.previous = new Float64Array(k);
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
    l.set(h);
    if (!choleskyInPlace(l, k)) return false;
    approxBeta.set(g);
    choleskySolveInPlace(l, k, approxBeta);
    for (let a = 0; a < k; a++) approxBeta[a] += beta[a];
    choleskyInverseDiagonal(l, k, approxSe, this.column);
    for (let a = 0; a < k; a++) approxSe[a] = Math.sqrt(approxSe[a]);
    return true;
  }

  /** Keeps a copy of β (before a move), for restore(). */
  save(): void {
    this.saved.set(this.beta);
  }

  /** β back to the copy save() kept. */
  restore(): void {
    this.beta.set(this.saved);
  }

  /** β = 0, a cold start. */
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
  /** Scratch of choleskyInverseDiagonal. */
  private readonly column: Float64Array;
  /** β before the last Newton step, for step halving. */
  private readonly previous: Float64Array;
  /** Steps halved in the last fit() (0 on ordinary data: each Newton step lowers the deviance). */
  stepHalvings = 0;

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
   * Returns true on convergence, false on the failures the module comment lists.
   */
  fit(maxIterations = 30, tolerance = 1e-10): boolean {
    const {x, y, n, k, beta, grad, info, chol, step, eta} = this;
    const {wx, residual, ones, onesCount, dense, prob, weight, previous} = this;
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
    let previousDeviance = NaN;
    let halvingsInStep = 0;
    this.stepHalvings = 0;
    for (let iter = 0; iter < maxIterations; ) {
      // one pass over the patients at the current β: η, p, w, y − p, w·x, and the deviance −2 ln Π pᵢ^yᵢ (1 − pᵢ)^(1−yᵢ),
      // whose product takes a logarithm only when it nears underflow (a multiplication a row instead of a log)
      let logLikelihood = 0;
      let likelihood = 1;
      for (let i = 0; i < n; i++) {
        const row = i * k;
        let e = 0;
        for (let a = 0; a < k; a++) e += x[row + a] * beta[a];
        eta[i] = e;
        const expNegative = Math.exp(-e);
        const p = 1 / (1 + expNegative);
        const w = p * (1 - p);
        prob[i] = p;
        weight[i] = w;
        residual[i] = y[i] - p;
        for (let a = 0; a < k; a++) wx[row + a] = w * x[row + a];
        // P(yᵢ | η): p, or 1 − p = e^{−η}·p without cancellation when p is near 1
        const f = y[i] === 1 ? p : e > 0 ? expNegative * p : 1 - p;
        if (f < 1e-50) logLikelihood += Math.log(f);
        else {
          likelihood *= f;
          if (likelihood < 1e-250) {
            logLikelihood += Math.log(likelihood);
            likelihood = 1;
          }
        }
      }
      const deviance = -2 * (logLikelihood + Math.log(likelihood));
      if (devianceRises(deviance, previousDeviance)) {
        // the last step overshot: halve it, back towards the previous iterate (as fitLogistic does)
        if (++halvingsInStep > MAX_HALVINGS) return false;
        this.stepHalvings++;
        for (let a = 0; a < k; a++) beta[a] = (beta[a] + previous[a]) / 2;
        continue;
      }
      // an iterate the deviance accepts, but run away: separation (the MLE does not exist)
      if (iter > 0 && Math.abs(beta[0]) > 1e3) return false;
      halvingsInStep = 0;
      previousDeviance = deviance;
      previous.set(beta);
      iter++;
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
      chol.set(info);
      if (!choleskyInPlace(chol, k)) return false;
      step.set(grad);
      choleskySolveInPlace(chol, k, step);
      let largest = 0;
      for (let a = 0; a < k; a++) {
        beta[a] += step[a];
        const s = Math.abs(step[a]) / (1 + Math.abs(beta[a]));
        if (s > largest) largest = s;
      }
      if (!Number.isFinite(largest)) return false;
      if (largest < tolerance) {
        if (Math.abs(beta[0]) > 1e3) return false;
        choleskyInverseDiagonal(chol, k, this.se, this.column);
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

/** Halvings of one Newton step before fit() gives up (fitLogistic's limit). */
const MAX_HALVINGS = 25;

/**
 * Whether a step is to be halved: the deviance is not finite, or rose by more than rounding (1e-12 relative) from
 * the previous iterate's. Never after an iterate whose deviance is not finite (the first pass's "previous" is NaN;
 * a start so far out that some μ is 0 or 1 in floating point has deviance +∞): there is nothing to go back to.
 */
function devianceRises(deviance: number, previous: number): boolean {
  if (!Number.isFinite(previous)) return false;
  return !(deviance - previous <= 1e-12 * (Math.abs(previous) + 0.1));
}
