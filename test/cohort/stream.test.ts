// The streaming reader (readers/stream.ts) against the whole-file reader (readTableFile + typedTable), which the
// page uses: on random hostile files and chunk sizes down to a few bytes (cuts inside quotes, CRLFs, UTF-16 code
// units and UTF-8 sequences), both give the same columns, typed values, spreadsheet rows and format, or the same
// error. Hand-made cases pin what the comparison cannot: memory form, a second read, the error order.
import {describe, it, expect} from "vitest";
import fc from "fast-check";
import {readTableFile} from "../../src/components/cohort/readers/index.js";
import {bytesSource, completeRecordsEnd, readDelimitedStream} from "../../src/components/cohort/readers/stream.js";
import {typedTable, type TypedTable} from "../../src/components/cohort/typed-table.js";
import {AnalysisError} from "../../src/components/cohort/table.js";
import {hostileCsv} from "../helpers/hostile-csv.js";

type Outcome = {error: {code: string; message: string}} | {columns: string[]; rows: number; typed: unknown[]; rowNumbers: number[]; format: unknown; description: string};

function summary(table: TypedTable, format: unknown, description: string): Outcome {
  const typed = table.columns.map((name) => {
    const c = table.column(name);
    return c.kind === "numeric" ? {...c, values: Array.from(c.values, (v) => (Number.isNaN(v) ? "NaN" : v))} : c.kind === "text" ? {...c, codes: Array.from(c.codes)} : c;
  });
  return {columns: table.columns, rows: table.rows, typed, rowNumbers: Array.from({length: table.rows}, (_, i) => table.rowNumber(i)), format, description};
}

function whole(bytes: Uint8Array): Outcome {
  try {
    const read = readTableFile(bytes, {fileName: "f.csv"});
    return summary(typedTable(read.table), read.format, read.description);
  } catch (e) {
    if (e instanceof AnalysisError) return {error: {code: e.code, message: e.message}};
    throw e;
  }
}

function streamed(bytes: Uint8Array, chunkBytes: number): Outcome {
  try {
    const read = readDelimitedStream(bytesSource(bytes), {fileName: "f.csv", chunkBytes});
    return summary(read.table, read.format, read.description);
  } catch (e) {
    if (e instanceof AnalysisError) return {error: {code: e.code, message: e.message}};
    throw e;
  }
}

const encode = (s: string) => new TextEncoder().encode(s);

describe("readDelimitedStream reads what readTableFile reads", () => {
  it("on 400 random hostile files, at random chunk sizes (fast-check, seeded)", () => {
    fc.assert(
      fc.property(fc.integer({min: 1, max: 2 ** 31 - 1}), fc.integer({min: 16, max: 300}), (seed, chunk) => {
        const file = hostileCsv(seed);
        expect(streamed(file.bytes, chunk)).toEqual(whole(file.bytes));
      }),
      {seed: 20261202, numRuns: 400}
    );
  }, 60_000);

  it("on random text from the characters that matter (quotes, delimiters, line ends, spaces, digits, ',' '.')", () => {
    const alphabet = fc.constantFrom('"', ",", ";", "\t", "\n", "\r", " ", "1", "2", ".", "a", "é", "\ufeff", "N", "A");
    fc.assert(
      fc.property(fc.array(alphabet, {minLength: 1, maxLength: 120}), fc.integer({min: 16, max: 40}), (chars, chunk) => {
        const bytes = encode("h1,h2\n" + chars.join(""));
        expect(streamed(bytes, chunk)).toEqual(whole(bytes));
      }),
      {seed: 7, numRuns: 1500}
    );
  }, 60_000);

  it("cuts only after complete records, by d3-dsv's quoting rules", () => {
    const c = ",".charCodeAt(0);
    expect(completeRecordsEnd('a,"b\nc"\nd', 0, 10, c)).toBe(8);
    expect(completeRecordsEnd('a,"b\nc', 0, 6, c)).toBe(0);
    expect(completeRecordsEnd("a\r", 0, 2, c)).toBe(0); // a CRLF may follow
    expect(completeRecordsEnd("a\r\nb", 0, 4, c)).toBe(3);
    expect(completeRecordsEnd('"x"', 0, 3, c)).toBe(0); // what follows the closing quote is not known yet
    expect(completeRecordsEnd('"x""', 0, 4, c)).toBe(0);
    expect(completeRecordsEnd('ab"c\nd', 0, 6, c)).toBe(5); // a quote inside an unquoted field is text
  });

  it("keeps numbers in one Float64Array and text as codes; a text column that starts with numbers is read twice", () => {
    const text = "id;grade;bmd\n" + Array.from({length: 3000}, (_, i) => `${i};${i < 1000 ? "01" : i % 3 ? "B" : "C"};${(i / 7).toFixed(3).replace(".", ",")}`).join("\n") + "\n";
    const read = readDelimitedStream(bytesSource(encode(text)), {chunkBytes: 1000, keep: ["grade", "bmd"]});
    const grade = read.table.column("grade");
    expect(grade.kind).toBe("text");
    if (grade.kind === "text") {
      expect(grade.dictionary).toEqual(["01", "B", "C"]); // "01" as written, first seen first
      expect(grade.codes[0]).toBe(0);
      expect(grade.codes[1001]).toBe(1);
    }
    const bmd = read.table.column("bmd");
    expect(bmd.kind === "numeric" && bmd.values).toBeInstanceOf(Float64Array);
    if (bmd.kind === "numeric") expect(bmd.values[7]).toBe(1); // "1,000" with a decimal comma
    expect(read.format.dialect).toEqual({delimiter: ";", decimal: ","});
    expect(() => read.table.column("id")).toThrow(/not kept/);
    expect(() => read.table.column("nope")).toThrow(AnalysisError);
  });

  it("reports an invalid byte late in the file before an earlier row error, with its offset and line, as decodeText does", () => {
    const good = "a,b\n" + "1,2\n".repeat(5000) + "1,2,3\n" + "1,2\n".repeat(10);
    const bytes = new Uint8Array([...encode(good), 0xe9, 0x0a]);
    const s = streamed(bytes, 64);
    expect(s).toEqual(whole(bytes));
    expect("error" in s && s.error.message).toMatch(/byte 0xE9 on line 5013 \(byte offset 20050\)/);
  });
});
