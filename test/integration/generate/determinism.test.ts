import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { checksums, generate, retailSpec, tempProject, withDb } from './helpers';

const CHILD = join(__dirname, 'child.ts');

function childChecksums(dir: string, seed: number): Record<string, string> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CHILD, dir, String(seed), '0.1', 'checksums'], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  const line = r.stdout.split('\n').find((l) => l.startsWith('checksums '));
  assert.ok(line, r.stdout);
  return JSON.parse(line.slice('checksums '.length)) as Record<string, string>;
}

test('the same seed gives the same tables, row for row, in two separate processes', () => {
  const a = childChecksums(tempProject(), 7);
  const b = childChecksums(tempProject(), 7);
  assert.equal(Object.keys(a).length, 11);
  assert.deepEqual(a, b);
});

test('another seed gives other tables', async () => {
  const a = tempProject();
  const b = tempProject();
  await generate(a, { seed: 7, scale: 0.1 });
  await generate(b, { seed: 8, scale: 0.1 });
  const sa = await withDb(a, (wh) => checksums(wh, retailSpec(a)));
  const sb = await withDb(b, (wh) => checksums(wh, retailSpec(b)));
  // Fixed-content tables (the date dimension) stay; everything drawn at random changes.
  assert.equal(sa.dates, sb.dates);
  for (const t of ['customers', 'orders', 'transactions', 'inventory', 'interactions']) assert.notEqual(sa[t], sb[t], t);
});
