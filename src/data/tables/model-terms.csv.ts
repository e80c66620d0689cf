// The fitted logistic models as CSV, one row per term: the multivariable model of the screened candidates (the
// abstract's reading: all eight) and the four-factor prediction equation — coefficient, SE, Wald z and P, odds
// ratio with 95% Wald CI, and the published OR and P where the abstract prints them. Same engine calls as the
// Model page (src/components/study-analysis.ts).
import {csvFromRecords, type CsvValue} from "../../components/csv-export.js";
import {studyAnalysis} from "../../components/study-analysis.js";
import {publishedColumn, type ModelSummary, type PublishedStudy} from "../../components/study.js";
import {loadCohort, readPublished} from "../lib/cohort.js";

const published = readPublished() as unknown as PublishedStudy;
const {rows} = loadCohort();
const analysis = studyAnalysis(rows, published, {pThreshold: 0.05});
const pub = new Map(published.multivariable.map((m) => [publishedColumn(m.name), m]));
const termRows = (model: string, m: ModelSummary): Record<string, CsvValue>[] =>
  m.terms.map((t) => {
    const p = model === "multivariable" ? pub.get(t.term) : undefined;
    return {
      model, term: t.term, estimate: t.estimate, se: t.se, z: t.z, p: t.p,
      odds_ratio: t.term === "(Intercept)" ? undefined : t.oddsRatio,
      or_ci_lower: t.term === "(Intercept)" ? undefined : t.ciLower,
      or_ci_upper: t.term === "(Intercept)" ? undefined : t.ciUpper,
      published_or: p?.or,
      published_p: p ? `${p.p.relation === "<" ? "<" : ""}${p.p.value.toFixed(p.p.decimals ?? 3)}` : undefined,
      n: m.n, events: m.events, converged: m.converged
    };
  });
process.stdout.write(csvFromRecords([...termRows("multivariable", analysis.model), ...termRows("equation", analysis.equation)]));
