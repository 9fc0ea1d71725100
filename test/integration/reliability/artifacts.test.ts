/**
 * target/ artifacts are written atomically: a reader polling manifest.json and run_results.json
 * from another thread while builds run never sees half a file.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { Engine } from '../../../src/core/engine';
import { writeProject } from '../../helpers/tempProject';

// Plain JS in a worker thread: it reads while the main thread writes, truly in parallel.
const READER = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const stop = new Int32Array(workerData.stop);
let reads = 0, bad = 0, first = '';
while (Atomics.load(stop, 0) === 0) {
  for (const f of workerData.files) {
    let text;
    try { text = readFileSync(f, 'utf8'); } catch { continue; }
    reads++;
    try { JSON.parse(text); } catch { bad++; if (!first) first = f + ' (' + text.length + ' chars)'; }
  }
}
parentPort.postMessage({ reads, bad, first });
`;

test('a reader polling manifest.json and run_results.json during builds never sees invalid JSON', { timeout: 120_000 }, async () => {
  const files: Record<string, string> = { 'dbt_project.yml': 'name: art\nprofile: art\nconfig-version: 2\n' };
  const yaml = ['version: 2', 'models:'];
  for (let i = 0; i < 40; i++) {
    files[`models/m${i}.sql`] = i === 0 ? 'select 1 as id' : `select id + ${i} as id from {{ ref('m${Math.floor(i / 2)}') }}`;
    // Long descriptions make the manifest big enough that a plain write takes a while.
    yaml.push(`  - name: m${i}`, `    description: "${'a model with a long description '.repeat(120)}"`);
  }
  files['models/schema.yml'] = yaml.join('\n') + '\n';
  const dir = writeProject(files);
  const target = join(dir, 'target');
  const stop = new SharedArrayBuffer(4);
  const reader = new Worker(READER, { eval: true, execArgv: [], workerData: { files: [join(target, 'manifest.json'), join(target, 'run_results.json')], stop } });
  const result = new Promise<{ reads: number; bad: number; first: string }>((resolve, reject) => {
    reader.once('message', resolve);
    reader.once('error', reject);
  });
  const engine = Engine.load(dir);
  try {
    for (let round = 0; round < 3; round++) {
      const rr = await engine.execute(engine.select('run').ids);
      assert.ok(rr.results.every((r) => r.status === 'success'));
      // Guards: writeFileAtomic (src/core/fsAtomic.ts) behind writeManifest/writeRunResults.
      for (let i = 0; i < 10; i++) engine.writeManifest();
    }
  } finally {
    engine.close();
    Atomics.store(new Int32Array(stop), 0, 1);
  }
  const { reads, bad, first } = await result;
  console.log(`artifact reads during builds: ${reads}, invalid: ${bad}`);
  assert.ok(reads > 100, `the reader only managed ${reads} reads`);
  assert.equal(bad, 0, `saw half-written ${first}`);
});
