// Shareable state (src/components/url-state.ts) against a fake location/history that keeps a stack of entries and
// fires popstate on back()/forward(), as a browser does. Expected URLs are written out by hand.
import {describe, expect, it} from "vitest";
import {bindToUrl, decodeValue, encodeValue, formatQuery, parseQuery, readUrlState, stateLink, unbindFromUrl} from "../../src/components/url-state.js";
import {FakeWindow} from "../helpers/fake-window.js";

/** An Observable-style view: a value and "input"/"change" events; `inputs` counts the "input" events it received. */
class FakeInput extends EventTarget {
  inputs = 0;
  constructor(public value: unknown, private clamp?: (v: number) => number) {
    super();
    this.addEventListener("input", () => this.inputs++);
  }
  set(v: unknown): void {
    this.value = this.clamp && typeof v === "number" ? this.clamp(v) : v;
  }
  drag(...values: number[]): void {
    for (const v of values) {
      this.value = v;
      this.dispatchEvent(new Event("input"));
    }
    this.dispatchEvent(new Event("change"));
  }
}
// A view whose setter clamps (as numberInput does).
function clampingInput(value: number, min: number, max: number): FakeInput {
  const input = new FakeInput(value);
  let v = value;
  Object.defineProperty(input, "value", {get: () => v, set: (x: number) => (v = Math.min(max, Math.max(min, x)))});
  return input;
}

describe("encoding", () => {
  it("numbers exactly, booleans as 1/0, strings and arrays compactly; NaN and ±Infinity kept apart", () => {
    expect(encodeValue(0.07682187123)).toBe("0.07682187123");
    expect(encodeValue(-2.75)).toBe("-2.75");
    expect([NaN, Infinity, -Infinity].map((v) => encodeValue(v))).toEqual(["NaN", "Infinity", "-Infinity"]);
    expect(decodeValue("-Infinity", "number")).toBe(-Infinity);
    expect(Number.isNaN(decodeValue("NaN", "number"))).toBe(true);
    expect(encodeValue(true)).toBe("1");
    expect(encodeValue("bmd_t")).toBe("bmd_t");
    expect(encodeValue("a b&c=d")).toBe("a+b%26c%3Dd");
    expect(encodeValue(["age", "bmd_t"])).toBe("age,bmd_t");
    expect(encodeValue(["x,y", "z"])).toBe("x%2Cy,z");
    expect(decodeValue("x%2Cy,z", "strings")).toEqual(["x,y", "z"]);
    expect(encodeValue([0.1, 2])).toBe("0.1,2");
    expect(decodeValue("0.1,2", "numbers")).toEqual([0.1, 2]);
    expect(encodeValue([], "strings")).toBe("~");
    expect(decodeValue("~", "strings")).toEqual([]);
  });

  it("refuses what does not decode for its kind", () => {
    expect(decodeValue("abc", "number")).toBeUndefined();
    expect(decodeValue("0x10", "number")).toBeUndefined();
    expect(decodeValue("yes", "boolean")).toBeUndefined();
    expect(decodeValue("1,b", "numbers")).toBeUndefined();
    expect(decodeValue("%E0%A4%A", "string")).toBeUndefined();
  });

  it("parses and formats queries, with a null-prototype state object", () => {
    const q = parseQuery("?t=0.2&m=bmd_t&__proto__=1");
    expect([...q]).toEqual([["t", "0.2"], ["m", "bmd_t"], ["__proto__", "1"]]);
    expect(formatQuery(q)).toBe("?t=0.2&m=bmd_t&__proto__=1");
    const state = readUrlState("?t=0.2&m=bmd_t&__proto__=1");
    expect(Object.getPrototypeOf(state)).toBeNull();
    expect(state.__proto__).toBe("1");
    expect(readUrlState("?t=0.2&m=bmd_t&x=9", {t: "number", m: "string"})).toEqual(Object.assign(Object.create(null), {t: 0.2, m: "bmd_t"}));
    expect(stateLink("/roc", {t: 0.2, m: "bmd_t", p: ["age", "bmd_t"]})).toBe("/roc?t=0.2&m=bmd_t&p=age,bmd_t");
  });
});

describe("bindToUrl", () => {
  it("restores a value from the URL on bind and dispatches input", () => {
    const w = new FakeWindow("/roc?t=0.2&other=keep");
    const input = new FakeInput(0.077);
    bindToUrl(input, "t", {env: w});
    expect(input.value).toBe(0.2);
    expect(input.inputs).toBe(1);
    expect(w.url).toBe("/roc?t=0.2&other=keep");
    unbindFromUrl(input, w);
  });

  it("rewrites the URL to what the control used when it clamps or the parameter is invalid", () => {
    const w = new FakeWindow("/calc?age=150");
    const age = clampingInput(69, 50, 95);
    bindToUrl(age, "age", {env: w});
    expect(age.value).toBe(95);
    expect(w.url).toBe("/calc?age=95");
    expect(w.pushes).toBe(0);
    unbindFromUrl(age, w);
    const w2 = new FakeWindow("/calc?age=old");
    const age2 = new FakeInput(69);
    bindToUrl(age2, "age", {env: w2});
    expect(age2.value).toBe(69);
    expect(w2.url).toBe("/calc");
    unbindFromUrl(age2, w2);
  });

  it("one history entry per drag (push, then replace), default values left out, Back and Forward restore", () => {
    const w = new FakeWindow("/roc#curve");
    const t = new FakeInput(0.5);
    const m = new FakeInput("model");
    bindToUrl(t, "t", {env: w});
    bindToUrl(m, "m", {env: w});
    t.drag(0.4, 0.3, 0.2);
    expect(w.entries).toEqual(["/roc#curve", "/roc?t=0.2#curve"]);
    expect([w.pushes, w.replaces]).toEqual([1, 2]);
    m.set("bmd_t");
    m.dispatchEvent(new Event("input"));
    w.elapse(); // the debounce ends the burst without a change event
    expect(w.entries).toEqual(["/roc#curve", "/roc?t=0.2#curve", "/roc?t=0.2&m=bmd_t#curve"]);
    t.drag(0.5); // back to the default: the parameter goes
    expect(w.url).toBe("/roc?m=bmd_t#curve");

    const before = t.inputs;
    w.back();
    expect([t.value, m.value]).toEqual([0.2, "bmd_t"]);
    expect(t.inputs).toBe(before + 1);
    w.back();
    expect([t.value, m.value]).toEqual([0.2, "model"]);
    w.back();
    expect([t.value, m.value]).toEqual([0.5, "model"]);
    // Restoring made no history of its own.
    expect(w.entries.length).toBe(4);
    w.forward();
    expect(t.value).toBe(0.2);
    // A new change after going back drops the forward entries, as a browser does.
    t.drag(0.9);
    expect(w.entries).toEqual(["/roc#curve", "/roc?t=0.2#curve", "/roc?t=0.9#curve"]);
    unbindFromUrl(t, w);
    unbindFromUrl(m, w);
  });

  it("arrays and booleans round-trip through the URL", () => {
    const w = new FakeWindow("/your-data?p=age,bmd_t&firth=1");
    const predictors = new FakeInput([] as string[]);
    const firth = new FakeInput(false);
    bindToUrl(predictors, "p", {env: w, kind: "strings"});
    bindToUrl(firth, "firth", {env: w});
    expect(predictors.value).toEqual(["age", "bmd_t"]);
    expect(firth.value).toBe(true);
    predictors.set(["age"]);
    predictors.dispatchEvent(new Event("input"));
    predictors.dispatchEvent(new Event("change"));
    expect(w.url).toBe("/your-data?p=age&firth=1");
    predictors.set([]);
    predictors.dispatchEvent(new Event("input"));
    // The empty list is the default here (the value when bound): left out.
    expect(w.url).toBe("/your-data?firth=1");
    unbindFromUrl(predictors, w);
    unbindFromUrl(firth, w);
  });

  it("a second input bound to the same key replaces the first", () => {
    const w = new FakeWindow("/roc?t=0.3");
    const first = new FakeInput(0.5);
    bindToUrl(first, "t", {env: w});
    const second = new FakeInput(0.5);
    bindToUrl(second, "t", {env: w});
    expect(second.value).toBe(0.3);
    first.drag(0.9);
    expect(w.url).toBe("/roc?t=0.3");
    second.drag(0.7);
    w.back();
    expect(second.value).toBe(0.3);
    unbindFromUrl(second, w);
  });

  it("refuses values that cannot live in a URL", () => {
    const w = new FakeWindow("/");
    expect(() => bindToUrl(new FakeInput(null), "x", {env: w})).toThrow(TypeError);
    expect(() => bindToUrl(new FakeInput(1), "", {env: w})).toThrow(/key must be a non-empty string/);
  });
});
