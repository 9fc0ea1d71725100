/**
 * Materializations: each replaces its relation inside one transaction, so a failing model
 * leaves the previous table or view exactly as it was.
 */
import type { ManifestNode } from '../project';
import { describeRelation } from './runHelpers';
import { quoteIdent, sqlString, type Warehouse } from './warehouse';

export interface MaterializeOutcome {
  rowsAffected: number;
  message: string;
  /** The statement that built the relation, and where the model SQL starts inside it. */
  statement: string;
  bodyOffset: number;
}

export type RelationKind = 'table' | 'view' | undefined;

/**
 * Views first (duckdb_views() is cheap, and a view whose table is gone still exists), then one
 * DESCRIBE: information_schema.tables costs ~6 ms a call at 1,000 relations, once per model.
 * Names compare as DuckDB looks them up, without regard to case.
 */
export async function relationKind(wh: Warehouse, node: Pick<ManifestNode, 'database' | 'schema' | 'alias'>): Promise<RelationKind> {
  const views = await wh.query(
    `select 1 from duckdb_views() where lower(database_name) = lower(${sqlString(node.database)}) and lower(schema_name) = lower(${sqlString(node.schema)}) and lower(view_name) = lower(${sqlString(node.alias)})`,
  );
  if (views.length) return 'view';
  return (await describeRelation(wh, qualified(node))) ? 'table' : undefined;
}

export function qualified(node: Pick<ManifestNode, 'database' | 'schema' | 'alias'>): string {
  return `${quoteIdent(node.database)}.${quoteIdent(node.schema)}.${quoteIdent(node.alias)}`;
}

export async function materializeView(wh: Warehouse, node: ManifestNode, sql: string): Promise<MaterializeOutcome> {
  const rel = qualified(node);
  const prefix = `create or replace view ${rel} as (\n`;
  const statement = `${prefix}${sql}\n)`;
  const existing = await relationKind(wh, node);
  await withStatement(statement, prefix.length, () =>
    wh.transaction(async (tx) => {
      await tx.run(`create schema if not exists ${quoteIdent(node.database)}.${quoteIdent(node.schema)}`);
      if (existing === 'table') await tx.run(`drop table ${rel}`);
      await tx.run(statement);
    }),
  );
  return { rowsAffected: 0, message: 'OK', statement, bodyOffset: prefix.length };
}

export async function materializeTable(wh: Warehouse, node: ManifestNode, sql: string): Promise<MaterializeOutcome> {
  return replaceWithTable(wh, node, `create or replace table ${qualified(node)} as (\n`, `${sql}\n)`, 'SELECT');
}

/**
 * Replaces the node's relation with the table `prefix + body` builds, in one transaction (a
 * view of the same name is dropped first). `verb` heads the adapter message, as dbt's does.
 */
export async function replaceWithTable(wh: Warehouse, node: ManifestNode, prefix: string, body: string, verb: string): Promise<MaterializeOutcome> {
  const rel = qualified(node);
  const statement = prefix + body;
  const existing = await relationKind(wh, node);
  let rows = 0;
  await withStatement(statement, prefix.length, () =>
    wh.transaction(async (tx) => {
      await tx.run(`create schema if not exists ${quoteIdent(node.database)}.${quoteIdent(node.schema)}`);
      if (existing === 'view') await tx.run(`drop view ${rel}`);
      rows = await tx.run(statement);
    }),
  );
  return { rowsAffected: rows, message: `${verb} ${rows}`, statement, bodyOffset: prefix.length };
}

/** A statement that failed, with what is needed to map DuckDB's position back to the model. */
export class StatementError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly statement: string,
    readonly bodyOffset: number,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'StatementError';
  }
}

/** Runs `fn`, tagging any error with the statement layout. */
export async function withStatement<T>(statement: string, bodyOffset: number, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw new StatementError(e, statement, bodyOffset);
  }
}
