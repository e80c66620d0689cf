/**
 * Natural frequencies (Gigerenzer & Hoffrage, Psychol Rev 1995; Hoffrage et al., Science 2000): a probability said
 * as a count of people, which most readers judge better than a percentage —
 *
 *   riskFrequency(0.23)  → "Of 100 patients like this one, about 23 would develop ASD."
 *   flaggedFrequency(…)  → "Of 100 patients flagged by the equation, about 61 go on to develop ASD."
 *
 * The count is the risk × the denominator rounded to a whole patient. A risk that rounds to 0 of 100 but is not 0
 * (or to 100 of 100 but is not 1) is said with a larger denominator (1,000, 10,000, …, up to 1,000,000) so that "0"
 * never stands for "rare" — "about 3 of 1,000 (fewer than 1 of 100)". "about" is left out when the count is exact.
 *
 * For the calculator (a patient's predicted risk) and the ROC explorer (PPV and 1 − NPV at the threshold), and the
 * teaching page. Pure, no DOM. Throws RangeError for a risk that is not a number in [0, 1] and for a denominator
 * that is not a whole number ≥ 1.
 *
 * @example riskFrequency(0.154).sentence // "Of 100 patients like this one, about 15 would develop ASD."
 */

export interface NaturalFrequency {
  /** Whole patients out of `of` (for "fewer than 1 of …", 1; for "more than … of …", of − 1). */
  count: number;
  of: number;
  /** "about" (rounded), "" (exact), or the bound of a count that rounds to none or all. */
  qualifier: "about" | "" | "fewer than" | "more than";
  /** "(fewer than 1 of 100)" when a larger denominator was needed, else "". */
  note: string;
  /** "about 15 of 100", "about 3 of 1,000 (fewer than 1 of 100)". */
  phrase: string;
}

export interface FrequencyOptions {
  /** The denominator (default 100). */
  of?: number;
}

const LARGEST = 1_000_000;
const n = (k: number) => k.toLocaleString("en-US");

function check(risk: number, of: number, caller: string): void {
  if (!(typeof risk === "number" && risk >= 0 && risk <= 1)) throw new RangeError(`${caller}: risk must be a probability in [0, 1], got ${risk}`);
  if (!(Number.isInteger(of) && of >= 1)) throw new RangeError(`${caller}: of must be a whole number ≥ 1, got ${of}`);
}

/** The count of `of` for a probability (see the module comment). */
export function naturalFrequency(risk: number, {of = 100}: FrequencyOptions = {}): NaturalFrequency {
  check(risk, of, "naturalFrequency");
  let denominator = of;
  let count = Math.round(risk * denominator);
  let note = "";
  const none = () => count === 0 && risk > 0;
  const all = () => count === denominator && risk < 1;
  if (none() || all()) {
    note = none() ? ` (fewer than 1 of ${n(of)})` : ` (more than ${n(of - 1)} of ${n(of)})`;
    while ((none() || all()) && denominator < LARGEST) {
      denominator *= 10;
      count = Math.round(risk * denominator);
    }
  }
  let qualifier: NaturalFrequency["qualifier"] = Math.abs(count - risk * denominator) > 1e-9 * denominator ? "about" : "";
  if (none()) {
    qualifier = "fewer than";
    count = 1;
    note = "";
  } else if (all()) {
    qualifier = "more than";
    count = denominator - 1;
    note = "";
  }
  return {count, of: denominator, qualifier, note: note.trim(), phrase: `${qualifier ? `${qualifier} ` : ""}${n(count)} of ${n(denominator)}${note}`};
}

function sentence(f: NaturalFrequency, who: string, outcome: string): string {
  return `Of ${n(f.of)} ${who}, ${f.qualifier ? `${f.qualifier} ` : ""}${n(f.count)} ${outcome}${f.note ? ` ${f.note}` : ""}.`;
}

/** "Of 100 patients like this one, about 23 would develop ASD." */
export function riskFrequency(risk: number, {of = 100, who = "patients like this one", outcome = "would develop ASD"}: FrequencyOptions & {who?: string; outcome?: string} = {}): NaturalFrequency & {sentence: string} {
  const f = naturalFrequency(risk, {of});
  return {...f, sentence: sentence(f, who, outcome)};
}

/**
 * PPV and 1 − NPV as natural frequencies at a threshold, from the 2×2 counts: "Of 100 patients flagged …, about N
 * go on to develop ASD" and "Of 100 patients not flagged, about M develop ASD". A side with no patients has no
 * sentence (null).
 */
export function flaggedFrequency(
  {truePositives, falsePositives, falseNegatives, trueNegatives}: {truePositives: number; falsePositives: number; falseNegatives: number; trueNegatives: number},
  {of = 100, flaggedBy = "the equation"}: FrequencyOptions & {flaggedBy?: string} = {}
): {flagged: (NaturalFrequency & {sentence: string}) | null; notFlagged: (NaturalFrequency & {sentence: string}) | null} {
  const flaggedN = truePositives + falsePositives;
  const restN = falseNegatives + trueNegatives;
  const flagged = flaggedN > 0 ? naturalFrequency(truePositives / flaggedN, {of}) : null;
  const rest = restN > 0 ? naturalFrequency(falseNegatives / restN, {of}) : null;
  return {
    flagged: flagged && {...flagged, sentence: sentence(flagged, `patients flagged by ${flaggedBy}`, "go on to develop ASD")},
    notFlagged: rest && {...rest, sentence: sentence(rest, "patients not flagged", "develop ASD")}
  };
}
