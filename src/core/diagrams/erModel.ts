/**
 * The ER diagram's data: what buildEr produces, erRender draws, and the panel receives as JSON.
 */
import type { TableRef } from './keys';

/** The generator's description of a raw table it creates (`datasetRelations(spec)`). */
export interface DatasetRelation {
  table: string;
  schema: string;
  primaryKey: string[];
  foreignKeys: DatasetForeignKey[];
}

export interface DatasetForeignKey {
  columns: string[];
  /** `table` in the same schema, or `schema.table`. */
  refTable: string;
  refColumns: string[];
  /** `one-to-many` (default), `one-to-one`, `many-to-many`; `1:n`, `1:1`, `n:m` and `_` spellings too. */
  cardinality?: string;
  /** When the generator leaves some keys empty. Default false. */
  nullable?: boolean;
}

export type ErKey = 'PK' | 'FK' | 'UK';
export type ErEntityKind = 'dataset' | 'source' | 'seed' | 'snapshot' | 'model';

export interface ErColumn {
  name: string;
  /** As DuckDB or the YAML states it; empty when unknown. */
  type: string;
  keys: ErKey[];
}

export interface ErEntity {
  /** Display name, unique in the diagram: model/seed/snapshot name, `source.table`, or `schema.table`. */
  label: string;
  kind: ErEntityKind;
  uniqueId?: string;
  /** `schema.table` of the relation in DuckDB. */
  relation: string;
  file?: string;
  columns: ErColumn[];
  primaryKey: string[];
  columnsFrom: 'catalog' | 'yaml' | 'dataset' | 'none';
}

export type ErCardinality = 'one-to-one' | 'one-to-many' | 'many-to-many';

export interface ErRelationship {
  /** Entity labels. The parent holds the referenced key; the child holds the foreign key. */
  parent: string;
  child: string;
  parentColumns: string[];
  childColumns: string[];
  cardinality: ErCardinality;
  /** True when a child row may have no parent (the foreign key column may be null). */
  optional: boolean;
  origin: 'test' | 'dataset';
}

export interface ErModel {
  entities: ErEntity[];
  relationships: ErRelationship[];
}

/** An entity while it is being built: where its keys live and which dataset spec describes it. */
export interface EntityDraft {
  entity: ErEntity;
  ref?: TableRef;
  dataset?: DatasetRelation;
}

export function findColumn(e: ErEntity, name: string): ErColumn | undefined {
  const lower = name.toLowerCase();
  return e.columns.find((c) => c.name.toLowerCase() === lower);
}

