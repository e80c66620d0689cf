/**
 * The precision–recall curve at pROC's ROC thresholds, and average precision.
 *
 * At each threshold of rocCurve: recall = sensitivity = TP/n₁, precision = PPV = TP/(TP + FP) (NaN where nobody
 * is called positive, i.e. the strictest threshold ±∞).
 * Average precision (scikit-learn's average_precision_score; Manning, Raghavan & Schütze 2008, §8.4):
 * AP = Σₖ (Rₖ − Rₖ₋₁)·Pₖ over thresholds from strictest to loosest, R₀ = 0 — a step sum, no interpolation, so
 * patients with tied markers enter together at one step.
 *
 * Throws as rocCurve (RangeError naming the argument).
 *
 * Example: precisionRecallCurve([1, 2, 3, 4], [0, 1, 0, 1], {direction: "<"}).averagePrecision // 0.8333…
 */
import {prepareRoc, rocFromPrepared, type Direction} from "./roc.js";

export interface PrecisionRecallCurve {
  direction: Direction;
  /** Same thresholds and order as rocCurve()$thresholds. */
  thresholds: Float64Array;
  recall: Float64Array;
  /** NaN where no patient is called positive. */
  precision: Float64Array;
  averagePrecision: number;
  /** n₁/n: the precision of calling everyone positive (the baseline of the PR plot). */
  prevalence: number;
}

export function precisionRecallCurve(marker: ArrayLike<number>, outcome: ArrayLike<number>, {direction = "auto"}: {direction?: Direction | "auto"} = {}): PrecisionRecallCurve {
  return precisionRecallFromRoc(rocFromPrepared(prepareRoc(marker, outcome, {direction})));
}

/**
 * The same from an ROC curve already computed (its thresholds, sensitivities and specificities in rocCurve's order,
 * and the group sizes): what a page without the patients' values (private mode) has.
 */
export function precisionRecallFromRoc(roc: {direction: Direction; thresholds: ArrayLike<number>; sensitivities: ArrayLike<number>; specificities: ArrayLike<number>; nCases: number; nControls: number}): PrecisionRecallCurve {
  const k = roc.thresholds.length;
  const n1 = roc.nCases;
  const n0 = roc.nControls;
  const recall = new Float64Array(k);
  const precision = new Float64Array(k);
  for (let t = 0; t < k; t++) {
    // Counts are recovered exactly: sensitivities are integers over n₁ computed by one division.
    const tp = Math.round(roc.sensitivities[t]! * n1);
    const fp = Math.round((1 - roc.specificities[t]!) * n0);
    recall[t] = tp / n1;
    precision[t] = tp + fp > 0 ? tp / (tp + fp) : NaN;
  }
  // rocCurve orders thresholds from loosest (sens 1) to strictest (sens 0); walk backwards.
  let ap = 0;
  let previousRecall = 0;
  for (let t = k - 1; t >= 0; t--) {
    const r = recall[t]!;
    if (r > previousRecall) {
      ap += (r - previousRecall) * precision[t]!;
      previousRecall = r;
    }
  }
  return {direction: roc.direction, thresholds: Float64Array.from(roc.thresholds), recall, precision, averagePrecision: ap, prevalence: n1 / (n1 + n0)};
}
