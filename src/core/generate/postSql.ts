/**
 * What happens after every table exists: rows absent from this batch are removed (and, through
 * foreign keys, the rows that point at them), defects are placed by exact count, columns computed
 * from child rows are filled in, and duplicate rows are appended last so that nothing moves them.
 */
import { quoteIdent as q } from '../run/warehouse';
import type { BatchRules } from './changes';
import { keyValue, orphanKey, salt, type GenContext } from './columns';
import { aggregateDependent, columnDeps } from './deps';
import { hashSql } from './random';
import { compressionFor, type Compression, type TableStatement } from './tableSql';
import type { ColumnSpec, DefectSpec, TableSpec } from './types';
import { inferAggregateJoin, KEY_KINDS } from './validate';

export function rel(ctx: GenContext, table: string): string {
  return `${q(ctx.spec.schema)}.${q(table)}`;
}

/** Deletes the rows of a table that batch B does not have (held back, or deleted by then). */
export function ownAbsenceSql(ctx: GenContext, t: TableSpec, rules: BatchRules): string | undefined {
  if (!rules.hasAbsentRows) return undefined;
  return `DELETE FROM ${rel(ctx, t.name)} WHERE NOT ${rules.present('rowid')}`;
}

/** A foreign key of `t`: its column, and the target table and key column. */
export interface ForeignKey {
  column: ColumnSpec;
  table: string;
  targetColumn: string;
}

export function foreignKeys(ctx: GenContext, t: TableSpec): ForeignKey[] {
  const out: ForeignKey[] = [];
  for (const c of t.columns) {
    const g = c.gen;
    if (g.kind === 'ref') out.push({ column: c, table: g.table, targetColumn: g.column });
    if (g.kind === 'parent') {
      const table = g.table || (t.rows.kind === 'per' ? t.rows.parent : '');
      const pt = ctx.tables.get(table);
      const pc = pt?.columns.find((x) => x.name === g.column);
      if (pt && pc && (KEY_KINDS.includes(pc.gen.kind) || (pt.primaryKey.length === 1 && pt.primaryKey[0] === pc.name))) {
        out.push({ column: c, table, targetColumn: g.column });
      }
    }
  }
  return out;
}

/** Removes rows whose reference points at a row that this batch lacks, so every FK resolves. */
export function cascadeSql(ctx: GenContext, t: TableSpec, fk: ForeignKey): string {
  const col = q(fk.column.name);
  return `DELETE FROM ${rel(ctx, t.name)} WHERE ${col} IS NOT NULL AND ${col} NOT IN (SELECT ${q(fk.targetColumn)} FROM ${rel(ctx, fk.table)} WHERE ${q(fk.targetColumn)} IS NOT NULL)`;
}

/** Exact rows for each defect: one hash order per column, and each defect takes the next slice of it. */
export function defectStatements(ctx: GenContext, t: TableSpec, rowCount: number): Array<{ defect: DefectSpec; sql: string; planned: number }> {
  const out: Array<{ defect: DefectSpec; sql: string; planned: number }> = [];
  const offsets = new Map<string, number>();
  for (const d of t.defects) {
    if (d.type === 'duplicate_keys' || !d.column) continue;
    const c = t.columns.find((x) => x.name === d.column) as ColumnSpec;
    const want = Math.min(d.count ?? Math.round((d.rate ?? 0) * rowCount), rowCount);
    const offset = offsets.get(c.name) ?? 0;
    const planned = Math.max(0, Math.min(want, rowCount - offset));
    offsets.set(c.name, offset + planned);
    if (planned === 0) {
      out.push({ defect: d, sql: '', planned: 0 });
      continue;
    }
    const order = salt(ctx, t, c, '#defect-order');
    const pick = `SELECT rowid FROM ${rel(ctx, t.name)} ORDER BY ${hashSql('rowid', order)}, rowid LIMIT ${planned} OFFSET ${offset}`;
    const value = defectValue(ctx, t, c, d, salt(ctx, t, c, '#defect', d.type));
    out.push({ defect: d, sql: `UPDATE ${rel(ctx, t.name)} SET ${q(c.name)} = ${value} WHERE rowid IN (${pick})`, planned });
  }
  return out;
}

function defectValue(ctx: GenContext, t: TableSpec, c: ColumnSpec, d: DefectSpec, s: number): string {
  const g = c.gen;
  const h = hashSql('rowid', s);
  switch (d.type) {
    case 'nulls':
      return 'NULL';
    case 'orphan_fks': {
      const target = g.kind === 'ref' ? g.table : g.kind === 'parent' ? g.table || (t.rows.kind === 'per' ? t.rows.parent : '') : '';
      const tcName = g.kind === 'ref' || g.kind === 'parent' ? g.column : '';
      const tt = ctx.tables.get(target) as TableSpec;
      const tc = tt.columns.find((x) => x.name === tcName) as ColumnSpec;
      return KEY_KINDS.includes(tc.gen.kind) ? orphanKey(ctx, tt, tc, 'rowid', s).sql : `${q(c.name)} || '-orphan'`;
    }
    case 'out_of_range': {
      if (g.kind === 'number') {
        if (g.max !== undefined) return `${g.max} + 1 + ${h} % ${Math.max(1, Math.ceil(Math.abs(g.max - (g.min ?? 0))) || 10)}`;
        if (g.min !== undefined) return `${g.min} - 1 - ${h} % ${Math.max(10, Math.ceil(Math.abs(g.min)) || 10)}`;
        return `${g.mean ?? 0} + ${g.stddev || 1} * (20 + ${h} % 10)`;
      }
      if (g.kind === 'date') {
        const end = `${g.timestamp ? 'TIMESTAMP' : 'DATE'} '${g.end}'`;
        return `${end} + to_days((1 + ${h} % 365)::INTEGER)`;
      }
      if (g.kind === 'dateSeq') return `${keyValue(ctx, t, c, '0').sql} - to_days((1 + ${h} % 365)::INTEGER)`;
      return `-(1 + ${h} % 1000)`;
    }
    case 'malformed':
      // Stray whitespace or junk characters: what a trim/regex check in a staging model catches.
      return `CASE ${h} % 4 WHEN 0 THEN ' ' || ${q(c.name)} WHEN 1 THEN ${q(c.name)} || '  ' WHEN 2 THEN upper(${q(c.name)}) || '!!' ELSE '??' || ${q(c.name)}[2:] END`;
    default:
      return q(c.name);
  }
}

/**
 * Rebuilds a table with its columns computed from child rows (order totals, stock after sales).
 * The statement reads the table it replaces: it is written beside it first (see `writeTable`).
 */
export function aggregateRebuildSql(ctx: GenContext, t: TableSpec): TableStatement {
  const later = aggregateDependent(t);
  const joins: string[] = [];
  const aggExprs: string[] = [];
  t.columns.forEach((c, i) => {
    const g = c.gen;
    if (g.kind !== 'aggregate') return;
    const child = ctx.tables.get(g.from) as TableSpec;
    const on = g.on.length ? g.on : (inferAggregateJoin(t, child) as Array<[string, string]>);
    const alias = `__a${i}`;
    const keys = on.map(([cc], k) => `${q(cc)} AS __k${k}`).join(', ');
    const group = on.map((_, k) => `__k${k}`).join(', ');
    joins.push(` LEFT JOIN (SELECT ${keys}, ${g.sql} AS __v FROM ${rel(ctx, g.from)} GROUP BY ${group}) ${alias} ON ${on.map(([, pc], k) => `${alias}.__k${k} = t.${q(pc)}`).join(' AND ')}`);
    const def = g.default === null ? 'NULL' : typeof g.default === 'number' ? String(g.default) : `'${g.default.replace(/'/g, "''")}'`;
    const v = `coalesce(${alias}.__v, ${def})`;
    aggExprs.push(`${c.type ? `CAST(${v} AS ${c.type})` : v} AS ${q(c.name)}`);
  });
  let sql = `SELECT t.*, t.rowid AS __rid, ${aggExprs.join(', ')} FROM ${rel(ctx, t.name)} t${joins.join('')}`;
  // Derived columns that read an aggregate are computed in layers over it, as in the first pass.
  const done = new Set(t.columns.filter((c) => !later.has(c.name) || c.gen.kind === 'aggregate').map((c) => c.name));
  let pending = t.columns.filter((c) => !done.has(c.name));
  while (pending.length) {
    const ready = pending.filter((c) => columnDeps(t, c).every((d) => done.has(d)));
    if (!ready.length) throw new Error(`Cannot order the aggregate columns of ${t.name}`);
    const exprs = ready.map((c) => {
      const g = c.gen;
      const v = g.kind === 'sql' ? `(${g.sql})` : 'NULL';
      return `${c.type ? `CAST(${v} AS ${c.type})` : v} AS ${q(c.name)}`;
    });
    sql = `SELECT *, ${exprs.join(', ')} FROM (${sql})`;
    for (const c of ready) done.add(c.name);
    pending = pending.filter((c) => !done.has(c.name));
  }
  const cols = t.columns.map((c) => q(c.name)).join(', ');
  const compression = new Map<string, Compression>();
  for (const c of t.columns) {
    const hint = compressionFor(ctx, t, c);
    if (hint) compression.set(c.name, hint);
  }
  return { target: rel(ctx, t.name), select: `SELECT ${cols} FROM (${sql}) ORDER BY __rid`, compression, readsTarget: { schema: ctx.spec.schema, table: t.name } };
}

/** Copies of existing rows, appended: duplicate keys that a `unique` test must catch. */
export function duplicateSql(ctx: GenContext, t: TableSpec, d: DefectSpec, rowCount: number, index: number): { sql: string; planned: number } {
  const planned = Math.min(d.count ?? Math.round((d.rate ?? 0) * rowCount), rowCount);
  const s = salt(ctx, t, '#duplicates', index);
  return { sql: `INSERT INTO ${rel(ctx, t.name)} SELECT * FROM ${rel(ctx, t.name)} ORDER BY ${hashSql('rowid', s)}, rowid LIMIT ${planned}`, planned };
}
