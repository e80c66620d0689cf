/**
 * Checking an abstract: recompute every published figure that its other published figures determine, and flag
 * the ones that do not follow — with the arithmetic written out, as a peer reviewer would check it by hand.
 *
 * Five kinds of check, each returned as an {@link AbstractCheck}:
 * 1. Continuous P-values from mean, SD and n by Student's pooled t and by Welch's t. Published means and SDs are
 *    rounded, so the true values lie within ± half a unit of the last printed decimal; the check computes the
 *    range of P over that box (exact corners for Student's t, whose P is monotone in |Δ| and in each SD; a 5 × 5
 *    grid of SDs at both extremes of |Δ| for Welch's t, whose df also moves) and asks whether it meets the
 *    rounding interval of the published P ("P=0.003" means [0.0025, 0.0035]; "P<0.001" means below 0.001).
 * 2. Binary P-values from the yes/no counts (exact, no rounding): Pearson chi-square without and with Yates'
 *    correction and Fisher's exact test; consistent when the recomputed P rounds to the printed one.
 * 3. Single-marker AUCs against the binormal AUC that the means and SDs imply if the marker is normal in each
 *    group with unequal variances: AUC = Φ((μ₁ − μ₀)/√(σ₁² + σ₀²)) (e.g. Pepe 2003, §4.4), with the direction
 *    (ASD higher: "<"; ASD lower: ">", AUC = Φ((μ₀ − μ₁)/√(σ₁² + σ₀²))). Non-normal markers can differ, so
 *    this is a plausibility check: flagged when the published AUC lies more than `aucTolerance` (0.05) outside
 *    the binormal range. The arithmetic also gives the rank-sum z that the published AUC implies
 *    (z = (AUC − ½)/√((N + 1)/(12n₁n₀)), Mann–Whitney without ties) beside the published P of that variable.
 * 4. Multivariable ORs against their P-values, read as Wald tests: |z| = Φ⁻¹(1 − P/2), SE(log OR) = |log OR|/|z|,
 *    95% CI = exp(log OR ± 1.96·SE). Any SE is possible in principle, but not a small one: with an intercept,
 *    Var(β̂ⱼ) ≥ 1/Σwᵢ(xᵢⱼ − x̄_w)² and wᵢ = pᵢ(1 − pᵢ) ≤ ¼, so SE(β̂ⱼ) ≥ 2/(σ_x√(N − 1)) with σ_x the
 *    marker's overall SD (from the group means and SDs). An implied SE below that bound cannot come from a
 *    logistic fit on these data and is flagged.
 * 5. Arithmetic: group sizes add to the total, the printed percentage of ASD, yes + no = group n.
 *
 * Throws TypeError when `published` lacks `groups`, `continuous`, `binary`, `multivariable` or `auc`; RangeError
 * (from the tests it calls) for impossible figures such as a negative SD or count.
 *
 * @example checkAbstract(published).filter((c) => !c.consistent).map((c) => c.id) // ["auc.age", ...]
 */
import {chiSquare} from "./chi-square.js";
import {normalCdf, normalQuantile} from "./distributions.js";
import {fisherExact} from "./fisher-exact.js";
import {studentTFromSummary, welchTFromSummary, type TwoGroupSummary} from "./t-test.js";

/** A published p-value: "P=0.003" is {value: 0.003, relation: "="}; "P<0.001" is {value: 0.001, relation: "<"}. */
export interface PublishedP {
  value: number;
  relation: "=" | "<";
  /** Printed decimals, when trailing zeros matter ("P=0.010" → 3); default: inferred from `value`. */
  decimals?: number;
}

export interface PublishedContinuous {
  /** Key shared with multivariable[].name and auc[].marker, e.g. "age". */
  name: string;
  label: string;
  unit: string;
  column?: string;
  asd: {mean: number; sd: number};
  nonAsd: {mean: number; sd: number};
  /** Printed decimals of the means and SDs ("73.0±6.6" → 1); default: the most decimals among the four. */
  decimals?: number;
  p?: PublishedP;
}

export interface PublishedBinary {
  name: string;
  label: string;
  column?: string;
  asd: {yes: number; no: number};
  nonAsd: {yes: number; no: number};
  p?: PublishedP;
}

export interface PublishedMultivariable {
  name: string;
  label?: string;
  or: number;
  orDecimals?: number;
  p: PublishedP;
}

export interface PublishedAuc {
  /** A continuous[].name, or "model". */
  marker: string;
  label?: string;
  value: number;
  decimals?: number;
}

/** The parsed content of src/data/published.json (the abstract's figures as printed, with the decimals each was printed to). */
export interface PublishedSummary {
  source?: string;
  groups: {
    asd: {n: number; pct?: number; pctDecimals?: number; label?: string};
    nonAsd: {n: number; label?: string};
    total?: number;
  };
  continuous: PublishedContinuous[];
  binary: PublishedBinary[];
  multivariable: PublishedMultivariable[];
  auc: PublishedAuc[];
}

export type CheckSection = "cohort" | "continuous" | "binary" | "auc" | "multivariable";

export interface AbstractCheck {
  /** Unique key, e.g. "continuous.age.p.student". */
  id: string;
  /** The published figure checked; several methods may check one figure (e.g. "continuous.age.p"). */
  figureId: string;
  section: CheckSection;
  /** What is checked, in words: "Age: P, ASD vs non-ASD". */
  figure: string;
  /** How it was recomputed: "Student's t (pooled SD) from mean, SD and n". */
  method: string;
  /** The figure as printed ("P=0.003", "0.804", "15.4%"), or "not given". */
  published: string;
  /** The printed number (null when the abstract prints none). */
  publishedValue: number | null;
  /** The recomputed value at the printed figures. */
  recomputed: number;
  /** Range of the recomputed value over the rounding intervals of the inputs, when they are rounded. */
  range?: [number, number];
  consistent: boolean;
  /** For P-value checks: whether the recomputed P is below 0.05 (does the claimed significance survive this test?). */
  significantAt05?: boolean;
  /** The arithmetic, in words and numbers, for a peer reviewer. */
  arithmetic: string;
}

export interface CheckAbstractOptions {
  /** Margin around the binormal AUC range within which a published AUC counts as plausible; default 0.05. */
  aucTolerance?: number;
}

/** Decimals of a number as written in shortest form (0.003 → 3, 73 → 0, 1e-7 → 7). */
export function inferDecimals(value: number): number {
  if (!Number.isFinite(value)) return 0;
  const text = String(Math.abs(value));
  const [mantissa, exponent] = text.split("e");
  const fraction = mantissa.split(".")[1] ?? "";
  return Math.max(0, fraction.length - (exponent ? Number(exponent) : 0));
}

/** Half a unit in the last printed decimal. */
function halfUnit(decimals: number): number {
  return 0.5 * 10 ** -decimals;
}

/** Significant-figure formatting for the arithmetic text: true minus, exponent for tiny values. */
function num(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return x > 0 ? "∞" : x < 0 ? "−∞" : "NaN";
  if (x === 0) return "0";
  const abs = Math.abs(x);
  const text = abs < 1e-4
    ? abs.toExponential(digits - 1).replace(/e-(\d+)$/, " × 10^−$1")
    : abs >= 10 ** digits ? String(Math.round(abs)) : abs.toPrecision(digits);
  return x < 0 ? `−${text}` : text;
}

/** " years", but "%" and "°" without a space. */
function unitSuffix(unit: string | undefined): string {
  if (!unit) return "";
  return unit === "%" || unit === "°" ? unit : ` ${unit}`;
}

/** A figure printed with its own decimals: 73 with 1 decimal → "73.0". */
function printed(x: number, decimals: number): string {
  const text = Math.abs(x).toFixed(decimals);
  return x < 0 ? `−${text}` : text;
}

function pText(p: PublishedP): string {
  return `P${p.relation}${p.value.toFixed(p.decimals ?? inferDecimals(p.value))}`;
}

/** Whether a recomputed range [lo, hi] of P can print as the published P. */
function pConsistent(range: [number, number], p: PublishedP): boolean {
  if (p.relation === "<") return range[0] < p.value;
  const h = halfUnit(p.decimals ?? inferDecimals(p.value));
  const slack = 1e-12;
  return range[0] <= p.value + h + slack && range[1] >= p.value - h - slack;
}

function pInterval(p: PublishedP): string {
  if (p.relation === "<") return `[0, ${p.value.toFixed(p.decimals ?? inferDecimals(p.value))})`;
  const d = p.decimals ?? inferDecimals(p.value);
  const h = halfUnit(d);
  return `[${(p.value - h).toFixed(d + 1)}, ${(p.value + h).toFixed(d + 1)})`;
}

function requireArray(value: unknown, name: string): void {
  if (!Array.isArray(value)) throw new TypeError(`published.${name} must be an array`);
}

function continuousDecimals(v: PublishedContinuous): number {
  return v.decimals ?? Math.max(...[v.asd.mean, v.asd.sd, v.nonAsd.mean, v.nonAsd.sd].map(inferDecimals));
}

/**
 * The overall SD of a marker in the whole cohort from the group sizes, means and SDs:
 * σ² = ((n₁ − 1)s₁² + (n₀ − 1)s₀² + (n₁n₀/N)Δ²)/(N − 1). With `h` > 0, the largest σ that the rounding allows
 * (SDs + h, |Δ| + 2h).
 */
function pooledTotalSd(v: PublishedContinuous, n1: number, n0: number, h = 0): number {
  const N = n1 + n0;
  const absDiff = Math.abs(v.asd.mean - v.nonAsd.mean) + 2 * h;
  const ss = (n1 - 1) * (v.asd.sd + h) ** 2 + (n0 - 1) * (v.nonAsd.sd + h) ** 2 + ((n1 * n0) / N) * absDiff ** 2;
  return Math.sqrt(ss / (N - 1));
}

function continuousPChecks(v: PublishedContinuous, n1: number, n0: number): AbstractCheck[] {
  const d = continuousDecimals(v);
  const h = halfUnit(d);
  const u = unitSuffix(v.unit);
  const summary: TwoGroupSummary = {mean1: v.asd.mean, sd1: v.asd.sd, n1, mean2: v.nonAsd.mean, sd2: v.nonAsd.sd, n2: n0};
  const diff = v.asd.mean - v.nonAsd.mean;
  // |Δ| ranges over |Δ| ± 2h (both means rounded); the SDs over sd ± h (kept positive).
  const absDiffs = [Math.max(0, Math.abs(diff) - 2 * h), Math.abs(diff) + 2 * h];
  const sdGrid = (sd: number): number[] => {
    const lo = Math.max(sd - h, 1e-12);
    const hi = sd + h;
    return [0, 0.25, 0.5, 0.75, 1].map((f) => lo + f * (hi - lo));
  };
  const printedFigures = `ASD ${printed(v.asd.mean, d)} ± ${printed(v.asd.sd, d)}${u} (n = ${n1}) vs non-ASD `
    + `${printed(v.nonAsd.mean, d)} ± ${printed(v.nonAsd.sd, d)}${u} (n = ${n0})`;
  const roundingNote = `Means and SDs printed to ${d} decimal${d === 1 ? "" : "s"}, so each may be off by ±${h.toFixed(d + 1)}`;
  const figureId = `continuous.${v.name}.p`;
  const published = v.p ? pText(v.p) : "not given";
  const checks: AbstractCheck[] = [];

  for (const pooled of [true, false]) {
    const test = pooled ? studentTFromSummary : welchTFromSummary;
    const r = test(summary);
    let lo = Infinity;
    let hi = -Infinity;
    const sds1 = pooled ? [Math.max(v.asd.sd - h, 1e-12), v.asd.sd + h] : sdGrid(v.asd.sd);
    const sds0 = pooled ? [Math.max(v.nonAsd.sd - h, 1e-12), v.nonAsd.sd + h] : sdGrid(v.nonAsd.sd);
    for (const absDiff of absDiffs) {
      for (const sd1 of sds1) {
        for (const sd2 of sds0) {
          const p = absDiff === 0 ? 1 : test({mean1: absDiff, sd1, n1, mean2: 0, sd2, n2: n0}).p;
          lo = Math.min(lo, p);
          hi = Math.max(hi, p);
        }
      }
    }
    const range: [number, number] = [lo, hi];
    let arithmetic: string;
    if (pooled) {
      const sp2 = ((n1 - 1) * v.asd.sd ** 2 + (n0 - 1) * v.nonAsd.sd ** 2) / (n1 + n0 - 2);
      arithmetic = `${printedFigures}. Pooled variance s² = (${n1 - 1} × ${printed(v.asd.sd, d)}² + ${n0 - 1} × `
        + `${printed(v.nonAsd.sd, d)}²)/${n1 + n0 - 2} = ${num(sp2)}; SE = √(${num(sp2)} × (1/${n1} + 1/${n0})) = ${num(r.se)}; `
        + `t = ${printed(diff, d)}/${num(r.se)} = ${num(r.statistic)} on ${r.df} df; P = ${num(r.p, 3)}. `;
    } else {
      arithmetic = `${printedFigures}. SE = √(${printed(v.asd.sd, d)}²/${n1} + ${printed(v.nonAsd.sd, d)}²/${n0}) = ${num(r.se)}; `
        + `t = ${printed(diff, d)}/${num(r.se)} = ${num(r.statistic)} on ${num(r.df)} Welch–Satterthwaite df; P = ${num(r.p, 3)}. `;
    }
    arithmetic += `${roundingNote}: P then ranges from ${num(lo, 3)} to ${num(hi, 3)}. `;
    let consistent: boolean;
    if (v.p) {
      consistent = pConsistent(range, v.p);
      arithmetic += `Published ${published} means P in ${pInterval(v.p)}: ${consistent ? "consistent" : "NOT consistent"}.`;
    } else {
      consistent = true;
      arithmetic += "The abstract gives no P for this comparison; nothing to contradict.";
    }
    checks.push({
      id: `${figureId}.${pooled ? "student" : "welch"}`,
      figureId,
      section: "continuous",
      figure: `${v.label}: P, ASD vs non-ASD`,
      method: pooled ? "Student's t (pooled SD) from mean, SD and n" : "Welch's t (unequal variances) from mean, SD and n",
      published,
      publishedValue: v.p ? v.p.value : null,
      recomputed: r.p,
      range,
      consistent,
      significantAt05: r.p < 0.05,
      arithmetic
    });
  }
  return checks;
}

function binaryChecks(v: PublishedBinary, n1: number, n0: number): AbstractCheck[] {
  const checks: AbstractCheck[] = [];
  const figureId = `binary.${v.name}.p`;
  const table = [[v.asd.yes, v.asd.no], [v.nonAsd.yes, v.nonAsd.no]];
  // Arithmetic of the counts: yes + no must be the group size.
  for (const [group, counts, n] of [["ASD", v.asd, n1], ["non-ASD", v.nonAsd, n0]] as const) {
    const sum = counts.yes + counts.no;
    checks.push({
      id: `binary.${v.name}.${group === "ASD" ? "asd" : "nonAsd"}.total`,
      figureId: `binary.${v.name}.${group === "ASD" ? "asd" : "nonAsd"}.total`,
      section: "binary",
      figure: `${v.label}: yes + no in the ${group} group`,
      method: "Sum of the printed counts",
      published: `${counts.yes}/${counts.no}`,
      publishedValue: n,
      recomputed: sum,
      consistent: sum === n,
      arithmetic: `${counts.yes} + ${counts.no} = ${sum}; the ${group} group has n = ${n}: ${sum === n ? "consistent" : "NOT consistent"}.`
    });
  }
  const pct = (yes: number, no: number): string => `${((100 * yes) / (yes + no)).toFixed(1)}%`;
  const base = `ASD ${v.asd.yes}/${v.asd.yes + v.asd.no} (${pct(v.asd.yes, v.asd.no)}) vs non-ASD `
    + `${v.nonAsd.yes}/${v.nonAsd.yes + v.nonAsd.no} (${pct(v.nonAsd.yes, v.nonAsd.no)}).`;
  const published = v.p ? pText(v.p) : "not given";
  const plain = chiSquare(table, {correct: false});
  const yates = chiSquare(table, {correct: true});
  const fisher = fisherExact(table);
  const expected = plain.expected.map((row) => row.map((e) => num(e, 3)).join(", ")).join("; ");
  const methods = [
    {key: "chisq", label: "Pearson chi-square, no continuity correction", p: plain.p,
      text: `${base} Expected counts ${expected}; X² = Σ(O − E)²/E = ${num(plain.statistic)} on 1 df; P = ${num(plain.p, 3)}.`
        + (plain.warning ? " An expected count is below 5: the chi-square approximation is doubtful here." : "")},
    {key: "yates", label: "Pearson chi-square with Yates' continuity correction", p: yates.p,
      text: `${base} X² = Σ(|O − E| − ½)²/E = ${num(yates.statistic)} on 1 df; P = ${num(yates.p, 3)}.`},
    {key: "fisher", label: "Fisher's exact test (two-sided)", p: fisher.p,
      text: `${base} Hypergeometric probability of all tables with these margins no more likely than the observed one: `
        + `P = ${num(fisher.p, 3)} (conditional MLE odds ratio ${num(fisher.estimate)}).`}
  ];
  for (const m of methods) {
    const consistent = v.p ? pConsistent([m.p, m.p], v.p) : true;
    const verdict = v.p
      ? ` Published ${published} means P in ${pInterval(v.p)}: ${consistent ? "consistent" : "NOT consistent"}.`
      : " The abstract gives no P for this comparison; nothing to contradict.";
    checks.push({
      id: `${figureId}.${m.key}`,
      figureId,
      section: "binary",
      figure: `${v.label}: P, ASD vs non-ASD`,
      method: `${m.label}, from the counts`,
      published,
      publishedValue: v.p ? v.p.value : null,
      recomputed: m.p,
      consistent,
      significantAt05: m.p < 0.05,
      arithmetic: m.text + verdict
    });
  }
  return checks;
}

function aucCheck(a: PublishedAuc, v: PublishedContinuous, n1: number, n0: number, tolerance: number): AbstractCheck {
  const d = continuousDecimals(v);
  const h = halfUnit(d);
  const diff = v.asd.mean - v.nonAsd.mean;
  const direction = diff >= 0 ? "<" : ">";
  const binormal = (absDiff: number, sd1: number, sd0: number): number => normalCdf(absDiff / Math.sqrt(sd1 * sd1 + sd0 * sd0));
  const recomputed = binormal(Math.abs(diff), v.asd.sd, v.nonAsd.sd);
  // Φ(|Δ|/√(σ₁² + σ₀²)) rises with |Δ| and falls with each SD: the corners of the rounding box give its range.
  const range: [number, number] = [
    binormal(Math.max(0, Math.abs(diff) - 2 * h), v.asd.sd + h, v.nonAsd.sd + h),
    binormal(Math.abs(diff) + 2 * h, Math.max(v.asd.sd - h, 1e-12), Math.max(v.nonAsd.sd - h, 1e-12))
  ];
  const aucDecimals = a.decimals ?? inferDecimals(a.value);
  const consistent = a.value >= range[0] - tolerance && a.value <= range[1] + tolerance;
  const denom = Math.sqrt(v.asd.sd ** 2 + v.nonAsd.sd ** 2);
  const N = n1 + n0;
  const zRankSum = (a.value - 0.5) / Math.sqrt((N + 1) / (12 * n1 * n0));
  const pRankSum = 2 * normalCdf(-Math.abs(zRankSum));
  const u = unitSuffix(v.unit);
  const arithmetic = `Were the marker normal in each group (${v.label}: ASD ${printed(v.asd.mean, d)} ± ${printed(v.asd.sd, d)}${u}, `
    + `non-ASD ${printed(v.nonAsd.mean, d)} ± ${printed(v.nonAsd.sd, d)}${u}; the ASD group ${direction === "<" ? "higher" : "lower"}, `
    + `direction "${direction}"), AUC = Φ(|${printed(diff, d)}|/√(${printed(v.asd.sd, d)}² + ${printed(v.nonAsd.sd, d)}²)) = `
    + `Φ(${num(Math.abs(diff) / denom)}) = ${num(recomputed, 3)}; over the rounding of the means and SDs, ${num(range[0], 3)} to `
    + `${num(range[1], 3)}. Published AUC ${a.value.toFixed(aucDecimals)} is ${num(a.value - recomputed, 2)} from the binormal value: `
    + `${consistent ? "plausible" : "NOT plausible"} within ±${tolerance} (a normal-model check; skewed data can move the AUC). `
    + (a.value > 0.5 && a.value < 1
      ? `With these SDs, an AUC of ${a.value.toFixed(aucDecimals)} needs a difference in means of Φ⁻¹(${a.value.toFixed(aucDecimals)}) × ${num(denom)} = `
        + `${num(normalQuantile(a.value) * denom)}${u} (published ${printed(Math.abs(diff), d)}${u}). `
      : "")
    + `An AUC of ${a.value.toFixed(aucDecimals)} with ${n1} vs ${n0} patients is a Mann–Whitney z = (${a.value.toFixed(aucDecimals)} − 0.5)/`
    + `√(${N + 1}/(12 × ${n1} × ${n0})) = ${num(zRankSum)}, P ≈ ${num(pRankSum, 2)}`
    + (v.p ? `, beside the published ${pText(v.p)} for the same comparison.` : ".");
  return {
    id: `auc.${a.marker}`,
    figureId: `auc.${a.marker}`,
    section: "auc",
    figure: `${a.label ?? v.label}: AUC`,
    method: "Binormal AUC (unequal variances) from mean and SD",
    published: a.value.toFixed(aucDecimals),
    publishedValue: a.value,
    recomputed,
    range,
    consistent,
    arithmetic
  };
}

function multivariableCheck(m: PublishedMultivariable, v: PublishedContinuous | undefined, n1: number, n0: number): AbstractCheck {
  const orDecimals = m.orDecimals ?? inferDecimals(m.or);
  const pDecimals = m.p.decimals ?? inferDecimals(m.p.value);
  if (!(m.or > 0)) throw new RangeError(`published.multivariable ${m.name}: or must be positive, got ${m.or}`);
  if (!(m.p.value > 0 && m.p.value < 1)) throw new RangeError(`published.multivariable ${m.name}: p.value must be in (0, 1), got ${m.p.value}`);
  const logOr = Math.log(m.or);
  const z95 = normalQuantile(0.975);
  const zAt = (p: number): number => normalQuantile(1 - p / 2);
  const hP = halfUnit(pDecimals);
  const hOr = halfUnit(orDecimals);
  const z = zAt(m.p.value);
  const se = Math.abs(logOr) / z;
  // SE range over the rounding of the OR and of P (for "<": any P below the bound, so SE from 0 up).
  const orLo = Math.max(m.or - hOr, 1e-300);
  const orHi = m.or + hOr;
  const absLogs = [Math.abs(Math.log(orLo)), Math.abs(Math.log(orHi))];
  const minAbsLog = orLo <= 1 && orHi >= 1 ? 0 : Math.min(...absLogs);
  const maxAbsLog = Math.max(...absLogs);
  const seRange: [number, number] = m.p.relation === "<"
    ? [0, maxAbsLog / zAt(m.p.value)]
    : [minAbsLog / zAt(Math.max(m.p.value - hP, 1e-300)), maxAbsLog / zAt(Math.min(m.p.value + hP, 1))];
  const N = n1 + n0;
  let arithmetic = `Read as a Wald test, ${pText(m.p)} means |z| ${m.p.relation === "<" ? ">" : "="} Φ⁻¹(1 − ${m.p.value.toFixed(pDecimals)}/2) = ${num(z)}, `
    + `so SE(log OR) ${m.p.relation === "<" ? "<" : "="} |ln ${m.or.toFixed(orDecimals)}|/${num(z)} = ${num(Math.abs(logOr))}/${num(z)} = ${num(se)}`
    + (m.p.relation === "=" ? ` (${num(seRange[0])} to ${num(seRange[1])} over the rounding of the OR and P)` : "")
    + `, and the 95% CI is ${m.p.relation === "<" ? "narrower than " : ""}exp(${num(logOr)} ± 1.96 × ${num(se)}) = `
    + `${num(Math.exp(logOr - z95 * se))} to ${num(Math.exp(logOr + z95 * se))}. `;
  let consistent = true;
  let recomputed = se;
  if (v) {
    const h = halfUnit(continuousDecimals(v));
    const sdx = pooledTotalSd(v, n1, n0, h);
    const seFloor = 2 / (sdx * Math.sqrt(N - 1));
    consistent = seRange[1] >= seFloor;
    arithmetic += `No logistic fit on ${N} patients can give an SE below 2/(σ_x√(N − 1)) = 2/(${num(sdx)} × √${N - 1}) = ${num(seFloor)} `
      + `(σ_x = ${num(sdx)}${unitSuffix(v.unit)}, the largest overall SD the rounded group means and SDs allow; weights p(1 − p) ≤ ¼): `
      + `${consistent ? "consistent" : "NOT consistent — the OR and P cannot both be right"}. `;
    // Context, not a test: the univariable log OR per unit if the marker were normal with a common SD in both groups.
    const sp2 = ((n1 - 1) * v.asd.sd ** 2 + (n0 - 1) * v.nonAsd.sd ** 2) / (N - 2);
    const diff = v.asd.mean - v.nonAsd.mean;
    arithmetic += `For comparison, were ${v.label} normal with a common SD in both groups, its univariable OR per unit would be `
      + `exp(Δ/s²) = exp(${printed(diff, continuousDecimals(v))}/${num(sp2)}) = ${num(Math.exp(diff / sp2))}; adjustment for the other factors can move it.`;
  } else {
    arithmetic += "No group means and SDs are published for this variable, so only the implied SE and CI can be shown.";
  }
  if (!Number.isFinite(recomputed)) recomputed = NaN;
  return {
    id: `multivariable.${m.name}`,
    figureId: `multivariable.${m.name}`,
    section: "multivariable",
    figure: `${m.label ?? v?.label ?? m.name}: OR ${m.or.toFixed(orDecimals)}, ${pText(m.p)}`,
    method: "Wald test: SE(log OR) implied by the OR and P, against the least SE the data allow",
    published: `OR=${m.or.toFixed(orDecimals)}, ${pText(m.p)}`,
    publishedValue: m.or,
    recomputed,
    range: seRange,
    consistent,
    arithmetic
  };
}

function cohortChecks(published: PublishedSummary): AbstractCheck[] {
  const {asd, nonAsd, total} = published.groups;
  const checks: AbstractCheck[] = [];
  const sum = asd.n + nonAsd.n;
  if (total != null) {
    checks.push({
      id: "cohort.total",
      figureId: "cohort.total",
      section: "cohort",
      figure: "Patients: ASD + non-ASD",
      method: "Sum of the group sizes",
      published: String(total),
      publishedValue: total,
      recomputed: sum,
      consistent: sum === total,
      arithmetic: `${asd.n} + ${nonAsd.n} = ${sum}; published total ${total}: ${sum === total ? "consistent" : "NOT consistent"}.`
    });
  }
  if (asd.pct != null) {
    const decimals = asd.pctDecimals ?? inferDecimals(asd.pct);
    const pct = (100 * asd.n) / sum;
    const consistent = Math.abs(pct - asd.pct) <= halfUnit(decimals) + 1e-12;
    checks.push({
      id: "cohort.asdPct",
      figureId: "cohort.asdPct",
      section: "cohort",
      figure: "Share of patients with ASD",
      method: "Count over total",
      published: `${asd.pct.toFixed(decimals)}%`,
      publishedValue: asd.pct,
      recomputed: pct,
      consistent,
      arithmetic: `${asd.n}/${sum} = ${num(pct / 100, 6)} = ${pct.toFixed(decimals + 2)}%, printed to ${decimals} decimal${decimals === 1 ? "" : "s"} `
        + `as ${pct.toFixed(decimals)}%; published ${asd.pct.toFixed(decimals)}%: ${consistent ? "consistent" : "NOT consistent"}.`
    });
  }
  return checks;
}

/** Every check of the abstract's figures, in the order cohort, continuous, binary, AUC, multivariable. */
export function checkAbstract(published: PublishedSummary, {aucTolerance = 0.05}: CheckAbstractOptions = {}): AbstractCheck[] {
  if (published == null || typeof published !== "object") throw new TypeError("published must be the parsed published.json object");
  if (published.groups == null || published.groups.asd == null || published.groups.nonAsd == null) {
    throw new TypeError("published.groups must have asd.n and nonAsd.n");
  }
  for (const key of ["continuous", "binary", "multivariable", "auc"] as const) requireArray(published[key], key);
  const n1 = published.groups.asd.n;
  const n0 = published.groups.nonAsd.n;
  for (const [name, n] of [["groups.asd.n", n1], ["groups.nonAsd.n", n0]] as const) {
    if (!Number.isInteger(n) || n < 2) throw new RangeError(`published.${name} must be an integer ≥ 2, got ${n}`);
  }
  const byName = new Map(published.continuous.map((v) => [v.name, v]));
  const checks: AbstractCheck[] = [...cohortChecks(published)];
  for (const v of published.continuous) checks.push(...continuousPChecks(v, n1, n0));
  for (const v of published.binary) checks.push(...binaryChecks(v, n1, n0));
  for (const a of published.auc) {
    const v = byName.get(a.marker);
    if (v) checks.push(aucCheck(a, v, n1, n0, aucTolerance));
  }
  for (const m of published.multivariable) checks.push(multivariableCheck(m, byName.get(m.name), n1, n0));
  return checks;
}

export interface FigureVerdict {
  figureId: string;
  figure: string;
  published: string;
  /** True when at least one method reproduces the figure. */
  consistent: boolean;
  /** Methods that reproduce it. */
  reproducedBy: string[];
  /** Methods that do not. */
  notReproducedBy: string[];
}

/**
 * One verdict per published figure: a P-value that one standard test reproduces is consistent (the abstract does not
 * say which test it used), and the methods that do and do not reproduce it are listed.
 */
export function summarizeChecks(checks: AbstractCheck[]): FigureVerdict[] {
  const verdicts = new Map<string, FigureVerdict>();
  for (const c of checks) {
    let v = verdicts.get(c.figureId);
    if (!v) {
      v = {figureId: c.figureId, figure: c.figure, published: c.published, consistent: false, reproducedBy: [], notReproducedBy: []};
      verdicts.set(c.figureId, v);
    }
    if (c.consistent) {
      v.consistent = true;
      v.reproducedBy.push(c.method);
    } else {
      v.notReproducedBy.push(c.method);
    }
  }
  return [...verdicts.values()];
}
