import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Warehouse } from '../../../src/core/run';
import { cli } from '../../helpers/cli';
import { REPO } from '../../helpers/tempProject';

function copyFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ms-shop-'));
  cpSync(join(REPO, 'test', 'fixtures', 'incremental', 'shop'), dir, { recursive: true });
  return dir;
}

/** Opens the project's DuckDB file between CLI runs (each run closes it again). */
async function db<T>(dir: string, fn: (wh: Warehouse) => Promise<T>): Promise<T> {
  const wh = await Warehouse.open({ path: join(dir, 'warehouse.duckdb'), projectRoot: dir, targetDir: join(dir, 'target') });
  try {
    return await fn(wh);
  } finally {
    wh.close();
  }
}

async function exec(dir: string, ...sql: string[]): Promise<void> {
  await db(dir, async (wh) => {
    for (const s of sql) await wh.run(s);
  });
}

async function select(dir: string, sql: string): Promise<Array<Record<string, unknown>>> {
  return db(dir, async (wh) =>
    (await wh.query(sql)).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v instanceof Date ? v.toISOString().slice(0, 10) : v]))),
  );
}

const DIM = 'select customer_sk, customer_id, first_name, city, is_current, effective_date, end_date from main.dim_customers order by customer_sk';
const ORDERS = 'select order_id, status, amount from main.fct_orders order by order_id';

void test('the SCD2 customer example of the seed document, row for row, through a snapshot', async () => {
  const dir = copyFixture();
  await exec(
    dir,
    'create schema raw',
    'create table raw.customers (customer_id varchar, first_name varchar, city varchar, updated_at timestamp)',
    "insert into raw.customers values ('CUST001', 'John', 'NYC', '2023-01-01')",
    'create table raw.orders (order_id integer, customer_id varchar, status varchar, amount decimal(10, 2), updated_at timestamp)',
    "insert into raw.orders values (1, 'CUST001', 'placed', 10.50, '2023-01-01'), (2, 'CUST001', 'placed', 20.00, '2023-01-02')",
  );

  // Batch 1: build runs the snapshot before the model that refs it.
  const b1 = await cli(dir, 'build');
  assert.equal(b1.code, 0, b1.out + b1.err);
  const lines = b1.out.split('\n');
  const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
  assert.ok(at(/OK created snapshot snapshots\.customers_snapshot/) >= 0, b1.out);
  assert.ok(at(/OK created snapshot snapshots\.customers_snapshot/) < at(/OK created sql table model main\.dim_customers/), b1.out);
  assert.ok(at(/OK created snapshot main_history\.customers_check .*\[SELECT 1 in/) >= 0, b1.out);
  assert.deepEqual(await select(dir, DIM), [{ customer_sk: 1, customer_id: 'CUST001', first_name: 'John', city: 'NYC', is_current: true, effective_date: '2023-01-01', end_date: null }]);
  assert.doesNotMatch(readFileSync(join(dir, 'target/run/shop/models/fct_orders.sql'), 'utf8'), /where updated_at >/);

  // Batch 2: John moves to LA; order 2 ships, order 3 arrives.
  await exec(
    dir,
    "update raw.customers set city = 'LA', updated_at = '2024-12-27' where customer_id = 'CUST001'",
    "update raw.orders set status = 'shipped', updated_at = '2023-01-05' where order_id = 2",
    "insert into raw.orders values (3, 'CUST001', 'placed', 30.00, '2023-01-05')",
  );
  const s2 = await cli(dir, 'snapshot');
  assert.equal(s2.code, 0, s2.out + s2.err);
  // One version closed, one inserted.
  assert.match(s2.out, /2 of 2 OK created snapshot snapshots\.customers_snapshot .*\[SNAPSHOT 2 in/);
  const r2 = await cli(dir, 'run');
  assert.equal(r2.code, 0, r2.out + r2.err);
  assert.match(r2.out, /OK created sql incremental model main\.fct_orders .*\[MERGE 2 in/);

  // The document's "After Update" table.
  assert.deepEqual(await select(dir, DIM), [
    { customer_sk: 1, customer_id: 'CUST001', first_name: 'John', city: 'NYC', is_current: false, effective_date: '2023-01-01', end_date: '2024-12-26' },
    { customer_sk: 2, customer_id: 'CUST001', first_name: 'John', city: 'LA', is_current: true, effective_date: '2024-12-27', end_date: null },
  ]);
  assert.deepEqual(await select(dir, ORDERS), [
    { order_id: 1, status: 'placed', amount: 10.5 },
    { order_id: 2, status: 'shipped', amount: 20 },
    { order_id: 3, status: 'placed', amount: 30 },
  ]);
  assert.match(readFileSync(join(dir, 'target/run/shop/models/fct_orders.sql'), 'utf8'), /where updated_at > \(select max\(updated_at\) from "warehouse"\."main"\."fct_orders"\)/);
  // The YAML-defined check snapshot saw the city change too.
  assert.deepEqual(await select(dir, 'select city, dbt_valid_to is null as current from main_history.customers_check order by dbt_valid_from'), [
    { city: 'NYC', current: false },
    { city: 'LA', current: true },
  ]);

  // Batch 3: John moves again; a new customer appears. The chain gains a third link.
  await exec(dir, "update raw.customers set city = 'SF', updated_at = '2025-06-01' where customer_id = 'CUST001'", "insert into raw.customers values ('CUST002', 'Jane', 'Boston', '2025-06-01')");
  const b3 = await cli(dir, 'build');
  assert.equal(b3.code, 0, b3.out + b3.err);
  assert.deepEqual(await select(dir, DIM), [
    { customer_sk: 1, customer_id: 'CUST001', first_name: 'John', city: 'NYC', is_current: false, effective_date: '2023-01-01', end_date: '2024-12-26' },
    { customer_sk: 2, customer_id: 'CUST001', first_name: 'John', city: 'LA', is_current: false, effective_date: '2024-12-27', end_date: '2025-05-31' },
    { customer_sk: 3, customer_id: 'CUST001', first_name: 'John', city: 'SF', is_current: true, effective_date: '2025-06-01', end_date: null },
    { customer_sk: 4, customer_id: 'CUST002', first_name: 'Jane', city: 'Boston', is_current: true, effective_date: '2025-06-01', end_date: null },
  ]);
});

void test('an incremental run that fails is reported at its source line and changes nothing; --full-refresh rebuilds', async () => {
  const dir = copyFixture();
  await exec(
    dir,
    'create schema raw',
    'create table raw.customers (customer_id varchar, first_name varchar, city varchar, updated_at timestamp)',
    'create table raw.orders (order_id integer, customer_id varchar, status varchar, amount decimal(10, 2), updated_at timestamp)',
    "insert into raw.orders values (1, 'CUST001', 'placed', 10.50, '2023-01-01')",
  );
  assert.equal((await cli(dir, 'run', '--select', 'fct_orders')).code, 0);
  await exec(dir, "insert into raw.orders values (2, 'CUST001', 'placed', 20.00, '2023-01-02')");
  // Only the incremental branch is broken, on line 10 of the model.
  const path = join(dir, 'models/fct_orders.sql');
  writeFileSync(path, readFileSync(path, 'utf8').replace('where updated_at >', 'where updated_att >'));
  const bad = await cli(dir, 'run', '--select', 'fct_orders');
  assert.equal(bad.code, 1);
  assert.match(bad.out, /models\/fct_orders\.sql:10:\d+: error: Binder error in model fct_orders: Referenced column "updated_att" not found/);
  assert.deepEqual(await select(dir, ORDERS), [{ order_id: 1, status: 'placed', amount: 10.5 }]);

  // A snapshot's SQL error points into the snapshot file too.
  const snap = join(dir, 'snapshots/customers_snapshot.sql');
  writeFileSync(snap, readFileSync(snap, 'utf8').replace('first_name, city', 'first_nam, city'));
  const badSnap = await cli(dir, 'snapshot');
  assert.equal(badSnap.code, 1);
  assert.match(badSnap.out, /snapshots\/customers_snapshot\.sql:10:\d+: error: Binder error in snapshot customers_snapshot: Referenced column "first_nam" not found/);

  // --full-refresh compiles without the incremental branch and rebuilds from the source.
  const full = await cli(dir, 'run', '--select', 'fct_orders', '--full-refresh');
  assert.equal(full.code, 0, full.out);
  assert.deepEqual(await select(dir, ORDERS), [
    { order_id: 1, status: 'placed', amount: 10.5 },
    { order_id: 2, status: 'placed', amount: 20 },
  ]);
});

void test('a model switched from view to incremental is built whole on its first incremental run', async () => {
  const dir = copyFixture();
  await exec(dir, 'create schema raw', 'create table raw.orders as select 1 as order_id, 5 as amount, TIMESTAMP \'2023-01-01\' as updated_at');
  writeFileSync(join(dir, 'models/fct_orders.sql'), "select * from {{ source('raw', 'orders') }}\n");
  assert.equal((await cli(dir, 'run', '--select', 'fct_orders')).code, 0);
  writeFileSync(
    join(dir, 'models/fct_orders.sql'),
    "{{ config(materialized='incremental') }}\nselect * from {{ source('raw', 'orders') }}\n{% if is_incremental() %}where updated_at > (select max(updated_at) from {{ this }}){% endif %}\n",
  );
  const r = await cli(dir, 'run', '--select', 'fct_orders');
  assert.equal(r.code, 0, r.out);
  assert.deepEqual(await select(dir, "select table_type from information_schema.tables where table_name = 'fct_orders'"), [{ table_type: 'BASE TABLE' }]);
  assert.deepEqual(await select(dir, 'select order_id from main.fct_orders'), [{ order_id: 1 }]);
});
