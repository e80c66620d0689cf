/**
 * JSON has no NaN or ±Infinity. jsonSafe copies a value for JSON.stringify: every non-finite number becomes null,
 * and `nonFinite` lists each one with its RFC 6901 JSON Pointer and which it was ("Infinity", "-Infinity",
 * "NaN"), so a reader of the document can tell an overflowing odds ratio (+∞) from a threshold of −∞ and from a
 * statistic that is not defined (NaN) — three different answers — while the document's fields keep their types.
 * Typed arrays become plain arrays; `undefined` fields are dropped, as JSON.stringify drops them.
 *
 * @example jsonSafe({or: Infinity, p: [0.5, NaN]}) // {value: {or: null, p: [0.5, null]}, nonFinite: [{pointer: "/or", value: "Infinity"}, {pointer: "/p/1", value: "NaN"}]}
 */

export type NonFiniteKind = "Infinity" | "-Infinity" | "NaN";

export interface NonFiniteEntry {
  pointer: string;
  value: NonFiniteKind;
}

const escapeToken = (key: string): string => key.replace(/~/g, "~0").replace(/\//g, "~1");

export function jsonSafe(value: unknown): {value: unknown; nonFinite: NonFiniteEntry[]} {
  const nonFinite: NonFiniteEntry[] = [];
  const visit = (v: unknown, pointer: string): unknown => {
    if (typeof v === "number") {
      if (Number.isFinite(v)) return v;
      nonFinite.push({pointer, value: Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity"});
      return null;
    }
    if (v === null || typeof v !== "object") return v;
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return visit(Array.from(v as unknown as ArrayLike<number>), pointer);
    if (Array.isArray(v)) return v.map((item, i) => visit(item, `${pointer}/${i}`));
    const out: Record<string, unknown> = Object.create(null);
    for (const key of Object.keys(v)) {
      const item = (v as Record<string, unknown>)[key];
      if (item === undefined || typeof item === "function") continue;
      out[key] = visit(item, `${pointer}/${escapeToken(key)}`);
    }
    return out;
  };
  return {value: visit(value, ""), nonFinite};
}

/** The analysis document as JSON text: jsonSafe's copy with its `nonFinite` list added as the last field. */
export function toJsonDocument(document: object, indent = 2): string {
  const {value, nonFinite} = jsonSafe(document);
  return JSON.stringify({...(value as Record<string, unknown>), nonFinite}, null, indent);
}

/**
 * The inverse of toJsonDocument for a reader in JavaScript: puts each number listed in `nonFinite` back (as +∞, −∞
 * or NaN) and drops the list, so a page computes with the engine's numbers exactly.
 * @example restoreNonFinite(JSON.parse(toJsonDocument({or: Infinity}))).or // Infinity
 */
export function restoreNonFinite<T>(document: T & {nonFinite?: NonFiniteEntry[]}): T {
  const list = document.nonFinite ?? [];
  const out = document as Record<string, unknown>;
  delete out.nonFinite;
  const values: Record<NonFiniteKind, number> = {Infinity: Infinity, "-Infinity": -Infinity, NaN: NaN};
  for (const {pointer, value} of list) {
    const keys = pointer.split("/").slice(1).map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
    let target = out as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
    target[keys[keys.length - 1]!] = values[value];
  }
  return document;
}
