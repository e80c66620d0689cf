// Observable Framework configuration. Everything the site loads is served from its own origin:
// no CDN imports, no web fonts (see README, "Offline and self-hosted").
import {existsSync} from "node:fs";
import {dirname, join, relative} from "node:path";
import {fileURLToPath} from "node:url";
import {DEFAULT_REAL_COHORT_PATH, siteCohortLabelFor} from "./src/components/cohort/source.js";

export interface NavigationPage {
  name: string;
  path: string;
}

/** The pages in reading order: the sidebar, the pager, the browser tests and `npm run pdf` all follow it. */
export const PAGES: NavigationPage[] = [
  {name: "Overview", path: "/"},
  {name: "Cohort", path: "/cohort"},
  {name: "Multivariable model", path: "/model"},
  {name: "ROC explorer", path: "/roc"},
  {name: "Risk calculator", path: "/calculator"},
  {name: "Validation", path: "/validation"},
  {name: "Redraw the study", path: "/teaching"},
  {name: "Checking the abstract", path: "/checking"},
  {name: "Reporting checklists", path: "/reporting"},
  {name: "Glossary", path: "/glossary"},
  {name: "Data & reproducibility", path: "/data"},
  {name: "Your own cohort", path: "/your-data"}
];

/** The Markdown file a navigation path is rendered from, relative to the source root ("/" → index.md). */
export function pageSource(path: string): string {
  return `${path === "/" ? "index" : path.replace(/^\//, "")}.md`;
}

/**
 * Throws when a page listed in the navigation has no Markdown file under `root`. Framework would otherwise build
 * the site without it (or with a dead link in the sidebar), and a reader would find out first.
 * @throws Error naming every missing page, the file it expects and what to do.
 * @example checkPagesExist([{name: "Cohort", path: "/cohort"}], "src") // returns nothing when src/cohort.md exists
 */
export function checkPagesExist(pages: readonly NavigationPage[], root: string): void {
  const missing = pages.filter(({path}) => !existsSync(join(root, pageSource(path))));
  if (missing.length === 0) return;
  const list = missing.map(({name, path}) => `"${name}" (${path}) needs ${relative(process.cwd(), join(root, pageSource(path))) || pageSource(path)}`).join("; ");
  throw new Error(
    `observablehq.config.ts: ${missing.length === 1 ? "a page" : `${missing.length} pages`} in the navigation ` +
      `${missing.length === 1 ? "has" : "have"} no Markdown file: ${list}. Write the file, or remove the page from PAGES.`
  );
}

const root = join(dirname(fileURLToPath(import.meta.url)), "src");
checkPagesExist(PAGES, root);
const cohortLabel = siteCohortLabelFor(process.env, existsSync(join(root, "..", DEFAULT_REAL_COHORT_PATH)));

export default {
  title: "ASD after kyphoplasty: an open reanalysis",
  root: "src",
  output: "dist",
  pages: PAGES,
  // Links end in .html (./data.html, not ./data), so that dist/ works on any static file server, which maps a URL
  // to a file and nothing more; a clean URL would be a 404 there.
  preserveExtension: true,
  // Framework's default stylesheet list pulls a serif font from a font CDN; use the bundled theme only.
  globalStylesheets: [],
  style: "style.css",
  // Framework's own MiniSearch index, built with the site and served from it: works offline.
  search: true,
  toc: true,
  pager: true,
  // Every page says whose patients it shows, and whether their records are published, from the build's own choice.
  header: `<div class="cohort-label" data-testid="cohort-label">${cohortLabel}</div>`,
  footer: `Reanalysis of a published PKP/ASD prediction study. ${cohortLabel}`,
  head: '<link rel="icon" href="data:,">'
};
