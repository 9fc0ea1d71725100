/**
 * A small jaffle-shop-like project that exercises every selector method:
 *
 *   raw.orders ──► stg_orders ──► orders ──► customers ──► explore (analysis)
 *   raw.customers ► stg_customers ─────────────┘   │
 *   country_codes ► stg_payments ──┘      └──► revenue (marts/finance)
 *   stg_orders ──► orders_snapshot
 */
import { Graph } from '../../../src/core/graph';
import { makeManifest, makeNode, makeSource, makeTest, nodeId, sourceId } from './manifest-builder';

export const id = {
  rawOrders: sourceId('raw', 'orders'),
  rawCustomers: sourceId('raw', 'customers'),
  countryCodes: nodeId('country_codes', 'seed'),
  stgOrders: nodeId('stg_orders'),
  stgCustomers: nodeId('stg_customers'),
  stgPayments: nodeId('stg_payments'),
  orders: nodeId('orders'),
  customers: nodeId('customers'),
  revenue: nodeId('revenue'),
  snapshot: nodeId('orders_snapshot', 'snapshot'),
  explore: nodeId('explore', 'analysis'),
  uniqueStgOrders: nodeId('unique_stg_orders_order_id', 'test'),
  notNullOrders: nodeId('not_null_orders_order_id', 'test'),
  relOrdersCustomers: nodeId('relationships_orders_customer_id', 'test'),
  sourceNotNull: nodeId('source_not_null_raw_orders_id', 'test'),
  rangeCustomers: nodeId('accepted_range_customers_ltv', 'test'),
  assertRevenue: nodeId('assert_revenue_positive', 'test'),
};

export function jaffle() {
  const m = makeManifest([
    makeSource({ source: 'raw', name: 'orders', tags: ['pii'] }),
    makeSource({ source: 'raw', name: 'customers' }),
    makeNode({ name: 'country_codes', resource_type: 'seed' }),
    makeNode({ name: 'stg_orders', path: 'staging/stg_orders.sql', sources: [['raw', 'orders']], tags: ['staging', 'nightly'], patchPath: 'p://models/staging/schema.yml' }),
    makeNode({ name: 'stg_customers', path: 'staging/stg_customers.sql', sources: [['raw', 'customers']], tags: ['staging'] }),
    makeNode({ name: 'stg_payments', path: 'staging/stg_payments.sql', deps: [nodeId('country_codes', 'seed')], tags: ['staging'] }),
    makeNode({
      name: 'orders', path: 'marts/orders.sql', refs: ['stg_orders', 'stg_payments'], materialized: 'table', tags: ['nightly'],
      config: { meta: { owner: 'finance' }, partition_by: ['year', 'month'], contract: { enforced: true } },
    }),
    makeNode({ name: 'customers', path: 'marts/customers.sql', refs: ['stg_customers', 'orders'], materialized: 'table', config: { group: 'sales', access: 'public' } }),
    makeNode({ name: 'revenue', path: 'marts/finance/revenue.sql', refs: ['orders'], materialized: 'incremental', tags: ['finance', 'nightly'] }),
    makeNode({ name: 'orders_snapshot', resource_type: 'snapshot', refs: ['stg_orders'] }),
    makeNode({ name: 'explore', resource_type: 'analysis', refs: ['customers'] }),
    makeTest({ name: 'unique_stg_orders_order_id', on: [id.stgOrders], testName: 'unique', yml: 'models/staging/schema.yml', column: 'order_id' }),
    makeTest({ name: 'not_null_orders_order_id', on: [id.orders], testName: 'not_null', yml: 'models/marts/schema.yml', column: 'order_id' }),
    makeTest({ name: 'relationships_orders_customer_id', on: [id.orders, id.customers], testName: 'relationships', yml: 'models/marts/schema.yml', config: { severity: 'warn' } }),
    makeTest({ name: 'source_not_null_raw_orders_id', on: [id.rawOrders], testName: 'not_null', yml: 'models/sources.yml' }),
    makeTest({ name: 'accepted_range_customers_ltv', on: [id.customers], testName: 'dbt_utils.accepted_range', yml: 'models/marts/schema.yml' }),
    makeTest({ name: 'assert_revenue_positive', on: [id.revenue] }),
  ]);
  return { m, g: Graph.fromManifest(m) };
}
