/**
 * Which subgraph a lineage node belongs to. Projects name their layers by folder
 * (`models/staging/…`, `models/silver/…`) or, in flat projects, by prefix (`stg_`, `fct_`), so
 * the layer comes from the folder path first and the name second.
 */
import type { ManifestNode, SourceTable } from '../project/types';
import { compareText } from './mermaidText';

export type GroupBy = 'layer' | 'folder' | 'none';

/** Folder names read as layers, in the order data flows through them (subgraph order). */
const LAYER_ORDER = [
  'sources', 'seeds', 'snapshots',
  'raw', 'landing', 'bronze', 'base', 'staging', 'stg', 'silver', 'cleansed',
  'intermediate', 'int', 'transform', 'core', 'gold', 'marts', 'mart', 'dimensions', 'facts',
  'ml_features', 'features', 'ml', 'metrics', 'reporting', 'reports', 'analytics', 'presentation', 'exports',
];
const LAYER_RANK = new Map(LAYER_ORDER.map((name, i) => [name, i]));

const PREFIX_LAYERS: Array<[RegExp, string]> = [
  [/^(stg|base)_/, 'staging'],
  [/^int_/, 'intermediate'],
  [/^(fct|fact|dim|mart)_/, 'marts'],
  [/^(feat|features?|ml)_/, 'ml_features'],
  [/^(rpt|report)_/, 'reporting'],
];

export type LineageSubject =
  | { kind: 'node'; node: ManifestNode }
  | { kind: 'source'; source: SourceTable };

/** The folders between the resource folder and the file, e.g. `['marts', 'finance']`. */
export function nodeFolders(node: ManifestNode): string[] {
  const parts = node.path.split('/').filter(Boolean);
  return parts.slice(0, -1);
}

export function layerOf(node: ManifestNode): string {
  const folders = nodeFolders(node);
  for (const f of folders) if (LAYER_RANK.has(f.toLowerCase())) return f;
  for (const [re, layer] of PREFIX_LAYERS) if (re.test(node.name.toLowerCase())) return layer;
  return folders[0] ?? 'models';
}

/** Group name for a node, or `undefined` for no subgraph. Tests join the node they test. */
export function groupOf(subject: LineageSubject, groupBy: GroupBy, attachedTo?: LineageSubject): string | undefined {
  if (groupBy === 'none') return undefined;
  if (subject.kind === 'source') return 'sources';
  const node = subject.node;
  if (node.resource_type === 'test') return attachedTo ? groupOf(attachedTo, groupBy) : 'tests';
  if (node.resource_type === 'seed') return groupBy === 'folder' ? folderName('seeds', node) : 'seeds';
  if (node.resource_type === 'snapshot') return groupBy === 'folder' ? folderName('snapshots', node) : 'snapshots';
  if (node.resource_type === 'analysis') return 'analyses';
  return groupBy === 'folder' ? folderName('models', node) : layerOf(node);
}

function folderName(root: string, node: ManifestNode): string {
  const folders = nodeFolders(node);
  return folders.length ? folders.join('/') : root;
}

/** Where a group sorts among known layers (data-flow order); unknown groups come after them. */
export function groupRank(group: string): number {
  return LAYER_RANK.get(group.split('/')[0].toLowerCase()) ?? LAYER_ORDER.length;
}

/** Known layers first, in data-flow order, then the rest alphabetically. */
export function compareGroups(a: string, b: string): number {
  return groupRank(a) - groupRank(b) || compareText(a, b);
}
