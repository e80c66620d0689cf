// A small static server for the built site (dist/), as a journal's web server would host it:
// clean URLs map to .html files, and nothing is fetched from anywhere else.
// Usage: node scripts/serve.mjs [--port 3000] [--root dist]
import {createServer} from "node:http";
import {readFile, stat} from "node:fs/promises";
import {extname, join, normalize, resolve} from "node:path";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const root = resolve(option("root", "dist"));
const port = Number(option("port", process.env.PORT ?? "3000"));

const types = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".json": "application/json", ".csv": "text/csv; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png",
  ".woff2": "font/woff2", ".woff": "font/woff", ".txt": "text/plain; charset=utf-8", ".wasm": "application/wasm"
};

async function resolveFile(urlPath) {
  const clean = normalize(decodeURIComponent(urlPath.split("?")[0])).replace(/^(\.\.[/\\])+/, "");
  const base = join(root, clean);
  if (!base.startsWith(root)) return null;
  for (const candidate of [base, `${base}.html`, join(base, "index.html")]) {
    try {
      if ((await stat(candidate)).isFile()) return candidate;
    } catch {
      // try the next candidate
    }
  }
  return null;
}

export function startServer({port: listenPort = port} = {}) {
  const server = createServer(async (req, res) => {
    const file = await resolveFile(req.url ?? "/");
    if (!file) {
      res.writeHead(404, {"content-type": "text/plain"});
      res.end("not found");
      return;
    }
    res.writeHead(200, {"content-type": types[extname(file)] ?? "application/octet-stream"});
    res.end(await readFile(file));
  });
  return new Promise((resolvePromise) => server.listen(listenPort, "127.0.0.1", () => resolvePromise(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startServer();
  const address = server.address();
  console.log(`Serving ${root} at http://127.0.0.1:${typeof address === "object" && address ? address.port : port}/`);
}
