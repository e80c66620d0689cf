/**
 * observablehq.config.ts: a page listed in the navigation whose Markdown file is missing stops the build with a
 * message naming it (Framework would otherwise build the site without it), and links end in .html.
 */
import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import config, {PAGES, checkPagesExist, pageSource} from "../../observablehq.config.js";

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "config-test-"));
});
afterEach(() => rmSync(root, {recursive: true, force: true}));

describe("the navigation", () => {
  it("maps / to index.md and /your-data to your-data.md", () => {
    expect(pageSource("/")).toBe("index.md");
    expect(pageSource("/your-data")).toBe("your-data.md");
  });

  it("passes when every page has its file, and names each missing one otherwise", () => {
    const pages = [{name: "Overview", path: "/"}, {name: "Cohort", path: "/cohort"}, {name: "Validation", path: "/validation"}];
    writeFileSync(join(root, "index.md"), "# Overview");
    expect(() => checkPagesExist(pages, root)).toThrow(
      /2 pages in the navigation have no Markdown file: "Cohort" \(\/cohort\) needs .*cohort\.md; "Validation" \(\/validation\) needs .*validation\.md\. Write the file, or remove the page from PAGES\./
    );
    writeFileSync(join(root, "cohort.md"), "# Cohort");
    writeFileSync(join(root, "validation.md"), "# Validation");
    expect(() => checkPagesExist(pages, root)).not.toThrow();
  });

  it("is the config's page list, every entry with its file in src/, and the site links to .html files", () => {
    expect(config.pages).toBe(PAGES);
    expect(() => checkPagesExist(PAGES, "src")).not.toThrow();
    expect(config.preserveExtension).toBe(true);
  });
});
