/**
 * Test nodes, as dbt's schema parser makes them: each schema-YAML test definition becomes a
 * `test.<project>.<name>.<hash>` node that refs what it tests (plus any `ref()` in its args),
 * with config from dbt_project.yml `data_tests:` < the YAML entry. Singular tests (already nodes)
 * get dbt's test defaults under their own config.
 */
import { createHash } from 'node:crypto';
import { closestNames, type Problem } from '../problems';
import { finalizeConfig, mergeConfig, placeNode, scopedConfigFor, type ManifestNode, type NodeConfig, type Project, type TestDefinition } from '../project';
// Folder-scoped config lookup is the loader's own; the project index does not export it yet.
import { TEST_CONFIG_DEFAULTS } from './config';
import { testNames, testUniqueId } from './naming';
import { badArgNames, buildRawCode, callsInArgs, whereJinja } from './rawCode';

const built = new WeakSet<Project>();

/** Adds a test node for every schema-YAML test; problems go to `project.problems`. Idempotent. */
export function addTestNodes(project: Project): void {
  if (built.has(project)) return;
  built.add(project);
  for (const node of Object.values(project.manifest.nodes)) {
    if (node.resource_type === 'test' && node.test?.kind !== 'generic') prepareSingularTest(project, node);
  }
  const seen = new Map<string, TestDefinition>();
  for (const def of project.testDefinitions) {
    const node = genericTestNode(project, def, seen);
    if (!node) continue;
    if (node.config.enabled) project.manifest.nodes[node.unique_id] = node;
    else (project.manifest.disabled[node.unique_id] ??= []).push(node);
  }
}

function prepareSingularTest(project: Project, node: ManifestNode): void {
  node.config = mergeConfig({ ...TEST_CONFIG_DEFAULTS } as NodeConfig, node.config);
  node.config.severity = String(node.config.severity).toUpperCase();
  node.tags = node.config.tags;
  placeNode(node, project.target);
}

function genericTestNode(project: Project, def: TestDefinition, seen: Map<string, TestDefinition>): ManifestNode | undefined {
  const { config: pc, problems } = project;
  const attached = findAttached(project, def);
  if (!attached) return undefined; // the loader already warned about YAML that documents nothing
  const bad = badArgNames(def);
  if (bad.length) {
    problems.push({ code: 'test-args', severity: 'error', ...def.place, message: `Test '${def.testName}' has argument names that are not identifiers: ${bad.join(', ')}.`, hint: 'Argument names must be letters, digits and underscores; put configs under `config:`.' });
    return undefined;
  }
  const names = testNames(def);
  const uniqueId = testUniqueId(pc.name, names.fullName, def);
  const prev = seen.get(uniqueId);
  if (prev) {
    problems.push({
      code: 'duplicate-test',
      severity: 'error',
      ...def.place,
      message: `This test is the same as the one at line ${prev.place.line} (both are ${names.fullName}).`,
      hint: 'Delete one of them, or give one a different `name:`.',
      related: [{ ...prev.place, message: 'the other one' }],
    });
    return undefined;
  }
  seen.set(uniqueId, def);

  const fqn = [pc.name, ...def.yamlPath.split('/').slice(1, -1), names.fullName];
  const yamlConfig: Record<string, unknown> = { ...def.config };
  if (names.shortName !== names.fullName && yamlConfig.alias === undefined) yamlConfig.alias = names.shortName;
  const column = def.columnName === undefined ? undefined : attached.columns[def.columnName];
  const config = finalizeConfig('test', TEST_CONFIG_DEFAULTS, scopedConfigFor(pc.scopedConfig.test, fqn), { tags: column?.tags ?? [] }, yamlConfig);
  config.severity = String(config.severity).toUpperCase();
  if (!attached.enabled) config.enabled = false;

  const quotedColumn = column?.quote && def.columnName ? `"${def.columnName.replace(/"/g, '""')}"` : undefined;
  const rawCode = whereJinja(config.where) + buildRawCode(def, quotedColumn);
  const node: ManifestNode = {
    unique_id: uniqueId,
    resource_type: 'test',
    name: names.fullName,
    package_name: pc.name,
    path: `${names.shortName}.sql`,
    original_file_path: def.yamlPath,
    abs_path: def.place.file,
    fqn,
    raw_code: rawCode,
    language: 'sql',
    checksum: { name: 'sha256', checksum: createHash('sha256').update(rawCode).digest('hex') },
    config,
    tags: config.tags,
    description: '',
    columns: {},
    meta: config.meta,
    refs: [],
    sources: [],
    depends_on: { nodes: [], macros: [] },
    database: project.target.database,
    schema: project.target.schema,
    alias: names.shortName,
    relation_name: null,
    test: { kind: 'generic', definition: def, attached_node: attached.uniqueId, column_name: def.columnName, short_name: names.shortName },
  };
  if (def.attachedKind === 'source') node.sources.push([def.sourceName ?? '', def.tableName ?? '']);
  else node.refs.push({ name: def.attachedName });
  if (config.enabled) addArgDependencies(project, def, node, problems);
  placeNode(node, project.target);
  return node;
}

interface Attached {
  uniqueId: string;
  columns: Record<string, { tags: string[]; quote?: boolean }>;
  /** A test of a disabled model is disabled with it, as in dbt. */
  enabled: boolean;
}

function findAttached(project: Project, def: TestDefinition): Attached | undefined {
  const { manifest, config } = project;
  if (def.attachedKind === 'source') {
    const s = manifest.sources[`source.${config.name}.${def.sourceName ?? ''}.${def.tableName ?? ''}`];
    return s ? { uniqueId: s.unique_id, columns: s.columns, enabled: true } : undefined;
  }
  const id = `${def.attachedKind}.${config.name}.${def.attachedName}`;
  const n = manifest.nodes[id];
  if (n) return { uniqueId: id, columns: n.columns, enabled: true };
  const off = manifest.disabled[id]?.[0];
  return off ? { uniqueId: id, columns: off.columns, enabled: false } : undefined;
}

/** `to: ref('customers')` makes the test depend on customers too; unknown names are reported at the test. */
/** Names a test may ref, computed once per manifest: per test it would be O(nodes) each. */
const refTargetCache = new WeakMap<Project['manifest'], { names: Set<string>; disabled: Set<string> }>();
function refTargets(manifest: Project['manifest']): { names: Set<string>; disabled: Set<string> } {
  let hit = refTargetCache.get(manifest);
  if (!hit) {
    const names = new Set<string>();
    for (const n of Object.values(manifest.nodes)) if (n.resource_type !== 'test' && n.resource_type !== 'analysis') names.add(n.name);
    hit = { names, disabled: new Set(Object.values(manifest.disabled).flatMap((l) => l.map((n) => n.name))) };
    refTargetCache.set(manifest, hit);
  }
  return hit;
}

function addArgDependencies(project: Project, def: TestDefinition, node: ManifestNode, problems: Problem[]): void {
  const { manifest, config } = project;
  const { refs, sources } = callsInArgs(def.args);
  if (refs.length === 0 && sources.length === 0) return;
  const { names, disabled } = refTargets(manifest);
  for (const name of refs) {
    if (names.has(name)) {
      if (!node.refs.some((r) => r.name === name)) node.refs.push({ name });
      continue;
    }
    const suggestions = closestNames(name, names);
    problems.push({
      code: 'unknown-ref',
      severity: 'error',
      ...def.place,
      message: `Test ${node.name} refers to '${name}', which ${disabled.has(name) ? 'is disabled' : 'was not found'}.${suggestions.length ? ` Did you mean ${suggestions.map((s) => `'${s}'`).join(' or ')}?` : ''}`,
      hint: suggestions.length ? `Change ref('${name}') to ref('${suggestions[0]}').` : `Create models/${name}.sql, or fix the name.`,
      suggestions,
    });
  }
  for (const [s, t] of sources) {
    if (manifest.sources[`source.${config.name}.${s}.${t}`]) {
      if (!node.sources.some(([a, b]) => a === s && b === t)) node.sources.push([s, t]);
      continue;
    }
    problems.push({ code: 'unknown-source', severity: 'error', ...def.place, message: `Test ${node.name} uses source('${s}', '${t}'), which is not declared.`, hint: `Declare table '${t}' under source '${s}' in a schema .yml file.` });
  }
}
