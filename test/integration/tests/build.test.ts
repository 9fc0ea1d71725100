import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { cli } from '../../helpers/cli';
import { copyTemplate } from '../../helpers/tempProject';
import { byTestName, copyFixture, runResults } from './fixture';

void test('build: each node\'s tests right after it; a failing error test skips everything downstream', async () => {
  const dir = copyFixture('shop_defects');
  const r = await cli(dir, 'build');
  assert.equal(r.code, 1);
  const rr = runResults(dir);
  const order = rr.results.map((x) => x.unique_id.split('.').slice(0, 3).join('.'));
  // customers, then its tests, then orders, then its tests (the relationships test needs both)
  assert.equal(order[0], 'seed.shop_defects.customers');
  assert.deepEqual(order.slice(1, 5).sort(), [
    'test.shop_defects.accepted_values_customers_country__NL__BE__DE',
    'test.shop_defects.not_null_customers_customer_id',
    'test.shop_defects.not_null_customers_email',
    'test.shop_defects.unique_customers_customer_id',
  ]);
  assert.equal(order[5], 'seed.shop_defects.orders');
  const stg = rr.results.find((x) => x.unique_id === 'model.shop_defects.stg_orders');
  assert.equal(stg?.status, 'skipped');
  assert.equal(stg?.message, 'skipped because seed.shop_defects.orders has failing tests');
  // the tests of a skipped model are skipped with it; the other tests of orders still ran
  assert.equal(byTestName(rr, 'relationships_stg_orders_customer_id__customer_id__ref_customers_').status, 'skipped');
  assert.equal(byTestName(rr, 'dbt_utils_expression_is_true_stg_orders_amount___0').status, 'skipped');
  assert.equal(byTestName(rr, 'relationships_orders_customer_id__customer_id__ref_customers_').status, 'fail');
  assert.equal(byTestName(rr, 'assert_returned_orders_are_small').status, 'fail');
  assert.match(r.out, /15 of 17 SKIP sql view model main\.stg_orders \.+ \[SKIP\]/);
  assert.match(r.out, /Done\. PASS=6 WARN=1 ERROR=7 SKIP=3 TOTAL=17/);
});

void test('build: a warning test does not skip downstream', async () => {
  const dir = copyFixture('shop_defects');
  // every seed test only warns now: nothing downstream is skipped
  const { writeFileSync, readFileSync } = await import('node:fs');
  const p = `${dir}/dbt_project.yml`;
  writeFileSync(p, readFileSync(p, 'utf8') + '    +severity: warn\n');
  const r = await cli(dir, 'build');
  const rr = runResults(dir);
  assert.equal(rr.results.find((x) => x.unique_id === 'model.shop_defects.stg_orders')?.status, 'success');
  assert.equal(byTestName(rr, 'unique_customers_customer_id').status, 'warn');
  // the staging relationships test says severity: error itself, so it still fails
  assert.equal(byTestName(rr, 'relationships_stg_orders_customer_id__customer_id__ref_customers_').status, 'fail');
  assert.equal(r.code, 1);
});

void test('jaffle_shop: build passes every test, including dbt_utils.accepted_range and the singular test', async () => {
  const dir = copyTemplate('jaffle_shop');
  const r = await cli(dir, 'build');
  assert.equal(r.code, 0, r.out + r.err);
  const rr = runResults(dir);
  const tests = rr.results.filter((x) => x.unique_id.startsWith('test.'));
  assert.equal(tests.length, 16);
  assert.deepEqual([...new Set(tests.map((t) => t.status))], ['pass']);
  assert.match(r.out, /PASS dbt_utils_accepted_range_orders_amount__0 \.+ \[PASS in/);
  assert.match(r.out, /PASS assert_positive_order_totals/);
  assert.match(r.out, /Done\. PASS=25 WARN=0 ERROR=0 SKIP=0 TOTAL=25/);
  // only profiling finds anything (customers without orders have null order columns)
  assert.ok((rr.quality?.score ?? 0) > 95, String(rr.quality?.score));

  const t = await cli(dir, 'test', '--select', 'orders');
  assert.equal(t.code, 0, t.out + t.err);
  const selected = runResults(dir).results.map((x) => x.unique_id.split('.')[2]).sort();
  assert.deepEqual(selected, [
    'assert_positive_order_totals',
    'dbt_utils_accepted_range_orders_amount__0',
    'not_null_orders_customer_id',
    'not_null_orders_order_id',
    'relationships_orders_customer_id__customer_id__ref_customers_',
    'unique_orders_order_id',
  ]);
});
