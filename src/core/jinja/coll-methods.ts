/** Python `list`/`tuple` and `dict` methods (`.append()`, `.items()`, `.get()`, `.update()` …). */
import { bindArgs, toInt } from './args';
import { renderError } from './errors';
import { iterate, mapEntries, mapGet, mapHas, mapKeys, mapSet, pyCompare, pyEq } from './ops';
import { pyRepr } from './repr';
import { isMapping, isTuple, tag, tuple } from './values';

type Mapping = Record<string, unknown> | Map<unknown, unknown>;
type ListMethod = (l: unknown[], args: unknown[], kw: Record<string, unknown>) => unknown;
type DictMethod = (d: Mapping, args: unknown[], kw: Record<string, unknown>) => unknown;

function indexOf(l: unknown[], x: unknown): number {
  for (let i = 0; i < l.length; i++) if (pyEq(l[i], x)) return i;
  return -1;
}

const TUPLE_METHODS: Record<string, ListMethod> = {
  index: (l, a, kw) => {
    const [x] = bindArgs('index', [['value']], a, kw);
    const i = indexOf(l, x);
    if (i < 0) throw renderError(`${pyRepr(x)} is not in list`);
    return i;
  },
  count: (l, a, kw) => {
    const [x] = bindArgs('count', [['value']], a, kw);
    return l.filter((y) => pyEq(y, x)).length;
  },
};

const LIST_METHODS: Record<string, ListMethod> = {
  ...TUPLE_METHODS,
  append: (l, a, kw) => {
    l.push(bindArgs('append', [['object']], a, kw)[0]);
    return null;
  },
  extend: (l, a, kw) => {
    l.push(...iterate(bindArgs('extend', [['iterable']], a, kw)[0]));
    return null;
  },
  insert: (l, a, kw) => {
    const [i, x] = bindArgs('insert', [['index'], ['object']], a, kw);
    let at = toInt(i, 'insert');
    if (at < 0) at = Math.max(0, l.length + at);
    l.splice(Math.min(at, l.length), 0, x);
    return null;
  },
  pop: (l, a, kw) => {
    const [i] = bindArgs('pop', [['index', -1]], a, kw);
    if (!l.length) throw renderError('pop from empty list');
    let at = toInt(i, 'pop');
    if (at < 0) at += l.length;
    if (at < 0 || at >= l.length) throw renderError('pop index out of range');
    return l.splice(at, 1)[0];
  },
  remove: (l, a, kw) => {
    const i = indexOf(l, bindArgs('remove', [['value']], a, kw)[0]);
    if (i < 0) throw renderError('list.remove(x): x not in list');
    l.splice(i, 1);
    return null;
  },
  reverse: (l, a, kw) => {
    bindArgs('reverse', [], a, kw);
    l.reverse();
    return null;
  },
  sort: (l, a, kw) => {
    const [key, reverse] = bindArgs('sort', [['key', null], ['reverse', false]], a, kw);
    if (key !== null) throw renderError('list.sort(key=...) is not supported in templates; use the sort filter');
    l.sort(pyCompare);
    if (reverse === true) l.reverse();
    return null;
  },
  copy: (l, a, kw) => {
    bindArgs('copy', [], a, kw);
    return l.slice();
  },
  clear: (l, a, kw) => {
    bindArgs('clear', [], a, kw);
    l.length = 0;
    return null;
  },
};

function update(d: Mapping, other: unknown, kw: Record<string, unknown>): void {
  if (other !== null && other !== undefined) {
    if (isMapping(other)) for (const [k, v] of mapEntries(other)) mapSet(d, k, v);
    else {
      for (const pair of iterate(other)) {
        const kv = iterate(pair);
        if (kv.length !== 2) throw renderError(`dictionary update sequence element has length ${kv.length}; 2 is required`);
        mapSet(d, kv[0], kv[1]);
      }
    }
  }
  for (const k of Object.keys(kw)) mapSet(d, k, kw[k]);
}

const DICT_METHODS: Record<string, DictMethod> = {
  items: (d, a, kw) => {
    bindArgs('items', [], a, kw);
    return tag(mapEntries(d).map((e) => tuple(e)), 'dict_items');
  },
  keys: (d, a, kw) => {
    bindArgs('keys', [], a, kw);
    return tag(mapKeys(d), 'dict_keys');
  },
  values: (d, a, kw) => {
    bindArgs('values', [], a, kw);
    return tag(mapEntries(d).map((e) => e[1]), 'dict_values');
  },
  get: (d, a, kw) => {
    const [k, fallback] = bindArgs('get', [['key'], ['default', null]], a, kw);
    return mapHas(d, k) ? mapGet(d, k) : fallback;
  },
  setdefault: (d, a, kw) => {
    const [k, fallback] = bindArgs('setdefault', [['key'], ['default', null]], a, kw);
    if (!mapHas(d, k)) mapSet(d, k, fallback);
    return mapGet(d, k);
  },
  pop: (d, a) => {
    if (a.length < 1 || a.length > 2) throw renderError(`pop expected 1 or 2 arguments, got ${a.length}`);
    const k = a[0];
    if (!mapHas(d, k)) {
      if (a.length === 2) return a[1];
      throw renderError(`KeyError: ${pyRepr(k)}`);
    }
    const v = mapGet(d, k);
    if (d instanceof Map) d.delete(k);
    else delete d[String(k)];
    return v;
  },
  popitem: (d, a, kw) => {
    bindArgs('popitem', [], a, kw);
    const entries = mapEntries(d);
    if (!entries.length) throw renderError("popitem(): dictionary is empty");
    const [k, v] = entries[entries.length - 1];
    if (d instanceof Map) d.delete(k);
    else delete d[String(k)];
    return tuple([k, v]);
  },
  update: (d, a, kw) => {
    if (a.length > 1) throw renderError(`update expected at most 1 argument, got ${a.length}`);
    update(d, a[0], kw);
    return null;
  },
  copy: (d, a, kw) => {
    bindArgs('copy', [], a, kw);
    return d instanceof Map ? new Map(d) : { ...d };
  },
  clear: (d, a, kw) => {
    bindArgs('clear', [], a, kw);
    if (d instanceof Map) d.clear();
    else for (const k of Object.keys(d)) delete d[k];
    return null;
  },
};

export function listMethod(l: unknown[], name: string): ListMethod | undefined {
  const table = isTuple(l) ? TUPLE_METHODS : LIST_METHODS;
  return Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
}

export function dictMethod(name: string): DictMethod | undefined {
  return Object.prototype.hasOwnProperty.call(DICT_METHODS, name) ? DICT_METHODS[name] : undefined;
}
