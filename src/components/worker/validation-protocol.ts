/**
 * Messages between the Validation page and its Web Worker (./validation-worker.ts), which reruns the study's
 * bootstraps when a reader asks: Harrell's bootstrap of a model with its predictors fixed, and the bootstrap that
 * re-runs the whole procedure in every resample — never on the page's main thread.
 *
 *   page → worker   {type: "validate", id, cohortCsv, procedure, replicates, seed, fixed}
 *   worker → page   {type: "progress", id, stage, fraction}   stage "fixed" | "procedure", fraction in [0, 1]
 *                   {type: "result", id, fixed, procedure, ms}
 *                   {type: "error", id, message}
 *
 * The cohort's CSV (open mode only) is sent with each request and parsed once per text in the worker. Every
 * answer carries its request's id, so an answer to a superseded request is dropped. No DOM.
 */
import type {Procedure} from "../procedure/procedure.js";
import type {BootstrapValidation} from "../pipeline/validation.js";
import type {ProcedureBootstrapValidation} from "../pipeline/procedure-validation.js";

export interface ValidationRequest {
  type: "validate";
  id: number;
  cohortCsv: string;
  procedure: Procedure;
  replicates: number;
  seed: number;
  /** The fixed-predictor bootstrap of one of the study's models (its predictors and refit method); null to skip. */
  fixed: {predictors: string[]; method: "ml" | "firth"} | null;
}

export type ValidationResponse =
  | {type: "progress"; id: number; stage: "fixed" | "procedure"; fraction: number}
  | {type: "result"; id: number; fixed: BootstrapValidation | null; procedure: ProcedureBootstrapValidation; ms: number}
  | {type: "error"; id: number; message: string};

export function isValidationResponse(value: unknown): value is ValidationResponse {
  if (typeof value !== "object" || value === null) return false;
  const v = value as {type?: unknown; id?: unknown};
  return typeof v.id === "number" && (v.type === "progress" || v.type === "result" || v.type === "error");
}
