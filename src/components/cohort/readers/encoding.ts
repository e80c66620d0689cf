/**
 * Bytes of a text file → text, in the encodings clinicians' files come in: UTF-8 with or without a byte-order mark
 * (BOM) — Excel's "CSV UTF-8" writes one, most other programs do not — and UTF-16 little- or big-endian, which
 * Excel's "Unicode text" export writes (UTF-16LE with a BOM, tab-separated). UTF-16 without a BOM is recognised
 * from where its NUL bytes fall: text that is mostly ASCII has a zero high byte in every code unit, at odd offsets
 * for little-endian and even offsets for big-endian (the heuristic of the Unicode FAQ on BOMs and of `file(1)`).
 *
 * Anything else is refused with what was detected: UTF-32 (by its BOM or its NUL pattern), and bytes that are not
 * valid UTF-8 — most often a single-byte Western encoding (Windows-1252 / ISO-8859-1), which Excel's plain
 * "CSV (Comma delimited)" writes on Windows; the message names the first bad byte, its line, what it would be in
 * Windows-1252, and how to save the file as UTF-8. Decoding is strict (TextDecoder with `fatal: true`), so a
 * character is never silently replaced with U+FFFD.
 *
 * Pure: TextDecoder exists in Node, browsers and Web Workers. Throws AnalysisError with code "encoding".
 *
 * @example decodeText(new Uint8Array([0xff, 0xfe, 0x61, 0x00])).text // "a" (encoding "utf-16le", bom true)
 */
import {AnalysisError} from "../table.js";

export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be";

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** Whether the bytes began with a byte-order mark (it is not part of `text`). */
  bom: boolean;
  /** How the encoding was recognised, in words, for the page to show ("UTF-16 little-endian, by its byte-order mark"). */
  detectedBy: string;
}

/** How many leading bytes the NUL-pattern heuristic looks at. */
const SNIFF_BYTES = 4096;

function prefix(source: string | undefined): string {
  return source ? `${source}: ` : "";
}

/** Counts NUL bytes at even and odd offsets among the first SNIFF_BYTES bytes. */
function nulPattern(bytes: Uint8Array): {even: number; odd: number; pairs: number} {
  const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) (i % 2 === 0 ? even++ : odd++);
  return {even, odd, pairs: n / 2};
}

function strictDecode(label: TextEncodingName, bytes: Uint8Array): string {
  return new TextDecoder(label, {fatal: true, ignoreBOM: true}).decode(bytes);
}

/** Line (1-based) of a byte offset, counting LF bytes before it (valid for ASCII-compatible encodings). */
function lineOfOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence (RFC 3629), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) (need = 1), (min = 0x80);
    else if (b >= 0xe0 && b <= 0xef) (need = 2), (min = 0x800);
    else if (b >= 0xf0 && b <= 0xf4) (need = 3), (min = 0x10000);
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Decodes a text file's bytes (see the module comment).
 * Throws AnalysisError("encoding") for UTF-32, for bytes that are not valid in the detected encoding, and for
 * single-byte encodings such as Windows-1252.
 * @example decodeText(new TextEncoder().encode("age\n61\n")).encoding // "utf-8"
 */
export function decodeText(bytes: Uint8Array, {source}: {source?: string} = {}): DecodedText {
  if (!(bytes instanceof Uint8Array)) throw new TypeError("decodeText: bytes must be a Uint8Array");
  const {encoding, bom, detectedBy} = detectEncoding(bytes, {source, totalBytes: bytes.length});
  const body = bom ? bytes.subarray(encoding === "utf-8" ? 3 : 2) : bytes;
  try {
    return {text: strictDecode(encoding, body), encoding, bom, detectedBy};
  } catch {
    if (encoding !== "utf-8") throw new AnalysisError(invalidUtf16Message(source, detectedBy), "encoding");
    const offset = firstInvalidUtf8(body) + (bom ? 3 : 0);
    throw new AnalysisError(invalidUtf8Message(source, bytes[offset]!, lineOfOffset(bytes, offset), offset), "encoding");
  }
}

const SAVE_AS_UTF8 = `Save it as UTF-8 text: in Excel, Save as → "CSV UTF-8 (Comma delimited)"; in LibreOffice, Save as → Text CSV with character set "Unicode (UTF-8)".`;

/**
 * The encoding of a text file from its first bytes (at least the first 4 KiB when the file is longer): the BOM, or
 * the NUL pattern (see the module comment). `totalBytes` is the whole file's length, for the odd-length check of
 * UTF-16. Shared by decodeText and the streaming reader (./stream.ts), which decodes chunk by chunk.
 * Throws AnalysisError("encoding") for UTF-32, binary data and UTF-16 of an odd length.
 */
export function detectEncoding(head: Uint8Array, {source, totalBytes}: {source?: string | undefined; totalBytes: number}): Omit<DecodedText, "text"> {
  const where = prefix(source);
  const [b0, b1, b2, b3] = [head[0], head[1], head[2], head[3]];
  // UTF-32 first: its little-endian BOM begins with UTF-16LE's.
  if ((b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) || (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff)) {
    throw new AnalysisError(`${where}the file is UTF-32 text (by its byte-order mark), which is not read here. ${SAVE_AS_UTF8}`, "encoding");
  }
  let encoding: TextEncodingName;
  let bom = false;
  let detectedBy: string;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    encoding = "utf-8";
    bom = true;
    detectedBy = "UTF-8, by its byte-order mark";
  } else if (b0 === 0xff && b1 === 0xfe) {
    encoding = "utf-16le";
    bom = true;
    detectedBy = "UTF-16 little-endian, by its byte-order mark";
  } else if (b0 === 0xfe && b1 === 0xff) {
    encoding = "utf-16be";
    bom = true;
    detectedBy = "UTF-16 big-endian, by its byte-order mark";
  } else {
    const {even, odd, pairs} = nulPattern(head.length > totalBytes ? head.subarray(0, totalBytes) : head);
    // Mostly-ASCII UTF-16 has a NUL in (nearly) every code unit's high byte and none in the low byte.
    if (pairs >= 2 && odd >= 0.6 * pairs && even === 0) {
      encoding = "utf-16le";
      detectedBy = "UTF-16 little-endian, from the zero bytes at odd offsets (no byte-order mark)";
    } else if (pairs >= 2 && even >= 0.6 * pairs && odd === 0) {
      encoding = "utf-16be";
      detectedBy = "UTF-16 big-endian, from the zero bytes at even offsets (no byte-order mark)";
    } else if (even > 0 && odd > 0 && even + odd >= pairs) {
      throw new AnalysisError(`${where}the file looks like UTF-32 text or binary data (zero bytes at both even and odd offsets), not text that is read here. ${SAVE_AS_UTF8}`, "encoding");
    } else {
      encoding = "utf-8";
      detectedBy = "UTF-8 (no byte-order mark)";
    }
  }
  const bodyLength = totalBytes - (bom ? (encoding === "utf-8" ? 3 : 2) : 0);
  if (encoding !== "utf-8" && bodyLength % 2 === 1) {
    throw new AnalysisError(`${where}the file is ${detectedBy.split(",")[0]} but has an odd number of bytes (${totalBytes}), so it is cut off or not UTF-16. Save it again. ${SAVE_AS_UTF8}`, "encoding");
  }
  return {encoding, bom, detectedBy};
}

/** The message for UTF-16 with an unpaired surrogate. */
export function invalidUtf16Message(source: string | undefined, detectedBy: string): string {
  return `${prefix(source)}the file looks like ${detectedBy.split(",")[0]} but contains byte sequences that are not valid UTF-16 (an unpaired surrogate). ${SAVE_AS_UTF8}`;
}

/** The message for a byte that is not valid UTF-8, at a byte offset of the file and on a 1-based line. */
export function invalidUtf8Message(source: string | undefined, byte: number, line: number, offset: number): string {
  const asWindows1252 = windows1252(byte);
  const guess = asWindows1252
    ? `It looks like a single-byte Western encoding (Windows-1252 / ISO-8859-1, as Excel's plain "CSV (Comma delimited)" writes on Windows), in which that byte is ${JSON.stringify(asWindows1252)}.`
    : "Its encoding is not recognised.";
  return `${prefix(source)}the file is not UTF-8 text: byte 0x${byte.toString(16).toUpperCase().padStart(2, "0")} on line ${line} (byte offset ${offset}) is not valid UTF-8. ${guess} ${SAVE_AS_UTF8}`;
}

/** The Windows-1252 character of a byte ≥ 0x80, or null where the code page has none (0x81, 0x8D, 0x8F, 0x90, 0x9D). */
function windows1252(byte: number): string | null {
  if (byte < 0x80) return String.fromCharCode(byte);
  try {
    const ch = new TextDecoder("windows-1252", {fatal: true}).decode(new Uint8Array([byte]));
    // The WHATWG decoder maps the five undefined bytes to C1 controls.
    return /[\u0080-\u009f]/.test(ch) ? null : ch;
  } catch {
    return null;
  }
}
