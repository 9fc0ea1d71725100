/**
 * Value lists the rows pick from (Faker pools, weighted slots, date slots). They live as LIST
 * columns of one single-row table that every generating query cross-joins: DuckDB then reads the
 * list once per chunk, and a cross join with one row keeps the rows in order (an inline list
 * literal is re-built for every chunk, and a scalar subquery does not keep the order).
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export type ListType = 'VARCHAR' | 'BIGINT' | 'DOUBLE';

interface ListEntry {
  column: string;
  type: ListType;
  values: Array<string | number>;
  /** A list computed by DuckDB (a subquery returning one LIST) instead of `values`. */
  sql?: string;
}

export const CONSTS_ALIAS = '__k';

export class ConstLists {
  private readonly byKey = new Map<string, ListEntry>();
  private readonly entries: ListEntry[] = [];

  constructor(private readonly internalSchema: string) {}

  /** SQL for element `index1` (1-based SQL) of the list registered under `key`. */
  pick(key: string, type: ListType, make: () => Array<string | number>, index1: string): string {
    let e = this.byKey.get(key);
    if (!e) {
      e = { column: `k${this.entries.length}`, type, values: make() };
      this.byKey.set(key, e);
      this.entries.push(e);
    }
    return `${CONSTS_ALIAS}.${e.column}[${index1}]`;
  }

  /** SQL for element `index1` of a list that DuckDB computes with `listSql` (a scalar subquery). */
  pickSql(key: string, listSql: string, index1: string): string {
    let e = this.byKey.get(key);
    if (!e) {
      e = { column: `k${this.entries.length}`, type: 'VARCHAR', values: [], sql: listSql };
      this.byKey.set(key, e);
      this.entries.push(e);
    }
    return `${CONSTS_ALIAS}.${e.column}[${index1}]`;
  }

  /** Bytes of the distinct values of a list given by value (UTF-16 length: close enough for a threshold). */
  bytes(key: string): number | undefined {
    const e = this.byKey.get(key);
    if (!e || e.sql) return undefined;
    return [...new Set(e.values)].reduce((a: number, v) => a + String(v).length, 0);
  }

  size(key: string): number | undefined {
    return this.byKey.get(key)?.values.length;
  }

  get table(): string {
    return `"${this.internalSchema}".consts`;
  }

  /** Loads every list through the appender (a long SQL literal would be parsed value by value). */
  async materialize(conn: DuckDBConnection): Promise<void> {
    const s = `"${this.internalSchema}"`;
    await conn.run(`CREATE OR REPLACE TABLE ${s}.const_values (k INTEGER, i INTEGER, sv VARCHAR, iv BIGINT, dv DOUBLE)`);
    const app = await conn.createAppender('const_values', this.internalSchema);
    this.entries.forEach((e, k) => {
      e.values.forEach((v, i) => {
        app.appendInteger(k);
        app.appendInteger(i);
        if (e.type === 'VARCHAR') app.appendVarchar(String(v));
        else app.appendNull();
        if (e.type === 'BIGINT') app.appendBigInt(BigInt(Math.trunc(Number(v))));
        else app.appendNull();
        if (e.type === 'DOUBLE') app.appendDouble(Number(v));
        else app.appendNull();
        app.endRow();
      });
    });
    app.closeSync();
    const cols = this.entries.map((e, k) => {
      if (e.sql) return `${e.sql} AS ${e.column}`;
      const field = e.type === 'VARCHAR' ? 'sv' : e.type === 'BIGINT' ? 'iv' : 'dv';
      return `(SELECT list(${field} ORDER BY i) FROM ${s}.const_values WHERE k = ${k}) AS ${e.column}`;
    });
    await conn.run(`CREATE OR REPLACE TABLE ${this.table} AS SELECT ${cols.length ? cols.join(', ') : '1 AS k_none'}`);
    await conn.run(`DROP TABLE ${s}.const_values`);
  }
}
