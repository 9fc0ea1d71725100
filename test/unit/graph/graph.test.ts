import assert from 'node:assert/strict';
import { describe, it } from './harness';
import { Graph } from '../../../src/core/graph';
import { makeManifest, makeNode, nodeId } from './manifest-builder';
import { id, jaffle } from './jaffle';

const m = (name: string): string => nodeId(name);

/** Models named by letter; `edges` maps child -> parents. */
function letters(edges: Record<string, string[]>): Graph {
  const names = new Set([...Object.keys(edges), ...Object.values(edges).flat()]);
  return Graph.fromManifest(makeManifest([...names].map((n) => makeNode({ name: n, refs: edges[n] ?? [] }))));
}

describe('Graph.fromManifest', () => {
  it('has nodes and sources as vertices and parent -> child edges', () => {
    const { g } = jaffle();
    assert.equal(g.size, 17);
    assert.deepEqual(g.parents(id.orders), [id.stgOrders, id.stgPayments]);
    assert.deepEqual(g.children(id.rawOrders), [id.stgOrders, id.sourceNotNull]);
    assert.deepEqual(g.children(id.orders), [id.customers, id.revenue, id.notNullOrders, id.relOrdersCustomers]);
    assert.deepEqual(g.parents(id.relOrdersCustomers), [id.customers, id.orders]);
  });

  it('drops duplicate refs and deps on unknown nodes', () => {
    const g = Graph.fromManifest(
      makeManifest([makeNode({ name: 'a' }), makeNode({ name: 'b', refs: ['a', 'a', 'ghost'] })]),
    );
    assert.deepEqual(g.parents(m('b')), [m('a')]);
    assert.deepEqual(g.children(m('a')), [m('b')]);
    assert.deepEqual(g.parents('model.p.nope'), []);
  });
});

describe('ancestors / descendants', () => {
  const g = letters({ b: ['a'], c: ['b'], d: ['c'], e: ['a'] });

  it('walks the whole way by default and excludes the node itself', () => {
    assert.deepEqual([...g.ancestors(m('d'))].sort(), [m('a'), m('b'), m('c')]);
    assert.deepEqual([...g.descendants(m('a'))].sort(), [m('b'), m('c'), m('d'), m('e')]);
  });

  it('stops at the given depth', () => {
    assert.deepEqual([...g.ancestors(m('d'), 1)], [m('c')]);
    assert.deepEqual([...g.ancestors(m('d'), 2)].sort(), [m('b'), m('c')]);
    assert.deepEqual([...g.descendants(m('a'), 1)].sort(), [m('b'), m('e')]);
    assert.deepEqual([...g.descendants(m('a'), 0)], []);
  });

  it('uses the shortest distance when there are several paths', () => {
    const diamond = letters({ b: ['a'], c: ['b'], d: ['c', 'a'] });
    assert.deepEqual([...diamond.ancestors(m('d'), 1)].sort(), [m('a'), m('c')]);
  });

  it('is empty for unknown ids', () => {
    assert.equal(g.ancestors('model.p.zzz').size, 0);
  });
});

describe('topoOrder', () => {
  it('puts parents first and breaks ties by unique_id', () => {
    const g = letters({ z: [], y: ['z'], a: ['y'], m: [], b: [] });
    assert.deepEqual(g.topoOrder(), [m('b'), m('m'), m('z'), m('y'), m('a')]);
  });

  it('is the same whatever order the manifest lists nodes in', () => {
    const nodes = [makeNode({ name: 'c', refs: ['a'] }), makeNode({ name: 'b' }), makeNode({ name: 'a' })];
    const one = Graph.fromManifest(makeManifest(nodes)).topoOrder();
    const two = Graph.fromManifest(makeManifest([...nodes].reverse())).topoOrder();
    assert.deepEqual(one, two);
    assert.deepEqual(one, [m('a'), m('b'), m('c')]);
  });

  it('orders a subset by dependencies through unselected nodes', () => {
    // z -> x -> a: z must come before a even though x is not asked for and "a" < "z".
    const g = letters({ x: ['z'], a: ['x'] });
    assert.deepEqual(g.topoOrder([m('a'), m('z')]), [m('z'), m('a')]);
  });

  it('orders the jaffle project sources first, then by dependency', () => {
    const { g } = jaffle();
    const order = g.topoOrder();
    for (const v of order) for (const p of g.parents(v)) assert.ok(order.indexOf(p) < order.indexOf(v), `${p} before ${v}`);
    assert.equal(order[0], 'seed.p.country_codes');
  });
});

describe('layers', () => {
  it('groups nodes that can run in parallel, sorted', () => {
    const g = letters({ b: ['a'], c: ['a'], d: ['b', 'c'], e: [] });
    assert.deepEqual(g.layers(), [[m('a'), m('e')], [m('b'), m('c')], [m('d')]]);
  });

  it('places a node after its deepest parent', () => {
    const g = letters({ b: ['a'], c: ['b'], d: ['a', 'c'] });
    assert.deepEqual(g.layers(), [[m('a')], [m('b')], [m('c')], [m('d')]]);
  });

  it('keeps transitive order through unselected nodes and closes gaps', () => {
    const g = letters({ b: ['a'], c: ['b'], d: ['c'], x: [] });
    assert.deepEqual(g.layers([m('a'), m('d'), m('x')]), [[m('a'), m('x')], [m('d')]]);
  });

  it('is empty for an empty selection', () => {
    assert.deepEqual(letters({ b: ['a'] }).layers([]), []);
  });
});

describe('parentMap / childMap', () => {
  it('lists every vertex with sorted neighbours, like dbt', () => {
    const g = letters({ c: ['b', 'a'], b: ['a'] });
    assert.deepEqual(g.parentMap(), { [m('a')]: [], [m('b')]: [m('a')], [m('c')]: [m('a'), m('b')] });
    assert.deepEqual(g.childMap(), { [m('a')]: [m('b'), m('c')], [m('b')]: [m('c')], [m('c')]: [] });
    assert.deepEqual(Object.keys(g.parentMap()), [m('a'), m('b'), m('c')]);
  });
});
