/** Jinja2's global functions and objects (`range`, `dict`, `namespace`, `cycler`, `joiner`, `loop`) plus dbt's `return`. */
import { bindArgs, toInt } from './args';
import { MacroReturn, renderError } from './errors';
import { iterate, mapEntries, pyEq } from './ops';
import { isMapping, makeRange, Namespace, Native, PyObject, Undefined } from './values';

/** The sandbox's MAX_RANGE: larger ranges are refused. */
const MAX_RANGE = 100000;

function range(args: unknown[], kwargs: Record<string, unknown>): number[] {
  if (Object.keys(kwargs).length) throw renderError('range() takes no keyword arguments');
  if (args.length < 1 || args.length > 3) throw renderError(`range expected 1 to 3 arguments, got ${args.length}`);
  const n = args.map((a) => toInt(a, 'range()'));
  const [start, stop, step] = n.length === 1 ? [0, n[0], 1] : [n[0], n[1], n[2] ?? 1];
  if (step === 0) throw renderError('range() arg 3 must not be zero');
  const len = Math.max(0, Math.ceil((stop - start) / step));
  if (len > MAX_RANGE) throw renderError(`Range too big. The sandbox blocks ranges larger than MAX_RANGE (${MAX_RANGE}).`);
  return makeRange(start, stop, step);
}

function dict(args: unknown[], kwargs: Record<string, unknown>): Record<string, unknown> {
  if (args.length > 1) throw renderError(`dict expected at most 1 argument, got ${args.length}`);
  const out: Record<string, unknown> = {};
  if (args.length) {
    const src = args[0];
    if (isMapping(src)) for (const [k, v] of mapEntries(src)) out[String(k)] = v;
    else {
      for (const pair of iterate(src)) {
        const kv = iterate(pair);
        if (kv.length !== 2) throw renderError(`dictionary update sequence element has length ${kv.length}; 2 is required`);
        out[String(kv[0])] = kv[1];
      }
    }
  }
  return Object.assign(out, kwargs);
}

function namespace(args: unknown[], kwargs: Record<string, unknown>): Namespace {
  const ns = new Namespace();
  Object.assign(ns.attrs, dict(args, kwargs));
  return ns;
}

class Cycler extends PyObject {
  private pos = 0;
  constructor(private readonly items: unknown[]) {
    super();
    if (!items.length) throw renderError('at least one item has to be provided');
  }
  attr(name: string): unknown {
    switch (name) {
      case 'current':
        return this.items[this.pos];
      case 'next':
        return new Native('next', () => {
          const v = this.items[this.pos];
          this.pos = (this.pos + 1) % this.items.length;
          return v;
        });
      case 'reset':
        return new Native('reset', () => {
          this.pos = 0;
          return null;
        });
      default:
        return undefined;
    }
  }
}

class Joiner extends PyObject {
  private used = false;
  constructor(private readonly sep: string) {
    super();
  }
  attr(): unknown {
    return undefined;
  }
  override call(): unknown {
    if (!this.used) {
      this.used = true;
      return '';
    }
    return this.sep;
  }
}

const NOTHING = Symbol('nothing');

/** The `loop` variable inside `{% for %}`. */
export class LoopContext extends PyObject {
  index0 = 0;
  private lastChanged: unknown = NOTHING;

  constructor(
    readonly items: unknown[],
    readonly depth0: number,
    private readonly recurse: ((iterable: unknown) => string) | null,
  ) {
    super();
  }

  attr(name: string): unknown {
    const n = this.items.length;
    switch (name) {
      case 'index':
        return this.index0 + 1;
      case 'index0':
        return this.index0;
      case 'revindex':
        return n - this.index0;
      case 'revindex0':
        return n - this.index0 - 1;
      case 'first':
        return this.index0 === 0;
      case 'last':
        return this.index0 === n - 1;
      case 'length':
        return n;
      case 'depth':
        return this.depth0 + 1;
      case 'depth0':
        return this.depth0;
      case 'previtem':
        return this.index0 > 0 ? this.items[this.index0 - 1] : new Undefined('previtem', null, 'there is no previous item');
      case 'nextitem':
        return this.index0 < n - 1 ? this.items[this.index0 + 1] : new Undefined('nextitem', null, 'there is no next item');
      case 'cycle':
        return new Native('cycle', (args) => {
          if (!args.length) throw renderError('no items for cycling given');
          return args[this.index0 % args.length];
        });
      case 'changed':
        return new Native('changed', (args) => {
          const prev = this.lastChanged;
          this.lastChanged = args;
          return prev === NOTHING || !pyEq(prev, args);
        });
      default:
        return undefined;
    }
  }

  override call(args: unknown[]): unknown {
    if (!this.recurse) throw renderError("Tried to call non recursive loop. Maybe you forgot the 'recursive' modifier.");
    if (args.length !== 1) throw renderError('loop() takes exactly one argument');
    return this.recurse(args[0]);
  }
}

export function builtinGlobals(): Record<string, unknown> {
  return {
    range: new Native('range', range),
    dict: new Native('dict', dict),
    namespace: new Native('namespace', namespace),
    cycler: new Native('cycler', (args) => new Cycler(args)),
    joiner: new Native('joiner', (args, kw) => new Joiner(String(bindArgs('joiner', [['sep', ', ']], args, kw)[0]))),
    return: new Native('return', (args) => {
      // A control-flow sentinel, not a failure: skipping Error's stack capture keeps return() cheap.
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw new MacroReturn(args.length ? args[0] : null);
    }),
  };
}
