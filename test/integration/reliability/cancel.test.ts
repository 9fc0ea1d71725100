/**
 * Nothing lost: Ctrl-C stops a long query within a second and keeps the previous table; kill -9
 * in the middle of a build or of a generation leaves the previous database readable and unchanged.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { test } from 'node:test';
import { Warehouse } from '../../../src/core/run';
import { cli } from '../../helpers/cli';
import { writeProject } from '../../helpers/tempProject';
import { checksums as retailChecksums, generate, retailSpec, tempProject } from '../generate/helpers';
import { sleep, spawnCli, spawnScript } from './spawn';

const PROJECT = 'name: nl\nprofile: nl\nconfig-version: 2\nmodels:\n  nl:\n    +materialized: table\n';

/** A model as slow as its `n` var makes it: n = 1e6 is a cross join of 10^12 rows (hours). */
const SLOW_COUNT = "select {{ var('tag', 1) }} as tag, count(*) as n, sum(a.range * b.range % 7) as s\nfrom range({{ var('n', 10) }}) a, range({{ var('n', 10) }}) b\n";
/** The same, but writing every row: DuckDB writes big uncommitted row groups into the file early. */
const SLOW_WRITE = "select {{ var('tag', 1) }} as tag, a.range as a, b.range as b, md5(a.range::varchar) as h\nfrom range({{ var('n', 10) }}) a, range({{ var('n', 10) }}) b\n";

async function tableChecksums(db: string, root: string): Promise<Record<string, string>> {
  const wh = await Warehouse.open({ path: db, projectRoot: root, targetDir: join(root, 'target'), readOnly: true });
  try {
    const out: Record<string, string> = {};
    const tables = await wh.query("select schema_name, table_name from duckdb_tables() order by all");
    for (const t of tables) {
      const r = (await wh.query(`select count(*) as n, bit_xor(hash(columns(*))) as x from (select * from "${String(t.schema_name)}"."${String(t.table_name)}")`))[0];
      out[`${String(t.schema_name)}.${String(t.table_name)}`] = `${String(r.n)}:${String(r.x)}`;
    }
    return out;
  } finally {
    wh.close();
  }
}

test('Ctrl-C during a long query: the CLI interrupts it, exits 130 within a second, the old table stays', { timeout: 90_000 }, async () => {
  const dir = writeProject({ 'dbt_project.yml': PROJECT, 'models/slow.sql': SLOW_COUNT, 'models/after_slow.sql': "select * from {{ ref('slow') }}" });
  assert.equal((await cli(dir, 'run')).code, 0);
  const db = join(dir, 'warehouse.duckdb');
  const before = await tableChecksums(db, dir);
  const child = spawnCli(['run', '--vars', '{n: 1000000, tag: 2}'], dir);
  await child.waitFor(/^Found /m);
  // Past opening the file and compiling: the cross join is running inside DuckDB.
  await sleep(1500);
  const sentAt = performance.now();
  // Guards: the SIGINT handler in runLike.ts (without it Node would die at once, printing nothing; with it
  // but no signal passed to execute, the query would run for hours).
  child.proc.kill('SIGINT');
  const exit = await Promise.race([child.exited, sleep(5000).then(() => undefined)]);
  if (!exit) {
    child.proc.kill('SIGKILL');
    assert.fail(`still running 5 s after Ctrl-C: ${child.out()}\n${child.err()}`);
  }
  const { code, at } = exit;
  const ms = at - sentAt;
  console.log(`Ctrl-C → exit: ${ms.toFixed(0)} ms`);
  assert.equal(code, 130, `${child.out()}\n${child.err()}`);
  assert.ok(ms < 1000, `exited ${ms.toFixed(0)} ms after Ctrl-C`);
  assert.match(child.err(), /Cancelling: interrupting the running query/);
  assert.match(child.out(), /ERROR .*slow/i);
  assert.match(child.err(), /Cancelled: the interrupted node kept its previous table/);
  assert.deepEqual(await tableChecksums(db, dir), before);
});

test('kill -9 in the middle of a build leaves the previous database readable and unchanged', { timeout: 90_000 }, async () => {
  const dir = writeProject({ 'dbt_project.yml': PROJECT, 'models/base.sql': 'select range as id, range * 2 as v from range(1000)', 'models/wide.sql': SLOW_WRITE });
  assert.equal((await cli(dir, 'build')).code, 0);
  const db = join(dir, 'warehouse.duckdb');
  const before = await tableChecksums(db, dir);
  assert.equal(before['main.wide'].split(':')[0], '100');
  const child = spawnCli(['build', '--vars', '{n: 30000, tag: 2}'], dir);
  await child.waitFor(/^Found /m);
  await child.waitFor(/OK .*base/);
  // wide is writing hundreds of millions of rows now.
  await sleep(1200);
  child.proc.kill('SIGKILL');
  const { signal } = await child.exited;
  assert.equal(signal, 'SIGKILL');
  assert.doesNotMatch(child.out(), /OK .*wide/, 'wide finished before the kill: the test proved nothing');
  // Readable (the WAL replays), every table as before.
  assert.deepEqual(await tableChecksums(db, dir), before);
  assert.equal((await cli(dir, 'run', '--select', 'base')).code, 0, 'and writable again');
});

test('kill -9 in the middle of generate, with models in the same file, leaves everything unchanged', { timeout: 120_000 }, async () => {
  const dir = tempProject();
  await generate(dir, { scale: 0.05 });
  const db = join(dir, 'warehouse.duckdb');
  // Models beside the dataset: the generator must merge (copy in one transaction), not rename.
  const wh = await Warehouse.open({ path: db, projectRoot: dir, targetDir: join(dir, 'target') });
  await wh.run('create table main.customer_orders as select customer_id, count(*) as n from raw.orders group by 1');
  wh.close();
  const before = await tableChecksums(db, dir);
  const beforeRetail = await withRetail(dir);
  const child = spawnScript(join(__dirname, '..', 'generate', 'child.ts'), [dir, '42', '20']);
  await child.waitFor(/progress (?:generate )?raw\.transactions/);
  child.proc.kill('SIGKILL');
  const { signal } = await child.exited;
  assert.equal(signal, 'SIGKILL');
  assert.deepEqual(await tableChecksums(db, dir), before);
  assert.deepEqual(await withRetail(dir), beforeRetail);
});

async function withRetail(dir: string): Promise<Record<string, string>> {
  const wh = await Warehouse.open({ path: join(dir, 'warehouse.duckdb'), projectRoot: dir, targetDir: join(dir, 'target'), readOnly: true });
  try {
    return await retailChecksums(wh, retailSpec(dir));
  } finally {
    wh.close();
  }
}
