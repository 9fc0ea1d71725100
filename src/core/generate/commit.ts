/**
 * Putting a finished temporary database in place without ever exposing a half-written one.
 *
 * - The project file has nothing but the dataset's schema (or does not exist): rename the temp file
 *   over it. rename(2) is atomic, so a crash leaves either the old file or the new one.
 * - The file also holds other schemas (models the engine built): in one DuckDB transaction on the
 *   real file, drop the dataset's schema and copy the new tables in from the attached temp file.
 *   DuckDB's write-ahead log makes the transaction all-or-nothing across a crash or kill -9.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { quoteIdent as q, sqlString, Warehouse } from '../run/warehouse';

export type CommitMode = 'rename' | 'attach';

const TEMP_PREFIX = '.generate-';

export function tempDbPath(targetDir: string): string {
  return join(targetDir, `${TEMP_PREFIX}${process.pid}-${Date.now().toString(36)}.duckdb`);
}

export function removeDbFiles(path: string): void {
  for (const p of [path, `${path}.wal`, `${path}.tmp`]) rmSync(p, { force: true, recursive: true });
}

/** Temp files left by a generator that was killed: their process no longer runs. */
export function removeStaleTemps(targetDir: string): void {
  if (!existsSync(targetDir)) return;
  for (const name of readdirSync(targetDir)) {
    const m = /^\.generate-(\d+)-[0-9a-z]+\.duckdb(\.wal)?$/.exec(name);
    if (!m || Number(m[1]) === process.pid || processAlive(Number(m[1]))) continue;
    rmSync(join(targetDir, name), { force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Objects in the file outside the dataset's schema (which a rename would lose). */
export async function otherObjects(wh: Warehouse, schema: string): Promise<number> {
  const rows = await wh.query(
    `SELECT count(*)::INTEGER AS n FROM (
       SELECT schema_name FROM duckdb_tables() WHERE database_name = current_database() AND NOT temporary
       UNION ALL SELECT schema_name FROM duckdb_views() WHERE database_name = current_database() AND NOT internal AND NOT temporary
       UNION ALL SELECT schema_name FROM duckdb_sequences() WHERE database_name = current_database() AND NOT temporary
       UNION ALL SELECT schema_name FROM duckdb_functions() WHERE database_name = current_database() AND NOT internal AND function_type = 'macro'
       UNION ALL SELECT schema_name FROM duckdb_types() WHERE database_name = current_database() AND NOT internal
       UNION ALL SELECT schema_name FROM duckdb_schemas() WHERE database_name = current_database() AND NOT internal AND schema_name NOT IN ('main')
     ) WHERE schema_name <> ${sqlString(schema)}`,
  );
  return Number(rows[0]?.n ?? 0);
}

export interface CommitOptions {
  tempPath: string;
  dbPath: string;
  projectRoot: string;
  targetDir: string;
  schema: string;
  tables: string[];
  /** The caller's open connection to the real file (the language server keeps one). */
  warehouse?: Warehouse;
  signal?: AbortSignal;
  /** Called before each table is copied in (the attach path only). */
  onCopy?: (table: string) => void;
  /** Compression of text columns, per table then column, kept when tables are copied in. */
  compression?: Map<string, Map<string, 'dictionary' | 'fsst'>>;
}

export async function commitTemp(o: CommitOptions): Promise<CommitMode> {
  if (o.warehouse) {
    await copyInto(o.warehouse, o);
    removeDbFiles(o.tempPath);
    return 'attach';
  }
  let mode: CommitMode = 'rename';
  if (existsSync(o.dbPath)) {
    // Opening replays a pending WAL into the old file and checkpoints on close: no stale WAL can
    // then be applied to the renamed file.
    const wh = await Warehouse.open({ path: o.dbPath, projectRoot: o.projectRoot, targetDir: o.targetDir });
    try {
      if ((await otherObjects(wh, o.schema)) > 0) {
        mode = 'attach';
        await copyInto(wh, o);
      } else {
        await wh.run('CHECKPOINT');
      }
    } finally {
      wh.close();
    }
  }
  if (mode === 'rename') {
    if (o.signal?.aborted) throw new Error('cancelled');
    if (existsSync(`${o.tempPath}.wal`) && statSync(`${o.tempPath}.wal`).size > 0) throw new Error(`${o.tempPath} was not checkpointed; refusing to put it in place`);
    rmSync(`${o.dbPath}.wal`, { force: true });
    mkdirSync(dirname(o.dbPath), { recursive: true });
    try {
      renameSync(o.tempPath, o.dbPath);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
      // target/ on another file system: copy beside the file first, so the last step is still a rename.
      const near = `${o.dbPath}.generate-${process.pid}.tmp`;
      copyFileSync(o.tempPath, near);
      renameSync(near, o.dbPath);
    }
  }
  removeDbFiles(o.tempPath);
  return mode;
}

async function copyInto(wh: Warehouse, o: CommitOptions): Promise<void> {
  const alias = `__gen_${basename(o.tempPath).replace(/\W/g, '_')}`;
  await wh.run(`ATTACH ${sqlString(o.tempPath)} AS ${q(alias)} (READ_ONLY)`);
  try {
    await wh.transaction(async (tx) => {
      await tx.run(`DROP SCHEMA IF EXISTS ${q(o.schema)} CASCADE`);
      await tx.run(`CREATE SCHEMA ${q(o.schema)}`);
      for (const t of o.tables) {
        if (o.signal?.aborted) throw new Error('cancelled');
        o.onCopy?.(`${o.schema}.${t}`);
        const source = `${q(alias)}.${q(o.schema)}.${q(t)}`;
        const hints = o.compression?.get(t);
        if (!hints?.size) {
          await tx.run(`CREATE TABLE ${q(o.schema)}.${q(t)} AS SELECT * FROM ${source}`);
          continue;
        }
        // Declared with the compression the build chose: DuckDB would otherwise try every method on every text column again.
        const cols = await tx.query(
          `SELECT column_name AS name, data_type AS type FROM duckdb_columns() WHERE database_name = ${sqlString(alias)} AND schema_name = ${sqlString(o.schema)} AND table_name = ${sqlString(t)} ORDER BY column_index`,
        );
        const defs = cols.map((c) => {
          const hint = String(c.type) === 'VARCHAR' ? hints.get(String(c.name)) : undefined;
          return `${q(String(c.name))} ${String(c.type)}${hint ? ` USING COMPRESSION ${hint}` : ''}`;
        });
        await tx.run(`CREATE TABLE ${q(o.schema)}.${q(t)} (${defs.join(', ')})`);
        await tx.run(`INSERT INTO ${q(o.schema)}.${q(t)} SELECT * FROM ${source}`);
      }
    });
  } finally {
    await wh.run(`DETACH ${q(alias)}`);
  }
  await wh.run('CHECKPOINT');
}
