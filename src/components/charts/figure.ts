/**
 * Wraps a chart in an accessible <figure>: a visible title, a text alternative for screen readers
 * (the chart's content in words, so it is read rather than skipped), an optional caption, and
 * buttons that download the chart as SVG and PNG. Every chart on the site goes through this, so
 * every chart can be cited, printed, described and reused the same way.
 *
 * Example: chartFigure(Plot.plot({...}), {title: "ROC curves", description: "Model AUC 0.96 …", filename: "roc"})
 */
import {actionButton, saveBlob} from "../download.js";
export interface ChartFigureOptions {
  /** Short visible title, also the accessible name. */
  title: string;
  /** Text alternative: what the chart shows, with its key numbers. */
  description: string;
  /** Optional caption under the chart (method, data source). */
  caption?: string;
  /** File name stem for downloads, without extension. */
  filename: string;
}

export function chartFigure(chart: Element, {title, description, caption, filename}: ChartFigureOptions): HTMLElement {
  const figure = document.createElement("figure");
  figure.className = "chart-figure";
  figure.setAttribute("role", "group");
  const heading = document.createElement("div");
  heading.className = "chart-title";
  heading.textContent = title;
  heading.id = uniqueId(filename);
  figure.setAttribute("aria-labelledby", heading.id);
  figure.append(heading);

  const svg = chart instanceof SVGSVGElement ? chart : chart.querySelector("svg");
  const described = svg ?? chart;
  described.setAttribute("role", "img");
  described.setAttribute("aria-label", `${title}. ${description}`);
  figure.append(chart);

  const alt = document.createElement("p");
  alt.className = "sr-only chart-description";
  alt.textContent = description;
  figure.append(alt);

  const footer = document.createElement("figcaption");
  if (caption) {
    const text = document.createElement("span");
    text.textContent = caption;
    footer.append(text, " ");
  }
  const buttons = document.createElement("span");
  buttons.className = "chart-downloads";
  buttons.append(
    downloadButton("SVG", `Download “${title}” as SVG`, () => downloadSvg(chart, filename)),
    downloadButton("PNG", `Download “${title}” as PNG`, () => downloadPng(chart, filename))
  );
  footer.append(buttons);
  figure.append(footer);
  return figure;
}

let idCounter = 0;
function uniqueId(stem: string): string {
  return `chart-${stem.replace(/[^a-z0-9-]/gi, "-")}-${++idCounter}`;
}

function downloadButton(label: string, ariaLabel: string, onClick: () => void): HTMLButtonElement {
  return actionButton(label, {"aria-label": ariaLabel}, onClick);
}

/** The chart as a standalone SVG document (Plot's legend swatches, if any, are dropped; the marks stay). */
export function serializeSvg(chart: Element): string {
  const svg = chart instanceof SVGSVGElement ? chart : chart.querySelector("svg");
  if (!svg) throw new TypeError("serializeSvg: the chart contains no <svg> element");
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  copy.setAttribute("xmlns:xlink", "http://www.w3.org/1999/xlink");
  const {width, height} = svg.getBoundingClientRect();
  if (!copy.getAttribute("width") && width) copy.setAttribute("width", String(Math.round(width)));
  if (!copy.getAttribute("height") && height) copy.setAttribute("height", String(Math.round(height)));
  // Inline the computed font and colour so the file looks the same outside the page.
  const style = getComputedStyle(svg);
  copy.setAttribute("style", `font-family: ${style.fontFamily}; font-size: ${style.fontSize}; background: white; color: black;`);
  return new XMLSerializer().serializeToString(copy);
}


export function downloadSvg(chart: Element, filename: string): void {
  saveBlob(new Blob([serializeSvg(chart)], {type: "image/svg+xml"}), `${filename}.svg`);
}

/** Rasterises the SVG at twice its size (sharp on high-density screens and in print). */
export function downloadPng(chart: Element, filename: string, scale = 2): void {
  const source = serializeSvg(chart);
  const image = new Image();
  image.onload = () => {
    const canvas = document.createElement("canvas");
    canvas.width = Math.ceil(image.width * scale);
    canvas.height = Math.ceil(image.height * scale);
    const context = canvas.getContext("2d");
    if (!context) return;
    context.fillStyle = "white";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    canvas.toBlob((blob) => blob && saveBlob(blob, `${filename}.png`), "image/png");
  };
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(source)}`;
}
