import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { ProblemError } from '../../../src/core/problems';
import { runSnapshot, type Warehouse } from '../../../src/core/run';
import { memoryWarehouse, node, rows } from './harness';

const SQL = 'select * from customers';

/** Batch 1: three customers on 2023-01-01. */
const BATCH1 = [
  'create table customers (customer_id varchar, first_name varchar, city varchar, email varchar, updated_at timestamp)',
  "insert into customers values ('CUST001', 'John', 'NYC', 'john@x.com', '2023-01-01'), ('CUST002', 'Jane', 'Boston', 'jane@x.com', '2023-01-01'), ('CUST003', 'Raj', 'Austin', 'raj@x.com', '2023-01-01')",
];
/** Batch 2: John moves to LA; Jane changes only her email; Raj is deleted; Mia is new. */
const BATCH2 = [
  "update customers set city = 'LA', updated_at = '2024-12-27' where customer_id = 'CUST001'",
  "update customers set email = 'jane@y.com', updated_at = '2024-06-01' where customer_id = 'CUST002'",
  "delete from customers where customer_id = 'CUST003'",
  "insert into customers values ('CUST004', 'Mia', 'Denver', 'mia@x.com', '2024-12-27')",
];
/** Batch 3: John moves again, to SF; Raj comes back. */
const BATCH3 = [
  "update customers set city = 'SF', updated_at = '2025-06-01' where customer_id = 'CUST001'",
  "insert into customers values ('CUST003', 'Raj', 'Austin', 'raj@x.com', '2025-06-01')",
];

const VIEW = `select customer_id, city, email, cast(dbt_valid_from as varchar) as valid_from, cast(dbt_valid_to as varchar) as valid_to
  from main.customers_snapshot order by customer_id, dbt_valid_from`;

async function snapshotBatches(config: Record<string, unknown>, view = VIEW): Promise<{ wh: Warehouse; after: Array<Array<Record<string, unknown>>> }> {
  const wh = await memoryWarehouse();
  const n = node('customers_snapshot', { unique_key: 'customer_id', ...config }, 'snapshot');
  const after: Array<Array<Record<string, unknown>>> = [];
  for (const batch of [BATCH1, BATCH2, BATCH3]) {
    for (const s of batch) await wh.run(s);
    await runSnapshot(wh, n, SQL);
    after.push(await rows(wh, view));
  }
  // Running again with no source change adds nothing.
  await runSnapshot(wh, n, SQL);
  assert.deepEqual(await rows(wh, view), after[2]);
  return { wh, after };
}

const v = (customer_id: string, city: string, email: string, valid_from: string, valid_to: string | null) => ({ customer_id, city, email, valid_from, valid_to });

void test('timestamp strategy: the SCD2 chain of a customer who moved twice, batch by batch', async () => {
  const { wh, after } = await snapshotBatches({ strategy: 'timestamp', updated_at: 'updated_at' });
  assert.deepEqual(after[0], [
    v('CUST001', 'NYC', 'john@x.com', '2023-01-01 00:00:00', null),
    v('CUST002', 'Boston', 'jane@x.com', '2023-01-01 00:00:00', null),
    v('CUST003', 'Austin', 'raj@x.com', '2023-01-01 00:00:00', null),
  ]);
  assert.deepEqual(after[1], [
    v('CUST001', 'NYC', 'john@x.com', '2023-01-01 00:00:00', '2024-12-27 00:00:00'),
    v('CUST001', 'LA', 'john@x.com', '2024-12-27 00:00:00', null),
    // The timestamp strategy versions on updated_at, whatever column changed.
    v('CUST002', 'Boston', 'jane@x.com', '2023-01-01 00:00:00', '2024-06-01 00:00:00'),
    v('CUST002', 'Boston', 'jane@y.com', '2024-06-01 00:00:00', null),
    // hard_deletes defaults to ignore: the deleted customer stays current.
    v('CUST003', 'Austin', 'raj@x.com', '2023-01-01 00:00:00', null),
    v('CUST004', 'Denver', 'mia@x.com', '2024-12-27 00:00:00', null),
  ]);
  assert.deepEqual(after[2].filter((r) => r.customer_id === 'CUST001'), [
    v('CUST001', 'NYC', 'john@x.com', '2023-01-01 00:00:00', '2024-12-27 00:00:00'),
    v('CUST001', 'LA', 'john@x.com', '2024-12-27 00:00:00', '2025-06-01 00:00:00'),
    v('CUST001', 'SF', 'john@x.com', '2025-06-01 00:00:00', null),
  ]);
  assert.deepEqual(after[2].filter((r) => r.customer_id === 'CUST003'), [
    v('CUST003', 'Austin', 'raj@x.com', '2023-01-01 00:00:00', '2025-06-01 00:00:00'),
    v('CUST003', 'Austin', 'raj@x.com', '2025-06-01 00:00:00', null),
  ]);
  // dbt's meta columns: scd id = md5(key|updated_at), dbt_updated_at = updated_at; source columns first.
  const meta = await rows(wh, "select * from main.customers_snapshot where customer_id = 'CUST001' order by dbt_valid_from");
  assert.deepEqual(Object.keys(meta[0]), ['customer_id', 'first_name', 'city', 'email', 'updated_at', 'dbt_scd_id', 'dbt_updated_at', 'dbt_valid_from', 'dbt_valid_to']);
  const md5 = (s: string) => createHash('md5').update(s).digest('hex');
  assert.deepEqual(meta.map((m) => m.dbt_scd_id), [md5('CUST001|2023-01-01 00:00:00'), md5('CUST001|2024-12-27 00:00:00'), md5('CUST001|2025-06-01 00:00:00')]);
  assert.deepEqual(meta.map((m) => m.dbt_updated_at), meta.map((m) => m.updated_at));
  wh.close();
});

void test('check strategy: versions only on check_cols; a change elsewhere is not recorded', async () => {
  const { wh, after } = await snapshotBatches({ strategy: 'check', check_cols: ['city'], updated_at: 'updated_at' });
  assert.deepEqual(after[1], [
    v('CUST001', 'NYC', 'john@x.com', '2023-01-01 00:00:00', '2024-12-27 00:00:00'),
    v('CUST001', 'LA', 'john@x.com', '2024-12-27 00:00:00', null),
    // Jane's email changed, but email is not a check column: her row keeps the old email.
    v('CUST002', 'Boston', 'jane@x.com', '2023-01-01 00:00:00', null),
    v('CUST003', 'Austin', 'raj@x.com', '2023-01-01 00:00:00', null),
    v('CUST004', 'Denver', 'mia@x.com', '2024-12-27 00:00:00', null),
  ]);
  assert.deepEqual(after[2].map((r) => [r.customer_id, r.city, r.valid_to === null]), [
    ['CUST001', 'NYC', false],
    ['CUST001', 'LA', false],
    ['CUST001', 'SF', true],
    ['CUST002', 'Boston', true],
    // Raj came back unchanged in city: nothing to record.
    ['CUST003', 'Austin', true],
    ['CUST004', 'Denver', true],
  ]);
  wh.close();
});

void test('check strategy without updated_at uses the snapshot time; check_cols: all sees every column', async () => {
  const { wh, after } = await snapshotBatches({ strategy: 'check', check_cols: 'all' });
  const john = after[2].filter((r) => r.customer_id === 'CUST001');
  assert.deepEqual(john.map((r) => r.city), ['NYC', 'LA', 'SF']);
  // Each version ends exactly when the next begins.
  assert.equal(john[0].valid_to, john[1].valid_from);
  assert.equal(john[1].valid_to, john[2].valid_from);
  assert.equal(john[2].valid_to, null);
  assert.ok(String(john[1].valid_from) > String(john[0].valid_from));
  // With `all`, Jane's email change is a new version.
  assert.deepEqual(after[1].filter((r) => r.customer_id === 'CUST002').map((r) => r.email), ['jane@x.com', 'jane@y.com']);
  wh.close();
});

void test('hard_deletes: invalidate (and legacy invalidate_hard_deletes) closes a deleted key; it returns as a new version', async () => {
  for (const cfg of [{ hard_deletes: 'invalidate' }, { invalidate_hard_deletes: true }]) {
    const { wh, after } = await snapshotBatches({ strategy: 'timestamp', updated_at: 'updated_at', ...cfg });
    const raj2 = after[1].filter((r) => r.customer_id === 'CUST003');
    assert.equal(raj2.length, 1);
    assert.notEqual(raj2[0].valid_to, null, 'closed at the snapshot time');
    const raj3 = after[2].filter((r) => r.customer_id === 'CUST003');
    assert.deepEqual(raj3.map((r) => [r.valid_from, r.valid_to === null]), [
      ['2023-01-01 00:00:00', false],
      ['2025-06-01 00:00:00', true],
    ]);
    wh.close();
  }
});

void test('hard_deletes: new_record adds a deletion row with dbt_is_deleted, once, and reopens on return', async () => {
  const view = `select customer_id, city, dbt_is_deleted as deleted, cast(dbt_valid_from as varchar) as valid_from, cast(dbt_valid_to as varchar) as valid_to
    from main.customers_snapshot where customer_id = 'CUST003' order by dbt_valid_from`;
  const { wh, after } = await snapshotBatches({ strategy: 'timestamp', updated_at: 'updated_at', hard_deletes: 'new_record' }, view);
  assert.deepEqual(after[0].map((r) => [r.deleted, r.valid_to]), [['False', null]]);
  const [orig, del] = after[1];
  assert.equal(orig.deleted, 'False');
  assert.equal(orig.valid_to, del.valid_from, 'the deletion row starts when the last version ends');
  assert.deepEqual([del.city, del.deleted, del.valid_to], ['Austin', 'True', null]);
  // Batch 3: the deletion row is closed at Raj's new updated_at and a live version follows (as in
  // dbt, the returning row's updated_at, not the snapshot time, dates both).
  assert.equal(after[2].length, 3);
  const deletion = after[2].filter((r) => r.deleted === 'True');
  assert.deepEqual(deletion.map((r) => [r.valid_from, r.valid_to]), [[del.valid_from, '2025-06-01 00:00:00']]);
  const live = after[2].filter((r) => r.deleted === 'False' && r.valid_to === null);
  assert.deepEqual(live.map((r) => [r.city, r.valid_from]), [['Austin', '2025-06-01 00:00:00']]);
  wh.close();
});

void test('dbt_valid_to_current marks current rows, and they are still closed on change', async () => {
  const { wh, after } = await snapshotBatches({ strategy: 'timestamp', updated_at: 'updated_at', dbt_valid_to_current: "'9999-12-31'::timestamp" });
  assert.deepEqual(after[2].filter((r) => r.customer_id === 'CUST001').map((r) => [r.city, r.valid_from, r.valid_to]), [
    ['NYC', '2023-01-01 00:00:00', '2024-12-27 00:00:00'],
    ['LA', '2024-12-27 00:00:00', '2025-06-01 00:00:00'],
    ['SF', '2025-06-01 00:00:00', '9999-12-31 00:00:00'],
  ]);
  wh.close();
});

void test('a composite unique_key, renamed meta columns, and a column added to the source', async () => {
  const wh = await memoryWarehouse();
  await wh.run("create table customers as select * from (values ('C1', 'EU', 'NYC', TIMESTAMP '2023-01-01'), ('C1', 'US', 'LA', TIMESTAMP '2023-01-01')) t(customer_id, region, city, updated_at)");
  const n = node('customers_snapshot', { strategy: 'timestamp', unique_key: ['customer_id', 'region'], updated_at: 'updated_at', snapshot_meta_column_names: { dbt_valid_from: 'valid_from', dbt_valid_to: 'valid_to' } }, 'snapshot');
  await runSnapshot(wh, n, SQL);
  await wh.run("update customers set city = 'SF', updated_at = '2024-01-01' where region = 'US'");
  await runSnapshot(wh, n, "select *, 'gold' as tier from customers");
  assert.deepEqual(await rows(wh, 'select region, city, tier, cast(valid_from as varchar) as f, cast(valid_to as varchar) as t from main.customers_snapshot order by region, valid_from'), [
    { region: 'EU', city: 'NYC', tier: null, f: '2023-01-01 00:00:00', t: null },
    { region: 'US', city: 'LA', tier: null, f: '2023-01-01 00:00:00', t: '2024-01-01 00:00:00' },
    { region: 'US', city: 'SF', tier: 'gold', f: '2024-01-01 00:00:00', t: null },
  ]);
  wh.close();
});

void test('config mistakes are errors that name the setting; a failed snapshot changes nothing', async () => {
  const wh = await memoryWarehouse();
  for (const s of BATCH1) await wh.run(s);
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [{ unique_key: 'customer_id' }, /has no strategy/],
    [{ strategy: 'timestamp' }, /needs a unique_key/],
    [{ strategy: 'timestamp', unique_key: 'customer_id' }, /no updated_at/],
    [{ strategy: 'check', unique_key: 'customer_id' }, /no check_cols/],
    [{ strategy: 'check', unique_key: 'customer_id', check_cols: ['town'] }, /check_cols 'town' is not a column of its query \(customer_id, first_name, city, email, updated_at\)/],
    [{ strategy: 'timestamp', unique_key: 'customer_id', updated_at: 'changed_at' }, /updated_at 'changed_at' is not a column/],
    [{ strategy: 'timestamp', unique_key: 'customer_id', updated_at: 'updated_at', hard_deletes: 'purge' }, /hard_deletes 'purge'/],
  ];
  for (const [cfg, re] of cases) {
    await assert.rejects(runSnapshot(wh, node('customers_snapshot', cfg, 'snapshot'), SQL), (e: unknown) => e instanceof ProblemError && re.test(e.problems[0].message));
  }
  const ok = node('customers_snapshot', { strategy: 'timestamp', unique_key: 'customer_id', updated_at: 'updated_at' }, 'snapshot');
  await runSnapshot(wh, ok, SQL);
  const before = await rows(wh, VIEW);
  // John's old version is closed by the update step, then inserting his new one breaks a constraint:
  // the whole snapshot run must roll back.
  await wh.run('alter table main.customers_snapshot alter column first_name set not null');
  await wh.run("update customers set city = 'LA', first_name = null, updated_at = '2024-12-27' where customer_id = 'CUST001'");
  await assert.rejects(runSnapshot(wh, ok, SQL), /NOT NULL/);
  assert.deepEqual(await rows(wh, VIEW), before);
  await wh.run('create table main.not_a_snapshot as select 1 as customer_id');
  const wrong = node('not_a_snapshot', { strategy: 'timestamp', unique_key: 'customer_id', updated_at: 'customer_id' }, 'snapshot');
  await assert.rejects(runSnapshot(wh, wrong, 'select 1 as customer_id'), /is not a snapshot table: it has no dbt_scd_id, dbt_updated_at, dbt_valid_from, dbt_valid_to columns/);
  wh.close();
});
