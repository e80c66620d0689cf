import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import {studentT, studentTFromSummary, welchT, welchTFromSummary} from "../../src/components/stats/t-test.js";
import {mannWhitney} from "../../src/components/stats/mann-whitney.js";
import {chiSquare} from "../../src/components/stats/chi-square.js";
import {fisherExact} from "../../src/components/stats/fisher-exact.js";
import {describe as describeValues} from "../../src/components/stats/descriptives.js";

// Every reference value below comes from test/fixtures/two-group-tests.R, run with R 4.2.2; the R call that
// produced each is named beside the assertion. Fixtures hold 15 significant digits (jsonlite digits = NA).
const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8"));

interface RTest {method: string; statistic: number; df?: number; p: number; estimate?: number; ciLower?: number; ciUpper?: number}
interface ContinuousCase {name: string; a: number[]; b: number[]; student: RTest; welch: RTest; welch90: RTest; mannWhitney: RTest}
interface ChisqRef {method: string; statistic: number; df: number; p: number; expected: number[][]; warning: boolean}
type MaybeInf = number | "Inf";
interface FisherRef {method: string; p: number; estimate: MaybeInf; ciLower: MaybeInf; ciUpper: MaybeInf;
  tight: {estimate: MaybeInf; ciLower: MaybeInf; ciUpper: MaybeInf}}
interface TableCase {name: string; table: number[][]; chisqPlain: ChisqRef; chisqYates: ChisqRef; fisher?: FisherRef}

const continuous = fixture("two-group-continuous.json") as ContinuousCase[];
const tables = fixture("two-group-tables.json") as TableCase[];
const num = (v: MaybeInf): number => (v === "Inf" ? Infinity : v);

/** Relative closeness (absolute near zero), the tolerance stated at each call. */
function close(actual: number | undefined, expected: number | undefined, rel: number): void {
  expect(actual).toBeTypeOf("number");
  expect(expected).toBeTypeOf("number");
  if (!Number.isFinite(expected as number)) {
    expect(actual).toBe(expected);
    return;
  }
  const a = actual as number;
  const e = expected as number;
  expect(Math.abs(a - e), `${a} vs ${e}`).toBeLessThanOrEqual(rel * Math.max(Math.abs(e), 1e-300));
}

function expectTTest(actual: RTest, ref: RTest): void {
  expect(actual.method).toBe(ref.method.trim());
  for (const key of ["statistic", "df", "p", "estimate", "ciLower", "ciUpper"] as const) close(actual[key], ref[key], 1e-10);
}

describe("t-tests against R's t.test", () => {
  for (const c of continuous) {
    it(`Student: t.test(a, b, var.equal = TRUE), ${c.name}`, () => expectTTest(studentT(c.a, c.b), c.student));
    it(`Welch: t.test(a, b), ${c.name}`, () => expectTTest(welchT(c.a, c.b), c.welch));
    it(`Welch 90% CI: t.test(a, b, conf.level = 0.9), ${c.name}`, () => expectTTest(welchT(c.a, c.b, {confLevel: 0.9}), c.welch90));
    it(`from summaries equals from data, ${c.name}`, () => {
      const a = describeValues(c.a);
      const b = describeValues(c.b);
      const s = {mean1: a.mean, sd1: a.sd, n1: a.n, mean2: b.mean, sd2: b.sd, n2: b.n};
      expectTTest(studentTFromSummary(s), c.student);
      expectTTest(welchTFromSummary(s), c.welch);
    });
  }

  it("Student by hand on 1,2,3 vs 4,5,6", () => {
    // s_p² = (2 + 2)/4 = 1; SE = √(1 × (1/3 + 1/3)) = √(2/3); t = −3/√(2/3) = −3.674234614174767
    const r = studentT([1, 2, 3], [4, 5, 6]);
    close(r.statistic, -3 / Math.sqrt(2 / 3), 1e-14);
    expect(r.df).toBe(4);
    // R: 2 * pt(-3.674234614174767, 4) = 0.02131164112875670
    close(r.p, 0.0213116411287567, 1e-10);
  });

  it("throws on too few observations and constant data, as R stops", () => {
    expect(() => welchT([1], [2, 3])).toThrow(/first group \(a\)/);
    expect(() => studentT([1], [2])).toThrow(/at least 3/);
    expect(() => studentT([2, 2, 2], [2, 2])).toThrow(/essentially constant/);
    expect(() => studentT([], [1, 2])).toThrow(/a is empty/);
    expect(() => welchTFromSummary({mean1: 1, sd1: -1, n1: 5, mean2: 0, sd2: 1, n2: 5})).toThrow(/summary.sd1/);
    expect(() => studentT([1, 2], [3, 4], {confLevel: 1})).toThrow(/confLevel/);
  });
});

describe("Mann–Whitney against R's wilcox.test(exact = FALSE, correct = TRUE)", () => {
  for (const c of continuous) {
    it(c.name, () => {
      const r = mannWhitney(c.a, c.b);
      expect(r.method).toBe(c.mannWhitney.method);
      close(r.statistic, c.mannWhitney.statistic, 1e-12);
      close(r.p, c.mannWhitney.p, 1e-10);
    });
  }

  it("W by hand: pairs with a > b, ties one half", () => {
    // a = 1,2,3,4; b = 3,5,6,7: only the pair (3, 3) is tied, so W = 0.5 + (4 > 3) = 1.5
    expect(mannWhitney([1, 2, 3, 4], [3, 5, 6, 7]).statistic).toBe(1.5);
  });

  it("returns p = NaN with a reason when every value is tied, as R does (wilcox.test(c(1, 1), c(1, 1, 1), exact = FALSE): W = 3, p = NaN)", () => {
    const r = mannWhitney([1, 1], [1, 1, 1]);
    expect(r.statistic).toBe(3);
    expect(r.p).toBeNaN();
    expect(r.z).toBeNaN();
    expect(r.reason).toMatch(/every value in a and b is tied/);
  });
});

describe("chi-square against R's chisq.test", () => {
  for (const c of tables) {
    for (const [label, ref, correct] of [["correct = FALSE", c.chisqPlain, false], ["correct = TRUE", c.chisqYates, true]] as const) {
      it(`chisq.test(table, ${label}), ${c.name}`, () => {
        const r = chiSquare(c.table, {correct});
        expect(r.method).toBe(ref.method);
        close(r.statistic, ref.statistic, 1e-10);
        expect(r.df).toBe(ref.df);
        close(r.p, ref.p, 1e-10);
        expect(r.warning).toBe(ref.warning);
        r.expected.forEach((row, i) => row.forEach((e, j) => close(e, ref.expected[i][j], 1e-13)));
      });
    }
  }

  it("applies Yates with R's min(0.5, |O − E|): statistic 0 when |O − E| < 0.5", () => {
    // [[5, 5], [5, 6]]: E₁₁ = 10 × 10/21, |O − E| = 0.238 < 0.5, so each term is (|O − E| − |O − E|)² = 0
    expect(chiSquare([[5, 5], [5, 6]]).statistic).toBe(0);
  });

  it("rejects tables it cannot test", () => {
    expect(() => chiSquare([[1, 2]])).toThrow(/at least 2 rows/);
    expect(() => chiSquare([[1, -2], [3, 4]])).toThrow(/table\[0\]\[1\]/);
    expect(() => chiSquare([[0, 0], [3, 4]])).toThrow(/row 0 sums to zero/);
    expect(() => chiSquare([[1, 2], [3]])).toThrow(TypeError);
  });
});

describe("Fisher's exact test against R's fisher.test", () => {
  for (const c of tables.filter((t) => t.fisher)) {
    const ref = c.fisher as FisherRef;
    it(`fisher.test(table), ${c.name}`, () => {
      const r = fisherExact(c.table);
      expect(r.method).toBe(ref.method);
      close(r.p, ref.p, 1e-10);
      // Conditional MLE and CI: R's own algorithm re-run with uniroot(tol = 1e-15) (fisher_tight in the R script).
      close(r.estimate, num(ref.tight.estimate), 1e-9);
      close(r.ciLower, num(ref.tight.ciLower), 1e-9);
      close(r.ciUpper, num(ref.tight.ciUpper), 1e-9);
      // fisher.test's printed values come from uniroot at tol = .Machine$double.eps^0.25 = 1.22e-4, on ψ or on 1/ψ.
      for (const [ours, theirs] of [[r.estimate, ref.estimate], [r.ciLower, ref.ciLower], [r.ciUpper, ref.ciUpper]] as const) {
        const t = num(theirs);
        if (!Number.isFinite(t) || t === 0) expect(ours).toBe(t);
        else expect(Math.min(Math.abs(ours - t), Math.abs(1 / ours - 1 / t))).toBeLessThan(1.3e-4);
      }
    });
  }

  it("keeps tables tied in probability by R's relative tolerance 1e-7", () => {
    // [[3, 1], [1, 3]]: P(a = s) = C(4, s)C(4, 4 − s)/C(8, 4) = (1, 16, 36, 16, 1)/70; tables as likely as the
    // observed one (16/70) or less: s = 0, 1, 3, 4, so P = 34/70
    close(fisherExact([[3, 1], [1, 3]]).p, 34 / 70, 1e-14);
  });

  it("rejects r × c tables and fractional counts", () => {
    expect(() => fisherExact([[1, 2, 3], [4, 5, 6]])).toThrow(/2 × 2 tables only/);
    expect(() => fisherExact([[1.5, 2], [3, 4]])).toThrow(/whole numbers/);
  });
});
