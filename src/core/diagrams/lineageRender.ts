/**
 * A Lineage as Mermaid `flowchart LR` text, and as JSON for `--format json` and the panel.
 * Shape says what a node is (source cylinder, seed parallelogram, snapshot hexagon, test flag,
 * model by materialization); colour says the same, or the last run's status when known.
 */
import type { Lineage, LineageNode } from './lineage';
import { flowLabel } from './mermaidText';

/** Colours readable on light and dark backgrounds: light fills always carry dark text. */
const CLASS_DEFS: Array<[string, string]> = [
  ['source', 'fill:#d1fae5,stroke:#059669,color:#064e3b'],
  ['seed', 'fill:#fef3c7,stroke:#d97706,color:#78350f'],
  ['snapshot', 'fill:#ede9fe,stroke:#7c3aed,color:#3b0764'],
  ['model_table', 'fill:#dbeafe,stroke:#1d4ed8,color:#0f172a'],
  ['model_view', 'fill:#e0f2fe,stroke:#0284c7,color:#0c4a6e'],
  ['model_incremental', 'fill:#c7d2fe,stroke:#4338ca,color:#1e1b4b'],
  ['model_ephemeral', 'fill:#f1f5f9,stroke:#64748b,color:#1e293b,stroke-dasharray:4 3'],
  ['test', 'fill:#f5f5f4,stroke:#a8a29e,color:#44403c'],
  // Status after type, focus last: for a node in several classes the later rule wins.
  ['st_ok', 'fill:#dcfce7,stroke:#16a34a,color:#14532d'],
  ['st_warn', 'fill:#fef9c3,stroke:#ca8a04,color:#713f12'],
  ['st_fail', 'fill:#fee2e2,stroke:#dc2626,color:#7f1d1d'],
  ['st_stale', 'fill:#e5e7eb,stroke:#6b7280,color:#4b5563'],
  ['focus', 'stroke:#db2777,stroke-width:3px'],
];

/** The style class for a node's type and materialization. */
export function typeClass(n: LineageNode): string {
  if (n.type !== 'model') return n.type;
  switch (n.materialized) {
    case 'view':
    case 'ephemeral':
    case 'incremental':
      return `model_${n.materialized}`;
    default:
      return 'model_table';
  }
}

function shape(n: LineageNode): string {
  const label = `"${flowLabel(n.label)}"`;
  switch (typeClass(n)) {
    case 'source':
      return `${n.id}[(${label})]`;
    case 'seed':
      return `${n.id}[/${label}/]`;
    case 'snapshot':
      return `${n.id}{{${label}}}`;
    case 'test':
      return `${n.id}>${label}]`;
    case 'model_view':
      return `${n.id}(${label})`;
    case 'model_incremental':
      return `${n.id}[[${label}]]`;
    case 'model_ephemeral':
      return `${n.id}([${label}])`;
    default:
      return `${n.id}[${label}]`;
  }
}

export function renderLineageMermaid(lineage: Lineage): string {
  const lines = ['flowchart LR'];
  const inGroup = new Map<string, LineageNode[]>();
  for (const n of lineage.nodes) {
    if (n.group === undefined) lines.push(`  ${shape(n)}`);
    else pushTo(inGroup, n.group, n);
  }
  for (const g of lineage.groups) {
    lines.push(`  subgraph ${g.id}["${flowLabel(g.label)}"]`);
    for (const n of inGroup.get(g.label) ?? []) lines.push(`    ${shape(n)}`);
    lines.push('  end');
  }
  const types = new Map(lineage.nodes.map((n) => [n.id, n.type]));
  for (const [from, to] of lineage.edges) lines.push(`  ${from} ${types.get(to) === 'test' ? '-.->' : '-->'} ${to}`);

  const members = new Map<string, string[]>();
  for (const n of lineage.nodes) {
    pushTo(members, typeClass(n), n.id);
    if (n.status) pushTo(members, `st_${n.status}`, n.id);
    if (n.focus) pushTo(members, 'focus', n.id);
  }
  for (const [cls, style] of CLASS_DEFS) if (members.has(cls)) lines.push(`  classDef ${cls} ${style}`);
  for (const [cls] of CLASS_DEFS) {
    const ids = members.get(cls);
    if (ids) lines.push(`  class ${ids.join(',')} ${cls}`);
  }
  return lines.join('\n') + '\n';
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export interface LineageJson {
  kind: 'lineage';
  direction: 'LR';
  groups: Array<{ id: string; label: string }>;
  nodes: Array<LineageNode & { styleClass: string }>;
  /** By unique_id, parent → child, with `test` for edges into a test node. */
  edges: Array<{ from: string; to: string; kind: 'ref' | 'test' }>;
}

export function renderLineageJson(lineage: Lineage): LineageJson {
  const byId = new Map(lineage.nodes.map((n) => [n.id, n]));
  return {
    kind: 'lineage',
    direction: 'LR',
    groups: lineage.groups,
    nodes: lineage.nodes.map((n) => ({ ...n, styleClass: typeClass(n) })),
    edges: lineage.edges.map(([a, b]) => {
      const to = byId.get(b);
      return { from: byId.get(a)?.uniqueId ?? a, to: to?.uniqueId ?? b, kind: to?.type === 'test' ? 'test' : 'ref' };
    }),
  };
}
