/**
 * The ensemble of reconstructions: K independent synthetic cohorts (seeds and shape options of the generator,
 * ../cohort/reconstruction.ts), each meeting every published figure at its printed precision and every
 * plausibility rule, analysed by the one pipeline with the study's procedure; and, figure by figure
 * (./derived-figures.ts), how far the site's conclusions depend on which of them the site shows.
 *
 * `npm run ensemble` (bin/ensemble.ts) generates the members and writes src/data/ensemble.json; the study's loader
 * reads it (src/data/lib/ensemble.ts refuses a file made by another generator version) and this module summarises
 * it. Pure, no DOM.
 *
 * Verdict of a conclusion over K members, m of which it holds in: "holds in all K" (m = K), "fails in all K"
 * (m = 0: its opposite is forced), "holds in most" (m ≥ 0.8·K), "fails in most" (m ≤ 0.2·K), otherwise "depends on
 * the reconstruction".
 *
 * @example ensembleSummary(file, siteValues)[0].verdict // "holds in all 24"
 */
import type {CohortRow} from "../cohort/schema.js";
import {COHORT_SCHEMA} from "../cohort/schema.js";
import type {ShapeLimit} from "../cohort/reconstruction.js";
import {columnOf} from "../cohort/reconstruction/targets.js";
import {binormalAuc, groupShapes, shapeWindow, type GroupShape} from "../cohort/shape.js";
import {runPipeline, type AnalysisResult} from "../pipeline/pipeline.js";
import {DEFAULT_BOOTSTRAP_SEED, DEFAULT_PROCEDURE_REPLICATES, DEFAULT_REPLICATES} from "../pipeline/defaults.js";
import {DERIVED_FIGURES, derivedValues, type DerivedFigure} from "./derived-figures.js";
import {STUDY_PROCEDURE, studyTable, type Published} from "./study.js";

/** A shape option by name: "as found" (no limit), or a limit on the ASD group's concentration of one column. */
export interface ShapeOption {
  name: string;
  label: string;
  limits: ShapeLimit[];
}

/** One member as stored: how it was made, its rows (column arrays, cohort order), shapes and derived figures. */
export interface EnsembleMember {
  index: number;
  seed: number;
  shape: ShapeOption;
  /** Dependence-annealing runs the generator needed (1 = the first run reached every figure). */
  runs: number;
  columns: Record<string, number[]>;
  shapes: Record<string, {asd: GroupShape; nonAsd: GroupShape}>;
  /** Derived figures by id (null: not finite). */
  figures: Record<string, number | null>;
}

/** The search for the least concentrated distribution of a column the published figures allow. */
export interface ForcedShape {
  column: string;
  width: number;
  /** Per cap on the ASD group's patients in a window: the seeds tried and those whose marginals met every target. */
  scan: {maxCount: number; tried: number[]; found: number[]}[];
  /** The smallest cap met by some seed, as a count and share of the group. */
  least: {maxCount: number; share: number};
  n: number;
}

export interface EnsembleFile {
  /** Hash of the generator's source (src/data/lib/ensemble.ts generatorVersion): the loader refuses another. */
  generatorVersion: string;
  /** How the members were analysed. */
  analysis: {procedure: string; bootstrap: {replicates: number; seed: number}; procedureBootstrap: {replicates: number; seed: number}};
  figureIds: string[];
  forced: ForcedShape[];
  members: EnsembleMember[];
  /** Plans tried that did not give a valid member, and why. */
  rejected: {seed: number; shape: string; reason: string}[];
}

/** The bootstraps of each member's analysis: the study's settings (src/components/study/document.ts). */
export const ENSEMBLE_BOOTSTRAP = {replicates: DEFAULT_REPLICATES, seed: DEFAULT_BOOTSTRAP_SEED};
export const ENSEMBLE_PROCEDURE_BOOTSTRAP = {replicates: DEFAULT_PROCEDURE_REPLICATES, seed: DEFAULT_BOOTSTRAP_SEED};

/** The pipeline's analysis of a member: the study's procedure, both bootstraps at the study's settings. */
export function analyseMember(rows: readonly CohortRow[]): AnalysisResult {
  return runPipeline(studyTable(rows, "ensemble member"), STUDY_PROCEDURE, {bootstrap: ENSEMBLE_BOOTSTRAP, procedureBootstrap: ENSEMBLE_PROCEDURE_BOOTSTRAP});
}

/** Shape statistics of every measured column with published figures (window per ../cohort/shape.ts). */
export function cohortShapes(rows: readonly CohortRow[], published: Published): Record<string, {asd: GroupShape; nonAsd: GroupShape}> {
  const out: Record<string, {asd: GroupShape; nonAsd: GroupShape}> = {};
  const outcome = rows.map((r) => r.asd);
  for (const entry of published.continuous) {
    const column = columnOf(entry) as keyof CohortRow;
    const spec = COHORT_SCHEMA.find((c) => c.name === column)!;
    out[column] = groupShapes(rows.map((r) => r[column]), outcome, shapeWindow(column, published, columnOf, spec.decimals));
  }
  return out;
}

const nullIfNotFinite = (x: number) => (Number.isFinite(x) ? x : null);

/** The stored record of one member (deterministic: the same rows give the same bytes). */
export function memberRecord(index: number, seed: number, shape: ShapeOption, runs: number, rows: readonly CohortRow[], published: Published): EnsembleMember {
  const columns: Record<string, number[]> = {};
  for (const c of COHORT_SCHEMA) columns[c.name] = rows.map((r) => r[c.name]);
  const values = derivedValues(analyseMember(rows));
  const figures: Record<string, number | null> = {};
  for (const f of DERIVED_FIGURES) figures[f.id] = nullIfNotFinite(values[f.id]!);
  return {index, seed, shape, runs, columns, shapes: cohortShapes(rows, published), figures};
}

/** A member's rows back from its column arrays. */
export function memberRows(member: EnsembleMember): CohortRow[] {
  const n = member.columns.id!.length;
  return Array.from({length: n}, (_, i) => Object.fromEntries(COHORT_SCHEMA.map((c) => [c.name, member.columns[c.name]![i]])) as unknown as CohortRow);
}

export type Verdict = "holds in all" | "fails in all" | "holds in most" | "fails in most" | "depends on the reconstruction";

export interface FigureSummary {
  figure: DerivedFigure;
  /** Value on the site's cohort (NaN when not available, e.g. private mode without the bootstrap). */
  site: number;
  siteHolds: boolean | null;
  median: number;
  min: number;
  max: number;
  /** Members with a finite value. */
  k: number;
  holds: number;
  verdict: Verdict;
  /** "holds in all 24", "holds in most (19 of 24)", "depends on the reconstruction (11 of 24)". */
  text: string;
}

function median(sorted: number[]): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  return n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

/** Verdict of a conclusion that holds in m of k members (see the module comment). */
export function verdictOf(m: number, k: number): {verdict: Verdict; text: string} {
  if (k === 0) return {verdict: "depends on the reconstruction", text: "no member has this figure"};
  if (m === k) return {verdict: "holds in all", text: `holds in all ${k}`};
  if (m === 0) return {verdict: "fails in all", text: `fails in all ${k}`};
  if (m >= 0.8 * k) return {verdict: "holds in most", text: `holds in most (${m} of ${k})`};
  if (m <= 0.2 * k) return {verdict: "fails in most", text: `fails in most (holds in ${m} of ${k})`};
  return {verdict: "depends on the reconstruction", text: `depends on the reconstruction (holds in ${m} of ${k})`};
}

/** Figure by figure: the site's value, the ensemble's median and range, and the verdict of its conclusion. */
export function ensembleSummary(file: EnsembleFile, site: Record<string, number>): FigureSummary[] {
  return DERIVED_FIGURES.map((figure) => {
    const values = file.members.map((m) => m.figures[figure.id]).filter((v): v is number => typeof v === "number").sort((a, b) => a - b);
    const holds = values.filter((v) => figure.conclusion.holds(v)).length;
    const s = site[figure.id] ?? NaN;
    return {
      figure,
      site: s,
      siteHolds: Number.isFinite(s) ? figure.conclusion.holds(s) : null,
      median: median(values),
      min: values[0] ?? NaN,
      max: values[values.length - 1] ?? NaN,
      k: values.length,
      holds,
      ...verdictOf(holds, values.length)
    };
  });
}

/** The ensemble's range of one shape statistic of a column and group. */
export function shapeRange(file: EnsembleFile, column: string, group: "asd" | "nonAsd", stat: keyof GroupShape): {min: number; median: number; max: number} {
  const v = file.members.map((m) => m.shapes[column]?.[group][stat]).filter((x): x is number => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  return {min: v[0] ?? NaN, median: median(v), max: v[v.length - 1] ?? NaN};
}

/** Per measured column with a published AUC: the published AUC beside the binormal one and the shapes. */
export interface ShapeRow {
  column: string;
  label: string;
  width: number;
  unit: string;
  publishedAuc: number | null;
  /** Φ(|Δ| / √(s₁² + s₀²)) from the published means and SDs. */
  binormalAuc: number;
  asdPublishedSd: number;
  site: {asd: GroupShape; nonAsd: GroupShape} | null;
  ensemble: {asd: Record<keyof GroupShape, {min: number; median: number; max: number}>; nonAsd: Record<keyof GroupShape, {min: number; median: number; max: number}>};
}

export interface EnsembleReport {
  k: number;
  generatorVersion: string;
  analysis: EnsembleFile["analysis"];
  members: {index: number; seed: number; shape: string; shapeLabel: string; runs: number}[];
  shapes: {name: string; label: string; members: number}[];
  rejected: EnsembleFile["rejected"];
  /** Index of the member that is the site's cohort (null for real data or another seed). */
  siteMember: number | null;
  figures: {id: string; label: string; kind: DerivedFigure["kind"]; decimals: number; conclusion: string; site: number | null; siteHolds: boolean | null; median: number; min: number; max: number; k: number; holds: number; verdict: Verdict; text: string}[];
  forced: ForcedShape[];
  shapeRows: ShapeRow[];
  /** How many figures fall under each verdict. */
  tally: Record<Verdict, number>;
}

const STATS: (keyof GroupShape)[] = ["windowShare", "windowFrom", "skewness"];

/**
 * The ensemble as the pages show it: figure by figure (site, median, range, verdict), the shape search, and per
 * measured column the published AUC, the binormal AUC and the shape statistics on the site's cohort and across the
 * ensemble. `siteRows` null (private mode) leaves the site's shapes out.
 */
export function ensembleReport(file: EnsembleFile, {site, siteRows, siteSeed, published}: {site: Record<string, number>; siteRows: readonly CohortRow[] | null; siteSeed: number | null; published: Published}): EnsembleReport {
  const summary = ensembleSummary(file, site);
  const siteShapes = siteRows ? cohortShapes(siteRows, published) : null;
  const shapeRows: ShapeRow[] = published.continuous.map((entry) => {
    const column = columnOf(entry);
    const spec = COHORT_SCHEMA.find((c) => c.name === column)!;
    const auc = published.auc.find((a) => a.marker === entry.name);
    const range = (group: "asd" | "nonAsd") => Object.fromEntries(STATS.map((s) => [s, shapeRange(file, column, group, s)])) as Record<keyof GroupShape, {min: number; median: number; max: number}>;
    return {
      column,
      label: spec.label,
      unit: spec.unit,
      width: shapeWindow(column, published, columnOf, spec.decimals),
      publishedAuc: auc ? auc.value : null,
      binormalAuc: binormalAuc(entry.asd.mean, entry.asd.sd, entry.nonAsd.mean, entry.nonAsd.sd),
      asdPublishedSd: entry.asd.sd,
      site: siteShapes?.[column] ?? null,
      ensemble: {asd: range("asd"), nonAsd: range("nonAsd")}
    };
  });
  const tally = {"holds in all": 0, "fails in all": 0, "holds in most": 0, "fails in most": 0, "depends on the reconstruction": 0} as Record<Verdict, number>;
  for (const s of summary) tally[s.verdict]++;
  const shapeNames = [...new Map(file.members.map((m) => [m.shape.name, m.shape.label])).entries()];
  const siteMember = siteSeed === null ? null : (file.members.find((m) => m.seed === siteSeed && m.shape.limits.length === 0)?.index ?? null);
  return {
    k: file.members.length,
    generatorVersion: file.generatorVersion,
    analysis: file.analysis,
    members: file.members.map((m) => ({index: m.index, seed: m.seed, shape: m.shape.name, shapeLabel: m.shape.label, runs: m.runs})),
    shapes: shapeNames.map(([name, label]) => ({name, label, members: file.members.filter((m) => m.shape.name === name).length})),
    rejected: file.rejected,
    siteMember,
    figures: summary.map((s) => ({
      id: s.figure.id, label: s.figure.label, kind: s.figure.kind, decimals: s.figure.decimals, conclusion: s.figure.conclusion.text,
      site: Number.isFinite(s.site) ? s.site : null, siteHolds: s.siteHolds, median: s.median, min: s.min, max: s.max, k: s.k, holds: s.holds, verdict: s.verdict, text: s.text
    })),
    forced: file.forced,
    shapeRows,
    tally
  };
}
