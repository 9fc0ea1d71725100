import assert from 'node:assert/strict';
import { selectNodes, type IndirectSelection } from '../../../src/core/graph';
import { describe, it } from './harness';
import { id, jaffle } from './jaffle';

const { m, g } = jaffle();
const tests = (mode: IndirectSelection | undefined, ...sel: string[]): string[] =>
  [...selectNodes(m, g, { select: sel, indirectSelection: mode, resourceTypes: ['test'] }).selected].sort();
const sorted = (...ids: string[]): string[] => [...ids].sort();

// relationships_orders_customer_id reads both orders and customers; customers is downstream of orders.
describe('indirect selection of tests', () => {
  it('eager (default): a test comes along when any parent is selected', () => {
    assert.deepEqual(tests(undefined, 'orders'), sorted(id.notNullOrders, id.relOrdersCustomers));
    assert.deepEqual(tests('eager', 'customers'), sorted(id.relOrdersCustomers, id.rangeCustomers));
  });

  it('cautious: only when every parent is selected', () => {
    assert.deepEqual(tests('cautious', 'orders'), [id.notNullOrders]);
    assert.deepEqual(tests('cautious', 'customers'), [id.rangeCustomers]);
    assert.deepEqual(tests('cautious', 'orders+1'), sorted(id.notNullOrders, id.relOrdersCustomers, id.rangeCustomers, id.assertRevenue));
  });

  it('cautious: a union can complete a test whose parents come from different terms', () => {
    assert.deepEqual(tests('cautious', 'orders customers'), sorted(id.notNullOrders, id.relOrdersCustomers, id.rangeCustomers));
    assert.deepEqual(tests('cautious', 'orders', 'customers'), sorted(id.notNullOrders, id.relOrdersCustomers, id.rangeCustomers));
  });

  it('buildable: also when the missing parents are upstream of the selection', () => {
    assert.deepEqual(tests('buildable', 'customers'), sorted(id.relOrdersCustomers, id.rangeCustomers));
    assert.deepEqual(tests('buildable', 'orders'), [id.notNullOrders]);
  });

  it('empty: no tests unless selected directly', () => {
    assert.deepEqual(tests('empty', 'orders+'), sorted(id.notNullOrders, id.relOrdersCustomers, id.rangeCustomers, id.assertRevenue));
    assert.deepEqual(tests('empty', '+orders'), []);
    assert.deepEqual(tests('empty', 'test_name:unique'), [id.uniqueStgOrders]);
  });

  it('tests on sources come along with source: selections', () => {
    assert.deepEqual(tests(undefined, 'source:raw.orders'), [id.sourceNotNull]);
  });

  it('an intersection keeps only tests that every side selected', () => {
    assert.deepEqual(tests(undefined, 'orders,tag:nightly'), sorted(id.notNullOrders, id.relOrdersCustomers));
    // Eagerly, both sides pick up the relationships test that reads both models.
    assert.deepEqual(tests(undefined, 'orders,customers'), [id.relOrdersCustomers]);
    assert.deepEqual(tests('cautious', 'orders,customers'), []);
  });

  it('excluded nodes take the tests they would select with them', () => {
    const run = (mode: IndirectSelection): string[] =>
      [...selectNodes(m, g, { select: ['orders+'], exclude: ['customers'], indirectSelection: mode, resourceTypes: ['test'] }).selected].sort();
    assert.deepEqual(run('eager'), sorted(id.notNullOrders, id.assertRevenue));
    assert.deepEqual(run('buildable'), sorted(id.notNullOrders, id.assertRevenue));
    // As in dbt: cautiously, `customers` alone does not select the two-parent test, so excluding
    // it leaves that test (a descendant of orders) in.
    assert.deepEqual(run('cautious'), sorted(id.notNullOrders, id.relOrdersCustomers, id.assertRevenue));
  });
});
