import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { cli, type CliRun } from '../../helpers/cli';
import { byTestName, copyFixture, query, runResults, sorted, type RunResultsFile } from './fixture';

let dir: string;
let run: CliRun;
let rr: RunResultsFile;

before(async () => {
  dir = copyFixture('shop_defects');
  assert.equal((await cli(dir, 'seed')).code, 0);
  assert.equal((await cli(dir, 'run')).code, 0);
  run = await cli(dir, 'test');
  rr = runResults(dir);
});

void test('every test of the defect fixture: status, severity, failure count, YAML place', () => {
  assert.equal(run.code, 1, 'failing tests make `test` exit 1');
  const table = rr.results.map((r) => [r.unique_id.split('.')[2], r.status, r.severity, r.failures, r.location ? `${r.location.file}:${r.location.line}:${r.location.column}` : '']).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  assert.deepEqual(table, [
    ['accepted_values_customers_country__NL__BE__DE', 'fail', 'error', 1, 'seeds/schema.yml:18:13'],
    ['accepted_values_orders_status__placed__shipped__completed__returned', 'pass', 'error', 0, 'seeds/schema.yml:41:13'],
    ['assert_returned_orders_are_small', 'fail', 'error', 1, 'tests/assert_returned_orders_are_small.sql:1:1'],
    ['dbt_utils_accepted_range_orders_amount__100__0', 'fail', 'error', 2, 'seeds/schema.yml:35:13'],
    // folder-scoped `data_tests: staging: +severity: warn` turns a failure into a warning
    ['dbt_utils_expression_is_true_stg_orders_amount___0', 'warn', 'warn', 1, 'models/staging/schema.yml:8:13'],
    ['is_positive_orders_amount', 'fail', 'error', 1, 'seeds/schema.yml:38:13'],
    ['not_null_customers_customer_id', 'pass', 'error', 0, 'seeds/schema.yml:11:13'],
    ['not_null_customers_email', 'warn', 'warn', 2, 'seeds/schema.yml:14:13'],
    ['not_null_orders_customer_id', 'fail', 'error', 1, 'seeds/schema.yml:29:13'],
    ['not_null_orders_order_id', 'pass', 'error', 0, 'seeds/schema.yml:26:13'],
    ['relationships_orders_customer_id__customer_id__ref_customers_', 'fail', 'error', 2, 'seeds/schema.yml:30:13'],
    // ... while the test's own `severity: error` wins over the folder
    ['relationships_stg_orders_customer_id__customer_id__ref_customers_', 'fail', 'error', 2, 'models/staging/schema.yml:12:13'],
    ['unique_customers_customer_id', 'fail', 'error', 1, 'seeds/schema.yml:8:13'],
    ['unique_orders_order_id', 'pass', 'error', 0, 'seeds/schema.yml:25:13'],
  ]);
});

void test('messages, problems and sample failing rows', () => {
  const unique = byTestName(rr, 'unique_customers_customer_id');
  assert.equal(unique.message, 'Got 1 result, configured to fail if != 0');
  assert.deepEqual(unique.sample_rows, [{ unique_field: 5, n_records: 2 }]);
  assert.equal(unique.failing_rows, 2);
  assert.deepEqual(unique.problems?.map((p) => [p.code, p.severity, p.file, p.line, p.column]), [['test-failed', 'error', join(dir, 'seeds/schema.yml'), 8, 13]]);

  const email = byTestName(rr, 'not_null_customers_email');
  assert.equal(email.message, 'Got 2 results, configured to warn if != 0');
  assert.deepEqual(sorted(email.sample_rows ?? []), [
    { customer_id: 3, name: 'Cid', email: null, country: 'NL' },
    { customer_id: 7, name: 'Gus', email: null, country: 'BE' },
  ]);
  assert.equal(email.problems?.[0].severity, 'warning');

  assert.deepEqual(sorted(byTestName(rr, 'relationships_orders_customer_id__customer_id__ref_customers_').sample_rows ?? []), [{ from_field: 88 }, { from_field: 99 }]);
  assert.deepEqual(byTestName(rr, 'accepted_values_customers_country__NL__BE__DE').sample_rows, [{ value_field: 'XX', n_records: 1 }]);
  assert.deepEqual(
    sorted((byTestName(rr, 'dbt_utils_accepted_range_orders_amount__100__0').sample_rows ?? []).map((r) => [r.order_id, r.amount])),
    [[3, -5], [8, 500]],
  );
  assert.deepEqual(byTestName(rr, 'assert_returned_orders_are_small').sample_rows, [{ order_id: 5, amount: 30 }]);
  assert.deepEqual(byTestName(rr, 'is_positive_orders_amount').sample_rows?.map((r) => r.order_id), [3]);
  assert.deepEqual(byTestName(rr, 'unique_orders_order_id').sample_rows, []);
});

void test('CLI lines: dbt-like PASS/WARN/FAIL, a failing test shows its YAML file:line, the summary its place', () => {
  assert.match(run.out, /\d+ of 14 FAIL 1 unique_customers_customer_id \(seeds\/schema\.yml:8\) \.+ \[FAIL 1 in \d+\.\d+s\]/);
  assert.match(run.out, /\d+ of 14 WARN 2 not_null_customers_email \(seeds\/schema\.yml:14\) \.+ \[WARN 2 in/);
  assert.match(run.out, /\d+ of 14 PASS unique_orders_order_id \.+ \[PASS in/);
  assert.match(run.out, /seeds\/schema\.yml:30:13: error: Test relationships_orders_customer_id__customer_id__ref_customers_ failed: Got 2 results, configured to fail if != 0\. \[test-failed\]/);
  assert.match(run.out, /Done\. PASS=4 WARN=2 ERROR=8 SKIP=0 TOTAL=14/);
});

void test('store_failures keeps the failing rows in <schema>_dbt_test__audit.<test name>', async () => {
  const unique = byTestName(rr, 'unique_customers_customer_id');
  assert.equal(unique.relation_name, '"shop"."main_dbt_test__audit"."unique_customers_customer_id"');
  const rows = await query(dir, 'shop.duckdb', 'select unique_field, n_records from main_dbt_test__audit.unique_customers_customer_id');
  assert.deepEqual(rows.map((r) => [Number(r.unique_field), Number(r.n_records)]), [[5, 2]]);
  const audit = await query(dir, 'shop.duckdb', "select table_name from information_schema.tables where table_schema = 'main_dbt_test__audit'");
  assert.deepEqual(audit.map((r) => r.table_name), ['unique_customers_customer_id']);
});

void test('compiled SQL of generic tests is written under <yaml path>/<test>.sql, as dbt does', () => {
  const compiled = join(dir, 'target/compiled/shop_defects/seeds/schema.yml/relationships_orders_customer_id__customer_id__ref_customers_.sql');
  assert.ok(existsSync(compiled));
  const sql = readFileSync(compiled, 'utf8');
  assert.match(sql, /from "shop"\."main"\."customers"/);
  assert.equal(byTestName(rr, 'relationships_orders_customer_id__customer_id__ref_customers_').compiled_code, sql);
  assert.ok(existsSync(join(dir, 'target/run/shop_defects/tests/assert_returned_orders_are_small.sql')));
});
