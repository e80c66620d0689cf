import {describe, it, expect} from "vitest";
import {readFileSync} from "node:fs";
import {rocCurve, confusionAt, youdenOptimal} from "../../src/components/stats/roc.js";
import {delongAuc, delongTest} from "../../src/components/stats/delong.js";
import {wilsonInterval} from "../../src/components/stats/binomial-ci.js";
import {precisionRecallCurve} from "../../src/components/stats/precision-recall.js";

// Fixture from test/fixtures/roc-analysis.R (R 4.2.2, pROC 1.18.0) on pROC's aSAH data (outcome Poor = 1).
const f = JSON.parse(readFileSync(new URL("../fixtures/roc-analysis.json", import.meta.url), "utf8"));
const rel = (a: number, b: number, tol = 1e-9) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1e-12, Math.abs(b)));

describe("rocCurve", () => {
  const roc = rocCurve(f.s100b, f.outcome);
  it("matches roc(y, aSAH$s100b): direction, AUC and every (threshold, sens, spec)", () => {
    expect(roc.direction).toBe(f.s100b_roc.direction);
    rel(roc.auc, f.s100b_roc.auc);
    const th: (number | string)[] = f.s100b_roc.thresholds;
    expect(roc.thresholds.length).toBe(th.length);
    // jsonlite writes ±Inf as strings
    roc.thresholds.forEach((t, i) => (Number.isFinite(t) ? rel(t, th[i] as number) : expect(String(t)).toMatch(/Infinity/)));
    roc.sensitivities.forEach((s, i) => rel(s, f.s100b_roc.sensitivities[i]));
    roc.specificities.forEach((s, i) => rel(s, f.s100b_roc.specificities[i]));
  });
  it("chooses '>' as pROC for a marker lower in cases (negated WFNS grade), AUC with ties", () => {
    const r = rocCurve(f.wfnsNeg, f.outcome);
    expect(r.direction).toBe(f.wfns.direction);
    rel(r.auc, f.wfns.auc);
  });
  it("rejects mismatched lengths and non-binary outcomes", () => {
    expect(() => rocCurve([1, 2], [0])).toThrow(/marker has 2 values but outcome has 1/);
    expect(() => rocCurve([1, 2], [0, 2])).toThrow(/outcome\[1\] is 2/);
    expect(() => rocCurve([1, 2], [1, 1])).toThrow(/0 controls .*both are needed/);
  });
  it("youdenOptimal returns a point on the curve with the largest J", () => {
    const y = youdenOptimal(roc);
    const best = Math.max(...Array.from(roc.sensitivities, (s, i) => s + roc.specificities[i]! - 1));
    rel(y.youdenJ, best);
  });
});

describe("DeLong", () => {
  it("ci.auc(roc(y, s100b), method = 'delong')", () => {
    const d = delongAuc(f.s100b, f.outcome, "<");
    rel(d.auc, f.s100b_roc.auc);
    rel(d.ciLower, f.s100b_roc.ciLower, 1e-7);
    rel(d.ciUpper, f.s100b_roc.ciUpper, 1e-7);
  });
  it("roc.test(s100b, ndka, method = 'delong', paired = TRUE)", () => {
    const t = delongTest(f.s100b, f.ndka, f.outcome, {directionA: "<", directionB: "<"});
    rel(t.aucB, f.ndka_auc);
    rel(t.z, f.test.z, 1e-7);
    rel(t.p, f.test.p, 1e-7);
  });
});

describe("confusionAt", () => {
  it("coords(roc, 0.205, input = 'threshold') and prop.test(correct = FALSE) Wilson CIs", () => {
    const c = confusionAt(f.s100b, f.outcome, f.at.threshold, "<");
    expect([c.tp, c.fp, c.fn, c.tn]).toEqual([f.at.tp, f.at.fp, f.at.fn, f.at.tn]);
    rel(c.sensitivity, f.at.sensitivity);
    rel(c.specificity, f.at.specificity);
    rel(c.ppv, f.at.ppv);
    rel(c.npv, f.at.npv);
    rel(c.sensitivityCi[0], f.at.sensitivityCi[0]);
    rel(c.sensitivityCi[1], f.at.sensitivityCi[1]);
    rel(c.specificityCi[0], f.at.specificityCi[0]);
    rel(c.specificityCi[1], f.at.specificityCi[1]);
    rel(c.lrPositive, f.at.sensitivity / (1 - f.at.specificity));
  });
  it("Wilson interval of 0/n starts at 0", () => {
    expect(wilsonInterval(0, 10)[0]).toBe(0);
  });
});

describe("precisionRecallCurve", () => {
  it("average precision by hand: scores 4,3,2,1 with outcomes 1,0,1,0", () => {
    // Strictest first: recall 0.5 at precision 1 (score 4), then recall 1 at precision 2/3 (score ≥ 2):
    // AP = 0.5·1 + 0.5·(2/3) = 5/6.
    const pr = precisionRecallCurve([4, 3, 2, 1], [1, 0, 1, 0], {direction: "<"});
    rel(pr.averagePrecision, 5 / 6, 1e-12);
    rel(pr.prevalence, 0.5, 1e-12);
  });
});
