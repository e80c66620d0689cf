// Issue 11, class 7: non-finite numbers leaving the engine. jsonSafe is checked against JSON.stringify (which
// writes every non-finite number as null) and against RFC 6901's own examples of JSON Pointers (§5); the
// formatters against the scheme in src/components/format.ts. Generators: fast-check, seeded and bounded.
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {formatEstimateCi, formatMeanSd, formatNonFinite, formatNumber, formatP, formatPercent} from "../../src/components/format.js";
import {escapePointerToken, jsonSafe} from "../../src/components/json-safe.js";

const SEED = 20261201;

/** RFC 6901 §4: evaluate a JSON Pointer against a document. */
function resolve(doc: unknown, pointer: string): unknown {
  if (pointer === "") return doc;
  expect(pointer.startsWith("/")).toBe(true);
  return pointer
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, token) => {
      expect(node !== null && typeof node === "object").toBe(true);
      expect(Object.prototype.hasOwnProperty.call(node, token)).toBe(true);
      return (node as Record<string, unknown>)[token];
    }, doc);
}

const nonFiniteNumber = fc.constantFrom(Infinity, -Infinity, NaN);
const leaf = fc.oneof(fc.double(), nonFiniteNumber, fc.string(), fc.boolean(), fc.constant(null), fc.integer());
// keys include the characters a pointer must escape, and names Object.prototype has
const key = fc.oneof(fc.string(), fc.constantFrom("~", "/", "~1", "a/b~c", "__proto__", "constructor", "toString", ""));
const {tree} = fc.letrec((tie) => ({
  tree: fc.oneof({depthSize: "small"}, leaf, tie("array"), tie("object")),
  array: fc.array(tie("tree"), {maxLength: 5}),
  object: fc.uniqueArray(fc.tuple(key, tie("tree")), {maxLength: 5, selector: ([k]) => k}).map((entries) => {
    const o: Record<string, unknown> = {};
    for (const [k, v] of entries) Object.defineProperty(o, k, {value: v, enumerable: true, writable: true, configurable: true});
    return o;
  })
}));

function countNonFinite(v: unknown): number {
  if (typeof v === "number") return Number.isFinite(v) ? 0 : 1;
  if (v === null || typeof v !== "object") return 0;
  return Object.values(v).reduce<number>((s, x) => s + countNonFinite(x), 0);
}

describe("jsonSafe", () => {
  it("writes what JSON.stringify writes, and lists every non-finite number with a pointer that resolves to its null", () => {
    fc.assert(
      fc.property(tree, (doc) => {
        const {value, nonFinite} = jsonSafe(doc);
        expect(JSON.stringify(value)).toBe(JSON.stringify(doc));
        expect(nonFinite.length).toBe(countNonFinite(doc));
        for (const {pointer, value: name} of nonFinite) {
          expect(resolve(value, pointer)).toBeNull();
          const original = resolve(doc, pointer) as number;
          expect(name).toBe(Number.isNaN(original) ? "NaN" : original > 0 ? "Infinity" : "-Infinity");
        }
        // pointers are unique and in document order (JSON.stringify's order)
        expect(new Set(nonFinite.map((e) => e.pointer)).size).toBe(nonFinite.length);
      }),
      {seed: SEED, numRuns: 500}
    );
  });

  it("keeps +∞, −∞ and NaN apart, in typed arrays, Maps and Sets too, and names the place by RFC 6901's escaping", () => {
    const result = jsonSafe({
      model: {terms: [{or: Infinity, ciLower: -Infinity, p: NaN, z: 1.5}]},
      fitted: Float64Array.of(0.5, NaN),
      byColumn: new Map<string, number>([["__proto__", -Infinity], ["a/b", Infinity], ["m~n", 2]]),
      set: new Set([NaN]),
      when: new Date(Date.UTC(2026, 11, 1)),
      skipped: undefined,
      list: [undefined, () => 1]
    });
    expect(result.nonFinite).toEqual([
      {pointer: "/model/terms/0/or", value: "Infinity"},
      {pointer: "/model/terms/0/ciLower", value: "-Infinity"},
      {pointer: "/model/terms/0/p", value: "NaN"},
      {pointer: "/fitted/1", value: "NaN"},
      {pointer: "/byColumn/__proto__", value: "-Infinity"},
      {pointer: "/byColumn/a~1b", value: "Infinity"},
      {pointer: "/set/0", value: "NaN"}
    ]);
    const v = result.value as Record<string, unknown>;
    expect(v.fitted).toEqual([0.5, null]);
    const byColumn = v.byColumn as Record<string, unknown>;
    expect(Object.getPrototypeOf(byColumn)).toBe(Object.prototype); // the key did not become a prototype
    expect(Object.keys(byColumn)).toEqual(["__proto__", "a/b", "m~n"]);
    expect(JSON.parse(JSON.stringify(v))).toEqual({
      model: {terms: [{or: null, ciLower: null, p: null, z: 1.5}]},
      fitted: [0.5, null],
      byColumn: JSON.parse('{"__proto__": null, "a/b": null, "m~n": 2}'),
      set: [null],
      when: "2026-12-01T00:00:00.000Z",
      list: [null, null]
    });
    expect(jsonSafe(NaN)).toEqual({value: null, nonFinite: [{pointer: "", value: "NaN"}]});
  });

  it("escapes pointer tokens as RFC 6901 §5's examples", () => {
    // RFC 6901 §5: "/a~1b" → "a/b", "/m~0n" → "m~n"
    expect(escapePointerToken("a/b")).toBe("a~1b");
    expect(escapePointerToken("m~n")).toBe("m~0n");
    expect(escapePointerToken("~1")).toBe("~01");
  });

  it("throws TypeError naming the place for a BigInt and for a cycle", () => {
    expect(() => jsonSafe({a: [1, 2n]})).toThrow(/"\/a\/1" is a BigInt/);
    const cyclic: Record<string, unknown> = {x: 1};
    cyclic.self = {back: cyclic};
    expect(() => jsonSafe(cyclic)).toThrow(/"\/self\/back" refers back/);
    // a shared (not cyclic) object is fine
    const shared = {v: Infinity};
    expect(jsonSafe([shared, shared]).nonFinite.map((e) => e.pointer)).toEqual(["/0/v", "/1/v"]);
  });
});

describe("formatting of non-finite numbers: '—' absent, '∞' and '−∞', 'n/a' for NaN", () => {
  it("formatNumber, formatP, formatPercent and the composites keep the four apart", () => {
    expect([null, undefined, Infinity, -Infinity, NaN].map((x) => formatNumber(x))).toEqual(["—", "—", "∞", "−∞", "n/a"]);
    expect([null, undefined, Infinity, -Infinity, NaN].map((x) => formatP(x))).toEqual(["—", "—", "∞", "−∞", "n/a"]);
    expect([null, Infinity, -Infinity, NaN].map((x) => formatPercent(x))).toEqual(["—", "∞%", "−∞%", "n/a"]);
    expect(formatEstimateCi(2.5, 0.5, Infinity, 2)).toBe("2.50 (0.50–∞)");
    expect(formatEstimateCi(NaN, -Infinity, Infinity, 2)).toBe("n/a (−∞–∞)");
    expect(formatMeanSd(1, NaN)).toBe("1.0 ± n/a");
    expect(formatNonFinite(0)).toBeUndefined();
  });

  it("finite numbers read as before: fixed decimals, a true minus, p-value floors", () => {
    expect(formatNumber(-1.23456, 2)).toBe("−1.23");
    expect(formatNumber(-0.0001, 2)).toBe("0.00");
    expect(formatP(0.0004)).toBe("<0.001");
    expect(formatP(0.9999)).toBe(">0.999");
    expect(formatP(0.0444)).toBe("0.044");
    expect(formatPercent(0.1543)).toBe("15.4%");
  });

  it("generated: a finite number never reads as '—', '∞' or 'n/a', and its text parses back to it at the decimals shown", () => {
    fc.assert(
      fc.property(fc.double({min: -1e15, max: 1e15, noNaN: true, noDefaultInfinity: true}), fc.integer({min: 0, max: 6}), (x, d) => {
        const text = formatNumber(x, d);
        expect(text).not.toMatch(/—|∞|n\/a/);
        expect(Math.abs(Number(text.replace("−", "-")) - x)).toBeLessThanOrEqual(0.5 * 10 ** -d * (1 + 1e-9) + Math.abs(x) * 1e-15);
      }),
      {seed: SEED, numRuns: 500}
    );
  });
});
