import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import {
  chiSquareCdf,
  chiSquareSf,
  logBeta,
  logGamma,
  normalCdf,
  normalQuantile,
  normalSf,
  regularizedBeta,
  regularizedGamma,
  studentTCdf,
  studentTSf
} from "../../src/components/stats/distributions.js";

// Every reference value comes from R 4.2.2 (nmath) via test/fixtures/distributions.R.
const fixture = JSON.parse(readFileSync(new URL("../fixtures/distributions.json", import.meta.url), "utf8"));

/** |actual − expected| ≤ tol·|expected| (exact match required when the reference is 0). */
function expectRelative(actual: number, expected: number, tol: number, label: string): void {
  const error = expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
  if (!(error <= tol)) throw new Error(`${label}: got ${actual}, R gives ${expected} (relative error ${error})`);
}

describe("normalCdf / normalSf (R: pnorm)", () => {
  it("matches pnorm(x) and pnorm(x, lower.tail = FALSE) to 1e-13 relative, tails included", () => {
    const {x, lower, upper} = fixture.pnorm;
    x.forEach((xi: number, i: number) => {
      expectRelative(normalCdf(xi), lower[i], 1e-13, `pnorm(${xi})`);
      expectRelative(normalSf(xi), upper[i], 1e-13, `pnorm(${xi}, lower.tail = FALSE)`);
    });
  });
  it("gets the far tail: pnorm(-30) = 4.9067139271481872e-198", () => {
    // R 4.2.2: sprintf("%.17g", pnorm(-30))
    expectRelative(normalCdf(-30), 4.9067139271481872e-198, 1e-13, "pnorm(-30)");
  });
  it("handles infinities and NaN", () => {
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(NaN)).toBeNaN();
  });
});

describe("normalQuantile (R: qnorm)", () => {
  it("matches qnorm(p) to 1e-14 relative from 1e-300 to 1 - 1e-10", () => {
    const {p, q} = fixture.qnorm;
    p.forEach((pi: number, i: number) => expectRelative(normalQuantile(pi), q[i], 1e-14, `qnorm(${pi})`));
  });
  it("returns ±Infinity at 0 and 1 and throws outside [0, 1]", () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(1.5)).toThrow(/p must be in \[0, 1\]/);
  });
});

describe("logGamma / logBeta (R: lgamma, lbeta)", () => {
  it("matches lgamma(x) to 1e-13 relative (1e-15 absolute near its zeros at 1 and 2)", () => {
    const {x, value} = fixture.lgamma;
    x.forEach((xi: number, i: number) => {
      const got = logGamma(xi);
      if (Math.abs(value[i]) < 1e-2) expect(Math.abs(got - value[i])).toBeLessThan(1e-15);
      else expectRelative(got, value[i], 1e-13, `lgamma(${xi})`);
    });
  });
  it("logBeta(0.5, 0.5) = log(pi) and throws on a <= 0", () => {
    expectRelative(logBeta(0.5, 0.5), Math.log(Math.PI), 1e-15, "lbeta(0.5, 0.5)");
    expect(() => logGamma(-2)).toThrow(RangeError);
    expect(() => logBeta(0, 1)).toThrow(/a must be > 0/);
  });
});

describe("chiSquareSf / chiSquareCdf (R: pchisq)", () => {
  it("matches pchisq in both tails to 1e-11 relative", () => {
    const {x, df, upper, lower} = fixture.pchisq;
    x.forEach((xi: number, i: number) => {
      expectRelative(chiSquareSf(xi, df[i]), upper[i], 1e-11, `pchisq(${xi}, ${df[i]}, lower.tail = FALSE)`);
      expectRelative(chiSquareCdf(xi, df[i]), lower[i], 1e-11, `pchisq(${xi}, ${df[i]})`);
    });
  });
  it("throws RangeError naming df when df <= 0", () => {
    expect(() => chiSquareSf(1, 0)).toThrow(/df must be > 0/);
  });
});

describe("studentTSf / studentTCdf (R: pt)", () => {
  it("matches pt(t, df, lower.tail = FALSE) to 1e-12 relative up to df = 1e4, 5e-11 at df = 1e6", () => {
    // At df = 1e6 the continued fraction runs ~10^3 terms and keeps ~11 digits (R's TOMS 708 keeps 15).
    const {t, df, upper} = fixture.pt;
    t.forEach((ti: number, i: number) => {
      const tol = df[i] > 1e4 ? 5e-11 : 1e-12;
      expectRelative(studentTSf(ti, df[i]), upper[i], tol, `pt(${ti}, ${df[i]}, lower.tail = FALSE)`);
      expectRelative(studentTCdf(-ti, df[i]), upper[i], tol, `pt(${-ti}, ${df[i]})`);
    });
  });
});

describe("regularizedGamma / regularizedBeta (R: pgamma, pbeta)", () => {
  it("matches pgamma(x, a) in both tails to 1e-11 relative", () => {
    const {a, x, lower, upper} = fixture.pgamma;
    a.forEach((ai: number, i: number) => {
      expectRelative(regularizedGamma(ai, x[i]), lower[i], 1e-11, `pgamma(${x[i]}, ${ai})`);
      expectRelative(regularizedGamma(ai, x[i], {upper: true}), upper[i], 1e-11, `pgamma(${x[i]}, ${ai}, lower.tail = FALSE)`);
    });
  });
  it("matches pbeta(x, a, b) in both tails to 1e-10 relative", () => {
    const {x, a, b, lower, upper} = fixture.pbeta;
    x.forEach((xi: number, i: number) => {
      expectRelative(regularizedBeta(xi, a[i], b[i]), lower[i], 1e-10, `pbeta(${xi}, ${a[i]}, ${b[i]})`);
      expectRelative(regularizedBeta(xi, a[i], b[i], {upper: true}), upper[i], 1e-10, `pbeta(${xi}, ${a[i]}, ${b[i]}, lower.tail = FALSE)`);
    });
  });
  it("throws RangeError naming the argument", () => {
    expect(() => regularizedGamma(0, 1)).toThrow(/a must be > 0/);
    expect(() => regularizedBeta(2, 1, 1)).toThrow(/x must be in \[0, 1\]/);
  });
});
