import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Warehouse } from '../../../src/core/run';
import { cli } from '../../helpers/cli';
import { copyTemplate } from '../../helpers/tempProject';

async function rows(dir: string, sql: string) {
  const wh = await Warehouse.open({ path: join(dir, 'jaffle_shop.duckdb'), projectRoot: dir, targetDir: join(dir, 'target'), readOnly: true });
  try {
    return await wh.query(sql);
  } finally {
    wh.close();
  }
}

test('build of the jaffle_shop example: seeds, views, ephemeral CTE, tables in a custom schema', async () => {
  const dir = copyTemplate('jaffle_shop');
  const r = await cli(dir, 'build');
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /OK loaded seed file main_raw\.raw_customers/);
  assert.match(r.out, /OK created sql view model main\.stg_orders/);
  assert.match(r.out, /OK created sql table model main_marts\.customers/);

  const tables = await rows(dir, `select table_schema, table_name, table_type from information_schema.tables order by 1, 2`);
  const names = tables.map((t) => `${String(t.table_schema)}.${String(t.table_name)}:${String(t.table_type)}`);
  assert.deepEqual(names, [
    'main.stg_customers:VIEW',
    'main.stg_orders:VIEW',
    'main.stg_payments:VIEW',
    'main_marts.customers:BASE TABLE',
    'main_marts.orders:BASE TABLE',
    'main_raw.raw_customers:BASE TABLE',
    'main_raw.raw_orders:BASE TABLE',
    'main_raw.raw_payments:BASE TABLE',
  ]);
  // The ephemeral model is inlined, never built.
  assert.ok(!names.some((n) => n.includes('order_payments')));

  const michael = await rows(dir, `select number_of_orders, customer_lifetime_value from main_marts.customers where customer_id = 1`);
  assert.equal(Number(michael[0].number_of_orders), 2);
  assert.equal(Number(michael[0].customer_lifetime_value), 27);
  const order9 = await rows(dir, `select gift_card_amount, bank_transfer_amount, amount from main_marts.orders where order_id = 9`);
  assert.deepEqual(order9.map((o) => [Number(o.gift_card_amount), Number(o.bank_transfer_amount), Number(o.amount)]), [[23, 0, 23]]);

  const compiled = readFileSync(join(dir, 'target/compiled/jaffle_shop/models/marts/orders.sql'), 'utf8');
  assert.match(compiled, /with __dbt__cte__order_payments as \(/);
  assert.match(compiled, /"jaffle_shop"\."main"\."stg_orders"/);

  const manifest = JSON.parse(readFileSync(join(dir, 'target/manifest.json'), 'utf8')) as { nodes: Record<string, { depends_on: { nodes: string[] } }>; parent_map: Record<string, string[]> };
  assert.deepEqual(manifest.nodes['model.jaffle_shop.orders'].depends_on.nodes.sort(), ['model.jaffle_shop.order_payments', 'model.jaffle_shop.stg_orders']);
  assert.deepEqual(manifest.parent_map['model.jaffle_shop.stg_payments'], ['seed.jaffle_shop.raw_payments']);

  const rr = JSON.parse(readFileSync(join(dir, 'target/run_results.json'), 'utf8')) as { results: Array<{ unique_id: string; status: string; adapter_response: { rows_affected?: number } }> };
  const seed = rr.results.find((x) => x.unique_id === 'seed.jaffle_shop.raw_orders');
  assert.equal(seed?.status, 'success');
  assert.equal(seed?.adapter_response.rows_affected, 12);
  assert.ok(existsSync(join(dir, 'target/run/jaffle_shop/models/marts/customers.sql')));
});

test('vars from --vars override project vars', async () => {
  const dir = copyTemplate('jaffle_shop');
  assert.equal((await cli(dir, 'seed')).code, 0);
  const r = await cli(dir, 'run', '--select', 'stg_orders', '--vars', "{min_order_date: '2018-01-10'}");
  assert.equal(r.code, 0, r.out + r.err);
  const n = await rows(dir, 'select count(*) as n from main.stg_orders');
  assert.equal(Number(n[0].n), 3);
});
