/**
 * The study's downloads, derived from its one document (./document.ts) without refitting anything: Table 1, the
 * model terms, the ROC summaries and DeLong tests, the validation indices (every index the bootstrap computes,
 * INDEX_INFO's order), calibration groups, decision curves, and model.json — both fitted models with their
 * covariance, units and risk formula. Full precision, formula-safe CSV (../csv-export.ts). Pure, no DOM.
 *
 * @example table1Csv(doc, published).split("\r\n")[0] // "variable,label,unit,kind,…"
 */
import {csvFromRecords, type CsvValue} from "../csv-export.js";
import type {ModelResult} from "../pipeline/model.js";
import type {BootstrapValidation} from "../pipeline/validation.js";
import {formatPrinted} from "../stats/printed.js";
import type {StudyDocument, StudyModel} from "./document.js";
import {columnInfo, publishedColumn, type Published} from "./study.js";
import {studyTable1} from "./table1.js";

export function table1Csv(doc: StudyDocument, published: Published): string {
  return csvFromRecords(
    studyTable1(doc.analysis, published).map((r) => {
      const out: Record<string, CsvValue> = {variable: r.key, label: r.label, unit: r.unit, kind: r.kind};
      for (const g of ["asd", "nonAsd"] as const) {
        const s = r.reproduced[g] as unknown as Record<string, number>;
        const p = r.published?.[g] as Record<string, number> | undefined;
        const prefix = g === "asd" ? "asd" : "non_asd";
        for (const k of ["n", "mean", "sd", "median", "q1", "q3", "yes", "no"]) out[`${prefix}_${k}`] = s[k];
        for (const k of ["mean", "sd", "yes", "no"]) out[`${prefix}_published_${k}`] = p?.[k];
      }
      Object.assign(out, {test: r.reproduced.test, statistic: r.reproduced.statistic, df: r.reproduced.df, p: r.reproduced.p});
      r.alternatives.forEach((a, i) => {
        out[`alternative_${i + 1}_test`] = a.test;
        out[`alternative_${i + 1}_p`] = a.p;
      });
      out.published_p = r.published?.p ? formatPrinted(r.published.p) : undefined;
      return out;
    })
  );
}

function termRecords(key: string, m: ModelResult, published: Published | null): Record<string, CsvValue>[] {
  const pub = new Map((published?.multivariable ?? []).map((p) => [publishedColumn(p.name), p]));
  return m.terms.map((t) => {
    const p = key === "multivariable" ? pub.get(t.term) : undefined;
    const intercept = t.term === "(Intercept)";
    return {
      model: key, term: t.term, estimate: t.estimate, se: t.se, z: t.z, p: t.p,
      odds_ratio: intercept ? undefined : t.oddsRatio, or_ci_lower: intercept ? undefined : t.ciLower, or_ci_upper: intercept ? undefined : t.ciUpper,
      published_or: p?.or, published_p: p ? formatPrinted(p.p) : undefined,
      n: m.n, events: m.events, converged: m.converged
    };
  });
}

export function modelTermsCsv(doc: StudyDocument, published: Published): string {
  return csvFromRecords([...termRecords("multivariable", doc.models.multivariable.model, published), ...termRecords("equation", doc.models.equation.model, published)]);
}

export function rocAucCsv(doc: StudyDocument, published: Published): string {
  const pub = new Map(published.auc.map((a) => [publishedColumn(a.marker), a]));
  return csvFromRecords(
    doc.analysis.roc.map((r) => ({
      marker: r.marker, label: r.marker === "model" ? "Prediction equation" : columnInfo(r.marker).label, direction: r.direction,
      auc: r.auc, se_delong: r.se, ci_lower: r.ciLower, ci_upper: r.ciUpper, n_cases: r.nCases, n_controls: r.nControls,
      youden_threshold: r.threshold, youden_sensitivity: r.sensitivity, youden_specificity: r.specificity, youden_j: r.youdenJ,
      published_auc: pub.get(r.marker)?.value
    }))
  );
}

export function rocTestsCsv(doc: StudyDocument): string {
  return csvFromRecords(doc.analysis.comparisons.map((c) => ({marker_a: c.a, marker_b: c.b, auc_a: c.aucA, auc_b: c.aucB, difference: c.difference, z: c.z, p: c.p})));
}

function bootstrapRecords(model: string, b: BootstrapValidation | null): Record<string, CsvValue>[] {
  if (!b) return [];
  return b.indices.map((row) => ({
    model, refit: b.method, index: row.index, apparent: row.apparent, optimism: row.optimism, corrected: row.corrected,
    replicates: b.replicates, seed: b.seed, used: b.used, used_for_index: row.used, failed_separated: b.failed.separated,
    failed_non_converged: b.failed.nonConverged, failed_one_class: b.failed.oneClass, failed_errors: b.failed.errors
  }));
}

export function validationCsv(doc: StudyDocument): string {
  const records: Record<string, CsvValue>[] = [];
  for (const m of Object.values(doc.models) as StudyModel[]) {
    records.push(...bootstrapRecords(m.key, m.validation.bootstrap), ...bootstrapRecords(m.key, m.firthBootstrap));
    const s = m.validation.sampleSize;
    const c = m.validation.calibration;
    const add = (index: string, value: number | null | undefined) => {
      if (value !== undefined && value !== null) records.push({model: m.key, refit: "", index, apparent: value});
    };
    add("n", m.model.n);
    add("events", m.model.events);
    add("parameters", s.parameters);
    add("events_per_parameter", s.eventsPerParameter);
    add("events_per_candidate_parameter", s.eventsPerCandidateParameter);
    add("cox_snell_r2", s.coxSnellR2);
    add("nagelkerke_r2", s.nagelkerkeR2);
    add("riley_minimum_n_apparent_r2", s.riley.fromModel?.minimum);
    add("riley_minimum_n_conservative_r2", s.riley.conservative?.minimum);
    add("brier_null", c?.brierNull);
    add("brier_scaled", c?.brierScaled);
    add("hosmer_lemeshow_statistic_10_groups", c?.hosmerLemeshow?.statistic);
    add("hosmer_lemeshow_p_10_groups", c?.hosmerLemeshow?.p);
  }
  return csvFromRecords(records);
}

export function calibrationGroupsCsv(doc: StudyDocument): string {
  return csvFromRecords(
    (Object.values(doc.models) as StudyModel[]).flatMap((m) =>
      (m.validation.calibration?.hosmerLemeshow?.groups ?? []).map((g) => ({
        model: m.key, group: g.group, predicted_lower: g.lower, predicted_upper: g.upper, n: g.n, events: g.events, expected: g.expected,
        mean_predicted: g.predicted, observed: g.observed, observed_ci_lower: g.ciLower, observed_ci_upper: g.ciUpper
      }))
    )
  );
}

export function decisionCurveCsv(doc: StudyDocument): string {
  return csvFromRecords(
    (Object.values(doc.models) as StudyModel[]).flatMap((m) =>
      (m.validation.decisionCurve ?? []).map((d) => ({
        model: m.key, threshold: d.threshold, net_benefit_model: d.netBenefitModel, net_benefit_treat_all: d.netBenefitAll,
        net_benefit_treat_none: d.netBenefitNone, true_positives: d.truePositives, false_positives: d.falsePositives
      }))
    )
  );
}

/** Both fitted models for reuse outside the site (a spreadsheet, R, another calculator). */
export function modelJson(doc: StudyDocument) {
  const describeModel = (m: StudyModel, description: string) => ({
    name: m.key,
    description,
    outcome: {column: doc.analysis.outcome.column, meaning: "adjacent segment degeneration 2 years after PKP (1 = yes)"},
    predictors: m.model.predictors.map((key) => {
      const info = columnInfo(key);
      return {column: key, label: info.label, unit: info.unit || "0 = no, 1 = yes"};
    }),
    formula: "risk = 1 / (1 + exp(-(" + m.model.terms.map((t) => (t.term === "(Intercept)" ? `${t.estimate}` : `${t.estimate} * ${t.term}`)).join(" + ") + ")))",
    terms: m.model.terms,
    covariance: {names: m.model.terms.map((t) => t.term), rowMajor: m.model.covariance, size: m.model.terms.length},
    fit: {
      method: "maximum likelihood (IRLS, as R glm(family = binomial))",
      n: m.model.n, events: m.model.events, converged: m.model.converged, iterations: m.model.iterations,
      logLik: m.model.logLik, deviance: m.model.deviance, nullDeviance: m.model.nullDeviance, aic: m.model.aic,
      lrStatistic: m.model.lrStatistic, lrDf: m.model.lrDf, lrP: m.model.lrP, separation: m.model.separation
    }
  });
  return {
    cohort: doc.source,
    procedure: doc.analysis.procedureDescription,
    models: [
      describeModel(doc.models.equation, "Prediction equation: the study's procedure's model — the candidates kept by its univariable screen and multivariable Wald selection, refitted"),
      describeModel(doc.models.multivariable, "Multivariable model: every candidate that passed the univariable screen, fitted together")
    ],
    note: "Coefficients are per unit of each predictor (age per year, BMD per T-score unit, cement per ml, height recovery per % point, yes/no factors yes vs no). Computed on the cohort named in `cohort`: with the synthetic reconstruction they reproduce the abstract's published figures, not the study's unpublished coefficients."
  };
}
