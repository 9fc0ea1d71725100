/**
 * Generator benchmark, in one run on one machine:
 *  1. the ceiling: a trivial `range()` CREATE TABLE AS into a DuckDB file, as wide as the fact
 *     table (and, for reference, one column);
 *  2. the wide realistic fact table `sales` of bench/generate/ten_tables.yml (13 columns: four
 *     foreign keys, Faker pools, normal/log-normal/Zipf numbers, seasonal dates, a derived amount),
 *     written to the file, through `generateDataset`;
 *  3. the whole ten-table dataset (10 M fact rows at scale 1): wall time, start to swap;
 *  4. the same dataset with integer surrogate keys (TPC-DS style) instead of `PREFIX_000123`
 *     strings, to show what string keys cost.
 *
 * node --import tsx bench/generate/bench.ts [--scale 1] [--threads N]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDataset, loadDatasetSpec, type DatasetSpec } from '../../src/core/generate';
import { Warehouse } from '../../src/core/run';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const scale = arg('scale', 1);
const threads = arg('threads', 0);
const M = (n: number) => `${(n / 1e6).toFixed(2)}M`;

async function ceiling(dir: string, rows: number, width: number): Promise<number> {
  const path = join(dir, `ceiling_${width}.duckdb`);
  const wh = await Warehouse.open({ path, projectRoot: dir, targetDir: join(dir, 'target'), ...(threads ? { threads } : {}) });
  try {
    const cols = Array.from({ length: width }, (_, k) => (k === 0 ? 'range AS c0' : `range + ${k} AS c${k}`)).join(', ');
    const t0 = performance.now();
    await wh.run(`CREATE TABLE t AS SELECT ${cols} FROM range(${rows})`);
    await wh.run('CHECKPOINT');
    return rows / ((performance.now() - t0) / 1000);
  } finally {
    wh.close();
    rmSync(path, { force: true });
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ms-bench-gen-'));
  const specFile = join(__dirname, 'ten_tables.yml');
  const loaded = loadDatasetSpec(specFile);
  if (!loaded.spec || loaded.problems.length) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
  const spec = loaded.spec;
  const fact = spec.tables.find((t) => t.name === 'sales');
  const width = fact?.columns.length ?? 13;
  const factRows = Math.round((fact?.rows.kind === 'count' ? fact.rows.count : 0) * scale);

  const ceilingWide = await ceiling(dir, factRows, width);
  const ceilingOne = await ceiling(dir, factRows, 1);

  const run = async (which: DatasetSpec, sub: string) => {
    const cpu0 = process.cpuUsage();
    const report = await generateDataset({
      projectRoot: dir,
      spec: which,
      dbPath: join(dir, sub, 'warehouse.duckdb'),
      targetDir: join(dir, 'target'),
      scale,
      ...(threads ? { threads } : {}),
    });
    const sales = report.tables.find((t) => t.name === 'sales');
    if (!sales) throw new Error('no sales table');
    const cpu = process.cpuUsage(cpu0);
    // CPU time tells more than wall time on a shared machine: what an idle 2-core one would need.
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    return { report, sales, rps: sales.rows / sales.seconds, size: statSync(join(dir, sub, 'warehouse.duckdb')).size, cpuSeconds };
  };
  const strings = await run(spec, 'strings');
  const ints = await run(withIntegerKeys(spec), 'ints');
  const realistic = strings.rps;

  console.log(`DuckDB generator benchmark (scale ${scale}, threads ${threads || 'all'}, load average ${loadavg()[0].toFixed(1)})`);
  console.log('');
  console.log('| measure | rows | rows/s | vs ceiling |');
  console.log('| --- | --- | --- | --- |');
  console.log(`| ceiling: trivial range() CREATE TABLE AS, ${width} columns, into a file | ${M(factRows)} | ${M(ceilingWide)} | 100% |`);
  console.log(`| ceiling: trivial range() CREATE TABLE AS, 1 column, into a file | ${M(factRows)} | ${M(ceilingOne)} | |`);
  console.log(`| realistic fact table (sales, ${width} columns, string keys like TXN_00000001) | ${M(strings.sales.rows)} | ${M(strings.rps)} | ${pct(strings.rps, ceilingWide)} |`);
  console.log(`| same, integer surrogate keys (TPC-DS style) | ${M(ints.sales.rows)} | ${M(ints.rps)} | ${pct(ints.rps, ceilingWide)} |`);
  console.log('');
  console.log(`ratio realistic / ${width}-column ceiling: ${pct(realistic, ceilingWide)} (1-column ceiling: ${pct(realistic, ceilingOne)})`);
  console.log(`targets: ≥ 1.5M rows/s (${realistic >= 1.5e6 ? 'met' : 'NOT met'}), ≥ 50% of the ceiling (${realistic >= ceilingWide / 2 ? 'met' : 'NOT met'})`);
  for (const [label, r] of [['string keys', strings], ['integer keys', ints]] as const) {
    const t = r.report.timings;
    const totalRows = r.report.tables.reduce((a, x) => a + x.rows, 0);
    console.log('');
    console.log(`ten tables (${label}), ${M(totalRows)} rows (${M(r.sales.rows)} in the fact table): ${t.totalSeconds.toFixed(1)} s end to end ` +
      `(pools and drivers ${t.planSeconds.toFixed(1)} s, tables ${t.generateSeconds.toFixed(1)} s, batches/defects/aggregates ${t.postSeconds.toFixed(1)} s, swap ${t.commitSeconds.toFixed(1)} s); file ${(r.size / 1e6).toFixed(0)} MB`);
    console.log(`  CPU time of the whole run: ${r.cpuSeconds.toFixed(1)} s = ${((r.cpuSeconds * 1e6) / totalRows).toFixed(2)} µs per row (wall/CPU ${(t.totalSeconds / r.cpuSeconds).toFixed(2)}; 0.5 means both cores busy)`);
    for (const tb of r.report.tables) console.log(`  ${tb.name.padEnd(12)} ${String(tb.rows).padStart(10)} rows  ${tb.seconds.toFixed(2).padStart(6)} s  ${M(tb.rowsPerSec)} rows/s`);
  }
  rmSync(dir, { recursive: true, force: true });
}

const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(0)}%`;

/** The same dataset with every `PREFIX_{seq}` key replaced by an integer sequence. */
function withIntegerKeys(spec: DatasetSpec): DatasetSpec {
  return {
    ...spec,
    tables: spec.tables.map((t) => ({
      ...t,
      columns: t.columns.map((c) => (c.gen.kind === 'id' ? { ...c, gen: { kind: 'seq' as const, start: 1, step: 1 } } : c)),
    })),
  };
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
