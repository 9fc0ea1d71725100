/**
 * The Jinja of a model cut into the units the formatter protects. Tags written against each
 * other (`{{ c }}{% if not loop.last %}`) form one unit, because nothing may come between them;
 * blocks whose body is data rather than SQL (`{% set x %}…{% endset %}`, `{% macro %}`,
 * `{% call %}`, `{% filter %}`) are one unit from their opening tag to their end tag, so their
 * insides are never reformatted.
 */
import { scanJinja, type JinjaSpan } from '../language';

export interface JinjaUnit {
  start: number;
  end: number;
  /** True when the unit can print text (an expression, a call/filter block, raw text). */
  prints: boolean;
  /** True when the unit's line holds nothing but Jinja and whitespace. */
  ownLine: boolean;
  /** Characters touching the unit without whitespace: `{{ c }}_usd` is glued on the right. */
  gluedLeft: string;
  gluedRight: string;
}

export type UnitsResult = { ok: true; units: JinjaUnit[]; spans: JinjaSpan[] } | { ok: false; reason: string; offset: number };

const OPAQUE = new Set(['macro', 'call', 'filter', 'materialization', 'test', 'docs']);
const PRINTING_BLOCKS = new Set(['call', 'filter']);

export function jinjaUnits(text: string): UnitsResult {
  const spans = scanJinja(text);
  const open = spans.find((s) => !s.closed);
  if (open) return { ok: false, reason: `unclosed Jinja ${open.kind === 'comment' ? 'comment' : 'tag'}`, offset: open.start };
  const groups: Array<{ start: number; end: number; prints: boolean }> = [];
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i];
    const tag = s.kind === 'stmt' ? s.tag : undefined;
    if (tag && (OPAQUE.has(tag) || isBlockSet(text, s))) {
      const close = matchingEnd(text, spans, i, tag);
      if (close < 0) return { ok: false, reason: `{% ${tag} %} has no {% end${tag} %}`, offset: s.start };
      groups.push({ start: s.start, end: spans[close].end, prints: PRINTING_BLOCKS.has(tag) });
      i = close;
      continue;
    }
    // A loop or condition that opens and closes on one line is an atom of that line, like
    // `{% for d in dims %}{{ d }}{% if not loop.last %}, {% endif %}{% endfor %}`: taking it
    // apart would let the formatter break the line at the comma inside it.
    const close = tag === 'if' || tag === 'for' ? matchingEnd(text, spans, i, tag) : -1;
    if (close > i && !text.slice(s.start, spans[close].end).includes('\n')) {
      groups.push({ start: s.start, end: spans[close].end, prints: true });
      i = close;
      continue;
    }
    groups.push({ start: s.start, end: s.end, prints: s.kind === 'expr' ? !isConfigCall(text, s) : s.kind === 'raw' });
  }
  const units: JinjaUnit[] = [];
  for (const g of groups) {
    const last = units[units.length - 1];
    if (last && last.end === g.start) {
      last.end = g.end;
      last.prints ||= g.prints;
    } else units.push({ ...g, ownLine: false, gluedLeft: '', gluedRight: '' });
  }
  for (const u of units) {
    u.gluedLeft = u.start > 0 && !/\s/.test(text[u.start - 1]) ? text[u.start - 1] : '';
    u.gluedRight = u.end < text.length && !/\s/.test(text[u.end]) ? text[u.end] : '';
  }
  return { ok: true, units: ownLines(text, units), spans };
}

/** `{% set x %}…{% endset %}` captures its body; `{% set x = … %}` is a one-tag assignment. */
function isBlockSet(text: string, s: JinjaSpan): boolean {
  return s.tag === 'set' && !/=/.test(text.slice(s.innerStart, s.innerEnd).replace(/(['"])(?:\\.|(?!\1).)*\1/g, ''));
}

/** `{{ config(…) }}` renders nothing, so it may stand on a line of its own like a statement. */
function isConfigCall(text: string, s: JinjaSpan): boolean {
  return /^\s*config\s*\(/.test(text.slice(s.innerStart, s.innerEnd));
}

function matchingEnd(text: string, spans: JinjaSpan[], from: number, tag: string): number {
  let depth = 0;
  for (let j = from; j < spans.length; j++) {
    const s = spans[j];
    if (s.kind !== 'stmt') continue;
    // Inside a block set, `{% set y = 1 %}` opens nothing.
    if (s.tag === tag && (tag !== 'set' || isBlockSet(text, s))) depth++;
    else if (s.tag === `end${tag}` && --depth === 0) return j;
  }
  return -1;
}

/**
 * Units that share a line with nothing but blanks between them (`{% endif %} {% endfor %}`)
 * become one unit standing on its own line; the blanks between them are kept as they are.
 */
function ownLines(text: string, units: JinjaUnit[]): JinjaUnit[] {
  const blankTo = (from: number, to: number) => /^[ \t]*$/.test(text.slice(from, to));
  const out: JinjaUnit[] = [];
  for (let i = 0; i < units.length; ) {
    let j = i;
    while (j + 1 < units.length && blankTo(units[j].end, units[j + 1].start)) j++;
    const first = units[i];
    const last = units[j];
    const lineStart = text.lastIndexOf('\n', first.start - 1) + 1;
    const nl = text.indexOf('\n', last.end);
    const own = blankTo(lineStart, first.start) && /^\s*$/.test(text.slice(last.end, nl < 0 ? text.length : nl));
    if (own) {
      out.push({ ...first, end: last.end, prints: units.slice(i, j + 1).some((u) => u.prints), ownLine: true, gluedRight: last.gluedRight });
      i = j + 1;
    } else {
      out.push(first);
      i++;
    }
  }
  return out;
}
