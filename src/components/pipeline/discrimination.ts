/**
 * Discrimination as the analysis document reports it: each marker's empirical ROC curve summarised by pROC's
 * direction "auto", the AUC with its DeLong 95% CI, and the Youden-optimal threshold (every tied threshold too, as
 * pROC's coords(roc, "best") lists them); and DeLong's paired test of the model against each numeric candidate
 * (pROC roc.test(paired = TRUE, method = "delong")), with a warning where the test has no information or compares
 * curves of different directions. The statistics are the engine's (stats/roc.ts, stats/delong.ts). Pure, no DOM.
 *
 * @example rocResult("age", ages, y).auc
 */
import {rocCurve, youdenOptimal, type Direction} from "../stats/roc.js";
import {delongAuc, delongTest} from "../stats/delong.js";
import {quote} from "../cohort/table.js";

export interface RocResult {
  /** Predictor name, or "model" for the fitted probabilities. */
  marker: string;
  /** pROC's direction: "<" when events have higher values (positive iff value ≥ threshold), ">" otherwise. */
  direction: Direction;
  auc: number | null;
  /** DeLong 95% CI, clipped to [0, 1]. */
  ciLower: number | null;
  ciUpper: number | null;
  se: number | null;
  /** Youden-optimal threshold (pROC coords "best"), with its sensitivity and specificity. */
  threshold: number | null;
  sensitivity: number | null;
  specificity: number | null;
  youdenJ: number | null;
  /** Every threshold whose Youden J ties the best, in pROC's order (`threshold` is the first). */
  youdenTies: (number | null)[];
  nCases: number;
  nControls: number;
}

export interface ComparisonResult {
  a: "model";
  b: string;
  /** DeLong's paired test (pROC roc.test(method = "delong", paired = TRUE)). */
  z: number | null;
  p: number | null;
  aucA: number | null;
  aucB: number | null;
  /** aucA − aucB. */
  difference: number | null;
}

export function rocResult(marker: string, values: ArrayLike<number>, y: ArrayLike<number>): RocResult {
  const curve = rocCurve(values, y);
  const ci = delongAuc(values, y, curve.direction);
  const best = youdenOptimal(curve);
  return {
    marker,
    direction: curve.direction,
    auc: curve.auc,
    ciLower: ci.ciLower,
    ciUpper: ci.ciUpper,
    se: ci.se,
    threshold: best.threshold,
    sensitivity: best.sensitivity,
    specificity: best.specificity,
    youdenJ: best.youdenJ,
    youdenTies: best.tiedThresholds.slice(),
    nCases: curve.nCases,
    nControls: curve.nControls
  };
}

/** DeLong's paired test of the model's ROC against a marker's, with the warnings a reader needs. */
export function compareWithModel(
  model: {values: ArrayLike<number>; roc: RocResult},
  marker: {name: string; values: ArrayLike<number>; roc: RocResult},
  y: ArrayLike<number>,
  warnings: string[]
): ComparisonResult {
  const test = delongTest(model.values, marker.values, y, {directionA: model.roc.direction, directionB: marker.roc.direction});
  if (Math.min(model.roc.nCases, model.roc.nControls) < 2) {
    // one case (or one control): the variance of its placements is undefined (R's var of one value is NA), so the
    // test has no z and no p, as pROC's roc.test gives NA; the pipeline's warning on the CIs says why
    return {a: "model", b: marker.name, z: NaN, p: NaN, aucA: test.aucA, aucB: test.aucB, difference: test.difference};
  }
  const identical = test.difference === 0 && !(test.variance > 0);
  if (identical) {
    warnings.push(
      `The model's ROC curve and that of ${quote(marker.name)} cannot be told apart (AUC difference 0 with DeLong variance 0: the two rank every case–control pair alike, or both separate them perfectly), so DeLong's test of the model against ${quote(marker.name)} has no information; as pROC's roc.test does, z is reported as 0 and p as 1.`
    );
  } else if (marker.roc.direction !== model.roc.direction) {
    warnings.push(
      `DeLong's test of the model against ${quote(marker.name)} compares ROC curves of different directions (model "${model.roc.direction}", ${quote(marker.name)} "${marker.roc.direction}"${marker.roc.direction === ">" ? `: lower ${quote(marker.name)} goes with events` : ""}), each AUC taken in its own direction, as pROC's roc.test does (pROC warns that DeLong's test should not be applied to curves of different directions).`
    );
  }
  return {a: "model", b: marker.name, z: test.z, p: test.p, aucA: test.aucA, aucB: test.aucB, difference: test.difference};
}
