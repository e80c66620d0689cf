// Readers of clinicians' files (src/components/cohort/readers/). Fixtures in test/fixtures/readers/ were written by
// LibreOffice Calc 7.4 (German and English locales) and openpyxl 3.0 from one small cohort
// (test/fixtures/readers/make-fixtures.sh holds the source table); every expected value below is read off that
// source by hand: the numbers as typed there, the dates as entered, the blank spreadsheet row 4.
import {readFileSync} from "node:fs";
import {strToU8, zipSync} from "fflate";
import {describe, expect, it} from "vitest";
import {parseCsvTable, spreadsheetRow, describeTableRow} from "../../src/components/cohort/table.js";
import {
  classifyNumber, columnLetters, decodeText, detectDialect, excelSerialToIso, isDateFormatCode, listSheets, parseDelimited,
  readTableFile, readXlsx, sniffFormat
} from "../../src/components/cohort/readers/index.js";
import {errorOf} from "../helpers/errors.js";

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/readers/${name}`, import.meta.url)));


// The source table of make-fixtures.sh, as every reader must return it.
const COHORT_COLUMNS = ["id", "age", "bmd_t", "surgery_date", "weight_kg", "height_m", "bmi", "note", "asd"];
const COHORT_ROWS = [
  ["1", "61", "-2.5", "2021-03-04", "70", "1.75", "22.8571428571429", "Smith; J, seen twice", "0"],
  ["2", "70", "-3.125", "2021-06-15", "58.5", "1.6", "22.8515625", "", "1"],
  ["3", "82", "-1.75", "2022-01-20", "75", "1.7", "25.9515570934256", 'läsion "L1"', "0"]
];
// Spreadsheet row 4 is empty: the third patient is on row 5.
const COHORT_ROW_NUMBERS = [2, 3, 5];

describe("readTableFile on files as programs write them", () => {
  it("a European CSV (LibreOffice, German locale): semicolons and decimal commas, detected and converted", () => {
    const read = readTableFile(fixture("european-semicolon-decimal-comma.csv"), {fileName: "de.csv"});
    expect(read.table.columns).toEqual(COHORT_COLUMNS);
    expect(read.table.rows).toEqual(COHORT_ROWS);
    expect(read.table.rowNumbers).toEqual(COHORT_ROW_NUMBERS);
    expect(read.format.kind).toBe("delimited");
    if (read.format.kind !== "delimited") return;
    expect(read.format.dialect).toEqual({delimiter: ";", decimal: ","});
    expect(read.format.detected.confident).toBe(true);
    expect(read.format.encoding).toBe("utf-8");
    expect(read.description).toBe("Read as semicolon-separated, decimal comma text (UTF-8): 3 data rows under a header of 9 columns.");
  });

  it("a comma CSV whose decimal-comma numbers are quoted (the same locale with a comma delimiter)", () => {
    const read = readTableFile(fixture("comma-quoted-decimal-comma.csv"));
    expect(read.table.rows).toEqual(COHORT_ROWS);
    expect(read.table.rowNumbers).toEqual(COHORT_ROW_NUMBERS);
    expect(read.format.kind === "delimited" && read.format.dialect).toEqual({delimiter: ",", decimal: ","});
  });

  it("Unicode text: UTF-16LE with a byte-order mark, tab-separated", () => {
    const bytes = fixture("unicode-text-utf16.txt");
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);
    const read = readTableFile(bytes);
    expect(read.table.columns).toEqual(COHORT_COLUMNS);
    expect(read.table.rows).toEqual(COHORT_ROWS);
    expect(read.table.rowNumbers).toEqual(COHORT_ROW_NUMBERS);
    expect(read.format).toMatchObject({kind: "delimited", encoding: "utf-16le", bom: true, dialect: {delimiter: "\t", decimal: "."}});
  });

  it("the same UTF-16 without its BOM, and byte-swapped to big-endian, are recognised from their zero bytes", () => {
    const le = fixture("unicode-text-utf16.txt").subarray(2);
    const noBom = readTableFile(le);
    expect(noBom.format).toMatchObject({encoding: "utf-16le", bom: false});
    expect(noBom.table.rows).toEqual(COHORT_ROWS);
    const be = new Uint8Array(le.length);
    for (let i = 0; i < le.length; i += 2) (be[i] = le[i + 1]!), (be[i + 1] = le[i]!);
    const big = readTableFile(be);
    expect(big.format).toMatchObject({encoding: "utf-16be", bom: false});
    expect(big.table.rows).toEqual(COHORT_ROWS);
  });

  it("an .xlsx from LibreOffice: cached formula results, date cells as ISO dates, the empty row counted", () => {
    const read = readTableFile(fixture("libreoffice.xlsx"), {fileName: "lo.xlsx"});
    expect(read.table.columns).toEqual(COHORT_COLUMNS);
    expect(read.table.rows).toEqual(COHORT_ROWS);
    expect(read.table.rowNumbers).toEqual(COHORT_ROW_NUMBERS);
    expect(read.format).toEqual({
      kind: "xlsx", sheet: "Cohort", date1904: false,
      sheets: [{name: "Cohort", hidden: false, kind: "worksheet"}, {name: "Notes", hidden: false, kind: "worksheet"}]
    });
    expect(read.table.source).toBe("lo.xlsx");
  });

  it("a chosen sheet, by name or index; sheet names listed; a missing sheet named in the error", () => {
    const bytes = fixture("libreoffice.xlsx");
    expect(listSheets(bytes).map((s) => s.name)).toEqual(["Cohort", "Notes"]);
    const notes = readTableFile(bytes, {sheet: "Notes"});
    expect(notes.table.columns).toEqual(["item", "text"]);
    expect(notes.table.rows).toEqual([["source", "written by make-fixtures.sh"]]);
    expect(readXlsx(bytes, {sheet: 1}).sheet).toBe("Notes");
    const e = errorOf(() => readXlsx(bytes, {sheet: "Tabelle1", source: "lo.xlsx"}));
    expect(e.code).toBe("spreadsheet");
    expect(e.message).toBe('lo.xlsx: the workbook has no sheet named "Tabelle1". Its sheets: "Cohort", "Notes".');
  });

  it("an error cell (#DIV/0!) is reported with its cell, column, row and formula", () => {
    const e = errorOf(() => readTableFile(fixture("libreoffice-errors.xlsx"), {fileName: "e.xlsx"}));
    expect(e.code).toBe("spreadsheet");
    expect(e.message).toBe(
      'e.xlsx, sheet "Cohort": a cell has no usable value — cell G5 (spreadsheet row 5, column "bmi") holds the error value #DIV/0! (from the formula =E5/0). ' +
        "Correct the formula or the value, or clear the cell to mark a missing value; a formula's result is stored when the workbook is saved in Excel or LibreOffice."
    );
  });

  it("an .xlsx from openpyxl: table from column B, booleans, date-times, inline strings, shortest round-trip numbers, the 1900 serials", () => {
    const read = readTableFile(fixture("openpyxl.xlsx"));
    expect(read.table.columns).toEqual(["id", "age", "bmd_t", "surgery_date", "smoker", "cement_ml", "note"]);
    expect(read.table.rows).toEqual([
      ["1", "61", "-2.5", "2021-03-04", "TRUE", "4.5", "first"],
      // openpyxl stores 0.1 + 0.2 with 15 significant digits ("0.3") and 14:30 as 44362.60416666666.
      ["2", "70.25", "-3.1", "2021-06-15 14:30:00", "FALSE", "0.3", ""],
      // 1900-02-28 is serial 59, before Excel's phantom 1900-02-29; 1e-07 is written back as 1e-7.
      ["3", "82", "-1.75", "1900-02-28", "TRUE", "1e-7", "padded"]
    ]);
    expect(read.table.rowNumbers).toEqual(COHORT_ROW_NUMBERS);
  });

  it("formulas stored without results (openpyxl) are reported, not read as blanks", () => {
    const e = errorOf(() => readTableFile(fixture("openpyxl-formulas.xlsx")));
    expect(e.message).toMatch(/^sheet "Formulas": 2 cells have no usable value — cell C2 \(spreadsheet row 2, column "bmi"\) holds a formula \(=A2\/\(B2\*B2\)\) with no saved result; cell C3/);
  });
});

describe("decodeText", () => {
  const utf8 = (s: string) => new TextEncoder().encode(s);
  it("UTF-8 with and without BOM", () => {
    expect(decodeText(utf8("a,b\n"))).toEqual({text: "a,b\n", encoding: "utf-8", bom: false, detectedBy: "UTF-8 (no byte-order mark)"});
    const withBom = decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("é")]));
    expect(withBom).toMatchObject({text: "é", bom: true});
  });

  it("UTF-16 BE with BOM; UTF-32 refused by BOM", () => {
    expect(decodeText(new Uint8Array([0xfe, 0xff, 0x00, 0x61, 0x00, 0xe9])).text).toBe("aé");
    expect(errorOf(() => decodeText(new Uint8Array([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0]))).message).toMatch(/^the file is UTF-32 text \(by its byte-order mark\)/);
  });

  it("Windows-1252 is refused naming the byte, its line, and what it would be", () => {
    // "age\nMüller" in Windows-1252: ü is the single byte 0xFC.
    const bytes = new Uint8Array([0x61, 0x67, 0x65, 0x0a, 0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]);
    const e = errorOf(() => decodeText(bytes, {source: "w.csv"}));
    expect(e.code).toBe("encoding");
    expect(e.message).toBe(
      'w.csv: the file is not UTF-8 text: byte 0xFC on line 2 (byte offset 5) is not valid UTF-8. It looks like a single-byte Western encoding (Windows-1252 / ISO-8859-1, as Excel\'s plain "CSV (Comma delimited)" writes on Windows), in which that byte is "ü". ' +
        'Save it as UTF-8 text: in Excel, Save as → "CSV UTF-8 (Comma delimited)"; in LibreOffice, Save as → Text CSV with character set "Unicode (UTF-8)".'
    );
  });

  it("a truncated UTF-16 file (odd byte count) is refused", () => {
    expect(errorOf(() => decodeText(new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x62]))).message).toMatch(/odd number of bytes \(5\)/);
  });
});

describe("detectDialect", () => {
  it("picks the delimiter that splits every row alike, and says why", () => {
    expect(detectDialect("a,b,c\n1,2,3\n").delimiter).toBe(",");
    expect(detectDialect("a;b;c\n1;2;3\n").delimiter).toBe(";");
    expect(detectDialect("a\tb\n1\t2\n").delimiter).toBe("\t");
    expect(detectDialect("a|b\n1|2\n").delimiter).toBe("|");
    // A header with a comma inside a name still splits by semicolons: commas make ragged rows of unclean cells.
    const g = detectDialect("Alter, Jahre;BMD\n61;-2,5\n70;-3,1\n");
    expect(g).toMatchObject({delimiter: ";", decimal: ","});
    expect(g.evidence.delimiter).toBe("semicolons split the header into 2 columns, and 100% of the sampled rows have as many fields");
  });

  it("Excel's sep= line decides the delimiter and is not part of the table", () => {
    const text = "sep=;\r\nage;bmd\r\n61;-2,5\r\n";
    expect(detectDialect(text)).toMatchObject({delimiter: ";", sepLine: true});
    const t = parseDelimited(text, {delimiter: ";", decimal: ","});
    expect(t.columns).toEqual(["age", "bmd"]);
    expect(t.rowNumbers).toEqual([2]);
  });

  it("one column: no delimiter found, not confident", () => {
    const g = detectDialect("age\n61\n70\n");
    expect(g).toMatchObject({delimiter: ",", confident: false});
  });

  it("decimal mark: unambiguous forms are evidence; 1,234 alone is not", () => {
    expect(detectDialect("a;b\n1;0,5\n").decimal).toBe(",");
    expect(detectDialect("a;b\n1;0.5\n").decimal).toBe(".");
    expect(detectDialect("a,b\n1,2\n").decimal).toBe(".");
    const ambiguous = detectDialect("a;b\n1;1,234\n");
    expect(ambiguous).toMatchObject({decimal: ",", confident: false});
    expect(ambiguous.counts).toEqual({commaDecimal: 0, pointDecimal: 0, ambiguous: 1});
    const mixed = detectDialect("a;b\n0,5;2,25\n1.5;3\n");
    expect(mixed).toMatchObject({decimal: ",", confident: false});
    expect(mixed.evidence.decimal).toBe('2 numbers in the sample have a decimal comma (such as "2,5"), but 1 has a decimal point: check');
  });

  it("classifies number forms", () => {
    expect(["12", "-3e2", "2.5", ".5", "2,5", ",5", "1,234", "1.234", "1.234,5", "1,234.5", "1 234", "1'234.5", "12 mg", "2021-03-04"].map(classifyNumber)).toEqual([
      "plain", "plain", "point", "point", "comma", "comma", "ambiguous-comma", "ambiguous-point", "grouped-comma", "grouped-point", "grouped", "grouped-point", "text", "text"
    ]);
  });
});

describe("parseDelimited", () => {
  it("converts only whole-cell numbers of the file's convention; text, header and missing tokens untouched", () => {
    const t = parseDelimited("wert,x;note;d\n-2,5;1,2 mg;12.03.2020\n,5;v1,2;NA\n.;;1,234\n", {delimiter: ";", decimal: ","});
    expect(t.columns).toEqual(["wert,x", "note", "d"]);
    expect(t.rows).toEqual([
      ["-2.5", "1,2 mg", "12.03.2020"],
      [".5", "v1,2", "NA"],
      // "." is a missing-value token; 1,234 with a decimal comma is 1.234.
      [".", "", "1.234"]
    ]);
  });

  it("refuses a thousands separator, naming column and spreadsheet row (after a blank line)", () => {
    const e = errorOf(() => parseDelimited("id;volume\n1;2,5\n\n2;1.234,5\n", {delimiter: ";", decimal: ","}, {source: "v.csv"}));
    expect(e.code).toBe("number-format");
    expect(e.where).toEqual({column: "volume", rows: [2]});
    expect(e.message).toBe(
      'v.csv: a number is not written in the file\'s convention (semicolon-separated, decimal comma) — column "volume", data row 2 (spreadsheet row 4): "1.234,5" uses a thousands separator. ' +
        'Write numbers without thousands separators and with one decimal mark throughout (in a spreadsheet: format the cells as Number without "Use 1000 separator", then save again); or, if the file\'s decimal mark is ".", choose that decimal mark.'
    );
  });

  it("refuses the other decimal mark and ambiguous groupings; lists at most five and counts the rest", () => {
    const pointInComma = errorOf(() => parseDelimited("a;b\n0,5;1.5\n", {delimiter: ";", decimal: ","}));
    expect(pointInComma.message).toMatch(/"1\.5" has a decimal point, but this file's decimal mark is a comma/);
    const commaInPoint = errorOf(() => parseDelimited('a,b\n0.5,"1,5"\n', {delimiter: ",", decimal: "."}));
    expect(commaInPoint.message).toMatch(/"1,5" has a decimal comma, but this file's decimal mark is a point/);
    const ambiguous = errorOf(() => parseDelimited('a\n"1,234"\n', {delimiter: ",", decimal: "."}));
    expect(ambiguous.message).toMatch(/"1,234" could be a decimal comma or a thousands separator/);
    const many = errorOf(() => parseDelimited("a\n" + Array.from({length: 7}, (_, i) => `${i}.5`).join("\n") + "\n", {delimiter: ";", decimal: ","}));
    expect(many.message).toMatch(/^7 numbers are not written/);
    expect(many.message).toMatch(/; and 2 more\. /);
    expect(many.where.rows).toEqual([1, 2, 3, 4, 5]);
  });

  it("keeps table.ts's checks: ragged rows name the delimiter and the real spreadsheet row", () => {
    const e = errorOf(() => parseDelimited("a\tb\n1\t2\n\n\n3\t4\t5\n", {delimiter: "\t", decimal: "."}));
    expect(e.code).toBe("parse");
    expect(e.message).toBe('data row 2 (spreadsheet row 5) has 3 fields but the header has 2. Check that row for an extra or missing tab, or a quote (") that is not closed.');
    expect(errorOf(() => parseDelimited("a;a\n1;2\n", {delimiter: ";", decimal: ","})).code).toBe("header");
    expect(errorOf(() => parseDelimited("<!DOCTYPE html>", {delimiter: ";", decimal: ","})).code).toBe("not-csv");
  });
});

describe("parseCsvTable row numbers", () => {
  it("counts blank lines (before the header too) and rows of empty fields as spreadsheet rows", () => {
    const t = parseCsvTable("\nage,asd\n61,0\n\n,\n70,1\n\"quoted\nline\",1\n80,0\n");
    expect(t.rows).toEqual([["61", "0"], ["70", "1"], ["quoted\nline", "1"], ["80", "0"]]);
    // Header on line 2; 61 on 3; blank 4; ",," 5; 70 on 6; the quoted cell spans lines 7–8 but is one spreadsheet row.
    expect(t.rowNumbers).toEqual([3, 6, 7, 8]);
    expect(spreadsheetRow(t, 2)).toBe(6);
    expect(describeTableRow(t, 4)).toBe("data row 4 (spreadsheet row 8)");
    expect(spreadsheetRow({}, 2)).toBe(3);
  });
});

// A minimal workbook built in the test, for the cases no program here writes: 1904 dates, t="d" cells, a missing
// shared string, a chart sheet, hidden sheets, 17-digit numbers, a value beyond the header, a damaged zip.
function workbook(sheetXml: string, {date1904 = false, extraSheets = "", styles = ""}: {date1904?: boolean; extraSheets?: string; styles?: string} = {}): Uint8Array {
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  return zipSync({
    "_rels/.rels": strToU8(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    "xl/workbook.xml": strToU8(`<?xml version="1.0"?><workbook ${ns}><workbookPr date1904="${date1904 ? 1 : 0}"/><sheets>${extraSheets}<sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    "xl/_rels/workbook.xml.rels": strToU8(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${rel}/styles" Target="/xl/styles.xml"/><Relationship Id="rId9" Type="${rel}/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`),
    "xl/sharedStrings.xml": strToU8(`<?xml version="1.0"?><sst ${ns}><si><t>age</t></si><si><r><t>B</t></r><r><t>MD</t></r><rPh><t>ビーエムディー</t></rPh></si><si><t>x_x000D_y</t></si></sst>`),
    "xl/styles.xml": strToU8(`<?xml version="1.0"?><styleSheet ${ns}>${styles || '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>'}</styleSheet>`),
    "xl/worksheets/sheet1.xml": strToU8(`<?xml version="1.0"?><worksheet ${ns}><sheetData>${sheetXml}</sheetData></worksheet>`),
    "xl/chartsheets/sheet1.xml": strToU8(`<?xml version="1.0"?><chartsheet ${ns}/>`)
  });
}
const header = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>';

describe("readXlsx details", () => {
  it("rich-text runs joined and phonetic runs dropped; 17-digit numbers in shortest form; _x000D_ decoded", () => {
    const t = readXlsx(workbook(header + '<row r="3"><c r="A3"><v>2.2999999999999998</v></c><c r="B3" t="s"><v>2</v></c></row>')).table;
    expect(t.columns).toEqual(["age", "BMD"]);
    expect(t.rows).toEqual([["2.3", "x\ry"]]);
    expect(t.rowNumbers).toEqual([3]);
  });

  it("dates: 1900 system around the phantom leap day, the 1904 system, t=\"d\" cells", () => {
    const rows = (v: string) => header + `<row r="2"><c r="A2" s="1"><v>${v}</v></c><c r="B2" t="d"><v>2020-02-29T00:00:00</v></c></row>`;
    // Hand arithmetic: serial 1 = 1900-01-01, 59 = 1900-02-28, 60 = Excel's 1900-02-29, 61 = 1900-03-01, 43831 = 2020-01-01.
    expect(["1", "59", "60", "61", "43831", "43831.5"].map((v) => readXlsx(workbook(rows(v))).table.rows[0]![0])).toEqual([
      "1900-01-01", "1900-02-28", "1900-02-29", "1900-03-01", "2020-01-01", "2020-01-01 12:00:00"
    ]);
    expect(readXlsx(workbook(rows("0"), {date1904: true})).table.rows[0]).toEqual(["1904-01-01", "2020-02-29"]);
    expect(excelSerialToIso(0.75, {timeOnly: true})).toBe("18:00:00");
    expect(excelSerialToIso(1.25, {timeOnly: true})).toBe("30:00:00");
    expect(excelSerialToIso(-1)).toBeNull();
  });

  it("date format codes", () => {
    expect(["dd/mm/yyyy", "yyyy\\-mm\\-dd", "[$-407]mmmm yy", "h:mm AM/PM", "[h]:mm", "General", "0.00E+00", '0.0" mmHg"', "[Red]0.00", "#,##0"].map((c) => isDateFormatCode(c).date)).toEqual([
      true, true, true, true, true, false, false, false, false, false
    ]);
    expect(isDateFormatCode("h:mm:ss").timeOnly).toBe(true);
    expect(isDateFormatCode("yyyy-mm-dd h:mm").timeOnly).toBe(false);
  });

  it("a value beyond the header's columns, a missing shared string, a chart sheet, a damaged zip", () => {
    const beyond = errorOf(() => readXlsx(workbook(header + '<row r="2"><c r="A2"><v>1</v></c><c r="D2"><v>9</v></c></row>')));
    expect(beyond.message).toBe('sheet "Data": data row 1 (spreadsheet row 2) has a value ("9") in column 4, beyond the header\'s 2 columns. Give that column a name in the header row, or delete the value.');
    const missing = errorOf(() => readXlsx(workbook(header + '<row r="2"><c r="A2" t="s"><v>7</v></c></row>')));
    expect(missing.message).toMatch(/cell A2 \(spreadsheet row 2, column "age"\) refers to a shared string the workbook does not contain/);
    const chart = errorOf(() => readXlsx(workbook(header, {extraSheets: '<sheet name="Plot" sheetId="2" r:id="rId9"/>'}), {sheet: "Plot"}));
    expect(chart.message).toBe('the sheet "Plot" is a chart, not a table of cells. Choose another sheet: "Plot", "Data".');
    // The first worksheet, skipping the chart sheet before it.
    expect(readXlsx(workbook(header + '<row r="2"><c r="A2"><v>1</v></c></row>', {extraSheets: '<sheet name="Plot" sheetId="2" r:id="rId9" state="hidden"/>'})).sheet).toBe("Data");
    const zip = workbook(header);
    const damaged = errorOf(() => readXlsx(zip.subarray(0, zip.length - 40)));
    expect(damaged.code).toBe("spreadsheet");
  });

  it("an empty sheet", () => {
    expect(errorOf(() => readXlsx(workbook(""))).message).toBe('sheet "Data": the sheet is empty: it has no header and no rows. Choose the sheet that holds the table, with a header row of column names and one row per patient.');
  });

  it("column letters", () => {
    expect([0, 25, 26, 701, 702].map(columnLetters)).toEqual(["A", "Z", "AA", "ZZ", "AAA"]);
  });
});

describe("sniffFormat and refusals", () => {
  it("recognises workbooks, old .xls, ODS and PDF; refuses the ones it does not read with advice", () => {
    expect(sniffFormat(fixture("libreoffice.xlsx"))).toBe("xlsx");
    const ods = zipSync({mimetype: [strToU8("application/vnd.oasis.opendocument.spreadsheet"), {level: 0}], "content.xml": strToU8("<x/>")});
    expect(sniffFormat(ods)).toBe("ods");
    expect(errorOf(() => readTableFile(ods)).message).toMatch(/OpenDocument spreadsheet \(\.ods\)/);
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(errorOf(() => readTableFile(ole, {fileName: "old.xls"})).message).toMatch(/^old\.xls: this is an old Excel 97–2003 workbook \(\.xls\), or a password-protected workbook/);
    expect(errorOf(() => readTableFile(new TextEncoder().encode("%PDF-1.7"))).message).toMatch(/PDF document/);
    expect(errorOf(() => readTableFile(new Uint8Array(0))).code).toBe("empty");
  });

  it("names a picture chosen by mistake (PNG, JPEG, GIF signatures) instead of guessing at its encoding", () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(sniffFormat(png)).toBe("png");
    expect(errorOf(() => readTableFile(png, {fileName: "shot.csv"})).message).toMatch(/^shot\.csv: this is a PNG image, not a CSV or spreadsheet/);
    expect(sniffFormat(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe("jpeg");
    expect(sniffFormat(new TextEncoder().encode("GIF89a"))).toBe("gif");
    expect(errorOf(() => readTableFile(png)).code).toBe("not-csv");
  });

  it("dialect overrides are applied and said", () => {
    const bytes = new TextEncoder().encode("a;b\n1;2\n");
    const read = readTableFile(bytes, {dialect: {decimal: ","}});
    expect(read.format.kind === "delimited" && read.format.dialect).toEqual({delimiter: ";", decimal: ","});
    expect(read.description).toBe("Read as semicolon-separated, decimal comma text (UTF-8), as chosen: 1 data row under a header of 2 columns.");
  });
});
