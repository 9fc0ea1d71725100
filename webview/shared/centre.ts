/** Bringing one drawn node to the middle of the viewport, for first views too big to fit legibly. */
import type { Frame } from './frame';

export function centreOn(frame: Frame, svg: SVGSVGElement, target: SVGGElement): void {
  const box = target.getBBox();
  const m = target.getCTM();
  const root = svg.getCTM();
  if (!m || !root) return;
  // The node's centre in the SVG's own (unscaled) coordinates.
  const p = new DOMPoint(box.x + box.width / 2, box.y + box.height / 2).matrixTransform(root.inverse().multiply(m));
  const vb = svg.viewBox.baseVal;
  frame.panZoom.centreOn(p.x - vb.x, p.y - vb.y);
}
