/**
 * Python string formatting: `'%s' % x` (and the `format` filter), `str.format()` with the format
 * spec mini-language, and float rounding that matches Python's round-half-even on exact values.
 */
import { renderError } from './errors';
import { floatRepr, intStr, pyRepr, pyStr } from './repr';
import { isFloat, isMapping, isTuple, numOf, PyFloat, typeName, Undefined } from './values';

/** `x.toFixed(d)`, except exact ties round to even as Python's formatting and `round()` do. */
export function toFixedPy(x: number, d: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  if (Math.abs(x) >= 1e21) return intStr(x) + (d > 0 ? '.' + '0'.repeat(d) : '');
  const scaled = x * 2 ** (d + 1);
  if (!Number.isInteger(scaled)) return x.toFixed(d);
  const exact = Math.abs(x).toFixed(d + 1);
  if (!exact.endsWith('5')) return x.toFixed(d);
  let kept = exact.slice(0, -1);
  if (kept.endsWith('.')) kept = kept.slice(0, -1);
  const last = Number(kept[kept.length - 1]);
  if (last % 2 === 1) kept = incrementDecimal(kept);
  const neg = x < 0 || Object.is(x, -0);
  return neg ? '-' + kept : kept;
}

function incrementDecimal(s: string): string {
  const chars = s.split('');
  for (let i = chars.length - 1; i >= 0; i--) {
    if (chars[i] === '.') continue;
    if (chars[i] === '9') chars[i] = '0';
    else {
      chars[i] = String(Number(chars[i]) + 1);
      return chars.join('');
    }
  }
  return '1' + chars.join('');
}

/** Python's `round(x, ndigits)` on a float. */
export function pyRound(x: number, digits: number): number {
  if (digits >= 0) return Number(toFixedPy(x, digits));
  const f = 10 ** -digits;
  return Number(toFixedPy(x / f, 0)) * f;
}

function expStr(x: number, prec: number): string {
  const [m, e] = x.toExponential(prec).split('e');
  const n = Number(e);
  return `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
}

function generalStr(x: number, prec: number, alt: boolean): string {
  const p = prec === 0 ? 1 : prec;
  if (x === 0) return alt ? '0.' + '0'.repeat(p - 1) : Object.is(x, -0) ? '-0' : '0';
  const exp = Number(x.toExponential(p - 1).split('e')[1]);
  let s = exp >= -4 && exp < p ? toFixedPy(x, p - 1 - exp) : expStr(x, p - 1);
  if (!alt) {
    s = s.replace(/(\.\d*?)0+(e|$)/, '$1$2').replace(/\.(e|$)/, '$1');
  }
  return s;
}

/** Format a number for one of the float presentation types (f e g %, upper-case variants). */
function floatBody(x: number, type: string, prec: number | undefined, alt: boolean): string {
  const upper = type === type.toUpperCase() && type !== '%';
  if (!Number.isFinite(x)) {
    const t = Number.isNaN(x) ? 'nan' : 'inf';
    return upper ? t.toUpperCase() : t;
  }
  const a = Math.abs(x);
  let s: string;
  switch (type.toLowerCase()) {
    case 'f':
      s = toFixedPy(a, prec ?? 6);
      break;
    case 'e':
      s = expStr(a, prec ?? 6);
      break;
    case '%':
      s = toFixedPy(a * 100, prec ?? 6) + '%';
      break;
    default:
      s = generalStr(a, prec ?? 6, alt);
  }
  if (alt && !s.includes('.') && !/[en]/.test(s) && type.toLowerCase() !== 'g') s = s.replace(/^(\d+)/, '$1.');
  return upper ? s.toUpperCase() : s;
}

function intOf(v: unknown, what: string): number {
  const n = numOf(v);
  if (n === undefined) throw renderError(`${what} format: a real number is required, not ${typeName(v)}`);
  return Math.trunc(n);
}

function pad(body: string, sign: string, width: number, align: string, fill: string): string {
  const len = Array.from(sign + body).length;
  if (len >= width) return sign + body;
  const gap = width - len;
  switch (align) {
    case '<':
      return sign + body + fill.repeat(gap);
    case '^':
      return fill.repeat(gap >> 1) + sign + body + fill.repeat(gap - (gap >> 1));
    case '=':
      return sign + fill.repeat(gap) + body;
    default:
      return fill.repeat(gap) + sign + body;
  }
}

/** `fmt % values`: printf-style formatting as Python's str does it. */
export function percentFormat(fmt: string, values: unknown): string {
  const args = isTuple(values) ? values : [values];
  const mapping = isMapping(values) ? values : null;
  let argi = 0;
  let usedMapping = false;
  const nextArg = (): unknown => {
    if (argi >= args.length) throw renderError('not enough arguments for format string');
    return args[argi++];
  };
  const spec = /%(?:\(([^)]*)\))?([#0\- +]*)(\*|\d+)?(?:\.(\*|\d*))?[hlL]?(.)?/g;
  const out = fmt.replace(spec, (_m, key: string | undefined, flags: string, w: string | undefined, p: string | undefined, type: string | undefined) => {
    if (type === undefined) throw renderError('incomplete format');
    if (type === '%' && key === undefined && !flags && w === undefined && p === undefined) return '%';
    const width = w === '*' ? intOf(nextArg(), '*') : w ? Number(w) : 0;
    const prec = p === '*' ? intOf(nextArg(), '*') : p !== undefined ? Number(p || '0') : undefined;
    let v: unknown;
    if (key !== undefined) {
      if (!mapping) throw renderError('format requires a mapping');
      usedMapping = true;
      v = mapping instanceof Map ? mapping.get(key) : mapping[key];
      if (v === undefined) throw renderError(`KeyError: '${key}'`);
    } else v = nextArg();
    return percentOne(v, type, flags, width, prec);
  });
  if (!usedMapping && !mapping && argi < args.length) throw renderError('not all arguments converted during string formatting');
  return out;
}

function percentOne(v: unknown, type: string, flags: string, width: number, prec: number | undefined): string {
  const left = flags.includes('-');
  const zero = flags.includes('0') && !left;
  const alt = flags.includes('#');
  const signFlag = flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
  let body: string;
  let sign = '';
  switch (type) {
    case 's':
    case 'r':
    case 'a': {
      body = type === 's' ? pyStr(v) : pyRepr(v);
      if (prec !== undefined) body = Array.from(body).slice(0, prec).join('');
      return pad(body, '', width, left ? '<' : '>', ' ');
    }
    case 'c':
      body = typeof v === 'string' ? v : String.fromCodePoint(intOf(v, '%c'));
      return pad(body, '', width, left ? '<' : '>', ' ');
    case 'd':
    case 'i':
    case 'u':
    case 'x':
    case 'X':
    case 'o': {
      const n = intOf(v, `%${type}`);
      sign = n < 0 ? '-' : signFlag;
      const a = Math.abs(n);
      body = type === 'x' || type === 'X' ? a.toString(16) : type === 'o' ? a.toString(8) : intStr(a);
      if (type === 'X') body = body.toUpperCase();
      if (alt && type !== 'd' && type !== 'i' && type !== 'u') body = (type === 'o' ? '0o' : type === 'x' ? '0x' : '0X') + body;
      if (prec !== undefined) body = body.padStart(prec, '0');
      break;
    }
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G': {
      if (v instanceof Undefined) throw v.error();
      const n = numOf(v);
      if (n === undefined) throw renderError(`must be real number, not ${typeName(v)}`);
      sign = n < 0 || Object.is(n, -0) ? '-' : signFlag;
      body = floatBody(n, type, prec, alt);
      break;
    }
    default:
      throw renderError(`unsupported format character '${type}'`);
  }
  if (left) return pad(body, sign, width, '<', ' ');
  return zero ? pad(body, sign, width, '=', '0') : pad(body, sign, width, '>', ' ');
}

const SPEC = /^(?:([\s\S])?([<>=^]))?([+\- ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/;

/** `format(value, spec)` — the part after `:` in a `str.format` field. */
export function formatSpec(v: unknown, spec: string): string {
  if (spec === '') return pyStr(v);
  const m = SPEC.exec(spec);
  if (!m) throw renderError(`invalid format specifier '${spec}'`);
  const [, fillCh, alignCh, signCh, , altCh, zeroCh, widthS, group, precS, typeCh] = m;
  const width = widthS ? Number(widthS) : 0;
  const prec = precS !== undefined ? Number(precS) : undefined;
  const fill = fillCh ?? (zeroCh && !alignCh ? '0' : ' ');
  const alt = !!altCh;
  if (typeof v === 'string') {
    if (typeCh && typeCh !== 's') throw renderError(`unknown format code '${typeCh}' for object of type 'str'`);
    const body = prec !== undefined ? Array.from(v).slice(0, prec).join('') : v;
    return pad(body, '', width, alignCh ?? '<', fill);
  }
  const n = numOf(v);
  if (n === undefined || v instanceof Undefined) {
    throw renderError(`unsupported format string passed to ${typeName(v)}.__format__`);
  }
  const align = alignCh ?? (zeroCh ? '=' : '>');
  const sign = n < 0 || Object.is(n, -0) ? '-' : signCh === '+' ? '+' : signCh === ' ' ? ' ' : '';
  const a = Math.abs(n);
  const intLike = !isFloat(v) && !(v instanceof PyFloat);
  let body: string;
  const type = typeCh ?? (intLike ? 'd' : '');
  switch (type) {
    case 'd':
    case 'n':
      if (!intLike) throw renderError(`unknown format code 'd' for object of type 'float'`);
      body = intStr(a);
      break;
    case 'b':
    case 'o':
    case 'x':
    case 'X':
      if (!intLike) throw renderError(`unknown format code '${type}' for object of type 'float'`);
      body = a.toString(type === 'b' ? 2 : type === 'o' ? 8 : 16);
      if (type === 'X') body = body.toUpperCase();
      if (alt) body = `0${type}` + body;
      break;
    case 'c':
      body = String.fromCodePoint(a);
      break;
    case '':
      body = prec === undefined ? floatRepr(a) : generalStr(a, prec, alt).replace(/^(\d+)$/, '$1.0');
      break;
    default:
      body = floatBody(a, type, prec, alt);
  }
  if (group) body = groupDigits(body, group);
  return pad(body, sign, width, align, fill);
}

function groupDigits(body: string, sep: string): string {
  const m = /^(\d+)(.*)$/s.exec(body);
  if (!m) return body;
  return m[1].replace(/\B(?=(\d{3})+(?!\d))/g, sep) + m[2];
}

export type AttrLookup = (obj: unknown, name: string) => unknown;
export type ItemLookup = (obj: unknown, key: unknown) => unknown;

/** `str.format(*args, **kwargs)`. */
export function strFormat(fmt: string, args: unknown[], kwargs: Record<string, unknown>, getattr: AttrLookup, getitem: ItemLookup): string {
  let auto = 0;
  let mode: 'auto' | 'manual' | null = null;
  const field = (expr: string): unknown => {
    const m = /^([^.[]*)(.*)$/s.exec(expr) ?? ['', expr, ''];
    let head = m[1];
    if (head === '') {
      if (mode === 'manual') throw renderError('cannot switch from manual field specification to automatic field numbering');
      mode = 'auto';
      head = String(auto++);
    } else if (/^\d+$/.test(head)) {
      if (mode === 'auto') throw renderError('cannot switch from automatic field numbering to manual field specification');
      mode = 'manual';
    }
    let v: unknown;
    if (/^\d+$/.test(head)) {
      const i = Number(head);
      if (i >= args.length) throw renderError(`Replacement index ${i} out of range for positional args tuple`);
      v = args[i];
    } else {
      if (!(head in kwargs)) throw renderError(`KeyError: '${head}'`);
      v = kwargs[head];
    }
    const rest = /\.([^.[]+)|\[([^\]]*)\]/g;
    let r: RegExpExecArray | null;
    while ((r = rest.exec(m[2])) !== null) {
      v = r[1] !== undefined ? getattr(v, r[1]) : getitem(v, /^\d+$/.test(r[2]) ? Number(r[2]) : r[2]);
    }
    return v;
  };
  let out = '';
  let i = 0;
  while (i < fmt.length) {
    const c = fmt[i];
    if (c === '{' && fmt[i + 1] === '{') {
      out += '{';
      i += 2;
    } else if (c === '}' && fmt[i + 1] === '}') {
      out += '}';
      i += 2;
    } else if (c === '}') {
      throw renderError("Single '}' encountered in format string");
    } else if (c === '{') {
      let depth = 1;
      let j = i + 1;
      while (j < fmt.length && depth > 0) {
        if (fmt[j] === '{') depth++;
        else if (fmt[j] === '}') depth--;
        j++;
      }
      if (depth > 0) throw renderError("expected '}' before end of string");
      const inner = fmt.slice(i + 1, j - 1);
      const fm = /^([^!:]*)(?:!([rsa]))?(?::([\s\S]*))?$/.exec(inner);
      if (!fm) throw renderError(`invalid format field '{${inner}}'`);
      let v = field(fm[1]);
      if (fm[2]) v = fm[2] === 's' ? pyStr(v) : pyRepr(v);
      const spec = (fm[3] ?? '').replace(/\{([^{}]*)\}/g, (_x, e: string) => pyStr(field(e)));
      out += formatSpec(v, spec);
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
