import assert from 'node:assert/strict';
import { Graph, selectNodes, type SelectionOptions } from '../../../src/core/graph';
import { describe, it } from './harness';
import { id, jaffle } from './jaffle';
import { makeManifest, makeNode, makeSource, nodeId, sourceId } from './manifest-builder';

const { m, g } = jaffle();
const select = (opts: SelectionOptions): string[] => [...selectNodes(m, g, opts).selected].sort();
const models = (...sel: string[]): string[] => select({ select: sel, resourceTypes: ['model'] });
const sorted = (...ids: string[]): string[] => [...ids].sort();

describe('graph operators', () => {
  it('a bare name selects the node and (eagerly) its tests', () => {
    assert.deepEqual(select({ select: ['orders'] }), sorted(id.orders, id.notNullOrders, id.relOrdersCustomers));
  });

  it('+name adds every ancestor, and the tests on them', () => {
    assert.deepEqual(
      select({ select: ['+orders'] }),
      sorted(id.orders, id.stgOrders, id.stgPayments, id.countryCodes, id.uniqueStgOrders, id.sourceNotNull, id.notNullOrders, id.relOrdersCustomers),
    );
  });

  it('name+ adds every descendant', () => {
    assert.deepEqual(
      select({ select: ['orders+'] }),
      sorted(id.orders, id.customers, id.revenue, id.explore, id.notNullOrders, id.relOrdersCustomers, id.rangeCustomers, id.assertRevenue),
    );
  });

  it('N+name and name+N stop at N generations', () => {
    assert.deepEqual(models('1+orders'), sorted(id.orders, id.stgOrders, id.stgPayments));
    assert.deepEqual(models('2+customers'), sorted(id.customers, id.stgCustomers, id.orders, id.stgOrders, id.stgPayments));
    assert.deepEqual(models('stg_orders+1'), sorted(id.stgOrders, id.orders));
    assert.deepEqual(models('stg_orders+2'), sorted(id.stgOrders, id.orders, id.customers, id.revenue));
    assert.deepEqual(models('1+orders+1'), sorted(id.stgOrders, id.stgPayments, id.orders, id.customers, id.revenue));
  });

  it('@name adds descendants and all of their ancestors', () => {
    assert.deepEqual(
      select({ select: ['@stg_payments'], resourceTypes: ['model', 'seed'] }),
      sorted(id.stgPayments, id.orders, id.customers, id.revenue, id.stgOrders, id.stgCustomers, id.countryCodes),
    );
  });

  it('operators apply to every node a method matched', () => {
    assert.deepEqual(models('tag:finance+'), [id.revenue]);
    assert.deepEqual(models('+tag:finance'), sorted(id.revenue, id.orders, id.stgOrders, id.stgPayments));
  });
});

describe('set operators', () => {
  it('space is a union', () => {
    assert.deepEqual(models('stg_orders stg_customers'), sorted(id.stgOrders, id.stgCustomers));
  });

  it('several --select values are a union', () => {
    assert.deepEqual(models('stg_orders', 'stg_customers'), sorted(id.stgOrders, id.stgCustomers));
  });

  it('comma is an intersection', () => {
    assert.deepEqual(models('tag:nightly,config.materialized:table'), [id.orders]);
    // Tests of the intersection survive only when both sides selected them.
    assert.deepEqual(
      select({ select: ['tag:nightly,config.materialized:table'] }),
      sorted(id.orders, id.notNullOrders, id.relOrdersCustomers),
    );
    assert.deepEqual(models('+customers,staging'), sorted(id.stgCustomers, id.stgOrders, id.stgPayments));
  });

  it('--exclude subtracts, with the same syntax', () => {
    assert.deepEqual(
      select({ select: ['+customers'], exclude: ['staging'], resourceTypes: ['model'] }),
      sorted(id.customers, id.orders),
    );
    assert.deepEqual(
      select({ select: ['orders+'], exclude: ['customers+ tag:finance'], resourceTypes: ['model'] }),
      [id.orders],
    );
  });

  it('excluding a model also excludes the tests that touch it', () => {
    assert.deepEqual(select({ select: ['orders'], exclude: ['customers'] }), sorted(id.orders, id.notNullOrders));
  });

  it('no --select means everything; --exclude alone subtracts from everything', () => {
    assert.equal(select({}).length, Object.keys(m.nodes).length);
    assert.deepEqual(
      select({ exclude: ['marts'], resourceTypes: ['model', 'seed'] }),
      sorted(id.countryCodes, id.stgOrders, id.stgCustomers, id.stgPayments),
    );
  });
});

describe('resource types', () => {
  it('sources anchor a selection but are returned only when asked for', () => {
    assert.deepEqual(models('source:raw+'), sorted(id.stgOrders, id.stgCustomers, id.orders, id.customers, id.revenue));
    assert.deepEqual(
      select({ select: ['source:raw+1'], resourceTypes: ['model', 'source'] }),
      sorted(id.rawOrders, id.rawCustomers, id.stgOrders, id.stgCustomers),
    );
    assert.deepEqual(select({ select: ['source:raw'] }), [id.sourceNotNull]);
  });

  it('filters after indirect selection, like `dbt test --select orders`', () => {
    assert.deepEqual(select({ select: ['orders'], resourceTypes: ['test'] }), sorted(id.notNullOrders, id.relOrdersCustomers));
  });
});

describe('manifest snapshots', () => {
  it('reads a new manifest object even when the graph is reused', () => {
    const build = (tag: string) => makeManifest([makeNode({ name: 'a', tags: [tag] }), makeNode({ name: 'b', refs: ['a'] })]);
    const first = build('old');
    const graph = Graph.fromManifest(first);
    assert.deepEqual([...selectNodes(first, graph, { select: ['tag:old'] }).selected], [nodeId('a')]);
    const second = build('new');
    assert.deepEqual([...selectNodes(second, graph, { select: ['tag:new'] }).selected], [nodeId('a')]);
    assert.equal(selectNodes(second, graph, { select: ['tag:old'] }).selected.size, 0);
  });

  it('never selects a disabled source', () => {
    const manifest = makeManifest([
      makeSource({ source: 'raw', name: 'gone', config: { enabled: false } }),
      makeSource({ source: 'raw', name: 'kept' }),
    ]);
    const graph = Graph.fromManifest(manifest);
    const r = selectNodes(manifest, graph, { select: ['source:raw'], resourceTypes: ['source'] });
    assert.deepEqual([...r.selected], [sourceId('raw', 'kept')]);
    assert.deepEqual([...selectNodes(manifest, graph, { resourceTypes: ['source'] }).selected], [sourceId('raw', 'kept')]);
  });
});
