// Axis-label placement rules of the charts (pure parts). Expected tick sets are worked out by hand from the
// pixel arithmetic in each test's comment.
import {describe, expect, it} from "vitest";
import {forestTicks} from "../../src/components/charts/forestPlot.js";

describe("forestTicks", () => {
  it("labels 1-2-5 ticks when there is room", () => {
    // [0.1, 10] over 300 px: 150 px per decade; 0.1→0, 0.2→45, 0.5→105, 1→150, 2→195, 5→255, 10→300: gaps ≥ 45 px.
    expect(forestTicks([0.1, 10], 300)).toEqual({all: [0.1, 0.2, 0.5, 1, 2, 5, 10], labelled: [0.1, 0.2, 0.5, 1, 2, 5, 10]});
  });

  it("drops labels that would run together, keeping 1 and the powers of ten first", () => {
    // [0.05, 20] over 150 px: px(v) = 150 · ln(v / 0.05) / ln(400) = 25.04 · ln(v / 0.05): 0.05→0, 0.1→17.4,
    // 0.2→34.7, 0.5→57.7, 1→75.0, 2→92.4, 5→115.3, 10→132.7, 20→150. At 12 px a character is 7.2 px, so the
    // half-widths are 14.4 ("0.05"), 10.8 ("0.1"), 7.2 ("10"), 3.6 ("1"); two labels need their half-widths + 6 px.
    // Order tried: 1; 10 (57.7 from 1) kept; 0.1 kept; 5 (17.4 from 10, needs 16.8) kept; 0.5 (17.3 from 1, needs
    // 20.4) dropped; 0.05 (17.4 from 0.1, needs 31.2) dropped; 2 (17.4 from 1, needs 13.2; 22.9 from 5) kept;
    // 0.2 (17.3 from 0.1, needs 27.6) dropped; 20 (17.3 from 10, needs 20.4) dropped.
    const ticks = forestTicks([0.05, 20], 150);
    expect(ticks.all).toEqual([0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20]);
    expect(ticks.labelled).toEqual([0.1, 1, 2, 5, 10]);
  });
});
