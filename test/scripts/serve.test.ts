/**
 * The site's static server (scripts/serve.mjs): requests that must not end it (malformed escapes, traversal, very
 * long URLs, odd ranges), methods other than GET/HEAD, the security headers on every response, clean and plain URL
 * mapping, the port from --port / PORT, and a taken port reported in one line — both through startServer and
 * through the command line (`node scripts/serve.mjs`, `npm run serve`, `npm start`) as a reader runs it.
 */
import {spawn, type ChildProcess} from "node:child_process";
import {createHash} from "node:crypto";
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {createServer, request, type IncomingHttpHeaders, type Server} from "node:http";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {HTL_PLACEHOLDER_HASHES, ServeError, contentSecurityPolicy, inlineScriptHashes, parseServeArgs, startServer} from "../../scripts/serve.mjs";
import {root as repoRoot} from "../helpers/run-script.js";

// A small site: a page with two inline scripts (one module, one classic), a page linked by clean URL, a data file,
// a dotfile; and beside the site's root a file that no URL may reach.
const PAGE_MODULE = 'import {x} from "./_file/x.js";\nx();';
const PAGE_CLASSIC = "document.documentElement.dataset.ready = 1;";
const INDEX_HTML = `<!doctype html><html><head><script type="module">${PAGE_MODULE}</script><script src="./_file/x.js"></script></head><body><script>${PAGE_CLASSIC}</script><a href="./data.html">data</a></body></html>`;
const SECRET = "secret-outside-the-site-root";

let base: string;
let site: string;
let server: Server;
let port: number;

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), "serve-test-"));
  site = join(base, "site");
  mkdirSync(join(site, "_file"), {recursive: true});
  writeFileSync(join(site, "index.html"), INDEX_HTML);
  writeFileSync(join(site, "data.html"), "<!doctype html><p>data page</p>");
  writeFileSync(join(site, "_file", "x.js"), "export const x = () => 1;");
  writeFileSync(join(site, "_file", "numbers.json"), '{"a": 1}');
  writeFileSync(join(site, ".env"), SECRET);
  writeFileSync(join(base, "secret.txt"), SECRET);
  server = await startServer({port: 0, root: site});
  port = (server.address() as {port: number}).port;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  rmSync(base, {recursive: true, force: true});
});

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One raw request: the path goes on the wire exactly as given (no URL normalisation, unlike fetch). */
function send(path: string, {method = "GET", headers = {}, to = port}: {method?: string; headers?: Record<string, string>; to?: number} = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({host: "127.0.0.1", port: to, path, method, headers}, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({status: res.statusCode ?? 0, headers: res.headers, body}));
    });
    req.on("error", reject);
    req.end();
  });
}

const sha256 = (text: string) => `sha256-${createHash("sha256").update(text).digest("base64")}`;

function expectSecurityHeaders(reply: Reply, what: string): void {
  const csp = String(reply.headers["content-security-policy"]);
  expect(csp.split("; ")[0], `${what}: CSP default-src`).toBe("default-src 'self'");
  expect(reply.headers["x-content-type-options"], `${what}: nosniff`).toBe("nosniff");
  expect(reply.headers["referrer-policy"], `${what}: Referrer-Policy`).toBe("no-referrer");
}

describe("requests that must not end the server", () => {
  it.each([
    ["/%", 400],
    ["/%zz", 400],
    ["/%E0%A4%A", 400], // a truncated UTF-8 escape
    ["/%C0%AF", 400], // an overlong encoding of "/"
    ["/%00", 400],
    ["/index.html%00.txt", 400]
  ])("%s is answered %i, and the next request still works", async (path, status) => {
    const reply = await send(path);
    expect(reply.status).toBe(status);
    expectSecurityHeaders(reply, path);
    expect((await send("/")).status).toBe(200);
  });

  it.each(["/../secret.txt", "/%2e%2e/secret.txt", "/_file/../../secret.txt", "/..%2fsecret.txt", "/_file/%2e%2e%2f%2e%2e%2fsecret.txt", "/.env", "/%2eenv", "//../secret.txt"])(
    "%s does not reach a file outside the site or a dotfile",
    async (path) => {
      const reply = await send(path);
      expect([400, 403, 404], `${path} → ${reply.status}`).toContain(reply.status);
      expect(reply.body).not.toContain(SECRET);
      expectSecurityHeaders(reply, path);
    }
  );

  it("answers a 15,000-character path with 404 and a 100,000-character one with 431, and keeps serving", async () => {
    expect((await send(`/${"a".repeat(15_000)}`)).status).toBe(404);
    expect((await send(`/${"a".repeat(100_000)}`)).status).toBe(431); // Node's header limit (16 KiB) answers it
    expect((await send("/")).status).toBe(200);
  });

  it("answers ranges it cannot satisfy with 416 and a good one with 206", async () => {
    expect((await send("/index.html", {headers: {range: "bytes=100-50"}})).status).toBe(416);
    expect((await send("/index.html", {headers: {range: "bytes=999999-"}})).status).toBe(416);
    const garbled = await send("/index.html", {headers: {range: "bytes=abc"}});
    expect([200, 416]).toContain(garbled.status);
    const part = await send("/index.html", {headers: {range: "bytes=0-8"}});
    expect(part.status).toBe(206);
    expect(part.body).toBe(INDEX_HTML.slice(0, 9));
    expect((await send("/")).status).toBe(200);
  });

  it("answers a request line that is not a path", async () => {
    expect([400, 404]).toContain((await send("*")).status);
    expect((await send("/")).status).toBe(200);
  });
});

describe("methods", () => {
  it.each(["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"])("%s is 405 with Allow: GET, HEAD", async (method) => {
    const reply = await send("/index.html", {method});
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe("GET, HEAD");
    expectSecurityHeaders(reply, method);
  });

  it("HEAD answers 200 with the headers and no body", async () => {
    const reply = await send("/index.html", {method: "HEAD"});
    expect(reply.status).toBe(200);
    expect(reply.body).toBe("");
    expect(Number(reply.headers["content-length"])).toBe(Buffer.byteLength(INDEX_HTML));
  });
});

describe("headers and URL mapping", () => {
  it("serves a page with a CSP that allows exactly its two inline scripts (by SHA-256) and htl's placeholders", async () => {
    const reply = await send("/");
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(INDEX_HTML);
    expect(reply.headers["content-type"]).toBe("text/html; charset=utf-8");
    expectSecurityHeaders(reply, "/");
    const directives = new Map(String(reply.headers["content-security-policy"]).split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));
    // Hashes worked out here from the script texts, not by the server's function.
    expect(directives.get("script-src")).toEqual(["'self'", `'${sha256(PAGE_MODULE)}'`, `'${sha256(PAGE_CLASSIC)}'`]);
    expect(directives.get("script-src-attr")).toEqual(["'unsafe-hashes'", ...Array.from({length: 16}, (_, i) => `'${sha256(`::${i + 1}`)}'`)]);
    expect(directives.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
    expect(directives.get("object-src")).toEqual(["'none'"]);
    expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
  });

  it("sends a data file with its type and the policy without page hashes", async () => {
    const reply = await send("/_file/numbers.json");
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toMatch(/^application\/json/);
    expect(reply.headers["content-security-policy"]).toBe(contentSecurityPolicy());
    expectSecurityHeaders(reply, "json");
  });

  it("maps /data to data.html by default and not with cleanUrls: false", async () => {
    expect((await send("/data")).body).toContain("data page");
    const plain = await startServer({port: 0, root: site, cleanUrls: false});
    try {
      const plainPort = (plain.address() as {port: number}).port;
      const missing = await send("/data", {to: plainPort});
      expect(missing.status).toBe(404);
      expectSecurityHeaders(missing, "404");
      expect((await send("/data.html", {to: plainPort})).status).toBe(200);
      expect((await send("/", {to: plainPort})).body).toBe(INDEX_HTML);
    } finally {
      await new Promise((resolve) => plain.close(resolve));
    }
  });

  it("finds inline scripts by the browser's rule: no src attribute, text exactly as between the tags", () => {
    expect(inlineScriptHashes(INDEX_HTML)).toEqual([sha256(PAGE_MODULE), sha256(PAGE_CLASSIC)]);
    expect(inlineScriptHashes('<SCRIPT type="module">\n a\n</SCRIPT >')).toEqual([sha256("\n a\n")]);
    expect(inlineScriptHashes('<script src="x.js"></script>')).toEqual([]);
    expect(HTL_PLACEHOLDER_HASHES[3]).toBe(sha256("::4"));
  });
});

describe("port and errors", () => {
  it("reads the port from --port, --port=, then PORT, else 3000, and names a bad value", () => {
    expect(parseServeArgs([], {}).port).toBe(3000);
    expect(parseServeArgs([], {PORT: "8080"}).port).toBe(8080);
    expect(parseServeArgs(["--port", "4000"], {PORT: "8080"}).port).toBe(4000);
    expect(parseServeArgs(["--port=4001"], {}).port).toBe(4001);
    expect(parseServeArgs(["--plain", "--root", "out", "--build"], {})).toEqual({port: 3000, root: "out", cleanUrls: false, build: true});
    expect(() => parseServeArgs(["--port", "70000"], {})).toThrow(/--port must be a whole number from 0 to 65535.*"70000"/);
    expect(() => parseServeArgs(["--port", "3e3"], {})).toThrow(/--port must be a whole number/);
    expect(() => parseServeArgs(["--port"], {})).toThrow(/--port needs a value/);
    expect(() => parseServeArgs([], {PORT: "http"})).toThrow(/PORT must be a whole number.*"http"/);
    expect(() => parseServeArgs(["--prot", "1"], {})).toThrow(/Unknown option --prot/);
  });

  it("rejects a taken port with a ServeError that names it and what to do", async () => {
    const error = await startServer({port, root: site}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServeError);
    expect((error as ServeError).code).toBe("EADDRINUSE");
    expect((error as Error).message).toMatch(new RegExp(`^Port ${port} on 127\\.0\\.0\\.1 is already in use.*--port ${port + 1}`));
  });

  it("rejects a root with no index.html, saying to build first", async () => {
    const error = await startServer({port: 0, root: join(base, "nowhere")}).catch((e: unknown) => e);
    expect((error as ServeError).code).toBe("ENOSITE");
    expect((error as Error).message).toMatch(/has no index\.html: build the site first \(npm run build\)/);
  });
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command in the repository in a process group of its own; `until` ends that group (by its id: npm does not
 * pass a signal on to the server it started) once the output matches, as Ctrl+C in a terminal would.
 */
function run(command: string, args: string[], {env = {}, until}: {env?: Record<string, string>; until?: RegExp} = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(command, args, {cwd: repoRoot, env: {...process.env, ...env}, detached: true});
    let stdout = "";
    let stderr = "";
    let stopped = false;
    const check = () => {
      if (!stopped && until && until.test(stdout)) {
        stopped = true;
        process.kill(-child.pid!, "SIGTERM");
      }
    };
    child.stdout!.on("data", (d) => ((stdout += d), check()));
    child.stderr!.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status) => resolve({status, stdout, stderr}));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const {port: free} = probe.address() as {port: number};
      probe.close(() => resolve(free));
    });
  });
}

describe("the command line", () => {
  it("prints one line and exits 1 when the port is taken: node scripts/serve.mjs, npm run serve, npm start", async () => {
    for (const [command, args] of [
      [process.execPath, ["scripts/serve.mjs", "--port", String(port), "--root", site]],
      ["npm", ["run", "--silent", "serve", "--", "--port", String(port), "--root", site]],
      // npm start checks the port before it builds, so this returns at once and builds nothing.
      ["npm", ["start", "--silent", "--", "--port", String(port), "--root", site]]
    ] as const) {
      const result = await run(command, [...args]);
      expect(result.status, `${args.join(" ")}: exit status`).toBe(1);
      const lines = result.stderr.trim().split("\n");
      expect(lines, `${args.join(" ")}: stderr`).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^serve: Port ${port} on 127\\.0\\.0\\.1 is already in use`));
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("listens on the port given by npm run serve -- --port N, and by PORT=N", async () => {
    const viaFlag = await freePort();
    const flagged = await run("npm", ["run", "--silent", "serve", "--", "--port", String(viaFlag), "--root", site], {until: /Serving/});
    expect(flagged.stdout).toContain(`at http://127.0.0.1:${viaFlag}/`);
    const viaEnv = await freePort();
    const env = await run(process.execPath, ["scripts/serve.mjs", "--root", site], {env: {PORT: String(viaEnv)}, until: /Serving/});
    expect(env.stdout).toContain(`at http://127.0.0.1:${viaEnv}/`);
  });

  it("exits 2 with a one-line usage error for a bad port", async () => {
    const result = await run(process.execPath, ["scripts/serve.mjs", "--port", "eighty"]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe('serve: --port must be a whole number from 0 to 65535 (0 picks a free port); got "eighty".');
  });
});
