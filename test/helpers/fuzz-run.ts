// One hostile file through what analyze does (readers → typed table → pipeline → JSON), classified: "ok" with the
// document, "refused" with a one-line AnalysisError, or a failure class (a crash, a message that is not one line or
// names no place, a non-finite number in the model or a test with no warning or reason saying why).
import {readTableFile} from "../../src/components/cohort/readers/index.js";
import {typedTable} from "../../src/components/cohort/typed-table.js";
import {AnalysisError} from "../../src/components/cohort/table.js";
import {runPipeline} from "../../src/components/pipeline/pipeline.js";
import {fitAllProcedure} from "../../src/components/procedure/procedure.js";
import {toJsonDocument} from "../../src/components/json-safe.js";
import type {HostileFile} from "./hostile-csv.js";

export type FuzzOutcome =
  | {kind: "ok"; document: Record<string, unknown> & {nonFinite: {pointer: string; value: string}[]}}
  | {kind: "refused"; code: string; message: string}
  | {kind: "crash" | "unplaced-message" | "silent-non-finite"; detail: string};

/** Codes whose message must say where (a column or a row). */
const PLACED: Record<string, RegExp> = {
  parse: /data row \d+ \(spreadsheet row \d+\)/,
  "number-format": /column ".*", data row \d+ \(spreadsheet row \d+\)/,
  header: /column|header/i,
  column: /column/i,
  outcome: /"/
};

export function runHostile(file: HostileFile, {firth = false}: {firth?: boolean} = {}): FuzzOutcome {
  let json: string;
  try {
    const read = readTableFile(file.bytes, {fileName: file.name});
    const procedure = fitAllProcedure(file.outcome, file.predictors, {event: file.event, estimate: firth ? "firth" : "ml"});
    const result = runPipeline(typedTable(read.table), procedure);
    json = toJsonDocument({...result, input: {file: file.name, bytes: file.bytes.length, reader: "whole-file", format: read.format, description: read.description}});
  } catch (e) {
    if (!(e instanceof AnalysisError)) return {kind: "crash", detail: `${(e as Error).name}: ${(e as Error).message}`};
    if (e.message.includes("\n") || e.message.length === 0) return {kind: "unplaced-message", detail: e.message};
    const placed = PLACED[e.code];
    if (placed && !placed.test(e.message)) return {kind: "unplaced-message", detail: `${e.code}: ${e.message}`};
    return {kind: "refused", code: e.code, message: e.message};
  }
  const document = JSON.parse(json) as Extract<FuzzOutcome, {kind: "ok"}>["document"];
  const warnings = (document.warnings as string[]).join(" ");
  for (const {pointer, value} of document.nonFinite) {
    // the model's terms: a non-finite estimate, SE or p must come with a warning (separation, no convergence, …)
    if (/^\/model\/terms\/\d+\/(estimate|se|z|p)$/.test(pointer) && !/separat|converge|numerically 0 or 1|collinear|infinite|non-finite/i.test(warnings)) {
      return {kind: "silent-non-finite", detail: `${pointer} = ${value} with warnings: ${warnings.slice(0, 200)}`};
    }
    // an AUC's CI or SE that is not a number must come with a warning about DeLong's variance
    if (/^\/roc\/\d+\/(se|ciLower|ciUpper)$/.test(pointer) && !/DeLong/.test(warnings)) {
      return {kind: "silent-non-finite", detail: `${pointer} = ${value} with no DeLong warning`};
    }
    // a Table 1 test's p that is not a number must say why
    const test = /^\/univariate\/(\d+)\/p$/.exec(pointer);
    if (test) {
      const row = (document.univariate as {reason?: string | null}[])[Number(test[1])]!;
      if (!row.reason) return {kind: "silent-non-finite", detail: `${pointer} = ${value} with no reason`};
    }
  }
  return {kind: "ok", document};
}
