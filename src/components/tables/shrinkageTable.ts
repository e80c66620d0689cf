/**
 * The shrunken equation beside the fitted one, for the Validation page: net benefit at a few thresholds — the
 * fitted equation's apparent and bootstrap-corrected, its bootstrap 95% band, the shrunken equation's, treat-all —
 * from the analysis document (../pipeline/shrinkage.ts). Text by textContent only.
 *
 * Example: shrinkageNetBenefitTable(doc.analysis, [0.05, 0.1, 0.2])
 */
import type {AnalysisResult} from "../pipeline/pipeline.js";
import {formatNumber, formatPercent} from "../format.js";
import {cell, rowHeader, tableFrame} from "./frame.js";

/** The row of a curve at a threshold (thresholds are the document's 1%–99% grid). */
function at<T extends {threshold: number}>(rows: readonly T[], t: number): T | undefined {
  return rows.find((r) => Math.abs(r.threshold - t) < 1e-9);
}

export function shrinkageNetBenefitTable(analysis: AnalysisResult, thresholds: readonly number[]): HTMLDivElement {
  const boot = analysis.decisionCurveBootstrap;
  const shrunk = analysis.shrinkage?.decisionCurve ?? [];
  const fitted = analysis.decisionCurve ?? [];
  const {wrapper, body} = tableFrame({
    caption: `Net benefit (true positives per patient, net of false positives weighted by the threshold odds) of the fitted and the shrunken equation${boot ? `; corrected and band from ${boot.replicates} bootstrap resamples (seed ${boot.seed})` : ""}.`,
    headers: ["Threshold", "Fitted, apparent", "Fitted, corrected", "95% band", "Shrunken", "Treat all"],
    testId: "validation-shrinkage-net-benefit"
  });
  for (const t of thresholds) {
    const f = at(fitted, t);
    const s = at(shrunk, t);
    const k = boot ? boot.thresholds.findIndex((x) => Math.abs(x - t) < 1e-9) : -1;
    const tr = body.insertRow();
    tr.dataset.threshold = String(t);
    const num = (v: number | undefined, field: string) => cell("td", v === undefined ? "—" : formatNumber(v, 3), {"data-field": field, ...(v === undefined ? {} : {"data-value": String(v)})});
    tr.append(
      rowHeader(formatPercent(t, 0)),
      num(f?.netBenefitModel, "apparent"),
      num(k >= 0 ? boot!.corrected[k] : undefined, "corrected"),
      cell("td", k >= 0 ? `${formatNumber(boot!.bandLower[k], 3)} to ${formatNumber(boot!.bandUpper[k], 3)}` : "—"),
      num(s?.netBenefitModel, "shrunken"),
      num(f?.netBenefitAll, "treat-all")
    );
  }
  return wrapper;
}
