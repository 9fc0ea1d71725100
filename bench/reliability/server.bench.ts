/**
 * Issue 10's memory figures for the language server itself (printed, not asserted): the built
 * dist/server.js, spawned as the extension does, on a 1,000-model project next to a
 * 10-million-row table. Resident memory comes from the server (serverStats) and its peak from
 * /proc/<pid>/status, after each step a user would take (after a full garbage collection).
 * Run: `npm run bench -- reliability/server`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Requests } from '../../src/protocol';
import { LspHarness } from '../../test/integration/server/harness';
import { writeSyntheticProject } from '../engine/syntheticProject';

const MODELS = Number(process.env.BENCH_MODELS ?? 1000);
const BIG_ROWS = Number(process.env.BENCH_ROWS ?? 10_000_000);
const MB = 1024 * 1024;

/** The sources the staging models read and the big table, written before the server starts. */
async function prepareDatabase(dir: string): Promise<void> {
  const text = readFileSync(join(dir, 'models/staging/sources.yml'), 'utf8');
  const tables = [...text.matchAll(/- name: (t\d+)/g)].map((m) => m[1]);
  const inst = await DuckDBInstance.create(join(dir, 'warehouse.duckdb'));
  const c = await inst.connect();
  await c.run('create schema if not exists raw');
  for (const t of tables) {
    await c.run(`create or replace table raw.${t} as select range as id, range * 100 as amount_cents, 'A' as a, 'B' as b, 'C' as c, 'D' as d, date '2024-06-01' as created_at from range(100)`);
  }
  await c.run(`create or replace table main.big as select range as id, range % 1000 as g, date '2024-01-01' + (range % 366)::integer as d from range(${BIG_ROWS})`);
  c.closeSync();
  inst.closeSync();
}

function peakMb(pid: number): string {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? `${(Number(m[1]) / 1024).toFixed(0)} MB` : '?';
}

async function main(): Promise<void> {
  const dir = writeSyntheticProject(MODELS);
  await prepareDatabase(dir);
  const lsp = await LspHarness.start(dir, { trusted: true, settings: { onSave: 'off', releaseDatabaseAfterSeconds: 3600 } });
  const rows: string[][] = [];
  const mark = async (step: string, t0: number) => {
    const s = await lsp.request(Requests.serverStats, { collect: true });
    rows.push([step, `${((performance.now() - t0) / 1000).toFixed(2)} s`, `${(s.rssBytes / MB).toFixed(0)} MB`, peakMb(s.pid), `${(s.heapUsedBytes / MB).toFixed(0)} MB`]);
  };
  try {
    let t0 = performance.now();
    await mark('started (the project loads at once)', t0);
    const projects = await lsp.request(Requests.projects, {});
    await mark(`load ${projects[0]?.nodes.length ?? 0} nodes (${MODELS} models)`, t0);
    t0 = performance.now();
    const built = await lsp.request(Requests.run, { target: 'project', projectRoot: dir, command: 'run' });
    await mark(`run all models (${built.ok ? built.summary.counts : built.message.slice(0, 60)})`, t0);
    for (const limit of [500, 100_000]) {
      t0 = performance.now();
      const p = await lsp.request(Requests.preview, { source: 'sql', projectRoot: dir, sql: 'select * from main.big', limit });
      await mark(`preview ${p.ok ? `${p.data.rows.length} of ${p.data.rowCount.toLocaleString('en-US')}` : p.message.slice(0, 60)} rows`, t0);
    }
    for (let i = 1; i <= 6; i++) {
      t0 = performance.now();
      await lsp.request(Requests.run, { target: 'project', projectRoot: dir, command: 'compile' });
      await mark(`compile all #${i}`, t0);
    }
    t0 = performance.now();
    await lsp.request(Requests.releaseDatabase, {});
    await mark('database released', t0);
  } finally {
    await lsp.stop();
  }
  const head = ['step', 'time', 'RSS', 'peak RSS', 'JS heap'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const r of [head, ...rows]) console.log(r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  '));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
