/**
 * Which table a first ER view starts on when the diagram is too big to fit legibly: the one table
 * asked for (opened from its file), else the table with the most relationships. The top-left
 * corner, the default, is often empty space in a tree of tables.
 */
import type { ErView } from '../../src/protocol';

export function anchorTable(view: Pick<ErView, 'entities' | 'relationships' | 'options'>): string | undefined {
  if (view.options.tables.length === 1 && view.entities.some((e) => e.label === view.options.tables[0])) return view.options.tables[0];
  const degree = new Map<string, number>();
  for (const r of view.relationships) for (const t of [r.parent, r.child]) degree.set(t, (degree.get(t) ?? 0) + 1);
  let best: string | undefined;
  for (const e of view.entities) if (best === undefined || (degree.get(e.label) ?? 0) > (degree.get(best) ?? 0)) best = e.label;
  return best;
}
