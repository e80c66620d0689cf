// The teaching page's population, its redrawn studies and the engine pieces they use, against R 4.2.2
// (test/fixtures/teaching.json from test/fixtures/teaching.R, on the committed cohort and drawn studies), hand
// arithmetic written here, and large-sample computations from the population itself.
import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import {populationAuc} from "../../src/components/stats/population-auc.js";
import {populationCalibration} from "../../src/components/stats/population-calibration.js";
import {interceptForMean} from "../../src/components/stats/offset-intercept.js";
import {heuristicShrinkage} from "../../src/components/stats/shrinkage.js";
import {aucLess} from "../../src/components/stats/roc.js";
import {delongAuc} from "../../src/components/stats/delong.js";
import {fitLogistic} from "../../src/components/stats/logistic.js";
import {calibrationSlopeIntercept} from "../../src/components/stats/calibration.js";
import {designFor} from "../../src/components/procedure/run.js";
import {populationFromCsv, drawStudy, drawnStudyCsv, drawnData, checkStudySize, MAX_STUDY_SIZE} from "../../src/components/teaching/population.js";
import {redrawStudy} from "../../src/components/teaching/redraw.js";
import {studySeed} from "../../src/components/teaching/stream.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");
const R = JSON.parse(fixture("teaching.json"));
const published = JSON.parse(readFileSync(new URL("../../src/data/published.json", import.meta.url), "utf8"));
const pop = populationFromCsv(fixture("teaching-cohort.csv"), published);

const rel = (a: number, b: number, tol: number) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));

describe("populationAuc", () => {
  it("is the case-control pair probability, ties ½ (hand arithmetic)", () => {
    // cases: profile 1 w.p. 0.2, 2 w.p. 0.8; controls: 1 w.p. 0.8, 2 w.p. 0.2 → 0.8·0.8 + ½(0.2·0.8 + 0.8·0.2) = 0.8
    expect(populationAuc([1, 2], [0.2, 0.8])).toBeCloseTo(0.8, 15);
    // equal risks: no score can tell cases from controls
    expect(populationAuc([1, 2], [0.5, 0.5])).toBeCloseTo(0.5, 15);
    // a reversed score
    expect(populationAuc([2, 1], [0.2, 0.8])).toBeCloseTo(0.2 * 0.2 + 0.5 * 0.32, 15);
  });
  it("equals the Mann–Whitney AUC of the population expanded into whole cases and controls", () => {
    // risks in tenths: profile i contributes 10 rᵢ cases and 10 (1 − rᵢ) controls with its score
    const score = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
    const risk = [0.1, 0.3, 0.5, 0.2, 0.9, 0.7, 0.4, 0.6, 0.8, 0.0];
    const cases: number[] = [], controls: number[] = [];
    score.forEach((s, i) => {
      const c = Math.round(10 * risk[i]!);
      for (let k = 0; k < c; k++) cases.push(s);
      for (let k = c; k < 10; k++) controls.push(s);
    });
    const expected = aucLess(Float64Array.from(cases).sort(), Float64Array.from(controls).sort());
    expect(populationAuc(score, risk)).toBeCloseTo(expected, 14);
    // weight 2 on a profile is the profile twice
    expect(populationAuc([...score, 4], [...risk, 0.5])).toBeCloseTo(populationAuc(score, risk, [1, 1, 2, 1, 1, 1, 1, 1, 1, 1]), 14);
  });
  it("says what is wrong with its input", () => {
    expect(() => populationAuc([1, NaN], [0.1, 0.2])).toThrow(/score\[1\] is NaN/);
    expect(() => populationAuc([1, 2], [0.1, 1.2])).toThrow(/risk\[1\] = 1.2/);
    expect(() => populationAuc([1, 2], [0.1])).toThrow(TypeError);
    expect(populationAuc([1, 2], [0, 0])).toBeNaN();
    // ±∞ scores are ordered, not NaN
    expect(populationAuc([-Infinity, Infinity], [0.2, 0.8])).toBeCloseTo(0.8, 15);
  });
});

describe("populationCalibration and interceptForMean", () => {
  it("fits logit r = a + b·L exactly when the truth is of that form (hand arithmetic)", () => {
    const c = populationCalibration([-1, 1], [0.2, 0.8]);
    expect(c.slope).toBeCloseTo(Math.log(4), 12);
    expect(c.slopeIntercept).toBeCloseTo(0, 12);
    // in the large: expit(a − 1) + expit(a + 1) = 1 → a = 0 by symmetry
    expect(c.inTheLarge).toBeCloseTo(0, 12);
    expect(populationCalibration([2, 2], [0.2, 0.8]).slope).toBeNaN();
    expect(() => populationCalibration([1, 2], [0, 0.5])).toThrow(/risk\[0\]/);
  });
  it("solves the intercept for a mean (hand arithmetic, R's glm offset intercept)", () => {
    expect(interceptForMean([0, 0], 0.25)).toBeCloseTo(Math.log(1 / 3), 14);
    expect(() => interceptForMean([0], 1)).toThrow(/mean = 1/);
    expect(() => interceptForMean([Infinity], 0.5)).toThrow(/offset\[0\]/);
  });
  it("heuristic shrinkage is (χ² − df)/χ²", () => {
    expect(heuristicShrinkage(40, 8)).toBe(0.8);
    expect(() => heuristicShrinkage(0, 8)).toThrow(/lrStatistic/);
    expect(() => heuristicShrinkage(10, 0)).toThrow(/df/);
  });
});

describe("the population (teaching-cohort.csv, the default reconstruction)", () => {
  it("has the published ORs as its true effects, 1 for the other candidates", () => {
    for (const e of pop.effects) expect(e.beta).toBe(R.beta[e.variable]);
    expect(pop.trueFactors).toEqual(["age", "bmd_t", "cement_ml", "height_recovery_pct"]);
  });
  it("solves the intercept for the published prevalence, as R's uniroot (to 1e-10)", () => {
    expect(pop.prevalence).toBe(25 / 162);
    rel(pop.intercept, R.intercept, 1e-11);
    let mean = 0;
    for (const r of pop.risk) mean += r;
    expect(mean / pop.size).toBeCloseTo(25 / 162, 14);
  });
  it("has the exact true AUC R's double sum gives, and the true model is calibrated", () => {
    rel(pop.trueAuc, R.trueAuc, 1e-13);
    const c = populationCalibration(pop.lp, pop.risk);
    expect(c.slope).toBeCloseTo(1, 12);
    expect(c.inTheLarge).toBeCloseTo(0, 12);
  });
  it("gives back its true ORs and AUC in a large sample drawn from it (400,000 patients)", () => {
    const draws = Array.from({length: 20}, (_, b) => drawStudy(pop, {n: MAX_STUDY_SIZE, seed: 99, index: b}));
    const profile = Int32Array.from(draws.flatMap((d) => Array.from(d.profile)));
    const y = Float64Array.from(draws.flatMap((d) => Array.from(d.y)));
    const data = drawnData(pop, {seed: 99, index: 0, n: y.length, profile, y, events: y.reduce((s, v) => s + v, 0)});
    const fit = fitLogistic(designFor(data, pop.candidates), data.y);
    // every coefficient within 4 standard errors of the truth (a wrong truth would be hundreds of SEs off)
    pop.effects.forEach((e, j) => {
      const term = fit.terms[j + 1]!;
      expect(Math.abs(term.estimate - e.beta) / term.se, `${e.variable}: ${term.estimate} vs ${e.beta} (SE ${term.se})`).toBeLessThan(4);
    });
    // prevalence within 4 binomial SEs
    const p = data.events / y.length;
    expect(Math.abs(p - pop.prevalence) / Math.sqrt((pop.prevalence * (1 - pop.prevalence)) / y.length)).toBeLessThan(4);
    // the empirical AUC of the true risk within 4 DeLong SEs of the exact one
    const risk = Float64Array.from(profile, (i) => pop.risk[i]!);
    const empirical = delongAuc(risk, y, "<");
    expect(Math.abs(empirical.auc - pop.trueAuc) / empirical.se).toBeLessThan(4);
    // a redrawn study's equation in these 400,000 new patients: its AUC and calibration slope as the exact ones
    const study = redrawStudy(pop, {n: 162, seed: 1, index: 0, procedures: ["paper"]}).outcomes.paper!;
    const lp = Float64Array.from(profile, (i) => study.populationLp![i]!);
    const newAuc = delongAuc(lp, y, "<");
    expect(Math.abs(newAuc.auc - study.newAuc) / newAuc.se).toBeLessThan(4);
    const cal = fitLogistic({names: ["(Intercept)", "lp"], columns: [new Float64Array(lp.length).fill(1), lp], n: lp.length}, y);
    expect(Math.abs(cal.coefficients[1]! - study.slope) / cal.terms[1]!.se).toBeLessThan(4);
    expect(calibrationSlopeIntercept(lp.map((v) => 1 / (1 + Math.exp(-v))), y).slope).toBeCloseTo(cal.coefficients[1]!, 6);
  });
});

describe("study streams", () => {
  it("are MurmurHash3's fmix32 of the seed, stepped by the golden-ratio constant (hand values)", () => {
    // fmix32(1) = 0x514e28b7 (MurmurHash3's reference finaliser); studySeed(1, 3) = fmix32(0x514e28b7 + 3·0x9e3779b9 mod 2³²)
    expect(studySeed(0, 0)).toBe(0);
    expect(studySeed(1, 3)).toBe(2634278455);
    const seen = new Set<number>();
    for (let b = 0; b < 100_000; b++) seen.add(studySeed(12345, b));
    expect(seen.size).toBe(100_000);
    expect(() => studySeed(-1, 0)).toThrow(/seed/);
    expect(() => studySeed(1, 0.5)).toThrow(/index/);
  });
  it("draw a study the same way every time, a larger study starting with the smaller one's patients", () => {
    const a = drawStudy(pop, {n: 162, seed: 4, index: 2});
    const b = drawStudy(pop, {n: 324, seed: 4, index: 2});
    expect(Array.from(b.profile.subarray(0, 162))).toEqual(Array.from(a.profile));
    expect(Array.from(b.y.subarray(0, 162))).toEqual(Array.from(a.y));
    expect(() => checkStudySize(39)).toThrow(/n \(the study size\)/);
  });
  it("write exactly the committed study files", () => {
    for (const s of R.studies) {
      const [, seed, index] = /teaching-study-(\d+)-(\d+)\.csv/.exec(s.file)!;
      expect(drawnStudyCsv(pop, drawStudy(pop, {n: 162, seed: Number(seed), index: Number(index)}))).toBe(fixture(s.file));
    }
  });
});

describe("redrawn studies against R (three procedures on each committed study)", () => {
  for (const s of R.studies) {
    const [, seed, index] = /teaching-study-(\d+)-(\d+)\.csv/.exec(s.file)!;
    const study = redrawStudy(pop, {n: 162, seed: Number(seed), index: Number(index)});
    it(`${s.file}: the paper's screen and selection, its refit, apparent AUC, and truth in new patients`, () => {
      expect(study.draw.events).toBe(s.events);
      const paper = study.outcomes.paper!;
      expect(paper.screened).toEqual(s.screened);
      expect(paper.predictors).toEqual(s.kept);
      expect(paper.reported).toEqual(s.kept);
      expect(paper.terms.map((t) => t.term)).toEqual(s.paper.terms);
      paper.terms.forEach((t, j) => rel(t.estimate, s.paper.estimate[j], 1e-8));
      rel(paper.apparentAuc, s.paper.apparentAuc, 1e-14);
      rel(paper.newAuc, s.paper.newAuc, 1e-12);
      rel(paper.slope, s.paper.calibration.slope, 1e-8);
      rel(paper.inTheLarge, s.paper.calibration.inTheLarge, 1e-8);
    });
    it(`${s.file}: the full model, its significant factors, and the shrunken model`, () => {
      const full = study.outcomes.full!;
      full.terms.forEach((t, j) => rel(t.estimate, s.full.estimate[j], 1e-8));
      expect(full.reported).toEqual(s.full.terms.filter((_: string, j: number) => j > 0 && s.full.p[j] < 0.05));
      rel(full.apparentAuc, s.full.apparentAuc, 1e-14);
      rel(full.newAuc, s.full.newAuc, 1e-12);
      rel(full.slope, s.full.calibration.slope, 1e-8);
      const shrunk = study.outcomes.shrunk!;
      rel(shrunk.shrinkage!, s.shrinkage.factor, 1e-9);
      shrunk.terms.forEach((t, j) => rel(t.estimate, s.shrunk.estimate[j], 1e-8));
      expect(shrunk.reported).toEqual(full.reported);
      rel(shrunk.apparentAuc, full.apparentAuc, 1e-15);
      rel(shrunk.newAuc, s.shrunk.newAuc, 1e-12);
      rel(shrunk.slope, s.shrunk.calibration.slope, 1e-8);
      rel(shrunk.inTheLarge, s.shrunk.calibration.inTheLarge, 1e-8);
      // shrinking towards the prevalence steepens the calibration slope in new patients
      expect(shrunk.slope).toBeGreaterThan(full.slope);
    });
  }
});
