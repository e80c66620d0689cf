import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import fc from "fast-check";
import {bootstrapCutpoint, youdenCutpoint} from "../../src/components/stats/cutpoint-bootstrap.js";
import {confusionFromPrepared, prepareRoc, rocFromPrepared, youdenOptimal, type Direction} from "../../src/components/stats/roc.js";

// Reference values: R 4.2.2, pROC 1.18, a hand loop over the same resamples (indices in the fixture), written by
// test/fixtures/cutpoint-bootstrap.R: Youden-best threshold by coords(roc, "best"), first of ties, in each resample,
// scored on the resample and on the original data.
const f = JSON.parse(readFileSync(new URL("../fixtures/cutpoint-bootstrap.json", import.meta.url), "utf8"));
const toIndices = (s: number[][]) => s.map((x) => Int32Array.from(x));

const cases = [
  ["aSAH s100b", f.asah.markers.s100b, f.asah.outcome, f.asah.samples, f.asah.s100b],
  ["aSAH wfns (ties)", f.asah.markers.wfns, f.asah.outcome, f.asah.samples, f.asah.wfns],
  ["aSAH −ndka (direction >)", f.asah.markers.ndkaNeg, f.asah.outcome, f.asah.samples, f.asah.ndkaNeg],
  ["n = 12 with 2 cases (resamples without a case are skipped)", f.small.marker, f.small.outcome, f.small.samples, f.small]
] as const;

describe.each(cases)("bootstrapCutpoint vs a hand R loop: %s", (_label, marker, outcome, samples, ref) => {
  const r = bootstrapCutpoint(marker, outcome, {samples: toIndices(samples)});

  it("chooses pROC's Youden threshold and reports its apparent accuracy", () => {
    expect(r.direction).toBe(ref.direction);
    expect(r.threshold).toBeCloseTo(ref.threshold, 14);
    expect(r.apparent.sensitivity).toBeCloseTo(ref.apparent.sensitivity, 15);
    expect(r.apparent.specificity).toBeCloseTo(ref.apparent.specificity, 15);
  });

  it("chooses the same cut-point in every resample and gives R's optimism and corrected values", () => {
    expect(r.used).toBe(ref.used);
    expect(r.skipped).toBe(ref.skipped);
    expect(r.replicates).toBe(samples.length);
    r.byReplicate.threshold.forEach((c, i) => expect(c).toBeCloseTo(ref.thresholds[i], 13));
    r.byReplicate.testSensitivity.forEach((s, i) => expect(s).toBe(ref.testSensitivity[i]));
    r.byReplicate.apparentSpecificity.forEach((s, i) => expect(s).toBeCloseTo(ref.apparentSpecificity[i], 15));
    // means of 200 differences of fractions: equal to rounding
    expect(r.optimism.sensitivity).toBeCloseTo(ref.optimism.sensitivity, 14);
    expect(r.optimism.specificity).toBeCloseTo(ref.optimism.specificity, 14);
    expect(r.corrected.sensitivity).toBeCloseTo(ref.corrected.sensitivity, 14);
    expect(r.corrected.specificity).toBeCloseTo(ref.corrected.specificity, 14);
    expect(r.corrected.youdenJ).toBeCloseTo(ref.corrected.sensitivity + ref.corrected.specificity - 1, 14);
  });
});

describe("bootstrapCutpoint inputs", () => {
  const m = [1, 2, 3, 4, 5, 6];
  const y = [0, 0, 1, 0, 1, 1];
  it("has no optimism when every resample is the data itself", () => {
    const r = bootstrapCutpoint(m, y, {samples: [Int32Array.of(0, 1, 2, 3, 4, 5), Int32Array.of(5, 4, 3, 2, 1, 0)]});
    expect(r.optimism).toEqual({sensitivity: 0, specificity: 0, youdenJ: 0});
    expect(r.corrected).toEqual(r.apparent);
  });
  it("accepts another rule for the cut-point", () => {
    const r = bootstrapCutpoint(m, y, {samples: [Int32Array.of(0, 1, 2, 3, 4, 5)], rule: () => 4.5, direction: "<"});
    expect(r.threshold).toBe(4.5);
    expect(r.apparent).toEqual({sensitivity: 2 / 3, specificity: 1, youdenJ: 2 / 3 + 1 - 1});
  });
  it("names what is wrong", () => {
    expect(() => bootstrapCutpoint(m, y, {samples: []})).toThrow(/samples is empty/);
    expect(() => bootstrapCutpoint(m, y, {samples: [Int32Array.of(0, 1, 2)]})).toThrow(/samples\[0\] has 3/);
    expect(() => bootstrapCutpoint(m, y, {samples: [Int32Array.of(0, 1, 2, 3, 4, 6)]})).toThrow(/samples\[0\]\[5\] is 6/);
    expect(() => bootstrapCutpoint(m, y, {samples: [Int32Array.of(0, 0, 0, 0, 0, 0)]})).toThrow(/none of the 1 resamples/);
    expect(() => bootstrapCutpoint(m, y.slice(1), {samples: [Int32Array.of(0, 1, 2, 3, 4, 5)]})).toThrow(/outcome/);
  });
});

describe("a resample's sorted groups read off the original order", () => {
  // The collector walks the original cases and controls in marker order instead of sorting each resample: its
  // cut-points and accuracies must be those of sorting the resample's values (prepareRoc), to the bit, with ties,
  // signed zeros and rows drawn many times.
  const values = fc.constantFrom(-1.5, -0, 0, 0.25, 1, 1, 2, 3.75);
  const cohort = fc.array(fc.tuple(values, fc.boolean()), {minLength: 3, maxLength: 40}).filter((rows) => rows.some((r) => r[1]) && rows.some((r) => !r[1]));
  it("equals sorting each resample", () => {
    fc.assert(
      fc.property(cohort, fc.array(fc.nat(), {minLength: 1, maxLength: 5}), fc.constantFrom<Direction | "auto">("auto", "<", ">"), (rows, seeds, direction) => {
        const marker = rows.map((r) => r[0]);
        const outcome = rows.map((r) => (r[1] ? 1 : 0));
        const n = rows.length;
        // the data themselves first, so that at least one resample has both classes
        const samples = [Int32Array.from({length: n}, (_, i) => i), ...seeds.map((s) => Int32Array.from({length: n}, (_, i) => (s * 7919 + i * i * 31 + i) % n))];
        const setup = prepareRoc(marker, outcome, {direction});
        const expected: number[][] = [];
        for (const sample of samples) {
          const m = Array.from(sample, (i) => marker[i]!);
          const y = Array.from(sample, (i) => outcome[i]!);
          if (!y.includes(1) || !y.includes(0)) continue;
          const resample = prepareRoc(m, y, {direction: setup.direction});
          // the curve's own Youden point, not the bootstrap's shortcut through the counts
          const c = youdenOptimal(rocFromPrepared(resample)).threshold;
          const self = confusionFromPrepared(resample, c);
          const test = confusionFromPrepared(setup, c);
          expected.push([c, self.sensitivity, self.specificity, test.sensitivity, test.specificity]);
        }
        // Youden's rule reads each resample's counts; any other rule (here the same one wrapped) its sorted values
        for (const rule of [youdenCutpoint, (p: Parameters<typeof youdenCutpoint>[0]) => youdenCutpoint(p)]) {
          const r = bootstrapCutpoint(marker, outcome, {samples, direction, rule});
          const got = r.byReplicate.threshold.map((c, i) => [c, r.byReplicate.apparentSensitivity[i]!, r.byReplicate.apparentSpecificity[i]!, r.byReplicate.testSensitivity[i]!, r.byReplicate.testSpecificity[i]!]);
          expect(got).toEqual(expected);
          got.forEach((g, i) => g.forEach((v, k) => expect(Object.is(v, expected[i]![k])).toBe(true)));
        }
      }),
      {numRuns: 300}
    );
  });
});
