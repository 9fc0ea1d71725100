/**
 * The engine: one loaded project, its Jinja environment, graph and compiler, and (opened on
 * first need) its DuckDB warehouse. The CLI, the language server and the tests all drive it.
 */
import { join } from 'node:path';
import { Compiler, parseNode, resolveDependencies, type CompiledNode, type ContextHost } from '../compile';
import { cycleProblems, findCycles, Graph, selectNodes, type SelectionOptions } from '../graph';
import { JinjaEnvironment } from '../jinja';
import { ProblemError, type Problem } from '../problems';
import { finalizeConfig, loadProject, type LoadOptions, type ManifestNode, type Project } from '../project';
import { placeSnapshot, Warehouse, type RunResults } from '../run';
import { addTestNodes, attachQuality } from '../tests';
import { targetDir, targetWritePath, writeCompiledSql, writeManifest, writeRunResults } from './artifacts';
import { builtinMacroFiles } from './builtinMacros';
import { defaultExecutors, type ExecutorTable } from './executors';
import { runNodes, type RunEvents } from './runLoop';

export interface EngineOptions extends LoadOptions {
  fullRefresh?: boolean;
  readOnly?: boolean;
  /** Close the DuckDB file after this many idle milliseconds (the editor lets a CLI run use it); reopened on need. */
  idleReleaseMs?: number;
}

export type CommandKind = 'run' | 'seed' | 'compile' | 'build' | 'test' | 'snapshot' | 'ls' | 'show';

const COMMAND_TYPES: Record<CommandKind, string[]> = {
  run: ['model'],
  seed: ['seed'],
  snapshot: ['snapshot'],
  test: ['test'],
  compile: ['model', 'analysis', 'snapshot', 'test'],
  build: ['seed', 'model', 'snapshot', 'test'],
  ls: ['model', 'seed', 'snapshot', 'test', 'analysis', 'source'],
  show: ['model', 'seed', 'snapshot', 'analysis'],
};

export class Engine {
  readonly project: Project;
  readonly env = new JinjaEnvironment();
  readonly executors: ExecutorTable = defaultExecutors();
  graph!: Graph;
  compiler!: Compiler;
  /** Problems from loading and parsing (YAML, Jinja, unknown refs, cycles). */
  problems: Problem[] = [];
  private wh: Warehouse | undefined;
  /** Each node's config before its in-file config() ran: re-parsing one file starts from here. */
  private readonly baseConfig = new Map<string, ManifestNode['config']>();
  /** Problems per node from the parse pass, so one file's re-parse replaces only its own. */
  private readonly nodeProblems = new Map<string, Problem[]>();
  private projectProblems: Problem[] = [];
  private cycleProblems: Problem[] = [];
  private readonly existing = new Set<string>();
  /** Views: an incremental model whose relation is still a view is not incremental yet, as in dbt. */
  private readonly views = new Set<string>();
  private readonly byName = new Map<string, ManifestNode>();
  readonly runStartedAt = new Date();
  fullRefresh: boolean;

  private constructor(project: Project, private readonly opts: EngineOptions) {
    this.project = project;
    this.fullRefresh = !!opts.fullRefresh;
  }

  static load(dir: string, opts: EngineOptions = {}): Engine {
    const engine = new Engine(loadProject(dir, opts), opts);
    engine.parse();
    return engine;
  }

  get manifest() {
    return this.project.manifest;
  }

  get targetDir(): string {
    return targetDir(this.project);
  }

  /** The parse pass over every node, then dependencies, graph and cycles. */
  private parse(): void {
    const { project } = this;
    addTestNodes(project);
    const problems: Problem[] = [...project.problems];
    this.nodeProblems.clear();
    try {
      this.env.setMacroFiles([...builtinMacroFiles(), ...project.macroFiles]);
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e;
      problems.push(...e.problems);
    }
    this.indexNames();
    const host = this.host();
    for (const node of Object.values(project.manifest.nodes)) {
      this.baseConfig.set(node.unique_id, structuredClone(node.config));
      this.nodeProblems.set(node.unique_id, parseNode(host, this.env, node));
      placeSnapshot(node);
    }
    // In-file config(enabled=false) disables a node after parsing, and with it the tests on it.
    const disabledNow = new Set<string>();
    for (const [id, node] of Object.entries(project.manifest.nodes)) {
      if (!node.config.enabled) disabledNow.add(id);
    }
    for (const [id, node] of Object.entries(project.manifest.nodes)) {
      if (node.test?.attached_node && disabledNow.has(node.test.attached_node)) disabledNow.add(id);
    }
    for (const id of disabledNow) {
      (project.manifest.disabled[id] ??= []).push(project.manifest.nodes[id]);
      delete project.manifest.nodes[id];
    }
    this.indexNames();
    for (const p of resolveDependencies(host, project)) {
      const own = this.nodeProblems.get(nodeIdOfFile(project, p.file) ?? '');
      if (own) own.push(p);
      else problems.push(p);
    }
    this.projectProblems = problems;
    this.compiler = new Compiler(host, this.env);
    this.rebuildGraph();
  }

  private rebuildGraph(): void {
    const manifest = this.project.manifest;
    this.graph = Graph.fromManifest(manifest);
    manifest.parent_map = this.graph.parentMap();
    manifest.child_map = this.graph.childMap();
    const cycles = findCycles(this.graph);
    this.cycleProblems = cycles.length ? cycleProblems(manifest, cycles) : [];
    this.collectProblems();
  }

  private collectProblems(): void {
    const nodes = this.project.manifest.nodes;
    const nodeProblems = [...this.nodeProblems.entries()].filter(([id]) => nodes[id]).flatMap(([, ps]) => ps);
    this.problems = [...this.projectProblems, ...nodeProblems, ...this.cycleProblems];
  }

  /**
   * An edited model (or analysis/singular test/snapshot) file: re-parse just that node and
   * recompile from there. Returns false when the edit needs a full reload instead (YAML,
   * macros, dbt_project.yml, a new or deleted file, a renamed node).
   */
  updateFile(absPath: string, text: string): boolean {
    const nodes = Object.values(this.manifest.nodes).filter((n) => n.abs_path === absPath && n.test?.kind !== 'generic');
    if (nodes.length !== 1 || nodes[0].resource_type === 'seed' || nodes[0].resource_type === 'snapshot') return false;
    const node = nodes[0];
    const base = this.baseConfig.get(node.unique_id);
    if (!base) return false;
    const depsBefore = node.depends_on.nodes.join('\n');
    node.raw_code = text;
    node.config = structuredClone(base);
    const host = this.host();
    const problems = parseNode(host, this.env, node);
    if (!node.config.enabled) return false;
    problems.push(...resolveDependencies(host, this.project, [node]));
    this.nodeProblems.set(node.unique_id, problems);
    this.compiler.invalidate([node.unique_id, ...this.graph.descendants(node.unique_id)]);
    // Most edits change the SQL body, not the refs: the graph (and its cycles) stay as they are.
    if (node.depends_on.nodes.join('\n') === depsBefore) this.collectProblems();
    else this.rebuildGraph();
    return true;
  }

  private indexNames(): void {
    this.byName.clear();
    for (const n of Object.values(this.project.manifest.nodes)) {
      if (n.resource_type === 'model' || n.resource_type === 'seed' || n.resource_type === 'snapshot') this.byName.set(n.name, n);
    }
  }

  host(): ContextHost {
    return {
      project: this.project,
      nodeByName: (name) => this.byName.get(name),
      relationExists: (node) => this.existing.has(relationKey(node.database, node.schema, node.alias)) && !(node.config.materialized === 'incremental' && this.views.has(relationKey(node.database, node.schema, node.alias))),
      fullRefresh: this.fullRefresh,
      runStartedAt: this.runStartedAt,
      invocationId: this.project.manifest.metadata.invocation_id,
    };
  }

  errors(): Problem[] {
    return this.problems.filter((p) => p.severity === 'error');
  }

  /** Selected node ids for a command, in execution order. */
  select(command: CommandKind, sel: Omit<SelectionOptions, 'resourceTypes'> = {}): { ids: string[]; warnings: Problem[] } {
    const { selected, warnings } = selectNodes(this.manifest, this.graph, { ...sel, resourceTypes: COMMAND_TYPES[command] });
    return { ids: this.graph.topoOrder(selected), warnings };
  }

  nodeByName(name: string): ManifestNode | undefined {
    return this.byName.get(name) ?? Object.values(this.manifest.nodes).find((n) => n.name === name || n.unique_id === name);
  }

  /** Compiles one node and writes target/compiled/…; throws ProblemError with places on failure. */
  compile(node: ManifestNode): CompiledNode {
    const c = this.compiler.compile(node);
    writeCompiledSql(this.project, targetWritePath(node), c.sql, 'compiled');
    return c;
  }

  /** Compiles a query typed by the user (show --inline, previews) with the full dbt context. */
  compileInline(sql: string): CompiledNode {
    const node: ManifestNode = {
      ...Object.values(this.manifest.nodes)[0],
      unique_id: `sql_operation.${this.project.config.name}.inline_query`,
      resource_type: 'analysis',
      name: 'inline_query',
      raw_code: sql,
      abs_path: join(this.project.root, '<inline>'),
      original_file_path: '<inline>',
      config: { ...finalizeConfig('analysis') },
    };
    this.compiler.invalidate([node.unique_id]);
    return this.compiler.compile(node);
  }

  async warehouse(): Promise<Warehouse> {
    if (!this.wh) {
      const t = this.project.target;
      this.wh = await Warehouse.open({ path: t.path, projectRoot: this.project.root, targetDir: this.targetDir, readOnly: this.opts.readOnly, threads: undefined, idleReleaseMs: this.opts.idleReleaseMs });
      await this.refreshCatalog();
    } else if (!this.wh.isOpen) {
      // Released while idle: another process may have built or dropped relations meanwhile.
      await this.refreshCatalog();
    }
    return this.wh;
  }

  /**
   * Lets go of the DuckDB file (after the statements in flight) so another process can open it;
   * the next warehouse() or execute() reopens it. False when it was not open.
   */
  async releaseWarehouse(): Promise<boolean> {
    if (!this.wh?.isOpen) return false;
    await this.wh.release();
    return true;
  }

  /** Which relations exist now: is_incremental() and adapter.get_relation() read this. */
  async refreshCatalog(): Promise<void> {
    if (!this.wh) return;
    const rows = await this.wh.query('select table_catalog, table_schema, table_name, table_type from information_schema.tables');
    this.existing.clear();
    this.views.clear();
    for (const r of rows) this.existing.add(relationKey(String(r.table_catalog), String(r.table_schema), String(r.table_name)));
    for (const r of rows) if (r.table_type === 'VIEW') this.views.add(relationKey(String(r.table_catalog), String(r.table_schema), String(r.table_name)));
  }

  /**
   * Runs `ids` in DAG order. With tests among them, the quality report is rewritten for the tables
   * they cover, unless `qualityReport` is false.
   */
  async execute(ids: string[], events: RunEvents = {}, args: Record<string, unknown> = {}, opts: { qualityReport?: boolean } = {}): Promise<RunResults> {
    const wh = await this.warehouse();
    this.compiler.invalidate();
    const results = await runNodes(this, wh, ids, events, args);
    if (opts.qualityReport !== false && (await attachQuality(this.project, wh, results))) writeRunResults(this.project, results);
    await this.refreshCatalog();
    return results;
  }

  writeManifest(): string {
    return writeManifest(this.project, this.manifest);
  }

  close(): void {
    this.wh?.close();
    this.wh = undefined;
  }
}

function nodeIdOfFile(project: Project, file: string): string | undefined {
  const n = Object.values(project.manifest.nodes).find((x) => x.abs_path === file);
  return n?.unique_id;
}

export function relationKey(database: string, schema: string, name: string): string {
  return `${database}.${schema}.${name}`.toLowerCase();
}
