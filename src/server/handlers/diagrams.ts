/**
 * The lineage and ER panels' views: Mermaid text plus what the panel needs to make it
 * interactive (node ids → unique_ids, statuses, groups, the tables a picker offers). Built from
 * the loaded engine without queueing behind a run when possible: a diagram must not wait for a
 * build to finish.
 */
import { existsSync, statSync } from 'node:fs';
import type { Connection } from 'vscode-languageserver';
import { join } from 'node:path';
import { browse } from '../browse';
import { buildEr, buildLineage, readCatalog, renderErMermaid, renderLineageMermaid, type Catalog, type DatasetRelation, type ErModel, type Lineage, type LineageNode } from '../../core/diagrams';
import type { Engine } from '../../core/engine';
import { datasetRelations, loadDatasetSpec } from '../../core/generate';
import type { ManifestNode } from '../../core/project';
import {
  DEFAULT_ER_OPTIONS,
  DEFAULT_LINEAGE_OPTIONS,
  parseErOptions,
  parseLineageOptions,
  DiagramRequests,
  type DiagramNodeMeta,
  type DiagramNodeStatus,
  type DiagramViewOutcome,
  type DiagramViewParams,
  type ErView,
  type ErViewOptions,
  type FilePlace,
  type LineageView,
  type LineageViewOptions,
  type NodeInfo,
  type SearchEntry,
} from '../../protocol';
import { definitionPlace } from '../results';
import { onRequest } from '../rpc';
import type { ProjectSession } from '../session';
import { failure } from '../sessionError';
import type { Workspace } from '../workspace';
import { datasetSpecs } from './generate';
import { nodeOfFile } from './run';

/** Above this many nodes a lineage opens focused (or collapsed): a bigger flowchart is unreadable in a panel. */
export const LINEAGE_FOCUS_THRESHOLD = 150;
/** An ER diagram of more tables than this opens on a few of them; the picker adds the rest. */
export const ER_DEFAULT_MAX = 40;
/**
 * Above this many drawn nodes the layer boxes are left out: Mermaid lays out each subgraph as its
 * own graph, which doubles the time for a few hundred nodes; colours still tell the layers apart.
 */
export const LIGHT_LAYOUT_NODES = 200;
const ER_START_TABLES = 12;

const COLLAPSED_CLASS = 'classDef collapsedGroup fill:#f8fafc,stroke:#475569,color:#0f172a,stroke-width:2px,stroke-dasharray:6 3';

/**
 * ok / warn / fail from each node's last run and its tests (worst wins); `stale` when the file
 * changed after that run or a parent was rebuilt after it, since the colour no longer says
 * anything about the current code.
 */
export function nodeStatuses(nodes: NodeInfo[], manifestNodes: Record<string, ManifestNode>, mtime: (file: string) => number | undefined = fileMtime): Record<string, DiagramNodeStatus> {
  const out: Record<string, DiagramNodeStatus> = {};
  const rank: Record<DiagramNodeStatus, number> = { ok: 0, stale: 1, warn: 2, fail: 3 };
  const worse = (a: DiagramNodeStatus | undefined, b: DiagramNodeStatus) => (a === undefined || rank[b] > rank[a] ? b : a);
  const byId = new Map(nodes.map((n) => [n.uniqueId, n]));
  for (const n of nodes) {
    const last = n.last;
    if (!last) continue;
    const own: DiagramNodeStatus = last.status === 'warn' ? 'warn' : last.status === 'error' || last.status === 'fail' ? 'fail' : last.status === 'skipped' ? 'stale' : 'ok';
    out[n.uniqueId] = worse(out[n.uniqueId], own);
    if (n.kind === 'test' && n.attachedTo && byId.get(n.attachedTo)?.last && (own === 'warn' || own === 'fail')) out[n.attachedTo] = worse(out[n.attachedTo], own);
  }
  for (const n of nodes) {
    const last = n.last;
    if (!last || n.kind === 'test') continue;
    const m = manifestNodes[n.uniqueId];
    const edited = (mtime(m?.abs_path ?? n.file) ?? 0) > last.finishedAt;
    const parentNewer = (m?.depends_on.nodes ?? []).some((p) => (byId.get(p)?.last?.finishedAt ?? 0) > last.finishedAt);
    if (edited || parentNewer) out[n.uniqueId] = 'stale';
  }
  return out;
}

function fileMtime(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

export interface LineageRequest {
  projectRoot: string;
  options?: Partial<LineageViewOptions>;
  /** unique_id of the model in the file the command was run from. */
  focusFromFile?: string;
  status?: Record<string, DiagramNodeStatus>;
}

/** What the lineage panel draws for the request; pure over the engine's manifest and graph. */
export function lineageView(engine: Engine, req: LineageRequest): LineageView {
  const manifest = engine.manifest;
  const asked = req.options ?? {};
  const o: LineageViewOptions = { ...DEFAULT_LINEAGE_OPTIONS, ...(parseLineageOptions(asked) ?? {}) };
  const notes: string[] = [];
  const searchable = searchEntries(engine);
  const projectNodes = searchable.length;
  const exists = (id: string | undefined) => id !== undefined && (manifest.nodes[id] !== undefined || manifest.sources[id] !== undefined);
  const focus = exists(asked.focus) ? asked.focus : exists(req.focusFromFile) ? req.focusFromFile : undefined;
  if (asked.focus && focus !== asked.focus) notes.push(`${asked.focus} is no longer in the project.`);
  if (focus) o.focus = focus;
  else delete o.focus;
  // Show Lineage from a model's file is a question about that model: its neighbourhood, in any
  // project size; Whole project is one toggle away. Without a model, the project.
  if (asked.scope === undefined) o.scope = focus ? 'focused' : 'project';
  if (o.scope === 'focused' && !focus) {
    o.scope = 'project';
    notes.push('Open a model (or search one) to focus the lineage on it.');
  }
  const build = () => {
    const depth = o.depth > 0 ? o.depth : undefined;
    return buildLineage(manifest, {
      graph: engine.graph,
      showTests: o.showTests,
      groupBy: o.groupBy,
      status: req.status,
      ...(o.scope === 'focused' ? { focus, upstream: o.upstream ? depth : 0, downstream: o.downstream ? depth : 0 } : {}),
    });
  };
  let full = build();
  // Opening focused on a hub: fewer levels until the neighbourhood is readable.
  if (o.scope === 'focused' && asked.depth === undefined) {
    for (const d of [3, 2, 1]) {
      if (full.nodes.length <= LINEAGE_FOCUS_THRESHOLD) break;
      o.depth = d;
      full = build();
    }
  }
  if (o.scope === 'project' && focus) for (const n of full.nodes) if (n.uniqueId === focus) n.focus = true;
  notes.push(...full.warnings.map((w) => w.message));

  const members = new Map<string, number>();
  for (const n of full.nodes) if (n.group !== undefined) members.set(n.group, (members.get(n.group) ?? 0) + 1);
  if (asked.collapsed === undefined) {
    // First look at a big project: one node per layer, each expandable, instead of a wall of boxes.
    o.collapsed = full.nodes.length > LINEAGE_FOCUS_THRESHOLD && full.groups.length > 1 ? full.groups.map((g) => g.label) : [];
    if (o.collapsed.length) notes.push(`${full.nodes.length} nodes: layers are collapsed. Click a layer to expand it, or search a model to focus on it.`);
  } else {
    o.collapsed = (o.collapsed ?? []).filter((g) => members.has(g));
  }
  // The focus stays visible: its own group never collapses.
  const focusGroup = full.nodes.find((n) => n.focus)?.group;
  o.collapsed = o.collapsed.filter((g) => g !== focusGroup);
  const lineage = collapseGroups(full, new Set(o.collapsed), members);
  const light = lineage.nodes.length > LIGHT_LAYOUT_NODES && lineage.groups.length > 0;
  if (light) notes.push(`${lineage.nodes.length} nodes: drawn as plain boxes without layer frames to stay fast (colours still show the kind). Turn Layers off and on to collapse the layers again, or focus a model.`);
  let text = renderLineageMermaid(light ? withoutGroups(lineage) : lineage);
  if (light) text = plainShapes(text);
  const collapsedIds = lineage.nodes.filter((n) => n.uniqueId.startsWith('group:')).map((n) => n.id);
  if (collapsedIds.length) text += `  ${COLLAPSED_CLASS}\n  class ${collapsedIds.join(',')} collapsedGroup\n`;

  const focusName = focus ? (searchable.find((s) => s.uniqueId === focus)?.label ?? focus) : undefined;
  const projectName = engine.project.config.name;
  return {
    kind: 'lineage',
    projectRoot: req.projectRoot,
    projectName,
    title: o.scope === 'focused' && focusName ? `Lineage: ${focusName}` : `Lineage: ${projectName}`,
    text,
    nodes: lineage.nodes.map((n) => nodeMeta(n, members)),
    edges: lineage.edges,
    groups: light ? [] : full.groups.map((g) => ({ ...g, members: members.get(g.label) ?? 0 })),
    options: o,
    searchable,
    projectNodes,
    notes,
  };
}

/** Replaces the members of each collapsed group by one node; edges follow, without duplicates or self-loops. */
export function collapseGroups(l: Lineage, collapsed: Set<string>, members: Map<string, number>): Lineage {
  if (!collapsed.size) return l;
  const rep = new Map<string, string>();
  const groupNodes: LineageNode[] = [];
  for (const g of l.groups) {
    if (!collapsed.has(g.label)) continue;
    const id = `c_${g.id}`;
    const n = members.get(g.label) ?? 0;
    groupNodes.push({ id, uniqueId: `group:${g.label}`, label: `${g.label} · ${n} node${n === 1 ? '' : 's'}`, type: 'model', materialized: 'table' });
  }
  const groupId = new Map(l.groups.map((g) => [g.label, `c_${g.id}`]));
  for (const n of l.nodes) if (n.group !== undefined && collapsed.has(n.group)) rep.set(n.id, groupId.get(n.group) ?? n.id);
  const nodes = [...groupNodes, ...l.nodes.filter((n) => !rep.has(n.id))];
  const seen = new Set<string>();
  const edges: Array<[string, string]> = [];
  for (const [a, b] of l.edges) {
    const from = rep.get(a) ?? a;
    const to = rep.get(b) ?? b;
    const key = `${from}\u0000${to}`;
    if (from === to || seen.has(key)) continue;
    seen.add(key);
    edges.push([from, to]);
  }
  return { ...l, nodes, edges, groups: l.groups.filter((g) => !collapsed.has(g.label)) };
}

// A node line as renderLineageMermaid writes it: id, opening bracket(s), the quoted label (which
// holds no raw quote), closing bracket(s).
const NODE_LINE = /^(\s+)([A-Za-z0-9_]+)(\[\(|\[\/|\{\{|>|\(\[|\[\[|\(|\[)("[^"]*")(\)\]|\/\]|\}\}|\]|\]\)|\]\]|\)|\])$/;

/** Every node as a plain box (cylinders and hexagons cost Mermaid more); classes keep the type colours. */
export function plainShapes(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(NODE_LINE, '$1$2[$4]'))
    .join('\n');
}

function withoutGroups(l: Lineage): Lineage {
  return { ...l, groups: [], nodes: l.nodes.map(({ group: _group, ...n }) => n) };
}

function nodeMeta(n: LineageNode, members: Map<string, number>): DiagramNodeMeta {
  const isGroup = n.uniqueId.startsWith('group:');
  const m: DiagramNodeMeta = { id: n.id, uniqueId: n.uniqueId, label: n.label, type: isGroup ? 'group' : n.type, openable: !isGroup && !!n.file };
  if (isGroup) m.members = members.get(n.uniqueId.slice('group:'.length)) ?? 0;
  if (n.materialized && !isGroup) m.materialized = n.materialized;
  if (n.group !== undefined) m.group = n.group;
  if (n.status) m.status = n.status;
  if (n.focus) m.focus = true;
  return m;
}

function searchEntries(engine: Engine): SearchEntry[] {
  const out: SearchEntry[] = Object.values(engine.manifest.sources).map((s) => ({ uniqueId: s.unique_id, label: `${s.source_name}.${s.name}`, type: 'source' }));
  for (const n of Object.values(engine.manifest.nodes)) {
    if (n.resource_type === 'model' || n.resource_type === 'seed' || n.resource_type === 'snapshot') out.push({ uniqueId: n.unique_id, label: n.name, type: n.resource_type });
  }
  return out.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

export interface ErRequest {
  projectRoot: string;
  options?: Partial<ErViewOptions>;
  focusFromFile?: string;
  catalog?: Catalog;
  datasetRelations?: DatasetRelation[];
}

/** The ER panel's view: every table for the picker, and the chosen ones (plus neighbours) drawn. */
export function erView(engine: Engine, req: ErRequest): ErView {
  const o: ErViewOptions = { ...DEFAULT_ER_OPTIONS, ...(parseErOptions(req.options) ?? {}) };
  const full = buildEr({ manifest: engine.manifest, catalog: req.catalog, datasetRelations: req.datasetRelations, testDefinitions: engine.project.testDefinitions }, { graph: engine.graph });
  const notes: string[] = [];
  const labels = new Set(full.entities.map((e) => e.label));
  let chosen = o.tables.filter((t) => labels.has(t));
  if (o.tables.length && chosen.length < o.tables.length) notes.push(`Not in the project any more: ${o.tables.filter((t) => !labels.has(t)).join(', ')}.`);
  if (!chosen.length && full.entities.length > ER_DEFAULT_MAX) {
    const focus = full.entities.find((e) => e.uniqueId !== undefined && e.uniqueId === req.focusFromFile);
    chosen = focus ? [focus.label] : mostConnected(full, ER_START_TABLES);
    notes.push(`${full.entities.length} tables: showing ${focus ? focus.label : `the ${chosen.length} most connected`}${o.related ? ' and related tables' : ''}. Pick tables above.`);
  }
  o.tables = chosen;
  const shown = new Set(chosen.length ? chosen : labels);
  if (chosen.length && o.related) {
    for (const r of full.relationships) {
      if (chosen.includes(r.parent)) shown.add(r.child);
      if (chosen.includes(r.child)) shown.add(r.parent);
    }
  }
  const model: ErModel = {
    entities: full.entities.filter((e) => shown.has(e.label)),
    relationships: full.relationships.filter((r) => shown.has(r.parent) && shown.has(r.child)),
  };
  const projectName = engine.project.config.name;
  return {
    kind: 'er',
    projectRoot: req.projectRoot,
    projectName,
    title: chosen.length === 1 ? `ER: ${chosen[0]}` : `ER: ${projectName}`,
    text: renderErMermaid(model),
    entities: model.entities.map((e) => ({ label: e.label, token: erToken(e.label), kind: e.kind, uniqueId: e.uniqueId, openable: !!e.file, columns: e.columns.length, primaryKey: e.primaryKey })),
    relationships: model.relationships.map((r) => ({ parent: r.parent, child: r.child, label: r.childColumns.join(', ') })),
    tables: full.entities.map((e) => ({ label: e.label, kind: e.kind })),
    options: o,
    notes,
  };
}

function mostConnected(model: ErModel, n: number): string[] {
  const degree = new Map<string, number>();
  for (const r of model.relationships) for (const e of [r.parent, r.child]) degree.set(e, (degree.get(e) ?? 0) + 1);
  return [...model.entities]
    .sort((a, b) => (degree.get(b.label) ?? 0) - (degree.get(a.label) ?? 0))
    .slice(0, n)
    .map((e) => e.label);
}

/** The entity name as Mermaid puts it into element ids: the text inside the quotes when quoting was needed. */
export function erToken(label: string): string {
  return label.replace(/[\r\n\t\v\f\b]+/g, ' ').replace(/["%\\#]/g, '_') || '_';
}

/** Raw tables and keys the project's dataset specs describe; a spec with problems is skipped. */
export function projectDatasetRelations(projectRoot: string): DatasetRelation[] {
  const out: DatasetRelation[] = [];
  for (const rel of datasetSpecs(projectRoot)) {
    const { spec } = loadDatasetSpec(join(projectRoot, rel));
    if (spec) out.push(...datasetRelations(spec));
  }
  return out;
}

function statusesOf(session: ProjectSession, engine: Engine): Record<string, DiagramNodeStatus> {
  return nodeStatuses(session.info().nodes, engine.manifest.nodes);
}

/** The loaded engine at once, or the first load through the queue. */
async function engineOf(session: ProjectSession): Promise<Engine> {
  return session.loadedEngine ?? session.exclusive(() => Promise.resolve(session.current()));
}

export async function handleDiagramView(ws: Workspace, p: DiagramViewParams): Promise<DiagramViewOutcome> {
  const session = ws.session(p.projectRoot) ?? (p.focusFile ? ws.sessionFor(p.focusFile) : undefined);
  if (!session) return { ok: false, kind: 'not-found', message: 'No dbt project is open at this place.' };
  try {
    const engine = await engineOf(session);
    const focusFromFile = p.focusFile ? nodeOfFile(engine, p.focusFile)?.unique_id : undefined;
    if (p.kind === 'lineage') return { ok: true, view: lineageView(engine, { projectRoot: session.root, options: p.options, focusFromFile, status: statusesOf(session, engine) }) };
    let catalog = session.catalog;
    // Only an existing database: opening one would create the file just to draw a diagram.
    if (!catalog && session.trusted && existsSync(engine.project.target.path)) catalog = await session.exclusive(async () => browse(session, session.current(), (wh) => readCatalog(wh))).catch(() => undefined);
    const current = session.loadedEngine ?? engine;
    return { ok: true, view: erView(current, { projectRoot: session.root, options: p.options, focusFromFile, catalog, datasetRelations: projectDatasetRelations(session.root) }) };
  } catch (e) {
    return failure(e, session.root);
  }
}

export function handleDiagramStatus(ws: Workspace, projectRoot: string): Record<string, DiagramNodeStatus> {
  const session = ws.session(projectRoot);
  const engine = session?.loadedEngine;
  return session && engine ? statusesOf(session, engine) : {};
}

export function handleNodeOfFile(ws: Workspace, file: string): { projectRoot: string; uniqueId: string } | null {
  const session = ws.sessionFor(file);
  const node = session?.loadedEngine ? nodeOfFile(session.loadedEngine, file) : undefined;
  if (!session || !node || node.resource_type === 'test' || node.resource_type === 'analysis') return null;
  return { projectRoot: session.root, uniqueId: node.unique_id };
}

export function handlePlace(ws: Workspace, projectRoot: string, uniqueId: string): FilePlace | null {
  const manifest = ws.session(projectRoot)?.loadedEngine?.manifest;
  const node = manifest?.nodes[uniqueId];
  if (node) return definitionPlace(node);
  const source = manifest?.sources[uniqueId];
  return source ? { file: source.place.file || source.abs_path, line: source.place.line || 1, column: source.place.column || 1 } : null;
}

export function registerDiagramRequests(conn: Connection, ws: Workspace): void {
  onRequest(conn, DiagramRequests.place, (p) => handlePlace(ws, p.projectRoot, p.uniqueId));
  onRequest(conn, DiagramRequests.view, (p) => handleDiagramView(ws, p));
  onRequest(conn, DiagramRequests.status, (p) => handleDiagramStatus(ws, p.projectRoot));
  onRequest(conn, DiagramRequests.nodeOfFile, (p) => handleNodeOfFile(ws, p.file));
}
