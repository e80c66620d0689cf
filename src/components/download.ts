/**
 * Saves a Blob as a file the reader downloads (a temporary object URL on a clicked link), for every download the
 * site offers: CSV tables, the analysis JSON, chart SVG and PNG. Needs a browser document.
 *
 * Example: saveBlob(new Blob([text], {type: "application/json"}), "analysis.json")
 */
export function saveBlob(blob: Blob, fileName: string): void {
  if (typeof document === "undefined") throw new TypeError("saveBlob: needs a browser document");
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A plain button (type "button") that runs `onClick`, with its attributes (a test hook, an ARIA label). */
export function actionButton(text: string, attrs: Record<string, string>, onClick: () => void): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  for (const [k, v] of Object.entries(attrs)) b.setAttribute(k, v);
  b.addEventListener("click", onClick);
  return b;
}
