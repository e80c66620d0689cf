/**
 * Keeping the page's main thread free while a large result is drawn: the work is split into steps, and between two
 * steps the browser gets the thread back (to handle a click or a key, and to paint what is there), so no single task
 * lasts much longer than the slowest step. A chart is one step; a whole results page at once would be one task of
 * several hundred milliseconds.
 *
 * Browser only (document); in Node, yieldToBrowser is a resolved promise's turn.
 *
 * @example const later = drawLater(); box.append(later.slot(() => chartFigure(...))); await later.run();
 */

interface Scheduler {
  yield?: () => Promise<void>;
}

/**
 * Resolves in a new task, after the browser has had the chance to handle input and render. scheduler.yield where
 * the browser has it (its continuation keeps its place ahead of other page work); otherwise a MessageChannel
 * message — not setTimeout, which a background tab throttles to once a second, nor requestAnimationFrame, which a
 * background tab never runs, so a result drawn while the reader looks at another tab is still drawn.
 */
export function yieldToBrowser(): Promise<void> {
  const scheduler = (globalThis as {scheduler?: Scheduler}).scheduler;
  if (typeof scheduler?.yield === "function") return scheduler.yield();
  if (typeof MessageChannel === "undefined") return Promise.resolve();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export interface DrawLater {
  /**
   * A placeholder for what `build` draws, replaced by it when run() reaches it; the placeholder keeps the place in
   * the document, so the order of the page is the order in which slots were taken.
   */
  slot(build: () => Node): HTMLElement;
  /** Builds every slot in order, yielding to the browser before each; resolves when all are drawn. */
  run(): Promise<void>;
}

export function drawLater(): DrawLater {
  const steps: {placeholder: HTMLElement; build: () => Node}[] = [];
  return {
    slot(build) {
      const placeholder = document.createElement("div");
      placeholder.className = "drawing-pending";
      placeholder.setAttribute("aria-busy", "true");
      steps.push({placeholder, build});
      return placeholder;
    },
    async run() {
      for (const {placeholder, build} of steps.splice(0)) {
        await yieldToBrowser();
        placeholder.replaceWith(build());
      }
    }
  };
}

/**
 * A chart's render for Framework's resize(), drawn in a task of its own: resize() calls every chart's render from
 * one ResizeObserver delivery, so a page whose charts all follow one input (a rerun's result) would draw them all in
 * one task; with this each render first yields, and resize() (which awaits its render) shows the chart when drawn.
 *
 * @example resize(inTurn((width) => chartFigure(instabilityChart(result, {width}), {...})))
 */
export function inTurn<T>(render: (width: number) => T): (width: number) => Promise<T> {
  return async (width) => {
    await yieldToBrowser();
    return render(width);
  };
}
