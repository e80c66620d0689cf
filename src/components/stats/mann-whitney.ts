/**
 * Mann–Whitney U (Wilcoxon rank-sum) test, two-sided, by the normal approximation with the tie correction and
 * the continuity correction: R's `wilcox.test(a, b, exact = FALSE, correct = TRUE)`.
 *
 * With mid-ranks r over the pooled sample, W = Σ_{i∈a} rᵢ − n₁(n₁ + 1)/2 (the number of pairs with a > b, ties
 * counting one half; Mann & Whitney 1947). Under H₀, E W = n₁n₂/2 and
 * Var W = (n₁n₂/12)·((N + 1) − Σ(tⱼ³ − tⱼ)/(N(N − 1))) with tⱼ the sizes of the tie groups (Lehmann 1975, §1.4).
 * z = (W − n₁n₂/2 − sign(W − n₁n₂/2)·½)/√Var W and p = 2·min(Φ(z), 1 − Φ(z)).
 *
 * Ranks depend only on the order of the values, so any magnitude (1e-320 to 1e308) gives R's answer.
 *
 * Throws RangeError, as R stops, when either group is empty or holds a non-finite value. When every value is
 * tied, Var W = 0 and z is 0/0: R's wilcox.test returns p = NaN (with W = n₁n₂/2), and so does this, with z NaN
 * and a `reason`.
 *
 * @example mannWhitney([1, 2, 3, 4], [3, 5, 6, 7]).statistic // 1.5
 */
import {finiteValues} from "./descriptives.js";
import {normalCdf} from "./distributions.js";
import type {TestResult} from "./t-test.js";

export interface MannWhitneyResult extends TestResult {
  method: "Wilcoxon rank sum test with continuity correction";
  /** W = U of the first group. */
  statistic: number;
  /** The continuity-corrected standard normal deviate. */
  z: number;
  n1: number;
  n2: number;
}

/** Mid-ranks (ties get the mean of the ranks they span, as R's `rank(ties.method = "average")`), 1-based. */
function midRanks(values: ArrayLike<number>): {ranks: Float64Array; tieSizes: number[]} {
  const n = values.length;
  const order = Array.from({length: n}, (_, i) => i).sort((i, j) => values[i] - values[j]);
  const ranks = new Float64Array(n);
  const tieSizes: number[] = [];
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && values[order[end]] === values[order[start]]) end++;
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k]] = rank;
    tieSizes.push(end - start);
    start = end;
  }
  return {ranks, tieSizes};
}

export function mannWhitney(a: ArrayLike<number>, b: ArrayLike<number>): MannWhitneyResult {
  const x = finiteValues(a, "a");
  const y = finiteValues(b, "b");
  const n1 = x.length;
  const n2 = y.length;
  const {ranks, tieSizes} = midRanks([...x, ...y]);
  let rankSum = 0;
  for (let i = 0; i < n1; i++) rankSum += ranks[i];
  const statistic = rankSum - (n1 * (n1 + 1)) / 2;
  const N = n1 + n2;
  let tieTerm = 0;
  for (const t of tieSizes) tieTerm += t * t * t - t;
  const sigma = Math.sqrt(((n1 * n2) / 12) * (N + 1 - tieTerm / (N * (N - 1))));
  const centred = statistic - (n1 * n2) / 2;
  if (!(sigma > 0)) {
    return {
      method: "Wilcoxon rank sum test with continuity correction",
      statistic,
      z: NaN,
      p: NaN,
      n1,
      n2,
      reason: `every value in a and b is tied (${x[0]}), so W has variance 0 under the null hypothesis and z is 0/0 (R's wilcox.test returns p = NaN too)`
    };
  }
  const z = (centred - Math.sign(centred) * 0.5) / sigma;
  const p = Math.min(1, 2 * normalCdf(-Math.abs(z)));
  return {method: "Wilcoxon rank sum test with continuity correction", statistic, z, p, n1, n2};
}
