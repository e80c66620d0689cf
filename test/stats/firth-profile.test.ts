import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import {buildDesign} from "../../src/components/stats/design.js";
import {fitFirth} from "../../src/components/stats/firth.js";
import {firthProfile} from "../../src/components/stats/firth-profile.js";

// Reference values: R 4.2.2, brglm2 0.9, written by test/fixtures/firth-profile.R, which writes out logistf's
// method (the penalised log-likelihood profiled with optim + Newton and uniroot, tol = 1e-13), and copies
// logistf's published limits (endometrial, sex2) and penalised LR tests (sex2) beside it.
const all = JSON.parse(readFileSync(new URL("../fixtures/firth-profile.json", import.meta.url), "utf8"));
// logistf's printed values carry 7 to 9 significant digits: agree to half a unit in the last printed decimal
function expectPublished(actual: number, published: number, label: string): void {
  const decimals = (String(published).split(".")[1] ?? "").length;
  const halfUnit = 0.5 * 10 ** -decimals;
  if (!(Math.abs(actual - published) <= halfUnit * (1 + 1e-9))) throw new Error(`${label}: got ${actual}, logistf printed ${published} (±${halfUnit})`);
}
function expectRel(actual: number, expected: number, tol: number, label: string): void {
  const e = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
  if (!(e <= tol)) throw new Error(`${label}: got ${actual}, R gives ${expected} (relative error ${e.toExponential(2)})`);
}

describe.each(["endometrial", "sex2", "separation", "birthwt"])("firthProfile vs the R profile of l(b) + ½ log|I(b)|: %s", (name) => {
  const f = all[name];
  const design = buildDesign(f.data, f.predictors);
  const y = f.data[f.outcome];
  const r = firthProfile(design, y);

  it("maximises the penalised likelihood at brglm2's estimates", () => {
    expect(design.names.map((s) => s.replace("=", ""))).toEqual(f.terms);
    expectRel(r.penalizedLogLik, f.penalizedLogLik, 1e-13, "penalised logLik");
    r.terms.forEach((t, j) => expectRel(t.estimate, f.profile[j].estimate, 1e-9, `${t.term} estimate`));
  });

  it("gives the profile penalised-likelihood limits to 1e-9 and the penalised LR tests to 1e-8", () => {
    r.terms.forEach((t, j) => {
      const e = f.profile[j];
      expect(t.notes).toEqual([]);
      expectRel(t.lower, e.lower, 1e-9, `${t.term} lower`);
      expectRel(t.upper, e.upper, 1e-9, `${t.term} upper`);
      expectRel(t.orLower, Math.exp(e.lower), 1e-9, `${t.term} OR lower`);
      expectRel(t.chiSquare, e.chiSquare, 1e-8, `${t.term} chi-square`);
      expectRel(t.p, e.p, 1e-8, `${t.term} p`);
    });
  });

  if (f.published) {
    it("reproduces logistf's published limits to every printed digit (and its estimates to its convergence)", () => {
      const pub = f.published;
      r.terms.forEach((t) => {
        const i = pub.terms.indexOf(t.term.replace("=", ""));
        // logistf stops its Newton iterations at its own tolerance (~2e-7 from the maximum here)
        expectRel(t.estimate, pub.estimate[i], 1e-6, `${t.term} published estimate`);
        expectPublished(t.lower, pub.lower[i], `${t.term} published lower`);
        expectPublished(t.upper, pub.upper[i], `${t.term} published upper`);
        if (pub.chiSquare) {
          expect(t.chiSquare).toBeCloseTo(pub.chiSquare[i], 2);
          if (pub.pBelow[i]) expect(t.p).toBeLessThan(pub.p[i]);
          else expect(t.p).toBeCloseTo(pub.p[i], 3);
        }
      });
    });
  }
});

describe("firthProfile under separation and on bad input", () => {
  it("gives finite, asymmetric limits where the Wald interval is symmetric (endometrial NV)", () => {
    const f = all.endometrial;
    const design = buildDesign(f.data, f.predictors);
    const fit = fitFirth(design, f.data.HG);
    const r = firthProfile(design, f.data.HG, {start: fit.coefficients, terms: ["NV"]});
    expect(r.terms.length).toBe(1);
    const nv = r.terms[0]!;
    // upper − estimate ≈ 4.93, estimate − lower ≈ 2.32: the profile is skewed towards +∞
    expect(nv.upper - nv.estimate).toBeGreaterThan(2 * (nv.estimate - nv.lower));
    expectRel(nv.upper, f.profile[1].upper, 1e-9, "NV upper from fitFirth's start");
  });
  it("names what is wrong", () => {
    const design = buildDesign({x: [1, 2, 3, 4, 5, 6]}, ["x"]);
    expect(() => firthProfile(design, [0, 1, 0, 1, 0, 2])).toThrow(/y must be 0 or 1/);
    expect(() => firthProfile(design, [0, 1, 0, 1, 0, 1], {level: 1})).toThrow(/level/);
    expect(() => firthProfile(design, [0, 1, 0, 1, 0, 1], {terms: ["w"]})).toThrow(/"w"/);
    expect(() => firthProfile(buildDesign({a: [1, 2, 3, 4], b: [2, 4, 6, 8]}, ["a", "b"]), [0, 1, 0, 1])).toThrow(/collinear/);
  });
});
