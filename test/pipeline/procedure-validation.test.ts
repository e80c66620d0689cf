// The whole-procedure bootstrap (src/components/pipeline/procedure-validation.ts) against a hand loop in R 4.2.2
// over the same resamples: test/fixtures/procedure-bootstrap.json, written by test/fixtures/procedure-bootstrap.R
// (the study's procedure on its default cohort; a screen at p < 0.2 and fastbw on birthwt).
import {readFileSync} from "node:fs";
import {describe, it, expect} from "vitest";
import {parseCsvTable} from "../../src/components/cohort/table.js";
import {typedTable} from "../../src/components/cohort/typed-table.js";
import {prepareData} from "../../src/components/cohort/prepare.js";
import {parseCohortCsv} from "../../src/components/cohort/schema.js";
import {studyData, STUDY_PROCEDURE} from "../../src/components/study/study.js";
import {procedureOriginal, procedureReplicate, procedureValidation, procedureIndex, replicateRows, type ProcedureBootstrapValidation} from "../../src/components/pipeline/procedure-validation.js";
import {INDEX_NAMES} from "../../src/components/stats/optimism-bootstrap.js";
import type {Procedure} from "../../src/components/procedure/procedure.js";

const fixture = JSON.parse(readFileSync(new URL("../fixtures/procedure-bootstrap.json", import.meta.url), "utf8"));
const cohortRows = parseCohortCsv(readFileSync(new URL("../fixtures/procedure-bootstrap-cohort.csv", import.meta.url), "utf8")).rows;
const cohort = studyData(cohortRows);
const birthwt = prepareData(typedTable(parseCsvTable(readFileSync(new URL("../fixtures/cli-birthwt.csv", import.meta.url), "utf8"))), {
  outcome: "low", candidates: ["age", "lwt", "race", "smoke", "ht", "ui"]
});
const birthwtProcedure: Procedure = {
  outcome: "low", event: "1", candidates: ["age", "lwt", "race", "smoke", "ht", "ui"],
  screen: {method: "univariable", p: 0.2}, select: {method: "backward", rule: "aic", type: "residual"}, estimate: "ml"
};

const cases = [
  {name: "the study's procedure on its default cohort", data: cohort, procedure: STUDY_PROCEDURE, ref: fixture.cohort},
  {name: "screen p < 0.2 and fastbw (AIC) on birthwt", data: birthwt, procedure: birthwtProcedure, ref: fixture.birthwt}
];

// AUC and Brier depend on the refits' coefficients alone, which follow glm's IRLS step for step: 1e-10. On the
// original data (test) the slope and both intercepts are themselves glm fits (of y on the linear predictor)
// stopped by glm's relative deviance test at epsilon 1e-8, in R and in the engine alike, so where the two stop one
// iteration apart they differ by up to ~1e-9; per replicate they are required to 1e-8, and their means to 1e-9. On
// a converged fit's own data (apparent) both sides set the known 1 and 0, as rms::validate.lrm does.
const TIGHT = new Set(["auc", "brier", "brierScaled"]);

for (const {name, data, procedure, ref} of cases) {
  describe(`whole-procedure bootstrap: ${name} (R hand loop, same resamples)`, () => {
    const v: ProcedureBootstrapValidation = procedureValidation(data, procedure, {replicates: 0, seed: 0, samples: ref.samples});
    it("selects what R selects, in the original data and in every resample", () => {
      expect(data.y.length).toBe(ref.n);
      expect(v.stability.originalSet).toEqual(ref.selected);
      // resamples whose fits separate are left out: the engine's detector against R's long glm, resample by resample
      const separated = ref.samples.map((_: number[], b: number) => b).filter((b: number) => procedureReplicate(procedureOriginal(data, procedure), ref.samples[b]).status === "separated");
      expect(separated).toEqual(ref.separated);
      expect(v.failed.total).toBe(ref.separated.length);
      expect(v.used).toBe(ref.samples.length - ref.separated.length);
      const counts = Object.fromEntries(v.stability.candidates.map((c) => [c.name, c.count]));
      for (const c of ref.stability.candidates) expect(counts[c.name], c.name).toBe(c.count);
      expect(v.stability.originalSetCount).toBe(ref.stability.originalSetCount);
      expect(v.stability.modelSize.map((m) => m.count)).toEqual(ref.stability.modelSize);
    });
    it("every index's apparent value, optimism, corrected value and MCSE as R's", () => {
      for (const k of INDEX_NAMES) {
        const row = procedureIndex(v, k);
        const tol = TIGHT.has(k) ? 1e-10 : 1e-9;
        expect(Math.abs(row.apparent - ref.apparent[k]), `${k} apparent`).toBeLessThan(tol);
        expect(Math.abs(row.optimism - ref.optimism[k]), `${k} optimism`).toBeLessThan(tol);
        expect(Math.abs(row.corrected - ref.corrected[k]), `${k} corrected`).toBeLessThan(tol);
        expect(row.used, `${k} used`).toBe(ref.used[k]);
        expect(Math.abs(row.mcse - ref.mcse[k]), `${k} mcse`).toBeLessThan(tol);
        v.optimismByReplicate[k].forEach((o, b) => {
          const r = ref.optimismByReplicate[k][b];
          if (r === null) expect(Number.isNaN(o), `${k}[${b}] NA in R`).toBe(true);
          else expect(Math.abs(o - r), `${k}[${b}]`).toBeLessThan(TIGHT.has(k) ? 1e-10 : 1e-8);
        });
      }
    });
    it("Noma et al.'s location-shifted interval as R's quantile(type 7) − optimism", () => {
      for (const k of INDEX_NAMES) {
        const row = procedureIndex(v, k);
        const tol = TIGHT.has(k) ? 1e-10 : 1e-8;
        expect(Math.abs(row.interval.lower - ref.lower[k]), `${k} lower`).toBeLessThan(tol);
        expect(Math.abs(row.interval.upper - ref.upper[k]), `${k} upper`).toBeLessThan(tol);
        expect(row.interval.lower).toBeLessThanOrEqual(row.interval.upper);
      }
      // an ML refit's apparent slope is 1 in every resample: the shifted interval has no width, and says so
      expect(procedureIndex(v, "slope").interval.degenerate).toBe(true);
      expect(procedureIndex(v, "auc").interval.degenerate).toBe(false);
    });
    it("the instability of individual predictions and the mean absolute prediction error", () => {
      expect(Math.abs(v.instability.meanAbsolutePredictionError - ref.instability.mape)).toBeLessThan(1e-10);
      // patients are listed by original risk: map them back through the risks
      const p = v.instability.patients!;
      expect(p.risk.length).toBe(ref.n);
      const maxMape = Math.max(...ref.instability.patientMape);
      expect(Math.abs(v.instability.maxPatientMape - maxMape)).toBeLessThan(1e-10);
      const sortedRef = (xs: number[]) => [...xs].sort((a, b) => a - b);
      const close = (a: number[], b: number[]) => a.every((x, i) => Math.abs(x - b[i]!) < 1e-10);
      expect(close(sortedRef(p.mape), sortedRef(ref.instability.patientMape))).toBe(true);
      expect(close(sortedRef(p.lower), sortedRef(ref.instability.lower))).toBe(true);
      expect(close(sortedRef(p.upper), sortedRef(ref.instability.upper))).toBe(true);
      const binned = v.instability.bins.reduce((s, b) => s + b.patients, 0);
      expect(binned).toBe(ref.n);
      for (const b of v.instability.bins) expect(b.patients).toBeGreaterThanOrEqual(v.instability.minCell);
    });
    it("rms::calibrate's overfitting-corrected curve and its errors", () => {
      const c = v.calibration!;
      const r = ref.calibration;
      expect(c.grid.length).toBe(50);
      c.grid.forEach((g, k) => expect(Math.abs(g - r.grid[k])).toBeLessThan(1e-12));
      c.apparent.forEach((a, k) => (r.apparent[k] === null ? expect(Number.isNaN(a)).toBe(true) : expect(Math.abs(a - r.apparent[k])).toBeLessThan(1e-10)));
      c.corrected.forEach((a, k) => (r.corrected[k] === null ? expect(Number.isNaN(a)).toBe(true) : expect(Math.abs(a - r.corrected[k])).toBeLessThan(1e-10)));
      expect(c.used).toEqual(r.used);
      expect(Math.abs(c.meanAbsoluteError - r.meanAbsoluteError)).toBeLessThan(1e-10);
      expect(Math.abs(c.quantile90AbsoluteError - r.quantile90)).toBeLessThan(1e-10);
      expect(Math.abs(c.maxAbsoluteError - r.maxAbsoluteError)).toBeLessThan(1e-10);
      expect(c.patients).toBe(r.patients);
    });
  });
}

describe("whole-procedure bootstrap: seeds and streams", () => {
  it("resample b's rows depend on (seed, b) only, so any split of the replicates gives the same result", () => {
    const all = procedureValidation(birthwt, birthwtProcedure, {replicates: 6, seed: 7});
    const samples = Array.from({length: 6}, (_, b) => replicateRows(birthwt.y.length, 7, b));
    const given = procedureValidation(birthwt, birthwtProcedure, {replicates: 0, seed: 0, samples});
    expect(given.optimismByReplicate).toEqual(all.optimismByReplicate);
    expect(all.seed).toBe(7);
    expect(replicateRows(10, 7, 3)).toEqual(replicateRows(10, 7, 3));
    expect(replicateRows(10, 7, 3)).not.toEqual(replicateRows(10, 7, 4));
  });
  it("a procedure that keeps nothing is scored as the intercept-only model and counted", () => {
    const strict: Procedure = {...birthwtProcedure, screen: {method: "univariable", p: 1e-6}};
    const v = procedureValidation(birthwt, strict, {replicates: 5, seed: 3});
    expect(v.emptyModels).toBe(5);
    expect(v.used).toBe(5);
    expect(procedureIndex(v, "auc").optimism).toBe(0);
    expect(procedureIndex(v, "slope").used).toBe(0);
    expect(v.stability.modelSize[0]!.count).toBe(5);
  });
});
