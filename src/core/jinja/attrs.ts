/**
 * `x.name` and `x[key]` with Jinja2's sandboxed-environment rules: attribute first then item for
 * `.`, item first then attribute for `[]`, and a failed lookup yields Undefined instead of raising
 * (only using an Undefined raises). Python methods of str/list/dict are found here.
 */
import { dictMethod, listMethod } from './coll-methods';
import { renderError } from './errors';
import { mapGet, mapHas } from './ops';
import { pyRepr } from './repr';
import { STR_METHODS } from './str-methods';
import { isPlainObject, MACRO, Native, numOf, objectTypeRepr, PyFloat, PyObject, seqKind, tuple, Undefined } from './values';

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function missing(obj: unknown, name: string): Undefined {
  return new Undefined(name, { value: obj });
}

function unsafe(obj: unknown, name: string): Undefined {
  return new Undefined(name, { value: obj }, `access to attribute '${name}' of ${objectTypeRepr(obj)} is unsafe.`);
}

/** A JS function found on an object keeps its `this`; macros are already bound to their render. */
function bindTo(fn: unknown, self: object): unknown {
  if (typeof fn !== 'function' || (fn as { [MACRO]?: unknown })[MACRO]) return fn;
  return (fn as (...a: unknown[]) => unknown).bind(self);
}

export function getattr(obj: unknown, name: string): unknown {
  if (obj instanceof Undefined) throw obj.error();
  if (obj === null || obj === undefined) return missing(null, name);
  if (typeof obj === 'string') {
    const m = hasOwn(STR_METHODS, name) ? STR_METHODS[name] : undefined;
    return m ? new Native(name, (a, kw) => m(obj, a, kw)) : missing(obj, name);
  }
  if (typeof obj !== 'object' && typeof obj !== 'function') return missing(obj, name);
  if (Array.isArray(obj)) {
    // groupby results are named tuples: (grouper, list)
    if ((name === 'grouper' || name === 'list') && hasOwn(obj, name)) return (obj as unknown as Record<string, unknown>)[name];
    const m = seqKind(obj) && seqKind(obj) !== 'tuple' ? undefined : listMethod(obj, name);
    return m ? new Native(name, (a, kw) => m(obj, a, kw)) : missing(obj, name);
  }
  if (isPlainObject(obj) || obj instanceof Map) {
    const own = obj instanceof Map ? undefined : hasOwn(obj, name) ? obj[name] : undefined;
    if (typeof own === 'function') return bindTo(own, obj);
    const m = dictMethod(name);
    if (m) return new Native(name, (a, kw) => m(obj, a, kw));
    if (own !== undefined) return own;
    if (obj instanceof Map && obj.has(name)) return obj.get(name);
    return missing(obj, name);
  }
  if (obj instanceof PyObject) {
    const v = obj.attr(name);
    return v === undefined ? missing(obj, name) : v;
  }
  if (obj instanceof PyFloat || obj instanceof Native) return missing(obj, name);
  if (name.startsWith('_')) return unsafe(obj, name);
  if (name in obj) {
    const v = (obj as Record<string, unknown>)[name];
    return v === undefined ? missing(obj, name) : bindTo(v, obj);
  }
  return missing(obj, name);
}

function noElement(obj: unknown, key: unknown): Undefined {
  return new Undefined(String(key), { value: obj }, `${objectTypeRepr(obj)} has no element ${pyRepr(key)}`);
}

function seqIndex(len: number, key: unknown): number | undefined {
  const n = typeof key === 'number' || typeof key === 'boolean' ? numOf(key) : undefined;
  if (n === undefined || !Number.isInteger(n)) return undefined;
  const i = n < 0 ? n + len : n;
  return i >= 0 && i < len ? i : -1;
}

export function getitem(obj: unknown, key: unknown): unknown {
  if (obj instanceof Undefined) throw obj.error();
  if (key instanceof Undefined) {
    if (typeof obj === 'string' || Array.isArray(obj)) return noElement(obj, key);
  }
  if (typeof obj === 'string') {
    const chars = hasSurrogates(obj) ? Array.from(obj) : null;
    const i = seqIndex(chars ? chars.length : obj.length, key);
    if (i !== undefined) return i >= 0 ? (chars ? chars[i] : obj[i]) : noElement(obj, key);
  } else if (Array.isArray(obj)) {
    const i = seqIndex(obj.length, key);
    if (i !== undefined) return i >= 0 ? obj[i] : noElement(obj, key);
  } else if (obj instanceof Map || isPlainObject(obj)) {
    if (mapHas(obj, key)) {
      const v = mapGet(obj, key);
      return v === undefined ? missing(obj, String(key)) : v;
    }
  }
  if (typeof key === 'string') return getattr(obj, key);
  return noElement(obj, key);
}

function hasSurrogates(s: string): boolean {
  return /[\uD800-\uDFFF]/.test(s);
}

function sliceIndex(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const n = numOf(v);
  if (n === undefined || !Number.isInteger(n)) throw renderError('slice indices must be integers or None or have an __index__ method');
  return n;
}

/** `seq[start:stop:step]` with Python's clamping rules. */
export function sliceValue(obj: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  if (obj instanceof Undefined) throw obj.error();
  const isStr = typeof obj === 'string';
  if (!isStr && !Array.isArray(obj)) return new Undefined('slice', { value: obj }, `${objectTypeRepr(obj)} is not subscriptable`);
  const seq: unknown[] | string = isStr ? (hasSurrogates(obj) ? Array.from(obj) : obj) : obj;
  const n = seq.length;
  const st = sliceIndex(step) ?? 1;
  if (st === 0) throw renderError('slice step cannot be zero');
  let a = sliceIndex(start);
  let b = sliceIndex(stop);
  const clamp = (x: number, lo: number, hi: number): number => Math.min(Math.max(x, lo), hi);
  if (st > 0) {
    a = a === null ? 0 : clamp(a < 0 ? a + n : a, 0, n);
    b = b === null ? n : clamp(b < 0 ? b + n : b, 0, n);
  } else {
    a = a === null ? n - 1 : clamp(a < 0 ? a + n : a, -1, n - 1);
    b = b === null ? -1 : clamp(b < 0 ? b + n : b, -1, n - 1);
  }
  const out: unknown[] = [];
  for (let i = a; st > 0 ? i < b : i > b; i += st) out.push(seq[i]);
  if (isStr) return out.join('');
  return Array.isArray(obj) && seqKind(obj) === 'tuple' ? tuple(out) : out;
}
