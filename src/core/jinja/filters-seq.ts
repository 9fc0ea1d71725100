/** Jinja2's sequence filters: sorting, selecting, mapping, aggregating. */
import { toInt } from './args';
import { getitem } from './attrs';
import { renderError } from './errors';
import { filter } from './filters-text';
import { binop, iterate, mapEntries, pyCompare, pyEq, truthy } from './ops';
import { pyStr } from './repr';
import type { FilterFn, RenderState } from './runtime';
import { isMapping, tuple, Undefined } from './values';

type Getter = (item: unknown) => unknown;

const lower = (v: unknown): unknown => (typeof v === 'string' ? v.toLowerCase() : v);

function attrParts(attribute: unknown): unknown[] {
  if (attribute === null || attribute === undefined) return [];
  if (typeof attribute === 'string') return attribute.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  return [attribute];
}

/** Jinja2's `make_attrgetter`: dotted path through items/attributes, with optional default. */
export function attrGetter(attribute: unknown, post: ((v: unknown) => unknown) | null = null, fallback: unknown = null): Getter {
  const parts = attrParts(attribute);
  return (item) => {
    let v = item;
    for (const p of parts) v = getitem(v, p);
    if (fallback !== null && v instanceof Undefined) v = fallback;
    return post ? post(v) : v;
  };
}

function multiGetter(attribute: unknown, post: ((v: unknown) => unknown) | null): Getter {
  if (typeof attribute !== 'string' || !attribute.includes(',')) return attrGetter(attribute, post);
  const getters = attribute.split(',').map((a) => attrGetter(a, post));
  return (item) => getters.map((g) => g(item));
}

function call(st: RenderState, kind: 'filter' | 'test', name: unknown, item: unknown, args: unknown[], kw: Record<string, unknown>): unknown {
  const key = pyStr(name);
  const fn = kind === 'filter' ? st.core.filters.get(key) : st.core.tests.get(key);
  if (!fn) throw renderError(`no ${kind} named '${key}'`);
  return fn(st, item, args, kw);
}

function selectOrReject(lookupAttr: boolean, keep: boolean): FilterFn {
  return (st, v, args, kw) => {
    let trans: Getter = (x) => x;
    let off = 0;
    if (lookupAttr) {
      if (!args.length) throw renderError('Missing parameter for attribute name');
      trans = attrGetter(args[0]);
      off = 1;
    }
    const test = args.length > off ? (x: unknown): boolean => truthy(call(st, 'test', args[off], x, args.slice(off + 1), kw)) : truthy;
    return iterate(v).filter((x) => test(trans(x)) === keep);
  };
}

function minMax(sign: 1 | -1): FilterFn {
  return filter(sign > 0 ? 'max' : 'min', [['case_sensitive', false], ['attribute', null]], (v, [cs, attr]) => {
    const items = iterate(v);
    if (!items.length) return new Undefined('', null, 'No aggregated item, sequence was empty.');
    const key = attrGetter(attr, cs === true ? null : lower);
    let best = items[0];
    let bestKey = key(best);
    for (const x of items.slice(1)) {
      const k = key(x);
      if (pyCompare(k, bestKey) * sign > 0) {
        best = x;
        bestKey = k;
      }
    }
    return best;
  })[1];
}

function unique(items: unknown[], key: Getter): unknown[] {
  const seen: unknown[] = [];
  const out: unknown[] = [];
  for (const x of items) {
    const k = key(x);
    if (!seen.some((s) => pyEq(s, k))) {
      seen.push(k);
      out.push(x);
    }
  }
  return out;
}

function sortBy(items: unknown[], key: Getter, reverse: boolean): unknown[] {
  const keyed = items.map((x) => [key(x), x] as const);
  keyed.sort((a, b) => (reverse ? pyCompare(b[0], a[0]) : pyCompare(a[0], b[0])));
  return keyed.map((p) => p[1]);
}

function groupTuple(grouper: unknown, list: unknown[]): unknown[] {
  const t = tuple([grouper, list]);
  Object.defineProperties(t, { grouper: { value: grouper }, list: { value: list } });
  return t;
}

export const SEQ_FILTERS: Array<[string, FilterFn]> = [
  filter('first', [], (v) => {
    const items = iterate(v);
    return items.length ? items[0] : new Undefined('', null, 'No first item, sequence was empty.');
  }),
  filter('last', [], (v) => {
    const items = iterate(v);
    return items.length ? items[items.length - 1] : new Undefined('', null, 'No last item, sequence was empty.');
  }),
  filter('list', [], (v) => iterate(v).slice()),
  filter('reverse', [], (v) => (typeof v === 'string' ? Array.from(v).reverse().join('') : iterate(v).slice().reverse())),
  filter('join', [['d', ''], ['attribute', null]], (v, [d, attr]) => {
    const items = attr === null ? iterate(v) : iterate(v).map(attrGetter(attr));
    return items.map(pyStr).join(pyStr(d));
  }),
  filter('default', [['default_value', ''], ['boolean', false]], (v, [d, b]) =>
    v instanceof Undefined || (b === true && !truthy(v)) ? d : v,
  ),
  filter('d', [['default_value', ''], ['boolean', false]], (v, [d, b]) => (v instanceof Undefined || (b === true && !truthy(v)) ? d : v)),
  filter('sum', [['attribute', null], ['start', 0]], (v, [attr, start]) => {
    const items = attr === null ? iterate(v) : iterate(v).map(attrGetter(attr));
    return items.reduce((acc, x) => binop('+', acc, x), start);
  }),
  ['max', minMax(1)],
  ['min', minMax(-1)],
  filter('sort', [['reverse', false], ['case_sensitive', false], ['attribute', null]], (v, [rev, cs, attr]) =>
    sortBy(iterate(v), multiGetter(attr, cs === true ? null : lower), rev === true),
  ),
  filter('unique', [['case_sensitive', false], ['attribute', null]], (v, [cs, attr]) =>
    unique(iterate(v), attrGetter(attr, cs === true ? null : lower)),
  ),
  filter('dictsort', [['case_sensitive', false], ['by', 'key'], ['reverse', false]], (v, [cs, by, rev]) => {
    if (by !== 'key' && by !== 'value') throw renderError('You can only sort by either "key" or "value"');
    if (!isMapping(v)) throw renderError('dictsort requires a mapping');
    const pos = by === 'key' ? 0 : 1;
    const items = mapEntries(v).map((e) => tuple(e));
    return sortBy(items, (e) => (cs === true ? (e as unknown[])[pos] : lower((e as unknown[])[pos])), rev === true);
  }),
  filter('groupby', [['attribute'], ['default', null], ['case_sensitive', false]], (v, [attr, d, cs]) => {
    const key = attrGetter(attr, cs === true ? null : lower, d);
    const sorted = sortBy(iterate(v), key, false);
    const groups: Array<[unknown, unknown[]]> = [];
    for (const x of sorted) {
      const k = key(x);
      const last = groups[groups.length - 1];
      if (last && pyEq(last[0], k)) last[1].push(x);
      else groups.push([k, [x]]);
    }
    const real = attrGetter(attr, null, d);
    return groups.map(([k, items]) => groupTuple(cs === true ? k : real(items[0]), items));
  }),
  filter('batch', [['linecount'], ['fill_with', null]], (v, [n, fill]) => {
    const count = toInt(n, 'batch');
    const out: unknown[][] = [];
    let tmp: unknown[] = [];
    for (const x of iterate(v)) {
      if (tmp.length === count) {
        out.push(tmp);
        tmp = [];
      }
      tmp.push(x);
    }
    if (tmp.length) {
      if (fill !== null) while (tmp.length < count) tmp.push(fill);
      out.push(tmp);
    }
    return out;
  }),
  filter('slice', [['slices'], ['fill_with', null]], (v, [n, fill]) => {
    const seq = iterate(v);
    const slices = toInt(n, 'slice');
    const per = Math.floor(seq.length / slices);
    const extra = seq.length % slices;
    const out: unknown[][] = [];
    let offset = 0;
    for (let i = 0; i < slices; i++) {
      const start = offset + i * per;
      if (i < extra) offset++;
      const tmp = seq.slice(start, offset + (i + 1) * per);
      if (fill !== null && i >= extra) tmp.push(fill);
      out.push(tmp);
    }
    return out;
  }),
  ['map', (st, v, args, kw) => {
    const items = iterate(v);
    if (!args.length && 'attribute' in kw) {
      const { attribute, default: d = null, ...rest } = kw;
      const extra = Object.keys(rest);
      if (extra.length) throw renderError(`Unexpected keyword argument '${extra[0]}'`);
      return items.map(attrGetter(attribute, null, d));
    }
    if (!args.length) throw renderError('map requires a filter argument');
    return items.map((x) => call(st, 'filter', args[0], x, args.slice(1), kw));
  }],
  ['select', selectOrReject(false, true)],
  ['reject', selectOrReject(false, false)],
  ['selectattr', selectOrReject(true, true)],
  ['rejectattr', selectOrReject(true, false)],
  filter('random', [], () => {
    throw renderError("the 'random' filter is not supported: compiled SQL must be deterministic");
  }),
];
