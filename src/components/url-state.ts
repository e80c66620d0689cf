/**
 * Shareable state: a control's value mirrored in the page's URL query, restored from it on load and on Back/Forward,
 * so that a reviewer can send "the ROC explorer at threshold 0.2 for BMD" as a link.
 *
 * - bindToUrl(input, key) reads `?key=…` when bound: a valid value is set on the input (`input.value = v`) and an
 *   "input" event dispatched, as if the reader had chosen it; if the control adjusts it (a numberInput clamps
 *   150 to 95), the URL is rewritten to the value actually used.
 * - Each change burst — the "input" events of one slider drag, or one typed entry — makes one history entry: the
 *   first event of a burst pushes (history.pushState), the rest replace it (replaceState), and the burst ends on the
 *   input's "change" event or after `debounceMs` without events. So the URL is always current, and Back steps
 *   through settled changes, not through every pixel of a drag.
 * - On popstate (Back/Forward) every bound input whose parameter differs from its value is set and sent "input"
 *   (without making history of its own). A parameter absent from the URL means the input's value when it was bound
 *   (its default), and a value equal to that default is left out of the URL, so untouched views have clean links.
 *
 * Encoding (compact and exact): numbers in shortest round-trip form (`0.07682187` stays that; NaN, Infinity and
 * -Infinity as those words, three different values); booleans `1`/`0`; strings percent-encoded; arrays as items
 * joined by `,` (an item's own commas percent-encoded), an empty array as `~`. A parameter that does not decode
 * for its kind is ignored (the input keeps its default) rather than half-applied.
 *
 * Works in the browser with `window`'s location and history, and in Node with a fake environment (UrlEnvironment)
 * for tests. Keys are plain strings; values are read with a Map, so a parameter called `__proto__` is harmless.
 *
 * @example const threshold = view(bindToUrl(numberInput({label: "Threshold", min: 0, max: 1, value: 0.077, testId: "roc-threshold"}), "t"))
 */

export type UrlValue = number | string | boolean | readonly (number | string)[];
export type UrlValueKind = "number" | "string" | "boolean" | "numbers" | "strings";

/** The parts of window a binding needs (a fake in tests). */
export interface UrlEnvironment {
  location: {pathname: string; search: string; hash: string};
  history: {pushState(data: unknown, unused: string, url: string): void; replaceState(data: unknown, unused: string, url: string): void};
  addEventListener(type: "popstate", listener: () => void): void;
  removeEventListener(type: "popstate", listener: () => void): void;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What bindToUrl needs of an input: Observable's view protocol. */
export interface BindableInput extends EventTarget {
  value: unknown;
}

export interface BindOptions {
  /** How the value is written; default from the input's value when bound. */
  kind?: UrlValueKind;
  /** Milliseconds without events that end a burst (default 500). */
  debounceMs?: number;
  /** The value left out of the URL (default: the input's value when bound). */
  defaultValue?: UrlValue;
  /** Environment (default window). */
  env?: UrlEnvironment;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function encodeNumber(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "Infinity";
  if (v === -Infinity) return "-Infinity";
  return Object.is(v, -0) ? "0" : String(v);
}

function decodeNumber(s: string): number | undefined {
  if (s === "NaN") return NaN;
  if (s === "Infinity" || s === "+Infinity") return Infinity;
  if (s === "-Infinity") return -Infinity;
  return NUMBER.test(s) ? Number(s) : undefined;
}

function encodeItem(s: string): string {
  return encodeURIComponent(s).replace(/%20/g, "+");
}

function decodeItem(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return undefined;
  }
}

/** The kind of a value, for choosing its encoding. */
export function kindOf(value: unknown): UrlValueKind {
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "string") return "string";
  if (Array.isArray(value)) return value.every((x) => typeof x === "number") && value.length > 0 ? "numbers" : "strings";
  throw new TypeError(`bindToUrl: a value of type ${value === null ? "null" : typeof value} cannot be kept in a URL`);
}

/**
 * A value as the raw (already percent-encoded) text of a query parameter.
 * @example encodeValue(["age", "bmd_t"], "strings") // "age,bmd_t"
 */
export function encodeValue(value: UrlValue, kind: UrlValueKind = kindOf(value)): string {
  switch (kind) {
    case "number":
      return encodeNumber(value as number);
    case "boolean":
      return value ? "1" : "0";
    case "string":
      return encodeItem(value as string);
    case "numbers":
    case "strings": {
      const items = value as readonly (number | string)[];
      if (items.length === 0) return "~";
      return items.map((x) => (typeof x === "number" ? encodeNumber(x) : encodeItem(x))).join(",");
    }
  }
}

/**
 * Raw parameter text → a value of the kind, or undefined when it does not decode.
 * @example decodeValue("0.2", "number") // 0.2
 */
export function decodeValue(raw: string, kind: UrlValueKind): UrlValue | undefined {
  switch (kind) {
    case "number":
      return decodeNumber(decodeItem(raw) ?? "");
    case "boolean": {
      const s = decodeItem(raw);
      return s === "1" || s === "true" ? true : s === "0" || s === "false" ? false : undefined;
    }
    case "string":
      return decodeItem(raw);
    case "numbers":
    case "strings": {
      if (raw === "~") return [];
      const items = raw.split(",").map(decodeItem);
      if (items.some((x) => x === undefined)) return undefined;
      if (kind === "strings") return items as string[];
      const numbers = (items as string[]).map(decodeNumber);
      return numbers.some((x) => x === undefined) ? undefined : (numbers as number[]);
    }
  }
}

/** Parses a query string ("?a=1&b=x") into raw (still encoded) values by decoded key, in order. */
export function parseQuery(search: string): Map<string, string> {
  const params = new Map<string, string>();
  const body = search.startsWith("?") ? search.slice(1) : search;
  if (!body) return params;
  for (const part of body.split("&")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    const key = decodeItem(eq < 0 ? part : part.slice(0, eq));
    if (key === undefined) continue;
    params.set(key, eq < 0 ? "" : part.slice(eq + 1));
  }
  return params;
}

/** Serialises raw values by key back into "?a=1&b=x" ("" when there are none). */
export function formatQuery(params: ReadonlyMap<string, string>): string {
  const parts = [...params].map(([key, raw]) => `${encodeItem(key)}=${raw}`);
  return parts.length ? `?${parts.join("&")}` : "";
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
  return Object.is(a, b);
}

interface Binding {
  input: BindableInput;
  key: string;
  kind: UrlValueKind;
  defaultValue: UrlValue;
}

interface Controller {
  env: UrlEnvironment;
  bindings: Map<string, Binding>;
  restoring: boolean;
  burstOpen: boolean;
  timer: unknown;
  onPopState: () => void;
}

const controllers = new Map<UrlEnvironment, Controller>();
const listeners = new WeakMap<BindableInput, {onInput: () => void; onChange: () => void; env: UrlEnvironment; key: string}>();

function browserEnvironment(): UrlEnvironment {
  const w = globalThis as unknown as Window & typeof globalThis;
  if (!w.location || !w.history) throw new TypeError("bindToUrl: no window.location/history here; pass options.env");
  return {
    location: w.location,
    history: w.history,
    addEventListener: (type, listener) => w.addEventListener(type, listener),
    removeEventListener: (type, listener) => w.removeEventListener(type, listener),
    setTimeout: (callback, ms) => w.setTimeout(callback, ms),
    clearTimeout: (handle) => w.clearTimeout(handle as number)
  };
}

let defaultEnvironment: UrlEnvironment | null = null;

function controllerFor(env: UrlEnvironment): Controller {
  let controller = controllers.get(env);
  if (controller) return controller;
  const c: Controller = {
    env,
    bindings: new Map(),
    restoring: false,
    burstOpen: false,
    timer: null,
    onPopState: () => {
      c.burstOpen = false;
      if (c.timer !== null) env.clearTimeout(c.timer);
      c.timer = null;
      const params = parseQuery(env.location.search);
      for (const binding of c.bindings.values()) {
        const raw = params.get(binding.key);
        const decoded = raw === undefined ? binding.defaultValue : decodeValue(raw, binding.kind) ?? binding.defaultValue;
        if (!sameValue(decoded, binding.input.value)) apply(c, binding, decoded);
      }
    }
  };
  env.addEventListener("popstate", c.onPopState);
  controllers.set(env, c);
  return c;
}

/** Sets a value on an input as the reader would, without making history. */
function apply(c: Controller, binding: Binding, value: UrlValue): void {
  c.restoring = true;
  try {
    binding.input.value = Array.isArray(value) ? value.slice() : value;
    binding.input.dispatchEvent(new Event("input", {bubbles: true}));
  } finally {
    c.restoring = false;
  }
}

function urlWith(c: Controller, binding: Binding, value: unknown): string {
  const {location} = c.env;
  const params = parseQuery(location.search);
  if (sameValue(value, binding.defaultValue)) params.delete(binding.key);
  else params.set(binding.key, encodeValue(value as UrlValue, binding.kind));
  return `${location.pathname}${formatQuery(params)}${location.hash}`;
}

function write(c: Controller, binding: Binding, mode: "push" | "replace"): void {
  const url = urlWith(c, binding, binding.input.value);
  const {location, history} = c.env;
  if (url === `${location.pathname}${location.search}${location.hash}`) return;
  if (mode === "push") history.pushState(null, "", url);
  else history.replaceState(null, "", url);
}

/**
 * Binds an input's value to the URL parameter `key` (see the module comment) and returns the input, so that a page
 * can write `view(bindToUrl(input, "t"))`. Binding another input to the same key replaces the first binding.
 * Throws TypeError when the input's value cannot be kept in a URL (null, an object).
 */
export function bindToUrl<T extends BindableInput>(input: T, key: string, options: BindOptions = {}): T {
  if (typeof key !== "string" || key === "") throw new TypeError("bindToUrl: key must be a non-empty string");
  const env = options.env ?? (defaultEnvironment ??= browserEnvironment());
  const initial = input.value as UrlValue;
  const kind = options.kind ?? kindOf(options.defaultValue ?? initial);
  const binding: Binding = {input, key, kind, defaultValue: options.defaultValue ?? (Array.isArray(initial) ? initial.slice() : initial)};
  const previous = controllers.get(env)?.bindings.get(key);
  if (previous) unbindFromUrl(previous.input, env);
  const c = controllerFor(env);
  c.bindings.set(key, binding);
  const debounceMs = options.debounceMs ?? 500;

  const raw = parseQuery(env.location.search).get(key);
  if (raw !== undefined) {
    const decoded = decodeValue(raw, kind);
    if (decoded !== undefined && !sameValue(decoded, input.value)) apply(c, binding, decoded);
    // The URL states what the control uses (it may have clamped the value, or the parameter was invalid).
    write(c, binding, "replace");
  }

  const endBurst = () => {
    c.burstOpen = false;
    if (c.timer !== null) env.clearTimeout(c.timer);
    c.timer = null;
  };
  const onInput = () => {
    if (c.restoring || c.bindings.get(key) !== binding) return;
    write(c, binding, c.burstOpen ? "replace" : "push");
    c.burstOpen = true;
    if (c.timer !== null) env.clearTimeout(c.timer);
    c.timer = env.setTimeout(endBurst, debounceMs);
  };
  const onChange = () => {
    if (c.restoring || c.bindings.get(key) !== binding) return;
    // A change without a preceding input (some controls) still settles into its own entry.
    if (!c.burstOpen) write(c, binding, "push");
    else write(c, binding, "replace");
    endBurst();
  };
  input.addEventListener("input", onInput);
  input.addEventListener("change", onChange);
  listeners.set(input, {onInput, onChange, env, key});
  return input;
}

/** Removes an input's binding (its parameter stays in the URL as it is). */
export function unbindFromUrl(input: BindableInput, env?: UrlEnvironment): void {
  const entry = listeners.get(input);
  if (!entry) return;
  input.removeEventListener("input", entry.onInput);
  input.removeEventListener("change", entry.onChange);
  listeners.delete(input);
  const c = controllers.get(env ?? entry.env);
  if (c && c.bindings.get(entry.key)?.input === input) c.bindings.delete(entry.key);
  if (c && c.bindings.size === 0) {
    c.env.removeEventListener("popstate", c.onPopState);
    controllers.delete(c.env);
  }
}

/**
 * The page's whole state as decoded strings by key (a null-prototype object), e.g. for a "share this view" panel;
 * with `kinds`, those keys are decoded to their kinds (absent or invalid ones left out).
 * @example readUrlState("?t=0.2&m=bmd_t") // {t: "0.2", m: "bmd_t"}
 */
export function readUrlState(search: string, kinds?: Record<string, UrlValueKind>): Record<string, UrlValue> {
  const state = Object.create(null) as Record<string, UrlValue>;
  for (const [key, raw] of parseQuery(search)) {
    const kind = kinds && Object.hasOwn(kinds, key) ? kinds[key] : undefined;
    if (kinds && !kind) continue;
    const v = decodeValue(raw, kind ?? "string");
    if (v !== undefined) state[key] = v;
  }
  return state;
}

/**
 * A link to a page with the given state (values encoded as bindToUrl encodes them), for "share this view".
 * @example stateLink("/roc", {t: 0.2, m: "bmd_t"}) // "/roc?t=0.2&m=bmd_t"
 */
export function stateLink(path: string, state: Readonly<Record<string, UrlValue>>, hash = ""): string {
  const params = new Map<string, string>();
  for (const key of Object.keys(state)) params.set(key, encodeValue(state[key]!));
  return `${path}${formatQuery(params)}${hash}`;
}
