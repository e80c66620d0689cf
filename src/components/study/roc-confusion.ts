/**
 * The ROC explorer's 2×2 table at a threshold, in both modes: from the patients' values when they are published,
 * from the document's ROC curve when they are not (private mode) — the same counts at every threshold of the
 * curve, since the curve is the table at each of its cut-offs. Pure, no DOM.
 *
 * @example confusionFor(study, study.marker("model"), 0.2).sensitivity
 */
import {confusionFromPrepared, prepareRoc, type ConfusionAt} from "../stats/roc.js";
import {wilsonInterval} from "../stats/binomial-ci.js";
import {markerValues, type MarkerSummary, type StudyView} from "./view.js";

const preparedCache = new Map<string, ReturnType<typeof prepareRoc>>();

/**
 * The 2×2 table at a threshold. Open mode: from the patients' values (O(log n) after the first call per marker).
 * Private mode: the document's ROC curve, coarsened to the minimum cell size (private.ts, coarsenedRoc), holds the
 * table at each of its published thresholds only, so the threshold used is the curve's nearest one — returned as
 * `threshold`, and the page shows that value (its control offers the published thresholds only).
 */
export function confusionFor(study: StudyView, marker: MarkerSummary, threshold: number): ConfusionAt {
  if (study.data) {
    let prepared = preparedCache.get(marker.key);
    if (!prepared) {
      prepared = prepareRoc(markerValues(study, marker.key), study.data.y, {direction: marker.direction});
      preparedCache.set(marker.key, prepared);
    }
    return confusionFromPrepared(prepared, threshold);
  }
  let best = 0;
  marker.thresholds.forEach((t, i) => {
    if (Math.abs(t - threshold) < Math.abs(marker.thresholds[best]! - threshold)) best = i;
  });
  const n1 = marker.nCases;
  const n0 = marker.nControls;
  const tp = Math.round(marker.sensitivities[best]! * n1);
  const tn = Math.round(marker.specificities[best]! * n0);
  const fn = n1 - tp;
  const fp = n0 - tn;
  const sensitivity = tp / n1;
  const specificity = tn / n0;
  const nan: [number, number] = [NaN, NaN];
  return {
    threshold: marker.thresholds[best]!, direction: marker.direction, tp, fp, fn, tn, sensitivity, specificity,
    ppv: tp + fp > 0 ? tp / (tp + fp) : NaN,
    npv: tn + fn > 0 ? tn / (tn + fn) : NaN,
    lrPositive: sensitivity / (1 - specificity),
    lrNegative: (1 - sensitivity) / specificity,
    youdenJ: sensitivity + specificity - 1,
    sensitivityCi: wilsonInterval(tp, n1),
    specificityCi: wilsonInterval(tn, n0),
    ppvCi: tp + fp > 0 ? wilsonInterval(tp, tp + fp) : nan,
    npvCi: tn + fn > 0 ? wilsonInterval(tn, tn + fn) : nan
  };
}
