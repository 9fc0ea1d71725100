/**
 * The statements that create one table: a driver of row indices (a plain table scan, which DuckDB
 * inserts in parallel while keeping order, unlike a bare range()), then one CREATE TABLE AS whose
 * columns are layered SELECTs: pure columns first, then derived columns over them.
 */
import { quoteIdent as q } from '../run/warehouse';
import type { BatchRules } from './changes';
import { isPure, patternSql, pureValue, salt, withNulls, type GenContext, type Typed } from './columns';
import { CONSTS_ALIAS } from './consts';
import { aggregateDependent, columnDeps } from './deps';
import { hashSql, rateSql } from './random';
import type { ColumnSpec, TableSpec } from './types';

export const INTERNAL_SCHEMA = '__gen';

export function driverName(t: TableSpec): string {
  return `${q(INTERNAL_SCHEMA)}.${q('drv_' + t.name)}`;
}

export function planName(t: TableSpec): string {
  return `${q(INTERNAL_SCHEMA)}.${q('plan_' + t.name)}`;
}

/** Children per parent row: `rate` of parents get min..max (or `weights`) children. */
export function childCountSql(ctx: GenContext, t: TableSpec, p: string): string {
  const r = t.rows;
  if (r.kind !== 'per') throw new Error('not a per table');
  let n: string;
  if (r.weights) {
    const total = r.weights.reduce((a, [, w]) => a + w, 0);
    const slots: number[] = [];
    for (const [count, w] of r.weights) for (let k = 0; k < Math.round((w / total) * 1000); k++) slots.push(count);
    n = `([${slots.join(',')}])[1 + (${hashSql(p, salt(ctx, t, '#rows', 'weights'))} % ${slots.length})::INTEGER]`;
  } else {
    n = r.min === r.max ? `${r.min}` : `(${r.min} + ${hashSql(p, salt(ctx, t, '#rows', 'count'))} % ${r.max - r.min + 1})`;
  }
  if (r.rate < 1) n = `CASE WHEN ${rateSql(p, salt(ctx, t, '#rows', 'rate'), r.rate)} THEN ${n} ELSE 0 END`;
  return `(${n})::BIGINT`;
}

/** Statements that build the table's driver; `counts` reads back the totals. */
export function driverStatements(ctx: GenContext, t: TableSpec, rows: { total: number; parentTotals: number[]; parentBase: number[] }): { build: string[]; counts: string } {
  const r = t.rows;
  const drv = driverName(t);
  if (r.kind === 'count') {
    return { build: [`CREATE OR REPLACE TABLE ${drv} AS SELECT range AS _row FROM range(${rows.total})`], counts: `SELECT ${rows.total}::BIGINT AS total` };
  }
  if (r.kind === 'per') {
    const plan = planName(t);
    return {
      build: [
        `CREATE OR REPLACE TABLE ${plan} AS SELECT p AS _p0, cnt, (sum(cnt) OVER (ORDER BY p ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - cnt)::BIGINT AS off ` +
          `FROM (SELECT range AS p, ${childCountSql(ctx, t, 'range')} AS cnt FROM range(${rows.parentTotals[0]})) WHERE cnt > 0 ORDER BY _p0`,
        `CREATE OR REPLACE TABLE ${drv} AS SELECT (off + _child)::BIGINT AS _row, _child, _p0 FROM (SELECT _p0, off, unnest(range(cnt)) AS _child FROM ${plan})`,
      ],
      counts: `SELECT coalesce(sum(cnt), 0)::BIGINT AS total, coalesce(sum(cnt) FILTER (WHERE _p0 < ${rows.parentBase[0]}), 0)::BIGINT AS base FROM ${plan}`,
    };
  }
  // Cross tables combine the parents' batch-1 rows, so their row numbers never shift between batches.
  const ns = rows.parentBase;
  const from = ns.map((n, i) => `range(${n}) r${i}(_p${i})`).join(', ');
  const combo = ns.reduce((acc, n, i) => (i === 0 ? '_p0' : `(${acc}) * ${n} + _p${i}`), '');
  const keep = r.rate < 1 ? ` WHERE ${rateSql(combo, salt(ctx, t, '#rows', 'cross'), r.rate)}` : '';
  const cols = ns.map((_, i) => `_p${i}`).join(', ');
  return {
    build: [`CREATE OR REPLACE TABLE ${drv} AS SELECT (row_number() OVER (ORDER BY ${cols}) - 1)::BIGINT AS _row, ${cols} FROM (SELECT ${cols} FROM ${from}${keep}) ORDER BY _row`],
    counts: `SELECT count(*)::BIGINT AS total FROM ${drv}`,
  };
}

/** A column's storage compression, chosen from what the generator knows of its values. */
export type Compression = 'dictionary' | 'fsst';

/** A table's statement: its rows as one SELECT, written to `target`. */
export interface TableStatement {
  target: string;
  select: string;
  /**
   * Compression for text columns whose values the generator knows: DuckDB would otherwise try every
   * method on every row group of every text column, the larger part of what writing text costs.
   */
  compression: Map<string, Compression>;
  /** Set when `select` reads the table it replaces: the new rows go beside it, then take its name. */
  readsTarget?: { schema: string; table: string };
}

/**
 * Above this many distinct values (or bytes of them), a text column is FSST-compressed, not
 * dictionary-encoded: a dictionary is stored in every segment that uses it. Keys of another table
 * switch to FSST sooner, where it measured cheaper to write (a 50,000-key ref: 0.44 against 0.49 µs
 * per row), pools of names later (a 2,000-name pool: 0.25 against 0.29).
 */
const DICTIONARY_MAX_VALUES = 16_384;
const DICTIONARY_MAX_KEYS = 4096;
const DICTIONARY_MAX_BYTES = 128 * 1024;

/**
 * What DuckDB would pick for the column's text (or close to it), decided without looking: a
 * dictionary for a few distinct values, FSST for many. Undefined leaves the choice to DuckDB.
 */
export function compressionFor(ctx: GenContext, t: TableSpec, c: ColumnSpec): Compression | undefined {
  const g = c.gen;
  const keyOf = (table: string, column: string): { gen: ColumnSpec['gen']; rows: number } | undefined => {
    const tt = ctx.tables.get(table);
    const tc = tt?.columns.find((x) => x.name === column);
    return tc ? { gen: tc.gen, rows: ctx.baseRows.get(table) ?? Number.MAX_SAFE_INTEGER } : undefined;
  };
  switch (g.kind) {
    case 'id':
    case 'template':
      return 'fsst';
    case 'choice':
      return g.values.length <= DICTIONARY_MAX_VALUES ? 'dictionary' : 'fsst';
    case 'faker': {
      const bytes = ctx.consts.bytes(`faker:${t.name}.${c.name}`);
      return g.pool <= DICTIONARY_MAX_VALUES && bytes !== undefined && bytes <= DICTIONARY_MAX_BYTES ? 'dictionary' : 'fsst';
    }
    case 'ref':
    case 'parent': {
      const table = g.table || (t.rows.kind === 'per' ? t.rows.parent : '');
      const key = keyOf(table, g.column);
      if (!key || key.gen.kind !== 'id') return undefined;
      return key.rows <= DICTIONARY_MAX_KEYS ? 'dictionary' : 'fsst';
    }
    default:
      return undefined;
  }
}

interface Layered {
  name: string;
  sql: string;
  layer: number;
}

/** The statement for a table's columns except those computed from child rows. */
export function createTableSql(ctx: GenContext, t: TableSpec, rules: BatchRules): TableStatement {
  const schema = ctx.spec.schema;
  const later = aggregateDependent(t);
  const ch = t.changes;
  const needVer = rules.hasUpdates;
  const needBirth = rules.inserts > 0 && !!ch?.eventTime;
  const joins: string[] = [];
  const parents = t.rows.kind === 'per' ? [t.rows.parent] : t.rows.kind === 'cross' ? t.rows.parents : [];
  const layered: Layered[] = [];
  const layerOf = new Map<string, number>();
  const cols = t.columns.filter((c) => !later.has(c.name));

  for (const c of cols) {
    const v = baseValue(c);
    if (v) {
      layered.push({ name: c.name, sql: v, layer: 0 });
      layerOf.set(c.name, 0);
    }
  }
  // Derived columns go one layer above the deepest column they read.
  let pending = cols.filter((c) => !layerOf.has(c.name));
  while (pending.length) {
    const next: ColumnSpec[] = [];
    for (const c of pending) {
      const deps = columnDeps(t, c);
      if (deps.every((d) => layerOf.has(d))) {
        const layer = 1 + Math.max(0, ...deps.map((d) => layerOf.get(d) as number));
        layerOf.set(c.name, layer);
        layered.push({ name: c.name, sql: derivedValue(c), layer });
      } else next.push(c);
    }
    if (next.length === pending.length) throw new Error(`Cannot order the derived columns of ${t.name}: ${next.map((c) => c.name).join(', ')}`);
    pending = next;
  }

  const hidden = ['d.*'];
  if (needVer) hidden.push(`${rules.version('d._row')} AS _ver`);
  if (needBirth) hidden.push(`${rules.birth('d._row')} AS _birth`);
  const source = hidden.length > 1 ? `(SELECT ${hidden.join(', ')} FROM ${driverName(t)} d)` : driverName(t);
  const base = layered.filter((l) => l.layer === 0).map((l) => `${l.sql} AS ${q(l.name)}`);
  let sql = `SELECT d.*${base.length ? ', ' + base.join(', ') : ''} FROM ${source} d CROSS JOIN ${q(INTERNAL_SCHEMA)}.consts ${CONSTS_ALIAS}${joins.join('')}`;
  const maxLayer = Math.max(0, ...layered.map((l) => l.layer));
  for (let k = 1; k <= maxLayer; k++) {
    const exprs = layered.filter((l) => l.layer === k).map((l) => `${l.sql} AS ${q(l.name)}`);
    sql = `SELECT *, ${exprs.join(', ')} FROM (${sql})`;
  }
  const out = cols.map((c) => q(c.name)).join(', ');
  // A join or a scalar subquery (a lookup in a `sql:` column) may reorder rows, and the table's row
  // ids must equal the logical row numbers (batches, defects and children rely on it).
  const subquery = cols.some((c) => (c.gen.kind === 'sql' && /\bselect\b/i.test(c.gen.sql)));
  const compression = new Map<string, Compression>();
  for (const c of cols) {
    const hint = compressionFor(ctx, t, c);
    if (hint) compression.set(c.name, hint);
  }
  return { target: `${q(schema)}.${q(t.name)}`, select: `SELECT ${out} FROM (${sql})${joins.length || subquery ? ' ORDER BY _row' : ''}`, compression };

  function cast(c: ColumnSpec, v: Typed): string {
    return c.type ? `CAST(${v.sql} AS ${c.type})` : v.sql;
  }

  function baseValue(c: ColumnSpec): string | undefined {
    const g = c.gen;
    if (g.kind === 'parent') {
      const table = g.table || parents[0];
      const k = parents.indexOf(table);
      const pt = ctx.tables.get(table) as TableSpec;
      const pc = pt.columns.find((x) => x.name === g.column) as ColumnSpec;
      const inline = isPure(pc) ? pureValue(ctx, pt, pc, `d._p${k}`) : undefined;
      if (inline) return cast(c, withNulls(ctx, t, c, 'd._row', inline));
      const alias = `__p${k}`;
      if (!joins.some((j) => j.includes(` ${alias} `))) joins.push(` LEFT JOIN ${q(schema)}.${q(table)} ${alias} ON ${alias}.rowid = d._p${k}`);
      return cast(c, withNulls(ctx, t, c, 'd._row', { sql: `${alias}.${q(pc.name)}`, type: '' }));
    }
    if (!isPure(c)) return undefined;
    let v = pureValue(ctx, t, c, 'd._row') as Typed;
    if (needVer && ch?.updateColumns.includes(c.name)) {
      const whens: string[] = [];
      for (let b = rules.batch; b >= 2; b--) whens.push(`WHEN ${b} THEN ${(pureValue(ctx, t, c, 'd._row', b) as Typed).sql}`);
      v = { sql: `(CASE _ver ${whens.join(' ')} ELSE ${v.sql} END)`, type: v.type };
    }
    if (needBirth && ch?.eventTime === c.name) {
      v = { sql: `(CASE WHEN _birth > 1 THEN ${rules.insertedEventTime('_birth', 'd._row', v.type)} ELSE ${v.sql} END)`, type: v.type };
    }
    if (needVer && ch?.updatedAt === c.name) {
      v = { sql: `(CASE WHEN _ver > 1 THEN CAST(${rules.batchTime('_ver')} AS ${v.type}) ELSE ${v.sql} END)`, type: v.type };
    }
    return cast(c, v);
  }

  function derivedValue(c: ColumnSpec): string {
    const g = c.gen;
    let v: Typed;
    if (g.kind === 'sql') v = { sql: `(${g.sql})`, type: '' };
    else if (g.kind === 'template') v = { sql: patternSql(ctx, t, c, g.parts, '_row', (col) => q(col)), type: 'VARCHAR' };
    else throw new Error(`${t.name}.${c.name}: ${g.kind} is not derived`);
    return cast(c, withNulls(ctx, t, c, '_row', v));
  }
}
