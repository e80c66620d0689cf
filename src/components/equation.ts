/**
 * A fitted logistic model written out as MathML (rendered natively by browsers and read by screen readers; no
 * KaTeX, whose fonts and scripts Framework would fetch from a CDN):
 *
 *   logit(p) = ln(p / (1 − p)) = β₀ + β₁·x₁ + … ,   p = 1 / (1 + e^(−logit p)).
 *
 * Example: logisticEquation([{term: "(Intercept)", estimate: -20.1}, {term: "age", estimate: 0.18}], {labels: {age: "age (years)"}})
 */
import {formatNumber} from "./format.js";

const MATHML = "http://www.w3.org/1998/Math/MathML";

function el(tag: string, ...children: (Node | string)[]): Element {
  const node = document.createElementNS(MATHML, tag);
  for (const c of children) node.append(typeof c === "string" ? document.createTextNode(c) : c);
  return node;
}
const mi = (s: string) => el("mi", s);
const mo = (s: string) => el("mo", s);
const mn = (s: string) => el("mn", s);
const mtext = (s: string) => el("mtext", s);

export interface EquationOptions {
  /** Names of the variables as written in the equation, per term. */
  labels?: Record<string, string>;
  decimals?: number;
  /** Break after this many terms (phones). */
  termsPerLine?: number;
}

/** The equation in a block that scrolls sideways on a narrow screen rather than widening the page. */
export function logisticEquation(terms: {term: string; estimate: number}[], options: EquationOptions = {}): HTMLElement {
  const wrapper = document.createElement("div");
  wrapper.className = "equation-block";
  wrapper.style.overflowX = "auto";
  wrapper.style.maxWidth = "100%";
  // A region that may scroll must be reachable by keyboard (WCAG 2.1.1), and say what it is.
  wrapper.tabIndex = 0;
  wrapper.setAttribute("role", "region");
  wrapper.setAttribute("aria-label", "Equation, scrollable");
  wrapper.append(logisticEquationMath(terms, options));
  return wrapper;
}

export function logisticEquationMath(terms: {term: string; estimate: number}[], {labels = {}, decimals = 3, termsPerLine = 99}: EquationOptions = {}): Element {
  const intercept = terms.find((t) => t.term === "(Intercept)");
  const rest = terms.filter((t) => t.term !== "(Intercept)");
  const lines: Element[][] = [[]];
  const push = (...nodes: Element[]) => lines[lines.length - 1]!.push(...nodes);
  push(el("mrow", mi("logit"), mo("\u2061"), mo("("), mi("p"), mo(")")), mo("="));
  const b0 = intercept?.estimate ?? 0;
  if (b0 < 0) push(mo("−"));
  push(mn(formatNumber(Math.abs(b0), decimals)));
  rest.forEach((t, i) => {
    if (i > 0 && i % termsPerLine === 0) lines.push([]);
    push(mo(t.estimate < 0 ? "−" : "+"), mn(formatNumber(Math.abs(t.estimate), decimals)), mo("×"), mtext(labels[t.term] ?? t.term));
  });
  const math = el("math");
  math.setAttribute("display", "block");
  if (lines.length === 1) math.append(el("mrow", ...lines[0]!));
  else {
    const table = el("mtable");
    table.setAttribute("columnalign", "left");
    for (const line of lines) table.append(el("mtr", el("mtd", ...line)));
    math.append(table);
  }
  const text = `logit(p) = ${formatNumber(intercept?.estimate ?? 0, decimals)} ${rest.map((t) => `${t.estimate < 0 ? "−" : "+"} ${formatNumber(Math.abs(t.estimate), decimals)} × ${labels[t.term] ?? t.term}`).join(" ")}`;
  math.setAttribute("aria-label", text);
  math.setAttribute("data-testid", "model-equation");
  return math;
}
