/**
 * `generate`: synthetic tables from `datasets/*.yml` into the project's DuckDB file, with a
 * progress line per table and a summary of what was injected on purpose.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { CancelledError, generateDataset, loadDatasetSpec, type GenerateReport, type Progress } from '../../core/generate';
import { formatProblem, ProblemError, type Problem } from '../../core/problems';
import { loadProject } from '../../core/project';
import { WarehouseLockedError } from '../../core/run';
import type { CliCommand, CliIO, ParsedArgs } from '../command';

const num = (n: number) => Math.round(n).toLocaleString('en-US');
const rate = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : `${Math.round(n)}`);

export const generateCommand: CliCommand = {
  name: 'generate',
  summary: 'Generate synthetic tables from a dataset spec (datasets/*.yml) into the DuckDB file',
  options: [
    { name: 'spec', type: 'string', description: 'Dataset spec file (default: every datasets/*.yml of the project)' },
    { name: 'scale', type: 'string', description: 'Scale factor for row counts (e.g. 0.1, 10)' },
    { name: 'seed', type: 'string', description: 'Seed (default: the spec\'s); same seed, same tables' },
    { name: 'batch', type: 'string', description: 'Change batch: 2 and later add updates, late and deleted rows' },
    { name: 'db', type: 'string', description: 'DuckDB file (default: the profile\'s path, else <project>/warehouse.duckdb)' },
    { name: 'project-dir', type: 'string', description: 'Project folder (default: current folder)' },
    { name: 'json', type: 'boolean', description: 'Print one JSON document instead of progress lines' },
  ],
  async run(args, io) {
    const root = resolve(io.cwd, typeof args.options['project-dir'] === 'string' ? args.options['project-dir'] : '.');
    const numbers = parseNumbers(args, io);
    if (!numbers) return 2;
    const specs = specFiles(args, root);
    if (!specs.length) {
      io.err(`No dataset spec found: pass --spec or add datasets/<name>.yml under ${root}.`);
      return 2;
    }
    const { dbPath, targetDir } = locations(args, root);
    const controller = new AbortController();
    const onSignal = () => controller.abort();
    process.once('SIGINT', onSignal);
    const reports: GenerateReport[] = [];
    const loadedSpecs = specs.map((file) => ({ file, loaded: loadDatasetSpec(file) }));
    const bySchema = new Map<string, string>();
    for (const { file, loaded } of loadedSpecs) {
      if (!loaded.spec) continue;
      const other = bySchema.get(loaded.spec.schema);
      // Each run replaces its schema whole: two specs there would erase each other.
      if (other) {
        io.err(`${relative(root, file)} and ${relative(root, other)} both generate schema ${loaded.spec.schema}; give one of them another schema:, or pass --spec.`);
        return 2;
      }
      bySchema.set(loaded.spec.schema, file);
    }
    try {
      for (const { file, loaded } of loadedSpecs) {
        const errors = loaded.problems.filter((p) => p.severity === 'error');
        if (errors.length || !loaded.spec) return fail(io, loaded.problems, root, reports);
        if (!io.json) io.out(`Generating ${loaded.spec.name} (${relative(root, file)}) into ${relative(root, dbPath) || dbPath}, schema ${loaded.spec.schema}`);
        const report = await generateDataset({
          projectRoot: root,
          spec: loaded.spec,
          dbPath,
          targetDir,
          ...numbers,
          signal: controller.signal,
          onProgress: io.json ? undefined : progressPrinter(io),
        });
        reports.push(report);
        if (!io.json) printSummary(io, report, root);
      }
    } catch (e) {
      if (e instanceof ProblemError) return fail(io, e.problems, root, reports);
      if (e instanceof CancelledError || e instanceof WarehouseLockedError || e instanceof RangeError) {
        if (io.json) io.out(JSON.stringify({ ok: false, error: e.message, reports }, null, 2));
        else io.err(e.message);
        return e instanceof RangeError ? 2 : 1;
      }
      throw e;
    } finally {
      process.removeListener('SIGINT', onSignal);
    }
    if (io.json) io.out(JSON.stringify({ ok: true, reports }, null, 2));
    return 0;
  },
};

function parseNumbers(args: ParsedArgs, io: CliIO): { scale?: number; seed?: number; batch?: number } | undefined {
  const out: { scale?: number; seed?: number; batch?: number } = {};
  for (const name of ['scale', 'seed', 'batch'] as const) {
    const raw = args.options[name];
    if (typeof raw !== 'string') continue;
    const n = Number(raw);
    const ok = name === 'scale' ? n > 0 && Number.isFinite(n) : Number.isInteger(n) && n >= (name === 'batch' ? 1 : 0);
    if (!ok) {
      io.err(`--${name} must be ${name === 'scale' ? 'a positive number' : name === 'batch' ? 'a whole number from 1' : 'a whole number ≥ 0'}, got '${raw}'.`);
      return undefined;
    }
    out[name] = n;
  }
  return out;
}

function specFiles(args: ParsedArgs, root: string): string[] {
  const spec = args.options.spec;
  if (typeof spec === 'string') return [resolve(root, spec)];
  const dir = join(root, 'datasets');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(dir, f));
}

/** The file the engine builds on: `--db`, else the profile's path, else `<project>/warehouse.duckdb`. */
function locations(args: ParsedArgs, root: string): { dbPath: string; targetDir: string } {
  const db = typeof args.options.db === 'string' ? resolve(root, args.options.db) : undefined;
  if (existsSync(join(root, 'dbt_project.yml'))) {
    const project = loadProject(root);
    const path = project.target.path === ':memory:' ? join(root, 'warehouse.duckdb') : project.target.path;
    return { dbPath: db ?? path, targetDir: resolve(root, project.config.targetPath || 'target') };
  }
  return { dbPath: db ?? join(root, 'warehouse.duckdb'), targetDir: join(root, 'target') };
}

function progressPrinter(io: CliIO): (p: Progress) => void {
  let last = '';
  let lastAt = 0;
  return (p) => {
    if (p.phase === 'commit') {
      io.out(`copying ${p.table} into the database file (${num(p.rowsTotal)} rows)`);
      return;
    }
    const done = p.rowsDone >= p.rowsTotal;
    const now = Date.now();
    // Finished tables always print; in-flight updates at most every two seconds.
    if (!done && (now - lastAt < 2000 || p.table !== last)) {
      if (p.table !== last) {
        last = p.table;
        lastAt = now;
      }
      return;
    }
    lastAt = now;
    last = p.table;
    const head = `${p.table} `;
    const tail = ` ${num(p.rowsDone)} rows${done ? '' : ` of ${num(p.rowsTotal)}`} [${rate(p.rowsPerSec)} rows/s]`;
    io.out(`${head}${'.'.repeat(Math.max(3, 60 - head.length - tail.length))}${tail}`);
  };
}

function printSummary(io: CliIO, r: GenerateReport, root: string): void {
  const rows = r.tables.reduce((a, t) => a + t.rows, 0);
  io.out('');
  io.out(`Generated ${r.tables.length} tables, ${num(rows)} rows in ${r.timings.totalSeconds.toFixed(2)}s (seed ${r.seed}, scale ${r.scale}, batch ${r.batch}).`);
  for (const t of r.tables) {
    const c = t.changes;
    if (!c) continue;
    const parts = [
      c.inserted && `${num(c.inserted)} inserted`,
      c.late && `${num(c.late)} late`,
      c.updated && `${num(c.updated)} updated`,
      c.deleted && `${num(c.deleted)} deleted`,
      c.removedWithParent && `${num(c.removedWithParent)} removed with their parent`,
      c.heldBack && `${num(c.heldBack)} held back for batch 2`,
    ].filter(Boolean);
    if (parts.length) io.out(`  ${r.schema}.${t.name}: ${parts.join(', ')}`);
  }
  if (r.defects.length) {
    io.out('Injected defects (for tests to catch):');
    for (const d of r.defects) io.out(`  ${r.schema}.${d.table}${d.column ? `.${d.column}` : ''}: ${num(d.count)} ${d.type.replace(/_/g, ' ')}`);
  } else {
    io.out('No defects injected.');
  }
  io.out(`Wrote ${r.outputs.map((p) => relative(root, p)).join(', ')}`);
}

function fail(io: CliIO, problems: Problem[], root: string, reports: GenerateReport[]): number {
  if (io.json) io.out(JSON.stringify({ ok: false, problems, reports }, null, 2));
  else {
    for (const p of problems) io.err(formatProblem(p, root));
    io.err(`\n${problems.length} problem(s) in the dataset spec: nothing was written.`);
  }
  return 1;
}
