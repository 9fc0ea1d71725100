/**
 * The bad-input corpus (test/fixtures/bad-input/ plus the cases generated in badInput/cases.ts):
 * every case ends in problems with a place (a project file and a line inside it), no exception
 * escapes Engine.load/compile/execute or loadDatasetSpec, and none hangs: each runs in a worker
 * thread with a deadline, and a case that overruns it is a failure (the worker is replaced and the
 * corpus goes on, in this one process).
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { allCases, handWritten, type BadCase } from './badInput/cases';
import type { CaseOutcome } from './badInput/worker';

const CASE_TIMEOUT_MS = 30_000;
const WORKER = join(__dirname, 'badInput', 'worker.ts');

class CaseRunner {
  private worker: Worker | undefined;

  private start(): Worker {
    // Worker threads do not inherit tsx's loader: register it in the thread, then load the worker.
    const code = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(WORKER)});`;
    this.worker = new Worker(code, { eval: true, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: 1536 } });
    return this.worker;
  }

  run(c: BadCase): Promise<CaseOutcome | { id: string; failure: string }> {
    const w = this.worker ?? this.start();
    return new Promise((resolve) => {
      const done = (r: CaseOutcome | { id: string; failure: string }) => {
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('error', onError);
        resolve(r);
      };
      const onMessage = (o: CaseOutcome) => done(o);
      const onError = (e: Error) => {
        this.worker = undefined;
        done({ id: c.id, failure: `worker died: ${e.message}` });
      };
      const timer = setTimeout(() => {
        this.worker = undefined;
        void w.terminate();
        done({ id: c.id, failure: `no answer within ${CASE_TIMEOUT_MS} ms (hang)` });
      }, CASE_TIMEOUT_MS);
      w.on('message', onMessage);
      w.on('error', onError);
      w.postMessage(c);
    });
  }

  async stop(): Promise<void> {
    await this.worker?.terminate();
  }
}

test('bad-input corpus: every case ends in problems with a place; nothing escapes, nothing hangs', { timeout: 900_000 }, async () => {
  const cases = allCases();
  const fixtures = handWritten().length;
  console.log(`bad-input corpus: ${cases.length} cases (${cases.length - fixtures} generated, ${fixtures} hand-written)`);
  const failures: string[] = [];
  const times: Array<[number, string]> = [];
  const started = performance.now();
  const queue = [...cases];
  // Two threads: the cases are independent, and most of a case's time is DuckDB starting up.
  const lanes = Array.from({ length: 2 }, async () => {
    const runner = new CaseRunner();
    try {
      for (let c = queue.shift(); c; c = queue.shift()) {
        const o = await runner.run(c);
        if ('failure' in o) {
          failures.push(`${o.id}: ${o.failure}`);
          continue;
        }
        times.push([o.ms, o.id]);
        if (o.escaped) failures.push(`${o.id}: exception escaped: ${o.escaped}`);
        else if (!o.problems.length) failures.push(`${o.id}: no problem reported`);
        else if (!o.placed) failures.push(`${o.id}: no problem with a place in the project: ${JSON.stringify(o.problems.slice(0, 2))}`);
        // Generated faults are in the bad file by construction; a hand-written one may rightly be
        // reported where it takes effect (a materialization set in YAML, at the model).
        else if (!o.onBadFile && !c.id.startsWith('jinja:macro') && !c.id.startsWith('fixture:')) failures.push(`${o.id}: no problem points at ${c.bad}: ${JSON.stringify(o.problems.slice(0, 2).map((p) => `${p.file.slice(o.root.length)}:${p.line} ${p.message}`))}`);
      }
    } finally {
      await runner.stop();
    }
  });
  await Promise.all(lanes);
  times.sort((a, b) => b[0] - a[0]);
  console.log(`bad-input corpus ran in ${((performance.now() - started) / 1000).toFixed(1)} s; slowest: ${times.slice(0, 3).map(([ms, id]) => `${id} ${ms.toFixed(0)} ms`).join(', ')}`);
  assert.deepEqual(failures, []);
  assert.ok(cases.length >= 500, `only ${cases.length} cases`);
});
