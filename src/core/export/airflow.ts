/**
 * An Airflow DAG from the project's graph, for teams that orchestrate dbt with Airflow. Each task
 * is a BashOperator running dbt-core (the project stays a plain dbt-duckdb project, so workers need
 * only dbt) or `model-studio`; the dependencies are the graph's, contracted to layers (the first
 * folder under models/) or kept per model, with one test task after everything.
 */
import type { Manifest, ManifestNode } from '../project';

export type AirflowGranularity = 'layer' | 'model';
export type AirflowRunner = 'dbt' | 'model-studio';

export interface AirflowDagOptions {
  projectName: string;
  /** Absolute project folder: the default of the DAG's `<PROJECT>_PROJECT_DIR` environment variable. */
  projectDir: string;
  granularity?: AirflowGranularity;
  runner?: AirflowRunner;
  dagId?: string;
  schedule?: string;
  owner?: string;
  /** `YYYY-MM-DD`. */
  startDate?: string;
  /** The project's vars: a `batch_id` var is given Airflow's run id on every run. */
  vars?: Record<string, unknown>;
  /** Only these node ids (default: every model, seed and snapshot). */
  only?: string[];
}

export interface AirflowTask {
  taskId: string;
  /** What the task builds: a layer name, or the model's name. */
  label: string;
  kind: 'seed' | 'snapshot' | 'run' | 'test';
  /** Node ids it builds (empty for the test task). */
  nodes: string[];
  /** The dbt selector of those nodes (empty for the test task: it runs every test). */
  select: string;
  command: string;
}

export interface AirflowDag {
  dagId: string;
  tasks: AirflowTask[];
  /** [upstream task id, downstream task id], in topological order of the upstream task. */
  edges: Array<[string, string]>;
  /** The Python file. */
  text: string;
}

export class AirflowExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AirflowExportError';
  }
}

/** Python keywords, and the names the DAG file itself binds: a task variable must shadow neither. */
const PY_KEYWORDS = new Set(
  ('False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda ' +
    'nonlocal not or pass raise return try while with yield dag os shlex datetime timedelta DAG BashOperator').split(' '),
);

/** Seeds, snapshots and non-ephemeral models: the nodes a task can build. */
function buildable(n: ManifestNode): boolean {
  if (!n.config.enabled) return false;
  if (n.resource_type === 'seed' || n.resource_type === 'snapshot') return true;
  return n.resource_type === 'model' && n.config.materialized !== 'ephemeral';
}

export function airflowDag(manifest: Manifest, o: AirflowDagOptions): AirflowDag {
  const granularity = o.granularity ?? 'layer';
  const runner = o.runner ?? 'dbt';
  const only = o.only ? new Set(o.only) : undefined;
  const nodes = Object.values(manifest.nodes).filter((n) => buildable(n) && (!only || only.has(n.unique_id)));
  if (!nodes.length) throw new AirflowExportError('No models, seeds or snapshots to schedule.');
  const kept = new Set(nodes.map((n) => n.unique_id));
  const parents = new Map(nodes.map((n) => [n.unique_id, keptParents(manifest, n.unique_id, kept)]));

  const groupOf = new Map<string, string>();
  for (const n of nodes) groupOf.set(n.unique_id, granularity === 'layer' ? layerOf(n) : n.unique_id);
  const groups = new Map<string, ManifestNode[]>();
  for (const n of nodes) {
    const g = groupOf.get(n.unique_id) as string;
    groups.set(g, [...(groups.get(g) ?? []), n]);
  }
  const groupEdges = new Set<string>();
  for (const n of nodes) {
    for (const p of parents.get(n.unique_id) ?? []) {
      const from = groupOf.get(p) as string;
      const to = groupOf.get(n.unique_id) as string;
      if (from !== to) groupEdges.add(`${from}\u0000${to}`);
    }
  }
  const order = topoOrder([...groups.keys()], groupEdges, granularity);
  const reduced = groups.size <= 500 ? transitiveReduction(order, groupEdges) : groupEdges;

  const ids = new Set<string>();
  const taskOf = new Map<string, AirflowTask>();
  const tasks: AirflowTask[] = [];
  const env = `${o.projectName.toUpperCase().replace(/\W/g, '_')}_PROJECT_DIR`;
  const hasBatchVar = !!o.vars && 'batch_id' in o.vars;
  for (const g of order) {
    const members = (groups.get(g) as ManifestNode[]).sort((a, b) => a.name.localeCompare(b.name));
    const kind = members.every((m) => m.resource_type === 'seed') ? 'seed' : members.every((m) => m.resource_type === 'snapshot') ? 'snapshot' : 'run';
    const label = granularity === 'layer' ? g : members[0].name;
    const select = selectorFor(members, granularity);
    const task: AirflowTask = { taskId: uniqueId(pyName(label), ids), label, kind, nodes: members.map((m) => m.unique_id), select, command: commandFor(runner, kind, select, hasBatchVar) };
    taskOf.set(g, task);
    tasks.push(task);
  }
  const edges: Array<[string, string]> = [];
  for (const g of order) {
    for (const e of [...reduced].filter((x) => x.startsWith(`${g}\u0000`)).sort()) {
      const to = e.split('\u0000')[1];
      edges.push([(taskOf.get(g) as AirflowTask).taskId, (taskOf.get(to) as AirflowTask).taskId]);
    }
  }
  const testTask: AirflowTask = { taskId: uniqueId('run_tests', ids), label: 'tests', kind: 'test', nodes: [], select: '', command: commandFor(runner, 'test', '', hasBatchVar) };
  const hasChild = new Set(edges.map(([from]) => from));
  for (const t of tasks) if (!hasChild.has(t.taskId)) edges.push([t.taskId, testTask.taskId]);
  tasks.push(testTask);

  const dagId = o.dagId ?? `${pyName(o.projectName)}_dbt`;
  return { dagId, tasks, edges, text: renderPython({ ...o, granularity, runner, dagId, env }, tasks, edges) };
}

/** Parents among the kept nodes, looking through ephemeral models and nodes left out. */
function keptParents(manifest: Manifest, id: string, kept: Set<string>): string[] {
  const out = new Set<string>();
  const seen = new Set<string>();
  const stack = [...(manifest.nodes[id]?.depends_on.nodes ?? [])];
  while (stack.length) {
    const p = stack.pop() as string;
    if (seen.has(p)) continue;
    seen.add(p);
    if (kept.has(p)) out.add(p);
    else if (manifest.nodes[p]) stack.push(...manifest.nodes[p].depends_on.nodes);
  }
  return [...out];
}

/** The first folder under the resource path (models/bronze/x.sql → bronze); seeds and snapshots are their own layers. */
export function layerOf(n: ManifestNode): string {
  if (n.resource_type === 'seed') return 'seeds';
  if (n.resource_type === 'snapshot') return 'snapshots';
  const parts = n.path.split('/');
  return parts.length > 1 ? parts[0] : n.original_file_path.split('/')[0] || 'models';
}

function selectorFor(members: ManifestNode[], granularity: AirflowGranularity): string {
  const m = members[0];
  if (granularity === 'layer' && m.resource_type === 'model' && m.path.includes('/')) {
    const dir = m.original_file_path.slice(0, m.original_file_path.length - m.path.length) + m.path.split('/')[0];
    return `path:${dir}`;
  }
  return members.map((x) => x.name).join(' ');
}

function commandFor(runner: AirflowRunner, kind: AirflowTask['kind'], select: string, batchVar: boolean): string {
  const sel = select ? ` --select ${select}` : '';
  // Airflow renders {{ run_id }} in bash_command before running it: each run stamps its own batch.
  const vars = batchVar ? ` --vars '{"batch_id": "{{ run_id }}"}'` : '';
  if (runner === 'dbt') return `dbt ${kind}${sel} --profiles-dir .${vars}`;
  return `model-studio ${kind} --project-dir .${sel}${vars}`;
}

/** Kahn's algorithm, ties by name; a cycle between layers means the layers are not a pipeline. */
function topoOrder(names: string[], edges: Set<string>, granularity: AirflowGranularity): string[] {
  const indeg = new Map(names.map((n) => [n, 0]));
  const out = new Map<string, string[]>(names.map((n) => [n, []]));
  for (const e of edges) {
    const [a, b] = e.split('\u0000');
    (out.get(a) as string[]).push(b);
    indeg.set(b, (indeg.get(b) ?? 0) + 1);
  }
  const ready = names.filter((n) => indeg.get(n) === 0).sort();
  const order: string[] = [];
  while (ready.length) {
    const n = ready.shift() as string;
    order.push(n);
    for (const m of (out.get(n) as string[]).sort()) {
      indeg.set(m, (indeg.get(m) as number) - 1);
      if (indeg.get(m) === 0) {
        ready.push(m);
        ready.sort();
      }
    }
  }
  if (order.length < names.length) {
    const stuck = names.filter((n) => !order.includes(n)).sort();
    throw new AirflowExportError(
      granularity === 'layer'
        ? `The layers ${stuck.join(', ')} depend on each other in a cycle, so they cannot be tasks in order; use --granularity model.`
        : `The models ${stuck.join(', ')} depend on each other in a cycle.`,
    );
  }
  return order;
}

/** Drops an edge a → c when c is also reachable from a through another task. */
function transitiveReduction(order: string[], edges: Set<string>): Set<string> {
  const children = new Map<string, string[]>(order.map((n) => [n, []]));
  for (const e of edges) {
    const [a, b] = e.split('\u0000');
    (children.get(a) as string[]).push(b);
  }
  const reach = (from: string, skipDirect: string): boolean => {
    const stack = (children.get(from) as string[]).filter((c) => c !== skipDirect);
    const seen = new Set<string>();
    while (stack.length) {
      const n = stack.pop() as string;
      if (n === skipDirect) return true;
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push(...(children.get(n) as string[]));
    }
    return false;
  };
  return new Set([...edges].filter((e) => {
    const [a, b] = e.split('\u0000');
    return !reach(a, b);
  }));
}

function pyName(s: string): string {
  let n = s.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(\d)/, '_$1') || 'task';
  if (PY_KEYWORDS.has(n)) n = `${n}_task`;
  return n;
}

function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let k = 2; used.has(id); k++) id = `${base}_${k}`;
  used.add(id);
  return id;
}

/** A Python string literal: JSON's escapes are all valid in Python. */
function py(s: string): string {
  return JSON.stringify(s);
}

function renderPython(o: AirflowDagOptions & { granularity: AirflowGranularity; runner: AirflowRunner; dagId: string; env: string }, tasks: AirflowTask[], edges: Array<[string, string]>): string {
  const [y, m, d] = (o.startDate ?? '2025-01-01').split('-').map(Number);
  const needs = o.runner === 'dbt' ? 'dbt-core and dbt-duckdb' : 'model-studio';
  const lines = [
    `"""Airflow DAG for the dbt project '${o.projectName}', written by \`model-studio export airflow\`.`,
    '',
    `One BashOperator per ${o.granularity}, in the order of the project's graph, then the data tests.`,
    `Workers need ${needs}, and the project folder at ${o.env} (default below).`,
    'Export again after changing the models: the dependencies are copied from the graph.',
    '"""',
    'import os',
    'import shlex',
    'from datetime import datetime, timedelta',
    '',
    'from airflow import DAG',
    'from airflow.operators.bash import BashOperator',
    '',
    `PROJECT_DIR = os.environ.get(${py(o.env)}, ${py(o.projectDir)})`,
    'IN_PROJECT = "cd " + shlex.quote(PROJECT_DIR) + " && "',
    '',
    'default_args = {',
    `    "owner": ${py(o.owner ?? 'airflow')},`,
    '    "depends_on_past": False,',
    '    "retries": 1,',
    '    "retry_delay": timedelta(minutes=5),',
    '}',
    '',
    'with DAG(',
    `    dag_id=${py(o.dagId)},`,
    '    default_args=default_args,',
    `    description=${py(`dbt project ${o.projectName}: ${tasks.map((t) => t.label).join(' >> ')}`)},`,
    `    schedule=${py(o.schedule ?? '@daily')},`,
    `    start_date=datetime(${y}, ${m}, ${d}),`,
    '    catchup=False,',
    `    tags=[${['dbt', 'model-studio', o.projectName].map(py).join(', ')}],`,
    ') as dag:',
  ];
  for (const t of tasks) {
    const what = t.kind === 'test' ? 'every data test' : `${t.nodes.length} node${t.nodes.length === 1 ? '' : 's'}: ${t.nodes.map((id) => id.split('.').pop()).join(', ')}`;
    lines.push(`    # ${what}`.slice(0, 200));
    lines.push(`    ${t.taskId} = BashOperator(`, `        task_id=${py(t.taskId)},`, `        bash_command=IN_PROJECT + ${py(t.command)},`, '    )', '');
  }
  for (const [a, b] of edges) lines.push(`    ${a} >> ${b}`);
  return lines.join('\n') + '\n';
}
