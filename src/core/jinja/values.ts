/**
 * How Python values are represented in JS. Most map directly (str → string, list → Array,
 * dict → plain object or Map, None → null, bool → boolean, int → number); the exceptions are
 * the ones Jinja2 output depends on: integral floats (`2.0` must print as `2.0`), tuples and dict
 * views (they print differently from lists) and Undefined (prints as '' but fails on use).
 */
import { closestNames } from '../problems';
import { JinjaError, type SourcePlace } from './errors';

/** A Python float whose value is integral; non-integral floats are plain numbers. */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** A float result: boxed only when the number alone would read as an int. */
export function mkFloat(n: number): number | PyFloat {
  return Number.isInteger(n) ? new PyFloat(n) : n;
}

export function isFloat(v: unknown): boolean {
  return v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v));
}

/** Numeric view of int/float/bool values, or undefined when `v` is not a Python number. */
export function numOf(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v instanceof PyFloat) return v.value;
  if (typeof v === 'boolean') return v ? 1 : 0;
  // DuckDB hands BIGINT columns to JS as bigint; templates treat them as Python ints.
  if (typeof v === 'bigint') return Number(v);
  return undefined;
}

export type SeqKind = 'tuple' | 'dict_items' | 'dict_keys' | 'dict_values' | 'range';

/** Kept beside the arrays rather than on them, so JS code receiving a tuple sees a plain array. */
const kinds = new WeakMap<unknown[], SeqKind>();
const ranges = new WeakMap<unknown[], [number, number, number]>();

export function tag<T extends unknown[]>(items: T, kind: SeqKind): T {
  kinds.set(items, kind);
  return items;
}

export function tuple<T>(items: T[]): T[] {
  return tag(items, 'tuple');
}

export function seqKind(v: unknown[]): SeqKind | undefined {
  return kinds.get(v);
}

export function isTuple(v: unknown): v is unknown[] {
  return Array.isArray(v) && kinds.get(v) === 'tuple';
}

export function makeRange(start: number, stop: number, step: number): number[] {
  const out: number[] = [];
  if (step > 0) for (let i = start; i < stop; i += step) out.push(i);
  else for (let i = start; i > stop; i += step) out.push(i);
  tag(out, 'range');
  ranges.set(out, [start, stop, step]);
  return out;
}

export function rangeArgs(v: unknown[]): [number, number, number] | undefined {
  return ranges.get(v);
}

/** Runtime objects with Python attributes and, optionally, call behaviour (loop, cycler, joiner …). */
export abstract class PyObject {
  /** The attribute's value, or `undefined` when there is no such attribute. */
  abstract attr(name: string): unknown;
  call?(args: unknown[], kwargs: Record<string, unknown>): unknown;
}

/** Marks a JS function that is a Jinja macro bound to a render; holds what calling it needs. */
export const MACRO = Symbol('jinja.macro');

/** Jinja2's default Undefined: prints as '', is falsy and iterates as empty, fails on any other use. */
export class Undefined {
  constructor(
    readonly name: string,
    /** Set when the value came from a failed attribute/item lookup: the object that lacked it. */
    readonly owner: { value: unknown } | null = null,
    readonly hint: string | null = null,
    /** Where the undefined name was referenced, so the error points at it rather than at its use. */
    readonly place: SourcePlace | null = null,
    /** Names that were visible where the lookup failed, for "did you mean" (computed only on error). */
    private readonly known: (() => Iterable<string>) | null = null,
  ) {}

  message(): string {
    if (this.hint) return this.hint;
    if (!this.owner) return `'${this.name}' is undefined`;
    return `${objectTypeRepr(this.owner.value)} has no attribute '${this.name}'`;
  }

  error(): JinjaError {
    const candidates = this.hint ? null : this.owner ? ownerKeys(this.owner.value) : this.known?.();
    const suggestions = candidates ? closestNames(this.name, candidates) : [];
    const hint = suggestions.length ? `did you mean ${suggestions.map((s) => `'${s}'`).join(' or ')}?` : undefined;
    return new JinjaError('render', this.message(), this.place ?? undefined, hint, undefined, suggestions.length ? suggestions : undefined);
  }
}

function ownerKeys(v: unknown): string[] | null {
  if (v instanceof Map) return [...v.keys()].filter((k): k is string => typeof k === 'string');
  return isPlainObject(v) ? Object.keys(v) : null;
}

/** Jinja2's `object_type_repr`, used in "'dict object' has no attribute 'x'". */
export function objectTypeRepr(v: unknown): string {
  if (v === null || v === undefined) return "'None'";
  return `'${typeName(v)} object'`;
}

/** `namespace()`: the one object whose attributes a template may assign (`{% set ns.x = 1 %}`). */
export class Namespace extends PyObject {
  readonly attrs: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  attr(name: string): unknown {
    return this.attrs[name];
  }
}

/** A built-in callable that receives Python-style positional and keyword arguments. */
export class Native {
  constructor(
    readonly name: string,
    readonly fn: (args: unknown[], kwargs: Record<string, unknown>) => unknown,
  ) {}
}

/**
 * Context functions are plain JS functions. Keyword arguments (`config(materialized='table')`)
 * arrive as one extra, last argument: an object of this class (otherwise used like a plain object),
 * so `isKwargs` can tell it from a dict passed positionally.
 */
export class Kwargs {
  [key: string]: unknown;
}
// nunjucks marks its keyword-argument object with `__keywords: true`; answering to that too lets
// code written against either convention read our calls. Non-enumerable: `{ ...kwargs }` omits it.
Object.defineProperty(Kwargs.prototype, '__keywords', { value: true, enumerable: false });

export function isKwargs(v: unknown): v is Record<string, unknown> {
  return v instanceof Kwargs;
}

/** Split what a context function received into positional and keyword arguments. */
export function splitArgs(raw: readonly unknown[]): { args: unknown[]; kwargs: Record<string, unknown> } {
  const last = raw[raw.length - 1];
  if (raw.length > 0 && isKwargs(last)) return { args: raw.slice(0, -1), kwargs: { ...last } };
  return { args: raw.slice(), kwargs: {} };
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null || proto === Kwargs.prototype;
}

export function isMapping(v: unknown): v is Record<string, unknown> | Map<unknown, unknown> {
  return isPlainObject(v) || v instanceof Map;
}

/** Python's type name for messages ("'int' object is not iterable"). */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float';
    case 'string':
      return 'str';
    case 'function':
      return 'function';
    case 'bigint':
      return 'int';
    default:
  }
  if (v instanceof PyFloat) return 'float';
  if (v instanceof Undefined) return 'Undefined';
  if (Array.isArray(v)) return seqKind(v) ?? 'list';
  if (isMapping(v)) return 'dict';
  if (v instanceof Native) return 'builtin_function_or_method';
  const ctor = (v as { constructor?: { name?: string } }).constructor;
  return ctor?.name || 'object';
}
