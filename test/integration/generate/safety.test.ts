import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CancelledError } from '../../../src/core/generate';
import { Warehouse } from '../../../src/core/run';
import { checksums, generate, retailSpec, scalar, tempProject, withDb } from './helpers';

const CHILD = join(__dirname, 'child.ts');
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const temps = (dir: string) => readdirSync(join(dir, 'target')).filter((f) => f.startsWith('.generate-'));

test('cancelling mid-run stops within a second and keeps the old data', async () => {
  const dir = tempProject();
  await generate(dir, { scale: 0.05 });
  const before = await withDb(dir, (wh) => checksums(wh, retailSpec(dir)));
  const controller = new AbortController();
  let abortedAt = 0;
  const run = generate(dir, {
    scale: 20,
    signal: controller.signal,
    onProgress: (p) => {
      if (p.table === 'raw.transactions' && !abortedAt) {
        abortedAt = performance.now();
        controller.abort();
      }
    },
  });
  await assert.rejects(run, CancelledError);
  const latency = performance.now() - abortedAt;
  assert.ok(abortedAt > 0, 'the run reached the transactions table');
  assert.ok(latency < 1000, `stopped ${latency.toFixed(0)} ms after the cancel`);
  assert.deepEqual(await withDb(dir, (wh) => checksums(wh, retailSpec(dir))), before);
  assert.deepEqual(temps(dir), []);
});

test('a generator killed with SIGKILL mid-run leaves the old file readable and unchanged', async () => {
  const dir = tempProject();
  await generate(dir, { scale: 0.05 });
  const db = join(dir, 'warehouse.duckdb');
  const bytes = sha(db);
  const before = await withDb(dir, (wh) => checksums(wh, retailSpec(dir)));
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, '42', '20'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const killed = await new Promise<boolean>((resolve) => {
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      if (buf.includes('progress generate raw.transactions') && child.kill('SIGKILL')) resolve(true);
    });
    child.on('exit', () => resolve(false));
  });
  assert.ok(killed, 'the child was killed while generating');
  await new Promise((r) => child.once('exit', r));
  assert.equal(sha(db), bytes);
  assert.ok(!existsSync(`${db}.wal`));
  assert.deepEqual(await withDb(dir, (wh) => checksums(wh, retailSpec(dir))), before);
  assert.ok(temps(dir).length >= 1, 'the dead run left its temp file');
  // The next run clears what the dead one left.
  await generate(dir, { scale: 0.05 });
  assert.deepEqual(temps(dir), []);
});

test('models in other schemas of the file survive; the dataset schema is replaced whole', async () => {
  const dir = tempProject();
  await generate(dir, { scale: 0.05 });
  const db = join(dir, 'warehouse.duckdb');
  const wh = await Warehouse.open({ path: db, projectRoot: dir, targetDir: join(dir, 'target') });
  await wh.run('CREATE TABLE main.customer_orders AS SELECT customer_id, count(*) AS n FROM raw.orders GROUP BY 1');
  await wh.run('CREATE VIEW main.v_orders AS SELECT * FROM raw.orders');
  await wh.run('CREATE TABLE raw.leftover AS SELECT 1 AS x');
  const models = Number((await wh.query('SELECT count(*) AS n FROM main.customer_orders'))[0].n);
  wh.close();
  const report = await generate(dir, { scale: 0.1 });
  assert.equal(report.commit, 'attach');
  await withDb(dir, async (w) => {
    assert.equal(await scalar(w, 'SELECT count(*) FROM main.customer_orders'), models);
    assert.equal(await scalar(w, 'SELECT count(*) FROM main.v_orders'), report.tables.find((t) => t.name === 'orders')?.rows);
    assert.equal(await scalar(w, "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'raw' AND table_name = 'leftover'"), 0);
  });
  assert.deepEqual(temps(dir), []);
});

test('a file held by another process fails at once with who holds it, and stays untouched', async () => {
  const dir = tempProject();
  await generate(dir, { scale: 0.02 });
  const db = join(dir, 'warehouse.duckdb');
  const bytes = sha(db);
  const holder = spawn(process.execPath, ['-e', `require('@duckdb/node-api').DuckDBInstance.create(${JSON.stringify(db)}).then((i) => i.connect()).then(() => { console.log('held'); setTimeout(() => {}, 60000); })`], { stdio: ['ignore', 'pipe', 'inherit'], cwd: process.cwd() });
  try {
    await new Promise((r) => holder.stdout.once('data', r));
    const t0 = performance.now();
    await assert.rejects(generate(dir, { scale: 0.02 }), (e: Error) => e.name === 'WarehouseLockedError' && /in use by/.test(e.message));
    assert.ok(performance.now() - t0 < 5000);
  } finally {
    holder.kill('SIGKILL');
  }
  await new Promise((r) => holder.once('exit', r));
  assert.equal(sha(db), bytes);
  assert.deepEqual(temps(dir), []);
});

test('a generator killed with SIGKILL while copying into a file with models leaves the old data', async () => {
  const dir = tempProject();
  await generate(dir, { scale: 0.05 });
  const db = join(dir, 'warehouse.duckdb');
  const wh = await Warehouse.open({ path: db, projectRoot: dir, targetDir: join(dir, 'target') });
  await wh.run('CREATE TABLE main.model_a AS SELECT 42 AS answer');
  wh.close();
  const before = await withDb(dir, (w) => checksums(w, retailSpec(dir)));
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, '42', '3'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const killed = await new Promise<boolean>((resolve) => {
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      // The copy runs in one transaction; kill it part-way, after the big tables went in.
      if (buf.includes('progress commit raw.returns') && child.kill('SIGKILL')) resolve(true);
    });
    child.on('exit', () => resolve(false));
  });
  assert.ok(killed, 'the child was killed while copying');
  await new Promise((r) => child.once('exit', r));
  assert.deepEqual(await withDb(dir, (w) => checksums(w, retailSpec(dir))), before);
  await withDb(dir, async (w) => assert.equal(await scalar(w, 'SELECT answer FROM main.model_a'), 42));
});
