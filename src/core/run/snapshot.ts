/**
 * Snapshots (SCD Type 2) with dbt's semantics: `timestamp` and `check` strategies, the meta
 * columns dbt_scd_id / dbt_updated_at / dbt_valid_from / dbt_valid_to, dbt_valid_to_current and
 * hard deletes. One run is one transaction: the snapshot table changes completely or not at all.
 */
import type { ManifestNode } from '../project';
import { relationName } from '../project';
import { qualified, relationKind, StatementError, type MaterializeOutcome } from './materialize';
import { columnsOf, configError, hasColumn, stringList, tempTable, type Column } from './runHelpers';
import { firstBuildSelect, mergeSql, rowChangedSql, SNAPSHOT_TIME, stagingSelect, type HardDeletes, type MetaColumns, type SnapshotPlan } from './snapshotSql';
import { quoteIdent, type Warehouse } from './warehouse';

export interface SnapshotOptions {
  /** In-file config seen while compiling, which wins over the parse-time config. */
  compiledConfig?: Record<string, unknown>;
}

const META_DEFAULTS: MetaColumns = {
  dbt_scd_id: 'dbt_scd_id',
  dbt_updated_at: 'dbt_updated_at',
  dbt_valid_from: 'dbt_valid_from',
  dbt_valid_to: 'dbt_valid_to',
  dbt_is_deleted: 'dbt_is_deleted',
};

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Legacy `target_schema` / `target_database` place a snapshot exactly there (no custom-schema
 * prefix), as dbt does; without them dbt 1.9 places it like a model (`schema` config).
 */
export function placeSnapshot(node: ManifestNode): void {
  if (node.resource_type !== 'snapshot') return;
  const ts = node.config.target_schema;
  const td = node.config.target_database;
  if (typeof ts === 'string' && ts) node.schema = ts;
  if (typeof td === 'string' && td) node.database = td;
  if ((typeof ts === 'string' && ts) || (typeof td === 'string' && td)) node.relation_name = relationName(node.database, node.schema, node.alias);
}

export function snapshotPlan(node: ManifestNode, config: Record<string, unknown>): SnapshotPlan {
  const strategy = config.strategy;
  if (strategy !== 'timestamp' && strategy !== 'check') {
    const was = strategy === undefined || strategy === null ? 'no strategy' : `strategy '${String(strategy)}'`;
    throw configError(node, 'strategy', `Snapshot ${node.name} has ${was}. Set strategy to 'timestamp' (with updated_at) or 'check' (with check_cols).`);
  }
  const uniqueKey = stringList(config.unique_key);
  if (uniqueKey.length === 0) throw configError(node, 'unique_key', `Snapshot ${node.name} needs a unique_key: the column (or list of columns) that identifies a record.`);
  let updatedAt: string;
  let checkCols: SnapshotPlan['checkCols'] = [];
  if (strategy === 'timestamp') {
    if (typeof config.updated_at !== 'string' || !config.updated_at) {
      throw configError(node, 'strategy', `Snapshot ${node.name} uses the timestamp strategy but has no updated_at.`, 'Set updated_at to the column that records when a source row last changed.');
    }
    updatedAt = config.updated_at;
  } else {
    const cc = config.check_cols;
    if (cc === 'all') checkCols = 'all';
    else if (Array.isArray(cc) && cc.length) checkCols = cc.map(String);
    else if (typeof cc === 'string' && cc) checkCols = [cc];
    else throw configError(node, 'check_cols', `Snapshot ${node.name} uses the check strategy but has no check_cols.`, "Set check_cols to a list of columns, or 'all'.");
    updatedAt = typeof config.updated_at === 'string' && config.updated_at ? config.updated_at : SNAPSHOT_TIME;
  }
  const meta: MetaColumns = { ...META_DEFAULTS };
  const names = config.snapshot_meta_column_names;
  if (names && typeof names === 'object') {
    for (const [k, v] of Object.entries(names as Record<string, unknown>)) if (k in meta && typeof v === 'string' && v) meta[k as keyof MetaColumns] = v;
  }
  const vtc = config.dbt_valid_to_current;
  return { strategy, uniqueKey, updatedAt, checkCols, hardDeletes: hardDeletesOf(node, config), validToCurrent: typeof vtc === 'string' && vtc ? vtc : undefined, meta };
}

function hardDeletesOf(node: ManifestNode, config: Record<string, unknown>): HardDeletes {
  const hd = config.hard_deletes;
  if (hd === undefined || hd === null) return config.invalidate_hard_deletes === true || config.invalidate_hard_deletes === 'true' ? 'invalidate' : 'ignore';
  if (hd === 'ignore' || hd === 'invalidate' || hd === 'new_record') return hd;
  throw configError(node, 'hard_deletes', `Snapshot ${node.name} has hard_deletes '${String(hd)}'. Use ignore, invalidate or new_record.`);
}

export async function runSnapshot(wh: Warehouse, node: ManifestNode, sql: string, opts: SnapshotOptions = {}): Promise<MaterializeOutcome> {
  const config: Record<string, unknown> = { ...node.config, ...(opts.compiledConfig ?? {}) };
  const plan = snapshotPlan(node, config);
  const existing = await relationKind(wh, node);
  const target = qualified(node);
  if (existing === 'view') {
    throw configError(node, 'snapshot', `Snapshot ${node.name} would write to ${target}, which is a view. A snapshot target must be a table.`, 'Drop the view, or give the snapshot another name or schema.');
  }
  const src = tempTable(node, '__dbt_snapshot_source');
  const prefix = `create or replace temp table ${src.ref} as (\n`;
  const statement = `${prefix}${sql}\n)`;
  let rows = 0;
  await wh.transaction(async (tx) => {
    try {
      await tx.run(statement);
    } catch (e) {
      throw new StatementError(e, statement, prefix.length);
    }
    const sourceCols = await columnsOf(tx, 'temp', 'main', src.name);
    checkSourceColumns(node, plan, sourceCols);
    if (!existing) {
      await tx.run(`create schema if not exists ${quoteIdent(node.database)}.${quoteIdent(node.schema)}`);
      await tx.run(`create table ${target} as (\n${firstBuildSelect(plan, src.ref)}\n)`);
      // DuckDB reports no row count for CREATE TABLE AS.
      rows = Number((await tx.query(`select count(*) as n from ${src.ref}`))[0].n);
    } else {
      rows = await mergeIntoSnapshot(tx, node, plan, target, src.ref, sourceCols);
    }
    await tx.run(`drop table ${src.ref}`);
  });
  return { rowsAffected: rows, message: existing ? `SNAPSHOT ${rows}` : `SELECT ${rows}`, statement, bodyOffset: prefix.length };
}

type Tx = { run(sql: string): Promise<number>; query(sql: string): Promise<Array<Record<string, unknown>>> };

async function mergeIntoSnapshot(tx: Tx, node: ManifestNode, plan: SnapshotPlan, target: string, source: string, sourceCols: Column[]): Promise<number> {
  const m = plan.meta;
  let tableCols = await columnsOf(tx, node.database, node.schema, node.alias);
  const missingMeta = [m.dbt_scd_id, m.dbt_updated_at, m.dbt_valid_from, m.dbt_valid_to].filter((c) => !hasColumn(tableCols, c));
  if (missingMeta.length) {
    throw configError(
      node,
      'snapshot',
      `${target} is not a snapshot table: it has no ${missingMeta.join(', ')} column${missingMeta.length > 1 ? 's' : ''}.`,
      'Drop the table so the next snapshot run rebuilds it, or point the snapshot elsewhere (snapshot_meta_column_names must match the existing table).',
    );
  }
  if (plan.hardDeletes === 'new_record' && !hasColumn(tableCols, m.dbt_is_deleted)) {
    // The staging query reads the flag from the table, so a snapshot switched to new_record gets it first.
    await tx.run(`alter table ${target} add column ${quoteIdent(m.dbt_is_deleted)} varchar`);
    tableCols = await columnsOf(tx, node.database, node.schema, node.alias);
  }
  const rowChanged = checkStrategyChange(plan, sourceCols, tableCols);
  const staging = tempTable(node, '__dbt_snapshot_staging');
  const tableHas = (c: string) => hasColumn(tableCols, c);
  await tx.run(`create or replace temp table ${staging.ref} as (\n${stagingSelect(plan, source, target, sourceCols.map((c) => c.name), tableHas, rowChanged)}\n)`);
  const internal = (c: string) => c === 'dbt_change_type' || /^dbt_unique_key_\d+$/.test(c);
  const stagingCols = (await columnsOf(tx, 'temp', 'main', staging.name)).filter((c) => !internal(c.name));
  for (const c of stagingCols) {
    if (!tableHas(c.name)) await tx.run(`alter table ${target} add column ${quoteIdent(c.name)} ${c.type}`);
  }
  let rows = 0;
  for (const s of mergeSql(plan, target, staging.ref, stagingCols.map((c) => c.name))) rows += await tx.run(s);
  await tx.run(`drop table ${staging.ref}`);
  return rows;
}

/** The row_changed test; for `check`, against the check columns the table has (a new one changes every row, as in dbt). */
function checkStrategyChange(plan: SnapshotPlan, sourceCols: Column[], tableCols: Column[]): string {
  if (plan.strategy === 'timestamp') return rowChangedSql(plan, [], false);
  const wanted = plan.checkCols === 'all' ? sourceCols.map((c) => c.name) : plan.checkCols;
  const present = wanted.filter((c) => hasColumn(tableCols, c));
  return rowChangedSql(plan, present.map((c) => tableCols.find((t) => t.name.toLowerCase() === c.toLowerCase())?.name ?? c), present.length < wanted.length);
}

/** Names the snapshot's config refers to must be columns of its query: say which one is not. */
function checkSourceColumns(node: ManifestNode, plan: SnapshotPlan, sourceCols: Column[]): void {
  const names = sourceCols.map((c) => c.name).join(', ');
  if (plan.strategy === 'timestamp' && IDENT.test(plan.updatedAt) && !hasColumn(sourceCols, plan.updatedAt)) {
    throw configError(node, 'updated_at', `Snapshot ${node.name}: updated_at '${plan.updatedAt}' is not a column of its query (${names}).`);
  }
  for (const k of plan.uniqueKey) {
    if (IDENT.test(k) && !hasColumn(sourceCols, k)) throw configError(node, 'unique_key', `Snapshot ${node.name}: unique_key '${k}' is not a column of its query (${names}).`);
  }
  if (plan.checkCols !== 'all') {
    const missing = plan.checkCols.filter((c) => !hasColumn(sourceCols, c));
    if (missing.length) throw configError(node, 'check_cols', `Snapshot ${node.name}: check_cols ${missing.map((c) => `'${c}'`).join(', ')} ${missing.length > 1 ? 'are not columns' : 'is not a column'} of its query (${names}).`);
  }
}
