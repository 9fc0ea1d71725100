/** Keys and foreign keys the spec implies, for the ER diagram and the data dictionary. */
import type { DatasetSpec, TableSpec } from './types';
import { KEY_KINDS } from './validate';

export interface DatasetForeignKey {
  columns: string[];
  /** Table in the same schema. */
  refTable: string;
  refColumns: string[];
  /** Parent to child: `one-to-many`, or `one-to-one` when each parent has at most one child. */
  cardinality: 'one-to-many' | 'one-to-one';
  /** True when some rows leave the key empty (a null rate, or a nulls defect on it). */
  nullable: boolean;
}

export interface DatasetRelation {
  table: string;
  schema: string;
  primaryKey: string[];
  foreignKeys: DatasetForeignKey[];
}

/** The primary key: as declared, else the first generated key column. */
export function primaryKeyOf(t: TableSpec): string[] {
  if (t.primaryKey.length) return t.primaryKey;
  const key = t.columns.find((c) => KEY_KINDS.includes(c.gen.kind));
  return key ? [key.name] : [];
}

export function datasetRelations(spec: DatasetSpec): DatasetRelation[] {
  const tables = new Map(spec.tables.map((t) => [t.name, t]));
  return spec.tables.map((t) => {
    const fks: DatasetForeignKey[] = [];
    for (const c of t.columns) {
      const g = c.gen;
      let refTable: string | undefined;
      let refColumn: string | undefined;
      let oneToOne = false;
      if (g.kind === 'ref') {
        refTable = g.table;
        refColumn = g.column;
      } else if (g.kind === 'parent') {
        refTable = g.table || (t.rows.kind === 'per' ? t.rows.parent : undefined);
        const pt = refTable ? tables.get(refTable) : undefined;
        const isKey = pt ? primaryKeyOf(pt).length === 1 && primaryKeyOf(pt)[0] === g.column : false;
        if (!isKey) continue;
        refColumn = g.column;
        oneToOne = t.rows.kind === 'per' && t.rows.max <= 1 && !t.rows.weights;
      }
      if (!refTable || !refColumn) continue;
      const nullable = c.nullRate > 0 || t.defects.some((d) => d.type === 'nulls' && d.column === c.name);
      fks.push({ columns: [c.name], refTable, refColumns: [refColumn], cardinality: oneToOne ? 'one-to-one' : 'one-to-many', nullable });
    }
    return { table: t.name, schema: spec.schema, primaryKey: primaryKeyOf(t), foreignKeys: fks };
  });
}
