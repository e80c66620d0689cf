/**
 * The equation's decision curve corrected for optimism, in its figure (the Validation page's shrinkage section):
 * the fitted equation's apparent net benefit with its bootstrap 95% band, and the bootstrap-corrected net benefit
 * (../pipeline/shrinkage.ts, Vickers et al. 2008), against treat-all and treat-none, thresholds up to `maxThreshold`.
 * Null when the document has no bootstrap-corrected curve.
 *
 * Example: correctedDecisionCurveFigure(doc.analysis, 640)
 */
import type {AnalysisResult} from "../pipeline/pipeline.js";
import {decisionCurveChart} from "./decisionCurveChart.js";
import {chartFigure} from "./figure.js";

export function correctedDecisionCurveFigure(analysis: AnalysisResult, width: number, maxThreshold = 0.6): HTMLElement | null {
  const dcb = analysis.decisionCurveBootstrap;
  if (!dcb || !analysis.decisionCurve) return null;
  const keep = <T extends {threshold: number}>(rows: T[]) => rows.filter((d) => d.threshold <= maxThreshold + 1e-9);
  const chart = decisionCurveChart(keep(analysis.decisionCurve), {
    width,
    modelLabel: "Equation (apparent)",
    prevalence: analysis.events / analysis.n,
    band: keep(dcb.thresholds.map((threshold, k) => ({threshold, lower: dcb.bandLower[k]!, upper: dcb.bandUpper[k]!}))),
    comparison: {label: "Bootstrap-corrected", rows: keep(dcb.thresholds.map((threshold, k) => ({threshold, netBenefitModel: dcb.corrected[k]!})))}
  });
  return chartFigure(chart, {
    title: "Decision curve of the equation, corrected for optimism",
    description: `Net benefit of the fitted equation in the data it was fitted to, with a shaded 95% bootstrap band, and its bootstrap-corrected net benefit (${dcb.replicates} resamples, seed ${dcb.seed}; ${dcb.used} refits used), against treat-all and treat-none.`,
    caption: "Shaded: the 2.5%–97.5% range of the equation's net benefit over the bootstrap resamples. Dash-dot: the net benefit after subtracting the bootstrap's optimism (Vickers et al., BMC Med Inform Decis Mak 2008).",
    filename: "decision-curve-corrected"
  });
}
