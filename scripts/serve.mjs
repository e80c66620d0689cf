// Serves the built site (dist/) on loopback, as a journal's web server would host it, with serve-static (the
// Express project's static middleware, on `send`) inside node:http. What this file adds around it:
// - only GET and HEAD: any other method is 405 with an Allow header;
// - security headers on every response: a Content-Security-Policy that allows the site's own origin and, for each
//   page, exactly its inline scripts (by SHA-256 hash), X-Content-Type-Options and Referrer-Policy;
// - a one-line message, not a stack trace, when the port is taken or the site is not built;
// - `--plain`: no clean-URL mapping (/data is a 404, only /data.html exists), as the plainest static server does.
// serve-static answers a malformed URL (/%, /%zz) with 400, a path out of the root (..) with 403, and a range it
// cannot satisfy with 416; sirv, the other candidate, was dropped because one `Range: bytes=100-50` request kills it.
//
// Usage: node scripts/serve.mjs [--port N] [--root DIR] [--plain] [--build]
//   --port N   port to listen on (also PORT=N; the flag wins); default 3000; 0 picks a free one
//   --build    run `npm run build` first, after checking that the port is free (what `npm start` does)
import {spawnSync} from "node:child_process";
import {createHash} from "node:crypto";
import {existsSync, readFileSync} from "node:fs";
import {STATUS_CODES, createServer} from "node:http";
import {relative, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import serveStatic from "serve-static";

export const DEFAULT_PORT = 3000;
export const ALLOWED_METHODS = ["GET", "HEAD"];

const sha256 = (text) => `sha256-${createHash("sha256").update(text, "utf8").digest("base64")}`;

/**
 * htl (the template tag of Observable Inputs and Framework's `html`) writes a function-valued attribute such as
 * `oninput=${f}` into its template as the text "::N", N the argument's position, then sets the property and drops
 * the attribute. Chromium reports each placeholder as a blocked inline event handler. "::N" is not JavaScript (a
 * syntax error if it ever ran), so allowing exactly these texts by hash silences the reports and still allows no
 * inline handler that could run. Every widget of Observable Inputs 0.12 puts its handlers at positions 1 to 11 (seen in Chromium); 16 leaves room.
 */
export const HTL_PLACEHOLDER_HASHES = Array.from({length: 16}, (_, i) => sha256(`::${i + 1}`));

/**
 * The Content-Security-Policy sent with every response. Framework pages need: their own modules, data files and
 * worker ('self'); their inline scripts (the page's module and the sidebar's toggle, allowed by hash, so no other
 * inline script runs); no inline event handler (only htl's placeholders, above); inline styles (Plot writes <style>
 * into each chart and style attributes, which hashes cannot cover); and data:/blob: images (the page icon is a
 * data: URL, a PNG download draws the chart through one). Everything else falls back to default-src 'self';
 * object-src, base-uri, form-action and frame-ancestors do not fall back, so they are closed explicitly.
 * @example contentSecurityPolicy({scriptHashes: ["sha256-abc="]}) // "default-src 'self'; script-src 'self' 'sha256-abc='; …"
 */
export function contentSecurityPolicy({scriptHashes = []} = {}) {
  return [
    "default-src 'self'",
    ["script-src 'self'", ...scriptHashes.map((hash) => `'${hash}'`)].join(" "),
    ["script-src-attr 'unsafe-hashes'", ...HTL_PLACEHOLDER_HASHES.map((hash) => `'${hash}'`)].join(" "),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'"
  ].join("; ");
}

/** The headers every response carries, whatever its status. */
export const SECURITY_HEADERS = {
  "Content-Security-Policy": contentSecurityPolicy(),
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer"
};

/**
 * The CSP source hashes ("sha256-<base64>") of an HTML document's inline scripts: every <script> without a src,
 * its text exactly as between the tags (which is what the browser hashes).
 * @example inlineScriptHashes("<script>x()</script>") // ["sha256-…"], the base64 SHA-256 of "x()"
 */
export function inlineScriptHashes(html) {
  const hashes = new Set();
  for (const [, attributes, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\ssrc\s*=/i.test(attributes)) continue;
    hashes.add(sha256(body));
  }
  return [...hashes];
}

/**
 * A request handler for node:http serving `root`. With `cleanUrls`, /data also finds data.html (Framework's
 * preview does the same); without, a URL maps to a file and nothing more, and a directory to its index.html.
 */
export function createSiteHandler({root = "dist", cleanUrls = true} = {}) {
  const absoluteRoot = resolve(root);
  // A page's hashes are read when it is served, so a rebuild while serving is picked up; keyed by size and mtime.
  const hashCache = new Map();
  const pagePolicy = (path, stat) => {
    const key = `${stat.size}:${stat.mtimeMs}`;
    const cached = hashCache.get(path);
    if (cached?.key === key) return cached.policy;
    const policy = contentSecurityPolicy({scriptHashes: inlineScriptHashes(readFileSync(path, "utf8"))});
    hashCache.set(path, {key, policy});
    return policy;
  };
  const files = serveStatic(absoluteRoot, {
    extensions: cleanUrls ? ["html"] : false,
    index: ["index.html"],
    fallthrough: false, // errors (400 malformed, 403 outside the root, 404) come to `done` below
    dotfiles: "ignore",
    setHeaders(res, path, stat) {
      if (path.endsWith(".html")) res.setHeader("Content-Security-Policy", pagePolicy(path, stat));
    }
  });
  const reply = (req, res, status, extraHeaders = {}) => {
    const body = `${status} ${STATUS_CODES[status] ?? "Error"}\n`;
    res.writeHead(status, {"Content-Type": "text/plain; charset=utf-8", "Content-Length": Buffer.byteLength(body), ...extraHeaders});
    res.end(req.method === "HEAD" ? undefined : body);
  };
  return (req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (!ALLOWED_METHODS.includes(req.method ?? "")) {
      reply(req, res, 405, {Allow: ALLOWED_METHODS.join(", ")});
      return;
    }
    try {
      files(req, res, (error) => {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        const status = Number(error?.status ?? error?.statusCode ?? 404);
        reply(req, res, status >= 400 && status < 600 ? status : 500);
      });
    } catch {
      // serve-static reports its errors through the callback; this is a guard so that no request can end the process.
      if (res.headersSent) res.destroy();
      else reply(req, res, 500);
    }
  };
}

/** Thrown by startServer with a message a reader can act on (port taken, no privilege, site not built). */
export class ServeError extends Error {
  constructor(message, code) {
    super(message);
    this.name = "ServeError";
    this.code = code;
  }
}

/**
 * Starts serving `root` on http://host:port/ and resolves with the listening server (port 0 picks a free port;
 * read it from server.address()).
 * @throws ServeError (as a rejection) when the site is not built or the port cannot be had.
 */
export function startServer({port = DEFAULT_PORT, root = "dist", host = "127.0.0.1", cleanUrls = true} = {}) {
  if (!existsSync(resolve(root, "index.html"))) {
    return Promise.reject(new ServeError(`${relative(process.cwd(), resolve(root)) || root}/ has no index.html: build the site first (npm run build), or use npm start, which builds and serves.`, "ENOSITE"));
  }
  const server = createServer(createSiteHandler({root, cleanUrls}));
  return listen(server, port, host).then(() => server);
}

function listen(server, port, host) {
  return new Promise((resolvePromise, reject) => {
    const onError = (error) => {
      server.off("listening", onListening);
      reject(listenError(error, port, host));
    };
    const onListening = () => {
      server.off("error", onError);
      resolvePromise();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

function listenError(error, port, host) {
  const other = port > 1023 && port < 65535 ? port + 1 : DEFAULT_PORT;
  if (error?.code === "EADDRINUSE") {
    return new ServeError(`Port ${port} on ${host} is already in use (another server, or an earlier npm start?). Stop it, or choose another port: npm start -- --port ${other} (or PORT=${other} npm start; the same for npm run serve).`, "EADDRINUSE");
  }
  if (error?.code === "EACCES") {
    return new ServeError(`Port ${port} needs privileges this user does not have. Choose a port above 1023: npm start -- --port ${other}.`, "EACCES");
  }
  return new ServeError(`Cannot listen on ${host}:${port}: ${error?.message ?? error}.`, error?.code ?? "ELISTEN");
}

/**
 * Reads the command line and the environment: --port N (or --port=N), else PORT, else 3000; --root DIR;
 * --plain; --build.
 * @throws ServeError naming the argument when a port is not an integer from 0 to 65535 or an option is unknown.
 * @example parseServeArgs(["--port", "8080"], {}) // {port: 8080, root: "dist", cleanUrls: true, build: false}
 */
export function parseServeArgs(args, env = {}) {
  const options = {port: undefined, root: "dist", cleanUrls: true, build: false};
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].startsWith("--") && args[i].includes("=") ? [args[i].slice(0, args[i].indexOf("=")), args[i].slice(args[i].indexOf("=") + 1)] : [args[i], undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      const next = args[++i];
      if (next === undefined || next.startsWith("--")) throw new ServeError(`${flag} needs a value, as in ${flag} ${flag === "--port" ? "3001" : "dist"}.`, "EUSAGE");
      return next;
    };
    if (flag === "--port") options.port = parsePort(value(), "--port");
    else if (flag === "--root") options.root = value();
    else if (flag === "--plain") options.cleanUrls = false;
    else if (flag === "--build") options.build = true;
    else throw new ServeError(`Unknown option ${args[i]}. Options: --port N, --root DIR, --plain, --build.`, "EUSAGE");
  }
  if (options.port === undefined) options.port = env.PORT !== undefined && env.PORT !== "" ? parsePort(env.PORT, "PORT") : DEFAULT_PORT;
  return options;
}

function parsePort(text, name) {
  const port = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!Number.isInteger(port) || port > 65535) throw new ServeError(`${name} must be a whole number from 0 to 65535 (0 picks a free port); got "${text}".`, "EUSAGE");
  return port;
}

/** Resolves once nothing listens on host:port; rejects with the ServeError that listening would give. */
export function checkPortFree(port, host = "127.0.0.1") {
  if (port === 0) return Promise.resolve();
  const probe = createServer();
  return listen(probe, port, host).then(() => new Promise((resolvePromise) => probe.close(() => resolvePromise())));
}

async function main() {
  const options = parseServeArgs(process.argv.slice(2), process.env);
  if (options.build) {
    // Checked first, so that a taken port is reported now and not after the build.
    await checkPortFree(options.port);
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const build = spawnSync(npm, ["run", "build"], {stdio: "inherit"});
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const server = await startServer(options);
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  console.log(`Serving ${relative(process.cwd(), resolve(options.root)) || "."}/ at http://127.0.0.1:${port}/${options.cleanUrls ? "" : " (plain: no clean URLs)"} — Ctrl+C stops it.`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error instanceof ServeError ? `serve: ${error.message}` : `serve: ${error?.message ?? error}`);
    process.exit(error instanceof ServeError && error.code === "EUSAGE" ? 2 : 1);
  });
}
