/**
 * JSON without silent nulls: a deep copy of a value in which every non-finite number (+∞, −∞, NaN) becomes null,
 * as JSON.stringify would write it, together with a list saying where each one was and which it was, so that a
 * JSON interface can keep its null fields (never renamed or retyped) and still tell +∞ from −∞ from NaN — e.g.
 * in one top-level field:
 *
 *   const {value, nonFinite} = jsonSafe(result);
 *   JSON.stringify({...value, nonFinite});
 *
 * Each entry of `nonFinite` is {pointer, value}: `pointer` is the RFC 6901 JSON Pointer of the null in `value`
 * ("" is the whole document, "/model/terms/2/ciUpper" a field; "~" is written "~0" and "/" "~1" inside a key),
 * `value` the string "Infinity", "-Infinity" or "NaN". Entries are in document order.
 *
 * The copy follows JSON.stringify's rules otherwise: an object's own enumerable string-keyed properties, in order;
 * toJSON(key) is called where an object has one (a Date becomes its ISO string); undefined, functions and symbols
 * are dropped from objects and become null in arrays; typed arrays become arrays (Float64Array and friends); a
 * Map becomes an object of its entries (keys as strings; a key such as "__proto__" stays an ordinary own
 * property) and a Set an array. Pure: no DOM, no node: imports.
 *
 * Throws TypeError, naming the pointer, for a BigInt (JSON has none) and for a cycle.
 *
 * @example jsonSafe({or: Infinity, ci: [0.5, NaN]}) // {value: {or: null, ci: [0.5, null]}, nonFinite: [{pointer: "/or", value: "Infinity"}, {pointer: "/ci/1", value: "NaN"}]}
 */

export type NonFiniteName = "Infinity" | "-Infinity" | "NaN";

export interface NonFiniteEntry {
  /** RFC 6901 JSON Pointer to the null that stands for the number. */
  pointer: string;
  value: NonFiniteName;
}

export interface JsonSafeResult {
  value: unknown;
  nonFinite: NonFiniteEntry[];
}

/** One reference token of a JSON Pointer: "~" → "~0", "/" → "~1" (RFC 6901 §3). */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

function nameOf(x: number): NonFiniteName {
  return Number.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity";
}

/** Sets own property `key` of `out`, also when the key is "__proto__" (which plain assignment would not create). */
function setOwn(out: Record<string, unknown>, key: string, v: unknown): void {
  if (key === "__proto__") Object.defineProperty(out, key, {value: v, enumerable: true, writable: true, configurable: true});
  else out[key] = v;
}

export function jsonSafe(value: unknown): JsonSafeResult {
  const nonFinite: NonFiniteEntry[] = [];
  const ancestors = new Set<object>();

  const visit = (v: unknown, key: string, pointer: string, inArray: boolean): unknown => {
    if (v !== null && typeof v === "object" && typeof (v as {toJSON?: unknown}).toJSON === "function") {
      v = (v as {toJSON: (key: string) => unknown}).toJSON(key);
    }
    switch (typeof v) {
      case "number":
        if (Number.isFinite(v)) return v;
        nonFinite.push({pointer, value: nameOf(v)});
        return null;
      case "string":
      case "boolean":
        return v;
      case "bigint":
        throw new TypeError(`jsonSafe: the value at "${pointer}" is a BigInt (${String(v)}n), which JSON cannot hold; convert it to a number or a string`);
      case "undefined":
      case "function":
      case "symbol":
        return inArray ? null : undefined;
    }
    if (v === null) return null;
    const object = v as object;
    if (ancestors.has(object)) throw new TypeError(`jsonSafe: the value at "${pointer}" refers back to one of its ancestors (a cycle), which JSON cannot hold`);
    ancestors.add(object);
    let out: unknown;
    if (ArrayBuffer.isView(object) && !(object instanceof DataView)) {
      if (object instanceof BigInt64Array || object instanceof BigUint64Array) {
        throw new TypeError(`jsonSafe: the value at "${pointer}" is a ${object.constructor.name}, whose BigInts JSON cannot hold`);
      }
      const typed = object as unknown as ArrayLike<number>;
      const arr = new Array<unknown>(typed.length);
      for (let i = 0; i < typed.length; i++) arr[i] = visit(typed[i], String(i), `${pointer}/${i}`, true);
      out = arr;
    } else if (Array.isArray(object)) {
      const arr = new Array<unknown>(object.length);
      for (let i = 0; i < object.length; i++) arr[i] = visit(object[i], String(i), `${pointer}/${i}`, true);
      out = arr;
    } else if (object instanceof Set) {
      const arr: unknown[] = [];
      let i = 0;
      for (const item of object) {
        arr.push(visit(item, String(i), `${pointer}/${i}`, true));
        i++;
      }
      out = arr;
    } else if (object instanceof Map) {
      const obj: Record<string, unknown> = {};
      for (const [k, item] of object) {
        const name = String(k);
        const copied = visit(item, name, `${pointer}/${escapePointerToken(name)}`, false);
        if (copied !== undefined) setOwn(obj, name, copied);
      }
      out = obj;
    } else {
      const obj: Record<string, unknown> = {};
      for (const name of Object.keys(object)) {
        const copied = visit((object as Record<string, unknown>)[name], name, `${pointer}/${escapePointerToken(name)}`, false);
        if (copied !== undefined) setOwn(obj, name, copied);
      }
      out = obj;
    }
    ancestors.delete(object);
    return out;
  };

  return {value: visit(value, "", "", false), nonFinite};
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
  const values: Record<NonFiniteName, number> = {Infinity: Infinity, "-Infinity": -Infinity, NaN: NaN};
  for (const {pointer, value} of list) {
    const keys = pointer.split("/").slice(1).map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
    let target = out as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
    target[keys[keys.length - 1]!] = values[value];
  }
  return document;
}
