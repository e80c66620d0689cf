/**
 * Reporting checklists filled in from the analysis: the TRIPOD+AI items (Collins et al., BMJ 2024;385:e078378) that
 * apply to a study developing a prediction model, and PROBAST's analysis-domain signalling questions (Wolff et al.,
 * Ann Intern Med 2019;170:51–58; updated as PROBAST+AI, Moons et al., BMJ 2025). Each row says what the abstract
 * reports, where this site addresses the item, and the evidence computed from the study document — evidence, not
 * verdicts: the judgement stays with the reader. Rows are plain data, so the page shows them and the CSV and
 * Markdown downloads carry the same words.
 *
 * Pure, no DOM. @example tripodItems(study.doc, published).find((r) => r.item === "10").evidence
 */
import type {StudyDocument} from "./document.js";
import type {Published} from "./study.js";
import {columnInfo, termLabel} from "./study.js";
import {describeProcedure} from "../procedure/procedure.js";
import {csvFromRecords} from "../csv-export.js";

export interface ChecklistRow {
  /** Item number as the checklist numbers it ("10", "12c", "4.5"). */
  item: string;
  /** The checklist's topic. */
  topic: string;
  /** What the item asks, in brief. */
  asks: string;
  /** What the abstract reports on it (the only public source of the original study). */
  abstract: string;
  /** Where on this site the item is addressed (page path and section), or "" where the site cannot address it. */
  where: string;
  /** The evidence, computed from the study document. */
  evidence: string;
}

const f = (x: number | null | undefined, d = 3) => (x == null || !Number.isFinite(x) ? "not computable" : x.toFixed(d));

/** TRIPOD+AI items that apply to developing (and internally validating) a regression prediction model. */
export function tripodItems(doc: StudyDocument, published: Published): ChecklistRow[] {
  const a = doc.analysis;
  const eq = doc.models.equation;
  const size = eq.validation.sampleSize;
  const boot = eq.validation.bootstrap;
  const row = (index: string) => boot?.indices.find((r) => r.index === index);
  const riley = size.riley.fromModel ?? size.riley.conservative;
  const pubAuc = published.auc.find((x) => x.marker === "model");
  const cal = eq.validation.calibration;
  const synthetic = doc.source.kind === "synthetic";
  const cohortWords = synthetic ? "the synthetic reconstruction (not the study's patients)" : "the real cohort";
  const names = (keys: readonly string[]) => keys.map((k) => columnInfo(k).label).join(", ");
  return [
    {item: "1", topic: "Title", asks: "Identify the study as developing a prediction model, the target population and the outcome.", abstract: "Risk factors for ASD after PKP; a predictive model constructed by logistic regression.", where: "Overview", evidence: `Outcome: adjacent segment degeneration within 2 years of PKP; ${a.n} patients in ${cohortWords}.`},
    {item: "4", topic: "Objectives", asks: "Specify whether the study develops or evaluates a model (or both).", abstract: "Explore risk factors; construct a predictive model; evaluate it by ROC curves.", where: "Overview", evidence: "Development with apparent performance only; this site adds internal validation (bootstrap)."},
    {item: "5a–5b", topic: "Data sources and dates", asks: "Describe the sources of data and the key dates.", abstract: "Patients treated with PKP in one hospital, January 2020 to September 2021.", where: "Data & reproducibility", evidence: synthetic ? "The site computes on a seeded synthetic reconstruction built from the abstract's figures (Data & reproducibility says how)." : `Real data: ${doc.source.reason}.`},
    {item: "8a", topic: "Outcome", asks: "Define the outcome, its time horizon and how it was assessed.", abstract: "ASD 2 years after the primary PKP; assessment not described.", where: "Data & reproducibility (data dictionary)", evidence: `Outcome column "${a.outcome.column}", event value ${a.outcome.positive}: ${a.events} events among ${a.n} complete cases.`},
    {item: "9a", topic: "Choice of predictors", asks: "Describe the choice of initial predictors and any pre-selection before model building.", abstract: "Eight factors compared between groups; those significant entered the multivariable analysis.", where: "Multivariable model", evidence: `${a.candidates.length} candidates (${names(a.candidates.map((c) => c.name))}); ${a.steps.screen ? `pre-selected by univariable p < ${a.steps.screen.threshold}: ${a.steps.screen.kept.length} kept` : "no pre-selection"}.`},
    {item: "10", topic: "Sample size", asks: "Explain how the study size was arrived at and justify it.", abstract: `${published.groups.total} patients, ${published.groups.asd.n} with ASD; no sample-size calculation reported.`, where: "Validation (Enough data for this many predictors?)", evidence: `${size.limitingEvents} events; ${f(size.eventsPerParameter, 1)} per parameter of the equation, ${f(size.eventsPerCandidateParameter, 1)} per candidate parameter (${size.candidateParameters}). Riley et al.'s minimum: ${riley?.minimum ?? "not computable"} patients (${riley?.basis ?? ""}).`},
    {item: "11", topic: "Missing data", asks: "Describe how missing data were handled.", abstract: "Not reported.", where: "Cohort; Data & reproducibility", evidence: a.excluded ? `Complete-case analysis: ${a.excluded} of ${a.rows} rows dropped for a missing value.` : `No missing values in the ${a.rows} rows; complete-case analysis would drop rows with any.`},
    {item: "12b", topic: "Handling of predictors", asks: "Describe how predictors were handled (functional form, transformations).", abstract: "Not reported.", where: "Multivariable model", evidence: `Continuous predictors enter linearly, per unit: ${a.candidates.filter((c) => c.kind === "continuous").map((c) => termLabel(c.name)).join(", ")}; yes/no factors as 0/1 (${a.candidates.filter((c) => c.kind === "binary").map((c) => columnInfo(c.name).label).join(", ")}).`},
    {item: "12c", topic: "Model type and building", asks: "Specify the model, all model-building steps and the internal validation method.", abstract: "Multivariable logistic regression of the significant factors; ROC analysis.", where: "Multivariable model; Validation", evidence: `Procedure (as the abstract most likely ran it): ${describeProcedure(a.procedure)}. Internal validation on this site: Harrell's bootstrap (B = ${doc.settings.replicates}, seed ${doc.settings.seed}) with the equation's predictors fixed.`},
    {item: "12e", topic: "Performance measures", asks: "Specify the measures and plots used to evaluate the model (discrimination, calibration, clinical utility).", abstract: "ROC AUC only.", where: "ROC explorer; Validation", evidence: "AUC with DeLong CI; calibration slope, intercepts and curve; Brier and scaled Brier; Hosmer–Lemeshow (secondary); decision curve (net benefit)."},
    {item: "12f", topic: "Model updating", asks: "Describe any model updating (e.g. recalibration).", abstract: "None.", where: "Validation", evidence: `Bootstrap-corrected calibration slope ${f(row("slope")?.corrected)}: the uniform shrinkage the equation's coefficients would need.`},
    {item: "15", topic: "Model output", asks: "Specify the output (probabilities or classes) and how any thresholds were chosen.", abstract: "ROC curves; no threshold reported.", where: "ROC explorer; Risk calculator", evidence: `Predicted probability of ASD. The Youden-optimal threshold of the equation (${f(a.roc.find((r) => r.marker === "model")?.threshold)}) is chosen on the same patients, so its sensitivity and specificity are apparent.`},
    {item: "18e–18f", topic: "Data and code sharing", asks: "Give the availability of the study data and of the analytical code.", abstract: "Not reported.", where: "Data & reproducibility", evidence: `${doc.mode === "open" ? "The cohort's rows are published with this site (cohort.csv)" : "Private mode: aggregates only, no patient record"}; all code, and the R scripts behind every reference value, are in the repository.`},
    {item: "20a–20b", topic: "Participants", asks: "Flow of participants, numbers with and without the outcome, characteristics.", abstract: `${published.groups.asd.n} with and ${published.groups.nonAsd.n} without ASD; group means and counts.`, where: "Cohort (Table 1)", evidence: `${a.rows} rows read, ${a.n} analysed, ${a.events} with ASD and ${a.outcome.nonEvents} without; Table 1 by outcome with the tests used.`},
    {item: "21", topic: "Model development", asks: "Give the number of participants and events in each analysis.", abstract: "Not separated by analysis.", where: "Multivariable model; Validation", evidence: `Every model on this site is fitted to the same ${eq.model.n} patients with ${eq.model.events} events.`},
    {item: "22", topic: "Model specification", asks: "Give the full model (e.g. formula) to allow predictions for new individuals.", abstract: "ORs of four factors; no intercept, so the equation cannot be used as published.", where: "Multivariable model; Risk calculator; model.json", evidence: `Full equation with intercept: logit(p) = ${eq.model.terms.map((t) => (t.term === "(Intercept)" ? f(t.estimate, 4) : `${f(t.estimate, 4)}·${t.term}`)).join(" + ")}; covariance matrix in model.json.`},
    {item: "23a", topic: "Model performance", asks: "Report performance with confidence intervals.", abstract: `AUC ${pubAuc?.value} for the equation, without CI.`, where: "ROC explorer; Validation", evidence: `Apparent AUC ${f(a.roc.find((r) => r.marker === "model")?.auc)} (DeLong 95% CI ${f(a.roc.find((r) => r.marker === "model")?.ciLower)}–${f(a.roc.find((r) => r.marker === "model")?.ciUpper)}); bootstrap-corrected ${f(row("auc")?.corrected)}. Calibration slope corrected ${f(row("slope")?.corrected)}; apparent Brier ${f(cal?.brier, 4)}.`},
    {item: "26", topic: "Limitations", asks: "Discuss limitations (sample size, overfitting, missing data) and their effects.", abstract: "Not discussed in the abstract.", where: "Validation (verdict)", evidence: `${size.limitingEvents} events for ${size.candidateParameters} candidate parameters with data-driven selection; the apparent AUC is optimistic by the bootstrap's estimate (${f(row("auc")?.optimism)}, a lower bound while the selection is not repeated).`}
  ];
}

/** PROBAST's analysis-domain signalling questions (domain 4), each with the evidence from the procedure and analysis. */
export function probastAnalysis(doc: StudyDocument): ChecklistRow[] {
  const a = doc.analysis;
  const eq = doc.models.equation;
  const size = eq.validation.sampleSize;
  const boot = eq.validation.bootstrap;
  const slope = boot?.indices.find((r) => r.index === "slope");
  const screen = a.steps.screen;
  return [
    {item: "4.1", topic: "Events", asks: "Were there a reasonable number of participants with the outcome?", abstract: `${a.events} events.`, where: "Validation", evidence: `${f(size.eventsPerCandidateParameter, 1)} events per candidate parameter (${size.candidateParameters} candidate parameters); Riley et al.'s minimum ${size.riley.fromModel?.minimum ?? size.riley.conservative?.minimum ?? "not computable"} against ${a.n} patients.`},
    {item: "4.2", topic: "Predictors' handling", asks: "Were continuous and categorical predictors handled appropriately?", abstract: "Not reported.", where: "Multivariable model", evidence: "Continuous predictors kept continuous (not dichotomised), entered linearly."},
    {item: "4.3", topic: "All participants", asks: "Were all enrolled participants included in the analysis?", abstract: `${a.n} analysed.`, where: "Cohort", evidence: `${a.rows - a.excluded} of ${a.rows} rows analysed.`},
    {item: "4.4", topic: "Missing data", asks: "Were participants with missing data handled appropriately?", abstract: "Not reported.", where: "Cohort", evidence: a.excluded ? `Complete-case analysis (${a.excluded} rows dropped); no imputation.` : "No missing data in this cohort."},
    {item: "4.5", topic: "Univariable selection", asks: "Was selection of predictors based on univariable analysis avoided?", abstract: "Significant factors in the univariable comparison entered the multivariable model.", where: "Multivariable model", evidence: screen ? `No: candidates were screened by univariable p < ${screen.threshold} (${screen.kept.length} of ${screen.entries.length} kept), then selected by multivariable Wald p < ${a.procedure.select.method === "wald" ? a.procedure.select.p : "—"}.` : "Yes: no univariable screen."},
    {item: "4.6", topic: "Complexities", asks: "Were complexities in the data (censoring, competing risks, sampling) accounted for?", abstract: "Fixed 2-year outcome.", where: "", evidence: "A binary outcome at a fixed horizon; losses to follow-up are not reported."},
    {item: "4.7", topic: "Performance measures", asks: "Were relevant performance measures evaluated appropriately?", abstract: "AUC only, apparent.", where: "ROC explorer; Validation", evidence: "On this site: discrimination (AUC, DeLong CI), calibration (slope, intercepts, curve), Brier, decision curve."},
    {item: "4.8", topic: "Overfitting", asks: "Were model overfitting and optimism in performance accounted for?", abstract: "No internal validation reported.", where: "Validation", evidence: `Here: Harrell's bootstrap, corrected calibration slope ${f(slope?.corrected)} (the shrinkage overfitting implies); with the selection not repeated in each resample, the optimism is a lower bound.`},
    {item: "4.9", topic: "Final model", asks: "Do the predictors and their weights in the final model correspond to the multivariable analysis?", abstract: "Four ORs from the multivariable analysis; the 'prediction equation' not given.", where: "Multivariable model", evidence: `The equation is the procedure's refit of the ${eq.model.predictors.length} kept factors; its coefficients differ from their values in the model of all survivors (both on the Model page).`}
  ];
}

/** A checklist as CSV (the page's download). */
export function checklistCsv(rows: readonly ChecklistRow[], checklist: string): string {
  return csvFromRecords(rows.map((r) => ({checklist, item: r.item, topic: r.topic, asks: r.asks, abstract: r.abstract, where_on_this_site: r.where, evidence: r.evidence})));
}

/** Both checklists as Markdown, for a submission's supplement. */
export function checklistsMarkdown(tripod: readonly ChecklistRow[], probast: readonly ChecklistRow[]): string {
  const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const table = (rows: readonly ChecklistRow[]) =>
    ["| Item | Topic | What the abstract reports | Where on this site | Evidence |", "| --- | --- | --- | --- | --- |", ...rows.map((r) => `| ${cell(r.item)} | ${cell(r.topic)} | ${cell(r.abstract)} | ${cell(r.where)} | ${cell(r.evidence)} |`)].join("\n");
  return `# TRIPOD+AI (Collins et al., BMJ 2024;385:e078378): items for a model development study\n\n${table(tripod)}\n\n# PROBAST, analysis domain (Wolff et al., Ann Intern Med 2019)\n\n${table(probast)}\n`;
}
