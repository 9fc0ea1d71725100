/**
 * Keys as a dbt project states them: a column with `unique` and `not_null` tests is a primary
 * key, a `relationships` test is a foreign key. Reads the schema-YAML test definitions (from the
 * project, or from the test nodes that carry them).
 */
import type { Manifest, TestDefinition } from '../project/types';

/** Where a test or key points: a ref'd node by name, or a source table. */
export type TableRef = { kind: 'ref'; name: string; package?: string } | { kind: 'source'; source: string; table: string };

export interface ForeignKeyFact {
  /** The table holding the key: the entity the test is attached to. */
  owner: TableRef;
  column: string;
  to: TableRef;
  field: string;
}

export interface TableKeyFacts {
  unique: Set<string>;
  notNull: Set<string>;
  /** Columns named together by `unique_combination_of_columns` or a `primary_key` test. */
  combinations: string[][];
}

export interface KeyFacts {
  /** Keyed by `tableKey()`; column names lower-cased (DuckDB matches columns case-insensitively). */
  tables: Map<string, TableKeyFacts>;
  foreignKeys: ForeignKeyFact[];
}

export function tableKey(ref: TableRef): string {
  return ref.kind === 'ref' ? `ref:${ref.name.toLowerCase()}` : `source:${ref.source.toLowerCase()}.${ref.table.toLowerCase()}`;
}

/** Test definitions from the project plus those on test nodes, each once. */
export function collectTestDefinitions(manifest: Manifest, extra: TestDefinition[] = []): TestDefinition[] {
  const seen = new Set<string>();
  const out: TestDefinition[] = [];
  const fromNodes = Object.values(manifest.nodes).flatMap((n) => (n.resource_type === 'test' && n.test?.definition ? [n.test.definition] : []));
  for (const def of [...extra, ...fromNodes]) {
    if (def.config.enabled === false) continue;
    const key = JSON.stringify([def.attachedKind, def.attachedName, def.columnName, def.testName, def.args]);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(def);
  }
  return out;
}

export function inferKeys(defs: TestDefinition[]): KeyFacts {
  const tables = new Map<string, TableKeyFacts>();
  const facts = (owner: TableRef): TableKeyFacts => {
    const k = tableKey(owner);
    let f = tables.get(k);
    if (!f) tables.set(k, (f = { unique: new Set(), notNull: new Set(), combinations: [] }));
    return f;
  };
  const foreignKeys: ForeignKeyFact[] = [];

  for (const def of defs) {
    const owner = ownerOf(def);
    const name = baseTestName(def.testName);
    const column = columnOf(def);
    if (name === 'unique' && column) facts(owner).unique.add(column.toLowerCase());
    else if (name === 'not_null' && column) facts(owner).notNull.add(column.toLowerCase());
    else if (name === 'unique_combination_of_columns' || name === 'primary_key') {
      const cols = stringList(def.args.combination_of_columns ?? def.args.column_names) ?? (column ? [column] : []);
      if (cols.length) facts(owner).combinations.push(cols.map((c) => c.toLowerCase()));
    } else if ((name === 'relationships' || name === 'relationships_where') && column) {
      const to = typeof def.args.to === 'string' ? parseTableRef(def.args.to) : undefined;
      const field = typeof def.args.field === 'string' ? def.args.field : undefined;
      if (to && field) foreignKeys.push({ owner, column, to, field });
    }
  }
  return { tables, foreignKeys };
}

function ownerOf(def: TestDefinition): TableRef {
  if (def.attachedKind === 'source') {
    const [source, ...rest] = def.attachedName.split('.');
    return { kind: 'source', source: def.sourceName ?? source, table: def.tableName ?? rest.join('.') };
  }
  return { kind: 'ref', name: def.attachedName };
}

/** `dbt_utils.unique_combination_of_columns` → `unique_combination_of_columns`. */
function baseTestName(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

function columnOf(def: TestDefinition): string | undefined {
  if (def.columnName) return def.columnName;
  return typeof def.args.column_name === 'string' ? def.args.column_name : undefined;
}

function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;
}

const STR = String.raw`\s*(['"])((?:(?!\1).)*)\1\s*`;
const REF_RE = new RegExp(String.raw`^\s*(?:\{\{\s*)?ref\(${STR}(?:,${STR.replace(/\\1/g, '\\3')})?(?:,[^)]*)?\)\s*(?:\}\})?\s*$`);
const SOURCE_RE = new RegExp(String.raw`^\s*(?:\{\{\s*)?source\(${STR},${STR.replace(/\\1/g, '\\3')}\)\s*(?:\}\})?\s*$`);

/**
 * The `to:` of a relationships test: `ref('customers')`, `ref('pkg', 'customers')`,
 * `ref('customers', v=2)`, `source('raw', 'customers')`, with or without `{{ }}`, or a bare name.
 */
export function parseTableRef(to: string): TableRef | undefined {
  const src = SOURCE_RE.exec(to);
  if (src) return { kind: 'source', source: src[2], table: src[4] };
  const ref = REF_RE.exec(to);
  if (ref) return ref[4] !== undefined ? { kind: 'ref', package: ref[2], name: ref[4] } : { kind: 'ref', name: ref[2] };
  const bare = to.trim();
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(bare) ? { kind: 'ref', name: bare } : undefined;
}
