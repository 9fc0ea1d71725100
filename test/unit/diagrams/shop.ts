/**
 * A small shop project as a manifest: two sources, staging views, a seed, an incremental and a
 * table mart, an ephemeral helper, a snapshot, and the usual key tests.
 */
import type { Manifest, ManifestNode, TestDefinition } from '../../../src/core/project/types';
import { makeManifest, makeNode, makeSource, makeTest, nodeId } from '../graph/manifest-builder';

export { nodeId, sourceId } from '../graph/manifest-builder';

/** A generic test with its YAML arguments (the shared builder leaves args empty). */
export function keyTest(name: string, testName: string, on: string[], column: string | undefined, args: Record<string, unknown> = {}): ManifestNode {
  const t = makeTest({ name, on, testName, column });
  const def = t.test?.definition as TestDefinition;
  def.args = args;
  return t;
}

export function shopManifest(): Manifest {
  const customers = nodeId('customers');
  const orders = nodeId('orders');
  return makeManifest([
    makeSource({ source: 'raw', name: 'orders' }),
    makeSource({ source: 'raw', name: 'customers' }),
    makeNode({ name: 'stg_orders', path: 'staging/stg_orders.sql', sources: [['raw', 'orders']] }),
    makeNode({ name: 'stg_customers', path: 'staging/stg_customers.sql', sources: [['raw', 'customers']] }),
    makeNode({ name: 'int_order_totals', path: 'intermediate/int_order_totals.sql', refs: ['stg_orders'], materialized: 'ephemeral' }),
    makeNode({ name: 'country_codes', resource_type: 'seed' }),
    makeNode({ name: 'customers', path: 'marts/customers.sql', refs: ['stg_customers', 'int_order_totals'], materialized: 'table' }),
    makeNode({ name: 'orders', path: 'marts/orders.sql', refs: ['int_order_totals'], deps: [nodeId('country_codes', 'seed')], materialized: 'incremental' }),
    makeNode({ name: 'customers_snapshot', resource_type: 'snapshot', refs: ['customers'] }),
    keyTest('unique_customers_customer_id', 'unique', [customers], 'customer_id'),
    keyTest('not_null_customers_customer_id', 'not_null', [customers], 'customer_id'),
    keyTest('not_null_orders_customer_id', 'not_null', [orders], 'customer_id'),
    keyTest('relationships_orders_customer_id', 'relationships', [orders, customers], 'customer_id', { to: "ref('customers')", field: 'customer_id' }),
  ]);
}
