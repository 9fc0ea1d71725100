/**
 * Which nodes and edges a lineage diagram shows: the whole project, a `--select`ion, or a focus
 * node with upstream/downstream depth — then tests hung off whatever is shown. Rendering lives in
 * lineageRender.ts so the panel can reuse the same picture as JSON.
 */
import { Graph, selectNodes } from '../graph';
import type { Problem } from '../problems';
import type { Manifest, ManifestNode, SourceTable } from '../project/types';
import { compareGroups, groupOf, groupRank, type GroupBy, type LineageSubject } from './groups';
import { compareText, flowGroupId, flowNodeId } from './mermaidText';
import { resolveNodeRef } from './resolve';

export type NodeStatus = 'ok' | 'warn' | 'fail' | 'stale';
export type LineageNodeType = 'source' | 'seed' | 'model' | 'snapshot' | 'test';

export interface LineageOptions {
  /** unique_id, name (`orders`), `source_name.table_name`, or project-relative file path. */
  focus?: string;
  /** Parent levels shown around the focus; undefined = all, 0 = none. */
  upstream?: number;
  /** Child levels shown around the focus; undefined = all, 0 = none. */
  downstream?: number;
  /** dbt selectors (`+2 orders 1+`, `tag:nightly`, `path:models/staging`). Combined with focus as a union. */
  select?: string[];
  /** dbt selectors removed from whatever select and focus brought in (never the focus itself). */
  exclude?: string[];
  showTests?: boolean;
  /** Default `layer`. */
  groupBy?: GroupBy;
  /** Last run/test status per unique_id, shown as node colour. */
  status?: Record<string, NodeStatus>;
  /** The graph of this manifest when the caller already has one (the engine does): saves rebuilding it. */
  graph?: Graph;
}

export interface LineageNode {
  /** Mermaid node id: stable for a unique_id. */
  id: string;
  uniqueId: string;
  label: string;
  type: LineageNodeType;
  /** Models, seeds and snapshots: the materialization (`view`, `table`, `incremental`, `ephemeral`…). */
  materialized?: string;
  /** Group name (subgraph title), absent when not grouping. */
  group?: string;
  /** Absolute path of the file that defines the node (SQL, CSV, or the source's YAML). */
  file?: string;
  status?: NodeStatus;
  focus?: boolean;
}

export interface LineageGroup {
  id: string;
  label: string;
}

export interface Lineage {
  nodes: LineageNode[];
  /** Mermaid ids, parent → child. Edges into a test node are drawn dotted. */
  edges: Array<[string, string]>;
  groups: LineageGroup[];
  /** Selector warnings (a `--select` that matched nothing …). */
  warnings: Problem[];
}

const TYPE_ORDER: Record<LineageNodeType, number> = { source: 0, seed: 1, snapshot: 2, model: 3, test: 4 };

export function buildLineage(manifest: Manifest, opts: LineageOptions = {}): Lineage {
  const graph = opts.graph ?? Graph.fromManifest(manifest);
  const warnings: Problem[] = [];
  const focusId = opts.focus !== undefined ? resolveNodeRef(manifest, opts.focus) : undefined;
  const shown = pickNodes(manifest, graph, opts, focusId, warnings);

  if (opts.showTests) {
    for (const node of Object.values(manifest.nodes)) {
      if (node.resource_type === 'test' && node.depends_on.nodes.some((p) => shown.has(p))) shown.add(node.unique_id);
    }
  }

  const root = manifest.metadata.project_name;
  const groupBy = opts.groupBy ?? 'layer';
  const nodes: LineageNode[] = [];
  for (const uid of shown) {
    const subject = subjectOf(manifest, uid);
    if (!subject) continue;
    const node = describe(subject, root);
    const attached = subject.kind === 'node' && subject.node.resource_type === 'test' ? testTarget(manifest, subject.node, shown) : undefined;
    const group = groupOf(subject, groupBy, attached ? subjectOf(manifest, attached) : undefined);
    if (group !== undefined) node.group = group;
    const status = opts.status?.[uid];
    if (status) node.status = status;
    if (uid === focusId) node.focus = true;
    nodes.push(node);
  }
  const rank = new Map<string, number>();
  const rankOf = (g: string | undefined) => {
    if (g === undefined) return 0;
    let r = rank.get(g);
    if (r === undefined) rank.set(g, (r = groupRank(g)));
    return r;
  };
  nodes.sort(
    (a, b) =>
      rankOf(a.group) - rankOf(b.group) ||
      compareText(a.group ?? '', b.group ?? '') ||
      TYPE_ORDER[a.type] - TYPE_ORDER[b.type] ||
      compareText(a.label, b.label) ||
      compareText(a.uniqueId, b.uniqueId),
  );

  // Ids are unique by construction unless a 24-bit hash collides; should that happen, keep both nodes.
  const used = new Set<string>();
  for (const n of nodes) {
    const base = n.id;
    for (let i = 2; used.has(n.id); i++) n.id = `${base}_${i}`;
    used.add(n.id);
  }

  const byUid = new Map(nodes.map((n) => [n.uniqueId, n]));
  const order = new Map(nodes.map((n, i) => [n.id, i]));
  const edges: Array<[string, string]> = [];
  for (const n of nodes) {
    const deps = manifest.nodes[n.uniqueId]?.depends_on.nodes ?? [];
    for (const p of new Set(deps)) {
      const parent = byUid.get(p);
      if (parent) edges.push([parent.id, n.id]);
    }
  }
  edges.sort((a, b) => (order.get(a[0]) ?? 0) - (order.get(b[0]) ?? 0) || (order.get(a[1]) ?? 0) - (order.get(b[1]) ?? 0));

  const groupNames = [...new Set(nodes.flatMap((n) => (n.group === undefined ? [] : [n.group])))].sort(compareGroups);
  const groups = groupNames.map((label) => ({ id: flowGroupId(label), label }));
  return { nodes, edges, groups, warnings };
}

/** The non-test vertices in view: everything, a selection, and/or a focus neighbourhood. */
function pickNodes(manifest: Manifest, graph: Graph, opts: LineageOptions, focus: string | undefined, warnings: Problem[]): Set<string> {
  const select = (sel: string[]) => {
    const res = selectNodes(manifest, graph, { select: sel, resourceTypes: ['model', 'seed', 'snapshot', 'source'], indirectSelection: 'empty' });
    warnings.push(...res.warnings);
    return res.selected;
  };
  const shown = new Set<string>();
  if (opts.select?.length) for (const id of select(opts.select)) shown.add(id);
  else if (focus === undefined) for (const id of [...Object.keys(manifest.sources), ...Object.keys(manifest.nodes)]) shown.add(id);
  if (focus !== undefined) {
    if (opts.upstream !== 0) for (const id of graph.ancestors(focus, opts.upstream)) shown.add(id);
    if (opts.downstream !== 0) for (const id of graph.descendants(focus, opts.downstream)) shown.add(id);
  }
  // Exclusion narrows whatever the selection and the focus brought in.
  if (opts.exclude?.length) for (const id of select(opts.exclude)) shown.delete(id);
  // Tests come back only through showTests; analyses are not part of the data lineage.
  for (const id of [...shown]) {
    const t = manifest.nodes[id]?.resource_type;
    if (t === 'test' || t === 'analysis') shown.delete(id);
  }
  // The focus itself always shows, whatever it is.
  if (focus !== undefined) shown.add(focus);
  return shown;
}

function subjectOf(manifest: Manifest, uid: string): LineageSubject | undefined {
  const node = manifest.nodes[uid];
  if (node) return { kind: 'node', node };
  const source = manifest.sources[uid];
  return source ? { kind: 'source', source } : undefined;
}

/** The node a test belongs to, for grouping: its attached node when shown, else its first shown parent. */
function testTarget(manifest: Manifest, test: ManifestNode, shown: Set<string>): string | undefined {
  const attached = test.test?.attached_node;
  if (attached && shown.has(attached)) return attached;
  return test.depends_on.nodes.find((p) => shown.has(p) && manifest.nodes[p]?.resource_type !== 'test');
}

function describe(subject: LineageSubject, root: string): LineageNode {
  if (subject.kind === 'source') return describeSource(subject.source, root);
  const n = subject.node;
  const type: LineageNodeType = n.resource_type === 'analysis' ? 'model' : n.resource_type;
  const out: LineageNode = { id: flowNodeId(n.unique_id, root), uniqueId: n.unique_id, label: nodeLabel(n), type, file: n.abs_path };
  if (type !== 'test') out.materialized = n.config.materialized;
  return out;
}

function describeSource(s: SourceTable, root: string): LineageNode {
  return { id: flowNodeId(s.unique_id, root), uniqueId: s.unique_id, label: `${s.source_name}.${s.name}`, type: 'source', file: s.abs_path };
}

function nodeLabel(n: ManifestNode): string {
  if (n.resource_type !== 'test') return n.name;
  const def = n.test?.definition;
  if (!def) return n.name;
  const column = n.test?.column_name ?? def.columnName;
  return column ? `${def.testName}(${column})` : def.testName;
}
