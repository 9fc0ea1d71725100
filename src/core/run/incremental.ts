/**
 * The incremental materialization, with dbt-duckdb's strategies (append, merge, delete+insert),
 * incremental_predicates and on_schema_change. The new rows land in a temp table, then schema
 * changes and the strategy's statements run, all in one transaction: a failure anywhere leaves
 * the table exactly as it was.
 */
import type { ManifestNode } from '../project';
import { materializeTable, qualified, relationKind, StatementError, type MaterializeOutcome } from './materialize';
import { columnsOf, configError, stringList, tempTable, type Column } from './runHelpers';
import { quoteIdent, type Warehouse } from './warehouse';

export const INCREMENTAL_STRATEGIES = ['append', 'merge', 'delete+insert'] as const;
export type IncrementalStrategy = (typeof INCREMENTAL_STRATEGIES)[number];
export const ON_SCHEMA_CHANGE = ['ignore', 'append_new_columns', 'sync_all_columns', 'fail'] as const;
export type OnSchemaChange = (typeof ON_SCHEMA_CHANGE)[number];

export interface IncrementalOptions {
  /** `--full-refresh` was given. */
  fullRefresh: boolean;
  /** In-file config seen while compiling, which wins over the parse-time config. */
  compiledConfig?: Record<string, unknown>;
}

export interface SchemaDiff {
  sourceNotInTarget: Column[];
  targetNotInSource: Column[];
  typeChanges: Array<{ name: string; from: string; to: string }>;
}

interface Plan {
  strategy: IncrementalStrategy;
  uniqueKey: string[];
  predicates: string[];
  onSchemaChange: OnSchemaChange;
}

/** dbt's should_full_refresh(): the model's `full_refresh` config wins over the flag. */
export function shouldFullRefresh(config: Record<string, unknown>, flag: boolean): boolean {
  const own = config.full_refresh;
  return own === true || own === false ? own : flag;
}

export async function materializeIncremental(wh: Warehouse, node: ManifestNode, sql: string, opts: IncrementalOptions): Promise<MaterializeOutcome> {
  const config: Record<string, unknown> = { ...node.config, ...(opts.compiledConfig ?? {}) };
  const plan = planOf(node, config);
  const existing = await relationKind(wh, node);
  // A view in the way (the model used to be a view) is replaced, as dbt does.
  if (!existing || existing === 'view' || shouldFullRefresh(config, opts.fullRefresh)) return materializeTable(wh, node, sql);

  const target = qualified(node);
  const tmp = tempTable(node, '__dbt_tmp');
  const prefix = `create or replace temp table ${tmp.ref} as (\n`;
  const statement = `${prefix}${sql}\n)`;
  let rows = 0;
  await wh.transaction(async (tx) => {
    try {
      await tx.run(statement);
    } catch (e) {
      throw new StatementError(e, statement, prefix.length);
    }
    const source = await columnsOf(tx, 'temp', 'main', tmp.name);
    const targetCols = await columnsOf(tx, node.database, node.schema, node.alias);
    const dest = await applySchemaChanges(node, plan.onSchemaChange, source, targetCols, (s) => tx.run(s), target);
    for (const s of strategySql(plan, target, tmp.ref, dest)) rows = await tx.run(s);
    await tx.run(`drop table ${tmp.ref}`);
  });
  const verb = plan.strategy === 'merge' ? 'MERGE' : 'INSERT';
  return { rowsAffected: rows, message: `${verb} ${rows}`, statement, bodyOffset: prefix.length };
}

function planOf(node: ManifestNode, config: Record<string, unknown>): Plan {
  const raw = config.incremental_strategy === undefined || config.incremental_strategy === null ? 'default' : String(config.incremental_strategy);
  // dbt-duckdb's default strategy is delete+insert (a plain insert when there is no unique_key).
  const strategy = raw === 'default' ? 'delete+insert' : raw;
  if (!(INCREMENTAL_STRATEGIES as readonly string[]).includes(strategy)) {
    throw configError(node, 'incremental_strategy', `Model ${node.name} uses incremental_strategy '${raw}', which DuckDB does not have. Use one of: ${INCREMENTAL_STRATEGIES.join(', ')}.`);
  }
  const osc = config.on_schema_change === undefined || config.on_schema_change === null ? 'ignore' : String(config.on_schema_change);
  if (!(ON_SCHEMA_CHANGE as readonly string[]).includes(osc)) {
    throw configError(node, 'on_schema_change', `Model ${node.name} has on_schema_change '${osc}'. Use one of: ${ON_SCHEMA_CHANGE.join(', ')}.`);
  }
  return {
    strategy: strategy as IncrementalStrategy,
    uniqueKey: stringList(config.unique_key),
    predicates: stringList(config.incremental_predicates ?? config.predicates),
    onSchemaChange: osc as OnSchemaChange,
  };
}

export function diffColumns(source: Column[], target: Column[]): SchemaDiff {
  const byName = (cols: Column[]) => new Map(cols.map((c) => [c.name.toLowerCase(), c]));
  const s = byName(source);
  const t = byName(target);
  const typeChanges: SchemaDiff['typeChanges'] = [];
  for (const [k, tc] of t) {
    const sc = s.get(k);
    if (sc && sc.type !== tc.type) typeChanges.push({ name: tc.name, from: tc.type, to: sc.type });
  }
  return {
    sourceNotInTarget: source.filter((c) => !t.has(c.name.toLowerCase())),
    targetNotInSource: target.filter((c) => !s.has(c.name.toLowerCase())),
    typeChanges,
  };
}

/**
 * Reconciles the table with the new rows' columns as dbt's process_schema_changes does, and
 * returns the columns to write.
 */
async function applySchemaChanges(node: ManifestNode, mode: OnSchemaChange, source: Column[], target: Column[], run: (sql: string) => Promise<number>, rel: string): Promise<Column[]> {
  const diff = diffColumns(source, target);
  const changed = diff.sourceNotInTarget.length > 0 || diff.targetNotInSource.length > 0 || diff.typeChanges.length > 0;
  const names = (cols: Column[]) => (cols.length ? cols.map((c) => `${c.name} (${c.type})`).join(', ') : 'none');
  if (mode === 'ignore') {
    if (diff.targetNotInSource.length) {
      throw configError(
        node,
        'on_schema_change',
        `Incremental model ${node.name} no longer returns column(s) ${diff.targetNotInSource.map((c) => c.name).join(', ')} that ${rel} has, and on_schema_change is 'ignore'.`,
        "Set on_schema_change to 'sync_all_columns' (or 'append_new_columns' to keep them, filled with nulls), or rebuild with --full-refresh.",
      );
    }
    return target;
  }
  if (!changed) return target;
  if (mode === 'fail') {
    throw configError(
      node,
      'on_schema_change',
      `The columns of incremental model ${node.name} no longer match ${rel} (on_schema_change is 'fail'). ` +
        `New in the model: ${names(diff.sourceNotInTarget)}. Missing from the model: ${names(diff.targetNotInSource)}. ` +
        `Changed types: ${diff.typeChanges.length ? diff.typeChanges.map((t) => `${t.name} ${t.from} -> ${t.to}`).join(', ') : 'none'}.`,
      "Set on_schema_change to 'append_new_columns' or 'sync_all_columns', or rebuild the table with --full-refresh.",
    );
  }
  for (const c of diff.sourceNotInTarget) await run(`alter table ${rel} add column ${quoteIdent(c.name)} ${c.type}`);
  if (mode === 'sync_all_columns') {
    for (const c of diff.targetNotInSource) await run(`alter table ${rel} drop column ${quoteIdent(c.name)}`);
    for (const t of diff.typeChanges) await run(`alter table ${rel} alter column ${quoteIdent(t.name)} set data type ${t.to}`);
  }
  return source;
}

/** The statements of one strategy, as dbt-duckdb writes them (with explicit column lists). */
export function strategySql(plan: Pick<Plan, 'strategy' | 'uniqueKey' | 'predicates'>, target: string, tmp: string, dest: Column[]): string[] {
  const cols = dest.map((c) => quoteIdent(c.name));
  const colList = cols.join(', ');
  const insert = `insert into ${target} (${colList})\nselect ${colList} from ${tmp}`;
  const keys = plan.uniqueKey;
  const preds = plan.predicates;
  if (plan.strategy === 'append') return [insert];
  if (plan.strategy === 'delete+insert') {
    if (keys.length === 0) return [insert];
    const andPreds = preds.map((p) => `\n  and (${p})`).join('');
    if (keys.length === 1) {
      return [`delete from ${target}\nwhere (${keys[0]}) in (select (${keys[0]}) from ${tmp})${andPreds}`, insert];
    }
    const on = keys.map((k) => `DBT_INTERNAL_SOURCE.${k} = DBT_INCREMENTAL_TARGET.${k}`).join(' and ');
    return [`delete from ${target} as DBT_INCREMENTAL_TARGET\nusing ${tmp} as DBT_INTERNAL_SOURCE\nwhere (${on})${andPreds}`, insert];
  }
  const on = [...(keys.length ? keys.map((k) => `DBT_INTERNAL_SOURCE.${k} = DBT_INTERNAL_DEST.${k}`) : ['FALSE']), ...preds].map((p) => `(${p})`).join(' and ');
  const set = cols.map((c) => `${c} = DBT_INTERNAL_SOURCE.${c}`).join(', ');
  const values = cols.map((c) => `DBT_INTERNAL_SOURCE.${c}`).join(', ');
  return [
    `merge into ${target} as DBT_INTERNAL_DEST\nusing ${tmp} as DBT_INTERNAL_SOURCE\non ${on}\n` +
      `when matched then update set ${set}\nwhen not matched then insert (${colList}) values (${values})`,
  ];
}
