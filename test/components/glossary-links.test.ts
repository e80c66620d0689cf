// Glossary links in the pages' prose (src/*.md): every link points at an entry the glossary has, and on the pages
// listed in FIRST_OCCURRENCE, the first time a glossary term appears in the prose it is a link to its entry.
import {readdirSync, readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {GLOSSARY_TERMS} from "../../src/components/glossary.js";

const pageFile = (name: string) => readFileSync(new URL(`../../src/${name}`, import.meta.url), "utf8");
const PAGES = readdirSync(new URL("../../src/", import.meta.url)).filter((f) => f.endsWith(".md"));
/** Pages held to "first occurrence linked" (the others link through term() in their components, or will). */
const FIRST_OCCURRENCE = ["index.md", "cohort.md", "teaching.md", "reporting.md"];

/** The prose a reader sees as written: no code fences, no ${…} expressions, whitespace collapsed. */
function prose(md: string): string {
  let text = md.replace(/^---[\s\S]*?---/, "").replace(/```[\s\S]*?```/g, " ");
  // ${…} with balanced braces
  let out = "";
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "$" && text[i + 1] === "{") {
      let depth = 0;
      for (; i < text.length; i++) {
        if (text[i] === "{") depth++;
        else if (text[i] === "}" && --depth === 0) break;
      }
      out += " ";
    } else out += text[i];
  }
  // Link targets are not prose: a glossary link's becomes ⟨id⟩, any other's nothing.
  text = out.replace(/\]\(\.\/glossary(?:\.html)?#([\w-]+)\)/g, "]⟨$1⟩").replace(/\]\([^)]*\)/g, "]");
  return text.replace(/\s+/g, " ");
}

/** The words a term may appear as: its glossary text, and the plural of a noun. */
function forms(text: string): RegExp {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const caseless = text !== text.toUpperCase();
  return new RegExp(`(?<![\\w⟨-])${escaped}s?(?![\\w-])`, caseless ? "i" : "");
}

describe("glossary links in the pages", () => {
  it.each(PAGES)("%s links only to entries the glossary has", (file) => {
    const md = pageFile(file);
    const ids = [...md.matchAll(/\.\/glossary(?:\.html)?#([\w-]+)/g)].map((m) => m[1]!);
    for (const id of ids) expect(GLOSSARY_TERMS.has(id), `${file} links to #${id}`).toBe(true);
  });

  it.each(FIRST_OCCURRENCE)("%s: the first occurrence of each glossary term is a link to it", (file) => {
    const text = prose(pageFile(file));
    const unlinked: string[] = [];
    for (const [id, words] of GLOSSARY_TERMS) {
      const match = forms(words).exec(text);
      if (!match) continue;
      // Inside a Markdown link's text whose target is this entry: "[" before it with no "]" between, "]⟨id⟩" after.
      const open = text.lastIndexOf("[", match.index);
      const close = text.indexOf("]", match.index);
      const linked = open >= 0 && !text.slice(open, match.index).includes("]") && close >= 0 && text.startsWith(`]⟨${id}⟩`, close);
      if (!linked) unlinked.push(`${id} ("${text.slice(Math.max(0, match.index - 30), match.index + match[0].length + 10)}")`);
    }
    expect(unlinked).toEqual([]);
  });

  it("the check finds an unlinked term (a page without links fails it)", () => {
    const text = prose("The AUC of the model, and its optimism.");
    expect(forms("AUC").test(text)).toBe(true);
    expect(forms("optimism").test(text)).toBe(true);
    expect(forms("AUC").test(prose("the ${published.auc} value"))).toBe(false);
  });
});
