// The fitted models as JSON, for reuse outside the site (a spreadsheet, R, another calculator): the four-factor
// prediction equation and the eight-variable multivariable model, each with its terms (coefficient, SE, Wald z and
// P, OR with 95% CI), the coefficient covariance matrix (for CIs of predictions by the delta method), the fit
// statistics, the units of every predictor and the formula to compute a predicted risk. Fitted by the shared engine
// (src/components/study.ts) on the cohort the site shows.
import {studyAnalysis} from "../components/study-analysis.js";
import {columnInfo, type ModelSummary, type PublishedStudy} from "../components/study.js";
import {loadCohort, readPublished} from "./lib/cohort.js";

const {rows, source} = loadCohort();
const analysis = studyAnalysis(rows, readPublished() as unknown as PublishedStudy, {pThreshold: 0.05});

function describeModel(name: string, description: string, m: ModelSummary) {
  const k = m.terms.length;
  return {
    name,
    description,
    outcome: {column: "asd", meaning: "adjacent segment degeneration 2 years after PKP (1 = yes)"},
    predictors: m.predictors.map((key) => {
      const info = columnInfo(key);
      return {column: key, label: info.label, unit: info.unit || "0 = no, 1 = yes"};
    }),
    formula:
      "risk = 1 / (1 + exp(-(" +
      m.terms.map((t) => (t.term === "(Intercept)" ? `${t.estimate}` : `${t.estimate} * ${t.term}`)).join(" + ") +
      ")))",
    terms: m.terms,
    covariance: {names: m.terms.map((t) => t.term), rowMajor: m.covariance, size: k},
    fit: {
      method: "maximum likelihood (IRLS, as R glm(family = binomial))",
      n: m.n, events: m.events, converged: m.converged, iterations: m.iterations,
      logLik: m.logLik, deviance: m.deviance, nullDeviance: m.nullDeviance, aic: m.aic,
      lrStatistic: m.lrStatistic, lrDf: m.lrDf, lrP: m.lrP, separation: m.separation
    }
  };
}

const out = {
  cohort: source,
  models: [
    describeModel("equation", "Prediction equation: logistic regression of ASD on the abstract's four independent factors", analysis.equation),
    describeModel("multivariable", `Multivariable model of the candidates with univariate P < ${analysis.screening.threshold}`, analysis.model)
  ],
  note: "Coefficients are per unit of each predictor (age per year, BMD per T-score unit, cement per ml, height recovery per % point, yes/no factors yes vs no). Computed on the cohort named in `cohort`: with the synthetic reconstruction they reproduce the abstract's published figures, not the study's unpublished coefficients."
};
process.stdout.write(JSON.stringify(out, null, 2) + "\n");
