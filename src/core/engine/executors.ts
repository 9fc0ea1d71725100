/**
 * How each kind of node is executed. Kept as a table so that later capabilities (data tests,
 * snapshots, incremental models) plug in without touching the run loop.
 */
import { placeOfSqlError, type CompiledNode } from '../compile';
import type { Problem } from '../problems';
import { cteHint } from './cteHint';
import type { ManifestNode } from '../project';
import { DuckDBSqlError, loadSeed, materializeIncremental, materializeTable, materializeView, runSnapshot, StatementError, type MaterializeOutcome, type NodeResult, type Warehouse } from '../run';
import { runTest } from '../tests';

export interface ExecContext {
  wh: Warehouse;
  fullRefresh: boolean;
  /** Compiles the node (cached); throws ProblemError on compile errors. */
  compile(node: ManifestNode): CompiledNode;
  /** Renders a pre-/post-hook in the node's context; without it hooks are not run. */
  renderHook?: (node: ManifestNode, sql: string) => string;
  signal?: AbortSignal;
}

export type ExecOutcome = Pick<NodeResult, 'status' | 'message' | 'adapter_response' | 'failures'> & Partial<NodeResult>;

export type NodeExecutor = (ctx: ExecContext, node: ManifestNode) => Promise<ExecOutcome>;

/** Key: resource type, or `model:<materialized>` for models. */
export type ExecutorTable = Map<string, NodeExecutor>;

export function executorKey(node: ManifestNode): string {
  return node.resource_type === 'model' ? `model:${node.config.materialized}` : node.resource_type;
}

const fromOutcome = (o: MaterializeOutcome, compiled?: CompiledNode): ExecOutcome => ({
  status: 'success',
  message: o.message,
  adapter_response: { _message: o.message, code: o.message.split(' ')[0], rows_affected: o.rowsAffected },
  failures: null,
  compiled_code: compiled?.sql,
});

/** Runs the node's pre-hooks, its materialization, then its post-hooks (dbt's order). */
async function withHooks(ctx: ExecContext, node: ManifestNode, run: () => Promise<ExecOutcome>): Promise<ExecOutcome> {
  const runHooks = async (key: 'pre_hook' | 'post_hook') => {
    const render = ctx.renderHook;
    if (!render) return;
    for (const h of node.config[key] ?? []) if (h.trim()) await ctx.wh.run(render(node, h));
  };
  await runHooks('pre_hook');
  const out = await run();
  await runHooks('post_hook');
  return out;
}

export function defaultExecutors(): ExecutorTable {
  const t: ExecutorTable = new Map();
  t.set('model:view', (ctx, node) => {
    const c = ctx.compile(node);
    return withHooks(ctx, node, async () => fromOutcome(await materializeView(ctx.wh, node, c.sql), c));
  });
  t.set('model:table', (ctx, node) => {
    const c = ctx.compile(node);
    return withHooks(ctx, node, async () => fromOutcome(await materializeTable(ctx.wh, node, c.sql), c));
  });
  t.set('model:ephemeral', (ctx, node) => {
    const c = ctx.compile(node);
    return Promise.resolve({ status: 'success', message: 'ephemeral: inlined where used', adapter_response: {}, failures: null, compiled_code: c.sql });
  });
  t.set('seed', async (ctx, node) => fromOutcome(await loadSeed(ctx.wh, node)));
  t.set('model:incremental', (ctx, node) => {
    const c = ctx.compile(node);
    return withHooks(ctx, node, async () => fromOutcome(await materializeIncremental(ctx.wh, node, c.sql, { fullRefresh: ctx.fullRefresh, compiledConfig: c.config }), c));
  });
  t.set('snapshot', (ctx, node) => {
    const c = ctx.compile(node);
    return withHooks(ctx, node, async () => fromOutcome(await runSnapshot(ctx.wh, node, c.sql, { compiledConfig: c.config }), c));
  });
  t.set('test', (ctx, node) => runTest(ctx, node));
  t.set('analysis', (ctx, node) => {
    const c = ctx.compile(node);
    return Promise.resolve({ status: 'success', message: 'compiled', adapter_response: {}, failures: null, compiled_code: c.sql });
  });
  return t;
}

/** Turns a failure while executing a node into problems at the right place in its source. */
export function problemsOfFailure(node: ManifestNode, e: unknown, compiled: CompiledNode | undefined): Problem[] {
  const cause = e instanceof StatementError ? e.cause : e;
  if (cause instanceof DuckDBSqlError) {
    let place = { file: node.abs_path, line: 1, column: 1 };
    if (e instanceof StatementError && compiled) {
      place = placeOfSqlError(cause, { statement: e.statement, bodyOffset: e.bodyOffset, lineMap: compiled.lineMap, file: node.abs_path });
    } else if (node.resource_type === 'seed') {
      const m = /line[: ]+(\d+)/i.exec(cause.detail);
      if (m) place = { file: node.abs_path, line: Number(m[1]), column: 1 };
    }
    return [
      {
        code: 'sql-error',
        severity: 'error',
        ...place,
        message: `${cause.kind} error in ${node.resource_type} ${node.name}: ${cause.detail.split('\n')[0]}`,
        hint: (cause.kind === 'Catalog' && compiled ? cteHint(cause.detail, compiled.sql) : undefined) ?? (cause.detail.includes('\n') ? cause.detail.split('\n').slice(1).join(' ').trim() : undefined),
      },
    ];
  }
  const msg = e instanceof Error ? e.message : String(e);
  return [{ code: 'run-error', severity: 'error', file: node.abs_path, line: 1, column: 1, message: `${node.resource_type} ${node.name} failed: ${msg}` }];
}
