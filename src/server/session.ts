/**
 * One project (a folder holding dbt_project.yml): its engine, its DuckDB connection, the queue
 * every database job goes through, and what the editor last heard about each node.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readCatalog, type Catalog } from '../core/diagrams';
import { Engine, type EngineOptions } from '../core/engine';
import type { Problem } from '../core/problems';
import type { ManifestNode } from '../core/project';
import { WarehouseLockedError, type NodeResult, type Warehouse } from '../core/run';
import type { NodeResultInfo, NodeRunState, ProjectInfo, RunSummary, ServerStatus, Settings } from '../protocol';
import { DiagnosticStore, type PublishFn } from './diagnostics';
import type { DatabaseLog, Logger } from './log';
import { profilesDirFor } from './profileOverride';
import { compiledPathOf, definitionPlace, nodeInfo, resultInfo, resultProblems, summarize } from './results';
import { RunCounter } from './runCounter';
import { SaveScheduler, SerialQueue } from './scheduler';
import { SessionError } from './sessionError';
import { failureHoverMarkdown, sampleOf, TestFailureIndex } from './testFailures';

export interface SessionHost {
  settings(): Settings;
  trusted(): boolean;
  log: Logger;
  dbLog: DatabaseLog;
  publish: PublishFn;
  status(s: ServerStatus): void;
  results(projectRoot: string, results: NodeResultInfo[]): void;
  projectsChanged(): void;
  warn(message: string): void;
}

const LOAD_OWNER = 'load';
const nodeOwner = (id: string) => `node:${id}`;

export class ProjectSession {
  readonly queue = new SerialQueue();
  readonly scheduler: SaveScheduler;
  readonly diagnostics: DiagnosticStore;
  readonly failures = new TestFailureIndex();
  readonly runs = new RunCounter();
  private engine: Engine | undefined;
  private readonly last = new Map<string, NodeRunState>();
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private shape = '';
  private dbOpen = false;
  /** When another process was first found holding the file, until it opens again. */
  private lockedSince: number | undefined;
  lastSummary: RunSummary | undefined;
  /** DuckDB's columns after the last run, for column completion and hovers. */
  catalog: Catalog | undefined;

  constructor(
    readonly root: string,
    private readonly host: SessionHost,
  ) {
    this.diagnostics = new DiagnosticStore(host.publish);
    this.scheduler = new SaveScheduler({
      queue: { run: (fn) => this.exclusive(fn) },
      delayMs: () => host.settings().saveDebounceMs,
      onError: (key, e) => host.log.error(`Save of ${key} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
    });
  }

  get trusted(): boolean {
    return this.host.trusted();
  }

  get settings(): Settings {
    return this.host.settings();
  }

  get log(): Logger {
    return this.host.log;
  }

  /** Runs `fn` alone against this project; the database is released after the configured idle time. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    return this.queue.run(fn).finally(() => this.armIdleRelease());
  }

  /** The engine if loaded, for read-only editor features that must not trigger a load. */
  get loadedEngine(): Engine | undefined {
    return this.engine;
  }

  /** The loaded engine; loads the project the first time. Call inside `exclusive`. */
  current(): Engine {
    return this.engine ?? this.reload();
  }

  /**
   * Re-reads the whole project. Closes the database first: the engine owns the connection,
   * and a fresh engine opens its own when it next needs one.
   */
  reload(): Engine {
    this.closeDatabase('reload');
    const t0 = Date.now();
    let problems: Problem[];
    try {
      this.engine = Engine.load(this.root, this.engineOptions());
      problems = this.engine.problems;
    } catch (e) {
      // Loading is meant never to throw on user input; if it does, say so where the user looks.
      this.engine = undefined;
      problems = [{ code: 'internal-error', severity: 'error', file: join(this.root, 'dbt_project.yml'), line: 1, column: 1, message: `Model Studio could not load this project: ${e instanceof Error ? e.message : String(e)}` }];
      this.log.error(`Loading ${this.root} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
    this.log.debug(`Loaded ${this.root} in ${Date.now() - t0} ms (${problems.length} problems)`);
    this.afterParse(problems);
    if (!this.engine) throw new SessionError('problems', `The project in ${this.root} could not be loaded; see the Problems panel.`);
    return this.engine;
  }

  /** A saved SQL file: re-parse just that node when the engine can, else reload everything. */
  update(file: string, text: string): Engine {
    const engine = this.engine;
    if (engine && file.endsWith('.sql') && engine.updateFile(file, text)) {
      this.afterParse(engine.problems);
      return engine;
    }
    return this.reload();
  }

  private afterParse(problems: Problem[]): void {
    const nodes = this.engine?.manifest.nodes ?? {};
    this.diagnostics.set(LOAD_OWNER, problems);
    this.diagnostics.retain((owner) => owner === LOAD_OWNER || (owner.startsWith('node:') && stillThere(nodes[owner.slice(5)])));
    this.failures.retain((id) => stillThere(nodes[id]));
    for (const id of [...this.last.keys()]) if (!nodes[id]) this.last.delete(id);
    this.diagnostics.flush();
    const shape = Object.values(nodes)
      .map((n) => `${n.unique_id}@${n.abs_path}`)
      .sort()
      .join('\n');
    if (shape !== this.shape) {
      this.shape = shape;
      this.host.projectsChanged();
    }
  }

  /** A file was saved, renamed or deleted: what earlier runs said about nodes defined there no longer applies. */
  forgetResultsIn(file: string): void {
    for (const n of Object.values(this.engine?.manifest.nodes ?? {})) {
      if (n.abs_path === file || definitionPlace(n).file === file) {
        this.diagnostics.set(nodeOwner(n.unique_id), []);
        this.failures.delete(n.unique_id);
      }
    }
  }

  setNodeProblems(id: string, problems: Problem[]): void {
    this.diagnostics.set(nodeOwner(id), problems);
    this.diagnostics.flush();
  }

  /**
   * Opens DuckDB (trusted workspaces only). A held lock becomes a clear message at once, with
   * `onLocked.then` (what happens next) added; `onLocked.quiet` (a retry) only logs, since the
   * user has been told already.
   */
  async warehouse(engine: Engine, onLocked: { then?: string; quiet?: boolean } = {}): Promise<Warehouse> {
    if (!this.trusted) throw new SessionError('restricted', 'Model Studio runs no SQL in Restricted Mode. Trust this folder to compile against and run on the database.');
    try {
      const wh = await engine.warehouse();
      if (!this.dbOpen) {
        const waited = this.lockedSince === undefined ? '' : ` (another process held it for the last ${Date.now() - this.lockedSince} ms)`;
        this.host.dbLog.add(this.root, `opened ${engine.project.target.path}${waited}`);
      }
      this.lockedSince = undefined;
      this.dbOpen = true;
      return wh;
    } catch (e) {
      if (!(e instanceof WarehouseLockedError)) throw e;
      const message = onLocked.then ? `${e.message} ${onLocked.then}` : e.message;
      if (this.lockedSince === undefined) {
        this.lockedSince = Date.now();
        this.host.dbLog.add(this.root, `locked: ${e.message}`);
      }
      if (!onLocked.quiet) {
        this.host.status({ kind: 'locked', projectRoot: this.root, message, last: this.lastSummary });
        this.host.warn(message);
      }
      throw new SessionError('locked', message);
    }
  }

  /** A save stopped waiting for the held file (see LockBackoff); the next lock is news again. */
  gaveUpOnLock(what: string, waitedMs: number): void {
    this.host.dbLog.add(this.root, `${what}: gave up waiting for the database after ${Math.round(waitedMs / 1000)} s; save again to retry`);
    this.lockedSince = undefined;
  }

  /** Runs nodes and turns results into diagnostics, node states and a status line. Call inside `exclusive`. */
  async execute(engine: Engine, ids: string[], what: string, signal?: AbortSignal, opts: { qualityReport?: boolean } = {}): Promise<{ summary: RunSummary; results: NodeResultInfo[] } | undefined> {
    await this.warehouse(engine);
    const started = Date.now();
    this.host.status({ kind: 'running', what, projectRoot: this.root, startedAt: started });
    this.host.dbLog.add(this.root, `${what}: ${ids.length} node(s)`);
    let raw: NodeResult[];
    this.runs.start();
    try {
      raw = (await engine.execute(ids, { signal }, { which: what }, opts)).results;
    } catch (e) {
      // An interrupted statement may surface as an error rather than as results: still a cancellation.
      if (signal?.aborted) return this.cancelled(what);
      this.host.status({ kind: 'idle', last: this.lastSummary });
      this.runs.end('failed');
      throw e;
    }
    if (signal?.aborted) return this.cancelled(what);
    this.runs.end('finished');
    const finishedAt = Date.now();
    const infos = this.applyResults(engine, raw, finishedAt);
    this.catalog = await readCatalog(await engine.warehouse()).catch(() => this.catalog);
    const summary = summarize(what, raw, finishedAt - started, finishedAt);
    this.lastSummary = summary;
    this.host.dbLog.add(this.root, `${what}: ${summary.counts} in ${summary.elapsedMs} ms`);
    this.host.status({ kind: this.trusted ? 'idle' : 'restricted', last: summary });
    return { summary, results: infos };
  }

  /** A newer save of the same file, or the user, stopped the run: nothing it did is reported. */
  private cancelled(what: string): undefined {
    this.runs.end('cancelled');
    this.host.dbLog.add(this.root, `${what}: cancelled`);
    this.host.status({ kind: this.trusted ? 'idle' : 'restricted', last: this.lastSummary });
    return undefined;
  }

  private applyResults(engine: Engine, raw: NodeResult[], finishedAt: number): NodeResultInfo[] {
    const infos: NodeResultInfo[] = [];
    for (const r of raw) {
      const node = engine.manifest.nodes[r.unique_id] as ManifestNode | undefined;
      const info = resultInfo(r, node, finishedAt);
      infos.push(info);
      this.last.set(r.unique_id, info.state);
      const problems = resultProblems(r, node, node?.resource_type === 'test' ? compiledPathOf(engine.project, node) : undefined);
      // The Test Explorer and tree show the same words as the Problems panel.
      if (problems[0]) info.state.message = problems[0].message;
      this.diagnostics.set(nodeOwner(r.unique_id), problems);
      if (node?.resource_type === 'test' && (r.status === 'fail' || r.status === 'warn')) {
        const sample = sampleOf(r);
        this.failures.set({ testId: r.unique_id, title: problems[0]?.message ?? node.name, status: r.status, failures: r.failures ?? 0, ...sample, place: definitionPlace(node) });
      } else {
        this.failures.delete(r.unique_id);
      }
    }
    this.diagnostics.flush();
    this.host.results(this.root, infos);
    return infos;
  }

  hoverAt(file: string, line: number): string | undefined {
    const details = this.failures.at(file, line);
    return details.length ? failureHoverMarkdown(details) : undefined;
  }

  info(): ProjectInfo {
    const engine = this.engine;
    if (!engine) return { root: this.root, name: this.root.slice(this.root.lastIndexOf('/') + 1), databasePath: '', nodes: [] };
    const nodes = Object.values(engine.manifest.nodes).map((n) => nodeInfo(engine.project, n, this.last.get(n.unique_id)));
    return { root: this.root, name: engine.project.config.name, databasePath: engine.project.target.path, nodes };
  }

  get databaseOpen(): boolean {
    return this.dbOpen;
  }

  /** Closes the DuckDB file so the CLI or another window can open it. */
  closeDatabase(why: string): boolean {
    if (!this.engine || !this.dbOpen) return false;
    this.engine.close();
    this.dbOpen = false;
    this.host.dbLog.add(this.root, `released the database (${why})`);
    this.log.debug(`Released the database of ${this.root} (${why})`);
    return true;
  }

  private armIdleRelease(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (!this.dbOpen) return;
    const ms = this.settings.releaseDatabaseAfterSeconds * 1000;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (!this.queue.busy && !this.scheduler.busy) this.closeDatabase('idle');
    }, ms);
    this.idleTimer.unref?.();
  }

  private engineOptions(): EngineOptions {
    const s = this.settings;
    return { threads: s.threads || undefined, profilesDir: profilesDirFor(this.root, s.databasePath) };
  }

  dispose(): void {
    this.scheduler.dispose();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.closeDatabase('shutdown');
    this.diagnostics.clear();
  }
}

function stillThere(node: ManifestNode | undefined): boolean {
  return !!node && existsSync(node.abs_path);
}
