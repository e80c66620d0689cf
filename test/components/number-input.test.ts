// The honest numeric input's rules (src/components/number-input.ts): what typed text becomes, and what the range
// does to it. Expected values are the typed numbers themselves, read by hand.
import {describe, expect, it} from "vitest";
import {boxText, formatEntry, outsideDataNote, parseTypedNumber, resolveEntry} from "../../src/components/number-input.js";

describe("parseTypedNumber", () => {
  it("reads plain numbers as typed, including the minus sign the site prints and exponents", () => {
    const values = ["150", "94.5", "-2.75", "\u22122.75", "+3", "1e3", ".5", "  69 ", "3.25", "0"].map((t) => parseTypedNumber(t));
    expect(values).toEqual([150, 94.5, -2.75, -2.75, 3, 1000, 0.5, 69, 3.25, 0].map((value) => ({kind: "number", value})));
  });

  it("reads a decimal comma as a decimal, never as a thousands separator, and says so", () => {
    expect(parseTypedNumber("4,5")).toEqual({kind: "number", value: 4.5, note: "read “4,5” as 4.5"});
    expect(parseTypedNumber("-0,25")).toEqual({kind: "number", value: -0.25, note: "read “-0,25” as −0.25"});
  });

  it("refuses ambiguous groupings, thousands separators and non-numbers", () => {
    expect(parseTypedNumber("1,234")).toMatchObject({kind: "invalid", reason: expect.stringMatching(/could be a decimal comma or a thousands separator/)});
    expect(parseTypedNumber("1.234,5")).toMatchObject({kind: "invalid", reason: expect.stringMatching(/thousands separator/)});
    expect(parseTypedNumber("1,000")).toMatchObject({kind: "invalid"});
    for (const t of ["12 mg", "0x10", "Infinity", "NaN", "abc", "1e999", "--1", "5%"]) expect(parseTypedNumber(t).kind).toBe("invalid");
    expect(parseTypedNumber("")).toEqual({kind: "empty"});
    expect(parseTypedNumber("   ")).toEqual({kind: "empty"});
  });

  it("reads percentages only where asked", () => {
    expect(parseTypedNumber("20%", {percent: true})).toEqual({kind: "number", value: 0.2, note: "read “20%” as 0.2"});
    expect(parseTypedNumber("7,5 %", {percent: true})).toMatchObject({kind: "number", value: 0.075});
  });
});

describe("resolveEntry", () => {
  const range = {min: 50, max: 95};
  it("keeps an in-range value as typed, off-step too", () => {
    expect(resolveEntry({kind: "number", value: 94.5}, 69, range)).toEqual({value: 94.5, state: "ok", message: ""});
  });

  it("clamps beyond the range and says so", () => {
    expect(resolveEntry({kind: "number", value: 150}, 69, range)).toEqual({value: 95, state: "adjusted", message: "150 is above the allowed maximum, 95: 95 is used."});
    expect(resolveEntry({kind: "number", value: -0.2}, 0.5, {min: 0, max: 1})).toEqual({value: 0, state: "adjusted", message: "−0.2 is below the allowed minimum, 0: 0 is used."});
    expect(resolveEntry({kind: "number", value: 1.5}, 0.5, {min: 0, max: 1, unit: "(probability)"}).message).toBe("1.5 (probability) is above the allowed maximum, 1: 1 is used.");
  });

  it("rounds to whole numbers where only those are allowed, then clamps", () => {
    expect(resolveEntry({kind: "number", value: 75.5}, 100, {min: 50, max: 1000, integer: true})).toEqual({value: 76, state: "adjusted", message: "Only whole numbers are allowed: 75.5 is rounded to 76."});
    expect(resolveEntry({kind: "number", value: 2000.4}, 100, {min: 50, max: 1000, integer: true}).value).toBe(1000);
  });

  it("keeps the previous value for empty and refused entries, and says which", () => {
    expect(resolveEntry({kind: "empty"}, 69, range)).toEqual({value: 69, state: "refused", message: "Type a number from 50 to 95; 69 is used until then."});
    expect(resolveEntry(parseTypedNumber("abc"), 69, range).message).toBe("“abc” is not a number: type digits with a point (or comma) for decimals. 69 is still used.");
  });

  it("carries the decimal-comma note", () => {
    expect(resolveEntry(parseTypedNumber("4,5"), 3, {min: 0, max: 10}).message).toBe("Read “4,5” as 4.5.");
  });
});

describe("outsideDataNote and formatting", () => {
  it("notes a value beyond the cohort's observed range", () => {
    expect(outsideDataNote(20, [3.3, 16.5], {unit: "%"})).toBe("20 % is outside the range seen in the cohort (3.3–16.5 %): the result extrapolates beyond the data.");
    expect(outsideDataNote(10, [3.3, 16.5])).toBe("");
    expect(outsideDataNote(10, null)).toBe("");
  });

  it("the box shows a value exactly; messages use the typographic minus", () => {
    expect(boxText(0.07682187123)).toBe("0.07682187123");
    expect(boxText(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(boxText(-0)).toBe("0");
    expect(Number(boxText(-2.75))).toBe(-2.75);
    expect(formatEntry(-2.75)).toBe("\u22122.75");
  });
});
