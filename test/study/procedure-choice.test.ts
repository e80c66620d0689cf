// The Model page's choice carried to the Validation page in the query (src/components/study/procedure-choice.ts).
import {describe, it, expect} from "vitest";
import {procedureFromQuery, procedureQuery} from "../../src/components/study/procedure-choice.js";
import {STUDY_CANDIDATES, STUDY_PROCEDURE} from "../../src/components/study/study.js";

describe("procedure choice in the URL", () => {
  it("the study's own choices make no query and read back as the study's procedure", () => {
    expect(procedureQuery({candidates: [...STUDY_CANDIDATES], screenP: 0.05, select: "wald"})).toBe("");
    const c = procedureFromQuery("");
    expect(c.custom).toBe(false);
    expect(c.procedure).toEqual(STUDY_PROCEDURE);
  });
  it("a reader's choices round-trip, in candidate order", () => {
    const q = procedureQuery({candidates: ["bmd_t", "age"], screenP: 0.2, select: "backward"});
    expect(q).toBe("?cand=bmd_t,age&screen=0.2&select=backward");
    const c = procedureFromQuery(q);
    expect(c.custom).toBe(true);
    expect(c.procedure.candidates).toEqual(["age", "bmd_t"]);
    expect(c.procedure.screen).toEqual({method: "univariable", p: 0.2});
    expect(c.procedure.select).toEqual({method: "backward", rule: "aic", type: "residual"});
  });
  it("a parameter that does not parse is ignored with a note, never half-applied", () => {
    const c = procedureFromQuery("?cand=age,weight&screen=2&select=lasso");
    expect(c.procedure).toEqual(STUDY_PROCEDURE);
    expect(c.notes).toHaveLength(3);
    expect(c.notes[0]).toMatch(/weight/);
  });
});
