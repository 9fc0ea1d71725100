/**
 * Builds every table of a dataset inside one (temporary) DuckDB database: counts, drivers, one
 * CREATE TABLE AS per table with progress, then batch absences, defects, aggregates, duplicates.
 */
import { problem, ProblemError } from '../problems';
import { quoteIdent as q, type Warehouse } from '../run/warehouse';
import { BatchRules } from './changes';
import type { GenContext } from './columns';
import { ConstLists } from './consts';
import { aggregateOrder, tableOrder } from './deps';
import type { BatchChanges, ColumnInfo, InjectedDefect } from './outputs';
import { aggregateRebuildSql, cascadeSql, defectStatements, duplicateSql, foreignKeys, ownAbsenceSql, rel } from './postSql';
import { createTableSql, driverStatements, INTERNAL_SCHEMA, type Compression, type TableStatement } from './tableSql';
import type { DatasetSpec, TableSpec } from './types';

export interface Progress {
  table: string;
  rowsDone: number;
  rowsTotal: number;
  rowsPerSec: number;
  /** `generate` while tables are built; `commit` while they are copied into a file that holds models. */
  phase?: 'generate' | 'commit';
}

export interface BuildOptions {
  scale: number;
  batch: number;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  /** Profiling: each table is written through EXPLAIN ANALYZE, and its statement and plan passed here. */
  explain?: (table: string, sql: string, plan: string) => void;
}

export interface BuiltTable {
  name: string;
  rows: number;
  seconds: number;
  /** CPU time of the process (DuckDB's threads included) while the table was written. */
  cpuSeconds: number;
  columns: ColumnInfo[];
  changes?: BatchChanges;
}

export interface BuildResult {
  tables: BuiltTable[];
  /** The compression chosen for text columns, per table then column. */
  compression: Map<string, Map<string, Compression>>;
  defects: InjectedDefect[];
  planSeconds: number;
  generateSeconds: number;
  postSeconds: number;
}

export class CancelledError extends Error {
  constructor() {
    super('Generation cancelled; the previous data is unchanged.');
    this.name = 'CancelledError';
  }
}

export function scaledCount(t: TableSpec, scale: number): number {
  const r = t.rows;
  if (r.kind !== 'count') return 0;
  if (r.scaling === 'fixed') return r.count;
  return Math.max(r.count > 0 ? 1 : 0, Math.round(r.scaling === 'sqrt' ? r.count * Math.sqrt(scale) : r.count * scale));
}

export async function buildDataset(wh: Warehouse, spec: DatasetSpec, o: BuildOptions): Promise<BuildResult> {
  const check = () => {
    if (o.signal?.aborted) throw new CancelledError();
  };
  const t0 = performance.now();
  const tables = new Map(spec.tables.map((t) => [t.name, t]));
  const ctx: GenContext = { spec, tables, baseRows: new Map(), consts: new ConstLists(INTERNAL_SCHEMA) };
  const totals = new Map<string, number>();
  const rules = new Map<string, BatchRules>();
  await wh.run(`CREATE SCHEMA IF NOT EXISTS ${q(INTERNAL_SCHEMA)}; CREATE SCHEMA IF NOT EXISTS ${q(spec.schema)}`);

  const order = tableOrder(spec);
  for (const t of order) {
    check();
    const parents = t.rows.kind === 'per' ? [t.rows.parent] : t.rows.kind === 'cross' ? t.rows.parents : [];
    const base = scaledCount(t, o.scale);
    const d = driverStatements(ctx, t, {
      total: new BatchRules(spec, t, base, o.batch).total,
      parentTotals: parents.map((p) => totals.get(p) ?? 0),
      parentBase: parents.map((p) => ctx.baseRows.get(p) ?? 0),
    });
    for (const s of d.build) await wh.run(s);
    const row = (await wh.query(d.counts))[0];
    const total = Number(row.total);
    const baseRows = t.rows.kind === 'count' ? base : t.rows.kind === 'per' ? Number(row.base) : total;
    ctx.baseRows.set(t.name, baseRows);
    totals.set(t.name, total);
    rules.set(t.name, new BatchRules(spec, t, baseRows, o.batch));
  }
  ctx.totals = totals;
  const statements = new Map(order.map((t) => [t.name, createTableSql(ctx, t, rules.get(t.name) as BatchRules)]));
  await ctx.consts.materialize(wh.connection);
  const t1 = performance.now();

  const built = new Map<string, BuiltTable>();
  for (const t of order) {
    check();
    const rowsTotal = totals.get(t.name) ?? 0;
    const start = performance.now();
    const cpu0 = process.cpuUsage();
    await withProgress(wh, `${spec.schema}.${t.name}`, rowsTotal, o, async () => {
      await runForTable(t, async () => writeTable(wh, statements.get(t.name) as TableStatement, o.explain && ((sql, plan) => o.explain?.(t.name, sql, plan))));
      // Written out table by table, so that closing a cancelled run has nothing left to write.
      await wh.run('CHECKPOINT');
    });
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpu0);
    o.onProgress?.({ table: `${spec.schema}.${t.name}`, rowsDone: rowsTotal, rowsTotal, rowsPerSec: seconds > 0 ? rowsTotal / seconds : 0 });
    built.set(t.name, { name: t.name, rows: rowsTotal, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, columns: [] });
  }
  const t2 = performance.now();

  // Rows absent from this batch go first, then whatever points at them, until nothing changes.
  const lost = new Set<string>();
  const removedWithParent = new Map<string, number>();
  for (const t of order) {
    const sql = ownAbsenceSql(ctx, t, rules.get(t.name) as BatchRules);
    if (sql && (await wh.run(sql)) > 0) lost.add(t.name);
  }
  for (let pass = 0; pass < 10 && lost.size; pass++) {
    let changed = false;
    for (const t of order) {
      for (const fk of foreignKeys(ctx, t)) {
        if (!lost.has(fk.table)) continue;
        check();
        const n = await wh.run(cascadeSql(ctx, t, fk));
        if (n > 0) {
          removedWithParent.set(t.name, (removedWithParent.get(t.name) ?? 0) + n);
          lost.add(t.name);
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  for (const t of order) {
    const r = rules.get(t.name) as BatchRules;
    if (t.changes || r.late > 0 || removedWithParent.has(t.name)) (built.get(t.name) as BuiltTable).changes = await batchChanges(wh, ctx, t, r, totals.get(t.name) ?? 0, removedWithParent.get(t.name) ?? 0);
  }

  const defects: InjectedDefect[] = [];
  for (const t of order) {
    if (!t.defects.length) continue;
    check();
    const rows = await count(wh, rel(ctx, t.name));
    for (const d of defectStatements(ctx, t, rows)) {
      const n = d.sql ? await wh.run(d.sql) : 0;
      defects.push({ table: t.name, type: d.defect.type, column: d.defect.column, count: n });
    }
  }
  const compression = new Map([...statements].map(([name, s]) => [name, s.compression]));
  for (const t of aggregateOrder(spec)) {
    check();
    const s = aggregateRebuildSql(ctx, t);
    compression.set(t.name, s.compression);
    await runForTable(t, async () => writeTable(wh, s, o.explain && ((sql, plan) => o.explain?.(t.name, sql, plan))));
  }
  for (const t of order) {
    const dups = t.defects.map((d, i) => [d, i] as const).filter(([d]) => d.type === 'duplicate_keys');
    if (!dups.length) continue;
    const rows = await count(wh, rel(ctx, t.name));
    for (const [d, i] of dups) {
      const { sql } = duplicateSql(ctx, t, d, rows, i);
      defects.push({ table: t.name, type: d.type, count: await wh.run(sql) });
    }
  }
  for (const t of order) {
    const b = built.get(t.name) as BuiltTable;
    b.rows = await count(wh, rel(ctx, t.name));
    const cols = await wh.query(`SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = '${spec.schema}' AND table_name = '${t.name}' ORDER BY ordinal_position`);
    b.columns = cols.map((c) => ({ name: String(c.name), type: String(c.type) }));
  }
  const t3 = performance.now();
  // Tables come back in spec order, whatever order they were built in.
  return {
    tables: spec.tables.map((t) => built.get(t.name) as BuiltTable),
    compression,
    defects,
    planSeconds: (t1 - t0) / 1000,
    generateSeconds: (t2 - t1) / 1000,
    postSeconds: (t3 - t2) / 1000,
  };
}

async function count(wh: Warehouse, relation: string): Promise<number> {
  return Number((await wh.query(`SELECT count(*) AS n FROM ${relation}`))[0].n);
}

/**
 * Writes a table: declared first with its column types and the compression chosen for its text
 * columns, then filled by one INSERT … SELECT (in parallel, in row order, like CREATE TABLE AS).
 */
async function writeTable(wh: Warehouse, s: TableStatement, explain?: (sql: string, plan: string) => void): Promise<void> {
  const fill = async (sql: string) => {
    if (!explain) return void (await wh.run(sql));
    const rows = await wh.query(`EXPLAIN ANALYZE ${sql}`);
    explain(sql, rows.map((r) => String(r.explain_value)).join('\n'));
  };
  if (!s.compression.size && !s.readsTarget) {
    await fill(`CREATE OR REPLACE TABLE ${s.target} AS ${s.select}`);
    return;
  }
  const columns = await wh.query(`DESCRIBE ${s.select}`);
  const defs = columns.map((c) => {
    const name = String(c.column_name);
    const type = String(c.column_type);
    const hint = type === 'VARCHAR' ? s.compression.get(name) : undefined;
    return `${q(name)} ${type}${hint ? ` USING COMPRESSION ${hint}` : ''}`;
  });
  if (!s.readsTarget) {
    await wh.run(`CREATE OR REPLACE TABLE ${s.target} (${defs.join(', ')})`);
    await fill(`INSERT INTO ${s.target} ${s.select}`);
    return;
  }
  const { schema, table } = s.readsTarget;
  const staging = `${q(schema)}.${q(REBUILD_STAGING)}`;
  await wh.run(`CREATE OR REPLACE TABLE ${staging} (${defs.join(', ')})`);
  await fill(`INSERT INTO ${staging} ${s.select}`);
  await wh.run(`DROP TABLE ${s.target}`);
  await wh.run(`ALTER TABLE ${staging} RENAME TO ${q(table)}`);
}

/** Where a rebuilt table is written before it takes its name (spec table names have no '-'). */
const REBUILD_STAGING = '__gen-rebuild';

/** Runs a table's statements; a DuckDB error in a user's SQL expression points at that column. */
async function runForTable(t: TableSpec, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/interrupt/i.test(msg)) throw e;
    const ident = /column "?([^"\s]+)"? not found|Referenced column "([^"]+)"/i.exec(msg);
    const name = ident?.[1] ?? ident?.[2];
    const culprit = t.columns.find((c) => (c.gen.kind === 'sql' || c.gen.kind === 'aggregate') && name !== undefined && c.gen.sql.includes(name))
      ?? t.columns.find((c) => c.gen.kind === 'sql' || c.gen.kind === 'aggregate');
    const place = culprit ? culprit.genPlace : t.place;
    throw new ProblemError(problem('sql-error', `DuckDB could not generate '${t.name}': ${msg.split('\n')[0]}`, place));
  }
}

async function withProgress(wh: Warehouse, table: string, rowsTotal: number, o: BuildOptions, fn: () => Promise<void>): Promise<void> {
  const start = performance.now();
  const onAbort = () => wh.interrupt();
  o.signal?.addEventListener('abort', onAbort);
  const timer = o.onProgress
    ? setInterval(() => {
        const p = wh.connection.progress;
        if (p.percentage < 0) return;
        const done = Math.min(rowsTotal, Math.round((p.percentage / 100) * rowsTotal));
        const secs = (performance.now() - start) / 1000;
        o.onProgress?.({ table, rowsDone: done, rowsTotal, rowsPerSec: secs > 0 ? done / secs : 0 });
      }, 250)
    : undefined;
  try {
    await fn();
  } catch (e) {
    if (o.signal?.aborted) throw new CancelledError();
    throw e;
  } finally {
    if (timer) clearInterval(timer);
    o.signal?.removeEventListener('abort', onAbort);
  }
}

async function batchChanges(wh: Warehouse, ctx: GenContext, t: TableSpec, r: BatchRules, total: number, removed: number): Promise<BatchChanges> {
  const B = r.batch;
  const row = (
    await wh.query(
      `SELECT count(*) FILTER (WHERE ${r.birth('rowid')} = ${B} AND ${B} > 1) AS inserted,
              count(*) FILTER (WHERE ${r.arrival('rowid')} = ${B} AND ${r.birth('rowid')} = 1 AND ${B} > 1) AS late,
              count(*) FILTER (WHERE ${r.version('rowid')} = ${B} AND ${B} > 1) AS updated
       FROM ${rel(ctx, t.name)}`,
    )
  )[0];
  let deleted = 0;
  let heldBack = 0;
  if (B > 1 && (t.changes?.deletes ?? 0) > 0) {
    deleted = Number((await wh.query(`SELECT count(*) AS n FROM range(${total}) t(r) WHERE ${r.present('r', B - 1)} AND NOT ${r.present('r', B)}`))[0].n);
  }
  if (B === 1 && r.late > 0) heldBack = Number((await wh.query(`SELECT count(*) AS n FROM range(${total}) t(r) WHERE NOT ${r.present('r', 1)}`))[0].n);
  return { inserted: Number(row.inserted), late: Number(row.late), updated: Number(row.updated), deleted, removedWithParent: removed, heldBack };
}
