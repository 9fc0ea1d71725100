/**
 * Schema YAML (version 2): model/seed/snapshot/analysis patches, sources and data tests, each
 * remembered with its line and column so that test failures can be shown where they are declared.
 */
import type { Place, Problem } from '../problems';
import type { ColumnInfo, TestDefinition } from './types';
import { asMap, isPlainObject, mapGetNode, mapPairs, scalarString, seqItems, toJs, type YamlFile } from './yamlFile';

export type PatchKind = 'model' | 'seed' | 'snapshot' | 'analysis';

export interface NodePatch {
  kind: PatchKind;
  name: string;
  description: string;
  columns: Record<string, ColumnInfo>;
  config: Record<string, unknown>;
  meta: Record<string, unknown>;
  docs?: Record<string, unknown>;
  place: Place;
  yamlPath: string;
  /** YAML-defined snapshot (dbt 1.9): `relation: ref('x')` and config. */
  relation?: string;
}

export interface SourceTablePatch {
  sourceName: string;
  tableName: string;
  identifier: string;
  schema?: string;
  database?: string;
  loader: string;
  description: string;
  sourceDescription: string;
  columns: Record<string, ColumnInfo>;
  meta: Record<string, unknown>;
  tags: string[];
  config: Record<string, unknown>;
  place: Place;
  yamlPath: string;
  loadedAtField?: string;
  freshness?: unknown;
}

export interface SchemaFileContents {
  patches: NodePatch[];
  sources: SourceTablePatch[];
  tests: TestDefinition[];
}

const PATCH_SECTIONS: Array<[string, PatchKind]> = [
  ['models', 'model'],
  ['seeds', 'seed'],
  ['snapshots', 'snapshot'],
  ['analyses', 'analysis'],
];

/** Keys dbt accepts directly on a test entry that are really configs. */
const TEST_CONFIG_KEYS = new Set(['severity', 'tags', 'where', 'limit', 'warn_if', 'error_if', 'fail_calc', 'store_failures', 'store_failures_as', 'enabled', 'meta', 'database', 'schema', 'alias']);

export function readSchemaFile(yf: YamlFile, yamlPath: string, problems: Problem[]): SchemaFileContents {
  const out: SchemaFileContents = { patches: [], sources: [], tests: [] };
  const root = asMap(yf.doc.contents);
  if (!root) {
    // An empty file is fine; anything else at the top (a list, a bare string, a binary file read as text) cannot be a schema file.
    if (yf.doc.contents !== null && toJs(yf.doc.contents) !== null) {
      problems.push({ code: 'schema-yaml', severity: 'error', ...yf.placeOf(yf.doc.contents), message: `${yamlPath} is not a schema file: its top level must be a mapping (version: 2, models:, sources: …).`, hint: 'Start the file with `version: 2`, or move it out of the model folders if it is not a dbt schema file.' });
    }
    return out;
  }
  for (const [section, kind] of PATCH_SECTIONS) {
    const node = mapGetNode(root, section);
    if (node === undefined || node === null) continue;
    const items = seqItems(node);
    if (items.length === 0 && toJs(node) !== null && !Array.isArray(toJs(node))) {
      problems.push({ code: 'schema-yaml', severity: 'error', ...yf.placeOf(node), message: `\`${section}:\` must be a list of entries, each starting with \`- name:\`.` });
      continue;
    }
    for (const item of items) readPatch(yf, yamlPath, kind, item, out, problems);
  }
  for (const item of seqItems(mapGetNode(root, 'sources'))) readSource(yf, yamlPath, item, out, problems);
  return out;
}

function readPatch(yf: YamlFile, yamlPath: string, kind: PatchKind, item: unknown, out: SchemaFileContents, problems: Problem[]): void {
  const map = asMap(item);
  const name = scalarString(mapGetNode(map, 'name'));
  if (!map || !name) {
    problems.push({ code: 'schema-yaml', severity: 'error', ...yf.placeOf(item), message: `Each ${kind} entry needs a \`name:\`.` });
    return;
  }
  const config = plainMap(mapGetNode(map, 'config'));
  const docs = plainMap(mapGetNode(map, 'docs'));
  const patch: NodePatch = {
    kind,
    name,
    description: scalarString(mapGetNode(map, 'description')) ?? '',
    columns: {},
    config,
    meta: { ...plainMap(mapGetNode(map, 'meta')), ...plainMap(config.meta) },
    docs: Object.keys(docs).length ? docs : undefined,
    place: yf.placeOf(item),
    yamlPath,
    relation: scalarString(mapGetNode(map, 'relation')),
  };
  const attached = { attachedKind: kind === 'analysis' ? 'model' : kind, attachedName: name } as const;
  readTests(yf, yamlPath, map, attached, undefined, out, problems);
  patch.columns = readColumns(yf, yamlPath, mapGetNode(map, 'columns'), attached, out, problems);
  out.patches.push(patch);
}

function readSource(yf: YamlFile, yamlPath: string, item: unknown, out: SchemaFileContents, problems: Problem[]): void {
  const map = asMap(item);
  const sourceName = scalarString(mapGetNode(map, 'name'));
  if (!map || !sourceName) {
    problems.push({ code: 'schema-yaml', severity: 'error', ...yf.placeOf(item), message: 'Each source needs a `name:`.' });
    return;
  }
  const sourceConfig = plainMap(mapGetNode(map, 'config'));
  for (const t of listItems(yf, mapGetNode(map, 'tables'), 'tables', problems)) {
    const tmap = asMap(t);
    const tableName = scalarString(mapGetNode(tmap, 'name'));
    if (!tmap || !tableName) {
      problems.push({ code: 'schema-yaml', severity: 'error', ...yf.placeOf(t), message: `Each table of source '${sourceName}' needs a \`name:\`.` });
      continue;
    }
    const attached = { attachedKind: 'source', attachedName: `${sourceName}.${tableName}`, sourceName, tableName } as const;
    readTests(yf, yamlPath, tmap, attached, undefined, out, problems);
    const tableTags = toJs(mapGetNode(tmap, 'tags'));
    const srcTags = toJs(mapGetNode(map, 'tags'));
    out.sources.push({
      sourceName,
      tableName,
      identifier: scalarString(mapGetNode(tmap, 'identifier')) ?? tableName,
      schema: scalarString(mapGetNode(map, 'schema')),
      database: scalarString(mapGetNode(map, 'database')) ?? scalarString(mapGetNode(map, 'catalog')),
      loader: scalarString(mapGetNode(map, 'loader')) ?? '',
      description: scalarString(mapGetNode(tmap, 'description')) ?? '',
      sourceDescription: scalarString(mapGetNode(map, 'description')) ?? '',
      columns: readColumns(yf, yamlPath, mapGetNode(tmap, 'columns'), attached, out, problems),
      meta: { ...plainMap(mapGetNode(map, 'meta')), ...plainMap(mapGetNode(tmap, 'meta')) },
      tags: [...stringList(srcTags), ...stringList(tableTags)],
      config: { ...sourceConfig, ...plainMap(mapGetNode(tmap, 'config')) },
      place: yf.placeOf(t),
      yamlPath,
      loadedAtField: scalarString(mapGetNode(tmap, 'loaded_at_field')) ?? scalarString(mapGetNode(map, 'loaded_at_field')),
      freshness: toJs(mapGetNode(tmap, 'freshness')) ?? toJs(mapGetNode(map, 'freshness')),
    });
  }
}

type Attached = Pick<TestDefinition, 'attachedKind' | 'attachedName' | 'sourceName' | 'tableName'>;

/** The entries of a list key; anything else there (a string, a mapping) is a problem rather than silently nothing. */
function listItems(yf: YamlFile, node: unknown, key: string, problems: Problem[]): unknown[] {
  const items = seqItems(node);
  const value = toJs(node);
  if (items.length === 0 && value !== undefined && value !== null && !Array.isArray(value)) {
    problems.push({ code: 'schema-yaml', severity: 'error', ...yf.placeOf(node), message: `\`${key}:\` must be a list of entries, each starting with \`- name:\`.` });
  }
  return items;
}

function readColumns(yf: YamlFile, yamlPath: string, node: unknown, attached: Attached, out: SchemaFileContents, problems: Problem[]): Record<string, ColumnInfo> {
  const cols: Record<string, ColumnInfo> = {};
  for (const c of listItems(yf, node, 'columns', problems)) {
    const cmap = asMap(c);
    const name = scalarString(mapGetNode(cmap, 'name'));
    if (!cmap || !name) {
      problems.push({ code: 'schema-yaml', severity: 'error', ...yf.placeOf(c), message: 'Each column needs a `name:`.' });
      continue;
    }
    cols[name] = {
      name,
      description: scalarString(mapGetNode(cmap, 'description')) ?? '',
      data_type: scalarString(mapGetNode(cmap, 'data_type')) ?? scalarString(mapGetNode(cmap, 'type')),
      meta: plainMap(mapGetNode(cmap, 'meta')),
      tags: stringList(toJs(mapGetNode(cmap, 'tags'))),
      quote: toJs(mapGetNode(cmap, 'quote')) === true ? true : undefined,
      place: yf.placeOf(c),
    };
    readTests(yf, yamlPath, cmap, attached, name, out, problems);
  }
  return cols;
}

function readTests(yf: YamlFile, yamlPath: string, owner: ReturnType<typeof asMap>, attached: Attached, columnName: string | undefined, out: SchemaFileContents, problems: Problem[]): void {
  for (const key of ['tests', 'data_tests']) {
    for (const item of seqItems(mapGetNode(owner, key))) {
      const def = readTestEntry(yf, yamlPath, item, attached, columnName, problems);
      if (def) out.tests.push(def);
    }
  }
}

function readTestEntry(yf: YamlFile, yamlPath: string, item: unknown, attached: Attached, columnName: string | undefined, problems: Problem[]): TestDefinition | undefined {
  const place = yf.placeOf(item);
  const base = { ...attached, columnName, place, yamlPath };
  const asString = toJs(item);
  if (typeof asString === 'string') return { ...base, testName: asString, args: {}, config: {} };
  const map = asMap(item);
  if (!map) {
    problems.push({ code: 'schema-yaml', severity: 'error', ...place, message: 'A test must be a name (`- unique`) or a mapping (`- accepted_values: {values: [...]}`).' });
    return undefined;
  }
  const pairs = mapPairs(map);
  let testName: string | undefined;
  let raw: Record<string, unknown>;
  if (pairs.length === 1) {
    testName = pairs[0].key;
    const v = toJs(pairs[0].pair.value);
    raw = isPlainObject(v) ? { ...v } : {};
  } else {
    const all = toJs(map);
    raw = isPlainObject(all) ? { ...all } : {};
    testName = typeof raw.test_name === 'string' ? raw.test_name : undefined;
    delete raw.test_name;
  }
  if (!testName) {
    problems.push({ code: 'schema-yaml', severity: 'error', ...place, message: 'This test entry has several keys but no `test_name:`; write it as `- test_name: {arg: value}`.' });
    return undefined;
  }
  const config: Record<string, unknown> = isPlainObject(raw.config) ? { ...raw.config } : {};
  delete raw.config;
  const explicitName = typeof raw.name === 'string' ? raw.name : undefined;
  delete raw.name;
  // dbt 1.10 nests test arguments under `arguments:`.
  if (isPlainObject(raw.arguments)) {
    Object.assign(raw, raw.arguments);
    delete raw.arguments;
  }
  const argsMap = pairs.length === 1 ? asMap(pairs[0].pair.value) : map;
  for (const k of Object.keys(raw)) {
    if (!TEST_CONFIG_KEYS.has(k)) continue;
    if (config[k] === undefined) config[k] = raw[k];
    else {
      // dbt refuses the whole project here (SameKeyNestedError), so a project that builds with us must not rely on either value.
      const keyNode = mapPairs(argsMap).find((p) => p.key === k)?.pair.key;
      problems.push({
        code: 'schema-yaml',
        severity: 'error',
        ...(keyNode ? yf.placeOf(keyNode) : place),
        message: `\`${k}\` is set both at the top level of this ${testName} test and under its \`config:\`; dbt rejects that ("Test cannot have the same key at the top-level and in config"). The \`config:\` value is used here.`,
        hint: `Keep \`${k}\` in one place, preferably under \`config:\`.`,
      });
    }
    delete raw[k];
  }
  return { ...base, testName, args: raw, config, explicitName };
}

function plainMap(node: unknown): Record<string, unknown> {
  const v = toJs(node);
  return isPlainObject(v) ? v : {};
}

function stringList(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.map(String) : [];
}
