/**
 * Statements compile to closures that write to an output sink. Scoping follows Jinja2: a for-loop
 * iteration, macro call, `{% with %}`, `{% filter %}` and block `{% set %}` each get a fresh scope
 * (so `set` inside them does not leak out), while `{% if %}` shares its parent's.
 */
import type { Expr, MacroSig, Pos, Stmt, Target } from './ast';
import { compileArgs, compileExpr, compileFilterApply, type Unit } from './compile-expr';
import { at, renderError } from './errors';
import { LoopContext } from './globals';
import { iterate, truthy } from './ops';
import { pyStr } from './repr';
import { BREAK, bindMacro, callValue, CONTINUE, MAX_LOOP_ITERATIONS, Scope, StrOut, type Ev, type Exec, type MacroDef, type Out, type RenderState } from './runtime';
import { Namespace } from './values';

type Assign = (s: Scope, st: RenderState, value: unknown) => void;

function guard(u: Unit, p: Pos, f: Exec): Exec {
  const { file } = u;
  const { line, col } = p;
  return (s, st, out) => {
    try {
      return f(s, st, out);
    } catch (e) {
      throw at(e, file, line, col);
    }
  };
}

export function compileBody(stmts: Stmt[], u: Unit): Exec {
  const fns = stmts.map((x) => compileStmt(x, u));
  if (fns.length === 0) return () => 0;
  if (fns.length === 1) return fns[0];
  return (s, st, out) => {
    for (const f of fns) {
      const r = f(s, st, out);
      if (r) return r;
    }
    return 0;
  };
}

function compileAssign(t: Target, u: Unit): Assign {
  switch (t.k) {
    case 'name': {
      const name = t.name;
      return (s, _st, v) => {
        s.set(name, v);
      };
    }
    case 'nsref': {
      const { name, attr } = t;
      return (s, st, v) => {
        const ns = s.get(name) ?? st.global(name);
        if (!(ns instanceof Namespace)) throw renderError(`cannot assign attribute '${attr}' on non-namespace object '${name}'`);
        ns.attrs[attr] = v;
      };
    }
    case 'tuple': {
      const parts = t.items.map((x) => compileAssign(x, u));
      const n = parts.length;
      return (s, st, v) => {
        const items = iterate(v);
        if (items.length < n) throw renderError(`not enough values to unpack (expected ${n}, got ${items.length})`);
        if (items.length > n) throw renderError(`too many values to unpack (expected ${n})`);
        for (let i = 0; i < n; i++) parts[i](s, st, items[i]);
      };
    }
  }
}

/** Jinja2 only gives a macro `varargs`, `kwargs` and `caller` when its body mentions them. */
function mentions(node: unknown, names: Set<string>, found: Set<string>): void {
  if (Array.isArray(node)) {
    for (const x of node) mentions(x, names, found);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const n = node as { k?: string; name?: unknown };
  if (n.k === 'name' && typeof n.name === 'string' && names.has(n.name)) found.add(n.name);
  for (const v of Object.values(node)) if (typeof v === 'object' && v !== null) mentions(v, names, found);
}

const SPECIAL = new Set(['varargs', 'kwargs', 'caller']);

export function compileMacroDef(sig: MacroSig & Pos, u: Unit, catchesReturn: boolean): MacroDef {
  const found = new Set<string>();
  mentions(sig.body, SPECIAL, found);
  return {
    name: sig.name,
    params: sig.params,
    defaults: sig.defaults.map((d) => compileExpr(d, u)),
    catchVarargs: found.has('varargs') && !sig.params.includes('varargs'),
    catchKwargs: found.has('kwargs') && !sig.params.includes('kwargs'),
    usesCaller: found.has('caller'),
    catchesReturn,
    body: compileBody(sig.body, u),
    file: u.file,
    line: sig.line,
    col: sig.col,
  };
}

function renderInto(body: Exec, s: Scope, st: RenderState): string {
  const o = new StrOut();
  body(new Scope(s), st, o);
  return o.s;
}

function compileFor(x: Stmt & { k: 'for' }, u: Unit): Exec {
  const iter = compileExpr(x.iter, u);
  const assign = compileAssign(x.target, u);
  const test = x.test ? compileExpr(x.test, u) : null;
  const body = compileBody(x.body, u);
  const else_ = compileBody(x.else_, u);
  const { file } = u;
  const select = (items: unknown[], s: Scope, st: RenderState): unknown[] => {
    if (!test) return items;
    const t = new Scope(s);
    return items.filter((item) => {
      assign(t, st, item);
      return truthy(test(t, st));
    });
  };
  const run = (items: unknown[], s: Scope, st: RenderState, out: Out, depth0: number): number => {
    if (!items.length) return else_(s, st, out);
    const recurse = x.recursive
      ? (it: unknown): string => {
          const o = new StrOut();
          run(select(iterate(it).slice(), s, st), s, st, o, depth0 + 1);
          return o.s;
        }
      : null;
    const loop = new LoopContext(items, depth0, recurse);
    for (let i = 0; i < items.length; i++) {
      if (++st.iterations > MAX_LOOP_ITERATIONS) {
        throw at(renderError(`loops ran more than ${MAX_LOOP_ITERATIONS.toLocaleString('en-US')} times in one render (nested loops multiply); the template would not finish`), file, x.line, x.col);
      }
      loop.index0 = i;
      const it = new Scope(s);
      it.set('loop', loop);
      try {
        assign(it, st, items[i]);
      } catch (e) {
        throw at(e, file, x.target.line, x.target.col);
      }
      const r = body(it, st, out);
      if (r === BREAK) break;
    }
    return 0;
  };
  return (s, st, out) => {
    let items: unknown[];
    try {
      const src = iter(s, st);
      items = iterate(src);
      if (items === src) items = items.slice();
      items = select(items, s, st);
    } catch (e) {
      throw at(e, file, x.iter.line, x.iter.col);
    }
    return run(items, s, st, out, 0);
  };
}

function compileCallBlock(x: Stmt & { k: 'callblock' }, u: Unit): Exec {
  const caller = compileMacroDef({ name: 'caller', params: x.params, defaults: x.defaults, body: x.body, line: x.line, col: x.col }, u, false);
  const callee = compileExpr(x.call.callee, u);
  const args = compileArgs(x.call, u);
  const line = x.line;
  return guard(u, x.call, (s, st, out) => {
    const f = callee(s, st);
    const [a, kw] = args(s, st);
    kw.caller = bindMacro(caller, s, st);
    out.value(pyStr(callValue(f, a, kw)), line);
    return 0;
  });
}

function compileStmt(x: Stmt, u: Unit): Exec {
  switch (x.k) {
    case 'output': {
      const parts = x.items.map((it) => (it.k === 'data' ? { text: it.text, ev: null, p: it } : { text: '', ev: compileExpr(it, u), p: it }));
      const { file } = u;
      return (s, st, out) => {
        for (const p of parts) {
          if (p.ev === null) out.data(p.text, p.p.line);
          else {
            let v: unknown;
            try {
              v = p.ev(s, st);
            } catch (e) {
              throw at(e, file, p.p.line, p.p.col);
            }
            out.value(pyStr(v), p.p.line);
          }
        }
        return 0;
      };
    }
    case 'if': {
      const test = compileExpr(x.test, u);
      const body = compileBody(x.body, u);
      const else_ = compileBody(x.else_, u);
      const { file } = u;
      const { line, col } = x.test;
      return (s, st, out) => {
        let ok: boolean;
        try {
          ok = truthy(test(s, st));
        } catch (e) {
          throw at(e, file, line, col);
        }
        return ok ? body(s, st, out) : else_(s, st, out);
      };
    }
    case 'for':
      return compileFor(x, u);
    case 'macro': {
      if (x.kind === 'materialization') return () => 0;
      const def = compileMacroDef(x, u, false);
      const name = x.name;
      return (s, st) => {
        s.set(name, bindMacro(def, s, st));
        return 0;
      };
    }
    case 'callblock':
      return compileCallBlock(x, u);
    case 'filterblock': {
      const body = compileBody(x.body, u);
      const apply = compileFilterApply(x.filter, u);
      const line = x.line;
      return (s, st, out) => {
        out.value(pyStr(apply(renderInto(body, s, st), s, st)), line);
        return 0;
      };
    }
    case 'set': {
      const value = compileExpr(x.value, u);
      const assign = compileAssign(x.target, u);
      return guard(u, x, (s, st) => {
        assign(s, st, value(s, st));
        return 0;
      });
    }
    case 'setblock': {
      const body = compileBody(x.body, u);
      const apply = x.filter ? compileFilterApply(x.filter, u) : null;
      const assign = compileAssign(x.target, u);
      return guard(u, x, (s, st) => {
        const text = renderInto(body, s, st);
        assign(s, st, apply ? apply(text, s, st) : text);
        return 0;
      });
    }
    case 'with': {
      const values: Ev[] = x.values.map((v: Expr) => compileExpr(v, u));
      const assigns = x.targets.map((t) => compileAssign(t, u));
      const body = compileBody(x.body, u);
      return (s, st, out) => {
        const inner = new Scope(s);
        const vals = values.map((v) => v(s, st));
        assigns.forEach((a, i) => a(inner, st, vals[i]));
        return body(inner, st, out);
      };
    }
    case 'do': {
      const e = compileExpr(x.expr, u);
      return guard(u, x, (s, st) => {
        e(s, st);
        return 0;
      });
    }
    case 'break':
      return () => BREAK;
    case 'continue':
      return () => CONTINUE;
    case 'named_block': {
      if (x.tag === 'docs') return () => 0;
      return compileBody(x.body, u);
    }
  }
}
