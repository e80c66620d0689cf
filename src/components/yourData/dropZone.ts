/**
 * The file chooser of the "Your own cohort" page: a labelled native file input (keyboard-usable, announced by
 * screen readers) inside a zone that also accepts a file dragged onto it. Only one file is taken; the callback
 * gets the File object, which the page hands to its Web Worker — the file is never sent anywhere.
 *
 * Example: dropZone({onFile: (file) => client.load(file)})
 */
export interface DropZoneOptions {
  onFile: (file: File) => void;
  /** Shown under the label (limits, privacy). */
  hint?: string;
}

export function dropZone({onFile, hint}: DropZoneOptions): HTMLElement {
  const zone = document.createElement("div");
  zone.className = "your-data-dropzone";
  zone.setAttribute("data-testid", "your-data-dropzone");

  const label = document.createElement("label");
  label.htmlFor = "your-data-file";
  label.className = "your-data-dropzone-label";
  label.textContent = "Choose a CSV or Excel file, or drop one here";

  const input = document.createElement("input");
  input.type = "file";
  input.id = "your-data-file";
  input.accept = ".csv,.txt,.tsv,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  input.setAttribute("data-testid", "your-data-file-input");
  if (hint) input.setAttribute("aria-describedby", "your-data-file-hint");

  const hintText = document.createElement("p");
  hintText.id = "your-data-file-hint";
  hintText.className = "your-data-hint";
  hintText.textContent = hint ?? "";

  const fileName = document.createElement("p");
  fileName.className = "your-data-filename";
  fileName.setAttribute("data-testid", "your-data-filename");

  const take = (file: File | undefined | null) => {
    if (!file) return;
    fileName.textContent = `Chosen: ${file.name}`;
    onFile(file);
  };
  input.addEventListener("change", () => {
    take(input.files?.[0]);
    // Choosing the same (corrected) file again must fire "change" again.
    input.value = "";
  });

  const stop = (event: Event) => {
    event.preventDefault();
    event.stopPropagation();
  };
  for (const type of ["dragenter", "dragover"]) {
    zone.addEventListener(type, (event) => {
      stop(event);
      zone.classList.add("dragging");
      const dt = (event as DragEvent).dataTransfer;
      if (dt) dt.dropEffect = "copy";
    });
  }
  zone.addEventListener("dragleave", (event) => {
    stop(event);
    zone.classList.remove("dragging");
  });
  zone.addEventListener("drop", (event) => {
    stop(event);
    zone.classList.remove("dragging");
    take((event as DragEvent).dataTransfer?.files?.[0]);
  });

  zone.append(label, input, hintText, fileName);
  return zone;
}
