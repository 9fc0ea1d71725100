/** Node colours: last run and tests (worst wins), stale when edited or rebuilt upstream since. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ManifestNode } from '../../../src/core/project';
import type { NodeInfo, RunStatus } from '../../../src/protocol';
import { nodeStatuses } from '../../../src/server/handlers/diagrams';

function info(uniqueId: string, kind: NodeInfo['kind'], status: RunStatus | undefined, finishedAt = 1000, attachedTo?: string): NodeInfo {
  return { uniqueId, name: uniqueId, kind, file: `/p/${uniqueId}.sql`, line: 1, folder: 'models', attachedTo, last: status ? { status, finishedAt, executionSeconds: 0 } : undefined };
}

function manifest(deps: Record<string, string[]>): Record<string, ManifestNode> {
  return Object.fromEntries(Object.entries(deps).map(([id, parents]) => [id, { abs_path: `/p/${id}.sql`, depends_on: { nodes: parents } } as unknown as ManifestNode]));
}

const never = () => 0;

void test('run results and tests: worst wins on the model', () => {
  const nodes = [info('a', 'model', 'success'), info('b', 'model', 'success'), info('t1', 'test', 'warn', 1000, 'b'), info('c', 'model', 'success'), info('t2', 'test', 'fail', 1000, 'c'), info('t3', 'test', 'warn', 1000, 'c'), info('d', 'model', 'error'), info('e', 'model', undefined)];
  const s = nodeStatuses(nodes, manifest({ a: [], b: [], c: [], d: [], e: [] }), never);
  assert.deepEqual(s, { a: 'ok', b: 'warn', t1: 'warn', c: 'fail', t2: 'fail', t3: 'warn', d: 'fail' });
});

void test('stale: skipped, edited after the run, or a parent rebuilt after it', () => {
  const nodes = [info('a', 'model', 'success', 2000), info('b', 'model', 'success', 1000), info('c', 'model', 'success', 3000), info('d', 'model', 'skipped', 3000)];
  const m = manifest({ a: [], b: ['a'], c: [], d: [] });
  const s = nodeStatuses(nodes, m, (file) => (file === '/p/c.sql' ? 3500 : 0));
  assert.deepEqual(s, { a: 'ok', b: 'stale', c: 'stale', d: 'stale' });
});

void test('a test on a model that never ran does not colour it', () => {
  const s = nodeStatuses([info('a', 'model', undefined), info('t', 'test', 'fail', 1000, 'a')], manifest({ a: [] }), never);
  assert.deepEqual(s, { t: 'fail' });
});
