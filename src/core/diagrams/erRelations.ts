/**
 * Relationships between ER entities, from `relationships` tests and the dataset spec's foreign
 * keys, with crow's-foot cardinalities: the parent side is exactly-one when the key column is
 * never null, the child side at most one when the key column is itself unique.
 */
import { findColumn, type EntityDraft, type ErCardinality, type ErRelationship } from './erModel';
import { tableKey, type KeyFacts } from './keys';

export function relationshipsFrom(drafts: EntityDraft[], facts: KeyFacts): ErRelationship[] {
  const byRef = new Map<string, EntityDraft>();
  const byRelation = new Map<string, EntityDraft>();
  for (const d of drafts) {
    if (d.ref) byRef.set(tableKey(d.ref), d);
    byRelation.set(d.entity.relation.toLowerCase(), d);
  }
  const out: ErRelationship[] = [];
  const seen = new Set<string>();
  const add = (r: ErRelationship) => {
    const key = JSON.stringify([r.parent, r.child, r.childColumns.map((c) => c.toLowerCase())]);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(r);
  };

  for (const fk of facts.foreignKeys) {
    const child = byRef.get(tableKey(fk.owner));
    const parent = byRef.get(tableKey(fk.to));
    if (!child || !parent) continue;
    const t = facts.tables.get(tableKey(fk.owner));
    const col = fk.column.toLowerCase();
    const pk = child.entity.primaryKey.map((c) => c.toLowerCase());
    const unique = t?.unique.has(col) === true || (pk.length === 1 && pk[0] === col);
    add({
      parent: parent.entity.label,
      child: child.entity.label,
      parentColumns: [findColumn(parent.entity, fk.field)?.name ?? fk.field],
      childColumns: [findColumn(child.entity, fk.column)?.name ?? fk.column],
      cardinality: unique ? 'one-to-one' : 'one-to-many',
      optional: !(t?.notNull.has(col) === true || pk.includes(col)),
      origin: 'test',
    });
  }

  for (const child of drafts) {
    const ds = child.dataset;
    if (!ds) continue;
    for (const fk of ds.foreignKeys) {
      const refRelation = fk.refTable.includes('.') ? fk.refTable : `${ds.schema}.${fk.refTable}`;
      const parent = byRelation.get(refRelation.toLowerCase());
      if (!parent) continue;
      add({
        parent: parent.entity.label,
        child: child.entity.label,
        parentColumns: fk.refColumns.map((c) => findColumn(parent.entity, c)?.name ?? c),
        childColumns: fk.columns.map((c) => findColumn(child.entity, c)?.name ?? c),
        cardinality: normalizeCardinality(fk.cardinality),
        optional: fk.nullable === true,
        origin: 'dataset',
      });
    }
  }
  return out;
}

export function normalizeCardinality(c: string | undefined): ErCardinality {
  const s = (c ?? '').toLowerCase().replace(/[\s_]+/g, '-');
  if (/^(one-to-one|1:1|1-1|one-one)$/.test(s)) return 'one-to-one';
  if (/^(many-to-many|n:m|m:n|\*:\*|many-many)$/.test(s)) return 'many-to-many';
  return 'one-to-many';
}
