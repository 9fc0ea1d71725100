/** Small pieces shared by the materializations and the quality profile. */
import { ProblemError, type Place } from '../problems';
import type { ManifestNode } from '../project';
import { DuckDBSqlError, quoteIdent, sqlString, type Row } from './warehouse';

export interface Column {
  name: string;
  type: string;
}

/** What both a transaction handle and a Warehouse offer for reading. */
export interface Querier {
  query(sql: string): Promise<Row[]>;
}

export async function columnsOf(q: Querier, catalog: string, schema: string, table: string): Promise<Column[]> {
  const rows = await q.query(
    `select column_name, data_type from information_schema.columns where table_catalog = ${sqlString(catalog)} and table_schema = ${sqlString(schema)} and table_name = ${sqlString(table)} order by ordinal_position`,
  );
  return rows.map((r) => ({ name: String(r.column_name), type: String(r.data_type) }));
}

/**
 * The columns of one relation as DuckDB binds it, or undefined when there is none by that name.
 * DESCRIBE looks up that relation alone, where information_schema lists every column of the
 * database before filtering: ~8 ms a call at 1,000 relations, which made a build quadratic.
 * Outside a transaction only: a missing relation is an error, and an error aborts a transaction.
 */
export async function describeRelation(q: Querier, qualifiedName: string): Promise<Column[] | undefined> {
  try {
    const rows = await q.query(`select column_name, column_type from (describe ${qualifiedName})`);
    return rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
  } catch (e) {
    if (isMissingRelation(e)) return undefined;
    throw e;
  }
}

/** No such table, view, schema or database (a view whose table is gone reads the same). */
function isMissingRelation(e: unknown): boolean {
  if (!(e instanceof DuckDBSqlError)) return false;
  return e.kind === 'Catalog' || (e.kind === 'Binder' && /^Catalog ".*" does not exist/.test(e.detail));
}

/**
 * A temp table for this node's intermediate rows. Temp tables vanish with a rollback and never
 * clash with the user's schemas, so a failed run leaves nothing behind.
 */
export function tempTable(node: Pick<ManifestNode, 'alias'>, suffix: string): { ref: string; name: string } {
  const name = `${node.alias}${suffix}`;
  return { ref: `temp.main.${quoteIdent(name)}`, name };
}

/** A config value that may be a string or a list of strings (unique_key, check_cols, predicates). */
export function stringList(v: unknown): string[] {
  if (v === undefined || v === null || v === '') return [];
  if (Array.isArray(v)) return v.map(String);
  return [String(v)];
}

export function hasColumn(cols: Column[], name: string): boolean {
  const n = name.toLowerCase();
  return cols.some((c) => c.name.toLowerCase() === n);
}

/**
 * Where a config key is written: in the model file (`config(key=…)`) when it is there, else at
 * the schema YAML entry, else the top of the file. Config errors are then shown on the line to fix.
 */
export function configPlace(node: ManifestNode, key: string): Place {
  const m = new RegExp(`\\b${key}\\b`).exec(node.raw_code);
  if (m) {
    const before = node.raw_code.slice(0, m.index);
    const line = before.split('\n').length;
    return { file: node.abs_path, line, column: m.index - before.lastIndexOf('\n'), endLine: line, endColumn: m.index - before.lastIndexOf('\n') + key.length };
  }
  return node.patch_place ?? { file: node.abs_path, line: 1, column: 1 };
}

export function configError(node: ManifestNode, key: string, message: string, hint?: string): ProblemError {
  return new ProblemError({ code: 'config-error', severity: 'error', ...configPlace(node, key), message, hint });
}
