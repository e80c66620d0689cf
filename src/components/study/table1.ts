/**
 * The study's Table 1 rows: the pipeline's Table 1 (descriptives and the test by the one policy,
 * ../pipeline/table1.ts) for each candidate, labelled by the data dictionary, with the abstract's figures beside.
 * The Cohort page's table and table1.csv both read these rows. Pure, no DOM.
 *
 * @example studyTable1(doc.analysis, published)[0].reproduced.p // age's Student's t p-value
 */
import type {AnalysisResult} from "../pipeline/pipeline.js";
import type {GroupDescriptives} from "../pipeline/table1.js";
import type {PublishedP} from "../stats/abstract-check.js";
import {columnInfo, publishedColumn, type Published} from "./study.js";

export interface ContinuousGroup {
  mean: number;
  sd: number;
  median: number;
  q1: number;
  q3: number;
  n: number;
}

export interface BinaryGroup {
  yes: number;
  no: number;
}

export interface StudyTable1Row {
  key: string;
  label: string;
  unit: string;
  kind: "continuous" | "binary";
  /** Decimals the abstract printed its means and SDs to (1 when it printed none). */
  decimals: number;
  reproduced: {
    asd: ContinuousGroup | BinaryGroup;
    nonAsd: ContinuousGroup | BinaryGroup;
    test: string;
    statistic: number | null;
    df: number | null;
    p: number | null;
  };
  /** The other tests of the same comparison (Welch, Wilcoxon; Yates, Fisher). */
  alternatives: {test: string; p: number | null}[];
  published: {asd: {mean: number; sd: number} | BinaryGroup; nonAsd: {mean: number; sd: number} | BinaryGroup; p?: PublishedP} | null;
}

function group(g: GroupDescriptives, kind: "continuous" | "binary"): ContinuousGroup | BinaryGroup {
  if (kind === "continuous") {
    const s = g.numeric!;
    return {mean: s.mean ?? NaN, sd: s.sd ?? NaN, median: s.median ?? NaN, q1: s.q1 ?? NaN, q3: s.q3 ?? NaN, n: s.n};
  }
  const yes = g.levels!.find((l) => l.level === "1")?.n ?? 0;
  return {yes, no: g.n - yes};
}

export function studyTable1(analysis: AnalysisResult, published: Published | null): StudyTable1Row[] {
  return analysis.univariate.map((u) => {
    const info = columnInfo(u.variable);
    const d = analysis.descriptives.find((x) => x.variable === u.variable)!;
    const kind = info.kind;
    const pub =
      kind === "continuous"
        ? published?.continuous.find((c) => publishedColumn(c.column ?? c.name) === u.variable)
        : published?.binary.find((c) => publishedColumn(c.column ?? c.name) === u.variable);
    return {
      key: u.variable,
      label: info.label,
      unit: info.unit,
      kind,
      decimals: (pub && "decimals" in pub ? pub.decimals : undefined) ?? 1,
      reproduced: {asd: group(d.events, kind), nonAsd: group(d.nonEvents, kind), test: u.test, statistic: u.statistic, df: u.df, p: u.p},
      alternatives: u.alternatives.map((a) => ({test: a.test, p: a.p})),
      published: pub ? {asd: pub.asd, nonAsd: pub.nonAsd, ...(pub.p ? {p: pub.p} : {})} : null
    };
  });
}
