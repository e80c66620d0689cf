// Compares the analysis of a hostile file with R's (test/fixtures/hostile/hostile.json): one line per
// disagreement, empty when the two agree or where R warns and the analysis warns too.
import type {FuzzOutcome} from "./fuzz-run.js";

export interface RHostile {
  seed: number;
  n: number;
  events: number;
  numeric: Record<string, boolean>;
  error?: string;
  warnings: string[];
  converged?: boolean;
  aliased?: boolean;
  logLik?: number;
  deviance?: number;
  terms?: Record<string, {estimate: number | string; se: number | string; p: number | string}>;
  auc?: {auc: number; lower: number; upper: number};
  firth?: {converged: boolean; warnings: string[]; terms: Record<string, {estimate: number | string; se: number | string}>};
  /** The fit with numeric columns divided by a power of ten, terms back on the original scale (hostile.R). */
  scaled?: {converged: boolean; aliased: boolean; warnings: string[]; logLik: number; collapsed: boolean; terms: Record<string, {estimate: number | string; se: number | string; p: number | string}>; auc?: {auc: number; lower: number; upper: number}};
}

const relClose = (a: number, b: number, rel: number) => Math.abs(a - b) <= rel * Math.max(Math.abs(b), 1e-300);

/**
 * R warned about this fit (separation, no convergence, non-finite coefficients), or gave up, also on the rescaled
 * columns (so that only a failure that is not R's under- or overflow counts).
 */
export function rTroubled(r: RHostile): boolean {
  if (r.scaled) return r.scaled.warnings.length > 0 || !r.scaled.converged || r.scaled.aliased;
  return r.error !== undefined || r.warnings.length > 0 || r.converged === false || r.aliased === true;
}

interface Doc {
  n: number;
  events: number;
  warnings: string[];
  model: {logLik: number; deviance: number; converged: boolean; terms: {term: string; estimate: number; se: number; p: number}[]};
  roc: {marker: string; auc: number; ciLower: number | null; ciUpper: number | null}[];
}

export function compareWithR(ml: FuzzOutcome, firth: FuzzOutcome, r: RHostile): string[] {
  const out: string[] = [];
  const troubled = rTroubled(r);
  if (ml.kind !== "ok") {
    // the analysis refused: R must have had trouble too (or the refusal says why, e.g. too few events)
    if (ml.kind === "refused" && (troubled || /event|non-event|levels|too few|constant|no variation|only one/i.test(ml.message))) return out;
    return [`seed ${r.seed}: analysis ${ml.kind} (${"message" in ml ? ml.message.slice(0, 160) : ml.detail.slice(0, 160)}) where R fits without warning`];
  }
  const doc = ml.document as unknown as Doc;
  if (doc.n !== r.n || doc.events !== r.events) out.push(`seed ${r.seed}: n/events ${doc.n}/${doc.events}, R ${r.n}/${r.events}`);
  const warned = doc.warnings.join(" ");
  if (troubled) {
    if (!/separat|numerically 0 or 1|converge|non-finite|collinear/i.test(warned)) out.push(`seed ${r.seed}: R ${r.error ? `fails (${r.error})` : `warns (${r.warnings.join("; ")})`} but the analysis gives no warning`);
    return out;
  }
  const fit = r.scaled!;
  if (!relClose(doc.model.logLik, fit.logLik, 1e-7)) out.push(`seed ${r.seed}: logLik ${doc.model.logLik}, R ${fit.logLik}`);
  for (const [name, t] of Object.entries(fit.terms)) {
    const ours = doc.model.terms.find((x) => x.term === name);
    if (!ours) {
      out.push(`seed ${r.seed}: no term ${name}`);
      continue;
    }
    // a coefficient's digits beyond a millionth of its SE are rounding (a column that barely varies)
    if (Math.abs(ours.estimate - Number(t.estimate)) > 1e-5 * Math.abs(Number(t.estimate)) + 1e-6 * Number(t.se)) out.push(`seed ${r.seed}: ${name} estimate ${ours.estimate}, R ${t.estimate}`);
    if (!relClose(ours.se, Number(t.se), 1e-5)) out.push(`seed ${r.seed}: ${name} SE ${ours.se}, R ${t.se}`);
    if (Math.abs(ours.p - Number(t.p)) > 1e-6) out.push(`seed ${r.seed}: ${name} p ${ours.p}, R ${t.p}`);
  }
  const model = doc.roc.find((x) => x.marker === "model");
  if (fit.auc && model && !fit.collapsed) {
    if (Math.abs(model.auc - fit.auc.auc) > 1e-9) out.push(`seed ${r.seed}: AUC ${model.auc}, R ${fit.auc.auc}`);
    // pROC's NA (one event or one non-event) must be null here too, and a number a number within 1e-6
    const differs = (ours: number | null, theirs: number | null) => (theirs === null ? ours !== null : ours === null || !(Math.abs(ours - theirs) <= 1e-6));
    if (differs(model.ciLower, fit.auc.lower) || differs(model.ciUpper, fit.auc.upper)) out.push(`seed ${r.seed}: AUC CI ${model.ciLower}–${model.ciUpper}, R ${fit.auc.lower}–${fit.auc.upper}`);
  }
  if (r.firth && r.firth.converged && r.firth.warnings.length === 0) {
    if (firth.kind !== "ok") out.push(`seed ${r.seed}: Firth ${firth.kind} where brglm2 converges`);
    else {
      const fdoc = firth.document as unknown as Doc;
      for (const [name, t] of Object.entries(r.firth.terms)) {
        const ours = fdoc.model.terms.find((x) => x.term === name);
        if (ours && !relClose(ours.estimate, Number(t.estimate), 1e-5)) out.push(`seed ${r.seed}: Firth ${name} estimate ${ours.estimate}, brglm2 ${t.estimate}`);
        if (ours && !relClose(ours.se, Number(t.se), 1e-5)) out.push(`seed ${r.seed}: Firth ${name} SE ${ours.se}, brglm2 ${t.se}`);
      }
    }
  }
  return out;
}
