/**
 * A tokenizer with Jinja2's exact lexical rules (default delimiters, trim_blocks and lstrip_blocks
 * off, as dbt configures it): whitespace control with `-`, `+` accepted and ignored, `{% raw %}`,
 * brace balancing inside tags, Python string escapes, and the single trailing newline dropped.
 * Positions are reported against the caller's original text, so errors and line maps stay exact.
 */
import { syntaxError } from './errors';

export type TokType =
  | 'data'
  | 'var_begin'
  | 'var_end'
  | 'block_begin'
  | 'block_end'
  | 'name'
  | 'string'
  | 'int'
  | 'float'
  | 'op'
  | 'eof';

export interface Token {
  type: TokType;
  /** Decoded text for strings and data, the source text otherwise. */
  value: string;
  line: number;
  col: number;
  /** Offset in the normalized source, for slicing macro bodies. */
  pos: number;
}

/** Characters Python's `str.isspace()` accepts, which is what Jinja's `\s` and `rstrip()` use. */
const WS = '\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const WS_RUN = new RegExp(`[${WS}]+`, 'y');
const WS_TAIL = new RegExp(`[${WS}]+$`);
const WS_CHAR = new RegExp(`[${WS}]`);
const RAW_BEGIN = new RegExp(`\\{%[-+]?[${WS}]*raw[${WS}]*(?:-%\\}[${WS}]*|%\\})`, 'y');
const RAW_END = new RegExp(`\\{%([-+]?)[${WS}]*endraw[${WS}]*(?:\\+%\\}|-%\\}[${WS}]*|%\\})`, 'g');
const FLOAT = /(?<!\.)(?:\d+_)*\d+(?:(?:\.(?:\d+_)*\d+)?e[+-]?(?:\d+_)*\d+|\.(?:\d+_)*\d+)/iy;
const INT = /0b(?:_?[01])+|0o(?:_?[0-7])+|0x(?:_?[\da-f])+|[1-9](?:_?\d)*|0(?:_?0)*/iy;
const NAME = /[\p{ID_Start}_][\p{ID_Continue}]*/uy;
const STRING = /'([^'\\]*(?:\\.[^'\\]*)*)'|"([^"\\]*(?:\\.[^"\\]*)*)"/sy;
const TWO_CHAR_OPS = new Set(['//', '**', '==', '!=', '>=', '<=']);
const ONE_CHAR_OPS = '+-/*%~[](){}><=.:|,;';
const CLOSER: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** Jinja2 normalizes every newline to `\n` and drops one trailing newline (keep_trailing_newline=False). */
export function normalizeSource(source: string): string {
  let s = source.indexOf('\r') >= 0 ? source.replace(/\r\n?/g, '\n') : source;
  if (s.endsWith('\n')) s = s.slice(0, -1);
  return s;
}

export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(src: string) {
    for (let i = src.indexOf('\n'); i >= 0; i = src.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  lineCol(pos: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: pos - this.starts[lo] + 1 };
  }
}

export function tokenize(src: string, file: string): Token[] {
  const tokens: Token[] = [];
  // Tokens are produced in source order, so line/column can be tracked incrementally.
  let line = 1;
  let lineStart = 0;
  let nextNewline = src.indexOf('\n');
  const push: Push = (type, value, pos) => {
    while (nextNewline >= 0 && nextNewline < pos) {
      line++;
      lineStart = nextNewline + 1;
      nextNewline = src.indexOf('\n', lineStart);
    }
    tokens.push({ type, value, line, col: pos - lineStart + 1, pos });
  };
  const fail: Fail = (message, pos, hint) => {
    const { line: l, col } = new LineIndex(src).lineCol(pos);
    throw syntaxError(message, file, l, col, hint);
  };
  const data = (text: string, pos: number, stripTail: boolean): void => {
    const t = stripTail ? text.replace(WS_TAIL, '') : text;
    if (t) push('data', t, pos);
  };

  let pos = 0;
  const n = src.length;
  while (pos < n) {
    const open = findOpen(src, pos);
    if (open < 0) {
      data(src.slice(pos), pos, false);
      break;
    }
    const kind = src[open + 1];
    const sign = src[open + 2] === '-' || src[open + 2] === '+' ? src[open + 2] : '';
    data(src.slice(pos, open), pos, sign === '-');
    if (kind === '%') {
      RAW_BEGIN.lastIndex = open;
      if (RAW_BEGIN.test(src)) {
        pos = lexRaw(src, RAW_BEGIN.lastIndex, open, push, fail);
        continue;
      }
    }
    const afterOpen = open + 2 + sign.length;
    if (kind === '#') {
      pos = skipComment(src, afterOpen, open, fail);
      continue;
    }
    push(kind === '%' ? 'block_begin' : 'var_begin', src.slice(open, afterOpen), open);
    pos = lexTag(src, afterOpen, kind === '%', push, fail);
  }
  push('eof', '', n);
  return tokens;
}

function findOpen(src: string, from: number): number {
  for (let i = src.indexOf('{', from); i >= 0; i = src.indexOf('{', i + 1)) {
    const c = src.charCodeAt(i + 1);
    if (c === 37 /* % */ || c === 123 /* { */ || c === 35 /* # */) return i;
  }
  return -1;
}

type Push = (type: TokType, value: string, pos: number) => void;
type Fail = (message: string, pos: number, hint?: string) => never;

function lexRaw(src: string, bodyStart: number, open: number, push: Push, fail: Fail): number {
  RAW_END.lastIndex = bodyStart;
  const m = RAW_END.exec(src);
  if (!m) return fail('missing end of raw directive: {% raw %} has no matching {% endraw %}', open);
  let body = src.slice(bodyStart, m.index);
  if (m[1] === '-') body = body.replace(WS_TAIL, '');
  if (body) push('data', body, bodyStart);
  return m.index + m[0].length;
}

function skipWs(src: string, pos: number): number {
  WS_RUN.lastIndex = pos;
  return WS_RUN.test(src) ? WS_RUN.lastIndex : pos;
}

function skipComment(src: string, contentStart: number, open: number, fail: Fail): number {
  const close = src.indexOf('#}', contentStart);
  if (close < 0) return fail('missing end of comment tag: {# has no matching #}', open);
  const end = close + 2;
  return close > contentStart && src[close - 1] === '-' ? skipWs(src, end) : end;
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x1f) || (c > 127 && WS_CHAR.test(String.fromCharCode(c)));
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isNamePart(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}

/** The end delimiter at `pos` (with any whitespace a `-` makes it swallow), or null. */
function endTag(src: string, pos: number, block: boolean): string | null {
  const close = block ? '%}' : '}}';
  let p = pos;
  const c = src[p];
  if (c === '-' || (block && c === '+')) p++;
  if (src.startsWith(close, p)) {
    const end = c === '-' ? skipWs(src, p + 2) : p + 2;
    return src.slice(pos, end);
  }
  return null;
}

function lexTag(src: string, start: number, block: boolean, push: Push, fail: Fail): number {
  const stack: string[] = [];
  let pos = start;
  const n = src.length;
  while (pos < n) {
    if (stack.length === 0) {
      const end = endTag(src, pos, block);
      if (end !== null) {
        push(block ? 'block_end' : 'var_end', end, pos);
        return pos + end.length;
      }
    }
    const c = src.charCodeAt(pos);
    if (isSpace(c)) {
      pos++;
      while (pos < n && isSpace(src.charCodeAt(pos))) pos++;
    } else if (c >= 48 && c <= 57) {
      const f = matchAt(FLOAT, src, pos);
      const m = f ?? matchAt(INT, src, pos);
      if (m === null) return fail(`unexpected character ${JSON.stringify(src[pos])}`, pos);
      push(f !== null ? 'float' : 'int', m, pos);
      pos += m.length;
    } else if (isNameStart(c) && (pos + 1 >= n || src.charCodeAt(pos + 1) < 128)) {
      let e = pos + 1;
      while (e < n && isNamePart(src.charCodeAt(e))) e++;
      if (e < n && src.charCodeAt(e) >= 128) {
        const m = matchAt(NAME, src, pos) ?? '';
        e = pos + m.length;
      }
      push('name', src.slice(pos, e), pos);
      pos = e;
    } else if (c === 39 || c === 34) {
      const m = matchAt(STRING, src, pos);
      if (m === null) return fail('unterminated string literal', pos);
      push('string', decodeString(m.slice(1, -1)), pos);
      pos += m.length;
    } else if (c >= 128) {
      const m = matchAt(NAME, src, pos);
      if (m === null) return fail(`unexpected character ${JSON.stringify(src[pos])}`, pos);
      push('name', m, pos);
      pos += m.length;
    } else {
      const two = src.slice(pos, pos + 2);
      const op = TWO_CHAR_OPS.has(two) ? two : ONE_CHAR_OPS.includes(src[pos]) ? src[pos] : null;
      if (op === null) return fail(`unexpected character ${JSON.stringify(src[pos])}`, pos);
      if (op === '(' || op === '[' || op === '{') stack.push(CLOSER[op]);
      else if (op === ')' || op === ']' || op === '}') {
        const expected = stack.pop();
        if (!expected) fail(`unexpected '${op}'`, pos, op === '}' ? `close the ${block ? 'tag with %}' : 'expression with }}'}` : undefined);
        if (expected !== op) fail(`unexpected '${op}', expected '${expected}'`, pos);
      }
      push('op', op, pos);
      pos += op.length;
    }
  }
  return pos;
}

function matchAt(re: RegExp, src: string, pos: number): string | null {
  re.lastIndex = pos;
  const m = re.exec(src);
  return m ? m[0] : null;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** Python's `unicode-escape` decoding, which is what Jinja2 applies to string literals. */
export function decodeString(raw: string): string {
  if (raw.indexOf('\\') < 0) return raw;
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const c = raw[i];
    if (c !== '\\' || i + 1 >= raw.length) {
      out += c;
      i++;
      continue;
    }
    const e = raw[i + 1];
    if (e in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[e];
      i += 2;
      continue;
    }
    const hexLen = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (hexLen && /^[0-9a-fA-F]+$/.test(raw.slice(i + 2, i + 2 + hexLen)) && i + 2 + hexLen <= raw.length) {
      out += String.fromCodePoint(parseInt(raw.slice(i + 2, i + 2 + hexLen), 16));
      i += 2 + hexLen;
      continue;
    }
    const oct = /^[0-7]{1,3}/.exec(raw.slice(i + 1, i + 4));
    if (oct) {
      out += String.fromCharCode(parseInt(oct[0], 8));
      i += 1 + oct[0].length;
      continue;
    }
    out += '\\' + e;
    i += 2;
  }
  return out;
}
