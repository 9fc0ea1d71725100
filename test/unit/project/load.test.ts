import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadProject } from '../../../src/core/project';
import { writeProject } from '../../helpers/tempProject';

test('folder-scoped configs, + and bare keys, YAML config and precedence', () => {
  const dir = writeProject({
    'dbt_project.yml': [
      'name: p',
      'models:',
      '  +tags: [all]',
      '  p:',
      '    materialized: table',
      '    staging:',
      '      +materialized: view',
      '      +schema: stg',
      '      tags: [staging]',
      '      stg_special:',
      '        +alias: special',
      'seeds:',
      '  p:',
      '    +column_types: {id: bigint}',
      '',
    ].join('\n'),
    'models/staging/stg_a.sql': 'select 1',
    'models/staging/stg_special.sql': 'select 1',
    'models/marts/m.sql': 'select 1',
    'models/marts/schema.yml': 'version: 2\nmodels:\n  - name: m\n    config:\n      materialized: incremental\n      tags: [yaml]\n',
    'seeds/s.csv': 'id\n1\n',
  });
  const p = loadProject(dir);
  assert.deepEqual(p.problems, []);
  const n = p.manifest.nodes;
  assert.equal(n['model.p.stg_a'].config.materialized, 'view');
  assert.equal(n['model.p.stg_a'].schema, 'main_stg');
  assert.deepEqual(n['model.p.stg_a'].tags, ['all', 'staging']);
  assert.equal(n['model.p.stg_special'].alias, 'special');
  assert.equal(n['model.p.stg_special'].relation_name, '"warehouse"."main_stg"."special"');
  assert.equal(n['model.p.m'].config.materialized, 'incremental');
  assert.deepEqual(n['model.p.m'].tags, ['all', 'yaml']);
  assert.deepEqual(n['seed.p.s'].config.column_types, { id: 'bigint' });
  assert.equal(p.target.path, join(dir, 'warehouse.duckdb'));
});

test('profiles.yml: target selection, env_var, relative path', () => {
  process.env.MS_TEST_SCHEMA = 'analytics';
  const dir = writeProject({
    'dbt_project.yml': 'name: p\nprofile: prof\n',
    'profiles.yml': "prof:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: data/dev.duckdb\n      schema: \"{{ env_var('MS_TEST_SCHEMA') }}\"\n      threads: 4\n    ci:\n      type: duckdb\n      path: ':memory:'\n",
  });
  const dev = loadProject(dir);
  assert.equal(dev.target.path, join(dir, 'data/dev.duckdb'));
  assert.equal(dev.target.database, 'dev');
  assert.equal(dev.target.schema, 'analytics');
  assert.equal(dev.target.threads, 4);
  const ci = loadProject(dir, { targetName: 'ci' });
  assert.equal(ci.target.path, ':memory:');
});

test('tests in YAML keep the line of each test item, in every accepted form', () => {
  const dir = writeProject({
    'dbt_project.yml': 'name: p\n',
    'models/m.sql': 'select 1 as id',
    'models/schema.yml': [
      'version: 2', // 1
      'models:', // 2
      '  - name: m', // 3
      '    data_tests:', // 4
      '      - dbt_utils.unique_combination_of_columns:', // 5
      '          combination_of_columns: [id]', // 6
      '    columns:', // 7
      '      - name: id', // 8
      '        tests:', // 9
      '          - unique', // 10
      '          - not_null:', // 11
      '              severity: warn', // 12
      '          - accepted_values:', // 13
      '              arguments:', // 14
      '                values: [1, 2]', // 15
      '              config:', // 16
      '                where: "id > 0"', // 17
      '',
    ].join('\n'),
  });
  const p = loadProject(dir);
  const t = p.testDefinitions.map((d) => [d.testName, d.columnName ?? null, d.place.line, d.place.column, d.args, d.config]);
  assert.deepEqual(t, [
    ['dbt_utils.unique_combination_of_columns', null, 5, 9, { combination_of_columns: ['id'] }, {}],
    ['unique', 'id', 10, 13, {}, {}],
    ['not_null', 'id', 11, 13, {}, { severity: 'warn' }],
    ['accepted_values', 'id', 13, 13, { values: [1, 2] }, { where: 'id > 0' }],
  ]);
});

test('docs blocks resolve in descriptions; an unknown doc() is a problem', () => {
  const dir = writeProject({
    'dbt_project.yml': 'name: p\n',
    'models/m.sql': 'select 1 as id',
    'models/docs.md': '{% docs id_doc %}\nThe key.\n{% enddocs %}\n',
    'models/schema.yml': "version: 2\nmodels:\n  - name: m\n    description: \"{{ doc('missing') }}\"\n    columns:\n      - name: id\n        description: \"{{ doc('id_doc') }}\"\n",
  });
  const p = loadProject(dir);
  assert.equal(p.manifest.nodes['model.p.m'].columns.id.description, 'The key.');
  const unknown = p.problems.find((x) => x.code === 'unknown-doc');
  assert.equal(unknown?.line, 3);
});

test('missing dbt_project.yml is a problem, not a crash', () => {
  const dir = writeProject({ 'models/m.sql': 'select 1' });
  const p = loadProject(dir);
  assert.equal(p.problems[0].code, 'no-project');
});

test('a test config key both at the top level and under config: is an error at the top-level key, as dbt refuses it', () => {
  const dir = writeProject({
    'dbt_project.yml': 'name: p\n',
    'models/m.sql': 'select 1 as id',
    'models/schema.yml': [
      'version: 2', // 1
      'models:', // 2
      '  - name: m', // 3
      '    columns:', // 4
      '      - name: id', // 5
      '        data_tests:', // 6
      '          - not_null:', // 7
      '              severity: warn', // 8
      '              config:', // 9
      '                severity: error', // 10
      '          - unique:', // 11
      '              where: "id > 0"', // 12
      '              config:', // 13
      '                severity: warn', // 14
      '',
    ].join('\n'),
  });
  const p = loadProject(dir);
  const same = p.problems.filter((x) => /both at the top level/.test(x.message));
  assert.deepEqual(same.map((x) => [x.severity, x.line, x.column]), [['error', 8, 15]]);
  assert.match(same[0].message, /`severity`.*not_null/);
  assert.deepEqual(p.testDefinitions.map((d) => d.config), [{ severity: 'error' }, { severity: 'warn', where: 'id > 0' }]);
});
