/**
 * What compiled templates run against: scopes (prototype chains, so a loop body or macro sees
 * outer names without copying), the per-render state that binds project macros to the render's
 * context on first use, output sinks, and calling with Python argument semantics.
 */
import { ExternalError, MacroReturn, renderError, toPublic } from './errors';
import {
  MACRO,
  Kwargs,
  Native,
  PyFloat,
  PyObject,
  splitArgs,
  tuple,
  typeName,
  Undefined,
} from './values';

/**
 * A variable scope. The render's context is the root (read in place, never copied); loop
 * iterations, macro calls and `with` blocks chain a child scope, so names set inside them do not
 * leak out while outer names stay visible.
 */
export class Scope {
  private vars: Map<string, unknown> | null = null;

  constructor(
    readonly parent: Scope | null,
    private readonly ctx: Record<string, unknown> | null = null,
  ) {}

  /** The value of `name`, or undefined when no scope defines it. */
  get(name: string): unknown {
    if (this.vars !== null) {
      const v = this.vars.get(name);
      if (v !== undefined) return v;
    }
    if (this.ctx !== null && Object.prototype.hasOwnProperty.call(this.ctx, name)) return this.ctx[name];
    return this.parent !== null ? this.parent.get(name) : undefined;
  }

  set(name: string, value: unknown): void {
    (this.vars ??= new Map()).set(name, value);
  }

  /** Every name visible from here (for "did you mean" on an undefined name). */
  *names(): Iterable<string> {
    if (this.vars) yield* this.vars.keys();
    if (this.ctx) yield* Object.keys(this.ctx);
    if (this.parent) yield* this.parent.names();
  }
}

/** Where rendered text goes; `line` is the source line that produced it (for line maps). */
export interface Out {
  s: string;
  data(text: string, line: number): void;
  value(text: string, line: number): void;
}

export class StrOut implements Out {
  s = '';
  data(text: string): void {
    this.s += text;
  }
  value(text: string): void {
    this.s += text;
  }
}

export type Ev = (s: Scope, st: RenderState) => unknown;
/** Statements return 0 normally, BREAK or CONTINUE for loop control. */
export type Exec = (s: Scope, st: RenderState, out: Out) => number;
export const BREAK = 1;
export const CONTINUE = 2;

export type FilterFn = (st: RenderState, value: unknown, args: unknown[], kwargs: Record<string, unknown>) => unknown;
export type TestFn = (st: RenderState, value: unknown, args: unknown[], kwargs: Record<string, unknown>) => boolean;

export interface MacroDef {
  name: string;
  params: string[];
  /** Default expressions, aligned with the last `defaults.length` params. */
  defaults: Ev[];
  catchVarargs: boolean;
  catchKwargs: boolean;
  usesCaller: boolean;
  /** dbt project macros turn `return(x)` into their value; template-local macros and callers don't. */
  catchesReturn: boolean;
  body: Exec;
  file: string;
  line: number;
  col: number;
}

export interface EngineCore {
  macros: Map<string, MacroDef>;
  globals: Record<string, unknown>;
  filters: Map<string, FilterFn>;
  tests: Map<string, TestFn>;
}

const MAX_DEPTH = 400;

/**
 * Loop iterations one render may run. Nested loops multiply (two `range(100000)` loops are 10^10
 * turns, hours of a frozen editor); dbt models loop over columns and dates, far below this.
 */
export const MAX_LOOP_ITERATIONS = 1_000_000;

export class RenderState {
  private bound: Map<string, unknown> | null = null;
  depth = 0;
  iterations = 0;

  constructor(
    readonly core: EngineCore,
    /** The render's context; project macros resolve names here, so ref() is the caller's ref(). */
    readonly root: Scope,
  ) {}

  *globalNames(): Iterable<string> {
    yield* this.core.macros.keys();
    yield* Object.keys(this.core.globals);
  }

  /** Names not found in scope: project macros (bound to this render lazily), then built-ins. */
  global(name: string): unknown {
    const b = this.bound?.get(name);
    if (b !== undefined) return b;
    const def = this.core.macros.get(name);
    if (def) {
      const f = bindMacro(def, this.root, this);
      (this.bound ??= new Map()).set(name, f);
      return f;
    }
    return Object.prototype.hasOwnProperty.call(this.core.globals, name) ? this.core.globals[name] : undefined;
  }
}

interface MacroRecord {
  name: string;
  def: MacroDef;
  scope: Scope;
  st: RenderState;
}

export type MacroFn = ((...args: unknown[]) => unknown) & { [MACRO]: MacroRecord };

/** A macro as a value: callable from templates and, with trailing kwargs object, from JS code. */
export function bindMacro(def: MacroDef, scope: Scope, st: RenderState): MacroFn {
  const rec: MacroRecord = { name: def.name, def, scope, st };
  const fn = (...raw: unknown[]): unknown => {
    const { args, kwargs } = splitArgs(raw);
    try {
      return invokeMacro(rec, args, kwargs);
    } catch (e) {
      throw toPublic(e, { file: def.file, line: def.line, column: def.col });
    }
  };
  return Object.assign(fn, { [MACRO]: rec });
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function invokeMacro(rec: MacroRecord, args: unknown[], kwargs: Record<string, unknown>): unknown {
  const { def, st } = rec;
  const s = new Scope(rec.scope);
  const { params } = def;
  const np = params.length;
  let unused = Object.keys(kwargs);
  const missing: number[] = [];
  for (let i = 0; i < np; i++) {
    const name = params[i];
    if (i < args.length) s.set(name, args[i]);
    else if (hasOwn(kwargs, name)) {
      s.set(name, kwargs[name]);
      unused = unused.filter((k) => k !== name);
    } else missing.push(i);
  }
  if (def.usesCaller && !params.includes('caller')) {
    if (hasOwn(kwargs, 'caller')) {
      s.set('caller', kwargs.caller);
      unused = unused.filter((k) => k !== 'caller');
    } else s.set('caller', new Undefined('caller', null, 'No caller defined'));
  }
  if (def.catchKwargs) {
    const rest: Record<string, unknown> = {};
    for (const k of unused) rest[k] = kwargs[k];
    s.set('kwargs', rest);
  } else if (unused.length) {
    if (unused.includes('caller')) {
      throw renderError(`macro '${def.name}' was invoked with two values for the special caller argument (it does not call caller())`);
    }
    throw renderError(`macro '${def.name}' takes no keyword argument '${unused[0]}'`);
  }
  if (def.catchVarargs) s.set('varargs', tuple(args.slice(np)));
  else if (args.length > np) throw renderError(`macro '${def.name}' takes not more than ${np} argument(s)`);
  const firstDefault = np - def.defaults.length;
  for (const i of missing) {
    const name = params[i];
    s.set(name, i >= firstDefault ? def.defaults[i - firstDefault](s, st) : new Undefined(name, null, `parameter '${name}' was not provided`));
  }
  const out = new StrOut();
  if (st.depth >= MAX_DEPTH) throw renderError(`maximum recursion depth exceeded while calling macro '${def.name}'`);
  st.depth++;
  try {
    def.body(s, st, out);
  } catch (e) {
    if (def.catchesReturn && e instanceof MacroReturn) return e.value;
    throw e;
  } finally {
    st.depth--;
  }
  return out.s;
}

/** Values handed to JS functions: Python-only wrappers become their plain JS meaning. */
export function toJs(v: unknown): unknown {
  if (v instanceof PyFloat) return v.value;
  if (v instanceof Undefined) return undefined;
  return v;
}

function callExternal(f: (...a: unknown[]) => unknown, args: unknown[], kwargs: Record<string, unknown>): unknown {
  const jsArgs = args.map(toJs);
  const keys = Object.keys(kwargs);
  if (keys.length) {
    const kw = new Kwargs();
    for (const k of keys) kw[k] = toJs(kwargs[k]);
    jsArgs.push(kw);
  }
  let r: unknown;
  try {
    r = f(...jsArgs);
  } catch (e) {
    throw e instanceof ExternalError ? e : new ExternalError(e);
  }
  if (r === undefined) {
    const name = f.name.replace(/^bound /, '') || 'function';
    return new Undefined(name, null, `${name}() returned no value`);
  }
  return r;
}

export function callValue(f: unknown, args: unknown[], kwargs: Record<string, unknown>): unknown {
  if (typeof f === 'function') {
    const rec = (f as Partial<MacroFn>)[MACRO];
    if (rec) return invokeMacro(rec, args, kwargs);
    return callExternal(f as (...a: unknown[]) => unknown, args, kwargs);
  }
  if (f instanceof Native) return f.fn(args, kwargs);
  if (f instanceof PyObject && f.call) return f.call(args, kwargs);
  if (f instanceof Undefined) throw f.error();
  throw renderError(`'${typeName(f)}' object is not callable`);
}
