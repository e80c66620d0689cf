import {describe, it, expect} from "vitest";
import {createRng} from "../../src/components/stats/random.js";

describe("createRng (xoshiro128**)", () => {
  it("is deterministic per seed and differs across seeds", () => {
    const a = createRng(7), b = createRng(7), c = createRng(8);
    const xa = Array.from({length: 20}, () => a.next()), xb = Array.from({length: 20}, () => b.next());
    expect(xa).toEqual(xb);
    expect(Array.from({length: 20}, () => c.next())).not.toEqual(xa);
  });
  it("uniform moments and range", () => {
    const r = createRng(1); const n = 200000; let s = 0, s2 = 0;
    for (let i = 0; i < n; i++) { const u = r.next(); expect(u >= 0 && u < 1).toBe(true); s += u; s2 += u * u; }
    expect(Math.abs(s / n - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n)); // 4 SE
    expect(Math.abs(s2 / n - (s / n) ** 2 - 1 / 12)).toBeLessThan(0.002);
  });
  it("normal moments", () => {
    const r = createRng(2); const n = 200000; let s = 0, s2 = 0;
    for (let i = 0; i < n; i++) { const z = r.normal(); s += z; s2 += z * z; }
    expect(Math.abs(s / n)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
  });
  it("int is in range and roughly uniform; bad n throws", () => {
    const r = createRng(3); const counts = new Array(7).fill(0); const n = 70000;
    for (let i = 0; i < n; i++) counts[r.int(7)]++;
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(500); // ~5 SE
    expect(() => r.int(0)).toThrow(RangeError);
    expect(() => createRng(NaN)).toThrow(/seed/);
  });
});
