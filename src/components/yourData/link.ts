/**
 * "Your own cohort"'s shareable state: every choice of the page as URL parameters, restored on load and on
 * Back/Forward through ../url-state.ts. The reader's file cannot be in a link; its choices can, and they are applied
 * when a file with those columns is loaded (the same file again, or the study's cohort).
 *
 *   mode       fit | validate                         outcome, event   the outcome column and its event value
 *   predictors the candidate columns                  screen          the screen's α (absent: no screen)
 *   select     none | wald | backward                 selectp         Wald selection's α
 *   firth      1 when Firth's method is used          B, seed         bootstrap replicates and seed
 *   sep, dec   separator and decimal mark the reader chose (absent: as detected)
 *   sheet      the workbook's sheet the reader chose (absent: the first)
 *   marker, t  the live threshold's marker (absent: the first) and threshold (absent: its Youden point)
 *
 * The page's controls are drawn and redrawn as files are loaded, so each parameter is held by a small value
 * holder bound to the URL, not by a control: the app writes the holders when the reader changes something (one
 * history entry per settled change) and hears them when Back/Forward restore them.
 *
 * Example: const link = yourDataLink(); link.read().outcome; link.write({...link.read(), seed: 7}, true)
 */
import {DEFAULT_REPLICATES, DEFAULT_SEED, type AnalysisChoices} from "../worker/protocol.js";
import {bindToUrl, parseQuery, type UrlEnvironment, type UrlValue} from "../url-state.js";

export interface YourDataLink {
  mode: "fit" | "validate";
  outcome: string;
  event: string;
  predictors: string[];
  /** The screen's α, or null for no screen. */
  screenP: number | null;
  select: "none" | "wald" | "backward";
  selectP: number;
  firth: boolean;
  replicates: number;
  seed: number;
  /** "" when the file is read as detected. */
  delimiter: string;
  decimal: string;
  sheet: string;
  /** "" for the first marker. */
  marker: string;
  /** null for the marker's Youden threshold. */
  threshold: number | null;
}

/** Each field's URL key and default (a default is left out of the URL). */
const FIELDS: {[K in keyof YourDataLink]: {key: string; defaultValue: UrlValue}} = {
  mode: {key: "mode", defaultValue: "fit"},
  outcome: {key: "outcome", defaultValue: ""},
  event: {key: "event", defaultValue: ""},
  predictors: {key: "predictors", defaultValue: []},
  screenP: {key: "screen", defaultValue: NaN},
  select: {key: "select", defaultValue: "none"},
  selectP: {key: "selectp", defaultValue: 0.05},
  firth: {key: "firth", defaultValue: false},
  replicates: {key: "B", defaultValue: DEFAULT_REPLICATES},
  seed: {key: "seed", defaultValue: DEFAULT_SEED},
  delimiter: {key: "sep", defaultValue: ""},
  decimal: {key: "dec", defaultValue: ""},
  sheet: {key: "sheet", defaultValue: ""},
  marker: {key: "marker", defaultValue: ""},
  threshold: {key: "t", defaultValue: NaN}
};

const NAMES = Object.keys(FIELDS) as (keyof YourDataLink)[];

/** A value holder with Observable's view protocol (value + "input" events), bound to one URL parameter. */
class Holder extends EventTarget {
  constructor(public value: UrlValue) {
    super();
  }
}

/** A link's value as held in the URL (null as NaN, lists copied). */
function toUrl(name: keyof YourDataLink, link: YourDataLink): UrlValue {
  const v = link[name];
  if (v === null) return NaN;
  return Array.isArray(v) ? [...v] : (v as UrlValue);
}

function sameUrlValue(a: UrlValue, b: UrlValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return Object.is(a, b);
}

/** The link state with its defaults. */
export function defaultLink(): YourDataLink {
  return {mode: "fit", outcome: "", event: "", predictors: [], screenP: null, select: "none", selectP: 0.05, firth: false, replicates: DEFAULT_REPLICATES, seed: DEFAULT_SEED, delimiter: "", decimal: "", sheet: "", marker: "", threshold: null};
}

/** The analysis choices a link holds (numbers as given: the form's controls clamp them, saying so). */
export function linkChoices(link: YourDataLink): AnalysisChoices {
  return {outcome: link.outcome, positive: link.event, predictors: [...link.predictors], firth: link.firth, replicates: link.replicates, seed: link.seed, screenP: link.screenP, select: link.select, selectP: link.selectP};
}

/** A link with the given choices (the other fields kept). */
export function withChoices(link: YourDataLink, c: AnalysisChoices): YourDataLink {
  return {...link, outcome: c.outcome, event: c.positive, predictors: [...c.predictors], firth: c.firth, replicates: c.replicates, seed: c.seed, screenP: c.screenP ?? null, select: c.select ?? "none", selectP: c.selectP ?? 0.05};
}

export interface LinkState {
  /** Whether the page was opened with any of these parameters. */
  readonly opened: boolean;
  /** The state the URL holds now. */
  read(): YourDataLink;
  /** Writes the state into the URL; `settled` ends the history entry (a number still being typed does not). */
  write(link: YourDataLink, settled: boolean): void;
  /** Called (once per Back/Forward) with the restored state. */
  onRestore(listener: (link: YourDataLink) => void): void;
}

function decodeField(name: keyof YourDataLink, v: UrlValue): unknown {
  if (name === "screenP" || name === "threshold") return Number.isNaN(v) ? null : v;
  if (name === "mode") return v === "validate" ? "validate" : "fit";
  if (name === "select") return v === "wald" || v === "backward" ? v : "none";
  return v;
}

/** Binds the page's state to the URL (see the module comment); `env` for tests. */
export function yourDataLink({env}: {env?: UrlEnvironment} = {}): LinkState {
  const holders = new Map<keyof YourDataLink, Holder>();
  const search = env ? env.location.search : globalThis.location?.search ?? "";
  const present = parseQuery(search);
  const opened = NAMES.some((name) => present.has(FIELDS[name].key));
  let writing = false;
  let scheduled = false;
  const listeners: ((link: YourDataLink) => void)[] = [];
  const read = (): YourDataLink => {
    const link = defaultLink() as unknown as Record<string, unknown>;
    for (const name of NAMES) link[name] = decodeField(name, holders.get(name)!.value);
    return link as unknown as YourDataLink;
  };
  const restored = () => {
    if (writing || scheduled) return;
    scheduled = true;
    // Back/Forward restore the holders one by one: the page hears the whole state once.
    queueMicrotask(() => {
      scheduled = false;
      const link = read();
      for (const listener of listeners) listener(link);
    });
  };
  for (const name of NAMES) {
    const {key, defaultValue} = FIELDS[name];
    const holder = new Holder(Array.isArray(defaultValue) ? [...defaultValue] : defaultValue);
    bindToUrl(holder, key, {defaultValue, ...(env ? {env} : {})});
    holder.addEventListener("input", restored);
    holders.set(name, holder);
  }
  return {
    opened,
    read,
    write(link, settled) {
      writing = true;
      try {
        let last: Holder | null = null;
        for (const name of NAMES) {
          const holder = holders.get(name)!;
          const value = toUrl(name, link);
          if (sameUrlValue(holder.value, value)) continue;
          holder.value = value;
          holder.dispatchEvent(new Event("input"));
          last = holder;
        }
        // One reader action may change several parameters (a new outcome clears its event): one history entry.
        if (settled) (last ?? holders.get("mode")!).dispatchEvent(new Event("change"));
      } finally {
        writing = false;
      }
    },
    onRestore(listener) {
      listeners.push(listener);
    }
  };
}
