/**
 * Bootstrap-corrected sensitivity and specificity of a cut-point chosen on the same data (Harrell's optimism
 * bootstrap, Efron 1983; applied to optimal cut-points by e.g. Fluss, Faraggi & Reiser 2005, Biom J 47:458):
 *
 *   apparent: choose the cut-point c on the data (by default Youden's J on the marker's ROC curve, as pROC's
 *     coords(roc, "best", best.method = "youden"), first of any ties) and read its sensitivity and specificity there;
 *   for each resample b (row indices drawn with replacement, given by the caller): choose c_b on the resample;
 *     apparent_b = its sensitivity (specificity, J) on the resample, test_b = the same at c_b on the original data;
 *   optimism = mean over resamples of (apparent_b − test_b);  corrected = apparent − optimism.
 *
 * The marker's direction is fixed before resampling (given, or pROC's "auto" rule on the original data), so every
 * resample's cut-point means the same thing. A resample without cases or without controls has no ROC curve; it is
 * skipped and counted (`skipped`), not silently dropped. The resamples come in as 0-based index vectors (`samples`),
 * so the caller drives them from the project's seeded streams (stats/random.ts) and the result is reproducible.
 *
 * Throws RangeError (naming the argument) when marker and outcome differ in length or hold bad values (as rocCurve),
 * samples is empty, a sample's length is not n, an index is not an integer in [0, n), the direction is invalid, or
 * no resample has both classes.
 *
 * The resamples can be split into consecutive ranges (on workers): cutpointSetup once, a cutpointCollector per range
 * observing its resamples in order, and mergeCutpointParts over the ranges' parts in order give bootstrapCutpoint's
 * numbers to the last bit.
 *
 * @example bootstrapCutpoint(s100b, outcome, {samples}).corrected.sensitivity // apparent sensitivity − optimism
 */
import {confusionFromCounts, confusionFromPrepared, positivesFromLevels, prepareRoc, rocLevels, youdenFromLevels, youdenThreshold, type Direction, type PreparedRoc, type RocLevels} from "./roc.js";

/** Picks a threshold on data prepared with a fixed direction ("<": positive iff marker ≥ threshold). */
export type CutpointRule = (prepared: PreparedRoc) => number;

/** Youden's J: pROC coords(roc, "best", best.method = "youden"), the first of tied thresholds. */
export const youdenCutpoint: CutpointRule = youdenThreshold;

export interface CutpointAccuracy {
  sensitivity: number;
  specificity: number;
  /** sensitivity + specificity − 1. */
  youdenJ: number;
}

export interface BootstrapCutpoint {
  direction: Direction;
  /** The cut-point chosen on the original data (−∞ or +∞ when the rule calls everyone positive or negative). */
  threshold: number;
  apparent: CutpointAccuracy;
  /** Mean of apparent_b − test_b over the usable resamples. */
  optimism: CutpointAccuracy;
  corrected: CutpointAccuracy;
  replicates: number;
  used: number;
  /** Resamples without cases or without controls. */
  skipped: number;
  /** Per usable resample: its cut-point, and its accuracy on itself (apparent) and on the original data (test). */
  byReplicate: {threshold: number[]; apparentSensitivity: number[]; apparentSpecificity: number[]; testSensitivity: number[]; testSpecificity: number[]};
}

export interface BootstrapCutpointOptions {
  /** Row indices (0-based) of each resample, each of length n. */
  samples: ReadonlyArray<ArrayLike<number>>;
  /** Default "auto": pROC's rule on the original data, kept for every resample. */
  direction?: Direction | "auto";
  /** Default youdenCutpoint. */
  rule?: CutpointRule;
}

function accuracy(sensitivity: number, specificity: number): CutpointAccuracy {
  return {sensitivity, specificity, youdenJ: sensitivity + specificity - 1};
}

/** Row indices of `rows` ordered by marker value ascending (ties in row order; −0 and +0 tie, as in every comparison after). */
function orderByMarker(marker: ArrayLike<number>, rows: number[]): Int32Array {
  return Int32Array.from(rows).sort((i, j) => marker[i]! - marker[j]! || i - j);
}

/** The original data's side of the bootstrap: the direction fixed on it, its cut-point and the accuracy there. */
export interface CutpointSetup {
  original: PreparedRoc;
  direction: Direction;
  threshold: number;
  apparent: CutpointAccuracy;
  /** The rows of the cases and of the controls ordered by marker (orderByMarker), read by every resample. */
  caseOrder: Int32Array;
  controlOrder: Int32Array;
  /** The marker's values in that order. */
  caseSorted: Float64Array;
  controlSorted: Float64Array;
  /** The original data's distinct values (rocLevels), and the index among them of each value in caseSorted and controlSorted. */
  levelValues: Float64Array;
  caseLevel: Int32Array;
  controlLevel: Int32Array;
}

export function cutpointSetup(marker: ArrayLike<number>, outcome: ArrayLike<number>, {direction = "auto", rule = youdenCutpoint}: {direction?: Direction | "auto"; rule?: CutpointRule} = {}): CutpointSetup {
  const original = prepareRoc(marker, outcome, {direction});
  const threshold = rule(original);
  const at = confusionFromPrepared(original, threshold);
  const caseRows: number[] = [];
  const controlRows: number[] = [];
  for (let i = 0; i < outcome.length; i++) (outcome[i] === 1 ? caseRows : controlRows).push(i);
  const caseOrder = orderByMarker(marker, caseRows);
  const controlOrder = orderByMarker(marker, controlRows);
  const caseSorted = new Float64Array(caseOrder.length);
  for (let t = 0; t < caseOrder.length; t++) caseSorted[t] = marker[caseOrder[t]!]!;
  const controlSorted = new Float64Array(controlOrder.length);
  for (let t = 0; t < controlOrder.length; t++) controlSorted[t] = marker[controlOrder[t]!]!;
  const {values: levelValues} = rocLevels({direction: original.direction, cases: caseSorted, controls: controlSorted});
  const levelOf = (sorted: Float64Array): Int32Array => {
    const out = new Int32Array(sorted.length);
    for (let t = 0, l = 0; t < sorted.length; t++) {
      while (levelValues[l]! !== sorted[t]!) l++;
      out[t] = l;
    }
    return out;
  };
  return {
    original, direction: original.direction, threshold, apparent: accuracy(at.sensitivity, at.specificity),
    caseOrder, controlOrder, caseSorted, controlSorted, levelValues, caseLevel: levelOf(caseSorted), controlLevel: levelOf(controlSorted)
  };
}

/** A range of resamples' contribution: its usable resamples' values, in order, and how many it skipped. */
export interface CutpointPart {
  replicates: number;
  skipped: number;
  byReplicate: BootstrapCutpoint["byReplicate"];
}

/**
 * Scores resamples one by one, in order (`observe` throws what bootstrapCutpoint throws for a bad sample). The
 * original cases and controls are ordered by marker once (in the setup). For Youden's rule a resample is then its
 * counts at the original data's distinct values (rocLevels: each row adds how often the resample drew it to its
 * value's count), and the cut-point and the resample's own 2×2 table are read off those counts
 * (youdenFromLevels, positivesFromLevels: the same numbers, to the bit, as on the resample's sorted values). For
 * another rule the resample's sorted groups are read off the setup's order, each row repeated as often as the
 * resample drew it (the same arrays as sorting the resample's values, in O(n) rather than O(n log n)).
 */
export function cutpointCollector(marker: ArrayLike<number>, outcome: ArrayLike<number>, setup: CutpointSetup, rule: CutpointRule = youdenCutpoint): {
  observe: (sample: ArrayLike<number>, b: number) => void;
  /** observe with the sample's counts already taken (resampleCounts: the same for every marker of one resample). */
  observeCounts: (counts: ResampleCounts) => void;
  part: () => CutpointPart;
} {
  const n = marker.length;
  if (outcome.length !== n) throw new RangeError(`bootstrapCutpoint: marker has ${n} values but outcome has ${outcome.length}`);
  const {caseOrder, controlOrder, caseSorted, controlSorted} = setup;
  const caseValues = new Float64Array(rule === youdenCutpoint ? 0 : n);
  const controlValues = new Float64Array(rule === youdenCutpoint ? 0 : n);
  const fill = (order: Int32Array, sorted: Float64Array, drawn: Int32Array, into: Float64Array): number => {
    let k = 0;
    for (let t = 0; t < order.length; t++) {
      const v = sorted[t]!;
      for (let c = drawn[order[t]!]!; c > 0; c--) into[k++] = v;
    }
    return k;
  };
  const byReplicate = {threshold: [] as number[], apparentSensitivity: [] as number[], apparentSpecificity: [] as number[], testSensitivity: [] as number[], testSpecificity: [] as number[]};
  let skipped = 0;
  let replicates = 0;
  let own: Int32Array | null = null;
  const counted = rule === youdenCutpoint ? levelCounter(setup) : null;
  const observeCounts = ({drawn, cases}: ResampleCounts) => {
    replicates++;
    if (cases === 0 || cases === n) {
      skipped++;
      return;
    }
    let c: number;
    let self: {sensitivity: number; specificity: number};
    if (counted) {
      const levels = counted(drawn);
      c = youdenFromLevels(levels);
      self = confusionFromCounts(c, setup.direction, positivesFromLevels(levels, c));
    } else {
      const resample: PreparedRoc = {
        direction: setup.direction,
        cases: caseValues.subarray(0, fill(caseOrder, caseSorted, drawn, caseValues)),
        controls: controlValues.subarray(0, fill(controlOrder, controlSorted, drawn, controlValues))
      };
      c = rule(resample);
      self = confusionFromPrepared(resample, c);
    }
    const test = confusionFromPrepared(setup.original, c);
    byReplicate.threshold.push(c);
    byReplicate.apparentSensitivity.push(self.sensitivity);
    byReplicate.apparentSpecificity.push(self.specificity);
    byReplicate.testSensitivity.push(test.sensitivity);
    byReplicate.testSpecificity.push(test.specificity);
  };
  return {
    observe(sample, b) {
      own ??= new Int32Array(n);
      observeCounts(resampleCounts(sample, outcome, b, own));
    },
    observeCounts,
    part: () => ({replicates, skipped, byReplicate})
  };
}

/**
 * The resample's levels from its counts (RocLevels at the original data's distinct values): each group's rows, in
 * marker order, add how often they were drawn to their value's count. The arrays are reused for every resample.
 */
function levelCounter(setup: CutpointSetup): (drawn: Int32Array) => RocLevels {
  const {levelValues: values, caseLevel, controlLevel} = setup;
  const {caseOrder, controlOrder} = setup;
  const levels: RocLevels = {direction: setup.direction, values, caseCounts: new Int32Array(values.length), controlCounts: new Int32Array(values.length)};
  return (drawn) => {
    const {caseCounts, controlCounts} = levels;
    caseCounts.fill(0);
    controlCounts.fill(0);
    for (let t = 0; t < caseOrder.length; t++) caseCounts[caseLevel[t]!]! += drawn[caseOrder[t]!]!;
    for (let t = 0; t < controlOrder.length; t++) controlCounts[controlLevel[t]!]! += drawn[controlOrder[t]!]!;
    return levels;
  };
}

/** How often a resample drew each row, and how many of its rows are cases. */
export interface ResampleCounts {
  drawn: Int32Array;
  cases: number;
}

/** A resample's counts, into `drawn` (length n); throws what bootstrapCutpoint throws for a bad sample. */
export function resampleCounts(sample: ArrayLike<number>, outcome: ArrayLike<number>, b: number, drawn: Int32Array): ResampleCounts {
  const caller = "bootstrapCutpoint";
  const n = outcome.length;
  if (sample.length !== n) throw new RangeError(`${caller}: samples[${b}] has ${sample.length} indices, expected ${n} (one per row)`);
  drawn.fill(0);
  let cases = 0;
  for (let i = 0; i < n; i++) {
    const r = sample[i]!;
    if (!(Number.isInteger(r) && r >= 0 && r < n)) throw new RangeError(`${caller}: samples[${b}][${i}] is ${r}, expected a row index in 0..${n - 1}`);
    drawn[r]!++;
    if (outcome[r] === 1) cases++;
  }
  return {drawn, cases};
}

/** The bootstrap from the parts of consecutive ranges of resamples, in order (see the module comment). */
export function mergeCutpointParts(setup: CutpointSetup, parts: readonly CutpointPart[]): BootstrapCutpoint {
  const byReplicate = {threshold: [] as number[], apparentSensitivity: [] as number[], apparentSpecificity: [] as number[], testSensitivity: [] as number[], testSpecificity: [] as number[]};
  let skipped = 0;
  let replicates = 0;
  for (const part of parts) {
    for (const key of Object.keys(byReplicate) as (keyof typeof byReplicate)[]) for (const v of part.byReplicate[key]) byReplicate[key].push(v);
    skipped += part.skipped;
    replicates += part.replicates;
  }
  const used = byReplicate.threshold.length;
  if (used === 0) throw new RangeError(`bootstrapCutpoint: none of the ${replicates} resamples has both cases and controls`);
  let dSens = 0;
  let dSpec = 0;
  for (let i = 0; i < used; i++) {
    dSens += byReplicate.apparentSensitivity[i]! - byReplicate.testSensitivity[i]!;
    dSpec += byReplicate.apparentSpecificity[i]! - byReplicate.testSpecificity[i]!;
  }
  const {apparent} = setup;
  const optimism = accuracy(dSens / used, dSpec / used);
  optimism.youdenJ = optimism.sensitivity + optimism.specificity; // J's −1 cancels in a difference
  return {
    direction: setup.direction,
    threshold: setup.threshold,
    apparent,
    optimism,
    corrected: accuracy(apparent.sensitivity - optimism.sensitivity, apparent.specificity - optimism.specificity),
    replicates,
    used,
    skipped,
    byReplicate
  };
}

/**
 * The cut-point's apparent and bootstrap-corrected accuracy; see the module comment.
 * @example bootstrapCutpoint([1, 2, 3, 4, 5, 6], [0, 0, 1, 0, 1, 1], {samples: [Int32Array.of(0, 1, 2, 3, 4, 5)]}).apparent
 */
export function bootstrapCutpoint(marker: ArrayLike<number>, outcome: ArrayLike<number>, options: BootstrapCutpointOptions): BootstrapCutpoint {
  const {samples} = options;
  const rule = options.rule ?? youdenCutpoint;
  if (!Array.isArray(samples) || samples.length === 0) throw new RangeError("bootstrapCutpoint: samples is empty; pass at least one resample of row indices");
  const setup = cutpointSetup(marker, outcome, {direction: options.direction ?? "auto", rule});
  const collector = cutpointCollector(marker, outcome, setup, rule);
  samples.forEach((sample, b) => collector.observe(sample, b));
  return mergeCutpointParts(setup, [collector.part()]);
}
