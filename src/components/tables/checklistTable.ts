/**
 * A reporting checklist as a table: item, topic, what the abstract reports, where this site addresses it, and the
 * evidence computed from the analysis (../study/reporting.ts). Evidence, not verdicts.
 *
 * Example: checklistTable(tripodItems(doc, published), {caption: "TRIPOD+AI", testId: "tripod"})
 */
import type {ChecklistRow} from "../study/reporting.js";
import {cell, rowHeader, tableFrame} from "./frame.js";

export function checklistTable(rows: readonly ChecklistRow[], {caption, testId}: {caption: string; testId: string}): HTMLElement {
  const {wrapper, body} = tableFrame({caption, headers: ["Item", "Topic and what it asks", "The abstract", "On this site", "Evidence from the analysis"], testId, className: "checklist-table"});
  for (const r of rows) {
    const tr = body.insertRow();
    tr.setAttribute("data-item", r.item);
    tr.append(rowHeader(r.item));
    const topic = document.createElement("td");
    const strong = document.createElement("strong");
    strong.textContent = r.topic;
    topic.append(strong, document.createElement("br"), r.asks);
    tr.append(topic, cell("td", r.abstract), cell("td", r.where || "—"), cell("td", r.evidence, {"data-field": "evidence"}));
  }
  for (const td of Array.from(body.querySelectorAll("td"))) td.style.whiteSpace = "normal";
  return wrapper;
}
