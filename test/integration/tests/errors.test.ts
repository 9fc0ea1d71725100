import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { cli } from '../../helpers/cli';
import { writeProject } from '../../helpers/tempProject';
import { byTestName, runResults } from './fixture';

const PROJECT = 'name: er\nprofile: er\nconfig-version: 2\n';
const PROFILES = 'er:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: er.duckdb\n';

void test('errors carry the place to fix: unknown test and missing column at the YAML item, SQL typo at the singular test line', async () => {
  const dir = writeProject({
    'dbt_project.yml': PROJECT,
    'profiles.yml': PROFILES,
    'models/things.sql': 'select 1 as id union all select 1',
    'models/schema.yml': 'version: 2\nmodels:\n  - name: things\n    columns:\n      - name: id\n        data_tests:\n          - uniqe\n      - name: nope\n        data_tests:\n          - not_null\n',
    'tests/broken.sql': "-- a singular test with a typo\nselect id\nfrom {{ ref('things') }}\nwhere idd > 1\n",
  });
  const r = await cli(dir, 'build');
  assert.equal(r.code, 1);
  const rr = runResults(dir);
  const problem = (name: string) => {
    const x = byTestName(rr, name);
    assert.equal(x.status, 'error');
    assert.equal(x.failures, null);
    const p = x.problems?.[0];
    return [p?.code, p?.file.slice(dir.length + 1), p?.line, p?.column];
  };
  assert.deepEqual(problem('uniqe_things_id'), ['unknown-test', 'models/schema.yml', 7, 13]);
  assert.match(byTestName(rr, 'uniqe_things_id').message ?? '', /Unknown test 'uniqe': there is no generic test named uniqe\. Did you mean 'unique'\?/);
  assert.deepEqual(problem('not_null_things_nope'), ['sql-error', 'models/schema.yml', 10, 13]);
  assert.match(byTestName(rr, 'not_null_things_nope').message ?? '', /Binder error in test not_null_things_nope: Referenced column "nope" not found/);
  assert.deepEqual(problem('broken'), ['sql-error', 'tests/broken.sql', 4, 7]);
  assert.match(r.out, /ERROR uniqe_things_id \(models\/schema\.yml:7\) \.+ \[ERROR in/);
  assert.match(r.out, /tests\/broken\.sql:4:7: error: Binder error in test broken/);
});

void test('a project macro of the same name overrides a built-in generic test', async () => {
  const dir = writeProject({
    'dbt_project.yml': PROJECT,
    'profiles.yml': PROFILES,
    'models/things.sql': 'select 1 as id union all select 1',
    'models/schema.yml': 'version: 2\nmodels:\n  - name: things\n    columns:\n      - name: id\n        data_tests: [unique]\n',
    'macros/lenient_unique.sql': '{% test unique(model, column_name) %}\nselect {{ column_name }} from {{ model }} where 1 = 0\n{% endtest %}\n',
  });
  const r = await cli(dir, 'test');
  assert.equal(r.code, 1, 'nothing is built yet: the test errors');
  assert.equal((await cli(dir, 'build')).code, 0);
  assert.equal(byTestName(runResults(dir), 'unique_things_id').status, 'pass');
});

void test('config and reference problems stop the run before anything executes, at the YAML line', async () => {
  const dir = writeProject({
    'dbt_project.yml': PROJECT,
    'profiles.yml': PROFILES,
    'models/things.sql': 'select 1 as id',
    'models/schema.yml': "version: 2\nmodels:\n  - name: things\n    columns:\n      - name: id\n        data_tests:\n          - relationships:\n              to: ref('thing')\n              field: id\n",
  });
  const r = await cli(dir, 'build');
  assert.equal(r.code, 1);
  assert.match(r.err, /models\/schema\.yml:7:13: error: Test relationships_things_id__id__ref_thing_ refers to 'thing', which was not found\. Did you mean 'things'\? \[unknown-ref\]/);
});

void test('a bad severity is reported at the test, and the test errors instead of guessing', async () => {
  const dir = writeProject({
    'dbt_project.yml': PROJECT,
    'profiles.yml': PROFILES,
    'models/things.sql': 'select 1 as id',
    'models/schema.yml': 'version: 2\nmodels:\n  - name: things\n    columns:\n      - name: id\n        data_tests:\n          - unique:\n              severity: fatal\n',
  });
  await cli(dir, 'build');
  const x = byTestName(runResults(dir), 'unique_things_id');
  assert.equal(x.status, 'error');
  assert.deepEqual(x.problems?.map((p) => [p.code, p.line, p.column]), [['test-config', 7, 13]]);
});
