// The loaded table's value counts and identifier flags (src/components/worker/table-summary.ts), counted by hand.
import {describe, expect, it} from "vitest";
import {parseCsvTable} from "../../src/components/cohort/table.js";
import {valueSummaries} from "../../src/components/worker/table-summary.js";
import {guessColumn} from "../../src/components/yourData/validateForm.js";

const rows = Array.from({length: 12}, (_, i) => `${101 + i},${i % 3 === 0 ? 2 : 1},${["A", "B"][i % 2]},${i < 11 ? i : "NA"}`);
const table = parseCsvTable(`patient,outcome,group,almost\n${rows.join("\n")}\n`);

describe("valueSummaries", () => {
  const {valueCounts, idLike} = valueSummaries(table);
  it("counts each value of a column with few values, numbers in numeric order", () => {
    // rows 0, 3, 6, 9 are 2: four 2s and eight 1s
    expect(valueCounts.find((v) => v.column === "outcome")!.counts).toEqual([{value: "1", n: 8}, {value: "2", n: 4}]);
    expect(valueCounts.find((v) => v.column === "group")!.counts).toEqual([{value: "A", n: 6}, {value: "B", n: 6}]);
  });
  it("flags a column unique in every row, not one with a missing cell, nor a short table", () => {
    expect(idLike).toEqual(["patient"]);
    expect(valueSummaries(parseCsvTable("id,y\n1,0\n2,1\n3,0\n")).idLike).toEqual([]);
  });
  it("does not count a column with more than 20 values", () => {
    const many = parseCsvTable(`x\n${Array.from({length: 25}, (_, i) => i).join("\n")}\n`);
    expect(valueSummaries(many).valueCounts).toEqual([]);
  });
});

describe("guessColumn: the column preselected for an equation's term", () => {
  it("the same name, else the same letters and digits ignoring case, else the label's, else none", () => {
    expect(guessColumn({name: "bmd_t"}, ["age", "bmd_t"])).toBe("bmd_t");
    expect(guessColumn({name: "bmd_t"}, ["age", "BMD-T"])).toBe("BMD-T");
    expect(guessColumn({name: "lwt", label: "Weight"}, ["weight"])).toBe("weight");
    expect(guessColumn({name: "age"}, ["Age (years)"])).toBe("");
  });
});
