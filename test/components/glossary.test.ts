// The glossary's ids (src/components/glossary.ts) against the headings of the glossary page (src/glossary.md):
// every term a page can link to has an entry, every entry can be linked to, and each entry names a source.
import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {GLOSSARY_TERMS, glossaryHref, glossaryId} from "../../src/components/glossary.js";

const page = readFileSync(new URL("../../src/glossary.md", import.meta.url), "utf8");
const entries = [...page.matchAll(/<h2 id="([^"]+)">([^<]+)<\/h2>\n\n([\s\S]*?)(?=\n<h2 |$)/g)].map((m) => ({id: m[1]!, title: m[2]!, body: m[3]!}));

describe("glossary", () => {
  it("the page's entries and the component's ids are the same list, in the same order", () => {
    expect(entries.map((e) => e.id)).toEqual([...GLOSSARY_TERMS.keys()]);
  });

  it("covers the terms the issue lists", () => {
    for (const name of ["calibration-in-the-large", "calibration slope", "intercept of the slope model", "Brier", "scaled Brier score", "Cox-Snell", "Nagelkerke",
      "placement values", "DeLong", "optimism", "bootstrap", "EPV", "Riley's minimum sample size", "shrinkage", "Youden", "LR+", "LR-", "PPV", "NPV",
      "net benefit", "decision curve", "Firth's method", "separation", "restricted cubic spline", "AUC", "c statistic"]) {
      const id = glossaryId(name) ?? glossaryId(name.replace(/ /g, "-").toLowerCase()) ?? [...GLOSSARY_TERMS].find(([, label]) => label.toLowerCase() === name.toLowerCase())?.[0];
      expect(id, name).toBeDefined();
    }
  });

  it("every entry names a source", () => {
    for (const e of entries) expect(e.body, e.id).toMatch(/\*Source:\*/);
  });

  it("links resolve, and an unknown term is an error", () => {
    expect(glossaryHref("c statistic")).toBe("./glossary.html#auc");
    expect(glossaryHref("Optimism")).toBe("./glossary.html#optimism");
    expect(() => glossaryHref("p-hacking")).toThrow(/the glossary has no entry "p-hacking"/);
  });
});
