/**
 * A movable marker drawn over a Plot chart: a dot with dashed guides to both axes, moved by changing its
 * attributes only (no re-render), so a threshold slider repaints in well under a frame. The chart keeps the
 * marker's last position, so a chart rebuilt at a new width can be given the same point.
 */
import type * as Plot from "@observablehq/plot";

export interface PointerOptions {
  color?: string;
  /** Accessible description of the marker, updated with each move. */
  describe?: (x: number, y: number) => string;
}

export interface MovablePoint {
  /** Moves the marker to data coordinates (x, y); null hides it. */
  move(x: number | null, y?: number): void;
}

const SVG_NS = "http://www.w3.org/2000/svg";

export function attachMovablePoint(chart: SVGSVGElement & Plot.Plot, {color = "currentColor", describe}: PointerOptions = {}): MovablePoint {
  const xScale = chart.scale("x");
  const yScale = chart.scale("y");
  if (!xScale?.apply || !yScale?.apply) throw new TypeError("attachMovablePoint: the chart has no x and y scales");
  const [x0] = xScale.range as [number, number];
  const [y0] = yScale.range as [number, number];
  const group = document.createElementNS(SVG_NS, "g");
  group.setAttribute("class", "movable-point");
  group.setAttribute("aria-hidden", "true");
  const guideX = document.createElementNS(SVG_NS, "line");
  const guideY = document.createElementNS(SVG_NS, "line");
  for (const guide of [guideX, guideY]) {
    guide.setAttribute("stroke", color);
    guide.setAttribute("stroke-dasharray", "3,3");
    guide.setAttribute("stroke-opacity", "0.7");
  }
  const dot = document.createElementNS(SVG_NS, "circle");
  dot.setAttribute("r", "6");
  dot.setAttribute("fill", color);
  dot.setAttribute("stroke", "var(--theme-background, white)");
  dot.setAttribute("stroke-width", "2");
  group.append(guideX, guideY, dot);
  chart.append(group);
  const move = (x: number | null, y = 0) => {
    if (x == null || !Number.isFinite(x) || !Number.isFinite(y)) {
      group.setAttribute("display", "none");
      return;
    }
    group.removeAttribute("display");
    const px = xScale.apply(x) as number;
    const py = yScale.apply(y) as number;
    dot.setAttribute("cx", String(px));
    dot.setAttribute("cy", String(py));
    guideX.setAttribute("x1", String(px));
    guideX.setAttribute("x2", String(px));
    guideX.setAttribute("y1", String(y0));
    guideX.setAttribute("y2", String(py));
    guideY.setAttribute("x1", String(x0));
    guideY.setAttribute("x2", String(px));
    guideY.setAttribute("y1", String(py));
    guideY.setAttribute("y2", String(py));
    if (describe) group.setAttribute("data-description", describe(x, y));
  };
  return {move};
}
