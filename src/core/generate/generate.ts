/**
 * `generateDataset`: the whole run around the build — the spec checked first, a temporary DuckDB
 * file next to the target, the swap into the project file only on success, and the files beside.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ProblemError } from '../problems';
import { quoteIdent as q, Warehouse } from '../run/warehouse';
import { buildDataset, CancelledError, type Progress } from './build';
import { MAX_BATCH } from './changes';
import { commitTemp, removeDbFiles, removeStaleTemps, tempDbPath } from './commit';
import { loadDatasetSpec } from './load';
import { writeOutputs, type GenerateReport } from './outputs';
import { INTERNAL_SCHEMA } from './tableSql';
import type { DatasetSpec } from './types';

export interface GenerateOptions {
  projectRoot: string;
  /** The spec file (`datasets/<name>.yml`); or pass `spec` already loaded. */
  specFile?: string;
  spec?: DatasetSpec;
  /** The project's DuckDB file. */
  dbPath: string;
  /** The project's `target/`: temp file, schema_metadata.json, generation_lineage.yaml. */
  targetDir: string;
  scale?: number;
  seed?: number;
  /** Change batch (1 = the initial load). */
  batch?: number;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  /** DuckDB threads for the build (default: all cores). */
  threads?: number;
  /** Profiling: each table is written through EXPLAIN ANALYZE, and its statement and plan passed here. */
  explain?: (table: string, sql: string, plan: string) => void;
  /** An open connection to `dbPath` owned by the caller: the swap then copies through it. */
  warehouse?: Warehouse;
}

export async function generateDataset(opts: GenerateOptions): Promise<GenerateReport> {
  const started = performance.now();
  const spec = resolveSpec(opts);
  const seed = opts.seed ?? spec.seed;
  const scale = opts.scale ?? spec.scale;
  const batch = opts.batch ?? 1;
  if (!Number.isInteger(seed) || seed < 0) throw new RangeError(`seed must be a whole number ≥ 0, got ${seed}`);
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`scale must be a positive number, got ${scale}`);
  if (!Number.isInteger(batch) || batch < 1 || batch > MAX_BATCH) throw new RangeError(`batch must be a whole number from 1 to ${MAX_BATCH}, got ${batch}`);
  const run: DatasetSpec = { ...spec, seed };
  const projectRoot = resolve(opts.projectRoot);
  const targetDir = resolve(opts.targetDir);
  const dbPath = resolve(opts.dbPath);
  mkdirSync(targetDir, { recursive: true });
  removeStaleTemps(targetDir);
  if (opts.signal?.aborted) throw new CancelledError();
  // Fail before minutes of work, not after, when another process holds the file.
  if (!opts.warehouse && existsSync(dbPath)) {
    (await Warehouse.open({ path: dbPath, projectRoot, targetDir, readOnly: true })).close();
  }

  const tempPath = tempDbPath(targetDir);
  let committed = false;
  try {
    const wh = await Warehouse.open({
      path: tempPath,
      projectRoot,
      targetDir,
      ...(opts.threads ? { threads: opts.threads } : {}),
      settings: { enable_progress_bar: true, enable_progress_bar_print: false, preserve_insertion_order: true },
    });
    let built;
    try {
      built = await buildDataset(wh, run, { scale, batch, onProgress: opts.onProgress, signal: opts.signal, explain: opts.explain });
      await wh.run(`DROP SCHEMA ${q(INTERNAL_SCHEMA)} CASCADE`);
      await wh.run('CHECKPOINT');
    } finally {
      wh.close();
    }
    if (opts.signal?.aborted) throw new CancelledError();
    const c0 = performance.now();
    const commit = await commitTemp({
      tempPath,
      dbPath,
      projectRoot,
      targetDir,
      schema: run.schema,
      tables: run.tables.map((t) => t.name),
      warehouse: opts.warehouse,
      signal: opts.signal,
      compression: built.compression,
      onCopy: (table) => {
        const rows = built.tables.find((t) => `${run.schema}.${t.name}` === table)?.rows ?? 0;
        opts.onProgress?.({ table, rowsDone: 0, rowsTotal: rows, rowsPerSec: 0, phase: 'commit' });
      },
    });
    committed = true;
    const commitSeconds = (performance.now() - c0) / 1000;
    const report: GenerateReport = {
      dataset: run.name,
      specFile: run.file,
      schema: run.schema,
      seed,
      scale,
      batch,
      dbPath,
      commit,
      tables: built.tables.map((t) => ({ ...t, rowsPerSec: t.seconds > 0 ? Math.round(t.rows / t.seconds) : 0 })),
      defects: built.defects,
      timings: {
        planSeconds: built.planSeconds,
        generateSeconds: built.generateSeconds,
        postSeconds: built.postSeconds,
        commitSeconds,
        totalSeconds: 0,
      },
      outputs: [],
    };
    report.outputs = writeOutputs(run, report, targetDir);
    report.timings.totalSeconds = (performance.now() - started) / 1000;
    return report;
  } catch (e) {
    if (e instanceof Error && /cancel/i.test(e.message) && !(e instanceof CancelledError)) throw new CancelledError();
    throw e;
  } finally {
    if (!committed) removeDbFiles(tempPath);
  }
}

function resolveSpec(opts: GenerateOptions): DatasetSpec {
  if (opts.spec) return opts.spec;
  if (!opts.specFile) throw new Error('generateDataset needs specFile or spec');
  const loaded = loadDatasetSpec(resolve(opts.projectRoot, opts.specFile));
  const errors = loaded.problems.filter((p) => p.severity === 'error');
  if (errors.length || !loaded.spec) throw new ProblemError(errors.length ? errors : loaded.problems);
  return loaded.spec;
}
