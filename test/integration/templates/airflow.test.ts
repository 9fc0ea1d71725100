/**
 * `model-studio export airflow`: the DAG from the graph on jaffle_shop (seeds, layers, an
 * ephemeral model looked through), per-model tasks, the model-studio runner, --select, usage
 * errors, and the graph rules on small manifests: layer cycles, transitive edges, odd names.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { AirflowExportError, airflowDag } from '../../../src/core/export';
import { copyTemplate } from '../../helpers/tempProject';
import { cli } from '../../helpers/cli';
import { makeManifest, makeNode } from '../../unit/graph/manifest-builder';

function dependencies(py: string): string[] {
  return py.split('\n').filter((l) => /^\s+\w+ >> \w+$/.test(l)).map((l) => l.trim());
}

function command(py: string, taskId: string): string {
  const m = new RegExp(`task_id="${taskId}",\\n\\s+bash_command=IN_PROJECT \\+ "((?:[^"\\\\]|\\\\.)*)"`).exec(py);
  assert.ok(m, `task ${taskId} in\n${py}`);
  return JSON.parse(`"${m[1]}"`) as string;
}

function compiles(file: string): boolean | undefined {
  if (spawnSync('python3', ['--version']).status !== 0) return undefined;
  return spawnSync('python3', ['-m', 'py_compile', file]).status === 0;
}

void test('jaffle_shop by layer: seeds >> staging >> marts >> run_tests, dbt commands, valid Python', async (t) => {
  const dir = copyTemplate('jaffle_shop');
  const r = await cli(dir, 'export', 'airflow');
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /Wrote target\/airflow\/jaffle_shop_dag\.py: DAG jaffle_shop_dbt, 4 tasks\./);
  const py = readFileSync(join(dir, 'target', 'airflow', 'jaffle_shop_dag.py'), 'utf8');
  assert.deepEqual(dependencies(py), ['seeds >> staging', 'staging >> marts', 'marts >> run_tests']);
  assert.equal(command(py, 'seeds'), 'dbt seed --select raw_customers raw_orders raw_payments --profiles-dir .');
  assert.equal(command(py, 'staging'), 'dbt run --select path:models/staging --profiles-dir .');
  assert.equal(command(py, 'marts'), 'dbt run --select path:models/marts --profiles-dir .');
  assert.equal(command(py, 'run_tests'), 'dbt test --profiles-dir .');
  // The ephemeral payments pivot is no task of its own.
  assert.doesNotMatch(py, /order_payments = /);
  assert.match(py, /from airflow\.operators\.bash import BashOperator/);
  assert.match(py, /schedule="@daily",\n\s+start_date=datetime\(2025, 1, 1\),\n\s+catchup=False,/);
  const ok = compiles(join(dir, 'target', 'airflow', 'jaffle_shop_dag.py'));
  if (ok === undefined) t.diagnostic('python3 not installed: py_compile skipped');
  else assert.equal(ok, true);
});

void test('per model, with the model-studio runner: ephemerals looked through, one task per node', async () => {
  const dir = copyTemplate('jaffle_shop');
  const r = await cli(dir, 'export', 'airflow', '--granularity', 'model', '--runner', 'model-studio', '--dag-id', 'shop', '--schedule', '@hourly', '--json');
  assert.equal(r.code, 0, r.out + r.err);
  const doc = JSON.parse(r.out) as { file: string; dagId: string; edges: Array<[string, string]>; tasks: Array<{ taskId: string; command: string }> };
  assert.equal(doc.dagId, 'shop');
  // orders reads stg_payments only through the ephemeral order_payments: the edge goes through it.
  assert.deepEqual(doc.edges.map(([a, b]) => `${a} >> ${b}`), [
    'raw_customers >> stg_customers',
    'stg_customers >> customers',
    'raw_orders >> stg_orders',
    'stg_orders >> customers',
    'stg_orders >> orders',
    'raw_payments >> stg_payments',
    'stg_payments >> customers',
    'stg_payments >> orders',
    'customers >> run_tests',
    'orders >> run_tests',
  ]);
  assert.ok(!doc.tasks.some((t) => t.taskId === 'order_payments'));
  assert.equal(doc.tasks.find((t) => t.taskId === 'stg_orders')?.command, 'model-studio run --project-dir . --select stg_orders');
  assert.equal(doc.tasks.find((t) => t.taskId === 'run_tests')?.command, 'model-studio test --project-dir .');
  const py = readFileSync(doc.file, 'utf8');
  assert.match(py, /schedule="@hourly"/);
  assert.equal(compiles(doc.file) ?? true, true);
});

void test('--select limits the DAG; bad usage exits 2', async () => {
  const dir = copyTemplate('jaffle_shop');
  const r = await cli(dir, 'export', 'airflow', '--select', 'staging.*', '--out', 'staging_dag.py');
  assert.equal(r.code, 0, r.out + r.err);
  assert.deepEqual(dependencies(readFileSync(join(dir, 'staging_dag.py'), 'utf8')), ['staging >> run_tests']);
  assert.equal((await cli(dir, 'export')).code, 2);
  const wrong = await cli(dir, 'export', 'prefect');
  assert.equal(wrong.code, 2);
  assert.match(wrong.err, /export airflow/);
  assert.equal((await cli(dir, 'export', 'airflow', '--granularity', 'table')).code, 2);
  assert.equal((await cli(dir, 'export', 'airflow', '--start-date', 'tomorrow')).code, 2);
});

void test('layers that feed each other are refused with a hint; models are then fine', () => {
  const m = makeManifest([
    makeNode({ name: 'a', path: 'one/a.sql' }),
    makeNode({ name: 'b', path: 'two/b.sql', refs: ['a'] }),
    makeNode({ name: 'c', path: 'one/c.sql', refs: ['b'] }),
  ]);
  assert.throws(() => airflowDag(m, { projectName: 'p', projectDir: '/p' }), (e: unknown) => e instanceof AirflowExportError && /one, two .*cycle.*--granularity model/.test(e.message));
  const d = airflowDag(m, { projectName: 'p', projectDir: '/p', granularity: 'model' });
  assert.deepEqual(d.edges, [['a', 'b'], ['b', 'c'], ['c', 'run_tests']]);
});

void test('transitive edges are dropped, odd names become Python identifiers, batch_id gets the run id', () => {
  const m = makeManifest([
    makeNode({ name: 'raw-orders', resource_type: 'seed' }),
    makeNode({ name: 'class', path: 'bronze/class.sql', deps: ['seed.p.raw-orders'] }),
    makeNode({ name: 's', path: 'silver/s.sql', refs: ['class'] }),
    makeNode({ name: 'g', path: 'gold/g.sql', refs: ['s', 'class'] }),
    makeNode({ name: 'off', path: 'gold/off.sql', refs: ['s'], config: { enabled: false } }),
  ]);
  const layers = airflowDag(m, { projectName: 'p', projectDir: '/p', vars: { batch_id: 'x' } });
  assert.deepEqual(layers.edges.map(([a, b]) => `${a} >> ${b}`), ['seeds >> bronze', 'bronze >> silver', 'silver >> gold', 'gold >> run_tests']);
  assert.match(layers.tasks[1].command, /--vars '\{"batch_id": "\{\{ run_id \}\}"\}'$/);
  const models = airflowDag(m, { projectName: 'p', projectDir: '/p', granularity: 'model' });
  assert.deepEqual(models.tasks.map((t) => t.taskId), ['raw_orders', 'class_task', 's', 'g', 'run_tests']);
  assert.deepEqual(models.edges.map(([a, b]) => `${a} >> ${b}`), ['raw_orders >> class_task', 'class_task >> s', 's >> g', 'g >> run_tests']);
  assert.equal(models.tasks[0].command, 'dbt seed --select raw-orders --profiles-dir .');
  assert.doesNotMatch(models.text, /off/);
  assert.throws(() => airflowDag(makeManifest([]), { projectName: 'p', projectDir: '/p' }), AirflowExportError);
});
