/**
 * dbt's selector methods (`tag:`, `path:`, `config.x:` …): each one marks the graph vertices whose
 * property matches the value. Semantics follow dbt-core's selector_methods.py, including which
 * methods can match sources (tag, path, file, package, config, source) and which cannot (fqn).
 */
import type { Manifest, ManifestNode, SourceTable } from '../project/types';
import { hasGlob, nameMatcher, pathMatcher as globPathMatcher } from './glob';
import type { Graph } from './graph';
import type { Criterion } from './selector-parse';

/** Vertex index -> the manifest entry behind it, resolved once per selection. */
export interface Universe {
  readonly g: Graph;
  readonly m: Manifest;
  readonly nodes: readonly (ManifestNode | undefined)[];
  readonly sources: readonly (SourceTable | undefined)[];
}

export function makeUniverse(m: Manifest, g: Graph): Universe {
  return {
    g,
    m,
    nodes: g.ids.map((id) => m.nodes[id]),
    sources: g.ids.map((id) => m.sources[id]),
  };
}

type Entry = ManifestNode | SourceTable;
type Predicate = (entry: Entry) => boolean;

/** Marks every vertex the criterion's method matches (before any graph operator). */
export function matchMethod(u: Universe, c: Criterion): Uint8Array {
  const out = new Uint8Array(u.g.size);
  const nodePredicate = nodeMatcher(c);
  const sourcePredicate = sourceMatcher(c);
  for (let v = 0; v < out.length; v++) {
    const node = u.nodes[v];
    if (node) {
      if (node.config.enabled !== false && nodePredicate?.(node)) out[v] = 1;
      continue;
    }
    const source = u.sources[v];
    if (source && source.config.enabled !== false && sourcePredicate?.(source)) out[v] = 1;
  }
  return out;
}

function nodeMatcher(c: Criterion): ((node: ManifestNode) => boolean) | undefined {
  const value = c.value;
  switch (c.method) {
    case 'fqn': {
      const matches = fqnMatcher(value);
      return (n) => matches(n.fqn.length > 0 ? n.fqn : [n.package_name, n.name]);
    }
    case 'resource_type':
      return (n) => n.resource_type === value;
    case 'test_name': {
      const matches = testNameMatcher(value);
      return (n) => n.resource_type === 'test' && n.test?.kind === 'generic' && matches(n);
    }
    case 'test_type':
      return (n) => n.resource_type === 'test' && testTypeMatches(n, value);
    case 'group':
      return (n) => n.config.group === value;
    case 'access':
      return (n) => n.resource_type === 'model' && (n.config.access ?? 'protected') === value;
    case 'version':
      // No model here is versioned, so every model is `version:none` and nothing is latest/old.
      return (n) => value === 'none' && n.resource_type === 'model';
    case 'source':
    case 'exposure':
    case 'metric':
    case 'semantic_model':
    case 'saved_query':
    case 'unit_test':
      return undefined;
    default:
      return sharedMatcher(c);
  }
}

function sourceMatcher(c: Criterion): ((source: SourceTable) => boolean) | undefined {
  switch (c.method) {
    case 'source':
      return sourceSelectorMatcher(c.value);
    case 'resource_type':
      return () => c.value === 'source';
    case 'tag':
    case 'path':
    case 'file':
    case 'package':
    case 'config':
      return sharedMatcher(c);
    default:
      return undefined;
  }
}

/** Methods that read properties nodes and sources share. */
function sharedMatcher(c: Criterion): Predicate | undefined {
  const value = c.value;
  const matches = nameMatcher(value);
  switch (c.method) {
    case 'tag':
      return (e) => tagsOf(e).some(matches);
    case 'path':
      return pathMatcher(value);
    case 'file':
      return (e) => matches(baseName(e.original_file_path)) || matches(normalizePath(e.original_file_path));
    case 'package':
      return (e) => matches(e.package_name);
    case 'config':
      return (e) => configMatches(e.config, c.args, value);
    default:
      return undefined;
  }
}

/**
 * dbt's is_selected_node, compiled once per selector: the leaf name, or a dotted prefix of the
 * fqn (with or without the package) where the first wildcard part matches the rest of the fqn.
 * Beyond dbt, a dotless pattern with wildcards is also tried against the leaf name alone, so
 * `stg_*` finds stg_ models in any folder.
 */
export function fqnMatcher(selector: string): (fqn: readonly string[]) => boolean {
  const parts = selector.split('.');
  const globAt = parts.findIndex(hasGlob);
  const rest = globAt >= 0 ? nameMatcher(parts.slice(globAt).join('.')) : undefined;
  const leaf = !selector.includes('.') ? rest : undefined;
  const matchFrom = (f: FlatFqn, offset: number): boolean => {
    if (f.pieces.length - offset < parts.length) return false;
    for (let i = 0; i < parts.length; i++) {
      if (rest && i === globAt) return rest(f.joined.slice(f.starts[offset + i]));
      if (f.pieces[offset + i] !== parts[i]) return false;
    }
    return true;
  };
  return (fqn) => {
    if (fqn.length === 0) return false;
    const last = fqn[fqn.length - 1];
    if (last === selector || leaf?.(last)) return true;
    const f = flatOf(fqn);
    return matchFrom(f, 0) || (fqn.length > 1 && matchFrom(f, f.headPieces));
  };
}

/** An fqn with dotted segments split (dbt treats those dots as namespace separators). */
interface FlatFqn {
  pieces: string[];
  joined: string;
  /** Character offset of each piece in `joined`. */
  starts: number[];
  /** How many pieces the package segment (fqn[0]) became. */
  headPieces: number;
}

// Keyed by the fqn array itself, so repeated selections over one manifest flatten each node once.
const flatCache = new WeakMap<readonly string[], FlatFqn>();

function flatOf(fqn: readonly string[]): FlatFqn {
  let f = flatCache.get(fqn);
  if (!f) {
    const pieces = fqn.flatMap((segment) => segment.split('.'));
    const starts: number[] = [];
    let at = 0;
    for (const p of pieces) {
      starts.push(at);
      at += p.length + 1;
    }
    f = { pieces, joined: pieces.join('.'), starts, headPieces: fqn[0].split('.').length };
    flatCache.set(fqn, f);
  }
  return f;
}

function sourceSelectorMatcher(value: string): ((s: SourceTable) => boolean) | undefined {
  const parts = value.split('.');
  // The parser already rejected more than three parts.
  const [pkg, source, table] =
    parts.length === 1 ? ['*', parts[0], '*'] : parts.length === 2 ? ['*', parts[0], parts[1]] : [parts[0], parts[1], parts[2]];
  const [pkgOk, sourceOk, tableOk] = [nameMatcher(pkg), nameMatcher(source), nameMatcher(table)];
  return (s) => pkgOk(s.package_name) && sourceOk(s.source_name) && tableOk(s.name);
}

function tagsOf(e: Entry): string[] {
  const configTags = e.config.tags;
  if (!Array.isArray(configTags) || configTags.length === 0) return e.tags;
  return [...e.tags, ...configTags.filter((t): t is string => typeof t === 'string')];
}

function testNameMatcher(value: string): (n: ManifestNode) => boolean {
  const matches = nameMatcher(value);
  return (n) => {
    const name = n.test?.definition?.testName;
    if (!name) return false;
    // dbt compares the macro name without its package (`dbt_utils.accepted_range` -> accepted_range).
    return matches(name.slice(name.lastIndexOf('.') + 1)) || matches(name);
  };
}

function testTypeMatches(n: ManifestNode, value: string): boolean {
  const kind = n.test?.kind ?? 'singular';
  if (value === 'data') return true;
  return kind === value;
}

/**
 * dbt globs the selector on disk and matches a node when its file, one of its folders, or its
 * schema YAML is among the results. The same decision is made here on the paths alone.
 */
function pathMatcher(selector: string): Predicate {
  const absolute = /^([A-Za-z]:)?[\\/]/.test(selector);
  const matches = globPathMatcher(normalizePath(selector));
  return (e) => {
    const candidates = absolute
      ? withParents(normalizePath(e.abs_path))
      : [...withParents(normalizePath(e.original_file_path)), ...patchPathOf(e)];
    return candidates.some(matches);
  };
}

function patchPathOf(e: Entry): string[] {
  const patch = 'patch_path' in e ? e.patch_path : undefined;
  if (!patch) return [];
  // dbt stores `project_name://models/schema.yml`.
  const sep = patch.indexOf('://');
  return [normalizePath(sep >= 0 ? patch.slice(sep + 3) : patch)];
}

/** The path itself, then each enclosing folder, ending with `.` for relative paths. */
function withParents(path: string): string[] {
  const out = [path];
  for (let cut = path.lastIndexOf('/'); cut > 0; cut = path.lastIndexOf('/', cut - 1)) out.push(path.slice(0, cut));
  if (!path.startsWith('/')) out.push('.');
  return out;
}

export function normalizePath(path: string): string {
  let p = path.replace(/\\/g, '/').replace(/\/{2,}/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  p = p.replace(/\/\.(?=\/|$)/g, '');
  if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  return p === '' ? '.' : p;
}

function baseName(path: string): string {
  const p = path.replace(/\\/g, '/');
  return p.slice(p.lastIndexOf('/') + 1);
}

/** dbt's ConfigSelectorMethod: descend into config by the dotted keys, compare as strings. */
function configMatches(config: Record<string, unknown>, keys: readonly string[], selector: string): boolean {
  let value: unknown = config;
  for (const key of keys) {
    if (value === null || typeof value !== 'object' || !(key in value)) return false;
    value = (value as Record<string, unknown>)[key];
  }
  // dbt makes severity (`warn`/`ERROR`) the one case-insensitive comparison.
  const caseInsensitive = keys.length === 1 && keys[0] === 'severity';
  const equals = (v: unknown): boolean => {
    if (typeof v === 'string') return caseInsensitive ? v.toUpperCase() === selector.toUpperCase() : v === selector;
    if (typeof v === 'boolean') return selector.toLowerCase() === String(v);
    if (typeof v === 'number') return String(v) === selector;
    return false;
  };
  return Array.isArray(value) ? value.some(equals) : equals(value);
}
