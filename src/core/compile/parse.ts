/**
 * The parse pass, as dbt does it: render every node once with recording functions to learn its
 * refs, sources and in-file config, then resolve those into depends_on. Problems are collected,
 * never thrown: one broken model must not hide the rest of the project.
 */
import type { JinjaEnvironment } from '../jinja';
import { ProblemError, type Problem } from '../problems';
import { mergeConfig, placeNode, relationName, type ManifestNode, type Project } from '../project';
import { buildContext, newCapture, unknownRefError, unknownSourceProblem, type ContextHost } from './context';

const PARSED_TYPES = new Set(['model', 'analysis', 'snapshot', 'test']);

export function parseNode(host: ContextHost, env: JinjaEnvironment, node: ManifestNode): Problem[] {
  const problems: Problem[] = [];
  if (!PARSED_TYPES.has(node.resource_type) || node.test?.kind === 'generic') return problems;
  const capture = newCapture();
  const ctx = buildContext(host, node, 'parse', capture);
  try {
    env.render(node.raw_code, ctx, { file: node.abs_path });
  } catch (e) {
    if (!(e instanceof ProblemError)) throw e;
    problems.push(...e.problems);
  }
  if (Object.keys(capture.config).length) {
    node.config = mergeConfig(node.config, capture.config);
    node.config.enabled = node.config.enabled !== false;
    node.tags = node.config.tags;
    node.meta = node.config.meta;
  }
  node.refs = dedupe(capture.refs, (r) => `${r.package ?? ''}.${r.name}`);
  node.sources = dedupe(capture.sources, (s) => s.join('.'));
  placeWithMacros(host, env, node);
  return problems;
}

/** A project macro `generate_schema_name` (or alias/database) overrides dbt's default placement. */
export function placeWithMacros(host: ContextHost, env: JinjaEnvironment, node: ManifestNode): void {
  const target = host.project.target;
  placeNode(node, target);
  if (node.resource_type === 'test') return;
  const custom = (key: string) => (typeof node.config[key] === 'string' ? node.config[key] : null);
  const call = (macro: string, arg: unknown): string | undefined => {
    if (!env.hasMacro(macro)) return undefined;
    const ctx = buildContext(host, node, 'parse', newCapture());
    const nodeObj = { name: node.name, resource_type: node.resource_type, config: node.config, fqn: node.fqn, original_file_path: node.original_file_path, unique_id: node.unique_id };
    return String(env.callMacro(macro, ctx, [arg, nodeObj])).trim();
  };
  const schema = call('generate_schema_name', custom('schema'));
  const alias = call('generate_alias_name', custom('alias'));
  const database = call('generate_database_name', custom('database'));
  if (schema === undefined && alias === undefined && database === undefined) return;
  node.schema = schema ?? node.schema;
  node.alias = alias ?? node.alias;
  node.database = database ?? node.database;
  if (node.relation_name) node.relation_name = relationName(node.database, node.schema, node.alias);
}

/** Turns refs and sources into depends_on edges; unknown names become problems at the call. */
export function resolveDependencies(host: ContextHost, project: Project, only?: ManifestNode[]): Problem[] {
  const problems: Problem[] = [];
  const { manifest } = project;
  const macroNames = Object.values(manifest.macros).map((m) => m.name);
  for (const node of only ?? Object.values(manifest.nodes)) {
    const deps: string[] = [];
    for (const r of node.refs) {
      const target = host.nodeByName(r.name);
      if (target && (!r.package || r.package === target.package_name)) deps.push(target.unique_id);
      else problems.push(...unknownRefError(host, node, r.name).problems);
    }
    for (const [s, t] of node.sources) {
      const id = `source.${project.config.name}.${s}.${t}`;
      if (manifest.sources[id]) {
        deps.push(id);
        continue;
      }
      problems.push(unknownSourceProblem(project, node, s, t));
    }
    node.depends_on.nodes = [...new Set(deps)];
    if (node.resource_type !== 'seed') {
      node.depends_on.macros = macroNames.filter((m) => node.raw_code.includes(m + '(')).map((m) => `macro.${project.config.name}.${m}`);
    }
  }
  return problems;
}

function dedupe<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const k = key(i);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
