/** The legend under a diagram: what the colours and marks mean, and what clicks do. */
import type { DiagramNodeStatus } from '../../src/protocol';
import { el } from './dom';

const STATUS_TEXT: Record<DiagramNodeStatus, string> = { ok: 'passed', warn: 'warned', fail: 'failed', stale: 'stale (changed since the run)' };

export function renderLegend(footer: HTMLElement, kind: 'lineage' | 'er'): void {
  const items: HTMLElement[] = [];
  if (kind === 'lineage') {
    for (const [s, text] of Object.entries(STATUS_TEXT)) {
      const item = el('span', 'legend-item');
      item.append(el('span', `swatch ms-swatch-${s}`), el('span', undefined, text));
      items.push(item);
    }
    const focus = el('span', 'legend-item');
    focus.append(el('span', 'swatch ms-swatch-focus'), el('span', undefined, 'focused model'));
    items.push(focus);
    items.push(el('span', 'legend-hint', 'Click: open · double-click: focus · click a layer title: collapse'));
  } else {
    items.push(el('span', 'legend-item', 'PK primary key · FK foreign key · UK unique · labels name the child’s key columns'));
    items.push(el('span', 'legend-hint', 'Click: open · double-click: that table and its relations'));
  }
  footer.replaceChildren(...items);
}
