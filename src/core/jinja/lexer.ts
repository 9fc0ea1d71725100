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
const RAW_BEGIN = new RegExp(`\\{%[-+]?[${WS}]*raw[${WS}]*(?:-%\\}[${WS}]*|%\\})`, 'y');
const RAW_END = new RegExp(`\\{%([-+]?)[${WS}]*endraw[${WS}]*(?:\\+%\\}|-%\\}[${WS}]*|%\\})`, 'g');
const BLOCK_END = new RegExp(`\\+%\\}|-%\\}[${WS}]*|%\\}`, 'y');
const VAR_END = new RegExp(`-\\}\\}[${WS}]*|\\}\\}`, 'y');
const FLOAT = /(?<!\.)(?:\d+_)*\d+(?:(?:\.(?:\d+_)*\d+)?e[+-]?(?:\d+_)*\d+|\.(?:\d+_)*\d+)/iy;
const INT = /0b(?:_?[01])+|0o(?:_?[0-7])+|0x(?:_?[\da-f])+|[1-9](?:_?\d)*|0(?:_?0)*/iy;
const NAME = /[\p{ID_Start}_][\p{ID_Continue}]*/uy;
const STRING = /'([^'\\]*(?:\\.[^'\\]*)*)'|"([^"\\]*(?:\\.[^"\\]*)*)"/sy;
const OPERATOR = /\/\/|\*\*|==|!=|>=|<=|[+\-/*%~[\](){}><=.:|,;]/y;
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
  const lines = new LineIndex(src);
  const tokens: Token[] = [];
  const push = (type: TokType, value: string, pos: number): void => {
    const { line, col } = lines.lineCol(pos);
    tokens.push({ type, value, line, col, pos });
  };
  const fail = (message: string, pos: number): never => {
    const { line, col } = lines.lineCol(pos);
    throw syntaxError(message, file, line, col);
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
    pos = lexTag(src, afterOpen, kind === '%' ? 'block' : 'var', push, fail);
  }
  push('eof', '', n);
  return tokens;
}

function findOpen(src: string, from: number): number {
  for (let i = src.indexOf('{', from); i >= 0; i = src.indexOf('{', i + 1)) {
    const c = src[i + 1];
    if (c === '%' || c === '{' || c === '#') return i;
  }
  return -1;
}

type Push = (type: TokType, value: string, pos: number) => void;
type Fail = (message: string, pos: number) => never;

function lexRaw(src: string, bodyStart: number, open: number, push: Push, fail: Fail): number {
  RAW_END.lastIndex = bodyStart;
  const m = RAW_END.exec(src);
  if (!m) return fail('missing end of raw directive: {% raw %} has no matching {% endraw %}', open);
  let body = src.slice(bodyStart, m.index);
  if (m[1] === '-') body = body.replace(WS_TAIL, '');
  if (body) push('data', body, bodyStart);
  return m.index + m[0].length;
}

function skipComment(src: string, contentStart: number, open: number, fail: Fail): number {
  const close = src.indexOf('#}', contentStart);
  if (close < 0) return fail('missing end of comment tag: {# has no matching #}', open);
  let end = close + 2;
  if (close > contentStart && src[close - 1] === '-') {
    WS_RUN.lastIndex = end;
    if (WS_RUN.test(src)) end = WS_RUN.lastIndex;
  }
  return end;
}

function lexTag(src: string, start: number, mode: 'block' | 'var', push: Push, fail: Fail): number {
  const stack: string[] = [];
  const endRe = mode === 'block' ? BLOCK_END : VAR_END;
  let pos = start;
  const n = src.length;
  const match = (re: RegExp): string | null => {
    re.lastIndex = pos;
    const m = re.exec(src);
    return m ? m[0] : null;
  };
  while (pos < n) {
    if (stack.length === 0) {
      const end = match(endRe);
      if (end !== null) {
        push(mode === 'block' ? 'block_end' : 'var_end', end, pos);
        return pos + end.length;
      }
    }
    let m: string | null;
    if ((m = match(WS_RUN)) !== null) {
      pos += m.length;
    } else if ((m = match(FLOAT)) !== null) {
      push('float', m, pos);
      pos += m.length;
    } else if ((m = match(INT)) !== null) {
      push('int', m, pos);
      pos += m.length;
    } else if ((m = match(NAME)) !== null) {
      push('name', m, pos);
      pos += m.length;
    } else if ((m = match(STRING)) !== null) {
      push('string', decodeString(m.slice(1, -1)), pos);
      pos += m.length;
    } else if ((m = match(OPERATOR)) !== null) {
      if (m === '(' || m === '[' || m === '{') stack.push(CLOSER[m]);
      else if (m === ')' || m === ']' || m === '}') {
        const expected = stack.pop();
        if (!expected) fail(`unexpected '${m}'`, pos);
        if (expected !== m) fail(`unexpected '${m}', expected '${expected}'`, pos);
      }
      push('op', m, pos);
      pos += m.length;
    } else {
      fail(`unexpected character ${JSON.stringify(src[pos])}`, pos);
    }
  }
  return pos;
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
