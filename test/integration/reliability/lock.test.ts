/**
 * The DuckDB file lock, with a real second process holding the file: the CLI names the holder and
 * what to do within a second (never waits), read-only browsing falls back to a checkpoint copy,
 * and an engine lets go of the file on request or when idle, then picks up what changed meanwhile.
 */
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { Engine } from '../../../src/core/engine';
import { Warehouse, WarehouseLockedError } from '../../../src/core/run';
import { cli } from '../../helpers/cli';
import { writeProject } from '../../helpers/tempProject';

const HOLDER = join(__dirname, 'holdDb.mjs');
const PROJECT = 'name: locks\nprofile: locks\nconfig-version: 2\n';

function hold(db: string): Promise<ChildProcessWithoutNullStreams> {
  const child = spawn(process.execPath, [HOLDER, 'hold', db]);
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve(child));
    child.on('exit', (code) => reject(new Error(`holder exited ${code}: ${err}`)));
  });
}

/** Another process writes to the file; resolves with its exit code (3: it found the file locked). */
function otherProcessRuns(db: string, sql: string): Promise<number> {
  const child = spawn(process.execPath, [HOLDER, 'run', db, sql], { stdio: 'ignore' });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
}

function stop(child: ChildProcessWithoutNullStreams): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

test('model-studio run on a file another process holds says who and what to do within a second, exit 1', { timeout: 30_000 }, async () => {
  const dir = writeProject({ 'dbt_project.yml': PROJECT, 'models/m.sql': 'select 1 as id' });
  const holder = await hold(join(dir, 'warehouse.duckdb'));
  try {
    // Guards: translateOpenError (warehouseLock.ts) and main.ts's WarehouseLockedError branch.
    for (const command of [['run'], ['build'], ['show', '--select', 'm']]) {
      const t0 = performance.now();
      const r = await cli(dir, ...command);
      const ms = performance.now() - t0;
      console.log(`${command.join(' ')} on a held file → message and exit 1 in ${ms.toFixed(0)} ms`);
      assert.equal(r.code, 1, `${command}: ${r.out}\n${r.err}`);
      assert.ok(ms < 1000, `${command} took ${ms.toFixed(0)} ms`);
      assert.match(r.err, new RegExp(`is in use by .*\\(PID ${holder.pid}: .*holdDb\\.mjs hold`));
      assert.match(r.err, /close the other program .* then try again/);
    }
  } finally {
    await stop(holder);
  }
  assert.equal((await cli(dir, 'run')).code, 0, 'works once the other process is gone');
});

test('read-only browsing: DuckDB refuses even a read-only open, so a copy as of the last checkpoint is opened', { timeout: 30_000 }, async () => {
  const dir = writeProject({ 'dbt_project.yml': PROJECT });
  const db = join(dir, 'warehouse.duckdb');
  const options = { path: db, projectRoot: dir, targetDir: join(dir, 'target') };
  const holder = await hold(db);
  try {
    await assert.rejects(Warehouse.open({ ...options, readOnly: true }), WarehouseLockedError);
    const { warehouse, snapshot } = await Warehouse.openReadOnly(options);
    try {
      assert.ok(snapshot, 'opened a copy');
      assert.equal(snapshot.pid, holder.pid);
      assert.ok(snapshot.path.startsWith(join(dir, 'target')));
      assert.deepEqual(await warehouse.query('select answer from held_by_other'), [{ answer: 42 }]);
      // The copy is read-only as well: browsing never writes.
      await assert.rejects(warehouse.run('create table nope as select 1'), /read-only/i);
    } finally {
      warehouse.close();
    }
  } finally {
    await stop(holder);
  }
  const direct = await Warehouse.openReadOnly(options);
  assert.equal(direct.snapshot, undefined, 'no copy when nothing holds the file');
  direct.warehouse.close();
});

test('releaseWarehouse lets another process use the file; the next run reopens it and sees what changed', { timeout: 30_000 }, async () => {
  const dir = writeProject({
    'dbt_project.yml': PROJECT,
    // Incremental reads {{ this }} only when the catalog says the table exists: a stale catalog fails.
    'models/inc.sql': "{{ config(materialized='incremental') }}\nselect 1 as id\n{% if is_incremental() %}from {{ this }} where false{% endif %}\n",
  });
  const db = join(dir, 'warehouse.duckdb');
  const engine = Engine.load(dir);
  try {
    assert.equal((await engine.execute(['model.locks.inc'])).results[0].status, 'success');
    assert.equal(await otherProcessRuns(db, 'select 1'), 3, 'the engine holds the file while open');
    // Guards: Engine.releaseWarehouse / Warehouse.release.
    assert.equal(await engine.releaseWarehouse(), true);
    assert.equal(await otherProcessRuns(db, 'drop table main.inc'), 0, 'another process can write once released');
    // Guards: Engine.warehouse() refreshing the catalog after a reopen.
    const again = await engine.execute(['model.locks.inc']);
    assert.equal(again.results[0].status, 'success', again.results[0].message ?? '');
    assert.equal(await engine.releaseWarehouse(), true);
    const holder = await hold(db);
    try {
      const t0 = performance.now();
      await assert.rejects(engine.execute(['model.locks.inc']), WarehouseLockedError);
      assert.ok(performance.now() - t0 < 1000);
    } finally {
      await stop(holder);
    }
    assert.equal((await engine.execute(['model.locks.inc'])).results[0].status, 'success');
  } finally {
    engine.close();
  }
});

test('idleReleaseMs closes the file after the last statement, and reopens on the next', { timeout: 30_000 }, async () => {
  const dir = writeProject({ 'dbt_project.yml': PROJECT, 'models/m.sql': 'select 1 as id' });
  const db = join(dir, 'warehouse.duckdb');
  // Guards: Warehouse.armIdleTimer.
  const engine = Engine.load(dir, { idleReleaseMs: 150 });
  try {
    assert.equal((await engine.execute(['model.locks.m'])).results[0].status, 'success');
    const wh = await engine.warehouse();
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(wh.isOpen, false);
    assert.equal(await otherProcessRuns(db, 'create table from_cli as select 7 as x'), 0);
    const opensBefore = wh.opens;
    assert.deepEqual(await wh.query('select x from from_cli'), [{ x: 7 }]);
    assert.equal(wh.opens, opensBefore + 1);
    // A statement in flight keeps the file: a long query outlasts the idle delay untouched.
    assert.deepEqual(await wh.query('select count(*)::integer as n from range(300000000)'), [{ n: 300000000 }]);
    wh.setIdleRelease(undefined);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(wh.isOpen, true, 'no idle release once turned off');
  } finally {
    engine.close();
  }
});
