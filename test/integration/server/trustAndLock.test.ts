/**
 * The server's guard rails: Restricted Mode runs no SQL; a database held by another process is
 * reported at once; a new save interrupts the run in flight.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { Requests } from '../../../src/protocol';
import { copyTemplate } from '../../helpers/tempProject';
import { LspHarness } from './harness';

void test('Restricted Mode: Jinja and ref diagnostics work, no SQL runs, the DuckDB file is never created', async () => {
  const dir = copyTemplate('jaffle_shop');
  const db = join(dir, 'jaffle_shop.duckdb');
  const lsp = await LspHarness.start(dir, { trusted: false, settings: { onSave: 'run' } });
  try {
    const customers = join(dir, 'models/staging/stg_customers.sql');
    const orders = join(dir, 'models/staging/stg_orders.sql');
    await lsp.open(customers);
    await lsp.open(orders);
    const goodCustomers = readFileSync(customers, 'utf8');
    writeFileSync(customers, goodCustomers.replace("{{ ref('raw_customers') }}", "{{ ref('raw_customers' }}"));
    await lsp.save(customers);
    const [jinja] = await lsp.waitFor('a Jinja diagnostic', () => lsp.diagnosticsOf(customers).length > 0 && lsp.diagnosticsOf(customers));
    assert.equal(jinja.source, 'model-studio');

    writeFileSync(orders, readFileSync(orders, 'utf8').replace('order_date,', 'order_dat,'));
    await lsp.save(orders);
    writeFileSync(customers, goodCustomers);
    await lsp.save(customers);
    // Saves are handled in order, so once this clears the orders save has been handled too.
    await lsp.waitFor('the Jinja diagnostic to clear', () => lsp.diagnosticsOf(customers).length === 0);
    assert.deepEqual(lsp.diagnosticsOf(orders), [], 'a SQL error needs the database: none in Restricted Mode');
    assert.equal(lsp.results.length, 0, 'nothing ran');
    assert.ok(!existsSync(db), 'the DuckDB file was not created');

    const compiled = await lsp.request(Requests.compiled, { file: orders });
    assert.ok(compiled.ok && compiled.sql.includes('order_dat'), 'templates still render for reading');
    const preview = await lsp.request(Requests.preview, { source: 'file', file: orders });
    assert.equal(preview.ok ? 'ok' : preview.kind, 'restricted');
    const run = await lsp.request(Requests.run, { target: 'project', projectRoot: dir, command: 'build' });
    assert.equal(run.ok ? 'ok' : run.kind, 'restricted');
    assert.ok(!existsSync(db));
  } finally {
    await lsp.stop();
  }
});

void test('a database held by another process is reported within a second, and works again once released', async () => {
  const dir = copyTemplate('jaffle_shop');
  const db = join(dir, 'jaffle_shop.duckdb');
  const lsp = await LspHarness.start(dir, { trusted: true, settings: { onSave: 'run' } });
  try {
    const orders = join(dir, 'models/staging/stg_orders.sql');
    await lsp.open(orders);
    let since = lsp.results.length;
    await lsp.save(orders);
    assert.equal((await lsp.waitForResult('stg_orders', since, 60_000)).state.status, 'success');
    await lsp.request(Requests.releaseDatabase, {});

    const other = await DuckDBInstance.create(db);
    try {
      const savedAt = await lsp.save(orders);
      const msg = await lsp.waitFor('a lock message', () => lsp.messages.find((m) => m.at >= savedAt && /in use/.test(m.message)), 5000);
      console.log(`save → lock message: ${msg.at - savedAt} ms`);
      assert.ok(msg.at - savedAt < 1000, `took ${msg.at - savedAt} ms`);
      assert.match(msg.message, /in use by .*PID/);
      assert.ok(lsp.statuses.some((s) => s.kind === 'locked'));
    } finally {
      other.closeSync();
    }
    since = lsp.results.length;
    await lsp.save(orders);
    assert.equal((await lsp.waitForResult('stg_orders', since)).state.status, 'success');
  } finally {
    await lsp.stop();
  }
});

void test('a new save interrupts the run in flight for that model', async () => {
  const dir = copyTemplate('jaffle_shop');
  const slow = join(dir, 'models/slow.sql');
  writeFileSync(slow, 'select 1 as n\n');
  const lsp = await LspHarness.start(dir, { trusted: true, settings: { onSave: 'run' } });
  try {
    await lsp.open(slow);
    // A table, so the query really runs (a view is created without running it and would finish at once).
    writeFileSync(slow, "{{ config(materialized='table') }}\nselect sum((a.range * b.range) % 7) as n from range(200000) a, range(200000) b\n");
    await lsp.save(slow);
    await lsp.waitFor('the slow run to start', () => lsp.statuses.some((s) => s.kind === 'running' && s.what.includes('slow')), 20_000);
    const since = lsp.results.length;
    writeFileSync(slow, 'select 1 as n\n');
    const savedAt = await lsp.save(slow);
    const r = await lsp.waitForResult('slow', since, 20_000);
    console.log(`second save → result: ${Date.now() - savedAt} ms`);
    assert.equal(r.state.status, 'success');
    assert.ok(Date.now() - savedAt < 10_000);
    assert.ok(!lsp.results.slice(0, since).flat().some((x) => x.uniqueId.endsWith('.slow')), 'the slow run reported nothing before it was cancelled');
    const log = await lsp.request(Requests.databaseLog, {});
    assert.match(log.text, /run slow: cancelled/);
    assert.deepEqual(lsp.diagnosticsOf(slow), []);
  } finally {
    await lsp.stop();
  }
});
