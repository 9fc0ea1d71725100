/**
 * dbt's selector methods (`tag:`, `path:`, `config.x:` …): each one marks the graph vertices whose
 * property matches the value. Semantics follow dbt-core's selector_methods.py, including which
 * methods can match sources (tag, path, file, package, config, source) and which cannot (fqn).
 */
import type { ManifestNode, SourceTable } from '../project/types';
import { hasGlob, nameMatcher } from './glob';
import { fileSelector, pathSelector } from './selector-paths';
import type { Criterion } from './selector-parse';
import { Universe } from './universe';

type Entry = ManifestNode | SourceTable;
type Predicate = (entry: Entry) => boolean;

/** Marks every vertex the criterion's method matches (before any graph operator). */
export function matchMethod(u: Universe, c: Criterion): Uint8Array {
  const out = new Uint8Array(u.g.size);
  if (c.method === 'fqn' && !c.value.includes('.') && !hasGlob(c.value)) {
    // The commonest selector, a model name, is an index lookup rather than a scan.
    for (const v of u.plainNameMatches(c.value)) out[v] = u.live[v];
    return out;
  }
  const nodePredicate = nodeMatcher(c);
  const sourcePredicate = sourceMatcher(c);
  for (let v = 0; v < out.length; v++) {
    if (!u.live[v]) continue;
    const node = u.nodes[v];
    if (node) {
      if (nodePredicate?.(node)) out[v] = 1;
    } else if (sourcePredicate?.(u.sources[v] as SourceTable)) {
      out[v] = 1;
    }
  }
  return out;
}

function nodeMatcher(c: Criterion): ((node: ManifestNode) => boolean) | undefined {
  const value = c.value;
  switch (c.method) {
    case 'fqn': {
      const matches = fqnMatcher(value);
      return (n) => matches(Universe.fqnOf(n));
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
      // dbt reads `node.tags`, where config tags have already been merged in.
      return (e) => e.tags.some(matches);
    case 'path':
      return pathSelector(value);
    case 'file':
      return fileSelector(value);
    case 'package':
      return (e) => matches(e.package_name);
    case 'config':
      return configSelector(c.args, value);
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
function fqnMatcher(selector: string): (fqn: readonly string[]) => boolean {
  const parts = selector.split('.');
  const globAt = parts.findIndex(hasGlob);
  const rest = globAt >= 0 ? nameMatcher(parts.slice(globAt).join('.')) : undefined;
  const leaf = !selector.includes('.') ? rest : undefined;
  // Compares plain parts first, so the string for the wildcard tail is built only for nodes
  // whose prefix already matched.
  const matchFrom = (pieces: readonly string[], offset: number): boolean => {
    if (pieces.length - offset < parts.length) return false;
    for (let i = 0; i < parts.length; i++) {
      if (rest && i === globAt) return rest(pieces.slice(offset + i).join('.'));
      if (pieces[offset + i] !== parts[i]) return false;
    }
    return true;
  };
  return (fqn) => {
    if (fqn.length === 0) return false;
    const last = fqn[fqn.length - 1];
    if (last === selector || leaf?.(last)) return true;
    // Dots inside a segment act as namespace separators, as in dbt. Such segments are rare,
    // so the fqn is split only when it has one.
    const dotted = fqn.some(hasDot);
    const pieces = dotted ? fqn.flatMap(splitDots) : fqn;
    const headPieces = dotted ? fqn[0].split('.').length : 1;
    return matchFrom(pieces, 0) || (fqn.length > 1 && matchFrom(pieces, headPieces));
  };
}

function hasDot(segment: string): boolean {
  return segment.includes('.');
}

function splitDots(segment: string): string[] {
  return segment.split('.');
}

function sourceSelectorMatcher(value: string): (s: SourceTable) => boolean {
  const parts = value.split('.');
  // The parser already rejected more than three parts.
  const [pkg, source, table] =
    parts.length === 1 ? ['*', parts[0], '*'] : parts.length === 2 ? ['*', parts[0], parts[1]] : [parts[0], parts[1], parts[2]];
  const [pkgOk, sourceOk, tableOk] = [nameMatcher(pkg), nameMatcher(source), nameMatcher(table)];
  return (s) => pkgOk(s.package_name) && sourceOk(s.source_name) && tableOk(s.name);
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

/** dbt's ConfigSelectorMethod: descend into config by the dotted keys, compare as strings. */
function configSelector(keys: readonly string[], selector: string): Predicate {
  // dbt makes severity (`warn`/`ERROR`) the one case-insensitive comparison.
  const caseInsensitive = keys.length === 1 && keys[0] === 'severity';
  const wanted = caseInsensitive ? selector.toUpperCase() : selector;
  const bool = selector.toLowerCase();
  const equals = (v: unknown): boolean => {
    if (typeof v === 'string') return (caseInsensitive ? v.toUpperCase() : v) === wanted;
    if (typeof v === 'boolean') return bool === String(v);
    if (typeof v === 'number') return String(v) === selector;
    return false;
  };
  return (e) => {
    let value: unknown = e.config;
    for (const key of keys) {
      if (value === null || typeof value !== 'object' || !(key in value)) return false;
      value = (value as Record<string, unknown>)[key];
    }
    return Array.isArray(value) ? value.some(equals) : equals(value);
  };
}
