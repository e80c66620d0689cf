import {describe, expect, it} from "vitest";
import {orderedBounds} from "../../src/components/bound-pair.js";

// The decision curve's limits on the Validation page: lowest 0.01–0.5, highest 0.05–0.99, at least 0.01 apart.
const limits = {gap: 0.01, lowLimits: [0.01, 0.5] as [number, number], highLimits: [0.05, 0.99] as [number, number]};

describe("orderedBounds", () => {
  it("leaves a pair in order alone", () => {
    expect(orderedBounds({low: 0.1, high: 0.6}, "low", limits)).toEqual({low: 0.1, high: 0.6, moved: "none"});
    expect(orderedBounds({low: 0.59, high: 0.6}, "low", limits)).toEqual({low: 0.59, high: 0.6, moved: "none"});
  });

  it("moves the other bound when the one moved passes it (hand arithmetic: 0.3 + 0.01 = 0.31)", () => {
    expect(orderedBounds({low: 0.3, high: 0.2}, "low", limits)).toEqual({low: 0.3, high: 0.31, moved: "high"});
    expect(orderedBounds({low: 0.3, high: 0.2}, "high", limits)).toEqual({low: 0.19, high: 0.2, moved: "low"});
  });

  it("holds the moved one back when the other cannot move (the lowest bound's floor is 0.01)", () => {
    // The highest bound set to its minimum 0.05 under a lowest bound of 0.05: the lowest can go to 0.04, so it does.
    expect(orderedBounds({low: 0.05, high: 0.05}, "high", limits)).toEqual({low: 0.04, high: 0.05, moved: "low"});
    // A highest bound limited to 0.3 cannot follow a lowest bound of 0.3: the lowest is held at 0.29.
    const tight = {...limits, highLimits: [0.05, 0.3] as [number, number]};
    expect(orderedBounds({low: 0.3, high: 0.3}, "low", tight)).toEqual({low: 0.29, high: 0.3, moved: "low"});
  });

  it("never returns a crossed pair, wherever the two are set", () => {
    for (let l = 0.01; l <= 0.5; l += 0.07) {
      for (let h = 0.05; h <= 0.99; h += 0.09) {
        for (const changed of ["low", "high"] as const) {
          const r = orderedBounds({low: +l.toFixed(2), high: +h.toFixed(2)}, changed, limits);
          expect(r.low).toBeLessThanOrEqual(+(r.high - 0.01).toPrecision(12));
          expect(r.low).toBeGreaterThanOrEqual(0.01);
          expect(r.high).toBeLessThanOrEqual(0.99);
        }
      }
    }
  });
});
