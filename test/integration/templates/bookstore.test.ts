/**
 * The bookstore template (seed 000) end to end: init, generate at scale 1 (once for the file),
 * build, then the document's tables, ids, value sets and counts, every foreign key (or the
 * injected orphan), the warn counts against the generator's report, the documented price and
 * length bands at their boundaries, and the A/B lift and its interval recomputed independently.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import type { GenerateReport } from '../../../src/core/generate';
import { cli, type CliRun } from '../../helpers/cli';
import { TemplateRun, type TestResult } from '../../helpers/templateRun';

const run = new TemplateRun('bookstore', 'books');
const { query, scalar, rows, injected, result } = run;
let dir = '';
let report: GenerateReport;
let build: CliRun;
let results: TestResult[] = [];

before(async () => {
  ({ dir, report, build, results } = await run.setup());
});

void test('generate: the five documented tables, counts at scale 1, ids, value sets', async () => {
  assert.deepEqual(report.tables.map((t) => t.name), ['publishers', 'books', 'sales', 'inventory', 'campaign_events']);
  assert.equal(rows('publishers'), 10);
  assert.equal(rows('books'), 100);
  // 100 transactions, plus the 2 duplicated rows the generator appends.
  assert.equal(rows('sales'), 100 + injected('sales', 'duplicate_keys'));
  assert.equal(await scalar('select count(distinct transaction_id) from raw.sales'), 100);
  assert.equal(rows('inventory'), 50);
  assert.equal(rows('campaign_events'), 50);
  const columns = Object.fromEntries(report.tables.map((t) => [t.name, t.columns.map((c) => c.name)]));
  assert.deepEqual(columns.publishers, ['publisher_id', 'publisher_name', 'publisher_type', 'country', 'established_year', 'total_titles', 'active_status', 'created_at']);
  assert.deepEqual(columns.books, ['book_id', 'isbn', 'title', 'author', 'publisher_id', 'genre', 'publication_year', 'page_count', 'price', 'format', 'language', 'created_at']);
  assert.deepEqual(columns.sales, ['transaction_id', 'book_id', 'sale_date', 'quantity', 'unit_price', 'discount_percent', 'total_amount', 'channel', 'customer_type', 'region', 'created_at']);
  assert.deepEqual(columns.inventory, ['inventory_id', 'book_id', 'warehouse_location', 'stock_quantity', 'reorder_point', 'last_restock_date', 'storage_cost_per_unit', 'shelf_life_days', 'created_at']);
  assert.deepEqual(columns.campaign_events, ['campaign_id', 'experiment_id', 'treatment_group', 'impressions', 'clicks', 'spend', 'campaign_date', 'created_at']);
  for (const [table, col, re] of [
    ['publishers', 'publisher_id', 'PUB_[0-9]{6}'],
    ['books', 'book_id', 'BOOK_[0-9]{6}'],
    ['sales', 'transaction_id', 'TXN_[0-9]{8}'],
    ['inventory', 'inventory_id', 'INV_[0-9]{8}'],
    ['campaign_events', 'campaign_id', 'CAMP_[0-9]{6}'],
  ]) assert.equal(await scalar(`select count(*) from raw.${table} where not regexp_full_match(${col}, '${re}')`), 0, `${table}.${col}`);
  const values = async (table: string, col: string) => (await query(`select distinct ${col} as v from raw.${table} where ${col} is not null order by 1`)).map((r) => String(r.v));
  assert.deepEqual(await values('publishers', 'publisher_type'), ['Academic', 'Digital', 'Independent', 'Traditional']);
  assert.deepEqual(await values('publishers', 'active_status'), ['Active', 'Inactive']);
  assert.deepEqual(await values('books', 'genre'), ['Biography', 'Fantasy', 'Fiction', 'Non-Fiction', 'Science']);
  assert.deepEqual(await values('books', 'format'), ['Audiobook', 'Hardcover', 'Paperback', 'eBook']);
  assert.deepEqual(await values('books', 'language'), ['English', 'French', 'German', 'Spanish']);
  assert.deepEqual(await values('sales', 'channel'), ['Direct', 'Online', 'Retail', 'Wholesale']);
  assert.deepEqual(await values('sales', 'customer_type'), ['Business', 'Educational', 'Individual']);
  assert.deepEqual(await values('sales', 'region'), ['Central', 'East', 'North', 'South', 'West']);
  assert.deepEqual(await values('inventory', 'warehouse_location'), ['Warehouse_A', 'Warehouse_B', 'Warehouse_C']);
  assert.deepEqual(await values('campaign_events', 'treatment_group'), ['control', 'treatment']);
  // Optional A/B fields: a campaign outside an experiment has neither.
  assert.ok((await scalar('select count(*) from raw.campaign_events where experiment_id is null')) > 0);
  assert.equal(await scalar('select count(*) from raw.campaign_events where (experiment_id is null) <> (treatment_group is null)'), 0);
});

void test('foreign keys resolve, except the one orphan the generator reports', async () => {
  assert.equal(await scalar('select count(*) from raw.books b where not exists (select 1 from raw.publishers p where p.publisher_id = b.publisher_id)'), 0);
  assert.equal(await scalar('select count(*) from raw.inventory i where not exists (select 1 from raw.books b where b.book_id = i.book_id)'), 0);
  const orphans = await scalar('select count(distinct transaction_id) from raw.sales s where not exists (select 1 from raw.books b where b.book_id = s.book_id)');
  assert.equal(orphans, injected('sales', 'orphan_fks', 'book_id'));
  assert.equal(orphans, 1);
});

void test('build: exit 0; the warn tests warn with exactly the injected counts, everything else passes', () => {
  assert.equal(build.code, 0, build.out + build.err);
  assert.deepEqual(report.defects.map((d) => `${d.table}.${d.column ?? '*'} ${d.type} ${d.count}`).sort(), [
    'books.isbn malformed 3',
    'sales.* duplicate_keys 2',
    'sales.book_id orphan_fks 1',
    'sales.total_amount nulls 2',
  ]);
  const warns: Array<[string, number]> = [
    ['dbt_utils_source_expression_is_true_raw_books_regexp_full_match_isbn', injected('books', 'malformed', 'isbn')],
    ['source_not_null_raw_sales_total_amount', injected('sales', 'nulls', 'total_amount')],
    ['source_unique_raw_sales_transaction_id', injected('sales', 'duplicate_keys')],
    ['relationships_stg_sales_book_id', injected('sales', 'orphan_fks', 'book_id')],
    ['relationships_fact_sales_book_id', injected('sales', 'orphan_fks', 'book_id')],
  ];
  for (const [name, count] of warns) {
    const r = result(name);
    assert.equal(r.status, 'warn', name);
    assert.equal(r.failures, count, name);
  }
  const tests = results.filter((r) => r.unique_id.startsWith('test.'));
  assert.equal(tests.filter((r) => r.status === 'warn').length, warns.length);
  assert.deepEqual(tests.filter((r) => r.status !== 'pass' && r.status !== 'warn').map((r) => r.unique_id), []);
  assert.deepEqual(results.filter((r) => !r.unique_id.startsWith('test.') && r.status !== 'success').map((r) => r.unique_id), []);
  // The documented fact_sales tests are there and pass.
  for (const name of ['unique_fact_sales_transaction_id', 'not_null_fact_sales_book_id', 'not_null_fact_sales_total_amount', 'dbt_utils_accepted_range_fact_sales_total_amount__0']) {
    assert.equal(result(name).status, 'pass', name);
  }
  assert.match(build.out, /Found 12 models/);
});

void test('staging repairs what the defects broke: one row per sale, totals recomputed, malformed ISBNs nulled', async () => {
  assert.equal(await scalar('select count(*) from analytics.fact_sales'), 100);
  assert.equal(await scalar('select count(*) from staging.stg_sales where is_total_imputed'), injected('sales', 'nulls', 'total_amount'));
  assert.equal(await scalar('select count(*) from analytics.dim_books where isbn is null'), injected('books', 'malformed', 'isbn'));
  assert.equal(await scalar("select count(*) from analytics.dim_books where isbn is not null and not regexp_full_match(isbn, '97[89][0-9]{10}')"), 0);
  // A sale is at the book's list price, 60% of it for wholesale.
  assert.equal(await scalar("select count(*) from analytics.fact_sales where list_price is not null and unit_price <> round(list_price * case sales_channel when 'Wholesale' then 0.6 else 1 end, 2)"), 0);
});

void test("the document's indexes on fact_sales, created by post-hooks", async () => {
  const idx = await query("select index_name, is_unique from duckdb_indexes() where table_name = 'fact_sales' order by 1");
  assert.deepEqual(idx.map((r) => `${String(r.index_name)} ${String(r.is_unique)}`), ['fact_sales_book_id false', 'fact_sales_pk true', 'fact_sales_sale_date false']);
});

void test('dim_books: price_category and length_category exactly as documented, boundaries included', async () => {
  const books = await query('select price::double as price, page_count, price_category, length_category from analytics.dim_books');
  assert.equal(books.length, 100);
  const priceBand = (p: number) => (p < 15 ? 'Budget' : p < 30 ? 'Standard' : p < 50 ? 'Premium' : 'Luxury');
  const lengthBand = (n: number) => (n < 150 ? 'Short' : n < 300 ? 'Medium' : n < 500 ? 'Long' : 'Very Long');
  for (const b of books) {
    assert.equal(b.price_category, priceBand(Number(b.price)), `price ${String(b.price)}`);
    assert.equal(b.length_category, lengthBand(Number(b.page_count)), `pages ${String(b.page_count)}`);
  }
  // Every band occurs in the generated catalogue.
  assert.deepEqual([...new Set(books.map((b) => b.price_category))].sort(), ['Budget', 'Luxury', 'Premium', 'Standard']);
  assert.deepEqual([...new Set(books.map((b) => b.length_category))].sort(), ['Long', 'Medium', 'Short', 'Very Long']);
  // The model's own CASE expressions, evaluated at and around each boundary.
  const compiled = readFileSync(join(dir, 'target', 'compiled', 'bookstore', 'models', 'marts', 'dim_books.sql'), 'utf8');
  const priceCase = /(case\s+when b\.price[\s\S]*?end)\s+as price_category/i.exec(compiled)?.[1].replace(/b\./g, '');
  const lengthCase = /(case\s+when b\.page_count[\s\S]*?end)\s+as length_category/i.exec(compiled)?.[1].replace(/b\./g, '');
  assert.ok(priceCase && lengthCase, compiled);
  const edges = await query(
    `select price, page_count, ${priceCase} as pc, ${lengthCase} as lc
     from (values (14.99, 149), (15.00, 150), (29.99, 299), (30.00, 300), (49.99, 499), (50.00, 500)) v(price, page_count) order by price`,
  );
  assert.deepEqual(edges.map((e) => [e.pc, e.lc]), [
    ['Budget', 'Short'], ['Standard', 'Medium'], ['Standard', 'Medium'], ['Premium', 'Long'], ['Premium', 'Long'], ['Luxury', 'Very Long'],
  ]);
});

void test('A/B lift and its confidence interval, recomputed independently from the raw campaigns', async () => {
  // Ratio of sums per arm; Var(R) = (s_xx − 2R·s_xy + R²·s_yy) / (n·ȳ²) over campaigns (delta method).
  const expected = await query(`
    with arms as (
      select experiment_id, treatment_group as arm, count(*) as n, sum(clicks)::double / sum(impressions) as r,
             var_samp(clicks) as sxx, covar_samp(clicks, impressions) as sxy, var_samp(impressions) as syy, avg(impressions) as ybar
      from raw.campaign_events where experiment_id is not null group by all
    ), v as (
      select experiment_id, arm, r, (sxx - 2 * r * sxy + r * r * syy) / (n * ybar * ybar) as var from arms
    )
    select t.experiment_id, t.r / c.r - 1 as lift,
           sqrt(t.var / (t.r * t.r) + c.var / (c.r * c.r)) as se
    from v t join v c on c.experiment_id = t.experiment_id and c.arm = 'control'
    where t.arm = 'treatment' order by 1`);
  const actual = await query('select experiment_id, relative_lift, lift_ci_lower, lift_ci_upper, is_significant from analytics.ab_test_lift_analysis order by 1');
  assert.deepEqual(actual.map((a) => a.experiment_id), ['EXP_001', 'EXP_002']);
  const close = (a: unknown, b: number, what: string) => assert.ok(Math.abs(Number(a) - b) < 1e-9, `${what}: ${String(a)} vs ${b}`);
  expected.forEach((e, i) => {
    const lift = Number(e.lift);
    const se = Number(e.se);
    const ratio = lift + 1;
    close(actual[i].relative_lift, lift, 'lift');
    close(actual[i].lift_ci_lower, ratio * Math.exp(-1.96 * se) - 1, 'ci lower');
    close(actual[i].lift_ci_upper, ratio * Math.exp(1.96 * se) - 1, 'ci upper');
  });
  // The generator gives EXP_001's treatment ~20% more clicks and EXP_002 none: the fixed seed shows it.
  const [e1, e2] = actual;
  assert.ok(Number(e1.relative_lift) > 0.1 && Number(e1.lift_ci_lower) > 0, `EXP_001 ${JSON.stringify(e1)}`);
  assert.equal(e1.is_significant, true);
  assert.ok(Number(e2.lift_ci_lower) < 0 && Number(e2.lift_ci_upper) > 0, `EXP_002 ${JSON.stringify(e2)}`);
  assert.equal(e2.is_significant, false);
});

void test('features: one row per book, a complete book × month grid with backward-looking lags', async () => {
  assert.equal(await scalar('select count(*) from ml_features.book_features'), 100);
  assert.equal(await scalar('select sum(units_sold) from ml_features.book_features'), await scalar('select sum(quantity) from analytics.fact_sales where book_id in (select book_id from analytics.dim_books)'));
  assert.equal(await scalar('select count(*) from ml_features.demand_forecasting_features'), 100 * 12);
  assert.equal(
    await scalar(`select count(*) from ml_features.demand_forecasting_features d
                  join ml_features.demand_forecasting_features p on p.book_id = d.book_id and p.month_start = d.month_start - interval 1 month
                  where d.lag_1m_units <> p.units_sold or p.next_month_units <> d.units_sold`),
    0,
  );
});

void test('erd draws the foreign keys; lineage runs raw → staging → analytics → ml_features', async () => {
  const e = await cli(dir, 'erd');
  assert.equal(e.code, 0, e.out + e.err);
  for (const [parent, child, col] of [
    ['dim_books', 'fact_sales', 'book_id'],
    ['dim_publishers', 'dim_books', 'publisher_id'],
    ['stg_books', 'stg_sales', 'book_id'],
    ['stg_publishers', 'stg_books', 'publisher_id'],
    ['dim_books', 'book_features', 'book_id'],
  ]) assert.match(e.out, new RegExp(`${parent} \\S+ ${child} : "${col}"`), `${parent} → ${child}.${col}`);
  const l = await cli(dir, 'lineage');
  assert.equal(l.code, 0, l.out + l.err);
  assert.match(l.out, /src_raw__sales --> m_stg_sales/);
  assert.match(l.out, /m_fact_sales --> m_demand_forecasting_features/);
  assert.match(l.out, /m_ab_test_summary --> m_ab_test_lift_analysis/);
});
