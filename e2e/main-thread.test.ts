/**
 * The main thread stays free while an analysis runs: no task on the page's main thread longer than 50 ms (the Long
 * Tasks API's threshold, beyond which a click or a key waits visibly) from the click that starts the work to its
 * "done", on the three pages that run one — "Your own cohort" on a generated file of 10⁴ rows × 20 columns uploaded
 * through the page's file input (reading it, then the full analysis), the Validation page's in-browser rerun of its
 * bootstraps, and the teaching page's 1,000 redrawn studies.
 *
 * Why not the Long Tasks API alone: a long task is measured in wall time, and on a loaded 2-core machine (the
 * analysis's own workers take both cores) a 5 ms frame is often descheduled long enough to last 60–110 ms. So the
 * test also records a Chromium trace and takes, for each long task, the main thread's own CPU time in it (the
 * trace's thread duration of the same task); only a task whose CPU time is over 50 ms is main-thread work to fix.
 * CPU time is still stretched a little by contention (shared caches, a core's other hardware thread), so a page
 * fails only when such a task comes back in a second, fresh run (a new browser context, so the code runs cold again
 * as a reader's first analysis does): a one-off spike passes, work that is really on the main thread does not.
 *
 * The waits poll every 250 ms instead of Playwright's default requestAnimationFrame polling, whose predicate runs
 * on the very thread measured, once per frame.
 */
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {openPage, startSite, type Site} from "./harness.js";
import {cohortCsv} from "../bench/browser-data.js";

/** The Long Tasks API's threshold: a task longer than this delays input noticeably. */
const LONG_TASK_MS = 50;
const POLL = {polling: 250} as const;

let site: Site;
let file: string;

beforeAll(async () => {
  site = await startSite();
  file = join(mkdtempSync(join(tmpdir(), "main-thread-")), "cohort-10000x20.csv");
  writeFileSync(file, cohortCsv({rows: 1e4, columns: 20, seed: 1}).csv);
});
afterAll(async () => {
  await site?.close();
});

interface LongTask {
  startMs: number;
  durationMs: number;
  /** The main thread's CPU time in this task (from the trace); null when the trace has no matching task. */
  cpuMs: number | null;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
}

/**
 * Runs `work` (which starts the page's analysis and resolves when the page says it is done) and returns the long
 * tasks the page's main thread had meanwhile, each with its CPU time.
 */
async function longTasksDuring(page: Page, work: () => Promise<void>): Promise<LongTask[]> {
  await page.evaluate(() => {
    const w = window as unknown as {__longTasks?: {startMs: number; durationMs: number}[]};
    if (w.__longTasks) return; // one observer per page: a second would report every task twice
    const tasks: {startMs: number; durationMs: number}[] = (w.__longTasks = []);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push({startMs: e.startTime, durationMs: e.duration});
    }).observe({type: "longtask", buffered: true});
  });
  await site.browser.startTracing(page, {categories: ["toplevel", "disabled-by-default-devtools.timeline", "blink.user_timing"]});
  const from = await page.evaluate(() => performance.mark("main-thread-test-start").startTime);
  await work();
  const to = await page.evaluate(() => performance.now());
  const trace = JSON.parse((await site.browser.stopTracing()).toString()) as {traceEvents: TraceEvent[]} | TraceEvent[];
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const tasks = await page.evaluate(() => (window as unknown as {__longTasks: {startMs: number; durationMs: number}[]}).__longTasks);
  // The mark ties the two clocks together and names the page's main thread (the thread that wrote it).
  const mark = events.find((e) => e.name === "main-thread-test-start");
  if (!mark) throw new Error("the trace has no user-timing mark: cannot tell the page's main thread");
  const offsetMs = mark.ts / 1000 - from;
  const timed = events.filter((e) => e.ph === "X" && e.pid === mark.pid && e.tid === mark.tid && e.dur !== undefined && e.tdur !== undefined);
  return tasks
    .filter((t) => t.startMs + t.durationMs >= from && t.startMs <= to)
    .map((t) => {
      // The task's own trace event: the longest on the main thread inside the long task's span (give or take the
      // clocks' rounding) that covers nearly all of it — usually "RunTask", at times only its inner event.
      const start = t.startMs + offsetMs;
      const inside = timed.filter((e) => e.ts / 1000 >= start - 2 && (e.ts + e.dur!) / 1000 <= start + t.durationMs + 2);
      const match = inside.reduce<TraceEvent | null>((best, e) => (best === null || e.dur! > best.dur! ? e : best), null);
      if (match && match.dur! / 1000 >= 0.9 * t.durationMs) return {...t, cpuMs: match.tdur! / 1000};
      // No one event spans it (seen under heavy load): the CPU time of the outermost traced events inside it, summed
      // (the task's work as far as the trace shows it); with none at all, the wall time stands.
      let cpu = 0;
      let end = -Infinity;
      for (const e of [...inside].sort((x, y) => x.ts - y.ts)) {
        if (e.ts < end) continue; // inside an event already counted
        cpu += e.tdur!;
        end = e.ts + e.dur!;
      }
      return {...t, cpuMs: inside.length ? cpu / 1000 : null};
    });
}

/** The tasks to fix: over the threshold in the main thread's own CPU time (or in wall time, where no CPU time was found). */
const offenders = (tasks: LongTask[]) => tasks.filter((t) => (t.cpuMs ?? t.durationMs) > LONG_TASK_MS);

const describeTasks = (tasks: LongTask[]) => tasks.map((t) => `${t.durationMs.toFixed(0)} ms (CPU ${t.cpuMs === null ? "?" : t.cpuMs.toFixed(0)} ms) at ${(t.startMs / 1000).toFixed(2)} s`).join("; ");

/** Runs one page's measurement, a second time in a fresh context if the first finds a long task (see above). */
async function expectMainThreadFree(label: string, measure: () => Promise<LongTask[]>): Promise<void> {
  const first = await measure();
  console.log(`\n${label}: ${first.length} long task(s) by wall time, ${offenders(first).length} by CPU time; ${describeTasks(first)}`);
  if (!offenders(first).length) return;
  const second = await measure();
  console.log(`${label}, second run: ${describeTasks(second)}`);
  expect(offenders(second).length ? `first run: ${describeTasks(offenders(first))}; second run: ${describeTasks(offenders(second))}` : "", `${label}: main-thread tasks over ${LONG_TASK_MS} ms of CPU in both runs`).toBe("");
}

async function inFreshPage<T>(path: string, body: (page: Page) => Promise<T>): Promise<T> {
  const {page} = await openPage(site, path);
  try {
    return await body(page);
  } finally {
    await page.context().close();
  }
}

const idle = (page: Page, timeout: number) =>
  page.waitForFunction(() => document.querySelector("[data-testid=your-data-app]")?.getAttribute("aria-busy") === "false", undefined, {...POLL, timeout});

describe("the main thread stays free while an analysis runs", () => {
  it("Your own cohort: reading a 10⁴ × 20 file and the full analysis of it", async () => {
    await expectMainThreadFree("/your-data", () =>
      inFreshPage("/your-data", async (page) => {
        await page.waitForSelector("[data-testid=your-data-file-input]");
        const reading = await longTasksDuring(page, async () => {
          await page.setInputFiles("[data-testid=your-data-file-input]", file);
          await page.waitForSelector("[data-testid=choice-outcome]", {timeout: 120_000});
          await idle(page, 120_000);
        });
        await page.selectOption("[data-testid=choice-outcome]", "y");
        await page.click("[data-testid=choice-predictors-all]");
        // Fewer replicates than the default: the main thread's share of the work does not grow with them.
        await page.fill("[data-testid=choice-replicates-number]", "20");
        const analysing = await longTasksDuring(page, async () => {
          await page.click("[data-testid=your-data-run]");
          await page.waitForFunction(() => document.querySelector("[data-testid=your-data-app]")?.getAttribute("aria-busy") === "true", undefined, {...POLL, timeout: 10_000}).catch(() => undefined);
          await idle(page, 600_000);
        });
        expect(await page.textContent("[data-testid=your-data-app]")).toContain("Analysis done");
        return [...reading, ...analysing];
      })
    );
  }, 1_200_000);

  // The Validation page's rerun of both bootstraps, and the teaching page's 1,000 redrawn studies: press the
  // button, wait for the page to say it is done.
  const runs: {label: string; path: string; button: string; done: (page: Page) => Promise<unknown>}[] = [
    {
      label: "/validation",
      path: "/validation",
      button: "[data-testid=validation-rerun]",
      done: (page) => page.waitForFunction(() => document.querySelector("[data-testid=validation-bootstrap] caption")?.textContent?.startsWith("Rerun in this browser"), undefined, {...POLL, timeout: 600_000})
    },
    {
      label: "/teaching",
      path: "/teaching",
      button: "[data-testid=teaching-all]",
      done: (page) => page.waitForSelector(`[data-testid=teaching-player][data-done=true][data-shown="1000"]`, {timeout: 600_000})
    }
  ];
  for (const {label, path, button, done} of runs) {
    it(`${label}: ${button}`, async () => {
      await expectMainThreadFree(label, () =>
        inFreshPage(path, async (page) => {
          await page.waitForSelector(button);
          return longTasksDuring(page, async () => {
            await page.click(button);
            await done(page);
          });
        })
      );
    }, 1_200_000);
  }
});
