/**
 * dbt's config precedence: folder-scoped dbt_project.yml < schema YAML `config:` < in-file
 * `config()`. Tags accumulate and meta merges; every other key is replaced by the later level.
 */
import type { NodeConfig, NodeResourceType } from './types';
import { isPlainObject } from './yamlFile';

/** Keys that are configs even without the `+` prefix in dbt_project.yml. */
const CONFIG_KEYS = new Set([
  'materialized', 'schema', 'database', 'alias', 'tags', 'enabled', 'docs', 'persist_docs', 'column_types',
  'quote_columns', 'delimiter', 'unique_key', 'incremental_strategy', 'on_schema_change', 'full_refresh',
  'pre-hook', 'post-hook', 'pre_hook', 'post_hook', 'meta', 'grants', 'contract', 'strategy', 'updated_at',
  'check_cols', 'target_schema', 'target_database', 'hard_deletes', 'invalidate_hard_deletes',
  'dbt_valid_to_current', 'snapshot_meta_column_names', 'severity', 'warn_if', 'error_if', 'where', 'limit',
  'fail_calc', 'store_failures', 'store_failures_as', 'incremental_predicates', 'group', 'access', 'batch_size',
  'lookback', 'event_time', 'begin', 'sql_header', 'transient', 'persist', 'indexes', 'quoting',
]);

const DEFAULT_MATERIALIZED: Record<NodeResourceType, string> = {
  model: 'view',
  seed: 'seed',
  snapshot: 'snapshot',
  test: 'test',
  analysis: 'view',
};

export function defaultConfig(type: NodeResourceType): NodeConfig {
  return { enabled: true, materialized: DEFAULT_MATERIALIZED[type], tags: [], meta: {}, docs: { show: true }, pre_hook: [], post_hook: [] };
}

/** Config from the folder-scoped tree (`models: my_project: staging: +materialized: view`) for a node's fqn. */
export function scopedConfigFor(tree: Record<string, unknown> | undefined, fqn: string[]): Record<string, unknown> {
  let out: Record<string, unknown> = {};
  if (!tree) return out;
  let level: Record<string, unknown> = tree;
  out = mergeConfig(out, configKeysAt(level, fqn[0]));
  for (let i = 0; i < fqn.length; i++) {
    const next = level[fqn[i]];
    if (!isPlainObject(next)) break;
    level = next;
    out = mergeConfig(out, configKeysAt(level, fqn[i + 1]));
  }
  return out;
}

function configKeysAt(level: Record<string, unknown>, nextPart: string | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(level)) {
    if (k.startsWith('+')) out[k.slice(1)] = v;
    // A bare key that names the next folder is a folder, even if it is also a config name.
    else if (CONFIG_KEYS.has(k) && k !== nextPart) out[k] = v;
  }
  return out;
}

/** Overlay `b` on `a` with dbt's merge rules; accepts raw user input, so types are normalised here. */
export function mergeConfig<T extends Record<string, unknown>>(a: T, b: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...a };
  for (const [rawKey, v] of Object.entries(b)) {
    if (v === undefined) continue;
    const k = rawKey === 'pre-hook' ? 'pre_hook' : rawKey === 'post-hook' ? 'post_hook' : rawKey;
    if (k === 'tags') {
      const prev = Array.isArray(out.tags) ? (out.tags as string[]) : [];
      const add = Array.isArray(v) ? v.map(String) : [String(v)];
      out.tags = [...new Set([...prev, ...add])];
    } else if (k === 'pre_hook' || k === 'post_hook') {
      const prev = Array.isArray(out[k]) ? (out[k] as string[]) : [];
      out[k] = [...prev, ...(Array.isArray(v) ? v.map(String) : [String(v)])];
    } else if ((k === 'meta' || k === 'docs' || k === 'column_types' || k === 'persist_docs') && isPlainObject(v)) {
      out[k] = { ...(isPlainObject(out[k]) ? out[k] : {}), ...v };
    } else {
      out[k] = v;
    }
  }
  return out as T;
}

export function finalizeConfig(type: NodeResourceType, ...levels: Array<Record<string, unknown> | undefined>): NodeConfig {
  let cfg = defaultConfig(type);
  for (const l of levels) if (l) cfg = mergeConfig(cfg, l);
  cfg.enabled = cfg.enabled !== false && String(cfg.enabled) !== 'false';
  return cfg;
}
