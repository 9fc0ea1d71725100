/**
 * Jinja units swapped for stand-ins sql-formatter handles as atoms, and swapped back.
 *
 * - A unit that prints text becomes an identifier as long as the unit, so line-width decisions
 *   stay close to the real text, and so text glued to it (`{{ c }}_usd`) stays one word that the
 *   formatter cannot split.
 * - A unit that prints nothing (`{% if %}`, `{# #}`, `{{ config() }}`), or that stands on its own
 *   line and starts with a statement, becomes a line comment, which the formatter keeps on its own
 *   line; inline, a block comment; glued to a word it is part of that word, so an identifier.
 * - Inside a SQL string, quoted name or comment, every unit is an identifier: a comment there
 *   would end the string or nest inside a comment.
 */
import type { SqlToken } from '../language';
import type { JinjaUnit } from './units';

export interface Placeholder {
  unit: JinjaUnit;
  /** The stand-in exactly as written into the SQL given to the formatter. */
  text: string;
  /** Offset of the stand-in in that SQL. */
  at: number;
}

export interface Substituted {
  sql: string;
  placeholders: Placeholder[];
}

const WORD = /[A-Za-z0-9_$\u0080-\uffff]/;

/** A prefix that appears nowhere in the text, so a stand-in can never match user SQL. */
export function freshPrefix(text: string): string {
  for (let k = 0; ; k++) {
    const p = `zjz${k === 0 ? '' : k}q`;
    if (!text.toLowerCase().includes(p)) return p;
  }
}

export function substitute(text: string, from: number, to: number, units: JinjaUnit[], literals: readonly SqlToken[], prefix: string): Substituted {
  const placeholders: Placeholder[] = [];
  let sql = '';
  let pos = from;
  units.forEach((unit, i) => {
    sql += text.slice(pos, unit.start);
    const id = `${prefix}${String(i).padStart(4, '0')}`;
    const stand = standIn(text, unit, id, insideLiteral(literals, unit));
    placeholders.push({ unit, text: stand, at: sql.length });
    sql += stand;
    pos = unit.end;
  });
  sql += text.slice(pos, to);
  return { sql, placeholders };
}

function standIn(text: string, unit: JinjaUnit, id: string, inLiteral: boolean): string {
  const glued = WORD.test(unit.gluedLeft) || WORD.test(unit.gluedRight);
  // A line of its own that starts with a statement (`{% if x %}, extra_col{% endif %}`) is more
  // like a clause than a value: as a comment it keeps its line and the formatter's hands off it.
  const clause = unit.ownLine && text.startsWith('{%', unit.start);
  if (inLiteral || glued || (unit.prints && !clause)) {
    const raw = text.slice(unit.start, unit.end);
    return raw.includes('\n') ? id : id.padEnd(raw.length, '_');
  }
  return unit.ownLine ? `-- ${id}` : `/* ${id} */`;
}

function insideLiteral(literals: readonly SqlToken[], unit: JinjaUnit): boolean {
  return literals.some((t) => t.type !== 'jinja' && t.type !== 'word' && unit.start > t.start && unit.end <= t.end);
}

/**
 * Puts each unit back where the formatter left its stand-in, in order. Undefined when a
 * stand-in went missing or came out changed: the formatter did something this code cannot undo.
 */
export function restore(formatted: string, placeholders: Placeholder[], text: string): string | undefined {
  let out = '';
  let pos = 0;
  for (const p of placeholders) {
    const at = formatted.indexOf(p.text, pos);
    if (at < 0) return undefined;
    out += formatted.slice(pos, at) + text.slice(p.unit.start, p.unit.end);
    pos = at + p.text.length;
  }
  return out + formatted.slice(pos);
}
