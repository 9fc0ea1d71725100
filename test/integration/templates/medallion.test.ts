/**
 * The medallion template (seed 002) end to end: init, generate at scale 1 (once for the file),
 * build; then bronze as a 1:1 copy with its ingestion metadata, silver's dedup count and
 * cleaning, the warn counts against the generator's report, the singular test and the
 * accepted_values test, gold against silver, and the Airflow DAG exported from the graph.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import type { GenerateReport } from '../../../src/core/generate';
import { cli, type CliRun } from '../../helpers/cli';
import { TemplateRun, type TestResult } from '../../helpers/templateRun';

const run = new TemplateRun('medallion', 'lake');
const { query, scalar, result } = run;
const injected = (type: string, column?: string): number => run.injected('raw_events', type, column);
let dir = '';
let report: GenerateReport;
let build: CliRun;
let results: TestResult[] = [];

/** The dependency lines of a DAG file (`a >> b`). */
function dependencies(py: string): string[] {
  return py.split('\n').filter((l) => /^\s+\w+ >> \w+$/.test(l)).map((l) => l.trim());
}

function python(): string | undefined {
  return spawnSync('python3', ['--version']).status === 0 ? 'python3' : undefined;
}

before(async () => {
  ({ dir, report, build, results } = await run.setup());
});

void test('generate: raw_events with the five source columns, 50,000 events plus the re-delivered ones', async () => {
  assert.deepEqual(report.tables.map((t) => t.name), ['raw_events']);
  assert.deepEqual(report.tables[0].columns.map((c) => c.name), ['event_id', 'event_timestamp', 'event_type', 'user_id', 'properties']);
  assert.equal(report.tables[0].rows, 50_000 + injected('duplicate_keys'));
  assert.deepEqual(report.defects.map((d) => `${d.column ?? '*'} ${d.type} ${d.count}`).sort(), ['* duplicate_keys 60', 'event_id nulls 15', 'event_timestamp nulls 20']);
  // Messy on purpose: case and spaces in event types, QA traffic, clocks years off.
  assert.ok((await scalar("select count(distinct event_type) from raw.raw_events")) > 4);
  assert.ok((await scalar("select count(*) from raw.raw_events where try_cast(event_timestamp as timestamp) < '2020-01-01' or try_cast(event_timestamp as timestamp) > current_date + interval 1 day")) > 0);
});

void test('build: exit 0; bronze warns with exactly the injected counts; accepted_values and assert_valid_events pass', () => {
  assert.equal(build.code, 0, build.out + build.err);
  const warns: Array<[string, number]> = [
    ['not_null_bronze_events_event_id', injected('nulls', 'event_id')],
    ['not_null_bronze_events_event_timestamp', injected('nulls', 'event_timestamp')],
    ['unique_bronze_events_event_id', injected('duplicate_keys')],
  ];
  for (const [name, count] of warns) {
    const r = result(name);
    assert.equal(r.status, 'warn', name);
    assert.equal(r.failures, count, name);
  }
  const tests = results.filter((r) => r.unique_id.startsWith('test.'));
  assert.equal(tests.filter((r) => r.status === 'warn').length, warns.length);
  assert.deepEqual(tests.filter((r) => r.status !== 'pass' && r.status !== 'warn').map((r) => r.unique_id), []);
  assert.equal(result('assert_valid_events').status, 'pass');
  assert.equal(result('accepted_values_silver_events_event_type__click__view__purchase__signup').status, 'pass');
  assert.deepEqual(results.filter((r) => !r.unique_id.startsWith('test.')).map((r) => `${r.unique_id} ${r.status}`).sort(), [
    'model.medallion.bronze_events success',
    'model.medallion.business_metrics success',
    'model.medallion.daily_user_activity success',
    'model.medallion.silver_events success',
  ]);
});

void test('bronze: a 1:1 copy of raw with _batch_id, _ingested_at and _source_system from vars', async () => {
  assert.equal(await scalar('select count(*) from bronze.bronze_events'), await scalar('select count(*) from raw.raw_events'));
  const cols = (await query("select column_name from information_schema.columns where table_schema = 'bronze' and table_name = 'bronze_events' order by ordinal_position")).map((r) => r.column_name);
  assert.deepEqual(cols, ['event_id', 'event_timestamp', 'event_type', 'user_id', 'properties', '_batch_id', '_ingested_at', '_source_system']);
  assert.equal(await scalar("select count(*) from bronze.bronze_events where _batch_id <> 'manual' or _source_system <> 'events_api' or _ingested_at is null"), 0);
  // Untouched values: the same multiset of rows as raw.
  assert.equal(await scalar('select count(*) from (select event_id, event_timestamp, event_type, user_id, properties from bronze.bronze_events except all select * from raw.raw_events)'), 0);
});

void test('silver: deduplicated (the 60 re-deliveries), typed, trimmed, lower-cased and filtered', async () => {
  const bronzeWithId = await scalar('select count(*) from bronze.bronze_events where event_id is not null');
  const distinctIds = await scalar('select count(distinct event_id) from bronze.bronze_events');
  assert.equal(bronzeWithId - distinctIds, injected('duplicate_keys'));
  // What survives: one row per id whose time reads, is sane and whose type is known.
  const expected = await scalar(`select count(distinct event_id) from bronze.bronze_events
    where try_cast(trim(event_timestamp) as timestamp) between '2020-01-01' and current_date + interval 1 day
      and lower(trim(event_type)) in ('click', 'view', 'purchase', 'signup')`);
  assert.equal(await scalar('select count(*) from silver.silver_events'), expected);
  assert.equal(await scalar('select count(distinct event_id) from silver.silver_events'), expected);
  assert.deepEqual((await query('select distinct event_type from silver.silver_events order by 1')).map((r) => r.event_type), ['click', 'purchase', 'signup', 'view']);
  const types = await query("select data_type from information_schema.columns where table_schema = 'silver' and table_name = 'silver_events' and column_name in ('event_timestamp', 'properties') order by column_name");
  assert.deepEqual(types.map((r) => r.data_type), ['TIMESTAMP', 'JSON']);
  assert.equal(await scalar("select count(*) from silver.silver_events where event_timestamp < '2020-01-01' or event_timestamp > current_date + interval 1 day"), 0);
});

void test('gold: daily_user_activity over the last 30 days and business metrics agree with silver', async () => {
  const last = await scalar("select epoch(max(event_timestamp)::date) from silver.silver_events");
  assert.equal(await scalar('select epoch(max(activity_date)) from gold.daily_user_activity'), last);
  assert.equal(await scalar('select epoch(min(activity_date)) from gold.daily_user_activity'), last - 30 * 86400);
  assert.equal(
    await scalar('select sum(total_events) from gold.daily_user_activity'),
    await scalar("select count(*) from silver.silver_events where event_timestamp >= (select max(event_timestamp)::date from silver.silver_events) - interval 30 day"),
  );
  assert.equal(await scalar('select sum(total_events) from gold.business_metrics'), await scalar('select count(*) from silver.silver_events'));
  assert.equal(await scalar('select sum(purchases) from gold.business_metrics'), await scalar("select count(*) from silver.silver_events where event_type = 'purchase'"));
  assert.equal(await scalar('select count(*) from gold.business_metrics'), 92);
});

void test('a batch id passed with --vars lands on every bronze row', async () => {
  const r = await cli(dir, 'run', '--select', 'bronze_events', '--vars', '{batch_id: "2024-12-31T00:00"}');
  assert.equal(r.code, 0, r.out + r.err);
  assert.equal(await scalar("select count(*) from bronze.bronze_events where _batch_id <> '2024-12-31T00:00'"), 0);
});

void test('export airflow: bronze >> silver >> gold >> run_tests from the graph, as valid Python', async (t) => {
  const r = await cli(dir, 'export', 'airflow');
  assert.equal(r.code, 0, r.out + r.err);
  const file = join(dir, 'target', 'airflow', 'medallion_dag.py');
  assert.ok(existsSync(file));
  const py = readFileSync(file, 'utf8');
  assert.deepEqual(dependencies(py), ['bronze >> silver', 'silver >> gold', 'gold >> run_tests']);
  assert.match(py, /task_id="bronze",\n\s+bash_command=IN_PROJECT \+ "dbt run --select path:models\/bronze --profiles-dir \. --vars '\{\\"batch_id\\": \\"\{\{ run_id \}\}\\"\}'"/);
  assert.match(py, /bash_command=IN_PROJECT \+ "dbt run --select path:models\/gold --profiles-dir \./);
  assert.match(py, /task_id="run_tests",\n\s+bash_command=IN_PROJECT \+ "dbt test --profiles-dir \./);
  assert.match(py, /dag_id="medallion_dbt"/);
  assert.ok(py.includes(`os.environ.get("MEDALLION_PROJECT_DIR", ${JSON.stringify(dir)})`));
  const perModel = await cli(dir, 'export', 'airflow', '--granularity', 'model', '--out', 'target/airflow/per_model.py');
  assert.equal(perModel.code, 0, perModel.out + perModel.err);
  const py2 = readFileSync(join(dir, 'target', 'airflow', 'per_model.py'), 'utf8');
  assert.deepEqual(dependencies(py2), [
    'bronze_events >> silver_events',
    'silver_events >> business_metrics',
    'silver_events >> daily_user_activity',
    'business_metrics >> run_tests',
    'daily_user_activity >> run_tests',
  ]);
  const exe = python();
  if (!exe) {
    t.skip('python3 is not installed: the DAG files were not compiled');
    return;
  }
  for (const f of [file, join(dir, 'target', 'airflow', 'per_model.py')]) {
    const c: { status: number | null; stderr: string } = spawnSync(exe, ['-m', 'py_compile', f], { encoding: 'utf8' });
    assert.equal(c.status, 0, c.stderr);
  }
});

void test('lineage and erd render', async () => {
  const l = await cli(dir, 'lineage');
  assert.equal(l.code, 0, l.out + l.err);
  assert.match(l.out, /src_events__raw_events --> m_bronze_events/);
  assert.match(l.out, /m_bronze_events --> m_silver_events/);
  assert.match(l.out, /m_silver_events --> m_daily_user_activity/);
  const e = await cli(dir, 'erd');
  assert.equal(e.code, 0, e.out + e.err);
  assert.match(e.out, /business_metrics \S+ daily_user_activity : "activity_date"/);
});
