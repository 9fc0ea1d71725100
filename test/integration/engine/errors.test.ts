import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Engine } from '../../../src/core/engine';
import { Warehouse } from '../../../src/core/run';
import { cli } from '../../helpers/cli';
import { writeProject } from '../../helpers/tempProject';

const PROJECT = 'name: shop\nprofile: shop\nconfig-version: 2\n';

test('a SQL error is reported at the line of the model source, and the old table survives', async () => {
  const dir = writeProject({
    'dbt_project.yml': PROJECT,
    'models/orders.sql': "{{ config(materialized='table') }}\nselect 1 as id,\n  'a' as name\n",
  });
  assert.equal((await cli(dir, 'run')).code, 0);
  // Line 5 of the source holds the typo; Jinja lines before it shift the compiled SQL.
  writeFileSync(join(dir, 'models/orders.sql'), "{{ config(materialized='table') }}\n{% set cols = ['id', 'name'] %}\nselect\n  1 as id,\n  nope_column as name\nfrom range(3)\n");
  const r = await cli(dir, 'run');
  assert.equal(r.code, 1);
  assert.match(r.out, /models\/orders\.sql:5:3: error: Binder error in model orders: Referenced column "nope_column" not found/);
  const wh = await Warehouse.open({ path: join(dir, 'warehouse.duckdb'), projectRoot: dir, targetDir: join(dir, 'target'), readOnly: true });
  const rows = await wh.query('select * from main.orders');
  wh.close();
  assert.deepEqual(rows, [{ id: 1, name: 'a' }]);
});

test('a parser error maps to its line', async () => {
  const dir = writeProject({ 'dbt_project.yml': PROJECT, 'models/m.sql': "-- comment\n{% if true %}\nselect 1 as a,\n  2 frm x\n{% endif %}\n" });
  const r = await cli(dir, 'run');
  assert.equal(r.code, 1);
  assert.match(r.out, /models\/m\.sql:4:\d+: error: Parser error in model m: syntax error at or near "x"/);
});

test('an unknown ref is an error at its line with a did-you-mean suggestion', () => {
  const dir = writeProject({
    'dbt_project.yml': PROJECT,
    'models/stg_orders.sql': 'select 1 as id',
    'models/orders.sql': "select *\nfrom {{ ref('stg_order') }}\n",
  });
  const engine = Engine.load(dir);
  const p = engine.problems.find((x) => x.code === 'unknown-ref');
  assert.ok(p, JSON.stringify(engine.problems));
  assert.equal(p.file, join(dir, 'models/orders.sql'));
  assert.equal(p.line, 2);
  assert.equal(p.column, 9);
  assert.match(p.message, /depends on 'stg_order', which was not found\. Did you mean 'stg_orders'\?/);
  assert.deepEqual(p.suggestions, ['stg_orders']);
});

test('a cycle names every model and file in it', () => {
  const dir = writeProject({
    'dbt_project.yml': PROJECT,
    'models/a.sql': "select * from {{ ref('b') }}",
    'models/b.sql': "select * from {{ ref('c') }}",
    'models/c.sql': "select * from {{ ref('a') }}",
  });
  const engine = Engine.load(dir);
  const p = engine.problems.find((x) => x.code === 'cycle');
  assert.ok(p);
  for (const f of ['models/a.sql', 'models/b.sql', 'models/c.sql']) assert.ok(p.message.includes(f), p.message);
});

test('YAML errors carry their line', () => {
  const dir = writeProject({ 'dbt_project.yml': PROJECT, 'models/m.sql': 'select 1', 'models/schema.yml': 'version: 2\nmodels:\n  - name: m\n    columns:\n      - name: a\n     bad: [\n' });
  const engine = Engine.load(dir);
  const p = engine.problems.find((x) => x.code === 'yaml-syntax');
  assert.ok(p, JSON.stringify(engine.problems));
  assert.equal(p.file, join(dir, 'models/schema.yml'));
  assert.ok(p.line >= 5 && p.line <= 7, String(p.line));
});

test('a missing var without default is an error at the var() call', async () => {
  const dir = writeProject({ 'dbt_project.yml': PROJECT, 'models/m.sql': "select\n  '{{ var(\"start_date\") }}' as d\n" });
  const r = await cli(dir, 'run');
  assert.equal(r.code, 1);
  assert.match(r.out, /models\/m\.sql:2:\d+: error: Required var 'start_date' not found/);
});

test('a Jinja syntax error is reported at its template line', () => {
  const dir = writeProject({ 'dbt_project.yml': PROJECT, 'models/m.sql': 'select 1\n{% if x %}\nwhere 1=1\n' });
  const engine = Engine.load(dir);
  const p = engine.problems.find((x) => x.code === 'jinja-syntax');
  assert.ok(p, JSON.stringify(engine.problems));
  assert.equal(p.file, join(dir, 'models/m.sql'));
});

test('a failing model skips its downstream models', async () => {
  const dir = writeProject({
    'dbt_project.yml': PROJECT,
    'models/a.sql': 'select nope',
    'models/b.sql': "select * from {{ ref('a') }}",
    'models/c.sql': 'select 1 as x',
  });
  const r = await cli(dir, 'run', '--json');
  assert.equal(r.code, 1);
  const rr = JSON.parse(r.out) as { results: Array<{ unique_id: string; status: string }> };
  const by = Object.fromEntries(rr.results.map((x) => [x.unique_id, x.status]));
  assert.deepEqual(by, { 'model.shop.a': 'error', 'model.shop.b': 'skipped', 'model.shop.c': 'success' });
});

test('bad dbt_project.yml and unknown profile targets give actionable messages', async () => {
  const dir = writeProject({ 'dbt_project.yml': 'name: shop\nprofile: shop\n', 'profiles.yml': 'shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: dev.duckdb\n' });
  const r = await cli(dir, 'run', '--target', 'prod');
  assert.equal(r.code, 1);
  assert.match(r.err, /profiles\.yml:2:3: error: Target 'prod' is not among the outputs of profile 'shop' \(dev\)/);
});

test('a model disabled by its own config() takes its YAML tests with it', () => {
  const dir = writeProject({
    'dbt_project.yml': PROJECT,
    'models/old.sql': "{{ config(enabled=false) }}\nselect 1 as id",
    'models/uses_old.sql': 'select 2 as id',
    'models/schema.yml': 'version: 2\nmodels:\n  - name: old\n    columns:\n      - name: id\n        data_tests: [unique]\n',
  });
  const engine = Engine.load(dir);
  assert.deepEqual(engine.errors(), []);
  assert.deepEqual(Object.keys(engine.manifest.nodes), ['model.shop.uses_old']);
  assert.ok(Object.keys(engine.manifest.disabled).some((id) => id.startsWith('test.shop.unique_old_id')));
});

test("a misspelt CTE gets the model's own CTE as its suggestion, not DuckDB's closest table", async () => {
  const dir = writeProject({
    'dbt_project.yml': PROJECT,
    'models/stg_publishers.sql': 'select 1 as id',
    'models/m.sql': 'with source as (\n  select * from {{ ref(\'stg_publishers\') }}\n),\nrenamed as (select id from source)\nselect *\nfrom sourze\n',
  });
  const r = await cli(dir, 'run');
  assert.equal(r.code, 1);
  assert.match(r.out, /models\/m\.sql:6:\d+: error: Catalog error in model m: Table with name sourze does not exist!/);
  assert.match(r.out, /hint: Did you mean "source", a CTE of this model\?/);
  // A name close to no CTE keeps DuckDB's own suggestion.
  writeFileSync(join(dir, 'models/m.sql'), 'select * from stg_publisher\n');
  const other = await cli(dir, 'run');
  assert.match(other.out, /hint: Did you mean "stg_publishers"\?/);
});
