/**
 * Exercises for a class: each a question about what redrawn studies will show, the settings that answer it (study
 * size, procedures, number of studies; the seed is the page's), the reader's guess (its unit and range), and the
 * answer and its explanation computed from the simulation — no answer is written anywhere; every number in an
 * explanation is an expression over the summaries. A teacher shares one as a link (?ex=<id>&seed=<seed>).
 *
 * Pure, no DOM. @example exerciseAnswer(EXERCISES[0], summaries, pop).value // a percentage of studies
 */
import type {Population} from "./population.js";
import type {ProcedureSummary, FactorSummary} from "./simulate.js";
import type {TeachingProcedureKey} from "./procedures.js";
import {termLabel} from "../study/study.js";
import {formatMc, formatMcPercent, formatMcShare, formatValue} from "./monte-carlo.js";

export interface Guess {
  unit: "percent" | "auc" | "odds ratio" | "slope";
  min: number;
  max: number;
  step: number;
  /** The box's starting value (not a hint: the middle of the range or the null value). */
  start: number;
  label: string;
}

export interface Exercise {
  id: string;
  title: string;
  /** The question, for the population and the exercise's study size. */
  question(pop: Population, n: number): string;
  n: number;
  procedures: TeachingProcedureKey[];
  studies: number;
  guess: Guess;
}

export type Summaries = Partial<Record<TeachingProcedureKey, ProcedureSummary>>;

export interface ExerciseAnswer {
  /** In the guess's unit (a percentage for "percent"). */
  value: number;
  /** The value as the page writes it, to its Monte-Carlo digits. */
  text: string;
  /** Its Monte-Carlo standard error, in the same unit. */
  se: number;
  explanation: string;
}

/** A factor's name inside a sentence: "cement volume", but "BMD" as it is. */
const name = (variable: string) => termLabel(variable).replace(/ \(.*\)$/, "").replace(/^([A-Z])(?![A-Z])/, (c) => c.toLowerCase());
const list = (names: string[]) => (names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`);
const nullNames = (pop: Population) => list(pop.effects.filter((e) => e.beta === 0).map((e) => name(e.variable)));
const trueNames = (pop: Population) => list(pop.trueFactors.map(name));
const events = (pop: Population, n: number) => formatValue(n * pop.prevalence, 0);

function share(count: number, total: number): {value: number; se: number; text: string} {
  const p = total > 0 ? count / total : NaN;
  return {value: 100 * p, se: 100 * Math.sqrt((p * (1 - p)) / total), text: formatMcShare(count, total)};
}

function need(s: Summaries, key: TeachingProcedureKey): ProcedureSummary {
  const summary = s[key];
  if (!summary) throw new RangeError(`exerciseAnswer: the simulation has no ${key} procedure`);
  return summary;
}

function factor(summary: ProcedureSummary, variable: string): FactorSummary {
  return summary.factors.find((f) => f.variable === variable)!;
}

export const EXERCISES: readonly Exercise[] = [
  {
    id: "four", title: "Four for four?", n: 162, procedures: ["paper"], studies: 500,
    question: (pop, n) => `The study reported ${pop.trueFactors.length} independent risk factors. In this population they are the true ones (${trueNames(pop)}), and the other ${pop.candidates.length - pop.trueFactors.length} have no effect. In what share of studies of ${n.toLocaleString("en-US")} patients does the paper's procedure report exactly the ${pop.trueFactors.length} true factors — none missed, none added?`,
    guess: {unit: "percent", min: 0, max: 100, step: 1, start: 50, label: "Your guess (% of studies)"}
  },
  {
    id: "noise", title: "False alarms", n: 162, procedures: ["paper"], studies: 500,
    question: (pop, n) => `${nullNames(pop).replace(/^./, (c) => c.toUpperCase())} have no effect at all in this population. In what share of studies of ${n.toLocaleString("en-US")} patients does the paper's procedure report at least one of them as a risk factor?`,
    guess: {unit: "percent", min: 0, max: 100, step: 1, start: 50, label: "Your guess (% of studies)"}
  },
  {
    id: "auc", title: "The AUC in new patients", n: 162, procedures: ["paper"], studies: 500,
    question: (pop, n) => `Each study's equation is judged by its AUC in its own patients, as the abstract's was. The best any equation can do in this population is the true model's AUC, ${formatValue(pop.trueAuc, 3)}. What AUC does the paper's equation have in new patients — the median over studies of ${n.toLocaleString("en-US")}?`,
    guess: {unit: "auc", min: 0.5, max: 1, step: 0.005, start: 0.75, label: "Your guess (AUC)"}
  },
  {
    id: "winner", title: "The winner's curse", n: 162, procedures: ["paper"], studies: 500,
    question: (pop, n) => `Cement volume's true OR is ${formatValue(pop.effects.find((e) => e.variable === "cement_ml")!.oddsRatio, 3)} per ml. Among the studies of ${n.toLocaleString("en-US")} that report cement volume as a risk factor, what is the median OR they publish for it?`,
    guess: {unit: "odds ratio", min: 0.5, max: 20, step: 0.05, start: 1, label: "Your guess (OR per ml)"}
  },
  {
    id: "slope", title: "Too extreme", n: 162, procedures: ["full", "shrunk"], studies: 500,
    question: (pop, n) => `A calibration slope of 1 in new patients means the equation's risks are as spread out as the truth; below 1, they are too extreme (too close to 0 and 1). What is the median calibration slope in new patients of the pre-specified ${pop.candidates.length}-variable model fitted to ${n.toLocaleString("en-US")} patients?`,
    guess: {unit: "slope", min: 0, max: 1.5, step: 0.01, start: 1, label: "Your guess (slope)"}
  },
  {
    id: "bigger", title: "Ten times the patients", n: 1620, procedures: ["paper"], studies: 300,
    question: (pop, n) => `Suppose the study had enrolled ${n.toLocaleString("en-US")} patients (about ${events(pop, n)} with ASD) and run the same procedure. In what share of such studies would it report exactly the ${pop.trueFactors.length} true factors?`,
    guess: {unit: "percent", min: 0, max: 100, step: 1, start: 50, label: "Your guess (% of studies)"}
  }
];

/** The exercise with this id. Throws RangeError naming the id for an unknown one. */
export function exerciseById(id: string): Exercise {
  const e = EXERCISES.find((x) => x.id === id);
  if (!e) throw new RangeError(`exercise must be one of ${EXERCISES.map((x) => x.id).join(", ")}, got ${JSON.stringify(id)}`);
  return e;
}

/** The computed answer and explanation of an exercise from the simulation's summaries (see the module comment). */
export function exerciseAnswer(exercise: Exercise, summaries: Summaries, pop: Population): ExerciseAnswer {
  const b = (s: ProcedureSummary) => `${s.used.toLocaleString("en-US")} studies of ${exercise.n.toLocaleString("en-US")}`;
  switch (exercise.id) {
    case "four":
    case "bigger": {
      const s = need(summaries, "paper");
      const a = share(s.exactlyTrue, s.used);
      const missed = s.used - s.allTrue;
      const perFactor = s.factors.filter((f) => f.trueOddsRatio !== 1).map((f) => `${name(f.variable)} ${formatMcShare(f.reported, s.used)}`);
      return {
        ...a,
        explanation: `Of ${b(s)} patients (about ${events(pop, exercise.n)} with ASD each), ${formatMcPercent(s.exactlyTrue, s.used)} reported exactly the true factors. ` +
          `${formatMcPercent(missed, s.used)} missed at least one true factor (each was reported in: ${perFactor.join(", ")}), and ${formatMcPercent(s.anyNull, s.used)} reported at least one factor with no effect. ` +
          (exercise.id === "bigger"
            ? "With ten times the events the true factors are found almost every time; what remains is the screen's and the Wald test's 5% false-positive rate for each factor with no effect."
            : "A single study's list of \"independent risk factors\" is one draw from this lottery: the abstract's list matching the truth exactly is the exception, not the rule.")
      };
    }
    case "noise": {
      const s = need(summaries, "paper");
      const a = share(s.anyNull, s.used);
      const each = s.factors.filter((f) => f.trueOddsRatio === 1).map((f) => `${name(f.variable)} ${formatMcShare(f.reported, s.used)}`);
      return {
        ...a,
        explanation: `${formatMcPercent(s.anyNull, s.used)} of ${b(s)} reported at least one factor with no effect (${each.join(", ")}). Each must pass both the univariable screen and the Wald test at 5%, and the screen is passed more easily by a factor correlated with a true one, so the rate is not simply 5% per factor.`
      };
    }
    case "auc": {
      const s = need(summaries, "paper");
      const m = s.newAuc;
      return {
        value: m.median, se: m.medianSe, text: formatMc(m.median, m.medianSe),
        explanation: `Over ${b(s)}, the equation's median AUC in new patients is ${formatMc(m.median, m.medianSe)} (middle 95% of studies ${formatValue(m.q025, 3)} to ${formatValue(m.q975, 3)}), against a median apparent AUC of ${formatMc(s.apparentAuc.median, s.apparentAuc.medianSe)} in the studies' own patients: a median optimism of ${formatMc(s.optimism.median, s.optimism.medianSe)}. No equation can beat the truth's ${formatValue(pop.trueAuc, 3)} in new patients, yet ${formatMcPercent(s.apparentAboveTruth, s.used)} of the studies reported an apparent AUC above it.`
      };
    }
    case "winner": {
      const s = need(summaries, "paper");
      const f = factor(s, "cement_ml");
      const r = f.reportedOddsRatio;
      // the median's MC error on the OR scale: the log-scale SE times the median (delta method)
      const se = r.median * f.reportedLogOddsRatio.medianSe;
      return {
        value: r.median, se, text: formatMc(r.median, se),
        explanation: `Cement volume was reported in ${formatMcPercent(f.reported, s.used)} of ${b(s)}; those studies published a median OR of ${formatMc(r.median, se)} per ml against the true ${formatValue(f.trueOddsRatio, 3)}. A study reports the factor when its estimate happens to be large enough to be significant, so the published ORs are the lucky, inflated ones (the "winner's curse"); over all studies whose model contained it the median was ${formatValue(f.oddsRatio.median, 2)}.`
      };
    }
    case "slope": {
      const full = need(summaries, "full");
      const shrunk = need(summaries, "shrunk");
      const m = full.slope;
      return {
        value: m.median, se: m.medianSe, text: formatMc(m.median, m.medianSe),
        explanation: `Over ${b(full)}, the full model's median calibration slope in new patients is ${formatMc(m.median, m.medianSe)}: its risks are too extreme, the signature of overfitting with about ${events(pop, exercise.n)} events for ${pop.candidates.length} coefficients. Shrinking every coefficient by van Houwelingen's heuristic factor (median ${formatMc(shrunk.shrinkage.median, shrunk.shrinkage.medianSe)}) moves the median slope to ${formatMc(shrunk.slope.median, shrunk.slope.medianSe)}, at no cost in AUC (shrinkage does not reorder patients).`
      };
    }
    default:
      throw new RangeError(`exerciseAnswer: no answer for exercise ${JSON.stringify(exercise.id)}`);
  }
}

/** How close a guess was, in words: within the answer's Monte-Carlo uncertainty (2 SE, or a small allowance), or how far off. */
export function guessVerdict(exercise: Exercise, guess: number, answer: ExerciseAnswer): string {
  const unit = exercise.guess.unit;
  const diff = guess - answer.value;
  const decimals = unit === "percent" ? 0 : unit === "auc" ? 3 : 2;
  const yours = unit === "percent" ? `${formatValue(guess, 0)}%` : formatValue(guess, decimals);
  const allowance = Math.max(2 * (Number.isFinite(answer.se) ? answer.se : 0), unit === "percent" ? 5 : unit === "auc" ? 0.01 : 0.05);
  if (Math.abs(diff) <= allowance) return `Your guess, ${yours}, is close to the answer, ${answer.text}.`;
  return `Your guess, ${yours}, is ${formatValue(Math.abs(diff), decimals)}${unit === "percent" ? " percentage points" : ""} ${diff > 0 ? "above" : "below"} the answer, ${answer.text}.`;
}
