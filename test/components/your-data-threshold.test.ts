// The live threshold's range on "Your own cohort" (src/components/yourData/thresholdExplorer.ts): a round step of
// about a thousandth of the data's span, the range a whole number of steps one step beyond the data, the model's
// risk threshold 0 to 1, the start the Youden point exactly. Expected values worked out by hand in each case.
import {describe, expect, it} from "vitest";
import {thresholdRange} from "../../src/components/yourData/thresholdExplorer.js";
import type {MarkerValues} from "../../src/components/worker/protocol.js";

const marker = (key: string, min: number, max: number, youden: number): MarkerValues => ({
  key, label: key, direction: "<", cases: new Float64Array(), controls: new Float64Array(), min, max,
  youden: {threshold: youden, sensitivity: 0.5, specificity: 0.5}
});

describe("thresholdRange", () => {
  it("age 50–90: span 40, a thousandth 0.04 → step 0.05; 49.95 to 90.05; starts at the Youden point", () => {
    const r = thresholdRange(marker("age", 50, 90, 70.5));
    expect(r).toEqual({min: 49.95, max: 90.05, step: 0.05, start: 70.5, dataRange: [50, 90]});
    expect(Math.round((r.max - r.min) / r.step)).toBe(802);
  });

  it("T-score −4.1 to −0.3: span 3.8 → step 0.005; −4.105 to −0.295", () => {
    expect(thresholdRange(marker("bmd_t", -4.1, -0.3, -2.05))).toMatchObject({min: -4.105, max: -0.295, step: 0.005, start: -2.05});
  });

  it("the model's risk: 0 to 1 in steps of 0.001, the Youden point kept to every digit (off the step)", () => {
    expect(thresholdRange(marker("model", 0.003, 0.97, 0.07682187))).toEqual({min: 0, max: 1, step: 0.001, start: 0.07682187, dataRange: null});
  });

  it("one value only: step 1, one step either side; no Youden point → the middle of the data", () => {
    expect(thresholdRange(marker("c", 2.2, 2.2, NaN))).toMatchObject({min: 1, max: 4, step: 1, start: 2.2});
  });
});
