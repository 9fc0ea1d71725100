/** Jinja2's string and number filters, plus dbt's `as_*` filters. */
import { bindArgs, toInt, type Param } from './args';
import { getattr } from './attrs';
import { renderError } from './errors';
import { percentFormat, pyRound, toFixedPy } from './format';
import { htmlSafeJson } from './json';
import { iterate, mapEntries, pyLen } from './ops';
import { pyRepr, pyStr } from './repr';
import type { FilterFn } from './runtime';
import { pyCapitalize, pyReplace, pySplit, pyStrip, STR_METHODS } from './str-methods';
import { isFloat, isMapping, mkFloat, numOf, tuple, typeName, Undefined } from './values';

export function filter(name: string, params: Param[], fn: (v: unknown, a: unknown[]) => unknown): [string, FilterFn] {
  return [name, (_st, v, args, kw) => fn(v, bindArgs(name, params, args, kw))];
}

const PY_INT = /^[+-]?(\d(_?\d)*)$/;
const PY_FLOAT = /^[+-]?((\d(_?\d)*)?\.?\d(_?\d)*([eE][+-]?\d(_?\d)*)?|(\d(_?\d)*)\.|inf(inity)?|nan)$/i;

/** Python `float(x)`, or undefined where Python raises. */
export function pyFloat(v: unknown): number | undefined {
  const n = numOf(v);
  if (n !== undefined) return n;
  if (typeof v !== 'string') return undefined;
  const t = pyStrip(v, null, true, true);
  if (!PY_FLOAT.test(t)) return undefined;
  const c = t.replace(/_/g, '').toLowerCase();
  if (c.endsWith('inf') || c.endsWith('infinity')) return c.startsWith('-') ? -Infinity : Infinity;
  if (c.endsWith('nan')) return NaN;
  return Number(c);
}

function pyIntFilter(v: unknown, fallback: unknown, base: number): unknown {
  if (v instanceof Undefined) throw v.error();
  if (typeof v === 'string') {
    const t = pyStrip(v, null, true, true);
    if (base === 10 && PY_INT.test(t)) return Number(t.replace(/_/g, ''));
    if (base !== 10) {
      const body = t.replace(/^[+-]/, '').replace(/^0[xob]/i, '').replace(/_/g, '');
      const n = parseInt(body, base);
      if (!Number.isNaN(n) && body.length && [...body.toLowerCase()].every((c) => parseInt(c, 36) < base)) return t.startsWith('-') ? -n : n;
    }
  } else {
    const n = numOf(v);
    if (n !== undefined && Number.isFinite(n)) return Math.trunc(n);
  }
  const f = pyFloat(v);
  if (f === undefined || Number.isNaN(f)) return fallback;
  if (!Number.isFinite(f)) throw renderError('cannot convert float infinity to integer');
  return Math.trunc(f);
}

function indent(s: string, width: unknown, first: unknown, blank: unknown): string {
  const ind = typeof width === 'string' ? width : ' '.repeat(toInt(width, 'indent'));
  const lines = (STR_METHODS.splitlines(s + '\n', [], {}) as string[]).slice();
  let rv: string;
  if (blank === true) rv = lines.join('\n' + ind);
  else {
    rv = lines.shift() ?? '';
    if (lines.length) rv += '\n' + lines.map((l) => (l ? ind + l : l)).join('\n');
  }
  return first === true ? ind + rv : rv;
}

function truncate(s: string, length: unknown, killwords: unknown, end: unknown, leeway: unknown): string {
  const len = toInt(length, 'truncate');
  const e = pyStr(end);
  const lw = leeway === null ? 5 : toInt(leeway, 'truncate');
  if (len < e.length) throw renderError(`expected length >= ${e.length}, got ${len}`);
  if (lw < 0) throw renderError(`expected leeway >= 0, got ${lw}`);
  const chars = Array.from(s);
  if (chars.length <= len + lw) return s;
  const head = chars.slice(0, len - e.length).join('');
  if (killwords === true) return head + e;
  const i = head.lastIndexOf(' ');
  return (i >= 0 ? head.slice(0, i) : head) + e;
}

function roundFilter(v: unknown, precision: unknown, method: unknown): unknown {
  const p = toInt(precision, 'round');
  if (method !== 'common' && method !== 'ceil' && method !== 'floor') {
    throw renderError('method must be common, ceil or floor');
  }
  const n = numOf(v);
  if (n === undefined) throw renderError(`type ${typeName(v)} doesn't define __round__ method`);
  if (method === 'common') {
    if (!isFloat(v)) return p >= 0 ? n : pyRound(n, p);
    return mkFloat(pyRound(n, p));
  }
  const f = 10 ** p;
  return mkFloat((method === 'ceil' ? Math.ceil(n * f) : Math.floor(n * f)) / f);
}

function fileSize(v: unknown, binary: unknown): string {
  const bytes = pyFloat(v);
  if (bytes === undefined) throw renderError(`could not convert ${typeName(v)} to float`);
  const base = binary === true ? 1024 : 1000;
  const prefixes = binary === true ? ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'] : ['kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
  if (bytes === 1) return '1 Byte';
  if (bytes < base) return `${Math.trunc(bytes)} Bytes`;
  let unit = base;
  for (let i = 0; i < prefixes.length; i++) {
    unit = base ** (i + 2);
    if (bytes < unit || i === prefixes.length - 1) return `${toFixedPy((base * bytes) / unit, 1)} ${prefixes[i]}`;
  }
  return '';
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\xa0', '#39': "'", '#34': '"' };

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');
}

function urlQuote(v: unknown, forQs: boolean): string {
  const s = encodeURIComponent(pyStr(v)).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  return forQs ? s.replace(/%20/g, '+') : s.replace(/%2F/g, '/');
}

export const TEXT_FILTERS: Array<[string, FilterFn]> = [
  filter('upper', [], (v) => pyStr(v).toUpperCase()),
  filter('lower', [], (v) => pyStr(v).toLowerCase()),
  filter('capitalize', [], (v) => pyCapitalize(pyStr(v))),
  filter('title', [], (v) =>
    pyStr(v)
      .split(/([-\s({[<]+)/)
      .filter((w) => w)
      .map((w) => w[0].toUpperCase() + w.slice(1).toLowerCase())
      .join(''),
  ),
  filter('trim', [['chars', null]], (v, [chars]) => pyStrip(pyStr(v), chars, true, true)),
  filter('replace', [['old'], ['new'], ['count', null]], (v, [o, n, c]) =>
    pyReplace(pyStr(v), pyStr(o), pyStr(n), c === null ? -1 : toInt(c, 'replace')),
  ),
  filter('string', [], (v) => pyStr(v)),
  filter('safe', [], (v) => pyStr(v)),
  filter('escape', [], (v) => escapeHtml(pyStr(v))),
  filter('e', [], (v) => escapeHtml(pyStr(v))),
  filter('forceescape', [], (v) => escapeHtml(pyStr(v))),
  filter('center', [['width', 80]], (v, [w]) => STR_METHODS.center(pyStr(v), [w], {})),
  filter('indent', [['width', 4], ['first', false], ['blank', false]], (v, [w, f, b]) => indent(pyStr(v), w, f, b)),
  filter('truncate', [['length', 255], ['killwords', false], ['end', '...'], ['leeway', null]], (v, [l, k, e, lw]) =>
    truncate(pyStr(v), l, k, e, lw),
  ),
  filter('wordcount', [], (v) => (pyStr(v).match(/[\p{L}\p{N}_]+/gu) ?? []).length),
  filter('striptags', [], (v) => {
    const stripped = pyStr(v).replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]*>/g, '');
    const text = stripped.replace(/&(#?\w+);/g, (m, name: string) => ENTITIES[name] ?? m);
    return pySplit(text, null, -1).join(' ');
  }),
  filter('urlencode', [], (v) => {
    if (typeof v === 'string' || !(Array.isArray(v) || isMapping(v))) return urlQuote(v, false);
    const pairs = isMapping(v) ? mapEntries(v) : iterate(v).map((p) => iterate(p) as [unknown, unknown]);
    return pairs.map(([k, x]) => `${urlQuote(k, true)}=${urlQuote(x, true)}`).join('&');
  }),
  filter('int', [['default', 0], ['base', 10]], (v, [d, b]) => pyIntFilter(v, d, toInt(b, 'int'))),
  filter('float', [['default', mkFloat(0)]], (v, [d]) => {
    if (v instanceof Undefined) throw v.error();
    const f = pyFloat(v);
    return f === undefined ? d : mkFloat(f);
  }),
  filter('abs', [], (v) => {
    const n = numOf(v);
    if (n === undefined) throw renderError(`bad operand type for abs(): '${typeName(v)}'`);
    return isFloat(v) ? mkFloat(Math.abs(n)) : Math.abs(n);
  }),
  filter('round', [['precision', 0], ['method', 'common']], (v, [p, m]) => roundFilter(v, p, m)),
  filter('filesizeformat', [['binary', false]], (v, [b]) => fileSize(v, b)),
  filter('length', [], (v) => pyLen(v)),
  filter('count', [], (v) => pyLen(v)),
  filter('tojson', [['indent', null]], (v, [i]) => htmlSafeJson(v, i)),
  filter('pprint', [], (v) => pyRepr(v)),
  filter('attr', [['name']], (v, [name]) => {
    if (v instanceof Undefined) throw v.error();
    if (isMapping(v)) return new Undefined(pyStr(name), { value: v });
    return getattr(v, pyStr(name));
  }),
  filter('items', [], (v) => {
    if (v instanceof Undefined) return [];
    if (!isMapping(v)) throw renderError('Can only get item pairs from a mapping.');
    return mapEntries(v).map((e) => tuple(e));
  }),
  filter('as_text', [], (v) => pyStr(v)),
  filter('as_bool', [], (v) => pyStr(v)),
  filter('as_number', [], (v) => pyStr(v)),
  filter('as_native', [], (v) => pyStr(v)),
];

/** `format` needs the raw args: positional and keyword forms are mutually exclusive. */
export const formatFilter: FilterFn = (_st, v, args, kw) => {
  const keys = Object.keys(kw);
  if (args.length && keys.length) throw renderError("can't handle positional and keyword arguments at the same time");
  return percentFormat(pyStr(v), keys.length ? { ...kw } : tuple(args.slice()));
};
