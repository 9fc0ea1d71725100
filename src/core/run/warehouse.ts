/**
 * The one owner of a DuckDB database for an engine: opens it with the sandbox settings,
 * runs SQL, and turns DuckDB's lock errors into messages that say who holds the file.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DuckDBConnection, DuckDBInstance, type DuckDBMaterializedResult, type DuckDBResult, type DuckDBValue } from '@duckdb/node-api';

export interface WarehouseOptions {
  /** Absolute DuckDB file path, or `:memory:`. */
  path: string;
  /** The project folder: the only place model SQL may read or write files. */
  projectRoot: string;
  /** Folder for DuckDB's extension directory and spill files (the project's `target/`). */
  targetDir: string;
  readOnly?: boolean;
  threads?: number;
  /** Extra folders SQL may read (e.g. a shared data folder inside the workspace). */
  allowedDirectories?: string[];
  /** Turn the filesystem sandbox off (tests of the sandbox itself, trusted scripts). */
  unsandboxed?: boolean;
  /**
   * DuckDB settings applied before the sandbox locks the configuration (e.g. `enable_progress_bar`
   * for progress polling). The sandbox settings are applied after these, so they always win.
   */
  settings?: Record<string, string | number | boolean>;
}

export type Row = Record<string, unknown>;

export class WarehouseLockedError extends Error {
  constructor(readonly path: string, readonly holder: string) {
    super(
      `The database ${path} is in use by ${holder}. DuckDB allows one writing process per file: ` +
        `close the other program (another VS Code window, a model-studio or duckdb shell), then try again.`,
    );
    this.name = 'WarehouseLockedError';
  }
}

export class Warehouse {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly options: WarehouseOptions,
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
  ) {}

  static async open(options: WarehouseOptions): Promise<Warehouse> {
    const inMemory = options.path === ':memory:';
    if (!inMemory) mkdirSync(dirname(options.path), { recursive: true });
    const extDir = join(options.targetDir, 'duckdb_extensions');
    const tmpDir = join(options.targetDir, 'duckdb_tmp');
    mkdirSync(extDir, { recursive: true });
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(options.path, {
        access_mode: options.readOnly ? 'READ_ONLY' : 'AUTOMATIC',
        // Only the built-in extensions exist offline, and nothing may be written to the user's home.
        autoinstall_known_extensions: 'false',
        autoload_known_extensions: 'false',
        extension_directory: extDir,
        // Structured errors carry the character position, which we map back to the model's source line.
        errors_as_json: 'true',
        ...(options.threads ? { threads: String(options.threads) } : {}),
      });
    } catch (e) {
      throw translateOpenError(e, options.path);
    }
    const connection = await instance.connect();
    const wh = new Warehouse(options, instance, connection);
    for (const [name, value] of Object.entries(options.settings ?? {})) {
      if (!/^[a-z_][a-z0-9_]*$/i.test(name)) throw new Error(`Invalid DuckDB setting name: ${name}`);
      await connection.run(`SET ${name} = ${typeof value === 'string' ? sqlString(value) : String(value)}`);
    }
    await wh.applySandbox(tmpDir);
    return wh;
  }

  /** Limits file access to the project, then locks the configuration so SQL cannot undo it. */
  private async applySandbox(tmpDir: string): Promise<void> {
    if (this.options.unsandboxed) return;
    const dirs = [this.options.projectRoot, this.options.targetDir, ...(this.options.allowedDirectories ?? [])];
    if (this.options.path !== ':memory:') dirs.push(dirname(this.options.path));
    const list = [...new Set(dirs.map((d) => (d.endsWith('/') ? d : d + '/')))].map(sqlString).join(', ');
    await this.connection.run(`SET allowed_directories = [${list}]`);
    await this.connection.run(`SET temp_directory = ${sqlString(tmpDir)}`);
    await this.connection.run(`SET enable_external_access = false`);
    await this.connection.run(`SET lock_configuration = true`);
  }

  /** Runs statements one after another on this connection, in call order. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async run(sql: string): Promise<number> {
    return this.serial(async () => {
      return rowsAffected(await sqlErrors(() => this.connection.run(sql)));
    });
  }

  async query(sql: string): Promise<Row[]> {
    return this.serial(async () => {
      const reader = await sqlErrors(() => this.connection.runAndReadAll(sql));
      return reader.getRowObjectsJS();
    });
  }

  /** Rows plus column names and DuckDB types, for `show` and previews. */
  async queryWithColumns(sql: string): Promise<{ columns: Array<{ name: string; type: string }>; rows: DuckDBValue[][] }> {
    return this.serial(async () => {
      const reader = await sqlErrors(() => this.connection.runAndReadAll(sql));
      const names = reader.columnNames();
      const types = reader.columnTypes();
      return { columns: names.map((name, i) => ({ name, type: types[i].toString() })), rows: reader.getRows() };
    });
  }

  /**
   * Runs `fn` inside one transaction: all of it lands, or none of it does. Calls inside `fn`
   * must use the `tx` handle (the outer queue is held for the duration).
   */
  async transaction<T>(fn: (tx: { run(sql: string): Promise<number>; query(sql: string): Promise<Row[]> }) => Promise<T>): Promise<T> {
    return this.serial(async () => {
      const c = this.connection;
      const tx = {
        run: async (sql: string) => rowsAffected(await sqlErrors(() => c.run(sql))),
        query: async (sql: string) => (await sqlErrors(() => c.runAndReadAll(sql))).getRowObjectsJS() as Row[],
      };
      await c.run('BEGIN TRANSACTION');
      try {
        const out = await fn(tx);
        await c.run('COMMIT');
        return out;
      } catch (e) {
        try {
          await c.run('ROLLBACK');
        } catch {
          // The transaction may already be aborted by the error; nothing left to undo.
        }
        throw e;
      }
    });
  }

  /** Stops the statement running now (a new save supersedes a run in flight). */
  interrupt(): void {
    this.connection.interrupt();
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/**
 * A DuckDB error, decoded from DuckDB's JSON error form: a readable message plus, when DuckDB
 * knows it, the character offset in the statement where the problem is.
 */
export class DuckDBSqlError extends Error {
  constructor(
    readonly kind: string,
    readonly detail: string,
    readonly position: number | undefined,
    readonly subtype: string | undefined,
  ) {
    super(`${kind} Error: ${detail}`);
    this.name = 'DuckDBSqlError';
  }
}

export function decodeDuckDBError(e: unknown): unknown {
  if (!(e instanceof Error) || e instanceof DuckDBSqlError) return e;
  const brace = e.message.indexOf('{');
  if (brace < 0) return e;
  try {
    const j = JSON.parse(e.message.slice(brace)) as Record<string, string | undefined>;
    if (!j.exception_type || j.exception_message === undefined) return e;
    const pos = j.position === undefined ? undefined : Number(j.position);
    return new DuckDBSqlError(j.exception_type, j.exception_message, Number.isFinite(pos) ? pos : undefined, j.error_subtype);
  } catch {
    return e;
  }
}

async function sqlErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw decodeDuckDBError(e);
  }
}

/** DuckDB reports CREATE TABLE AS counts as a `Count` row, not in rowsChanged. */
async function rowsAffected(result: DuckDBMaterializedResult | DuckDBResult): Promise<number> {
  const changed = Number(result.rowsChanged ?? 0);
  if (changed > 0) return changed;
  const names = result.columnNames();
  if (names.length === 1 && names[0] === 'Count') {
    const rows = await result.getRows();
    return Number(rows[0]?.[0] ?? 0);
  }
  return 0;
}

export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

export function quoteIdent(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

function translateOpenError(e: unknown, path: string): Error {
  const msg = e instanceof Error ? e.message : String(e);
  const m = /Conflicting lock is held in (.+?) \(PID (\d+)\)/.exec(msg);
  if (m || /Could not set lock on file/.test(msg)) {
    return new WarehouseLockedError(path, m ? `${m[1]} (PID ${m[2]})` : 'another process');
  }
  return e instanceof Error ? e : new Error(msg);
}
