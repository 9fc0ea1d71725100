/**
 * The in-memory manifest, shaped like dbt-core's manifest v12 so that names a dbt user knows
 * (unique_id, fqn, depends_on, original_file_path, relation_name …) mean the same thing here.
 */
import type { Place, Problem } from '../problems';

export type NodeResourceType = 'model' | 'seed' | 'snapshot' | 'test' | 'analysis';
export type ResourceType = NodeResourceType | 'source' | 'macro' | 'doc';

/** Node config after folder-scoped project config, YAML `config:` and in-file `config()` are merged. */
export interface NodeConfig {
  enabled: boolean;
  materialized: string;
  schema?: string;
  database?: string;
  alias?: string;
  tags: string[];
  meta: Record<string, unknown>;
  docs: { show: boolean };
  persist_docs?: Record<string, unknown>;
  column_types?: Record<string, string>;
  quote_columns?: boolean;
  delimiter?: string;
  unique_key?: string | string[];
  incremental_strategy?: string;
  on_schema_change?: string;
  full_refresh?: boolean | null;
  pre_hook: string[];
  post_hook: string[];
  [key: string]: unknown;
}

/** A data test as written in schema YAML, before it becomes a test node. */
export interface TestDefinition {
  /** Test macro name as written: `unique`, `accepted_values`, `dbt_utils.accepted_range`, a custom test. */
  testName: string;
  /** Keyword arguments (without `config`). */
  args: Record<string, unknown>;
  /** The `config:` block of the test entry, plus top-level config keys dbt accepts there (severity, where …). */
  config: Record<string, unknown>;
  /** Explicit `name:` given to the test, if any. */
  explicitName?: string;
  /** What it is attached to. */
  attachedKind: 'model' | 'source' | 'seed' | 'snapshot';
  /** Model/seed/snapshot name, or `source_name.table_name` for sources. */
  attachedName: string;
  sourceName?: string;
  tableName?: string;
  columnName?: string;
  /** The YAML file and position of the test entry. */
  place: Place;
  /** Project-relative path of the YAML file. */
  yamlPath: string;
}

export interface ColumnInfo {
  name: string;
  description: string;
  data_type?: string;
  meta: Record<string, unknown>;
  tags: string[];
  quote?: boolean;
  place?: Place;
}

export interface RefCall {
  name: string;
  package?: string;
  version?: string | number;
}

export interface SourceCall {
  source: string;
  table: string;
}

export interface ManifestNode {
  unique_id: string;
  resource_type: NodeResourceType;
  name: string;
  package_name: string;
  /** Path relative to the resource folder (models/, seeds/ …), as dbt's `path`. */
  path: string;
  /** Path relative to the project root. */
  original_file_path: string;
  /** Absolute path on disk. */
  abs_path: string;
  fqn: string[];
  raw_code: string;
  language: 'sql' | 'csv';
  checksum: { name: 'sha256'; checksum: string };
  config: NodeConfig;
  tags: string[];
  description: string;
  columns: Record<string, ColumnInfo>;
  meta: Record<string, unknown>;
  /** Filled by parsing the Jinja: what this node refers to. */
  refs: RefCall[];
  sources: Array<[string, string]>;
  depends_on: { nodes: string[]; macros: string[] };
  database: string;
  schema: string;
  alias: string;
  /** Quoted, fully qualified relation, e.g. `"warehouse"."main"."stg_orders"`. */
  relation_name: string | null;
  /** Schema YAML that documents this node (`patch_path`), and where in it. */
  patch_path?: string;
  patch_place?: Place;
  /** Set for tests: what it tests and the YAML definition (absent for singular tests). */
  test?: TestNodeInfo;
  /** Set for snapshots defined in `{% snapshot %}` blocks or YAML. */
  snapshot_name?: string;
}

export interface TestNodeInfo {
  kind: 'generic' | 'singular';
  definition?: TestDefinition;
  /** unique_id of the node the test is attached to. */
  attached_node?: string;
  column_name?: string;
  /** Short name as dbt prints it: e.g. `unique_orders_order_id`. */
  short_name: string;
}

export interface SourceTable {
  unique_id: string;
  resource_type: 'source';
  package_name: string;
  source_name: string;
  name: string;
  identifier: string;
  database: string;
  schema: string;
  loader: string;
  description: string;
  source_description: string;
  columns: Record<string, ColumnInfo>;
  meta: Record<string, unknown>;
  tags: string[];
  config: { enabled: boolean; [key: string]: unknown };
  fqn: string[];
  original_file_path: string;
  abs_path: string;
  relation_name: string;
  place: Place;
  loaded_at_field?: string;
  freshness?: unknown;
}

export interface MacroDef {
  unique_id: string;
  resource_type: 'macro';
  name: string;
  package_name: string;
  original_file_path: string;
  abs_path: string;
  macro_sql: string;
  arguments: string[];
  /** `macro` for `{% macro %}`, `test` for `{% test %}` (custom generic tests), `materialization`. */
  kind: 'macro' | 'test' | 'materialization';
  place: Place;
}

export interface DocBlock {
  unique_id: string;
  resource_type: 'doc';
  name: string;
  package_name: string;
  original_file_path: string;
  abs_path: string;
  block_contents: string;
  place: Place;
}

/** A duckdb target from profiles.yml, or the defaults when there is none. */
export interface Target {
  name: string;
  type: 'duckdb';
  /** Absolute path of the DuckDB file, or `:memory:`. */
  path: string;
  /** Database name as DuckDB sees it (file stem). */
  database: string;
  schema: string;
  threads: number;
  extensions?: string[];
  settings?: Record<string, unknown>;
}

export interface ProjectConfig {
  name: string;
  version?: string;
  profile?: string;
  configVersion?: number;
  modelPaths: string[];
  seedPaths: string[];
  testPaths: string[];
  macroPaths: string[];
  snapshotPaths: string[];
  analysisPaths: string[];
  docsPaths: string[];
  targetPath: string;
  cleanTargets: string[];
  vars: Record<string, unknown>;
  /** Folder-scoped config trees under `models:`, `seeds:`, `snapshots:`, `data_tests:`/`tests:`, keyed by resource type. */
  scopedConfig: Partial<Record<NodeResourceType, Record<string, unknown>>>;
  quoting?: Record<string, unknown>;
  onRunStart: string[];
  onRunEnd: string[];
}

export interface Manifest {
  metadata: {
    dbt_schema_version: string;
    generated_at: string;
    project_name: string;
    adapter_type: 'duckdb';
    invocation_id: string;
  };
  nodes: Record<string, ManifestNode>;
  sources: Record<string, SourceTable>;
  macros: Record<string, MacroDef>;
  docs: Record<string, DocBlock>;
  parent_map: Record<string, string[]>;
  child_map: Record<string, string[]>;
  disabled: Record<string, ManifestNode[]>;
}

export interface Project {
  root: string;
  config: ProjectConfig;
  target: Target;
  /** Vars from `--vars`, which win over project vars. */
  cliVars: Record<string, unknown>;
  manifest: Manifest;
  /** Macro files as read (path and text), for the Jinja environment. */
  macroFiles: Array<{ file: string; source: string }>;
  /** Data tests declared in schema YAML (the tests module turns them into test nodes). */
  testDefinitions: TestDefinition[];
  /** Problems found while loading (YAML errors, duplicate names …). Loading never throws on user input. */
  problems: Problem[];
}
