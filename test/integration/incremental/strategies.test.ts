import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { ProblemError } from '../../../src/core/problems';
import { materializeIncremental, StatementError, type Warehouse } from '../../../src/core/run';
import { memoryWarehouse, node, rows } from './harness';

/** The model's SQL on its first run, and with its is_incremental() filter on later runs. */
const FULL = 'select * from src';
const NEW_ROWS = 'select * from src where updated_at > (select max(updated_at) from "memory"."main"."orders")';

async function withSource(batch1: string): Promise<Warehouse> {
  const wh = await memoryWarehouse();
  await wh.run('create table src (order_id integer, customer_id integer, status varchar, amount integer, updated_at date)');
  await wh.run(batch1);
  return wh;
}

const BATCH1 = "insert into src values (1, 10, 'placed', 100, '2024-01-01'), (2, 11, 'placed', 200, '2024-01-01'), (3, 12, 'placed', 300, '2024-01-02')";
/** Order 2 shipped, order 3 vanished from the source, order 4 is new. */
const BATCH2 = [
  "update src set status = 'shipped', updated_at = '2024-01-03' where order_id = 2",
  'delete from src where order_id = 3',
  "insert into src values (4, 13, 'placed', 400, '2024-01-03')",
];
/** Order 1 cancelled, order 5 new. */
const BATCH3 = ["update src set status = 'cancelled', updated_at = '2024-01-05' where order_id = 1", "insert into src values (5, 10, 'placed', 500, '2024-01-05')"];

const ORDERED = 'select order_id, status, amount, cast(updated_at as varchar) as updated_at from main.orders order by order_id, updated_at';

async function runBatches(config: Record<string, unknown>): Promise<{ wh: Warehouse; after: Array<Array<Record<string, unknown>>> }> {
  const wh = await withSource(BATCH1);
  const n = node('orders', { materialized: 'incremental', ...config });
  const after: Array<Array<Record<string, unknown>>> = [];
  await materializeIncremental(wh, n, FULL, { fullRefresh: false });
  after.push(await rows(wh, ORDERED));
  for (const batch of [BATCH2, BATCH3]) {
    for (const s of batch) await wh.run(s);
    await materializeIncremental(wh, n, NEW_ROWS, { fullRefresh: false });
    after.push(await rows(wh, ORDERED));
  }
  return { wh, after };
}

const r = (order_id: number, status: string, amount: number, updated_at: string) => ({ order_id, status, amount, updated_at });
const FIRST = [r(1, 'placed', 100, '2024-01-01'), r(2, 'placed', 200, '2024-01-01'), r(3, 'placed', 300, '2024-01-02')];
/** merge and delete+insert on order_id: one row per order, the latest version; deleted order 3 stays. */
const UPSERTED_2 = [r(1, 'placed', 100, '2024-01-01'), r(2, 'shipped', 200, '2024-01-03'), r(3, 'placed', 300, '2024-01-02'), r(4, 'placed', 400, '2024-01-03')];
const UPSERTED_3 = [r(1, 'cancelled', 100, '2024-01-05'), r(2, 'shipped', 200, '2024-01-03'), r(3, 'placed', 300, '2024-01-02'), r(4, 'placed', 400, '2024-01-03'), r(5, 'placed', 500, '2024-01-05')];

void test('append adds every new row, keeping the old versions', async () => {
  const { wh, after } = await runBatches({ incremental_strategy: 'append' });
  wh.close();
  assert.deepEqual(after[0], FIRST);
  assert.deepEqual(after[1], [r(1, 'placed', 100, '2024-01-01'), r(2, 'placed', 200, '2024-01-01'), r(2, 'shipped', 200, '2024-01-03'), r(3, 'placed', 300, '2024-01-02'), r(4, 'placed', 400, '2024-01-03')]);
  assert.equal(after[2].length, 7);
  assert.deepEqual(after[2].filter((x) => x.order_id === 1), [r(1, 'placed', 100, '2024-01-01'), r(1, 'cancelled', 100, '2024-01-05')]);
});

for (const [label, config] of [
  ['merge on one key', { incremental_strategy: 'merge', unique_key: 'order_id' }],
  ['merge on a key list', { incremental_strategy: 'merge', unique_key: ['order_id', 'customer_id'] }],
  ['delete+insert on one key', { incremental_strategy: 'delete+insert', unique_key: 'order_id' }],
  ['delete+insert on a key list', { incremental_strategy: 'delete+insert', unique_key: ['order_id', 'customer_id'] }],
  ['the default strategy (delete+insert, as dbt-duckdb)', { unique_key: 'order_id' }],
] as const) {
  void test(`${label} upserts by key over two more batches`, async () => {
    const { wh, after } = await runBatches(config);
    wh.close();
    assert.deepEqual(after, [FIRST, UPSERTED_2, UPSERTED_3]);
  });
}

void test('merge without a unique_key only inserts', async () => {
  const { wh, after } = await runBatches({ incremental_strategy: 'merge' });
  wh.close();
  assert.equal(after[1].length, 5);
  assert.equal(after[2].length, 7);
});

void test('incremental_predicates limit which existing rows delete+insert and merge may touch', async () => {
  // Order 2's old row (2024-01-01) is outside the predicate, so it is not replaced: dbt's answer is a second row.
  const expected = [r(1, 'placed', 100, '2024-01-01'), r(2, 'placed', 200, '2024-01-01'), r(2, 'shipped', 200, '2024-01-03'), r(3, 'placed', 300, '2024-01-02'), r(4, 'placed', 400, '2024-01-03')];
  const di = await runBatches({ incremental_strategy: 'delete+insert', unique_key: 'order_id', incremental_predicates: ["updated_at >= DATE '2024-01-02'"] });
  di.wh.close();
  assert.deepEqual(di.after[1], expected);
  const mg = await runBatches({ incremental_strategy: 'merge', unique_key: 'order_id', incremental_predicates: "DBT_INTERNAL_DEST.updated_at >= DATE '2024-01-02'" });
  mg.wh.close();
  assert.deepEqual(mg.after[1], expected);
  // Within the predicate, rows are still replaced: order 1 (2024-01-01) is outside it, so batch 3 duplicates it too.
  assert.deepEqual(mg.after[2].filter((x) => x.order_id === 1).map((x) => x.status), ['placed', 'cancelled']);
});

void test('an unknown strategy is a config error naming the valid ones', async () => {
  const wh = await withSource(BATCH1);
  const n = node('orders', { materialized: 'incremental', incremental_strategy: 'insert_overwrite' }, 'model', "{{ config(materialized='incremental', incremental_strategy='insert_overwrite') }}\nselect 1");
  await assert.rejects(materializeIncremental(wh, n, FULL, { fullRefresh: false }), (e: unknown) => {
    assert.ok(e instanceof ProblemError);
    assert.equal(e.problems[0].line, 1);
    assert.match(e.problems[0].message, /insert_overwrite.*append, merge, delete\+insert/);
    return true;
  });
  wh.close();
});

void test('a failing incremental run leaves the table exactly as it was', async () => {
  const wh = await withSource(BATCH1);
  const n = node('orders', { materialized: 'incremental', incremental_strategy: 'delete+insert', unique_key: 'order_id', on_schema_change: 'append_new_columns' });
  await materializeIncremental(wh, n, FULL, { fullRefresh: false });
  const before = await rows(wh, ORDERED);
  // The delete and the new column succeed, then the insert fails casting 'lots' to the integer amount column.
  const bad = "select order_id, customer_id, status, 'lots' as amount, updated_at, 'web' as channel from src where order_id = 2";
  await assert.rejects(materializeIncremental(wh, n, bad, { fullRefresh: false }), /Conversion Error|Could not convert/);
  assert.deepEqual(await rows(wh, ORDERED), before);
  const cols = await rows(wh, "select column_name from information_schema.columns where table_name = 'orders' order by ordinal_position");
  assert.deepEqual(cols.map((c) => c.column_name), ['order_id', 'customer_id', 'status', 'amount', 'updated_at']);
  assert.deepEqual(await rows(wh, "select table_name from information_schema.tables where table_catalog = 'temp'"), []);
  // A SQL error in the model itself carries the statement, for mapping back to the model's line.
  await assert.rejects(materializeIncremental(wh, n, 'select nope from src', { fullRefresh: false }), (e: unknown) => e instanceof StatementError && e.statement.includes('select nope from src'));
  assert.deepEqual(await rows(wh, ORDERED), before);
  wh.close();
});

void test('--full-refresh rebuilds the table; full_refresh: false in config protects it', async () => {
  const { wh } = await runBatches({ incremental_strategy: 'append' });
  const n = node('orders', { materialized: 'incremental', incremental_strategy: 'append' });
  await materializeIncremental(wh, n, FULL, { fullRefresh: true });
  assert.deepEqual(await rows(wh, ORDERED), [r(1, 'cancelled', 100, '2024-01-05'), r(2, 'shipped', 200, '2024-01-03'), r(4, 'placed', 400, '2024-01-03'), r(5, 'placed', 500, '2024-01-05')]);
  const pinned = node('orders', { materialized: 'incremental', incremental_strategy: 'append', full_refresh: false });
  await materializeIncremental(wh, pinned, "select 6 as order_id, 10 as customer_id, 'placed' as status, 600 as amount, DATE '2024-01-06' as updated_at", { fullRefresh: true });
  assert.equal((await rows(wh, ORDERED)).length, 5);
  wh.close();
});

void test('a view in the way is replaced by the table', async () => {
  const wh = await withSource(BATCH1);
  await wh.run('create view main.orders as select 1 as x');
  await materializeIncremental(wh, node('orders', { materialized: 'incremental' }), FULL, { fullRefresh: false });
  assert.deepEqual(await rows(wh, ORDERED), FIRST);
  wh.close();
});
