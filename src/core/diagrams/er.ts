/**
 * The entities and relationships of an ER diagram. Columns come from DuckDB's catalog when the
 * database exists, else from schema YAML; keys from data tests and the dataset spec. Rendering
 * lives in erRender.ts.
 */
import { Graph, selectNodes } from '../graph';
import type { Manifest, ManifestNode, SourceTable, TestDefinition } from '../project/types';
import { catalogKey, type Catalog } from './catalog';
import { findColumn, type DatasetRelation, type EntityDraft, type ErColumn, type ErEntityKind, type ErKey, type ErModel } from './erModel';
import { collectTestDefinitions, inferKeys, tableKey, type KeyFacts, type TableKeyFacts, type TableRef } from './keys';
import { relationshipsFrom } from './erRelations';
import { compareText } from './mermaidText';

export interface ErInput {
  manifest: Manifest;
  catalog?: Catalog;
  datasetRelations?: DatasetRelation[];
  /** Schema-YAML tests (`project.testDefinitions`); tests on test nodes are read as well. */
  testDefinitions?: TestDefinition[];
}

export interface ErOptions {
  /** dbt selectors choosing the tables; default every model, seed, snapshot and source. */
  select?: string[];
  exclude?: string[];
  /** The graph of this manifest when the caller already has one: saves rebuilding it. */
  graph?: Graph;
}

const KIND_ORDER: Record<ErEntityKind, number> = { dataset: 0, source: 1, seed: 2, snapshot: 3, model: 4 };

export function buildEr(input: ErInput, opts: ErOptions = {}): ErModel {
  const { manifest } = input;
  const drafts = pickEntities(manifest, opts);
  attachDatasets(drafts, input.datasetRelations ?? [], (opts.select?.length ?? 0) === 0);
  const facts = inferKeys(collectTestDefinitions(manifest, input.testDefinitions));
  for (const d of drafts) fillColumns(d, input.catalog, facts);
  drafts.sort((a, b) => KIND_ORDER[a.entity.kind] - KIND_ORDER[b.entity.kind] || compareText(a.entity.label, b.entity.label));
  const order = new Map(drafts.map((d, i) => [d.entity.label, i]));
  const relationships = relationshipsFrom(drafts, facts).sort(
    (a, b) =>
      (order.get(a.parent) ?? 0) - (order.get(b.parent) ?? 0) ||
      (order.get(a.child) ?? 0) - (order.get(b.child) ?? 0) ||
      compareText(a.childColumns.join(), b.childColumns.join()),
  );
  return { entities: drafts.map((d) => d.entity), relationships };
}

function pickEntities(manifest: Manifest, opts: ErOptions): EntityDraft[] {
  let ids: Iterable<string>;
  if ((opts.select?.length ?? 0) > 0 || (opts.exclude?.length ?? 0) > 0) {
    const g = opts.graph ?? Graph.fromManifest(manifest);
    ids = selectNodes(manifest, g, {
      select: opts.select,
      exclude: opts.exclude,
      resourceTypes: ['model', 'seed', 'snapshot', 'source'],
      indirectSelection: 'empty',
    }).selected;
  } else {
    ids = [...Object.keys(manifest.sources), ...Object.keys(manifest.nodes)];
  }
  const drafts: EntityDraft[] = [];
  const labels = new Set<string>();
  for (const id of ids) {
    const node = manifest.nodes[id];
    const source = manifest.sources[id];
    const draft = node ? nodeDraft(node) : source ? sourceDraft(source) : undefined;
    if (!draft) continue;
    // Two packages may define the same model name; keep both, apart.
    let label = draft.entity.label;
    for (let i = 2; labels.has(label); i++) label = `${draft.entity.label}_${i}`;
    labels.add(label);
    draft.entity.label = label;
    drafts.push(draft);
  }
  return drafts;
}

function nodeDraft(n: ManifestNode): EntityDraft | undefined {
  const kind = n.resource_type;
  // Ephemeral models and tests have no relation in the database; analyses are not tables.
  if ((kind !== 'model' && kind !== 'seed' && kind !== 'snapshot') || n.config.materialized === 'ephemeral') return undefined;
  return {
    entity: { label: n.name, kind, uniqueId: n.unique_id, relation: `${n.schema}.${n.alias || n.name}`, file: n.abs_path, columns: yamlColumns(n.columns), primaryKey: [], columnsFrom: 'none' },
    ref: { kind: 'ref', name: n.name },
  };
}

function sourceDraft(s: SourceTable): EntityDraft {
  return {
    entity: {
      label: `${s.source_name}.${s.name}`,
      kind: 'source',
      uniqueId: s.unique_id,
      relation: `${s.schema}.${s.identifier || s.name}`,
      file: s.abs_path,
      columns: yamlColumns(s.columns),
      primaryKey: [],
      columnsFrom: 'none',
    },
    ref: { kind: 'source', source: s.source_name, table: s.name },
  };
}

function yamlColumns(cols: ManifestNode['columns']): ErColumn[] {
  return Object.values(cols).map((c) => ({ name: c.name, type: c.data_type ?? '', keys: [] }));
}

/**
 * The generator's raw tables are usually declared as sources too: one entity per relation. A
 * table no source declares becomes an entity of its own in the whole-project view.
 */
function attachDatasets(drafts: EntityDraft[], datasets: DatasetRelation[], addUnmatched: boolean): void {
  const byRelation = new Map(drafts.map((d) => [d.entity.relation.toLowerCase(), d]));
  for (const ds of datasets) {
    const relation = `${ds.schema}.${ds.table}`;
    const existing = byRelation.get(relation.toLowerCase());
    if (existing) {
      existing.dataset = ds;
      continue;
    }
    if (!addUnmatched) continue;
    const draft: EntityDraft = {
      entity: { label: relation, kind: 'dataset', relation, columns: [], primaryKey: [], columnsFrom: 'none' },
      dataset: ds,
    };
    drafts.push(draft);
    byRelation.set(relation.toLowerCase(), draft);
  }
}

function fillColumns(d: EntityDraft, catalog: Catalog | undefined, facts: KeyFacts): void {
  const e = d.entity;
  const [schema, ...rest] = e.relation.split('.');
  const fromDb = catalog?.[catalogKey(schema, rest.join('.'))];
  if (fromDb) {
    e.columns = fromDb.map((c) => ({ name: c.name, type: c.type, keys: [] }));
    e.columnsFrom = 'catalog';
  } else if (e.columns.length) {
    e.columnsFrom = 'yaml';
  }
  const t = d.ref ? facts.tables.get(tableKey(d.ref)) : undefined;
  const fkColumns = [
    ...(d.ref ? facts.foreignKeys.filter((f) => tableKey(f.owner) === tableKey(d.ref as TableRef)).map((f) => f.column) : []),
    ...(d.dataset?.foreignKeys.flatMap((f) => f.columns) ?? []),
  ];
  // Keys named by tests or the spec show even when neither the DB nor the YAML lists the column.
  const named = [...(d.dataset?.primaryKey ?? []), ...fkColumns, ...(t ? [...t.unique, ...t.notNull, ...t.combinations.flat()] : [])];
  for (const name of named) {
    if (!findColumn(e, name)) e.columns.push({ name, type: '', keys: [] });
  }
  if (e.columnsFrom === 'none' && e.columns.length) e.columnsFrom = d.dataset ? 'dataset' : 'none';

  e.primaryKey = choosePrimaryKey(d, t).map((c) => findColumn(e, c)?.name ?? c);
  for (const c of e.primaryKey) addKey(findColumn(e, c), 'PK');
  for (const name of t?.unique ?? []) if (!e.primaryKey.some((p) => p.toLowerCase() === name)) addKey(findColumn(e, name), 'UK');
  for (const name of fkColumns) addKey(findColumn(e, name), 'FK');
}

function addKey(col: ErColumn | undefined, key: ErKey): void {
  if (!col || col.keys.includes(key)) return;
  col.keys.push(key);
  const order: ErKey[] = ['PK', 'FK', 'UK'];
  col.keys.sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

/**
 * The spec's key when there is one; else the unique + not_null column (the one that looks like the
 * table's own id when several qualify); else a tested column combination.
 */
function choosePrimaryKey(d: EntityDraft, t: TableKeyFacts | undefined): string[] {
  if (d.dataset?.primaryKey.length) return d.dataset.primaryKey;
  const e = d.entity;
  if (t) {
    const candidates = e.columns.map((c) => c.name).filter((c) => t.unique.has(c.toLowerCase()) && t.notNull.has(c.toLowerCase()));
    if (candidates.length) {
      const stem = e.label.replace(/^.*\./, '').replace(/^(stg|base|int|dim|fct|fact|raw)_/i, '').replace(/s$/i, '').toLowerCase();
      const score = (c: string) => (c.toLowerCase() === 'id' ? 0 : c.toLowerCase() === `${stem}_id` ? 1 : 2);
      return [[...candidates].sort((a, b) => score(a) - score(b))[0]];
    }
    if (t.combinations.length) return t.combinations[0];
  }
  return [];
}
