/**
 * dbt's names for generic tests (dbt-core `generic_test_builders.synthesize_generic_test_names`
 * and `schema_generic_tests.create_test_node`). Users grep logs, select with `--select` and
 * compare manifests by these names, so they are reproduced exactly, hashes included.
 */
import { createHash } from 'node:crypto';
import type { TestDefinition } from '../project';

export interface TestNames {
  /** Name of the node and last part of its fqn and unique_id (dbt's `fqn_name`). */
  fullName: string;
  /** File name and default alias: the full name, or a hashed form when that is 64+ characters. */
  shortName: string;
}

/** The test macro's name and package: `dbt_utils.accepted_range` → accepted_range / dbt_utils. */
export function splitTestName(testName: string): { name: string; namespace: string | null } {
  const m = /^(?:([A-Za-z_][0-9A-Za-z_]*)\.)?([A-Za-z_][0-9A-Za-z_]*)$/.exec(testName.trim());
  if (!m) return { name: testName, namespace: null };
  return { name: m[2], namespace: m[1] ?? null };
}

/** What dbt calls the tested target in names: the model name, or `source_table` for sources. */
export function targetName(def: TestDefinition): string {
  return def.attachedKind === 'source' ? `${def.sourceName ?? ''}_${def.tableName ?? ''}` : def.attachedName;
}

/** The `model` kwarg dbt records for a test: the tested relation inside get_where_subquery. */
export function modelArgString(def: TestDefinition): string {
  const target = def.attachedKind === 'source' ? `source('${def.sourceName ?? ''}', '${def.tableName ?? ''}')` : `ref('${def.attachedName}')`;
  return `{{ get_where_subquery(${target}) }}`;
}

/** The keyword arguments dbt stores in test_metadata.kwargs: user args, column_name, model. */
export function testKwargs(def: TestDefinition): Record<string, unknown> {
  const kwargs: Record<string, unknown> = { ...def.args };
  if (def.columnName !== undefined) kwargs.column_name = def.columnName;
  kwargs.model = modelArgString(def);
  return kwargs;
}

export function synthesizeTestNames(testType: string, target: string, args: Record<string, unknown>): TestNames {
  const flat: string[] = [];
  for (const key of Object.keys(args).sort(pythonOrder)) {
    if (key === 'model') continue;
    const v = args[key];
    const parts = Array.isArray(v) ? v : isDict(v) ? Object.values(v) : [v];
    flat.push(...parts.map(pythonStr));
  }
  const unique = flat.map((a) => a.replace(/[^0-9a-zA-Z_]+/g, '_')).join('__');
  const identifier = `${testType}_${target}`;
  const fullName = `${identifier}_${unique}`;
  // Python's len() counts code points, not UTF-16 units.
  const shortName = [...fullName].length >= 64 ? `${[...identifier].slice(0, 30).join('')}_${md5(fullName)}` : fullName;
  return { fullName, shortName };
}

/** Names for a schema-YAML test; an explicit `name:` replaces both. */
export function testNames(def: TestDefinition): TestNames {
  if (def.explicitName) return { fullName: def.explicitName, shortName: def.explicitName };
  const { name, namespace } = splitTestName(def.testName);
  let testType = def.attachedKind === 'source' ? `source_${name}` : name;
  if (namespace) testType = `${namespace}_${testType}`;
  return synthesizeTestNames(testType, targetName(def), testKwargs(def));
}

/** `test.<package>.<full name>.<last 10 hex of md5(name + repr(metadata))>`. */
export function testUniqueId(packageName: string, fullName: string, def: TestDefinition): string {
  const { name, namespace } = splitTestName(def.testName);
  const metadata = { namespace, name, kwargs: testKwargs(def) };
  const hash = md5(fullName + pythonRepr(hashable(metadata))).slice(-10);
  return `test.${packageName}.${fullName}.${hash}`;
}

function md5(s: string): string {
  return createHash('md5').update(s, 'utf8').digest('hex');
}

type Hashable = string | Hashable[] | { [key: string]: Hashable };

/** dbt's get_hashable_md: dicts with sorted keys, lists kept, every leaf through str(). */
function hashable(v: unknown): Hashable {
  if (Array.isArray(v)) return v.map(hashable);
  if (isDict(v)) {
    const out: { [key: string]: Hashable } = {};
    for (const k of Object.keys(v).sort(pythonOrder)) out[k] = hashable(v[k]);
    return out;
  }
  return pythonStr(v);
}

function isDict(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Python sorts strings by code point; JS's default sort compares UTF-16 units. */
function pythonOrder(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0) ?? 0);
  const y = [...b].map((c) => c.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/** Python's str() of a value parsed from YAML. */
export function pythonStr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return pythonFloatOrInt(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return pythonRepr(v);
}

function pythonFloatOrInt(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (Number.isInteger(n)) return String(n);
  // JS writes 1e-7 where Python writes 1e-07.
  return String(n).replace(/e([+-])(\d)$/, (_m, sign: string, d: string) => `e${sign}0${d}`);
}

/** Python's repr() of strings, lists and dicts (what dbt hashes). */
export function pythonRepr(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(pythonRepr).join(', ')}]`;
  if (isDict(v)) return `{${Object.entries(v).map(([k, x]) => `${pythonRepr(k)}: ${pythonRepr(x)}`).join(', ')}}`;
  if (typeof v !== 'string') return pythonStr(v);
  const quote = v.includes("'") && !v.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of v) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += '\\' + quote;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp >= 0x80 && cp < 0xa0) out += '\\x' + cp.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + quote;
}
