/**
 * The dbt Jinja context for one node: ref, source, config, var, this, target, env_var, … In
 * `parse` mode the functions record what the node uses (and never fail on unknown names: the
 * graph reports those with their places); in `compile` mode they resolve to real relations.
 */
import type { ManifestNode, Project, RefCall } from '../project';
import { ProblemError, closestNames, type Place, type Problem } from '../problems';
import { argAt, splitArgs } from './args';
import { Relation } from './relation';
import { esc, placeOf, refPlace, sourcePlace } from './callPlaces';

export type RenderMode = 'parse' | 'compile';

export interface ContextHost {
  project: Project;
  /** A model, seed, snapshot or analysis by name. */
  nodeByName(name: string): ManifestNode | undefined;
  /** Whether the relation exists in the database now (for is_incremental and adapter.get_relation). */
  relationExists(node: ManifestNode): boolean;
  fullRefresh: boolean;
  runStartedAt: Date;
  invocationId: string;
}

export interface Capture {
  refs: RefCall[];
  sources: Array<[string, string]>;
  config: Record<string, unknown>;
  /** Ephemeral models this node refers to (compile mode): their CTEs are injected. */
  ephemerals: string[];
  logs: string[];
}

export function newCapture(): Capture {
  return { refs: [], sources: [], config: {}, ephemerals: [], logs: [] };
}

export function buildContext(host: ContextHost, node: ManifestNode, mode: RenderMode, capture: Capture): Record<string, unknown> {
  const { project } = host;
  const target = project.target;
  const nodePlace = (): Place => ({ file: node.abs_path, line: 1, column: 1 });

  const ref = (...raw: unknown[]): Relation => {
    const a = splitArgs(raw);
    const [first, second] = a.positional.map(String);
    const name = second ?? first;
    const pkg = second !== undefined ? first : undefined;
    // Without a name there is nothing to record or look up (and an undefined name crashed the
    // "did you mean" search after parsing).
    if (name === undefined) {
      throw new ProblemError({
        code: 'compiler-error',
        severity: 'error',
        ...(placeOf(node.raw_code, node.abs_path, /\bref\(\s*\)/) ?? nodePlace()),
        message: `ref() needs the name of a model, seed or snapshot, e.g. ref('orders').`,
      });
    }
    const version = a.kwargs.version ?? a.kwargs.v;
    capture.refs.push({ name, ...(pkg ? { package: pkg } : {}), ...(version !== undefined ? { version: version as string | number } : {}) });
    const refd = host.nodeByName(name);
    if (!refd || (pkg && pkg !== refd.package_name)) {
      if (mode === 'parse') return new Relation(target.database, target.schema, name);
      throw unknownRefError(host, node, name);
    }
    if (refd.config.materialized === 'ephemeral') {
      if (mode === 'compile' && !capture.ephemerals.includes(refd.unique_id)) capture.ephemerals.push(refd.unique_id);
      return new Relation(refd.database, refd.schema, refd.alias, `__dbt__cte__${refd.name}`);
    }
    return new Relation(refd.database, refd.schema, refd.alias);
  };

  const source = (...raw: unknown[]): Relation => {
    const a = splitArgs(raw);
    const sourceName = String(argAt(a, 0, 'source_name'));
    const tableName = String(argAt(a, 1, 'table_name'));
    capture.sources.push([sourceName, tableName]);
    const s = project.manifest.sources[`source.${project.config.name}.${sourceName}.${tableName}`];
    if (!s) {
      if (mode === 'parse') return new Relation(target.database, sourceName, tableName);
      throw new ProblemError(unknownSourceProblem(project, node, sourceName, tableName));
    }
    return new Relation(s.database, s.schema, s.identifier);
  };

  const config = Object.assign(
    (...raw: unknown[]): string => {
      const a = splitArgs(raw);
      const first = a.positional[0];
      Object.assign(capture.config, first && typeof first === 'object' ? first : {}, a.kwargs);
      return '';
    },
    {
      get: (key: string, dflt?: unknown): unknown => capture.config[key] ?? node.config[key] ?? dflt ?? null,
      require: (key: string): unknown => {
        const v = capture.config[key] ?? node.config[key];
        if (v === undefined) throw compilerError(node, `Required config '${key}' is not set for ${node.name}.`);
        return v;
      },
    },
  );

  const varFn = (...raw: unknown[]): unknown => {
    const a = splitArgs(raw);
    const name = String(argAt(a, 0, 'var_name'));
    const hasDefault = a.positional.length > 1 || 'default' in a.kwargs;
    const value = lookupVar(project, name);
    if (value !== undefined) return value;
    if (hasDefault) return argAt(a, 1, 'default');
    if (mode === 'parse') return null;
    throw new ProblemError({
      code: 'missing-var',
      severity: 'error',
      ...(placeOf(node.raw_code, node.abs_path, new RegExp(`var\\(\\s*['"]${esc(name)}['"]`)) ?? nodePlace()),
      message: `Required var '${name}' not found: not in dbt_project.yml vars, not passed with --vars, and var() has no default.`,
      hint: `Add it under \`vars:\` in dbt_project.yml, pass --vars '{${name}: …}', or write var('${name}', default).`,
    });
  };

  const envVar = (...raw: unknown[]): unknown => {
    const a = splitArgs(raw);
    const name = String(argAt(a, 0, 'var'));
    const v = process.env[name];
    if (v !== undefined) return v;
    if (a.positional.length > 1 || 'default' in a.kwargs) return argAt(a, 1, 'default');
    throw compilerError(node, `Env var required but not provided: '${name}'.`);
  };

  const thisRel = new Relation(node.database, node.schema, node.alias);
  // dbt: a model's `full_refresh` config, when set, wins over the --full-refresh flag.
  const shouldFullRefresh = (): boolean => {
    const cfg = capture.config.full_refresh ?? node.config.full_refresh;
    return typeof cfg === 'boolean' ? cfg : host.fullRefresh;
  };
  const isIncremental = (): boolean =>
    mode === 'compile' && (capture.config.materialized ?? node.config.materialized) === 'incremental' && !shouldFullRefresh() && host.relationExists(node);

  const context: Record<string, unknown> = {
    ref,
    source,
    config,
    var: varFn,
    env_var: envVar,
    this: thisRel,
    target: { name: target.name, schema: target.schema, database: target.database, type: 'duckdb', threads: target.threads, path: target.path, profile_name: project.config.profile ?? project.config.name },
    project_name: project.config.name,
    execute: mode === 'compile',
    flags: { FULL_REFRESH: host.fullRefresh, WHICH: 'run' },
    is_incremental: isIncremental,
    should_full_refresh: shouldFullRefresh,
    run_started_at: pythonDatetime(host.runStartedAt),
    invocation_id: host.invocationId,
    model: { unique_id: node.unique_id, name: node.name, alias: node.alias, schema: node.schema, database: node.database, config: node.config, tags: node.tags, resource_type: node.resource_type, original_file_path: node.original_file_path },
    log: (msg: unknown) => {
      capture.logs.push(String(msg));
      return '';
    },
    print: (msg: unknown) => {
      capture.logs.push(String(msg));
      return '';
    },
    exceptions: {
      raise_compiler_error: (msg: unknown) => {
        throw compilerError(node, String(msg));
      },
      warn: (msg: unknown) => {
        capture.logs.push(`warning: ${String(msg)}`);
        return '';
      },
    },
    adapter: {
      quote: (s: unknown) => `"${String(s).replace(/"/g, '""')}"`,
      get_relation: (...raw: unknown[]) => {
        const a = splitArgs(raw);
        const ident = String(argAt(a, 2, 'identifier'));
        const n = host.nodeByName(ident);
        return n && host.relationExists(n) ? new Relation(n.database, n.schema, n.alias) : null;
      },
      type: () => 'duckdb',
    },
    api: { Relation: { create: (...raw: unknown[]) => { const a = splitArgs(raw); return new Relation(String(a.kwargs.database ?? target.database), String(a.kwargs.schema ?? target.schema), String(a.kwargs.identifier ?? '')); } } },
    run_query: () => {
      if (mode === 'parse') return null;
      throw compilerError(node, 'run_query() is not supported: models compile without touching the database. Move the query into the model SQL, or use a var.');
    },
    statement: () => '',
    load_result: () => null,
  };
  // Building `graph` costs O(nodes); few models read it, so it is made on first use only.
  let nodes: Record<string, unknown> | undefined;
  context.graph = Object.defineProperty({}, 'nodes', { enumerable: true, get: () => (nodes ??= graphNodes(project)) });
  return context;
}

function lookupVar(project: Project, name: string): unknown {
  if (name in project.cliVars) return project.cliVars[name];
  const scoped = project.config.vars[project.config.name];
  if (scoped && typeof scoped === 'object' && name in (scoped as Record<string, unknown>)) return (scoped as Record<string, unknown>)[name];
  return project.config.vars[name];
}

function graphNodes(project: Project): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, n] of Object.entries(project.manifest.nodes)) out[id] = { unique_id: id, name: n.name, resource_type: n.resource_type, config: n.config, tags: n.tags, schema: n.schema, alias: n.alias, package_name: n.package_name };
  return out;
}

/** Enough of Python's datetime for `run_started_at.strftime('%Y-%m-%d')` and printing. */
function pythonDatetime(d: Date): Record<string, unknown> {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const iso = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}000+00:00`;
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    isoformat: () => iso.replace(' ', 'T'),
    strftime: (fmt: string) =>
      fmt.replace(/%([YmdHMSf%])/g, (_m, c: string) =>
        ({ Y: String(d.getUTCFullYear()), m: pad(d.getUTCMonth() + 1), d: pad(d.getUTCDate()), H: pad(d.getUTCHours()), M: pad(d.getUTCMinutes()), S: pad(d.getUTCSeconds()), f: pad(d.getUTCMilliseconds(), 3) + '000', '%': '%' })[c] ?? c,
      ),
    toString: () => iso,
  };
}

function compilerError(node: ManifestNode, message: string): ProblemError {
  return new ProblemError({ code: 'compiler-error', severity: 'error', file: node.abs_path, line: 1, column: 1, message: `Compilation error in ${node.resource_type} ${node.name}: ${message}` });
}

export function unknownRefError(host: ContextHost, node: ManifestNode, name: string): ProblemError {
  const known = Object.values(host.project.manifest.nodes).filter((n) => n.resource_type !== 'test').map((n) => n.name);
  const suggestions = closestNames(name, known);
  return new ProblemError({
    code: 'unknown-ref',
    severity: 'error',
    ...(refPlace(node.raw_code, node.abs_path, name) ?? { file: node.abs_path, line: 1, column: 1 }),
    message: `${node.resource_type} '${node.name}' depends on '${name}', which was not found.${suggestions.length ? ` Did you mean ${suggestions.map((s) => `'${s}'`).join(' or ')}?` : ''}`,
    hint: suggestions.length ? `Change ref('${name}') to ref('${suggestions[0]}').` : `Create models/${name}.sql (or a seed seeds/${name}.csv), or fix the name.`,
    suggestions,
  });
}

/**
 * The one wording of an undeclared source, used by dependency resolution and by compilation alike:
 * the server de-duplicates problems by message, so two wordings showed as two errors at one place.
 */
export function unknownSourceProblem(project: Project, node: ManifestNode, sourceName: string, tableName: string): Problem {
  const known = Object.values(project.manifest.sources).map((x) => `${x.source_name}.${x.name}`);
  const suggestions = closestNames(`${sourceName}.${tableName}`, known);
  return {
    code: 'unknown-source',
    severity: 'error',
    ...(sourcePlace(node.raw_code, node.abs_path, sourceName, tableName) ?? { file: node.abs_path, line: 1, column: 1 }),
    message: `${node.resource_type} '${node.name}' uses source('${sourceName}', '${tableName}'), which is not declared.${suggestions.length ? ` Did you mean ${suggestions.map((x) => `'${x}'`).join(' or ')}?` : ''}`,
    hint: `Declare table '${tableName}' under source '${sourceName}' in a schema .yml file.`,
    suggestions,
  };
}
