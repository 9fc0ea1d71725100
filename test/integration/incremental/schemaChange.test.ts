import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { ProblemError } from '../../../src/core/problems';
import { materializeIncremental, type Warehouse } from '../../../src/core/run';
import { memoryWarehouse, node, rows } from './harness';

const FIRST = "select 1 as id, 'a' as name, 10 as qty";
/** Batch 2 adds `channel`, drops `qty`, and widens `id` to BIGINT. */
const CHANGED = "select 2::bigint as id, 'b' as name, 'web' as channel";

async function twoRuns(onSchemaChange: string, second = CHANGED): Promise<{ wh: Warehouse; error?: unknown }> {
  const wh = await memoryWarehouse();
  const n = node('events', { materialized: 'incremental', incremental_strategy: 'append', on_schema_change: onSchemaChange }, 'model', `{{ config(materialized='incremental', on_schema_change='${onSchemaChange}') }}\n${second}`);
  await materializeIncremental(wh, n, FIRST, { fullRefresh: false });
  try {
    await materializeIncremental(wh, n, second, { fullRefresh: false });
    return { wh };
  } catch (error) {
    return { wh, error };
  }
}

const columns = async (wh: Warehouse) =>
  (await rows(wh, "select column_name, data_type from information_schema.columns where table_name = 'events' order by ordinal_position")).map((c) => `${String(c.column_name)} ${String(c.data_type)}`);
const all = (wh: Warehouse) => rows(wh, 'select * from main.events order by id');

void test('on_schema_change ignore: new columns are not added; a dropped column fails naming it', async () => {
  const added = await twoRuns('ignore', "select 2 as id, 'b' as name, 20 as qty, 'web' as channel");
  assert.equal(added.error, undefined);
  assert.deepEqual(await columns(added.wh), ['id INTEGER', 'name VARCHAR', 'qty INTEGER']);
  assert.deepEqual(await all(added.wh), [{ id: 1, name: 'a', qty: 10 }, { id: 2, name: 'b', qty: 20 }]);
  added.wh.close();

  const dropped = await twoRuns('ignore');
  assert.ok(dropped.error instanceof ProblemError);
  assert.match(dropped.error.problems[0].message, /no longer returns column\(s\) qty/);
  assert.equal(dropped.error.problems[0].line, 1);
  assert.deepEqual(await all(dropped.wh), [{ id: 1, name: 'a', qty: 10 }]);
  dropped.wh.close();
});

void test('on_schema_change append_new_columns: adds channel, keeps qty (null for new rows), keeps types', async () => {
  const { wh, error } = await twoRuns('append_new_columns');
  assert.equal(error, undefined);
  assert.deepEqual(await columns(wh), ['id INTEGER', 'name VARCHAR', 'qty INTEGER', 'channel VARCHAR']);
  assert.deepEqual(await all(wh), [
    { id: 1, name: 'a', qty: 10, channel: null },
    { id: 2, name: 'b', qty: null, channel: 'web' },
  ]);
  wh.close();
});

void test('on_schema_change sync_all_columns: adds channel, drops qty, changes id to BIGINT', async () => {
  const { wh, error } = await twoRuns('sync_all_columns');
  assert.equal(error, undefined);
  assert.deepEqual(await columns(wh), ['id BIGINT', 'name VARCHAR', 'channel VARCHAR']);
  assert.deepEqual(await all(wh), [
    { id: 1, name: 'a', channel: null },
    { id: 2, name: 'b', channel: 'web' },
  ]);
  wh.close();
});

void test('on_schema_change fail: names the new, missing and retyped columns, and changes nothing', async () => {
  const { wh, error } = await twoRuns('fail');
  assert.ok(error instanceof ProblemError);
  const msg = error.problems[0].message;
  assert.match(msg, /New in the model: channel \(VARCHAR\)/);
  assert.match(msg, /Missing from the model: qty \(INTEGER\)/);
  assert.match(msg, /Changed types: id INTEGER -> BIGINT/);
  // Reported at the on_schema_change config in the model file.
  assert.deepEqual([error.problems[0].line, error.problems[0].column], [1, 39]);
  assert.deepEqual(await columns(wh), ['id INTEGER', 'name VARCHAR', 'qty INTEGER']);
  assert.deepEqual(await all(wh), [{ id: 1, name: 'a', qty: 10 }]);
  wh.close();

  const same = await twoRuns('fail', "select 3 as id, 'c' as name, 30 as qty");
  assert.equal(same.error, undefined);
  assert.equal((await all(same.wh)).length, 2);
  same.wh.close();
});

void test('an unknown on_schema_change value is a config error, even on the first run', async () => {
  const wh = await memoryWarehouse();
  const n = node('events', { materialized: 'incremental', on_schema_change: 'add_columns' });
  await assert.rejects(materializeIncremental(wh, n, FIRST, { fullRefresh: false }), (e: unknown) => {
    assert.ok(e instanceof ProblemError);
    assert.match(e.problems[0].message, /on_schema_change 'add_columns'.*ignore, append_new_columns, sync_all_columns, fail/);
    return true;
  });
  wh.close();
});
