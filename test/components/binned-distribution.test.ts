import {describe, expect, it} from "vitest";
import {binnedBars} from "../../src/components/charts/binnedDistribution.js";
import {binnedByOutcome} from "../../src/components/study/private.js";

describe("binnedBars", () => {
  it("gives each bin's count and share of its group (hand arithmetic)", () => {
    // Two bins: ASD 2 + 6 = 8 patients, non-ASD 5 + 15 = 20.
    const bars = binnedBars({minCell: 2, outside: 0, bins: [{lower: 0, upper: 10, events: 2, nonEvents: 5}, {lower: 10, upper: 20, events: 6, nonEvents: 15}]});
    expect(bars).toEqual([
      {group: "asd", lower: 0, upper: 10, count: 2, share: 0.25},
      {group: "nonAsd", lower: 0, upper: 10, count: 5, share: 0.25},
      {group: "asd", lower: 10, upper: 20, count: 6, share: 0.75},
      {group: "nonAsd", lower: 10, upper: 20, count: 15, share: 0.75}
    ]);
  });

  it("keeps every patient of a binned cohort, and a group with no patients has share 0, not NaN", () => {
    const values = Array.from({length: 60}, (_, i) => i / 2);
    const y = values.map((_, i) => (i % 3 === 0 ? 1 : 0));
    const bars = binnedBars(binnedByOutcome(values, y, {minCell: 5}));
    expect(bars.filter((b) => b.group === "asd").reduce((s, b) => s + b.count, 0)).toBe(20);
    expect(bars.filter((b) => b.group === "nonAsd").reduce((s, b) => s + b.count, 0)).toBe(40);
    expect(bars.filter((b) => b.group === "asd").reduce((s, b) => s + b.share, 0)).toBeCloseTo(1, 12);
    const none = binnedBars({minCell: 5, outside: 0, bins: [{lower: 0, upper: 1, events: 0, nonEvents: 7}]});
    expect(none.find((b) => b.group === "asd")!.share).toBe(0);
  });
});
