/**
 * The one owner of a DuckDB database for an engine: opens it with the sandbox settings, runs SQL,
 * turns DuckDB's lock errors into messages that say who holds the file, and can let go of the file
 * while idle so another process (a CLI run next to the editor) can use it.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DuckDBConnection, DuckDBInstance, type DuckDBMaterializedResult, type DuckDBResult, type DuckDBValue } from '@duckdb/node-api';
import { SandboxGuard, type Refusal } from './sandbox';
import { copyForBrowsing, translateOpenError, WarehouseLockedError, type LockedSnapshot } from './warehouseLock';

export { WarehouseLockedError, type LockedSnapshot } from './warehouseLock';

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
  /**
   * Close the file after this many milliseconds without a statement; the next statement reopens
   * it. Only for callers that go through run/query/transaction (not `connection`).
   */
  idleReleaseMs?: number;
}

export type Row = Record<string, unknown>;

interface OpenDb {
  instance: DuckDBInstance;
  connection: DuckDBConnection;
  guard?: SandboxGuard;
}

export class Warehouse {
  private queue: Promise<unknown> = Promise.resolve();
  private db: OpenDb | undefined;
  private pending = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private closed = false;
  /** See `cancelWith`. */
  private cancel: AbortSignal | undefined;
  /** Project statements running on the connection now (0 or 1: statements run one at a time). */
  private executing = 0;
  /** How many times the file has been opened: each reopen may find changes made by another process. */
  opens = 0;

  private constructor(readonly options: WarehouseOptions) {}

  static async open(options: WarehouseOptions): Promise<Warehouse> {
    const wh = new Warehouse(options);
    wh.db = await openDb(options);
    wh.opens = 1;
    return wh;
  }

  /**
   * Read-only browsing. DuckDB 1.5.6 refuses even a read-only open while another process writes
   * to the file, so then this opens a copy taken as of the holder's last checkpoint, and says so
   * in `snapshot`. Throws WarehouseLockedError when no usable copy can be made.
   */
  static async openReadOnly(options: WarehouseOptions): Promise<{ warehouse: Warehouse; snapshot?: LockedSnapshot }> {
    try {
      return { warehouse: await Warehouse.open({ ...options, readOnly: true, idleReleaseMs: undefined }) };
    } catch (e) {
      if (!(e instanceof WarehouseLockedError) || options.path === ':memory:') throw e;
      const copy = copyForBrowsing(options.path, options.targetDir);
      if (!copy) throw e;
      try {
        const warehouse = await Warehouse.open({ ...options, path: copy, readOnly: true, idleReleaseMs: undefined });
        await warehouse.query('select count(*) from duckdb_tables()');
        return { warehouse, snapshot: { holder: e.holder, pid: e.pid, path: copy, copiedAt: new Date() } };
      } catch {
        throw e;
      }
    }
  }

  /** The open connection; throws while the file is released (see `idleReleaseMs`). */
  get connection(): DuckDBConnection {
    if (!this.db) throw new Error(`The database ${this.options.path} is not open (it was released or closed).`);
    return this.db.connection;
  }

  /** False while released: the next statement reopens the file (and may find another process holding it). */
  get isOpen(): boolean {
    return !!this.db;
  }

  /** Changes the idle delay of an open warehouse (e.g. when the editor setting changes); undefined keeps the file. */
  setIdleRelease(ms: number | undefined): void {
    this.options.idleReleaseMs = ms;
    this.armIdleTimer();
  }

  /** Closes the file once the statements queued now are done; the warehouse reopens it on the next one. */
  release(): Promise<void> {
    return this.serial(() => {
      this.closeDb();
      return Promise.resolve();
    });
  }

  private async ensureOpen(): Promise<OpenDb> {
    if (this.closed) throw new Error(`The database ${this.options.path} was closed.`);
    if (!this.db) {
      this.db = await openDb(this.options);
      this.opens++;
    }
    return this.db;
  }

  private closeDb(): void {
    const db = this.db;
    this.db = undefined;
    if (!db) return;
    db.connection.closeSync();
    db.instance.closeSync();
  }

  private armIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    const ms = this.options.idleReleaseMs;
    if (ms === undefined || this.closed || this.pending > 0 || !this.db) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.pending === 0) this.closeDb();
    }, ms);
    // An idle timer must not keep a CLI process alive.
    this.idleTimer.unref();
  }

  /** Runs statements one after another on this connection, in call order. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    this.pending++;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const next = this.queue.then(fn, fn);
    this.queue = next
      .catch(() => undefined)
      .finally(() => {
        this.pending--;
        this.armIdleTimer();
      });
    return next;
  }

  /** One statement of project-facing SQL: screened by the sandbox, errors decoded and explained. */
  private async exec<T>(db: OpenDb, sql: string, fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    try {
      const refusal = await db.guard?.screen(db.connection, sql);
      if (refusal) throw sandboxError(refusal);
      if (this.cancel?.aborted) throw new Error('Interrupted: the run was cancelled before this statement started.');
      this.executing++;
      try {
        return await fn(db.connection);
      } finally {
        this.executing--;
      }
    } catch (e) {
      const err = decodeDuckDBError(e);
      if (!db.guard || !(err instanceof DuckDBSqlError) || err instanceof SandboxError) throw err;
      const refusal = db.guard.explain(err.kind, err.detail, sql);
      throw refusal ? sandboxError(refusal, err.position) : err;
    }
  }

  async run(sql: string): Promise<number> {
    return this.serial(async () => {
      const db = await this.ensureOpen();
      return rowsAffected(await this.exec(db, sql, (c) => c.run(sql)));
    });
  }

  async query(sql: string): Promise<Row[]> {
    return this.serial(async () => {
      const db = await this.ensureOpen();
      const reader = await this.exec(db, sql, (c) => c.runAndReadAll(sql));
      return reader.getRowObjectsJS();
    });
  }

  /** Rows plus column names and DuckDB types, for `show` and previews. */
  async queryWithColumns(sql: string): Promise<{ columns: Array<{ name: string; type: string }>; rows: DuckDBValue[][] }> {
    return this.serial(async () => {
      const db = await this.ensureOpen();
      const reader = await this.exec(db, sql, (c) => c.runAndReadAll(sql));
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
      const db = await this.ensureOpen();
      const c = db.connection;
      const tx = {
        run: async (sql: string) => rowsAffected(await this.exec(db, sql, (x) => x.run(sql))),
        query: async (sql: string) => (await this.exec(db, sql, (x) => x.runAndReadAll(sql))).getRowObjectsJS() as Row[],
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
    this.db?.connection.interrupt();
  }

  /**
   * Cancels project SQL when `signal` fires, until the returned function is called: the statement
   * running is interrupted, and later ones refuse to start. The interrupt is repeated while a
   * statement runs, because one that reaches DuckDB before the statement has begun is lost (found
   * by a save storm: a slow query started just after the interrupt ran on for minutes).
   * Transaction control (BEGIN/COMMIT/ROLLBACK) is never interrupted, so a rollback completes.
   */
  cancelWith(signal: AbortSignal | undefined): () => void {
    if (!signal) return () => undefined;
    this.cancel = signal;
    let timer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      const hit = () => {
        if (this.executing > 0) this.interrupt();
      };
      hit();
      timer = setInterval(hit, 100);
      timer.unref();
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    return () => {
      signal.removeEventListener('abort', onAbort);
      if (timer) clearInterval(timer);
      if (this.cancel === signal) this.cancel = undefined;
    };
  }

  close(): void {
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.closeDb();
  }
}

async function openDb(options: WarehouseOptions): Promise<OpenDb> {
  const inMemory = options.path === ':memory:';
  if (!inMemory) mkdirSync(dirname(options.path), { recursive: true });
  const extDir = join(options.targetDir, 'duckdb_extensions');
  mkdirSync(extDir, { recursive: true });
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(options.path, {
      access_mode: options.readOnly ? 'READ_ONLY' : 'AUTOMATIC',
      // Only the built-in extensions exist offline, and nothing may be written to the user's home.
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
      extension_directory: extDir,
      // Startup-only settings: signatures always checked, no community extensions, no secrets on disk.
      ...(options.unsandboxed ? {} : { allow_unsigned_extensions: 'false', allow_community_extensions: 'false', allow_persistent_secrets: 'false' }),
      // Structured errors carry the character position, which we map back to the model's source line.
      errors_as_json: 'true',
      ...(options.threads ? { threads: String(options.threads) } : {}),
    });
  } catch (e) {
    throw translateOpenError(e, options.path);
  }
  try {
    const connection = await instance.connect();
    for (const [name, value] of Object.entries(options.settings ?? {})) {
      if (!/^[a-z_][a-z0-9_]*$/i.test(name)) throw new Error(`Invalid DuckDB setting name: ${name}`);
      await connection.run(`SET ${name} = ${typeof value === 'string' ? sqlString(value) : String(value)}`);
    }
    const guard = options.unsandboxed ? undefined : await applySandbox(connection, options);
    return { instance, connection, guard };
  } catch (e) {
    instance.closeSync();
    throw e;
  }
}

/**
 * Limits file access to the project, points every extension source at an empty local folder (so
 * a plain INSTALL fails without the network), then locks the configuration so SQL cannot undo it.
 */
async function applySandbox(connection: DuckDBConnection, options: WarehouseOptions): Promise<SandboxGuard> {
  const dirs = [options.projectRoot, options.targetDir, ...(options.allowedDirectories ?? [])];
  // The database file (and its WAL) may live outside the project: allow those files, not their folder.
  const files = options.path === ':memory:' ? [] : [options.path, `${options.path}.wal`];
  const folders = [...new Set(dirs.map((d) => (d.endsWith('/') ? d : d + '/')))];
  const noRepo = join(options.targetDir, 'duckdb_extensions', 'no-repository');
  await connection.run(`SET allowed_directories = [${folders.map(sqlString).join(', ')}]`);
  if (files.length) await connection.run(`SET allowed_paths = [${files.map(sqlString).join(', ')}]`);
  await connection.run(`SET temp_directory = ${sqlString(join(options.targetDir, 'duckdb_tmp'))}`);
  await connection.run(`SET custom_extension_repository = ${sqlString(noRepo)}`);
  await connection.run(`SET autoinstall_extension_repository = ${sqlString(noRepo)}`);
  const guard = new SandboxGuard({ projectRoot: options.projectRoot, directories: folders, files });
  await guard.shadow(connection);
  await connection.run(`SET enable_external_access = false`);
  await connection.run(`SET lock_configuration = true`);
  await guard.scanStored(connection);
  return guard;
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

/** A refusal by the sandbox, shaped as a DuckDB error so every caller places it like a SQL error. */
export class SandboxError extends DuckDBSqlError {
  constructor(
    readonly reason: Refusal['reason'],
    detail: string,
    position: number | undefined,
  ) {
    super('Sandbox', detail, position, 'SANDBOX');
    this.name = 'SandboxError';
  }
}

function sandboxError(r: Refusal, fallbackPosition?: number): SandboxError {
  return new SandboxError(r.reason, r.detail, r.position ?? fallbackPosition);
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
