// The AnalysisError a call throws (the test fails when it throws nothing, or something else): for tests of the
// messages a reader sees.
import {expect} from "vitest";
import {AnalysisError} from "../../src/components/cohort/table.js";

export function errorOf(f: () => unknown): AnalysisError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AnalysisError);
    return e as AnalysisError;
  }
  throw new Error("expected an AnalysisError");
}
