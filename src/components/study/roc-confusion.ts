/**
 * The ROC explorer's 2×2 table at a threshold, in both modes: from the patients' values when they are published,
 * from the document's ROC curve when they are not (private mode) — the same counts at every threshold of the
 * curve, since the curve is the table at each of its cut-offs. Pure, no DOM.
 *
 * @example confusionFor(study, study.marker("model"), 0.2).sensitivity
 */
import {confusionFromCounts, confusionFromPrepared, prepareRoc, type ConfusionAt} from "../stats/roc.js";
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
  return confusionFromCounts(marker.thresholds[best]!, marker.direction, {tp, fp: n0 - tn, fn: n1 - tp, tn});
}
