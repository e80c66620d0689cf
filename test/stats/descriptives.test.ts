import {describe as suite, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import {countLevels, describe} from "../../src/components/stats/descriptives.js";

// Fixtures written by test/fixtures/two-group-tests.R (R 4.2.2): mean, sd, median, quantile(type = 7), IQR, min, max.
interface Desc {n: number; mean: number; sd: number; median: number; q1: number; q3: number; iqr: number; min: number; max: number}
interface ContinuousCase {name: string; a: number[]; b: number[]; describeA: Desc; describeB: Desc}
const cases: ContinuousCase[] = JSON.parse(readFileSync(new URL("../fixtures/two-group-continuous.json", import.meta.url), "utf8"));

function close(actual: number, expected: number, rel = 1e-12): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));
}

suite("describe", () => {
  for (const c of cases) {
    for (const [group, values, ref] of [["a", c.a, c.describeA], ["b", c.b, c.describeB]] as const) {
      it(`matches R on ${c.name}, group ${group}`, () => {
        const d = describe(values);
        expect(d.n).toBe(ref.n);
        for (const key of ["mean", "sd", "median", "q1", "q3", "iqr", "min", "max"] as const) close(d[key], ref[key]);
      });
    }
  }

  it("gives type-7 quartiles by hand on 1..4", () => {
    // h = (n − 1)p: q1 at 0.75 → 1 + 0.75 × (2 − 1) = 1.75; q3 at 2.25 → 3.25
    const d = describe([4, 1, 3, 2]);
    expect(d).toEqual({n: 4, mean: 2.5, sd: Math.sqrt(5 / 3), median: 2.5, q1: 1.75, q3: 3.25, iqr: 1.5, min: 1, max: 4});
  });

  it("accepts typed arrays and gives NaN SD for one value, as R's sd(5) is NA", () => {
    const d = describe(new Float64Array([5]));
    expect(d.mean).toBe(5);
    expect(d.sd).toBeNaN();
    expect(d.iqr).toBe(0);
  });

  it("throws RangeError on empty input and on missing values", () => {
    expect(() => describe([])).toThrow(RangeError);
    expect(() => describe([])).toThrow(/values is empty/);
    expect(() => describe([1, NaN, 3])).toThrow(/values\[1\] is NaN/);
  });
});

suite("countLevels", () => {
  it("counts levels in sorted order with percentages", () => {
    expect(countLevels(["yes", "no", "no", "yes", "no"])).toEqual([
      {level: "no", n: 3, pct: 60},
      {level: "yes", n: 2, pct: 40}
    ]);
  });

  it("sorts numeric levels numerically", () => {
    expect(countLevels([10, 2, 2, 1]).map((l) => l.level)).toEqual(["1", "2", "10"]);
  });

  it("throws on empty input and missing values", () => {
    expect(() => countLevels([])).toThrow(RangeError);
    expect(() => countLevels(["a", null as unknown as string])).toThrow(/values\[1\]/);
  });
});
