import { strict as assert } from 'node:assert';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { generateCommand } from '../../../src/cli/commands/generate';
import type { CliIO, ParsedArgs } from '../../../src/cli/command';
import { tempProject } from './helpers';

async function run(dir: string, options: ParsedArgs['options'], json = false): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (l) => out.push(l), err: (l) => err.push(l), json, cwd: dir };
  const code = await generateCommand.run({ positionals: [], options: { ...options, json } }, io);
  return { code, out, err };
}

test('generate prints a line per table and a summary with the injected defects', async () => {
  const dir = tempProject();
  const r = await run(dir, { scale: '0.05', seed: '3' });
  assert.equal(r.code, 0, r.err.join('\n'));
  assert.match(r.out[0], /^Generating retail \(datasets\/retail\.yml\) into warehouse\.duckdb, schema raw$/);
  const line = r.out.find((l) => l.startsWith('raw.transactions '));
  assert.match(line ?? '', /^raw\.transactions \.{3,} [\d,]+ rows \[[\d.]+[kM]? rows\/s\]$/);
  assert.ok(r.out.some((l) => /^Generated 11 tables, [\d,]+ rows in [\d.]+s \(seed 3, scale 0.05, batch 1\)\.$/.test(l)));
  assert.ok(r.out.includes('Injected defects (for tests to catch):'));
  assert.ok(r.out.some((l) => /^ {2}raw\.customers\.phone: 10 malformed$/.test(l)));
  assert.ok(r.out.some((l) => /^ {2}raw\.customers: 5 duplicate keys$/.test(l)));
  assert.ok(r.out.some((l) => /held back for batch 2/.test(l)));
  assert.ok(existsSync(join(dir, 'warehouse.duckdb')));
});

test('--json prints one document with the report', async () => {
  const dir = tempProject();
  const r = await run(dir, { scale: '0.05', db: 'data/other.duckdb' }, true);
  assert.equal(r.code, 0, r.err.join('\n'));
  assert.equal(r.out.length, 1);
  const doc = JSON.parse(r.out[0]) as { ok: boolean; reports: Array<{ tables: unknown[]; defects: unknown[]; dbPath: string }> };
  assert.equal(doc.ok, true);
  assert.equal(doc.reports[0].tables.length, 11);
  assert.equal(doc.reports[0].dbPath, join(dir, 'data', 'other.duckdb'));
  assert.ok(existsSync(join(dir, 'data', 'other.duckdb')));
});

test('a bad spec exits 1 with file:line and writes nothing; bad numbers exit 2', async () => {
  const dir = tempProject({ 'datasets/bad.yml': 'tables:\n  a:\n    rows: 5\n    columns:\n      x: { ref: nowhere.id }\n' });
  const r = await run(dir, { spec: 'datasets/bad.yml' });
  assert.equal(r.code, 1);
  assert.match(r.err[0], /^datasets\/bad\.yml:5:17: error: ref of 'a\.x' names table 'nowhere', which the spec does not define \[unknown-table\]$/);
  assert.ok(!existsSync(join(dir, 'warehouse.duckdb')));
  assert.equal((await run(dir, { scale: '-1' })).code, 2);
  assert.equal((await run(dir, { batch: '0' })).code, 2);
  writeFileSync(join(dir, 'datasets', 'bad.yml'), 'name: x\n');
  assert.equal((await run(tempProject({}), { spec: 'datasets/missing.yml' })).code, 1);
});

test('two specs writing the same schema are refused before anything is written', async () => {
  const dir = tempProject({ 'datasets/second.yml': 'name: second\ntables:\n  t:\n    rows: 3\n    columns:\n      a: { seq: 1 }\n' });
  const r = await run(dir, {});
  assert.equal(r.code, 2);
  assert.match(r.err[0], /datasets\/second\.yml and datasets\/retail\.yml both generate schema raw/);
  assert.ok(!existsSync(join(dir, 'warehouse.duckdb')));
});
