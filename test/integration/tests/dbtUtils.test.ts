import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { QualityReport } from '../../../src/core/tests';
import { cli } from '../../helpers/cli';
import { writeProject } from '../../helpers/tempProject';
import { byTestName, runResults } from './fixture';

const ITEMS = `{{ config(materialized='table') }}
select * from (values
    (1, 'a',  'x',  10, timestamp '2020-01-01', cast(null as int)),
    (2, 'a',  'y',  20, timestamp '2020-01-02', cast(null as int)),
    (2, 'a',  'y',  30, timestamp '2020-01-03', cast(null as int)),
    (3, '',   null, 40, timestamp '2020-01-04', cast(null as int)),
    (4, '  ', null, 50, null,                   cast(null as int))
) t(id, code, tag, qty, updated_at, nothing)
`;

const SCHEMA = `version: 2
models:
  - name: items
    data_tests:
      - dbt_utils.unique_combination_of_columns:
          combination_of_columns: [id, tag]
      - dbt_utils.equal_rowcount:
          compare_model: ref('other')
      - dbt_utils.expression_is_true:
          expression: "qty < 45"
      - dbt_utils.recency:
          field: updated_at
          datepart: day
          interval: 1
    columns:
      - name: tag
        data_tests:
          - dbt_utils.not_null_proportion:
              at_least: 0.8
          - dbt_utils.at_least_one
      - name: qty
        data_tests:
          - dbt_utils.not_null_proportion:
              at_least: 0.9
          - dbt_utils.accepted_range:
              min_value: 10
              inclusive: false
          - accepted_values:
              values: [10, 20, 30, 40]
              quote: false
      - name: nothing
        data_tests:
          - dbt_utils.at_least_one
      - name: code
        data_tests:
          - dbt_utils.not_empty_string
          - dbt_utils.not_empty_string:
              trim_whitespace: false
sources:
  - name: raw
    schema: main_raw
    tables:
      - name: events
        columns:
          - name: id
            data_tests: [not_null, unique]
`;

void test('the built-in dbt_utils tests, accepted_values without quotes, a source test, and how table-level tests score', async () => {
  const dir = writeProject({
    'dbt_project.yml': "name: du\nprofile: du\nconfig-version: 2\nseeds:\n  du:\n    +schema: raw\n",
    'profiles.yml': 'du:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: du.duckdb\n',
    'models/items.sql': ITEMS,
    'models/other.sql': 'select * from range(3)',
    'models/schema.yml': SCHEMA,
    'seeds/events.csv': 'id,kind\n1,a\n2,b\n,c\n',
  });
  // the source table is loaded by a seed, which the DAG does not know to run before the source's tests
  assert.equal((await cli(dir, 'seed')).code, 0);
  const r = await cli(dir, 'build');
  assert.equal(r.code, 1);
  const rr = runResults(dir);
  const got = (name: string) => {
    const x = byTestName(rr, name);
    return [x.status, x.failures];
  };
  assert.deepEqual(got('dbt_utils_unique_combination_of_columns_items_id__tag'), ['fail', 1]);
  assert.deepEqual(byTestName(rr, 'dbt_utils_unique_combination_of_columns_items_id__tag').sample_rows, [{ id: 2, tag: 'y', n_records: 2 }]);
  // equal_rowcount sets its own fail_calc: failures is the difference in rows
  assert.deepEqual(got('dbt_utils_equal_rowcount_items_ref_other_'), ['fail', 2]);
  assert.deepEqual(got('dbt_utils_expression_is_true_items_qty_45'), ['fail', 1]);
  assert.deepEqual(got('dbt_utils_recency_items_day__updated_at__1'), ['fail', 1]);
  assert.deepEqual(got('dbt_utils_not_null_proportion_items_0_8__tag'), ['fail', 1]);
  assert.deepEqual(byTestName(rr, 'dbt_utils_not_null_proportion_items_0_8__tag').sample_rows, [{ not_null_proportion: 0.6 }]);
  assert.deepEqual(got('dbt_utils_not_null_proportion_items_0_9__qty'), ['pass', 0]);
  assert.deepEqual(got('dbt_utils_at_least_one_items_tag'), ['pass', 0]);
  assert.deepEqual(got('dbt_utils_at_least_one_items_nothing'), ['fail', 1]);
  assert.deepEqual(got('dbt_utils_accepted_range_items_qty__False__10'), ['fail', 1]);
  assert.deepEqual(got('accepted_values_items_qty__False__10__20__30__40'), ['fail', 1]);
  assert.deepEqual(byTestName(rr, 'accepted_values_items_qty__False__10__20__30__40').sample_rows, [{ value_field: 50, n_records: 1 }]);
  assert.deepEqual(got('dbt_utils_not_empty_string_items_code'), ['fail', 2]);
  assert.deepEqual(got('dbt_utils_not_empty_string_items_code__False'), ['fail', 1]);
  assert.deepEqual(got('source_not_null_raw_events_id'), ['fail', 1]);
  assert.deepEqual(got('source_unique_raw_events_id'), ['pass', 0]);

  const { readFileSync } = await import('node:fs');
  const report = JSON.parse(readFileSync(`${dir}/target/quality_report.json`, 'utf8')) as QualityReport;
  const events = report.tables.find((t) => t.unique_id === 'source.du.raw.events');
  assert.equal(events?.dimensions.completeness, 77.8); // (1 × 66.7 for the id test + 0.5 × 100 for the kind profile) / 1.5
  const items = report.tables.find((t) => t.name === 'items');
  const recency = items?.checks.find((c) => c.name === 'dbt_utils_recency_items_day__updated_at__1');
  assert.equal(recency?.score, 0);
  assert.equal(recency?.dimension, 'validity');
});
