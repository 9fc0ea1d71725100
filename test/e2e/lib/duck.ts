/** Reading a project's DuckDB file from the test process, read-only, closed again at once. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

/** `schema.table` → row count, for every table in the file. */
export async function tableCounts(file: string): Promise<Record<string, number>> {
  // A file the editor's server still holds open cannot be opened from here (DuckDB locks it).
  const db = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const conn = await db.connect();
  try {
    const tables = (await conn.runAndReadAll(`select schema_name, table_name from duckdb_tables() order by 1, 2`)).getRowObjects();
    const out: Record<string, number> = {};
    for (const t of tables) {
      const name = `${String(t.schema_name)}.${String(t.table_name)}`;
      const r = (await conn.runAndReadAll(`select count(*)::INTEGER as n from "${String(t.schema_name)}"."${String(t.table_name)}"`)).getRowObjects();
      out[name] = Number(r[0].n);
    }
    return out;
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

/** What identifies a file's content on disk: unchanged means nothing wrote to it. */
export function fingerprint(file: string): string {
  if (!existsSync(file)) return 'absent';
  const st = statSync(file);
  return `${st.size}:${st.mtimeMs}:${createHash('sha256').update(readFileSync(file)).digest('hex')}`;
}
