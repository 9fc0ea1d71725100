/**
 * Engine run results → what the editor shows: node states for the tree and Test Explorer, and
 * problems with places for the Problems panel (a failing data test at its YAML line).
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { Problem } from '../core/problems';
import type { ManifestNode, Project } from '../core/project';
import type { NodeResult } from '../core/run';
import type { FilePlace, NodeInfo, NodeResultInfo, NodeRunState, RunSummary } from '../protocol';

/** Where a node is defined: a generic test lives on its schema YAML line. */
export function definitionPlace(node: ManifestNode): FilePlace {
  const def = node.test?.definition?.place;
  if (def) return { file: def.file, line: def.line, column: def.column };
  return { file: node.abs_path, line: 1, column: 1 };
}

export function nodeInfo(project: Project, node: ManifestNode, last: NodeRunState | undefined): NodeInfo {
  const place = definitionPlace(node);
  const rel = relative(project.root, node.abs_path).split(sep).join('/');
  const folder = rel.includes('/') ? dirname(rel) : '';
  return {
    uniqueId: node.unique_id,
    name: node.name,
    kind: node.resource_type,
    file: place.file,
    line: place.line,
    folder,
    materialized: node.resource_type === 'test' || node.resource_type === 'analysis' ? undefined : node.config.materialized,
    attachedTo: node.test?.attached_node,
    last,
  };
}

export function runState(r: NodeResult, node: ManifestNode | undefined, finishedAt: number): NodeRunState {
  const first = r.problems?.[0];
  const place = first ? { file: first.file, line: first.line, column: first.column } : node && isFailing(r) ? definitionPlace(node) : undefined;
  return {
    status: r.status,
    message: r.message ?? undefined,
    finishedAt,
    executionSeconds: r.execution_time,
    failures: r.failures ?? undefined,
    place,
  };
}

export function resultInfo(r: NodeResult, node: ManifestNode | undefined, finishedAt: number): NodeResultInfo {
  return { uniqueId: r.unique_id, name: node?.name ?? r.unique_id, kind: node?.resource_type ?? 'model', state: runState(r, node, finishedAt) };
}

function isFailing(r: NodeResult): boolean {
  return r.status === 'error' || r.status === 'fail' || r.status === 'warn';
}

/** Where the engine writes a node's SQL under target/: generic tests as `<yaml path>/<test>.sql`, as dbt does. */
export function targetSqlPath(project: Project, node: ManifestNode, kind: 'run' | 'compiled'): string {
  const rel = node.test?.kind === 'generic' ? join(node.original_file_path, node.path) : node.original_file_path;
  return join(project.root, project.config.targetPath, kind, project.config.name, rel);
}

/** The SQL a test ran, when the engine wrote it, for the diagnostic's related link. */
export function compiledPathOf(project: Project, node: ManifestNode): string | undefined {
  for (const kind of ['run', 'compiled'] as const) {
    const p = targetSqlPath(project, node, kind);
    if (existsSync(p) && statSync(p).isFile()) return p;
  }
  return undefined;
}

/**
 * Problems for one result. The engine usually supplies them; a failing test without any gets one
 * at its YAML line so the failure is never silent. A failing test's message leads with what
 * failed and how often (`unique(order_id) failed: 3 duplicate values`), and links to its SQL.
 */
export function resultProblems(r: NodeResult, node: ManifestNode | undefined, compiledPath: string | undefined): Problem[] {
  if (!node || r.status === 'success' || r.status === 'pass' || r.status === 'skipped') return [];
  let problems = r.problems ?? [];
  if (problems.length === 0) {
    const place = definitionPlace(node);
    problems = [{ code: node.resource_type === 'test' ? `test-${r.status}` : 'run-error', severity: r.status === 'warn' ? 'warning' : 'error', ...place, message: r.message ?? `${node.resource_type} ${node.name} failed` }];
  }
  if (node.resource_type !== 'test') return problems;
  return problems.map((p) => {
    const headline = r.status === 'fail' || r.status === 'warn' ? testHeadline(node, r.status, r.failures ?? 0) : undefined;
    // The sample rows in the engine's hint are shown by hover on the line, as a table.
    const out: Problem = headline ? { ...p, message: headline, hint: p.message } : p;
    if (!compiledPath || p.related?.some((x) => x.file === compiledPath)) return out;
    return { ...out, related: [...(p.related ?? []), { file: compiledPath, line: 1, column: 1, message: `compiled SQL of ${node.name}` }] };
  });
}

const NOUNS: Record<string, [string, string]> = {
  unique: ['duplicate value', 'duplicate values'],
  not_null: ['null value', 'null values'],
  accepted_values: ['value outside the accepted list', 'values outside the accepted list'],
  relationships: ['row without a parent', 'rows without a parent'],
};

/** `unique(order_id) failed: 3 duplicate values`; singular tests: `assert_x failed: 2 failing rows`. */
export function testHeadline(node: ManifestNode, status: 'fail' | 'warn', failures: number): string {
  const def = node.test?.definition;
  const name = def ? `${def.testName}(${def.columnName ?? def.attachedName})` : node.name;
  const [one, many] = NOUNS[def?.testName.replace(/^.*\./, '') ?? ''] ?? ['failing row', 'failing rows'];
  return `${name} ${status === 'fail' ? 'failed' : 'warned'}: ${failures} ${failures === 1 ? one : many}`;
}

export function summarize(what: string, results: NodeResult[], elapsedMs: number, finishedAt: number): RunSummary {
  let pass = 0;
  let warn = 0;
  let error = 0;
  let skip = 0;
  for (const r of results) {
    if (r.status === 'success' || r.status === 'pass') pass++;
    else if (r.status === 'warn') warn++;
    else if (r.status === 'skipped') skip++;
    else error++;
  }
  return { what, ok: error === 0, counts: `PASS=${pass} WARN=${warn} ERROR=${error} SKIP=${skip}`, elapsedMs, finishedAt };
}
