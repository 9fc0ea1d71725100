/** Seeds: a CSV file loaded into a table with DuckDB's CSV reader, column_types honoured. */
import type { ManifestNode } from '../project';
import { qualified, relationKind, withStatement, type MaterializeOutcome } from './materialize';
import { quoteIdent, sqlString, type Warehouse } from './warehouse';

export function seedSelect(node: ManifestNode): string {
  const opts = [`header = true`, `auto_detect = true`, `sample_size = -1`];
  const types = node.config.column_types;
  if (types && Object.keys(types).length) {
    opts.push(`types = {${Object.entries(types).map(([c, t]) => `${sqlString(c)}: ${sqlString(String(t))}`).join(', ')}}`);
  }
  if (typeof node.config.delimiter === 'string') opts.push(`delim = ${sqlString(node.config.delimiter)}`);
  return `select * from read_csv(${sqlString(node.abs_path)}, ${opts.join(', ')})`;
}

export async function loadSeed(wh: Warehouse, node: ManifestNode): Promise<MaterializeOutcome> {
  const rel = qualified(node);
  const body = seedSelect(node);
  const prefix = `create or replace table ${rel} as `;
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
  return { rowsAffected: rows, message: `INSERT ${rows}`, statement, bodyOffset: prefix.length };
}
