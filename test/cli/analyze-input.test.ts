// analyze reads --data with the page's readers (bin/read-input.ts): the birthwt file of test/fixtures/cli.R written
// as clinicians' programs write it — semicolons and decimal commas with a BOM, UTF-16LE tab-separated ("Unicode
// text"), an .xlsx whose data are on its second sheet, and streamed in chunks — gives R's model (the reference
// cli-birthwt.json) and, apart from `input`, the plain CSV's document to the last bit. Flags that do not fit the
// file are usage errors (exit 2); a number in the wrong convention names its column and rows (exit 1).
import {mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {strToU8, zipSync} from "fflate";
import {describe, it, expect, beforeAll} from "vitest";
import {root, runScript} from "../helpers/run-script.js";
import {schemaErrors} from "../helpers/document-schema.js";

const reference = JSON.parse(readFileSync(join(root, "test/fixtures/cli-birthwt.json"), "utf8"));
const plain = readFileSync(join(root, "test/fixtures/cli-birthwt.csv"), "utf8");
const records = plain.trim().split(/\r?\n/).map((line) => line.split(","));
const dir = mkdtempSync(join(tmpdir(), "analyze-input-"));
const ARGS = ["--outcome", "low", "--predictors", "age,lwt,race,smoke,ht,ui"];

function write(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** The numbers of the birthwt file as decimal-comma numbers with two decimals (lwt / 100, so that every one has a comma). */
const european = "\ufeff" + records.map((r, i) => (i === 0 ? r : r.map((c, j) => (j === 2 && /^\d+$/.test(c) ? (Number(c) / 100).toFixed(2).replace(".", ",") : c))).join(";")).join("\r\n") + "\r\n";

function utf16le(text: string): Uint8Array {
  const units = "\ufeff" + text;
  const out = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) (out[2 * i] = units.charCodeAt(i) & 0xff), (out[2 * i + 1] = units.charCodeAt(i) >> 8);
  return out;
}

function columnLetter(j: number): string {
  return String.fromCharCode(65 + j);
}

/** A workbook with a "Notes" sheet first and the data on "Cohort" (inline strings, numbers as numbers). */
function workbook(): Uint8Array {
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const cellXml = (c: string, ref: string) => (c !== "" && Number.isFinite(Number(c)) ? `<c r="${ref}"><v>${c}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${c}</t></is></c>`);
  const rows = records.map((r, i) => `<row r="${i + 1}">${r.map((c, j) => cellXml(c, `${columnLetter(j)}${i + 1}`)).join("")}</row>`).join("");
  return zipSync({
    "_rels/.rels": strToU8(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    "xl/workbook.xml": strToU8(`<?xml version="1.0"?><workbook ${ns}><sheets><sheet name="Notes" sheetId="1" r:id="rId1"/><sheet name="Cohort" sheetId="2" r:id="rId2"/></sheets></workbook>`),
    "xl/_rels/workbook.xml.rels": strToU8(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/worksheet" Target="worksheets/sheet2.xml"/></Relationships>`),
    "xl/worksheets/sheet1.xml": strToU8(`<?xml version="1.0"?><worksheet ${ns}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>note</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>birthwt</t></is></c></row></sheetData></worksheet>`),
    "xl/worksheets/sheet2.xml": strToU8(`<?xml version="1.0"?><worksheet ${ns}><sheetData>${rows}</sheetData></worksheet>`)
  });
}

async function analyze(args: string[]) {
  const r = await runScript("bin/analyze.ts", args);
  if (r.status === 0) expect(schemaErrors(JSON.parse(r.stdout))).toEqual([]);
  return r;
}

const withoutInput = (doc: Record<string, unknown>) => {
  const {input: _input, ...rest} = doc;
  return rest;
};

describe("analyze reads files as clinicians have them", () => {
  let base: Record<string, unknown> & {input: {reader: string; format: unknown}; model: {terms: {estimate: number}[]}};
  beforeAll(async () => {
    const r = await analyze(["--data", "test/fixtures/cli-birthwt.csv", ...ARGS]);
    expect(r.status).toBe(0);
    base = JSON.parse(r.stdout);
  }, 60_000);

  it("the plain CSV reports how it was read, and its model is R's", () => {
    expect(base.input).toMatchObject({file: "test/fixtures/cli-birthwt.csv", reader: "whole-file", format: {kind: "delimited", encoding: "utf-8", bom: false, dialect: {delimiter: ",", decimal: "."}}});
    base.model.terms.forEach((t, i) => expect(t.estimate).toBeCloseTo(reference.model.terms[i].estimate, 9));
  });

  it("semicolons, decimal commas, a BOM and CRLF: detected, and lwt/100 gives R's lwt coefficient × 100", async () => {
    const r = await analyze(["--data", write("de.csv", european), ...ARGS]);
    expect(r.stderr).toBe("");
    const doc = JSON.parse(r.stdout);
    expect(doc.input.format).toMatchObject({encoding: "utf-8", bom: true, dialect: {delimiter: ";", decimal: ","}, detected: {confident: true}});
    const lwt = doc.model.terms.find((t: {term: string}) => t.term === "lwt");
    expect(lwt.estimate).toBeCloseTo(100 * reference.model.terms.find((t: {term: string}) => t.term === "lwt").estimate, 7);
    expect(lwt.p).toBeCloseTo(reference.model.terms.find((t: {term: string}) => t.term === "lwt").p, 9);
  }, 60_000);

  it("UTF-16LE, tab-separated (Excel's Unicode text), and streamed: the plain CSV's document", async () => {
    const tab = write("unicode.txt", utf16le(records.map((r) => r.join("\t")).join("\r\n") + "\r\n"));
    const whole = JSON.parse((await analyze(["--data", tab, ...ARGS])).stdout);
    expect(whole.input.format).toMatchObject({encoding: "utf-16le", bom: true, dialect: {delimiter: "\t", decimal: "."}});
    expect(withoutInput(whole)).toEqual(withoutInput(base));
    const streamed = JSON.parse((await analyze(["--data", tab, "--stream", ...ARGS])).stdout);
    expect(streamed.input.reader).toBe("streaming");
    expect(streamed.input.format).toEqual(whole.input.format);
    expect(withoutInput(streamed)).toEqual(withoutInput(base));
  }, 60_000);

  it(".xlsx: the first worksheet by default, --sheet NAME for another", async () => {
    const book = write("book.xlsx", workbook());
    const first = await analyze(["--data", book, ...ARGS]);
    expect(first.status).toBe(1);
    expect(first.stderr).toMatch(/no outcome column "low"|There is no column "low"|"low"/);
    const r = await analyze(["--data", book, "--sheet", "Cohort", ...ARGS]);
    expect(r.stderr).toBe("");
    const doc = JSON.parse(r.stdout);
    expect(doc.input.format).toEqual({kind: "xlsx", sheet: "Cohort", date1904: false, sheets: [{name: "Notes", hidden: false, kind: "worksheet"}, {name: "Cohort", hidden: false, kind: "worksheet"}]});
    expect(withoutInput(doc)).toEqual(withoutInput(base));
  }, 60_000);

  it("--delimiter and --decimal override the detection; a number in the other convention names its column and rows", async () => {
    const de = write("de2.csv", european);
    const r = await analyze(["--data", de, "--decimal", ".", ...ARGS]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^analyze: .*de2\.csv: \d+ numbers are not written in the file's convention \(semicolon-separated, decimal point\) — column "lwt", data row 1 \(spreadsheet row 2\): "1,82" has a decimal comma/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    const ok = await analyze(["--data", de, "--delimiter", "semicolon", "--decimal", ",", ...ARGS]);
    expect(JSON.parse(ok.stdout).input.format.dialect).toEqual({delimiter: ";", decimal: ","});
  }, 60_000);

  it("flags that do not fit the file, or unknown values, are usage errors (exit 2)", async () => {
    const book = write("book2.xlsx", workbook());
    const sheetOnText = await analyze(["--data", "test/fixtures/cli-birthwt.csv", "--sheet", "Cohort", ...ARGS]);
    expect([sheetOnText.status, sheetOnText.stdout]).toEqual([2, ""]);
    expect(sheetOnText.stderr).toMatch(/^analyze: --sheet applies to an \.xlsx workbook, but test\/fixtures\/cli-birthwt\.csv is text/);
    const delimiterOnBook = await analyze(["--data", book, "--delimiter", ";", ...ARGS]);
    expect(delimiterOnBook.status).toBe(2);
    expect(delimiterOnBook.stderr).toMatch(/--delimiter applies to delimited text, but .* is an \.xlsx workbook/);
    const bad = await analyze(["--data", book, "--decimal", "x", ...ARGS]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^analyze: --decimal "x" must be \. or ,/);
  }, 60_000);
});
