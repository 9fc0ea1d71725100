/**
 * A lexer for DuckDB SQL written with Jinja in it. Jinja renders first, so each Jinja span is one
 * atom wherever it sits, and a quote or comment marker inside `{{ … }}` never starts a SQL string.
 * Used to tell where the cursor is (string, comment, plain SQL) and by the formatter's safety
 * check, which compares the token streams before and after formatting.
 */
import { scanJinja, type JinjaSpan } from './jinjaSpans';

export type SqlTokenType = 'jinja' | 'word' | 'number' | 'string' | 'quoted' | 'comment' | 'op' | 'punct';

export interface SqlToken {
  type: SqlTokenType;
  start: number;
  end: number;
  text: string;
}

/** DuckDB's multi-character operators, longest first; anything else is a one-character token. */
const OPERATORS = ['!~~*', '->>', '!~~', '~~*', '!~*', '::', '->', '<=', '>=', '<>', '!=', '==', '||', '**', '//', '<<', '>>', '~~', '^@', '@>', '<@', '&&', ':=', '=>', '!~', '~*'];
const PUNCT = new Set([',', ';', '(', ')', '[', ']', '{', '}', '.']);

export function lexSql(text: string, spans: readonly JinjaSpan[] = scanJinja(text)): SqlToken[] {
  const out: SqlToken[] = [];
  const jinjaAt = new Map(spans.map((s) => [s.start, s]));
  // Skips a Jinja span starting at i (returns its end) so that strings and comments can hold one.
  const skipJinja = (i: number): number => jinjaAt.get(i)?.end ?? i;
  const step = (j: number): number => (jinjaAt.has(j) ? skipJinja(j) : j + 1);
  const push = (type: SqlTokenType, start: number, end: number) => out.push({ type, start, end, text: text.slice(start, end) });
  let i = 0;
  const n = text.length;
  while (i < n) {
    const span = jinjaAt.get(i);
    if (span) {
      push('jinja', i, span.end);
      i = span.end;
      continue;
    }
    const c = text[i];
    const next = text[i + 1];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && next === '-') {
      let j = i + 2;
      while (j < n && text[j] !== '\n') j = step(j);
      push('comment', i, text[j - 1] === '\r' ? j - 1 : j);
      i = j;
    } else if (c === '/' && next === '*') {
      let j = i + 2;
      while (j < n && !(text[j] === '*' && text[j + 1] === '/')) j = step(j);
      const end = Math.min(n, j + 2);
      push('comment', i, end);
      i = end;
    } else if (c === "'" || ((c === 'e' || c === 'E') && next === "'")) {
      const start = i;
      i = quotedEnd(text, c === "'" ? i : i + 1, "'", c !== "'", skipJinja);
      push('string', start, i);
    } else if (c === '"') {
      const start = i;
      i = quotedEnd(text, i, '"', false, skipJinja);
      push('quoted', start, i);
    } else if (c === '$' && /^\$[A-Za-z_]*\$/.test(text.slice(i, i + 64))) {
      const tag = /^\$[A-Za-z_]*\$/.exec(text.slice(i, i + 64))![0];
      const close = text.indexOf(tag, i + tag.length);
      const end = close < 0 ? n : close + tag.length;
      push('string', i, end);
      i = end;
    } else if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      const m = /[A-Za-z0-9_$\u0080-\uffff]+/y;
      m.lastIndex = i;
      const end = i + m.exec(text)![0].length;
      push('word', i, end);
      i = end;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(next ?? ''))) {
      const m = /(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?(?:[eE][+-]?[0-9]+)?/y;
      m.lastIndex = i;
      const end = i + Math.max(1, m.exec(text)![0].length);
      push('number', i, end);
      i = end;
    } else if (PUNCT.has(c)) {
      push('punct', i, i + 1);
      i++;
    } else {
      const op = OPERATORS.find((o) => text.startsWith(o, i)) ?? c;
      push('op', i, i + op.length);
      i += op.length;
    }
  }
  return out;
}

/** End (exclusive) of a quoted run opened at `q`; doubled quotes escape, and so do backslashes in E'' strings. */
function quotedEnd(text: string, q: number, quote: string, backslash: boolean, skipJinja: (i: number) => number): number {
  let j = q + 1;
  while (j < text.length) {
    const after = skipJinja(j);
    if (after !== j) {
      j = after;
      continue;
    }
    if (backslash && text[j] === '\\') j += 2;
    else if (text[j] === quote && text[j + 1] === quote) j += 2;
    else if (text[j] === quote) return j + 1;
    else j++;
  }
  return text.length;
}

/** The token holding `offset`, where a string, quoted name or comment holds its inside and its end. */
export function sqlTokenAt(tokens: readonly SqlToken[], offset: number): SqlToken | undefined {
  return tokens.find((t) => offset > t.start && (offset < t.end || (offset === t.end && t.type === 'comment' && t.text.startsWith('--'))));
}
