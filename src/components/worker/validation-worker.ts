/**
 * The Validation page's Web Worker: reruns the fixed-predictor bootstrap (../pipeline/validation.ts
 * chunkedBootstrap, as the build) and the whole-procedure bootstrap (../pipeline/procedure-validation.ts) on the
 * cohort's rows with the reader's procedure, B and seed, posting progress. Messages: ./validation-protocol.ts.
 * Bundled into one script by src/data/validation-worker.js.ts. No statistics here: every number is the engine's.
 */
import {parseCohortCsv} from "../cohort/schema.js";
import type {PreparedData} from "../cohort/prepare.js";
import {studyData} from "../study/study.js";
import {designFor, fitBy} from "../procedure/run.js";
import {bootstrapValidation, chunkedBootstrap} from "../pipeline/validation.js";
import {procedureValidation} from "../pipeline/procedure-validation.js";
import type {ValidationRequest, ValidationResponse} from "./validation-protocol.js";
import {serveRequests} from "./serve.js";

let cached: {text: string; data: PreparedData} | null = null;

function dataOf(text: string): PreparedData {
  if (cached?.text !== text) cached = {text, data: studyData(parseCohortCsv(text, {source: "cohort.csv"}).rows, "cohort.csv")};
  return cached.data;
}

serveRequests<ValidationRequest, ValidationResponse>("validate", (request, post) => {
  const {id, replicates, seed, procedure, fixed} = request;
  const started = performance.now();
  const data = dataOf(request.cohortCsv);
  let fixedResult = null;
  if (fixed) {
    const design = designFor(data, fixed.predictors);
    const original = fitBy(fixed.method, design, data.y);
    fixedResult = bootstrapValidation(
      chunkedBootstrap(design, data.y, {replicates, seed, method: fixed.method, original}, (done) => post({type: "progress", id, stage: "fixed", fraction: done / replicates})),
      seed
    );
  }
  const result = procedureValidation(data, procedure, {replicates, seed, onProgress: (fraction) => post({type: "progress", id, stage: "procedure", fraction})});
  post({type: "result", id, fixed: fixedResult, procedure: result, ms: performance.now() - started});
});
