/**
 * A fake browser window for URL-state tests (src/components/url-state.ts's UrlEnvironment): a stack of history
 * entries that pushState/replaceState edit and back()/forward() move through, firing popstate as a browser does,
 * and timers that run only when the test says the time has passed (elapse()).
 */
import type {UrlEnvironment} from "../../src/components/url-state.js";

export class FakeWindow implements UrlEnvironment {
  entries: string[];
  index = 0;
  pushes = 0;
  replaces = 0;
  private listeners = new Set<() => void>();
  private timers = new Map<number, () => void>();
  private nextTimer = 1;
  location = {pathname: "", search: "", hash: ""};
  history = {
    pushState: (_d: unknown, _u: string, url: string) => {
      this.entries = this.entries.slice(0, this.index + 1);
      this.entries.push(url);
      this.index++;
      this.pushes++;
      this.sync();
    },
    replaceState: (_d: unknown, _u: string, url: string) => {
      this.entries[this.index] = url;
      this.replaces++;
      this.sync();
    }
  };
  constructor(url: string) {
    this.entries = [url];
    this.sync();
  }
  get url(): string {
    return this.entries[this.index]!;
  }
  private sync(): void {
    const u = new URL(this.url, "http://x");
    this.location = {pathname: u.pathname, search: u.search, hash: u.hash};
  }
  back(): void {
    this.index--;
    this.sync();
    for (const l of this.listeners) l();
  }
  forward(): void {
    this.index++;
    this.sync();
    for (const l of this.listeners) l();
  }
  addEventListener(_t: "popstate", l: () => void): void {
    this.listeners.add(l);
  }
  removeEventListener(_t: "popstate", l: () => void): void {
    this.listeners.delete(l);
  }
  setTimeout(callback: () => void): unknown {
    const id = this.nextTimer++;
    this.timers.set(id, callback);
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  /** Runs the pending timers (the debounce elapsing). */
  elapse(): void {
    const pending = [...this.timers.values()];
    this.timers.clear();
    for (const f of pending) f();
  }
}
