/**
 * The 2×2 table at a threshold: rows = the rule's call (positive / negative), columns = what happened (ASD /
 * no ASD), with row and column totals. Each count carries a stable data-testid (roc-tp, roc-fp, roc-fn,
 * roc-tn) so tests and readers' tools can find it.
 *
 * Example: confusionMatrix({tp: 20, fp: 10, fn: 5, tn: 127})
 */
import {ensureTableStyle} from "./style.js";
export interface ConfusionCounts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface ConfusionMatrixOptions {
  positiveLabel?: string;
  negativeLabel?: string;
  caption?: string;
}

export function confusionMatrix(
  {tp, fp, fn, tn}: ConfusionCounts,
  {positiveLabel = "Predicted ASD", negativeLabel = "Predicted no ASD", caption}: ConfusionMatrixOptions = {}
): HTMLTableElement {
  ensureTableStyle();
  const table = document.createElement("table");
  table.className = "stats confusion-matrix";
  table.setAttribute("data-testid", "roc-confusion");
  const cap = document.createElement("caption");
  cap.textContent = caption ?? "2×2 table at the chosen threshold";
  table.append(cap);
  const th = (text: string, scope: string) => {
    const el = document.createElement("th");
    el.textContent = text;
    el.scope = scope;
    return el;
  };
  const td = (value: number, id?: string) => {
    const el = document.createElement("td");
    el.textContent = String(value);
    if (id) el.setAttribute("data-testid", id);
    return el;
  };
  const head = table.createTHead().insertRow();
  const corner = th("", "col");
  const cornerText = document.createElement("span");
  cornerText.className = "sr-only";
  cornerText.textContent = "Call by the rule, against outcome";
  corner.append(cornerText);
  head.append(corner, th("ASD", "col"), th("No ASD", "col"), th("Total", "col"));
  const body = table.createTBody();
  const r1 = body.insertRow();
  r1.append(th(positiveLabel, "row"), td(tp, "roc-tp"), td(fp, "roc-fp"), td(tp + fp));
  const r2 = body.insertRow();
  r2.append(th(negativeLabel, "row"), td(fn, "roc-fn"), td(tn, "roc-tn"), td(fn + tn));
  const r3 = body.insertRow();
  r3.append(th("Total", "row"), td(tp + fn), td(fp + tn), td(tp + fp + fn + tn));
  return table;
}
