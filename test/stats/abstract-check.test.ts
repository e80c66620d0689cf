import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import {checkAbstract, inferDecimals, summarizeChecks, type AbstractCheck, type PublishedSummary}
  from "../../src/components/stats/abstract-check.js";

// The abstract's figures (/work/shared/seed/abstract.txt), typed in here so that this test does not depend on
// src/data/published.json; a last test checks that the site's published.json gives the same verdicts.
const abstract: PublishedSummary = {
  groups: {asd: {n: 25, pct: 15.4}, nonAsd: {n: 137}, total: 162},
  continuous: [
    {name: "age", label: "Age", unit: "years", asd: {mean: 73.0, sd: 6.6}, nonAsd: {mean: 67.9, sd: 7.9}, p: {value: 0.003, relation: "="}},
    {name: "cementVolume", label: "Bone cement injected", unit: "ml", asd: {mean: 4.1, sd: 1.0}, nonAsd: {mean: 3.1, sd: 0.9}, p: {value: 0.001, relation: "<"}},
    {name: "cobbPost", label: "Cobb angle after surgery", unit: "°", asd: {mean: 11.5, sd: 2.7}, nonAsd: {mean: 9.8, sd: 2.1}},
    {name: "heightRecovery", label: "Vertebral height recovery", unit: "%", asd: {mean: 12.0, sd: 2.6}, nonAsd: {mean: 8.2, sd: 2.3}, p: {value: 0.001, relation: "<"}},
    {name: "bmd", label: "BMD", unit: "T-score", asd: {mean: -3.2, sd: 0.8}, nonAsd: {mean: -2.6, sd: 0.5}, p: {value: 0.001, relation: "<"}}
  ],
  binary: [
    {name: "smoking", label: "Smoking", asd: {yes: 17, no: 8}, nonAsd: {yes: 62, no: 75}, p: {value: 0.036, relation: "="}},
    {name: "previousAsd", label: "Previous ASD", asd: {yes: 9, no: 16}, nonAsd: {yes: 24, no: 113}, p: {value: 0.035, relation: "="}},
    {name: "cementLeakage", label: "Cement leakage", asd: {yes: 10, no: 15}, nonAsd: {yes: 23, no: 114}, p: {value: 0.008, relation: "="}}
  ],
  multivariable: [
    {name: "cementVolume", or: 2.653, p: {value: 0.044, relation: "="}},
    {name: "heightRecovery", or: 2.045, p: {value: 0.001, relation: "<"}},
    {name: "age", or: 1.199, p: {value: 0.016, relation: "="}},
    {name: "bmd", or: 0.279, p: {value: 0.035, relation: "="}}
  ],
  auc: [
    {marker: "age", value: 0.804, decimals: 3},
    {marker: "bmd", value: 0.753, decimals: 3},
    {marker: "cementVolume", value: 0.761, decimals: 3},
    {marker: "heightRecovery", value: 0.878, decimals: 3},
    {marker: "model", value: 0.96, decimals: 3}
  ]
};

// R 4.2.2 values from test/fixtures/two-group-tests.R (section "the abstract's figures").
interface RefContinuous {name: string; studentP: number; welchP: number; studentT: number; welchT: number;
  aucBinormal: number; studentPRange: [number, number]; welchPRange: [number, number]}
interface RefBinary {name: string; chisqP: number; yatesP: number; fisherP: number}
interface RefMultivariable {name: string; z: number; se: number; ciLower: number; ciUpper: number}
const ref = JSON.parse(readFileSync(new URL("../fixtures/abstract-check-reference.json", import.meta.url), "utf8")) as
  {continuous: RefContinuous[]; binary: RefBinary[]; multivariable: RefMultivariable[]};

const checks = checkAbstract(abstract);
const byId = new Map(checks.map((c) => [c.id, c]));
const get = (id: string): AbstractCheck => {
  const c = byId.get(id);
  if (!c) throw new Error(`no check ${id}`);
  return c;
};
function close(actual: number, expected: number, rel: number): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(rel * Math.abs(expected));
}

describe("checkAbstract: recomputation against R", () => {
  for (const r of ref.continuous) {
    it(`${r.name}: t-test P from mean, SD, n (R: 2 * pt(-|t|, df) on the pooled and Welch formulas)`, () => {
      close(get(`continuous.${r.name}.p.student`).recomputed, r.studentP, 1e-10);
      close(get(`continuous.${r.name}.p.welch`).recomputed, r.welchP, 1e-10);
    });
    it(`${r.name}: P range over the rounding box (R: corners for Student, 5 × 5 SD grid for Welch)`, () => {
      const s = get(`continuous.${r.name}.p.student`).range as [number, number];
      const w = get(`continuous.${r.name}.p.welch`).range as [number, number];
      close(s[0], r.studentPRange[0], 1e-9);
      close(s[1], r.studentPRange[1], 1e-9);
      close(w[0], r.welchPRange[0], 1e-9);
      close(w[1], r.welchPRange[1], 1e-9);
    });
  }

  for (const r of ref.continuous.filter((c) => c.name !== "cobbPost")) {
    it(`${r.name}: binormal AUC (R: pnorm((m1 - m0) / sqrt(s1^2 + s0^2)), flipped for a lower ASD mean)`, () => {
      const expected = r.aucBinormal < 0.5 ? 1 - r.aucBinormal : r.aucBinormal;
      close(get(`auc.${r.name}`).recomputed, expected, 1e-12);
    });
  }

  for (const r of ref.binary) {
    it(`${r.name}: chisq.test(correct = FALSE / TRUE) and fisher.test P from the counts`, () => {
      close(get(`binary.${r.name}.p.chisq`).recomputed, r.chisqP, 1e-10);
      close(get(`binary.${r.name}.p.yates`).recomputed, r.yatesP, 1e-10);
      close(get(`binary.${r.name}.p.fisher`).recomputed, r.fisherP, 1e-10);
    });
  }

  for (const r of ref.multivariable) {
    it(`${r.name}: SE(log OR) = |log OR| / qnorm(1 - p/2) (R)`, () => {
      close(get(`multivariable.${r.name}`).recomputed, r.se, 1e-10);
    });
  }
});

describe("checkAbstract: hand arithmetic", () => {
  it("25/162 = 15.432%, printed 15.4%; 25 + 137 = 162", () => {
    const pct = get("cohort.asdPct");
    expect(pct.recomputed).toBeCloseTo(15.432098765432098, 12);
    expect(pct.consistent).toBe(true);
    expect(pct.arithmetic).toContain("25/162 = 0.154321");
    expect(get("cohort.total").recomputed).toBe(162);
    expect(get("cohort.total").consistent).toBe(true);
  });

  it("yes + no = group n for every binary variable", () => {
    // 17 + 8 = 25, 62 + 75 = 137, 9 + 16 = 25, 24 + 113 = 137, 10 + 15 = 25, 23 + 114 = 137
    for (const name of ["smoking", "previousAsd", "cementLeakage"]) {
      expect(get(`binary.${name}.asd.total`).recomputed).toBe(25);
      expect(get(`binary.${name}.nonAsd.total`).recomputed).toBe(137);
    }
  });

  it("age, Student: s² = (24 × 6.6² + 136 × 7.9²)/160 = 59.5825, t = 5.1/√(59.5825 × (1/25 + 1/137))", () => {
    const sp2 = (24 * 6.6 ** 2 + 136 * 7.9 ** 2) / 160;
    expect(sp2).toBeCloseTo(59.5825, 10);
    const t = 5.1 / Math.sqrt(sp2 * (1 / 25 + 1 / 137)); // 3.0379708...
    close(ref.continuous[0].studentT, t, 1e-12);
    expect(get("continuous.age.p.student").arithmetic).toContain("t = 5.1/1.679 = 3.038 on 160 df");
  });

  it("AUC of age: Φ(5.1/√(6.6² + 7.9²)) = Φ(0.4954) ≈ 0.690, far below the published 0.804", () => {
    const z = 5.1 / Math.sqrt(6.6 ** 2 + 7.9 ** 2);
    expect(z).toBeCloseTo(0.49543, 5);
    const c = get("auc.age");
    expect(c.recomputed).toBeCloseTo(0.68985, 5); // R: pnorm(0.4954...) = 0.689850242748353
    expect(c.consistent).toBe(false);
    // Mann–Whitney z implied by AUC 0.804: (0.804 − 0.5)/√(163/(12 × 25 × 137)) = 4.827
    expect(c.arithmetic).toContain("= 4.827");
  });

  it("BMD direction: the ASD group is lower, so AUC = Φ(0.6/√(0.8² + 0.5²)) = 0.7376", () => {
    const c = get("auc.bmd");
    expect(c.recomputed).toBeCloseTo(0.737611, 6);
    expect(c.arithmetic).toContain('direction ">"');
  });

  it("OR 2.653 with P = 0.044: z = 2.014, SE = 0.9757/2.014 = 0.4844, 95% CI 1.027 to 6.856", () => {
    const c = get("multivariable.cementVolume");
    expect(c.arithmetic).toContain("1.027 to 6.856");
    expect(c.consistent).toBe(true);
  });
});

describe("checkAbstract: verdicts on the abstract", () => {
  it("flags exactly these figures", () => {
    const flagged = checks.filter((c) => !c.consistent).map((c) => c.id).sort();
    expect(flagged).toEqual([
      "auc.age",
      "binary.cementLeakage.p.fisher",
      "binary.cementLeakage.p.yates",
      "binary.previousAsd.p.fisher",
      "binary.previousAsd.p.yates",
      "binary.smoking.p.fisher",
      "binary.smoking.p.yates",
      "continuous.age.p.welch"
    ]);
  });

  it("per figure: every P is reproduced by some standard test; the age AUC by none", () => {
    const verdicts = summarizeChecks(checks);
    expect(verdicts.filter((v) => !v.consistent).map((v) => v.figureId)).toEqual(["auc.age"]);
    const age = verdicts.find((v) => v.figureId === "continuous.age.p");
    expect(age?.reproducedBy).toEqual(["Student's t (pooled SD) from mean, SD and n"]);
    const smoking = verdicts.find((v) => v.figureId === "binary.smoking.p");
    expect(smoking?.reproducedBy).toEqual(["Pearson chi-square, no continuity correction, from the counts"]);
  });

  it("smoking and previous ASD lose significance under Yates or Fisher", () => {
    expect(get("binary.smoking.p.chisq").significantAt05).toBe(true);
    expect(get("binary.smoking.p.yates").significantAt05).toBe(false); // 0.0608
    expect(get("binary.previousAsd.p.fisher").significantAt05).toBe(false); // 0.0552
    expect(get("binary.cementLeakage.p.fisher").significantAt05).toBe(true); // 0.0137
  });

  it("gives the same verdicts on the site's src/data/published.json", () => {
    const site = JSON.parse(readFileSync(new URL("../../src/data/published.json", import.meta.url), "utf8")) as PublishedSummary;
    const flagged = (cs: AbstractCheck[]): string[] => cs.filter((c) => !c.consistent).map((c) => c.id).sort();
    expect(flagged(checkAbstract(site))).toEqual(flagged(checks));
  });
});

describe("checkAbstract: detects planted inconsistencies", () => {
  const planted = (edit: (p: PublishedSummary) => void): AbstractCheck[] => {
    const p = structuredClone(abstract);
    edit(p);
    return checkAbstract(p);
  };

  it("a P outside the rounding range of the means and SDs", () => {
    const cs = planted((p) => { p.continuous[0].p = {value: 0.03, relation: "="}; });
    expect(cs.find((c) => c.id === "continuous.age.p.student")?.consistent).toBe(false);
  });

  it("an OR and P that imply an SE no logistic fit on these data can have", () => {
    // OR 0.5 per T-score unit with P = 1e-12: SE = 0.693/7.13 = 0.097 < 2/(0.60 × √161) ≈ 0.26
    const cs = planted((p) => { p.multivariable[3] = {name: "bmd", or: 0.5, p: {value: 1e-12, relation: "="}}; });
    expect(cs.find((c) => c.id === "multivariable.bmd")?.consistent).toBe(false);
  });

  it("counts that do not add up, and a wrong percentage", () => {
    const cs = planted((p) => {
      p.binary[0].asd = {yes: 17, no: 9};
      p.groups.asd.pct = 15.6;
    });
    expect(cs.find((c) => c.id === "binary.smoking.asd.total")?.consistent).toBe(false);
    expect(cs.find((c) => c.id === "cohort.asdPct")?.consistent).toBe(false);
  });
});

describe("checkAbstract: input errors and helpers", () => {
  it("names what is missing", () => {
    expect(() => checkAbstract({} as PublishedSummary)).toThrow(/published.groups/);
    expect(() => checkAbstract({...abstract, auc: undefined} as unknown as PublishedSummary)).toThrow(/published.auc must be an array/);
    expect(() => checkAbstract({...abstract, groups: {asd: {n: 1}, nonAsd: {n: 137}}})).toThrow(/groups.asd.n/);
  });

  it("infers printed decimals", () => {
    expect(inferDecimals(0.003)).toBe(3);
    expect(inferDecimals(73)).toBe(0);
    expect(inferDecimals(6.6)).toBe(1);
    expect(inferDecimals(1e-7)).toBe(7);
    expect(inferDecimals(2.5e-8)).toBe(9);
  });
});
