/**
 * The SQL of dbt's snapshot materialization (dbt-adapters' snapshot_staging_table, strategies and
 * snapshot_merge_sql), written for DuckDB with explicit column lists. Kept free of I/O so the
 * statements can be read and tested on their own.
 */
import { quoteIdent } from './warehouse';

export type SnapshotStrategy = 'timestamp' | 'check';
export type HardDeletes = 'ignore' | 'invalidate' | 'new_record';

/** The meta column names (dbt 1.9 `snapshot_meta_column_names` may rename them). */
export interface MetaColumns {
  dbt_scd_id: string;
  dbt_updated_at: string;
  dbt_valid_from: string;
  dbt_valid_to: string;
  dbt_is_deleted: string;
}

export interface SnapshotPlan {
  strategy: SnapshotStrategy;
  /** Key expressions, as written by the user (one or several). */
  uniqueKey: string[];
  /** SQL for the version time: the updated_at column, or the snapshot time for `check`. */
  updatedAt: string;
  /** Check strategy only: the columns compared (`all` resolves to the query's columns). */
  checkCols: 'all' | string[];
  hardDeletes: HardDeletes;
  /** SQL expression stored in dbt_valid_to of current rows instead of null. */
  validToCurrent?: string;
  meta: MetaColumns;
}

/** dbt-duckdb's snapshot_get_time(): the transaction's start time, the same for every row of a run. */
export const SNAPSHOT_TIME = 'now()::timestamp';

const q = quoteIdent;

export function scdIdSql(keys: string[], updatedAt: string): string {
  return `md5(${[...keys, updatedAt].map((a) => `coalesce(cast(${a} as varchar), '')`).join(" || '|' || ")})`;
}

function validToCurrentSql(plan: SnapshotPlan): string {
  return `coalesce(nullif(${plan.updatedAt}, ${plan.updatedAt}), ${plan.validToCurrent ?? 'null'})`;
}

/** The rows of a new snapshot table: every source row, current from its updated_at. */
export function firstBuildSelect(plan: SnapshotPlan, source: string): string {
  const m = plan.meta;
  const deleted = plan.hardDeletes === 'new_record' ? `,\n  'False' as ${q(m.dbt_is_deleted)}` : '';
  return (
    `select *,\n  ${scdIdSql(plan.uniqueKey, plan.updatedAt)} as ${q(m.dbt_scd_id)},\n  ${plan.updatedAt} as ${q(m.dbt_updated_at)},\n` +
    `  ${plan.updatedAt} as ${q(m.dbt_valid_from)},\n  ${validToCurrentSql(plan)} as ${q(m.dbt_valid_to)}${deleted}\nfrom ${source} sbq`
  );
}

/** Rows of the snapshot that are current: dbt_valid_to null, or the configured current value. */
export function isCurrentSql(plan: SnapshotPlan, alias: string): string {
  const vt = `${alias}.${q(plan.meta.dbt_valid_to)}`;
  return plan.validToCurrent ? `(${vt} = ${plan.validToCurrent} or ${vt} is null)` : `${vt} is null`;
}

/**
 * `snapshotted_data` vs `source_data`: has the row changed? `checkCols` are the resolved check
 * columns present in the table; `columnAdded` says a check column is new (then every row changed).
 */
export function rowChangedSql(plan: SnapshotPlan, checkCols: string[], columnAdded: boolean): string {
  if (plan.strategy === 'timestamp') return `(snapshotted_data.${q(plan.meta.dbt_valid_from)} < source_data.${q(plan.meta.dbt_updated_at)})`;
  if (columnAdded) return '(TRUE)';
  if (checkCols.length === 0) return '(FALSE)';
  return `(${checkCols.map((c) => `snapshotted_data.${q(c)} is distinct from source_data.${q(c)}`).join('\n    or ')})`;
}

/**
 * The staging rows, as dbt's snapshot_staging_table: `insert` rows for new keys and new versions,
 * `update` rows closing the current version, `delete` rows closing versions whose key vanished,
 * and (new_record) `insert` rows recording the deletion. `sourceCols` are the query's columns;
 * `tableCols` says which of them the snapshot table already has.
 */
export function stagingSelect(plan: SnapshotPlan, source: string, target: string, sourceCols: string[], tableHas: (c: string) => boolean, rowChanged: string): string {
  const m = plan.meta;
  const newRecord = plan.hardDeletes === 'new_record';
  const trackDeletes = plan.hardDeletes !== 'ignore';
  const keyFields = plan.uniqueKey.map((k, i) => `${k} as dbt_unique_key_${i + 1}`).join(', ');
  const join = plan.uniqueKey.map((_k, i) => `snapshotted_data.dbt_unique_key_${i + 1} = source_data.dbt_unique_key_${i + 1}`).join(' and ');
  const changed = newRecord ? `(${rowChanged} or snapshotted_data.${q(m.dbt_is_deleted)} = 'True')` : rowChanged;
  const alreadyDeleted = newRecord ? `\n    and not (snapshotted_data.${q(m.dbt_is_deleted)} = 'True')` : '';
  const t = SNAPSHOT_TIME;
  const ctes = [
    `snapshot_query as (\n  select * from ${source}\n)`,
    `snapshotted_data as (\n  select *, ${keyFields}\n  from ${target} as snapshot_table\n  where ${isCurrentSql(plan, 'snapshot_table')}\n)`,
    `insertions_source_data as (\n  select *, ${keyFields},\n    ${plan.updatedAt} as ${q(m.dbt_updated_at)},\n    ${plan.updatedAt} as ${q(m.dbt_valid_from)},\n` +
      `    ${validToCurrentSql(plan)} as ${q(m.dbt_valid_to)},\n    ${scdIdSql(plan.uniqueKey, plan.updatedAt)} as ${q(m.dbt_scd_id)}\n  from snapshot_query\n)`,
    `updates_source_data as (\n  select *, ${keyFields},\n    ${plan.updatedAt} as ${q(m.dbt_updated_at)},\n    ${plan.updatedAt} as ${q(m.dbt_valid_from)},\n` +
      `    ${plan.updatedAt} as ${q(m.dbt_valid_to)}\n  from snapshot_query\n)`,
  ];
  if (trackDeletes) ctes.push(`deletes_source_data as (\n  select *, ${keyFields}\n  from snapshot_query\n)`);
  ctes.push(
    `insertions as (\n  select 'insert' as dbt_change_type, source_data.*${newRecord ? `, 'False' as ${q(m.dbt_is_deleted)}` : ''}\n` +
      `  from insertions_source_data as source_data\n  left outer join snapshotted_data on ${join}\n` +
      `  where snapshotted_data.dbt_unique_key_1 is null\n    or (snapshotted_data.dbt_unique_key_1 is not null and ${changed})\n)`,
    `updates as (\n  select 'update' as dbt_change_type, source_data.*, snapshotted_data.${q(m.dbt_scd_id)}${newRecord ? `, snapshotted_data.${q(m.dbt_is_deleted)}` : ''}\n` +
      `  from updates_source_data as source_data\n  join snapshotted_data on ${join}\n  where ${changed}\n)`,
  );
  const parts = ['select * from insertions', 'select * from updates'];
  if (trackDeletes) {
    ctes.push(
      `deletes as (\n  select 'delete' as dbt_change_type, source_data.*,\n    ${t} as ${q(m.dbt_valid_from)}, ${t} as ${q(m.dbt_updated_at)}, ${t} as ${q(m.dbt_valid_to)},\n` +
        `    snapshotted_data.${q(m.dbt_scd_id)}${newRecord ? `, snapshotted_data.${q(m.dbt_is_deleted)}` : ''}\n` +
        `  from snapshotted_data\n  left join deletes_source_data as source_data on ${join}\n  where source_data.dbt_unique_key_1 is null${alreadyDeleted}\n)`,
    );
    parts.push('select * from deletes');
  }
  if (newRecord) {
    // A deleted key keeps its last values, in a new current row marked deleted.
    const cols = sourceCols.map((c) => (tableHas(c) ? `snapshotted_data.${q(c)}` : `null as ${q(c)}`)).join(', ');
    const keys = plan.uniqueKey.map((_k, i) => `snapshotted_data.dbt_unique_key_${i + 1}`).join(', ');
    ctes.push(
      `deletion_records as (\n  select 'insert' as dbt_change_type, ${cols}, ${keys},\n    ${t} as ${q(m.dbt_valid_from)}, ${t} as ${q(m.dbt_updated_at)}, snapshotted_data.${q(m.dbt_valid_to)},\n` +
        `    ${scdIdSql([`snapshotted_data.${q(m.dbt_scd_id)}`], t)} as ${q(m.dbt_scd_id)}, 'True' as ${q(m.dbt_is_deleted)}\n` +
        `  from snapshotted_data\n  left join deletes_source_data as source_data on ${join}\n  where source_data.dbt_unique_key_1 is null${alreadyDeleted}\n)`,
    );
    parts.push('select * from deletion_records');
  }
  return `with ${ctes.join(',\n')}\n${parts.join('\nunion all\n')}`;
}

/** Closes the versions that changed or vanished, then inserts the new versions (dbt's snapshot_merge_sql). */
export function mergeSql(plan: SnapshotPlan, target: string, staging: string, insertCols: string[]): string[] {
  const m = plan.meta;
  const cols = insertCols.map(q).join(', ');
  return [
    `update ${target} as DBT_INTERNAL_TARGET\nset ${q(m.dbt_valid_to)} = DBT_INTERNAL_SOURCE.${q(m.dbt_valid_to)}\nfrom ${staging} as DBT_INTERNAL_SOURCE\n` +
      `where DBT_INTERNAL_SOURCE.${q(m.dbt_scd_id)} = DBT_INTERNAL_TARGET.${q(m.dbt_scd_id)}\n  and DBT_INTERNAL_SOURCE.dbt_change_type in ('update', 'delete')\n` +
      `  and ${isCurrentSql(plan, 'DBT_INTERNAL_TARGET')}`,
    `insert into ${target} (${cols})\nselect ${cols} from ${staging}\nwhere dbt_change_type = 'insert'`,
  ];
}
