/**
 * What a name written in a model stands for in the manifest, resolved the way dbt resolves it
 * (the root project's macros win over packages'), and the columns each relation has.
 */
import type { DocBlock, MacroDef, Manifest, ManifestNode, SourceTable } from '../project';
import type { JinjaCall } from './jinjaCalls';
import type { Catalog } from './types';

export type RefTarget = ManifestNode & { resource_type: 'model' | 'seed' | 'snapshot' };

const REF_TYPES = new Set(['model', 'seed', 'snapshot']);

export function refTargets(manifest: Manifest): RefTarget[] {
  return Object.values(manifest.nodes).filter((n): n is RefTarget => REF_TYPES.has(n.resource_type));
}

export function findRef(manifest: Manifest, name: string, pkg?: string): RefTarget | undefined {
  return refTargets(manifest).find((n) => n.name === name && (!pkg || n.package_name === pkg));
}

export function findSource(manifest: Manifest, source: string, table: string): SourceTable | undefined {
  return Object.values(manifest.sources).find((s) => s.source_name === source && s.name === table);
}

export function findMacro(manifest: Manifest, dotted: string): MacroDef | undefined {
  const dot = dotted.lastIndexOf('.');
  const pkg = dot >= 0 ? dotted.slice(0, dot) : undefined;
  const name = dot >= 0 ? dotted.slice(dot + 1) : dotted;
  const matches = Object.values(manifest.macros).filter((m) => m.name === name && (!pkg || m.package_name === pkg));
  return matches.find((m) => m.package_name === manifest.metadata.project_name) ?? matches[0];
}

export function findDoc(manifest: Manifest, name: string): DocBlock | undefined {
  return Object.values(manifest.docs).find((d) => d.name === name);
}

/** What a `ref(…)`/`source(…)`/`doc(…)` call names, from its string arguments. */
export type CallTarget =
  | { kind: 'ref'; name: string; pkg?: string }
  | { kind: 'source'; source: string; table?: string }
  | { kind: 'doc'; name: string };

export function callTarget(call: JinjaCall): CallTarget | undefined {
  const positional = call.args.filter((a) => !a.keyword).map((a) => a.string?.value);
  const kw = (k: string) => call.args.find((a) => a.keyword === k)?.string?.value;
  if (call.name === 'ref') {
    // ref('model'), ref('package', 'model'), ref('model', v=2); keyword spellings are dbt's.
    if (positional.length >= 2 && positional[1] !== undefined) return { kind: 'ref', pkg: positional[0], name: positional[1] };
    const name = positional[0] ?? kw('model_name') ?? kw('name');
    return name === undefined ? undefined : { kind: 'ref', name, pkg: kw('package_name') };
  }
  if (call.name === 'source') {
    const source = positional[0] ?? kw('source_name');
    const table = positional[1] ?? kw('table_name');
    return source === undefined ? undefined : { kind: 'source', source, table };
  }
  if (call.name === 'doc') {
    const name = positional[positional.length - 1];
    return name === undefined ? undefined : { kind: 'doc', name };
  }
  return undefined;
}

export interface ColumnFact {
  name: string;
  type?: string;
  description?: string;
}

/**
 * A relation's columns: DuckDB's catalog when it has the relation (what the model really
 * produces), in table order, with YAML descriptions merged in; the YAML columns otherwise.
 */
export function relationColumns(
  target: { relation_name: string | null; schema: string; alias?: string; identifier?: string; name: string; columns: ManifestNode['columns'] },
  catalog: Catalog | undefined,
): { columns: ColumnFact[]; fromCatalog: boolean } {
  const yaml = Object.values(target.columns);
  const described = new Map(yaml.map((c) => [c.name.toLowerCase(), c]));
  const fromDb = catalog ? catalogColumns(catalog, target) : undefined;
  if (fromDb) {
    return {
      fromCatalog: true,
      columns: fromDb.map((c) => ({ name: c.name, type: c.type, description: described.get(c.name.toLowerCase())?.description || undefined })),
    };
  }
  return { fromCatalog: false, columns: yaml.map((c) => ({ name: c.name, type: c.data_type, description: c.description || undefined })) };
}

function catalogColumns(
  catalog: Catalog,
  t: { relation_name: string | null; schema: string; alias?: string; identifier?: string; name: string },
): Catalog[string] | undefined {
  const table = t.alias ?? t.identifier ?? t.name;
  const keys = [`${t.schema}.${table}`];
  if (t.relation_name) keys.push(t.relation_name, t.relation_name.replace(/"/g, ''));
  const lowered = new Map(Object.entries(catalog).map(([k, v]) => [k.toLowerCase(), v]));
  for (const k of keys) {
    const hit = catalog[k] ?? lowered.get(k.toLowerCase());
    if (hit) return hit;
  }
  return undefined;
}
