/**
 * Expressions compile to closures once per template; rendering only calls them. Each closure that
 * can fail stamps its source position onto the error, so messages point at the exact expression.
 */
import type { CompareOp, Expr, FilterExpr, Pos } from './ast';
import { getattr, getitem, sliceValue } from './attrs';
import { at, renderError } from './errors';
import { binop, contains, iterate, mapEntries, mapKey, order, pyEq, truthy, unaryOp } from './ops';
import { pyStr } from './repr';
import { callValue, type Ev, type RenderState, type Scope } from './runtime';
import { isMapping, tuple, Undefined } from './values';

export interface Unit {
  file: string;
}

/** Wrap an evaluation so failures without a place get this node's place. */
function placed(u: Unit, p: Pos, f: Ev): Ev {
  const { file } = u;
  const { line, col } = p;
  return (s, st) => {
    try {
      return f(s, st);
    } catch (e) {
      throw at(e, file, line, col);
    }
  };
}

export function compileExpr(e: Expr, u: Unit): Ev {
  switch (e.k) {
    case 'const': {
      const v = e.value;
      return () => v;
    }
    case 'name': {
      const name = e.name;
      const place = { file: u.file, line: e.line, column: e.col };
      return (s, st) => {
        const v = s.get(name);
        if (v !== undefined) return v;
        const g = st.global(name);
        return g !== undefined ? g : new Undefined(name, null, null, place, () => [...s.names(), ...st.globalNames()]);
      };
    }
    case 'list': {
      const items = e.items.map((x) => compileExpr(x, u));
      return (s, st) => items.map((f) => f(s, st));
    }
    case 'tuple': {
      const items = e.items.map((x) => compileExpr(x, u));
      return (s, st) => tuple(items.map((f) => f(s, st)));
    }
    case 'dict':
      return compileDict(e.pairs, u);
    case 'getattr': {
      const obj = compileExpr(e.obj, u);
      const attr = e.attr;
      return placed(u, e, (s, st) => getattr(obj(s, st), attr));
    }
    case 'getitem': {
      const obj = compileExpr(e.obj, u);
      const arg = e.arg;
      if (arg.k === 'slice') {
        const [a, b, c] = [arg.start, arg.stop, arg.step].map((x) => (x ? compileExpr(x, u) : () => null));
        return placed(u, e, (s, st) => sliceValue(obj(s, st), a(s, st), b(s, st), c(s, st)));
      }
      const key = compileExpr(arg, u);
      return placed(u, e, (s, st) => getitem(obj(s, st), key(s, st)));
    }
    case 'slice':
      throw renderError('a slice is only valid inside [ ]');
    case 'call': {
      const callee = compileExpr(e.callee, u);
      const args = compileArgs(e, u);
      return placed(u, e, (s, st) => {
        const f = callee(s, st);
        const [a, kw] = args(s, st);
        return callValue(f, a, kw);
      });
    }
    case 'filter': {
      let base: Expr | null = e.node;
      while (base && base.k === 'filter') base = base.node;
      const input = base ? compileExpr(base, u) : (): unknown => null;
      const apply = compileFilterApply(e, u);
      return (s, st) => apply(input(s, st), s, st);
    }
    case 'test':
      return compileTest(e, u);
    case 'cond': {
      const test = compileExpr(e.test, u);
      const then = compileExpr(e.then, u);
      const other = e.else_ ? compileExpr(e.else_, u) : null;
      const hint = `the inline if-expression on line ${e.line} evaluated to false and no else section was defined.`;
      return (s, st) => (truthy(test(s, st)) ? then(s, st) : other ? other(s, st) : new Undefined('', null, hint));
    }
    case 'and': {
      const l = compileExpr(e.left, u);
      const r = compileExpr(e.right, u);
      return (s, st) => {
        const v = l(s, st);
        return truthy(v) ? r(s, st) : v;
      };
    }
    case 'or': {
      const l = compileExpr(e.left, u);
      const r = compileExpr(e.right, u);
      return (s, st) => {
        const v = l(s, st);
        return truthy(v) ? v : r(s, st);
      };
    }
    case 'not': {
      const n = compileExpr(e.node, u);
      return (s, st) => !truthy(n(s, st));
    }
    case 'compare':
      return compileCompare(e.first, e.ops, u);
    case 'bin': {
      const l = compileExpr(e.left, u);
      const r = compileExpr(e.right, u);
      const op = e.op;
      return placed(u, e, (s, st) => binop(op, l(s, st), r(s, st)));
    }
    case 'concat': {
      const items = e.items.map((x) => compileExpr(x, u));
      return (s, st) => {
        let out = '';
        for (const f of items) out += pyStr(f(s, st));
        return out;
      };
    }
    case 'unary': {
      const n = compileExpr(e.node, u);
      const op = e.op;
      return placed(u, e, (s, st) => unaryOp(op, n(s, st)));
    }
  }
}

function compileDict(pairs: Array<[Expr, Expr]>, u: Unit): Ev {
  const vals = pairs.map(([, v]) => compileExpr(v, u));
  if (pairs.every(([k]) => k.k === 'const' && typeof k.value === 'string')) {
    const keys = pairs.map(([k]) => (k as { value: string }).value);
    return (s, st) => {
      const o: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) o[keys[i]] = vals[i](s, st);
      return o;
    };
  }
  const keys = pairs.map(([k]) => compileExpr(k, u));
  return (s, st) => {
    const ks = keys.map((f) => f(s, st));
    if (ks.every((k) => typeof k === 'string')) {
      const o: Record<string, unknown> = {};
      for (let i = 0; i < ks.length; i++) o[String(ks[i])] = vals[i](s, st);
      return o;
    }
    const m = new Map<unknown, unknown>();
    for (let i = 0; i < ks.length; i++) m.set(mapKey(ks[i]), vals[i](s, st));
    return m;
  };
}

type ArgsEv = (s: Scope, st: RenderState) => [unknown[], Record<string, unknown>];

export function compileArgs(e: { args: Expr[]; kwargs: Array<[string, Expr]>; dynArgs: Expr | null; dynKwargs: Expr | null }, u: Unit): ArgsEv {
  const args = e.args.map((x) => compileExpr(x, u));
  const kwNames = e.kwargs.map(([k]) => k);
  const kwVals = e.kwargs.map(([, v]) => compileExpr(v, u));
  const dynArgs = e.dynArgs ? compileExpr(e.dynArgs, u) : null;
  const dynKwargs = e.dynKwargs ? compileExpr(e.dynKwargs, u) : null;
  return (s, st) => {
    const a = args.map((f) => f(s, st));
    if (dynArgs) a.push(...iterate(dynArgs(s, st)));
    const kw: Record<string, unknown> = {};
    for (let i = 0; i < kwNames.length; i++) kw[kwNames[i]] = kwVals[i](s, st);
    if (dynKwargs) {
      const extra = dynKwargs(s, st);
      if (extra instanceof Undefined) throw extra.error();
      if (!isMapping(extra)) throw renderError('argument after ** must be a mapping');
      for (const [k, v] of mapEntries(extra)) kw[String(k)] = v;
    }
    return [a, kw];
  };
}

/** A filter chain applied to a given input: `x|a|b`, or the body of `{% filter %}` / `{% set x | f %}`. */
export function compileFilterApply(e: FilterExpr, u: Unit): (input: unknown, s: Scope, st: RenderState) => unknown {
  const inner = e.node && e.node.k === 'filter' ? compileFilterApply(e.node, u) : null;
  const args = compileArgs(e, u);
  const name = e.name;
  const { file } = u;
  const { line, col } = e;
  return (input, s, st) => {
    const v = inner ? inner(input, s, st) : input;
    try {
      const f = st.core.filters.get(name);
      if (!f) throw renderError(`no filter named '${name}'`);
      const [a, kw] = args(s, st);
      return f(st, v, a, kw);
    } catch (err) {
      throw at(err, file, line, col);
    }
  };
}

function compileTest(e: Expr & { k: 'test' }, u: Unit): Ev {
  const node = compileExpr(e.node, u);
  const args = compileArgs(e, u);
  const name = e.name;
  return placed(u, e, (s, st) => {
    const t = st.core.tests.get(name);
    if (!t) throw renderError(`no test named '${name}'`);
    const v = node(s, st);
    const [a, kw] = args(s, st);
    return t(st, v, a, kw);
  });
}

function compareOne(op: CompareOp, a: unknown, b: unknown): boolean {
  switch (op) {
    case 'eq':
      return pyEq(a, b);
    case 'ne':
      return !pyEq(a, b);
    case 'in':
      return contains(b, a);
    case 'notin':
      return !contains(b, a);
    default:
      return order(op, a, b);
  }
}

function compileCompare(first: Expr, ops: Array<{ op: CompareOp; expr: Expr } & Pos>, u: Unit): Ev {
  const head = compileExpr(first, u);
  const rest = ops.map((o) => ({ op: o.op, ev: compileExpr(o.expr, u), line: o.line, col: o.col }));
  const { file } = u;
  return (s, st) => {
    let left = head(s, st);
    for (const o of rest) {
      const right = o.ev(s, st);
      let ok: boolean;
      try {
        ok = compareOne(o.op, left, right);
      } catch (e) {
        throw at(e, file, o.line, o.col);
      }
      if (!ok) return false;
      left = right;
    }
    return true;
  };
}
