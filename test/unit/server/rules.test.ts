/** Pure server rules: what a save does, quick-fix rewrites, test messages, settings parsing, hover tables. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ManifestNode } from '../../../src/core/project';
import type { NodeResult } from '../../../src/core/run';
import { DEFAULT_SETTINGS, logs, parseSettings } from '../../../src/protocol';
import { toCell } from '../../../src/server/cells';
import { fixedCall } from '../../../src/server/quickFix';
import { resultProblems, summarize, testHeadline } from '../../../src/server/results';
import { planSave, type PlanNode } from '../../../src/server/savePlan';
import { failureHoverMarkdown, sampleOf } from '../../../src/server/testFailures';

const nodes: PlanNode[] = [
  { unique_id: 'model.p.stg_orders', name: 'stg_orders', resource_type: 'model', abs_path: '/p/models/stg_orders.sql' },
  { unique_id: 'analysis.p.rev', name: 'rev', resource_type: 'analysis', abs_path: '/p/analyses/rev.sql' },
  { unique_id: 'test.p.unique_stg_orders_order_id', name: 'unique_stg_orders_order_id', resource_type: 'test', abs_path: '/p/models/schema.yml', yamlFile: '/p/models/schema.yml' },
];

void test('what a save does depends on the setting and the file', () => {
  assert.deepEqual(planSave('off', '/p/models/stg_orders.sql', nodes), { kind: 'parse' });
  assert.deepEqual(planSave('compile', '/p/models/stg_orders.sql', nodes), { kind: 'compile', nodeId: 'model.p.stg_orders' });
  assert.deepEqual(planSave('run', '/p/models/stg_orders.sql', nodes), { kind: 'select', label: 'run stg_orders', selectors: ['stg_orders'], nodeId: 'model.p.stg_orders' });
  assert.deepEqual(planSave('build', '/p/models/stg_orders.sql', nodes), { kind: 'select', label: 'build stg_orders+', selectors: ['stg_orders+'], nodeId: 'model.p.stg_orders' });
  assert.deepEqual(planSave('run', '/p/analyses/rev.sql', nodes), { kind: 'compile', nodeId: 'analysis.p.rev' });
  assert.deepEqual(planSave('run', '/p/models/schema.yml', nodes), { kind: 'nodes', label: 'test unique_stg_orders_order_id', ids: ['test.p.unique_stg_orders_order_id'] });
  assert.deepEqual(planSave('compile', '/p/models/schema.yml', nodes), { kind: 'parse' });
  assert.deepEqual(planSave('run', '/p/macros/m.sql', nodes), { kind: 'parse' });
});

void test('"did you mean" rewrites keep quoting and spacing', () => {
  assert.equal(fixedCall('unknown-ref', "ref('stg_ordrs')", 'stg_orders'), "ref('stg_orders')");
  assert.equal(fixedCall('unknown-ref', 'ref( "pkg", "stg_ordrs" )', 'stg_orders'), 'ref( "pkg", "stg_orders" )');
  assert.equal(fixedCall('unknown-source', "source('raw', 'ordrs')", 'raw.orders'), "source('raw', 'orders')");
  assert.equal(fixedCall('unknown-source', 'source("rw", "orders")', 'raw.orders'), 'source("raw", "orders")');
  assert.equal(fixedCall('unknown-ref', 'not a call', 'x'), undefined);
  assert.equal(fixedCall('sql-error', "ref('a')", 'b'), undefined);
});

const testNode = (testName: string, columnName?: string): ManifestNode =>
  ({
    unique_id: `test.p.${testName}`,
    name: `${testName}_orders`,
    resource_type: 'test',
    abs_path: '/p/models/schema.yml',
    original_file_path: 'models/schema.yml',
    path: `${testName}.sql`,
    test: { kind: 'generic', short_name: testName, definition: { testName, args: {}, config: {}, attachedKind: 'model', attachedName: 'orders', columnName, place: { file: '/p/models/schema.yml', line: 9, column: 13 }, yamlPath: 'models/schema.yml' } },
  }) as unknown as ManifestNode;

const result = (status: NodeResult['status'], failures: number | null, problems?: NodeResult['problems']): NodeResult => ({ unique_id: 'x', status, timing: [], thread_id: 't', execution_time: 0.01, adapter_response: {}, message: 'Got 3 results', failures, problems });

void test('a failing test reads "unique(order_id) failed: 3 duplicate values" at its YAML line', () => {
  assert.equal(testHeadline(testNode('unique', 'order_id'), 'fail', 3), 'unique(order_id) failed: 3 duplicate values');
  assert.equal(testHeadline(testNode('not_null', 'id'), 'warn', 1), 'not_null(id) warned: 1 null value');
  assert.equal(testHeadline(testNode('dbt_utils.accepted_range', 'amount'), 'fail', 2), 'dbt_utils.accepted_range(amount) failed: 2 failing rows');
  const [prob] = resultProblems(result('fail', 3), testNode('unique', 'order_id'), '/p/target/run/t.sql');
  assert.equal(prob.line, 9);
  assert.equal(prob.message, 'unique(order_id) failed: 3 duplicate values');
  assert.equal(prob.hint, 'Got 3 results');
  assert.deepEqual(prob.related?.map((r) => r.file), ['/p/target/run/t.sql']);
  assert.deepEqual(resultProblems(result('pass', 0), testNode('unique', 'order_id'), undefined), []);
  const warn = resultProblems(result('warn', 2, [{ code: 'test-warned', severity: 'warning', file: '/p/models/schema.yml', line: 9, column: 13, message: 'Test x warned: Got 2 results.' }]), testNode('unique', 'id'), undefined);
  assert.equal(warn[0].severity, 'warning');
  assert.equal(warn[0].message, 'unique(id) warned: 2 duplicate values');
});

void test('run summaries count like dbt', () => {
  const s = summarize('build', [result('success', null), result('pass', 0), result('warn', 1), result('error', null), result('skipped', null)], 120, 1);
  assert.equal(s.counts, 'PASS=2 WARN=1 ERROR=1 SKIP=1');
  assert.equal(s.ok, false);
});

void test('settings: defaults, coercion and clamping', () => {
  assert.deepEqual(parseSettings({}), DEFAULT_SETTINGS);
  const s = parseSettings({ onSave: 'build', previewRowLimit: '50', threads: -3, logLevel: 'loud', releaseDatabaseAfterSeconds: 'x', databasePath: '  db/x.duckdb ' });
  assert.equal(s.onSave, 'build');
  assert.equal(s.previewRowLimit, 50);
  assert.equal(s.threads, 0);
  assert.equal(s.logLevel, 'info');
  assert.equal(s.releaseDatabaseAfterSeconds, DEFAULT_SETTINGS.releaseDatabaseAfterSeconds);
  assert.equal(s.databasePath, 'db/x.duckdb');
  assert.equal(parseSettings({ onSave: 'sometimes' }).onSave, 'run');
  assert.ok(logs('debug', 'info'));
  assert.ok(!logs('warn', 'info'));
});

void test('failing rows: read from the result, shown as a Markdown table, cells JSON-safe', () => {
  const r = { ...result('fail', 2), sample_rows: [{ unique_field: 1, n_records: 2 }, { unique_field: 'a|b', n_records: null }] };
  const sample = sampleOf(r);
  assert.deepEqual(sample.columns, ['unique_field', 'n_records']);
  const md = failureHoverMarkdown([{ testId: 't', title: 'unique(id) failed: 2 duplicate values', status: 'fail', failures: 2, ...sample, place: { file: '/f', line: 1, column: 1 } }]);
  assert.match(md, /\| unique_field \| n_records \|/);
  assert.match(md, /\| a\\\|b \| NULL \|/);
  assert.equal(toCell(10n), 10);
  assert.equal(toCell(2n ** 70n), '1180591620717411303424');
  assert.equal(toCell(new Date(0)), '1970-01-01T00:00:00.000Z');
  assert.equal(toCell(Number.NaN), 'NaN');
});
