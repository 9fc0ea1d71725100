/** Python's `str()` and `repr()`, which decide how every printed value looks in compiled SQL. */
import { isMapping, MACRO, Namespace, Native, PyFloat, rangeArgs, seqKind, Undefined } from './values';

export function floatRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const [mant, expText] = n.toExponential().split('e');
  const exp = Number(expText);
  const sign = n < 0 ? '-' : '';
  const digits = mant.replace('-', '').replace('.', '');
  if (exp >= -4 && exp < 16) {
    if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
    const int = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    return `${sign}${int}.${digits.slice(exp + 1) || '0'}`;
  }
  const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

export function intStr(n: number): string {
  if (Math.abs(n) < 1e21) return n === 0 ? '0' : String(n);
  return BigInt(n).toString();
}

export function numStr(n: number, float: boolean): string {
  return float || !Number.isInteger(n) ? floatRepr(n) : intStr(n);
}

/** `str(value)`: what `{{ value }}` prints. */
export function pyStr(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Undefined) return '';
  return repr(v, false, new Set());
}

export function pyRepr(v: unknown): string {
  return repr(v, true, new Set());
}

function repr(v: unknown, quote: boolean, seen: Set<unknown>): string {
  if (v === null || v === undefined) return 'None';
  switch (typeof v) {
    case 'string':
      return quote ? strRepr(v) : v;
    case 'boolean':
      return v ? 'True' : 'False';
    case 'number':
      return numStr(v, false);
    case 'bigint':
      return v.toString();
    case 'function': {
      const name = (v as { [MACRO]?: { name: string } })[MACRO]?.name;
      return name ? `<Macro '${name}'>` : `<function ${v.name || '<anonymous>'}>`;
    }
    default:
  }
  if (v instanceof PyFloat) return floatRepr(v.value);
  if (v instanceof Undefined) return quote ? 'Undefined' : '';
  if (seen.has(v)) return Array.isArray(v) ? '[...]' : '{...}';
  if (Array.isArray(v)) {
    seen.add(v);
    try {
      return seqRepr(v, seen);
    } finally {
      seen.delete(v);
    }
  }
  if (isMapping(v)) {
    seen.add(v);
    try {
      return dictRepr(v, seen);
    } finally {
      seen.delete(v);
    }
  }
  if (v instanceof Namespace) return `<Namespace ${dictRepr(v.attrs, seen)}>`;
  if (v instanceof Native) return `<built-in function ${v.name}>`;
  if (v instanceof Date) return dateStr(v);
  if (v instanceof Set) return v.size ? `{${[...v].map((x) => repr(x, true, seen)).join(', ')}}` : 'set()';
  const obj = v as { toString?: () => string };
  if (typeof obj.toString === 'function' && obj.toString !== Object.prototype.toString) return obj.toString();
  const ctor = (v as { constructor?: { name?: string } }).constructor?.name ?? 'object';
  return `<${ctor} object>`;
}

function seqRepr(v: unknown[], seen: Set<unknown>): string {
  const items = v.map((x) => repr(x, true, seen));
  switch (seqKind(v)) {
    case 'tuple':
      return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
    case 'dict_items':
      return `dict_items([${items.join(', ')}])`;
    case 'dict_keys':
      return `dict_keys([${items.join(', ')}])`;
    case 'dict_values':
      return `dict_values([${items.join(', ')}])`;
    case 'range': {
      const [start, stop, step] = rangeArgs(v) ?? [0, v.length, 1];
      return step === 1 ? `range(${start}, ${stop})` : `range(${start}, ${stop}, ${step})`;
    }
    default:
      return `[${items.join(', ')}]`;
  }
}

function dictRepr(v: Record<string, unknown> | Map<unknown, unknown>, seen: Set<unknown>): string {
  const parts: string[] = [];
  if (v instanceof Map) {
    for (const [k, x] of v) parts.push(`${repr(k, true, seen)}: ${repr(x, true, seen)}`);
  } else {
    for (const k of Object.keys(v)) parts.push(`${strRepr(k)}: ${repr(v[k], true, seen)}`);
  }
  return `{${parts.join(', ')}}`;
}

const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

export function strRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of s) {
    if (ch === q || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch !== ' ' && NON_PRINTABLE.test(ch)) {
      const cp = ch.codePointAt(0) ?? 0;
      if (cp < 0x100) out += '\\x' + cp.toString(16).padStart(2, '0');
      else if (cp < 0x10000) out += '\\u' + cp.toString(16).padStart(4, '0');
      else out += '\\U' + cp.toString(16).padStart(8, '0');
    } else out += ch;
  }
  return out + q;
}

/** Python's `str(datetime)` for a timezone-aware UTC datetime, as dbt's `run_started_at` prints. */
function dateStr(d: Date): string {
  const iso = d.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${iso.slice(20, 23)}000+00:00`;
}
