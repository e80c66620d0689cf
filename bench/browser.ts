/**
 * The benchmark's browser cases, in Debian's Chromium driven by playwright-core (the browser tests' harness,
 * e2e/harness.ts), on a file of n rows × p columns (an outcome `y` and p − 1 numeric predictors, ./browser-data.ts)
 * generated with a fixed seed and not timed:
 *
 * - browser-your-data: the "Your own cohort" page of the built site (dist/, served by scripts/serve.mjs as a reader's
 *   web server would), the file uploaded through the page's file input, every predictor chosen, the default analysis
 *   (its default bootstrap replicates). Timed in the page, from the Analyse click to the status line's "Analysis
 *   done", so that the test driver's polling is not on the clock. Each repeat in a fresh browser context, so each
 *   is a reader's first analysis (cold code). The site is built first when dist/ is missing or older than src/.
 * - browser-webr-glm: webR (R 4.6 compiled to WebAssembly, the npm package `webr`, served from node_modules with
 *   no network) in the same Chromium: read.csv of the same file from webR's file system, then
 *   glm(y ~ ., binomial) and summary(), as an R user would fit it. In the same page and on the same text, the
 *   engine's own parse and fit (readDelimited, buildDesign, fitLogistic with inference) are timed too, for the
 *   note: the same browser, so the ratio is not a browser's.
 *
 * Peak RSS is not measured here (the browser's processes are not ours to sum); the note gives the page's JS heap.
 */
import {spawnSync} from "node:child_process";
import {existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from "node:fs";
import {createServer, type Server} from "node:http";
import {createRequire} from "node:module";
import {tmpdir} from "node:os";
import {dirname, extname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {build} from "esbuild";
import {BROWSER_SCRIPT} from "../src/data/lib/bundle-worker.js";
import {openPage, startSite, type Site} from "../e2e/harness.js";
import {cohortCsv} from "./browser-data.js";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export interface BrowserCaseInput {
  n: number;
  /** Columns of the file: the outcome and p − 1 predictors. */
  p: number;
  seed: number;
  repeats: number;
}

export interface BrowserTimed {
  seconds: number[];
  note: string;
  peakRssMb: null;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    if (entry.name.startsWith(".")) continue; // the loader cache (.observablehq) is the build's, not a source
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the site when dist/ is missing or older than a file under src/, so the case times the current page. */
function ensureBuilt(): void {
  const index = join(REPO_ROOT, "dist/index.html");
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(join(REPO_ROOT, "src"))) return;
  process.stderr.write("bench: dist/ is missing or older than src/: npm run build …\n");
  const result = spawnSync("npm", ["run", "build"], {cwd: REPO_ROOT, stdio: ["ignore", "ignore", "inherit"]});
  if (result.status !== 0) throw new Error(`npm run build exited with ${result.status ?? result.signal}`);
}

function writeFile({n, p, seed}: BrowserCaseInput): {dir: string; path: string; csv: string; events: number} {
  const dir = mkdtempSync(join(tmpdir(), "pkp-bench-browser-"));
  const path = join(dir, `cohort-${n}x${p}.csv`);
  const {csv, events} = cohortCsv({rows: n, columns: p, seed});
  writeFileSync(path, csv);
  return {dir, path, csv, events};
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export async function browserYourDataCase(input: BrowserCaseInput): Promise<BrowserTimed> {
  ensureBuilt();
  const file = writeFile(input);
  const site = await startSite({root: join(REPO_ROOT, "dist")});
  const seconds: number[] = [];
  let note = "";
  try {
    for (let r = 0; r < input.repeats; r++) {
      const {page} = await openPage(site, "/your-data");
      try {
        await page.setInputFiles("[data-testid=your-data-file-input]", file.path);
        // the choices, or the page's refusal of the file (its size, its format), which the case reports as it is
        // (functions, not strings: the site's Content-Security-Policy forbids evaluating strings)
        await page.waitForFunction(
          () => (document.querySelector("[data-testid=choice-outcome]")?.getClientRects().length ?? 0) > 0 || (document.querySelector("[data-testid=your-error]")?.textContent ?? "").trim() !== "",
          undefined,
          {polling: 250, timeout: 600_000}
        );
        const refused = await page.evaluate(() =>
          (document.querySelector("[data-testid=choice-outcome]")?.getClientRects().length ?? 0) > 0 ? "" : (document.querySelector("[data-testid=your-error]")?.textContent ?? "").trim()
        );
        if (refused) throw new Error(`browser-your-data: the page did not take the ${input.n} × ${input.p} file: ${refused}`);
        await page.waitForFunction(() => document.querySelector("[data-testid=your-data-app]")?.getAttribute("aria-busy") === "false", undefined, {polling: 500, timeout: 600_000});
        await page.selectOption("[data-testid=choice-outcome]", "y");
        await page.click("[data-testid=choice-predictors-all]");
        // Timed in the page: from the click to the status line saying the analysis is done (or failed).
        const run = await page.evaluate(
          () =>
            new Promise<{ms: number; status: string; heapMb: number | null}>((done) => {
              const status = document.querySelector("[data-testid=your-status]")!;
              const started = performance.now();
              const observer = new MutationObserver(() => {
                const text = status.textContent ?? "";
                if (!/^Analysis done|^The analysis stopped/.test(text)) return;
                observer.disconnect();
                const memory = (performance as unknown as {memory?: {usedJSHeapSize: number}}).memory;
                done({ms: performance.now() - started, status: text, heapMb: memory ? memory.usedJSHeapSize / 2 ** 20 : null});
              });
              observer.observe(status, {childList: true, characterData: true, subtree: true});
              (document.querySelector("[data-testid=your-data-run]") as HTMLButtonElement).click();
            }),
          undefined
        );
        if (!run.status.startsWith("Analysis done")) throw new Error(`browser-your-data: the page said “${run.status}” ${((await page.textContent("[data-testid=your-error]")) ?? "").trim()}`);
        seconds.push(run.ms / 1000);
        process.stderr.write(`bench: browser-your-data repeat ${r + 1}: ${(run.ms / 1000).toFixed(2)} s\n`);
        note = `${run.status.replace(/^Analysis done in [\d.]+ s /, "")} Page's JS heap after the run ${run.heapMb === null ? "not measured" : `${run.heapMb.toFixed(0)} MiB`}; each repeat a fresh context (cold code).`;
      } finally {
        await page.context().close();
      }
    }
  } finally {
    await site.close();
    rmSync(file.dir, {recursive: true, force: true});
  }
  return {seconds, note, peakRssMb: null};
}

/** webR's files in node_modules, or a message saying why there are none. */
export function webrDist(): string {
  const require = createRequire(join(REPO_ROOT, "package.json"));
  let entry: string;
  try {
    entry = require.resolve("webr");
  } catch {
    throw new Error("browser-webr-glm needs the npm package webr (a devDependency): run npm ci");
  }
  const dist = dirname(entry);
  if (!existsSync(join(dist, "R.wasm"))) throw new Error(`browser-webr-glm: ${dist} has no R.wasm`);
  return dist;
}

const TYPES: Record<string, string> = {".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".html": "text/html", ".json": "application/json", ".gz": "application/gzip"};

/** A loopback server for the webR page: webR's dist at /webr/, the engine's bundle, the page and the file. */
async function webrServer(dist: string, files: Record<string, {body: string | Buffer; type: string}>): Promise<{server: Server; origin: string}> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const own = files[url.pathname];
    if (own) {
      res.writeHead(200, {"Content-Type": own.type});
      res.end(own.body);
      return;
    }
    if (url.pathname.startsWith("/webr/")) {
      const path = resolve(dist, `.${decodeURIComponent(url.pathname.slice("/webr".length))}`);
      if (path.startsWith(dist) && existsSync(path) && statSync(path).isFile()) {
        res.writeHead(200, {"Content-Type": TYPES[extname(path)] ?? "application/octet-stream"});
        res.end(readFileSync(path));
        return;
      }
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("the webR server has no port");
  return {server, origin: `http://127.0.0.1:${address.port}`};
}

/** The engine's reader and fit, bundled for the page (window.engineFit), as the site's worker bundles them. */
async function engineBundle(): Promise<string> {
  const result = await build({
    stdin: {
      contents: `
        import {parseCsvTable} from "./src/components/cohort/table.js";
        import {typedTable} from "./src/components/cohort/typed-table.js";
        import {buildDesign} from "./src/components/stats/design.js";
        import {fitLogistic} from "./src/components/stats/logistic.js";
        globalThis.engineFit = (text) => {
          const typed = typedTable(parseCsvTable(text, {source: "cohort.csv"}));
          const names = typed.columns.filter((c) => c !== "y");
          const column = (name) => typed.column(name).values;
          const columns = Object.fromEntries(names.map((name) => [name, column(name)]));
          const fit = fitLogistic(buildDesign(columns, names), column("y"));
          return {converged: fit.converged, coefficients: Array.from(fit.coefficients)};
        };`,
      resolveDir: REPO_ROOT,
      loader: "ts"
    },
    ...BROWSER_SCRIPT
  });
  return result.outputFiles[0]!.text;
}

const WEBR_PAGE = `<!doctype html><meta charset="utf-8"><title>webR glm</title><script src="/engine.js"></script>
<script type="module">
import {WebR, ChannelType} from "/webr/webr.js";
window.webrReady = (async () => {
  const webR = new WebR({baseUrl: "/webr/", channelType: ChannelType.PostMessage});
  await webR.init();
  const text = await (await fetch("/cohort.csv")).text();
  await webR.FS.writeFile("/home/web_user/cohort.csv", new TextEncoder().encode(text));
  return {webR, text};
})();
</script>`;

export async function browserWebrGlmCase(input: BrowserCaseInput): Promise<BrowserTimed> {
  const dist = webrDist();
  const file = writeFile(input);
  const {server, origin} = await webrServer(dist, {
    "/": {body: WEBR_PAGE, type: "text/html"},
    "/engine.js": {body: await engineBundle(), type: "text/javascript"},
    "/cohort.csv": {body: file.csv, type: "text/csv"}
  });
  // Only the browser of the harness: the site's server is started and left idle.
  const site: Site = await startSite({root: join(REPO_ROOT, "dist")}).catch(() => {
    throw new Error("browser-webr-glm uses the browser tests' Chromium and harness: run npm run build once first");
  });
  const seconds: number[] = [];
  const engine: number[] = [];
  const glmOnly: number[] = [];
  const offOrigin: string[] = [];
  let agreement = "";
  try {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    // webR fetches nothing from the network: anything off this server is refused and reported.
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) || url.startsWith("blob:") || url.startsWith("data:")) return route.continue();
      offOrigin.push(url);
      return route.abort("blockedbyclient");
    });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    page.on("console", (message) => void (message.type() === "error" && errors.push(message.text())));
    await page.goto(`${origin}/`);
    await page
      .waitForFunction(() => (window as unknown as {webrReady?: Promise<unknown>}).webrReady !== undefined, undefined, {timeout: 60_000})
      .catch(() => {
        throw new Error(`browser-webr-glm: the page did not start webR${errors.length ? `: ${errors.join("; ")}` : ""}`);
      });
    await page.evaluate(async () => void (await (window as unknown as {webrReady: Promise<unknown>}).webrReady));
    for (let r = 0; r < input.repeats; r++) {
      const run = await page.evaluate(async () => {
        const w = window as unknown as {
          webrReady: Promise<{webR: {evalRNumber(code: string): Promise<number>; evalR(code: string): Promise<{toArray(): Promise<number[]>}>}; text: string}>;
          engineFit(text: string): {converged: boolean; coefficients: number[]};
        };
        const {webR, text} = await w.webrReady;
        const started = performance.now();
        await webR.evalRNumber(`{d <- read.csv("/home/web_user/cohort.csv"); t0 <- proc.time()[["elapsed"]]; fit <- glm(y ~ ., family = binomial, data = d); s <- summary(fit)$coefficients; proc.time()[["elapsed"]] - t0}`);
        const webrMs = performance.now() - started;
        const glmS = await webR.evalRNumber("proc.time()[['elapsed']] - t0");
        const coefficients = await (await webR.evalR("unname(coef(fit))")).toArray();
        const engineStarted = performance.now();
        const fit = w.engineFit(text);
        const engineMs = performance.now() - engineStarted;
        return {webrMs, glmS, coefficients, engineMs, engine: fit.coefficients, converged: fit.converged};
      });
      const largest = Math.max(...run.coefficients.map((b, j) => Math.abs(b - run.engine[j]!) / Math.max(1, Math.abs(b))));
      if (!run.converged || !(largest < 1e-6)) throw new Error(`browser-webr-glm: the engine's fit and glm's differ (largest relative difference ${largest})`);
      agreement = `coefficients agree to ${largest.toExponential(0)}`;
      seconds.push(run.webrMs / 1000);
      engine.push(run.engineMs / 1000);
      glmOnly.push(run.glmS);
      process.stderr.write(`bench: browser-webr-glm repeat ${r + 1}: webR ${(run.webrMs / 1000).toFixed(2)} s, engine ${(run.engineMs / 1000).toFixed(2)} s\n`);
    }
    await context.close();
  } finally {
    await site.close();
    await new Promise((done) => server.close(done));
    rmSync(file.dir, {recursive: true, force: true});
  }
  if (offOrigin.length) throw new Error(`browser-webr-glm: webR asked the network for ${offOrigin.slice(0, 3).join(", ")}`);
  const note = `webR ${JSON.parse(readFileSync(join(dist, "..", "package.json"), "utf8")).version}: read.csv + glm + summary; glm + summary alone median ${median(glmOnly).toFixed(2)} s; the engine (parse + fit with inference) in the same page median ${median(engine).toFixed(2)} s, webR/engine ${(median(seconds) / median(engine)).toFixed(1)}×; ${agreement}; no request left the page's server`;
  return {seconds, note, peakRssMb: null};
}
