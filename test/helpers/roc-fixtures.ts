// pROC's results for the markers of test/fixtures/roc.R (R 4.2.2, pROC 1.18.0), in test/fixtures/roc-*.json, and
// the seven curves both the ROC and the DeLong tests check: the same data, so the two agree on what they test.
import {readFileSync} from "node:fs";

export const loadFixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8"));
export const asah = loadFixture("roc-asah.json");
export const reversed = loadFixture("roc-reversed.json");
export const sim = loadFixture("roc-simulated.json");
const csv = readFileSync(new URL("../fixtures/roc-simulated.csv", import.meta.url), "utf8").trim().split("\n").slice(1).map((l) => l.split(",").map(Number));
export const simData = {outcome: csv.map((r) => r[0]!), a: csv.map((r) => r[1]!), b: csv.map((r) => r[2]!)};

/** [name, marker, outcome, pROC's curve]: the aSAH markers, the simulated pair and the two negated aSAH markers. */
export function pROCCurves<Ref>(): [string, number[], number[], Ref][] {
  return [
    ["aSAH s100b", asah.s100b, asah.outcome, asah.curves.s100b],
    ["aSAH ndka", asah.ndka, asah.outcome, asah.curves.ndka],
    ["aSAH wfns (5 levels, ties)", asah.wfns, asah.outcome, asah.curves.wfns],
    ["simulated a (ties)", simData.a, simData.outcome, sim.curves.a],
    ["simulated b (ties)", simData.b, simData.outcome, sim.curves.b],
    ["-s100b ('>')", reversed.s100bNeg, reversed.outcome, reversed.curves.s100bNeg],
    ["-ndka ('>')", reversed.ndkaNeg, reversed.outcome, reversed.curves.ndkaNeg]
  ];
}
