/**
 * Finding Mermaid's node and cluster elements by the ids in the text, and clicks on them: a
 * single click waits out the double-click time so a double-click does not also open a file, and
 * the click that ends a drag is ignored. Enter acts as a click, Shift+Enter as a double-click.
 */
import type { PanZoom } from './panZoom';

const DOUBLE_CLICK_MS = 250;

/**
 * Node elements by their id in the Mermaid text. Mermaid 11 names them
 * `<svg id>-flowchart-<node id>-<n>` and `<svg id>-entity-<entity name>-<n>`.
 */
export function nodeElements(svg: SVGSVGElement, kind: 'flowchart' | 'entity'): Map<string, SVGGElement> {
  const prefix = `${svg.id}-${kind}-`;
  const out = new Map<string, SVGGElement>();
  for (const g of svg.querySelectorAll<SVGGElement>('g.node')) {
    if (!g.id.startsWith(prefix)) continue;
    const id = g.id.slice(prefix.length).replace(/-\d+$/, '');
    if (!out.has(id)) out.set(id, g);
  }
  return out;
}

/** Subgraph elements by subgraph id (`<svg id>-<subgraph id>`). */
export function clusterElements(svg: SVGSVGElement): Map<string, SVGGElement> {
  const prefix = `${svg.id}-`;
  const out = new Map<string, SVGGElement>();
  for (const g of svg.querySelectorAll<SVGGElement>('g.cluster')) if (g.id.startsWith(prefix)) out.set(g.id.slice(prefix.length), g);
  return out;
}

export interface ClickHandlers {
  click(target: Element): void;
  dblclick(target: Element): void;
}

export function attachClicks(svg: SVGSVGElement, panZoom: PanZoom, h: ClickHandlers): void {
  let pending: ReturnType<typeof setTimeout> | undefined;
  svg.addEventListener('click', (e) => {
    if (panZoom.dragged || !(e.target instanceof Element)) return;
    const target = e.target;
    if (pending) clearTimeout(pending);
    pending = setTimeout(() => {
      pending = undefined;
      h.click(target);
    }, DOUBLE_CLICK_MS);
  });
  svg.addEventListener('dblclick', (e) => {
    if (pending) clearTimeout(pending);
    pending = undefined;
    if (e.target instanceof Element) h.dblclick(e.target);
  });
  svg.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || !(e.target instanceof Element)) return;
    e.preventDefault();
    if (e.shiftKey) h.dblclick(e.target);
    else h.click(e.target);
  });
}
