/** Shared by the generator's integration tests: a temp project with the retail spec, SQL checks. */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { datasetRelations, generateDataset, loadDatasetSpec, type DatasetSpec, type GenerateOptions, type GenerateReport } from '../../../src/core/generate';
import { Warehouse } from '../../../src/core/run';

export const FIXTURES = resolve(__dirname, '..', '..', 'fixtures', 'generate');

/** A temp project holding the retail spec (or the given files). */
export function tempProject(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'ms-gen-'));
  cpSync(join(FIXTURES, 'retail'), dir, { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

export function retailSpec(dir: string, file = 'datasets/retail.yml'): DatasetSpec {
  const l = loadDatasetSpec(join(dir, file));
  if (l.problems.length || !l.spec) throw new Error(l.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n'));
  return l.spec;
}

export async function generate(dir: string, extra: Partial<GenerateOptions> = {}): Promise<GenerateReport> {
  return generateDataset({ projectRoot: dir, specFile: 'datasets/retail.yml', dbPath: join(dir, 'warehouse.duckdb'), targetDir: join(dir, 'target'), threads: 2, ...extra });
}

export async function withDb<T>(dir: string, fn: (wh: Warehouse) => Promise<T>, path = join(dir, 'warehouse.duckdb')): Promise<T> {
  const wh = await Warehouse.open({ path, projectRoot: dir, targetDir: join(dir, 'target'), readOnly: true });
  try {
    return await fn(wh);
  } finally {
    wh.close();
  }
}

export async function scalar(wh: Warehouse, sql: string): Promise<number> {
  const row = (await wh.query(sql))[0];
  return Number(Object.values(row)[0]);
}

/** Rows whose foreign key resolves to no row of the referenced table, per FK of the spec. */
export async function orphanCounts(wh: Warehouse, spec: DatasetSpec): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const rel of datasetRelations(spec)) {
    for (const fk of rel.foreignKeys) {
      const c = fk.columns[0];
      const n = await scalar(wh, `SELECT count(*) FROM ${spec.schema}.${rel.table} t WHERE t.${c} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${spec.schema}.${fk.refTable} p WHERE p.${fk.refColumns[0]} = t.${c})`);
      out.set(`${rel.table}.${c}`, n);
    }
  }
  return out;
}

/** An order-aware checksum per table: the same rows in the same order give the same numbers. */
export async function checksums(wh: Warehouse, spec: DatasetSpec): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of spec.tables) {
    const r = (await wh.query(`SELECT count(*) AS n, bit_xor(h) AS x, sum((h % 1000003) * (rid + 1)) AS o FROM (SELECT hash(COLUMNS(*)) AS h, rowid AS rid FROM ${spec.schema}.${t.name})`))[0];
    out[t.name] = `${String(r.n)}:${String(r.x)}:${String(r.o)}`;
  }
  return out;
}
