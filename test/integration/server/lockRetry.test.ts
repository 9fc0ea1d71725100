/**
 * The server and the DuckDB file lock, issue 10: a save that finds the file held by another
 * process runs by itself once the lock frees (no second save), and the server lets go of the file
 * when idle so `model-studio run` in a terminal works while the editor is open.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { Requests } from '../../../src/protocol';
import { copyTemplate, REPO } from '../../helpers/tempProject';
import { LspHarness } from './harness';

const HEAD = "{{ config(materialized='table') }}\n";

async function databaseOpen(lsp: LspHarness, root: string): Promise<boolean> {
  const stats = await lsp.request(Requests.serverStats, {});
  return stats.projects.find((p) => p.root === root)?.databaseOpen ?? false;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function runs(lsp: LspHarness): Promise<{ started: number; pending: boolean }> {
  const [p] = (await lsp.request(Requests.serverStats, {})).projects;
  return { started: p.runs.started, pending: p.savesPending };
}

/** A project whose model `waits` was run once, with the database then released for another process to take. */
async function builtAndReleased(): Promise<{ dir: string; db: string; model: string; lsp: LspHarness }> {
  const dir = copyTemplate('jaffle_shop');
  const model = join(dir, 'models/waits.sql');
  writeFileSync(model, `${HEAD}select 1 as n\n`);
  const lsp = await LspHarness.start(dir, { trusted: true, settings: { onSave: 'run' } });
  await lsp.open(model);
  const since = lsp.results.length;
  await lsp.save(model);
  assert.equal((await lsp.waitForResult('waits', since, 60_000)).state.status, 'success');
  await lsp.request(Requests.releaseDatabase, {});
  return { dir, db: join(dir, 'jaffle_shop.duckdb'), model, lsp };
}

void test('a save that finds the database held runs by itself once the other process lets go', async () => {
  const { db, model, lsp } = await builtAndReleased();
  try {
    let since: number;

    const other = await DuckDBInstance.create(db);
    let releasedAt = 0;
    try {
      // The error sits on line 3 (index 2), so the run that finally happens is visible as a diagnostic there.
      writeFileSync(model, `${HEAD}select 1 as n,\n  not_a_column as m\n`);
      since = lsp.results.length;
      const savedAt = await lsp.save(model);
      const msg = await lsp.waitFor('a lock message', () => lsp.messages.find((m) => m.at >= savedAt && /in use/.test(m.message)), 5000);
      assert.match(msg.message, /runs this save again as soon as the file is free/);
      // Several attempts while held (the server's log says so), none of them repeating the message.
      await sleep(1500);
      assert.equal(lsp.results.length, since, 'nothing ran while the file was held');
      assert.deepEqual(lsp.diagnosticsOf(model), []);
    } finally {
      other.closeSync();
      releasedAt = Date.now();
    }
    const r = await lsp.waitForResult('waits', since, 30_000);
    console.log(`lock freed → pending save ran: ${Date.now() - releasedAt} ms`);
    assert.equal(r.state.status, 'error');
    const diags = await lsp.waitFor('the diagnostic of the retried save', () => lsp.diagnosticsOf(model).length > 0 && lsp.diagnosticsOf(model));
    assert.equal(diags.length, 1);
    assert.equal(diags[0].range.start.line, 2);
    assert.match(diags[0].message, /not_a_column/);
    assert.equal(lsp.messages.filter((m) => /in use/.test(m.message)).length, 1, 'told once, not at every retry');
    const log = await lsp.request(Requests.databaseLog, {});
    assert.match(log.text, /another process held it for the last \d+ ms/);
  } finally {
    await lsp.stop();
  }
});

void test('a newer save replaces the pending retry: only the newest text runs once the lock frees', async () => {
  const { dir, db, model, lsp } = await builtAndReleased();
  try {
    let since: number;
    const startedBefore = (await runs(lsp)).started;
    const other = await DuckDBInstance.create(db);
    try {
      writeFileSync(model, `${HEAD}select 2 as n\n`);
      const savedAt = await lsp.save(model);
      await lsp.waitFor('a lock message', () => lsp.messages.find((m) => m.at >= savedAt && /in use/.test(m.message)), 5000);
      writeFileSync(model, `${HEAD}select 3 as n\n`);
      since = lsp.results.length;
      await lsp.save(model);
      await sleep(500);
    } finally {
      other.closeSync();
    }
    await lsp.waitForResult('waits', since, 30_000);
    const end = Date.now() + 30_000;
    while ((await runs(lsp)).pending && Date.now() < end) await sleep(50);
    const preview = await lsp.request(Requests.preview, { source: 'sql', projectRoot: dir, sql: "select n from {{ ref('waits') }}" });
    assert.ok(preview.ok, JSON.stringify(preview));
    assert.deepEqual(preview.data.rows, [[3]]);
    const after = await runs(lsp);
    assert.equal(after.pending, false);
    assert.equal(after.started - startedBefore, 1, 'one run, of the newest text; the older save never ran');
  } finally {
    await lsp.stop();
  }
});

void test('idle past releaseDatabaseAfterSeconds, the server lets go of the file: a CLI run in a terminal succeeds', async () => {
  const dir = copyTemplate('jaffle_shop');
  const model = join(dir, 'models/stg_idle.sql');
  writeFileSync(model, `${HEAD}select 7 as n\n`);
  const lsp = await LspHarness.start(dir, { trusted: true, settings: { onSave: 'run', releaseDatabaseAfterSeconds: 1 } });
  try {
    await lsp.open(model);
    const since = lsp.results.length;
    await lsp.save(model);
    assert.equal((await lsp.waitForResult('stg_idle', since, 60_000)).state.status, 'success');
    assert.equal(await databaseOpen(lsp, dir), true, 'open right after the run');
    // State, not time: wait for the server to report the file closed, bounded generously.
    const end = Date.now() + 20_000;
    while ((await databaseOpen(lsp, dir)) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    assert.equal(await databaseOpen(lsp, dir), false, 'released after the idle delay');

    const cli = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'run', '--select', 'stg_idle', '--project-dir', dir], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    assert.equal(cli.status, 0, `${cli.stdout}\n${cli.stderr}`);
    assert.match(cli.stdout, /stg_idle/);
    assert.doesNotMatch(cli.stdout + cli.stderr, /in use/);
    const log = await lsp.request(Requests.databaseLog, {});
    assert.match(log.text, /released the database \(idle\)/);

    // And the server takes the file back on the next save.
    writeFileSync(model, `${HEAD}select 8 as n\n`);
    const again = lsp.results.length;
    await lsp.save(model);
    assert.equal((await lsp.waitForResult('stg_idle', again, 30_000)).state.status, 'success');
  } finally {
    await lsp.stop();
  }
});

void test('while another process writes to the database, a preview reads a copy as of its last checkpoint and says so', async () => {
  const dir = copyTemplate('jaffle_shop');
  const db = join(dir, 'jaffle_shop.duckdb');
  const model = join(dir, 'models/waits.sql');
  writeFileSync(model, `${HEAD}select 5 as n, 'built' as label\n`);
  const lsp = await LspHarness.start(dir, { trusted: true, settings: { onSave: 'run' } });
  try {
    await lsp.open(model);
    const since = lsp.results.length;
    await lsp.save(model);
    assert.equal((await lsp.waitForResult('waits', since, 60_000)).state.status, 'success');
    await lsp.request(Requests.releaseDatabase, {});
    const other = await DuckDBInstance.create(db);
    try {
      const sql = "select n, label from {{ ref('waits') }}";
      const preview = await lsp.request(Requests.preview, { source: 'sql', projectRoot: dir, sql });
      assert.ok(preview.ok, JSON.stringify(preview));
      assert.deepEqual(preview.data.rows, [[5, 'built']]);
      assert.match(preview.data.title, /read-only copy as of .*in use by .*PID/);
      // The holder is not disturbed: it still writes to the real file.
      const c = await other.connect();
      await c.run('create table written_meanwhile as select 1 as x');
      c.closeSync();
      assert.equal(lsp.messages.filter((m) => /in use/.test(m.message)).length, 0, 'a preview that worked needs no warning');
    } finally {
      other.closeSync();
    }
    const fresh = await lsp.request(Requests.preview, { source: 'sql', projectRoot: dir, sql: 'select count(*) as n from main.written_meanwhile' });
    assert.ok(fresh.ok, JSON.stringify(fresh));
    assert.equal(fresh.data.title, 'Query', 'the real file again once free');
    assert.deepEqual(fresh.data.rows, [[1]]);
  } finally {
    await lsp.stop();
  }
});
