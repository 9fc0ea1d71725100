/** Python `str` methods (`.upper()`, `.split()`, `.format()` …) as dbt macros call them. */
import { bindArgs, toInt, toStrArg, type Param } from './args';
import { renderError } from './errors';
import { strFormat } from './format';
import { iterate } from './ops';
import { isTuple, tuple, typeName } from './values';
import { getattr, getitem } from './attrs';

type StrMethod = (s: string, args: unknown[], kw: Record<string, unknown>) => unknown;

const SPACE = /[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const SPACES = /[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

export function isPySpace(c: string): boolean {
  return SPACE.test(c);
}

export function pyStrip(s: string, chars: unknown, left: boolean, right: boolean): string {
  const strip = chars === null || chars === undefined ? isPySpace : (c: string): boolean => toStrArg(chars, 'strip arg').includes(c);
  let a = 0;
  let b = s.length;
  if (left) while (a < b && strip(s[a])) a++;
  if (right) while (b > a && strip(s[b - 1])) b--;
  return s.slice(a, b);
}

export function pySplit(s: string, sep: unknown, maxsplit: number): string[] {
  if (sep === null || sep === undefined) {
    const out: string[] = [];
    let rest = pyStrip(s, null, true, false);
    while (rest) {
      if (maxsplit >= 0 && out.length === maxsplit) {
        out.push(rest);
        break;
      }
      const m = SPACES.exec(rest);
      if (!m) {
        out.push(rest);
        break;
      }
      out.push(rest.slice(0, m.index));
      rest = pyStrip(rest.slice(m.index), null, true, false);
    }
    return out;
  }
  const sp = toStrArg(sep, 'separator');
  if (sp === '') throw renderError('empty separator');
  const parts = s.split(sp);
  if (maxsplit < 0 || parts.length <= maxsplit + 1) return parts;
  return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sp)];
}

function rsplit(s: string, sep: unknown, maxsplit: number): string[] {
  if (maxsplit < 0) return pySplit(s, sep, -1);
  const rev = (x: string): string => Array.from(x).reverse().join('');
  const sepRev = typeof sep === 'string' ? rev(sep) : sep;
  return pySplit(rev(s), sepRev, maxsplit).map(rev).reverse();
}

function isCased(c: string): boolean {
  return c.toLowerCase() !== c.toUpperCase();
}

export function pyTitle(s: string): string {
  let out = '';
  let prevCased = false;
  for (const c of s) {
    out += prevCased ? c.toLowerCase() : c.toUpperCase();
    prevCased = isCased(c);
  }
  return out;
}

export function pyCapitalize(s: string): string {
  const chars = Array.from(s);
  return chars.length ? chars[0].toUpperCase() + chars.slice(1).join('').toLowerCase() : '';
}

export function pyReplace(s: string, old: string, rep: string, count: number): string {
  if (old === '') {
    const chars = Array.from(s);
    const n = count < 0 ? chars.length + 1 : Math.min(count, chars.length + 1);
    let out = '';
    for (let i = 0; i < chars.length; i++) out += (i < n ? rep : '') + chars[i];
    return out + (n > chars.length ? rep : '');
  }
  if (count < 0) return s.split(old).join(rep);
  const parts = s.split(old);
  if (parts.length - 1 <= count) return parts.join(rep);
  return parts.slice(0, count + 1).join(rep) + old + parts.slice(count + 1).join(old);
}

function affix(s: string, a: unknown[], kw: Record<string, unknown>, name: string, test: (x: string, p: string) => boolean): boolean {
  const [prefix, start, end] = bindArgs(name, [['prefix'], ['start', null], ['end', null]], a, kw);
  const sub = s.slice(start === null ? 0 : toInt(start, name), end === null ? undefined : toInt(end, name));
  const options = isTuple(prefix) ? prefix : [prefix];
  return options.some((p) => {
    if (typeof p !== 'string') throw renderError(`${name} first arg must be str or a tuple of str, not ${typeName(p)}`);
    return test(sub, p);
  });
}

function justify(name: string, s: string, a: unknown[], kw: Record<string, unknown>): string {
  const [w, f] = bindArgs(name, [['width'], ['fillchar', ' ']], a, kw);
  const width = toInt(w, name);
  const fill = toStrArg(f, 'fillchar');
  const len = Array.from(s).length;
  const marg = width - len;
  if (marg <= 0) return s;
  if (name === 'ljust') return s + fill.repeat(marg);
  if (name === 'rjust') return fill.repeat(marg) + s;
  const left = Math.floor(marg / 2) + (marg & width & 1);
  return fill.repeat(left) + s + fill.repeat(marg - left);
}

function finder(name: string, s: string, a: unknown[], kw: Record<string, unknown>): number {
  const [sub, start, end] = bindArgs(name, [['sub'], ['start', null], ['end', null]], a, kw);
  const from = start === null ? 0 : toInt(start, name);
  const to = end === null ? s.length : toInt(end, name);
  const hay = s.slice(0, to);
  const needle = toStrArg(sub, name);
  const i = name.startsWith('r') ? hay.lastIndexOf(needle) : hay.indexOf(needle, from);
  const found = i >= from ? i : -1;
  if (found < 0 && name.endsWith('index')) throw renderError('substring not found');
  return found;
}

function allChars(s: string, re: RegExp): boolean {
  return s.length > 0 && Array.from(s).every((c) => re.test(c));
}

const noArgs = (name: string, f: (s: string) => unknown): StrMethod => (s, a, kw) => {
  bindArgs(name, [], a, kw);
  return f(s);
};

const P_SEP: Param[] = [['sep', null], ['maxsplit', -1]];

export const STR_METHODS: Record<string, StrMethod> = {
  upper: noArgs('upper', (s) => s.toUpperCase()),
  lower: noArgs('lower', (s) => s.toLowerCase()),
  casefold: noArgs('casefold', (s) => s.toLowerCase()),
  swapcase: noArgs('swapcase', (s) => Array.from(s).map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('')),
  title: noArgs('title', pyTitle),
  capitalize: noArgs('capitalize', pyCapitalize),
  strip: (s, a, kw) => pyStrip(s, bindArgs('strip', [['chars', null]], a, kw)[0], true, true),
  lstrip: (s, a, kw) => pyStrip(s, bindArgs('lstrip', [['chars', null]], a, kw)[0], true, false),
  rstrip: (s, a, kw) => pyStrip(s, bindArgs('rstrip', [['chars', null]], a, kw)[0], false, true),
  split: (s, a, kw) => {
    const [sep, max] = bindArgs('split', P_SEP, a, kw);
    return pySplit(s, sep, toInt(max, 'split'));
  },
  rsplit: (s, a, kw) => {
    const [sep, max] = bindArgs('rsplit', P_SEP, a, kw);
    return rsplit(s, sep, toInt(max, 'rsplit'));
  },
  splitlines: (s, a, kw) => {
    const [keep] = bindArgs('splitlines', [['keepends', false]], a, kw);
    const parts = s.split(/(\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029])/);
    const out: string[] = [];
    for (let i = 0; i < parts.length; i += 2) {
      if (i === parts.length - 1 && parts[i] === '') break;
      out.push(keep === true ? parts[i] + (parts[i + 1] ?? '') : parts[i]);
    }
    return out;
  },
  replace: (s, a, kw) => {
    const [o, n, c] = bindArgs('replace', [['old'], ['new'], ['count', -1]], a, kw);
    return pyReplace(s, toStrArg(o, 'replace() argument 1'), toStrArg(n, 'replace() argument 2'), toInt(c, 'replace'));
  },
  startswith: (s, a, kw) => affix(s, a, kw, 'startswith', (x, p) => x.startsWith(p)),
  endswith: (s, a, kw) => affix(s, a, kw, 'endswith', (x, p) => x.endsWith(p)),
  find: (s, a, kw) => finder('find', s, a, kw),
  rfind: (s, a, kw) => finder('rfind', s, a, kw),
  index: (s, a, kw) => finder('index', s, a, kw),
  rindex: (s, a, kw) => finder('rindex', s, a, kw),
  count: (s, a, kw) => {
    const sub = toStrArg(bindArgs('count', [['sub']], a, kw)[0], 'count');
    return sub === '' ? Array.from(s).length + 1 : s.split(sub).length - 1;
  },
  join: (s, a, kw) => {
    const items = iterate(bindArgs('join', [['iterable']], a, kw)[0]);
    return items
      .map((x, i) => {
        if (typeof x !== 'string') throw renderError(`sequence item ${i}: expected str instance, ${typeName(x)} found`);
        return x;
      })
      .join(s);
  },
  format: (s, a, kw) => strFormat(s, a, kw, getattr, getitem),
  format_map: (s, a, kw) => {
    const m = bindArgs('format_map', [['mapping']], a, kw)[0];
    return strFormat(s, [], (m ?? {}) as Record<string, unknown>, getattr, getitem);
  },
  zfill: (s, a, kw) => {
    const width = toInt(bindArgs('zfill', [['width']], a, kw)[0], 'zfill');
    const sign = s[0] === '-' || s[0] === '+' ? s[0] : '';
    const body = sign ? s.slice(1) : s;
    return sign + body.padStart(width - sign.length, '0');
  },
  ljust: (s, a, kw) => justify('ljust', s, a, kw),
  rjust: (s, a, kw) => justify('rjust', s, a, kw),
  center: (s, a, kw) => justify('center', s, a, kw),
  partition: (s, a, kw) => {
    const sep = toStrArg(bindArgs('partition', [['sep']], a, kw)[0], 'partition');
    const i = s.indexOf(sep);
    return tuple(i < 0 ? [s, '', ''] : [s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
  rpartition: (s, a, kw) => {
    const sep = toStrArg(bindArgs('rpartition', [['sep']], a, kw)[0], 'rpartition');
    const i = s.lastIndexOf(sep);
    return tuple(i < 0 ? ['', '', s] : [s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
  removeprefix: (s, a, kw) => {
    const p = toStrArg(bindArgs('removeprefix', [['prefix']], a, kw)[0], 'removeprefix');
    return p && s.startsWith(p) ? s.slice(p.length) : s;
  },
  removesuffix: (s, a, kw) => {
    const p = toStrArg(bindArgs('removesuffix', [['suffix']], a, kw)[0], 'removesuffix');
    return p && s.endsWith(p) ? s.slice(0, -p.length) : s;
  },
  isdigit: noArgs('isdigit', (s) => allChars(s, /\p{Nd}/u)),
  isdecimal: noArgs('isdecimal', (s) => allChars(s, /\p{Nd}/u)),
  isnumeric: noArgs('isnumeric', (s) => allChars(s, /\p{N}/u)),
  isalpha: noArgs('isalpha', (s) => allChars(s, /\p{L}/u)),
  isalnum: noArgs('isalnum', (s) => allChars(s, /[\p{L}\p{N}]/u)),
  isspace: noArgs('isspace', (s) => allChars(s, SPACE)),
  islower: noArgs('islower', (s) => /\p{Ll}/u.test(s) && s === s.toLowerCase()),
  isupper: noArgs('isupper', (s) => /\p{Lu}/u.test(s) && s === s.toUpperCase()),
  istitle: noArgs('istitle', (s) => /\p{L}/u.test(s) && pyTitle(s) === s),
  isidentifier: noArgs('isidentifier', (s) => /^[\p{ID_Start}_][\p{ID_Continue}]*$/u.test(s)),
};
