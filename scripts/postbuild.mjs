// Accessibility fixes to Framework 1.13's own page shell, applied to every built page in dist/.
// Framework writes <html> with no language, puts a <label> directly inside the sidebar's <ol>
// (an invalid list for screen readers), and labels its sidebar toggle by title only. axe-core flags
// all three as serious; patching the static HTML fixes them for readers with and without JavaScript.
// Each fix is a text pattern in Framework's HTML: if a Framework upgrade changes that HTML so that a fix matches no
// page, this script fails (exit 1, naming the fix and its pattern) rather than silently shipping unfixed pages.
// A page already patched (the script run twice on one dist/) counts as matched.
// Usage: node scripts/postbuild.mjs [dist]
import {readdir, readFile, writeFile} from "node:fs/promises";
import {join, resolve} from "node:path";
import {fileURLToPath} from "node:url";

export const FIXES = [
  {name: "html lang", pattern: /<html>/, replacement: '<html lang="en">', applied: /<html lang="en">/},
  {
    name: "sidebar close label out of the list",
    pattern: /<ol>\s*(<label id="observablehq-sidebar-close"[^>]*><\/label>)/,
    replacement: "$1\n  <ol>",
    applied: /<label id="observablehq-sidebar-close"[^>]*><\/label>\s*<ol>/
  },
  {
    name: "sidebar toggle aria-label",
    pattern: /<input id="observablehq-sidebar-toggle" type="checkbox" title="Toggle sidebar">/,
    replacement: '<input id="observablehq-sidebar-toggle" type="checkbox" title="Toggle sidebar" aria-label="Toggle sidebar">',
    applied: /<input id="observablehq-sidebar-toggle" type="checkbox" title="Toggle sidebar" aria-label="Toggle sidebar">/
  }
];

async function* htmlFiles(dir) {
  for (const entry of await readdir(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* htmlFiles(path);
    else if (entry.name.endsWith(".html")) yield path;
  }
}

/**
 * Applies `fixes` to every .html file under `root` and returns how many pages each fix matched (patched now or
 * before) and how many files were written.
 * @throws Error naming each fix (and its pattern) that matched no page, after patching what did match; also when
 *   `root` holds no .html file at all.
 */
export async function applyFixes(root, fixes = FIXES) {
  const matched = new Map(fixes.map((fix) => [fix.name, 0]));
  let pages = 0;
  let written = 0;
  for await (const file of htmlFiles(root)) {
    pages++;
    const before = await readFile(file, "utf8");
    let after = before;
    for (const fix of fixes) {
      if (fix.pattern.test(after)) after = after.replace(fix.pattern, fix.replacement);
      else if (!fix.applied.test(after)) continue;
      matched.set(fix.name, matched.get(fix.name) + 1);
    }
    if (after !== before) {
      await writeFile(file, after);
      written++;
    }
  }
  if (pages === 0) throw new Error(`postbuild: no .html file under ${root}/: did the build write the site somewhere else?`);
  const unmatched = fixes.filter((fix) => matched.get(fix.name) === 0);
  if (unmatched.length) {
    throw new Error(
      `postbuild: ${unmatched.map((fix) => `fix "${fix.name}" (pattern ${fix.pattern}) matched none of the ${pages} page(s)`).join("; ")} in ${root}/. ` +
        "Framework's HTML has changed: update the fix in scripts/postbuild.mjs (or drop it if Framework now does this itself)."
    );
  }
  return {pages, written, matched};
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ?? "dist";
  try {
    const {pages, written, matched} = await applyFixes(root);
    console.log(`postbuild: accessibility fixes applied to ${written} of ${pages} page(s) in ${root}/ (${[...matched].map(([name, n]) => `${name}: ${n}`).join(", ")})`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
