// "Your own cohort"'s link (src/components/yourData/link.ts) against a fake window (test/helpers/fake-window.ts),
// and the carrying over of choices to a loaded file (reconcileChoices).
// Expected URLs and choices are written out by hand.
import {describe, expect, it} from "vitest";
import {defaultLink, linkChoices, withChoices, yourDataLink} from "../../src/components/yourData/link.js";
import {reconcileChoices} from "../../src/components/yourData/choicesForm.js";
import {FakeWindow} from "../helpers/fake-window.js";
import type {LoadedTable} from "../../src/components/worker/protocol.js";

const tick = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe("yourDataLink: every choice of the page in the URL", () => {
  it("reads a link's choices, with defaults for what it leaves out", () => {
    const env = new FakeWindow("/your-data?outcome=asd&event=1&predictors=age,bmd_t&screen=0.1&select=wald&B=500&seed=7&sep=%3B&dec=,&t=0.2");
    const link = yourDataLink({env});
    expect(link.opened).toBe(true);
    expect(link.read()).toEqual({...defaultLink(), outcome: "asd", event: "1", predictors: ["age", "bmd_t"], screenP: 0.1, select: "wald", replicates: 500, seed: 7, delimiter: ";", decimal: ",", threshold: 0.2});
    expect(yourDataLink({env: new FakeWindow("/your-data")}).opened).toBe(false);
  });

  it("writes one history entry per settled change, leaves defaults out, and Back/Forward restore the whole state", async () => {
    const env = new FakeWindow("/your-data");
    const link = yourDataLink({env});
    const heard: ReturnType<typeof link.read>[] = [];
    link.onRestore((l) => heard.push(l));
    // A new outcome with its event value and predictors: several parameters, one entry.
    link.write({...defaultLink(), outcome: "asd", event: "1", predictors: ["age", "smoking prior"]}, true);
    expect(env.entries).toEqual(["/your-data", "/your-data?outcome=asd&event=1&predictors=age,smoking+prior"]);
    // A seed typed digit by digit, then settled: one entry with the last value.
    const typed = {...link.read()};
    for (const seed of [4, 42]) link.write({...typed, seed}, false);
    link.write({...typed, seed: 42}, true);
    expect(env.entries).toHaveLength(3);
    expect(env.url).toBe("/your-data?outcome=asd&event=1&predictors=age,smoking+prior&seed=42");
    // No screen is the default (left out); a screen's α is kept.
    link.write({...link.read(), screenP: 0.2, mode: "validate"}, true);
    expect(env.url).toBe("/your-data?outcome=asd&event=1&predictors=age,smoking+prior&seed=42&mode=validate&screen=0.2");
    link.write({...link.read(), screenP: null}, true);
    expect(env.url).toBe("/your-data?outcome=asd&event=1&predictors=age,smoking+prior&seed=42&mode=validate");
    expect(env.entries).toHaveLength(5);
    // A write that changes nothing makes no entry; the page hears nothing of its own writes.
    link.write(link.read(), true);
    expect(env.entries).toHaveLength(5);
    await tick();
    expect(heard).toEqual([]);

    env.back();
    env.back();
    env.back();
    await tick();
    expect(heard).toHaveLength(1);
    expect(heard[0]).toEqual({...defaultLink(), outcome: "asd", event: "1", predictors: ["age", "smoking prior"]});
    env.forward();
    env.forward();
    await tick();
    expect(heard).toHaveLength(2);
    expect(heard[1]).toMatchObject({seed: 42, screenP: 0.2, mode: "validate"});
  });

  it("choices and link convert both ways", () => {
    const choices = {outcome: "y", positive: "2", predictors: ["a"], firth: true, replicates: 50, seed: 3, screenP: 0.05, select: "backward" as const, selectP: 0.1};
    expect(linkChoices(withChoices(defaultLink(), choices))).toEqual(choices);
  });
});

function table(columns: {name: string; levels?: string[]}[]): LoadedTable {
  return {
    fileName: "f.csv", bytes: 1, rows: 10, preview: [], parseMs: 0,
    columns: columns.map((c, index) => ({name: c.name, index, kind: c.levels ? "binary" : "numeric", levels: c.levels ?? [], levelsCapped: false} as unknown as LoadedTable["columns"][number]))
  };
}

describe("reconcileChoices: choices that do not fit a file are named and kept, not lost", () => {
  const link = {outcome: "asd", positive: "1", predictors: ["age", "bmd_t", "smoking"], firth: false, replicates: 200, seed: 1, screenP: null, select: "none" as const, selectP: 0.05};

  it("a file with every column takes every choice", () => {
    const r = reconcileChoices(link, table([{name: "asd", levels: ["0", "1"]}, {name: "age"}, {name: "bmd_t"}, {name: "smoking", levels: ["no", "yes"]}]));
    expect(r.choices).toEqual(link);
    expect(r.dropped).toEqual([]);
    expect(r.pending).toEqual({outcome: "", positive: "", predictors: []});
  });

  it("a missing outcome and predictor are named and pending; an event value the outcome has not is named", () => {
    const r = reconcileChoices(link, table([{name: "age"}, {name: "smoking", levels: ["no", "yes"]}]));
    expect(r.choices).toMatchObject({outcome: "", positive: "", predictors: ["age", "smoking"]});
    expect(r.dropped).toEqual(["outcome “asd”", "predictor “bmd_t”"]);
    expect(r.pending).toEqual({outcome: "asd", positive: "1", predictors: ["bmd_t"]});
    const coded = reconcileChoices({...link, positive: "yes"}, table([{name: "asd", levels: ["1", "2"]}, {name: "age"}, {name: "bmd_t"}, {name: "smoking", levels: ["no", "yes"]}]));
    expect(coded.choices.positive).toBe(""); // 1/2 is the reader's to confirm
    expect(coded.dropped).toEqual(["event value “yes” (“asd” has “1”, “2”)"]);
    expect(coded.pending).toEqual({outcome: "", positive: "yes", predictors: []});
  });
});
