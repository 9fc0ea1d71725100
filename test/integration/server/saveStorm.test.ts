/**
 * Issue 10's save storm: 50 saves of one model within a few seconds, alternating good SQL, SQL
 * with an error and a query that would run for minutes. The server must keep one run in flight,
 * interrupt the slow ones, end with diagnostics and rows of the final text, and leave no DuckDB
 * query behind (the file can be opened by another process as soon as the server lets go of it).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { Requests, type RunCounts } from '../../../src/protocol';
import { copyTemplate } from '../../helpers/tempProject';
import { LspHarness } from './harness';

const HEAD = "{{ config(materialized='table') }}\n";
const good = (i: number) => `${HEAD}select ${i} as n, 'save ${i}' as label\n`;
/** The unknown column sits on line 3 (index 2); its name says which save wrote it. */
const bad = (i: number) => `${HEAD}select ${i} as n,\n  no_such_column_${i} as label\n`;
const BAD_LINE = 2;
// 4·10¹⁰ rows: minutes of work unless interrupted.
const slow = (i: number) => `${HEAD}select sum((a.range * b.range) % 7) + ${i} as n, 'slow' as label from range(200000) a, range(200000) b\n`;

const SAVES = 50;
const SHORT_GAP_MS = 15;
/** Longer than the debounce, so the run of a slow text really starts and must be interrupted. */
const LONG_GAP_MS = 400;
const DEBOUNCE_MS = 200;

void describe('save storm: 50 saves of one model', () => {
  let dir: string;
  let db: string;
  let model: string;
  let lsp: LspHarness;

  before(async () => {
    dir = copyTemplate('jaffle_shop');
    db = join(dir, 'jaffle_shop.duckdb');
    model = join(dir, 'models/storm.sql');
    writeFileSync(model, good(-1));
    lsp = await LspHarness.start(dir, { trusted: true, settings: { onSave: 'run', saveDebounceMs: DEBOUNCE_MS } });
    await lsp.open(model);
    // Open the database and build once, so the storm measures saves, not the first open.
    const since = lsp.results.length;
    await lsp.save(model);
    assert.equal((await lsp.waitForResult('storm', since, 60_000)).state.status, 'success');
  });

  after(async () => {
    await lsp?.stop();
  });

  /** The server's run counts for the project, once no save is waiting and no run is in flight. */
  async function settled(): Promise<RunCounts> {
    let last: RunCounts | undefined;
    const end = Date.now() + 60_000;
    while (Date.now() < end) {
      const stats = await lsp.request(Requests.serverStats, {});
      const p = stats.projects.find((x) => x.root === dir);
      assert.ok(p, 'the project is known to the server');
      last = p.runs;
      if (!p.savesPending && p.runs.inFlight === 0) return p.runs;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.fail(`the storm never settled within 60 s: ${JSON.stringify(last)} (a run left in flight?)`);
  }

  /** 50 saves; returns how long they took. Before the last long gap it waits until a slow run is really running. */
  async function storm(finalText: string): Promise<{ ms: number; before: RunCounts }> {
    const before = await settled();
    const t0 = Date.now();
    for (let i = 0; i < SAVES; i++) {
      const text = i === SAVES - 1 ? finalText : [good, bad, slow][i % 3](i);
      writeFileSync(model, text);
      const statusesBefore = lsp.statuses.length;
      await lsp.save(model);
      if (i === SAVES - 1) break;
      const longGap = i % 6 === 5; // always right after a slow text
      if (i === SAVES - 3) {
        // State, not time: the last slow run must be in flight when the next save arrives.
        await lsp.waitFor('the slow run to start', () => lsp.statuses.slice(statusesBefore).some((s) => s.kind === 'running' && s.what.includes('storm')), 30_000);
      }
      await new Promise((r) => setTimeout(r, longGap ? LONG_GAP_MS : SHORT_GAP_MS));
    }
    return { ms: Date.now() - t0, before };
  }

  function checkRuns(before: RunCounts, after: RunCounts): void {
    const started = after.started - before.started;
    console.log(`runs during the storm: ${JSON.stringify({ started, finished: after.finished - before.finished, cancelled: after.cancelled - before.cancelled, failed: after.failed - before.failed, peakInFlight: after.peakInFlight })}`);
    assert.equal(after.peakInFlight, 1, 'never more than one run in flight');
    assert.equal(after.inFlight, 0);
    assert.equal(after.started, after.finished + after.cancelled + after.failed, 'every run that started has ended');
    assert.ok(after.cancelled - before.cancelled >= 1, 'at least the slow run in flight was interrupted');
    assert.ok(started <= 20, `the debounce turned ${SAVES} saves into ${started} runs`);
    assert.equal(after.failed, 0, 'no run failed with an exception (SQL errors are results)');
  }

  void it('ending on SQL with an error: exactly that error, at its line', async () => {
    const finalText = bad(SAVES - 1);
    const { ms, before } = await storm(finalText);
    console.log(`${SAVES} saves in ${ms} ms`);
    const after = await settled();
    checkRuns(before, after);
    const diags = lsp.diagnosticsOf(model);
    assert.equal(diags.length, 1, JSON.stringify(diags));
    assert.equal(diags[0].range.start.line, BAD_LINE);
    assert.match(diags[0].message, new RegExp(`no_such_column_${SAVES - 1}`));
    const last = lsp.results.flat().filter((r) => r.name === 'storm').at(-1);
    assert.equal(last?.state.status, 'error');
  });

  void it('ending on good SQL: no diagnostics, the table holds its rows, the file is free at once', async () => {
    const { ms, before } = await storm(good(SAVES - 1));
    console.log(`${SAVES} saves in ${ms} ms`);
    const after = await settled();
    checkRuns(before, after);
    assert.deepEqual(lsp.diagnosticsOf(model), []);
    assert.equal(lsp.results.flat().filter((r) => r.name === 'storm').at(-1)?.state.status, 'success');

    const preview = await lsp.request(Requests.preview, { source: 'sql', projectRoot: dir, sql: "select * from {{ ref('storm') }}" });
    assert.ok(preview.ok, JSON.stringify(preview));
    assert.deepEqual(preview.data.rows, [[SAVES - 1, `save ${SAVES - 1}`]]);

    // No query left running in the server: once released, another process opens the file at once.
    const { released } = await lsp.request(Requests.releaseDatabase, {});
    assert.equal(released, 1);
    const other = await DuckDBInstance.create(db);
    try {
      const c = await other.connect();
      const rows = (await c.runAndReadAll('select n, label from main.storm')).getRowsJS();
      assert.deepEqual(rows, [[SAVES - 1, `save ${SAVES - 1}`]]);
      c.closeSync();
    } finally {
      other.closeSync();
    }
  });
});
