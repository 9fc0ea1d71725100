/** Jinja2's `tojson`: Python `json.dumps(sort_keys=True)` made safe for HTML, byte for byte. */
import { renderError } from './errors';
import { floatRepr, intStr } from './repr';
import { isMapping, PyFloat, typeName } from './values';

function quote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i];
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || c > 0x7e) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

function numJson(n: number, float: boolean): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  return float || !Number.isInteger(n) ? floatRepr(n) : intStr(n);
}

function keyJson(k: unknown): string {
  if (typeof k === 'string') return k;
  if (typeof k === 'boolean') return k ? 'true' : 'false';
  if (k === null) return 'null';
  if (typeof k === 'number') return numJson(k, false);
  if (k instanceof PyFloat) return numJson(k.value, true);
  throw renderError(`keys must be str, int, float, bool or None, not ${typeName(k)}`);
}

/** Python's `json.dumps(v, sort_keys=True, indent=indent)`. */
export function pyJsonDumps(v: unknown, indent: string | null): string {
  const itemSep = indent === null ? ', ' : ',';
  const walk = (x: unknown, level: number, seen: Set<unknown>): string => {
    if (x === null || x === undefined) return 'null';
    if (x === true) return 'true';
    if (x === false) return 'false';
    if (typeof x === 'number') return numJson(x, false);
    if (typeof x === 'bigint') return x.toString();
    if (x instanceof PyFloat) return numJson(x.value, true);
    if (typeof x === 'string') return quote(x);
    const container = Array.isArray(x) || isMapping(x);
    if (!container) throw renderError(`Object of type ${typeName(x)} is not JSON serializable`);
    if (seen.has(x)) throw renderError('Circular reference detected');
    seen.add(x);
    const inner = indent === null ? '' : '\n' + indent.repeat(level + 1);
    const outer = indent === null ? '' : '\n' + indent.repeat(level);
    let parts: string[];
    let open = '[';
    let close = ']';
    if (Array.isArray(x)) {
      parts = x.map((y) => walk(y, level + 1, seen));
    } else {
      open = '{';
      close = '}';
      const entries: Array<[string, unknown]> = x instanceof Map ? [...x.entries()].map(([k, y]) => [keyJson(k), y]) : Object.entries(x);
      entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      parts = entries.map(([k, y]) => `${quote(k)}: ${walk(y, level + 1, seen)}`);
    }
    seen.delete(x);
    if (!parts.length) return open + close;
    return open + inner + parts.join(itemSep + inner) + outer + close;
  };
  return walk(v, 0, new Set());
}

export function htmlSafeJson(v: unknown, indent: unknown): string {
  const ind = indent === null || indent === undefined ? null : typeof indent === 'string' ? indent : ' '.repeat(Number(indent));
  return pyJsonDumps(v, ind)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/'/g, '\\u0027');
}
