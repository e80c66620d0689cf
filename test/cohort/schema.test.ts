// The cohort data dictionary and CSV validation (src/components/cohort/schema.ts). Expected values are the
// reconstruction's specification typed in here, and hand-made CSVs whose errors are known by construction.
import {describe, it, expect} from "vitest";
import {COHORT_COLUMNS, COHORT_SCHEMA, CohortSchemaError, formatCohortCsv, parseCohortCsv} from "../../src/components/cohort/schema.js";

const HEADER = "asd,age,smoking,prior_asd,bmd_t,cement_ml,cement_leakage,cobb_post_deg,height_recovery_pct";
const ROW1 = "1,74,1,0,-3.1,4.2,0,11.4,12.5";
const ROW0 = "0,66,0,1,-2.4,3.0,1,9.6,8.1";

function parseError(text: string): string {
  try {
    parseCohortCsv(text, {source: "test.csv"});
  } catch (e) {
    expect(e).toBeInstanceOf(CohortSchemaError);
    return (e as Error).message;
  }
  throw new Error("expected a CohortSchemaError");
}

describe("cohort schema", () => {
  it("lists the issue's columns in order with units, precision and plausible ranges", () => {
    expect(COHORT_COLUMNS).toEqual(["id", "asd", "age", "smoking", "prior_asd", "bmd_t", "cement_ml", "cement_leakage", "cobb_post_deg", "height_recovery_pct"]);
    const spec = Object.fromEntries(COHORT_SCHEMA.map((c) => [c.name, c]));
    // the specification: age 50–95 whole years; T-score −5.0 to −1.0; cement 1.0–8.0 ml; Cobb 0–30°; recovery 0–30 %, 1 decimal
    expect([spec.age.plausible, spec.age.decimals]).toEqual([[50, 95], 0]);
    expect([spec.bmd_t.plausible, spec.bmd_t.decimals]).toEqual([[-5, -1], 1]);
    expect([spec.cement_ml.plausible, spec.cement_ml.decimals, spec.cement_ml.unit]).toEqual([[1, 8], 1, "ml"]);
    expect([spec.cobb_post_deg.plausible, spec.cobb_post_deg.decimals]).toEqual([[0, 30], 1]);
    expect([spec.height_recovery_pct.plausible, spec.height_recovery_pct.decimals, spec.height_recovery_pct.unit]).toEqual([[0, 30], 1, "%"]);
    for (const b of ["asd", "smoking", "prior_asd", "cement_leakage"]) expect(spec[b].valid).toEqual([0, 1]);
  });

  it("parses a valid file without id, numbering the rows, and round-trips through formatCohortCsv", () => {
    const parsed = parseCohortCsv(`${HEADER}\n${ROW1}\n${ROW0}\n`);
    expect(parsed.rows).toHaveLength(2);
    expect(parsed.rows[0]).toEqual({id: 1, asd: 1, age: 74, smoking: 1, prior_asd: 0, bmd_t: -3.1, cement_ml: 4.2, cement_leakage: 0, cobb_post_deg: 11.4, height_recovery_pct: 12.5});
    expect(parsed.warnings).toEqual([]);
    const csv = formatCohortCsv(parsed.rows);
    expect(csv).toBe(`${COHORT_COLUMNS.join(",")}\n1,${ROW1}\n2,${ROW0.replace("3.0", "3.0")}\n`);
    expect(parseCohortCsv(csv).rows).toEqual(parsed.rows);
  });

  it("accepts columns in any order, ignores extra columns with a warning, and treats empty cells as missing", () => {
    const parsed = parseCohortCsv(`age,asd,smoking,prior_asd,bmd_t,cement_ml,cement_leakage,cobb_post_deg,height_recovery_pct,ward\n74,1,1,0,,4.2,0,11.4,12.5,B\n66,0,0,1,-2.4,3.0,1,9.6,8.1,A\n`, {source: "x.csv"});
    expect(parsed.rows[0].age).toBe(74);
    expect(Number.isNaN(parsed.rows[0].bmd_t)).toBe(true);
    expect(parsed.warnings).toEqual(["x.csv: ignored column not in the schema: ward", 'x.csv: column "bmd_t" has 1 missing value']);
  });

  it("warns, without failing, about values outside the plausible but inside the possible range", () => {
    const parsed = parseCohortCsv(`${HEADER}\n1,48,1,0,-3.1,4.2,0,11.4,12.5\n${ROW0}\n`, {source: "x.csv"});
    expect(parsed.warnings).toEqual(['x.csv: column "age" has 1 value outside the usual range 50 to 95 years, first at data row 1 (spreadsheet row 2) (48); kept']);
  });

  it("names the column and the row of a non-numeric cell", () => {
    expect(parseError(`${HEADER}\n${ROW1}\n0,66,0,1,-2.4,three,1,9.6,8.1\n`)).toBe(
      'test.csv: column "cement_ml", data row 2 (spreadsheet row 3): "three" is not a number; expected Cement volume in ml, usually 1 to 8 (e.g. 4.5)'
    );
  });

  it("names a missing column", () => {
    expect(parseError("asd,age,smoking,prior_asd,bmd_t,cement_leakage,cobb_post_deg,height_recovery_pct\n1,74,1,0,-3.1,0,11.4,12.5\n")).toBe(
      'test.csv: missing column "cement_ml"; the header must name asd, age, smoking, prior_asd, bmd_t, cement_ml, cement_leakage, cobb_post_deg, height_recovery_pct (id optional). Found: asd, age, smoking, prior_asd, bmd_t, cement_leakage, cobb_post_deg, height_recovery_pct'
    );
  });

  it("rejects a binary column coded other than 0/1, naming column and row", () => {
    expect(parseError(`${HEADER}\n${ROW1}\n0,66,yes,1,-2.4,3.0,1,9.6,8.1\n`)).toBe(
      'test.csv: column "smoking", data row 2 (spreadsheet row 3): "yes" is not a number; code smoking history as 1 = yes, 0 = no'
    );
    expect(parseError(`${HEADER}\n${ROW1}\n0,66,2,1,-2.4,3.0,1,9.6,8.1\n`)).toBe('test.csv: column "smoking", data row 2 (spreadsheet row 3): "2" is not 0 or 1; code smoking history as 1 = yes, 0 = no');
  });

  it("rejects impossible values, a missing outcome, ragged rows, duplicate ids, one outcome only, empty files", () => {
    expect(parseError(`${HEADER}\n${ROW1}\n0,66,0,1,2.4e1,3.0,1,9.6,8.1\n`)).toBe(
      'test.csv: column "bmd_t", data row 2 (spreadsheet row 3): 24 is outside the possible range -8 to 4 (T-score); expected BMD (T-score) in T-score, usually -5 to -1 (e.g. -3.0)'
    );
    expect(parseError(`${HEADER}\n${ROW1}\n,66,0,1,-2.4,3.0,1,9.6,8.1\n`)).toBe('test.csv: column "asd", data row 2 (spreadsheet row 3): the value is missing; every patient needs an outcome (0 or 1)');
    expect(parseError(`${HEADER}\n${ROW1}\n0,66,0,1,-2.4,3.0,1,9.6\n`)).toBe("test.csv: data row 2 (spreadsheet row 3) has 8 fields but the header has 9. Check that row for an extra or missing comma, or a quote (\") that is not closed.");
    expect(parseError(`id,${HEADER}\n7,${ROW1}\n7,${ROW0}\n`)).toBe('test.csv: column "id", data row 2 (spreadsheet row 3): id 7 repeats data row 1 (spreadsheet row 2); ids must be unique');
    expect(parseError(`${HEADER}\n${ROW1}\n${ROW1}\n`)).toBe('test.csv: column "asd" has only the value 1; both outcomes (0 and 1) are needed');
    expect(parseError("")).toBe("test.csv: the file is empty: it has no header and no rows. Choose a CSV file with a header row of column names and one row per patient.");
    expect(parseError(`${HEADER}\n`)).toBe('test.csv: the file has a header (9 columns: "asd", "age", "smoking", "prior_asd", "bmd_t", "cement_ml", "cement_leakage", "cobb_post_deg", "height_recovery_pct") but no data rows. Add one row per patient under the header.');
  });

  it("warns about patients identical in every column but id, naming the rows", () => {
    const parsed = parseCohortCsv(`${HEADER}\n${ROW1}\n${ROW0}\n\n${ROW1}\n`, {source: "x.csv"});
    expect(parsed.warnings).toEqual([
      "x.csv: 1 patient is identical to an earlier one in every column but id (data row 3 (spreadsheet row 5) repeats data row 1 (spreadsheet row 2)): check for rows entered twice; they are kept"
    ]);
  });

  it("reads the missing-value tokens of the table layer (NULL, na, '.') as missing", () => {
    const parsed = parseCohortCsv(`${HEADER}\n1,74,1,0,NULL,4.2,0,.,12.5\n${ROW0}\n`);
    expect([Number.isNaN(parsed.rows[0]!.bmd_t), Number.isNaN(parsed.rows[0]!.cobb_post_deg)]).toEqual([true, true]);
  });
});
