/**
 * Messages between the teaching page and its simulation worker (./worker.ts). The page sends the cohort's CSV and
 * the published figures (the worker builds the same population the page does), the study size, seed, number of
 * studies and the procedures; the worker answers with the studies' records in chunks as they are computed, then
 * "done" with the time the run took in the worker. Study b's record depends on (seed, b, n) alone, so chunks
 * carry no state: the page concatenates them in order.
 *
 * Pure types and a guard. @example isSimulationResponse({type: "done", id: 1, total: 10, elapsedMs: 5}) // true
 */
import type {Published} from "../study/study.js";
import type {TeachingProcedureKey} from "./procedures.js";
import type {StudyRecord} from "./simulate.js";

/** The most studies one run computes (records are kept in the page's memory). */
export const MAX_STUDIES = 10000;

export interface SimulationRequest {
  type: "simulate";
  id: number;
  cohortCsv: string;
  published: Published;
  n: number;
  seed: number;
  /** Studies from..to−1 (0-based indices). */
  from: number;
  to: number;
  procedures: TeachingProcedureKey[];
}

export type SimulationResponse =
  | {type: "studies"; id: number; records: StudyRecord[]; done: number; total: number; elapsedMs: number}
  | {type: "done"; id: number; total: number; elapsedMs: number}
  | {type: "error"; id: number; message: string};

export function isSimulationResponse(value: unknown): value is SimulationResponse {
  if (typeof value !== "object" || value === null) return false;
  const v = value as {type?: unknown; id?: unknown};
  return (v.type === "studies" || v.type === "done" || v.type === "error") && typeof v.id === "number";
}
