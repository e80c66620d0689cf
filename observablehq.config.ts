// Observable Framework configuration. Everything the site loads is served from its own origin:
// no CDN imports, no web fonts (see README, "Offline and self-hosted").
import {existsSync} from "node:fs";
import {join} from "node:path";

// The pages in reading order. Pages are written by several people at once; one not yet written is left out
// of the navigation rather than failing the whole build ("Not found: /validation").
const PAGES = [
  {name: "Overview", path: "/"},
  {name: "Cohort", path: "/cohort"},
  {name: "Multivariable model", path: "/model"},
  {name: "ROC explorer", path: "/roc"},
  {name: "Risk calculator", path: "/calculator"},
  {name: "Validation", path: "/validation"},
  {name: "Checking the abstract", path: "/checking"},
  {name: "Glossary", path: "/glossary"},
  {name: "Data & reproducibility", path: "/data"},
  {name: "Your own cohort", path: "/your-data"}
];
const pageExists = ({path}: {path: string}) => existsSync(join(process.cwd(), "src", `${path === "/" ? "/index" : path}.md`));

export default {
  title: "ASD after kyphoplasty: an open reanalysis",
  root: "src",
  output: "dist",
  pages: PAGES.filter(pageExists),
  // Framework's default stylesheet list pulls a serif font from a font CDN; use the bundled theme only.
  globalStylesheets: [],
  style: "style.css",
  // Framework's own MiniSearch index, built with the site and served from it: works offline.
  search: true,
  toc: true,
  pager: true,
  footer: "Reanalysis of a published PKP/ASD prediction study. Default cohort is a synthetic reconstruction.",
  head: '<link rel="icon" href="data:,">'
};
