/**
 * The lineage and ER diagram panels: the server request that builds a view, and the messages
 * between the extension and the panel webview. The panel only ever draws what it is sent; it
 * names nodes by unique_id, never by path, so it cannot make the extension open arbitrary files.
 */
import type { FilePlace } from './model';
import { requestSpec, type Outcome } from './rpc';

export type DiagramPanelKind = 'lineage' | 'er';

/** Last run/test result of a node as the diagram colours it. */
export type DiagramNodeStatus = 'ok' | 'warn' | 'fail' | 'stale';
export const DIAGRAM_NODE_STATUSES: readonly DiagramNodeStatus[] = ['ok', 'warn', 'fail', 'stale'];

export type LineageGroupBy = 'layer' | 'folder' | 'none';

export interface LineageViewOptions {
  /** unique_id drawn as the focus; absent for the project without a focus. */
  focus?: string;
  /** `focused`: the focus and its neighbourhood; `project`: everything (the focus only highlighted). */
  scope: 'focused' | 'project';
  /** Levels shown on each side of the focus; 0 means all. */
  depth: number;
  upstream: boolean;
  downstream: boolean;
  showTests: boolean;
  groupBy: LineageGroupBy;
  /**
   * Group labels drawn as one node each. Absent: the server decides (a big whole-project view
   * starts with every group collapsed); a view always carries the list it drew.
   */
  collapsed?: string[];
}

export const DEFAULT_LINEAGE_OPTIONS: Readonly<LineageViewOptions> = Object.freeze({
  scope: 'project',
  depth: 0,
  upstream: true,
  downstream: true,
  showTests: false,
  groupBy: 'layer',
});

export interface ErViewOptions {
  /** Entity labels to draw; empty means the server's default choice. */
  tables: string[];
  /** Also draw the tables one relationship away from those chosen. */
  related: boolean;
}

export const DEFAULT_ER_OPTIONS: Readonly<ErViewOptions> = Object.freeze({ tables: [], related: true });

export type DiagramNodeType = 'source' | 'seed' | 'model' | 'snapshot' | 'test' | 'group';

export interface DiagramNodeMeta {
  /** Mermaid node id. */
  id: string;
  /** unique_id; for a collapsed group `group:<label>`. */
  uniqueId: string;
  label: string;
  type: DiagramNodeType;
  materialized?: string;
  group?: string;
  /** Whether the node has a file to open on click. */
  openable: boolean;
  status?: DiagramNodeStatus;
  focus?: boolean;
  /** Collapsed group: how many nodes it stands for. */
  members?: number;
}

export interface SearchEntry {
  uniqueId: string;
  label: string;
  type: DiagramNodeType;
}

export interface LineageView {
  kind: 'lineage';
  projectRoot: string;
  projectName: string;
  title: string;
  /** Mermaid `flowchart LR`. */
  text: string;
  nodes: DiagramNodeMeta[];
  /** Mermaid ids, parent → child. */
  edges: Array<[string, string]>;
  groups: Array<{ id: string; label: string; members: number }>;
  /** The options actually drawn (the server fills in focus, scope and collapse). */
  options: LineageViewOptions;
  /** Every source, seed, snapshot and model: what the search box can focus. */
  searchable: SearchEntry[];
  /** Sources, seeds, snapshots and models in the project. */
  projectNodes: number;
  /** Why the view is not what was asked for, selector warnings. */
  notes: string[];
}

export interface ErEntityMeta {
  label: string;
  /** The name Mermaid writes into the entity's element id. */
  token: string;
  kind: 'dataset' | 'source' | 'seed' | 'snapshot' | 'model';
  uniqueId?: string;
  openable: boolean;
  columns: number;
  primaryKey: string[];
}

export interface ErView {
  kind: 'er';
  projectRoot: string;
  projectName: string;
  title: string;
  /** Mermaid `erDiagram`. */
  text: string;
  entities: ErEntityMeta[];
  relationships: Array<{ parent: string; child: string; label: string }>;
  /** Every table the picker offers. */
  tables: Array<{ label: string; kind: ErEntityMeta['kind'] }>;
  options: ErViewOptions;
  notes: string[];
}

export type DiagramView = LineageView | ErView;

export type DiagramViewParams =
  | { kind: 'lineage'; projectRoot: string; focusFile?: string; options?: Partial<LineageViewOptions> }
  | { kind: 'er'; projectRoot: string; focusFile?: string; options?: Partial<ErViewOptions> };

export type DiagramViewOutcome = Outcome<{ view: DiagramView }>;

export const DiagramRequests = {
  view: requestSpec<DiagramViewParams, DiagramViewOutcome>('modelStudio/diagramView'),
  /** Node colours now, for a live update without drawing the diagram again. */
  status: requestSpec<{ projectRoot: string }, Record<string, DiagramNodeStatus>>('modelStudio/diagramStatus'),
  /** unique_id of the node a file defines, for following the active editor. */
  nodeOfFile: requestSpec<{ file: string }, { projectRoot: string; uniqueId: string } | null>('modelStudio/diagramNodeOfFile'),
  /** Where a clicked node is defined (a source: its YAML line). */
  place: requestSpec<{ projectRoot: string; uniqueId: string }, FilePlace | null>('modelStudio/diagramPlace'),
} as const;

export type ExportFormat = 'svg' | 'png' | 'md';

export type ToDiagramWebview =
  | { type: 'loading'; message: string }
  | { type: 'view'; view: DiagramView }
  | { type: 'status'; status: Record<string, DiagramNodeStatus> }
  | { type: 'error'; message: string };

export type FromDiagramWebview =
  | { type: 'ready' }
  | { type: 'lineageOptions'; options: LineageViewOptions }
  | { type: 'erOptions'; options: ErViewOptions }
  | { type: 'open'; uniqueId: string }
  | { type: 'refresh' }
  /** `data`: SVG or Markdown text, or a PNG as base64. */
  | { type: 'export'; format: ExportFormat; data: string; name: string }
  | { type: 'rendered'; ms: number; nodes: number; edges: number }
  | { type: 'renderError'; message: string };

/** What a panel keeps across reloads (webview state), so the serializer can restore it. */
export interface DiagramPanelState {
  kind: DiagramPanelKind;
  projectRoot: string;
  lineage?: LineageViewOptions;
  er?: ErViewOptions;
}

const FROM_TYPES = new Set(['ready', 'lineageOptions', 'erOptions', 'open', 'refresh', 'export', 'rendered', 'renderError']);

/** The shape check the extension applies to anything a webview posts. */
export function isFromDiagramWebview(v: unknown): v is FromDiagramWebview {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Record<string, unknown>;
  if (typeof m.type !== 'string' || !FROM_TYPES.has(m.type)) return false;
  switch (m.type) {
    case 'open':
      return typeof m.uniqueId === 'string';
    case 'export':
      return (m.format === 'svg' || m.format === 'png' || m.format === 'md') && typeof m.data === 'string' && typeof m.name === 'string';
    case 'lineageOptions':
      return parseLineageOptions(m.options) !== undefined;
    case 'erOptions':
      return parseErOptions(m.options) !== undefined;
    case 'rendered':
      return typeof m.ms === 'number';
    case 'renderError':
      return typeof m.message === 'string';
    default:
      return true;
  }
}

/** Options from an untrusted place (webview state after a reload, a message); undefined when not options at all. */
export function parseLineageOptions(v: unknown): LineageViewOptions | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  const d = DEFAULT_LINEAGE_OPTIONS;
  const bool = (x: unknown, f: boolean) => (typeof x === 'boolean' ? x : f);
  const out: LineageViewOptions = {
    scope: o.scope === 'focused' || o.scope === 'project' ? o.scope : d.scope,
    depth: typeof o.depth === 'number' && Number.isInteger(o.depth) && o.depth >= 0 && o.depth <= 100 ? o.depth : d.depth,
    upstream: bool(o.upstream, d.upstream),
    downstream: bool(o.downstream, d.downstream),
    showTests: bool(o.showTests, d.showTests),
    groupBy: o.groupBy === 'layer' || o.groupBy === 'folder' || o.groupBy === 'none' ? o.groupBy : d.groupBy,
  };
  if (Array.isArray(o.collapsed)) out.collapsed = o.collapsed.filter((x): x is string => typeof x === 'string');
  if (typeof o.focus === 'string' && o.focus) out.focus = o.focus;
  return out;
}

export function parseErOptions(v: unknown): ErViewOptions | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  return {
    tables: Array.isArray(o.tables) ? o.tables.filter((x): x is string => typeof x === 'string') : [],
    related: typeof o.related === 'boolean' ? o.related : DEFAULT_ER_OPTIONS.related,
  };
}

export function parseDiagramPanelState(v: unknown): DiagramPanelState | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const s = v as Record<string, unknown>;
  if ((s.kind !== 'lineage' && s.kind !== 'er') || typeof s.projectRoot !== 'string' || !s.projectRoot) return undefined;
  const out: DiagramPanelState = { kind: s.kind, projectRoot: s.projectRoot };
  const lineage = parseLineageOptions(s.lineage);
  const er = parseErOptions(s.er);
  if (lineage) out.lineage = lineage;
  if (er) out.er = er;
  return out;
}
