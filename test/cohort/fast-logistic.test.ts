// The reconstruction's inner-loop logistic fit (src/components/cohort/reconstruction/fast-logistic.ts) against R.
// Data and expected values: R 4.2.2, /tmp/rfl/fl.R as quoted below —
//   set.seed(11); n <- 40; x1 <- round(rnorm(n, 70, 8)); x2 <- round(rnorm(n, -2.5, 0.8), 1); b <- rbinom(n, 1, 0.4)
//   y <- rbinom(n, 1, plogis(-0.5 + 0.08*(x1-70) - 0.9*(x2+2.5) + 0.7*b))
//   glm(y ~ x1 + x2 + b, family = binomial, control = glm.control(epsilon = 1e-14, maxit = 100))
// and the same after swapping x2 of rows 3 and 7 (1-based), the annealer's kind of move.
import {describe, expect, it} from "vitest";
import {WarmLogistic} from "../../src/components/cohort/reconstruction/fast-logistic.js";
import {REFIT_TOLERANCE} from "../../src/components/cohort/reconstruction/dependence.js";

const x1 = [65, 70, 58, 59, 79, 63, 81, 75, 70, 62, 63, 67, 58, 68, 61, 70, 68, 77, 65, 65, 65, 70, 66, 73, 71, 70, 68, 64, 68, 62, 61, 62, 75, 57, 63, 74, 69, 82, 65, 67];
const x2 = [-3.8, -2.5, -1.8, -3.2, -1.8, -2.8, -4.2, -1.8, -1.9, -2.3, -1.9, -2.7, -3.2, -2.1, -2.4, -2.1, -2.6, -2.1, -1.3, -2.5, -3.2, -0.6, -2.6, -4.1, -2.1, -1.1, -3.1, -3.4, -3, -1.9, -2.1, -2.6, -3.1, -2.3, -1.6, -2.4, -3.1, -2.1, -3.4, -2.2];
const b = [0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 1, 1, 1, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 1, 1, 0, 0, 1];
const y = [1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1, 0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 1, 0, 1, 0];
const fromR = {
  beta: [-16.0979736089, 0.19441832849, -0.986035359846, 0.762386263195],
  se: [5.66218160132, 0.0753407110413, 0.5796500932, 0.761278729875]
};
const swappedFromR = {
  beta: [-16.5754160056, 0.210450991166, -0.761795846295, 0.619427736381],
  se: [5.84767279144, 0.0765433081248, 0.535588460616, 0.745940800509]
};

const n = y.length;
const k = 4;
function design(): Float64Array {
  const x = new Float64Array(n * k);
  for (let i = 0; i < n; i++) x.set([1, x1[i], x2[i], b[i]], i * k);
  return x;
}
const maxRelative = (got: ArrayLike<number>, want: number[]) => Math.max(...want.map((w, j) => Math.abs(got[j] - w) / Math.abs(w)));

describe("WarmLogistic", () => {
  it("fits glm's coefficients and standard errors from β = 0", () => {
    const m = new WarmLogistic(design(), y, n, k);
    expect(m.fit(100)).toBe(true);
    // R's values are printed to 12 significant digits; the SEs are of the information at the last iterate but one,
    // whose step was below 1e-10·(1 + |β|) (|β₀| = 16 here)
    expect(maxRelative(m.beta, fromR.beta)).toBeLessThan(1e-10);
    expect(maxRelative(m.se, fromR.se)).toBeLessThan(1e-8);
    // η is the linear predictor at the returned β
    expect(m.eta[4]).toBeCloseTo(m.beta[0] + m.beta[1] * 79 + m.beta[2] * -1.8, 12);
  });

  it("screens a swap with one Newton step and refits it from there to the annealer's tolerance", () => {
    const x = design();
    const m = new WarmLogistic(x, y, n, k);
    m.fit(100);
    const old = new Float64Array(2 * k);
    old.set(x.subarray(2 * k, 3 * k), 0);
    old.set(x.subarray(6 * k, 7 * k), k);
    [x[2 * k + 2], x[6 * k + 2]] = [x[6 * k + 2], x[2 * k + 2]];
    expect(m.approximate([2, 6], old)).toBe(true);
    // one Newton step from the old optimum: the error in β shrinks from the whole move to a small part of it
    const before = maxRelative(m.beta, swappedFromR.beta);
    const after = maxRelative(m.approxBeta, swappedFromR.beta);
    expect(before).toBeGreaterThan(0.2);
    expect(after).toBeLessThan(0.1 * before);
    // the refit the annealer does after accepting the move
    m.beta.set(m.approxBeta);
    expect(m.fit(30, REFIT_TOLERANCE)).toBe(true);
    // quadratic convergence: the last step was below 1e-5, so β is within ~1e-10; SEs are of the iterate before
    expect(maxRelative(m.beta, swappedFromR.beta)).toBeLessThan(1e-8);
    expect(maxRelative(m.se, swappedFromR.se)).toBeLessThan(1e-4);
  });

  it("reports failure under complete separation", () => {
    const sep = y.map((_, i) => (x1[i] > 67 ? 1 : 0));
    const m = new WarmLogistic(design(), sep, n, k);
    expect(m.fit(100)).toBe(false);
  });
});
