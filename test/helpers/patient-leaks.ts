/**
 * Where a published text would disclose a patient: each check the private-mode tests apply to the loader's archive
 * and to a whole built site. Returns the findings (empty when the texts are clean), so a test can print them all.
 *
 * A text leaks when it holds a cohort row as its CSV line, the row's values without the id joined by any common
 * separator, the tuple of one patient's measured values together in one short JSON array, the folder the private
 * file lives in, or any absolute path of a machine.
 */
import {COHORT_SCHEMA, formatCohortCsv, type CohortRow} from "../../src/components/cohort/schema.js";

export interface PublishedText {
  name: string;
  text: string;
}

const SEPARATORS = [",", ", ", ";", "\t", '","'];
const ABSOLUTE_PATH = /\/(tmp|home|root|work|Users)\//;

export function patientLeaks(texts: readonly PublishedText[], rows: readonly CohortRow[], privateFolder: string): string[] {
  const findings: string[] = [];
  const lines = formatCohortCsv(rows).trim().split("\n").slice(1);
  const measured = COHORT_SCHEMA.filter((c) => c.kind === "continuous").map((c) => c.name);
  for (const {name, text} of texts) {
    if (text.includes(privateFolder)) findings.push(`${name} names the folder of the private file`);
    const path = ABSOLUTE_PATH.exec(text);
    if (path) findings.push(`${name} holds an absolute path (${text.slice(Math.max(0, path.index - 20), path.index + 40)})`);
    for (const line of lines) {
      const cells = line.split(",");
      if (text.includes(line)) findings.push(`${name} holds patient ${cells[0]}'s line`);
      const values = cells.slice(1);
      for (const sep of SEPARATORS) if (text.includes(values.join(sep))) findings.push(`${name} holds patient ${cells[0]}'s values joined by ${JSON.stringify(sep)}`);
    }
    if (name.endsWith(".json") || name.endsWith(".js")) {
      const arrays = [...text.matchAll(/\[[^[\]]*\]/g)].map((m) => m[0]);
      for (const r of rows.slice(0, 40)) {
        const tuple = measured.map((c) => String((r as unknown as Record<string, number>)[c]));
        if (arrays.some((a) => tuple.every((v) => a.includes(v)) && a.split(",").length <= 2 * tuple.length)) findings.push(`${name} holds patient ${r.id}'s measurements as one array`);
      }
    }
  }
  return findings;
}
