// Reference values: test/fixtures/roc.R (R 4.2.2): prop.test(x, n, correct = FALSE)$conf.int (Wilson) and
// binom.test(x, n)$conf.int (Clopper–Pearson) -> test/fixtures/roc-binomial-ci.json.
import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {clopperPearsonInterval, wilsonInterval} from "../../src/components/stats/binomial-ci.js";

const ref: {x: number; n: number; wilson: number[]; clopperPearson: number[]; clopperPearson90: number[]}[] =
  JSON.parse(readFileSync(new URL("../fixtures/roc-binomial-ci.json", import.meta.url), "utf8"));

describe("binomial confidence intervals against R", () => {
  for (const r of ref) {
    it(`${r.x}/${r.n}`, () => {
      const w = wilsonInterval(r.x, r.n);
      expect(w[0]).toBeCloseTo(r.wilson[0]!, 13);
      expect(w[1]).toBeCloseTo(r.wilson[1]!, 13);
      const cp = clopperPearsonInterval(r.x, r.n);
      expect(cp[0]).toBeCloseTo(r.clopperPearson[0]!, 12);
      expect(cp[1]).toBeCloseTo(r.clopperPearson[1]!, 12);
      const cp90 = clopperPearsonInterval(r.x, r.n, {level: 0.9});
      expect(cp90[0]).toBeCloseTo(r.clopperPearson90[0]!, 12);
      expect(cp90[1]).toBeCloseTo(r.clopperPearson90[1]!, 12);
    });
  }
  it("n = 0 gives NaN; bad arguments are named", () => {
    expect(wilsonInterval(0, 0)).toEqual([NaN, NaN]);
    expect(() => wilsonInterval(5, 4)).toThrow(/x is 5/);
    expect(() => clopperPearsonInterval(1, 2.5)).toThrow(/n is 2.5/);
    expect(() => wilsonInterval(1, 2, {level: 1})).toThrow(/level is 1/);
  });
});
