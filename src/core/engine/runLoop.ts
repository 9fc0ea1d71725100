/**
 * Runs selected nodes in DAG order, as dbt does: each node's tests right after it, a failed node
 * skips everything downstream, and a failing error-severity test skips the tested node's
 * downstream (but not its other tests).
 */
import { ProblemError } from '../problems';
import type { ManifestNode } from '../project';
import { isFailure, type NodeResult, type RunResults, type Warehouse } from '../run';
import { targetWritePath, writeCompiledSql, writeRunResults } from './artifacts';
import type { Engine } from './engine';
import { executorKey, problemsOfFailure, type ExecContext } from './executors';

export interface RunEvents {
  onStart?(node: ManifestNode, index: number, total: number): void;
  onResult?(node: ManifestNode, result: NodeResult, index: number, total: number): void;
  signal?: AbortSignal;
}

export async function runNodes(engine: Engine, wh: Warehouse, ids: string[], events: RunEvents, args: Record<string, unknown>): Promise<RunResults> {
  const started = Date.now();
  const manifest = engine.manifest;
  const order = interleaveTests(engine, ids);
  const failed = new Set<string>();
  const testFailedOn = new Set<string>();
  const results: NodeResult[] = [];
  const ctx: ExecContext = { wh, fullRefresh: engine.fullRefresh, compile: (n) => engine.compile(n), renderHook: (n, sql) => engine.compiler.renderHook(n, sql), signal: events.signal };
  const stopCancelling = wh.cancelWith(events.signal);
  try {
    for (let i = 0; i < order.length; i++) {
      const node = manifest.nodes[order[i]];
      const parents = node.depends_on.nodes;
      const blockedBy = parents.find((p) => failed.has(p) || (node.resource_type !== 'test' && testFailedOn.has(p)));
      let result: NodeResult;
      if (events.signal?.aborted) {
        result = skipped(node, 'cancelled');
      } else if (blockedBy) {
        result = skipped(node, `skipped because ${blockedBy} ${failed.has(blockedBy) ? 'failed' : 'has failing tests'}`);
      } else {
        events.onStart?.(node, i, order.length);
        result = await executeOne(engine, ctx, node);
      }
      if (result.status === 'skipped' || (node.resource_type !== 'test' && isFailure(result))) failed.add(node.unique_id);
      if (node.resource_type === 'test' && (result.status === 'fail' || result.status === 'error')) {
        for (const p of parents) testFailedOn.add(p);
      }
      results.push(result);
      events.onResult?.(node, result, i, order.length);
    }
  } finally {
    stopCancelling();
  }
  const runResults: RunResults = {
    metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/run-results/v6.json', generated_at: new Date().toISOString(), invocation_id: manifest.metadata.invocation_id },
    results,
    elapsed_time: (Date.now() - started) / 1000,
    args,
  };
  writeRunResults(engine.project, runResults);
  return runResults;
}

async function executeOne(engine: Engine, ctx: ExecContext, node: ManifestNode): Promise<NodeResult> {
  const t0 = new Date();
  const exec = engine.executors.get(executorKey(node));
  const base = { unique_id: node.unique_id, thread_id: 'Thread-1', relation_name: node.relation_name };
  if (!exec) {
    const message = `No materialization '${node.config.materialized}' for ${node.resource_type} ${node.name}.`;
    return { ...base, status: 'error', timing: [], execution_time: 0, adapter_response: {}, message, failures: null, problems: [{ code: 'unknown-materialization', severity: 'error', file: node.abs_path, line: 1, column: 1, message, hint: 'Use view, table, ephemeral or incremental.' }] };
  }
  try {
    const out = await exec(ctx, node);
    const t1 = new Date();
    if (typeof out.compiled_code === 'string') writeCompiledSql(engine.project, targetWritePath(node), out.compiled_code, 'run');
    return { ...base, timing: [{ name: 'execute', started_at: t0.toISOString(), completed_at: t1.toISOString() }], execution_time: (t1.getTime() - t0.getTime()) / 1000, ...out };
  } catch (e) {
    const t1 = new Date();
    let compiled;
    try {
      compiled = e instanceof ProblemError ? undefined : engine.compiler.compile(node);
    } catch {
      compiled = undefined;
    }
    const problems = e instanceof ProblemError ? e.problems : problemsOfFailure(node, e, compiled);
    return {
      ...base,
      status: 'error',
      timing: [{ name: 'execute', started_at: t0.toISOString(), completed_at: t1.toISOString() }],
      execution_time: (t1.getTime() - t0.getTime()) / 1000,
      adapter_response: {},
      message: problems.map((p) => p.message).join('\n'),
      failures: null,
      problems,
    };
  }
}

function skipped(node: ManifestNode, message: string): NodeResult {
  return { unique_id: node.unique_id, status: 'skipped', timing: [], thread_id: 'Thread-1', execution_time: 0, adapter_response: {}, message, failures: null };
}

/** Non-test nodes in DAG order, each followed by the selected tests whose parents have all run. */
function interleaveTests(engine: Engine, ids: string[]): string[] {
  const nodes = engine.manifest.nodes;
  const selected = new Set(ids);
  const tests = ids.filter((id) => nodes[id]?.resource_type === 'test');
  const others = ids.filter((id) => nodes[id] && nodes[id].resource_type !== 'test');
  if (tests.length === 0) return others;
  const done = new Set<string>();
  const placed = new Set<string>();
  const out: string[] = [];
  const ready = (t: string) => nodes[t].depends_on.nodes.every((p) => done.has(p) || !selected.has(p));
  const placeReadyTests = () => {
    for (const t of tests) {
      if (placed.has(t) || !ready(t)) continue;
      out.push(t);
      placed.add(t);
    }
  };
  placeReadyTests();
  for (const id of others) {
    out.push(id);
    done.add(id);
    placeReadyTests();
  }
  for (const t of tests) if (!placed.has(t)) out.push(t);
  return out;
}
