/**
 * An Excel .xlsx workbook (Office Open XML, ECMA-376 Part 1, §18 SpreadsheetML) → a table of text, read from the
 * zip archive (fflate) and its XML parts (saxes, a non-validating SAX parser that expands no external or DTD
 * entities), with no spreadsheet library: the reader needs one sheet's cell values and the sheet names, and
 * SheetJS's `xlsx` on the npm registry (0.18.5) has published advisories.
 *
 * What a cell becomes (ECMA-376 §18.3.1.4 `c`, §18.18.11 ST_CellType):
 * - shared (`t="s"`) and inline (`t="inlineStr"`) strings: their text (rich-text runs joined, phonetic runs
 *   dropped, `_xHHHH_` escapes decoded);
 * - numbers: the stored value in shortest round-trip form (`String(Number(v))`: "2.2999999999999998" is "2.3"),
 *   whatever the cell's display format (a percentage 25% is 0.25, as a formula would see it);
 * - dates (a number whose format is a date or time format, built-in ids 14–22, 27–36, 45–47, 50–58 or a custom
 *   code with d/m/y/h/s outside quotes and brackets; or `t="d"`): ISO 8601 text, "2023-04-05" or
 *   "2023-04-05 14:30:00", a time alone "14:30:00"; serial days from 1899-12-30 (serials below 60 from 1899-12-31,
 *   Excel's 1900 leap-year bug; serial 60 is Excel's 1900-02-29) or, with `date1904`, from 1904-01-01;
 * - booleans: "TRUE" / "FALSE", as a spreadsheet shows them;
 * - formulas: their cached result (`v`), the value the spreadsheet showed when it was saved. A formula with no
 *   cached result, and an error value (`t="e"`: #DIV/0!, #N/A, #VALUE!, …), is reported: AnalysisError
 *   ("spreadsheet") naming up to five cells (reference, column name, spreadsheet row) and how many there are.
 *
 * Rows keep the sheet's own row numbers (`<row r>`), so `rowNumbers` is what the spreadsheet shows, also after
 * empty rows; entirely empty columns left of the table are dropped. Then the same header and row checks as a CSV
 * (table.ts's tableFromRecords). Old .xls, password-protected workbooks (an OLE2 container) and OpenDocument .ods
 * are recognised and refused with advice (see readers/index.ts's sniffFormat).
 *
 * Pure: no DOM, no node: imports (runs in Node, the browser and a Web Worker).
 *
 * @example listSheets(bytes) // [{name: "Cohort", hidden: false}, …]; readXlsx(bytes, {sheet: "Cohort"}).table.columns
 */
import {unzipSync, type Unzipped} from "fflate";
import {SaxesParser} from "saxes";
import {AnalysisError, quote, tableFromRecords, type CsvTable} from "../table.js";

export interface SheetInfo {
  name: string;
  /** Hidden or "very hidden" in the workbook (still readable when chosen by name). */
  hidden: boolean;
  /** A chart sheet holds no cells. */
  kind: "worksheet" | "chartsheet" | "other";
}

export interface XlsxRead {
  table: CsvTable & {rowNumbers: number[]};
  /** The sheet read. */
  sheet: string;
  /** Every sheet of the workbook, in tab order. */
  sheets: SheetInfo[];
  /** Whether the workbook counts dates from 1904 (old Mac Excel). */
  date1904: boolean;
}

/** Largest uncompressed XML part read (bytes): a sheet of 10⁶ rows × 10 numbers is ~60 MB. */
export const MAX_PART_BYTES = 256 * 1024 * 1024;

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
/** Built-in formats that show a time of day only. */
const BUILTIN_TIME_FORMATS = new Set([18, 19, 20, 21, 45, 46, 47]);

function fail(source: string | undefined, message: string): never {
  throw new AnalysisError(`${source ? `${source}: ` : ""}${message}`, "spreadsheet");
}

function localName(name: string): string {
  const i = name.indexOf(":");
  return i < 0 ? name : name.slice(i + 1);
}

/** Attribute by local name (a namespaced attribute such as r:id is found as "id" with a prefix). */
function attr(attributes: Record<string, string>, name: string, prefixed = false): string | undefined {
  for (const key of Object.keys(attributes)) {
    const colon = key.indexOf(":");
    if ((colon >= 0) === prefixed && (colon < 0 ? key : key.slice(colon + 1)) === name) return attributes[key];
  }
  return undefined;
}

interface XmlHandlers {
  open?(name: string, attributes: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
}

/** Runs a SAX pass over one XML part; tag names are local names (prefixes dropped). */
function parseXml(xml: string, handlers: XmlHandlers, part: string, source: string | undefined): void {
  const parser = new SaxesParser({xmlns: false});
  let error: Error | null = null;
  parser.on("error", (e) => {
    error ??= e;
  });
  if (handlers.open) parser.on("opentag", (tag) => handlers.open!(localName(tag.name), tag.attributes as Record<string, string>));
  if (handlers.close) parser.on("closetag", (tag) => handlers.close!(localName(tag.name)));
  if (handlers.text) {
    parser.on("text", handlers.text);
    parser.on("cdata", handlers.text);
  }
  parser.write(xml).close();
  if (error) fail(source, `the workbook's part ${part} is not well-formed XML (${(error as Error).message.split("\n")[0]}); open the file in Excel or LibreOffice and save it again as .xlsx.`);
}

const decoder = new TextDecoder("utf-8");

function partText(files: Unzipped, path: string): string | null {
  const bytes = files[path];
  return bytes ? decoder.decode(bytes) : null;
}

/** Resolves a relationship target against the folder of the part that names it (OPC, ECMA-376 Part 2 §9.3). */
function resolveTarget(base: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = base.split("/").slice(0, -1);
  for (const piece of target.split("/")) {
    if (piece === "..") parts.pop();
    else if (piece !== ".") parts.push(piece);
  }
  return parts.join("/");
}

function relsPath(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

function readRelationships(files: Unzipped, part: string, source: string | undefined): Map<string, {type: string; target: string}> {
  const rels = new Map<string, {type: string; target: string}>();
  const path = relsPath(part);
  const xml = partText(files, path);
  if (xml === null) return rels;
  parseXml(xml, {
    open(name, a) {
      if (name !== "Relationship") return;
      const id = attr(a, "Id");
      const target = attr(a, "Target");
      if (id && target && attr(a, "TargetMode") !== "External") rels.set(id, {type: attr(a, "Type") ?? "", target: resolveTarget(part, target)});
    }
  }, path, source);
  return rels;
}

/** Decodes the `_xHHHH_` escapes of ECMA-376 §22.9.2.19 (ST_Xstring); `_x005F_` escapes a literal underscore. */
export function unescapeXstring(text: string): string {
  return text.includes("_x") ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/**
 * Whether a number format code shows a date or time: d, m, y, h or s (or e, g, b of the era formats) outside quoted
 * text, backslash escapes, `_x`/`*x` spacers and bracketed colours or locales; `[h]`, `[m]`, `[s]` elapsed times
 * count. Only the first section (before `;`) is looked at.
 * @example isDateFormatCode("dd/mm/yyyy") // true; isDateFormatCode("0.00%") // false
 */
export function isDateFormatCode(code: string): {date: boolean; timeOnly: boolean} {
  let section = "";
  let inQuote = false;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i]!;
    if (inQuote) {
      if (ch === '"') inQuote = false;
      continue;
    }
    if (ch === '"') inQuote = true;
    else if (ch === "\\" || ch === "_" || ch === "*") i++;
    else if (ch === ";") break;
    else if (ch === "[") {
      const end = code.indexOf("]", i);
      const inner = code.slice(i + 1, end < 0 ? code.length : end);
      if (/^(h+|m+|s+)$/i.test(inner)) section += inner[0];
      i = end < 0 ? code.length : end;
    } else section += ch;
  }
  // "General" and the exponent of scientific formats ("0.00E+00") are not date letters.
  section = section.replace(/general/gi, "").replace(/e[+-]/gi, "");
  const hasDate = /[dyegb]/i.test(section) || (/m/i.test(section) && !/[hs]/i.test(section));
  const hasTime = /[hs]/i.test(section);
  return {date: hasDate || hasTime, timeOnly: hasTime && !/[dyegb]/i.test(section)};
}

const MS_PER_DAY = 86_400_000;

/** Excel serial day number → ISO text (see the module comment). */
export function excelSerialToIso(serial: number, {date1904 = false, timeOnly = false}: {date1904?: boolean; timeOnly?: boolean} = {}): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial >= 2958466) return null;
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  // Time of day rounded to the second, carrying into the day.
  let days = Math.floor(serial);
  let seconds = Math.round((serial - days) * 86400);
  if (seconds === 86400) {
    days += 1;
    seconds = 0;
  }
  const clock = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
  if (timeOnly) {
    if (days === 0) return clock;
    const total = days * 24 + Math.floor(seconds / 3600);
    return `${total}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
  }
  let iso: string;
  if (!date1904 && days === 60) iso = "1900-02-29";
  else {
    const epoch = date1904 ? Date.UTC(1904, 0, 1) : days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
    const d = new Date(epoch + days * MS_PER_DAY);
    iso = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  }
  return seconds === 0 ? iso : `${iso} ${clock}`;
}

/** Column letters → 0-based index ("A" → 0, "AA" → 26). */
export function columnIndexOf(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** 0-based column index → letters (0 → "A"). */
export function columnLetters(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

interface Workbook {
  files: Unzipped;
  sheets: (SheetInfo & {path: string | null})[];
  date1904: boolean;
  workbookPath: string;
}

function openWorkbook(bytes: Uint8Array, source: string | undefined): Workbook {
  let files: Unzipped;
  try {
    files = unzipSync(bytes, {
      filter(file) {
        if (!/\.(xml|rels)$/i.test(file.name)) return false;
        if (file.originalSize > MAX_PART_BYTES) fail(source, `the workbook's part ${file.name} is ${Math.round(file.originalSize / 1048576)} MB uncompressed, more than this reader handles (${MAX_PART_BYTES / 1048576} MB). Save the sheet as CSV UTF-8 instead.`);
        return true;
      }
    });
  } catch (e) {
    if (e instanceof AnalysisError) throw e;
    fail(source, `the file is not a readable .xlsx workbook: its zip archive is damaged (${(e as Error).message}). Open it in Excel or LibreOffice and save it again.`);
  }
  const rootRels = readRelationships(files, "", source);
  // The root part's relationships live at _rels/.rels.
  const officeDocument = [...rootRels.values()].find((r) => r.type.endsWith("/officeDocument"));
  const workbookPath = officeDocument?.target ?? "xl/workbook.xml";
  const workbookXml = partText(files, workbookPath);
  if (workbookXml === null) fail(source, "the file is a zip archive but not an Excel .xlsx workbook (it has no workbook part). Choose an .xlsx file, or save the sheet as CSV UTF-8.");
  const rels = readRelationships(files, workbookPath, source);
  const sheets: Workbook["sheets"] = [];
  let date1904 = false;
  parseXml(workbookXml, {
    open(name, a) {
      if (name === "workbookPr") {
        const v = attr(a, "date1904");
        date1904 = v === "1" || v === "true";
      } else if (name === "sheet") {
        const rel = rels.get(attr(a, "id", true) ?? "");
        const state = attr(a, "state");
        const kind = !rel ? "other" : rel.type.endsWith("/worksheet") ? "worksheet" : rel.type.endsWith("/chartsheet") ? "chartsheet" : "other";
        sheets.push({name: attr(a, "name") ?? `Sheet ${sheets.length + 1}`, hidden: state === "hidden" || state === "veryHidden", kind, path: rel?.target ?? null});
      }
    }
  }, workbookPath, source);
  if (!sheets.length) fail(source, "the workbook has no sheets.");
  return {files, sheets, date1904, workbookPath};
}

function readSharedStrings(files: Unzipped, path: string | undefined, source: string | undefined): string[] {
  const xml = path ? partText(files, path) : null;
  if (xml === null) return [];
  const strings: string[] = [];
  let current: string | null = null;
  let inText = false;
  let phonetic = 0;
  parseXml(xml, {
    open(name) {
      if (name === "si") current = "";
      else if (name === "t") inText = true;
      else if (name === "rPh") phonetic++;
    },
    close(name) {
      if (name === "si") {
        strings.push(unescapeXstring(current ?? ""));
        current = null;
      } else if (name === "t") inText = false;
      else if (name === "rPh") phonetic--;
    },
    text(text) {
      if (current !== null && inText && phonetic === 0) current += text;
    }
  }, path!, source);
  return strings;
}

/** For each cell style index (cellXfs), whether its number format is a date, and a time alone. */
function readDateStyles(files: Unzipped, path: string | undefined, source: string | undefined): {date: boolean; timeOnly: boolean}[] {
  const xml = path ? partText(files, path) : null;
  if (xml === null) return [];
  const custom = new Map<number, string>();
  const formats: number[] = [];
  let inCellXfs = false;
  parseXml(xml, {
    open(name, a) {
      if (name === "numFmt") custom.set(Number(attr(a, "numFmtId")), attr(a, "formatCode") ?? "");
      else if (name === "cellXfs") inCellXfs = true;
      else if (name === "xf" && inCellXfs) formats.push(Number(attr(a, "numFmtId") ?? 0));
    },
    close(name) {
      if (name === "cellXfs") inCellXfs = false;
    }
  }, path!, source);
  return formats.map((id) => {
    const code = custom.get(id);
    if (code !== undefined) return isDateFormatCode(code);
    return {date: BUILTIN_DATE_FORMATS.has(id), timeOnly: BUILTIN_TIME_FORMATS.has(id)};
  });
}

/**
 * The sheets of an .xlsx workbook, in tab order.
 * Throws AnalysisError("spreadsheet") when the bytes are not a readable workbook.
 * @example listSheets(bytes).map((s) => s.name) // ["Cohort", "Notes"]
 */
export function listSheets(bytes: Uint8Array, {source}: {source?: string} = {}): SheetInfo[] {
  return openWorkbook(bytes, source).sheets.map(({name, hidden, kind}) => ({name, hidden, kind}));
}

/**
 * Reads one sheet of an .xlsx workbook into a checked table (see the module comment).
 * `sheet` is a name or a 0-based index; default the first worksheet.
 * Throws AnalysisError: "spreadsheet" (damaged workbook, no such sheet, a chart sheet, error cells, formulas without
 * a cached result), and the table checks' "empty", "header", "header-only", "parse".
 * @example readXlsx(bytes).table.rows[0] // ["61", "-2.5", "2023-04-05"]
 */
export function readXlsx(bytes: Uint8Array, {sheet, source}: {sheet?: string | number; source?: string} = {}): XlsxRead {
  if (!(bytes instanceof Uint8Array)) throw new TypeError("readXlsx: bytes must be a Uint8Array");
  const book = openWorkbook(bytes, source);
  const names = book.sheets.map((s) => quote(s.name)).join(", ");
  let chosen: Workbook["sheets"][number] | undefined;
  if (sheet === undefined) chosen = book.sheets.find((s) => s.kind === "worksheet");
  else if (typeof sheet === "number") {
    if (!Number.isInteger(sheet) || sheet < 0) throw new RangeError("readXlsx: sheet must be a name or a non-negative integer index");
    chosen = book.sheets[sheet];
    if (!chosen) fail(source, `the workbook has ${book.sheets.length} sheet${book.sheets.length === 1 ? "" : "s"} (${names}); there is no sheet ${sheet + 1}.`);
  } else {
    chosen = book.sheets.find((s) => s.name === sheet);
    if (!chosen) fail(source, `the workbook has no sheet named ${quote(sheet)}. Its sheets: ${names}.`);
  }
  if (!chosen) fail(source, `the workbook has no worksheet with cells (its sheets: ${names}).`);
  if (chosen.kind !== "worksheet" || !chosen.path) fail(source, `the sheet ${quote(chosen.name)} is ${chosen.kind === "chartsheet" ? "a chart" : "not a worksheet"}, not a table of cells. Choose another sheet: ${names}.`);
  const xml = partText(book.files, chosen.path);
  if (xml === null) fail(source, `the workbook names a sheet ${quote(chosen.name)} but does not contain it (${chosen.path}); the file is damaged. Open it in Excel or LibreOffice and save it again.`);

  const rels = [...readRelationships(book.files, book.workbookPath, source).values()];
  const sharedStrings = readSharedStrings(book.files, rels.find((r) => r.type.endsWith("/sharedStrings"))?.target, source);
  const dateStyles = readDateStyles(book.files, rels.find((r) => r.type.endsWith("/styles"))?.target, source);

  const records: string[][] = [];
  const recordRowNumbers: number[] = [];
  const problems: {ref: string; column: number; row: number; what: string}[] = [];
  let problemCount = 0;
  const problem = (row: number, column: number, what: string) => {
    problemCount++;
    if (problems.length < 5) problems.push({ref: `${columnLetters(column)}${row}`, column, row, what});
  };

  let rowNumber = 0;
  let record: string[] | null = null;
  let cell: {column: number; type: string; style: number; value: string | null; formula: string | null; inline: string | null} | null = null;
  let inValue = false;
  let inFormula = false;
  let inInline = false;
  let inInlineText = false;
  let phonetic = 0;
  let lastColumn = -1;
  const finishCell = () => {
    const c = cell!;
    cell = null;
    let text: string;
    const v = c.value;
    switch (c.type) {
      case "s": {
        const k = Number(v);
        if (v === null || !Number.isInteger(k) || sharedStrings[k] === undefined) {
          problem(rowNumber, c.column, "refers to a shared string the workbook does not contain (the file is damaged)");
          return;
        }
        text = sharedStrings[k]!;
        break;
      }
      case "inlineStr":
        text = unescapeXstring(c.inline ?? v ?? "");
        break;
      case "str":
        if (v === null) {
          problem(rowNumber, c.column, `holds a formula (=${c.formula ?? "…"}) with no saved result`);
          return;
        }
        text = unescapeXstring(v);
        break;
      case "b":
        if (v === null || v === "") text = "";
        else if (v === "1" || v === "true") text = "TRUE";
        else if (v === "0" || v === "false") text = "FALSE";
        else {
          problem(rowNumber, c.column, `holds ${quote(v)}, which is not a boolean although the cell is stored as one (the file is damaged)`);
          return;
        }
        break;
      case "e":
        problem(rowNumber, c.column, `holds the error value ${v ?? "#?"}${c.formula ? ` (from the formula =${c.formula})` : ""}`);
        return;
      case "d": {
        if (v === null || v === "") {
          text = "";
          break;
        }
        const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}:\d{2}))?/.exec(v);
        text = !m ? v : !m[2] || m[2] === "00:00:00" ? m[1]! : `${m[1]} ${m[2]}`;
        break;
      }
      default: {
        if (v === null || v.trim() === "") {
          if (c.formula !== null) {
            problem(rowNumber, c.column, `holds a formula (=${c.formula}) with no saved result`);
            return;
          }
          text = "";
          break;
        }
        const number = Number(v);
        if (!Number.isFinite(number)) {
          problem(rowNumber, c.column, `holds ${quote(v)}, which is not a number although the cell is stored as one (the file is damaged)`);
          return;
        }
        const style = dateStyles[c.style];
        if (style?.date) text = excelSerialToIso(number, {date1904: book.date1904, timeOnly: style.timeOnly}) ?? String(number);
        else text = String(number);
      }
    }
    if (text === "") return;
    while (record!.length < c.column) record!.push("");
    record![c.column] = text;
  };

  parseXml(xml, {
    open(name, a) {
      if (name === "row") {
        const r = Number(attr(a, "r"));
        rowNumber = Number.isInteger(r) && r > rowNumber ? r : rowNumber + 1;
        record = [];
        lastColumn = -1;
      } else if (name === "c" && record) {
        const ref = attr(a, "r");
        const m = ref ? /^([A-Za-z]{1,3})(\d+)$/.exec(ref) : null;
        const column = m ? columnIndexOf(m[1]!) : lastColumn + 1;
        lastColumn = column;
        cell = {column, type: attr(a, "t") ?? "n", style: Number(attr(a, "s") ?? 0), value: null, formula: null, inline: null};
      } else if (cell) {
        if (name === "v") (inValue = true), (cell.value = "");
        else if (name === "f") (inFormula = true), (cell.formula = "");
        else if (name === "is") (inInline = true), (cell.inline = "");
        else if (name === "t" && inInline) inInlineText = true;
        else if (name === "rPh") phonetic++;
      }
    },
    close(name) {
      if (name === "row" && record) {
        records.push(record);
        recordRowNumbers.push(rowNumber);
        record = null;
      } else if (name === "c" && cell) finishCell();
      else if (name === "v") inValue = false;
      else if (name === "f") inFormula = false;
      else if (name === "is") inInline = false;
      else if (name === "t") inInlineText = false;
      else if (name === "rPh") phonetic--;
    },
    text(text) {
      if (!cell) return;
      if (inValue) cell.value += text;
      else if (inFormula) cell.formula += text;
      else if (inInlineText && phonetic === 0) cell.inline += text;
    }
  }, chosen.path, source);

  // Columns left of the table that are empty in every row (a table pasted from column B) are dropped.
  let firstColumn = Infinity;
  for (const r of records) {
    const j = r.findIndex((cell) => cell !== undefined && cell.trim() !== "");
    if (j >= 0 && j < firstColumn) firstColumn = j;
  }
  if (problems.length === 0 && firstColumn !== Infinity && firstColumn > 0) {
    for (let k = 0; k < records.length; k++) records[k] = records[k]!.slice(firstColumn);
  }
  for (const r of records) for (let j = 0; j < r.length; j++) if (r[j] === undefined) r[j] = "";

  const where = `${source ? `${source}, ` : ""}sheet ${quote(chosen.name)}`;
  if (problemCount) {
    const headerRecord = records.find((r) => r.some((c) => c.trim() !== ""));
    const columnName = (j: number) => {
      const name = headerRecord?.[j]?.trim();
      return name ? `, column ${quote(name)}` : "";
    };
    const listed = problems.map((p) => `cell ${p.ref} (spreadsheet row ${p.row}${columnName(p.column)}) ${p.what}`).join("; ");
    const more = problemCount > problems.length ? `; and ${problemCount - problems.length} more` : "";
    throw new AnalysisError(
      `${where}: ${problemCount === 1 ? "a cell has" : `${problemCount} cells have`} no usable value — ${listed}${more}. ` +
        `Correct the formula or the value, or clear the cell to mark a missing value; a formula's result is stored when the workbook is saved in Excel or LibreOffice.`,
      "spreadsheet"
    );
  }
  const table = tableFromRecords(records, {source: source === undefined ? `sheet ${quote(chosen.name)}` : `${source} (sheet ${quote(chosen.name)})`, recordRowNumbers, fieldSeparator: "cell", padShortRows: true, container: "sheet"});
  if (source === undefined) delete table.source;
  else table.source = source;
  return {
    table: table as CsvTable & {rowNumbers: number[]},
    sheet: chosen.name,
    sheets: book.sheets.map(({name, hidden, kind}) => ({name, hidden, kind})),
    date1904: book.date1904
  };
}
