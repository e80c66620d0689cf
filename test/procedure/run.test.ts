// The modelling procedure (src/components/procedure/) against R 4.2.2: test/fixtures/procedure-birthwt.json, written
// by test/fixtures/procedure.R (t.test, chisq.test, fisher.test; glm with Wald chi-squares t(b) solve(V) b;
// rms 6.5 fastbw on lrm) on test/fixtures/cli-birthwt.csv.
import {readFileSync} from "node:fs";
import {describe, it, expect} from "vitest";
import {parseCsvTable} from "../../src/components/cohort/table.js";
import {typedTable} from "../../src/components/cohort/typed-table.js";
import {prepareData, subsetData} from "../../src/components/cohort/prepare.js";
import {runProcedure} from "../../src/components/procedure/run.js";
import {describeProcedure, fitAllProcedure, parseProcedure, ProcedureError, type Procedure} from "../../src/components/procedure/procedure.js";

const reference = JSON.parse(readFileSync(new URL("../fixtures/procedure-birthwt.json", import.meta.url), "utf8"));
const table = typedTable(parseCsvTable(readFileSync(new URL("../fixtures/cli-birthwt.csv", import.meta.url), "utf8")));
const CANDIDATES = ["age", "lwt", "race", "smoke", "ht", "ui"];
const data = prepareData(table, {outcome: "low", candidates: CANDIDATES});

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
const procedure = (screenP: number | null, select: Procedure["select"]): Procedure => ({
  ...fitAllProcedure("low", CANDIDATES),
  screen: screenP === null ? {method: "none"} : {method: "univariable", p: screenP},
  select
});

describe("runProcedure on birthwt (R 4.2.2)", () => {
  it("the univariable screen uses Table 1's test and keeps p < α", () => {
    expect([data.y.length, data.events]).toEqual([reference.n, reference.events]);
    const run = runProcedure(procedure(0.05, {method: "none"}), data);
    run.screen!.entries.forEach((e, i) => {
      expect(e.variable).toBe(reference.screen[i].variable);
      expect(rel(e.p!, reference.screen[i].p)).toBeLessThan(1e-9);
    });
    expect(run.screen!.kept).toEqual(reference.survivors05);
    expect(run.model.predictors).toEqual(reference.survivors05);
  });

  it("Wald selection: each factor's joint Wald χ² (race on 2 df), the kept set and its refit", () => {
    for (const [alpha, ref] of [[0.05, reference.wald], [0.2, reference.wald20]] as const) {
      const run = runProcedure(procedure(alpha, {method: "wald", p: 0.05}), data);
      run.selection!.factors.forEach((f, i) => {
        expect(f.variable).toBe(ref.factors[i].variable);
        expect(f.df).toBe(ref.factors[i].df);
        expect(rel(f.statistic, ref.factors[i].statistic)).toBeLessThan(1e-8);
        expect(rel(f.p, ref.factors[i].p)).toBeLessThan(1e-8);
      });
      expect(run.selection!.kept).toEqual(ref.kept);
      expect(run.model.fit.names.map((n) => n.replace("=", ""))).toEqual(ref.refit.names);
      run.model.fit.coefficients.forEach((b, j) => expect(rel(b, ref.refit.estimate[j])).toBeLessThan(1e-8));
      run.model.fit.terms.forEach((t, j) => expect(rel(t.se, ref.refit.se[j])).toBeLessThan(1e-6));
    }
  });

  it("backward elimination as rms::fastbw (rule aic and rule p): the deletions in order and the kept factors", () => {
    for (const rule of ["aic", "p"] as const) {
      const select: Procedure["select"] = rule === "aic" ? {method: "backward", rule: "aic"} : {method: "backward", rule: "p", p: 0.05};
      const run = runProcedure(procedure(null, select), data);
      const deletions = run.selection!.deletions!;
      // fastbw works from the fit's coefficients and covariance: on glm's (the engine's), to the last digits; against
      // rms's own lrm fit (covariance at the converged estimate, not glm's last-iteration weights) to ~3e-4
      for (const [ref, tolerance] of [[rule === "aic" ? reference.backwardAicGlm : reference.backwardPGlm, 1e-9], [rule === "aic" ? reference.backwardAic : reference.backwardP, 3e-4]] as const) {
        expect(deletions.map((d) => d.variable)).toEqual(ref.deletions.map((d: {variable: string}) => d.variable));
        expect(run.selection!.kept).toEqual(ref.kept);
        deletions.forEach((d, i) => {
          const r = ref.deletions[i];
          expect([d.df, d.residualDf]).toEqual([r.df, r.residualDf]);
          for (const key of ["statistic", "p", "residual", "residualP", "aic"] as const) expect(rel(d[key], r[key])).toBeLessThan(tolerance);
        });
      }
    }
  });

  it("a screen that keeps nothing leaves the intercept-only model", () => {
    const run = runProcedure(procedure(0.001, {method: "wald", p: 0.05}), data);
    expect(run.screen!.kept).toEqual([]);
    expect(run.full).toBeNull();
    expect(run.model.predictors).toEqual([]);
    expect(run.model.fit.names).toEqual(["(Intercept)"]);
    // the intercept-only MLE is logit(events / n)
    expect(run.model.fit.coefficients[0]).toBeCloseTo(Math.log(58 / 126), 10);
  });

  it("runs again on a resample: the same procedure, other data", () => {
    const rows = Int32Array.from({length: data.y.length}, (_, i) => (i * 7) % data.y.length);
    const resampled = subsetData(data, rows);
    const run = runProcedure(procedure(0.2, {method: "wald", p: 0.05}), resampled);
    expect(run.model.fit.n).toBe(data.y.length);
  });
});

describe("parseProcedure", () => {
  it("fills defaults and round-trips its own output", () => {
    const p = parseProcedure({outcome: "low", candidates: ["age", "lwt"], screen: {method: "univariable", p: 0.05}, select: {method: "backward"}});
    expect(p).toEqual({outcome: "low", event: "1", candidates: ["age", "lwt"], screen: {method: "univariable", p: 0.05}, select: {method: "backward", rule: "aic", type: "residual"}, estimate: "ml"});
    expect(parseProcedure(JSON.parse(JSON.stringify(p)))).toEqual(p);
    expect(describeProcedure(p)).toMatch(/^2 candidates; keep those with univariable p < 0\.05.*backward elimination \(rms::fastbw, rule AIC/);
  });

  it("names the field that is wrong", () => {
    const bad = (v: unknown) => {
      try {
        parseProcedure(v);
      } catch (e) {
        expect(e).toBeInstanceOf(ProcedureError);
        return (e as Error).message;
      }
      throw new Error("expected a ProcedureError");
    };
    expect(bad({outcome: "y", candidates: []})).toMatch(/candidates must be a non-empty array/);
    expect(bad({outcome: "y", candidates: ["a"], screen: {method: "univariable", p: 5}})).toMatch(/^screen\.p must be a number in \(0, 1\]/);
    expect(bad({outcome: "y", candidates: ["a"], select: {method: "lasso"}})).toMatch(/^select\.method must be one of "none", "wald", "backward"/);
    expect(bad({outcome: "y", candidates: ["a", "a"]})).toMatch(/lists "a" twice/);
    expect(bad({outcome: "y", candidates: ["a"], extra: 1})).toMatch(/unknown field "extra"/);
  });
});
