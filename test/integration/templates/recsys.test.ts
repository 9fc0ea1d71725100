/**
 * The recsys template (seed 001) end to end: init, generate at scale 1 (once for the file),
 * build; then the documented feeds and value sets, funnels in sessions, foreign keys and the
 * injected orphans, warn counts against the generator's report, UTC conversion, the bot
 * heuristic against the generator's own bot sessions, the temporal 70/10/20 split, and the
 * Parquet export's year=/month=/day= folders.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import type { GenerateReport } from '../../../src/core/generate';
import { cli, type CliRun } from '../../helpers/cli';
import { TemplateRun, type TestResult } from '../../helpers/templateRun';

const run = new TemplateRun('recsys', 'recs');
const { query, scalar, rows, injected, result } = run;
let dir = '';
let report: GenerateReport;
let build: CliRun;
let results: TestResult[] = [];

before(async () => {
  ({ dir, report, build, results } = await run.setup());
});

void test('generate: users, products and interactions with the documented columns, ids and value sets', async () => {
  assert.deepEqual(report.tables.map((t) => t.name), ['users', 'products', 'interactions']);
  assert.equal(rows('users'), 1000);
  assert.equal(rows('products'), 200);
  const distinct = await scalar('select count(distinct interaction_id) from raw.interactions');
  assert.equal(rows('interactions'), distinct + injected('interactions', 'duplicate_keys'));
  assert.ok(distinct > 9000 && distinct < 13000, `${distinct} interactions`);
  const columns = Object.fromEntries(report.tables.map((t) => [t.name, t.columns.map((c) => `${c.name} ${c.type}`)]));
  assert.deepEqual(columns.interactions, [
    'interaction_id VARCHAR', 'user_id VARCHAR', 'session_id VARCHAR', 'interaction_type VARCHAR', 'product_id VARCHAR',
    'timestamp VARCHAR', 'rating DOUBLE', 'device_type VARCHAR', 'page_context VARCHAR',
  ]);
  assert.deepEqual(columns.products.map((c) => c.split(' ')[0]), ['product_id', 'name', 'category', 'subcategory', 'brand', 'price', 'description', 'attributes', 'avg_rating', 'num_reviews', 'created_at', 'is_active']);
  assert.ok(columns.products.includes('attributes JSON') && columns.products.includes('is_active BOOLEAN'));
  assert.deepEqual(columns.users, ['user_id VARCHAR', 'age_group VARCHAR', 'gender VARCHAR', 'location VARCHAR', 'join_date TIMESTAMP', 'customer_segment VARCHAR', 'preferences JSON']);
  for (const [table, col, re] of [['users', 'user_id', 'user_[0-9]+'], ['products', 'product_id', 'prod_[0-9]+'], ['interactions', 'interaction_id', 'int_[0-9]+'], ['interactions', 'session_id', 'sess_[0-9a-f]{10}']]) {
    assert.equal(await scalar(`select count(*) from raw.${table} where not regexp_full_match(${col}, '${re}')`), 0, `${table}.${col}`);
  }
  const values = async (table: string, col: string) => (await query(`select distinct ${col} as v from raw.${table} where ${col} is not null order by 1`)).map((r) => String(r.v));
  assert.deepEqual(await values('interactions', 'interaction_type'), ['add_to_cart', 'purchase', 'view']);
  assert.deepEqual(await values('interactions', 'device_type'), ['desktop', 'mobile', 'tablet']);
  assert.deepEqual(await values('interactions', 'page_context'), ['homepage', 'product_page', 'search']);
  assert.deepEqual(await values('users', 'gender'), ['F', 'M', 'Other']);
  assert.deepEqual(await values('users', 'location'), ['Rural', 'Suburban', 'Urban']);
  assert.deepEqual(await values('users', 'customer_segment'), ['high_value', 'new', 'regular']);
  // Nullable rating (1–5) and optional gender; JSON attributes and preferences.
  assert.ok((await scalar('select count(*) from raw.interactions where rating is null')) > 0.8 * distinct);
  assert.equal(await scalar('select count(*) from raw.interactions where rating < 1 or rating > 5'), 0);
  assert.ok((await scalar('select count(*) from raw.users where gender is null')) > 100);
  assert.equal(await scalar("select count(*) from raw.products where json_type(attributes) <> 'OBJECT' or json_type(attributes -> 'wireless') <> 'BOOLEAN'"), 0);
  assert.ok((await scalar('select count(*) from raw.products where not is_active')) > 0);
});

void test('funnels: every purchase follows an add-to-cart of the same product, which follows its view, in one session', async () => {
  const parsed = `(select *, make_timestamp(epoch_us(try_cast(trim(timestamp) as timestamptz))) as ts from raw.interactions)`;
  const purchases = await scalar(`select count(*) from ${parsed} where interaction_type = 'purchase' and ts is not null`);
  assert.ok(purchases > 100, `${purchases} purchases`);
  const orphanPurchases = await scalar(`select count(*) from ${parsed} p where interaction_type = 'purchase' and ts is not null and not exists (
    select 1 from ${parsed} c where c.session_id = p.session_id and c.product_id = p.product_id and c.interaction_type = 'add_to_cart' and c.ts < p.ts)`);
  const orphanCarts = await scalar(`select count(*) from ${parsed} a where interaction_type = 'add_to_cart' and ts is not null and not exists (
    select 1 from ${parsed} v where v.session_id = a.session_id and v.product_id = a.product_id and v.interaction_type = 'view' and v.ts < a.ts)`);
  // Only a malformed timestamp can hide the step before: each hides one at most.
  assert.ok(orphanPurchases + orphanCarts <= injected('interactions', 'malformed', 'timestamp'), `${orphanPurchases} + ${orphanCarts}`);
  assert.ok((await scalar(`select count(*) from (select session_id from raw.interactions group by 1 having count(distinct user_id) > 1)`)) <= injected('interactions', 'orphan_fks', 'user_id'));
});

void test('foreign keys: products always resolve, users except the injected orphans', async () => {
  assert.equal(await scalar('select count(*) from raw.interactions i where not exists (select 1 from raw.products p where p.product_id = i.product_id)'), 0);
  assert.equal(await scalar('select count(*) from raw.interactions i where not exists (select 1 from raw.users u where u.user_id = i.user_id)'), injected('interactions', 'orphan_fks', 'user_id'));
  assert.equal(injected('interactions', 'orphan_fks', 'user_id'), 6);
});

void test('build: exit 0; the warn tests warn with exactly the injected counts, everything else passes', () => {
  assert.equal(build.code, 0, build.out + build.err);
  assert.deepEqual(report.defects.map((d) => `${d.table}.${d.column ?? '*'} ${d.type} ${d.count}`).sort(), [
    'interactions.* duplicate_keys 40',
    'interactions.timestamp malformed 10',
    'interactions.user_id orphan_fks 6',
    'products.price nulls 3',
  ]);
  const warns: Array<[string, number]> = [
    ['source_unique_raw_interactions_interaction_id', injected('interactions', 'duplicate_keys')],
    ['source_relationships_raw_interactions_user_id', injected('interactions', 'orphan_fks', 'user_id')],
    ['dbt_utils_source_expression_is_true_raw_interactions_regexp_full_match_timestamp', injected('interactions', 'malformed', 'timestamp')],
    ['source_not_null_raw_products_price', injected('products', 'nulls', 'price')],
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
  for (const name of ['assert_split_is_temporal', 'assert_no_bot_sessions_left', 'assert_parquet_export_complete']) assert.equal(result(name).status, 'pass', name);
});

void test('validation report: the injected problems as warn, the rest pass', async () => {
  const report2 = await query("select check_name || ' ' || table_name as k, failing_rows from validation.validation_report where status = 'warn' order by 1");
  const byCheck = Object.fromEntries(report2.map((r) => [String(r.k), Number(r.failing_rows)]));
  assert.equal(byCheck['no_duplicate_keys interactions'], injected('interactions', 'duplicate_keys'));
  assert.equal(byCheck['user_exists interactions'], injected('interactions', 'orphan_fks', 'user_id'));
  assert.equal(byCheck['timestamp_is_iso8601 interactions'], injected('interactions', 'malformed', 'timestamp'));
  assert.equal(byCheck['price_present products'], injected('products', 'nulls', 'price'));
  assert.equal(await scalar("select count(*) from validation.val_schema_compliance where status <> 'ok'"), 0);
});

void test('cleaning: deduplicated, UTC from every offset, inactive products and unknown users out, prices imputed', async () => {
  assert.equal(await scalar('select count(*) from cleaned.int_interactions_parsed'), await scalar('select count(distinct interaction_id) from raw.interactions'));
  // UTC: the local wall time minus the written offset.
  assert.equal(
    await scalar(`select count(*) from cleaned.int_interactions_parsed where event_ts is not null and event_ts <>
      strptime(left(trim(timestamp_raw), 19), '%Y-%m-%dT%H:%M:%S')
        - (case when right(trim(timestamp_raw), 1) = 'Z' then interval 0 minute
                else (case when substr(trim(timestamp_raw), 20, 1) = '-' then -1 else 1 end)
                     * (to_minutes(substr(trim(timestamp_raw), 21, 2)::int * 60 + substr(trim(timestamp_raw), 24, 2)::int)) end)`),
    0,
  );
  assert.ok((await scalar("select count(distinct right(timestamp, 6)) from raw.interactions where timestamp like '%+%' or timestamp like '%-__:__'")) >= 5);
  assert.equal(await scalar('select count(*) from cleaned.clean_interactions c join raw.products p using (product_id) where not p.is_active'), 0);
  assert.equal(await scalar('select count(*) from cleaned.clean_interactions c where not exists (select 1 from raw.users u where u.user_id = c.user_id)'), 0);
  assert.equal(await scalar('select count(*) from cleaned.clean_products where price is null'), 0);
  assert.equal(await scalar('select count(*) from cleaned.clean_products where is_price_imputed'), await scalar('select count(*) from raw.products where price is null and is_active'));
});

void test('bot heuristic finds exactly the sessions the generator made bots (with enough events to tell)', async () => {
  // The spec's bot rule: hash(hash(session_id, 79)) % 100 < 3; a bot needs 3 readable events to be told apart.
  const made = await query(`select session_id from cleaned.int_interactions_parsed where event_ts is not null and hash(hash(session_id, 79)) % 100 < 3
                            group by 1 having count(*) >= 3 order by 1`);
  const found = await query('select session_id from cleaned.bot_sessions order by 1');
  assert.ok(made.length > 20, `${made.length} bot sessions`);
  assert.deepEqual(found.map((r) => r.session_id), made.map((r) => r.session_id));
});

void test('temporal split: 70 / 10 / 20 within 1%, and in time order', async () => {
  const shares = Object.fromEntries(
    (await query('select split, count(*) / sum(count(*)) over () as share from training.interaction_split group by 1')).map((r) => [String(r.split), Number(r.share)]),
  );
  assert.ok(Math.abs(shares.train - 0.7) <= 0.01, `train ${shares.train}`);
  assert.ok(Math.abs(shares.validation - 0.1) <= 0.01, `validation ${shares.validation}`);
  assert.ok(Math.abs(shares.test - 0.2) <= 0.01, `test ${shares.test}`);
  const n = await scalar('select count(*) from cleaned.clean_interactions');
  assert.equal(await scalar("select count(*) from training.train_data"), Math.floor(n * 0.7));
  assert.equal(await scalar("select count(*) from training.train_data") + (await scalar("select count(*) from training.validation_data")), Math.floor(n * 0.8));
  assert.ok((await scalar("select max(event_ts) from training.interaction_split where split = 'train'")) <= (await scalar("select min(event_ts) from training.interaction_split where split = 'validation'")));
  assert.ok((await scalar("select max(event_ts) from training.interaction_split where split = 'validation'")) <= (await scalar("select min(event_ts) from training.interaction_split where split = 'test'")));
  // User and item features see the training period only.
  assert.equal(await scalar('select sum(total_interactions) from features.user_features'), Math.floor(n * 0.7));
});

void test('Parquet export: data_lake/training_dataset/year=YYYY/month=MM/day=DD/, every row once', async () => {
  const root = join(dir, 'data_lake', 'training_dataset');
  const folders: string[] = [];
  for (const y of readdirSync(root)) for (const m of readdirSync(join(root, y))) for (const d of readdirSync(join(root, y, m))) folders.push(`${y}/${m}/${d}`);
  assert.ok(folders.every((f) => /^year=\d{4}\/month=\d{2}\/day=\d{2}$/.test(f)), folders.join(', '));
  assert.ok(folders.includes('year=2024/month=01/day=15'));
  const days = await query("select distinct strftime(event_ts, 'year=%Y/month=%m/day=%d') as f from training.training_dataset order by 1");
  assert.deepEqual(folders.sort(), days.map((r) => String(r.f)));
  assert.ok(existsSync(join(root, 'year=2024', 'month=01', 'day=15', 'data_0.parquet')));
  const parquetRows = await scalar(`select count(*) from read_parquet('${root}/*/*/*/*.parquet', hive_partitioning = true)`);
  assert.equal(parquetRows, await scalar('select count(*) from training.training_dataset'));
});

void test('erd draws the foreign keys; lineage runs raw → validation / cleaning → splits → features → training', async () => {
  const e = await cli(dir, 'erd');
  assert.equal(e.code, 0, e.out + e.err);
  for (const [parent, child, col] of [
    ['clean_users', 'clean_interactions', 'user_id'],
    ['clean_products', 'clean_interactions', 'product_id'],
    ['user_features', 'training_dataset', 'user_id'],
    ['item_features', 'training_dataset', 'product_id'],
  ]) assert.match(e.out, new RegExp(`${parent} \\S+ ${child} : "${col}"`), `${parent} → ${child}.${col}`);
  const l = await cli(dir, 'lineage');
  assert.equal(l.code, 0, l.out + l.err);
  assert.match(l.out, /src_raw__interactions --> m_int_interactions_parsed/);
  assert.match(l.out, /m_interaction_split --> m_user_features/);
  assert.match(l.out, /m_training_dataset --> m_test_data/);
});
