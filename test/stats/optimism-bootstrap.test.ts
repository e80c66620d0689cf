// Reference: test/fixtures/optimism-bootstrap.R (R 4.2.2): Harrell's optimism bootstrap written out with glm.fit over
// 25 bootstrap index vectors stored in the fixture; C from Hmisc::somers2, slope/intercept from glm(y ~ lp),
// calibration-in-the-large from glm(y ~ 1, offset = lp), Brier = mean((p - y)^2).
import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import {buildDesign} from "../../src/components/stats/design.js";
import {INDEX_NAMES, optimismBootstrap, performanceIndices} from "../../src/components/stats/optimism-bootstrap.js";
import {replicateRng} from "../../src/components/stats/random.js";

const fx = JSON.parse(readFileSync(new URL("../fixtures/optimism-bootstrap.json", import.meta.url), "utf8"));
const design = buildDesign(fx.x, ["x1", "x2", "x3", "x4"]);

describe("optimismBootstrap against a hand-written R bootstrap over the same resamples", () => {
  const result = optimismBootstrap(design, fx.y, {samples: fx.samples});
  it("uses every resample (none fails in this data set)", () => {
    expect(result.replicates).toBe(25);
    expect(result.failed.total).toBe(0);
    expect(result.used).toBe(25);
  });
  for (const k of INDEX_NAMES) {
    it(`apparent, optimism and corrected ${k} equal R's`, () => {
      // glm's own convergence (epsilon 1e-8) limits agreement of the apparent slope/intercepts to ~1e-9 absolute
      expect(result.apparent[k]).toBeCloseTo(fx.apparent[k], 7);
      expect(result.optimism[k]).toBeCloseTo(fx.optimism[k], 7);
      expect(result.corrected[k]).toBeCloseTo(fx.corrected[k], 7);
      result.optimismByReplicate[k].forEach((v, b) => expect(v).toBeCloseTo(fx.optimismByReplicate[k][b], 6));
    });
  }
});

describe("optimismBootstrap with the seeded generator", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    const a = optimismBootstrap(design, fx.y, {replicates: 30, seed: 7});
    const b = optimismBootstrap(design, fx.y, {replicates: 30, seed: 7});
    const c = optimismBootstrap(design, fx.y, {replicates: 30, seed: 8});
    expect(a.corrected.auc).toBe(b.corrected.auc);
    expect(a.corrected.auc).not.toBe(c.corrected.auc);
    expect(a.used + a.failed.total).toBe(30);
  });
  it("draws replicate b from replicateRng(seed, b): any split of the replicate range gives the same replicates", () => {
    const whole = optimismBootstrap(design, fx.y, {replicates: 12, seed: 5});
    const head = optimismBootstrap(design, fx.y, {replicates: 5, seed: 5});
    const tail = optimismBootstrap(design, fx.y, {replicates: 7, seed: 5, firstReplicate: 5});
    expect([...head.optimismByReplicate.auc, ...tail.optimismByReplicate.auc]).toEqual([...whole.optimismByReplicate.auc]);
    // replicate 5's resample is the n draws of replicateRng(5, 5), so the given-samples path reproduces it
    const rng = replicateRng(5, 5);
    const rows = Array.from({length: design.n}, () => rng.int(design.n));
    expect(optimismBootstrap(design, fx.y, {samples: [rows]}).optimismByReplicate.slope[0]).toBe(tail.optimismByReplicate.slope[0]);
    expect(() => optimismBootstrap(design, fx.y, {replicates: 2, firstReplicate: -1})).toThrow(/firstReplicate/);
  });
  it("counts one-class and separated resamples instead of dropping them silently", () => {
    // 4 events among 40 and a marker that nearly separates them: many resamples have no event or separate
    const n = 40;
    const x = Array.from({length: n}, (_, i) => i);
    const y = x.map((v) => (v >= 36 || v === 30 ? 1 : 0));
    const d = buildDesign({x}, ["x"]);
    const r = optimismBootstrap(d, y, {replicates: 60, seed: 3});
    expect(r.failed.total).toBeGreaterThan(0);
    expect(r.failed.total).toBe(r.failed.nonConverged + r.failed.separated + r.failed.oneClass + r.failed.errors);
    expect(r.used + r.failed.total).toBe(60);
    expect(r.optimismByReplicate.auc.length).toBe(r.used);
  });
  it("rejects bad arguments", () => {
    expect(() => optimismBootstrap(design, fx.y.slice(1), {replicates: 5})).toThrow(TypeError);
    expect(() => optimismBootstrap(design, fx.y, {replicates: 0})).toThrow(RangeError);
  });
});

// test/fixtures/optimism-bootstrap-firth.R (R 4.2.2, brglm2 0.9 AS_mean, pROC 1.18.0): four given resamples, two of
// which the Firth refit's linear predictor separates (AUC 1 in the sample), where R's glm(y ~ lp) has no finite slope.
const firthRef = JSON.parse(readFileSync(new URL("../fixtures/optimism-bootstrap-firth.json", import.meta.url), "utf8"));

describe("Firth bootstrap with resamples the refit separates", () => {
  const r = optimismBootstrap(buildDesign({x: firthRef.x}, ["x"]), firthRef.y, {samples: firthRef.samples, method: "firth"});
  it("uses every refit, and leaves the slope and its intercept out only where they have no finite value", () => {
    expect([r.used, r.failed.total]).toEqual([4, 0]);
    expect(r.usedByIndex).toEqual({auc: 4, brier: 4, slope: 2, slopeIntercept: 2, intercept: 4, brierScaled: 4});
    for (const k of INDEX_NAMES) {
      firthRef.optimismByReplicate[k].forEach((v: number | null, i: number) => {
        if (v === null) expect(r.optimismByReplicate[k][i], `${k}[${i}]`).toBeNaN();
        else expect(r.optimismByReplicate[k][i], `${k}[${i}]`).toBeCloseTo(v, 7);
      });
    }
  });
  for (const k of INDEX_NAMES) {
    it(`apparent, optimism and corrected ${k} equal R's (na.rm = TRUE)`, () => {
      expect(r.apparent[k]).toBeCloseTo(firthRef.apparent[k], 7);
      expect(r.optimism[k]).toBeCloseTo(firthRef.optimism[k], 7);
      expect(r.corrected[k]).toBeCloseTo(firthRef.corrected[k], 7);
    });
  }
  it("performanceIndices: a linear predictor that separates the outcomes has no finite slope", () => {
    const idx = performanceIndices([-2, -1, 1, 2], [0, 0, 1, 1]);
    expect(idx.auc).toBe(1);
    expect(idx.slope).toBeNaN();
    expect(idx.slopeIntercept).toBeNaN();
    // calibration-in-the-large stays finite: logit of the mean outcome against the offset, here 0 by symmetry
    expect(idx.intercept).toBeCloseTo(0, 12);
  });
});

describe("performanceIndices on a fit's own data (ownFit)", () => {
  it("takes slope 1 and intercepts 0 for a converged ML fit, which its IRLS recalibration gives to ~1e-9", async () => {
    const {fitLogistic} = await import("../../src/components/stats/logistic.js");
    const fit = fitLogistic(design, fx.y);
    const computed = performanceIndices(fit.linearPredictor, fx.y);
    const known = performanceIndices(fit.linearPredictor, fx.y, {ownFit: true});
    expect(known.slope).toBe(1);
    expect(known.slopeIntercept).toBe(0);
    expect(known.intercept).toBe(0);
    expect(computed.slope).toBeCloseTo(1, 8);
    expect(computed.slopeIntercept).toBeCloseTo(0, 8);
    expect(computed.intercept).toBeCloseTo(0, 8);
    for (const k of ["auc", "brier", "brierScaled"] as const) expect(known[k]).toBe(computed[k]);
  });
});
