/**
 * The "Your own cohort" worker's pieces that run without a browser: the choices check, carrying choices over to a
 * corrected file, the size check made before a file is read, the chunked bootstrap (which must equal one call to
 * the engine's optimismBootstrap with the same seed, to the last bit), and the drawing extras computed beside the
 * analysis document (same complete cases and markers as the CLI's JSON). Reference values: the engine itself
 * (optimismBootstrap, the pipeline), which is pinned to R in test/stats, test/procedure and test/pipeline.
 */
import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {parseCsvTable} from "../../src/components/cohort/table.js";
import {detectColumns} from "../../src/components/cohort/columns.js";
import {typedTable} from "../../src/components/cohort/typed-table.js";
import {prepareData} from "../../src/components/cohort/prepare.js";
import {runPipelineOnData} from "../../src/components/pipeline/pipeline.js";
import {chunkedBootstrap} from "../../src/components/pipeline/validation.js";
import {designFor} from "../../src/components/procedure/run.js";
import {fitLogistic} from "../../src/components/stats/logistic.js";
import {fitFirth} from "../../src/components/stats/firth.js";
import {optimismBootstrap} from "../../src/components/stats/optimism-bootstrap.js";
import {confusionFromPrepared} from "../../src/components/stats/roc.js";
import {DEFAULT_SEED, MAX_FILE_BYTES, choicesProcedure, isWorkerResponse, validateChoices, type AnalysisChoices, type LoadedTable} from "../../src/components/worker/protocol.js";
import {checkFileSize} from "../../src/components/worker/client.js";
import {drawingExtras, thinCurve} from "../../src/components/worker/extras.js";
import {reconcileChoices, defaultPositive} from "../../src/components/yourData/choicesForm.js";

const text = readFileSync("e2e/fixtures/good.csv", "utf8");
const table = parseCsvTable(text, {source: "good.csv"});
const choices: AnalysisChoices = {outcome: "asd", positive: "1", predictors: ["age", "bmd_t", "cement_ml", "smoking", "level", "@score"], firth: false, replicates: 30, seed: DEFAULT_SEED};

function loaded(t = table): LoadedTable {
  return {fileName: "good.csv", bytes: 0, rows: t.rows.length, columns: detectColumns(t), preview: [], parseMs: 0};
}

describe("validateChoices", () => {
  const columns = table.columns;
  it("accepts a complete set of choices", () => {
    expect(validateChoices(choices, columns)).toBeNull();
  });
  it("names what is missing or wrong", () => {
    expect(validateChoices({...choices, outcome: ""}, columns)).toMatch(/outcome column/);
    expect(validateChoices({...choices, predictors: []}, columns)).toMatch(/at least one candidate predictor/);
    expect(validateChoices({...choices, predictors: ["age", "weight"]}, columns)).toMatch(/weight/);
    expect(validateChoices({...choices, predictors: ["asd"]}, columns)).toMatch(/cannot also be a predictor/);
    expect(validateChoices({...choices, replicates: 5}, columns)).toMatch(/10 to 2000/);
    expect(validateChoices({...choices, replicates: 20.5}, columns)).toMatch(/whole number/);
  });
});

describe("reconcileChoices: a corrected file keeps the choices whose columns still exist", () => {
  it("keeps everything when the columns are the same", () => {
    const {choices: kept, dropped} = reconcileChoices(choices, loaded());
    expect(kept).toEqual(choices);
    expect(dropped).toEqual([]);
  });
  it("drops only the predictors that are gone, and says so", () => {
    const fewer = parseCsvTable("age,bmd_t,asd\n70,-2,0\n80,-3,1\n75,-2.5,0\n");
    const {choices: kept, dropped} = reconcileChoices(choices, loaded(fewer));
    expect(kept.outcome).toBe("asd");
    expect(kept.positive).toBe("1");
    expect(kept.predictors).toEqual(["age", "bmd_t"]);
    expect(kept.replicates).toBe(30);
    expect(dropped).toEqual(["predictors “cement_ml”, “smoking”, “level”, “@score”"]);
  });
  it("clears an outcome that is gone, and an event value that no longer occurs", () => {
    const other = parseCsvTable("age,dead\n70,no\n80,yes\n");
    const {choices: kept} = reconcileChoices({...choices, outcome: "dead", positive: "1"}, loaded(other));
    expect(kept.outcome).toBe("dead");
    expect(kept.positive).toBe("yes"); // "1" is not a value of dead: the default for a no/yes outcome
    expect(reconcileChoices(choices, loaded(other)).choices.outcome).toBe("");
    expect(reconcileChoices(choices, loaded(other)).dropped[0]).toBe("outcome “asd”");
  });
  it("preselects 1 as the event value of a 0/1 outcome, yes of no/yes, and nothing for 1/2 or other words", () => {
    const columns = detectColumns(table);
    expect(defaultPositive(columns.find((c) => c.name === "asd"))).toBe("1");
    expect(defaultPositive(columns.find((c) => c.name === "smoking"))).toBe("yes");
    const coded = detectColumns(parseCsvTable("spss,words\n1,alive\n2,dead\n1,alive\n"));
    expect(defaultPositive(coded[0])).toBe(""); // SPSS's 1 = no, 2 = yes: the reader chooses
    expect(defaultPositive(coded[1])).toBe("");
  });
});

describe("checkFileSize: refused before reading, with the limit", () => {
  it("states the file's size and the limit", () => {
    expect(checkFileSize({size: MAX_FILE_BYTES + 1, name: "big.csv"})).toMatch(/“big\.csv” is 50\.0 MB; this page handles files up to 50\.0 MB/);
    expect(checkFileSize({size: 0, name: "e.csv"})).toMatch(/empty/);
    expect(checkFileSize({size: 1000, name: "ok.csv"})).toBeNull();
  });
});

describe("isWorkerResponse", () => {
  it("recognises the worker's messages only", () => {
    expect(isWorkerResponse({type: "progress", id: 1, stage: "fitting", fraction: 0.5})).toBe(true);
    expect(isWorkerResponse({type: "result", id: 2})).toBe(true);
    expect(isWorkerResponse({type: "other", id: 2})).toBe(false);
    expect(isWorkerResponse({type: "error"})).toBe(false);
    expect(isWorkerResponse(null)).toBe(false);
  });
});

const procedure = choicesProcedure(choices);
const data = prepareData(typedTable(table), {outcome: procedure.outcome, event: procedure.event, candidates: procedure.candidates});

describe("chunkedBootstrap equals one optimismBootstrap call with the same seed", () => {
  it.each([["ml", 37], ["firth", 12]] as const)("%s, B = %i", (method, replicates) => {
    const design = designFor(data, choices.predictors);
    const y = data.y;
    const done: number[] = [];
    const original = method === "firth" ? fitFirth(design, y) : fitLogistic(design, y);
    const chunked = chunkedBootstrap(design, y, {replicates, seed: 99, method, original}, (d) => done.push(d));
    const single = optimismBootstrap(design, y, {replicates, seed: 99, method});
    expect(chunked.apparent).toEqual(single.apparent);
    expect(chunked.optimism).toEqual(single.optimism); // bit for bit
    expect(chunked.corrected).toEqual(single.corrected);
    expect(chunked.failed).toEqual(single.failed);
    expect(chunked.used).toBe(single.used);
    expect(Array.from(chunked.optimismByReplicate.auc)).toEqual(Array.from(single.optimismByReplicate.auc));
    expect(done[done.length - 1]).toBe(replicates);
    expect(done.length).toBeGreaterThan(1);
  });
});

describe("the worker's analysis: the pipeline's document and the drawing extras", () => {
  const stages: string[] = [];
  const {result: cli, run} = runPipelineOnData(data, procedure, {bootstrap: {replicates: choices.replicates, seed: choices.seed}, onProgress: (stage) => stages.push(stage)});
  const extras = drawingExtras(data, run, cli);

  it("uses the document's complete cases and markers, the model first", () => {
    expect(extras.outcome.length).toBe(cli.n);
    expect(extras.outcome.reduce((s, v) => s + v, 0)).toBe(cli.events);
    expect(extras.markers.map((m) => m.key)).toEqual(["model", ...cli.roc.filter((r) => r.marker !== "model").map((r) => r.marker)]);
    expect(extras.markers.every((m) => m.cases.length === cli.events && m.controls.length === cli.n - cli.events)).toBe(true);
    expect(stages).toContain("bootstrap");
  });

  it("gives the document's Youden sensitivity and specificity at the document's threshold", () => {
    for (const marker of extras.markers) {
      const entry = cli.roc.find((r) => r.marker === marker.key)!;
      const at = confusionFromPrepared(marker, entry.threshold!);
      expect(at.sensitivity).toBe(entry.sensitivity);
      expect(at.specificity).toBe(entry.specificity);
    }
  });

  it("the document carries bootstrap, calibration and the decision curve", () => {
    const boot = cli.validation!.fixed!;
    expect(boot.indices.map((r) => r.label)[0]).toBe("AUC (c statistic)");
    const auc = boot.indices[0]!;
    expect(auc.apparent).toBeCloseTo(cli.roc.find((r) => r.marker === "model")!.auc!, 12); // same fit, same AUC
    expect(auc.corrected).toBeCloseTo(auc.apparent - auc.optimism, 14);
    expect(cli.calibration!.slope).toBeCloseTo(1, 8); // an ML fit is perfectly calibrated in-sample (slope 1)
    expect(cli.decisionCurve).toHaveLength(99);
  });
});

describe("thinCurve", () => {
  it("keeps short curves whole and both ends of long ones", () => {
    expect(thinCurve([1, 0.5, 0], [0, 0.5, 1]).sensitivities).toEqual([1, 0.5, 0]);
    const n = 5000;
    const sens = Array.from({length: n}, (_, i) => 1 - i / (n - 1));
    const thin = thinCurve(sens, sens.map((s) => 1 - s), 100);
    expect(thin.sensitivities).toHaveLength(100);
    expect(thin.sensitivities[0]).toBe(1);
    expect(thin.sensitivities[99]).toBe(0);
  });
});
