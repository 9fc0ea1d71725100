/** Search and depth steps of the lineage toolbar, apart from the DOM so they are unit-tested. */
import type { SearchEntry } from '../../src/protocol';

const MAX_RESULTS = 30;
const MAX_DEPTH = 10;

/** Depth after a − (dir -1) or + (dir 1) press; 0 means every level. */
export function nextDepth(depth: number, dir: -1 | 1): number {
  if (depth === 0) return dir < 0 ? 3 : 0;
  const d = depth + dir;
  if (d < 1) return 1;
  return d > MAX_DEPTH ? 0 : d;
}

/** Entries whose label contains every word of the query, labels that start with it first. */
export function searchMatches(entries: SearchEntry[], query: string, limit = MAX_RESULTS): SearchEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [];
  const hits = entries.filter((e) => words.every((w) => e.label.toLowerCase().includes(w)));
  const q = words[0];
  hits.sort((a, b) => Number(!a.label.toLowerCase().startsWith(q)) - Number(!b.label.toLowerCase().startsWith(q)) || a.label.length - b.label.length);
  return hits.slice(0, limit);
}

