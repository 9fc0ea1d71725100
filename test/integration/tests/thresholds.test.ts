import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { cli } from '../../helpers/cli';
import { writeProject } from '../../helpers/tempProject';
import { byTestName, query, runResults } from './fixture';

const PROJECT = 'name: th\nprofile: th\nconfig-version: 2\n';
const PROFILES = 'th:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: th.duckdb\n';
// 20 rows; v is null on every fourth (ids 4, 8, 12, 16, 20): 5 nulls.
const MODEL = "{{ config(materialized='table') }}\nselect id, case when id % 4 = 0 then null else id end as v\nfrom range(1, 21) t(id)\n";

const SCHEMA = `version: 2
models:
  - name: events
    columns:
      - name: v
        data_tests:
          - not_null:
              name: warn_between
              config: {warn_if: ">3", error_if: ">10"}
          - not_null:
              name: error_above_four
              config: {error_if: ">4"}
          - not_null:
              name: not_above_five
              config: {warn_if: ">5", error_if: ">5"}
          - not_null:
              name: severity_warn_quiet
              config: {severity: warn, warn_if: ">10"}
          - not_null:
              name: limited
              config: {limit: 2}
          - not_null:
              name: filtered
              config: {where: "id <= 8"}
          - not_null:
              name: filtered_by_var
              config: {where: "id <= {{ var('max_id', 12) }}"}
          - not_null:
              name: summed
              config: {fail_calc: "sum(id)", warn_if: ">50", error_if: ">100"}
          - not_null:
              name: kept_as_view
              config: {store_failures_as: view, severity: warn}
`;

void test('warn_if / error_if use dbt\'s comparison semantics; limit, where, fail_calc and store_failures_as', async () => {
  const dir = writeProject({ 'dbt_project.yml': PROJECT, 'profiles.yml': PROFILES, 'models/events.sql': MODEL, 'models/schema.yml': SCHEMA });
  const r = await cli(dir, 'build');
  assert.equal(r.code, 1, r.out + r.err);
  const rr = runResults(dir);
  const got = (name: string) => {
    const x = byTestName(rr, name);
    return [x.status, x.failures, x.message];
  };
  assert.deepEqual(got('warn_between'), ['warn', 5, 'Got 5 results, configured to warn if >3']);
  assert.deepEqual(got('error_above_four'), ['fail', 5, 'Got 5 results, configured to fail if >4']);
  assert.deepEqual(got('not_above_five'), ['pass', 5, null]);
  assert.deepEqual(got('severity_warn_quiet'), ['pass', 5, null]);
  assert.deepEqual(got('limited'), ['fail', 2, 'Got 2 results, configured to fail if != 0']);
  assert.deepEqual(got('filtered'), ['fail', 2, 'Got 2 results, configured to fail if != 0']);
  assert.deepEqual(got('filtered_by_var'), ['fail', 3, 'Got 3 results, configured to fail if != 0']);
  assert.deepEqual(got('summed'), ['warn', 60, 'Got 60 results, configured to warn if >50']);
  assert.deepEqual(got('kept_as_view'), ['warn', 5, 'Got 5 results, configured to warn if != 0']);
  assert.deepEqual(byTestName(rr, 'filtered').sample_rows?.map((x) => x.id).sort(), [4, 8]);
  assert.match(byTestName(rr, 'filtered').compiled_code ?? '', /\(select \* from "th"\."main"\."events" where id <= 8\) dbt_subquery/);
  // a pass with failures below the thresholds still records how many rows were flagged
  assert.equal(byTestName(rr, 'not_above_five').failing_rows, 5);
  const view = await query(dir, 'th.duckdb', "select table_type from information_schema.tables where table_schema = 'main_dbt_test__audit' and table_name = 'kept_as_view'");
  assert.deepEqual(view.map((x) => x.table_type), ['VIEW']);
  const kept = await query(dir, 'th.duckdb', 'select count(*) as n from main_dbt_test__audit.kept_as_view');
  assert.equal(Number(kept[0].n), 5);
});
