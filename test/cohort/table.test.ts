// CSV parsing (src/components/cohort/table.ts) and column detection (src/components/cohort/columns.ts).
// Expected values are hand-written from the CSV text in each test.
import {describe, it, expect} from "vitest";
import {parseCsvTable} from "../../src/components/cohort/table.js";
import {detectColumn, detectColumns, isMissing, mixedColumnError, parseNumber} from "../../src/components/cohort/columns.js";
import {errorOf} from "../helpers/errors.js";


describe("parseCsvTable", () => {
  it("parses RFC 4180 text: quotes, embedded commas and quotes, CRLF, BOM, blank lines, trimming", () => {
    const text = '\ufeffid, name ,note\r\n1,"Smith, J","said ""hi"""\r\n\r\n2, Lee ,\n\n';
    const table = parseCsvTable(text, {source: "x.csv"});
    expect(table.columns).toEqual(["id", "name", "note"]);
    expect(table.rows).toEqual([
      ["1", "Smith, J", 'said "hi"'],
      ["2", "Lee", ""]
    ]);
    expect(table.source).toBe("x.csv");
  });

  it("empty text is an error naming the file", () => {
    const e = errorOf(() => parseCsvTable(" \n\n", {source: "empty.csv"}));
    expect(e.code).toBe("empty");
    expect(e.message).toBe("empty.csv: the file is empty: it has no header and no rows. Choose a CSV file with a header row of column names and one row per patient.");
  });

  it("a header without rows is an error listing the columns", () => {
    const e = errorOf(() => parseCsvTable("age,asd\n"));
    expect(e.code).toBe("header-only");
    expect(e.message).toBe('the file has a header (2 columns: "age", "asd") but no data rows. Add one row per patient under the header.');
  });

  it("duplicate and blank column names are errors saying which columns", () => {
    const dup = errorOf(() => parseCsvTable("age,sex,age\n1,F,2\n"));
    expect(dup.code).toBe("header");
    expect(dup.where.column).toBe("age");
    expect(dup.message).toBe('the column name "age" appears twice in the header (columns 1 and 3). Rename one so that every column name is unique.');
    const blank = errorOf(() => parseCsvTable("age, ,asd\n1,2,0\n"));
    expect(blank.message).toBe("column 2 of the header has no name (blank). Give every column a name in the first row.");
  });

  it("a row with the wrong number of fields names its data row and spreadsheet row", () => {
    const e = errorOf(() => parseCsvTable("a,b\n1,2\n3,4,5\n"));
    expect(e.code).toBe("parse");
    expect(e.where.rows).toEqual([2]);
    expect(e.message).toBe('data row 2 (spreadsheet row 3) has 3 fields but the header has 2. Check that row for an extra or missing comma, or a quote (") that is not closed.');
  });

  it("recognises files that are not CSV", () => {
    expect(errorOf(() => parseCsvTable("PK\u0003\u0004\u0014\u0000\u0006\u0000binary")).message).toBe(
      "this is not a CSV file: it is a ZIP archive (an Excel .xlsx or OpenDocument .ods workbook?); save the sheet as CSV (comma-separated) and choose that file."
    );
    expect(errorOf(() => parseCsvTable("%PDF-1.7\n...")).code).toBe("not-csv");
    expect(errorOf(() => parseCsvTable("<!DOCTYPE html><html></html>")).message).toMatch(/HTML\/XML document/);
    expect(errorOf(() => parseCsvTable('[{"age": 61}]')).message).toMatch(/looks like JSON/);
    expect(errorOf(() => parseCsvTable("a\u0000b,c\n")).message).toMatch(/binary data \(NUL bytes\)/);
    const semicolons = errorOf(() => parseCsvTable("age;asd\n61;0\n"));
    expect(semicolons.code).toBe("not-csv");
    expect(semicolons.message).toBe(
      'this is not a comma-separated file: the header "age;asd" is one column whose name contains semicolons. Save the file as CSV with commas between fields (in a spreadsheet: Save as → CSV, comma-separated).'
    );
  });
});

describe("column detection", () => {
  it("missing tokens: blank, NA, NaN, '.', null in any case; nothing else", () => {
    for (const cell of ["", " ", "NA", "na", "NaN", "nan", ".", "null", "NULL", " NA "]) expect(isMissing(cell)).toBe(true);
    for (const cell of ["0", "?", "-", "N/A", "none", "unknown", ".."]) expect(isMissing(cell)).toBe(false);
  });

  it("numbers: plain and scientific with a '.' decimal point; not units, commas, Inf or hex", () => {
    expect([parseNumber("-1"), parseNumber("2.5"), parseNumber(".5"), parseNumber("1e-3"), parseNumber("+4"), parseNumber("5.")]).toEqual([-1, 2.5, 0.5, 0.001, 4, 5]);
    for (const cell of ["1,5", "12 mg", "<5", "Inf", "Infinity", "0x10", "1 000", "", "e5"]) expect(parseNumber(cell)).toBeNaN();
  });

  it("kinds: numeric (with min/max, levels), text, empty", () => {
    const table = parseCsvTable("age,sex,note,asd\n61,F,NA,0\nNA,M,,1\n70,F,.,1\n");
    const [age, sex, note, asd] = detectColumns(table);
    expect(age).toMatchObject({name: "age", index: 0, kind: "numeric", missing: 1, present: 2, distinct: 2, min: 61, max: 70, levels: ["61", "70"]});
    expect(sex).toMatchObject({kind: "text", distinct: 2, levels: ["F", "M"]});
    expect(note).toMatchObject({kind: "empty", missing: 3, present: 0});
    expect(asd).toMatchObject({kind: "numeric", distinct: 2, levels: ["0", "1"]});
  });

  it("a mostly numeric column with stray text is 'mixed', and its error names the column and first rows", () => {
    const rows = ["61", "70", "n/a", "55", "unknown", "66", "58", "<60", "63", "60", "x", "y", "z", "62", "64", "65", "67"];
    const table = parseCsvTable("age\n" + rows.join("\n") + "\n");
    const info = detectColumn(table, "age");
    expect(info.kind).toBe("mixed");
    expect(info.nonNumeric).toEqual({count: 6, rows: [3, 5, 8, 11, 12], values: ["n/a", "unknown", "<60", "x", "y"]});
    const e = mixedColumnError(info);
    expect(e.where).toEqual({column: "age", rows: [3, 5, 8, 11, 12]});
    expect(e.message).toBe(
      'Column "age" is mostly numeric (11 numbers) but 6 cells are not a number — data row 3 (spreadsheet row 4): "n/a"; data row 5 (spreadsheet row 6): "unknown"; ' +
        'data row 8 (spreadsheet row 9): "<60"; data row 11 (spreadsheet row 12): "x"; data row 12 (spreadsheet row 13): "y", and 1 more. ' +
        "Rows are counted from the first row under the header (data row 1 = spreadsheet row 2). " +
        'Correct those cells, or leave them blank or NA to mark a missing value; numbers use "." as the decimal point, without units.'
    );
  });

  it("a text column with a few number-like labels stays text", () => {
    const table = parseCsvTable("grade\nlow\nhigh\n1\nmid\n");
    expect(detectColumn(table, "grade").kind).toBe("text");
  });

  it("an unknown column is an error listing the columns", () => {
    const table = parseCsvTable("a,b\n1,2\n");
    expect(() => detectColumn(table, "c")).toThrow('There is no column "c". Columns in the file: "a", "b".');
  });
});

describe("spreadsheet row numbers", () => {
  it("count blank lines as rows, as a spreadsheet shows them (header = row 1)", () => {
    // rows as LibreOffice shows this file: 1 header, 2 "1,0", 3 blank, 4 "2,1", 5 "x,0"
    const t = parseCsvTable("a,y\n1,0\n\n2,1\nx,0\n");
    expect(t.rowNumbers).toEqual([2, 4, 5]);
    expect(() => parseCsvTable("a,y\n1,0\n\n2,1,3\n")).toThrow(/data row 2 \(spreadsheet row 4\) has 3 fields/);
  });
});
