/**
 * Calibration of predicted probabilities against 0/1 outcomes, as rms::val.prob (Harrell, rms 6.5) reports them.
 * - brierScore: mean((p − y)^2).
 * - calibrationSlopeIntercept: with L = logit(p), "Slope" is b in glm(y ~ L) (its intercept a is returned too as
 *   slopeModelIntercept); "Intercept" is a in glm(y ~ 1, offset = L) (calibration-in-the-large).
 *   Note: rms 6.5 val.prob labels the intercept of glm(y ~ L) "Intercept"; ours, `intercept`, is the offset model
 *   (what API.md asks for); val.prob's number is `slopeModelIntercept`. Both are fitted by Newton–Raphson to |Δdeviance|/(|dev|+0.1) < 1e-10.
 * Throws: TypeError for unequal/empty inputs; RangeError for p outside (0, 1) (logit undefined) or y not 0/1.
 * Example: brierScore([0.2, 0.8], [0, 1]) // 0.04
 */
import {chiSquareSf} from "./distributions.js";

function check(p: ArrayLike<number>, y: ArrayLike<number>, name: string, open: boolean): void {
  if (p.length === 0 || p.length !== y.length) throw new TypeError(`${name}: p and y must be non-empty and of equal length (got ${p.length} and ${y.length})`);
  for (let i = 0; i < p.length; i++) {
    const ok = open ? p[i] > 0 && p[i] < 1 : p[i] >= 0 && p[i] <= 1;
    if (!ok) throw new RangeError(`${name}: p[${i}] = ${p[i]} must lie in ${open ? "(0, 1)" : "[0, 1]"}`);
    if (y[i] !== 0 && y[i] !== 1) throw new RangeError(`${name}: y[${i}] = ${y[i]} is not 0 or 1`);
  }
}

export function brierScore(p: ArrayLike<number>, y: ArrayLike<number>): number {
  check(p, y, "brierScore", false);
  let s = 0;
  for (let i = 0; i < p.length; i++) s += (p[i] - y[i]) ** 2;
  return s / p.length;
}

export interface CalibrationSlopeIntercept { slope: number; slopeModelIntercept: number; intercept: number; converged: boolean }

export function calibrationSlopeIntercept(p: ArrayLike<number>, y: ArrayLike<number>): CalibrationSlopeIntercept {
  check(p, y, "calibrationSlopeIntercept", true);
  const n = p.length, L = new Float64Array(n);
  for (let i = 0; i < n; i++) L[i] = Math.log(p[i] / (1 - p[i]));
  const dev = (a: number, b: number, offsetOnly: boolean): number => {
    let d = 0;
    for (let i = 0; i < n; i++) { const eta = a + (offsetOnly ? L[i] : b * L[i]); d += y[i] === 1 ? Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta)); }
    return 2 * d;
  };
  let converged = true;
  // Offset model: one parameter.
  let c = 0, dOld = dev(0, 1, true);
  for (let it = 0; ; it++) {
    let g = 0, h = 0;
    for (let i = 0; i < n; i++) { const m = 1 / (1 + Math.exp(-(c + L[i]))); g += y[i] - m; h += m * (1 - m); }
    c += g / h;
    const d = dev(c, 1, true);
    if (Math.abs(d - dOld) / (Math.abs(d) + 0.1) < 1e-10) break;
    dOld = d;
    if (it > 50) { converged = false; break; }
  }
  // Slope model: two parameters.
  let a = 0, b = 1; dOld = dev(a, b, false);
  for (let it = 0; ; it++) {
    let g0 = 0, g1 = 0, h00 = 0, h01 = 0, h11 = 0;
    for (let i = 0; i < n; i++) {
      const m = 1 / (1 + Math.exp(-(a + b * L[i]))), w = m * (1 - m), r = y[i] - m;
      g0 += r; g1 += r * L[i]; h00 += w; h01 += w * L[i]; h11 += w * L[i] * L[i];
    }
    const det = h00 * h11 - h01 * h01;
    a += (h11 * g0 - h01 * g1) / det; b += (h00 * g1 - h01 * g0) / det;
    const d = dev(a, b, false);
    if (Math.abs(d - dOld) / (Math.abs(d) + 0.1) < 1e-10) break;
    dOld = d;
    if (it > 50) { converged = false; break; }
  }
  return {slope: b, slopeModelIntercept: a, intercept: c, converged};
}

export interface HosmerLemeshowGroup { lower: number; upper: number; n: number; observed: number; expected: number }
export interface HosmerLemeshow { statistic: number; df: number; p: number; table: HosmerLemeshowGroup[] }

/**
 * Hosmer–Lemeshow goodness of fit over deciles of risk, as ResourceSelection::hoslem.test(y, p, g):
 * breaks = quantile(p, seq(0, 1, 1/g)) (type 7), groups (a, b] with the lowest included (cut(include.lowest = TRUE)),
 * X² = Σ over groups and both outcome classes of (O − E)² / E, df = g − 2, p from the chi-square upper tail.
 * Throws RangeError if the quantile breaks are not distinct (R's cut() stops there too).
 */
export function hosmerLemeshow(p: ArrayLike<number>, y: ArrayLike<number>, {groups = 10}: {groups?: number} = {}): HosmerLemeshow {
  check(p, y, "hosmerLemeshow", false);
  if (!Number.isInteger(groups) || groups < 3) throw new RangeError(`hosmerLemeshow: groups must be an integer >= 3, got ${groups}`);
  const n = p.length, sorted = Float64Array.from(p).sort();
  const breaks: number[] = [];
  for (let k = 0; k <= groups; k++) {
    const h = (n - 1) * (k / groups), lo = Math.floor(h);
    breaks.push(lo + 1 < n ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo]);
  }
  for (let k = 1; k <= groups; k++) if (!(breaks[k] > breaks[k - 1])) throw new RangeError(`hosmerLemeshow: quantile breaks are not distinct (${groups} groups); use fewer groups`);
  const table: HosmerLemeshowGroup[] = breaks.slice(1).map((u, k) => ({lower: breaks[k], upper: u, n: 0, observed: 0, expected: 0}));
  for (let i = 0; i < n; i++) {
    let k = 0;
    while (k < groups - 1 && p[i] > breaks[k + 1]) k++;
    const g = table[k]; g.n++; g.observed += y[i]; g.expected += p[i];
  }
  let x2 = 0;
  for (const g of table) {
    if (g.n === 0) continue;
    x2 += (g.observed - g.expected) ** 2 / g.expected + (g.observed - g.expected) ** 2 / (g.n - g.expected);
  }
  const df = groups - 2;
  return {statistic: x2, df, p: chiSquareSf(x2, df), table};
}
