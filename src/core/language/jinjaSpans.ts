/**
 * Where the Jinja tags of a text are, tolerantly. The compiler's lexer (src/core/jinja) throws at
 * the first error and works on normalized text; an editor needs answers while the user is halfway
 * through typing `{{ ref('`, with offsets into the exact buffer, so this scanner never throws:
 * an unclosed tag runs to the end of the text and says so.
 *
 * Lexical rules follow Jinja2's: `{{ }}`, `{% %}`, `{# #}`, `-`/`+` whitespace control, strings
 * (with backslash escapes) and brackets inside tags, and `{% raw %}…{% endraw %}` as opaque text.
 */

export type JinjaSpanKind = 'expr' | 'stmt' | 'comment' | 'raw';

export interface JinjaSpan {
  kind: JinjaSpanKind;
  /** Offset of the opening `{`. */
  start: number;
  /** Offset just past the closing delimiter (or the end of the text when unclosed). */
  end: number;
  /** Content between the delimiters and their `-`/`+` signs. */
  innerStart: number;
  innerEnd: number;
  closed: boolean;
  /** First word of a statement: `if`, `endfor`, `set`, `raw` … */
  tag?: string;
}

const RAW_END = /\{%[-+]?\s*endraw\s*[-+]?%\}/g;
const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

export function scanJinja(text: string): JinjaSpan[] {
  const spans: JinjaSpan[] = [];
  let pos = 0;
  for (;;) {
    const open = findOpen(text, pos);
    if (open < 0) return spans;
    const kind = text[open + 1];
    const span = kind === '#' ? scanComment(text, open) : scanTag(text, open, kind === '{' ? 'expr' : 'stmt');
    if (span.tag === 'raw' && span.closed) {
      RAW_END.lastIndex = span.end;
      const m = RAW_END.exec(text);
      span.kind = 'raw';
      span.innerStart = span.end;
      span.innerEnd = m ? m.index : text.length;
      span.end = m ? m.index + m[0].length : text.length;
      span.closed = !!m;
    }
    spans.push(span);
    pos = span.end;
  }
}

function findOpen(text: string, from: number): number {
  for (let i = text.indexOf('{', from); i >= 0; i = text.indexOf('{', i + 1)) {
    const c = text[i + 1];
    if (c === '{' || c === '%' || c === '#') return i;
  }
  return -1;
}

function sign(text: string, at: number): number {
  return text[at] === '-' || text[at] === '+' ? 1 : 0;
}

function scanComment(text: string, open: number): JinjaSpan {
  const innerStart = open + 2 + sign(text, open + 2);
  const close = text.indexOf('#}', innerStart);
  if (close < 0) return { kind: 'comment', start: open, end: text.length, innerStart, innerEnd: text.length, closed: false };
  const innerEnd = close > innerStart && text[close - 1] === '-' ? close - 1 : close;
  return { kind: 'comment', start: open, end: close + 2, innerStart, innerEnd, closed: true };
}

function scanTag(text: string, open: number, kind: 'expr' | 'stmt'): JinjaSpan {
  const innerStart = open + 2 + sign(text, open + 2);
  const endChar = kind === 'expr' ? '}' : '%';
  const stack: string[] = [];
  let i = innerStart;
  while (i < text.length) {
    const c = text[i];
    // A closer ends the tag unless a `{` is still open: Jinja only checks for it at bracket depth
    // zero, and an editor is better served closing a tag with a stray `(` than running on.
    if (c === endChar && text[i + 1] === '}' && stack[stack.length - 1] !== '}') {
      const innerEnd = i > innerStart && (text[i - 1] === '-' || text[i - 1] === '+') ? i - 1 : i;
      return { kind, start: open, end: i + 2, innerStart, innerEnd, closed: true, tag: tagOf(text, innerStart, innerEnd, kind) };
    }
    if (c === "'" || c === '"') {
      const close = stringEnd(text, i);
      if (close >= 0) {
        i = close + 1;
        continue;
      }
    } else if (c in CLOSERS) stack.push(CLOSERS[c]);
    else if (c === stack[stack.length - 1]) stack.pop();
    i++;
  }
  return { kind, start: open, end: text.length, innerStart, innerEnd: text.length, closed: false, tag: tagOf(text, innerStart, text.length, kind) };
}

/** Index of the quote closing the string opened at `at`, or -1 when it never closes. */
export function stringEnd(text: string, at: number, limit = text.length): number {
  const q = text[at];
  for (let i = at + 1; i < limit; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === q) return i;
  }
  return -1;
}

function tagOf(text: string, from: number, to: number, kind: 'expr' | 'stmt'): string | undefined {
  if (kind !== 'stmt') return undefined;
  const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(from, Math.min(to, from + 200)));
  return m ? m[1] : undefined;
}

/** The span holding `offset` (an offset on a delimiter counts as inside), if any. */
export function spanAt(spans: readonly JinjaSpan[], offset: number): JinjaSpan | undefined {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset > s.end || (offset === s.end && s.closed)) lo = mid + 1;
    else return s;
  }
  return undefined;
}
