/**
 * The statements a test runs, shaped like dbt's `get_test_sql` and test materialization: the
 * compiled test query (failing rows), optionally stored in the audit schema, then one row with
 * the failure count and the warn/error comparisons.
 */
import { quoteIdent } from '../project';
import type { TestSettings } from './config';

export interface Statement {
  sql: string;
  /** Where the test's own compiled SQL starts in `sql`, to map DuckDB error positions back. */
  bodyOffset: number;
}

/** The compiled test query with dbt's `limit`; a trailing `;` would end the subquery early. */
export function failingRowsQuery(compiled: string, limit: number | null): string {
  const body = compiled.replace(/[\s;]+$/, '');
  // On its own line: the query may end with a `--` comment.
  return limit === null ? body : `${body}\nlimit ${limit}`;
}

export function answerStatement(main: string, s: TestSettings): Statement {
  const head = `select\n    ${s.failCalc} as failures,\n    ${s.failCalc} ${s.warnIf} as should_warn,\n    ${s.failCalc} ${s.errorIf} as should_error\nfrom (\n`;
  return { sql: `${head}${main}\n) dbt_internal_test`, bodyOffset: head.length };
}

export function sampleStatement(main: string, rows: number): Statement {
  const head = 'select * from (\n';
  return { sql: `${head}${main}\n) dbt_internal_sample limit ${rows}`, bodyOffset: head.length };
}

/** How many rows the failures involve: summed n_records when the test groups rows (unique, accepted_values), else its row count. */
export function rowCountStatement(main: string, grouped: boolean): Statement {
  const head = `select ${grouped ? 'coalesce(sum(n_records), 0)' : 'count(*)'} as n from (\n`;
  return { sql: `${head}${main}\n) dbt_internal_rows`, bodyOffset: head.length };
}

export interface AuditRelation {
  database: string;
  schema: string;
  alias: string;
}

export function auditRelationName(r: AuditRelation): string {
  return `${quoteIdent(r.database)}.${quoteIdent(r.schema)}.${quoteIdent(r.alias)}`;
}

export function storeStatement(r: AuditRelation, kind: 'table' | 'view', main: string): Statement {
  const head = `create or replace ${kind} ${auditRelationName(r)} as (\n`;
  return { sql: `${head}${main}\n)`, bodyOffset: head.length };
}
