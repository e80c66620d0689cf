// Reference: R 4.2.2 stats::lowess, values written by test/fixtures/optimism-bootstrap.R (fixture "lowess") and by
// test/fixtures/lowess-cases.R (varied inputs).
import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import {calibrationCurve, lowess} from "../../src/components/stats/lowess.js";

const fx = JSON.parse(readFileSync(new URL("../fixtures/optimism-bootstrap.json", import.meta.url), "utf8"));
const {x1, x2, x3} = fx.x;
interface VariedCase {
  name: string;
  x: number[];
  y: number[];
  f: number;
  iter: number;
  delta: number | null;
  sx: number[];
  sy: number[];
}
const varied: VariedCase[] = JSON.parse(readFileSync(new URL("../fixtures/lowess-cases.json", import.meta.url), "utf8")).cases;

function expectClose(actual: ArrayLike<number>, expected: number[], digits = 10) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i]!, digits);
}

describe("lowess as R's stats::lowess", () => {
  it("lowess(p, y, iter = 0): the smooth rms::val.prob draws (calibrationCurve)", () => {
    const c = calibrationCurve(fx.lowessInputs.p, fx.y);
    expectClose(c.predicted, fx.lowess.valprob.x);
    expectClose(c.observed, fx.lowess.valprob.y);
  });
  it("default f = 2/3, iter = 3 (robustness weights)", () => {
    const s = lowess(x1, x3);
    expectClose(s.x, fx.lowess.default.x);
    expectClose(s.y, fx.lowess.default.y);
  });
  it("narrow span f = 0.2, iter = 0", () => expectClose(lowess(x1, x3, {f: 0.2, iter: 0}).y, fx.lowess.narrow.y));
  it("heavily tied x (rounded), f = 0.3, iter = 2", () => expectClose(lowess(fx.lowessInputs.xt, x3, {f: 0.3, iter: 2}).y, fx.lowess.ties.y));
  it("delta = 0 (every point fitted), f = 0.5, iter = 1", () => expectClose(lowess(x2, x3, {f: 0.5, iter: 1, delta: 0}).y, fx.lowess.nodelta.y));
  it.each(varied)("varied inputs: $name", (c) => {
    const s = lowess(c.x, c.y, {f: c.f, iter: c.iter, ...(c.delta === null ? {} : {delta: c.delta})});
    expectClose(s.x, c.sx, 15);
    expectClose(s.y, c.sy, 12);
  });
  it("reproduces a straight line exactly (hand check)", () => {
    expectClose(lowess([1, 2, 3, 4], [2, 4, 6, 8], {iter: 0}).y, [2, 4, 6, 8], 12);
  });
  it("rejects bad arguments", () => {
    expect(() => lowess([], [])).toThrow(TypeError);
    expect(() => lowess([1, 2], [1])).toThrow(TypeError);
    expect(() => lowess([1, 2], [1, 2], {f: 0})).toThrow(RangeError);
    expect(() => lowess([1, NaN], [1, 2])).toThrow(RangeError);
    expect(() => calibrationCurve([1.2], [1])).toThrow(RangeError);
  });
});
