/** Python-style argument binding for built-in filters, tests, methods and globals. */
import { renderError } from './errors';
import { numOf, typeName, Undefined } from './values';

export const REQUIRED = Symbol('required');
export type Param = [name: string, fallback?: unknown];

export function bindArgs(fname: string, params: readonly Param[], args: readonly unknown[], kwargs: Record<string, unknown>): unknown[] {
  if (args.length > params.length) {
    throw renderError(`${fname}() takes at most ${params.length} argument${params.length === 1 ? '' : 's'} (${args.length} given)`);
  }
  const out: unknown[] = [];
  let used = 0;
  for (let i = 0; i < params.length; i++) {
    const [name, fallback] = params[i];
    const hasDefault = params[i].length > 1;
    if (i < args.length) {
      if (Object.prototype.hasOwnProperty.call(kwargs, name)) throw renderError(`${fname}() got multiple values for argument '${name}'`);
      out.push(args[i]);
    } else if (Object.prototype.hasOwnProperty.call(kwargs, name)) {
      out.push(kwargs[name]);
      used++;
    } else if (hasDefault && fallback !== REQUIRED) {
      out.push(fallback);
    } else {
      throw renderError(`${fname}() missing required argument '${name}'`);
    }
  }
  const extra = Object.keys(kwargs).length - used;
  if (extra > 0) {
    const bad = Object.keys(kwargs).find((k) => !params.some(([n]) => n === k));
    throw renderError(`${fname}() got an unexpected keyword argument '${bad}'`);
  }
  return out;
}

export function toInt(v: unknown, what: string): number {
  if (v instanceof Undefined) throw v.error();
  const n = numOf(v);
  if (n === undefined || !Number.isInteger(n)) {
    throw renderError(`${what}: '${typeName(v)}' object cannot be interpreted as an integer`);
  }
  return n;
}

export function toStrArg(v: unknown, what: string): string {
  if (typeof v !== 'string') throw renderError(`${what} must be str, not ${typeName(v)}`);
  return v;
}
