/**
 * The AUC of a score in a population whose true risks are known: the value an ever larger validation sample from
 * that population converges to, computed exactly instead of estimated.
 *
 * The population is N profiles, profile i drawn with probability wᵢ (1/N each unless weights are given); a patient
 * with profile i has the event with probability rᵢ. A random case has profile i with probability wᵢrᵢ / Σ w r, a
 * random non-case profile j with probability wⱼ(1 − rⱼ) / Σ w(1 − r), independently, so
 *
 *   AUC = P(S_case > S_control) + ½ P(S_case = S_control)
 *       = Σᵢ Σⱼ wᵢrᵢ · wⱼ(1 − rⱼ) · ([sᵢ > sⱼ] + ½[sᵢ = sⱼ]) / (Σ w r · Σ w(1 − r)),
 *
 * pairs i = j included (a case and a control may share a profile; their scores tie). This is the Mann–Whitney
 * AUC (Hanley & McNeil 1982) of the population's expected 2 × N table, and the binormal-free "true AUC" of
 * simulation studies of prediction models (e.g. Steyerberg, Clinical Prediction Models, 2nd ed. 2019, ch. 19).
 * One sort of the score, O(N log N).
 *
 * With `score` = the true risk itself, it is the population's true (best possible) AUC.
 *
 * Throws TypeError for lengths that differ or an empty population; RangeError for a risk outside [0, 1], a score
 * that is NaN or a weight that is negative or not finite. Returns NaN when the population has no cases
 * (Σ w r = 0) or no non-cases.
 *
 * @example populationAuc([1, 2], [0.2, 0.8]) // 0.8 = 0.8·0.8 + ½(0.2·0.8 + 0.8·0.2): case and control profiles, ties ½
 */

export function populationAuc(score: ArrayLike<number>, risk: ArrayLike<number>, weights?: ArrayLike<number>): number {
  const n = score.length;
  if (n === 0 || risk.length !== n || (weights !== undefined && weights.length !== n)) {
    throw new TypeError(`populationAuc: score, risk${weights ? " and weights" : ""} must be non-empty and of equal length (got ${n}, ${risk.length}${weights ? `, ${weights.length}` : ""})`);
  }
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(score[i]!)) throw new RangeError(`populationAuc: score[${i}] is NaN`);
    const r = risk[i]!;
    if (!(r >= 0 && r <= 1)) throw new RangeError(`populationAuc: risk[${i}] = ${r} must lie in [0, 1]`);
    if (weights && !(weights[i]! >= 0 && Number.isFinite(weights[i]!))) throw new RangeError(`populationAuc: weights[${i}] = ${weights[i]} must be a non-negative finite number`);
  }
  const order = Uint32Array.from({length: n}, (_, i) => i).sort((a, b) => score[a]! - score[b]! || (score[a]! === score[b]! ? 0 : score[a]! < score[b]! ? -1 : 1));
  let below = 0; // Σ w(1 − r) over the profiles scored strictly lower
  let pairs = 0;
  let cases = 0;
  for (let g = 0; g < n; ) {
    const s = score[order[g]!]!;
    let caseWeight = 0;
    let controlWeight = 0;
    let h = g;
    for (; h < n && score[order[h]!]! === s; h++) {
      const i = order[h]!;
      const w = weights ? weights[i]! : 1;
      caseWeight += w * risk[i]!;
      controlWeight += w * (1 - risk[i]!);
    }
    pairs += caseWeight * (below + controlWeight / 2);
    below += controlWeight;
    cases += caseWeight;
    g = h;
  }
  if (!(cases > 0) || !(below > 0)) return NaN;
  return pairs / (cases * below);
}
