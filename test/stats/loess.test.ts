import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import {loess, predictLoess} from "../../src/components/stats/loess.js";

// R 4.2.2 stats::loess(y ~ x, span, degree, control = loess.control(surface)) (test/fixtures/loess.R).
interface LoessCase {
  name: string; x: number[]; y: number[]; span: number; degree: 0 | 1 | 2; surface: "interpolate" | "direct";
  fitted: number[]; at: number[]; predicted: number[];
  kd?: {cells: number; vertices: number; split: number[]; vertexValues: number[]; vertexSlopes: number[]};
}
const fx = JSON.parse(readFileSync(new URL("../fixtures/loess.json", import.meta.url), "utf8")) as {cases: LoessCase[]};
const maxAbs = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));

describe("loess vs R stats::loess", () => {
  for (const c of fx.cases) {
    it(c.name, () => {
      const fit = loess(c.x, c.y, {span: c.span, degree: c.degree, surface: c.surface});
      if (c.kd) {
        const tree = fit.kdTree!;
        expect(tree.vertices.length).toBe(c.kd.vertices);
        expect(tree.split.length).toBe(c.kd.cells);
        expect(tree.split.filter((s) => s !== null)).toEqual(c.kd.split);
        expect(maxAbs(tree.vertexValues, c.kd.vertexValues)).toBeLessThan(1e-12);
        expect(maxAbs(tree.vertexSlopes, c.kd.vertexSlopes) / Math.max(1, ...c.kd.vertexSlopes.map(Math.abs))).toBeLessThan(1e-12);
      }
      const scale = Math.max(1, ...c.y.map(Math.abs));
      expect(maxAbs(fit.fitted, c.fitted) / scale).toBeLessThan(1e-12);
      expect(maxAbs(predictLoess(fit, c.at), c.predicted) / scale).toBeLessThan(1e-12);
      expect(fit.pseudoinverseFits > 0).toBe(c.name.startsWith("four values"));
    });
  }
});

describe("loess: hand checks and errors", () => {
  it("a quadratic is its own degree-2 smooth; a line its own degree-1 smooth", () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8];
    const q = loess(x, x.map((v) => v * v)).fitted;
    q.forEach((v, i) => expect(v).toBeCloseTo(x[i]! ** 2, 12));
    const l = loess(x, x.map((v) => 3 - 2 * v), {degree: 1, surface: "direct"}).fitted;
    l.forEach((v, i) => expect(v).toBeCloseTo(3 - 2 * x[i]!, 12));
  });
  it("survives JSON: a parsed fit predicts the same", () => {
    const c = fx.cases[0]!;
    const fit = loess(c.x, c.y);
    const copy = JSON.parse(JSON.stringify(fit));
    expect(predictLoess(copy, c.at)).toEqual(predictLoess(fit, c.at));
  });
  it("throws with the argument named", () => {
    expect(() => loess([1, 2], [1])).toThrow(TypeError);
    expect(() => loess([1, 2, NaN], [1, 2, 3])).toThrow(/x\[2\]/);
    expect(() => loess([1, 2, 3, 4, 5], [1, 2, 3, 4, 5])).toThrow(/span/);
    // R warns and returns NaN (interpolate) or 0 (direct) here.
    expect(() => loess([1, 1, 1, 1, 1, 1, 2], [1, 2, 3, 4, 5, 6, 7])).toThrow(/boundary; make span bigger/);
    expect(() => loess([1, 1, 1, 1, 1, 1, 2], [1, 2, 3, 4, 5, 6, 7], {surface: "direct"})).toThrow(/zero-width neighbourhood at x = 1/);
    expect(() => loess([1, 2, 3], [1, 2, 3], {degree: 3 as 2})).toThrow(/degree/);
    const fit = loess([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 3, 2, 5, 4, 6, 8, 7, 9, 10]);
    expect(() => predictLoess(fit, [10.5])).toThrow(/outside the data range/);
  });
});
