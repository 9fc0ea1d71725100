/**
 * Node colours by last run/test status, as classes the panel can switch without drawing the
 * diagram again. Mermaid writes class styles onto the shapes, so these rules need !important.
 * A status draws a 3px border, so it never reads as a type colour (a seed's fill is pale amber too).
 * The focused model keeps its own border colour over any status (the status still shows in the
 * fill). The same text goes into exported SVGs, so a file shows what the panel showed.
 */
import type { DiagramNodeStatus } from '../../src/protocol';

const COLOURS: Record<DiagramNodeStatus, { fill: string; stroke: string; text: string; dash?: string }> = {
  ok: { fill: '#dcfce7', stroke: '#15803d', text: '#14532d' },
  warn: { fill: '#fde68a', stroke: '#b45309', text: '#713f12' },
  fail: { fill: '#fecaca', stroke: '#b91c1c', text: '#7f1d1d' },
  stale: { fill: '#e5e7eb', stroke: '#4b5563', text: '#374151', dash: '6 3' },
};

const SHAPES = ':is(rect, path, polygon, circle, ellipse)';
/** The focus colour of the Mermaid text's `focus` class (src/core/diagrams/lineageRender.ts). */
export const FOCUS_STROKE = '#db2777';

export const STATUS_CSS = Object.entries(COLOURS)
  .map(([status, c]) => {
    const cls = `.ms-st-${status}`;
    const dash = c.dash ? `stroke-dasharray: ${c.dash} !important;` : '';
    return `${cls} > ${SHAPES}, ${cls} > g > ${SHAPES} { fill: ${c.fill} !important; stroke: ${c.stroke} !important; stroke-width: 3px !important; ${dash} }\n${cls} text, ${cls} tspan { fill: ${c.text} !important; }`;
  })
  .concat(`.ms-focus > ${SHAPES}, .ms-focus > g > ${SHAPES} { stroke: ${FOCUS_STROKE} !important; stroke-width: 3px !important; }`)
  .join('\n');

export function statusClass(s: DiagramNodeStatus | undefined): string | undefined {
  return s ? `ms-st-${s}` : undefined;
}

/** Sets the node element's status class, dropping the previous one. */
export function setStatus(node: Element, s: DiagramNodeStatus | undefined): void {
  for (const c of [...node.classList]) if (c.startsWith('ms-st-')) node.classList.remove(c);
  const cls = statusClass(s);
  if (cls) node.classList.add(cls);
}

/** The status rules as a stylesheet in the page, allowed by the page's nonce. */
export function installStatusStyle(nonce: string): void {
  const style = document.createElement('style');
  style.setAttribute('nonce', nonce);
  style.textContent = STATUS_CSS;
  document.head.append(style);
}
