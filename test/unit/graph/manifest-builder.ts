/**
 * Builds small, realistic manifests for unit tests without a project on disk. Shared by other
 * test suites: every field a dbt manifest has gets a plausible default, ids follow dbt's
 * `<resource_type>.<package>.<name>` convention, and files live under PROJECT_ROOT.
 */
import type {
  Manifest,
  ManifestNode,
  NodeConfig,
  NodeResourceType,
  SourceTable,
  TestNodeInfo,
} from '../../../src/core/project/types';

export const PROJECT_ROOT = '/project';
export const DEFAULT_PACKAGE = 'p';

const RESOURCE_FOLDER: Record<NodeResourceType, string> = {
  model: 'models',
  seed: 'seeds',
  snapshot: 'snapshots',
  test: 'tests',
  analysis: 'analyses',
};

export interface NodeSpec {
  name: string;
  resource_type?: NodeResourceType;
  package?: string;
  /** dbt's `path`: relative to the resource folder, e.g. `staging/stg_orders.sql`. */
  path?: string;
  /** Relative to the project root; default `<resource folder>/<path>`. */
  originalFilePath?: string;
  tags?: string[];
  materialized?: string;
  /** Extra or overriding config keys (merged over the defaults). */
  config?: Partial<NodeConfig>;
  /** unique_ids this node depends on, verbatim. */
  deps?: string[];
  /** Names of models in the same package this node ref()s. */
  refs?: string[];
  /** `[source_name, table_name]` pairs in the same package this node source()s. */
  sources?: Array<[string, string]>;
  fqn?: string[];
  test?: TestNodeInfo;
  patchPath?: string;
  rawCode?: string;
  meta?: Record<string, unknown>;
}

export function nodeId(name: string, resourceType: NodeResourceType = 'model', pkg = DEFAULT_PACKAGE): string {
  return `${resourceType}.${pkg}.${name}`;
}

export function sourceId(source: string, table: string, pkg = DEFAULT_PACKAGE): string {
  return `source.${pkg}.${source}.${table}`;
}

export function makeNode(spec: NodeSpec): ManifestNode {
  const type = spec.resource_type ?? 'model';
  const pkg = spec.package ?? DEFAULT_PACKAGE;
  const ext = type === 'seed' ? 'csv' : 'sql';
  const path = spec.path ?? `${spec.name}.${ext}`;
  const originalFilePath = spec.originalFilePath ?? `${RESOURCE_FOLDER[type]}/${path}`;
  const tags = spec.tags ?? [];
  const deps = [
    ...(spec.deps ?? []),
    ...(spec.refs ?? []).map((r) => nodeId(r, 'model', pkg)),
    ...(spec.sources ?? []).map(([s, t]) => sourceId(s, t, pkg)),
  ];
  const config: NodeConfig = {
    enabled: true,
    materialized: spec.materialized ?? defaultMaterialization(type),
    tags,
    meta: spec.meta ?? {},
    docs: { show: true },
    pre_hook: [],
    post_hook: [],
    ...spec.config,
  };
  return {
    unique_id: nodeId(spec.name, type, pkg),
    resource_type: type,
    name: spec.name,
    package_name: pkg,
    path,
    original_file_path: originalFilePath,
    abs_path: `${PROJECT_ROOT}/${originalFilePath}`,
    fqn: spec.fqn ?? [pkg, ...folders(path), spec.name],
    raw_code: spec.rawCode ?? '',
    language: ext,
    checksum: { name: 'sha256', checksum: '' },
    config,
    tags,
    description: '',
    columns: {},
    meta: spec.meta ?? {},
    refs: (spec.refs ?? []).map((name) => ({ name })),
    sources: spec.sources ?? [],
    depends_on: { nodes: deps, macros: [] },
    database: 'warehouse',
    schema: 'main',
    alias: spec.name,
    relation_name: type === 'test' || type === 'analysis' ? null : `"warehouse"."main"."${spec.name}"`,
    patch_path: spec.patchPath,
    test: spec.test,
  };
}

export interface TestSpec {
  name: string;
  /** unique_ids the test reads (its depends_on.nodes). The first is the attached node. */
  on: string[];
  /** Generic test macro as written (`unique`, `dbt_utils.accepted_range`); omit for a singular test. */
  testName?: string;
  /** Schema YAML declaring a generic test; default `models/schema.yml`. */
  yml?: string;
  column?: string;
  tags?: string[];
  config?: Partial<NodeConfig>;
  package?: string;
}

/** A generic test (with `testName`) declared in YAML, or a singular test file under tests/. */
export function makeTest(spec: TestSpec): ManifestNode {
  const generic = spec.testName !== undefined;
  const yml = spec.yml ?? 'models/schema.yml';
  const attached = spec.on[0];
  const test: TestNodeInfo = {
    kind: generic ? 'generic' : 'singular',
    attached_node: attached,
    column_name: spec.column,
    short_name: spec.name,
    definition: generic
      ? {
          testName: spec.testName as string,
          args: {},
          config: {},
          attachedKind: attached?.startsWith('source.') ? 'source' : 'model',
          attachedName: attached?.split('.').slice(2).join('.') ?? '',
          columnName: spec.column,
          place: { file: `${PROJECT_ROOT}/${yml}`, line: 1, column: 1 },
          yamlPath: yml,
        }
      : undefined,
  };
  const ymlFolders = folders(yml).slice(1);
  return makeNode({
    name: spec.name,
    resource_type: 'test',
    package: spec.package,
    path: generic ? `${spec.name}.sql` : undefined,
    originalFilePath: generic ? yml : undefined,
    fqn: generic ? [spec.package ?? DEFAULT_PACKAGE, ...ymlFolders, spec.name] : undefined,
    tags: spec.tags,
    materialized: 'test',
    config: { severity: 'ERROR', ...spec.config },
    deps: spec.on,
    test,
  });
}

export interface SourceSpec {
  source: string;
  name: string;
  package?: string;
  /** Schema YAML declaring it; default `models/sources.yml`. */
  yml?: string;
  tags?: string[];
  config?: Record<string, unknown>;
}

export function makeSource(spec: SourceSpec): SourceTable {
  const pkg = spec.package ?? DEFAULT_PACKAGE;
  const yml = spec.yml ?? 'models/sources.yml';
  return {
    unique_id: sourceId(spec.source, spec.name, pkg),
    resource_type: 'source',
    package_name: pkg,
    source_name: spec.source,
    name: spec.name,
    identifier: spec.name,
    database: 'warehouse',
    schema: spec.source,
    loader: '',
    description: '',
    source_description: '',
    columns: {},
    meta: {},
    tags: spec.tags ?? [],
    config: { enabled: true, ...spec.config },
    fqn: [pkg, ...folders(yml).slice(1), spec.source, spec.name],
    original_file_path: yml,
    abs_path: `${PROJECT_ROOT}/${yml}`,
    relation_name: `"warehouse"."${spec.source}"."${spec.name}"`,
    place: { file: `${PROJECT_ROOT}/${yml}`, line: 1, column: 1 },
  };
}

/** A manifest holding the given entries; parent_map/child_map are filled from depends_on. */
export function makeManifest(entries: Array<ManifestNode | SourceTable>, projectName = DEFAULT_PACKAGE): Manifest {
  const nodes: Record<string, ManifestNode> = {};
  const sources: Record<string, SourceTable> = {};
  for (const e of entries) {
    if (e.resource_type === 'source') sources[e.unique_id] = e;
    else nodes[e.unique_id] = e;
  }
  const parentMap: Record<string, string[]> = {};
  const childMap: Record<string, string[]> = {};
  for (const id of [...Object.keys(sources), ...Object.keys(nodes)]) {
    parentMap[id] = [];
    childMap[id] = [];
  }
  for (const node of Object.values(nodes)) {
    for (const dep of node.depends_on.nodes) {
      parentMap[node.unique_id].push(dep);
      childMap[dep]?.push(node.unique_id);
    }
  }
  return {
    metadata: {
      dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json',
      generated_at: '2024-01-01T00:00:00Z',
      project_name: projectName,
      adapter_type: 'duckdb',
      invocation_id: 'test',
    },
    nodes,
    sources,
    macros: {},
    docs: {},
    parent_map: parentMap,
    child_map: childMap,
    disabled: {},
  };
}

function defaultMaterialization(type: NodeResourceType): string {
  if (type === 'seed') return 'seed';
  if (type === 'snapshot') return 'snapshot';
  if (type === 'test') return 'test';
  return 'view';
}

function folders(path: string): string[] {
  return path.split('/').slice(0, -1);
}
