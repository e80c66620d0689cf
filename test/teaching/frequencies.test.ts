// Natural frequencies and Monte-Carlo digits, by hand arithmetic written here.
import {describe, it, expect} from "vitest";
import {naturalFrequency, riskFrequency, flaggedFrequency} from "../../src/components/natural-frequency.js";
import {formatMc, formatMcPercent, formatValue, mcDecimals} from "../../src/components/teaching/monte-carlo.js";

describe("natural frequencies", () => {
  it("say a risk as a count of 100 patients", () => {
    expect(riskFrequency(0.154).sentence).toBe("Of 100 patients like this one, about 15 would develop ASD.");
    expect(riskFrequency(0.25).sentence).toBe("Of 100 patients like this one, 25 would develop ASD.");
    expect(riskFrequency(0).sentence).toBe("Of 100 patients like this one, 0 would develop ASD.");
    expect(naturalFrequency(0.9963, {of: 1000})).toMatchObject({count: 996, of: 1000, qualifier: "about"});
  });
  it("never write a rare risk as 0 of 100, nor a near-certain one as 100 of 100", () => {
    // 0.003 × 100 = 0.3 rounds to 0: said per 1,000
    expect(riskFrequency(0.003).sentence).toBe("Of 1,000 patients like this one, 3 would develop ASD (fewer than 1 of 100).");
    expect(riskFrequency(0.9996).sentence).toBe("Of 10,000 patients like this one, 9,996 would develop ASD (more than 99 of 100).");
    expect(naturalFrequency(1e-9).phrase).toBe("fewer than 1 of 1,000,000");
  });
  it("give PPV and 1 − NPV as counts of flagged and unflagged patients", () => {
    // 20 flagged, 12 with ASD: 60 of 100; 142 not flagged, 13 with ASD: 13/142 = 9.15… → about 9 of 100
    const f = flaggedFrequency({truePositives: 12, falsePositives: 8, falseNegatives: 13, trueNegatives: 129});
    expect(f.flagged!.sentence).toBe("Of 100 patients flagged by the equation, 60 go on to develop ASD.");
    expect(f.notFlagged!.sentence).toBe("Of 100 patients not flagged, about 9 develop ASD.");
    expect(flaggedFrequency({truePositives: 0, falsePositives: 0, falseNegatives: 3, trueNegatives: 7}).flagged).toBeNull();
  });
  it("refuse what is not a probability", () => {
    expect(() => naturalFrequency(1.2)).toThrow(/risk must be a probability/);
    expect(() => naturalFrequency(NaN)).toThrow(/risk/);
    expect(() => naturalFrequency(0.5, {of: 0})).toThrow(/of must be/);
  });
});

describe("Monte-Carlo digits", () => {
  it("round to the first significant digit of the standard error", () => {
    expect(mcDecimals(0.0123)).toBe(2);
    expect(mcDecimals(0.0004)).toBe(4);
    expect(mcDecimals(3)).toBe(0);
    expect(mcDecimals(NaN, {fallback: 1})).toBe(1);
    expect(formatMc(0.93456, 0.0021)).toBe("0.935");
    expect(formatMc(-0.2, 0.01)).toBe("−0.20");
  });
  it("write a proportion of B studies with its exact count: 412 of 1,000 has SE 1.6 percentage points", () => {
    expect(formatMcPercent(412, 1000)).toBe("41% (412 of 1,000)");
    // 5 of 10,000: SE √(0.0005·0.9995/10,000) = 0.022 points → two decimals
    expect(formatMcPercent(5, 10000)).toBe("0.05% (5 of 10,000)");
    expect(formatMcPercent(0, 200)).toBe("0% (0 of 200)");
  });
  it("say which non-finite value it is", () => {
    expect([formatValue(Infinity, 2), formatValue(-Infinity, 2), formatValue(NaN, 2)]).toEqual(["+∞", "−∞", "not defined"]);
  });
});
