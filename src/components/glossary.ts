/**
 * Links from a page's prose to the glossary (src/glossary.md), where each statistical term is defined once for
 * clinical readers. `term("optimism")` renders <a href="./glossary.html#optimism">optimism</a>; a second argument gives
 * other link text ("optimism-corrected"). The ids are those of the glossary page's headings (a unit test checks that
 * both lists agree), and a few aliases map common names to them ("c statistic" → auc).
 *
 * Throws RangeError for a term the glossary does not define, so a page cannot link to nowhere.
 *
 * @example term("calibration-slope") // <a class="glossary-term" href="./glossary.html#calibration-slope">calibration slope</a>
 */

/** Glossary ids and the words a link shows by default, in the glossary's order. */
export const GLOSSARY_TERMS: ReadonlyMap<string, string> = new Map([
  ["auc", "AUC"],
  ["roc-curve", "ROC curve"],
  ["sensitivity-specificity", "sensitivity and specificity"],
  ["predictive-values", "PPV and NPV"],
  ["likelihood-ratios", "likelihood ratios"],
  ["youden-index", "Youden index"],
  ["delong-test", "DeLong's test"],
  ["placement-values", "placement values"],
  ["odds-ratio", "odds ratio"],
  ["calibration-in-the-large", "calibration-in-the-large"],
  ["calibration-slope", "calibration slope"],
  ["slope-model-intercept", "intercept of the slope model"],
  ["hosmer-lemeshow", "Hosmer–Lemeshow groups"],
  ["lowess", "lowess"],
  ["brier-score", "Brier score"],
  ["scaled-brier", "scaled Brier score"],
  ["cox-snell-r2", "Cox–Snell R²"],
  ["nagelkerke-r2", "Nagelkerke R²"],
  ["optimism", "optimism"],
  ["harrell-bootstrap", "Harrell's bootstrap"],
  ["shrinkage", "shrinkage"],
  ["epv", "events per variable"],
  ["riley-sample-size", "Riley's minimum sample size"],
  ["separation", "separation"],
  ["firth", "Firth's penalised likelihood"],
  ["restricted-cubic-spline", "restricted cubic spline"],
  ["net-benefit", "net benefit"],
  ["decision-curve", "decision curve"]
]);

/** Other names for the same entries (lower case). */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ["c statistic", "auc"], ["c-statistic", "auc"], ["area under the curve", "auc"],
  ["sensitivity", "sensitivity-specificity"], ["specificity", "sensitivity-specificity"],
  ["ppv", "predictive-values"], ["npv", "predictive-values"], ["lr+", "likelihood-ratios"], ["lr-", "likelihood-ratios"], ["lr−", "likelihood-ratios"],
  ["youden", "youden-index"], ["delong", "delong-test"], ["brier", "brier-score"], ["nagelkerke", "nagelkerke-r2"], ["cox-snell", "cox-snell-r2"],
  ["bootstrap", "harrell-bootstrap"], ["optimism-corrected", "optimism"], ["firth's method", "firth"], ["spline", "restricted-cubic-spline"],
  ["rcs", "restricted-cubic-spline"], ["dca", "decision-curve"], ["decision curve analysis", "decision-curve"]
]);

/** The glossary id for a term or alias, or undefined. */
export function glossaryId(name: string): string | undefined {
  if (GLOSSARY_TERMS.has(name)) return name;
  const key = name.trim().toLowerCase();
  return GLOSSARY_TERMS.has(key) ? key : ALIASES.get(key);
}

/** The glossary entry's address, relative to a page at the site's root. */
export function glossaryHref(name: string): string {
  const id = glossaryId(name);
  if (!id) throw new RangeError(`term: the glossary has no entry ${JSON.stringify(name)}; its entries: ${[...GLOSSARY_TERMS.keys()].join(", ")}`);
  return `./glossary.html#${id}`;
}

/**
 * A link to the glossary entry (see the module comment). Browser only (creates an element).
 * @example html`the ${term("optimism")} of the AUC`
 */
export function term(name: string, text?: string): HTMLAnchorElement {
  const href = glossaryHref(name);
  const a = document.createElement("a");
  a.className = "glossary-term";
  a.href = href;
  a.textContent = text ?? GLOSSARY_TERMS.get(glossaryId(name)!)!;
  a.setAttribute("data-glossary", glossaryId(name)!);
  return a;
}
