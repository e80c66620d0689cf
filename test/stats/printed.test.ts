// The one rule for "does it print as the published figure" (src/components/stats/printed.ts), by hand arithmetic.
import {describe, it, expect} from "vitest";
import {formatPrinted, printedDecimals, printsAs} from "../../src/components/stats/printed.js";

describe("printsAs", () => {
  it("matches within half a unit of the last printed digit, a tie included", () => {
    expect(printsAs(0.044455, {value: 0.044, decimals: 3}).matches).toBe(true); // 0.044455 rounds to 0.044
    expect(printsAs(0.0445, {value: 0.044, decimals: 3}).matches).toBe(true); // a tie: could print either way
    expect(printsAs(0.04451, {value: 0.044, decimals: 3})).toEqual({matches: false, distance: expect.closeTo(0.01, 9)});
    expect(printsAs(73.04, {value: 73.0, decimals: 1}).matches).toBe(true);
    expect(printsAs(72.94, {value: 73.0, decimals: 1}).matches).toBe(false);
  });
  it("reads '<' and '>' as bounds, and says how far off in units of the last digit", () => {
    expect(printsAs(0.00099, {value: 0.001, relation: "<", decimals: 3}).matches).toBe(true);
    expect(printsAs(0.0012, {value: 0.001, relation: "<", decimals: 3})).toEqual({matches: false, distance: expect.closeTo(0.2, 9)});
    expect(printsAs(0.2, {value: 0.05, relation: ">"}).matches).toBe(true);
    expect(printsAs(NaN, {value: 0.05}).matches).toBe(false);
  });
  it("infers decimals from the shortest form and prints the figure", () => {
    expect([printedDecimals(0.044), printedDecimals(73), printedDecimals(1e-7), printedDecimals(2.5e-8), printedDecimals(-3.2)]).toEqual([3, 0, 7, 9, 1]);
    expect(formatPrinted({value: 0.96, decimals: 3})).toBe("0.960");
    expect(formatPrinted({value: 0.001, relation: "<", decimals: 3})).toBe("<0.001");
  });
});
