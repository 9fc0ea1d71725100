/** Reads a dataset spec file into a DatasetSpec and every problem in it, before anything is written. */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { LineCounter, parseDocument, type Node } from 'yaml';
import { problem, type Problem } from '../problems';
import { parseColumn } from './parseColumn';
import { DEFECT_TYPES, type ChangesSpec, type DatasetSpec, type DefectSpec, type DefectType, type RowsSpec, type TableSpec } from './types';
import { validateSpec } from './validate';
import { YamlReader, type YNode } from './yamlReader';

const TOP_KEYS = ['name', 'description', 'schema', 'seed', 'locale', 'reference_date', 'scale', 'batch_interval', 'tables', 'version'];
const TABLE_KEYS = ['description', 'rows', 'scaling', 'primary_key', 'columns', 'changes', 'defects'];

export interface LoadedSpec {
  /** Undefined when the file could not be read or is not a mapping at all. */
  spec?: DatasetSpec;
  problems: Problem[];
}

export function loadDatasetSpec(file: string): LoadedSpec {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { problems: [problem('spec-read', `Cannot read the dataset spec: ${(e as Error).message}`, { file, line: 1, column: 1 })] };
  }
  return parseDatasetSpec(text, file);
}

export function parseDatasetSpec(text: string, file: string): LoadedSpec {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const r = new YamlReader(file, lines);
  for (const err of doc.errors) {
    const pos = lines.linePos(err.pos[0]);
    r.error('yaml-syntax', err.message.split('\n')[0], { file, line: pos.line, column: pos.col });
  }
  if (doc.errors.length) return { problems: r.problems };
  const root = doc.contents;
  const top = r.entries(root, 'the dataset spec', TOP_KEYS);
  if (!top.length && r.problems.length) return { problems: r.problems };
  const get = (k: string) => r.get(root, k);
  const spec: DatasetSpec = {
    file,
    name: basename(file, extname(file)) || 'dataset',
    schema: 'raw',
    seed: 42,
    locale: 'en',
    referenceDate: '2024-12-31',
    scale: 1,
    batchInterval: '1 day',
    tables: [],
    place: r.place(root),
  };
  if (get('name') !== undefined) spec.name = r.string(get('name'), 'name') ?? spec.name;
  if (get('description') !== undefined) spec.description = r.string(get('description'), 'description');
  if (get('schema') !== undefined) {
    const s = r.string(get('schema'), 'schema');
    if (s && !/^[A-Za-z_]\w*$/.test(s)) r.error('spec-name', `schema '${s}' must be a plain identifier`, get('schema'));
    // Generation replaces the whole schema: never the one the models are built in.
    else if (s && ['main', 'information_schema', 'pg_catalog', 'temp'].includes(s.toLowerCase())) r.error('spec-name', `schema '${s}' would replace the models built there; use a schema of its own such as raw`, get('schema'));
    else if (s) spec.schema = s;
  }
  if (get('seed') !== undefined) spec.seed = r.number(get('seed'), 'seed', { integer: true, min: 0 }) ?? spec.seed;
  if (get('locale') !== undefined) spec.locale = r.string(get('locale'), 'locale') ?? spec.locale;
  if (get('reference_date') !== undefined) spec.referenceDate = r.date(get('reference_date'), 'reference_date')?.slice(0, 10) ?? spec.referenceDate;
  if (get('scale') !== undefined) spec.scale = r.number(get('scale'), 'scale', { min: 0.000001 }) ?? spec.scale;
  if (get('batch_interval') !== undefined) {
    const iv = r.string(get('batch_interval'), 'batch_interval');
    if (iv && !/^\d+\s+(second|minute|hour|day|week|month|year)s?$/.test(iv.trim())) {
      r.error('spec-type', `batch_interval is like '1 day', '6 hours' or '1 month', got '${iv}'`, get('batch_interval'));
    } else if (iv) spec.batchInterval = iv.trim();
  }
  const tablesNode = get('tables');
  if (tablesNode === undefined) r.error('spec-tables', 'The dataset spec needs a `tables:` mapping', root);
  for (const e of tablesNode === undefined ? [] : r.entries(tablesNode, 'tables')) {
    if (!/^[A-Za-z_]\w*$/.test(e.key)) {
      r.error('spec-name', `Table name '${e.key}' must be a plain identifier (letters, digits, _)`, e.keyNode);
      continue;
    }
    const t = parseTable(r, e.key, e.keyNode, e.value);
    if (t) spec.tables.push(t);
  }
  if (r.problems.length === 0) r.problems.push(...validateSpec(spec));
  return { spec, problems: r.problems };
}

function parseTable(r: YamlReader, name: string, keyNode: Node, v: YNode): TableSpec | undefined {
  const entries = r.entries(v, `table '${name}'`, TABLE_KEYS);
  if (!entries.length && !r.has(v, 'rows')) {
    if (r.problems.length === 0) r.error('spec-type', `Table '${name}' needs rows and columns`, v ?? keyNode);
    return undefined;
  }
  const table: TableSpec = { name, rows: { kind: 'count', count: 0, scaling: 'linear', place: r.place(keyNode) }, primaryKey: [], columns: [], defects: [], place: r.place(keyNode) };
  const rows = parseRows(r, name, r.get(v, 'rows'), r.get(v, 'scaling'), v ?? keyNode);
  if (rows) table.rows = rows;
  const desc = r.get(v, 'description');
  if (desc !== undefined) table.description = r.string(desc, `description of '${name}'`);
  const cols = r.get(v, 'columns');
  if (cols === undefined) r.error('spec-columns', `Table '${name}' needs a columns: mapping`, v ?? keyNode);
  for (const c of cols === undefined ? [] : r.entries(cols, `columns of '${name}'`)) {
    if (!/^[A-Za-z_]\w*$/.test(c.key) || c.key.startsWith('__')) {
      r.error('spec-name', `Column name '${c.key}' must be a plain identifier not starting with __`, c.keyNode);
      continue;
    }
    const col = parseColumn(r, c.key, c.keyNode, c.value);
    if (col) table.columns.push(col);
  }
  const pk = r.get(v, 'primary_key');
  if (pk !== undefined) table.primaryKey = r.names(pk, `primary_key of '${name}'`);
  const ch = r.get(v, 'changes');
  if (ch !== undefined) table.changes = parseChanges(r, name, ch);
  const defects = r.get(v, 'defects');
  if (defects !== undefined) for (const d of r.list(defects, `defects of '${name}'`)) {
    const parsed = parseDefect(r, name, d);
    if (parsed) table.defects.push(parsed);
  }
  return table;
}

function parseRows(r: YamlReader, table: string, v: YNode, scalingNode: YNode, owner: YNode): RowsSpec | undefined {
  const place = r.place(v ?? owner);
  if (v === undefined) {
    r.error('spec-rows', `Table '${table}' needs rows: a count, {per: parent, min, max} or {cross: [a, b]}`, owner);
    return undefined;
  }
  let scaling: 'linear' | 'fixed' | 'sqrt' = 'linear';
  if (scalingNode !== undefined) {
    const s = r.string(scalingNode, `scaling of '${table}'`);
    if (s === 'linear' || s === 'fixed' || s === 'sqrt') scaling = s;
    else if (s) r.error('spec-type', `scaling is linear, fixed or sqrt, got '${s}'`, scalingNode);
  }
  if (r.scalar(v) !== undefined) {
    const count = r.number(v, `rows of '${table}'`, { integer: true, min: 0 });
    return count === undefined ? undefined : { kind: 'count', count, scaling, place };
  }
  const what = `rows of '${table}'`;
  if (r.has(v, 'count')) {
    r.entries(v, what, ['count']);
    const count = r.number(r.get(v, 'count'), what, { integer: true, min: 0 });
    return count === undefined ? undefined : { kind: 'count', count, scaling, place };
  }
  if (r.has(v, 'cross')) {
    r.entries(v, what, ['cross', 'rate']);
    const parents = r.names(r.get(v, 'cross'), `cross of '${table}'`);
    const rate = r.has(v, 'rate') ? r.number(r.get(v, 'rate'), `rate of '${table}'`, { min: 0, max: 1 }) : 1;
    if (parents.length < 2) r.error('spec-rows', `cross needs at least two tables`, r.get(v, 'cross'));
    return rate === undefined || parents.length < 2 ? undefined : { kind: 'cross', parents, rate, place };
  }
  if (r.has(v, 'per')) {
    r.entries(v, what, ['per', 'min', 'max', 'rate', 'weights']);
    const parent = r.string(r.get(v, 'per'), `per of '${table}'`);
    const min = r.has(v, 'min') ? r.number(r.get(v, 'min'), `min of ${what}`, { integer: true, min: 0 }) : 1;
    const max = r.has(v, 'max') ? r.number(r.get(v, 'max'), `max of ${what}`, { integer: true, min: 0, max: 100_000 }) : min;
    const rate = r.has(v, 'rate') ? r.number(r.get(v, 'rate'), `rate of ${what}`, { min: 0, max: 1 }) : 1;
    let weights: Array<[number, number]> | undefined;
    if (r.has(v, 'weights')) {
      weights = [];
      for (const e of r.entries(r.get(v, 'weights'), `weights of ${what}`)) {
        const n = Number(e.key);
        const w = r.number(e.value, `weight of ${e.key} children`, { min: 0 });
        if (!Number.isInteger(n) || n < 0 || n > 100_000) r.error('spec-rows', `weights are 'children: weight' with a whole number of children, got '${e.key}'`, e.keyNode);
        else if (w !== undefined) weights.push([n, w]);
      }
      if (!weights.length || weights.every(([, w]) => w === 0)) r.error('spec-rows', `weights of ${what} need at least one positive weight`, r.get(v, 'weights'));
    }
    if (min !== undefined && max !== undefined && min > max) {
      r.error('spec-rows', `min ${min} is greater than max ${max} in ${what}`, v);
      return undefined;
    }
    if (!parent || min === undefined || max === undefined || rate === undefined) return undefined;
    return { kind: 'per', parent, min, max, rate, ...(weights ? { weights } : {}), place };
  }
  r.error('spec-rows', `rows of '${table}' is a count, {count: N}, {per: parent, min, max, rate} or {cross: [a, b], rate}`, v);
  return undefined;
}

function parseChanges(r: YamlReader, table: string, v: YNode): ChangesSpec | undefined {
  const ch: ChangesSpec = { inserts: 0, updates: 0, updateColumns: [], deletes: 0, late: 0, place: r.place(v) };
  const what = `changes of '${table}'`;
  for (const e of r.entries(v, what, ['inserts', 'updates', 'update_columns', 'deletes', 'late', 'updated_at', 'event_time'])) {
    if (e.key === 'update_columns') ch.updateColumns = r.names(e.value, `update_columns of '${table}'`);
    else if (e.key === 'updated_at') ch.updatedAt = r.string(e.value, `updated_at of '${table}'`);
    else if (e.key === 'event_time') ch.eventTime = r.string(e.value, `event_time of '${table}'`);
    else {
      const n = r.number(e.value, `${e.key} of ${what}`, { min: 0, max: e.key === 'inserts' ? 10 : 1 });
      if (n !== undefined) ch[e.key as 'inserts' | 'updates' | 'deletes' | 'late'] = n;
    }
  }
  return ch;
}

function parseDefect(r: YamlReader, table: string, v: Node): DefectSpec | undefined {
  const what = `a defect of '${table}'`;
  const entries = r.entries(v, what, ['type', 'column', 'rate', 'count']);
  if (!entries.length) return undefined;
  const type = r.string(r.get(v, 'type'), `type of ${what}`);
  if (!type || !(DEFECT_TYPES as string[]).includes(type)) {
    if (type) r.error('spec-defect', `Unknown defect type '${type}'; use ${DEFECT_TYPES.join(', ')}`, r.get(v, 'type'));
    return undefined;
  }
  const d: DefectSpec = { type: type as DefectType, place: r.place(v) };
  if (r.has(v, 'column')) d.column = r.string(r.get(v, 'column'), `column of ${what}`);
  if (r.has(v, 'rate')) d.rate = r.number(r.get(v, 'rate'), `rate of ${what}`, { min: 0, max: 1 });
  if (r.has(v, 'count')) d.count = r.number(r.get(v, 'count'), `count of ${what}`, { min: 0, integer: true });
  if ((d.rate === undefined) === (d.count === undefined)) {
    r.error('spec-defect', `${what} needs either rate or count`, v);
    return undefined;
  }
  if (d.type !== 'duplicate_keys' && !d.column) {
    r.error('spec-defect', `A ${d.type} defect needs the column it hits`, v);
    return undefined;
  }
  return d;
}
