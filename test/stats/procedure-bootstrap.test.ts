// Pieces of src/components/stats/procedure-bootstrap.ts checked by hand arithmetic (the whole-procedure numbers
// are pinned to R in test/pipeline/procedure-validation.test.ts).
import {describe, it, expect} from "vitest";
import {approxAt, calibrateGrid, correctedCalibration, finiteSummary, quantile7, scoreIndices, shiftedInterval, supportedDecimals} from "../../src/components/stats/procedure-bootstrap.js";

describe("procedure-bootstrap numerics", () => {
  it("quantile type 7 and the MCSE of a mean", () => {
    // R: quantile(c(1, 2, 3, 4), 0.25) = 1.75; NaN ignored
    expect(quantile7([4, NaN, 1, 3, 2], 0.25)).toBeCloseTo(1.75, 15);
    const s = finiteSummary([1, 2, 3, 4]);
    // sd = sqrt(5/3); mcse = sd / 2
    expect(s.mcse).toBeCloseTo(Math.sqrt(5 / 3) / 2, 15);
  });
  it("the shifted interval is the apparent percentiles minus the optimism", () => {
    const apparent = Array.from({length: 41}, (_, i) => 0.8 + i * 0.005); // 0.800 … 1.000
    const iv = shiftedInterval(apparent, 0.05);
    // type 7 at 0.025 over 41 values: h = 1, so the 2nd value 0.805; at 0.975: h = 39, 0.995
    expect(iv.lower).toBeCloseTo(0.805 - 0.05, 12);
    expect(iv.upper).toBeCloseTo(0.995 - 0.05, 12);
    expect(shiftedInterval([1, 1, 1], 0.3).degenerate).toBe(true);
  });
  it("approx: ties collapsed, no extrapolation", () => {
    expect(Array.from(approxAt([0, 1, 1, 2], [0, 10, 20, 40], [0.5, 1, 1.5, 3], "first"))).toEqual([5, 10, 25, NaN]);
    expect(Array.from(approxAt([0, 1, 1, 2], [0, 10, 20, 40], [0.5, 1.5], "mean"))).toEqual([7.5, 27.5]);
    expect(Array.from(approxAt([1, 1], [2, 3], [1]))).toEqual([NaN]);
  });
  it("rms::calibrate's grid runs from the 5th smallest to the 5th largest risk", () => {
    const g = calibrateGrid(Array.from({length: 20}, (_, i) => (20 - i) / 100));
    expect(g[0]).toBeCloseTo(0.05, 15);
    expect(g[49]).toBeCloseTo(0.16, 15);
  });
  it("digits the Monte-Carlo error supports: half a unit of the last digit", () => {
    expect(supportedDecimals(0.0004)).toBe(3);
    expect(supportedDecimals(0.004)).toBe(2);
    expect(supportedDecimals(0.0051)).toBe(1);
    expect(supportedDecimals(0.2)).toBe(0);
  });
  it("an intercept-only model: AUC 0.5, slope not estimable, calibration-in-the-large in closed form", () => {
    const y = [1, 0, 0, 0];
    const s = scoreIndices([0, 0, 0, 0], y);
    expect(s.auc).toBe(0.5);
    expect(Number.isNaN(s.slope)).toBe(true);
    expect(s.intercept).toBeCloseTo(Math.log(0.25 / 0.75), 15);
    // p = 0.5 for everyone: Brier 0.25; scaled 1 − 0.25 / (0.25 · 0.75)
    expect(s.brier).toBeCloseTo(0.25, 15);
    expect(s.brierScaled).toBeCloseTo(1 - 0.25 / 0.1875, 15);
  });
});

describe("correctedCalibration at registry size", () => {
  it("summarises 10⁶ patients' errors (a spread of one argument per patient overflowed the stack), with hand-worked values", () => {
    // grid 0, 0.5, 1 with apparent = grid and no optimism: the corrected curve is the diagonal, so each patient's
    // error is 0 except where the corrected curve is shifted; shift it by 0.1 everywhere through the differences
    const n = 1_000_000;
    const predicted = Float64Array.from({length: n}, (_, i) => (i + 0.5) / n);
    const result = correctedCalibration([0, 0.5, 1], [0, 0.5, 1], [[0.1, 0.1, 0.1]], predicted);
    expect(result.patients).toBe(n);
    expect(result.maxAbsoluteError).toBeCloseTo(0.1, 10);
    expect(result.meanAbsoluteError).toBeCloseTo(0.1, 10);
    expect(result.meanSquaredError).toBeCloseTo(0.01, 10);
  });

  it("gives NaN for the largest error when no patient lies within the grid", () => {
    const result = correctedCalibration([0.2, 0.4], [0.2, 0.4], [[0, 0]], [0.9]);
    expect(result.patients).toBe(0);
    expect(result.maxAbsoluteError).toBeNaN();
  });
});
