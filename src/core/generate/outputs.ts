/**
 * Files written beside the data: a data dictionary (`schema_metadata.json`) and the generation's
 * lineage (`generation_lineage.yaml`: steps with their inputs and outputs), as seed 004 keeps them.
 */
import { join } from 'node:path';
import { stringify } from 'yaml';
import { writeFileAtomic } from '../fsAtomic';
import { aggregateSources, tableDeps } from './deps';
import { datasetRelations, primaryKeyOf } from './relations';
import type { DatasetSpec } from './types';

export interface ColumnInfo {
  name: string;
  type: string;
}

export interface InjectedDefect {
  table: string;
  type: string;
  column?: string;
  /** Rows the generator changed (or appended, for duplicate_keys): exactly what it injected. */
  count: number;
}

export interface BatchChanges {
  inserted: number;
  late: number;
  updated: number;
  deleted: number;
  /** Rows removed because the row they reference is absent from this batch. */
  removedWithParent: number;
  /** Batch 1 only: rows held back to arrive late in batch 2. */
  heldBack: number;
}

export interface TableReport {
  name: string;
  rows: number;
  seconds: number;
  /** CPU time of the process (DuckDB's threads included) while the table was written. */
  cpuSeconds: number;
  rowsPerSec: number;
  columns: ColumnInfo[];
  changes?: BatchChanges;
}

export interface GenerateReport {
  dataset: string;
  specFile: string;
  schema: string;
  seed: number;
  scale: number;
  batch: number;
  dbPath: string;
  commit: 'rename' | 'attach';
  tables: TableReport[];
  defects: InjectedDefect[];
  timings: { planSeconds: number; generateSeconds: number; postSeconds: number; commitSeconds: number; totalSeconds: number };
  outputs: string[];
}

export function writeOutputs(spec: DatasetSpec, report: GenerateReport, targetDir: string): string[] {
  const metaPath = join(targetDir, 'schema_metadata.json');
  const lineagePath = join(targetDir, 'generation_lineage.yaml');
  writeFileAtomic(metaPath, JSON.stringify(schemaMetadata(spec, report), null, 2) + '\n');
  writeFileAtomic(lineagePath, stringify(lineage(spec, report), { lineWidth: 0 }));
  return [metaPath, lineagePath];
}

export function schemaMetadata(spec: DatasetSpec, report: GenerateReport): unknown {
  const byName = new Map(report.tables.map((t) => [t.name, t]));
  const tables: Record<string, unknown> = {};
  for (const t of spec.tables) {
    const r = byName.get(t.name);
    const columns: Record<string, unknown> = {};
    for (const c of t.columns) {
      const type = r?.columns.find((x) => x.name === c.name)?.type ?? c.type ?? '';
      columns[c.name] = { type, ...(c.description ? { description: c.description } : {}), generator: c.gen.kind, ...(c.nullRate > 0 ? { null_rate: c.nullRate } : {}) };
    }
    const pk = primaryKeyOf(t);
    tables[t.name] = {
      schema: spec.schema,
      ...(t.description ? { description: t.description } : {}),
      row_count: r?.rows ?? 0,
      columns,
      primary_key: pk.length === 1 ? pk[0] : pk,
    };
  }
  const relationships = datasetRelations(spec).flatMap((rel) =>
    rel.foreignKeys.map((fk) => ({
      table: rel.table,
      column: fk.columns.join(', '),
      references: `${fk.refTable}.${fk.refColumns.join(', ')}`,
      cardinality: fk.cardinality,
    })),
  );
  return {
    dataset: spec.name,
    generated_with: { seed: report.seed, scale: report.scale, batch: report.batch },
    tables,
    relationships,
    injected_defects: report.defects,
  };
}

export function lineage(spec: DatasetSpec, report: GenerateReport): unknown {
  const rel = (t: string) => `${spec.schema}.${t}`;
  const steps: Array<Record<string, unknown>> = [];
  for (const t of spec.tables) {
    const refs = [...new Set(t.columns.flatMap((c) => (c.gen.kind === 'ref' ? [c.gen.table] : [])))];
    const inputs = [...new Set([...tableDeps(t, spec), ...refs])].filter((x) => x !== t.name);
    steps.push({
      name: `generate_${t.name}`,
      description: t.description ?? `Generate ${t.name} (${describeRows(t.rows)})`,
      ...(inputs.length ? { inputs: inputs.map(rel) } : {}),
      output: rel(t.name),
    });
  }
  if (report.batch > 1 || spec.tables.some((t) => t.changes?.late)) {
    steps.push({ name: 'apply_batch_changes', description: `Batch ${report.batch}: late rows, updates and deletes; rows whose reference is absent are removed too`, inputs: spec.tables.filter((t) => t.changes).map((t) => rel(t.name)) });
  }
  for (const t of spec.tables) {
    const from = aggregateSources(t);
    if (from.length) steps.push({ name: `aggregate_${t.name}`, description: `Compute ${t.name} columns from ${from.join(', ')}`, inputs: [rel(t.name), ...from.map(rel)], output: rel(t.name) });
  }
  if (report.defects.length) {
    steps.push({ name: 'inject_defects', description: 'Place requested defects by exact count', outputs: [...new Set(report.defects.map((d) => rel(d.table)))] });
  }
  return { dataset: spec.name, spec: spec.file, seed: report.seed, scale: report.scale, batch: report.batch, steps };
}

function describeRows(r: DatasetSpec['tables'][number]['rows']): string {
  if (r.kind === 'count') return `${r.count} rows, ${r.scaling} scaling`;
  if (r.kind === 'per') return `${r.min}–${r.max} per ${r.parent}${r.rate < 1 ? ` for ${Math.round(r.rate * 100)}% of them` : ''}`;
  return `combinations of ${r.parents.join(' × ')}`;
}
