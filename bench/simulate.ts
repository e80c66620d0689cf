/**
 * Seeded data for the benchmark: a cohort drawn from a known logistic model, and a single diagnostic marker.
 *
 * Logistic model. p continuous predictors on clinical-looking scales (xⱼ = μⱼ + σⱼ zⱼ, the z's standard normal
 * and AR(1)-correlated, Corr(zᵢ, zⱼ) = 0.3^|i−j|, as measurements of one patient tend to be), and
 *   logit P(Y = 1 | x) = β₀ + Σⱼ βⱼ xⱼ,   βⱼ = γⱼ/σⱼ,   γⱼ = 0.8·(−1)ʲ/√(j + 1) per SD (the last predictor, for p ≥ 4,
 *   has γ = 0: a noise variable).
 * β₀ puts the event rate near 15%: for η = a + s·Z, E[logistic(η)] ≈ logistic(a/√(1 + πs²/8)) (the probit
 * approximation of the logistic-normal integral; MacKay 1992, Neural Comput. 4:720), so a = logit(0.15)·√(1 + πs²/8) with
 * s² = γᵀRγ, and β₀ = a − Σ βⱼμⱼ.
 *
 * Marker. Y ~ Bernoulli(0.15); marker = Y·δ + N(0, 1) rounded to 0.01 (a lab value printed to two decimals, so
 * there are ties, as in practice); δ = √2·Φ⁻¹(0.75) gives a binormal AUC of 0.75 before rounding.
 *
 * All draws from the engine's seeded xoshiro128** (src/components/stats/random.ts): the same seed gives the same
 * data on every machine. Throws RangeError for n < 2 or p < 1 (the engine's own checks catch the rest).
 *
 * @example simulateLogisticCohort({n: 1000, p: 8, seed: 1}).events // ≈ 150
 */
import {normalQuantile} from "../src/components/stats/distributions.js";
import {createRng} from "../src/components/stats/random.js";

/** Predictor means and SDs, cycled for p > 8: age (y), BMI, BMD T-score, cement (ml), Cobb (°), recovery (%), … */
const MEANS = [68, 24, -2.8, 4.5, 12, 35, 130, 0];
const SDS = [9, 3.5, 0.9, 1.5, 6, 15, 18, 1];
const CORRELATION = 0.3;
const PREVALENCE = 0.15;

export interface SimulatedCohort {
  /** Predictor name -> values (x1 … xp). */
  columns: Record<string, Float64Array>;
  predictors: string[];
  y: Float64Array;
  events: number;
  /** True coefficients, intercept first, per unit of each predictor. */
  coefficients: Float64Array;
}

function checkSize(n: number, p: number): void {
  if (!(Number.isInteger(n) && n >= 2)) throw new RangeError(`simulate: n must be an integer >= 2, got ${n}`);
  if (!(Number.isInteger(p) && p >= 1)) throw new RangeError(`simulate: p must be an integer >= 1, got ${p}`);
}

export function simulateLogisticCohort({n, p, seed}: {n: number; p: number; seed: number}): SimulatedCohort {
  checkSize(n, p);
  const rng = createRng(seed);
  const gamma = Float64Array.from({length: p}, (_, j) => (p >= 4 && j === p - 1 ? 0 : (0.8 * (j % 2 === 0 ? 1 : -1)) / Math.sqrt(j + 1)));
  let s2 = 0;
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) s2 += gamma[i]! * gamma[j]! * CORRELATION ** Math.abs(i - j);
  const a = Math.log(PREVALENCE / (1 - PREVALENCE)) * Math.sqrt(1 + (Math.PI * s2) / 8);
  const coefficients = new Float64Array(p + 1);
  coefficients[0] = a;
  const predictors = Array.from({length: p}, (_, j) => `x${j + 1}`);
  const columns: Record<string, Float64Array> = {};
  const values = predictors.map(() => new Float64Array(n));
  for (let j = 0; j < p; j++) {
    const mean = MEANS[j % MEANS.length]!;
    const sd = SDS[j % SDS.length]!;
    coefficients[j + 1] = gamma[j]! / sd;
    coefficients[0] -= (gamma[j]! / sd) * mean;
    columns[predictors[j]!] = values[j]!;
  }
  const innovation = Math.sqrt(1 - CORRELATION * CORRELATION);
  const y = new Float64Array(n);
  let events = 0;
  for (let i = 0; i < n; i++) {
    let z = rng.normal();
    let eta = coefficients[0]!;
    for (let j = 0; j < p; j++) {
      if (j > 0) z = CORRELATION * z + innovation * rng.normal();
      const x = MEANS[j % MEANS.length]! + SDS[j % SDS.length]! * z;
      values[j]![i] = x;
      eta += coefficients[j + 1]! * x;
    }
    const yi = rng.next() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    y[i] = yi;
    events += yi;
  }
  return {columns, predictors, y, events, coefficients};
}

export interface SimulatedMarker {
  marker: Float64Array;
  outcome: Float64Array;
  events: number;
}

export function simulateMarker({n, seed}: {n: number; seed: number}): SimulatedMarker {
  checkSize(n, 1);
  const rng = createRng(seed);
  const shift = Math.SQRT2 * normalQuantile(0.75);
  const marker = new Float64Array(n);
  const outcome = new Float64Array(n);
  let events = 0;
  for (let i = 0; i < n; i++) {
    const yi = rng.next() < PREVALENCE ? 1 : 0;
    outcome[i] = yi;
    events += yi;
    marker[i] = Math.round(100 * (yi * shift + rng.normal())) / 100;
  }
  return {marker, outcome, events};
}
