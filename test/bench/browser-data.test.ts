import {describe, expect, it} from "vitest";
import {cohortCsv} from "../../bench/browser-data.js";
import {parseCsvTable} from "../../src/components/cohort/table.js";

describe("the browser cases' generated file", () => {
  it("has the outcome and p − 1 predictors, one row per patient, the same bytes for the same seed", () => {
    const a = cohortCsv({rows: 500, columns: 6, seed: 3});
    const table = parseCsvTable(a.csv);
    expect(table.columns).toEqual(["y", "x1", "x2", "x3", "x4", "x5"]);
    expect(table.rows.length).toBe(500);
    // the events counted from the text are the generator's
    expect(table.rows.filter((r) => r[0] === "1").length).toBe(a.events);
    expect(table.rows.every((r) => r[0] === "0" || r[0] === "1")).toBe(true);
    expect(cohortCsv({rows: 500, columns: 6, seed: 3}).csv).toBe(a.csv);
    expect(cohortCsv({rows: 500, columns: 6, seed: 4}).csv).not.toBe(a.csv);
  });

  it("refuses a file without a predictor", () => {
    expect(() => cohortCsv({rows: 10, columns: 1, seed: 1})).toThrow("columns must be an integer >= 2");
  });
});
