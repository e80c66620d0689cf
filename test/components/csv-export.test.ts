// Reference behaviour: RFC 4180 §2 (quoting, doubled quotes, CRLF records) and the OWASP "CSV Injection" guidance
// (prefix cells beginning with = + - @ TAB CR with a single quote). Expected strings are written out by hand.
import {describe, it, expect} from "vitest";
import {csvCell, csvFromRecords, csvFromRows, neutralizeFormula, quoteField} from "../../src/components/csv-export.js";

describe("neutralizeFormula", () => {
  // each OWASP trigger character, and a sign that starts a formula rather than a plain numeric literal
  it.each(["=1+1", "+A1", "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A2)", "\tx", "\rx", "-1+2", "-"])("prefixes %j with a quote", (text) => {
    expect(neutralizeFormula(text)).toBe(`'${text}`);
  });
  it.each(["Age", "", "a=b", "-3.2", "+1e-5", "-.5"])("leaves ordinary text and the plain numeric literal %j alone", (text) => {
    expect(neutralizeFormula(text)).toBe(text);
  });
});

describe("quoteField (RFC 4180)", () => {
  it("quotes fields with comma, quote, CR or LF and doubles inner quotes", () => {
    expect(quoteField("plain")).toBe("plain");
    expect(quoteField("a,b")).toBe('"a,b"');
    expect(quoteField('say "hi"')).toBe('"say ""hi"""');
    expect(quoteField("line1\nline2")).toBe('"line1\nline2"');
    expect(quoteField("x\ry")).toBe('"x\ry"');
  });
});

describe("csvCell", () => {
  it("writes finite numbers unchanged, at full precision, even when negative", () => {
    expect(csvCell(-3.2)).toBe("-3.2");
    expect(csvCell(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(csvCell(1e-7)).toBe("1e-7");
    expect(csvCell(-0)).toBe("0");
  });
  it("writes missing values empty and infinities as Inf / neutralised -Inf", () => {
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(NaN)).toBe("");
    expect(csvCell(Infinity)).toBe("Inf");
    expect(csvCell(-Infinity)).toBe("'-Inf");
  });
  it("neutralises before quoting, so a quoted formula is still inert", () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell("\r=1")).toBe(`"'\r=1"`);
    expect(csvCell(true)).toBe("true");
    expect(csvCell(new Date(Date.UTC(2020, 0, 2)))).toBe("2020-01-02T00:00:00.000Z");
  });
});

describe("csvFromRows / csvFromRecords", () => {
  it("joins fields with commas and ends every record with CRLF", () => {
    expect(csvFromRows(["a", "b"], [[1, "=2+3"], [-3.2, "x,y"]])).toBe("a,b\r\n1,'=2+3\r\n-3.2,\"x,y\"\r\n");
    expect(csvFromRows(["a"], [[1]], {lineEnding: "\n"})).toBe("a\n1\n");
  });
  it("pads short rows and rejects rows longer than the header", () => {
    expect(csvFromRows(["a", "b"], [[1]])).toBe("a,b\r\n1,\r\n");
    expect(() => csvFromRows(["a"], [[1, 2]])).toThrow(/rows\[0\] has 2 cells/);
    expect(() => csvFromRows(["a"], [1 as unknown as number[]])).toThrow(TypeError);
  });
  it("takes columns from the records (union of keys, first-seen order) or from options", () => {
    const records = [{x: 1, y: "-a"}, {x: 2, z: "@b"}];
    expect(csvFromRecords(records)).toBe("x,y,z\r\n1,'-a,\r\n2,,'@b\r\n");
    expect(csvFromRecords(records, {columns: ["z", "x"]})).toBe("z,x\r\n,1\r\n'@b,2\r\n");
    expect(() => csvFromRecords([null as unknown as Record<string, number>])).toThrow(/records\[0\]/);
  });
  it("round-trips through an RFC 4180 reader (d3-dsv) to the neutralised text", async () => {
    const {csvParseRows} = await import("d3");
    const text = csvFromRows(["note"], [['He said "=1", then left,\nlate']]);
    expect(csvParseRows(text.replace(/\r\n$/, ""))).toEqual([["note"], [`He said "=1", then left,\nlate`]]);
  });
});
