/**
 * Decision curve analysis (Vickers & Elkin, 2006, Med Decis Making 26:565–574).
 * Net benefit at threshold probability pt, treating patients with predicted risk >= pt:
 *   NB_model = TP/n − FP/n · pt/(1 − pt);  NB_all (treat everyone) = π − (1 − π) · pt/(1 − pt), π = events/n;  NB_none = 0.
 * Throws: TypeError if p and y differ in length or are empty; RangeError if a p is outside [0, 1], a y is not 0/1,
 * or a threshold is outside (0, 1).
 * Example: decisionCurve([0.9, 0.2], [1, 0], [0.5]) // [{threshold: 0.5, netBenefitModel: 0.5, netBenefitAll: 0, netBenefitNone: 0, ...}]
 */
export interface DecisionCurvePoint {
  threshold: number;
  netBenefitModel: number;
  netBenefitAll: number;
  netBenefitNone: number;
  truePositives: number;
  falsePositives: number;
}

export function decisionCurve(p: ArrayLike<number>, y: ArrayLike<number>, thresholds: ArrayLike<number>): DecisionCurvePoint[] {
  const n = p.length;
  if (n === 0 || y.length !== n) throw new TypeError(`decisionCurve: p and y must be non-empty and of equal length (got ${n} and ${y.length})`);
  let events = 0;
  for (let i = 0; i < n; i++) {
    if (!(p[i] >= 0 && p[i] <= 1)) throw new RangeError(`decisionCurve: p[${i}] = ${p[i]} is not a probability`);
    if (y[i] !== 0 && y[i] !== 1) throw new RangeError(`decisionCurve: y[${i}] = ${y[i]} is not 0 or 1`);
    events += y[i];
  }
  const prevalence = events / n;
  const T = thresholds.length;
  for (let t = 0; t < T; t++) {
    const pt = thresholds[t];
    if (!(pt > 0 && pt < 1)) throw new RangeError(`decisionCurve: thresholds[${t}] = ${pt} must lie in (0, 1)`);
  }
  // Counts by how many thresholds each patient's risk reaches (p >= pt), one pass over the patients: a patient
  // reaching the s + 1 lowest thresholds is treated at each of them, so the counts at threshold s are the patients
  // reaching more than s. The same integers as counting at every threshold, in O(n log T + T) rather than O(nT).
  const order = Array.from({length: T}, (_, t) => t).sort((a, b) => thresholds[a]! - thresholds[b]!);
  const sorted = Float64Array.from(order, (t) => thresholds[t]!);
  const casesReaching = new Float64Array(T + 1);
  const controlsReaching = new Float64Array(T + 1);
  for (let i = 0; i < n; i++) {
    const pi = p[i]!;
    let lo = 0;
    let hi = T;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pi >= sorted[mid]!) lo = mid + 1;
      else hi = mid;
    }
    if (y[i] === 1) casesReaching[lo]!++;
    else controlsReaching[lo]!++;
  }
  const tpAt = new Float64Array(T);
  const fpAt = new Float64Array(T);
  let treatedCases = 0, treatedControls = 0;
  for (let s = T - 1; s >= 0; s--) {
    treatedCases += casesReaching[s + 1]!;
    treatedControls += controlsReaching[s + 1]!;
    tpAt[order[s]!] = treatedCases;
    fpAt[order[s]!] = treatedControls;
  }
  const out: DecisionCurvePoint[] = [];
  for (let t = 0; t < T; t++) {
    const pt = thresholds[t]!;
    const w = pt / (1 - pt);
    const tp = tpAt[t]!, fp = fpAt[t]!;
    out.push({threshold: pt, netBenefitModel: tp / n - (fp / n) * w, netBenefitAll: prevalence - (1 - prevalence) * w,
      netBenefitNone: 0, truePositives: tp, falsePositives: fp});
  }
  return out;
}
