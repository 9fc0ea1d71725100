/**
 * Column names and types as DuckDB has them, for ER diagrams of a database that exists: what the
 * models really produce beats what the YAML says they should.
 */
import type { Warehouse } from '../run';

export interface CatalogColumn {
  name: string;
  /** DuckDB's type, e.g. `INTEGER`, `DECIMAL(10,2)`, `VARCHAR[]`. */
  type: string;
}

/** Columns in table order, keyed by lower-case `schema.table`. */
export type Catalog = Record<string, CatalogColumn[]>;

export function catalogKey(schema: string, table: string): string {
  return `${schema}.${table}`.toLowerCase();
}

/** Every table and view of the warehouse's own database (attached databases are left out). */
export async function readCatalog(warehouse: Pick<Warehouse, 'query'>): Promise<Catalog> {
  const rows = await warehouse.query(
    `SELECT table_schema, table_name, column_name, data_type
       FROM information_schema.columns
      WHERE table_catalog = current_database()
      ORDER BY table_schema, table_name, ordinal_position`,
  );
  const out: Catalog = {};
  for (const r of rows) {
    const key = catalogKey(String(r.table_schema), String(r.table_name));
    (out[key] ??= []).push({ name: String(r.column_name), type: String(r.data_type) });
  }
  return out;
}
