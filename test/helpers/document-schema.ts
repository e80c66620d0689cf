// Validates an analysis document against the committed JSON Schema (schema/analysis.schema.json, generated from the
// TypeScript types by scripts/schema.ts), with ajv. Every test that runs `analyze` checks its stdout with it.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import Ajv from "ajv";
import {root} from "./run-script.js";

const ajv = new Ajv({allErrors: true, strict: false});
const validate = ajv.compile(JSON.parse(readFileSync(join(root, "schema/analysis.schema.json"), "utf8")));

/** The schema's complaints about a parsed document ([] when it conforms). */
export function schemaErrors(document: unknown): string[] {
  return validate(document) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ""}`);
}

const validateReport = ajv.compile(JSON.parse(readFileSync(join(root, "schema/external-validation.schema.json"), "utf8")));

/** The external-validation report schema's complaints (schema/external-validation.schema.json); [] when it conforms. */
export function validationSchemaErrors(document: unknown): string[] {
  return validateReport(document) ? [] : (validateReport.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ""}`);
}
