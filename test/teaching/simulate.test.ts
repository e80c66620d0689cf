// Many redrawn studies: records that do not depend on how the work is split, and summaries checked by hand on
// records written here; quantiles as R's quantile(type = 7).
import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import {populationFromCsv} from "../../src/components/teaching/population.js";
import {simulateStudies, simulateStudy, summarizeStudies, quantileSorted, quantileSe, spread, type StudyRecord, type CompactOutcome} from "../../src/components/teaching/simulate.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");
const published = JSON.parse(readFileSync(new URL("../../src/data/published.json", import.meta.url), "utf8"));
const pop = populationFromCsv(fixture("teaching-cohort.csv"), published);

describe("records", () => {
  it("are the same however the studies are split into chunks, and whichever procedures run beside", () => {
    const whole = simulateStudies(pop, {n: 162, seed: 8, to: 12});
    const chunks = [...simulateStudies(pop, {n: 162, seed: 8, from: 0, to: 5}), ...simulateStudies(pop, {n: 162, seed: 8, from: 5, to: 12})];
    expect(chunks).toEqual(whole);
    const alone = simulateStudy(pop, {n: 162, seed: 8, procedures: ["paper"]}, 7);
    expect(alone.outcomes.paper).toEqual(whole[7]!.outcomes.paper);
    expect(JSON.stringify(summarizeStudies(chunks, "paper", pop))).toBe(JSON.stringify(summarizeStudies(whole, "paper", pop)));
  });
  it("differ between seeds and between studies", () => {
    const a = simulateStudy(pop, {n: 162, seed: 8, procedures: ["full"]}, 0);
    const b = simulateStudy(pop, {n: 162, seed: 9, procedures: ["full"]}, 0);
    const c = simulateStudy(pop, {n: 162, seed: 8, procedures: ["full"]}, 1);
    expect(a.outcomes.full!.logOr).not.toEqual(b.outcomes.full!.logOr);
    expect(a.outcomes.full!.logOr).not.toEqual(c.outcomes.full!.logOr);
  });
});

describe("quantiles and spreads", () => {
  it("are R's type 7 (quantile(1:4, c(.025, .25, .5)) = 1.075, 1.75, 2.5)", () => {
    const x = [1, 2, 3, 4];
    expect(quantileSorted(x, 0.025)).toBeCloseTo(1.075, 14);
    expect(quantileSorted(x, 0.25)).toBeCloseTo(1.75, 14);
    expect(quantileSorted(x, 0.5)).toBe(2.5);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });
  it("leave out non-finite values, and give a median's MC error from the order-statistic interval", () => {
    const s = spread([3, NaN, 1, Infinity, 2]);
    expect([s.count, s.mean, s.median, s.min, s.max]).toEqual([3, 2, 2, 1, 3]);
    expect(s.sd).toBeCloseTo(1, 14);
    // 100 values 0..99: the 95% interval of the median is ranks 50 ± 1.96·5 → x₍₄₀₎ = 39 … x₍₆₀₎ = 59 (1-based)
    const sorted = Array.from({length: 100}, (_, i) => i);
    expect(quantileSe(sorted, 0.5)).toBeCloseTo((59 - 39) / (2 * 1.959963984540054), 12);
  });
});

describe("summaries", () => {
  // Candidates in population order: age, smoking, prior_asd, bmd_t, cement_ml, cement_leakage, cobb_post_deg,
  // height_recovery_pct; true factors age (bit 0), bmd_t (3), cement_ml (4), height_recovery_pct (7): mask 0b10011001.
  const outcome = (reported: number, logOr: number[], extra: Partial<CompactOutcome> = {}): CompactOutcome => ({
    failed: null, reported, logOr, apparentAuc: 0.9, newAuc: 0.85, slope: 0.8, inTheLarge: 0, shrinkage: NaN, separated: false, ...extra
  });
  const N = NaN;
  const records: StudyRecord[] = [
    {index: 0, n: 162, events: 25, outcomes: {paper: outcome(0b10011001, [0.1, N, N, -1, 1, N, N, 0.7])}},
    {index: 1, n: 162, events: 20, outcomes: {paper: outcome(0b10011011, [0.2, 0.5, N, -1.2, 0.9, N, N, 0.8], {apparentAuc: 0.97, newAuc: 0.82, slope: 0.6})}},
    {index: 2, n: 162, events: 30, outcomes: {paper: outcome(0b10000001, [0.3, N, N, N, N, N, N, 0.6], {separated: true})}},
    {index: 3, n: 162, events: 1, outcomes: {paper: {...outcome(0, []), failed: "smoking takes one value only in the study"}}}
  ];
  const s = summarizeStudies(records, "paper", pop);
  it("count the studies that ran, failed and separated", () => {
    expect([s.studies, s.used, s.failed, s.separated]).toEqual([4, 3, 1, 1]);
    expect(s.failures).toEqual([{reason: "smoking takes one value only in the study", count: 1}]);
  });
  it("count exactly the true factors, all of them, and any null factor", () => {
    expect([s.exactlyTrue, s.allTrue, s.anyNull]).toEqual([1, 2, 1]);
    expect(s.meanReported).toBeCloseTo((4 + 5 + 2) / 3, 14);
    expect(s.factors.map((f) => f.reported)).toEqual([3, 1, 0, 2, 2, 0, 0, 3]);
    expect(s.factors[1]!.fraction).toBeCloseTo(1 / 3, 14);
  });
  it("summarise each OR over the studies whose model has it, and AUCs and slopes per study", () => {
    expect(s.factors[0]!.logOddsRatio.median).toBeCloseTo(0.2, 14);
    expect(s.factors[0]!.oddsRatio.median).toBeCloseTo(Math.exp(0.2), 14);
    expect(s.factors[3]!.oddsRatio.count).toBe(2);
    expect(s.factors[3]!.oddsRatio.median).toBeCloseTo((Math.exp(-1) + Math.exp(-1.2)) / 2, 14);
    expect(s.factors[0]!.trueOddsRatio).toBe(1.199);
    expect(s.apparentAuc.mean).toBeCloseTo((0.9 + 0.97 + 0.9) / 3, 14);
    // the population's true AUC is 0.9538…: study 1's apparent 0.97 beats it, the others' 0.9 do not
    expect(pop.trueAuc).toBeGreaterThan(0.95);
    expect(s.apparentAboveTruth).toBe(1);
    expect(s.optimism.median).toBeCloseTo(0.05, 14);
    expect(s.optimism.max).toBeCloseTo(0.15, 14);
    expect(s.slope.median).toBe(0.8);
    expect(s.shrinkage.count).toBe(0);
  });
});
