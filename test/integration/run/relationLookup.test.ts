/**
 * relationKind and describeRelation look one relation up (DESCRIBE, duckdb_views()) instead of
 * scanning information_schema: they must answer as the catalog scan did for tables, views (a
 * broken one too) and names, schemas or databases that do not exist, and find a name in another
 * case as DuckDB does (the scan compared case-sensitively).
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { describeRelation, qualified, relationKind, Warehouse } from '../../../src/core/run';

test('relationKind and describeRelation agree with information_schema', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ms-lookup-'));
  const wh = await Warehouse.open({ path: join(dir, 'w.duckdb'), projectRoot: dir, targetDir: join(dir, 'target') });
  try {
    await wh.run('create schema s');
    await wh.run(`create table s.t as select 1::decimal(18,2) as amount, [1, 2] as ids, {'k': 'v'} as "a ""quoted"" col", now() as at`);
    await wh.run('create view s.v as select amount from s.t');
    await wh.run('create table s.gone as select 1 as x');
    await wh.run('create view s.broken as select x from s.gone');
    await wh.run('drop table s.gone');
    await wh.run('create table s."Mixed" as select 1 as x');
    const rel = (schema: string, alias: string, database = 'w') => ({ database, schema, alias });

    assert.equal(await relationKind(wh, rel('s', 't')), 'table');
    assert.equal(await relationKind(wh, rel('s', 'v')), 'view');
    assert.equal(await relationKind(wh, rel('s', 'broken')), 'view', 'a view whose table is gone is still a view');
    assert.equal(await relationKind(wh, rel('s', 'MIXED')), 'table', 'DuckDB finds names without regard to case');
    assert.equal(await relationKind(wh, rel('S', 'V')), 'view');
    assert.equal(await relationKind(wh, rel('s', 'nope')), undefined);
    assert.equal(await relationKind(wh, rel('no_schema', 't')), undefined);
    assert.equal(await relationKind(wh, rel('s', 't', 'no_db')), undefined);

    const expected = await wh.query(`select column_name, data_type from information_schema.columns where table_schema = 's' and table_name = 't' order by ordinal_position`);
    const cols = await describeRelation(wh, qualified(rel('s', 't')));
    assert.deepEqual(cols, expected.map((r) => ({ name: r.column_name, type: r.data_type })));
    assert.deepEqual(cols?.map((c) => c.name), ['amount', 'ids', 'a "quoted" col', 'at']);
    assert.deepEqual(await describeRelation(wh, qualified(rel('s', 'v'))), [{ name: 'amount', type: 'DECIMAL(18,2)' }]);
    assert.equal(await describeRelation(wh, qualified(rel('s', 'nope'))), undefined);
    assert.equal(await describeRelation(wh, qualified(rel('s', 't', 'no_db'))), undefined);
    // Other errors are not taken for a missing relation.
    await assert.rejects(describeRelation(wh, 'select'), /Parser/);
  } finally {
    wh.close();
  }
});
