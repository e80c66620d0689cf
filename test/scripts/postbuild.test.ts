/**
 * scripts/postbuild.mjs patches Framework's page shell; when Framework's HTML changes so that a patch matches no page,
 * it must fail and name the patch, not report success. Pages here are cut from Framework 1.13.4's own output.
 */
import {spawnSync} from "node:child_process";
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {FIXES, applyFixes} from "../../scripts/postbuild.mjs";
import {root as repoRoot} from "../helpers/run-script.js";

// The parts of a page that Framework 1.13.4 writes and the fixes touch, as `observable build` wrote them.
const FRAMEWORK_PAGE = `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"></head>
<body>
<input id="observablehq-sidebar-toggle" type="checkbox" title="Toggle sidebar">
<label id="observablehq-sidebar-backdrop" for="observablehq-sidebar-toggle"></label>
<nav id="observablehq-sidebar">
  <ol>
    <label id="observablehq-sidebar-close" for="observablehq-sidebar-toggle"></label>
    <li class="observablehq-link"><a href="./">Home</a></li>
  </ol>
</nav>
</body>
</html>`;

let dist: string;
beforeEach(() => {
  dist = mkdtempSync(join(tmpdir(), "postbuild-test-"));
});
afterEach(() => rmSync(dist, {recursive: true, force: true}));

describe("applyFixes", () => {
  it("patches every page, and a second run on the same pages counts them as done and writes nothing", async () => {
    mkdirSync(join(dist, "sub"));
    writeFileSync(join(dist, "index.html"), FRAMEWORK_PAGE);
    writeFileSync(join(dist, "sub", "page.html"), FRAMEWORK_PAGE);
    const first = await applyFixes(dist);
    expect(first).toEqual({pages: 2, written: 2, matched: new Map(FIXES.map((f) => [f.name, 2]))});
    const page = readFileSync(join(dist, "sub", "page.html"), "utf8");
    expect(page).toContain('<html lang="en">');
    expect(page).toMatch(/<label id="observablehq-sidebar-close" for="observablehq-sidebar-toggle"><\/label>\s*<ol>\s*<li/);
    expect(page).toContain('title="Toggle sidebar" aria-label="Toggle sidebar">');
    const second = await applyFixes(dist);
    expect(second).toEqual({pages: 2, written: 0, matched: new Map(FIXES.map((f) => [f.name, 2]))});
    expect(readFileSync(join(dist, "sub", "page.html"), "utf8")).toBe(page);
  });

  it("fails naming the fix and its pattern when Framework's HTML no longer matches it on any page", async () => {
    writeFileSync(join(dist, "index.html"), FRAMEWORK_PAGE.replace("<html>", '<html class="x">'));
    await expect(applyFixes(dist)).rejects.toThrow(/fix "html lang" \(pattern \/<html>\/\) matched none of the 1 page\(s\).*update the fix in scripts\/postbuild\.mjs/);
  });

  it("fails when there is no page at all", async () => {
    await expect(applyFixes(dist)).rejects.toThrow(/no \.html file under/);
  });
});

describe("node scripts/postbuild.mjs", () => {
  it("exits 1 with the message when a fix matches nothing, and 0 with the counts when all match", () => {
    writeFileSync(join(dist, "index.html"), FRAMEWORK_PAGE.replace(' title="Toggle sidebar"', ""));
    const failed = spawnSync(process.execPath, ["scripts/postbuild.mjs", dist], {cwd: repoRoot, encoding: "utf8"});
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/^postbuild: fix "sidebar toggle aria-label" \(pattern .*\) matched none of the 1 page\(s\)/);
    writeFileSync(join(dist, "index.html"), FRAMEWORK_PAGE);
    const passed = spawnSync(process.execPath, ["scripts/postbuild.mjs", dist], {cwd: repoRoot, encoding: "utf8"});
    expect(passed.status).toBe(0);
    expect(passed.stdout).toMatch(/applied to 1 of 1 page\(s\).*html lang: 1/);
  });
});
