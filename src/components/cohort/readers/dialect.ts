/**
 * The dialect of a delimited text file — its field delimiter (`,` `;` tab `|`) and its decimal mark (`.` or `,`) —
 * detected from the text, shown to the reader for confirmation, and applied when parsing.
 *
 * Delimiter: each candidate parses a sample (the first 64 KiB, cut at a line end) and is scored as CleverCSV scores
 * a dialect (van den Burg, Nazábal & Sutton 2019, "Wrangling messy CSV files by detecting row and type patterns",
 * Data Min. Knowl. Disc. 33:1799–1820), simplified: the pattern score is the share of non-blank records with as
 * many fields as the header (0 when the header has one field), the type score the share of data cells that are
 * clean — blank, a missing-value token, a number in either decimal convention, or text holding no other candidate
 * delimiter and no stray quote; the dialect with the largest product wins, ties going to `,` then `;`, tab, `|`. A
 * first line `sep=;` (which Excel writes and honours) decides the delimiter outright and is not part of the table.
 *
 * Decimal mark: over the sample's data cells, a cell is evidence for a decimal comma when it is a number only with a
 * comma decimal ("-2,5", "0,125", "1.234,5"), and for a decimal point when only with a point ("2.5", "1,234.5").
 * "1,234" and "1.234" are ambiguous (a decimal or a thousands separator) and are no evidence. The majority wins;
 * with no evidence either way, a `;`- or tab-separated file with ambiguous comma cells gets a comma (the European
 * Excel convention) and any other file a point.
 *
 * Applying the dialect (parseDelimited): only a cell that is, in full, a number in the file's convention is
 * rewritten to the "." form the engine reads ("-2,5" → "-2.5"); text cells, the header and missing-value tokens are
 * never touched. A cell that is a number only in the other convention, or that uses a thousands separator
 * ("1.234,5", "1,234.5", "1 234", "1'234") or is ambiguous, is refused: AnalysisError("number-format") naming the
 * column and the spreadsheet row of up to five such cells, how many there are, and what to do.
 *
 * Pure: no DOM, no node: imports.
 *
 * @example detectDialect("age;bmd\n61;-2,5\n").delimiter // ";" (and decimal ",")
 */
import {dsvFormat} from "d3";
import {isMissing} from "../columns.js";
import {AnalysisError, describeRow, notCsvReason, quote, tableFromRecords, type CsvTable} from "../table.js";

export type Delimiter = "," | ";" | "\t" | "|";
export type DecimalMark = "." | ",";

export interface Dialect {
  delimiter: Delimiter;
  decimal: DecimalMark;
}

export interface DialectGuess extends Dialect {
  /** Whether the sample contains a double-quoted field. */
  quoted: boolean;
  /** Whether the text starts with a `sep=X` line (Excel's delimiter hint), which parseDelimited skips. */
  sepLine: boolean;
  /** False when the evidence was weak: a one-column file, or no number that shows its decimal mark. */
  confident: boolean;
  /** Why, in words, for the page to show beside the choice. */
  evidence: {delimiter: string; decimal: string};
  /** Evidence counts over the sample's data cells. */
  counts: {commaDecimal: number; pointDecimal: number; ambiguous: number};
}

export const DELIMITERS: readonly Delimiter[] = [",", ";", "\t", "|"];
export const DECIMAL_MARKS: readonly DecimalMark[] = [".", ","];

const DELIMITER_NAMES: Record<Delimiter, string> = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"};

/** "semicolon-separated, decimal comma": the dialect in words. */
export function describeDialect({delimiter, decimal}: Dialect): string {
  return `${DELIMITER_NAMES[delimiter]}-separated, decimal ${decimal === "," ? "comma" : "point"}`;
}

/** The delimiter's name ("comma", "semicolon", "tab", "vertical bar"). */
export function delimiterName(delimiter: Delimiter): string {
  return DELIMITER_NAMES[delimiter];
}

/** Characters of the text that detectDialect samples (cut after the last line end in them). */
export const SAMPLE_CHARS = 65536;
const SAMPLE_RECORDS = 500;

// A number with "." (or no) decimal mark — the engine's rule (columns.ts).
const POINT_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
// The same with a comma, and a comma present.
const COMMA_NUMBER = /^[+-]?(?:\d+,\d*|,\d+)(?:[eE][+-]?\d+)?$/;
// d{1,3} then groups of three after one separator: "1,234", "12,345,678" / "1.234": decimal or thousands?
const AMBIGUOUS_COMMA = /^[+-]?\d{1,3}(?:,\d{3})+$/;
const AMBIGUOUS_POINT = /^[+-]?\d{1,3}(?:\.\d{3})+$/;
// Grouped numbers whose decimal mark is unambiguous.
const GROUPED_COMMA_DECIMAL = /^[+-]?\d{1,3}(?:[. '\u00a0\u202f]\d{3})+,\d*$/; // 1.234,5 · 1 234,5
const GROUPED_POINT_DECIMAL = /^[+-]?\d{1,3}(?:[, '\u00a0\u202f]\d{3})+\.\d*$/; // 1,234.5 · 1'234.5
// Grouped by a space or apostrophe, no decimals: "1 234", "1'234".
const GROUPED_OTHER = /^[+-]?\d{1,3}(?:[ '\u00a0\u202f]\d{3})+$/;

type CellForm = "plain" | "point" | "comma" | "ambiguous-comma" | "ambiguous-point" | "grouped-comma" | "grouped-point" | "grouped" | "text";

/** What a trimmed, non-missing cell is as a number, in which convention. */
export function classifyNumber(cell: string): CellForm {
  if (/^[+-]?\d+(?:[eE][+-]?\d+)?$/.test(cell)) return "plain";
  if (AMBIGUOUS_COMMA.test(cell)) return "ambiguous-comma";
  if (AMBIGUOUS_POINT.test(cell)) return "ambiguous-point";
  if (POINT_NUMBER.test(cell)) return "point";
  if (COMMA_NUMBER.test(cell)) return "comma";
  if (GROUPED_COMMA_DECIMAL.test(cell)) return "grouped-comma";
  if (GROUPED_POINT_DECIMAL.test(cell)) return "grouped-point";
  if (GROUPED_OTHER.test(cell)) return "grouped";
  return "text";
}

/** The sample: the text up to SAMPLE_CHARS, cut after the last line end in it. */
function sampleOf(text: string): string {
  if (text.length <= SAMPLE_CHARS) return text;
  const cut = text.lastIndexOf("\n", SAMPLE_CHARS);
  return cut > 0 ? text.slice(0, cut + 1) : text.slice(0, SAMPLE_CHARS);
}

const SEP_LINE = /^\ufeff?"?sep=([,;\t|])"?[ \t]*(?:\r\n|\n|\r|$)/i;

/** Splits off Excel's `sep=X` first line: the delimiter it names and the text after it. */
export function splitSepLine(text: string): {delimiter: Delimiter | null; body: string} {
  const m = SEP_LINE.exec(text);
  return m ? {delimiter: m[1] as Delimiter, body: text.slice(m[0].length)} : {delimiter: null, body: text};
}

function isBlank(record: readonly string[]): boolean {
  return record.every((cell) => cell.trim() === "");
}

export function parseRecords(text: string, delimiter: Delimiter): string[][] {
  return dsvFormat(delimiter).parseRows(text);
}

interface DelimiterScore {
  delimiter: Delimiter;
  fields: number;
  pattern: number;
  type: number;
  score: number;
}

function scoreDelimiter(sample: string, delimiter: Delimiter): DelimiterScore {
  const records = parseRecords(sample, delimiter).filter((r) => !isBlank(r)).slice(0, SAMPLE_RECORDS);
  const fields = records[0]?.length ?? 0;
  if (fields <= 1) return {delimiter, fields, pattern: 0, type: 0, score: 0};
  const consistent = records.filter((r) => r.length === fields).length;
  const pattern = consistent / records.length;
  const others = DELIMITERS.filter((d) => d !== delimiter);
  let clean = 0;
  let cells = 0;
  for (const record of records.slice(1)) {
    for (const raw of record) {
      const cell = raw.trim();
      cells++;
      if (isMissing(cell) || classifyNumber(cell) !== "text") clean++;
      else if (!others.some((d) => cell.includes(d)) && !cell.includes('"')) clean++;
    }
  }
  const type = cells ? clean / cells : 1;
  return {delimiter, fields, pattern, type, score: pattern * type};
}

/**
 * Detects the delimiter and decimal mark of delimited text (see the module comment).
 * @example detectDialect('id,bmd\n1,"-2,5"\n').decimal // ","
 */
export function detectDialect(text: string): DialectGuess {
  if (typeof text !== "string") throw new TypeError("detectDialect: text must be a string");
  const {delimiter: hinted, body} = splitSepLine(text);
  const sample = sampleOf(body);
  let delimiter: Delimiter;
  let delimiterEvidence: string;
  let confident = true;
  if (hinted) {
    delimiter = hinted;
    delimiterEvidence = `the file's first line "sep=${hinted === "\t" ? "\\t" : hinted}" names the ${DELIMITER_NAMES[hinted]}`;
  } else {
    const scores = DELIMITERS.map((d) => scoreDelimiter(sample, d));
    const best = scores.reduce((a, b) => (b.score > a.score + 1e-12 ? b : a));
    if (best.score === 0) {
      delimiter = ",";
      confident = false;
      delimiterEvidence = "no delimiter splits the header into more than one column: the file has one column, or a delimiter not listed here";
    } else {
      delimiter = best.delimiter;
      const runnerUp = scores.filter((s) => s !== best).reduce((a, b) => (b.score > a.score ? b : a));
      if (runnerUp.score > 0.9 * best.score) confident = false;
      const share = Math.round(best.pattern * 100);
      delimiterEvidence = `${DELIMITER_NAMES[delimiter]}s split the header into ${best.fields} columns, and ${share}% of the sampled rows have as many fields`;
      if (!confident) delimiterEvidence += ` (${DELIMITER_NAMES[runnerUp.delimiter]}s fit almost as well: check)`;
    }
  }
  const records = parseRecords(sample, delimiter);
  const first = records.findIndex((r) => !isBlank(r));
  let commaDecimal = 0;
  let pointDecimal = 0;
  let ambiguousComma = 0;
  let ambiguousPoint = 0;
  for (const record of records.slice(first + 1, first + 1 + SAMPLE_RECORDS)) {
    for (const raw of record) {
      const cell = raw.trim();
      if (isMissing(cell)) continue;
      switch (classifyNumber(cell)) {
        case "comma":
        case "grouped-comma":
          commaDecimal++;
          break;
        case "point":
        case "grouped-point":
          pointDecimal++;
          break;
        case "ambiguous-comma":
          ambiguousComma++;
          break;
        case "ambiguous-point":
          ambiguousPoint++;
          break;
        default:
      }
    }
  }
  let decimal: DecimalMark;
  let decimalEvidence: string;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (commaDecimal > pointDecimal) {
    decimal = ",";
    decimalEvidence = `${plural(commaDecimal, "number")} in the sample ${commaDecimal === 1 ? "has" : "have"} a decimal comma (such as "2,5")`;
    if (pointDecimal) {
      confident = false;
      decimalEvidence += `, but ${pointDecimal} ${pointDecimal === 1 ? "has" : "have"} a decimal point: check`;
    }
  } else if (pointDecimal > commaDecimal) {
    decimal = ".";
    decimalEvidence = `${plural(pointDecimal, "number")} in the sample ${pointDecimal === 1 ? "has" : "have"} a decimal point (such as "2.5")`;
    if (commaDecimal) {
      confident = false;
      decimalEvidence += `, but ${commaDecimal} ${commaDecimal === 1 ? "has" : "have"} a decimal comma: check`;
    }
  } else if (commaDecimal > 0) {
    decimal = delimiter === "," ? "." : ",";
    confident = false;
    decimalEvidence = `as many numbers have a decimal comma as a decimal point (${commaDecimal} each): check`;
  } else if (ambiguousComma > 0 && delimiter !== ",") {
    decimal = ",";
    confident = false;
    decimalEvidence = `no number shows its decimal mark unambiguously; numbers such as "1,234" in a ${DELIMITER_NAMES[delimiter]}-separated file usually have a decimal comma (European spreadsheets): check`;
  } else {
    decimal = ".";
    decimalEvidence = ambiguousComma + ambiguousPoint > 0
      ? `no number shows its decimal mark unambiguously (only forms such as "1,234" or "1.234"): check`
      : "no number in the sample has a decimal part; a decimal point is assumed";
    if (ambiguousComma + ambiguousPoint > 0) confident = false;
  }
  return {
    delimiter,
    decimal,
    quoted: sample.includes('"'),
    sepLine: hinted !== null,
    confident,
    evidence: {delimiter: delimiterEvidence, decimal: decimalEvidence},
    counts: {commaDecimal, pointDecimal, ambiguous: ambiguousComma + ambiguousPoint}
  };
}

/** A delimited table with the spreadsheet row of every data row (always set by this reader). */
export type ReadCsvTable = CsvTable & {rowNumbers: number[]};

/** How many refused cells a number-format message lists. */
const MAX_LISTED = 5;

const THOUSANDS = "uses a thousands separator";

/** The cell in "." form, or a reason to refuse it; null when it is left as it is. */
export function convertCell(cell: string, decimal: DecimalMark): {value: string} | {refuse: string} | null {
  if (isMissing(cell)) return null;
  const form = classifyNumber(cell);
  const separators = (mark: string) => cell.split(mark).length - 1;
  switch (form) {
    case "plain":
    case "text":
      return null;
    case "point":
      return decimal === "." ? null : {refuse: "has a decimal point, but this file's decimal mark is a comma"};
    case "comma":
      return decimal === "," ? {value: cell.replace(",", ".")} : {refuse: "has a decimal comma, but this file's decimal mark is a point"};
    case "ambiguous-comma":
      // One comma and three digits after it: 1.234 with a decimal comma, 1234 with a thousands comma.
      if (separators(",") > 1) return {refuse: THOUSANDS};
      return decimal === "," ? {value: cell.replace(",", ".")} : {refuse: "could be a decimal comma or a thousands separator"};
    case "ambiguous-point":
      if (separators(".") > 1) return {refuse: THOUSANDS};
      return decimal === "." ? null : {refuse: "could be a decimal point or a thousands separator"};
    default:
      return {refuse: THOUSANDS};
  }
}

/**
 * Parses delimited text with a dialect into a checked table (the checks of table.ts's tableFromRecords, and the
 * decimal conversion of the module comment), with every data row's spreadsheet row number.
 * Throws AnalysisError: "not-csv" (HTML, JSON, a PDF read as text), "empty", "header", "header-only", "parse",
 * "number-format".
 * @example parseDelimited("a;b\n1;2,5\n", {delimiter: ";", decimal: ","}).rows // [["1", "2.5"]]
 */
export function parseDelimited(text: string, {delimiter, decimal}: Dialect, {source}: {source?: string} = {}): ReadCsvTable {
  if (typeof text !== "string") throw new TypeError("parseDelimited: text must be a string");
  if (!DELIMITERS.includes(delimiter)) throw new RangeError(`parseDelimited: delimiter must be one of ${DELIMITERS.map((d) => JSON.stringify(d)).join(", ")}`);
  if (!DECIMAL_MARKS.includes(decimal)) throw new RangeError('parseDelimited: decimal must be "." or ","');
  const where = source ? `${source}: ` : "";
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const reason = notCsvReason(text);
  if (reason) throw new AnalysisError(`${where}this is not a table of delimited text: ${reason}.`, "not-csv");
  const {body} = splitSepLine(text);
  const table = tableFromRecords(parseRecords(body, delimiter), {source, fieldSeparator: DELIMITER_NAMES[delimiter]}) as ReadCsvTable;

  const refused: RefusedCell[] = [];
  let refusedCount = 0;
  for (let i = 0; i < table.rows.length; i++) {
    const row = table.rows[i]!;
    for (let j = 0; j < row.length; j++) {
      const change = convertCell(row[j]!, decimal);
      if (change === null) continue;
      if ("value" in change) row[j] = change.value;
      else {
        refusedCount++;
        if (refused.length < MAX_LISTED) refused.push({column: j, dataRow: i + 1, cell: row[j]!, reason: change.refuse});
      }
    }
  }
  if (refusedCount) throw numberFormatError({source, dialect: {delimiter, decimal}, columns: table.columns, rowNumbers: (dataRow) => table.rowNumbers[dataRow - 1], refused, refusedCount});
  return table;
}

/** A cell convertCell refused: 0-based column, 1-based data row, its text and why. */
export interface RefusedCell {
  column: number;
  dataRow: number;
  cell: string;
  reason: string;
}

/** The AnalysisError ("number-format") for the first MAX_LISTED refused cells of refusedCount. */
export function numberFormatError({source, dialect, columns, rowNumbers, refused, refusedCount}: {source?: string | undefined; dialect: Dialect; columns: readonly string[]; rowNumbers: (dataRow: number) => number | undefined; refused: readonly RefusedCell[]; refusedCount: number}): AnalysisError {
  const where = source ? `${source}: ` : "";
  const listed = refused
    .map((r) => `column ${quote(columns[r.column]!)}, ${describeRow(r.dataRow, rowNumbers(r.dataRow))}: ${quote(r.cell)} ${r.reason}`)
    .join("; ");
  const more = refusedCount > refused.length ? `; and ${refusedCount - refused.length} more` : "";
  const other = dialect.decimal === "," ? "." : ",";
  return new AnalysisError(
    `${where}${refusedCount === 1 ? "a number is" : `${refusedCount} numbers are`} not written in the file's convention (${describeDialect(dialect)}) — ${listed}${more}. ` +
      `Write numbers without thousands separators and with one decimal mark throughout (in a spreadsheet: format the cells as Number without "Use 1000 separator", then save again); ` +
      `or, if the file's decimal mark is "${other}", choose that decimal mark.`,
    "number-format",
    {column: columns[refused[0]!.column]!, rows: [...new Set(refused.map((r) => r.dataRow))]}
  );
}

/** The greatest number of refused cells a number-format message lists. */
export const MAX_LISTED_REFUSED = MAX_LISTED;
