// The analysis pipeline (src/components/pipeline/pipeline.ts) with the fit-every-candidate procedure against R, and
// its bad-input messages.
// Reference values: test/fixtures/cli-birthwt.json, written by test/fixtures/cli.R (R 4.2.2: t.test, wilcox.test,
// chisq.test, fisher.test, glm, brglm2 0.9 AS_mean, pROC 1.18 roc/ci.auc/coords/roc.test) on
// test/fixtures/cli-birthwt.csv (MASS::birthwt with five cells blanked).
import {readFileSync} from "node:fs";
import {describe, it, expect} from "vitest";
import {parseCsvTable, type CsvTable} from "../../src/components/cohort/table.js";
import {typedTable} from "../../src/components/cohort/typed-table.js";
import {prepareData} from "../../src/components/cohort/prepare.js";
import {runPipeline, type AnalysisResult} from "../../src/components/pipeline/pipeline.js";
import {fitAllProcedure} from "../../src/components/procedure/procedure.js";
import {jsonSafe} from "../../src/components/json-safe.js";
import {closeFields} from "../helpers/close-fields.js";
import {errorOf} from "../helpers/errors.js";

/** What `analyze --predictors` runs: every candidate fitted, no screen, no selection. */
function analyzeTable(table: CsvTable, {outcome, predictors, positive, firth}: {outcome: string; predictors: string[]; positive?: string; firth?: boolean}): AnalysisResult {
  return runPipeline(typedTable(table), fitAllProcedure(outcome, predictors, {event: positive ?? "1", estimate: firth ? "firth" : "ml"}));
}

const reference = JSON.parse(readFileSync(new URL("../fixtures/cli-birthwt.json", import.meta.url), "utf8"));
const birthwt = parseCsvTable(readFileSync(new URL("../fixtures/cli-birthwt.csv", import.meta.url), "utf8"), {source: "cli-birthwt.csv"});
const PREDICTORS = ["age", "lwt", "race", "smoke", "ht", "ui"];

/** |actual − expected| ≤ rel·|expected| (+ a tiny absolute floor for values at 0). */
function close(actual: number | null | undefined, expected: number, rel = 1e-9): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(rel * Math.abs(expected) + 1e-13);
}


function table(text: string) {
  return parseCsvTable(text);
}

describe("analyzeTable on birthwt (R 4.2.2 reference)", () => {
  const result: AnalysisResult = analyzeTable(birthwt, {outcome: "low", predictors: PREDICTORS});

  it("counts: complete cases, events, excluded rows and the complete-case warning", () => {
    // R: nrow(x[complete.cases(x), ]), sum(low), nrow(x) - that
    expect([result.rows, result.n, result.events, result.excluded]).toEqual([reference.rows, reference.n, reference.events, reference.excluded]);
    expect(result.warnings[0]).toBe(
      'Complete-case analysis: 5 rows of 189 (2.65%) dropped for a missing value in the outcome or a predictor (missing cells: "low" 1, "lwt" 2, "race" 1, "smoke" 1); 184 rows analysed.'
    );
    expect(result.outcome).toEqual({column: "low", positive: "1", negative: "0", nonEvents: 126});
  });

  it("events per parameter below 10: a warning with the numbers", () => {
    expect(result.parameters).toBe(7);
    close(result.eventsPerParameter, 58 / 7, 1e-15);
    expect(result.warnings).toContain(
      'Few events per parameter: 58 events ("low" = "1") for 7 parameters (excluding the intercept) = 8.29 per parameter, below the usual minimum of 10. Expect overfitting; 70 events would be needed for 7 parameters, or use at most 5 parameters.'
    );
  });

  it("continuous: Student t (pooled), Welch t and Mann–Whitney, events minus non-events", () => {
    for (const variable of ["age", "lwt"]) {
      // R: t.test(x[y == 1], x[y == 0], var.equal = TRUE); t.test(...); wilcox.test(..., exact = FALSE, correct = TRUE)
      const u = result.univariate.find((r) => r.variable === variable)!;
      const ref = reference.univariate[variable];
      expect(u.kind).toBe("continuous");
      expect(u.test).toBe("Two Sample t-test");
      close(u.statistic, ref.statistic);
      close(u.p, ref.p);
      expect(u.df).toBe(ref.df);
      close(u.meanDifference, ref.meanDifference);
      close(u.ciLower, ref.ciLower);
      close(u.ciUpper, ref.ciUpper);
      close(u.welch!.statistic, ref.welch.statistic);
      close(u.welch!.df, ref.welch.df);
      close(u.welch!.p, ref.welch.p);
      close(u.mannWhitney!.statistic, ref.mannWhitney.statistic);
      close(u.mannWhitney!.p, ref.mannWhitney.p);
    }
  });

  it("binary: Pearson chi-square without correction when expected counts ≥ 5, Fisher's exact otherwise", () => {
    for (const variable of ["smoke", "ui"]) {
      // R: chisq.test(table(x, y), correct = FALSE)
      const u = result.univariate.find((r) => r.variable === variable)!;
      expect([u.kind, u.test]).toEqual(["binary", "Pearson's Chi-squared test"]);
      close(u.statistic, reference.univariate[variable].statistic);
      close(u.p, reference.univariate[variable].p);
      expect(u.df).toBe(1);
      close(u.expectedMin, reference.univariate[variable].expectedMin);
    }
    // R: fisher.test(table(ht, y)); min(chisq.test(...)$expected) = 3.78 < 5
    const ht = result.univariate.find((r) => r.variable === "ht")!;
    const ref = reference.univariate.ht;
    expect([ht.kind, ht.test, ht.statistic, ht.df]).toEqual(["binary", "Fisher's Exact Test for Count Data", null, null]);
    expect(ht.testReason).toBe("Fisher's exact test because an expected count is below 5 (smallest 3.78)");
    close(ht.p, ref.p);
    close(ht.oddsRatio, ref.oddsRatio, 1e-6);
    // R's fisher.test finds its CI limits by uniroot with the default tol (eps^0.25 ≈ 1.2e-4 on 1/ψ), so they are
    // only good to ~1e-3 relative; cli.R also solves the same equations to tol = 1e-14 (exactCiLower/Upper).
    close(ht.ciLower, ref.exactCiLower, 1e-8);
    close(ht.ciUpper, ref.exactCiUpper, 1e-8);
    close(ht.ciLower, ref.ciLower, 1e-3);
    close(ht.ciUpper, ref.ciUpper, 1e-3);
    close(ht.chiSquare!.statistic, ref.chiSquare.statistic);
  });

  it("categorical: r × c Pearson chi-square", () => {
    // R: chisq.test(table(race, y))
    const race = result.univariate.find((r) => r.variable === "race")!;
    expect([race.kind, race.test, race.df]).toEqual(["categorical", "Pearson's Chi-squared test", 2]);
    close(race.statistic, reference.univariate.race.statistic);
    close(race.p, reference.univariate.race.p);
  });

  it("descriptives per group (Table 1)", () => {
    for (const variable of ["age", "lwt"]) {
      const d = result.descriptives.find((r) => r.variable === variable)!;
      for (const group of ["all", "events", "nonEvents"] as const) {
        // R: mean, sd, quantile(type = 7), min, max over the complete cases
        const ref = reference.descriptives[variable][group];
        const s = d[group].numeric!;
        expect(s.n).toBe(ref.n);
        for (const key of ["mean", "sd", "median", "q1", "q3", "min", "max"] as const) close(s[key], ref[key], 1e-12);
        close(s.iqr, ref.q3 - ref.q1, 1e-12);
      }
    }
    const race = result.descriptives.find((r) => r.variable === "race")!;
    for (const group of ["all", "events", "nonEvents"] as const) {
      // R: table(race) within each group
      const counts = Object.fromEntries(race[group].levels!.map((l) => [l.level, l.n]));
      expect(counts).toEqual(reference.descriptives.race[group]);
      const total = race[group].n;
      for (const l of race[group].levels!) close(l.pct, (100 * l.n) / total, 1e-14);
    }
    const smoke = result.descriptives.find((r) => r.variable === "smoke")!;
    expect(smoke.events.levels!.map((l) => l.level)).toEqual(["0", "1"]);
    expect(smoke.events.numeric).toBeDefined();
  });

  it("logistic model as glm(binomial): terms, CIs, logLik, AIC, iterations", () => {
    const m = result.model;
    expect(m.method).toBe("ml");
    expect(m.converged).toBe(reference.model.converged);
    expect(m.iterations).toBe(reference.model.iterations);
    close(m.logLik, reference.model.logLik);
    close(m.aic, reference.model.aic);
    close(m.deviance, reference.model.deviance);
    close(m.nullDeviance, reference.model.nullDeviance);
    expect(m.terms.map((t) => t.term)).toEqual(reference.model.terms.map((t: {term: string}) => t.term));
    m.terms.forEach((t, i) => {
      const ref = reference.model.terms[i];
      for (const key of ["estimate", "se", "z", "p", "oddsRatio", "ciLower", "ciUpper"] as const) close(t[key], ref[key], 1e-8);
    });
  });

  it("Firth's model as brglm2 AS_mean", () => {
    const firth = analyzeTable(birthwt, {outcome: "low", predictors: PREDICTORS, firth: true});
    expect(firth.model.method).toBe("firth");
    close(firth.model.deviance, reference.firth.deviance, 1e-7);
    firth.model.terms.forEach((t, i) => {
      const ref = reference.firth.terms[i];
      expect(t.term).toBe(ref.term);
      close(t.estimate, ref.estimate, 1e-7);
      close(t.se, ref.se, 1e-7);
      close(t.ciLower, ref.ciLower, 1e-7);
    });
  });

  it("ROC per numeric predictor and the model, as pROC (direction auto, DeLong CI, Youden)", () => {
    expect(result.roc.map((r) => r.marker)).toEqual(reference.roc.map((r: {marker: string}) => r.marker));
    result.roc.forEach((r, i) => {
      const ref = reference.roc[i];
      expect(r.direction).toBe(ref.direction);
      closeFields(close, r, ref, {auc: 1e-12, ciLower: 1e-10, ciUpper: 1e-10, threshold: 1e-10, sensitivity: 1e-12, specificity: 1e-12}, {label: r.marker});
    });
  });

  it("DeLong paired tests of the model against each numeric predictor (roc.test), warning on differing directions", () => {
    result.comparisons.forEach((c, i) => {
      const ref = reference.comparisons[i];
      expect([c.a, c.b]).toEqual([ref.a, ref.b]);
      close(c.z, ref.z, 1e-9);
      close(c.p, ref.p, 1e-8);
    });
    // pROC warns for age and lwt too ("DeLong's test should not be applied to ROC curves with a different direction")
    expect(result.warnings.filter((w) => w.startsWith("DeLong's test of the model against"))).toHaveLength(2);
  });

  it("has no non-finite number on birthwt (nothing for the JSON writer to list)", () => {
    expect(jsonSafe(result).nonFinite).toEqual([]);
  });
});

describe("analyzeTable: bad inputs", () => {
  const good = "age,sex,asd\n61,F,0\n70,M,1\n55,F,0\n66,M,1\n58,F,0\n72,F,1\n63,M,0\n60,M,1\n";

  it("choices: unknown outcome or predictor, none, twice, outcome as predictor", () => {
    const t = table(good);
    expect(errorOf(() => analyzeTable(t, {outcome: "ASD", predictors: ["age"]})).message).toBe(
      'The outcome column "ASD" is not in the file. Columns in the file: "age", "sex", "asd".'
    );
    expect(errorOf(() => analyzeTable(t, {outcome: "asd", predictors: ["age", "bmi"]})).message).toBe(
      'The predictor "bmi" is not in the file. Columns in the file: "age", "sex", "asd".'
    );
    expect(errorOf(() => analyzeTable(t, {outcome: "asd", predictors: []})).code).toBe("choices");
    expect(errorOf(() => analyzeTable(t, {outcome: "asd", predictors: ["age", "age"]})).message).toBe('The predictor "age" is listed twice. List each predictor once.');
    expect(errorOf(() => analyzeTable(t, {outcome: "asd", predictors: ["asd"]})).message).toBe('The outcome "asd" is also listed as a predictor. Remove it from the predictors.');
  });

  // the outcome "y" with the one predictor "x": what the outcome's values, or the complete rows, leave to analyse
  it.each([
    ["an outcome with three values names them", "x,y\n1,0\n2,1\n3,2\n4,1\n5,NA\n",
      'The outcome column "y" must have exactly two values (event and non-event); found 3 values: "1" (2 rows), "0" (1 row), "2" (1 row). Choose a binary outcome column, or recode it to two values.'],
    ["an outcome with one value names it", "x,y\n1,0\n2,0\n",
      'The outcome column "y" must have exactly two values (event and non-event); found only one value: "0" (2 rows). Choose a binary outcome column, or recode it to two values.'],
    ["an event value that does not occur lists the values", "x,y\n1,no\n2,yes\n3,no\n",
      'The event value "1" does not occur in the outcome column "y"; its values are "no" (2 rows), "yes" (1 row). Choose one of them as the event value (--positive in the CLI).'],
    ["no complete rows", "x,y\nNA,0\nNA,1\n2,NA\n",
      'No complete rows: every one of the 3 rows has a missing value in the outcome or a predictor (missing cells: "y" 1, "x" 2). Choose predictors with fewer missing values.'],
    ["no events left after dropping rows", "x,y\n1,0\nNA,1\n3,0\n",
      'After dropping rows with missing values, all 2 complete rows have "y" = "0": there are no events left to compare. Choose predictors with fewer missing values.']
  ])("%s", (_, csv, message) => {
    expect(errorOf(() => analyzeTable(table(csv), {outcome: "y", predictors: ["x"]})).message).toBe(message);
  });

  it("numeric outcomes match 1.0 to 1", () => {
    const numeric = prepareData(typedTable(table("x,y\n1,1.0\n2,0\n3,0\n4,1\n")), {outcome: "y", candidates: ["x"]});
    expect([...numeric.y]).toEqual([1, 0, 0, 1]);
  });

  it("a mostly numeric predictor with text names the column and rows", () => {
    const t = table("age,asd\n61,0\n70,1\nseventy,0\n66,1\n58,0\n");
    const e = errorOf(() => analyzeTable(t, {outcome: "asd", predictors: ["age"]}));
    expect(e.where).toEqual({column: "age", rows: [3]});
    expect(e.message).toMatch(/^Column "age" is mostly numeric \(4 numbers\) but 1 cell is not a number — data row 3 \(spreadsheet row 4\): "seventy"\./);
  });

  it("constant predictor: an error naming it (over the complete cases)", () => {
    const t = table("age,site,asd\n61,A,0\n70,A,1\n55,A,0\n66,B,NA\n");
    expect(errorOf(() => analyzeTable(t, {outcome: "asd", predictors: ["age", "site"]})).message).toBe(
      'The predictor "site" (every analysed row is "A") is constant over the 3 complete rows, so it cannot predict anything. Remove it from the predictors.'
    );
  });

  it("perfectly collinear predictors: an error naming the terms", () => {
    const t = table("a,b,c,y\n1,2,3,0\n2,1,3,1\n3,5,8,0\n4,2,6,1\n5,7,12,0\n6,3,9,1\n7,7,14,1\n8,1,9,0\n");
    const e = errorOf(() => analyzeTable(t, {outcome: "y", predictors: ["a", "b", "c"]}));
    expect(e.message).toBe(
      'Collinear predictors: the term "c" is (numerically) a linear combination of the terms before it ("(Intercept)", "a", "b") over the 8 complete rows (as R\'s glm decides it: a pivoted QR with relative tolerance 1e-11, which also catches a column that varies too little for its magnitude, such as 1e12 + noise), so their coefficients are not identifiable. Remove "c", or the predictor it duplicates.'
    );
  });

  it("more parameters than events: a warning with the numbers", () => {
    const t = table("a,b,c,y\n1,5,2,0\n2,3,9,0\n3,8,4,1\n4,1,7,0\n5,9,1,0\n6,2,6,1\n7,6,3,0\n8,4,8,0\n9,7,5,0\n10,2,2,0\n");
    const r = analyzeTable(t, {outcome: "y", predictors: ["a", "b", "c"]});
    expect(r.warnings).toContain(
      'More parameters than events: the model has 3 parameters (excluding the intercept) but only 2 events ("y" = "1"). The estimates are unreliable or may not exist; at least 30 events would be needed for 3 parameters (10 per parameter), and with fewer than 10 even one parameter is more than the data support.'
    );
  });

  it("separation: a warning that names it and suggests --firth; Wald CIs are null", () => {
    const t = table("x,y\n1,0\n2,0\n3,0\n4,0\n5,0\n6,1\n7,1\n8,1\n9,1\n10,1\n");
    const r = analyzeTable(t, {outcome: "y", predictors: ["x"]});
    const warning = r.warnings.find((w) => /separation/i.test(w))!;
    expect(warning).toMatch(/^Complete separation: the outcome is perfectly predicted by "x"/);
    expect(warning).toMatch(/--firth/);
    expect(warning).toMatch(/The Wald confidence intervals are reported as null\.$/);
    expect(r.model.ciValid).toBe(false);
    expect(r.model.separation).toMatchObject({detected: true, kind: "complete", terms: ["x"]});
    for (const term of r.model.terms) expect([term.ciLower, term.ciUpper]).toEqual([null, null]);
    // with Firth the estimates are finite and the CIs are given
    const firth = analyzeTable(t, {outcome: "y", predictors: ["x"], firth: true});
    expect(firth.model.separation.detected).toBe(false);
    expect(firth.model.terms[1]!.ciLower).toBeGreaterThan(0);
    expect(firth.warnings.some((w) => /separation/i.test(w))).toBe(false);
  });

  it("a text predictor with too many levels is refused", () => {
    const rows = Array.from({length: 60}, (_, i) => `id${i},${i % 2}`).join("\n");
    expect(errorOf(() => analyzeTable(table(`id,y\n${rows}\n`), {outcome: "y", predictors: ["id"]})).message).toBe(
      'The predictor "id" is text with 60 different values (more than 50), so it cannot be a categorical predictor — is it an identifier or free text? Remove it, or group its values into fewer categories.'
    );
  });

  it("an all-missing predictor is an error", () => {
    expect(errorOf(() => analyzeTable(table("x,y\nNA,0\n,1\n"), {outcome: "y", predictors: ["x"]})).message).toBe(
      'The predictor "x" has no values: every one of its 2 cells is missing. Remove it from the predictors.'
    );
  });
});

describe("DeLong with one event", () => {
  it("gives no z and no p for the model against a marker (R: var() of one placement is NA, so pROC's roc.test is NA), and says why", () => {
    // 1 event among 8 patients; two markers, neither separating the event from every control
    const csv = "y,a,b\n1,5,2\n0,1,7\n0,6,3\n0,2,8\n0,7,1\n0,3,6\n0,4,4\n0,8,5\n";
    const result = runPipeline(typedTable(parseCsvTable(csv)), fitAllProcedure("y", ["a", "b"]));
    expect(result.comparisons.length).toBe(2);
    for (const c of result.comparisons) {
      expect(Number.isNaN(c.z) && Number.isNaN(c.p)).toBe(true);
      expect(Number.isFinite(c.aucB)).toBe(true);
    }
    expect(result.warnings.join(" ")).toMatch(/DeLong's tests of the model against each marker \(z and p\), are NaN/);
  });
});
