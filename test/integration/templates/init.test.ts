/**
 * `model-studio init`: without --template it lists every template with a line from its README
 * (text or JSON); a folder without a template is refused, not filled with jaffle_shop; each
 * template of issue 9 is copied whole (no build output, no database) and `--template jaffle_shop`
 * still works.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { templateNames, templateSummary } from '../../../src/cli/commands/init';
import { cli } from '../../helpers/cli';

const MINE = ['bookstore', 'recsys', 'medallion'];

void test('init alone lists the templates with one line each, and exits 0', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'ms-init-'));
  const r = await cli(cwd, 'init');
  assert.equal(r.code, 0, r.err);
  const lines = r.out.split('\n');
  assert.match(lines[0], /^Templates \(model-studio init --template NAME \[DIR\]\):$/);
  const names = templateNames();
  for (const n of [...MINE, 'jaffle_shop']) assert.ok(names.includes(n), n);
  assert.equal(lines.length, names.length + 1);
  for (const n of names) {
    const line = lines.find((l) => l.trimStart().startsWith(`${n} `));
    assert.ok(line, `${n} listed`);
    assert.ok(line.endsWith(templateSummary(n)), line);
  }
  for (const n of names) assert.ok(templateSummary(n).length > 0, `${n} has a description`);
  assert.equal(templateSummary('bookstore'), 'book sales analytics, ML features and A/B tests (seed 000)');
  assert.equal(templateSummary('recsys'), 'interaction data prepared for a recommender (seed 001)');
  assert.equal(templateSummary('medallion'), 'bronze, silver and gold layers over raw events, with an Airflow DAG (seed 002)');
  assert.equal(templateSummary('jaffle_shop'), 'The classic dbt example shop, as a dbt-duckdb project');
  assert.deepEqual(readdirSync(cwd), [], 'listing creates nothing');
  const json = await cli(cwd, 'init', '--list', '--json');
  assert.equal(json.code, 0);
  const doc = JSON.parse(json.out) as { templates: Array<{ name: string; description: string }> };
  assert.deepEqual(doc.templates.map((t) => t.name), names);
  assert.equal(doc.templates.find((t) => t.name === 'medallion')?.description, templateSummary('medallion'));
});

void test('a folder without --template is refused with the list, instead of becoming jaffle_shop', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'ms-init-'));
  const r = await cli(cwd, 'init', 'shop');
  assert.equal(r.code, 2);
  assert.match(r.out, /bookstore/);
  assert.match(r.err, /Choose a template for shop: model-studio init --template NAME shop/);
  assert.ok(!existsSync(join(cwd, 'shop')));
  const unknown = await cli(cwd, 'init', '--template', 'bookshop', 'shop');
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /No template 'bookshop'\. Templates: .*bookstore/);
});

void test('each template is copied whole; --template jaffle_shop still works', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'ms-init-'));
  for (const name of [...MINE, 'jaffle_shop']) {
    const r = await cli(parent, 'init', '--template', name, name);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, new RegExp(`Created ${name} project in `));
    for (const f of ['dbt_project.yml', 'profiles.yml', 'README.md', 'models']) assert.ok(existsSync(join(parent, name, f)), `${name}/${f}`);
    assert.ok(!existsSync(join(parent, name, 'target')), `${name} has no target/`);
    assert.ok(!readdirSync(join(parent, name)).some((f) => f.endsWith('.duckdb')), `${name} has no database`);
  }
  for (const name of MINE) assert.ok(existsSync(join(parent, name, 'datasets', `${name}.yml`)), `${name} dataset spec`);
  assert.ok(existsSync(join(parent, 'recsys', 'data_lake', 'README.md')), 'the export folder exists before the first build');
});
