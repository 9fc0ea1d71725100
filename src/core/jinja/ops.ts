/** Python operator semantics: truthiness, equality, ordering, arithmetic, `in`, iteration. */
import { renderError } from './errors';
import { percentFormat } from './format';
import {
  isFloat,
  isMapping,
  isPlainObject,
  isTuple,
  mkFloat,
  Namespace,
  numOf,
  PyFloat,
  seqKind,
  tuple,
  typeName,
  Undefined,
} from './values';

export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false) return false;
  switch (typeof v) {
    case 'boolean':
      return true;
    case 'number':
      return v !== 0;
    case 'bigint':
      return v !== 0n;
    case 'string':
      return v.length > 0;
    case 'object':
      if (Array.isArray(v)) return v.length > 0;
      if (v instanceof Undefined) return false;
      if (v instanceof PyFloat) return v.value !== 0;
      if (v instanceof Map || v instanceof Set) return v.size > 0;
      if (isPlainObject(v)) {
        for (const _ in v) return true;
        return false;
      }
      return true;
    default:
      return true;
  }
}

export function pyEq(a: unknown, b: unknown): boolean {
  if (a === b) return typeof a !== 'number' || !Number.isNaN(a);
  const na = numOf(a);
  if (na !== undefined) {
    const nb = numOf(b);
    return nb !== undefined && na === nb;
  }
  if (a === null || a === undefined) return b === null || b === undefined;
  if (a instanceof Undefined) return b instanceof Undefined;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length || isTuple(a) !== isTuple(b)) return false;
    for (let i = 0; i < a.length; i++) if (!pyEq(a[i], b[i])) return false;
    return true;
  }
  if (isMapping(a)) {
    if (!isMapping(b)) return false;
    const ka = mapKeys(a);
    if (ka.length !== mapKeys(b).length) return false;
    for (const k of ka) {
      if (!mapHas(b, k) || !pyEq(mapGet(a, k), mapGet(b, k))) return false;
    }
    return true;
  }
  return false;
}

const OP_TEXT = { lt: '<', lteq: '<=', gt: '>', gteq: '>=' } as const;

/** Python ordering; mixed types raise TypeError like Python 3. */
export function order(op: 'lt' | 'lteq' | 'gt' | 'gteq', a: unknown, b: unknown): boolean {
  const c = cmp(op, a, b);
  switch (op) {
    case 'lt':
      return c < 0;
    case 'lteq':
      return c <= 0;
    case 'gt':
      return c > 0;
    default:
      return c >= 0;
  }
}

function cmp(op: keyof typeof OP_TEXT, a: unknown, b: unknown): number {
  if (a instanceof Undefined) throw a.error();
  if (b instanceof Undefined) throw b.error();
  const na = numOf(a);
  const nb = numOf(b);
  if (na !== undefined && nb !== undefined) return na < nb ? -1 : na > nb ? 1 : na === nb ? 0 : NaN;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b) && isTuple(a) === isTuple(b)) {
    for (let i = 0; i < a.length && i < b.length; i++) {
      if (!pyEq(a[i], b[i])) return cmp(op, a[i], b[i]);
    }
    return a.length - b.length;
  }
  throw renderError(`'${OP_TEXT[op]}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

/** Sort comparator with Python semantics (used by sort/dictsort/max/min). */
export function pyCompare(a: unknown, b: unknown): number {
  return cmp('lt', a, b);
}

function failUndefined(a: unknown, b: unknown): void {
  if (a instanceof Undefined) throw a.error();
  if (b instanceof Undefined) throw b.error();
}

function unsupported(op: string, a: unknown, b: unknown): never {
  throw renderError(`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

function num(n: number, float: boolean): unknown {
  return float ? mkFloat(n) : n;
}

export function binop(op: string, a: unknown, b: unknown): unknown {
  failUndefined(a, b);
  const na = numOf(a);
  const nb = numOf(b);
  if (na !== undefined && nb !== undefined) return arith(op, na, nb, isFloat(a) || isFloat(b));
  switch (op) {
    case '+':
      if (typeof a === 'string') {
        if (typeof b === 'string') return a + b;
        throw renderError(`can only concatenate str (not "${typeName(b)}") to str`);
      }
      if (Array.isArray(a) && Array.isArray(b) && isTuple(a) === isTuple(b) && !seqKind(a) === !seqKind(b)) {
        const out = a.concat(b);
        return isTuple(a) ? tuple(out) : out;
      }
      if (Array.isArray(a) && !seqKind(a)) throw renderError(`can only concatenate list (not "${typeName(b)}") to list`);
      return unsupported('+', a, b);
    case '*':
      if (nb !== undefined && Number.isInteger(nb) && !isFloat(b)) return repeat(a, nb) ?? unsupported('*', a, b);
      if (na !== undefined && Number.isInteger(na) && !isFloat(a)) return repeat(b, na) ?? unsupported('*', a, b);
      throw renderError(`can't multiply sequence by non-int of type '${typeName(b)}'`);
    case '%':
      if (typeof a === 'string') return percentFormat(a, b);
      return unsupported('%', a, b);
    default:
      return unsupported(op === '**' ? '** or pow()' : op, a, b);
  }
}

function repeat(seq: unknown, times: number): unknown {
  const n = Math.max(0, times);
  if (typeof seq === 'string') return seq.repeat(n);
  if (Array.isArray(seq)) {
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) out.push(...seq);
    return isTuple(seq) ? tuple(out) : out;
  }
  return undefined;
}

function arith(op: string, a: number, b: number, float: boolean): unknown {
  switch (op) {
    case '+':
      return num(a + b, float);
    case '-':
      return num(a - b, float);
    case '*':
      return num(a * b, float);
    case '/':
      if (b === 0) throw renderError('division by zero');
      return mkFloat(a / b);
    case '//':
      if (b === 0) throw renderError(float ? 'float floor division by zero' : 'integer division or modulo by zero');
      return num(Math.floor(a / b), float);
    case '%': {
      if (b === 0) throw renderError(float ? 'float modulo' : 'integer modulo by zero');
      let r = a % b;
      if (r !== 0 && r < 0 !== b < 0) r += b;
      return num(r, float);
    }
    case '**':
      if (!float && b < 0) return mkFloat(a ** b);
      if (float && a === 0 && b < 0) throw renderError('0.0 cannot be raised to a negative power');
      return num(a ** b, float);
    default:
      throw renderError(`unknown operator ${op}`);
  }
}

export function unaryOp(op: '-' | '+', v: unknown): unknown {
  if (v instanceof Undefined) throw v.error();
  const n = numOf(v);
  if (n === undefined) throw renderError(`bad operand type for unary ${op}: '${typeName(v)}'`);
  const r = op === '-' ? -n : n;
  return isFloat(v) ? mkFloat(r) : r === 0 ? 0 : r;
}

export function contains(container: unknown, item: unknown): boolean {
  if (typeof container === 'string') {
    if (typeof item !== 'string') throw renderError(`'in <string>' requires string as left operand, not ${typeName(item)}`);
    return container.includes(item);
  }
  if (Array.isArray(container)) return container.some((x) => pyEq(x, item));
  if (container instanceof Map) return container.has(mapKey(item));
  if (isPlainObject(container)) {
    const k = objKey(item);
    return k !== undefined && Object.prototype.hasOwnProperty.call(container, k);
  }
  if (container instanceof Undefined) return false;
  if (container instanceof Set) return container.has(item);
  throw renderError(`argument of type '${typeName(container)}' is not iterable`);
}

/** Materialize anything Python could iterate; dicts iterate over their keys. */
export function iterate(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return Array.from(v);
  if (v instanceof Undefined) return [];
  if (v instanceof Map) return [...v.keys()];
  if (isPlainObject(v)) return Object.keys(v);
  if (v !== null && typeof v === 'object' && !(v instanceof Namespace) && Symbol.iterator in v) {
    return Array.from(v as Iterable<unknown>);
  }
  throw renderError(`'${typeName(v)}' object is not iterable`);
}

export function pyLen(v: unknown): number {
  if (typeof v === 'string') return Array.from(v).length;
  if (Array.isArray(v)) return v.length;
  if (v instanceof Map || v instanceof Set) return v.size;
  if (isPlainObject(v)) return Object.keys(v).length;
  if (v instanceof Undefined) return 0;
  throw renderError(`object of type '${typeName(v)}' has no len()`);
}

/** Python dicts hash 1, 1.0 and True alike; Map keys need the same normalization. */
export function mapKey(k: unknown): unknown {
  const n = numOf(k);
  return n !== undefined ? n : k;
}

/** Plain-object dicts can only hold string keys; ints are looked up by their decimal text. */
export function objKey(k: unknown): string | undefined {
  if (typeof k === 'string') return k;
  if (typeof k === 'number' && Number.isInteger(k)) return String(k);
  return undefined;
}

export function mapKeys(m: Record<string, unknown> | Map<unknown, unknown>): unknown[] {
  return m instanceof Map ? [...m.keys()] : Object.keys(m);
}

export function mapHas(m: Record<string, unknown> | Map<unknown, unknown>, k: unknown): boolean {
  if (m instanceof Map) return m.has(mapKey(k));
  const key = objKey(k);
  return key !== undefined && Object.prototype.hasOwnProperty.call(m, key);
}

export function mapGet(m: Record<string, unknown> | Map<unknown, unknown>, k: unknown): unknown {
  if (m instanceof Map) return m.get(mapKey(k));
  const key = objKey(k);
  return key === undefined ? undefined : m[key];
}

export function mapSet(m: Record<string, unknown> | Map<unknown, unknown>, k: unknown, v: unknown): void {
  if (m instanceof Map) m.set(mapKey(k), v);
  else m[objKey(k) ?? String(k)] = v;
}

export function mapEntries(m: Record<string, unknown> | Map<unknown, unknown>): Array<[unknown, unknown]> {
  return m instanceof Map ? [...m.entries()] : Object.entries(m);
}
