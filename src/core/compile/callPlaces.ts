/**
 * Where in a model's source a `ref('x')` or `source('a', 'b')` call is written. Context
 * functions run without template positions, so the call is found in the raw text instead.
 */
import type { Place } from '../problems';

export function placeOf(text: string, file: string, re: RegExp): Place | undefined {
  const m = re.exec(text);
  if (!m) return undefined;
  const before = text.slice(0, m.index);
  const line = before.split('\n').length;
  const column = m.index - before.lastIndexOf('\n');
  return { file, line, column, endLine: line, endColumn: column + m[0].length };
}

export function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function refPlace(text: string, file: string, name: string): Place | undefined {
  return placeOf(text, file, new RegExp(`ref\\(\\s*(?:['"][^'"]*['"]\\s*,\\s*)?['"]${esc(name)}['"][^)]*\\)`));
}

export function sourcePlace(text: string, file: string, source: string, table: string): Place | undefined {
  return placeOf(text, file, new RegExp(`source\\(\\s*['"]${esc(source)}['"]\\s*,\\s*['"]${esc(table)}['"]\\s*\\)`));
}
