// Accessibility fixes to Framework 1.13's own page shell, applied to every built page in dist/.
// Framework writes <html> with no language, puts a <label> directly inside the sidebar's <ol>
// (an invalid list for screen readers), and labels its sidebar toggle by title only. axe-core flags
// all three as serious; patching the static HTML fixes them for readers with and without JavaScript.
import {readdir, readFile, writeFile} from "node:fs/promises";
import {join} from "node:path";

const root = process.argv[2] ?? "dist";

async function* htmlFiles(dir) {
  for (const entry of await readdir(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* htmlFiles(path);
    else if (entry.name.endsWith(".html")) yield path;
  }
}

const fixes = [
  [/<html>/, '<html lang="en">'],
  [/<ol>\s*(<label id="observablehq-sidebar-close"[^>]*><\/label>)/, "$1\n  <ol>"],
  [/<input id="observablehq-sidebar-toggle" type="checkbox" title="Toggle sidebar">/,
    '<input id="observablehq-sidebar-toggle" type="checkbox" title="Toggle sidebar" aria-label="Toggle sidebar">']
];

let patched = 0;
for await (const file of htmlFiles(root)) {
  const before = await readFile(file, "utf8");
  let after = before;
  for (const [pattern, replacement] of fixes) after = after.replace(pattern, replacement);
  if (after !== before) {
    await writeFile(file, after);
    patched++;
  }
}
console.log(`postbuild: accessibility fixes applied to ${patched} page(s) in ${root}/`);
