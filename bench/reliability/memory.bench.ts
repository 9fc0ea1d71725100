/**
 * Issue 10's memory figures (printed, not asserted): resident memory of a process that loads a
 * 1,000-model project, compiles it, builds it into DuckDB, previews a 10-million-row table, and
 * reloads the project a few times (a leak would grow with each reload).
 * Run: `npm run bench -- reliability` (bundled, as shipped).
 */
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Engine } from '../../src/core/engine';
import { Warehouse } from '../../src/core/run';
import { writeSyntheticProject } from '../engine/syntheticProject';

const MODELS = Number(process.env.BENCH_MODELS ?? 1000);
const MB = 1024 * 1024;
const rows: Array<[string, string, string]> = [];
// A collection before each reading, so the figures show what is kept, not what awaits collection.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function mark(step: string, t0: number): void {
  const elapsed = performance.now() - t0;
  gc();
  const m = process.memoryUsage();
  rows.push([step, `${(elapsed / 1000).toFixed(2)} s`, `RSS ${(m.rss / MB).toFixed(0)} MB, heap ${(m.heapUsed / MB).toFixed(0)} MB`]);
}

async function main(): Promise<void> {
  let t0 = performance.now();
  mark('start', t0);
  const dir = writeSyntheticProject(MODELS);
  t0 = performance.now();
  let engine = Engine.load(dir);
  mark(`load ${MODELS} models`, t0);
  t0 = performance.now();
  for (const n of Object.values(engine.manifest.nodes)) if (n.resource_type === 'model') engine.compile(n);
  mark('compile every model', t0);

  // The sources the staging models read, then the whole DAG into DuckDB.
  const sources = Object.values(engine.manifest.sources);
  const wh = await engine.warehouse();
  await wh.run('create schema if not exists raw');
  for (const s of sources) {
    await wh.run(`create or replace table raw.${s.name} as select range as id, range * 100 as amount_cents, 'A' as a, 'B' as b, 'C' as c, 'D' as d, date '2024-06-01' as created_at from range(100)`);
  }
  t0 = performance.now();
  const rr = await engine.execute(engine.select('run').ids);
  const failed = rr.results.filter((r) => r.status === 'error').length;
  mark(`build ${rr.results.length} models (${failed} errors)`, t0);

  t0 = performance.now();
  await wh.run("create or replace table main.big as select range as id, range % 1000 as g, date '2024-01-01' + (range % 366)::integer as d from range(10000000)");
  mark('create a 10,000,000-row table', t0);
  t0 = performance.now();
  const preview = await wh.queryWithColumns('select * from (\nselect * from main.big\n) as preview limit 100');
  mark(`preview ${preview.rows.length} rows of it (as show does)`, t0);
  const plan = (await wh.query('explain select * from (select * from main.big) as preview limit 100')).map((r) => String(r.explain_value)).join('');
  rows.push(['  plan', '', /STREAMING_LIMIT/.test(plan) ? 'STREAMING_LIMIT over SEQ_SCAN (the scan stops early)' : 'no streaming limit!']);
  engine.close();

  for (let i = 1; i <= 5; i++) {
    t0 = performance.now();
    engine = Engine.load(dir);
    for (const n of Object.values(engine.manifest.nodes)) if (n.resource_type === 'model') engine.compile(n);
    engine.close();
    mark(`reload + compile #${i}`, t0);
  }
  // A released warehouse holds no DuckDB memory: what the editor keeps while idle.
  const idle = await Warehouse.open({ path: join(dir, 'warehouse.duckdb'), projectRoot: dir, targetDir: join(dir, 'target'), idleReleaseMs: 10 });
  await idle.query('select count(*) from main.big');
  await new Promise((r) => setTimeout(r, 50));
  mark(`idle warehouse released: ${!idle.isOpen}`, performance.now());
  idle.close();

  const w = Math.max(...rows.map((r) => r[0].length));
  for (const [step, time, mem] of rows) console.log(`${step.padEnd(w)}  ${time.padStart(8)}  ${mem}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
