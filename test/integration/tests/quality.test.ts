import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import type { QualityReport } from '../../../src/core/tests';
import { cli, type CliRun } from '../../helpers/cli';
import { copyFixture, runResults } from './fixture';

let dir: string;
let run: CliRun;
let report: QualityReport;

before(async () => {
  dir = copyFixture('shop_defects');
  assert.equal((await cli(dir, 'seed')).code, 0);
  assert.equal((await cli(dir, 'run')).code, 0);
  run = await cli(dir, 'quality');
  report = JSON.parse(readFileSync(join(dir, 'target/quality_report.json'), 'utf8')) as QualityReport;
});

/*
 * The expected numbers, worked out by hand from the fixture's known defects:
 * customers (8 rows): uniqueness 75 (2 rows share id 5); completeness (100 + 75 + 0.5·100 + 0.5·100) / 3 = 91.7
 *   (customer_id not_null, email not_null 2 nulls, name and country profiled); validity 87.5 (country XX) → 84.7
 * orders (10 rows): completeness (100 + 90 + 3 × 0.5·100) / 3.5 = 97.1; uniqueness 100;
 *   validity (80 range + 90 is_positive + 100 status + 0.5·100 no future dates) / 3.5 = 91.4;
 *   consistency 90 (singular test, 1 row); referential integrity 80 (2 orphans) → 91.7
 * stg_orders (9 rows): completeness 100, uniqueness 100 (order_id profiled), validity (0.5·88.9 negative amount
 *   + 0.5·100 dates) = 94.4, consistency 88.9 (expression_is_true), referential integrity 77.8 → 92.2
 * overall (84.7 + 91.7 + 92.2) / 3 = 89.5
 */
void test('the quality score of the defect fixture is the one computed by hand', () => {
  assert.equal(run.code, 0, 'failing tests lower the score; they do not fail `quality`');
  assert.equal(report.score, 89.5);
  assert.deepEqual(
    report.tables.map((t) => [t.name, t.rows, t.score, t.dimensions.completeness, t.dimensions.uniqueness, t.dimensions.validity, t.dimensions.consistency, t.dimensions.referential_integrity]),
    [
      ['customers', 8, 84.7, 91.7, 75, 87.5, null, null],
      ['orders', 10, 91.7, 97.1, 100, 91.4, 90, 80],
      ['stg_orders', 9, 92.2, 100, 100, 94.4, 88.9, 77.8],
    ],
  );
  assert.deepEqual(report.dimensions, { completeness: 96.3, uniqueness: 91.7, validity: 91.1, consistency: 89.5, referential_integrity: 78.9 });
  const customers = report.tables[0];
  const lost = customers.checks.filter((c) => c.lost_points > 0).map((c) => [c.name, c.lost_points, c.detail]);
  assert.deepEqual(lost.sort((a, b) => Number(b[1]) - Number(a[1])), [
    ['unique_customers_customer_id', 8.3, '2 of 8 rows flagged (1 failure as the test counts them)'],
    ['accepted_values_customers_country__NL__BE__DE', 4.2, '1 of 8 rows flagged'],
    ['not_null_customers_email', 2.8, '2 of 8 rows flagged'],
  ]);
  const email = customers.columns.find((c) => c.name === 'email');
  assert.deepEqual(email, { name: 'email', type: 'VARCHAR', nulls: 2, distinct: 6, min: 'ann@example.com', max: 'fay@example.com' });
});

void test('the markdown explains the score: what lost points, where, and how it is computed', () => {
  const md = readFileSync(join(dir, 'target/quality_report.md'), 'utf8');
  assert.match(md, /Overall score: \*\*89\.5 \/ 100\*\* over 3 tables\./);
  assert.match(md, /\| customers \| 8 \| 84\.7 \| 91\.7 \| 75\.0 \| 87\.5 \| – \| – \|/);
  assert.match(md, /### customers: 84\.7\n\n- \*\*−8\.3\*\* uniqueness: test `unique_customers_customer_id` on customer_id \(FAIL, scores 75\.0\): 2 of 8 rows flagged \(1 failure as the test counts them\) at seeds\/schema\.yml:8/);
  assert.match(md, /- \*\*−1\.1\*\* validity: profile of amount \(scores 88\.9\): 1 of 9 values are negative/);
  assert.match(md, /## How the score is computed/);
  assert.match(md, /\| email \| VARCHAR \| 2 \| 6 \| ann@example\.com \| fay@example\.com \|/);
});

void test('CLI output, the quality block in run_results.json, and --min-score', async () => {
  assert.match(run.out, /Quality score: 89\.5 \/ 100 over 3 tables/);
  assert.match(run.out, /-8\.3 customers uniqueness: unique_customers_customer_id \(seeds\/schema\.yml:8\): 2 of 8 rows flagged/);
  const rr = runResults(dir);
  assert.equal(rr.quality?.score, 89.5);
  assert.deepEqual(rr.quality?.tables.map((t) => [t.name, t.score]), [['customers', 84.7], ['orders', 91.7], ['stg_orders', 92.2]]);
  assert.deepEqual(rr.quality?.report, { json: 'target/quality_report.json', markdown: 'target/quality_report.md' });

  const strict = await cli(dir, 'quality', '--min-score', '90');
  assert.equal(strict.code, 1);
  assert.match(strict.err, /Quality score 89\.5 is below --min-score 90/);
  // relationships tests that ref customers would join through indirect selection (and bring orders)
  const one = await cli(dir, 'quality', '--select', 'customers', '--exclude', 'test_name:relationships', '--json');
  assert.equal(one.code, 0);
  const parsed = JSON.parse(one.out) as QualityReport;
  assert.deepEqual(parsed.tables.map((t) => t.name), ['customers']);
  assert.equal(parsed.score, 84.7);
});
