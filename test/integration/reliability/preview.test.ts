/**
 * A preview of a 10-million-row table (`show --limit`) streams the first rows: DuckDB pushes the
 * LIMIT into the scan (STREAMING_LIMIT over SEQ_SCAN) and the CLI's memory barely moves.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { test } from 'node:test';
import { Warehouse } from '../../../src/core/run';
import { writeProject } from '../../helpers/tempProject';
import { spawnScript } from './spawn';

const MB = 1024 * 1024;

test('show --limit on a 10-million-row table streams 10 rows in bounded memory', { timeout: 120_000 }, async () => {
  const dir = writeProject({ 'dbt_project.yml': 'name: pv\nprofile: pv\nconfig-version: 2\n', 'models/big_preview.sql': 'select id, g, d, id * 2 as twice\nfrom main.big\n' });
  const wh = await Warehouse.open({ path: join(dir, 'warehouse.duckdb'), projectRoot: dir, targetDir: join(dir, 'target') });
  await wh.run("create table main.big as select range as id, range % 1000 as g, date '2024-01-01' + (range % 366)::integer as d from range(10000000)");
  const plan = (await wh.query('explain select * from (\nselect id, g, d, id * 2 as twice from main.big\n) as preview limit 10')).map((r) => String(r.explain_value)).join('\n');
  wh.close();
  // The shape show.ts sends: DuckDB stops the scan after the limit instead of reading the table.
  assert.match(plan, /STREAMING_LIMIT[\s\S]*SEQ_SCAN/);
  const child = spawnScript(join(__dirname, 'showChild.ts'), ['show', '--select', 'big_preview', '--limit', '10', '--project-dir', dir]);
  const { code } = await child.exited;
  assert.equal(code, 0, child.err());
  const r = JSON.parse(child.out().trim().split('\n').pop() ?? '{}') as { code: number; ms: number; rssBefore: number; rssAfter: number; maxRss: number; output: string };
  assert.equal(r.code, 0, r.output);
  const growth = Math.max(r.rssAfter, r.maxRss) - r.rssBefore;
  console.log(`show --limit 10 on 10M rows: ${r.ms.toFixed(0)} ms, RSS ${(r.rssBefore / MB).toFixed(0)} → ${(r.rssAfter / MB).toFixed(0)} MB (peak ${(r.maxRss / MB).toFixed(0)} MB, growth ${(growth / MB).toFixed(0)} MB)`);
  // Guards: the `limit` show.ts wraps around the model (10M rows as JS values would be gigabytes).
  assert.ok(growth < 300 * MB, `memory grew by ${(growth / MB).toFixed(0)} MB`);
  // Header, rule, then exactly the ten rows asked for.
  assert.equal(r.output.split('\n').filter((l) => /^\| \d+/.test(l)).length, 10, r.output);
});
