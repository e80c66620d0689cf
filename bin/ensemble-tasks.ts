/**
 * The tasks of `npm run ensemble`, as pure functions (run in worker threads by bin/ensemble.ts, and directly by the
 * test that regenerates a member):
 * - scan: can the first stage of the generator (the marginals) meet every published figure of a column under a
 *   shape limit (at most `maxCount` ASD patients within a window), for one seed? The generator's own stage-1
 *   targets and budget (../src/components/cohort/reconstruction.ts).
 * - generate: the reconstruction of a seed under a shape option, kept only if the generator converged, the fidelity
 *   report (every published figure recomputed by the engine) matches all figures at their printed precision, and
 *   every plausibility rule holds; otherwise the reason.
 * - analyse: a member's stored record from its rows (the one pipeline, the study's procedure).
 */
import {generateCohort, windowOf} from "../src/components/cohort/reconstruction.js";
import {continuousTargets} from "../src/components/cohort/reconstruction/targets.js";
import {optimiseMarginal} from "../src/components/cohort/reconstruction/marginals.js";
import {fidelityReport} from "../src/components/cohort/fidelity.js";
import {plausibilitySummary} from "../src/components/cohort/plausibility-summary.js";
import {createRng} from "../src/components/stats/random.js";
import type {CohortRow} from "../src/components/cohort/schema.js";
import {memberRecord, type EnsembleMember, type ShapeOption} from "../src/components/study/ensemble.js";
import {readPublished} from "../src/data/lib/cohort.js";

export type EnsembleTask =
  | {kind: "scan"; column: string; width: number; maxCount: number; seed: number}
  | {kind: "generate"; seed: number; shape: ShapeOption}
  | {kind: "analyse"; index: number; seed: number; shape: ShapeOption; runs: number; rows: CohortRow[]};

export type GenerateResult = {ok: true; rows: CohortRow[]; runs: number} | {ok: false; reason: string};

const published = readPublished();

/** Stage 1 of the generator on one column under a shape limit: does it reach every marginal target? */
export function scanMarginal(column: string, width: number, maxCount: number, seed: number): boolean {
  const target = continuousTargets(published, 0.2).find((t) => t.column === column);
  if (!target) throw new RangeError(`scan: no published figures for "${column}"`);
  const n = target.n;
  target.window = windowOf({column, width, maxShare: [maxCount / n[0], 1]}, target.decimals, n);
  return optimiseMarginal(target, createRng(seed), {iterations: 300_000}).objective === 0;
}

/** A member's rows, or why this seed and shape give none (see the module comment). */
export function generateMember(seed: number, shape: ShapeOption): GenerateResult {
  const r = generateCohort(published, {seed, shape: shape.limits});
  if (!r.diagnostics.converged) {
    const unmet = Object.entries(r.diagnostics.dependence.distances).filter(([, d]) => d > 0).map(([k]) => k);
    const marginal = r.diagnostics.marginals.filter((m) => m.objective > 0).map((m) => m.column);
    return {ok: false, reason: `the generator did not reach every target after ${r.diagnostics.dependenceRuns} runs (${[...marginal, ...unmet].join(", ")})`};
  }
  const fidelity = fidelityReport(published, r.rows);
  if (fidelity.summary.missed > 0) return {ok: false, reason: `${fidelity.summary.missed} published figures do not print as published (${fidelity.rows.filter((x) => !x.matches).map((x) => x.id).join(", ")})`};
  const implausible = plausibilitySummary(r.rows).filter((p) => !p.ok);
  if (implausible.length) return {ok: false, reason: `plausibility rules broken: ${implausible.map((p) => `${p.column} (${p.group})`).join(", ")}`};
  return {ok: true, rows: r.rows, runs: r.diagnostics.dependenceRuns};
}

export function runTask(task: EnsembleTask): boolean | GenerateResult | EnsembleMember {
  if (task.kind === "scan") return scanMarginal(task.column, task.width, task.maxCount, task.seed);
  if (task.kind === "generate") return generateMember(task.seed, task.shape);
  return memberRecord(task.index, task.seed, task.shape, task.runs, task.rows, published);
}
